"""Two CPU processes (gloo) end to end, and cancel: every rank stops, the group is gone, nothing is left behind."""

from __future__ import annotations

import json
import os
import time

import pytest

from autotrain_ui.core.params import LLMParams
from autotrain_ui.runner import create_project, group_alive, launch, stop
from tests.faults.test_kill_resume import events, wait


def test_two_processes_match_one(tiny_model, testdata, tmp_path):
    curves = {}
    for n in (1, 2):
        # the same global batch of 2: one process with 2 rows, or two with 1 each
        p = LLMParams(project_name=f"p{n}", model=tiny_model, trainer="sft", epochs=3, batch_size=2 // n,
                      logging_steps=1, block_size=64, lr=1e-3, mixed_precision="fp32", data_path="data")
        project = create_project(tmp_path, p, {"train": testdata / "seed" / "sft.csv"})
        assert launch(project, num_processes=n).wait() == 0, (project / "train.log").read_text()[-3000:]
        curves[n] = [(e["step"], e["loss"]) for e in events(project) if "loss" in e]
        assert json.loads((project / "run_info.json").read_text())["processes"] == n
    assert [s for s, _ in curves[1]] == [s for s, _ in curves[2]]  # one events stream, not one per rank
    assert max(abs(a - b) / a for (_, a), (_, b) in zip(curves[1], curves[2])) < 1e-3, curves


@pytest.mark.parametrize("n", [1, 2])
def test_cancel_stops_every_rank_and_saves(n, tiny_model, testdata, tmp_path):
    p = LLMParams(project_name="cancel", model=tiny_model, trainer="sft", epochs=400, batch_size=2 // n,
                  logging_steps=1, block_size=64, data_path="data")
    project = create_project(tmp_path, p, {"train": testdata / "seed" / "sft.csv"})
    proc = launch(project, num_processes=n)
    # a group of its own (what cancel signals), in this process's session: where Linux shares the CPU between
    # sessions first, that is what lets the app's low-priority threads yield to the trainer (priority.py)
    assert os.getpgid(proc.pid) == proc.pid != os.getpgid(0) and os.getsid(proc.pid) == os.getsid(0)
    wait(proc, project, 3)
    started = time.time()
    stop(proc, grace=60)
    proc.wait()
    assert not group_alive(proc.pid), "a rank outlived the cancel"
    assert time.time() - started < 60
    status = json.loads((project / "status.json").read_text())
    assert status["status"] == "cancelled"
    assert (project / "model" / "model.safetensors").exists()  # stopped at the next step and saved


@pytest.mark.parametrize("backend,flag", [(None, "--multi_gpu"), ("ddp", "--multi_gpu"), ("fsdp", "--use_fsdp"),
                                          ("deepspeed", "--use_deepspeed")])
def test_multi_gpu_launch_uses_the_chosen_backend(backend, flag, tmp_path, testdata):
    """What runs on N GPUs (checked for real only on a GPU machine): one process per GPU with the backend's flags."""
    from autotrain_ui.runner import launch_plan

    p = LLMParams(project_name="multi", distributed_backend=backend, data_path="data")
    project = create_project(tmp_path, p, {"train": testdata / "seed" / "sft.csv"})
    cmd = launch_plan(project, gpus=4)[0]
    assert cmd[cmd.index("--num_processes") + 1] == "4" and flag in cmd
    assert "--cpu" not in cmd and cmd[-2:] == ["--config", str(project / "config.json")]
    single = launch_plan(project, gpus=1)[0]
    assert flag not in single and "--multi_gpu" not in single


def test_machines_and_processes_reach_accelerate_launch(tmp_path, testdata):
    """accelerate's names: --num-processes counts every machine's processes; a second machine needs machine 0's
    address, which the settings check asks for before anything starts."""
    from autotrain_ui.runner import Machines, launch_plan

    p = LLMParams(project_name="machines", data_path="data")
    project = create_project(tmp_path, p, {"train": testdata / "seed" / "sft.csv"})
    cmd = launch_plan(project, gpus=8, machines=Machines(2, 1, "10.0.0.5", 29600))[0]
    flag = lambda name: cmd[cmd.index(name) + 1]  # noqa: E731
    assert (flag("--num_machines"), flag("--machine_rank"), flag("--main_process_ip"), flag("--main_process_port"),
            flag("--num_processes")) == ("2", "1", "10.0.0.5", "29600", "16")
    cpu = launch_plan(project, gpus=0, num_processes=3)[0]
    assert flag.__call__ and cpu[cpu.index("--num_processes") + 1] == "3" and "--cpu" not in cpu
    # on one machine the processes meet on a port found free, so two runs at once never both ask for 29500
    assert cpu[cpu.index("--main_process_port") + 1] == "0" and cpu[cpu.index("--num_machines") + 1] == "1"
    keys = {e.key for e in LLMParams(project_name="x", num_machines=2, machine_rank=2, num_processes=3).validate()}
    assert keys == {"params.machines_need_ip", "params.machine_rank_range", "params.processes_per_machine"}
