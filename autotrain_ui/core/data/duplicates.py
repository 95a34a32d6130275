"""Rows that repeat an earlier row exactly, as the trainer would see them: found by hashing each row once.

A million rows are each written out by orjson (gradio's JSON library, several times faster than the json module)
and hashed; only rows whose hashes meet are compared in full, so a hash two different rows share never makes one a
copy of the other, and the answer is the one the json module's keys (example_key) give.
"""
from __future__ import annotations

from autotrain_ui.core.data.examples import Rows, example_key
from autotrain_ui.core.data.report import Problem
from autotrain_ui.core.i18n import message, rows as rows_of

try:
    import orjson as _orjson
except ImportError:               # pragma: no cover - installed with gradio
    _orjson = None


def _written(example: dict) -> bytes | str:
    """What a row amounts to for training, written out (keys sorted, bookkeeping keys left out): orjson's bytes,
    fast, or example_key's text where orjson is missing or will not write it (an integer over 64 bits)."""
    public = {k: v for k, v in example.items() if not k.startswith("_")}
    if _orjson is not None:
        try:
            return _orjson.dumps(public, option=_orjson.OPT_SORT_KEYS, default=str)
        except TypeError:
            pass
    return example_key(public)


def _same(a: dict, b: dict, wa: bytes | str, wb: bytes | str) -> bool:
    """Two rows with the same hash, written out as wa and wb: the same row? orjson writes NaN and infinities as null,
    so where a null is written the json module's key decides (it tells NaN from None, as the check always has)."""
    if wa != wb:
        return False
    return not isinstance(wa, bytes) or b"null" not in wa or example_key(a) == example_key(b)


def duplicate_problem(examples: list[dict], rows: Rows, problems: list[Problem]) -> dict:
    """Rows that repeat an earlier row exactly (what the trainer would see): a warning naming them. Rows are told
    apart by a hash of their content; two rows with the same hash are compared in full (_same), so a hash
    that two different rows share never makes a copy of either."""
    first_seen: dict[int, int] = {}
    written: dict[int, bytes | str] = {}   # rows that have copies, written out (once each)
    shared: dict[str, int] = {}      # rows whose hash another, different row has: by their full key
    repeats: list[int] = []
    for i, example in enumerate(examples):
        mine = _written(example)
        j = first_seen.setdefault(hash(mine), i)
        if j == i:
            continue
        if j not in written:
            written[j] = _written(examples[j])
        if _same(example, examples[j], mine, written[j]):
            repeats.append(i)
            continue
        key = example_key(example)
        if key in shared:
            repeats.append(i)
        else:
            shared[key] = i
    distinct = len(first_seen) + len(shared)
    if not repeats:
        return {"rows": 0, "distinct": distinct}
    numbers = [examples[i].get("_line") or examples[i]["_row"] for i in repeats]
    n, total = len(repeats), len(examples)
    problems.append(Problem(
        "warning", message("data.duplicates", n=n, total=total, rows=rows_of(numbers[:5], n, rows.word),
                           distinct=distinct),
        row=examples[repeats[0]]["_row"], line=examples[repeats[0]].get("_line")))
    return {"rows": n, "distinct": distinct, "examples": numbers[:10]}
