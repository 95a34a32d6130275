"""Public datasets in their own shapes, read as they mean (issue #23): a system column beside the prompt (Orca DPO
pairs), two answers and a label saying which is better (SHP, PKU-SafeRLHF, Chatbot Arena), chosen/rejected
transcripts that share their prompt (Anthropic HH, TRL's "implicit prompt"), turn lists of {input, output} objects
(Capybara) and ratings read as good/bad with a threshold (KTO). formats.py recognises the table, examples.py and
pairs.py build the rows with what is here; the report names every column left unused, with one line why.

It also holds what every reader of a table needs and that these rules use: a blank cell, a column found by the
names people give it, a good/bad label as people write it. formats.py imports them from here (never the reverse).
"""
from __future__ import annotations

import math
import re

import pandas as pd

from autotrain_ui.core.i18n import message


def is_blank(value) -> bool:
    """None, NaN, NA, '' / whitespace, an empty list: nothing to train on."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, float):
        return math.isnan(value)
    if isinstance(value, (list, tuple, dict)) or (hasattr(value, "shape") and hasattr(value, "__len__")):
        return len(value) == 0
    return False


def find_column(columns, *names: str) -> str | None:
    """The first column matching one of `names`, exactly, else ignoring case."""
    for name in names:
        if name in columns:
            return name
    lowered = {}
    for col in columns:
        lowered.setdefault(str(col).lower(), col)
    for name in names:
        if name.lower() in lowered:
            return lowered[name.lower()]
    return None


# ------------------------------------------------------------------------------ feedback (KTO) labels

# A label column as people name it in a feedback log (one answer per row, marked good or bad).
LABEL_NAMES = ("label", "labels", "feedback", "thumbs_up", "thumbs", "thumb", "thumbsup", "thumb_up", "is_good",
               "is_helpful", "helpful", "upvote", "upvoted", "vote", "rating", "desirable", "liked", "like", "good",
               "accepted", "approved", "kto_label", "라벨", "레이블", "피드백", "평가", "추천", "좋아요")
# What a label says, as people write it: a boolean, 1/0, yes/no, good/bad, a thumb (in English and Korean).
GOOD_LABELS = {"true", "t", "1", "1.0", "+1", "yes", "y", "good", "desirable", "positive", "pos", "up",
               "thumbs up", "thumbs_up", "thumbsup", "thumb up", "like", "liked", "accept", "accepted", "chosen",
               "👍", "✅", "예", "네", "좋음", "좋아요", "긍정", "추천"}
BAD_LABELS = {"false", "f", "0", "0.0", "-1", "no", "n", "bad", "undesirable", "negative", "neg", "down",
              "thumbs down", "thumbs_down", "thumbsdown", "thumb down", "dislike", "disliked", "reject", "rejected",
              "👎", "❌", "아니오", "아니요", "나쁨", "싫어요", "부정", "비추천"}
_EMOJI_MARKS = re.compile("[\ufe0f\U0001f3fb-\U0001f3ff]")   # a thumb's skin tone and emoji presentation mark


def read_label(value) -> bool | None:
    """A feedback label -> True (good), False (bad), or None when it says neither ("maybe", "3", a blank)."""
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return bool(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if isinstance(value, float) and math.isnan(value):
            return None
        return True if value == 1 else False if value in (0, -1) else None
    if not isinstance(value, str):
        return None
    word = " ".join(_EMOJI_MARKS.sub("", value).strip().lower().split())
    return True if word in GOOD_LABELS else False if word in BAD_LABELS else None



SYSTEM_NAMES = ("system", "system_prompt", "system_message", "sys_prompt", "시스템", "시스템_프롬프트")
# The prompt of a preference table, as public sets name it (HH has none: it is inside chosen/rejected).
PREFERENCE_PROMPTS = ("prompt", "question", "query", "instruction", "input", "history", "질문", "프롬프트")
# A pairwise table: two answers side by side (human_ref_A / human_ref_B, response_0 / response_1, ...) and a label.
PAIRWISE_LABELS = ("labels", "label", "preferred", "preference", "winner", "choice", "better_response_id", "better")
_SIDE = re.compile(r"(?P<stem>.*?(?:ref|response|answer|completion|conversation|output|reply|text))[_\- ]?"
                   r"(?P<side>[ab01])", re.IGNORECASE)
_FIRST_WORDS = {"a", "model_a", "response_a", "first", "1st", "left"}
_SECOND_WORDS = {"b", "model_b", "response_b", "second", "2nd", "right"}
# Rating columns: a number per answer, good from a threshold on (--label-threshold; default: above the middle).
RATING_NAMES = ("rating", "score", "stars", "grade", "평점", "점수", "별점")
# Turn lists without roles: each object one exchange, under the keys people use (Capybara's input/output ...).
TURN_PAIR_KEYS = (("input", "output"), ("human", "assistant"), ("user", "assistant"), ("human", "gpt"),
                  ("user", "bot"), ("prompt", "response"), ("prompt", "completion"), ("question", "answer"),
                  ("instruction", "output"), ("instruction", "response"), ("q", "a"))


def add_system(columns, mapping: dict[str, str]) -> dict[str, str]:
    """`mapping` with the table's system column, when it has one it does not map already, as its "system" role: its
    text goes in front of each row's prompt or turns (Orca DPO pairs, LLaMA-Factory's alpaca and sharegpt)."""
    found = find_column([c for c in columns if c not in mapping.values()], *SYSTEM_NAMES)
    if found:
        mapping["system"] = found
    return mapping


def find_pairwise(frame, columns) -> dict[str, str] | None:
    """{"prompt"?, "text": first answer, "rejected_text": second answer, "label"} for a table holding two answers
    side by side and a label saying which is better; examples.py swaps the pair where the label picks the second."""
    sides: dict[str, dict[str, str]] = {}
    for col in columns:
        m = _SIDE.fullmatch(col)
        if m:
            first = m.group("side").lower() in ("a", "0")
            sides.setdefault(m.group("stem").lower(), {})["first" if first else "second"] = col
    pair = next((s for s in sides.values() if len(s) == 2), None)
    label = find_column(columns, *PAIRWISE_LABELS)
    if not pair or not label:
        return None
    sample = [v for v in frame[label].head(200).tolist() if not is_blank(v)]
    if not sample or sum(first_is_better(v, label) is not None for v in sample) * 2 < len(sample):
        return None
    mapping = {"text": pair["first"], "rejected_text": pair["second"], "label": label}
    prompt = find_column([c for c in columns if c not in mapping.values()], *PREFERENCE_PROMPTS)
    if prompt:
        mapping["prompt"] = prompt
        add_system(columns, mapping)
    return mapping


def first_is_better(value, column: str) -> bool | None:
    """Does a pairwise label pick the first answer (True), the second (False), or neither (a tie: None)? SHP's
    `labels` is 1 when A is preferred; an index column (`better_response_id`) is 0 for the first answer."""
    index = "id" in column.lower() or "index" in column.lower()
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        if isinstance(value, float) and math.isnan(value):
            return None
        if value in (0, 1):
            return (value == 0) if index else (value == 1)
        return None
    word = str(value).strip().lower()
    if word in _FIRST_WORDS:
        return True
    if word in _SECOND_WORDS:
        return False
    if word in ("0", "1"):
        return first_is_better(int(word), column)
    return None


def shared_prompt(chosen, rejected):
    """TRL's implicit prompt: the turns (or, for text, the words) that chosen and rejected share from their start,
    cut back to end on the user's last shared turn -> (prompt, chosen's own continuation, rejected's), or None when
    they share nothing."""
    if isinstance(chosen, list) and isinstance(rejected, list):
        n = 0
        while n < min(len(chosen), len(rejected)) and chosen[n] == rejected[n]:
            n += 1
        while n and chosen[n - 1]["role"] == "assistant":
            n -= 1
        if not n or n >= len(chosen) or n >= len(rejected):
            return None
        return chosen[:n], chosen[n:], rejected[n:]
    if not isinstance(chosen, str) or not isinstance(rejected, str):
        return None
    n = 0
    while n < min(len(chosen), len(rejected)) and chosen[n] == rejected[n]:
        n += 1
    while n and not chosen[n - 1].isspace():      # never split a word: the prompt ends after whitespace
        n -= 1
    if not chosen[:n].strip() or n >= len(chosen) or n >= len(rejected):
        return None
    return chosen[:n], chosen[n:], rejected[n:]


def with_system(prompt, system: str):
    """The prompt (turns or text) with the system column's text in front; a blank system cell changes nothing."""
    if not system.strip():
        return prompt
    if isinstance(prompt, list):
        return prompt if prompt and prompt[0]["role"] == "system" else [{"role": "system", "content": system}] + prompt
    return f"{system}\n\n{prompt}"


