"""Mapped columns -> canonical training examples, with the row-level warnings (empty rows, equal pairs...).
Each trainer's row shape (text, pair, prompt pair, feedback) has its builder here, side by side.

Text columns read from CSV are Arrow-backed. `Column` hands their cells out row by row, converting one
Arrow chunk at a time and letting it go afterwards, so the table and its Python copy are never both whole
in memory (a 100 MB file stays well under 3x its size). Whole-column checks run on Arrow, vectorised.
"""
from __future__ import annotations

from typing import Iterator

import numpy as np

from autotrain_ui.core.data.formats import (alpaca_messages, alpaca_text, cell_text, history_turns, is_blank,
                                           parse_conversation, sample_kind)
from autotrain_ui.core.data.report import DataError, Problem
from autotrain_ui.core.data.shapes import with_system
from autotrain_ui.core.i18n import message, rows as rows_of


def _one(key: str, n: int) -> str:
    """The key of a message's singular form (English says '1 row is', Korean has no such difference)."""
    return f"{key}.one" if n == 1 else key


class Rows:
    """Names rows the way the user sees them: 'row 3' for tables, 'line 4' for JSONL (file lines)."""

    def __init__(self, lines: list[int] | None):
        self.lines = lines
        self.word = "line" if lines else "row"

    def number(self, i: int) -> int:
        return self.lines[i] if self.lines else i + 1

    def name(self, i: int) -> dict:
        """'row 3' / 'line 4' (an i18n phrase: said in the message's language)."""
        return rows_of([self.number(i)], 1, self.word)

    def phrase(self, indices: list[int]) -> dict:
        return rows_of([self.number(i) for i in indices[:5]], len(indices), self.word)

    def problem(self, level: str, text: str, indices: list[int], column: str | None = None) -> Problem:
        first = indices[0] if indices else None
        return Problem(level, text, row=None if first is None else first + 1,
                       line=self.number(first) if self.lines and first is not None else None, column=column)


class Column:
    """One mapped column of the table. Iterating it (iter_kept) consumes it."""

    def __init__(self, series):
        self.name = str(series.name)
        self.length = len(series)
        self.is_text = str(series.dtype) in ("str", "string")
        self._chunks = None
        self._values = None
        if self.is_text and hasattr(series.array, "__arrow_array__"):
            self._chunks = list(series.array.__arrow_array__().chunks)
        else:
            self._values = series.tolist()

    def _arrow(self):
        import pyarrow as pa
        return pa.chunked_array(self._chunks, type=pa.large_string()) if self._chunks else None

    def blank_mask(self) -> np.ndarray:
        if self._chunks is not None:
            import pyarrow.compute as pc
            if not self._chunks:
                return np.zeros(0, dtype=bool)
            arr = self._arrow()
            mask = pc.or_kleene(pc.utf8_is_space(arr), pc.equal(arr, "")).fill_null(True)
            return mask.to_numpy(zero_copy_only=False).astype(bool)
        return np.fromiter((is_blank(v) for v in self._values), dtype=bool, count=self.length)

    def equal_mask(self, other: "Column") -> np.ndarray:
        if self._chunks is not None and other._chunks is not None and self._chunks and other._chunks:
            import pyarrow.compute as pc
            return pc.equal(self._arrow(), other._arrow()).fill_null(False).to_numpy(zero_copy_only=False).astype(bool)
        return np.fromiter((cell_text(a) == cell_text(b) for a, b in zip(self.values(), other.values())),
                           dtype=bool, count=self.length)

    def values(self) -> list:
        """All cells as a Python list (without consuming)."""
        if self._values is not None:
            return self._values
        return [v for chunk in self._chunks for v in chunk.to_pylist()]

    def head(self, n: int) -> list:
        if self._values is not None:
            return self._values[:n]
        out: list = []
        for chunk in self._chunks:
            out.extend(chunk.slice(0, n - len(out)).to_pylist())
            if len(out) >= n:
                break
        return out

    def structured(self) -> bool:
        """Does any cell hold a list/dict (a JSONL/Parquet conversation) rather than text?"""
        if self._values is None:
            return False
        return any(isinstance(v, (list, dict, tuple)) or (hasattr(v, "shape") and not isinstance(v, str))
                   for v in self._values)

    def iter_kept(self, keep: np.ndarray) -> Iterator:
        """The cells of the kept rows, in order; Arrow chunks are dropped once converted."""
        if self._values is not None:
            values, self._values = self._values, None
            for i in np.flatnonzero(keep).tolist():
                yield values[i]
            return
        import pyarrow as pa

        pool = pa.default_memory_pool()
        offset = 0
        chunks, self._chunks = self._chunks, None
        chunks.reverse()
        released = 0
        while chunks:
            chunk = chunks.pop()
            n = len(chunk)
            released += chunk.nbytes
            part = chunk.to_pylist()
            del chunk
            for j in np.flatnonzero(keep[offset:offset + n]).tolist():
                yield part[j]
            offset += n
            del part
            if released > 16 << 20:           # give freed Arrow memory back before Python needs more
                pool.release_unused()
                released = 0
        pool.release_unused()


