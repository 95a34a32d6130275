"""The checkpoint a finished run keeps: the best by held-out loss unless the user picks another still on disk."""

from __future__ import annotations

import pytest

from autotrain_ui.core import checkpoints
from tests.conftest import make_project, run_in_process


def run(tmp_path, tiny_model, testdata, name, **extra):
    project = make_project(tmp_path, testdata / "seed" / "sft.csv", project_name=name, model=tiny_model,
                           trainer="sft", peft=True, epochs=3, batch_size=1, lr=5e-3, logging_steps=1,
                           block_size=64, valid_percent=50, save_total_limit=3, **extra)
    assert run_in_process(project) == 0
    return project


def test_pick_another_checkpoint_than_the_best(tiny_model, testdata, tmp_path):
    project = run(tmp_path, tiny_model, testdata, "picks")
    found = checkpoints.list_checkpoints(project)
    assert [c["step"] for c in found] == [2, 4, 6] and all(c["eval_loss"] is not None for c in found), found
    best = min(found, key=lambda c: c["eval_loss"])
    assert [c["step"] for c in found if c["best"]] == [best["step"]]
    assert [c["step"] for c in found if c["in_model"]] == [best["step"]]  # the run ends holding its best
    other = next(c for c in found if not c["best"])
    message = checkpoints.use_checkpoint(project, other["step"])
    assert f"step {other['step']}" in message
    weights = "adapter_model.safetensors"
    assert (project / "model" / weights).read_bytes() == (project / "checkpoints" / f"checkpoint-{other['step']}" /
                                                          weights).read_bytes()
    assert (project / "model" / "tokenizer_config.json").exists()
    assert [c["step"] for c in checkpoints.list_checkpoints(project) if c["in_model"]] == [other["step"]]
    assert "in the model now" in checkpoints.label(next(c for c in checkpoints.list_checkpoints(project)
                                                         if c["step"] == other["step"]))
    with pytest.raises(checkpoints.CheckpointError, match="no checkpoint at step 99"):
        checkpoints.use_checkpoint(project, 99)


def test_a_merged_model_is_not_replaced_by_an_adapter_checkpoint(tiny_model, testdata, tmp_path):
    project = run(tmp_path, tiny_model, testdata, "merged", merge_adapter=True)
    before = (project / "model" / "model.safetensors").read_bytes()
    with pytest.raises(checkpoints.CheckpointError, match="merge-adapter"):
        checkpoints.use_checkpoint(project, checkpoints.list_checkpoints(project)[0]["step"])
    assert (project / "model" / "model.safetensors").read_bytes() == before
