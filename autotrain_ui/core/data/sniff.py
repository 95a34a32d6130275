"""Looking at a file's first bytes: is it text at all, which encoding, which kind of file."""
from __future__ import annotations

import codecs
from pathlib import Path

from autotrain_ui.core import i18n

SAMPLE_BYTES = 1 << 20          # what encoding / delimiter / binary sniffing looks at
KIND_BY_SUFFIX = {".csv": "csv", ".tsv": "csv", ".tab": "csv", ".txt": "csv", ".jsonl": "jsonl",
                  ".ndjson": "jsonl", ".json": "json", ".parquet": "parquet", ".pq": "parquet"}
# what a file is by its first bytes -> the i18n key that names it ("a PNG image")
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "data.magic.png"),
    (b"\xff\xd8\xff", "data.magic.jpeg"),
    (b"GIF87a", "data.magic.gif"),
    (b"GIF89a", "data.magic.gif"),
    (b"%PDF-", "data.magic.pdf"),
    (b"\x1f\x8b", "data.magic.gzip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "data.magic.ole"),
    (b"SQLite format 3\x00", "data.magic.sqlite"),
    (b"\x7fELF", "data.magic.elf"),
    (b"7z\xbc\xaf\x27\x1c", "data.magic.7z"),
)


def magic_key(head: bytes) -> str | None:
    """The i18n key naming what a binary file is (data.magic.*), or None for anything that may be text."""
    for magic, key in _MAGIC:
        if head.startswith(magic):
            return key
    if head.startswith(b"PK\x03\x04"):
        if b"xl/" in head[:4096] or b"[Content_Types].xml" in head[:4096]:
            return "data.magic.xlsx"
        return "data.magic.zip"
    return None


def magic_kind(head: bytes) -> str | None:
    """What a binary file is, in English ("a PNG image"), or None."""
    key = magic_key(head)
    return i18n.text(key) if key else None


def file_kind(path: Path, head: bytes) -> str:
    if head.startswith(b"PAR1"):
        return "parquet"
    kind = KIND_BY_SUFFIX.get(path.suffix.lower())
    if kind and kind != "parquet":
        return kind
    if kind == "parquet":
        return "parquet"
    # Unknown suffix: look at the first character.
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"["):
        return "json"
    if stripped.startswith(b"{"):
        return "jsonl"
    return "csv"


def valid_utf8(data: bytes, complete: bool) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(data, final=complete)
    except UnicodeDecodeError:
        return False
    return True


def _hangul_share(text: str) -> float:
    non_ascii = [c for c in text if ord(c) > 127]
    if not non_ascii:
        return 0.0
    return sum(1 for c in non_ascii if "\uac00" <= c <= "\ud7a3") / len(non_ascii)


def detect_encoding(data: bytes, complete: bool = True) -> str:
    """Pick the encoding of `data` (a whole file when `complete`, else its first bytes)."""
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "utf-32"
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    # UTF-16 without a BOM: every other byte is NUL in mostly-ASCII text.
    probe = data[:4096]
    if len(probe) >= 4:
        even_nul = probe[0::2].count(0) / max(1, len(probe[0::2]))
        odd_nul = probe[1::2].count(0) / max(1, len(probe[1::2]))
        if odd_nul > 0.4 and even_nul < 0.05:
            return "utf-16-le"
        if even_nul > 0.4 and odd_nul < 0.05:
            return "utf-16-be"
    if valid_utf8(data, complete):
        return "utf-8"
    cut = data if complete else data[: max(0, len(data) - 8)]
    try:
        if _hangul_share(cut.decode("cp949")) >= 0.5:     # Korean Excel (EUC-KR is a subset)
            return "cp949"
    except UnicodeDecodeError:
        pass
    try:
        text = cut.decode("cp1252")
    except UnicodeDecodeError:
        return "latin-1"
    # Both read bytes 0xA0-0xFF the same; only call it CP1252 when it uses its extra characters.
    return "cp1252" if any(ord(c) > 0xFF for c in text) else "latin-1"


def looks_binary(text: str) -> bool:
    if not text:
        return False
    probe = text[:65536]
    control = sum(1 for c in probe if (ord(c) < 32 and c not in "\t\n\r\f\v") or c == "\x7f")
    if "\x00" in probe and control > 2:
        return True
    return control / len(probe) > 0.05


def decode(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        # The sample looked like one encoding and the rest of the file is another: keep every row,
        # mark undecodable bytes with U+FFFD (a warning says so).
        return data.decode(encoding, errors="replace")


