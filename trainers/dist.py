"""Which process of a multi-process run this is: a leaf every trainer module may import."""

from __future__ import annotations

import os


def is_main_process() -> bool:
    """Rank 0 writes the project's files (events, reports, the model); the other ranks only train."""
    return int(os.environ.get("RANK", "0")) == 0


def world_size() -> int:
    return int(os.environ.get("WORLD_SIZE", "1"))
