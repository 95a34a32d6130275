"""A run's start forked from the warm process (autotrain_ui/warm_start.py) vs a process started afresh
(runner.start_afresh), measured in one command: N starts each way of what a run does first (load torch,
transformers, peft, TRL and the trainer's modules; trainers/warm.py --describe), the warm ones from one warm
process started for them (its own load counted in).

Writes bench/results/warm.json and its section of bench/RESULTS.md (--no-write: print only).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main(argv=None) -> int:
    from autotrain_ui import runner, warm_start
    from bench_train import output_arguments, publish

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--starts", type=int, default=5)
    output_arguments(ap, "warm")
    args = ap.parse_args(argv)
    env = runner.child_env()
    env |= runner.one_process_env(True, env)
    load = os.getloadavg()
    walls: dict[str, list[float]] = {"afresh": [], "warm": []}
    cpu: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for way in ("afresh", "warm"):
            before = _children_cpu()
            for i in range(args.starts):
                out = ["--describe", str(folder / f"{way}{i}.json")]
                t = time.perf_counter()
                if way == "afresh":
                    runner.start_afresh([sys.executable, "-m", "trainers.warm", *out], folder, folder / "log", env).wait()
                else:
                    warm_start.start(out, folder, folder / "log", env, runner.group_alive).wait()
                walls[way].append(time.perf_counter() - t)
            if way == "warm":
                warm_start._current.retire()  # the warm process ends and is reaped: its CPU and its runs' count
            cpu[way] = _children_cpu() - before
    med = {way: statistics.median(w) for way, w in walls.items()}
    lines = [f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {os.cpu_count()} cores (load average "
             f"{load[0]:.1f} before), {args.starts} starts each way of what a run does first (loading the libraries), "
             "the warm ones from one warm process started for them, whose load is counted in.", "",
             "| way | CPU, all starts (s) | wall, first start (s) | wall, median start (s) |", "|---|---|---|---|"]
    lines += [f"| {way} | {cpu[way]:.2f} | {walls[way][0]:.2f} | {med[way]:.2f} |" for way in walls]
    lines += ["", f"warm / afresh: CPU {cpu['warm'] / cpu['afresh']:.2f}, median wall {med['warm'] / med['afresh']:.2f}"]
    text = "## Starting a run from the warm process (bench_warm.py)\n\n" + "\n".join(lines)
    publish(args, f"CPU, {os.cpu_count()} cores: warm starts", text, {"load_average": load, "walls": walls, "cpu": cpu})
    return 0


if __name__ == "__main__":
    sys.exit(main())
