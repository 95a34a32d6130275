"""The training health coach: reads a run's events (PROJECT/events.jsonl, one dict per logging step) and says in
plain words what looks wrong, at which step, and the one setting to change.

    advice = advise(events, params)      # params: the run's config.json dict, or None
    text = advice_markdown(advice)       # "" when there is nothing to say
    v = verdict(events, params, report)  # every run: did the loss fall? (fell, flat, rose, too few steps ...)

Four things are looked for, in this order: divergence (the loss became NaN/inf or blew up), labels that are all
masked (the loss is 0 from the start), overfitting (held-out loss rising while training loss falls) and a flat loss
(learning rate too low). A healthy run gets at most one "info" line. The rules need several points before they
speak, so a noisy or short stream says nothing rather than something wrong.

The verdict speaks for every run, short ones too: it compares the averaged first and last losses and asks that
the losses went that way consistently (fell, flat, rose, or too few steps to tell), takes the rules' word where one
spoke (diverged, masked, overfitting, flat), reads the held-out loss when there is one, and names the one settings
change to try. Its sentences are keys of MESSAGES
with values, so the page can show them in the visitor's language.

Note: transformers' Trainer hides a NaN training loss (logging_nan_inf_filter): the step is logged as the average
of the window's earlier losses, which is 0.0 with --logging-steps 1, while grad_norm shows NaN. So a loss of
exactly 0 after real losses, or a grad_norm that stays NaN/inf, counts as "the loss became NaN" here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from autotrain_ui import messages

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
HELD_ROSE_BY = 0.05      # the held-out loss up by this fraction (first measure to last) while the training loss
                         # fell: the model memorises (the overfitting rule needs MIN_EVALS; this reads fewer)
ENOUGH_STEPS = 30        # a run of fewer optimizer steps may just not have had the time to move the loss (20 rows
                         # want about 30 steps, issue #14): flat or too short -> more epochs before a higher lr
ROSE_LR_CUT = 3          # on a rise that is no explosion, suggest the learning rate divided by this: one step down the
                         # usual 1e-4, 3e-5, 1e-5 grid (a tenth, LR_CUT, is for a run that broke down)


@dataclass
class Advice:
    kind: str            # divergence | masked | overfitting | flat | progress
    severity: str        # info | warning | problem
    message: str         # plain words for a non-programmer (English: the parts rendered with MESSAGES)
    step: int | None = None
    change: dict = field(default_factory=dict)  # settings to change, named as LLMParams fields, e.g. {"lr": 2e-5}
    parts: list = field(default_factory=list)   # the message as [{"key": MESSAGES key, "values": {...}}]


def _advice(kind: str, severity: str, parts: list, step: int | None = None, change: dict | None = None) -> Advice:
    parts = [messages.part(key, **values) for key, values in parts]
    return Advice(kind, severity, render(parts), step, dict(change or {}), parts)


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
    return _advise(_parse(events, params), params)


def _advise(run: _Run, params: dict) -> list[Advice]:
    train, evals, lr, total = run.train, run.evals, run.lr, run.total
    if _never_learned(train):
        return [_advice("masked", "problem", [("advice_masked", {"step": train[0][0]})], train[0][0])]
    found = _divergence_step(train, evals)
    if found is not None:
        return [_divergence(*found, train, lr)]
    advice = [a for a in (_overfitting(train, evals, params, total), _flat(train, lr, total)) if a]
    if not advice and train:
        first, last = train[0][1], train[-1][1]
        # only when the verdict agrees (averaged ends): a last point below the first by noise alone is no progress
        if first is not None and last is not None and last < first and _loss_change(train)[2] == "fell":
            advice.append(_advice("progress", "info", [("advice_progress", {
                "first": first, "first_step": train[0][0], "last": last, "last_step": train[-1][0]})], train[-1][0]))
    return advice


def advice_markdown(advice: list[Advice], table: dict | None = None) -> str:
    """The advice as a short Markdown list for the app, in the table's language; "" when there is nothing to say.
    Advice stored before it had parts keeps its English message."""
    if not advice:
        return ""

    def say(key):
        return (table or {}).get(key) or MESSAGES[key]

    lines = [f"- **{say('severity_' + a.severity) if 'severity_' + a.severity in MESSAGES else a.severity}:** "
             f"{render(a.parts, table) if a.parts else a.message}" for a in advice]
    return "\n".join([f"### {say('coach_title')}", ""] + lines) + "\n"


# ---------------------------------------------------------------- the verdict

# The verdict's sentences, by key: the English the CLI and the API print, and the keys the page's strings table
# (ui/strings.py) translates. Numbers come as values, formatted by the template, so a translation keeps them.
MESSAGES = {
    "verdict_label_fell": "loss fell", "verdict_label_flat": "loss flat", "verdict_label_rose": "loss rose",
    "verdict_label_too_few_steps": "too few steps to tell", "verdict_label_diverged": "training broke down",
    "verdict_label_masked": "nothing learned", "verdict_label_overfitting": "memorising",
    "verdict_status": "{status} - {label}",
    "verdict_partial": "Up to step {step}:",
    "verdict_fell": "The loss fell from {start:.3g} to {end:.3g} ({percent:.0f}% lower over {steps} steps): the "
                    "model learned from your data.",
    "verdict_rose": "The loss rose from {start:.3g} to {end:.3g} ({percent:.0f}% higher over {steps} steps): the "
                    "model did not learn from your data, it got worse at it.",
    "verdict_flat": "The loss stayed flat ({start:.3g} at the start, {end:.3g} at the end, over {steps} steps): the "
                    "model learned little or nothing.",
    "verdict_noisy": "The loss went from {start:.3g} to {end:.3g} over {steps} steps, but it jumped up and down "
                     "more than that from step to step: it did not clearly fall, and the model learned little or "
                     "nothing that shows.",
    "verdict_smoothed": "(Start and end are each the average of {edge} steps, so one noisy step does not decide.)",
    "verdict_too_few_steps": "Too few steps to tell whether the model learned: the loss was logged {points} "
                             "time(s) in {steps} step(s).",
    "verdict_too_early": "Too early to tell whether the model is learning: the loss was logged {points} time(s) so "
                         "far.",
    "verdict_diverged": "Training broke down at step {step} (the loss became NaN or exploded): nothing usable was "
                        "learned.",
    "verdict_masked": "Nothing was learned: the loss was 0 from the first step on, so no token of the answers "
                      "counted.",
    "verdict_overfitting": "The training loss fell from {start:.3g} to {end:.3g}, but the loss on the held-out rows "
                           "rose from {held_start:.3g} to {held_end:.3g}: the model memorises its training rows "
                           "instead of learning what carries over to new ones.",
    "verdict_best_kept": "The checkpoint with the lowest held-out loss (step {step}) is the one kept.",
    "verdict_held_out": "On the held-out rows the loss went from {held_start:.3g} to {held_end:.3g}.",
    "change_lr_lower": "Try next: a lower learning rate, {new:g} instead of {old:g} (--lr).",
    "change_lr_higher": "Try next: a higher learning rate, {new:g} instead of {old:g} (--lr).",
    "change_epochs": "Try next: more epochs, {new} instead of {old} (--epochs), for about {target} steps instead of "
                     "{steps}.",
    "change_fewer_epochs": "Try next: fewer epochs, {new} instead of {old} (--epochs).",
    "change_max_steps": "Try next: more steps, {new} instead of {old} (--max-steps).",
    "change_logging_steps": "Try next: log the loss more often, every {new} step(s) instead of every {old} "
                            "(--logging-steps), so that the next run can be judged.",
    "change_masked": "Try next: check the chat template and that the prompt and answer columns are mapped right.",
    # the coach's notes while and after a run (Advice.parts)
    "coach_title": "Training coach", "severity_problem": "Problem", "severity_warning": "Warning",
    "severity_info": "Note",
    "advice_masked": "The loss was 0 from the first step on (step {step} and after): the labels are all masked and "
                     "nothing is learned. Check --chat-template and that the prompt and answer columns are mapped "
                     "right.",
    "advice_progress": "The loss fell from {first:.3g} (step {first_step}) to {last:.3g} (step {last_step}).",
    "advice_broke_nan": "Training broke down: the loss became NaN at step {step}.",
    "advice_broke_exploded": "Training broke down: the loss exploded at step {step} (to {at:.3g}).",
    "advice_broke_exploded_low": "Training broke down: the loss exploded at step {step} (to {at:.3g}, after a low "
                                 "of {low:.3g}).",
    "advice_lr_too_high": "The learning rate is too high: lower --lr (now {lr:g}) to {new:g} and train again.",
    "advice_lr_too_high_times": "The learning rate is too high: lower --lr {factor} times and train again.",
    "advice_overfitting": "The held-out loss was lowest at step {best_step} ({best_loss:.3g}) and has risen since (to "
                          "{last_loss:.3g} at step {last_step}) while the training loss kept falling: the model is "
                          "memorising. The best checkpoint (step {best_step}) is what is kept and pushed.",
    "advice_set_epochs": "Next time set --epochs to {need} (now {epochs}).",
    "advice_flat": "The loss barely moved from step {first_step} to step {last_step} (from {start:.3g} to "
                   "{end:.3g}): the model is hardly learning.",
    "advice_lr_too_low": "The learning rate is probably too low (now {lr:g}): try --lr {new:g}.",
    "advice_lr_too_low_times": "The learning rate is probably too low: try --lr {factor} times higher.",
    # the before/after report on the held-out rows (trainers/evaluate.py writes its parts)
    "report_title": "Before and after, on {rows}", "report_rows_unknown": "? held-out rows",
    "report_held_same": "Held-out loss stayed at {after:.3f}: training changed little on rows it never saw.",
    "report_held_better": "Held-out loss went from {before:.3f} to {after:.3f}: the tuned model is better on rows it "
                          "never saw.",
    "report_held_worse": "Held-out loss went from {before:.3f} to {after:.3f}: the tuned model is worse on rows it "
                         "never saw.",
    "report_preference": "It prefers the chosen answer {after:.0%} of the time (the base model: {before:.0%}).",
    "report_copies_all": "All {asked} held-out rows are copies of training rows, so they cannot show how the model "
                         "does on rows it never saw; they were put back into training and no before/after "
                         "comparison is made.",
    "report_copies_some": "{copies} of the {asked} held-out rows were copies of training rows and went back into "
                          "training; {valid} unseen rows are held out.",
}


@dataclass
class Verdict:
    kind: str              # fell | flat | rose | too_few_steps | diverged | masked | overfitting
    learned: bool | None   # True: the loss fell; False: it rose, stayed flat or broke down; None: cannot tell yet
    message: str           # the parts in English, for the CLI and the API
    change: dict = field(default_factory=dict)  # the one settings change to try, as LLMParams fields
    parts: list = field(default_factory=list)   # the message as [{"key": MESSAGES key, "values": {...}}]
    finished: bool = True  # False: "up to step N" of a run that is still going or was stopped
    start: float | None = None   # the averaged training loss at the start and the end (see EDGE_MIN)
    end: float | None = None
    points: int = 0        # logged training losses


def verdict(events: list[dict], params: dict | None = None, report: dict | None = None,
            finished: bool = True) -> Verdict | None:
    """Did the run learn? Plain words, the numbers and the one change to try, for a finished run (finished=True:
    it ended on its own) or a run so far (no change then). `report` is the run's report.json (its held-out loss
    before and after). None for an unfinished run that logged no loss yet."""
    params = params or {}
    run = _parse(events, params)
    if not run.train and not finished:
        return None
    rules = {a.kind: a for a in _advise(run, params)}
    points = [loss for _, loss, _ in run.train if loss is not None]
    # the steps taken: all of them for a run that ended on its own (the last logged step may come before its end)
    steps = (run.total if finished else None) or (run.train[-1][0] if run.train else (run.total or 0))
    start, end, direction, edge = _loss_change(run.train)
    held = _held_out(run.evals, report)
    # where a rule spoke, the verdict is the rule's; else the averaged ends decide (and the held-out loss, if any)
    if "masked" in rules or "divergence" in rules:
        kind = "masked" if "masked" in rules else "diverged"
    elif "overfitting" in rules or (direction == "fell" and held and held[1] > held[0] * (1 + HELD_ROSE_BY)):
        kind = "overfitting"
        if start is None:  # the rule read fewer training points than the averaged ends need: say the raw ones
            start, end = points[0], points[-1]
    elif direction != "too_few_steps" and "flat" in rules:
        kind = "flat"
    else:
        kind = "flat" if direction == "noisy" else direction
    learned = {"fell": True, "overfitting": True, "too_few_steps": None}.get(kind, False)

    numbers = {"start": start, "end": end, "steps": steps,
               "percent": abs(end - start) / start * 100 if start else 0.0}
    if kind == "masked":
        parts = [("verdict_masked", {})]
    elif kind == "diverged":
        parts = [("verdict_diverged", {"step": rules["divergence"].step})]
    elif kind == "too_few_steps":
        parts = [("verdict_too_few_steps", {"points": len(points), "steps": steps}) if finished else
                 ("verdict_too_early", {"points": len(points)})]
    elif kind == "overfitting" and "overfitting" in rules:
        measured = [loss for _, loss, _ in run.evals if loss is not None]
        parts = [("verdict_overfitting", {**numbers, "held_start": min(measured), "held_end": measured[-1]}),
                 ("verdict_best_kept", {"step": rules["overfitting"].step})]
    elif kind == "overfitting":
        parts = [("verdict_overfitting", {**numbers, "held_start": held[0], "held_end": held[1]})]
    else:
        key = "verdict_noisy" if direction == "noisy" else f"verdict_{kind}"  # flat, though it moved: say so
        parts = [(key, numbers), ("verdict_smoothed", {"edge": edge})]
        parts += [("verdict_held_out", {"held_start": held[0], "held_end": held[1]})] if held else []
    if finished:
        change, advice = _next_try(kind, run, rules, params, steps)
        parts += advice
    else:  # a run still going (or stopped) gets the words, not yet a change
        change, parts = {}, [("verdict_partial", {"step": steps})] + parts
    parts = [{"key": key, "values": values} for key, values in parts]
    return Verdict(kind, learned, render(parts), dict(change), parts, finished, start, end, len(points))


def _next_try(kind: str, run: _Run, rules: dict, params: dict, steps: int) -> tuple[dict, list]:
    """The one change to try after a finished run of this kind, and the sentence that says it."""
    if kind == "masked":
        return {}, [("change_masked", {})]
    if kind == "diverged" or (kind == "flat" and "flat" in rules):
        change = rules["divergence" if kind == "diverged" else "flat"].change  # the rule's, so they agree
        return change, _lr_part(change, run.lr)
    if kind == "too_few_steps":
        if not steps:  # nothing to size a change on when not even the step count was logged
            return {}, []
        return _more_steps(params, steps) if steps < ENOUGH_STEPS else _log_more(params, steps)
    if kind == "overfitting" and "overfitting" in rules:
        change = rules["overfitting"].change
        return change, [("change_fewer_epochs", {"new": change["epochs"], "old": params.get("epochs")})] \
            if change else []
    epochs = int(params.get("epochs") or 1)
    if kind == "overfitting" and epochs > 1:
        return {"epochs": epochs // 2}, [("change_fewer_epochs", {"new": epochs // 2, "old": epochs})]
    if kind in ("overfitting", "rose"):
        change = _lr(run.lr, 1 / ROSE_LR_CUT)
        return change, _lr_part(change, run.lr)
    if kind == "flat" and steps < ENOUGH_STEPS:
        return _more_steps(params, steps)
    if kind == "flat":
        change = _lr(run.lr, FLAT_LR_FACTOR)
        return change, _lr_part(change, run.lr)
    return {}, []  # fell: nothing to change


def render(parts: list[dict], table: dict | None = None) -> str:
    """A verdict's (or advice's) parts as one text: English, or the given table's language (a key it lacks stays
    English)."""
    return messages.render_all(parts, MESSAGES, table)


def label(kind: str, table: dict | None = None) -> str:
    """A verdict in two or three words ("loss rose"), for a list of runs."""
    key = f"verdict_label_{kind}"
    return (table or {}).get(key, MESSAGES[key])


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


def _held_out(evals, report: dict | None) -> tuple[float, float] | None:
    """(first, last) held-out loss: the base model's (report.json's before) or the first evaluation, then the
    tuned model's (report's after: the checkpoint kept) or the last evaluation. None without two measures."""
    measured = [loss for _, loss, _ in evals if loss is not None]
    before = _num(((report or {}).get("before") or {}).get("eval_loss"))
    after = _num(((report or {}).get("after") or {}).get("eval_loss"))
    first = before if before is not None else (measured[0] if measured else None)
    last = after if after is not None else (measured[-1] if measured else None)
    count = (before is not None) + len(measured) + (after is not None)
    return (first, last) if first is not None and last is not None and count >= 2 and first > 0 else None


def _lr(lr: float | None, factor: float) -> dict:
    return {"lr": _round(lr * factor)} if lr else {}


def _lr_part(change: dict, lr: float | None) -> list:
    if not change.get("lr") or not lr:
        return []
    return [("change_lr_lower" if change["lr"] < lr else "change_lr_higher", {"new": change["lr"], "old": lr})]


def _more_steps(params: dict, steps: int) -> tuple[dict, list]:
    """About ENOUGH_STEPS optimizer steps: more epochs (or a higher --max-steps when that caps the run)."""
    max_steps = int(_num(params.get("max_steps")) or -1)
    if max_steps > 0:
        return {"max_steps": ENOUGH_STEPS}, [("change_max_steps", {"new": ENOUGH_STEPS, "old": max_steps})]
    epochs = int(params.get("epochs") or 1)
    new = max(epochs + 1, math.ceil(epochs * ENOUGH_STEPS / max(1, steps)))
    return {"epochs": new}, [("change_epochs", {"new": new, "old": epochs, "target": steps * new // epochs,
                                                "steps": steps})]


def _log_more(params: dict, steps: int) -> tuple[dict, list]:
    """Enough steps, too few of them logged (a large --logging-steps): log as the automatic choice would."""
    new = max(1, steps // 25)
    return {"logging_steps": new}, [("change_logging_steps", {"new": new, "old": params.get("logging_steps")})]


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
        what = ("advice_broke_nan", {"step": step})
    elif before:
        what = ("advice_broke_exploded_low", {"step": step, "at": at, "low": min(before)})
    else:
        what = ("advice_broke_exploded", {"step": step, "at": at})
    if lr:
        new = _round(lr / LR_CUT)
        return _advice("divergence", "problem", [what, ("advice_lr_too_high", {"lr": lr, "new": new})], step,
                       {"lr": new})
    return _advice("divergence", "problem", [what, ("advice_lr_too_high_times", {"factor": LR_CUT})], step)


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
    parts = [("advice_overfitting", {"best_step": best_step, "best_loss": best_loss, "last_loss": evals[-1][1],
                                     "last_step": evals[-1][0]})]
    change = {}
    if need and epochs and need < epochs:
        change = {"epochs": need}
        parts.append(("advice_set_epochs", {"need": need, "epochs": epochs}))
    return _advice("overfitting", "warning", parts, best_step, change)


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
    where = ("advice_flat", {"first_step": window[0][0], "last_step": window[-1][0], "start": start, "end": end})
    if lr:
        new = _round(lr * FLAT_LR_FACTOR)
        return _advice("flat", "warning", [where, ("advice_lr_too_low", {"lr": lr, "new": new})], window[0][0],
                       {"lr": new})
    return _advice("flat", "warning", [where, ("advice_lr_too_low_times", {"factor": FLAT_LR_FACTOR})],
                   window[0][0])


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
