"""The verdict every run gets: did the loss fall (fell, flat, rose, too few steps to tell; diverged, masked or
overfitting where a rule spoke), and what does the model now answer (report.json's answer_check: a run whose answers
got worse than the base model's, or broke down, is "answers_worse" whatever its loss did), with the numbers and the
one settings change to try."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from autotrain_ui.core.answers import MAX_NEW_TOKENS
from autotrain_ui.core.i18n import part, render_all
from autotrain_ui.coach.rules import _advise, _higher_lr, _loss_change, _num, _parse, _round, _Run

HELD_ROSE_BY = 0.05      # the held-out loss up by this fraction (first measure to last) while the training loss
                         # fell: the model memorises (the overfitting rule needs MIN_EVALS; this reads fewer)
ENOUGH_STEPS = 30        # a run of fewer optimizer steps may just not have had the time to move the loss (20 rows
                         # want about 30 steps, issue #14): flat or too short -> more epochs before a higher lr
ROSE_LR_CUT = 3          # on a rise that is no explosion, suggest the learning rate divided by this: one step down the
                         # usual 1e-4, 3e-5, 1e-5 grid (a tenth, LR_CUT, is for a run that broke down)




@dataclass
class Verdict:
    kind: str              # fell | flat | rose | too_few_steps | diverged | masked | overfitting | margin_flat |
                           # preference_flat | answers_worse
    learned: bool | None   # True: the loss fell; False: it rose, stayed flat or broke down; None: cannot tell yet
    message: str           # the parts in English, for the CLI and the API
    change: dict = field(default_factory=dict)  # the one settings change to try, as LLMParams fields
    parts: list = field(default_factory=list)   # the message as [{"key": catalog key, "values": {...}}]
    finished: bool = True  # False: "up to step N" of a run that is still going or was stopped
    start: float | None = None   # the averaged training loss at the start and the end (see EDGE_MIN)
    end: float | None = None
    points: int = 0        # logged training losses


def holds_push(learned: bool | None) -> bool:
    """Whether a finished run that asked to be pushed waits for a person instead: it did not learn (its loss rose,
    stayed flat or broke down). A run whose verdict cannot tell is pushed as asked."""
    return learned is False


def verdict(events: list[dict], params: dict | None = None, report: dict | None = None,
            finished: bool = True) -> Verdict | None:
    """Did the run learn? Plain words, the numbers and the one change to try, for a finished run (finished=True:
    it ended on its own) or a run so far (no change then). `report` is the run's report.json (its held-out loss
    before and after). None for an unfinished run that logged no loss yet."""
    params = params or {}
    if params.get("trainer") == "grpo":  # its loss sits near 0 by construction: the reward says whether it learned
        from autotrain_ui.coach.rewards import reward_verdict

        found = reward_verdict(events, params, report, finished)
        return Verdict(**found) if found else None
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
        parts = [("coach.verdict_masked", {})]
    elif kind == "diverged":
        parts = [("coach.verdict_diverged", {"step": rules["divergence"].step})]
    elif kind == "too_few_steps":
        parts = [("coach.verdict_too_few_steps", {"points": len(points), "steps": steps}) if finished else
                 ("coach.verdict_too_early", {"points": len(points)})]
    elif kind == "overfitting" and "overfitting" in rules:
        measured = [loss for _, loss, _ in run.evals if loss is not None]
        parts = [("coach.verdict_overfitting", {**numbers, "held_start": min(measured), "held_end": measured[-1]}),
                 ("coach.verdict_best_kept", {"step": rules["overfitting"].step})]
    elif kind == "overfitting":
        parts = [("coach.verdict_overfitting", {**numbers, "held_start": held[0], "held_end": held[1]})]
    else:
        key = "coach.verdict_noisy" if direction == "noisy" else f"coach.verdict_{kind}"  # flat, though it moved: say so
        parts = [(key, numbers), ("coach.verdict_smoothed", {"edge": edge})]
        parts += [("coach.verdict_held_out", {"held_start": held[0], "held_end": held[1]})] if held else []
    margin = _preference_parts(params, report)
    if margin and kind == "fell":
        # kto, dpo, orpo, reward: the loss falls as soon as the two sides' likelihoods (or scores) move apart, however
        # little; whether the good or chosen answers came out ahead decides whether it learned
        parts[0] = ("coach.verdict_kto_loss_fell", numbers)
        if "_flat" in margin[0][0]:
            kind, learned = ("margin_flat" if params.get("trainer") == "kto" else "preference_flat"), False
    # where the loss stayed flat or rose, its verdict stands: no pair or two that flipped calls it learned, and no
    # sentence about a falling loss follows it
    said = bool(margin) and kind in ("fell", "margin_flat", "preference_flat")
    parts += margin if said else []
    outcome, answers = _answer_parts(report) if finished else (None, [])
    if said and params.get("trainer") == "reward":
        answers = []        # its answer check is the same pairs scored: said once, by the preference parts
    if outcome in ("worse", "degenerate") and kind not in ("masked", "diverged"):
        if kind == "fell":  # the loss alone would say "learned": say only how it went
            parts[0] = ("coach.verdict_loss_went", numbers)
        kind, learned = "answers_worse", False
    parts += answers
    if finished:
        change, advice = _next_try(kind, run, rules, params, steps)
        parts += advice
    else:  # a run still going (or stopped) gets the words, not yet a change
        change, parts = {}, [("coach.verdict_partial", {"step": steps})] + parts
    parts = [part(key, **values) for key, values in parts]
    return Verdict(kind, learned, render_all(parts), dict(change), parts, finished, start, end, len(points))


def _next_try(kind: str, run: _Run, rules: dict, params: dict, steps: int) -> tuple[dict, list]:
    """The one change to try after a finished run of this kind, and the sentence that says it."""
    if kind == "masked":
        return {}, [("coach.change_masked", {})]
    if kind == "answers_worse":
        return _calmer(run.lr, params)
    if kind == "diverged" or (kind == "flat" and "flat" in rules):
        change = rules["divergence" if kind == "diverged" else "flat"].change  # the rule's, so they agree
        return change, _lr_part(change, run.lr)
    if kind == "too_few_steps":
        if not steps:  # nothing to size a change on when not even the step count was logged
            return {}, []
        return _more_steps(params, steps) if steps < ENOUGH_STEPS else _log_more(params, steps)
    if kind == "overfitting" and "overfitting" in rules:
        change = rules["overfitting"].change
        return change, [("coach.change_fewer_epochs", {"new": change["epochs"], "old": params.get("epochs")})] \
            if change else []
    epochs = int(params.get("epochs") or 1)
    if kind == "overfitting" and epochs > 1:
        return {"epochs": epochs // 2}, [("coach.change_fewer_epochs", {"new": epochs // 2, "old": epochs})]
    if kind in ("overfitting", "rose"):
        change = _lr(run.lr, 1 / ROSE_LR_CUT)
        return change, _lr_part(change, run.lr)
    if kind == "flat" and steps < ENOUGH_STEPS:
        return _more_steps(params, steps)
    if kind == "flat":
        change = {"lr": _higher_lr(run.lr, params)} if run.lr else {}
        return change, _lr_part(change, run.lr)
    return {}, []  # fell: nothing to change


def _answer_parts(report: dict | None) -> tuple[str | None, list]:
    """What the model now answers (report.json's answer_check, coach/answers.py): its outcome (better, same, worse,
    degenerate) and the sentences that say it. (None, []) without a check."""
    check = (report or {}).get("answer_check") or {}
    outcome = check.get("outcome")
    if outcome not in ("better", "same", "worse", "degenerate"):
        return None, []
    where = "training" if check.get("measured_on") == "training" else "held_out"
    lead = f"coach.answers_pairs_on_{where}" if check.get("metric") == "pairs" else f"coach.answers_on_{where}"
    lead += ".one" if check.get("prompts") == 1 else ""
    values = {"prompts": check.get("prompts"), "cap": MAX_NEW_TOKENS, "base": check.get("base"),
              "tuned": check.get("tuned"), "prefers": check.get("prefers_chosen")}
    if outcome == "degenerate":
        example = check.get("example") or {}
        key = "coach.answers_broke"
        values.update(broken=check.get("broken_tuned"), broken_base=check.get("broken_base"),
                      at_cap=check.get("at_cap"), prompt=example.get("prompt", ""), answer=example.get("answer", ""))
    else:
        key = f"coach.answers_{check.get('metric')}_{outcome}"
    return outcome, [(lead, values), (key, values)]


def _calmer(lr: float | None, params: dict) -> tuple[dict, list]:
    """Answers that got worse or broke down: the run pushed the model too far. The learning rate fitted to this
    trainer (autotrain_ui/suggest.py) where the run's was well above it, else the run's divided by ROSE_LR_CUT."""
    from autotrain_ui.suggest import fitted_lr

    if not lr:
        return {}, []
    fitted = fitted_lr(params.get("trainer") or "sft", params.get("peft", True))
    new = fitted if fitted and lr > 2 * fitted else _round(lr / ROSE_LR_CUT)
    return {"lr": new}, [("coach.change_answers_worse", {"new": new, "old": lr})]


def _preference_parts(params: dict, report: dict | None) -> list:
    """KTO's loss falls as soon as the bad answers get less likely, whether or not the good ones gain, and DPO's
    (ORPO's, a reward model's) as soon as chosen and rejected move apart at all: what shows that the model learned
    is the margin between good and bad answers (kto), or how often it puts the chosen answer first (dpo, orpo,
    reward), before and after, on held-out rows (report.json)."""
    trainer = params.get("trainer")
    name, measure = {"kto": ("margin", "margin"), "dpo": ("preference", "preference_accuracy"),
                     "orpo": ("preference", "preference_accuracy"),
                     "reward": ("preference", "preference_accuracy")}.get(trainer, (None, None))
    before = _num(((report or {}).get("before") or {}).get(measure)) if name else None
    after = _num(((report or {}).get("after") or {}).get(measure)) if name else None
    if before is None or after is None or (name == "preference" and before >= 1 and after >= 1):
        return []   # the base model already put every chosen answer first: the share cannot show a gain
    key = f"coach.verdict_{name}_grew" if after > before else f"coach.verdict_{name}_flat"
    if (report or {}).get("measured_on") == "training":  # no held-out rows: measured on rows it trained on
        key += "_seen"
    return [(key, {"before": before, "after": after, "rows": report.get("training_rows"),
                   "pairs": ((report or {}).get("after") or {}).get("pairs")})]


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
    return [("coach.change_lr_lower" if change["lr"] < lr else "coach.change_lr_higher", {"new": change["lr"], "old": lr})]


def _more_steps(params: dict, steps: int) -> tuple[dict, list]:
    """About ENOUGH_STEPS optimizer steps: more epochs (or a higher --max-steps when that caps the run)."""
    max_steps = int(_num(params.get("max_steps")) or -1)
    if max_steps > 0:
        return {"max_steps": ENOUGH_STEPS}, [("coach.change_max_steps", {"new": ENOUGH_STEPS, "old": max_steps})]
    epochs = int(params.get("epochs") or 1)
    new = max(epochs + 1, math.ceil(epochs * ENOUGH_STEPS / max(1, steps)))
    return {"epochs": new}, [("coach.change_epochs", {"new": new, "old": epochs, "target": steps * new // epochs,
                                                "steps": steps})]


def _log_more(params: dict, steps: int) -> tuple[dict, list]:
    """Enough steps, too few of them logged (a large --logging-steps): log as the automatic choice would."""
    new = max(1, steps // 25)
    return {"logging_steps": new}, [("coach.change_logging_steps", {"new": new, "old": params.get("logging_steps")})]
