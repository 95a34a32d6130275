"""Every family trains with the default, reward, DPO and ORPO trainers through the same entry point the subprocess
runs (`python -m trainers`, here in-process: one step each, LoRA), on conversations that carry a system message.
Where a family has no sequence-classification head, the reward trainer is refused before launch, with what to use
instead. (SFT runs through the real CLI subprocess: test_cli.py.)"""

from __future__ import annotations

import json
import math

import pytest

from tests.conftest import make_project, read_events, run_in_process
from tests.zoo.conftest import ZOO_PAIRS, families, write_jsonl


@pytest.mark.parametrize("trainer", ["default", "reward", "dpo", "orpo"])
@pytest.mark.parametrize("family", families())
def test_every_trainer_trains_every_family(family, trainer, zoo, cell, testdata, tmp_path):
    from autotrain_ui.core.params import LLMParams
    from autotrain_ui.preflight import preflight
    from autotrain_ui.core import families as fam

    c = cell(family, trainer)
    folder = zoo.folder(family)
    data = testdata / "seed" / "sft.csv" if trainer == "default" else write_jsonl(tmp_path / "pairs.jsonl", ZOO_PAIRS)
    # room for the longest template text (Cohere 2's default system preamble is ~460 tokens); two pairs a step: the
    # pair trainers run policy and reference over chosen and rejected, each over the 49k vocabulary
    values = dict(project_name="run", model=str(folder), trainer=trainer, peft=True, max_steps=1,
                  batch_size=4 if trainer == "default" else 2,
                  logging_steps=1, block_size=1024 if trainer != "default" else 128, max_prompt_length=512,
                  mixed_precision="fp32", token=None)
    check = preflight(LLMParams(data_path=str(data), **values), gpus=0)
    if trainer == "reward" and not fam.family(family).reward_head:
        assert not check.ok and any("dpo or orpo" in e for e in check.errors), check.errors
        c.na("no seq-cls head; dpo/orpo")
        return
    assert check.ok, check.errors
    project = make_project(tmp_path, data, **values)
    assert run_in_process(project) == 0, (project / "error.json").read_text() if (project / "error.json").exists() else ""
    losses = [e["loss"] for e in read_events(project) if "loss" in e]
    assert losses and all(math.isfinite(x) for x in losses)
    info = json.loads((project / "run_info.json").read_text())["fast_path"]
    assert info["family"] == family and info["checked"]
    if trainer == "default":  # our trainer: the family's plan, written down
        assert info["fast_path"] == (family != "gpt_oss") and info["reasons"]
    assert (project / "model" / "adapter_model.safetensors").exists()
    c.ok()
