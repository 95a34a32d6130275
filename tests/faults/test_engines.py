"""Several processes on real engines, checked on the CPU through gloo: FSDP (torch's FSDP2, which shards the weights)
from the command line, and one model trained by two launchers as two machines. Each is compared with one process
at the same global batch: the same losses, step by step."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from autotrain_ui.core.params import LLMParams
from autotrain_ui.runner import REPO_ROOT, create_project, launch
from tests.faults.test_kill_resume import events

STEPS = 3
COMMON = ["--trainer", "sft", "--max-steps", str(STEPS), "--logging-steps", "1", "--block-size", "64", "--lr", "1e-3",
          "--mixed-precision", "fp32", "--save-strategy", "no", "--evaluation-strategy", "no"]


def losses(project: Path) -> list[tuple[int, float]]:
    return [(e["step"], e["loss"]) for e in events(project) if "loss" in e]


def same_curve(a, b) -> bool:
    return [s for s, _ in a] == [s for s, _ in b] and len(a) == STEPS and \
        max(abs(x - y) / x for (_, x), (_, y) in zip(a, b)) < 1e-3


@pytest.fixture(scope="module")
def one_process(tiny_model, testdata, tmp_path_factory) -> list[tuple[int, float]]:
    """The reference: one process, a batch of 2 rows per step."""
    root = tmp_path_factory.mktemp("one")
    p = LLMParams(project_name="one", model=tiny_model, trainer="sft", max_steps=STEPS, batch_size=2, logging_steps=1,
                  block_size=64, lr=1e-3, mixed_precision="fp32", save_strategy="no", evaluation_strategy="no",
                  data_path="data")
    project = create_project(root, p, {"train": testdata / "seed" / "sft.csv"})
    assert launch(project, num_processes=1).wait() == 0, (project / "train.log").read_text()[-3000:]
    return losses(project)


def cli(folder: Path, model: str, data: Path, *flags: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    return subprocess.Popen([sys.executable, "-m", "autotrain_ui.cli", "llm", "--train", "--model", model,
                             "--project-name", "run", "--data-path", str(data), "--train-split", "train", *COMMON,
                             *flags], cwd=folder, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def test_fsdp_on_two_cpu_processes_trains_as_one_process_does(one_process, tiny_model, testdata, tmp_path):
    """`--distributed-backend fsdp --num-processes 2`: the weights sharded over two processes (1 row each), the fast
    path stepped aside and saying so, the same losses as one process with both rows, the whole model saved."""
    proc = cli(tmp_path, tiny_model, testdata / "seed" / "sft.csv", "--batch-size", "1",
               "--distributed-backend", "fsdp", "--num-processes", "2")
    out, _ = proc.communicate(timeout=600)
    project = tmp_path / "run"
    assert proc.returncode == 0, out + (project / "train.log").read_text()[-3000:]
    info = json.loads((project / "run_info.json").read_text())
    assert info["processes"] == 2 and info["engine"] == "FSDP"
    assert info["fast_path"]["fast_path"] is False and "FSDP" in " ".join(info["fast_path"]["reasons"])
    log = (project / "train.log").read_text()
    assert "engine: FSDP over 2 processes" in log and "FSDP shards the weights" in log
    assert same_curve(one_process, losses(project)), (one_process, losses(project))
    from safetensors.torch import load_file

    saved = load_file(project / "model" / "model.safetensors")
    assert saved["model.embed_tokens.weight"].shape[0] > 1000, "the gathered weights, not one rank's shard"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_two_machines_train_one_model_together(one_process, tiny_model, testdata, tmp_path):
    """Two launchers on this machine as machines 0 and 1 (`--num-machines 2`, gloo): one process each, one model.
    Machine 0 writes the events and the model; machine 1 only trains, and says so."""
    port = str(free_port())
    procs = {}
    for rank in (0, 1):
        (tmp_path / f"m{rank}").mkdir()
        procs[rank] = cli(tmp_path / f"m{rank}", tiny_model, testdata / "seed" / "sft.csv", "--batch-size", "1",
                          "--num-machines", "2", "--machine-rank", str(rank), "--main-process-ip", "127.0.0.1",
                          "--main-process-port", port)
    outs = {rank: proc.communicate(timeout=600)[0] for rank, proc in procs.items()}
    main, other = tmp_path / "m0" / "run", tmp_path / "m1" / "run"
    for rank, proc in procs.items():
        assert proc.returncode == 0, outs[rank] + (tmp_path / f"m{rank}" / "run" / "train.log").read_text()[-3000:]
    assert json.loads((main / "run_info.json").read_text())["processes"] == 2
    assert same_curve(one_process, losses(main)), (one_process, losses(main))
    assert (main / "model" / "model.safetensors").exists()
    assert not (other / "events.jsonl").exists() and not (other / "model").exists()
    assert "Machine 1 has finished its part" in outs[1]
