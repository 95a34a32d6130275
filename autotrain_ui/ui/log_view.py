"""The Runs tab's log: one readable line per logging step of events.jsonl, in the visitor's language (step, loss,
learning rate, what the trainer adds: GRPO's reward, a pair trainer's accuracy; the time left). The raw train.log,
with the libraries' own warnings, sits behind the "Full log" toggle."""

from __future__ import annotations

import math

from autotrain_ui.ui import fmt
from autotrain_ui.core.i18n import text
from autotrain_ui.core.events import shown

LINES = 200   # the newest lines shown: the box scrolls to the end, and older steps are in the full log and the curve


def _number(event: dict, key: str) -> float | None:
    value = event.get(key)
    return float(value) if isinstance(value, (int, float)) and math.isfinite(value) else None


def line(event: dict, lang: str = "en", reward_scale: float = 1.0) -> str:
    """One logging step in words: "Step 3/30 · epoch 0.30 · loss 4.4739 · learning rate 3.33e-04 · 115 tokens/s ·
    about 47 s left"; the last event ("final") says how long training took and its average loss. GRPO's reward (TRL
    logs the rewards' weighted sum) is divided by `reward_scale`, their weights' sum, so it reads 0..1 as the curve
    and the verdict do."""
    if event.get("final"):
        took = fmt.duration(event.get("train_runtime") or event.get("elapsed_s"), lang=lang)
        loss = _number(event, "train_loss")
        loss = shown(loss) if loss is not None else None
        return text("page.log_done", lang, time=took, loss=loss) if loss is not None else \
            text("page.log_done_plain", lang, time=took)
    total = event.get("total_steps")
    parts = [text("page.log_step_of", lang, step=event.get("step", 0), total=total) if total else
             text("page.log_step", lang, step=event.get("step", 0))]
    if _number(event, "epoch"):
        parts.append(text("page.log_epoch", lang, epoch=event["epoch"]))
    for key, word, name in (("loss", "page.log_loss", "loss"), ("eval_loss", "page.log_eval_loss", "loss"),
                            ("reward", "page.log_reward", "reward"), ("learning_rate", "page.log_lr", "lr")):
        if key in event:   # a NaN loss is shown as it is: the coach explains it
            value = float(event[key]) / (reward_scale if key == "reward" else 1.0)
            value = value if key == "learning_rate" else shown(value)
            parts.append(text(word, lang, **{name: value}))
    accuracy = _number(event, "rewards/accuracies") if "eval_loss" not in event else None
    if accuracy is not None:
        parts.append(text("page.log_accuracy", lang, share=accuracy))
    speed = fmt.speed(event.get("tokens_per_second"), lang)
    if speed:
        parts.append(speed)
    if (event.get("eta_s") or 0) >= 1:   # "about 0 s left" says nothing
        parts.append(text("page.log_left", lang, time=fmt.duration(event["eta_s"], lang=lang)))
    return " · ".join(parts)


def readable(events: list[dict], lang: str = "en", reward_scale: float = 1.0) -> str:
    """The newest LINES logging steps, one line each; a note when none was logged yet."""
    if not events:
        return text("page.log_none", lang)
    return "\n".join(line(e, lang, reward_scale) for e in events[-LINES:])
