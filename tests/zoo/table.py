"""The zoo's results, one cell per family and column, printed as a table at the end of the test session.

A cell is claimed by the test that fills it; it reads "ok" (with a number where one says more, e.g. the relative
error), "n/a" with the reason where the family cannot do it (no reward head), FAIL when the test failed, "skip"
when it did not run (no GPU), and stays empty when its test was not selected."""

from __future__ import annotations

from dataclasses import dataclass

from tests.zoo.models import ZOO

COLUMNS = [("path", "loss path"), ("loss", "step-1 loss = own"), ("grad", "LoRA grads = own"),
           ("grad_cuda", "grads on CUDA"), ("chat", "chat render"),
           ("default", "default"), ("sft", "sft"), ("reward", "reward"), ("dpo", "dpo"), ("orpo", "orpo"),
           ("merge", "merge+reload generates")]


@dataclass
class Cell:
    text: str = ""
    done: bool = False

    def ok(self, detail: str = "") -> None:
        self.text, self.done = f"ok {detail}".strip(), True

    def na(self, reason: str) -> None:
        self.text, self.done = f"n/a: {reason}", True

    def note(self, text: str) -> None:
        self.text, self.done = text, True

    def fail(self, why: str = "") -> None:
        self.text, self.done = "FAIL", True

    def skip(self, why: str = "") -> None:
        self.text, self.done = "skip", True


RESULTS: dict[tuple[str, str], Cell] = {}
NOTES: list[str] = []


def note(line: str) -> None:
    if line not in NOTES:
        NOTES.append(line)


def claim(family: str, column: str) -> Cell:
    cell = RESULTS[(family, column)] = Cell("running")
    return cell


def export() -> dict:
    """The cells and notes as plain lists (what an xdist worker can send to the controller)."""
    return {"cells": [[f, c, cell.text, cell.done] for (f, c), cell in RESULTS.items()], "notes": list(NOTES)}


def merge(exported: dict | None) -> None:
    for family, column, text, done in (exported or {}).get("cells", []):
        RESULTS[(family, column)] = Cell(text, done)
    for line in (exported or {}).get("notes", []):
        note(line)


def render() -> list[str]:
    if not RESULTS:
        return []
    used = [(key, title) for key, title in COLUMNS if any(k[1] == key for k in RESULTS)]
    rows = [["family"] + [title for _, title in used]]
    for zoo in ZOO:
        if not any(k[0] == zoo.family for k in RESULTS):
            continue
        rows.append([zoo.family] + [RESULTS.get((zoo.family, key), Cell()).text for key, _ in used])
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    out = [" | ".join(v.ljust(w) for v, w in zip(r, widths)) for r in rows]
    out.insert(1, "-+-".join("-" * w for w in widths))
    legend = ("ok N: equal, N the relative difference (LoRA grads) or the loss (rel: its relative difference); "
              "(CLI): through the real command line, else the training entry point in the test's process; "
              "n/a: the family cannot, and what to use; skip: not run on this machine (no CUDA GPU)")
    return out + [legend] + NOTES
