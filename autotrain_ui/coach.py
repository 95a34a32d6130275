"""The training health coach: reads a run's events (PROJECT/events.jsonl, one dict per logging step) and says in
plain words what looks wrong, at which step, and the one setting to change.

    advice = advise(events, params)      # params: the run's config.json dict, or None
    text = advice_markdown(advice)       # "" when there is nothing to say

Four things are looked for, in this order: divergence (the loss became NaN/inf or blew up), labels that are all
masked (the loss is 0 from the start), overfitting (held-out loss rising while training loss falls) and a flat loss
(learning rate too low). A healthy run gets at most one "info" line. The rules need several points before they
speak, so a noisy or short stream says nothing rather than something wrong.

Note: transformers' Trainer hides a NaN training loss (logging_nan_inf_filter): the step is logged as the average
of the window's earlier losses, which is 0.0 with --logging-steps 1, while grad_norm shows NaN. So a loss of
exactly 0 after real losses, or a grad_norm that stays NaN/inf, counts as "the loss became NaN" here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

# divergence
LR_CUT = 10              # on divergence, suggest the learning rate divided by this
JUMP_FACTOR = 2.0        # a training loss above this many times the first loss has blown up
RISE_FACTOR = 1.5        # a rise from one logged point to the next by this factor is a "big" rise ...
RISE_RUN = 3             # ... and this many big rises in a row (without falling back) is an explosion ...
RISE_MIN_ABS = 0.5       # ... when it also adds this much loss in total (tiny losses near 0 are noisy)
BAD_GRAD_POINTS = 3      # grad_norm NaN/inf on this many logged points in a row is divergence (fp16 skips
                         # an occasional overflowing step on its own, so one or two mean nothing)
# masked labels
ZERO_POINTS = 3          # the loss exactly 0 from the first logged point on, this many times: nothing is learned
# overfitting
MIN_EVALS = 3            # fewer held-out evaluations than this say nothing about overfitting
OVERFIT_MARGIN = 0.02    # an eval loss counts as "risen" when above the lowest one by this fraction (2%)
OVERFIT_EVALS = 2        # ... and the last this-many evals must all have risen
# flat loss
WARMUP_FRACTION = 0.1    # the first 10% of the logged points are warm-up and ignored ...
WARMUP_POINTS = 2        # ... and at least this many
FLAT_POINTS = 8          # a flat verdict needs this many logged points after warm-up ...
FLAT_SPAN = 0.5          # ... covering at least this fraction of the run's total steps (when known)
FLAT_CHANGE = 0.02       # "barely moved": the mean of the window's first third and of its last third differ by
                         # less than this fraction (2%) ...
FLAT_TOTAL = 0.05        # ... and the loss at the end is within 5% of the very first loss (no early drop either)
FLAT_LR_FACTOR = 10      # on a flat loss, suggest the learning rate times this
# healthy
INFO_POINTS = 3          # "loss fell from A to B" needs this many training points


@dataclass
class Advice:
    kind: str            # divergence | masked | overfitting | flat | progress
    severity: str        # info | warning | problem
    message: str         # plain words for a non-programmer
    step: int | None = None
    change: dict = field(default_factory=dict)  # settings to change, named as LLMParams fields, e.g. {"lr": 2e-5}


def advise(events: list[dict], params: dict | None = None) -> list[Advice]:
    """What the coach has to say about a run so far: problems first, [] (or one info line) for a healthy run."""
    params = params or {}
    events = [e for e in events if isinstance(e, dict)]
    train = [(_step(e, i), _num(e["loss"]), _num(e["grad_norm"]) if "grad_norm" in e else _MISSING)
             for i, e in enumerate(events) if "loss" in e]
    evals = [(_step(e, i), _num(e["eval_loss"]), _num(e.get("epoch"))) for i, e in enumerate(events)
             if "eval_loss" in e]
    lr = _current_lr(events, params)
    total = next((int(e["total_steps"]) for e in reversed(events) if _num(e.get("total_steps"))), None)

    if _never_learned(train):
        return [Advice("masked", "problem", f"The loss was 0 from the first step on (step {train[0][0]} "
                       f"and after): the labels are all masked and nothing is learned. Check --chat-template "
                       "and that the prompt and answer columns are mapped right.", train[0][0], {})]
    found = _divergence_step(train, evals)
    if found is not None:
        return [_divergence(*found, train, lr)]
    advice = [a for a in (_overfitting(train, evals, params, total), _flat(train, lr, total)) if a]
    if not advice and len(train) >= INFO_POINTS:
        first, last = train[0][1], train[-1][1]
        if first is not None and last is not None and last < first:
            advice.append(Advice("progress", "info", f"The loss fell from {first:.3g} (step {train[0][0]}) to "
                                 f"{last:.3g} (step {train[-1][0]}).", train[-1][0]))
    return advice


def advice_markdown(advice: list[Advice]) -> str:
    """The advice as a short Markdown list for the app; "" when there is nothing to say."""
    if not advice:
        return ""
    label = {"problem": "Problem", "warning": "Warning", "info": "Note"}
    return "\n".join(["### Training coach", ""] + [f"- **{label.get(a.severity, a.severity)}:** {a.message}"
                                                   for a in advice]) + "\n"


# ---------------------------------------------------------------- rules

def _never_learned(train) -> bool:
    """Loss 0 (or NaN) from the very first logged point, several times: no token carries a label."""
    head = train[:ZERO_POINTS]
    return len(head) == ZERO_POINTS and all(loss is None or loss == 0 for _, loss, _ in head)


def _divergence_step(train, evals) -> tuple[int, bool] | None:
    """(step, became_nan) for the first step at which the loss became NaN/inf or blew up; None when it did not."""
    found = []
    first = next((loss for _, loss, _ in train if loss is not None), None)
    seen_positive, rises, bad_grads = False, [], 0
    for i, (step, loss, grad) in enumerate(train):
        if loss is None or (loss == 0 and seen_positive):  # 0 after real losses: the Trainer's stand-in for NaN
            found.append((step, True))
            break
        seen_positive = seen_positive or loss > 0
        if first and i > 0 and loss > JUMP_FACTOR * first:
            found.append((step, False))
            break
        prev = train[i - 1][1] if i else None
        rises = rises + [step] if prev and loss > RISE_FACTOR * prev else []
        if len(rises) >= RISE_RUN and loss - train[i - RISE_RUN][1] >= RISE_MIN_ABS:
            found.append((rises[-RISE_RUN], False))
            break
    for i in range(len(train)):
        bad_grads = bad_grads + 1 if train[i][2] is None else 0
        if bad_grads >= BAD_GRAD_POINTS:
            found.append((train[i - BAD_GRAD_POINTS + 1][0], True))
            break
    found += [(step, True) for step, loss, _ in evals if loss is None][:1]
    return min(found) if found else None


def _divergence(step: int, became_nan: bool, train, lr: float | None) -> Advice:
    before = [loss for s, loss, _ in train if s < step and loss]
    at = next((loss for s, loss, _ in train if s == step), None)
    if became_nan or not at:
        what = f"the loss became NaN at step {step}"
    else:
        low = f", after a low of {min(before):.3g}" if before else ""
        what = f"the loss exploded at step {step} (to {at:.3g}{low})"
    if lr:
        new = _round(lr / LR_CUT)
        return Advice("divergence", "problem", f"Training broke down: {what}. The learning rate is too high: lower "
                      f"--lr (now {lr:g}) to {new:g} and train again.", step, {"lr": new})
    return Advice("divergence", "problem", f"Training broke down: {what}. The learning rate is too high: lower "
                  f"--lr {LR_CUT} times and train again.", step, {})


def _overfitting(train, evals, params: dict, total: int | None) -> Advice | None:
    evals = [(s, loss, epoch) for s, loss, epoch in evals if loss is not None]
    if len(evals) < MIN_EVALS:
        return None
    best = min(range(len(evals)), key=lambda i: evals[i][1])
    best_step, best_loss, best_epoch = evals[best]
    if len(evals) - 1 - best < OVERFIT_EVALS:
        return None
    if not all(loss > best_loss * (1 + OVERFIT_MARGIN) for _, loss, _ in evals[-OVERFIT_EVALS:]):
        return None
    at_best = [loss for s, loss, _ in train if s <= best_step and loss is not None][-3:]
    after = [loss for s, loss, _ in train if s > best_step and loss is not None][-3:]
    if not at_best or not after or sum(after) / len(after) >= sum(at_best) / len(at_best):
        return None  # training loss did not keep falling: not memorising
    epochs = params.get("epochs")
    if best_epoch is None and total and epochs:
        best_epoch = best_step / total * epochs
    need = max(1, math.ceil(best_epoch - 1e-6)) if best_epoch else None  # epoch 2.0 needs 2 epochs, 2.1 needs 3
    change, advice = {}, ""
    if need and epochs and need < epochs:
        change, advice = {"epochs": need}, f" Next time set --epochs to {need} (now {epochs})."
    return Advice("overfitting", "warning", f"The held-out loss was lowest at step {best_step} ({best_loss:.3g}) and "
                  f"has risen since (to {evals[-1][1]:.3g} at step {evals[-1][0]}) while the training loss kept "
                  f"falling: the model is memorising. The best checkpoint (step {best_step}) is what is kept and "
                  f"pushed.{advice}", best_step, change)


def _flat(train, lr: float | None, total: int | None) -> Advice | None:
    points = [(s, loss) for s, loss, _ in train if loss is not None]
    skip = max(WARMUP_POINTS, math.ceil(WARMUP_FRACTION * len(points)))
    window = points[skip:]
    if len(window) < FLAT_POINTS or (total and window[-1][0] - window[0][0] < FLAT_SPAN * total):
        return None
    third = len(window) // 3
    start = sum(loss for _, loss in window[:third]) / third
    end = sum(loss for _, loss in window[-third:]) / third
    first = points[0][1]
    if start <= 0 or abs(start - end) > FLAT_CHANGE * start or abs(first - end) > FLAT_TOTAL * first:
        return None
    where = (f"The loss barely moved from step {window[0][0]} to step {window[-1][0]} "
             f"(from {start:.3g} to {end:.3g}): the model is hardly learning.")
    if lr:
        new = _round(lr * FLAT_LR_FACTOR)
        return Advice("flat", "warning", f"{where} The learning rate is probably too low (now {lr:g}): try --lr "
                      f"{new:g}.", window[0][0], {"lr": new})
    return Advice("flat", "warning", f"{where} The learning rate is probably too low: try --lr {FLAT_LR_FACTOR} "
                  "times higher.", window[0][0], {})


# ---------------------------------------------------------------- helpers

_MISSING = object()


def _num(value) -> float | None:
    """A finite float, or None for NaN, inf, null and anything that is not a number."""
    try:
        value = float(value)
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) else None


def _round(value: float) -> float:
    """Three significant digits: 2e-05, not 2.0000000000000002e-05."""
    return float(f"{value:.3g}")


def _step(event: dict, index: int) -> int:
    step = _num(event.get("step"))
    return int(step) if step is not None else index + 1


def _current_lr(events: list[dict], params: dict) -> float | None:
    """The run's learning rate: --lr from the config, its default when unset, else the peak the events show."""
    if _num(params.get("lr")):
        return float(params["lr"])
    if "peft" in params:
        return 2e-4 if params["peft"] else 2e-5  # LLMParams.learning_rate's defaults
    rates = [r for r in (_num(e.get("learning_rate")) for e in events) if r]
    return max(rates) if rates else None
