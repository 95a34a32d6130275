"""The time and memory estimate against measured runs (issue #24): the spec's tables trained here with the real
SmolLM2-135M-Instruct and the settings the page fits to them (suggest.py), each queued through the job registry as the
page queues it, so the estimate is the one recorded in the job's estimate.json; and the benchmark runs recorded in
bench/results (bench_train.py on this CPU, bench/gpu.sh on a GPU) estimated from their own rows, tokens and settings.

Prints, per run: estimated and actual wall time, their ratio (estimate / actual), estimated and peak memory, and the
load average while it ran (the machine is shared: compare ratios, and read a high load as "the run took longer").
Writes bench/results/estimate.json and its section of bench/RESULTS.md (--no-write: print only).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

# the spec's tables, and GRPO on a GSM8K-shaped table (its estimate counts the answers it samples: estimate.py)
TABLES = ("seed/sft.csv", "seed/dpo.csv", "seed/reward.csv", "grpo/gsm8k.jsonl")
LABEL = "Estimates against measured runs"
# A run on busy cores takes longer than on idle ones, but its CPU time stays about the same (the trainers' OpenMP threads
# wait passively: autotrain_ui/__init__.py). On 2 idle cores a run keeps ~1.35 of them busy (bench/RESULTS.md, the
# quick CPU run's cores used), and the launcher and the registry's poll add ~4 s of wall: the quiet-machine time of a
# run measured on a busy machine is about its CPU time / IDLE_CORES_USED + LAUNCH_S.
IDLE_CORES_USED = 1.35
LAUNCH_S = 4.0
GPU_RUNS = {"gpu-135m-lora": ("lora", 135e6), "gpu-360m-full": ("full", 362e6), "gpu-360m-qlora": ("qlora", 362e6)}


def spec_runs(model: str, workdir: Path, timeout: float, tables=TABLES) -> list[dict]:
    from autotrain_ui import suggest
    from autotrain_ui.core.data import prepare
    from autotrain_ui.jobs import Registry
    from autotrain_ui.core.params import LLMParams

    registry = Registry(workdir / "projects")
    out = []
    for table in tables:
        path = ROOT / "tests" / "data" / table
        _, report = prepare(path, None)
        settings = suggest.suggest(report).settings
        params = LLMParams.from_dict({**settings, "model": model, "project_name": f"estimate-{path.stem}"})
        load_before = os.getloadavg()[0]
        job = registry.submit(params, path)
        started = time.time()
        while registry.get(job)["status"] in ("queued", "starting", "running") and time.time() - started < timeout:
            registry.tick()
            time.sleep(1)
        s = registry.status(job)
        e = s.get("estimate") or {}
        if e.get("cpu_s"):
            e["quiet_s"] = round(e["cpu_s"] / IDLE_CORES_USED + LAUNCH_S, 1)
            e["quiet_ratio"] = round(e["estimated_s"] / e["quiet_s"], 2)
        out.append({**e, "run": f"spec {table} ({settings['trainer']}, {params.epochs} epochs)", "status": s["status"],
                    "load_average": [round(load_before, 2), round(os.getloadavg()[0], 2)]})
        print(json.dumps(out[-1]), flush=True)
    registry.close()
    return out


def bench_runs() -> list[dict]:
    """The recorded benchmark runs, estimated from their own rows and tokens on their own machine."""
    from autotrain_ui import fit, hardware
    from autotrain_ui.core.estimate import cpu_tflops

    out = []
    for name in ("train", "train-quick", *GPU_RUNS):
        path = ROOT / "bench" / "results" / f"{name}.json"
        if not path.exists():
            continue
        d = json.loads(path.read_text())
        run = d["runs"]["ours"]
        method, _ = GPU_RUNS.get(name, ("lora", 135e6))
        if d["device"] == "cuda":
            gpu = d["machine"]["gpu"].split(",")[0]
            tflops = next((t for key, t in hardware.GPU_TFLOPS if key.upper() in gpu.upper()), 50)
            where = hardware.Flavour("bench", gpu, gpu, 1, d["machine"]["memory_gb"], 16, 125, 0, tflops)
            model = "HuggingFaceTB/SmolLM2-360M-Instruct" if "360m" in name else "HuggingFaceTB/SmolLM2-135M-Instruct"
        else:
            cores = d["machine"]["cores"]
            where = hardware.Flavour("bench", "CPU", None, 0, 0, cores, d["machine"]["memory_gb"], 0, cpu_tflops(cores))
            model = "HuggingFaceTB/SmolLM2-135M-Instruct"
        train, held = d["data"]["train"], d["data"]["heldout"]
        rows = train["rows"] + held["rows"]
        est = fit.estimate(model, method, d["block_size"], d["batch_size"], rows, d["epochs"], where,
                                tokens_per_row=train["mean"], trainer="sft",
                                valid_percent=100 * held["rows"] / rows, answers=False)  # recorded before the check
        peak = (run.get("peak_gpu_bytes") or run.get("peak_rss_bytes") or 0) / 1024 ** 3
        out.append({"run": f"bench {d['label']}", "estimated_s": est["seconds"], "actual_s": run["wall_s"],
                    "time_ratio": round(est["seconds"] / run["wall_s"], 2), "estimated_memory_gb": est["memory_gb"],
                    "peak_memory_gb": round(peak, 2), "memory_ratio": round(est["memory_gb"] / peak, 2) if peak else None,
                    "estimated_steps": est["steps"], "steps": run["steps"],
                    "load_average": [d["machine"].get("load_average_at_start")]})
    return out


def issue_run() -> dict:
    """The one quiet run of a spec table on record (issue #24): the spec's DPO table, 7 rows, with the page's defaults
    of then (8 epochs, batch 2: 32 steps, LoRA), 77 s on a quiet 2-core machine; no answers check yet then."""
    from autotrain_ui import fit, hardware
    from autotrain_ui.core.estimate import data_figures

    rows, per_row = data_figures(ROOT / "tests" / "data" / "seed" / "dpo.csv")
    where = hardware.local_flavour(hardware.CurrentHardware(False, None, [], cpus=2, ram_gb=23.5))
    est = fit.estimate("HuggingFaceTB/SmolLM2-135M-Instruct", "lora", 1024, 2, rows, 8, where, trainer="dpo",
                            tokens_per_row=per_row, answers=False)
    return {"run": "issue #24: spec dpo.csv, 8 epochs (the defaults of then), quiet 2 cores", "estimated_s": est["seconds"],
            "actual_s": 77, "time_ratio": round(est["seconds"] / 77, 2), "estimated_memory_gb": est["memory_gb"],
            "estimated_steps": est["steps"], "steps": 32, "load_average": ["quiet"]}


def markdown(rows: list[dict], machine: str) -> str:
    lines = [f"## {LABEL}", "", f"Measured {time.strftime('%Y-%m-%d %H:%M')} on {machine} by `python bench/bench_estimate.py`. "
             "A ratio is estimate / actual (1.0: exact; within 0.67-1.5 is the target of issue #24). The spec's tables "
             "ran with the settings the page fits to them, through the job registry; the bench rows are the runs "
             "recorded in bench/results, estimated from their own rows, tokens and settings (their wall time has no "
             "answers check, which runs came to have later). The shared 2-core machine is rarely idle: a spec table's "
             f"quiet-machine equivalent is its trainer's CPU time / {IDLE_CORES_USED} (the cores a run keeps busy on 2 idle "
             f"ones) + {LAUNCH_S:g} s (launcher, registry poll). Peak memory: the process's peak RSS on a CPU, the GPU's "
             "reserved peak on a GPU.", "",
             "| run | estimated (s) | took (s) | time ratio | estimated memory (GB) | peak memory (GB) | memory ratio "
             "| steps (estimated / ran) | trainer CPU (s) | quiet-machine equivalent (s) | ratio to it "
             "| load average (before, after) |", "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    def cell(value, suffix=""):
        return "" if value is None else f"{value}{suffix}"

    def bold(value):
        return "" if value is None else f"**{value}x**"

    for r in rows:
        lines.append(f"| {r['run']} | {cell(r.get('estimated_s'))} | {cell(r.get('actual_s'))} | "
                     f"{bold(r.get('time_ratio'))} | {cell(r.get('estimated_memory_gb'))} | "
                     f"{cell(r.get('peak_memory_gb'))} | {cell(r.get('memory_ratio'), 'x')} | "
                     f"{cell(r.get('estimated_steps'))} / {cell(r.get('steps'))} | {cell(r.get('cpu_s'))} | "
                     f"{cell(r.get('quiet_s'))} | {bold(r.get('quiet_ratio'))} | "
                     f"{', '.join(map(str, r.get('load_average') or []))} |")
    quiet = [r.get("quiet_ratio") or r.get("time_ratio") for r in rows
             if r.get("quiet_ratio") or not str(r["run"]).startswith("spec")]
    busy = [r["time_ratio"] for r in rows if r.get("quiet_ratio")]
    if quiet:
        lines += ["", f"On a quiet machine (or its equivalent) the estimate / actual ratios run from {min(quiet)}x to "
                  f"{max(quiet)}x" + (f"; on the busy machine the spec tables took {1 / max(busy):.1f}-{1 / min(busy):.1f}x "
                                       "the estimate (the estimate cannot know what else will run beside a job; "
                                       "`autotrain jobs show` gives the load average when a job was queued)." if busy
                                       else ".")]
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", help="model (default: the offline SmolLM2-135M-Instruct folder, as tests use)")
    ap.add_argument("--timeout", type=float, default=600, help="seconds one run may take")
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--skip-runs", action="store_true", help="only the recorded benchmark runs (no training here)")
    ap.add_argument("--from-json", action="store_true", help="write the table again from bench/results/estimate.json")
    ap.add_argument("--tables", nargs="+", default=TABLES, help=f"tables under tests/data to train (default: {TABLES})")
    args = ap.parse_args(argv)
    from autotrain_ui.core.models import DEFAULT_HUB_ID, materialize, resolve_model

    model = args.model or materialize(resolve_model(DEFAULT_HUB_ID))
    rows = []
    if args.from_json:
        rows = json.loads((ROOT / "bench" / "results" / "estimate.json").read_text())
    elif not args.skip_runs:
        with tempfile.TemporaryDirectory(prefix="bench_estimate_") as tmp:
            rows += spec_runs(model, Path(tmp), args.timeout, args.tables)
    if not args.from_json:
        rows += [issue_run(), *bench_runs()]
    machine = f"{os.cpu_count()} cores"
    text = markdown(rows, machine)
    print(text)
    if not args.no_write:
        from bench_train import update_markdown

        (ROOT / "bench" / "results").mkdir(exist_ok=True)
        (ROOT / "bench" / "results" / "estimate.json").write_text(json.dumps(rows, indent=2) + "\n")
        update_markdown(ROOT / "bench" / "RESULTS.md", LABEL, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
