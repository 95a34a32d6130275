"""A queue that never jams (issue #22): a job that cannot start ends failed with a message in both languages and the
next job starts; settings an older version stored still run; a process number reused by someone else is never
trusted nor signalled; a second app on the same projects folder says so and starts nothing."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from autotrain_ui import jobs_store, runner
from autotrain_ui.core.events import Tail
from autotrain_ui.core import i18n
from autotrain_ui.jobs import Registry
from autotrain_ui.core.params import LLMParams
from tests.test_job_actions import wait_status


def short(name: str, model: str, **extra) -> LLMParams:
    return LLMParams(project_name=name, model=model, trainer="sft", peft=True, max_steps=2, batch_size=2,
                     logging_steps=1, block_size=64, **extra)


def test_a_job_that_cannot_start_fails_and_the_one_queued_after_it_succeeds(tiny_model, testdata, tmp_path,
                                                                               monkeypatch):
    root = tmp_path / "projects"
    registry = Registry(root)
    hold = jobs_store.FolderLock(root)  # another app holds the folder while the queue is set up: nothing starts yet
    assert hold.acquire()
    names = ("config", "model", "data", "launcher", "good")
    ids = {n: registry.submit(short(n, tiny_model), testdata / "seed" / "sft.csv") for n in names}
    assert {registry.get(i)["status"] for i in ids.values()} == {"queued"}

    (root / "config" / "config.json").write_text("{ cut short by a crash", encoding="utf-8")
    moved = json.loads((root / "model" / "config.json").read_text())
    (root / "model" / "config.json").write_text(json.dumps({**moved, "model": str(tmp_path / "deleted-model")}))
    shutil.rmtree(root / "data" / "data")
    old = json.loads((root / "good" / "config.json").read_text())  # as an older version wrote it
    (root / "good" / "config.json").write_text(json.dumps({**old, "packing_v0": True}))
    real = runner.launch

    def launch(project, **kwargs):
        if Path(project).name == "launcher":
            raise RuntimeError("accelerate exploded")
        return real(project, **kwargs)

    monkeypatch.setattr(runner, "launch", launch)
    hold.release()
    registry.tick()

    said = {"config": "queue.config_unreadable", "model": "queue.model_missing", "data": "queue.data_lost",
            "launcher": "queue.launch_failed"}
    for name, key in said.items():
        status = registry.status(ids[name])
        assert status["status"] == "failed", (name, status)
        error = status["error"]
        assert error["key"] == key and f"job {name} could not start" in error["message"], error
        korean = i18n.text(error["key"], "ko", **error["values"])
        assert name in korean and "시작하지 못했습니다" in korean
    assert "accelerate exploded" in registry.status(ids["launcher"])["error"]["message"]
    assert str(tmp_path / "deleted-model") in registry.status(ids["model"])["error"]["message"]

    done = wait_status(registry, ids["good"], ("succeeded", "failed"))
    log = (root / "good" / "train.log").read_text()
    assert done["status"] == "succeeded", log[-3000:]
    assert "no longer has: packing_v0" in log  # the older setting is named, and the run went on without it
    assert registry.status(ids["good"])["progress"]["step"] == 2
    registry.close()


@pytest.fixture
def stranger():
    """Someone else's process group, now holding a number a job once had."""
    proc = subprocess.Popen(["sleep", "120"], start_new_session=True)
    yield proc
    proc.kill()
    proc.wait()


def test_a_reused_process_number_is_never_trusted_nor_signalled(stranger, tiny_model, testdata, tmp_path):
    root = tmp_path / "projects"
    registry = Registry(root)
    other = jobs_store.FolderLock(root)
    assert other.acquire()
    job = registry.submit(short("reused", tiny_model), testdata / "seed" / "sft.csv")
    (root / "reused" / "train.log").write_text("started before the app restarted\n")
    with sqlite3.connect(root / "jobs.sqlite") as db:  # the job ran as a process whose number the stranger now has
        db.execute("UPDATE jobs SET status = 'running', pid = ?, pgid = ?, pstart = ? WHERE id = ?",
                   (stranger.pid, stranger.pid, "an-older-boot:4242", job))
    registry.close()
    assert runner.group_alive(stranger.pid)  # the bare number is taken ...
    assert not runner.group_alive(stranger.pid, "an-older-boot:4242")  # ... but not by that run

    restarted = Registry(root)
    assert restarted.cancel(job) == "cancelling"  # Cancel must not reach the stranger
    time.sleep(1.0)
    assert stranger.poll() is None, "Cancel signalled someone else's process"
    runner.stop(stranger.pid, grace=1, start="an-older-boot:4242")
    assert stranger.poll() is None
    restarted.tick(start=False)
    assert restarted.get(job)["status"] == "cancelled"  # not shown as running forever
    assert stranger.poll() is None
    # the true owner of a number is recognised
    assert runner.group_alive(stranger.pid, runner.process_start(stranger.pid))
    restarted.close()
    other.release()


