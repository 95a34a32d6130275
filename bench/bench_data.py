"""Benchmark the data doctor: big chat JSONL files as the page and `autotrain data check` see them (issue #23), and
a 200,000-row, ~100 MB chat CSV against pandas.read_csv (issue #3).

    python bench/bench_data.py [--sizes 200000,1000000] [--baseline REV] [--no-write]   # chat JSONL (issue #23)
    python bench/bench_data.py --csv [--rows 200000] [--keep]                              # the CSV (issue #3)

Chat JSONL: for each size, a file of {"messages": [user, assistant]} rows (~420 bytes a row: 1,000,000 rows are
~420 MB), then, each in a fresh child process (so memory high-water marks do not mix), for this tree and for
--baseline (the tree before the issue's speed-ups, unpacked with `git archive`) in the same command:
  check   data.prepare: seconds, CPU seconds, peak RSS of the process
  page    what an upload does on the page: the report and the settings fitted to it (this tree: data_tab.inspect,
          one read, with progress; the baseline: its inspect, which reads the table and then checks it), timed
          while the process's main thread wakes every 50 ms (the latency it sees is what the app's other requests
          would), peak RSS of the process with gradio imported as the app has it
  tokens  the data check's token statistics with the default model's tokenizer and template (`data check
          --model`); the baseline counts the first 20,000 rows (every row rendered) and its time is scaled to the
          file (it took 112 s for 200,000 rows in the issue), this tree samples 20,000 rows and states the error

The CSV (--csv): generates the file (deterministically) in a temp folder, then runs each step in a fresh child
process so the memory high-water marks do not mix: the time, the RSS growth (ru_maxrss minus the RSS before the step),
the Python-level peak (tracemalloc, measured in a second run because tracing slows Python down) and the
pyarrow pool peak. The baseline is plain `pandas.read_csv` on the same file in the same run.
Targets (issue #3): the report in under 3 s; memory under 3x the file size.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_chat_data import chat_main

ROOT = Path(__file__).resolve().parents[1]
WORDS = ("the model learns what we show it and nothing else so every row counts when a user brings data "
         "from a spreadsheet with commas, quotes \"like this\" and sometimes a line break inside a cell "
         "안녕하세요 반갑습니다 café naïve").split()


def generate(path: Path, rows: int, seed: int = 0) -> None:
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write("id,text,source\n")
        chunk = []
        for i in range(rows):
            q = " ".join(rng.choices(WORDS, k=rng.randint(8, 30)))
            a = " ".join(rng.choices(WORDS, k=rng.randint(40, 110)))
            if i % 50 == 0:
                a += "\nsecond line of the answer"
            text = f"human: {q} \\n bot: {a}".replace('"', '""')
            chunk.append(f'{i},"{text}",{"web" if i % 3 else "book"}\n')
            if len(chunk) == 5000:
                fh.write("".join(chunk))
                chunk = []
        fh.write("".join(chunk))


def _rss_bytes() -> int:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def child(step: str, path: str, trace: bool) -> dict:
    """Runs in a fresh process: one step, measured."""
    sys.path.insert(0, str(ROOT))
    import pandas as pd
    import pyarrow as pa

    from autotrain_ui.core import data

    def work():
        if step == "baseline_pandas":
            return pd.read_csv(path)
        if step == "read_table":
            return data.read_table(path)
        if step == "prepare":
            return data.prepare(path, "sft")
        if step == "prepare_chatml":
            return data.prepare(path, "sft", chat_template="chatml")
        if step == "prepare_preview":
            examples, report = data.prepare(path, "sft")
            return report, data.preview(examples, None, None, n=3)
        raise SystemExit(f"unknown step {step}")

    if trace:
        import tracemalloc
        tracemalloc.start()
    before_rss = _rss_bytes()
    pool = pa.default_memory_pool()
    start = time.perf_counter()
    result = work()
    seconds = time.perf_counter() - start
    out = {"step": step, "seconds": seconds,
           "maxrss_delta": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 - before_rss,
           "arrow_peak": pool.max_memory() or 0}
    if trace:
        out["tracemalloc_peak"] = tracemalloc.get_traced_memory()[1]
    if step.startswith("prepare"):
        report = result[0] if step == "prepare_preview" else result[1]
        out["rows"] = report.rows
        out["ok"] = report.ok
        out["problems"] = [p.message[:120] for p in report.problems]
    return out


def run_child(step: str, path: Path, trace: bool) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--child", step, str(path)] + (["--trace"] if trace else []),
                          capture_output=True, text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> int:
    if "--csv" not in sys.argv and "--child" not in sys.argv:
        return chat_main(sys.argv[1:])
    parser = argparse.ArgumentParser()
    parser.add_argument("--csv", action="store_true", help="the CSV benchmark of issue #3 (else: chat JSONL, #23)")
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--keep", action="store_true", help="keep the generated file")
    parser.add_argument("--child", nargs=2, metavar=("STEP", "PATH"), help=argparse.SUPPRESS)
    parser.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child[0], args.child[1], args.trace)))
        return 0

    folder = Path(tempfile.mkdtemp(prefix="bench_data_"))
    path = folder / "chat.csv"
    t = time.perf_counter()
    generate(path, args.rows)
    size = path.stat().st_size
    print(f"generated {args.rows:,} rows, {size / 1e6:.1f} MB in {time.perf_counter() - t:.1f} s: {path}")
    mb = 1e6
    print(f"{'step':18} {'seconds':>8} {'RSS growth':>11} {'x file':>7} {'tracemalloc':>12} {'x file':>7} "
          f"{'arrow pool':>11}")
    results = {}
    for step in ("baseline_pandas", "read_table", "prepare", "prepare_preview", "prepare_chatml"):
        timed = run_child(step, path, trace=False)
        traced = run_child(step, path, trace=True)
        results[step] = timed | {"tracemalloc_peak": traced["tracemalloc_peak"]}
        r = results[step]
        print(f"{step:18} {r['seconds']:8.2f} {r['maxrss_delta'] / mb:9.0f}MB {r['maxrss_delta'] / size:7.2f} "
              f"{r['tracemalloc_peak'] / mb:10.0f}MB {r['tracemalloc_peak'] / size:7.2f} "
              f"{r['arrow_peak'] / mb:9.0f}MB")
        if "problems" in r and r["problems"]:
            print(f"{'':18} report: ok={r['ok']} rows={r['rows']} problems={r['problems']}")
    base = results["baseline_pandas"]
    rep = results["prepare_preview"]
    print(f"\nreport + preview vs pandas.read_csv: {rep['seconds'] / base['seconds']:.2f}x time, "
          f"{rep['maxrss_delta'] / max(1, base['maxrss_delta']):.2f}x RSS growth")
    print(f"targets: report under 3 s -> {rep['seconds']:.2f} s "
          f"({'met' if rep['seconds'] < 3 else 'MISSED'}); memory under 3x file -> "
          f"{max(rep['maxrss_delta'], rep['tracemalloc_peak']) / size:.2f}x "
          f"({'met' if max(rep['maxrss_delta'], rep['tracemalloc_peak']) < 3 * size else 'MISSED'})")
    if not args.keep:
        path.unlink()
        folder.rmdir()
    return 0


if __name__ == "__main__":
    sys.exit(main())
