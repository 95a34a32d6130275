"""One process on one machine: the app starts the trainer itself rather than through `accelerate launch`, and the
trainer must see the very environment the launcher would have given it (autotrain_ui/runner.py one_process_env)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from autotrain_ui import runner
from autotrain_ui.core.params import LLMParams

DUMP = "import json, os, sys\nopen(sys.argv[1], 'w').write(json.dumps(dict(os.environ)))\n"


@pytest.mark.parametrize("cpu, threads", [(True, None), (True, "3"), (False, None)],
                         ids=["cpu", "cpu-threads-set", "gpu"])
def test_the_trainer_started_directly_sees_what_accelerate_launch_would_give_it(tmp_path, cpu, threads):
    env = {k: v for k, v in runner.child_env().items() if k != "OMP_NUM_THREADS"}
    env["HF_HOME"] = str(tmp_path / "hf")  # no accelerate config file here: the launcher uses its flags alone
    if threads:
        env["OMP_NUM_THREADS"] = threads
    script = tmp_path / "dump.py"
    script.write_text(DUMP)
    launched = subprocess.run([*runner.accelerate_launch(1, 0 if cpu else 1), str(script), str(tmp_path / "env.json")],
                              env=env, capture_output=True, text=True, timeout=120)
    assert launched.returncode == 0, launched.stderr
    under_launcher = json.loads((tmp_path / "env.json").read_text())
    direct = env | runner.one_process_env(cpu, env)
    differ = {k: (under_launcher.get(k), direct.get(k)) for k in under_launcher.keys() | direct.keys()
              if under_launcher.get(k) != direct.get(k)}
    assert not differ, differ
    if threads:
        assert direct["OMP_NUM_THREADS"] == threads  # a thread count the user set is kept


def test_one_process_starts_the_trainer_itself_and_several_go_through_the_launcher(tmp_path, testdata):
    project = runner.create_project(tmp_path, LLMParams(project_name="p", data_path="data"),
                                    {"train": testdata / "seed" / "sft.csv"})
    config = ["--config", str(project / "config.json")]
    cmd, added = runner.launch_plan(project, gpus=0, resume=True, environ={"HF_HOME": str(tmp_path / "hf")})
    assert cmd == [sys.executable, "-m", "trainers", *config, "--resume"] and added["ACCELERATE_USE_CPU"] == "True"
    cmd, added = runner.launch_plan(project, gpus=2, environ={"HF_HOME": str(tmp_path / "hf")})
    assert "accelerate.commands.launch" in cmd and cmd[-2:] == config and not added
    # on a GPU, an accelerate config file may change what the launcher does: then it goes through the launcher
    (tmp_path / "hf" / "accelerate").mkdir(parents=True)
    (tmp_path / "hf" / "accelerate" / "default_config.yaml").write_text("distributed_type: NO\n")
    cmd, added = runner.launch_plan(project, gpus=1, environ={"HF_HOME": str(tmp_path / "hf")})
    assert "accelerate.commands.launch" in cmd and "--cpu" not in cmd and not added
    cmd, _ = runner.launch_plan(project, gpus=0, environ={"HF_HOME": str(tmp_path / "hf")})
    assert cmd[1:3] == ["-m", "trainers"]  # with --cpu accelerate reads no config file
