"""The project's small JSON files (status.json, error.json, report.json, push.json, ...): read them whether or not
they are there yet, write them so that no reader ever sees half a file. A leaf: imports nothing of the project."""

from __future__ import annotations

import json
import os
from pathlib import Path


def read_json(path: str | Path) -> dict | list | None:
    """The file's JSON, or None when it is missing, unreadable or cut short (a process killed while writing it, or
    one not finished yet): every caller treats those the same, as "not written"."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def read_json_dict(path: str | Path) -> dict:
    """read_json for files that hold one object: {} when missing, unreadable or not an object."""
    data = read_json(path)
    return data if isinstance(data, dict) else {}


def write_json(path: str | Path, data, indent: int | None = 2) -> None:
    """Write through a temporary file and rename it into place: a reader sees the old file or the new, never half."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        tmp.write_text(json.dumps(data, indent=indent) + "\n", encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)  # a full disk: no half file left taking the room
        raise
