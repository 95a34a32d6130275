"""Numbers as the page shows them to people: "1 row" / "2 rows", "23.5 GB", "2 min 5 s", in the visitor's language
("1,000행", "2분 5초"). One place, so every tab writes them the same way."""

from __future__ import annotations

import re

from autotrain_ui.core.i18n import has, text


def count(n: int, word: str, plural: str | None = None, lang: str = "en") -> str:
    """"1 row", "2 rows", "1,000 rows" (pass `plural` for words that do not just add an s). Words the catalog
    knows (page.count_row, page.count_held_out_row) are said in `lang`."""
    n = int(n)
    key = "page.count_" + re.sub(r"\W+", "_", word)
    if has(key):
        return text(key + (".one" if n == 1 else ""), lang, n=n)
    return f"{n:,} {word if n == 1 else plural or word + 's'}"


def gb(value: float) -> str:
    """"23.5 GB": one decimal, however many the measurement had."""
    return f"{value:.1f} GB"


def duration(seconds: float | None, rough: bool = False, lang: str = "en") -> str:
    """"45 s", "2 min 5 s", "1 h 20 min", "2.5 days" (in `lang`). rough (for estimates): whole minutes at most
    ("about 3 min" reads better than a precision the estimate does not have)."""
    if seconds is None:
        return ""
    total = int(round(max(0.0, float(seconds))))
    if rough:
        total = max(60, int(round(total / 60)) * 60)
    if total < 60:
        return text("page.dur_s", lang, s=total)
    minutes, secs = divmod(total, 60)
    if minutes < 10 and secs:
        return text("page.dur_min_s", lang, m=minutes, s=secs)
    if minutes < 90:
        return text("page.dur_min", lang, m=minutes)
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return text("page.dur_h_min", lang, h=hours, m=minutes) if minutes else text("page.dur_h", lang, h=hours)
    return text("page.dur_days", lang, days=total / 86400)


def speed(tokens_per_second: float | None, lang: str = "en") -> str:
    """"1,234 tokens/s", or "" when there is no speed to show (a finished job's last step reports 0)."""
    if not tokens_per_second or tokens_per_second <= 0:
        return ""
    return text("page.speed_tokens", lang, n=tokens_per_second)