OPTIONAL_ROLES = {"input", "system", "history", "chosen_score", "rejected_score"}   # a blank cell there is no hole


def keep_rows(columns: dict[str, Column], rows: Rows, problems: list[Problem], total: int) -> np.ndarray:
    """Drop empty rows (every mapped cell blank) and incomplete ones (a needed cell blank), with warnings."""
    blank = {role: col.blank_mask() for role, col in columns.items()}
    all_blank = np.logical_and.reduce(list(blank.values()))
    names = ", ".join(f"'{c.name}'" for c in {id(c): c for c in columns.values()}.values())
    if all_blank.all():
        problems.append(Problem("error", message("data.no_rows_all_empty", total=total, names=names)))
        return ~all_blank
    keep = ~all_blank
    empty = np.flatnonzero(all_blank).tolist()
    if empty:
        n = len(empty)
        problems.append(rows.problem(
            "warning", message(_one("data.empty_rows_dropped", n), n=n, rows=rows.phrase(empty), names=names,
                               kept=int(keep.sum())), empty))
    for role in sorted(set(blank) - OPTIONAL_ROLES):
        holes = np.flatnonzero(blank[role] & keep).tolist()
        if holes:
            col = columns[role].name
            problems.append(rows.problem(
                "warning", message(_one("data.cell_empty", len(holes)), rows=rows.phrase(holes), column=col,
                                   n=len(holes)), holes, column=col))
            keep &= ~blank[role]
    if not keep.any():
        problems.append(Problem("error", message("data.no_rows_incomplete")))
    return keep


class _Errors:
    """Collects per-row conversation errors into one problem naming the first row and the count."""

    def __init__(self, rows: Rows, column: str):
        self.rows, self.column, self.bad = rows, column, []

    def parse(self, i: int, value):
        try:
            return parse_conversation(value)
        except DataError as err:
            self.bad.append((i, err.as_message()))
            return None

    def failed(self, i: int) -> bool:
        """Did row i's cell just fail to read as a conversation?"""
        return bool(self.bad) and self.bad[-1][0] == i

    def report(self, problems: list[Problem]) -> None:
        if not self.bad:
            return
        i, problem = self.bad[0]
        if len(self.bad) > 1:
            text = message("data.row_problem.more", where=self.rows.name(i), problem=problem, n=len(self.bad),
                           rows=self.rows.phrase([b[0] for b in self.bad]))
        else:
            text = message("data.row_problem", where=self.rows.name(i), problem=problem)
        problems.append(self.rows.problem("error", text, [i], column=self.column))


def _needs_template(column: Column, problems: list[Problem]) -> None:
    problems.append(Problem("error", message("data.needs_template", column=column.name), column=column.name))


