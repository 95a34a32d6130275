"""What the page works out from several inputs (the hardware estimate, the command box and its settings file, the
Rewards field, the data report's counts, the preview of what will be learned) is wired as ONE listener on all of
their changes, and each of its answers is followed by one more, worked out from the values the page holds by then.

Why both:
- Gradio's page runs one listener's calls one at a time: when an input changes during a call, it calls once more
  afterwards, with the values of that moment (trigger_mode "always_last"). Separate listeners, one per input, each
  sent the values of their own moment, and the answers landed in any order.
- Even one listener is called twice at once when several of its inputs change together (an upload's fitted
  settings fill seven fields in one answer): each change reads the form while the others are still being written,
  and a call that read an older form can be sent, and answered, last. Under load the hardware panel kept the
  upload's first estimate (200,000 rows trained) after the fitted settings had held a tenth of the rows out.
- The call that follows each answer (each one that did not fail: an error is said once) reads the form after that
  answer has landed, so the answer shown last is always one worked out from the form as it is. The work here is
  cheap (an estimate, a command line, the report of a file already checked), so doing it twice costs little."""

from __future__ import annotations

from typing import Callable, Sequence

import gradio as gr


def follow(fn: Callable, inputs: Sequence, outputs, events: Sequence | None = None, on_load: bool = False,
           **options):
    """fn(*inputs) -> outputs, run when any of `events` fires (each input's change when not given), and when the
    page loads with `on_load`; then once more on the values of then. `options` go to gr.on (show_progress)."""
    triggers = list(events) if events is not None else [comp.change for comp in inputs]
    if on_load:
        triggers.append(gr.context.Context.root_block.load)
    wired = dict(trigger_mode="always_last", api_visibility="private", **options)
    first = gr.on(triggers, fn, list(inputs), outputs, **wired)
    first.success(fn, list(inputs), outputs, **{**wired, "show_progress": "hidden"})
    return first
