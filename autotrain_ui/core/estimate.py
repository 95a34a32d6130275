"""The run model: what a run will do with the data and the settings (rows read, sampled, held out, trained on,
optimizer steps, tokens), how long it takes where it runs, and, once it ended, the estimate beside what it took.

`fit.estimate()` gives a job's memory and time from one call: the memory from the tokens a step really holds
(the run packs rows without padding, so a step holds batch x the rows' own length, not batch x the block size), the
time from `seconds()` below, both from the same plan and the same tokens per row.

Time, written out so a reader can check it:

    start     launch the process, import, load the model and the rows: START_S[where]
    compute   tokens trained x FLOPs per token / effective speed (fit.py: FLOPs per parameter and method; a GPU
              at MFU of its 16-bit peak, a CPU at its flavour's effective TFLOPS), + held-out tokens x 2 x params
              per evaluation
    per row   rows trained x ROW_S[where]: the per-row attention path and the collator cost per row, whatever its
              length (what dominates a small model on a GPU: 135M on an H200 does ~10k tokens/s, not 300k)
    per step  steps x STEP_S[where]: optimizer, logging, the events line (x TRL_STEP_FACTOR for TRL's trainers)
    sampling  GRPO: each step first samples --num-generations answers of up to --max-completion-length tokens for
              each of its prompts, one token of every answer at a time: steps x completion tokens x the cost of one
              decoding step (sampling_seconds); on a CPU it dominates a GRPO step
    finish    saving, and the verdict's answers (both models, MAX_PROMPTS prompts, MAX_NEW_TOKENS tokens each):
              SAVE_S + ANSWERS_S[where]

Calibrated against measured runs (bench/bench_estimate.py, the section "Estimates against measured runs" of
bench/RESULTS.md): the spec's tables with the real SmolLM2-135M on this project's 2-core CPU, and the GPU runs of
bench/gpu.sh recorded there. A rough guide: the target is within 1.5x either way on those runs.
"""

from __future__ import annotations

import math
import os
from dataclasses import asdict, dataclass
from pathlib import Path

CHARS_PER_TOKEN = 3.6      # bytes of a data file per token, for the figure read before any tokenizer is loaded
TEMPLATE_TOKENS = 24       # a row's tokens beyond its text: the chat template's roles and default system prompt
HOURS_LIMIT = 2.0          # the page warns, and offers a way out, when a run would take longer than this
# Measured (see the module docstring): seconds to start (launch to the first step), per row trained, per optimizer
# step, to check the answers (both models) and to save. START: bench runs' launch to first step, 6.6-8.6 s on 2 idle
# cores, 26-28 s on an H200 (CUDA's start-up). ROW, STEP: the bench runs' steps less their compute (2 cores: ~0.35 s
# a step of 8 rows; H200: ~14-20 ms a row whatever its length). TRL's own trainers (reward, DPO, ORPO, KTO) take
# TRL_STEP_FACTOR times the step overhead: the spec's 7-row DPO table, 32 steps, took 77 s on a quiet 2-core machine
# (issue #24), ~2 s a step of two short pairs where an SFT step of that size takes ~0.5 s; the spec's reward table
# used half DPO's CPU time a step (bench/bench_estimate.py).
START_S = {"cpu": 9.0, "gpu": 28.0}
ROW_S = {"cpu": 0.02, "gpu": 0.016}
STEP_S = {"cpu": 0.35, "gpu": 0.05}
TRL_STEP_FACTOR = {"reward": 2.0, "dpo": 4.0, "orpo": 4.0, "kto": 4.0}   # reward: one score head, no reference
ANSWERS_S = {"cpu": 8.0, "gpu": 4.0}
SAVE_S = {"cpu": 3.0, "gpu": 4.0}
CPU_TFLOPS_PER_CORE = 0.16   # effective training TFLOPS of one core of a machine with bf16 matmul (measured, 2 cores)
# A decoding step (one more token for every answer sampled together) reads every weight once whatever the number of
# answers: on a CPU it costs the forward pass of DECODE_STEP_TOKENS tokens, + one per answer. Measured with
# SmolLM2-135M on this project's 2-core CPU, in one process: a decoding step of 4, 8 and 16 sampled answers took
# 1.35, 1.67 and 1.71 s of CPU where a forward pass took 13.4 ms of CPU a token (8 rows of 40 tokens): 85-127 tokens'
# worth; the verdict's answers check agrees (ANSWERS_S["cpu"]: 2 x 48 decoding steps of 8 prompts in ~8 s on 2 quiet
# cores, 83 ms a step; this rule gives 91 ms). On a GPU a step of a small model costs its kernel launches, not its
# arithmetic: DECODE_STEP_S, from the answers check on an H200 (ANSWERS_S["gpu"]: 96 steps in ~4 s), not yet
# measured on a GRPO run on a GPU.
DECODE_STEP_TOKENS = {"cpu": 100, "gpu": 0}
DECODE_STEP_S = {"cpu": 0.0, "gpu": 0.04}


