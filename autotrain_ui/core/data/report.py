"""The values the data doctor hands back: DataError, Problem, DataReport.

Kept apart from the readers so the training subprocess, the CLI and the app can share them without
importing anything heavy. A user's mistake is one of these values, never a traceback.

A message is built as an i18n Message (`message("data.empty_file")`): its `message` / str() is the English text
(what the CLI, error.json and the tests read), and it keeps its `key` and `values`, so `text("ko")` says it in
Korean for the page.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

from autotrain_ui.core import i18n


def _key_values(message) -> tuple[str | None, dict]:
    if isinstance(message, i18n.Message):
        return message.key, dict(message.values)
    return None, {}


class DataError(Exception):
    """A problem with the user's data that stops it from being read or trained on.

    The message is complete on its own: it already names the row / line / column and says what to do.
    `row` is a 1-based data row (row 1 = first row after the header); `line` is a 1-based file line.
    `key` and `values` say the message in another language (None for a message built as plain text).
    """

    def __init__(self, message: str, *, row: int | None = None, line: int | None = None,
                 column: str | None = None):
        super().__init__(str(message))
        self.message = str(message)
        self.key, self.values = _key_values(message)
        self.row = row
        self.line = line
        self.column = column

    def __str__(self) -> str:
        return self.message

    def text(self, lang: str = "en") -> str:
        return self.message if self.key is None else i18n.text(self.key, lang, **self.values)

    def as_message(self):
        """The message to quote inside another one (an i18n Message when it has a key)."""
        return self.message if self.key is None else i18n.Message(self.key, self.values)


@dataclass
class Problem:
    level: str  # "error": nothing can train; "warning": trains, the user should know
    message: str  # English; an i18n Message given here also fills key and values
    row: int | None = None
    line: int | None = None
    column: str | None = None
    key: str | None = None
    values: dict = field(default_factory=dict)

    def __post_init__(self):
        if self.key is None:
            self.key, self.values = _key_values(self.message)
        self.message = str(self.message)

    @classmethod
    def from_error(cls, err: DataError) -> "Problem":
        return cls("error", err.message, row=err.row, line=err.line, column=err.column, key=err.key,
                   values=dict(err.values))

    def text(self, lang: str = "en") -> str:
        """The message in `lang` (the English message where it has no key)."""
        return self.message if self.key is None else i18n.text(self.key, lang, **self.values)


@dataclass
class DataReport:
    rows: int
    rows_read: int
    columns: list[str]
    format: str
    file_type: str
    encoding: str | None
    delimiter: str | None
    mapping: dict[str, str]
    problems: list[Problem]
    recommended_trainer: str
    recommendation_reason: str              # English; an i18n Message (i18n.render(reason, lang) says it in lang)
    token_stats: dict | None = None
    # Added for the printed report; callers may ignore them.
    source: str | None = None
    trainer: str | None = None
    chat_template: str | None = None       # what was asked for: auto, none, tokenizer, chatml, zephyr
    conversational: bool = False            # the rows are conversations or prompt/answer pairs
    template_reason: str = ""               # which template the rows get, and why (one line; a Message too)
    duplicates: dict | None = None          # {"rows": repeats, "distinct": n, "examples": [row numbers]}
    unused: list = field(default_factory=list)  # [{"column", "why"}]: every column the run will not read
    plain_pairs: bool = False               # prompt/answer rows in plain text (a base model reads them joined)
    language: str | None = None             # what the rows are written in (data/language.py: "ko", "en", ...)
    answer_words: int | None = None         # GRPO: the longest reference answers' words (p95), to size its answers
    suggested_rewards: str = ""             # GRPO: the reward that checks answers like these (data/verifiable.py)

    @property
    def ok(self) -> bool:
        return not any(p.level == "error" for p in self.problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "warning"]

    def to_dict(self) -> dict:
        out = asdict(self)
        out["ok"] = self.ok
        return out

    def to_text(self) -> str:
        lines: list[str] = []
        if self.source:
            lines.append(f"File:        {self.source}")
        kind = self.file_type or "unknown"
        read = bool(self.columns)
        details = []
        if self.encoding:
            details.append(f"encoding {self.encoding}")
        if self.file_type == "csv":
            details.append("delimiter " + _show_delimiter(self.delimiter))
        if read:
            lines.append(f"Read as:     {kind}" + (f" ({', '.join(details)})" if details else ""))
            lines.append(f"Rows:        {self.rows_read} read, {self.rows} will train")
        if self.columns:
            lines.append(f"Columns:     {', '.join(self.columns)}")
        if read:
            lines.append(f"Format:      {self.format}")
        if self.mapping:
            lines.append("Mapping:     " + ", ".join(f"{role} <- '{col}'" for role, col in self.mapping.items()))
        for entry in self.unused:
            lines.append(f"Unused:      '{entry['column']}' - {entry['why']}")
        if self.language:
            lines.append(f"Language:    {i18n.text('language.' + self.language)} ({self.language})")
        if self.trainer:
            lines.append(f"Trainer:     {self.trainer}")
        if self.template_reason:
            lines.append(f"Template:    {self.template_reason}")
        if self.recommended_trainer and read:
            lines.append(f"Recommended: {self.recommended_trainer} - {self.recommendation_reason}")
        if self.token_stats:
            ts = self.token_stats
            line = (f"Tokens:      min {ts.get('min')}, mean {ts.get('mean')}, p95 {ts.get('p95')}, "
                    f"max {ts.get('max')}")
            if ts.get("block_size"):
                line += f"; block size {ts['block_size']}: {ts.get('rows_over_block', 0)} rows over"
            lines.append(line)
            if ts.get("note"):
                lines.append(f"             {ts['note']}")
        if self.problems:
            lines.append("Problems:")
            for p in sorted(self.problems, key=lambda p: p.level != "error"):
                lines.append(f"  {p.level.upper():7} {p.message}")
        else:
            lines.append(i18n.text("cli.report_no_problems"))
        n = len(self.warnings if self.ok else self.errors)
        key = "cli.report_can_train" + ("_warnings" if n else "") if self.ok else "cli.report_cannot_train"
        lines.append(i18n.text(key + (".one" if n == 1 else ""), n=n))
        return "\n".join(lines)


def _show_delimiter(delimiter: str | None) -> str:
    names = {",": "',' (comma)", ";": "';' (semicolon)", "\t": "tab", "|": "'|' (pipe)"}
    if delimiter is None:
        return "none (one column)"
    return names.get(delimiter, repr(delimiter))


def rows_phrase(numbers: list[int], total: int | None = None, word: str = "row", limit: int = 5) -> str:
    """'row 3' / 'rows 2, 3, 4' / 'rows 2, 3, 4, 5, 6 and 12 more' (English; i18n.rows says it in any language)."""
    return i18n.render(i18n.rows(numbers, total, word, limit), "en")
