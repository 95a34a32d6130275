"""Reference answers a checker can verify with no person: a number (GSM8K's worked answers count, their last line
'#### 42' holding it) or a JSON object. Rows like these suit GRPO with the matching reward from the menu
(autotrain_ui/core/rewards.py: `number`, the number in the answer equals the reference's; `json:keys=...`, valid JSON with
the answers' keys): the model is scored on its own answers instead of copying the references word for word.
data/formats.recommend says so; prose answers stay SFT's."""

from __future__ import annotations

import json
import re

from autotrain_ui.core.data.shapes import is_blank

SAMPLE = 200        # the first answers looked at
SHARE = 0.9         # the share of them that must be checkable: a few stray rows do not change the shape
MAX_KEYS = 8        # the keys a JSON reward asks for (those every sampled answer has, in the first one's order)
_AMOUNT = r"[-+]?[$€£₩]?\s*\d[\d,]*(?:\.\d+)?\s*%?"
_NUMBER_ALONE = re.compile(rf"^{_AMOUNT}$")
_FINAL_NUMBER = re.compile(rf"(?:^|\n)\s*####\s*{_AMOUNT}$")   # GSM8K's worked answer ends '#### 42'
_KEY = re.compile(r"^[^,;@|=]+$")                                # a key the reward's short form can hold


def kind(answer) -> str | None:
    """'number', 'json' (an object) or None for one reference answer."""
    if isinstance(answer, bool):
        return None
    if isinstance(answer, (int, float)):
        return "number"
    if isinstance(answer, dict):
        return "json"
    text = str(answer).strip()
    if _NUMBER_ALONE.match(text) or _FINAL_NUMBER.search(text):
        return "number"
    if text.startswith("{"):
        try:
            return "json" if isinstance(json.loads(text), dict) else None
        except ValueError:
            return None
    return None


def reward_for(answers) -> tuple[str, float]:
    """(the reward that checks answers like these, e.g. 'number' or 'json:keys=name|age', the share of the first
    answers it can check); ('', share) when too few are checkable to call the rows verifiable."""
    cells = [a for a in list(answers)[:SAMPLE] if not is_blank(a)]
    if not cells:
        return "", 0.0
    kinds = [kind(a) for a in cells]
    found = max(("number", "json"), key=kinds.count)
    share = kinds.count(found) / len(cells)
    if share < SHARE:
        return "", share
    if found == "number":
        return "number", share
    objects = [a if isinstance(a, dict) else json.loads(str(a)) for a, k in zip(cells, kinds) if k == "json"]
    keys = [k for k in objects[0] if all(k in o for o in objects[1:]) and _KEY.match(str(k))][:MAX_KEYS]
    return ("json:keys=" + "|".join(str(k) for k in keys) if keys else "json"), share
