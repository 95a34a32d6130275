"""Sentences kept as a key and its values ({"key": ..., "values": {...}}) rather than as finished text, so the
page can say them in the visitor's language while the CLI and the API print the English.

A module that speaks (coach, access, hardware, jobs, checkpoints, publish) holds its English templates in a
MESSAGES dict; the page's strings table (ui/strings.py) takes them in and adds the Korean. Rendering takes a
table (a strings table: the visitor's language) and falls back to the module's English for a key it lacks. A
value may itself be a part; it is rendered first, in the same language. No Gradio here: the CLI and the training
process import these modules too.
"""

from __future__ import annotations


def part(key: str, **values) -> dict:
    return {"key": key, "values": values}


def _is_part(value) -> bool:
    return isinstance(value, dict) and "key" in value and set(value) <= {"key", "values"}


def render(one: dict, messages: dict, table: dict | None = None) -> str:
    """One part as text: the table's template for its key (else the module's English), its values filled in."""
    values = {k: render(v, messages, table) if _is_part(v) else v for k, v in (one.get("values") or {}).items()}
    template = (table or {}).get(one["key"]) or messages[one["key"]]
    return template.format(**values)


def render_all(parts: list, messages: dict, table: dict | None = None, sep: str = " ") -> str:
    return sep.join(render(p, messages, table) for p in parts)
