"""The reward menu on the Train tab (GRPO): one row per reward of autotrain_ui/core/rewards.py, to tick, with its options
and weight; what is ticked is written into the form's Rewards field as --rewards text (the one value a job keeps),
so the command line shown below says the same."""

from __future__ import annotations

import gradio as gr

from autotrain_ui.core.rewards import KINDS
from autotrain_ui.ui.follow import follow
from autotrain_ui.ui.strings import t

EXAMPLES = {"match": "", "number": "", "format": "tags=answer", "json": "keys=name|age", "length": "max=50",
            "contains": "words=thanks", "avoids": "words=maybe|perhaps", "language": ""}


def build() -> dict:
    """{kind: (tick, options, weight)} inside a closed accordion with its explanation."""
    rows = {}
    with gr.Accordion(t("page.rewards_menu"), open=False, elem_id="rewards-menu"):
        gr.Markdown(t("page.rewards_menu_help"))
        for kind in KINDS:
            with gr.Row(equal_height=True):
                tick = gr.Checkbox(label=t(f"page.reward_kind_{kind}"), value=False, elem_id=f"reward-{kind}", scale=3)
                options = gr.Textbox(value=EXAMPLES[kind], label=t("page.reward_options"), elem_id=f"reward-{kind}-options",
                                     scale=2)
                weight = gr.Number(value=1.0, minimum=0, label=t("page.reward_weight"), elem_id=f"reward-{kind}-weight",
                                   scale=1)
            rows[kind] = (tick, options, weight)
    return rows


def compose(chosen: list[tuple[str, bool, str, float]]) -> str:
    """(kind, ticked, options, weight) rows -> the --rewards text: "number@2; length:max=50"."""
    parts = []
    for kind, ticked, options, weight in chosen:
        if not ticked:
            continue
        text = kind + (f":{options.strip()}" if options and options.strip() else "")
        weight = 1.0 if weight is None else float(weight)
        parts.append(text if weight == 1.0 else f"{text}@{weight:g}")
    return "; ".join(parts)


def wire(rows: dict, rewards_field) -> None:
    """Every tick, option and weight rewrites the Rewards field."""
    inputs = [comp for kind in rows for comp in rows[kind]]

    def written(*values):
        chosen = [(kind, *values[3 * i:3 * i + 3]) for i, kind in enumerate(rows)]
        return compose(chosen)

    follow(written, inputs, rewards_field, show_progress="hidden")
