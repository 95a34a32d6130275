"""What a person reads, in English and Korean: the one catalog that the page, the server's messages, the CLI and the
training process (error.json) share, and the one way to look a sentence up. Gradio-free and light (the training
subprocess imports it).

    text("data.empty_file", "ko")                       # one message in one language
    m = message("data.cell_empty", rows=rows([2, 3]), column="answer", n=2)
    str(m)                                              # the English text (a Message is a str)
    render(m, "ko")                                     # the same message in Korean
    p = part("coach.verdict_fell", start=2.1, ...)       # a message kept as JSON ({"key", "values"}) in a file
    render(p, "ko"), render_all([p, q], "ko")           # ... said in a language
    lang_of(request)                                    # "ko" for a Korean browser, else "en"

The catalog is split by area, each file one dict of `"key": ("English {x}", "한국어 {x}")`, so a key's Korean sits
next to its English: server.py (the data doctor, preflight, the CLI, the Hub steps, the training process), grpo.py,
coach.py (verdicts, advice, the before/after report), modules.py (the chat, a job's state, access, checkpoints, the
push and deploy states, the estimate's words), operations.py (what the chat, the registry, a push, a run on a
Space and the CLI refuse or report) and page.py (the page's labels; form_help.py has the Korean of the
form's help, whose English is the schema's). Every entry is a str.format template (literal braces doubled).

One key style: `area.name`, lowercase, dotted (`data.cell_empty`, `page.train_button`, `coach.verdict_fell`); a key
ending in `.one` is the singular form English needs (Korean says both the same way). `common.*` and `status.*` are
Gradio's own keys, said in Korean by the page.

Values are put into a template as they are (numbers, column names, cell text, flags, file names), except values
that are phrases themselves, which are said in the message's language too:
    rows([2, 3, 4], total=15, unit="line")   "lines 2, 3, 4 and 12 more" / "2, 3, 4번째 줄 외 12줄"
    message(key, ...) or part(key, ...)       a message inside a message (an error quoted in a row problem)
    joined(["text", "prompt"])                "text and prompt" / "text, prompt"
    sentences([m1, m2])                       two messages said one after the other
    known(english, key)                       a library's English text (a JSON parser error) that has a key
Phrases are plain tagged dicts ({"$": "rows", ...}) so a Problem's values stay JSON (the API and --json send them).
"""
from __future__ import annotations

from . import coach, grpo, modules, operations, page, server
from .renamed import RENAMED


def _merged(*areas) -> dict[str, tuple[str, str]]:
    catalog: dict[str, tuple[str, str]] = {}
    for area in areas:
        twice = catalog.keys() & area.CATALOG.keys()
        if twice:
            raise ValueError(f"{area.__name__} repeats the keys {sorted(twice)}")
        catalog.update(area.CATALOG)
    return catalog


CATALOG = _merged(server, grpo, coach, modules, operations, page)
EN = {key: pair[0] for key, pair in CATALOG.items()}
KO = {key: pair[1] for key, pair in CATALOG.items()}
TABLES = {"en": EN, "ko": KO}
LANGS = tuple(TABLES)


def text(key: str, lang: str = "en", **values) -> str:
    """The message `key` in `lang` (English where the language is not one of ours), its values filled in and said
    in the same language. An unknown key raises KeyError: a key is written once, here, and used everywhere."""
    template = TABLES.get(lang, EN)[key]
    return template.format(**{name: _said(value, lang) for name, value in values.items()})


def has(key: str) -> bool:
    """Is `key` in the catalog?"""
    return key in CATALOG


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


def part(key: str, **values) -> dict:
    """A message as plain JSON, {"key": ..., "values": {...}}, for a file (eval.json's verdict, the estimate's
    assumptions) or a value the page says later in the visitor's language (render)."""
    return {"key": key, "values": values}


def spec(value):
    """A value as it is stored: a nested Message becomes a tagged dict (JSON), anything else stays."""
    if isinstance(value, Message):
        return {"$": "msg", "key": value.key, "values": value.values}
    return value


def render(value, lang: str = "en") -> str:
    """Any text of ours in `lang`: a Message, a part, a phrase, a plain str (said as it is), None ('')."""
    if value is None:
        return ""
    return str(_said(value, lang))


def render_all(parts, lang: str = "en", sep: str = " ") -> str:
    """Several parts (or Messages) said one after the other."""
    return sep.join(render(one, lang) for one in parts)


def _is_part(value) -> bool:
    return isinstance(value, dict) and "key" in value and set(value) <= {"key", "values"}


# ------------------------------------------------------------------------------------------------ phrases

def rows(numbers, total: int | None = None, unit: str = "row", limit: int = 5) -> dict:
    """Row (or file line) numbers: 'row 3' / 'rows 2, 3, 4' / 'rows 2, 3, 4, 5, 6 and 12 more'."""
    numbers = list(numbers)
    return {"$": "rows", "numbers": numbers[:limit], "total": len(numbers) if total is None else total, "unit": unit}


def joined(items) -> dict:
    """A short list said as one phrase: 'a and b' / 'a, b'."""
    return {"$": "and", "items": [spec(i) for i in items]}


def sentences(items) -> dict:
    """Messages said one after the other, as one paragraph."""
    return {"$": "sentences", "items": [spec(i) for i in items]}


def known(english: str, key: str | None) -> dict | str:
    """A library's English text said verbatim in English and by `key` elsewhere (no key: verbatim everywhere)."""
    return {"$": "known", "en": english, "key": key} if key else english


def _said(value, lang: str):
    if isinstance(value, Message):
        return value.in_lang(lang)
    if _is_part(value):
        key = value["key"]
        return text(key if key in CATALOG else RENAMED[key], lang, **(value.get("values") or {}))
    if not isinstance(value, dict) or "$" not in value:
        return value
    kind = value["$"]
    if kind == "msg":
        return text(value["key"], lang, **value.get("values", {}))
    if kind == "rows":
        return _rows(value["numbers"], value["total"], value.get("unit", "row"), lang)
    if kind == "and":
        return text("phrase.and", lang).join(str(_said(i, lang)) for i in value["items"])
    if kind == "sentences":
        return " ".join(str(_said(i, lang)) for i in value["items"])
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
