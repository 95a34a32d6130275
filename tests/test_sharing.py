"""The app shares its machine with the job it trains (issue #22): a status poll is cheap (cached per job) and
follows the job's files as they grow; heavy work runs below the quick answers and below the trainer, which runs in
the app's session (tests/faults/test_processes.py). (How much this buys is measured by bench/bench_load.py, never
timed here.)"""

from __future__ import annotations

import json
import os
import threading

import pytest

from autotrain_ui import priority
from autotrain_ui.jobs import Registry


@pytest.fixture
def running_job(tmp_path):
    registry = Registry(tmp_path / "home")
    (registry.root / "run1").mkdir()
    registry._db.execute("INSERT INTO jobs (id, name, params, status, created, started, seq) "
                         "VALUES ('j1', 'run1', ?, 'running', 0, 0, 1)",
                         (json.dumps({"trainer": "sft", "model": "m", "project_name": "run1"}),))
    yield registry
    registry.close()


def log_step(registry, step: int, loss: float) -> None:
    with (registry.root / "run1" / "events.jsonl").open("a") as fh:
        fh.write(json.dumps({"step": step, "loss": loss, "total_steps": 10, "tokens_per_second": 100.0}) + "\n")


def test_status_follows_the_job_as_its_files_grow(running_job):
    log_step(running_job, 1, 2.0)
    first = running_job.status("j1")
    assert first["progress"] == {"step": 1, "total_steps": 10} and first["metrics"]["loss"] == 2.0
    first["progress"]["step"] = 99                      # what a caller does with its answer stays its own
    assert running_job.status("j1")["progress"]["step"] == 1
    log_step(running_job, 2, 1.5)
    assert running_job.status("j1")["progress"]["step"] == 2 and running_job.status("j1")["metrics"]["loss"] == 1.5
    running_job._db.execute("UPDATE jobs SET status = 'cancelled' WHERE id = 'j1'")
    assert running_job.status("j1")["status"] == "cancelled"


def test_many_pollers_at_once_see_each_step_once(running_job):
    for step in range(1, 6):
        log_step(running_job, step, 3.0 - step / 10)
    answers = []
    threads = [threading.Thread(target=lambda: answers.append(running_job.status("j1"))) for _ in range(16)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert {a["progress"]["step"] for a in answers} == {5}
    assert [e["step"] for e in running_job._follow["j1"].events] == [1, 2, 3, 4, 5]  # no step read twice


def test_heavy_work_runs_below_the_quick_answers():
    seen = {}

    def work(x):
        seen["nice"] = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
        seen["thread"] = threading.get_native_id()
        return x * 2

    before = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    assert priority.heavy(work, 21) == 42
    assert seen["nice"] == max(before, priority.HEAVY_NICE)
    assert seen["thread"] != threading.get_native_id()
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == before  # this thread answers as quick
    with pytest.raises(ValueError, match="bad file"):
        priority.heavy(lambda: (_ for _ in ()).throw(ValueError("bad file")))


def test_heavy_handlers_wait_their_turn_and_the_page_shows_the_place(tmp_path):
    """Data check, chat and export run a bounded number at a time; a visitor beyond it waits in the queue, and the
    page's status tracker shows 'queue: N/M' (show_progress full), announced in the visitor's language."""
    from autotrain_ui.app import build
    from autotrain_ui.ui.strings import EN, KO

    registry = Registry(tmp_path / "home")
    demo = build(registry)
    limits: dict[str, set] = {}
    for fn in demo.fns.values():
        if fn.concurrency_id in ("data_check", "chat", "export"):
            limits.setdefault(fn.concurrency_id, set()).add(fn.concurrency_limit)
            if fn.api_name != "chat":  # the API's /chat has no page to show a place on
                assert fn.show_progress == "full", fn.name
    assert limits == {"data_check": {1}, "chat": {1}, "export": {1}}
    assert "{position}" in EN["status.queue_position"] and "{position}" in KO["status.queue_position"]
    registry.close()


def test_a_cpu_reply_takes_one_thread_while_a_job_trains(tmp_path):
    """The app's chat on the CPU: half the cores when nothing trains, one while a job does (the trainer keeps the
    rest); torch's count is put back after the reply."""
    import torch

    from autotrain_ui import chat

    loaded = chat.Loaded(project=tmp_path, params=None, tokenizer=None, model=None, device="cpu", yield_cpu=True)
    before = torch.get_num_threads()
    for training, threads in ((True, 1), (False, max(1, (os.cpu_count() or 2) // 2))):
        loaded.training = lambda: training
        with chat._cpu_share(loaded):
            assert torch.get_num_threads() == threads
        assert torch.get_num_threads() == before


def _where() -> tuple[int, int]:
    return os.getpid(), os.getpriority(os.PRIO_PROCESS, 0)


def _fail():
    raise ValueError("bad table")


def test_pure_python_heavy_work_runs_in_a_low_priority_process_and_says_what_went_wrong(tmp_path):
    """The data check runs apart from the app (a preempted low-priority thread holding the interpreter's lock would
    stall the app's quick answers), below them; what it finds wrong reaches the page as it would in the app."""
    from autotrain_ui.ui import data_tab

    pid, nice = priority.apart(_where)
    assert pid != os.getpid() and nice >= priority.HEAVY_NICE
    assert priority.apart(_where)[0] == pid          # one worker, kept for the next call
    with pytest.raises(ValueError, match="bad table"):
        priority.apart(_fail)
    broken = tmp_path / "broken.csv"
    broken.write_bytes(b"\x00\xff\xfe binary \x00\x00")
    here, apart = data_tab.inspect(str(broken), None), priority.apart(data_tab.inspect, str(broken), None)
    for lang in ("en", "ko"):
        assert data_tab.report_markdown(apart[2], lang) == data_tab.report_markdown(here[2], lang) != ""