def turn_pairs(items: list, content_text) -> list[dict] | None:
    """[{"input": q, "output": a}, ...] (and the other key shapes of TURN_PAIR_KEYS) -> user and assistant turns."""
    turns: list[dict] = []
    for item in items:
        keys = next(((u, a) for u, a in TURN_PAIR_KEYS if u in item), None)
        if keys is None:
            return None
        turns.append({"role": "user", "content": content_text(item[keys[0]])})
        if item.get(keys[1]) is not None:
            turns.append({"role": "assistant", "content": content_text(item[keys[1]])})
    return turns or None


# ------------------------------------------------------------------------------------------ ratings

def rating_scale(values) -> tuple[float, float] | None:
    """(lowest, highest) of a column of numbers that are ratings (more than the 0/1 of a label), else None."""
    numbers = []
    for v in values:
        try:
            x = float(v)
        except (TypeError, ValueError):
            if v is None or (isinstance(v, str) and not v.strip()):
                continue
            return None
        if not math.isnan(x):
            numbers.append(x)
    if len(set(numbers)) < 3:
        return None
    return min(numbers), max(numbers)


def rating_reader(scale: tuple[float, float], threshold: float | None):
    """-> read(value) -> True (good) / False (bad) / None, and the threshold in words. A rating is good from
    `threshold` on; without one, when it is above the middle of the scale."""
    low, high = scale
    middle = (low + high) / 2

    def read(value) -> bool | None:
        try:
            x = float(value)
        except (TypeError, ValueError):
            return None
        if math.isnan(x):
            return None
        return x >= threshold if threshold is not None else x > middle
    return read, _num(threshold) if threshold is not None else None, _num(middle)


