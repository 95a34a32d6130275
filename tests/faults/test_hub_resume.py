"""A Space rebuilt without persistent storage: the run's checkpoints went to its Hub repo, so the same run started
again in an empty projects folder continues from there (same step count), and the final push clears them."""

from __future__ import annotations

import json
import os
import shutil
import signal
import time

import pytest

from autotrain_ui.core.params import LLMParams
from autotrain_ui.runner import create_project, group_alive, launch
from tests.conftest import run_in_process
from tests.faults.test_kill_resume import events
from tests.hub_standin import HubStandin, disable_xet

TOKEN = "hf_TESTresumeFROMhub0123456789abcdef"


@pytest.fixture
def space(monkeypatch, tmp_path):
    with HubStandin() as hub:
        hub.add_user("alice", TOKEN)
        for key, value in {**hub.env(), "SPACE_ID": "alice/autotrain-ui", "HF_TOKEN": TOKEN,
                           "HF_HOME": str(tmp_path / "hf"), "HF_HUB_DISABLE_PROGRESS_BARS": "1"}.items():
            monkeypatch.setenv(key, value)
        disable_xet(monkeypatch)
        yield hub


def run_params(model: str, **extra) -> LLMParams:
    return LLMParams(**{"project_name": "resumable", "model": model, "trainer": "sft", "peft": True, "epochs": 50,
                        "max_steps": 200, "batch_size": 2, "logging_steps": 1, "save_strategy": "steps",
                        "save_steps": 4, "lr": 1e-3, "block_size": 64, "push_to_hub": True, "username": "alice",
                        "data_path": "data", **extra})


def hub_step(hub) -> int:
    repo = hub.repo("alice/resumable")
    marker = repo.files.get("checkpoints/latest/autotrain_run.json") if repo else None
    return json.loads(marker)["step"] if marker else 0


def test_a_rebuilt_space_continues_from_the_hub_checkpoint(space, tiny_model, testdata, tmp_path):
    from trainers.hub_checkpoints import fingerprint

    data = {"train": testdata / "seed" / "sft.csv"}
    first_home, second_home = tmp_path / "first", tmp_path / "second"
    project = create_project(first_home, run_params(tiny_model), data)
    proc = launch(project)
    deadline = time.time() + 180
    while hub_step(space) < 4 and time.time() < deadline:
        assert proc.poll() is None, (project / "train.log").read_text()[-3000:]
        time.sleep(0.1)
    os.killpg(proc.pid, signal.SIGKILL)   # the Space goes away, and its disk with it
    proc.wait()
    while group_alive(proc.pid):
        time.sleep(0.1)
    saved = hub_step(space)
    assert 4 <= saved < 200, (saved, (project / "train.log").read_text()[-3000:])
    assert TOKEN not in (project / "train.log").read_text()
    shutil.rmtree(first_home)

    again = create_project(second_home, run_params(tiny_model), data)
    assert run_in_process(again) == 0
    steps = [e["step"] for e in events(again) if "loss" in e]
    assert steps[0] == saved + 1 and steps[-1] == 200, (saved, steps)  # continued, not started over

    from autotrain_ui import hub

    hub.push(again, None, TOKEN)
    files = space.repo("alice/resumable").files
    assert "adapter_model.safetensors" in files and not [f for f in files if f.startswith("checkpoints/")]

    # another run's checkpoint is never taken: the fingerprint covers the settings and the data, not the name
    same = fingerprint(run_params(tiny_model, project_name="other-name"), again)
    assert same == fingerprint(run_params(tiny_model), again)
    assert fingerprint(run_params(tiny_model, lr=2e-3), again) != same
