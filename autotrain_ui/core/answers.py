"""What the model now answers, judged: the base and tuned models' greedy answers to the same prompts (held-out ones,
or up to MAX_PROMPTS training prompts when none are held out), scored against the rows' own answers, and checked for
answers that broke down (repeating themselves, running to the token cap, empty).

Pure Python on the answers trainers/answers.py generates; `check()` writes the summary report.json keeps as
"answer_check", which the verdict reads (coach/verdict.py):

    SFT / default: likeness to the reference answer (1 when the answer starts with it, else the word-level F1)
    DPO / ORPO / KTO: likeness to the chosen (good) answer minus likeness to the rejected (bad) one
    reward: the share of pairs scored the right way round (no answers are generated)
"""

from __future__ import annotations

import math
import re
from collections import Counter

MAX_PROMPTS = 8        # prompts answered by both models (held-out ones first; training ones when none are held out)
MAX_NEW_TOKENS = 48    # an answer's cap: enough to see what the model says, seconds for both models together
WORSE_BY = 0.1         # the tuned score below the base's by this much (scores run 0..1, or -1..1 for pairs): worse
CLEARLY_BETTER = 0.1   # ... above by this much: better
REPEAT_NGRAM, REPEAT_TIMES = 3, 3   # a run of 3 words said 3 times in one answer: it repeats itself
WORDS = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> list[str]:
    return WORDS.findall((text or "").lower())


def likeness(answer: str, reference: str) -> float:
    """1.0 when the answer starts with the reference's words (what follows them does not count against it), else the
    word-level F1 of the two (0 when they share no word)."""
    a, r = words(answer), words(reference)
    if not a or not r:
        return float(a == r)
    if a[:len(r)] == r:
        return 1.0
    common = sum((Counter(a) & Counter(r)).values())
    if not common:
        return 0.0
    precision, recall = common / len(a), common / len(r)
    return 2 * precision * recall / (precision + recall)


def preference(answer: str, chosen: list[str], rejected: list[str]) -> float:
    """How much closer the answer is to the chosen answers than to the rejected ones (-1..1; 0: no closer to either)."""
    best = max((likeness(answer, c) for c in chosen), default=0.0)
    worst = max((likeness(answer, r) for r in rejected), default=0.0)
    return best - worst


def flags(answer: str, hit_cap: bool) -> list[str]:
    """What is wrong with one answer: "empty", "repeats" (the same few words over and over), "cap" (it ran to the
    token cap without ending). "cap" alone is not a breakdown: a long answer may just be long; an empty or repeating
    answer that does not start with the row's answer is "broken" (check())."""
    found = []
    w = words(answer)
    if not w:
        found.append("empty")
    grams = Counter(tuple(w[i:i + REPEAT_NGRAM]) for i in range(len(w) - REPEAT_NGRAM + 1))
    if grams and max(grams.values()) >= REPEAT_TIMES:
        found.append("repeats")
    if hit_cap:
        found.append("cap")
    return found


def broken(answer_flags: list[str]) -> bool:
    return "broken" in answer_flags


def _gives_answer(trainer: str, row: dict, answer: str) -> bool:
    """Whether the answer starts with the row's (chosen) answer: what it says after that is not a breakdown (a model
    taught plain "human: ... bot: ..." text goes on with the next turn)."""
    references = row.get("chosen") or [] if trainer in ("dpo", "orpo", "kto") else [row.get("expected") or ""]
    return any(likeness(answer, r) == 1.0 for r in references if r)


def score(trainer: str, row: dict, answer: str) -> float:
    if trainer in ("dpo", "orpo", "kto"):
        return preference(answer, row.get("chosen") or [], row.get("rejected") or [])
    return likeness(answer, row.get("expected") or "")


def check(trainer: str, rows: list[dict], measured_on: str) -> dict | None:
    """The summary of the answers of both models. `rows`: {"prompt", "expected" or "chosen"/"rejected", "base",
    "tuned", "base_cap", "tuned_cap", "question"} (each row gets its scores and flags added). `measured_on`: "held_out" or
    "training". None without rows."""
    if not rows:
        return None
    for row in rows:
        for side in ("base", "tuned"):
            row[f"{side}_score"] = round(score(trainer, row, row[side]), 4)
            found = flags(row[side], bool(row.get(f"{side}_cap")))
            if ("empty" in found or "repeats" in found) and not _gives_answer(trainer, row, row[side]):
                found.append("broken")
            row[f"{side}_flags"] = found
    n = len(rows)
    base = sum(r["base_score"] for r in rows) / n
    tuned = sum(r["tuned_score"] for r in rows) / n
    broken_base = sum(broken(r["base_flags"]) for r in rows)
    broken_tuned = sum(broken(r["tuned_flags"]) for r in rows)
    if broken_tuned > broken_base and broken_tuned >= math.ceil(n / 3):
        outcome = "degenerate"
    elif tuned < base - WORSE_BY:
        outcome = "worse"
    elif tuned > base + CLEARLY_BETTER:
        outcome = "better"
    else:
        outcome = "same"
    out = {"measured_on": measured_on, "prompts": n, "metric": "preference" if trainer in ("dpo", "orpo", "kto")
           else "likeness", "base": round(base, 4), "tuned": round(tuned, 4), "broken_base": broken_base,
           "broken_tuned": broken_tuned, "at_cap": sum("cap" in r["tuned_flags"] for r in rows),
           "prefers_chosen": sum(r["tuned_score"] > 0 for r in rows), "outcome": outcome}
    if outcome == "degenerate":
        example = next(r for r in rows if broken(r["tuned_flags"]))
        out["example"] = {"prompt": (example.get("question") or example["prompt"])[-80:],
                          "answer": " / ".join(line.strip() for line in example["tuned"].splitlines()
                                               if line.strip())[:120]}
    return out


def pair_check(before: float | None, after: float | None, pairs: int, measured_on: str) -> dict | None:
    """reward: no answers are generated; the pairs scored the right way round before and after decide."""
    if before is None or after is None:
        return None
    outcome = "worse" if after < before - WORSE_BY else "better" if after > before + CLEARLY_BETTER else "same"
    return {"measured_on": measured_on, "prompts": pairs, "metric": "pairs", "base": before, "tuned": after,
            "outcome": outcome}