@dataclass
class Plan:
    """What a run does with its rows (the trainer and the page count them with these same rules)."""
    rows_read: int
    used: int            # after the random sample (--sample-rows), before any are held out
    held_out: int
    train_rows: int
    epochs: int
    steps: int           # optimizer steps
    rows_seen: int       # training rows passed through the model, over all epochs (capped by --max-steps)
    evaluations: int     # passes over the held-out rows
    capped: bool         # --max-steps stops the run before its epochs are done

    def as_dict(self) -> dict:
        return asdict(self)


def held_count(rows: int, percent: float) -> int:
    """How many of `rows` a --valid-percent holds out (data/split.py holds out these, less copies of training rows)."""
    if not percent or rows < 2:
        return 0
    return min(rows - 1, max(1, round(rows * percent / 100)))


def plan(rows: int, *, valid_percent: float = 0, sample_rows: int = 0, epochs: int = 1, batch: int = 2,
         accumulation: int = 1, max_steps: int = -1, devices: int = 1, evaluation: str = "epoch") -> Plan:
    rows = max(int(rows or 0), 0)
    used = min(rows, sample_rows) if sample_rows and sample_rows > 0 else rows
    held = held_count(used, valid_percent)
    train = used - held
    per_step = max(1, batch) * max(1, accumulation) * max(1, devices)
    per_epoch = max(1, math.ceil(train / per_step)) if train else 0
    epochs = max(1, int(epochs or 1))
    steps = per_epoch * epochs
    capped = bool(max_steps and max_steps > 0 and max_steps < steps)
    if max_steps and max_steps > 0:
        steps = max_steps
    seen = min(train * epochs, steps * per_step) if capped else train * epochs
    evaluations = 0 if not held or evaluation == "no" else (
        math.ceil(steps / per_epoch) if per_epoch and evaluation == "epoch" else max(1, min(steps, 25)))
    return Plan(rows, used, held, train, epochs, steps, seen, evaluations, capped)


def seconds(*, plan: Plan, tokens_per_row: float, flops_per_token: float, eval_flops_per_token: float,
            speed_flops: float, gpu: bool, trainer: str = "sft", answers: bool = True, sampling: float = 0.0) -> dict:
    """The run's time, in parts: {start, compute, rows, steps, sampling, finish, total} seconds. trainer: TRL's own
    (reward, DPO, ORPO, KTO) take longer a step; answers: the verdict's answers check runs at the end (every app run
    does); sampling: GRPO's answers sampled before each step (sampling_seconds)."""
    where = "gpu" if gpu else "cpu"
    compute = (plan.rows_seen * tokens_per_row * flops_per_token +
               plan.held_out * plan.evaluations * tokens_per_row * eval_flops_per_token) / speed_flops
    parts = {"start": START_S[where], "compute": compute, "rows": plan.rows_seen * ROW_S[where],
             "steps": plan.steps * STEP_S[where] * TRL_STEP_FACTOR.get(trainer, 1.0), "sampling": sampling,
             "finish": SAVE_S[where] + (ANSWERS_S[where] if answers else 0.0)}
    parts["total"] = sum(parts.values())
    return {k: round(v, 1) for k, v in parts.items()}


def sampling_seconds(*, steps: int, answers_per_step: int, completion_tokens: int, forward_flops_per_token: float,
                     speed_flops: float, gpu: bool) -> float:
    """GRPO's sampling: every step decodes its answers_per_step answers (prompts x --num-generations x accumulation, on
    each device at once) together, completion_tokens decoding steps each (--max-completion-length: answers that end
    sooner make it shorter, so this is the most it takes). One decoding step: DECODE_STEP_S + the forward pass of
    DECODE_STEP_TOKENS + answers_per_step tokens (see those constants)."""
    where = "gpu" if gpu else "cpu"
    step = DECODE_STEP_S[where] + (DECODE_STEP_TOKENS[where] + answers_per_step) * forward_flops_per_token / speed_flops
    return steps * completion_tokens * step


