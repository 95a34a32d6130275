"""kill -9 mid-run, then resume: same step count, optimizer and scheduler state, the loss curve continues, and the
final model equals a run that was never interrupted."""

from __future__ import annotations

import os
import random
import signal
import time
from pathlib import Path

import torch
from safetensors.torch import load_file

from autotrain_ui.core.params import LLMParams
from autotrain_ui import runner
from autotrain_ui.core.events import Tail
from autotrain_ui.runner import create_project, launch


def events(project: Path) -> list[dict]:
    return Tail(project / "events.jsonl").read_events()  # a line cut by the kill is skipped


def params(name: str, model: str) -> LLMParams:
    # 24 steps, a checkpoint every 4; fp32 so both runs do bit-comparable arithmetic
    return LLMParams(project_name=name, model=model, trainer="sft", peft=True, epochs=12, batch_size=2,
                     logging_steps=1, save_strategy="steps", save_steps=4, save_total_limit=2, lr=1e-3,
                     block_size=64, mixed_precision="fp32", data_path="data")


def wait(proc, project, until_step: int, timeout: float = 300) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if any(e.get("step", 0) >= until_step for e in events(project)):
            return
        assert proc.poll() is None, (project / "train.log").read_text()[-3000:]
        time.sleep(0.05)
    raise AssertionError("the run never reached the step")


def test_kill_minus_nine_then_resume_matches_an_uninterrupted_run(tiny_model, testdata, tmp_path):
    data = {"train": testdata / "seed" / "sft.csv"}
    whole = create_project(tmp_path, params("whole", tiny_model), data)
    assert launch(whole, num_processes=1).wait() == 0

    broken = create_project(tmp_path, params("broken", tiny_model), data)
    proc = launch(broken, num_processes=1)
    kill_at = random.Random().randint(6, 18)
    wait(proc, broken, kill_at)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert not (broken / "status.json").exists()  # it never got to say it ended: the registry calls it interrupted
    reached = max(e["step"] for e in events(broken))

    resumed = launch(broken, num_processes=1, resume=True)
    assert resumed.wait() == 0, (broken / "train.log").read_text()[-3000:]
    assert "resume: continuing from" in (broken / "train.log").read_text()
    steps = [e["step"] for e in events(broken) if "loss" in e]
    assert steps == sorted(steps) and steps[-1] == 24 and len(steps) == len(set(steps)), steps
    assert reached >= kill_at

    a = load_file(whole / "model" / "adapter_model.safetensors")
    b = load_file(broken / "model" / "adapter_model.safetensors")
    assert a.keys() == b.keys()
    for key in a:
        assert torch.allclose(a[key], b[key], atol=1e-4), key
    loss_a = [e["loss"] for e in events(whole) if "loss" in e]
    loss_b = [e["loss"] for e in events(broken) if "loss" in e]
    assert max(abs(x - y) for x, y in zip(loss_a, loss_b)) < 1e-3


def test_trainer_killed_mid_checkpoint_resumes_from_the_last_complete_one(tiny_model, testdata, tmp_path):
    """kill -9 while checkpoint-8 is being written: that half checkpoint is passed over, the resume continues from
    checkpoint-4, and the app that followed the run all along (another process resumed it, as `autotrain jobs resume`
    does) shows every step once: its follower starts over on the events.jsonl the resume rewrote.

    The save is held where it is half done: checkpoint-8's optimizer.pt is a named pipe, whose opening for writing
    waits for a reader that never comes. The weights are written first, trainer_state.json last, so however late the
    test wakes under load, the kill lands inside that save; the pipe then becomes the cut-off file a kill leaves."""
    from autotrain_ui.jobs import Registry
    from autotrain_ui.core.jsonfile import read_json

    root = tmp_path / "projects"
    app = Registry(root)
    settings = params("mid", tiny_model)
    settings.epochs = 8  # 16 steps, a checkpoint every 4
    job = app.submit(settings, testdata / "seed" / "sft.csv")
    project, pgid = root / "mid", app.get(job)["pgid"]
    half = project / "checkpoints" / "checkpoint-8"
    half.mkdir(parents=True)  # fails if the trainer got there first: it is still importing its libraries
    os.mkfifo(half / "optimizer.pt")
    deadline = time.time() + 300
    while not (half / "adapter_model.safetensors").exists():  # the save of checkpoint-8 began, and holds
        assert time.time() < deadline and runner.group_alive(pgid), (project / "train.log").read_text()[-3000:]
        time.sleep(0.05)
    time.sleep(0.2)
    assert runner.group_alive(pgid), (project / "train.log").read_text()[-3000:]
    os.killpg(pgid, signal.SIGKILL)
    assert read_json(half / "trainer_state.json") is None, "the save went past the optimizer"
    (half / "optimizer.pt").unlink()
    (half / "optimizer.pt").write_bytes(b"PK\x03\x04" + bytes(100))  # what a torch.save cut off by a kill leaves
    deadline = time.time() + 30
    while app.get(job)["status"] == "running" and time.time() < deadline:
        app.tick()
        time.sleep(0.1)
    assert app.get(job)["status"] in ("failed", "interrupted")
    assert app.status(job)["progress"]["step"] >= 8

    assert Registry(root).resume(job) == "queued"  # from another process; the app starts it
    deadline = time.time() + 300
    while app.get(job)["status"] not in ("succeeded", "failed") and time.time() < deadline:
        app.tick()
        app.follow(job)  # the page polls meanwhile
        time.sleep(0.3)
    log = (project / "train.log").read_text()
    assert app.get(job)["status"] == "succeeded", log[-3000:]
    assert f"resume: continuing from {project / 'checkpoints' / 'checkpoint-4'}" in log
    assert app.status(job)["progress"]["step"] == 16
    shown = [e["step"] for e in app.follow(job).events if "loss" in e]
    assert shown == list(range(1, 17)), shown
    app.close()
