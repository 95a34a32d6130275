"""events.jsonl and train.log as their readers see them: the trainer appends, the page, the CLI, the model card and
the checkpoint rules read only what was appended since their last read. One rule about logged steps lives here too,
because the run (which stops on it) and the coach (which explains it) must agree."""

from __future__ import annotations

import json
import os
from pathlib import Path

BAD_GRAD_POINTS = 3      # grad_norm NaN/inf on this many logged points in a row is divergence (fp16 skips
                         # an occasional overflowing step on its own, so one or two mean nothing)


def shown(value: float) -> float:
    """A logged loss or reward as four decimals show it: within 5e-5 of zero it is 0.0, so it never reads "-0.0000"
    (GRPO's loss and a memorised row's are tiny and may be negative). For the page, the CLI and a Space's status."""
    return 0.0 if abs(value) < 5e-5 else value


class Tail:
    """Reads only what was appended to a file since the last read (the cost of a poll does not grow with the run).
    A file that got shorter or was replaced (a resumed run rewrites events.jsonl up to its checkpoint) is read again
    from its start; `restarted` says so after that read, so a follower drops what it had."""

    def __init__(self, path: Path):
        self.path, self.offset, self.partial = Path(path), 0, b""
        self.inode, self.restarted = None, False

    def read_lines(self) -> list[str]:
        self.restarted = False
        try:
            with self.path.open("rb") as fh:
                now = os.fstat(fh.fileno())
                if self.inode is not None and (now.st_ino != self.inode or now.st_size < self.offset):
                    self.offset, self.partial, self.restarted = 0, b"", True
                self.inode = now.st_ino
                fh.seek(self.offset)
                chunk = fh.read()
        except FileNotFoundError:
            return []
        self.offset += len(chunk)
        data = self.partial + chunk
        lines = data.split(b"\n")
        self.partial = lines.pop()
        return [line.decode("utf-8", "replace") for line in lines]

    def read_events(self) -> list[dict]:
        events = []
        for line in self.read_lines():
            try:
                events.append(json.loads(line))
            except ValueError:
                continue
        return events
