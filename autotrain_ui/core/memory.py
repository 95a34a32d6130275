"""Gradient checkpointing, decided the same way by the estimate (autotrain_ui/fit.py) and by the run
(trainers/policy.py): from the memory a step needs without it and the memory there is."""

from __future__ import annotations

from autotrain_ui.core.messages import part, render

GB = 1024 ** 3

# off when the memory the rule below needs is under this share of the memory there is (the run: what is free on its
# device when it starts)
CHECKPOINTING_SHARE = 0.6

# English templates, by key (the page's strings table says them in the visitor's language)
MESSAGES = {
    "gc_disabled": "turned off with --disable-gradient-checkpointing",
    "gc_off": "off: the estimated {need:.1f} GB fits in the {have:.1f} GB available",
    "gc_on": "on: the estimated {need:.1f} GB would not fit comfortably in {have:.1f} GB (it saves memory at about "
             "30% more compute)",
}


def checkpointing_need_bytes(n_params: float, trainable: float, layers: int, hidden: int, intermediate: int,
                             tokens: int) -> float:
    """The memory a step needs without gradient checkpointing, by the run's own rule: activations kept for
    backward (per token and layer ~10 hidden-size and ~3 intermediate-size float32 tensors) plus the weights and,
    for the trained ones, gradients and Adam moments."""
    activations = tokens * layers * (10 * hidden + 3 * intermediate) * 4
    return activations + n_params * 4 + trainable * 12


def checkpointing_decision(need_bytes: float, have_bytes: float, disabled: bool = False) -> tuple[bool, dict]:
    """(on, why as a part) for gradient checkpointing: what the run does and what the estimate assumes."""
    if disabled:
        return False, part("gc_disabled")
    if have_bytes and need_bytes < CHECKPOINTING_SHARE * have_bytes:
        return False, part("gc_off", need=need_bytes / GB, have=have_bytes / GB)
    return True, part("gc_on", need=need_bytes / GB, have=have_bytes / GB)


def checkpointing_choice(need_bytes: float, have_bytes: float, disabled: bool = False) -> tuple[bool, str]:
    """(on, why in plain English words) for gradient checkpointing (train.log, the CLI)."""
    on, why = checkpointing_decision(need_bytes, have_bytes, disabled)
    return on, render(why, MESSAGES)
