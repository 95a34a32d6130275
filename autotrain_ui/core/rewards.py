"""The reward menu for GRPO: checks a person can state without code, each scoring one answer from 0 to 1.

Pure Python (no torch): the app scores the first rows with it before launch and the training process scores every
sampled answer with the same functions.

How a person writes them (--rewards, the form writes the same text): rewards separated by ';', each

    kind[:option=value,option=value][@weight]

    match                       the answer equals the reference (normalised: case, spaces, punctuation ignored;
                                match:exact=yes compares the text as it is)
    number                      the last number in the answer equals the reference's (number:tolerance=0.01)
    format:tags=answer          the answer holds <answer>...</answer> (format:regex=^\\d+$ for a regular expression)
    json                        the answer is valid JSON (json:keys=name|age: and has these keys)
    length:min=5,max=50         the answer's word count lies in the range (falling off outside it)
    contains:words=thanks|sorry the answer contains these words (the share found)
    avoids:words=maybe|perhaps  the answer contains none of these words
    language                    the answer is in the prompt's language (language:lang=ko names one)

e.g. "number@2; length:max=50@0.5". The weight is 1 when not given. A value holding ';' or '@' (a regex) can be
given in the JSON form instead: '[{"kind": "format", "regex": "a;b", "weight": 1}]'.
An empty answer scores 0 on every reward: it is never a good answer, and the data check shows each reward's score
of the reference and of an empty answer side by side.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field

from autotrain_ui.core.i18n import Message, message

KINDS = ("match", "number", "format", "json", "length", "contains", "avoids", "language")
NEEDS_REFERENCE = ("match", "number")
OPTIONS = {"match": ("exact",), "number": ("tolerance",), "format": ("regex", "tags"), "json": ("keys",),
           "length": ("min", "max"), "contains": ("words",), "avoids": ("words",), "language": ("lang",)}
SCRIPTS = ("ko", "ja", "zh", "ru", "ar", "el", "he", "th", "hi", "en")
_NUMBER = re.compile(r"-?\d[\d,]*(?:\.\d+)?|-?\.\d+")
DEFAULT_COMPLETION = 128   # tokens per sampled answer when --max-completion-length is not given (the run, card, estimate)


def completion_length(params) -> int:
    """How many tokens a GRPO answer may run to: the sampled ones in training, and the greedy ones the report scores."""
    return params.max_completion_length or DEFAULT_COMPLETION


class RewardError(ValueError):
    """A reward written wrongly; `lines` are Messages saying what to change."""

    def __init__(self, lines: list):
        super().__init__("\n".join(str(line) for line in lines))
        self.lines = list(lines)


@dataclass(frozen=True)
class Reward:
    kind: str
    weight: float = 1.0
    options: dict = field(default_factory=dict)

    @property
    def name(self) -> str:
        """What the curves and the card call it: the kind and its options, e.g. length(max=50)."""
        opts = ",".join(f"{k}={v}" for k, v in self.options.items())
        return f"{self.kind}({opts})" if opts else self.kind

    def score(self, answer, row: dict | None = None) -> float:
        """This reward of one answer (text, or assistant turns) to one row ({"prompt", "reference"}), in [0, 1]."""
        text = answer_text(answer).strip()
        if not text:
            return 0.0
        return max(0.0, min(1.0, float(_SCORERS[self.kind](text, row or {}, self.options))))


# ------------------------------------------------------------------------------------------------ reading

def parse(spec) -> list[Reward]:
    """--rewards text (or its JSON form, or a list of dicts) -> the rewards; RewardError says every mistake."""
    if isinstance(spec, list):
        items = spec
    elif not spec or not str(spec).strip():
        return []
    elif str(spec).lstrip().startswith("["):
        try:
            items = json.loads(spec)
        except json.JSONDecodeError as exc:
            raise RewardError([message("rewards.bad_json", error=str(exc))]) from None
    else:
        items = [_read_entry(part.strip()) for part in str(spec).split(";") if part.strip()]
    rewards, errors = [], []
    for item in items:
        try:
            rewards.append(_build(item))
        except RewardError as exc:
            errors += exc.lines
    if errors:
        raise RewardError(errors)
    return rewards


def _read_entry(entry: str) -> dict:
    body, _, weight = entry.rpartition("@")
    if not body or not _is_number(weight):
        body, weight = entry, "1"
    kind, _, rest = body.partition(":")
    item = {"kind": kind.strip(), "weight": weight}
    parts: list[str] = []
    for piece in rest.split(","):  # a comma inside a value (a regex's {1,3}) stays when no 'name=' follows it
        if parts and not re.match(r"^\s*\w+\s*=", piece):
            parts[-1] += "," + piece
        elif piece.strip():
            parts.append(piece)
    for part in parts:
        name, eq, value = part.partition("=")
        item[name.strip()] = value.strip() if eq else "yes"
    return item


def _build(item) -> Reward:
    if not isinstance(item, dict):
        raise RewardError([message("rewards.bad_entry", entry=str(item))])
    item = dict(item)
    kind = str(item.pop("kind", "")).strip().lower()
    if kind not in KINDS:
        raise RewardError([message("rewards.unknown_kind", kind=kind or "''", kinds=", ".join(KINDS))])
    weight = item.pop("weight", 1)
    if not _is_number(weight) or float(weight) < 0:
        raise RewardError([message("rewards.bad_weight", kind=kind, weight=str(weight))])
    options = {str(k).strip(): str(v) for k, v in item.items()}
    errors = [message("rewards.unknown_option", kind=kind, option=k, options=", ".join(OPTIONS[kind]))
              for k in options if k not in OPTIONS[kind]]
    errors += _option_errors(kind, options)
    if errors:
        raise RewardError(errors)
    return Reward(kind, float(weight), options)


def _option_errors(kind: str, options: dict) -> list:
    errors = []
    if kind == "format":
        if not options.get("regex") and not options.get("tags"):
            errors.append(message("rewards.format_needs", kind=kind))
        if options.get("regex"):
            try:
                re.compile(options["regex"])
            except re.error as exc:
                errors.append(message("rewards.bad_regex", regex=options["regex"], error=str(exc)))
    for name in ("min", "max", "tolerance"):
        if name in options and (not _is_number(options[name]) or float(options[name]) < 0):
            errors.append(message("rewards.bad_number", kind=kind, option=name, value=options[name]))
    if kind == "length" and not errors and float(options.get("min", 1)) > float(options.get("max", 1e9)):
        errors.append(message("rewards.min_over_max", min=options["min"], max=options["max"]))
    if kind in ("contains", "avoids") and not _words(options.get("words", "")):
        errors.append(message("rewards.needs_words", kind=kind))
    if kind == "language" and options.get("lang", "auto") not in ("auto", *SCRIPTS):
        errors.append(message("rewards.bad_lang", language=options["lang"], langs=", ".join(("auto", *SCRIPTS))))
    return errors


def problems(rewards: list[Reward], has_reference: bool) -> list[Message]:
    """What refuses a launch: no reward, every weight 0, a reference-based reward on rows with no reference."""
    if not rewards:
        return [message("rewards.none")]
    out = []
    if all(r.weight == 0 for r in rewards):
        out.append(message("rewards.all_zero"))
    needing = [r.kind for r in rewards if r.kind in NEEDS_REFERENCE]
    if needing and not has_reference:
        out.append(message("rewards.needs_reference", kinds=", ".join(needing), columns=", ".join(REFERENCE_NAMES)))
    return out


def settings_problems(params) -> list[Message]:
    """The refusals that need no data (params.validate): the rewards as written, and the sampling settings."""
    try:
        found = problems(parse(params.rewards), has_reference=True)
    except RewardError as exc:
        found = list(exc.lines)
    if params.num_generations < 2:
        found.append(message("rewards.generations", value=params.num_generations))
    if params.generation_temperature <= 0:
        found.append(message("rewards.temperature", value=params.generation_temperature))
    if params.grpo_beta < 0:
        found.append(message("rewards.beta", value=params.grpo_beta))
    return found


def card_rows(params) -> list[tuple[str, str]]:
    """The model card's GRPO settings: each reward with its weight, and how the answers were sampled."""
    try:
        said = ", ".join(f"{r.name} (weight {r.weight:g})" for r in parse(params.rewards)) or "none"
    except RewardError:
        said = str(params.rewards)
    return [("rewards (weight)", said), ("answers per prompt", str(params.num_generations)),
            ("max completion length", str(completion_length(params))),
            ("KL beta", f"{params.grpo_beta:g}"), ("sampling temperature", f"{params.generation_temperature:g}")]


