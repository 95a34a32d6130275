"""Mapped columns -> the rows of the preference trainers: {"chosen", "rejected"} (reward), {"prompt", "chosen",
"rejected"} (dpo, orpo) and {"prompt", "completion", "label"} (kto), read as public sets mean them (shapes.py): the
prompt shared by chosen and rejected taken out of both, a system column put in front of the prompt, a pairwise
label deciding which answer is chosen, and ratings read as good or bad from a threshold.
"""
from __future__ import annotations

import numpy as np

from autotrain_ui.core import trainers_catalog
from autotrain_ui.core.data.examples import (Column, Rows, _Errors, _needs_template, _one, _report_prompt_answer,
                                             _split_answer, says_nothing, split_answer)
from autotrain_ui.core.data.formats import cell_text
from autotrain_ui.core.data.report import Problem
from autotrain_ui.core.data.shapes import first_is_better, label_reader, shared_prompt, with_system
from autotrain_ui.core.i18n import joined, message


def _cells(columns: dict[str, Column], roles: tuple[str, ...], keep: np.ndarray):
    """The kept rows' cells of `roles`, row by row (None for a role the table does not map)."""
    n = int(keep.sum())
    return zip(*(columns[r].iter_kept(keep) if r in columns else iter([None] * n) for r in roles))


def build_pairs(trainer: str, columns: dict[str, Column], keep: np.ndarray, template: str | None, rows: Rows,
                problems: list[Problem]) -> list[dict]:
    """reward: {"chosen", "rejected"}; dpo / orpo: {"prompt", "chosen", "rejected"} per kept row."""
    kept = np.flatnonzero(keep).tolist()
    chosen, rejected = columns["text"], columns["rejected_text"]
    prompt, label = columns.get("prompt"), columns.get("label")
    same = np.flatnonzero(chosen.equal_mask(rejected) & keep).tolist()
    if same:                                  # on every row: a preference with nothing to prefer teaches nothing
        problems.append(rows.problem(
            "error" if len(same) == len(kept) else "warning", message(_one("data.chosen_equals_rejected", len(same)), rows=rows.phrase(same),
                               chosen=chosen.name, rejected=rejected.name), same, column=rejected.name))
    cols = [c for c in (prompt, chosen, rejected) if c is not None]
    if template is None and any(c.structured() for c in cols):
        _needs_template(next(c for c in cols if c.structured()), problems)
        return []
    with_prompt = trainers_catalog.get(trainer).rows == "prompt_pair"
    if template is None and not with_prompt and prompt is not None:
        problems.append(Problem("warning", message("data.reward_prompt_unused", chosen=chosen.name,
                                                   rejected=rejected.name, prompt=prompt.name), column=prompt.name))
    errs = {c.name: _Errors(rows, c.name) for c in cols}
    examples, prose, bad_prompt, no_shared, ties, empty, tied = [], [], [], [], [], [], []
    cells = _cells(columns, ("prompt", "text", "rejected_text", "system", "label", "chosen_score", "rejected_score"),
                   keep)
    for i, (p_cell, c_cell, r_cell, s_cell, l_cell, c_score, r_score) in zip(kept, cells):
        if _tie(c_score, r_score):
            tied.append(i)
            continue
        if label is not None:                 # a pairwise table: the label says which answer is the better one
            first = first_is_better(l_cell, label.name)
            if first is None:
                ties.append(i)
                continue
            if not first:
                c_cell, r_cell = r_cell, c_cell
        system = cell_text(s_cell)
        if template is None:
            row = _text_pair(with_prompt, prompt is not None, cell_text(p_cell), cell_text(c_cell), cell_text(r_cell))
            if row is None:
                no_shared.append(i)
                continue
            if "prompt" in row:
                row["prompt"] = with_system(row["prompt"], system)
            examples.append({**row, "_row": i + 1})
            continue
        p = None
        if prompt is not None:
            p = errs[prompt.name].parse(i, p_cell) or [{"role": "user", "content": cell_text(p_cell)}]
        c, r = errs[chosen.name].parse(i, c_cell), errs[rejected.name].parse(i, r_cell)
        if with_prompt:
            if p is None:                      # no prompt column: the turns chosen and rejected share (TRL's implicit)
                shared = shared_prompt(c or cell_text(c_cell), r or cell_text(r_cell))
                if shared is None:
                    no_shared.append(i)
                    continue
                p, c_own, r_own = (_as_turns(x, role) for x, role in zip(shared, ("user", "assistant", "assistant")))
            else:   # the answers' own shared turns when they are whole conversations, else the prompt column's
                (pc, c_own), (pr, r_own) = split_answer(c, cell_text(c_cell), p), split_answer(r, cell_text(r_cell), p)
                if pc != pr:
                    c_own, r_own = _split_answer(c, cell_text(c_cell), p), _split_answer(r, cell_text(r_cell), p)
                else:
                    p = pc
            if says_nothing(c_own) or says_nothing(r_own):
                empty.append(i)
                continue
            p = with_system(p, system)
            if p[-1]["role"] != "user":
                bad_prompt.append(i)
                continue
            examples.append({"prompt": p, "chosen": c_own, "rejected": r_own, "_row": i + 1})
            continue
        # reward: each answer after its own conversation (a conversation side lends its context to a text one)
        (pc, c_own), (pr, r_own) = split_answer(c, cell_text(c_cell), p or []), split_answer(r, cell_text(r_cell), p or [])
        pc, pr = pc or pr, pr or pc
        if pc:
            if says_nothing(c_own) or says_nothing(r_own):
                empty.append(i)
                continue
            examples.append({"chosen": with_system(pc, system) + c_own, "rejected": with_system(pr, system) + r_own,
                             "_row": i + 1})
        else:
            prose.append(i)
            examples.append({"chosen": cell_text(c_cell), "rejected": cell_text(r_cell), "_row": i + 1})
    for e in errs.values():
        e.report(problems)
    _pair_problems(rows, problems, bad_prompt, prose, no_shared, ties, prompt, label, chosen, rejected)
    if tied:
        problems.append(rows.problem("warning", message(_one("data.pair_scores_tied", len(tied)), rows=rows.phrase(tied),
                                                        chosen=columns["chosen_score"].name,
                                                        rejected=columns["rejected_score"].name), tied,
                                     column=columns["chosen_score"].name))
    if empty:
        problems.append(rows.problem("warning", message(_one("data.pair_answer_empty", len(empty)),
                                                        rows=rows.phrase(empty)), empty, column=chosen.name))
    return examples


