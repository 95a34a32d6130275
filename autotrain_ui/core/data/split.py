"""Holding rows out to measure a run: a slice of the training rows that the model never sees in training.

A copy of a training row is not unseen: held-out rows that repeat a row left in training go back into training,
so a table of a few rows repeated many times cannot claim "better on rows it never saw". Pure Python on canonical
examples (see data.prepare), so the trainer and the page agree on what is held out.
"""
from __future__ import annotations

import random
from dataclasses import dataclass

from autotrain_ui.core.data.examples import example_key
from autotrain_ui.core.estimate import held_count
from autotrain_ui.core.i18n import message


@dataclass
class HeldOut:
    train: list[dict]
    valid: list[dict]
    asked: int                          # rows the percentage asked for
    copies: int = 0                     # of those, copies of training rows (put back into training)
    note: str = ""                      # English (an i18n Message: note_key / note_values say it in another language)

    def summary(self) -> dict:
        return {"held_out_rows": len(self.valid), "asked": self.asked, "copies_put_back": self.copies,
                "note": str(self.note), "note_key": getattr(self.note, "key", None),
                "note_values": getattr(self.note, "values", {})}


def hold_out(rows: list[dict], percent: float, seed: int) -> HeldOut:
    """Hold out about `percent` % of `rows` (the same ones for the same seed), minus copies of training rows."""
    order = list(range(len(rows)))
    random.Random(seed).shuffle(order)
    asked = held_count(len(rows), percent)
    held = set(order[:asked])
    in_training = {example_key(row) for i, row in enumerate(rows) if i not in held}
    copies = {i for i in held if example_key(rows[i]) in in_training}
    held -= copies
    valid = [row for i, row in enumerate(rows) if i in held]
    train = [row for i, row in enumerate(rows) if i not in held]
    note = ""
    if copies and not valid:
        note = message("split.all_copies", asked=asked)
    elif copies:
        note = message("split.some_copies", copies=len(copies), asked=asked, held=len(valid))
    return HeldOut(train, valid, asked, len(copies), note)
