"""What watches a run while it trains: the token counter around the data collator, and the callback that appends
one JSON object per logging step to events.jsonl, stops on cancel (SIGTERM or PROJECT/CANCEL), saves on time, and
stops a run whose loss went NaN."""

from __future__ import annotations

import json
import math
import resource
import time
from pathlib import Path

import torch
from transformers import TrainerCallback

from autotrain_ui.core.params import LLMParams
from trainers import scope
from trainers.dist import is_main_process


class TokenCounter:
    """Wraps a data collator to count the real (non-pad) tokens each batch carries."""

    def __init__(self, collator):
        self.collator, self.tokens = collator, 0

    def __call__(self, features):
        batch = self.collator(features)
        if not isinstance(batch, dict):  # GRPO's rows go to generation as they are: nothing to count here
            return batch
        masks = [v for k, v in batch.items() if k.endswith("attention_mask") and hasattr(v, "sum")]
        if "real_tokens" in batch:  # a packed batch says how many of its tokens are not padding
            self.tokens += int(batch["real_tokens"])
        elif masks:
            self.tokens += sum(int(m.sum()) for m in masks)
        elif "input_ids" in batch:
            self.tokens += int(batch["input_ids"].numel())
        return batch


class MetricsCallback(TrainerCallback):
    """Appends one JSON object per logging step to events.jsonl (rank 0 only), stops on cancel (and saves), and stops
    a run that diverged (without saving: `diverged` then holds the step, and trainers/run.py says so)."""

    def __init__(self, project_dir: Path, counter: TokenCounter | None = None, checkpoint_every_s: float = 0):
        self.path = Path(project_dir) / "events.jsonl"
        self.checkpoint_every_s, self.last_save = checkpoint_every_s, time.time()
        self.cancel_file = Path(project_dir) / "CANCEL"
        self.counter = counter
        self.start = time.time()
        self.last_time, self.last_tokens = self.start, 0
        self.run = scope.current()  # its `cancelled` is set by SIGTERM (trainers/scope.py) or by the CANCEL file
        self.bad_points = 0
        self.diverged: int | None = None  # the logged step at which the loss or gradients went NaN/inf for good
        self.first_bad: int | None = None  # the first of the NaN/inf steps that led there: weights since are ruined

    @property
    def cancelled(self) -> bool:
        return self.run.cancelled

    def on_step_end(self, args, state, control, **kwargs):
        stop = self.run.cancelled or self.cancel_file.exists()
        diverged = self.diverged is not None
        if torch.distributed.is_available() and torch.distributed.is_initialized():
            # every rank must stop at the same step, or the others would wait forever in the next all-reduce
            # (divergence is seen by rank 0, which alone reads the logs)
            flags = torch.tensor([float(stop), float(diverged)])
            torch.distributed.all_reduce(flags, op=torch.distributed.ReduceOp.MAX)
            stop, diverged = bool(flags[0].item()), bool(flags[1].item())
            if diverged and self.diverged is None:
                self.diverged = state.global_step
        if diverged:
            control.should_training_stop = True
            control.should_save = False  # ruined weights: no checkpoint to resume from, nothing to push
        elif stop:
            self.run.cancelled = True
            control.should_training_stop = True
            control.should_save = True
        elif self.checkpoint_every_s and time.time() - self.last_save > self.checkpoint_every_s:
            control.should_save = True  # a restart then loses at most this much work
        return control

    def on_epoch_end(self, args, state, control, **kwargs):
        if self.diverged is not None:
            control.should_save = False  # the epoch-end save of a stopped run would keep the ruined weights
        return control

    def on_save(self, args, state, control, **kwargs):
        self.last_save = time.time()

    def on_log(self, args, state, control, logs=None, **kwargs):
        if not is_main_process() or not logs:
            return
        now = time.time()
        elapsed = now - self.start
        event = {"step": state.global_step, "epoch": round(state.epoch or 0.0, 4)}
        for key in ("loss", "eval_loss", "learning_rate", "grad_norm"):
            if key in logs:
                event[key] = float(logs[key])
        for key, value in logs.items():  # trainer-specific extras (rewards/accuracies, ...)
            if key not in event and isinstance(value, (int, float)) and key != "total_flos":
                event[key] = float(value)
        if self.counter is not None and "loss" in logs and self.counter.tokens:  # (GRPO's rows are not counted)
            dt = max(now - self.last_time, 1e-9)
            event["tokens_per_second"] = round((self.counter.tokens - self.last_tokens) / dt, 2)
            self.last_time, self.last_tokens = now, self.counter.tokens
        event["elapsed_s"] = round(elapsed, 2)
        if state.global_step and state.max_steps:
            event["eta_s"] = round(elapsed / state.global_step * (state.max_steps - state.global_step), 2)
        event["total_steps"] = state.max_steps
        event["memory_mb"] = peak_memory_mb()
        if "train_runtime" in logs:
            event["final"] = True
        with self.path.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(event) + "\n")
        if self._diverged(event) and self.diverged is None:
            self.diverged = event["step"]
            if not (torch.distributed.is_available() and torch.distributed.is_initialized()):
                control.should_training_stop = True  # alone: stop now (with other ranks: at the next step's end)
                control.should_save = False
        return control

    def _diverged(self, event: dict) -> bool:
        """NaN/inf gradients on several logged steps in a row: the weights are ruined. (Trainer logs a NaN loss as the
        window's earlier losses; grad_norm shows it.)"""
        from autotrain_ui.core.events import BAD_GRAD_POINTS

        bad = any(k in event and not math.isfinite(event[k]) for k in ("loss", "grad_norm"))
        self.bad_points = self.bad_points + 1 if bad else 0
        if self.bad_points == 1:
            self.first_bad = event["step"]
        return self.bad_points >= BAD_GRAD_POINTS


def peak_memory_mb() -> float:
    if torch.cuda.is_available():
        return round(torch.cuda.max_memory_allocated() / 2**20, 1)
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def attach(trainer, project_dir: Path, params: LLMParams | None = None) -> MetricsCallback:
    """Count tokens, write events, stop on cancel and checkpoint on time, for any transformers/TRL trainer."""
    counter = TokenCounter(trainer.data_collator)
    trainer.data_collator = counter
    minutes = params.checkpoint_minutes if params is not None else 0
    callback = MetricsCallback(project_dir, counter, checkpoint_every_s=60 * minutes)
    trainer.add_callback(callback)
    return callback
