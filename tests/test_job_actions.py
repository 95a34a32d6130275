"""Actions that fit a job's state: a succeeded job is never resumed (its model stays byte for byte), a finished
job is not cancelled, and the Runs view offers Cancel, Resume and Train again only where they can act. Train
again makes a new job from a finished one's settings and data (optionally from its trained weights) and leaves
the finished job's folder as it was."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import time
from pathlib import Path

import pytest

from autotrain_ui.jobs import Registry
from autotrain_ui.job_errors import JobStateError
from autotrain_ui.job_status import FINAL
from autotrain_ui.core.params import LLMParams
from autotrain_ui.ui import runs_tab


def wait_status(registry: Registry, job_id: str, wanted: tuple, timeout: float = 240) -> dict:
    """Tick the registry until the job's status is one of `wanted`; its status in the failure when it never is."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        registry.tick()
        job = registry.get(job_id)
        if job["status"] in wanted:
            return job
        time.sleep(0.2)
    raise AssertionError(f"job {job_id} never became {wanted}: {registry.status(job_id)}")


def wait_final(registry: Registry, job_id: str, timeout: float = 300) -> dict:
    return wait_status(registry, job_id, tuple(FINAL), timeout)


def hashes(folder: Path) -> dict[str, str]:
    """Every file under folder -> its sha256 (what "byte-identical" is checked against)."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def jobs_cli(home: Path, *argv) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "autotrain_ui.cli", "jobs", "--projects", str(home), *argv],
                          capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def finished(tiny_model, testdata, tmp_path_factory):
    """A registry holding one succeeded full fine-tune of the tiny model on the spec's SFT table."""
    home = tmp_path_factory.mktemp("actions") / "projects"
    registry = Registry(home)
    params = LLMParams(project_name="done", model=tiny_model, trainer="sft", max_steps=3, logging_steps=1,
                       block_size=64)
    job_id = registry.submit(params, testdata / "seed" / "sft.csv")
    assert wait_final(registry, job_id)["status"] == "succeeded", registry.status(job_id)
    yield registry, job_id
    registry.close()


def test_resume_of_a_succeeded_job_is_refused_and_its_model_stays_byte_identical(finished):
    registry, job_id = finished
    project = registry.project(registry.get(job_id))
    model_before = hashes(project / "model")
    assert model_before, "the run left no model"

    with pytest.raises(JobStateError, match="already finished successfully; resuming would retrain and overwrite"):
        registry.resume(job_id)
    registry.tick()  # had it been queued, this would start retraining it
    refused = jobs_cli(registry.root, "resume", job_id)
    assert refused.returncode == 1 and "already finished successfully" in refused.stderr, refused
    assert "Train again" in refused.stderr
    registry.tick()

    assert registry.get(job_id)["status"] == "succeeded" and not registry._procs
    assert (project / "status.json").exists() and not (project / "RESUME").exists()
    assert hashes(project / "model") == model_before


def test_cancel_of_a_finished_job_says_so(finished):
    registry, job_id = finished
    with pytest.raises(JobStateError, match=r"already ended \(succeeded\): there is nothing to cancel"):
        registry.cancel(job_id)
    shown = jobs_cli(registry.root, "cancel", job_id)
    assert shown.returncode == 1 and "nothing to cancel" in shown.stderr, shown
    assert registry.get(job_id)["status"] == "succeeded"


def _set_status(registry: Registry, job_id: str, status: str) -> None:
    registry._db.execute("UPDATE jobs SET status = ? WHERE id = ?", (status, job_id))


def test_the_runs_view_offers_only_the_actions_a_state_allows(tmp_path, testdata, monkeypatch):
    monkeypatch.setattr(Registry, "tick", lambda self, start=True: None)  # the job stays where it is put
    registry = Registry(tmp_path / "projects")
    job_id = registry.submit(LLMParams(project_name="states", trainer="sft"), testdata / "seed" / "sft.csv",
                             check_model=False)
    shown = {}
    for status in ("queued", "starting", "running", "succeeded", "failed", "cancelled", "interrupted"):
        _set_status(registry, job_id, status)
        cancel, resume, again, _ = runs_tab.action_buttons(registry, job_id)
        shown[status] = {name for name, button in (("cancel", cancel), ("resume", resume), ("again", again))
                         if button["visible"]}
    assert shown == {"queued": {"cancel"}, "starting": {"cancel"}, "running": {"cancel"}, "succeeded": {"again"},
                     "failed": {"resume", "again"}, "cancelled": {"resume", "again"},
                     "interrupted": {"resume", "again"}}
    assert all(not b["visible"] for b in runs_tab.action_buttons(registry, None))
    _set_status(registry, job_id, "running")
    with pytest.raises(JobStateError, match="is running: there is nothing to resume"):
        registry.resume(job_id)
    with pytest.raises(JobStateError, match="still running: Train again is for a finished job"):
        registry.again(job_id)
    registry.close()


def test_train_again_from_the_trained_model_makes_a_new_job_and_leaves_the_old_one(finished):
    registry, job_id = finished
    old = registry.get(job_id)
    project = registry.project(old)
    before = hashes(project)

    assert runs_tab.action_buttons(registry, job_id)[3]["visible"]  # a full fine-tune: "start from it" is offered
    params, data = registry.again(job_id, from_model=True)
    assert params.project_name == "done-2" and params.model == str(project / "model")
    assert data == project / "data" / "train.csv" and params.trainer == "sft" and params.max_steps == 3
    new_id = registry.submit(params, data)
    new = wait_final(registry, new_id)
    assert new["status"] == "succeeded", registry.status(new_id)
    assert new["name"] == "done-2" and registry.project(new) != project
    assert (registry.project(new) / "model" / "config.json").exists()
    assert hashes(project) == before  # the finished job's folder (model, data, log) is as it was
    assert registry.again(new_id)[0].project_name == "done-3"  # done-2 again is done-3, not done-2-2


def test_train_again_from_a_lora_adapter_is_not_offered(tmp_path, testdata, monkeypatch):
    monkeypatch.setattr(Registry, "tick", lambda self, start=True: None)
    registry = Registry(tmp_path / "projects")
    job_id = registry.submit(LLMParams(project_name="adapter", trainer="sft", peft=True), testdata / "seed" / "sft.csv",
                             check_model=False)
    model = registry.project(registry.get(job_id)) / "model"
    model.mkdir()
    (model / "adapter_config.json").write_text("{}")
    _set_status(registry, job_id, "succeeded")
    assert not runs_tab.action_buttons(registry, job_id)[3]["visible"]
    with pytest.raises(JobStateError, match="LoRA adapter needs its base model"):
        registry.again(job_id, from_model=True)
    params, _ = registry.again(job_id)  # from the base model, as the job itself started
    assert params.model == LLMParams().model and params.peft
    registry.close()
