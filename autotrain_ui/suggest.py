"""Settings fitted to the user's data: what the page fills in after an upload, and what the API's `submit` uses for
every setting it is not given, so that a script and a person pressing Train with the defaults get the same run.

The command line keeps the spec's own defaults (one epoch, ...): what is fitted here is only ever filled in.

    s = suggest(report)          # a DataReport from data.prepare
    s.settings                   # {"trainer": "sft", "text_column": "text", "peft": True, "epochs": 3, ...}
    s.reasons                    # ["20 rows: 3 epochs, 30 steps (...)", ...] for the page
    s.texts("ko")                # the same reasons in Korean
    s.model                      # {"proposal": "Qwen/Qwen2.5-0.5B-Instruct", ...} when the model knows not the rows'
                                 # language (model_advice): proposed, never filled in
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from autotrain_ui.core.estimate import held_count
from autotrain_ui.core.i18n import joined, message, render

MIN_STEPS = 30        # optimizer steps a small table needs before a LoRA has learned its answers: SmolLM2-135M learns
                      # the spec's "My name is Mary" row in ~30 steps of batch 2 (tests/test_browser.py shows it), while
                      # 1 epoch of 20 rows (10 steps) leaves the loss where it started
MAX_EPOCHS = 10       # beyond this a small table is memorised rather than learned; more rows help more than more epochs
LORA_LR = 2e-4        # the LoRA learning rate for a run of many steps (LLMParams' own default for --peft) ...
SHORT_RUN = 100       # ... and for a run of at most this many steps, a larger one: measured on the spec's SFT table
SHORT_LR = 5e-4       # repeated to 20 rows (30 steps, SmolLM2-135M, LoRA r16): 2e-4 ends at loss ~0.3 and answers
                      # "My name is Sarah"; 5e-4 ends near 0 and answers "My name is Mary" (1e-3 starts to garble)
HOLD_OUT_FROM = 30    # rows from which some are held out to measure the result (the before/after report) ...
HOLD_OUT_PERCENT = 10  # ... this share of them (3 or more: what a check on new prompts can afford)
SMALL_TABLE = 50      # under this many rows, a warning: a few rows are easily memorised (the verdict then reads the
                      # answers on training prompts, or on the few held out)
# DPO, ORPO, KTO and reward tune on top of what the model already says: their methods use learning rates far below
# SFT's (full fine-tuning: DPO ~5e-7..1e-6 with beta 0.1, the DPO paper and TRL's DPOConfig; ORPO 8e-6 with
# lambda 0.1, the ORPO paper and TRL's example; KTO 5e-7..5e-6 with beta 0.1, TRL's KTO docs; reward ~1e-5), and a
# LoRA takes about ten times the full fine-tune's rate. A small table gets few steps, so the top of that range and a
# bit above: measured on the spec's 7-row DPO table with SmolLM2-135M (LoRA r16), the SFT rule (8 epochs, 32 steps
# at 5e-4) breaks the model ("Welcome to my chat" until the token cap), 5e-5 moves the DPO loss only from 0.693 to
# 0.68 in 7 steps, and 1e-4 over PREFERENCE_STEPS steps learns the preference (tests/test_answer_check.py).
PREFERENCE_LR = {"dpo": 1e-4, "orpo": 8e-5, "kto": 5e-5, "reward": 1e-4}
PREFERENCE_BETA = {"dpo": 0.1, "orpo": 0.1, "kto": 0.1}
PREFERENCE_STEPS = 16  # optimizer steps a small preference table gets (fewer than SFT's MIN_STEPS: it over-fits sooner)
ROLES = {"text": "text_column", "rejected_text": "rejected_text_column", "prompt": "prompt_text_column",
         "label": "label_column"}


@dataclass
class Suggestion:
    settings: dict = field(default_factory=dict)    # LLMParams field name -> value
    reasons: list[str] = field(default_factory=list)  # English (i18n Messages: texts() says them in a language)
    model: dict | None = None                         # model_advice(): a model that knows the rows' language

    def texts(self, lang: str = "en") -> list[str]:
        return [render(r, lang) for r in self.reasons]


def steps_per_epoch(rows: int, batch_size: int, gradient_accumulation: int = 1) -> int:
    return max(1, math.ceil(rows / max(1, batch_size * gradient_accumulation)))


def suggest(report, *, batch_size: int = 2, gradient_accumulation: int = 1, model: str | None = None,
            flavour=None, available=None) -> Suggestion:
    """Trainer, columns, template, LoRA, held-out share and a step budget for the data in `report`; with `model`
    (the one chosen), a model that knows the rows' language when that one does not (model_advice)."""
    out = Suggestion()
    if report is None or not report.columns:
        return out
    if model is not None:
        out.model = model_advice(getattr(report, "language", None), model, flavour=flavour, available=available)
        if out.model:
            out.reasons.append(out.model["reason"])
    s = out.settings
    s["trainer"] = report.trainer or report.recommended_trainer
    for role, name in ROLES.items():
        s[name] = report.mapping.get(role)
    s["chat_template"] = None  # automatic: the report's template_reason says what the rows get
    s["peft"] = True
    out.reasons.append(message("suggest.trainer", trainer=s["trainer"], reason=report.recommendation_reason))
    if report.template_reason:
        out.reasons.append(message("suggest.template", reason=report.template_reason))
    out.reasons.append(message("suggest.lora"))
    rows = report.rows
    if not rows:
        return out
    s["valid_percent"] = HOLD_OUT_PERCENT if rows >= HOLD_OUT_FROM else 0
    held = held_count(rows, s["valid_percent"])
    per_epoch = steps_per_epoch(rows - held, batch_size, gradient_accumulation)
    preference = s["trainer"] in PREFERENCE_LR
    s["epochs"] = min(MAX_EPOCHS, max(1, math.ceil((PREFERENCE_STEPS if preference else MIN_STEPS) / per_epoch)))
    steps = per_epoch * s["epochs"]
    s["lr"] = fitted_lr(s["trainer"], True, steps)
    if s["trainer"] == "grpo":  # answers per prompt, their length, lr and beta (autotrain_ui/rewards_fit.py)
        from autotrain_ui.rewards_fit import fit_grpo

        out.reasons += fit_grpo(report, s)
    if s["trainer"] in PREFERENCE_BETA:
        s["dpo_beta"] = PREFERENCE_BETA[s["trainer"]]
    if s["epochs"] == 1:
        why = message("suggest.why_once")
    elif steps < (PREFERENCE_STEPS if preference else MIN_STEPS):  # capped: more passes would memorise so few rows
        why = message("suggest.why_capped", max=MAX_EPOCHS)
    elif preference:
        why = message("suggest.why_preference", min=PREFERENCE_STEPS)
    else:
        why = message("suggest.why_repeat", min=MIN_STEPS)
    out.reasons.append(message(
        "suggest.steps", rows=message("suggest.rows.one" if rows == 1 else "suggest.rows", n=rows),
        epochs=message("suggest.epochs.one" if s["epochs"] == 1 else "suggest.epochs", n=s["epochs"]), steps=steps,
        why=why, lr=s["lr"], short=message("suggest.preference_lr") if preference else
        message("suggest.short_run") if s["lr"] == SHORT_LR else ""))
    if held:
        out.reasons.append(message("suggest.held_out", percent=s["valid_percent"], held=held))
    if rows < SMALL_TABLE:
        out.reasons.append(message("suggest.small_table_held" if held else "suggest.small_table", rows=rows))
    return out