def test_a_second_app_on_the_folder_says_so_and_starts_no_job(tiny_model, testdata, tmp_path, monkeypatch):
    root = tmp_path / "projects"
    root.mkdir()
    first_app = subprocess.Popen(  # holds the folder as a running app does
        [sys.executable, "-c", "import sys, time; from pathlib import Path; from autotrain_ui.jobs_store import "
         "FolderLock; lock = FolderLock(Path(sys.argv[1])); assert lock.acquire(); print('held', flush=True); "
         "time.sleep(300)",
         str(root)], stdout=subprocess.PIPE, text=True, env=runner.child_env())
    try:
        assert first_app.stdout.readline().strip() == "held"
        launched = []

        def launch(project, **kwargs):
            launched.append(Path(project).name)
            return subprocess.Popen(["sleep", "30"], start_new_session=True)

        monkeypatch.setattr(runner, "launch", launch)
        second = Registry(root)
        job = second.submit(short("waits", tiny_model), testdata / "seed" / "sft.csv")
        second.tick()
        assert second.get(job)["status"] == "queued" and launched == []
        notice = next(n for n in second.notices if n.key == "registry.other_app")
        assert str(first_app.pid) in notice and str(root) in notice and "starts none" in notice
        assert str(first_app.pid) in i18n.render(notice, "ko")
        with sqlite3.connect(root / "jobs.sqlite") as db:  # the first app claimed the job, and dies before it launched
            db.execute("UPDATE jobs SET status = 'starting' WHERE id = ?", (job,))
        first_app.kill()  # kill -9: its lock goes with it, and this app takes over, the claimed job included
        first_app.wait()
        second.tick()
        assert launched == ["waits"] and second.get(job)["status"] == "running"
        assert not [n for n in second.notices if n.key == "registry.other_app"]  # no longer true: not said
        second.cancel(job)
        wait_status(second, job, ("cancelled",), timeout=30)
        second.close()
    finally:
        first_app.kill()
        first_app.wait()


def test_the_live_view_reads_a_rewritten_file_again(tmp_path):
    """A resumed run rewrites events.jsonl up to its checkpoint (a new, shorter file), then appends: the follower
    starts over on it instead of reading on from its old offset."""
    path = tmp_path / "events.jsonl"
    path.write_text("".join(json.dumps({"step": s, "loss": 1.0}) + "\n" for s in range(1, 9)))
    tail = Tail(path)
    assert [e["step"] for e in tail.read_events()] == list(range(1, 9)) and not tail.restarted
    tmp = tmp_path / "events.tmp"
    tmp.write_text("".join(json.dumps({"step": s, "loss": 1.0}) + "\n" for s in range(1, 5)))
    tmp.replace(path)  # what trainers/run.py does on resume
    with path.open("a") as fh:
        fh.write("".join(json.dumps({"step": s, "loss": 0.5, "pad": "x" * 40}) + "\n" for s in range(5, 13)))
    assert [e["step"] for e in tail.read_events()] == list(range(1, 13)) and tail.restarted
    path.write_text(json.dumps({"step": 1}) + "\n")  # the same file cut shorter
    assert [e["step"] for e in tail.read_events()] == [1] and tail.restarted


def test_settings_an_older_version_stored_still_launch_on_gpus(testdata, tmp_path):
    """On a GPU machine the launch reads config.json for the distributed backend: a key this version no longer has
    is left out there too (it used to refuse, and the job stayed 'starting' with the queue stuck behind it)."""
    from autotrain_ui.core.params import ParamError

    project = runner.create_project(tmp_path, LLMParams(project_name="old", distributed_backend="fsdp"),
                                    {"train": testdata / "seed" / "sft.csv"})
    stored = {**json.loads((project / "config.json").read_text()), "packing_v0": True}
    (project / "config.json").write_text(json.dumps(stored))
    assert "--use_fsdp" in runner.launch_plan(project, gpus=2)[0]
    dropped = []
    assert LLMParams.load(project / "config.json", dropped).distributed_backend == "fsdp" and dropped == ["packing_v0"]
    with pytest.raises(ParamError, match="packing_v0"):  # settings a person gives are still checked
        LLMParams.from_dict(stored)