def build_lm(columns: dict[str, Column], keep: np.ndarray, template: str | None, rows: Rows,
             problems: list[Problem], trainer: str = "sft", label_threshold: float | None = None) -> list[dict]:
    """default / sft: {"text": ...} or {"messages": [...]} per kept row. SFT learns the answers only, so a
    conversation with no answer to learn (none, or only weight-0 ones) is left out and named."""
    kept = np.flatnonzero(keep).tolist()
    if "instruction" in columns:                                     # Alpaca
        cells = zip(*(columns[r].iter_kept(keep) if r in columns else iter([""] * len(kept))
                      for r in ("instruction", "input", "output", "history", "system")))
        return [_alpaca_row(template, cell_text(a), cell_text(b), cell_text(c), h, cell_text(s), i)
                for i, (a, b, c, h, s) in zip(kept, cells)]
    if "prompt" in columns:                                          # a prompt and its answer, two columns
        return _build_prompt_answer(columns, keep, template, rows, problems, label_threshold)
    column = columns.get("text") or columns["messages"]
    structured = "messages" in columns or column.structured()
    if template is None:
        if structured:
            errors = _Errors(rows, column.name)
            for i, value in zip(kept, column.iter_kept(keep)):
                errors.parse(i, value)
            errors.report(problems)
            _needs_template(column, problems)
            return []
        if sample_kind(column.head(200)) in ("messages", "sharegpt"):
            problems.append(Problem("warning", message("data.json_messages_as_text", column=column.name),
                                    column=column.name))
        return [{"text": v if isinstance(v, str) else cell_text(v), "_row": i + 1}
                for i, v in zip(kept, column.iter_kept(keep))]
    errors = _Errors(rows, column.name)
    examples, prose, no_answer = [], [], []
    systems = columns["system"].iter_kept(keep) if "system" in columns else iter([""] * len(kept))
    for i, value, system in zip(kept, column.iter_kept(keep), systems):
        turns = errors.parse(i, value)
        if turns and "system" in columns:   # a system column beside the conversations (LLaMA-Factory's sharegpt)
            turns = with_system(turns, cell_text(system))
        if turns:
            if not any(t["role"] == "assistant" and t.get("weight") != 0 and t["content"].strip() for t in turns):
                no_answer.append(i)
                if trainer == "sft":
                    continue
            examples.append({"messages": turns, "_row": i + 1})
        elif not errors.failed(i):          # a conversation that would not read is its error, not prose
            examples.append({"text": cell_text(value), "_row": i + 1})
            prose.append(i)
    errors.report(problems)
    if prose:
        problems.append(rows.problem(
            "warning", message(_one("data.plain_rows_in_chat", len(prose)), n=len(prose), rows=rows.phrase(prose)),
            prose, column.name))
    if no_answer:
        key = "data.no_assistant_turn.left_out" if trainer == "sft" else "data.no_assistant_turn"
        problems.append(rows.problem("warning", message(key, rows=rows.phrase(no_answer)), no_answer, column.name))
    return examples


def _alpaca_row(template: str | None, instruction: str, input_text: str, output: str, history, system: str,
                i: int) -> dict:
    """One Alpaca row, after its system text and earlier turns (LLaMA-Factory's `system` and `history`): a
    conversation for a chat template, else the Alpaca text, earlier exchanges as blocks of their own."""
    before = history_turns(history)
    if template is not None:
        return {"messages": with_system(before + alpaca_messages(instruction, input_text, output), system), "_row": i + 1}
    blocks = [alpaca_text(q["content"], "", a["content"]) for q, a in zip(before[::2], before[1::2])]
    return {"text": with_system("\n\n".join(blocks + [alpaca_text(instruction, input_text, output)]), system),
            "_row": i + 1}


def _report_prompt_answer(errs: dict, bad_prompt: list[int], rows: Rows, problems: list[Problem], prompt: Column,
                          answer: Column, empty: list[int]) -> None:
    """The cells that would not parse, the rows whose prompt already ends with an answer and those whose answer says
    nothing, of a prompt/answer table (pairs for SFT, feedback for KTO)."""
    for e in errs.values():
        e.report(problems)
    if empty:
        problems.append(rows.problem("warning", message(_one("data.answer_empty", len(empty)), rows=rows.phrase(empty),
                                                        column=answer.name), empty, answer.name))
    if bad_prompt:
        problems.append(rows.problem(
            "error", message("data.prompt_ends_with_answer", rows=rows.phrase(bad_prompt), column=answer.name),
            bad_prompt, prompt.name))


