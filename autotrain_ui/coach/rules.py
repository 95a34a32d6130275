"""The coach's rules: divergence, masked labels, overfitting and a flat loss, each with the one setting to change,
and the loss statistics (averaged ends, trend test) the verdict uses too. Thresholds are named constants with
their reasoning."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from autotrain_ui.core.i18n import has, part, render_all, text
from autotrain_ui.core.events import BAD_GRAD_POINTS

# divergence
LR_CUT = 10              # on divergence, suggest the learning rate divided by this
JUMP_FACTOR = 2.0        # a training loss above this many times the first loss has blown up
RISE_FACTOR = 1.5        # a rise from one logged point to the next by this factor is a "big" rise ...
RISE_RUN = 3             # ... and this many big rises in a row (without falling back) is an explosion ...
RISE_MIN_ABS = 0.5       # ... when it also adds this much loss in total (tiny losses near 0 are noisy)
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
# healthy: "the loss fell from A to B" is said when the verdict below says "fell"
# the verdict: did the loss fall? Every run gets one; where a rule above speaks, the verdict agrees with it.
VERDICT_MIN_POINTS = 4   # fewer logged training losses than this are "too few steps to tell": two or three batch
                         # losses go up or down by chance (each batch holds other rows)
EDGE_MIN = 2             # "start" and "end" are the means of the first and of the last n // 4 logged losses, at
EDGE_MAX = 10            # least 2 and at most 10 points each: one noisy batch does not decide, and a long run's
                         # start is still its start (not its first quarter, which holds the early drop)
FELL_BY = 0.05           # the end at least 5% below the start: the loss fell (the model learned) ...
ROSE_BY = 0.05           # ... at least 5% above it: the loss rose; in between it stayed flat. Batch-to-batch noise
                         # on small data is a few per cent of the loss: the same margin as FLAT_TOTAL
TREND_Z = 1.645          # ... and the losses must go that way consistently, not by a few lucky batches: a
                         # Mann-Kendall trend test at one-sided 95% (each batch holds other rows, so single losses
                         # jump; four points pass only when each is below the one before)
TREND_POINTS = 100       # the trend test reads at most this many points (longer runs: averaged bins)


@dataclass
class Advice:
    kind: str            # divergence | masked | overfitting | flat | progress
    severity: str        # info | warning | problem
    message: str         # plain words for a non-programmer (English: the parts rendered)
    step: int | None = None
    change: dict = field(default_factory=dict)  # settings to change, named as LLMParams fields, e.g. {"lr": 2e-5}
    parts: list = field(default_factory=list)   # the message as [{"key": catalog key, "values": {...}}]


def _advice(kind: str, severity: str, parts: list, step: int | None = None, change: dict | None = None) -> Advice:
    parts = [part(key, **values) for key, values in parts]
    return Advice(kind, severity, render_all(parts), step, dict(change or {}), parts)


@dataclass
class _Run:
    """A run's events, parsed once for the rules and the verdict."""
    train: list          # (step, loss, grad_norm) per logged training step; None for NaN/inf, _MISSING for absent
    evals: list          # (step, eval_loss, epoch) per held-out evaluation
    lr: float | None     # the run's learning rate (see _current_lr)
    total: int | None    # the optimizer steps the run was set to take


def _parse(events: list[dict], params: dict) -> _Run:
    events = [e for e in events if isinstance(e, dict)]
    return _Run(train=[(_step(e, i), _num(e["loss"]), _num(e["grad_norm"]) if "grad_norm" in e else _MISSING)
                       for i, e in enumerate(events) if "loss" in e],
                evals=[(_step(e, i), _num(e["eval_loss"]), _num(e.get("epoch"))) for i, e in enumerate(events)
                       if "eval_loss" in e],
                lr=_current_lr(events, params),
                total=next((int(e["total_steps"]) for e in reversed(events) if _num(e.get("total_steps"))), None))


def advise(events: list[dict], params: dict | None = None) -> list[Advice]:
    """What the coach has to say about a run so far: problems first, [] (or one info line) for a healthy run."""
    params = params or {}
    if params.get("trainer") == "grpo":  # its loss sits near 0 by construction: the loss rules would misread it
        return []
    return _advise(_parse(events, params), params)


def _advise(run: _Run, params: dict) -> list[Advice]:
    train, evals, lr, total = run.train, run.evals, run.lr, run.total
    if _never_learned(train):
        return [_advice("masked", "problem", [("coach.advice_masked", {"step": train[0][0]})], train[0][0])]
    found = _divergence_step(train, evals)
    if found is not None:
        return [_divergence(*found, train, lr)]
    advice = [a for a in (_overfitting(train, evals, params, total), _flat(train, lr, total, params)) if a]
    if not advice and train:
        first, last = train[0][1], train[-1][1]
        # only when the verdict agrees (averaged ends): a last point below the first by noise alone is no progress
        if first is not None and last is not None and last < first and _loss_change(train)[2] == "fell":
            advice.append(_advice("progress", "info", [("coach.advice_progress", {
                "first": first, "first_step": train[0][0], "last": last, "last_step": train[-1][0]})], train[-1][0]))
    return advice


