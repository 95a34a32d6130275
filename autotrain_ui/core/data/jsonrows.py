"""JSON and JSONL files -> a table, or a plain message naming the line (or row) that cannot be read.

A JSONL file is read in blocks straight from its bytes by orjson (gradio's own JSON library: a million chat rows,
~400 MB, in seconds and without the file, its decoded text and its lines all in memory at once). orjson reads
strict JSON only; a line it refuses is read again by the standard json module, which accepts what it accepts
(NaN, lone surrogates, huge integers) and words the problem, so the answers are the standard module's. A file that
is not UTF-8 (or a JSON array saved as .jsonl) is decoded whole and read line by line, as before.
"""
from __future__ import annotations

import codecs
import json
from pathlib import Path

import pandas as pd

from autotrain_ui.core.data.report import DataError
from autotrain_ui.core.data.sniff import detect_encoding, looks_binary
from autotrain_ui.core.i18n import Message, known, message, rows as rows_of

BLOCK = 8 << 20       # bytes read at a time by the block reader (a few MB: the reading is never all in memory)

# The JSON parser's own (English) messages that the catalog can say in other languages, by how they begin.
_JSON_ERRORS = (("Expecting value", "data.json.expecting_value"),
                ("Expecting property name", "data.json.expecting_name"),
                ("Expecting ':'", "data.json.expecting_colon"), ("Expecting ','", "data.json.expecting_comma"),
                ("Unterminated string", "data.json.unterminated"), ("Invalid control character", "data.json.control"),
                ("Invalid \\uXXXX", "data.json.uescape"), ("Invalid \\escape", "data.json.escape"),
                ("Extra data", "data.json.extra"), ("Illegal trailing comma", "data.json.trailing_comma"))


def _json_error_text(err: json.JSONDecodeError) -> Message:
    key = next((k for start, k in _JSON_ERRORS if err.msg.startswith(start)), None)
    return message("data.json_error", error=known(err.msg, key), column=err.colno)


def type_word(value) -> Message:
    kind = {list: "list", str: "string", bool: "bool", type(None): "null", int: "number", float: "number"}.get(
        type(value), "other")
    return message(f"data.type.{kind}")


def is_json_list(text: str) -> bool:
    try:
        return isinstance(json.loads(text), list)
    except (ValueError, RecursionError):
        return False


def _parse_line(number: int, line: str, rows: list, lines: list, bad: list) -> None:
    """One stripped, non-blank line read by the json module: a row, or the problem with it in `bad`."""
    try:
        value = json.loads(line)
    except json.JSONDecodeError as err:
        bad.append((number, message("data.json_line_invalid", line=number, error=_json_error_text(err))))
        return
    except RecursionError:
        bad.append((number, message("data.json_line_too_deep", line=number)))
        return
    if not isinstance(value, dict):
        bad.append((number, message("data.json_line_not_object", line=number, type=type_word(value))))
        return
    rows.append(value)
    lines.append(number)


def _rows_frame(rows: list[dict], lines: list[int], bad: list, info: dict) -> pd.DataFrame:
    if bad:
        number, problem = bad[0]
        if len(bad) > 1:
            raise DataError(message("data.bad_lines.more", problem=problem, n=len(bad),
                                    lines=rows_of([b[0] for b in bad], len(bad), "line")), line=number)
        raise DataError(message("data.bad_lines", problem=problem), line=number)
    info["row_lines"] = lines
    return _frame_from_records(rows, "line")


def read_jsonl(text: str, info: dict) -> pd.DataFrame:
    """JSONL text, decoded whole -> a table (info["row_lines"]: each row's line in the file)."""
    rows: list[dict] = []
    lines: list[int] = []
    bad: list[tuple[int, str]] = []
    for number, line in enumerate(text.split("\n"), 1):
        line = line.strip()
        if line:
            _parse_line(number, line, rows, lines, bad)
    return _rows_frame(rows, lines, bad, info)