def label_reader(label, threshold: float | None, problems: list):
    """How the label column reads: good/bad words, or numbers on a rating scale (good from the threshold on; the
    report says where the line is and how to move it). Three or more different numbers are a scale, however many of
    them are 1: stars 1 to 5 with many 1s are not thumbs up. A column of 0s and 1s (both) with a stray other number
    or two (nine in ten cells or more read as good/bad) stays labels: the stray cells are named and left out."""
    from autotrain_ui.core.data.report import Problem

    sample = [v for v in label.head(200) if not is_blank(v)]
    scale = rating_scale(sample)
    said = [read_label(v) for v in sample]
    labels = True in said and False in said and sum(s is not None for s in said) >= 0.9 * len(sample)
    if scale is None or (threshold is None and labels):
        return read_label
    read, given, middle = rating_reader(scale, threshold)
    key = "data.rating_threshold" if given is not None else "data.rating_middle"
    problems.append(Problem("warning", message(key, column=label.name, threshold=given, middle=middle,
                                               low=_num(scale[0]), high=_num(scale[1])), column=label.name))
    return read


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


# -------------------------------------------------------------------------------------- unused columns

def unused_columns(columns: list[str], mapping: dict[str, str], trainer: str) -> list[dict]:
    """Every column the run will not read, with one line why (an i18n Message)."""
    used = set(mapping.values())
    out = []
    for col in columns:
        if col in used:
            continue
        if find_column([col], *LABEL_NAMES, *PAIRWISE_LABELS, *RATING_NAMES):
            why = message("data.unused.label", trainer=trainer)
        elif find_column([col], "rejected", "rejected_text") or _SIDE.fullmatch(col):
            why = message("data.unused.answer", trainer=trainer)
        elif find_column([col], *SYSTEM_NAMES):
            why = message("data.unused.system", trainer=trainer)
        else:
            why = message("data.unused.other", trainer=trainer)
        out.append({"column": col, "why": why})
    return out

