"""Warm starts (autotrain_ui/warm_start.py, trainers/warm.py): a CPU run forked from a process that has loaded the
training libraries is the process the runner would otherwise start, and trains the same."""

from __future__ import annotations

import dataclasses
import json
import sys

import pytest

from autotrain_ui import runner, warm_start
from autotrain_ui.core.params import LLMParams
from tests.conftest import read_events

pytestmark = pytest.mark.skipif(not runner.CAN_IDENTIFY, reason="warm starts fork, and need /proc (Linux)")


def _launch_env(token: str | None = None) -> dict[str, str]:
    env = runner.child_env(token)
    return env | runner.one_process_env(True, env)


def test_a_forked_run_sees_what_a_process_started_afresh_sees(tmp_path):
    """Environment (with what the libraries' imports add to it), working folder, stdin, stdout and stderr, process
    group and session: the same for a run forked by the warm process as for `python -m ...` started by the runner.
    A run's token reaches it, and the warm process never holds it."""
    env = _launch_env("hf_run_token_1234")
    warm = warm_start.start(["--describe", str(tmp_path / "warm.json")], tmp_path, tmp_path / "train.log", env,
                            runner.group_alive)
    assert warm is not None and warm.wait(timeout=300) == 0
    fresh = runner.start_afresh([sys.executable, "-m", "trainers.warm", "--describe", str(tmp_path / "fresh.json")],
                                tmp_path, tmp_path / "train.log", env)
    assert fresh.wait(timeout=300) == 0
    seen = {side: json.loads((tmp_path / f"{side}.json").read_text()) for side in ("warm", "fresh")}
    for side in seen.values():
        side.pop("argv")
    assert seen["warm"] == seen["fresh"]
    assert seen["warm"]["environ"]["HF_TOKEN"] == "hf_run_token_1234" and seen["warm"]["group_leader"]
    assert seen["warm"]["fds"]["1"] == str(tmp_path / "train.log") and seen["warm"]["fds"]["0"] == "/dev/null"
    holder = warm_start._current.proc.pid
    assert b"hf_run_token_1234" not in open(f"/proc/{holder}/environ", "rb").read()


def test_a_warm_run_trains_as_a_run_started_afresh(tiny_model, testdata, tmp_path, monkeypatch):
    """The same tiny run through runner.launch, forked and afresh: both succeed with the same losses, step by step;
    the second forked run is forked by the same warm process."""
    curves = {}
    for way in ("warm", "afresh", "warm again"):
        params = LLMParams(project_name=way.replace(" ", "-"), model=tiny_model, trainer="sft", max_steps=3,
                           batch_size=2, logging_steps=1, block_size=64, lr=1e-3, mixed_precision="fp32")
        project = runner.create_project(tmp_path, params, {"train": testdata / "seed" / "sft.csv"})
        with monkeypatch.context() as patch:
            if way == "afresh":
                patch.setattr(warm_start, "start", lambda *args, **kwargs: None)
            proc = runner.launch(project)
        assert isinstance(proc, warm_start.WarmRun) == (way != "afresh")
        if way == "warm":
            holder = warm_start._current
        assert proc.wait(timeout=300) == 0, (project / "train.log").read_text()[-3000:]
        assert json.loads((project / "status.json").read_text())["status"] == "succeeded"
        curves[way] = [(e["step"], e["loss"]) for e in read_events(project) if "loss" in e]
    assert warm_start._current is holder
    assert len(curves["warm"]) == 3 and curves["warm"] == curves["afresh"] == curves["warm again"], curves


def test_exit_codes_cancel_and_a_new_environment(tiny_model, testdata, tmp_path):
    """A run that fails gives its exit code; a cancel stops the forked run's group; another environment gets another
    warm process, and the first one ends once its runs have."""
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "config.json").write_text("{not json")
    failed = warm_start.start(["--config", str(bad / "config.json")], bad, bad / "train.log", _launch_env(),
                              runner.group_alive)
    assert failed.wait(timeout=300) == 1 and (bad / "error.json").exists()
    first = warm_start._current
    params = LLMParams(project_name="long", model=tiny_model, trainer="sft", epochs=400, batch_size=2,
                       logging_steps=1, block_size=64)
    project = runner.create_project(tmp_path, params, {"train": testdata / "seed" / "sft.csv"})
    long_run = runner.launch(project)
    other = {**_launch_env(), "AUTOTRAIN_SOMETHING_ELSE": "1"}
    described = warm_start.start(["--describe", str(tmp_path / "other.json")], tmp_path, tmp_path / "o.log", other,
                                  runner.group_alive)
    assert described.wait(timeout=300) == 0 and warm_start._current is not first
    assert first.proc.poll() is None  # still there: its long run is
    runner.stop(long_run, grace=60)
    assert long_run.wait(timeout=30) is not None and not runner.group_alive(long_run.pid)
    first.drain(5)
    assert first.gone and first.proc.wait(timeout=10) == 0


def test_a_run_outlives_its_warm_process(tiny_model, testdata, tmp_path):
    """The warm process killed while its run trains (as when the app dies): the run goes on and ends as it would, in
    its status.json; its exit code is lost with the warm process (-1), and the next run gets a new warm process."""
    import os
    import signal

    params = LLMParams(project_name="orphan", model=tiny_model, trainer="sft", max_steps=20, batch_size=2,
                       logging_steps=1, block_size=64)
    project = runner.create_project(tmp_path, params, {"train": testdata / "seed" / "sft.csv"})
    run = runner.launch(project)
    holder = warm_start._current
    os.kill(holder.proc.pid, signal.SIGKILL)
    assert run.wait(timeout=300) == -1 and holder.gone
    assert json.loads((project / "status.json").read_text())["status"] == "succeeded"
    again = runner.launch(runner.create_project(tmp_path, dataclasses.replace(params, project_name="next"),
                                                {"train": testdata / "seed" / "sft.csv"}))
    assert warm_start._current is not holder and again.wait(timeout=300) == 0
