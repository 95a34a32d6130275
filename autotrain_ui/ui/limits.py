"""Big data handled like a person would: when the estimate passes a limit (estimate.HOURS_LIMIT hours unless the
user sets another, or the flavour's cost above the figure the user sets), the line next to Train says so and offers,
one click each, a step cap (--max-steps), a random sample of rows (--sample-rows), or a bigger flavour with its time
and cost. A click fills in the form (or the hardware picker), and the estimate follows it.

`offers()` is pure (tested without a browser); `build()` makes the notice and its three buttons next to Train;
`wire()` connects the buttons to the form; hardware_panel's estimate handler fills them with `outputs()`.
"""

from __future__ import annotations

import gradio as gr

from autotrain_ui.core import estimate as run_model
from autotrain_ui import fit, hardware
from autotrain_ui.ui import fmt
from autotrain_ui.ui.strings import t, text

AIM = 0.8      # an offer aims at this share of the limit, so that it lands clearly below it


def limit_seconds(target: hardware.Flavour, hours=None, cost_cap=None) -> float:
    """The run's limit in seconds on a flavour: the hours set (default estimate.HOURS_LIMIT), and no more than
    the cost cap buys at the flavour's price (when one is set and the flavour is paid)."""
    try:
        limit = float(hours) * 3600 if hours not in (None, "") and float(hours) > 0 else run_model.HOURS_LIMIT * 3600
    except (TypeError, ValueError):
        limit = run_model.HOURS_LIMIT * 3600
    try:
        cap = float(cost_cap) if cost_cap not in (None, "") else 0.0
    except (TypeError, ValueError):
        cap = 0.0
    if cap > 0 and target.price_per_hour > 0:
        limit = min(limit, cap / target.price_per_hour * 3600)
    return limit


def _largest(lo: int, hi: int, fits) -> int | None:
    """The largest n in [lo, hi] with fits(n) (fits falls from True to False as n grows); None when not even lo."""
    if hi < lo or not fits(lo):
        return None
    while lo < hi:
        mid = (lo + hi + 1) // 2
        lo, hi = (mid, hi) if fits(mid) else (lo, mid - 1)
    return lo


def offers(args: tuple, kw: dict, target: hardware.Flavour, hours=None, cost_cap=None) -> dict | None:
    """None when the run keeps within its limit; else {estimate, limit_s, steps, sample, flavour}: the largest step
    cap and row sample that keep within AIM x the limit (with their estimates), and the cheapest other flavour on
    which it fits and keeps within its own limit (None for any that there is not)."""
    est = fit.estimate(*args, target, **kw)
    limit = limit_seconds(target, hours, cost_cap)
    if est["seconds"] <= limit:
        return None
    aim = AIM * limit

    def with_(**change):
        return fit.estimate(*args, target, **{**kw, **change})

    steps = _largest(1, est["steps"] - 1, lambda n: with_(max_steps=n)["seconds"] <= aim)
    used = est["plan"]["used"]
    no_cap = {"max_steps": -1}
    sample = _largest(2, used - 1, lambda n: with_(sample_rows=n, **no_cap)["seconds"] <= aim)
    bigger = []
    for f in hardware.FLAVOURS:
        if f.name == target.name or not f.is_gpu:
            continue
        e = fit.estimate(*args, f, **kw)
        if e["fits"] and e["seconds"] <= limit_seconds(f, hours, cost_cap):
            bigger.append((e["cost_usd"], e["seconds"], f.name, e))
    best = min(bigger, key=lambda b: b[:2]) if bigger else None
    return {"estimate": est, "limit_s": limit,
            "steps": (steps, with_(max_steps=steps)) if steps else None,
            "sample": (sample, with_(sample_rows=sample, **no_cap)) if sample else None,
            "flavour": (best[2], best[3]) if best else None}


def _time(seconds: float, lang: str) -> str:
    return fmt.duration(seconds, rough=True, lang=lang)


def outputs(found: dict | None, lang: str = "en") -> list:
    """The notice, the three buttons and the state the buttons read, for what offers() found."""
    if not found:
        return [gr.update(value="", visible=False), *[gr.update(visible=False)] * 3, {}]
    est = found["estimate"]
    notice = text("limit_over", lang, time=_time(est["seconds"], lang), limit=_time(found["limit_s"], lang))
    buttons, state = [], {}
    # the step cap and the sample: a count, its words and the form field a click sets
    for offer, key, word, field in (("steps", "limit_offer_steps", "steps", "max_steps"),
                                    ("sample", "limit_offer_sample", "rows", "sample_rows")):
        if not found[offer]:
            buttons.append(gr.update(visible=False))
            continue
        n, e = found[offer]
        buttons.append(gr.update(value=text(key, lang, **{word: f"{n:,}"}, time=_time(e["seconds"], lang)),
                                 visible=True))
        state[field] = n
    if found["flavour"]:
        name, e = found["flavour"]
        f = hardware.BY_NAME[name]
        buttons.append(gr.update(value=text("limit_offer_flavour", lang, label=f.label, time=_time(e["seconds"], lang),
                                            cost=e["cost_usd"]), visible=True))
        state["flavour"] = name
    else:
        buttons.append(gr.update(visible=False))
    if not state:
        notice += " " + text("limit_no_offer", lang)
    return [gr.update(value=notice, visible=True), *buttons, state]


def build() -> dict:
    """The notice and its offers, hidden until a run passes its limit (placed next to the Train button)."""
    c = {"notice": gr.Markdown(visible=False, elem_id="limit-notice")}
    with gr.Row():
        c["steps"] = gr.Button(t("limit_steps"), visible=False, size="sm", elem_id="limit-offer-steps")
        c["sample"] = gr.Button(t("limit_sample"), visible=False, size="sm", elem_id="limit-offer-sample")
        c["flavour"] = gr.Button(t("limit_flavour"), visible=False, size="sm", elem_id="limit-offer-flavour")
    c["state"] = gr.State({})
    return c


def wire(c: dict, fields: dict, flavour_picker) -> None:
    """One click each: the offer's value goes into the form field (or the hardware picker); their change events
    estimate again."""
    def take(key):
        def on_click(state):
            return gr.update(value=state[key]) if state and key in state else gr.update()
        return on_click

    c["steps"].click(take("max_steps"), c["state"], fields["max_steps"], api_visibility="private")
    c["sample"].click(take("sample_rows"), c["state"], fields["sample_rows"], api_visibility="private")
    c["flavour"].click(take("flavour"), c["state"], flavour_picker, api_visibility="private")
