"""Read whatever file a user brings into a pandas DataFrame, or say plainly why it cannot be read.

CSV (any of , ; tab | as delimiter; UTF-8 with or without BOM, UTF-16/32 with BOM, CP949/EUC-KR,
Latin-1/CP1252; quoted newlines), JSONL, a JSON array (or {"data": [...]}) and Parquet.

This module dispatches on the kind of file and reads JSON/JSONL/Parquet; CSV lives in data_csv.py and
the first-bytes sniffing (binary? encoding?) in data_sniff.py.
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pandas as pd

from .data_csv import clean_header, read_csv
from .data_sniff import KIND_BY_SUFFIX, SAMPLE_BYTES, decode, detect_encoding, file_kind, looks_binary, magic_kind
from .data_types import DataError, rows_phrase

DATA_SUFFIXES = (".csv", ".jsonl", ".json", ".parquet")


def _kind_word(kind: str) -> str:
    return {"csv": "a CSV", "jsonl": "a JSONL file", "json": "a JSON file", "parquet": "a Parquet file"}.get(
        kind, "a data file")


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
        listing = ", ".join(have) if have else "no data files at all"
        raise DataError(f"no '{split}' data in folder {path}: expected one of {expected}; the folder has: "
                        f"{listing}. Rename the file, or pass its name with --train-split.")
    raise DataError(f"data path not found: {path}. Check the spelling, or upload the file again.")


# --------------------------------------------------------------------------------------------- JSON

def _json_error_text(err: json.JSONDecodeError) -> str:
    return f"{err.msg} at column {err.colno}"


def _type_word(value) -> str:
    return {list: "a JSON list", str: "a JSON string", bool: "true/false", type(None): "null",
            int: "a number", float: "a number"}.get(type(value), "not an object")


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
            bad.append((number, f"line {number} is not valid JSON ({_json_error_text(err)})"))
            continue
        except RecursionError:
            bad.append((number, f"line {number} is not usable JSON (nested too deeply)"))
            continue
        if not isinstance(value, dict):
            bad.append((number, f"line {number} is {_type_word(value)}, not an object: each line must be one "
                                'object like {"text": "..."}'))
            continue
        rows.append(value)
        lines.append(number)
    if bad:
        number, msg = bad[0]
        msg += ". Fix or remove that line."
        if len(bad) > 1:
            msg += f" {len(bad)} lines have this problem: " + rows_phrase([b[0] for b in bad], len(bad), "line") + "."
        raise DataError(msg, line=number)
    info["row_lines"] = lines
    return _frame_from_records(rows, "line")


def _frame_from_records(rows: list[dict], unit: str) -> pd.DataFrame:
    if not rows:
        raise DataError(f"no data rows: the file has no {'lines with objects' if unit == 'line' else 'rows'}. "
                        'Put one object per row in it, like {"text": "..."}.')
    frame = pd.DataFrame.from_records(rows)
    if frame.shape[1] == 0:
        raise DataError('no data rows: every object is empty ({}). Give each row a field like {"text": "..."}.')
    return frame


def _read_json(text: str, info: dict) -> pd.DataFrame:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as err:
        if err.msg == "Extra data":             # several objects: it is JSONL with a .json name
            info["file_type"] = "jsonl"
            return _read_jsonl(text, info)
        raise DataError(f"line {err.lineno} is not valid JSON ({_json_error_text(err)}). Fix the file, "
                        "or save it as JSONL (one object per line).", line=err.lineno) from None
    except RecursionError:
        raise DataError("the JSON is nested too deeply to read. Save it as JSONL (one object per line).") from None
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
                raise DataError("no data rows: the JSON file's lists are empty.")
            return frame
        else:
            value = [value]
    if not isinstance(value, list):
        raise DataError(f"the JSON file holds {_type_word(value)}, not a list of rows. Put the rows in a list "
                        '[{"text": "..."}, ...] or one object per line (JSONL).')
    for i, item in enumerate(value, 1):
        if not isinstance(item, dict):
            raise DataError(f"row {i} of the JSON list is {_type_word(item)}, not an object: each row must be "
                            'an object like {"text": "..."}.', row=i)
    return _frame_from_records(value, "row")


# ------------------------------------------------------------------------------------------ Parquet

def _read_parquet(path: Path) -> pd.DataFrame:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(path)
    except (pa.ArrowException, OSError, ValueError) as err:
        raise DataError(f"could not read this Parquet file ({err}). Save it again, or export it as CSV "
                        "or JSONL.") from None
    if table.num_rows == 0:
        raise DataError("no data rows: the Parquet file has columns but no rows.")
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
            raise DataError("no data rows: the table is empty.")
        names, info["warnings"] = clean_header([str(c) for c in source.columns])
        return (source if names == list(source.columns) else source.set_axis(names, axis=1)), info
    path = Path(source).expanduser()
    if path.is_dir():
        path = resolve_data_file(path, split)
    if not path.exists():
        if re.fullmatch(r"[\w.-]+/[\w.-]+", str(source)) and not Path(str(source)).suffix:
            return _read_hub(str(source), split)
        raise DataError(f"file not found: {path}. Check the path, or upload the file again.")
    info: dict = {"file_type": None, "encoding": None, "delimiter": None, "source": str(path), "warnings": []}
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            head = fh.read(SAMPLE_BYTES)
    except OSError as err:
        raise DataError(f"could not open {path.name}: {err.strerror or err}.") from None
    if size == 0 or not head:
        raise DataError("the file is empty: it has no bytes at all. Check that the upload finished.")
    kind = file_kind(path, head)
    info["file_type"] = kind
    what = magic_kind(head)
    if what and kind != "parquet":
        raise DataError(f"this file is not text: it looks like {what}, not {_kind_word(kind)}.")
    complete = size <= len(head)
    if kind == "parquet":
        frame = _read_parquet(path)
    elif kind == "csv":
        frame = read_csv(path, head, complete, info)
        if len(frame) == 0:
            cols = ", ".join(map(str, frame.columns))
            raise DataError(f"no data rows: the file has a header ({cols}) but no rows under it. "
                            "Add rows below the header.")
    else:
        raw = head if complete else path.read_bytes()
        encoding = detect_encoding(raw, True)
        text = decode(raw, encoding).lstrip("\ufeff")
        del raw, head
        info["encoding"] = encoding
        if looks_binary(text[:65536]):
            raise DataError(f"this file is not text: it holds binary data, not {_kind_word(kind)}. "
                            "Save it as UTF-8 text and upload it again.")
        if not text.strip():
            raise DataError("the file is empty: it holds only blank lines. Put one JSON object per line in it.")
        if kind == "jsonl" and text.lstrip().startswith("[") and _is_json_list(text):
            kind = info["file_type"] = "json"        # a JSON array saved as .jsonl
        frame = _read_jsonl(text, info) if kind == "jsonl" else _read_json(text, info)
        names, warnings = clean_header([str(c) for c in frame.columns])
        frame.columns = names
        info["warnings"].extend(warnings)
    return frame, info


def _hub_reachable() -> bool:
    if os.environ.get("HF_HUB_OFFLINE", "").lower() in ("1", "true", "yes", "on"):
        return False
    import socket
    from urllib.parse import urlparse

    host = urlparse(os.environ.get("HF_ENDPOINT", "https://huggingface.co")).hostname or "huggingface.co"
    try:
        socket.create_connection((host, 443), timeout=3).close()
    except OSError:
        return False
    return True


def _read_hub(dataset_id: str, split: str) -> tuple[pd.DataFrame, dict]:
    if not _hub_reachable():
        raise DataError(f"file not found: {dataset_id}. It is not a file here, and the Hugging Face Hub (where it "
                        "could be a dataset id) cannot be reached. Check the path, or upload the file.")
    try:
        import datasets  # heavy; only for a Hub id
        ds = datasets.load_dataset(dataset_id, split=split)
        frame = ds.to_pandas()
    except Exception as err:  # noqa: BLE001 - any failure here is "could not fetch", told plainly
        raise DataError(f"'{dataset_id}' is not a file here, and loading it as a Hub dataset failed "
                        f"({type(err).__name__}: {str(err)[:200]}). Download the data and upload the file "
                        "instead.") from None
    if len(frame) == 0:
        raise DataError(f"no data rows: split '{split}' of Hub dataset '{dataset_id}' is empty.")
    return frame, {"file_type": "hub", "encoding": None, "delimiter": None, "source": dataset_id, "warnings": []}
