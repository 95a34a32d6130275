"""A verdict in two or three words ("loss rose"), for a list of runs. The coach's sentences themselves (advice,
verdicts, the before/after report) are keys of the one catalog (autotrain_ui/core/i18n/coach.py, English and Korean);
the coach keeps them as parts ({"key", "values"}) and i18n.render_all says them in a language."""

from __future__ import annotations

from autotrain_ui.core.i18n import text


def label(kind: str, lang: str = "en") -> str:
    return text(f"coach.verdict_label_{kind}", lang)