def cpu_tflops(cores: int) -> float:
    return CPU_TFLOPS_PER_CORE * max(1, cores)


# ---------------------------------------------------------------- the data's own figures, read cheaply

_FIGURES: dict = {}


def data_figures(path) -> tuple[int | None, float | None]:
    """(rows, tokens per row) of a data file, for the estimate: rows counted as lines (CSV/JSONL; Parquet's own count;
    a JSON list's length), tokens per row from the bytes per row. Cached by path, size and time: the estimate asks
    again with every change of the form, and must follow a new upload at once."""
    if not path:
        return None, None
    path = Path(path if isinstance(path, (str, os.PathLike)) else getattr(path, "name", path))
    try:
        st = path.stat()
    except OSError:
        return None, None
    key = (str(path), st.st_size, st.st_mtime_ns)
    if key not in _FIGURES:
        rows = _count_rows(path)
        per_row = st.st_size / rows / CHARS_PER_TOKEN + TEMPLATE_TOKENS if rows else None
        if path.suffix.lower() == ".parquet":
            per_row = None                    # compressed bytes say little of the text's length
        _FIGURES.clear()
        _FIGURES[key] = (rows, per_row)
    return _FIGURES[key]


def _count_rows(path: Path) -> int | None:
    try:
        suffix = path.suffix.lower()
        if suffix == ".parquet":
            import pyarrow.parquet as pq

            return pq.ParquetFile(path).metadata.num_rows
        if suffix == ".json":
            import json

            data = json.loads(path.read_text(encoding="utf-8-sig"))
            if isinstance(data, dict):   # {"data": [rows]}, {"train": [rows]} or columns {"question": [...], ...}
                data = max((v for v in data.values() if isinstance(v, list)), key=len, default=None)
            return len(data) if isinstance(data, list) else None
        with open(path, "rb") as fh:
            lines = sum(1 for line in fh if line.strip())
        return max(lines - (1 if suffix in (".csv", ".tsv", ".txt") else 0), 0)
    except (OSError, ValueError, ImportError):
        return None


# ---------------------------------------------------------------- the estimate beside the run

ESTIMATE_FILE = "estimate.json"


def recorded(est: dict, rows: int | None, tokens_per_row: float | None) -> dict:
    """What a job's estimate.json keeps of `fit.estimate()`'s answer, written when the job is queued."""
    return {"seconds": est["seconds"], "minutes": est["minutes"], "memory_gb": est["memory_gb"], "steps": est["steps"],
            "flavour": est["flavour"], "rows": rows, "tokens_per_row": round(tokens_per_row, 1) if tokens_per_row else None,
            "time_parts": est["time_parts"], "load_average": _load()}


def actual(job: dict, status: dict | None, steps: int | None) -> dict | None:
    """A finished job's own figures: wall time from start to end (the registry's clock), its steps and peak memory."""
    if not job.get("started") or not job.get("finished"):
        return None
    return {"wall_s": job["finished"] - job["started"], "steps": steps,
            "peak_memory_gb": (status or {}).get("peak_memory_gb"), "cpu_s": (status or {}).get("cpu_s")}


def _load() -> float | None:
    try:
        return round(os.getloadavg()[0], 2)
    except OSError:
        return None


def against(estimated: dict | None, actual: dict | None) -> dict | None:
    """A finished job's estimate beside what it took: {estimated_s, actual_s, time_ratio, estimated_memory_gb,
    peak_memory_gb, memory_ratio, estimated_steps, steps}. A ratio is estimate / actual (2.0: the estimate said
    twice as long as it took). None when either side is missing."""
    if not estimated or not actual or not actual.get("wall_s"):
        return None
    out = {"estimated_s": estimated.get("seconds"), "actual_s": round(actual["wall_s"], 1),
           "estimated_steps": estimated.get("steps"), "steps": actual.get("steps"),
           "estimated_memory_gb": estimated.get("memory_gb"), "peak_memory_gb": actual.get("peak_memory_gb"),
           "flavour": estimated.get("flavour"), "cpu_s": actual.get("cpu_s"),
           "load_average": estimated.get("load_average")}
    out["time_ratio"] = round(out["estimated_s"] / out["actual_s"], 2) if out["estimated_s"] else None
    out["memory_ratio"] = (round(out["estimated_memory_gb"] / out["peak_memory_gb"], 2)
                           if out["estimated_memory_gb"] and out["peak_memory_gb"] else None)
    return out