REFERENCE_NAMES = ("answer", "solution", "ground_truth", "reference", "target", "completion", "response", "output")


# ------------------------------------------------------------------------------------------------ scoring

def answer_text(answer) -> str:
    """A completion's text: a string, or the content of a list of messages (a conversational prompt's answer)."""
    if answer is None:
        return ""
    if isinstance(answer, str):
        return answer
    if isinstance(answer, dict):
        return str(answer.get("content", ""))
    return "\n".join(answer_text(part) for part in answer)


def total(rewards: list[Reward], answer, row: dict | None = None) -> float:
    """The weighted mean of the rewards (what GRPO maximises, on the same 0..1 scale)."""
    weights = sum(r.weight for r in rewards) or 1.0
    return sum(r.weight * r.score(answer, row) for r in rewards) / weights


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    text = "".join(" " if unicodedata.category(c).startswith("P") else c for c in text)
    return " ".join(text.split())


def _match(text, row, options):
    reference = answer_text(row.get("reference")).strip()
    if not reference:
        return 0.0
    if options.get("exact", "no").lower() in ("yes", "true", "1"):
        return float(text == reference)
    return float(_normalise(text) == _normalise(reference))


def _last_number(text: str) -> float | None:
    found = _NUMBER.findall(text)
    if not found:
        return None
    try:
        return float(found[-1].replace(",", ""))
    except ValueError:
        return None