def _build_prompt_answer(columns: dict[str, Column], keep: np.ndarray, template: str | None, rows: Rows,
                         problems: list[Problem], label_threshold: float | None = None) -> list[dict]:
    """sft / default on prompt + answer columns: a user turn (after the system column's text, when there is one) and
    the assistant's answer with a template, else {"prompt", "completion"} text (the loss still falls on the completion
    only). A feedback table's answers marked bad are never targets: those rows are left out and named."""
    from autotrain_ui.core.data.shapes import label_reader

    prompt, answer, label = columns["prompt"], columns["text"], columns.get("label")
    kept = np.flatnonzero(keep).tolist()
    if template is None:
        odd = [c for c in (prompt, answer) if c.structured()]
        if odd:
            _needs_template(odd[0], problems)
            return []
    errs = {c.name: _Errors(rows, c.name) for c in (prompt, answer)}
    read = label_reader(label, label_threshold, problems) if label is not None else None
    examples, bad_prompt, not_good, empty = [], [], [], []
    roles = ("prompt", "text", "system", "label")
    cells = zip(*(columns[r].iter_kept(keep) if r in columns else iter([None] * len(kept)) for r in roles))
    for i, (p_cell, a_cell, s_cell, l_cell) in zip(kept, cells):
        if read is not None and read(l_cell) is not True:
            not_good.append(i)
            continue
        if template is None:
            examples.append({"prompt": with_system(cell_text(p_cell), cell_text(s_cell)),
                             "completion": cell_text(a_cell), "_row": i + 1})
            continue
        turns = errs[prompt.name].parse(i, p_cell) or [{"role": "user", "content": cell_text(p_cell)}]
        if turns[-1]["role"] == "assistant":
            bad_prompt.append(i)
            continue
        turns, reply = split_answer(errs[answer.name].parse(i, a_cell), cell_text(a_cell), turns)
        if says_nothing(reply):
            empty.append(i)
            continue
        examples.append({"messages": with_system(turns, cell_text(s_cell)) + reply, "_row": i + 1})
    _report_prompt_answer(errs, bad_prompt, rows, problems, prompt, answer, empty)
    if not_good:
        problems.append(rows.problem("warning", message("data.bad_answers_left_out", rows=rows.phrase(not_good),
                                                        n=len(not_good), column=label.name), not_good, label.name))
    return examples


def example_key(example: dict) -> str:
    """What a row amounts to for training, as one string: two rows with the same key are copies."""
    import json

    return json.dumps({k: v for k, v in example.items() if not k.startswith("_")}, sort_keys=True, ensure_ascii=False,
                      default=str)


def split_answer(turns: list[dict] | None, text: str, prompt: list[dict]) -> tuple[list[dict], list[dict]]:
    """An answer cell and the prompt column's turns -> (the prompt the model sees, the answer turns it learns).

    An answer written as a whole conversation carries its own context (Capybara-DPO's multi-turn chosen and rejected,
    H4's orca_dpo_pairs with its system turn, Anthropic HH's transcripts): everything up to its last user turn is the
    prompt, when the prompt column's text is said in it (that column then holds only the first question, or nothing).
    Otherwise the prompt column's turns are the prompt and the answer is the cell's last assistant turns."""
    users = [k for k, t in enumerate(turns or []) if t["role"] != "assistant"]
    if users and users[-1] + 1 < len(turns) and _said_in(prompt, turns[:users[-1] + 1]):
        return turns[:users[-1] + 1], turns[users[-1] + 1:]
    return prompt, _split_answer(turns, text, prompt)


def _said_in(prompt: list[dict], context: list[dict]) -> bool:
    """Is each turn of `prompt` said, word for word, somewhere in `context`?"""
    said = {str(t.get("content") or "").strip() for t in context}
    return all(str(t.get("content") or "").strip() in said for t in prompt)


def _split_answer(turns: list[dict] | None, text: str, prompt: list[dict]) -> list[dict]:
    """An answer cell -> assistant turns, dropping a copy of the prompt written in front of it; [] for a conversation
    that ends with the user's turn (nothing to learn: the caller names the row), never the cell's JSON as an answer."""
    if not turns:
        return [{"role": "assistant", "content": text}]
    if turns[:len(prompt)] == prompt and len(turns) > len(prompt):
        turns = turns[len(prompt):]
    users = [k for k, t in enumerate(turns) if t["role"] != "assistant"]
    return turns[users[-1] + 1:] if users else turns


def says_nothing(turns: list[dict]) -> bool:
    """Answer turns that say nothing: none, or only empty ones (HH's transcripts end in an empty "Assistant:" now
    and then)."""
    return not any(str(t.get("content") or "").strip() for t in turns)
