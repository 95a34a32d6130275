"""Read whatever file a user brings into a pandas DataFrame, or say plainly why it cannot be read.

CSV (any of , ; tab | as delimiter; UTF-8 with or without BOM, UTF-16/32 with BOM, CP949/EUC-KR,
Latin-1/CP1252; quoted newlines), JSONL, a JSON array (or {"data": [...]}) and Parquet.

This module dispatches on the kind of file and reads Parquet; CSV lives in csvfile.py, JSON and JSONL in jsonrows.py,
the first-bytes sniffing (binary? encoding?) in sniff.py.
"""
from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from autotrain_ui.core.data.csvfile import clean_header, read_csv
from autotrain_ui.core.data.jsonrows import is_json_list, read_json, read_jsonl, read_jsonl_file
from autotrain_ui.core.data.report import DataError
from autotrain_ui.core.data.sniff import KIND_BY_SUFFIX, SAMPLE_BYTES, decode, detect_encoding, file_kind, looks_binary, magic_key
from autotrain_ui.core.i18n import Message, message

DATA_SUFFIXES = (".csv", ".jsonl", ".json", ".parquet")


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

def read_table(source, *, split: str = "train", progress=None) -> tuple[pd.DataFrame, dict]:
    """Read a data file -> (DataFrame, info). Raises DataError for anything the user must fix. progress(fraction),
    when given, hears how much of a big JSONL file has been read."""
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
    elif kind == "jsonl" and (frame := read_jsonl_file(path, head, size, info, progress)) is not None:
        names, warnings = clean_header([str(c) for c in frame.columns])
        frame.columns = names
        info["warnings"].extend(warnings)
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
        if kind == "jsonl" and text.lstrip().startswith("[") and is_json_list(text):
            kind = info["file_type"] = "json"        # a JSON array saved as .jsonl
        frame = read_jsonl(text, info) if kind == "jsonl" else read_json(text, info)
        names, warnings = clean_header([str(c) for c in frame.columns])
        frame.columns = names
        info["warnings"].extend(warnings)
    return frame, info
