"""CSV reading: delimiter sniffing, the pyarrow fast path and the exact Python path.

pyarrow's multi-threaded reader does the work (cells kept as strings, no number guessing). Anything it
finds odd (ragged rows, a quote never closed, a cell bigger than a block) is re-read with Python's csv
module, which is slower but names the exact line, so the fast path never decides what a user is told.
"""
from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

import pandas as pd

from autotrain_ui.core.data.report import DataError
from autotrain_ui.core.data.sniff import SAMPLE_BYTES, decode, detect_encoding, looks_binary, valid_utf8
from autotrain_ui.core.i18n import Message, message, rows as rows_of

_DELIMITERS = (",", ";", "\t", "|")

# -------------------------------------------------------------------------------------------- header

def clean_header(names: list[str]) -> tuple[list[str], list[Message]]:
    """Strip spaces from column names, name blank ones, make duplicates unique. -> (names, warnings)."""
    out: list[str] = []
    warnings: list[Message] = []
    seen: dict[str, int] = {}
    for i, raw in enumerate(names, 1):
        name = str(raw).replace("\ufeff", "").strip()
        if not name:
            name = f"column_{i}"
        if name in seen:
            seen[name] += 1
            new = f"{name}.{seen[name]}"
            while new in seen:
                seen[name] += 1
                new = f"{name}.{seen[name]}"
            warnings.append(message("data.duplicate_column", i=i, name=name, new=new))
            name = new
        seen.setdefault(name, 0)
        out.append(name)
    return out, warnings


# ----------------------------------------------------------------------------------------------- CSV

def sniff_delimiter(sample: str, complete: bool, suffix: str = "") -> str | None:
    """The delimiter that splits the header and most rows into the same number of fields.

    None means one column: no candidate splits the header, so each line is one cell (commas inside
    a one-column file stay part of the text).
    """
    if suffix in (".tsv", ".tab"):
        return "\t"
    lines = sample.split("\n")
    if not complete and len(lines) > 1:
        lines = lines[:-1]                      # the last line may be cut short
    text = "\n".join(lines[:200])
    best: tuple[float, int] | None = None
    choice = None
    for rank, delim in enumerate(_DELIMITERS):
        if delim not in lines[0] and not lines[0].startswith('"'):
            continue
        counts = [len(rec) for rec in _records(text, delim, limit=60) if rec]
        if not counts or counts[0] < 2:
            continue
        rest = counts[1:-1] if not complete and len(counts) > 2 else counts[1:]
        consistency = sum(c == counts[0] for c in rest) / len(rest) if rest else 1.0
        score = (consistency, -rank)
        if best is None or score > best:
            best, choice = score, delim
    return choice


def _records(text: str, delimiter: str, limit: int | None = None):
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    for i, rec in enumerate(reader):
        if limit is not None and i >= limit:
            return
        yield rec


def _one_column_delimiter(text: str) -> str:
    for ch in ("\x1f", "\x1e", "\x1d", "\x1c"):
        if ch not in text:
            return ch
    return "\x1f"