def _number(text, row, options):
    want, got = _last_number(answer_text(row.get("reference"))), _last_number(text)
    if want is None or got is None:
        return 0.0
    return float(abs(want - got) <= float(options.get("tolerance", 0)) + 1e-9)


def _format(text, row, options):
    if options.get("regex"):
        return float(re.search(options["regex"], text, re.DOTALL) is not None)
    tags = _words(options.get("tags", ""))
    found = [re.search(rf"<{re.escape(t)}>\s*\S.*?</{re.escape(t)}>", text, re.DOTALL) for t in tags]
    return sum(1 for f in found if f) / len(tags)


def _json(text, row, options):
    body = re.sub(r"^```(?:json)?\s*|\s*```$", "", text.strip())
    try:
        value = json.loads(body)
    except ValueError:
        return 0.0
    keys = _words(options.get("keys", ""))
    if not keys:
        return 1.0
    if not isinstance(value, dict):
        return 0.5
    return 0.5 + 0.5 * sum(1 for k in keys if k in value) / len(keys)


def _length(text, row, options):
    words = len(text.split())
    low, high = float(options.get("min", 1)), float(options.get("max", 1e9))
    if low <= words <= high:
        return 1.0
    if words > high:  # falls off linearly: twice the limit scores 0
        return 1.0 - (words - high) / max(high, 1.0)
    return words / low


def _contains(text, row, options):
    words = _words(options["words"])
    low = text.casefold()
    return sum(1 for w in words if w.casefold() in low) / len(words)


def _avoids(text, row, options):
    return 1.0 - float(_contains(text, row, options) > 0)


def _language(text, row, options):
    want = options.get("lang", "auto")
    if want == "auto":
        want = script_of(answer_text(row.get("prompt")))
        if want is None:
            return 1.0
    shares = script_shares(text)
    return min(1.0, shares.get(want, 0.0) / 0.8)


def script_shares(text: str) -> dict:
    """The share of a text's letters in each script (ko: Hangul, ja: kana, zh: Han, en: Latin, ...)."""
    counts: dict[str, int] = {}
    for ch in text:
        if ch.isalpha():
            script = _script(ch)
            counts[script] = counts.get(script, 0) + 1
    letters = sum(counts.values())
    return {k: v / letters for k, v in counts.items()} if letters else {}


def script_of(text: str) -> str | None:
    """The text's main script (kana anywhere makes it Japanese: Japanese text mixes kana with Han)."""
    shares = script_shares(text)
    if not shares:
        return None
    if shares.get("ja", 0) > 0.1:
        return "ja"
    return max(shares, key=shares.get)


def _script(ch: str) -> str:
    code = ord(ch)
    for low, high, name in ((0xAC00, 0xD7AF, "ko"), (0x1100, 0x11FF, "ko"), (0x3130, 0x318F, "ko"),
                            (0x3040, 0x30FF, "ja"), (0x4E00, 0x9FFF, "zh"), (0x3400, 0x4DBF, "zh"),
                            (0x0400, 0x04FF, "ru"), (0x0600, 0x06FF, "ar"), (0x0370, 0x03FF, "el"),
                            (0x0590, 0x05FF, "he"), (0x0E00, 0x0E7F, "th"), (0x0900, 0x097F, "hi")):
        if low <= code <= high:
            return name
    return "en" if code < 0x0250 else "other"


def _words(value: str) -> list[str]:
    return [w.strip() for w in str(value).split("|") if w.strip()]


def _is_number(value) -> bool:
    try:
        float(value)
        return True
    except (TypeError, ValueError):
        return False


_SCORERS = {"match": _match, "number": _number, "format": _format, "json": _json, "length": _length,
            "contains": _contains, "avoids": _avoids, "language": _language}