def fitted_lr(trainer: str, peft: bool = True, steps: int = SHORT_RUN) -> float:
    """The learning rate fitted to a trainer (with LoRA; a full fine-tune takes a tenth): the preference methods'
    own, else the SFT rule (a larger one for a short run)."""
    lr = PREFERENCE_LR.get(trainer) or (SHORT_LR if steps <= SHORT_RUN else LORA_LR)
    return lr if peft else lr / 10


def fill(given: dict, report, **kwargs) -> dict:
    """`given` settings with every one it does not name taken from the suggestion (the API's submit)."""
    base = suggest(report, batch_size=int(given.get("batch_size") or 2),
                   gradient_accumulation=int(given.get("gradient_accumulation") or 1), **kwargs).settings
    return {**base, **given}


def _obtainable():
    """available(hub_id) for model_advice: on this machine, or the Hub can be reached (asked once)."""
    from autotrain_ui.core.models import hub_reachable, on_this_machine

    reach: list[bool] = []

    def available(hub_id: str) -> bool:
        if on_this_machine(hub_id):
            return True
        if not reach:
            reach.append(hub_reachable())
        return reach[0]
    return available


def model_advice(language: str | None, model: str, *, flavour=None, available=None) -> dict | None:
    """When `model` (a name the table of known models knows) was not trained on `language`: the smallest model of
    the page's picker that was, that fits `flavour` (this machine by default; fit.estimate, LoRA) and that can
    be had (`available(hub_id)`; default: on this machine or from the Hub), preferring one with no licence to
    accept. -> {"language", "model", "proposal" (None: none can be had; the model stays), "reason" (a Message)}.
    None when there is nothing to say: no language guessed, a model that knows it, a model the table does not know."""
    from autotrain_ui import fit, hardware
    from autotrain_ui.core.models import known_model, picker_models

    current = known_model(model, exact=False)
    if language is None or current is None or current.knows(language):
        return None
    available = available or _obtainable()
    flavour = flavour or hardware.local_flavour()
    names = {"language": message(f"language.{language}"), "model": current.label,
             "known": _languages(current.languages)}
    fitting = [m for m in sorted(picker_models(), key=lambda m: (m.gated, m.params))
               if m.knows(language) and fit.estimate(m.hub_id, "lora", flavour_name=flavour)["fits"]]
    proposal = next((m for m in fitting if available(m.hub_id)), None)
    if proposal is None:
        example = fitting[0].label if fitting else None
        reason = message("suggest.language.unavailable" if example else "suggest.language.none_fits",
                         example=example or "", **names)
        return {"language": language, "model": model, "proposal": None, "label": None, "reason": reason}
    memory = fit.estimate(proposal.hub_id, "lora", flavour_name=flavour)["memory_gb"]
    reason = message("suggest.language.propose", proposal=proposal.label, size=proposal.size, memory=memory,
                     hardware=message("suggest.this_machine") if flavour.name == "local" else flavour.label, **names)
    return {"language": language, "model": model, "proposal": proposal.hub_id, "label": proposal.label,
            "reason": reason}


def _languages(codes) -> dict:
    """A model's languages as one phrase ("English", "English, French, ...")."""
    return joined([message(f"language.{c}") for c in codes])
