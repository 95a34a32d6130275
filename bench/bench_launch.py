"""One training process started through `accelerate launch` vs started directly with the same environment
(autotrain_ui/runner.py launch_plan), measured in one command: the CPU time and wall time from the start to the
moment the trainer's own first import (torch) is done, alternating the two ways, medians of --rounds each.

The difference is the launcher's interpreter, which imports accelerate (and so torch) only to start the trainer and
wait for it. Writes bench/results/launch.json and its section of bench/RESULTS.md (--no-write: print only).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

STARTS = "import torch\n"  # what the trainer's first lines import


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def one(way: str, script: Path) -> dict:
    from autotrain_ui import runner

    env = runner.child_env()
    if way == "launcher":
        cmd, added = [*runner.accelerate_launch(1, 0), str(script)], {}
    else:
        cmd, added = [sys.executable, str(script)], runner.one_process_env(True, env)
    cpu, wall = _children_cpu(), time.perf_counter()
    subprocess.run(cmd, env=env | added, check=True, capture_output=True)
    return {"cpu": _children_cpu() - cpu, "wall": time.perf_counter() - wall}


def main(argv=None) -> int:
    from bench_train import output_arguments, publish

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=5)
    output_arguments(ap, "launch")
    args = ap.parse_args(argv)
    load = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "start.py"
        script.write_text(STARTS)
        one("direct", script)  # warm the file cache for both
        runs = {"launcher": [], "direct": []}
        for _ in range(args.rounds):
            for way in runs:
                runs[way].append(one(way, script))
    med = {way: {k: statistics.median(r[k] for r in rs) for k in ("cpu", "wall")} for way, rs in runs.items()}
    lines = [f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {os.cpu_count()} cores (load average "
             f"{load[0]:.1f} before the first run), {args.rounds} starts each way, alternating, medians; the started "
             "program imports torch and exits.", "",
             "| way | CPU (s) | wall (s) |", "|---|---|---|"]
    lines += [f"| {way} | {m['cpu']:.2f} | {m['wall']:.2f} |" for way, m in med.items()]
    lines += ["", f"direct / launcher: CPU {med['direct']['cpu'] / med['launcher']['cpu']:.2f}, wall "
              f"{med['direct']['wall'] / med['launcher']['wall']:.2f}"]
    text = "## Starting one training process (bench_launch.py)\n\n" + "\n".join(lines)
    publish(args, f"CPU, {os.cpu_count()} cores: starting one process", text,
            {"load_average": load, "runs": runs, "median": med})
    return 0


if __name__ == "__main__":
    sys.exit(main())
