"""Numbers as the page shows them to people: "1 row" / "2 rows", "23.5 GB", "2 min 5 s". One place, so every
tab writes them the same way."""

from __future__ import annotations


def count(n: int, word: str, plural: str | None = None) -> str:
    """"1 row", "2 rows", "1,000 rows" (pass `plural` for words that do not just add an s)."""
    n = int(n)
    return f"{n:,} {word if n == 1 else plural or word + 's'}"


def gb(value: float) -> str:
    """"23.5 GB": one decimal, however many the measurement had."""
    return f"{value:.1f} GB"


def duration(seconds: float | None, rough: bool = False) -> str:
    """"45 s", "2 min 5 s", "1 h 20 min", "2.5 days". rough (for estimates): whole minutes at most ("about 3 min"
    reads better than a precision the estimate does not have)."""
    if seconds is None:
        return ""
    total = int(round(max(0.0, float(seconds))))
    if rough:
        total = max(60, int(round(total / 60)) * 60)
    if total < 60:
        return f"{total} s"
    minutes, secs = divmod(total, 60)
    if minutes < 10 and secs:
        return f"{minutes} min {secs} s"
    if minutes < 90:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    return f"{total / 86400:.1f} days"


def speed(tokens_per_second: float | None) -> str:
    """"1,234 tokens/s", or "" when there is no speed to show (a finished job's last step reports 0)."""
    if not tokens_per_second or tokens_per_second <= 0:
        return ""
    return f"{tokens_per_second:,.0f} tokens/s"
