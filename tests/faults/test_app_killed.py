"""The app killed with -9 while one job saves its model and another waits in the queue: the started app finds both,
the saving run finishes on its own with a complete model, and the queued job then runs. Nothing is lost."""

from __future__ import annotations

import json
import subprocess
import sys
import time

from safetensors.torch import load_file

from autotrain_ui import runner
from autotrain_ui.jobs import Registry
from tests.faults.test_kill_resume import events

APP = """
import sys
import time
from autotrain_ui.jobs import Registry
from autotrain_ui.core.params import LLMParams

home, model, data = sys.argv[1:4]
registry = Registry(home)
for name, steps in (("saving", 6), ("waiting", 2)):
    registry.submit(LLMParams(project_name=name, model=model, trainer="sft", peft=True, max_steps=steps, batch_size=2,
                              logging_steps=1, block_size=64), data)
registry.start(0.2)
print("ready", flush=True)
time.sleep(600)
"""


def test_app_killed_while_a_job_saves_and_another_is_queued(tiny_model, testdata, tmp_path):
    home = tmp_path / "projects"
    app = subprocess.Popen([sys.executable, "-c", APP, str(home), tiny_model, str(testdata / "seed" / "sft.csv")],
                           stdout=subprocess.PIPE, text=True, env=runner.child_env())
    try:
        assert app.stdout.readline().strip() == "ready"
        deadline = time.time() + 300
        while not (home / "saving" / "model").is_dir():  # the run began to save its model
            assert time.time() < deadline and app.poll() is None, (home / "saving" / "train.log").read_text()[-3000:]
            time.sleep(0.01)
        app.kill()  # kill -9: no chance to clean up
        app.wait()
    finally:
        app.kill()
    assert not (home / "saving" / "status.json").exists(), "the run had already ended: the kill came too late"

    again = Registry(home)
    jobs = {j["name"]: j for j in again.list_jobs()}
    assert jobs["waiting"]["status"] == "queued"
    again.reconcile()  # the app starts again
    deadline = time.time() + 300
    while time.time() < deadline:
        jobs = {j["name"]: j for j in again.list_jobs()}
        if {j["status"] for j in jobs.values()} <= {"succeeded", "failed", "interrupted", "cancelled"}:
            break
        assert not (jobs["waiting"]["status"] == "running" and jobs["saving"]["status"] == "running")  # one at a time
        again.tick()
        time.sleep(0.2)
    logs = {n: (home / n / "train.log").read_text()[-2000:] for n in jobs}
    assert {n: j["status"] for n, j in jobs.items()} == {"saving": "succeeded", "waiting": "succeeded"}, logs
    assert load_file(home / "saving" / "model" / "adapter_model.safetensors")  # saved whole, with no app watching
    assert json.loads((home / "saving" / "status.json").read_text())["status"] == "succeeded"
    assert [e["step"] for e in events(home / "saving") if "loss" in e] == list(range(1, 7))
    assert again.status(jobs["waiting"]["id"])["progress"]["step"] == 2
    again.close()
