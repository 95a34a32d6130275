"""The registry file damaged or locked: the app says so plainly, sets the file aside and rebuilds the list of jobs from
the project folders (each keeps its id, owner, settings and how it ended), so no job is lost. A registry written by
an older version gains the columns it lacks."""

from __future__ import annotations

import json
import sqlite3
import time

import pytest

from autotrain_ui import jobs_store
from autotrain_ui.core import i18n
from autotrain_ui.jobs import Registry
from autotrain_ui.core.params import LLMParams


@pytest.fixture
def three_jobs(tiny_model, testdata, tmp_path):
    """A folder with a finished job, one cut off mid-run and one that never started; no job runs meanwhile."""
    root = tmp_path / "projects"
    registry = Registry(root)
    hold = jobs_store.FolderLock(root)
    assert hold.acquire()
    ids = {}
    for name in ("done", "cut", "waiting"):
        params = LLMParams(project_name=name, model=tiny_model, trainer="sft", max_steps=2, block_size=64)
        ids[name] = registry.submit(params, testdata / "seed" / "sft.csv", owner="alice")
    for name in ("done", "cut"):
        (root / name / "train.log").write_text("step 1\n")
    (root / "done" / "status.json").write_text(json.dumps({"status": "succeeded", "exit_code": 0, "finished_at": 1.0}))
    registry.close()
    registry._db.close()  # the app is gone, and its connection with it
    hold.release()
    return root, ids


def check_rebuilt(root, ids, key: str) -> None:
    hold = jobs_store.FolderLock(root)  # another app runs the jobs: this test starts none
    assert hold.acquire()
    again = Registry(root)
    assert [n.key for n in again.notices] == [key]
    notice = again.notices[0]
    moved = notice.values["moved"]
    assert str(root / "jobs.sqlite") in notice and moved in notice and "(3 found)" in notice, notice
    assert "jobs.sqlite" in i18n.render(notice, "ko") and "다시 만들었습니다" in i18n.render(notice, "ko")
    assert (root / moved.rsplit("/", 1)[-1]).exists()  # set aside, not deleted
    jobs = {j["name"]: j for j in again.list_jobs()}
    assert {n: jobs[n]["status"] for n in jobs} == {"done": "succeeded", "cut": "interrupted", "waiting": "queued"}
    assert {n: jobs[n]["id"] for n in jobs} == ids and {j["owner"] for j in jobs.values()} == {"alice"}
    assert again.settings(jobs["cut"])["project_name"] == "cut"  # read from its config.json, the one copy
    assert again.resume(ids["cut"]) == "queued"  # and it works as a registry: the cut run can be continued
    again.close()
    hold.release()


def test_a_damaged_registry_is_rebuilt_from_the_project_folders(three_jobs, capsys):
    root, ids = three_jobs
    for extra in ("-wal", "-shm"):
        (root / f"jobs.sqlite{extra}").unlink(missing_ok=True)
    (root / "jobs.sqlite").write_bytes(b"not a database, a disk that lost its sectors " * 200)
    check_rebuilt(root, ids, "registry.corrupt")
    assert "is damaged" in capsys.readouterr().out  # said where the app's log shows it


def test_a_registry_locked_by_another_program_is_rebuilt(three_jobs, monkeypatch):
    root, ids = three_jobs
    holder = sqlite3.connect(root / "jobs.sqlite", isolation_level=None)  # a program that took it and never let go
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("UPDATE jobs SET status = status")
    monkeypatch.setattr(jobs_store, "LOCK_WAIT_S", 0.5)
    started = time.time()
    check_rebuilt(root, ids, "registry.locked")
    assert time.time() - started < 30
    holder.close()


def test_a_registry_of_an_older_version_gains_the_new_column(tmp_path):
    root = tmp_path / "projects"
    root.mkdir()
    with sqlite3.connect(root / "jobs.sqlite") as db:  # the table as the first versions made it
        db.execute("CREATE TABLE jobs (id TEXT PRIMARY KEY, name TEXT NOT NULL, owner TEXT, params TEXT NOT NULL, "
                   "status TEXT NOT NULL, pid INTEGER, pgid INTEGER, created REAL NOT NULL, started REAL, "
                   "finished REAL, exit_code INTEGER, error TEXT, cancel_requested INTEGER DEFAULT 0, seq INTEGER)")
        db.execute("INSERT INTO jobs (id, name, params, status, created, seq) VALUES ('a1', 'old', '{}', 'succeeded', "
                   "1.0, 1)")
    registry = Registry(root)
    assert registry.notices == [] and registry.get("a1")["pstart"] is None and registry.get("a1")["name"] == "old"


def test_a_jobs_settings_are_its_config_json_and_the_registry_only_indexes_it(three_jobs):
    """One copy of a job's settings: what the run writes into config.json (here, the chat template it chose) is what
    the page, a retry and the API read; the registry's row holds none of them."""
    root, ids = three_jobs
    registry = Registry(root)
    try:
        row = sqlite3.connect(root / "jobs.sqlite").execute("SELECT params FROM jobs WHERE id = ?",
                                                            (ids["waiting"],)).fetchone()
        assert json.loads(row[0]) == {}
        config = root / "waiting" / "config.json"
        settings = json.loads(config.read_text())
        assert registry.settings(registry.get(ids["waiting"]))["chat_template"] == settings["chat_template"]
        config.write_text(json.dumps({**settings, "chat_template": "chatml", "lr": 1e-4}))  # as the run writes it
        job = registry.get(ids["waiting"])
        assert registry.settings(job)["chat_template"] == "chatml"
        assert registry.summary(ids["waiting"], job)["trainer"] == "sft"
        retried = registry.retry(ids["waiting"], {"max_steps": 1})
        again = registry.settings(registry.get(retried))
        assert again["chat_template"] == "chatml" and again["lr"] == 1e-4 and again["max_steps"] == 1
    finally:
        registry.close()
