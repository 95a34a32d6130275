"""A disk that fills up while a run saves, and while a finished run is pushed: nothing complete is lost, the message
says what happened and what to do, and once there is room again the same job continues (resume) or pushes."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import torch
from safetensors.torch import load_file, save_file

from tests.conftest import make_project, small_tmpfs
from tests.faults.test_kill_resume import events
from tests.hub_standin import HubStandin, use_standin

TOKEN = "hf_TESTdiskFULLupload0123456789abcdef"


@pytest.fixture
def disk(tmp_path):
    with small_tmpfs(tmp_path / "disk", 8) as mount:
        yield mount


def leave_free(disk: Path, room: int) -> Path:
    """Someone else's file takes all but `room` bytes of the disk."""
    stat = os.statvfs(disk)
    filler = disk / "someone-elses-file"
    filler.write_bytes(b"\0" * (stat.f_bavail * stat.f_frsize - room))
    return filler


def test_disk_full_during_a_save_keeps_the_last_checkpoint_and_resumes(tiny_model_whole_vocab, testdata, disk):
    from trainers.__main__ import main

    project = make_project(disk, testdata / "seed" / "sft.csv", project_name="full", model=tiny_model_whole_vocab,
                           trainer="sft", peft=True, max_steps=8, batch_size=2, logging_steps=1,
                           save_strategy="steps", save_steps=4, save_total_limit=1, block_size=64, lr=1e-3)
    # room for the checkpoints (~0.5 MB each), not for the model with its tokenizer (~3.6 MB)
    filler = leave_free(disk, int(2.5 * 2**20))
    assert main(["--config", str(project / "config.json")]) == 1
    error = json.loads((project / "error.json").read_text())
    assert error["kind"] == "disk_full" and "Free some space" in error["hint"], error
    assert json.loads((project / "checkpoints" / "checkpoint-8" / "trainer_state.json").read_text())["global_step"] == 8
    assert not (project / "model").exists()  # the half-written model was removed, the checkpoint kept

    filler.unlink()  # the user frees some space, and resumes
    assert main(["--config", str(project / "config.json"), "--resume"]) == 0
    assert json.loads((project / "status.json").read_text())["status"] == "succeeded"
    assert load_file(project / "model" / "adapter_model.safetensors")
    assert [e["step"] for e in events(project) if "loss" in e] == list(range(1, 9))  # continued, not started over


@pytest.fixture
def hub(monkeypatch):
    with HubStandin() as standin:
        standin.add_user("alice", TOKEN)
        yield from use_standin(standin, monkeypatch)


def test_disk_full_during_an_upload_says_so_and_the_next_push_works(tiny_model, testdata, disk, hub):
    from autotrain_ui.hub import publish

    project = make_project(disk, testdata / "seed" / "sft.csv", project_name="upload", model=tiny_model,
                           trainer="sft", peft=True, username="alice")
    (project / "model").mkdir()
    save_file({"lora_A": torch.ones(4, 4)}, project / "model" / "adapter_model.safetensors")
    (project / "model" / "adapter_config.json").write_text(json.dumps({"base_model_name_or_path": tiny_model}))
    weights = (project / "model" / "adapter_model.safetensors").read_bytes()
    filler = leave_free(disk, 0)

    failed = publish.push_job(project, TOKEN)
    assert failed["status"] == "failed" and failed["kind"] == "disk_full", failed
    assert "No space left" in failed["message"] and "push again" in failed["message"]
    assert "Nothing was lost" in failed["message"]
    assert publish.state(project) == failed  # shown, though push.json could not be written
    korean = publish.markdown(failed, "ko")
    assert "공간이 없습니다" in korean and "다시 시도하려면" in korean and TOKEN not in korean, korean
    assert (project / "model" / "adapter_model.safetensors").read_bytes() == weights
    assert hub.repo("alice/upload") is None or "adapter_model.safetensors" not in hub.repo("alice/upload").files

    filler.unlink()
    pushed = publish.push_job(project, TOKEN)
    assert pushed["status"] == "pushed" and json.loads((project / "push.json").read_text())["status"] == "pushed"
    assert hub.repo("alice/upload").files["adapter_model.safetensors"] == weights


def test_no_room_for_a_new_projects_data_says_so_in_the_visitors_language(tiny_model, testdata, disk, tmp_path):
    """A job whose data copy does not fit on the projects folder's disk is refused whole: the message names the
    disk, the size and the way out (in English for the API and the CLI, and in Korean on a Korean page), and nothing
    is left behind: no folder, no row."""
    from autotrain_ui.core.i18n import render
    from autotrain_ui.core.params import LLMParams
    from autotrain_ui.job_errors import SubmitError
    from autotrain_ui.jobs import Registry

    rows = (testdata / "seed" / "sft.csv").read_text(encoding="utf-8").splitlines()
    big = tmp_path / "big.csv"
    big.write_text("\n".join([rows[0]] + rows[1:] * 8000) + "\n", encoding="utf-8")   # ~800 KB
    registry = Registry(disk)
    leave_free(disk, 256 * 1024)
    params = LLMParams(project_name="no-room", model=tiny_model, trainer="sft", peft=True, max_steps=1)
    with pytest.raises(SubmitError) as refused:
        registry.submit(params, big, check_model=False)
    english = str(refused.value)
    assert f"No space left on the disk of {disk}" in english and "'no-room'" in english, english
    assert "AUTOTRAIN_HOME" in english and "Nothing was kept" in english
    [line] = refused.value.lines
    korean = render(line, "ko")
    assert "디스크" in korean and "AUTOTRAIN_HOME" in korean and "'no-room'" in korean, korean
    assert registry.list_jobs() == [] and not (disk / "no-room").exists()
