"""OpenMP's wait policy on shared cores: torch's threads spinning (libgomp's default, OMP_WAIT_POLICY=ACTIVE) against
sleeping (PASSIVE, what autotrain_ui sets for every process it starts).

    python bench/bench_threads.py [--busy N] [--rounds 2] [--no-write]

One piece of work, greedy generation of SmolLM2-135M-Instruct (4 prompts, 32 new tokens, bf16 where the CPU has it,
torch's default thread count), is run in a fresh child process under each policy, alternating, `--rounds` times:
first with the cores to itself, then beside `--busy` processes that each keep a core busy in plain Python (default:
as many as there are cores), the way the app's handlers or a second test worker share a 2-vCPU machine with a
training run. Printed: wall and CPU seconds per run, and PASSIVE/ACTIVE ratios of the medians in each condition.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CHILD = r"""
import json, sys, time, torch
from transformers import AutoModelForCausalLM, AutoTokenizer
path = sys.argv[1]
tok = AutoTokenizer.from_pretrained(path); tok.padding_side = "left"
model = AutoModelForCausalLM.from_pretrained(path, dtype=torch.bfloat16 if sys.argv[2] == "bf16" else torch.float32).eval()
texts = [tok.apply_chat_template([{"role": "user", "content": q}], tokenize=False, add_generation_prompt=True)
         for q in ("What is your name?", "Where do you live?", "What do you like?", "Tell me a joke about cats.")]
enc = tok(texts, return_tensors="pt", padding=True, add_special_tokens=False)
wall, cpu = time.time(), time.process_time()
with torch.no_grad():
    model.generate(**enc, max_new_tokens=32, min_new_tokens=32, do_sample=False, pad_token_id=tok.pad_token_id)
print(json.dumps({"wall": time.time() - wall, "cpu": time.process_time() - cpu, "threads": torch.get_num_threads()}))
"""


def _spin(stop) -> None:
    while not stop.is_set():
        sum(range(10_000))


def one(model: str, dtype: str, policy: str) -> dict:
    env = dict(os.environ, OMP_WAIT_POLICY=policy, PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-c", CHILD, model, dtype], env=env, capture_output=True, text=True,
                         timeout=1800)
    if out.returncode != 0:
        raise SystemExit(out.stderr[-2000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def condition(model: str, dtype: str, rounds: int, busy: int) -> dict:
    stop = multiprocessing.Event()
    spinners = [multiprocessing.Process(target=_spin, args=(stop,), daemon=True) for _ in range(busy)]
    for p in spinners:
        p.start()
    try:
        runs = {"ACTIVE": [], "PASSIVE": []}
        for _ in range(rounds):
            for policy in runs:
                runs[policy].append(one(model, dtype, policy))
                print(f"  busy={busy} {policy:7s} wall {runs[policy][-1]['wall']:6.2f} s  "
                      f"cpu {runs[policy][-1]['cpu']:6.2f} s", flush=True)
    finally:
        stop.set()
        for p in spinners:
            p.join()
    med = {p: {k: statistics.median(r[k] for r in v) for k in ("wall", "cpu")} for p, v in runs.items()}
    return {"busy": busy, "runs": runs, "median": med,
            "passive_over_active": {k: med["PASSIVE"][k] / med["ACTIVE"][k] for k in ("wall", "cpu")}}


def main(argv=None) -> int:
    from bench_train import output_arguments, publish

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--busy", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--rounds", type=int, default=2)
    output_arguments(ap, "threads")
    args = ap.parse_args(argv)
    from autotrain_ui.core.models import DEFAULT_HUB_ID, materialize, resolve_model
    from trainers.policy import cpu_has_bf16

    model, dtype = materialize(resolve_model(DEFAULT_HUB_ID)), "bf16" if cpu_has_bf16() else "fp32"
    load = os.getloadavg()
    results = [condition(model, dtype, args.rounds, 0), condition(model, dtype, args.rounds, args.busy)]
    lines = [f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {os.cpu_count()} cores (load average "
             f"{load[0]:.1f} before the first run: other work was sharing the machine), SmolLM2-135M-Instruct {dtype}, "
             f"greedy generation of 4 prompts x 32 tokens, torch's default threads, {args.rounds} runs per cell "
             "(medians).", "", "| other busy processes | ACTIVE wall / CPU (s) | PASSIVE wall / CPU (s) | "
             "PASSIVE/ACTIVE wall | PASSIVE/ACTIVE CPU |", "|---|---|---|---|---|"]
    for r in results:
        a, p, q = r["median"]["ACTIVE"], r["median"]["PASSIVE"], r["passive_over_active"]
        lines.append(f"| {r['busy']} | {a['wall']:.2f} / {a['cpu']:.2f} | {p['wall']:.2f} / {p['cpu']:.2f} | "
                     f"{q['wall']:.2f} | {q['cpu']:.2f} |")
    text = "## CPU: OpenMP wait policy (bench_threads.py)\n\n" + "\n".join(lines)
    publish(args, f"CPU, {os.cpu_count()} cores: wait policy", text,
            {"load_average": load, "dtype": dtype, "results": results})
    return 0


if __name__ == "__main__":
    sys.exit(main())
