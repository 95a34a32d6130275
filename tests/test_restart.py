"""The app is stopped while a job runs and started again: the job shows running if its trainer survived,
interrupted if it did not, never lost and never shown running when it is not. Two registries on one folder
never start the same job."""

from __future__ import annotations

import os
import signal
import time

from autotrain_ui.jobs import Registry
from autotrain_ui.core.params import LLMParams
from autotrain_ui.runner import group_alive
from tests.test_app import free_port, start_app, stop_app, wait_for


def long_job(tiny_model, name):
    return LLMParams(project_name=name, model=tiny_model, trainer="sft", epochs=2000, logging_steps=1, block_size=64)


def wait_step(registry, job_id, step, timeout=120):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if registry.status(job_id)["progress"]["step"] >= step:
            return
        time.sleep(0.2)
    raise AssertionError(f"no step {step}: {registry.status(job_id)}")


def test_app_restart_reattaches_or_marks_interrupted(tiny_model, testdata, tmp_path):
    from gradio_client import Client

    home = tmp_path / "projects"
    home.mkdir()
    data = testdata / "seed" / "sft.csv"
    registry = Registry(home)
    survivor = registry.submit(long_job(tiny_model, "survivor"), data)
    wait_step(registry, survivor, 2)
    pgid = registry.get(survivor)["pgid"]
    registry.close()
    del registry  # the "app" is gone; its trainer keeps running in its own process group

    port = free_port()
    app = start_app(home, port)
    try:
        client = Client(f"http://127.0.0.1:{port}/", verbose=False)
        status = client.predict(survivor, api_name="/status")
        assert status["status"] == "running" and group_alive(pgid)
        step = status["progress"]["step"]
        time.sleep(3)
        assert client.predict(survivor, api_name="/status")["progress"]["step"] > step  # followed again, live
        stop_app(app)  # the app dies again, and this time the trainer is killed too (a Space restart)
        os.killpg(pgid, signal.SIGKILL)
        while group_alive(pgid):  # this test process started the trainer, so it reaps the zombie itself
            try:
                os.waitpid(-pgid, os.WNOHANG)
            except ChildProcessError:
                pass
            time.sleep(0.1)
        app = start_app(home, port)
        client = Client(f"http://127.0.0.1:{port}/", verbose=False)
        ended = wait_for(client, survivor, ("interrupted",), timeout=30)
        assert ended["progress"]["step"] >= step  # the last step reached is kept
        assert [j["id"] for j in client.predict(api_name="/jobs")] == [survivor]
    finally:
        stop_app(app)


def test_two_registries_on_one_folder_start_each_job_once(tiny_model, testdata, tmp_path):
    data = testdata / "seed" / "sft.csv"
    a, b = Registry(tmp_path), Registry(tmp_path)
    first = a.submit(long_job(tiny_model, "one"), data)
    second = b.submit(long_job(tiny_model, "two"), data)
    for _ in range(10):
        a.tick()
        b.tick()
    jobs = {j["id"]: j for j in a.list_jobs()}
    assert jobs[first]["status"] == "running" and jobs[second]["status"] == "queued"
    assert b.cancel(second) == "cancelled"
    a.cancel(first)
    deadline = time.time() + 60
    while a.get(first)["status"] == "running" and time.time() < deadline:
        a.tick()
        time.sleep(0.2)
    assert a.get(first)["status"] == "cancelled"
    assert not group_alive(a.get(first)["pgid"])