def read_jsonl_file(path: Path, head: bytes, size: int, info: dict, progress=None) -> pd.DataFrame | None:
    """A UTF-8 JSONL file read in blocks (see the module's note); the same table, rows, lines and problems as
    read_jsonl on its text. None where this reader does not apply (orjson missing, not UTF-8, a JSON array): the
    caller then decodes the file whole. progress(fraction) is told how much of the file has been read."""
    try:
        import orjson
    except ImportError:
        return None
    encoding = detect_encoding(head, size <= len(head))
    if encoding not in ("utf-8", "utf-8-sig"):
        return None
    probe = codecs.getincrementaldecoder("utf-8")(errors="replace").decode(head).lstrip("\ufeff")
    if looks_binary(probe[:65536]) or probe.lstrip().startswith("["):
        return None                       # the whole-text reader words these (and reads an array as JSON)
    rows: list[dict] = []
    lines: list[int] = []
    bad: list[tuple[int, str]] = []
    number, done, carry = 0, 0, b""
    with open(path, "rb") as fh:
        if head.startswith(b"\xef\xbb\xbf"):
            done = len(fh.read(3))
        while True:
            block = fh.read(BLOCK)
            data = carry + block
            if block:                     # whole lines only; the rest waits for the next block
                cut = data.rfind(b"\n") + 1
                data, carry = data[:cut], data[cut:]
            done += len(block)
            parts = data.split(b"\n")
            if block:
                parts.pop()               # what follows the block's last line break is the carry
            for raw in parts:
                number += 1
                line = raw.strip()
                if not line:
                    continue
                try:
                    value = orjson.loads(line)
                except orjson.JSONDecodeError:
                    value = None
                if type(value) is dict:
                    rows.append(value)
                    lines.append(number)
                    continue
                try:                      # the json module says what is wrong (or reads what orjson would not)
                    text = raw.decode("utf-8")
                except UnicodeDecodeError:
                    return None           # not UTF-8 after all: the whole file is decoded as what it is
                text = (text.lstrip("\ufeff") if number == 1 else text).strip()
                if text:
                    _parse_line(number, text, rows, lines, bad)
            if progress is not None and size:
                progress(min(1.0, done / size))
            if not block:
                break
    if not rows and not bad:
        raise DataError(message("data.blank_jsonl"))
    info["encoding"] = encoding
    return _rows_frame(rows, lines, bad, info)


def _frame_from_records(rows: list[dict], unit: str) -> pd.DataFrame:
    if not rows:
        raise DataError(message("data.no_rows.lines" if unit == "line" else "data.no_rows.rows"))
    keys = rows[0].keys()
    if all(row.keys() == keys for row in rows):
        # every row has the same keys (most files): the columns built directly, the same table as from_records's
        # in a fraction of its time, which holds the interpreter for seconds at a million rows
        frame = pd.DataFrame({key: [row[key] for row in rows] for key in keys})
    else:
        frame = pd.DataFrame.from_records(rows)
    if frame.shape[1] == 0:
        raise DataError(message("data.empty_objects"))
    return frame


def read_json(text: str, info: dict) -> pd.DataFrame:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as err:
        if err.msg == "Extra data":             # several objects: it is JSONL with a .json name
            info["file_type"] = "jsonl"
            return read_jsonl(text, info)
        raise DataError(message("data.json_invalid", line=err.lineno, error=_json_error_text(err)),
                        line=err.lineno) from None
    except RecursionError:
        raise DataError(message("data.json_too_deep")) from None
    if isinstance(value, dict):
        lists = [k for k, v in value.items() if isinstance(v, list) and v and all(isinstance(x, dict) for x in v)]
        if "data" in value and isinstance(value["data"], list):
            value = value["data"]
        elif len(lists) == 1:
            value = value[lists[0]]
        elif value and all(isinstance(v, list) for v in value.values()) and \
                len({len(v) for v in value.values()}) == 1:
            frame = pd.DataFrame({k: pd.Series(v, dtype=object) for k, v in value.items()})
            if len(frame) == 0:
                raise DataError(message("data.json_lists_empty"))
            return frame
        else:
            value = [value]
    if not isinstance(value, list):
        raise DataError(message("data.json_not_list", type=type_word(value)))
    for i, item in enumerate(value, 1):
        if not isinstance(item, dict):
            raise DataError(message("data.json_row_not_object", row=i, type=type_word(item)), row=i)
    return _frame_from_records(value, "row")
