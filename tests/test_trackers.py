"""--log: tensorboard writes its event files into the project (PROJECT/runs); a tracker whose package is missing
is refused before anything starts, naming the package to install."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

from autotrain_ui import preflight as preflight_module
from autotrain_ui.core.params import LLMParams
from autotrain_ui.preflight import preflight
from tests.conftest import make_project, run_in_process


def test_tensorboard_logs_land_in_the_project(tiny_model, testdata, tmp_path):
    project = make_project(tmp_path, testdata / "seed" / "sft.csv", project_name="tb", model=tiny_model,
                           trainer="sft", epochs=1, logging_steps=1, block_size=64, log="tensorboard")
    assert run_in_process(project) == 0
    assert list((project / "runs").rglob("events.out.tfevents.*")), sorted(p.name for p in project.rglob("*"))


def test_missing_tracker_package_is_refused_before_training(tiny_model, testdata, monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(preflight_module.importlib.util, "find_spec",
                        lambda name, *a: None if name == "wandb" else real(name, *a))
    params = LLMParams(project_name="w", model=tiny_model, data_path=str(testdata / "seed" / "sft.csv"),
                       trainer="sft", log="wandb")
    check = preflight(params, check_model=False)
    assert not check.ok and any("pip install wandb" in e and "--log none" in e for e in check.errors), check.errors


def test_trackio_logs_locally_in_the_project(tiny_model, testdata, tmp_path):
    project = make_project(tmp_path, testdata / "seed" / "sft.csv", project_name="tracked", model=tiny_model,
                           trainer="sft", epochs=1, logging_steps=1, block_size=64, log="trackio")
    # a process of its own, as every real run has: trackio reads TRACKIO_DIR once, when it is first imported
    done = subprocess.run([sys.executable, "-m", "trainers", "--config", str(project / "config.json")],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    assert (project / "trackio" / "tracked.db").exists(), sorted(p.name for p in project.rglob("*"))
