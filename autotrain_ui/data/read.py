"""Read whatever file a user brings into a pandas DataFrame, or say plainly why it cannot be read.

CSV (any of , ; tab | as delimiter; UTF-8 with or without BOM, UTF-16/32 with BOM, CP949/EUC-KR,
Latin-1/CP1252; quoted newlines), JSONL, a JSON array (or {"data": [...]}) and Parquet.

This module dispatches on the kind of file and reads JSON/JSONL/Parquet; CSV lives in csvfile.py and
the first-bytes sniffing (binary? encoding?) in sniff.py.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd

from autotrain_ui.data.csvfile import clean_header, read_csv
from autotrain_ui.data.report import DataError
from autotrain_ui.data.sniff import KIND_BY_SUFFIX, SAMPLE_BYTES, decode, detect_encoding, file_kind, looks_binary, magic_key
from autotrain_ui.i18n import Message, known, message, rows as rows_of

DATA_SUFFIXES = (".csv", ".jsonl", ".json", ".parquet")
# The JSON parser's own (English) messages that the catalog can say in other languages, by how they begin.
_JSON_ERRORS = (("Expecting value", "data.json.expecting_value"),
                ("Expecting property name", "data.json.expecting_name"),
                ("Expecting ':'", "data.json.expecting_colon"), ("Expecting ','", "data.json.expecting_comma"),
                ("Unterminated string", "data.json.unterminated"), ("Invalid control character", "data.json.control"),
                ("Invalid \\uXXXX", "data.json.uescape"), ("Invalid \\escape", "data.json.escape"),
                ("Extra data", "data.json.extra"), ("Illegal trailing comma", "data.json.trailing_comma"))


def _kind_word(kind: str) -> Message:
    return message(f"data.kind.{kind}" if kind in ("csv", "jsonl", "json", "parquet") else "data.kind.other")


# ---------------------------------------------------------------------------------------------- paths

def resolve_data_file(data_path: str | os.PathLike, split: str = "train") -> Path:
    """`--data-path` (a folder, or a file) + `--train-split` -> the file to read."""
    path = Path(data_path).expanduser()
    if path.is_file():
        return path
    if path.is_dir():
        for suffix in DATA_SUFFIXES:
            candidate = path / f"{split}{suffix}"
            if candidate.is_file():
                return candidate
        if (path / split).is_file():               # --train-split train.csv
            return path / split
        shards = sorted(p for p in path.glob(f"{split}-*") if p.suffix in DATA_SUFFIXES and p.is_file())
        if len(shards) == 1:                        # the Hub's train-00000-of-00001.parquet
            return shards[0]
        have = sorted(p.name for p in path.iterdir() if p.is_file() and p.suffix.lower() in KIND_BY_SUFFIX)
        expected = ", ".join(f"{split}{s}" for s in DATA_SUFFIXES)
        listing = ", ".join(have) if have else message("data.folder_has_no_files")
        raise DataError(message("data.no_split_in_folder", split=split, path=str(path), expected=expected,
                                listing=listing))
    raise DataError(message("data.path_not_found", path=str(path)))


# --------------------------------------------------------------------------------------------- JSON

def _json_error_text(err: json.JSONDecodeError) -> Message:
    key = next((k for start, k in _JSON_ERRORS if err.msg.startswith(start)), None)
    return message("data.json_error", error=known(err.msg, key), column=err.colno)


def _type_word(value) -> Message:
    kind = {list: "list", str: "string", bool: "bool", type(None): "null", int: "number", float: "number"}.get(
        type(value), "other")
    return message(f"data.type.{kind}")


def _is_json_list(text: str) -> bool:
    try:
        return isinstance(json.loads(text), list)
    except (ValueError, RecursionError):
        return False


def _read_jsonl(text: str, info: dict) -> pd.DataFrame:
    rows: list[dict] = []
    lines: list[int] = []
    bad: list[tuple[int, str]] = []
    for number, line in enumerate(text.split("\n"), 1):
        line = line.strip()
        if not line:
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as err:
            bad.append((number, message("data.json_line_invalid", line=number, error=_json_error_text(err))))
            continue
        except RecursionError:
            bad.append((number, message("data.json_line_too_deep", line=number)))
            continue
        if not isinstance(value, dict):
            bad.append((number, message("data.json_line_not_object", line=number, type=_type_word(value))))
            continue
        rows.append(value)
        lines.append(number)
    if bad:
        number, problem = bad[0]
        if len(bad) > 1:
            raise DataError(message("data.bad_lines.more", problem=problem, n=len(bad),
                                    lines=rows_of([b[0] for b in bad], len(bad), "line")), line=number)
        raise DataError(message("data.bad_lines", problem=problem), line=number)
    info["row_lines"] = lines
    return _frame_from_records(rows, "line")


def _frame_from_records(rows: list[dict], unit: str) -> pd.DataFrame:
    if not rows:
        raise DataError(message("data.no_rows.lines" if unit == "line" else "data.no_rows.rows"))
    frame = pd.DataFrame.from_records(rows)
    if frame.shape[1] == 0:
        raise DataError(message("data.empty_objects"))
    return frame


def _read_json(text: str, info: dict) -> pd.DataFrame:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as err:
        if err.msg == "Extra data":             # several objects: it is JSONL with a .json name
            info["file_type"] = "jsonl"
            return _read_jsonl(text, info)
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
        raise DataError(message("data.json_not_list", type=_type_word(value)))
    for i, item in enumerate(value, 1):
        if not isinstance(item, dict):
            raise DataError(message("data.json_row_not_object", row=i, type=_type_word(item)), row=i)
    return _frame_from_records(value, "row")


# ------------------------------------------------------------------------------------------ Parquet

def _read_parquet(path: Path) -> pd.DataFrame:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(path)
    except (pa.ArrowException, OSError, ValueError) as err:
        raise DataError(message("data.parquet_unreadable", error=str(err))) from None
    if table.num_rows == 0:
        raise DataError(message("data.parquet_no_rows"))
    nested = [i for i, t in enumerate(table.schema.types)
              if pa.types.is_nested(t) or pa.types.is_dictionary(t)]
    frame = table.drop_columns([table.column_names[i] for i in nested]).to_pandas() if nested else table.to_pandas()
    for i in nested:                          # lists of {role, content} stay Python lists of dicts
        frame.insert(i, table.column_names[i], pd.Series(table.column(i).to_pylist(), dtype=object))
    return frame


# ------------------------------------------------------------------------------------------- public

def read_table(source, *, split: str = "train") -> tuple[pd.DataFrame, dict]:
    """Read a data file -> (DataFrame, info). Raises DataError for anything the user must fix."""
    if isinstance(source, pd.DataFrame):
        info = {"file_type": "dataframe", "encoding": None, "delimiter": None, "source": None, "warnings": []}
        if source.shape[1] == 0 or len(source) == 0:
            raise DataError(message("data.table_empty"))
        names, info["warnings"] = clean_header([str(c) for c in source.columns])
        return (source if names == list(source.columns) else source.set_axis(names, axis=1)), info
    path = Path(source).expanduser()
    if path.is_dir():
        path = resolve_data_file(path, split)
    if not path.exists():
        raise DataError(message("data.file_not_found", path=str(path)))
    info: dict = {"file_type": None, "encoding": None, "delimiter": None, "source": str(path), "warnings": []}
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            head = fh.read(SAMPLE_BYTES)
    except OSError as err:
        raise DataError(message("data.cannot_open", name=path.name, error=str(err.strerror or err))) from None
    if size == 0 or not head:
        raise DataError(message("data.empty_file"))
    kind = file_kind(path, head)
    info["file_type"] = kind
    what = magic_key(head)
    if what and kind != "parquet":
        raise DataError(message("data.not_text_magic", what=message(what), kind=_kind_word(kind)))
    complete = size <= len(head)
    if kind == "parquet":
        frame = _read_parquet(path)
    elif kind == "csv":
        frame = read_csv(path, head, complete, info)
        if len(frame) == 0:
            cols = ", ".join(map(str, frame.columns))
            raise DataError(message("data.header_only", columns=cols))
    else:
        raw = head if complete else path.read_bytes()
        encoding = detect_encoding(raw, True)
        text = decode(raw, encoding).lstrip("\ufeff")
        del raw, head
        info["encoding"] = encoding
        if looks_binary(text[:65536]):
            raise DataError(message("data.binary", kind=_kind_word(kind)))
        if not text.strip():
            raise DataError(message("data.blank_jsonl"))
        if kind == "jsonl" and text.lstrip().startswith("[") and _is_json_list(text):
            kind = info["file_type"] = "json"        # a JSON array saved as .jsonl
        frame = _read_jsonl(text, info) if kind == "jsonl" else _read_json(text, info)
        names, warnings = clean_header([str(c) for c in frame.columns])
        frame.columns = names
        info["warnings"].extend(warnings)
    return frame, info