def _read_csv_arrow(source, delimiter: str, ncols: int):
    """pyarrow fast path. Returns (names, DataFrame) or None when the slow path must decide."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    invalid: list = []

    def on_invalid(row):
        invalid.append(row)
        return "skip"

    table = None
    # Small blocks keep the reader's scratch memory low; a row longer than a block needs a bigger one.
    for block_size in (1 << 20, 64 << 20):
        if hasattr(source, "seek"):
            source.seek(0)
        try:
            table = pacsv.read_csv(
                source,
                read_options=pacsv.ReadOptions(autogenerate_column_names=True, block_size=block_size),
                parse_options=pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=True,
                                                 ignore_empty_lines=False, invalid_row_handler=on_invalid),
                convert_options=pacsv.ConvertOptions(
                    column_types={f"f{i}": pa.string() for i in range(ncols)},
                    strings_can_be_null=False, quoted_strings_can_be_null=False),
            )
            break
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError, UnicodeError, ValueError,
                OSError) as err:
            if "straddl" not in str(err) or invalid:
                return None
    if table is None or invalid or table.num_columns != ncols or table.num_rows == 0:
        return None
    if any(not pa.types.is_string(t) for t in table.schema.types):
        return None
    header = [table.column(i)[0].as_py() for i in range(ncols)]
    frame = table.slice(1).to_pandas()
    del table
    pa.default_memory_pool().release_unused()       # hand the reader's scratch memory back
    frame.columns = range(ncols)
    return header, frame


def _read_csv_python(text: str, delimiter: str) -> tuple[list[str], pd.DataFrame]:
    """Exact, slow path: names every ragged row and a quote that is never closed."""
    old_limit = csv.field_size_limit()
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))   # training texts can be long documents
    try:
        buffer = io.StringIO(text, newline="")
        reader = csv.reader(buffer, delimiter=delimiter, strict=False)
        header: list[str] | None = None
        rows: list[list[str]] = []
        ragged: list[tuple[int, int, int]] = []     # (row, line, fields)
        line_before = 0
        start_line, start_pos = 1, 0
        position = 0
        for rec in reader:
            start_line, line_before = line_before + 1, reader.line_num
            start_pos, position = position, buffer.tell()
            if header is None:
                if not rec:
                    continue                          # blank lines before the header
                header = rec
                continue
            if not rec:
                rec = [""] * len(header)              # a blank line is an empty row
            elif len(rec) != len(header):
                ragged.append((len(rows) + 1, start_line, len(rec)))
            rows.append(rec)
        # A quote opened and never closed swallows the rest of the file into one cell: read the last
        # record again strictly, which notices the missing closing quote.
        if rows and line_before > start_line:
            try:
                for _ in csv.reader(io.StringIO(text[start_pos:], newline=""), delimiter=delimiter, strict=True):
                    pass
            except csv.Error as err:
                if "unexpected end of data" in str(err):
                    raise DataError(message("data.quote_not_closed", line=start_line, row=len(rows)),
                                    row=len(rows), line=start_line) from None
    finally:
        csv.field_size_limit(old_limit)
    if header is None:
        raise DataError(message("data.blank_csv"))
    if ragged:
        row, line, n = ragged[0]
        more = ""
        if len(ragged) > 1:
            lines = rows_of([r[1] for r in ragged], len(ragged), "line")
            more = message("data.ragged_more", n=len(ragged), lines=lines)
        raise DataError(message("data.ragged.one" if n == 1 else "data.ragged", line=line, row=row, sheet_row=row + 1,
                                n=n, header=len(header), delimiter=_delim_name(delimiter), more=more),
                        row=row, line=line)
    frame = pd.DataFrame(rows, columns=range(len(header)), dtype="str") if rows else pd.DataFrame(
        columns=range(len(header)), dtype="str")
    return header, frame


def _delim_name(delimiter: str) -> Message | str:
    names = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}
    return message(f"data.delim.{names[delimiter]}") if delimiter in names else repr(delimiter)


def read_csv(path: Path, head: bytes, complete: bool, info: dict) -> pd.DataFrame:
    encoding = detect_encoding(head, complete)
    sample = decode(head if complete else head[: len(head) - 8] if len(head) > 8 else head, encoding)
    if encoding.startswith("utf-8"):
        sample = sample.lstrip("\ufeff")
    if looks_binary(sample):
        raise DataError(message("data.binary_csv"))
    if not sample.strip():
        raise DataError(message("data.blank_csv"))
    delimiter = sniff_delimiter(sample, complete, path.suffix.lower())
    info["delimiter"] = delimiter
    one_column = delimiter is None
    text: str | None = None
    result = None
    if encoding in ("utf-8", "utf-8-sig"):
        parse_delim = delimiter or _one_column_delimiter(sample)
        ncols = _header_width(sample, parse_delim)
        result = _read_csv_arrow(str(path), parse_delim, ncols)
        if result is None:
            raw = path.read_bytes()
            if not valid_utf8(raw, True):                 # not UTF-8 after all: look at the whole file
                encoding = detect_encoding(raw, True)
            text = decode(raw, encoding)
            del raw
    else:
        text = decode(path.read_bytes(), encoding)
    if result is None:
        text = text.lstrip("\ufeff")
        if "\ufffd" in text and encoding not in ("utf-8", "utf-8-sig"):
            info.setdefault("warnings", []).append(message("data.undecodable", encoding=encoding))
        parse_delim = delimiter or _one_column_delimiter(text)
        ncols = _header_width(text[:SAMPLE_BYTES], parse_delim)
        if not encoding.startswith("utf-8"):
            # pyarrow reads UTF-8; hand it the text re-encoded (fast for big files, exact for small).
            result = _read_csv_arrow(io.BytesIO(text.encode("utf-8")), parse_delim, ncols)
        if result is None:
            result = _read_csv_python(text, parse_delim)
        del text
    info["encoding"] = encoding
    header, frame = result
    if one_column:
        info["delimiter"] = None
    names, warnings = clean_header(header)
    info.setdefault("warnings", []).extend(warnings)
    frame.columns = names
    return frame


def _header_width(sample: str, delimiter: str) -> int:
    for rec in _records(sample, delimiter, limit=50):
        if rec:
            return len(rec)
    return 1