def advice_markdown(advice: list[Advice], lang: str = "en") -> str:
    """The advice as a short Markdown list for the app, in `lang`; "" when there is nothing to say. Advice stored
    before it had parts keeps its English message."""
    if not advice:
        return ""

    def severity(a):
        key = f"coach.severity_{a.severity}"
        return text(key, lang) if has(key) else a.severity

    lines = [f"- **{severity(a)}:** {render_all(a.parts, lang) if a.parts else a.message}" for a in advice]
    return "\n".join([f"### {text('coach.coach_title', lang)}", ""] + lines) + "\n"



def _loss_change(train) -> tuple[float | None, float | None, str, int]:
    """(start, end, direction, points averaged at each end) of the training loss; direction is fell or rose (by
    FELL_BY / ROSE_BY and a consistent trend), flat (moved less), noisy (moved as much, but up and down more than
    that from step to step) or too_few_steps."""
    points = [loss for _, loss, _ in train if loss is not None]
    if len(points) < VERDICT_MIN_POINTS:
        return None, None, "too_few_steps", 0
    edge = min(EDGE_MAX, max(EDGE_MIN, len(points) // 4))
    start, end = sum(points[:edge]) / edge, sum(points[-edge:]) / edge
    if start > 0 and end <= start * (1 - FELL_BY):
        return start, end, "fell" if _trend_z(points) <= -TREND_Z else "noisy", edge
    if start > 0 and end >= start * (1 + ROSE_BY):
        return start, end, "rose" if _trend_z(points) >= TREND_Z else "noisy", edge
    return start, end, "flat", edge


def _trend_z(points: list[float]) -> float:
    """Mann-Kendall's trend statistic: over every pair of logged losses, how many more went down than up, in
    standard deviations of that count for a loss without a trend (below -TREND_Z: it fell; above: it rose)."""
    if len(points) > TREND_POINTS:  # averaged bins: the test's cost stays bounded, and averaging only lowers noise
        size = len(points) / TREND_POINTS
        points = [sum(chunk) / len(chunk) for chunk in
                  (points[round(i * size):round((i + 1) * size)] for i in range(TREND_POINTS))]
    n = len(points)
    s = sum((b > a) - (b < a) for i, a in enumerate(points) for b in points[i + 1:])
    s -= (s > 0) - (s < 0)  # continuity correction: S moves in steps of 2
    return s / math.sqrt(n * (n - 1) * (2 * n + 5) / 18)



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
        what = ("coach.advice_broke_nan", {"step": step})
    elif before:
        what = ("coach.advice_broke_exploded_low", {"step": step, "at": at, "low": min(before)})
    else:
        what = ("coach.advice_broke_exploded", {"step": step, "at": at})
    if lr:
        new = _round(lr / LR_CUT)
        return _advice("divergence", "problem", [what, ("coach.advice_lr_too_high", {"lr": lr, "new": new})], step,
                       {"lr": new})
    return _advice("divergence", "problem", [what, ("coach.advice_lr_too_high_times", {"factor": LR_CUT})], step)


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
    parts = [("coach.advice_overfitting", {"best_step": best_step, "best_loss": best_loss, "last_loss": evals[-1][1],
                                     "last_step": evals[-1][0]})]
    change = {}
    if need and epochs and need < epochs:
        change = {"epochs": need}
        parts.append(("coach.advice_set_epochs", {"need": need, "epochs": epochs}))
    return _advice("overfitting", "warning", parts, best_step, change)


def _flat(train, lr: float | None, total: int | None, params: dict | None = None) -> Advice | None:
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
    where = ("coach.advice_flat", {"first_step": window[0][0], "last_step": window[-1][0], "start": start, "end": end})
    if lr:
        new = _higher_lr(lr, params or {})
        return _advice("flat", "warning", [where, ("coach.advice_lr_too_low", {"lr": lr, "new": new})], window[0][0],
                       {"lr": new})
    return _advice("flat", "warning", [where, ("coach.advice_lr_too_low_times", {"factor": FLAT_LR_FACTOR})],
                   window[0][0])


# ---------------------------------------------------------------- helpers

def _higher_lr(lr: float, params: dict) -> float:
    """The learning rate to try after a flat run: the one fitted to this trainer (autotrain_ui/suggest.py) when the
    run's was far below it (a tenth of it or less: ten times more would still be too little), else ten times it."""
    from autotrain_ui.suggest import fitted_lr

    fitted = fitted_lr(params.get("trainer") or "sft", params.get("peft", True))
    return fitted if fitted and lr * FLAT_LR_FACTOR < fitted else _round(lr * FLAT_LR_FACTOR)


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
