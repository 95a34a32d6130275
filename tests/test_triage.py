"""Failures caused for real: each ends with error.json naming what happened and the one change most likely to fix
it (what the app's "retry with this change" applies), and nothing complete is lost."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from tests.conftest import make_project, run_in_process, small_tmpfs

REPO = Path(__file__).resolve().parents[1]


def error_of(project: Path) -> dict:
    return json.loads((project / "error.json").read_text())


def test_missing_model(tiny_model, testdata, tmp_path):
    project = make_project(tmp_path, testdata / "seed" / "sft.csv", project_name="nomodel", model="./gone/model",
                           trainer="sft")
    assert run_in_process(project) == 1
    error = error_of(project)
    assert error["kind"] == "model_not_found" and "./gone/model" in error["message"]
    assert error["retry"] == {"model": "HuggingFaceTB/SmolLM2-135M-Instruct"}
    assert json.loads((project / "status.json").read_text())["status"] == "failed"


def test_quantization_on_cpu(tiny_model, testdata, tmp_path):
    project = make_project(tmp_path, testdata / "seed" / "sft.csv", project_name="int4", model=tiny_model,
                           trainer="sft", peft=True, quantization="int4")
    assert run_in_process(project) == 1
    error = error_of(project)
    assert error["kind"] == "invalid_settings" and "CUDA" in error["message"]
    assert error["retry"] == {"quantization": None}


def test_data_changed_after_the_check_names_every_error_in_both_languages(tiny_model, testdata, tmp_path):
    """The project's data copy edited after the job was checked (by hand, or a file swapped on the disk): the run
    stops before loading the model, and error.json says each error the data check finds, by key, so a Korean page
    says it in Korean."""
    from autotrain_ui.core.i18n import text

    project = make_project(tmp_path, testdata / "seed" / "dpo.csv", project_name="changed", model=tiny_model,
                           trainer="dpo", peft=True)
    data = project / "data" / "train.csv"
    data.write_text("prompt,chosen,rejected\nsay hi,hi,hi\nsay yo,yo,yo\n", encoding="utf-8")
    assert run_in_process(project) == 1
    error = error_of(project)
    assert error["kind"] == "bad_data" and error["key"], error
    english, korean = text(error["key"], "en", **error["values"]), text(error["key"], "ko", **error["values"])
    assert english == error["message"] and english.startswith("rows 1, 2: the chosen answer"), english
    assert korean != english and korean.startswith("1, 2행"), korean


@pytest.fixture
def small_disk(tmp_path):
    with small_tmpfs(tmp_path / "small-disk", 6) as mount:
        yield mount


def test_disk_full(tiny_model_whole_vocab, testdata, small_disk):
    """The whole-vocabulary tiny model's checkpoint (~13 MB) cannot fit on a 6 MB disk."""
    project = make_project(small_disk, testdata / "seed" / "sft.csv", project_name="full",
                           model=tiny_model_whole_vocab, trainer="sft", epochs=1, save_total_limit=3)
    assert run_in_process(project) == 1
    error = error_of(project)
    assert error["kind"] == "disk_full", error
    assert error["retry"] == {"save_total_limit": 1}
    assert (project / "config.json").exists() and (project / "data").exists()


def test_out_of_memory(smollm_path, testdata, tmp_path):
    """A full fine-tune of the 135M model (weights, gradients and Adam state: ~2.2 GB) under a 2.6 GB address-space
    limit: loading works, the optimizer state does not fit."""
    project = make_project(tmp_path, testdata / "seed" / "sft.csv", project_name="oom", model=smollm_path,
                           trainer="sft", batch_size=4, mixed_precision="fp32", disable_gradient_checkpointing=True)
    limit = int(2.6 * 2**30)

    def cap():
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    env = dict(os.environ, PYTHONPATH=str(REPO), MALLOC_ARENA_MAX="2", OMP_NUM_THREADS="1")
    proc = subprocess.run([sys.executable, "-m", "trainers", "--config", str(project / "config.json")], env=env,
                          preexec_fn=cap, capture_output=True, text=True, timeout=600)
    assert proc.returncode != 0
    error = error_of(project)
    assert error["kind"] == "out_of_memory", (error, proc.stderr[-2000:])
    assert error["retry"] == {"batch_size": 2, "gradient_accumulation": 2}


def test_retry_with_the_suggested_change(tiny_model, testdata, tmp_path):
    """A failed job's "retry with this change": a new job, same data and settings, the one change applied."""
    from autotrain_ui.jobs import Registry
    from autotrain_ui.core.params import LLMParams
    from autotrain_ui.ui.actions import retry_job
    from autotrain_ui.ui.runs_tab import job_view

    registry = Registry(tmp_path / "projects")
    params = LLMParams(project_name="fails", model="./gone/model", trainer="sft", epochs=1, logging_steps=1,
                       block_size=64, lr=3e-4)
    failed = registry.submit(params, testdata / "seed" / "sft.csv", check_model=False)
    assert failed not in registry._procs  # the queue's own check refused it: a model that is gone never launches
    status = registry.status(failed)
    assert status["status"] == "failed" and status["error"]["kind"] == "model_not_found"
    _, _, _, _, button, _ = job_view(registry, failed)
    assert button["visible"] and button["value"] == "Retry with model = HuggingFaceTB/SmolLM2-135M-Instruct"
    again = retry_job(registry, failed)
    new = registry.settings(registry.get(again))
    old = registry.settings(registry.get(failed))
    assert new["model"] == "HuggingFaceTB/SmolLM2-135M-Instruct" and new["project_name"] == "fails-2"
    assert {k: v for k, v in new.items() if k not in ("model", "project_name", "data_path")} == \
        {k: v for k, v in old.items() if k not in ("model", "project_name", "data_path")}
    data = registry.project(registry.get(again)) / "data" / "train.csv"
    assert data.read_bytes() == (testdata / "seed" / "sft.csv").read_bytes()
    registry.cancel(again)
    deadline = time.time() + 60
    while registry.get(again)["status"] not in ("cancelled", "failed", "succeeded") and time.time() < deadline:
        registry.tick(start=False)
        time.sleep(0.2)
    assert registry.get(again)["status"] == "cancelled"


def test_a_run_whose_loss_went_nan_stops_early_and_saves_nothing(tiny_model, testdata, tmp_path):
    """A learning rate far too high ruins the weights within a step: the run stops a few logged steps later (it does
    not train on to the end), says "diverged" with a ten times lower rate as the fix, and leaves no model to push."""
    project = make_project(tmp_path, testdata / "seed" / "sft.csv", project_name="nan", model=tiny_model,
                           trainer="sft", lr=1e30, max_steps=20, logging_steps=1, batch_size=2)
    assert run_in_process(project) == 1
    error = error_of(project)
    assert error["kind"] == "diverged", error
    assert error["retry"] == {"lr": 1e29}
    steps = [json.loads(line)["step"] for line in (project / "events.jsonl").read_text().splitlines()]
    assert max(steps) < 20, steps
    assert not (project / "model").exists()
    assert not list(project.glob("checkpoints/checkpoint-*")), "a checkpoint of the ruined weights would be resumed"