def _tie(chosen_score, rejected_score) -> bool:
    """Were both answers scored the same? (Blank or unreadable scores say nothing: no tie.)"""
    try:
        c, r = float(chosen_score), float(rejected_score)
    except (TypeError, ValueError):
        return False
    return c == r and c == c


def _text_pair(with_prompt: bool, has_prompt: bool, p: str, c: str, r: str) -> dict | None:
    """A pair of plain texts; for dpo / orpo without a prompt column, the text both answers start with is the
    prompt (None when they share none)."""
    if not with_prompt:
        return {"chosen": c, "rejected": r}
    if has_prompt:
        return {"prompt": p, "chosen": c, "rejected": r}
    shared = shared_prompt(c, r)
    return None if shared is None else dict(zip(("prompt", "chosen", "rejected"), shared))


def _as_turns(value, role: str) -> list[dict]:
    return value if isinstance(value, list) else [{"role": role, "content": value.strip()}]


def _pair_problems(rows: Rows, problems: list[Problem], bad_prompt, prose, no_shared, ties, prompt, label, chosen,
                   rejected) -> None:
    if bad_prompt:
        problems.append(rows.problem(
            "error", message("data.pair_prompt_ends_with_answer", rows=rows.phrase(bad_prompt)), bad_prompt,
            column=prompt.name if prompt else None))
    if prose:
        problems.append(rows.problem(
            "warning", message(_one("data.plain_pairs", len(prose)), n=len(prose), rows=rows.phrase(prose)), prose))
    if no_shared:
        problems.append(rows.problem(
            "warning", message("data.no_shared_prompt", rows=rows.phrase(no_shared), chosen=chosen.name,
                               rejected=rejected.name), no_shared, column=chosen.name))
    if ties:
        problems.append(rows.problem(
            "warning", message("data.pairwise_no_winner", rows=rows.phrase(ties), column=label.name), ties,
            column=label.name))


def build_feedback(columns: dict[str, Column], keep: np.ndarray, template: str | None, rows: Rows,
                   problems: list[Problem], label_threshold: float | None = None) -> list[dict]:
    """kto: {"prompt", "completion", "label"} per kept row whose label reads as good (True) or bad (False); a row
    whose label says neither ("maybe") is named and left out."""
    kept = np.flatnonzero(keep).tolist()
    prompt, answer, label = columns["prompt"], columns["text"], columns["label"]
    if template is None:
        odd = [c for c in (prompt, answer) if c.structured()]
        if odd:
            _needs_template(odd[0], problems)
            return []
    read = label_reader(label, label_threshold, problems)
    errs = {c.name: _Errors(rows, c.name) for c in (prompt, answer)}
    examples, unreadable, words, bad_prompt, empty = [], [], [], [], []
    for i, (p_cell, a_cell, l_cell, s_cell) in zip(kept, _cells(columns, ("prompt", "text", "label", "system"), keep)):
        good = read(l_cell)
        if good is None:
            unreadable.append(i)
            word = f"'{cell_text(l_cell)}'"
            if word not in words:
                words.append(word)
            continue
        system = cell_text(s_cell)
        if template is None:
            examples.append({"prompt": with_system(cell_text(p_cell), system), "completion": cell_text(a_cell),
                             "label": good, "_row": i + 1})
            continue
        turns = errs[prompt.name].parse(i, p_cell) or [{"role": "user", "content": cell_text(p_cell)}]
        if turns[-1]["role"] != "user":
            bad_prompt.append(i)
            continue
        turns, reply = split_answer(errs[answer.name].parse(i, a_cell), cell_text(a_cell), turns)
        if says_nothing(reply):
            empty.append(i)
            continue
        examples.append({"prompt": with_system(turns, system), "completion": reply, "label": good, "_row": i + 1})
    _report_prompt_answer(errs, bad_prompt, rows, problems, prompt, answer, empty)
    if unreadable:
        n = len(unreadable)
        problems.append(rows.problem(
            "warning", message(_one("data.label_unreadable", n), rows=rows.phrase(unreadable), n=n,
                               values=joined(words[:3]), column=label.name), unreadable, label.name))
    if not examples and unreadable and not bad_prompt:
        problems.append(Problem("error", message("data.no_readable_label", column=label.name), column=label.name))
    elif examples and len({e["label"] for e in examples}) == 1:
        problems.append(Problem("warning", message("data.labels_all_good" if examples[0]["label"] else
                                                   "data.labels_all_bad", column=label.name), column=label.name))
    return examples
