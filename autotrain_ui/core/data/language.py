"""Which language the rows are written in: a cheap guess from the letters of a sample of rows, no model, no network.

The script tells most languages apart (Hangul is Korean, kana is Japanese, Han without kana Chinese, Cyrillic is
taken as Russian, ...). Latin letters are English, French, German, Spanish, Portuguese or Italian by their most
common short words; a Latin text none of those fits is left unnamed (None), and so is a sample with too few letters.

    detect_language(examples)  ->  "ko" | "en" | ... | None
"""
from __future__ import annotations

import re

SAMPLE_ROWS = 400      # rows looked at, spread over the whole file
SAMPLE_CHARS = 2000    # characters of each row looked at
MIN_LETTERS = 50       # fewer letters than this in the whole sample: no guess

# Letters of each script, as regex character classes; the code names the language the script is taken for.
_SCRIPTS = (("ko", "\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f"), ("ja", "\u3040-\u30ff"),
            ("zh", "\u4e00-\u9fff\u3400-\u4dbf"), ("ru", "\u0400-\u04ff"), ("ar", "\u0600-\u06ff\u0750-\u077f"),
            ("he", "\u0590-\u05ff"), ("el", "\u0370-\u03ff"), ("th", "\u0e00-\u0e7f"), ("hi", "\u0900-\u097f"),
            ("latin", "A-Za-z\u00c0-\u024f"))
_COUNTERS = tuple((code, re.compile(f"[{chars}]")) for code, chars in _SCRIPTS)
# Short words each Latin-script language writes often and the others rarely.
_WORDS = {
    "en": "the and is are was of to in that it you for with this have not be on what",
    "fr": "le la les des est et une un du que pas pour vous dans sur avec il elle nous ce qui",
    "de": "der die das und ist nicht ein eine ich sie mit auf den dem zu es wir auch sich",
    "es": "el la los las es y que de en un una por para con no se lo del como pero",
    "pt": "o a os as que de em um uma não para com por se do da é mais como você",
    "it": "il la di che è e un una per non sono del della con si mi ho ma anche",
}
_WORD_SETS = {code: set(words.split()) for code, words in _WORDS.items()}
_WORD = re.compile(r"[a-zà-ÿ]+")


def _strings(value, out: list[str]) -> None:
    """The text a row holds (a turn's content, not its role), into `out`."""
    if isinstance(value, str):
        out.append(value[:SAMPLE_CHARS])
    elif isinstance(value, dict):
        _strings(value.get("content", ""), out)
    elif isinstance(value, list):
        for item in value:
            _strings(item, out)


def sample_text(examples: list[dict]) -> str:
    """The text of up to SAMPLE_ROWS examples, evenly spread over all of them."""
    step = max(1, len(examples) // SAMPLE_ROWS)
    out: list[str] = []
    for example in examples[::step][:SAMPLE_ROWS]:
        for key, value in example.items():
            if not key.startswith("_") and key != "label":
                _strings(value, out)
    return "\n".join(out)


def _latin_language(text: str) -> str | None:
    hits = {code: 0 for code in _WORD_SETS}
    for word in _WORD.findall(text.lower()):
        for code, words in _WORD_SETS.items():
            if word in words:
                hits[code] += 1
    ranked = sorted(hits.items(), key=lambda kv: -kv[1])
    (best, top), (_, second) = ranked[0], ranked[1]
    return best if top >= 5 and top >= 1.5 * second else None


def detect_text(text: str) -> str | None:
    """The language of `text` (see the module's note), or None."""
    counts = {code: len(pattern.findall(text)) for code, pattern in _COUNTERS}
    letters = sum(counts.values())
    if letters < MIN_LETTERS:
        return None
    if counts["ja"] >= 0.1 * (counts["ja"] + counts["zh"]) and counts["ja"] + counts["zh"] >= 0.3 * letters:
        return "ja"             # Japanese writes Han between its kana; Chinese writes no kana
    script = max((code for code in counts if code != "latin"), key=counts.get)
    if counts[script] >= 0.3 * letters:     # a syllable of Hangul or a Han character says more than a Latin letter
        return script
    return _latin_language(text) if counts["latin"] >= 0.5 * letters else None


def detect_language(examples: list[dict]) -> str | None:
    """The language most of the rows are written in, or None when the sample does not say."""
    return detect_text(sample_text(examples)) if examples else None
