"""What a person reads, in English and Korean: one catalog the page, the data doctor, the CLI and the training
subprocess share. Gradio-free and light (the training subprocess imports it).

    text("data.empty_file", "ko")                       # one message in one language
    m = message("data.cell_empty", rows=rows([2, 3]), column="answer", n=2)
    str(m)                                              # the English text (a Message is a str)
    render(m, "ko")                                     # the same message in Korean
    lang_of(request)                                    # "ko" for a Korean browser, else "en"

The tables (en.py, ko.py) map a key to a str.format template. Keys carry an area prefix (`data.`, `template.`,
`split.`, `suggest.`, `data_tab.`, `phrase.`); a key ending in `.one` is the singular form English needs (Korean
says both the same way).

Values are put into a template as they are (numbers, column names, cell text, flags, file names), except values
that are phrases themselves, which are said in the message's language too:
    rows([2, 3, 4], total=15, unit="line")   "lines 2, 3, 4 and 12 more" / "2, 3, 4번째 줄 외 12줄"
    message(key, ...)                         a message inside a message (an error quoted in a row problem)
    joined(["text", "prompt"])                "text and prompt" / "text, prompt"
    known(english, key)                       a library's English text (a JSON parser error) that has a key
Phrases are plain tagged dicts ({"$": "rows", ...}) so a Problem's values stay JSON (the API and --json send them).
"""
from __future__ import annotations

from . import en, ko

TABLES = {"en": en.TEXT, "ko": ko.TEXT}
LANGS = tuple(TABLES)


def text(key: str, lang: str = "en", **values) -> str:
    """The message `key` in `lang` (English where the language or the key is missing), its values filled in."""
    table = TABLES.get(lang) or en.TEXT
    template = table.get(key)
    if template is None:
        template = en.TEXT[key]
    return template.format(**{name: _said(value, lang) for name, value in values.items()})


def has(key: str) -> bool:
    """Is `key` in the catalog?"""
    return key in en.TEXT


class Message(str):
    """The English text of a message that remembers its key and values, so it can be said in another language.

    Anywhere a str is expected it is the English text (what the CLI prints, what tests compare)."""

    key: str
    values: dict

    def __new__(cls, key: str, values: dict | None = None):
        values = {name: spec(value) for name, value in (values or {}).items()}
        self = super().__new__(cls, text(key, "en", **values))
        self.key, self.values = key, values
        return self

    def __reduce__(self):            # pickle / deepcopy (dataclasses.asdict) keep the key and values
        return Message, (self.key, self.values)

    def in_lang(self, lang: str) -> str:
        return text(self.key, lang, **self.values)


def message(key: str, **values) -> Message:
    return Message(key, values)


def spec(value):
    """A value as it is stored: a nested Message becomes a tagged dict (JSON), anything else stays."""
    if isinstance(value, Message):
        return {"$": "msg", "key": value.key, "values": value.values}
    return value


def render(value, lang: str = "en") -> str:
    """Any text of ours in `lang`: a Message, a phrase, a plain str (said as it is), None ('')."""
    if value is None:
        return ""
    return str(_said(value, lang))


# ------------------------------------------------------------------------------------------------ phrases

def rows(numbers, total: int | None = None, unit: str = "row", limit: int = 5) -> dict:
    """Row (or file line) numbers: 'row 3' / 'rows 2, 3, 4' / 'rows 2, 3, 4, 5, 6 and 12 more'."""
    numbers = list(numbers)
    return {"$": "rows", "numbers": numbers[:limit], "total": len(numbers) if total is None else total, "unit": unit}


def joined(items) -> dict:
    """A short list said as one phrase: 'a and b' / 'a, b'."""
    return {"$": "and", "items": [spec(i) for i in items]}


def known(english: str, key: str | None) -> dict | str:
    """A library's English text said verbatim in English and by `key` elsewhere (no key: verbatim everywhere)."""
    return {"$": "known", "en": english, "key": key} if key else english


def _said(value, lang: str):
    if isinstance(value, Message):
        return value.in_lang(lang)
    if not isinstance(value, dict) or "$" not in value:
        return value
    kind = value["$"]
    if kind == "msg":
        return text(value["key"], lang, **value.get("values", {}))
    if kind == "rows":
        return _rows(value["numbers"], value["total"], value.get("unit", "row"), lang)
    if kind == "and":
        return text("phrase.and", lang).join(str(_said(i, lang)) for i in value["items"])
    if kind == "known":
        return value["en"] if lang == "en" or not value.get("key") else text(value["key"], lang)
    raise ValueError(f"unknown phrase {kind!r}")


def _rows(numbers: list[int], total: int, unit: str, lang: str) -> str:
    if total == 1 and numbers:
        return text(f"phrase.{unit}", lang, n=numbers[0])
    listing = ", ".join(str(n) for n in numbers)
    if total > len(numbers):
        return text(f"phrase.{unit}s_more", lang, list=listing, more=total - len(numbers))
    return text(f"phrase.{unit}s", lang, list=listing)


# ------------------------------------------------------------------------------------------- the visitor

def lang_of(source) -> str:
    """"ko" when the visitor's first language is Korean (ko, ko-KR, ...), else "en".

    `source`: a gr.Request (or any request with .headers), a headers mapping, or the Accept-Language value itself.
    The language the browser puts first (the highest q) decides, as it does for the page's own labels."""
    header = source if isinstance(source, str) or source is None else _accept_language(source)
    best, best_q = None, -1.0
    for part in (header or "").split(","):
        tag, _, params = part.strip().partition(";")
        if not tag:
            continue
        q = 1.0
        for param in params.split(";"):
            name, _, number = param.strip().partition("=")
            if name.strip() == "q":
                try:
                    q = float(number)
                except ValueError:
                    q = 0.0
        if q > best_q:
            best, best_q = tag.strip(), q
    return "ko" if best and best.lower().split("-")[0] == "ko" else "en"


def _accept_language(source) -> str | None:
    headers = getattr(source, "headers", source)
    if headers is None:
        return None
    try:
        value = headers.get("accept-language") or headers.get("Accept-Language")
    except (AttributeError, TypeError):
        value = None
    if value is None:
        try:
            items = headers.items()
        except (AttributeError, TypeError):
            return None
        value = next((v for k, v in items if str(k).lower() == "accept-language"), None)
    return value if isinstance(value, str) else None
