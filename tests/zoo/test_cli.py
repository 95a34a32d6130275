"""Each family's SFT run with LoRA merged at the end (`autotrain llm --train --trainer sft --peft --merge-adapter`):
through the real command line in a subprocess (accelerate launch, the training process) for the families in
CLI_FAMILIES, through the training entry point in this process for the others, on the data and the family's own chat
template. The first logged loss equals the model's own loss on the same rows, `model(input_ids, labels=...)` row
by row; run_info.json and the run's log say which path the loss took and why; the merged model loads back and
generates. The CLI runs are started in the background by tests/zoo/conftest.py while the in-process tests run."""

from __future__ import annotations

import json

import pytest
import torch

from tests.conftest import read_events
from tests.zoo.conftest import CLI_FAMILIES, CLI_TEST, families


def own_loss(project, folder) -> float:
    """The model's own mean token loss over the rows the run trained on (the same tokenizer, template and data)."""
    from transformers import AutoModelForCausalLM

    from autotrain_ui.core.params import LLMParams
    from trainers import examples, loading, sft

    params = LLMParams.load(project / "config.json")
    tokenizer, _ = loading.load_tokenizer(params, str(folder))
    train, _ = examples.load_examples(params, project)
    rows = sft.tokenize(train, tokenizer, params)
    model = AutoModelForCausalLM.from_pretrained(folder, attn_implementation="eager", dtype=torch.float32).eval()
    total = count = 0.0
    with torch.no_grad():
        for r in rows:
            n = sum(1 for x in r["labels"][1:] if x != -100)
            out = model(input_ids=torch.tensor([r["input_ids"]]), labels=torch.tensor([r["labels"]]))
            total, count = total + out.loss.item() * n, count + n
    return total / count


@pytest.mark.parametrize("family", families())
def test_real_cli_run_trains_on_the_models_own_loss(family, cli_runs, zoo, cell):
    from transformers import AutoModelForCausalLM, AutoTokenizer

    assert test_real_cli_run_trains_on_the_models_own_loss.__name__ == CLI_TEST
    sft_cell, loss_cell, merge_cell = cell(family, "sft"), cell(family, "loss"), cell(family, "merge")
    folder = zoo.folder(family)
    proc, project = cli_runs.result(family)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    sft_cell.ok("(CLI)" if family in CLI_FAMILIES else "")

    first = next(e for e in read_events(project) if "loss" in e)
    own = own_loss(project, folder)
    assert first["step"] == 1 and abs(first["loss"] - own) <= 1e-5 * own, (first["loss"], own)
    loss_cell.ok(f"{first['loss']:.6g} (rel {abs(first['loss'] - own) / own:.0e})")

    info = json.loads((project / "run_info.json").read_text())["fast_path"]
    log = (project / "train.log").read_text() if family in CLI_FAMILIES else proc.stdout  # what the run printed
    assert info["family"] == family and info["checked"] and info["reasons"]
    assert all(reason in log for reason in info["reasons"]), "the run's log must say why the loss took its path"

    model = AutoModelForCausalLM.from_pretrained(project / "model", dtype=torch.float32).eval()
    tokenizer = AutoTokenizer.from_pretrained(project / "model")
    prompt = tokenizer.apply_chat_template([{"role": "user", "content": "Say hello."}], add_generation_prompt=True,
                                           return_tensors="pt", return_dict=True)
    with torch.no_grad():
        out = model.generate(**prompt, max_new_tokens=4, do_sample=False, pad_token_id=tokenizer.pad_token_id)
    assert out.shape[1] > prompt["input_ids"].shape[1]
    merge_cell.ok()
