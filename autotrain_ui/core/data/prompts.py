"""GRPO's rows: a prompt (text, or a conversation whose last turn the model answers) and, where the table has one,
a reference answer the reward menu can compare with (autotrain_ui/core/rewards.py). The shapes people bring: a prompt
column alone; a prompt beside answer / solution / ground_truth / reference (their common names); Alpaca's
instruction + input; a messages column, whose last assistant turn, when there is one, is the reference.

`prepare_prompts` is check.prepare's GRPO branch; `reward_preview` scores the chosen rewards on the first rows:
the reference answer's score and an empty answer's, so a reward that cannot tell them apart is a warning before
anything runs.
"""
from __future__ import annotations

from autotrain_ui.core.data.examples import Rows, _Errors
from autotrain_ui.core.data.formats import cell_text
from autotrain_ui.core.data.report import Problem
from autotrain_ui.core.data.shapes import find_column, is_blank, unused_columns
from autotrain_ui.core.i18n import message

PROMPT_NAMES = ("prompt", "question", "query", "problem", "instruction", "input", "messages", "conversations",
                "conversation", "text")
REFERENCE_NAMES = ("answer", "solution", "ground_truth", "reference", "target", "completion", "response", "output",
                   "expected", "label", "final_answer", "gold")
PREVIEW_ROWS = 3


def prepare_prompts(frame, explicit: dict, report, rows: Rows) -> list[dict]:
    """The table -> [{"prompt", "reference" (None where there is none), "_row"}]; problems go into the report."""
    columns = report.columns
    prompt_col = _named(columns, explicit.get("prompt"), "prompt", report) if explicit.get("prompt") else \
        find_column(columns, *PROMPT_NAMES)
    if prompt_col is None:
        if not explicit.get("prompt"):
            report.problems.append(Problem("error", message("rewards.no_prompt", listing=", ".join(columns),
                                                            flag="--prompt-text-column"), column="prompt"))
        return []
    others = [c for c in columns if c != prompt_col]
    ref_col = _named(others, explicit.get("text"), "text", report) if explicit.get("text") else \
        find_column(others, *REFERENCE_NAMES)
    extra = find_column(others, "input") if prompt_col.lower() == "instruction" else None
    report.mapping = {"prompt": prompt_col, **({"reference": ref_col} if ref_col else {}),
                      **({"input": extra} if extra else {})}
    examples, blank, conversations = [], [], 0
    refs = frame[ref_col].tolist() if ref_col else [None] * len(frame)
    inputs = frame[extra].tolist() if extra else [None] * len(frame)
    errs = _Errors(rows, prompt_col)      # a conversation that does not read (a bad role, a tool call): its row named
    for i, (cell, ref, more) in enumerate(zip(frame[prompt_col].tolist(), refs, inputs)):
        prompt, found_ref = _prompt(cell, lambda value: errs.parse(i, value))
        if errs.failed(i):
            continue
        if isinstance(prompt, str) and more is not None and not is_blank(more):
            prompt = f"{prompt}\n\n{cell_text(more)}"
        if not prompt:
            blank.append(i)
            continue
        conversations += not isinstance(prompt, str)
        reference = cell_text(ref).strip() if ref is not None and not is_blank(ref) else found_ref
        examples.append({"prompt": prompt, "reference": reference or None, "_row": i + 1})
    errs.report(report.problems)
    if blank:
        report.problems.append(rows.problem("warning", message("rewards.blank_prompts", rows=rows.phrase(blank),
                                                               column=prompt_col), blank, column=prompt_col))
    if not examples:
        report.problems.append(Problem("error", message("data.nothing_left", n=0, total=len(frame))))
    with_ref = sum(1 for e in examples if e["reference"])
    lengths = sorted(len(e["reference"].split()) for e in examples if e["reference"])
    report.answer_words = lengths[int(0.95 * (len(lengths) - 1))] if lengths else None
    if with_ref and "reference" not in report.mapping:
        report.mapping["reference"] = prompt_col  # the conversations' own last answers
    report.conversational, report.plain_pairs = True, not conversations
    report.format = "conversation_prompts" if conversations else "prompts"
    report.unused = unused_columns(columns, report.mapping, "grpo")
    return examples


def _named(columns: list[str], name: str, role: str, report) -> str | None:
    found = find_column(columns, str(name).strip())
    if found is None:
        flag = "--prompt-text-column" if role == "prompt" else "--text-column"
        report.problems.append(Problem("error", message("data.column_not_found", name=name, listing=", ".join(columns),
                                                        flag=flag, extra=""), column=str(name)))
    return found


def _prompt(cell, parse):
    """A cell -> (prompt, reference found inside it): a conversation ending with an assistant turn gives that turn as
    the reference and the turns before it as the prompt. parse(cell): the conversation in it, or None."""
    structured = not isinstance(cell, str) and not is_blank(cell)
    if structured or (isinstance(cell, str) and cell.lstrip()[:1] in ("[", "{")):
        turns = parse(cell)
        if turns:
            if turns[-1]["role"] == "assistant" and len(turns) > 1:
                return turns[:-1], turns[-1]["content"]
            return turns, None
    text = cell_text(cell).strip()
    return text, None


def has_reference(examples: list[dict]) -> bool:
    return any(e.get("reference") for e in examples)


def shape_line(report, examples: list[dict]):
    """One sentence on what GRPO will read: how many prompts, where the references come from, conversations."""
    conversations = report.format == "conversation_prompts"
    return message("rewards.data_shape", n=len(examples), reference=message(
        "rewards.data_shape.reference", column=report.mapping["reference"]) if has_reference(examples) else "",
        conversational=message("rewards.data_shape.conversational") if conversations else "")


def reward_preview(examples: list[dict], rewards: list, limit: int = PREVIEW_ROWS) -> tuple[list, list[Problem]]:
    """The rewards on the first rows -> (lines: each reward's score of the reference answer and of an empty answer,
    warnings: a reward that scores both the same on every one of those rows)."""
    from autotrain_ui.core.i18n import joined

    first = [e for e in examples if e.get("reference")][:limit] or examples[:limit]
    if not first or not rewards:
        return [], []
    referenced = has_reference(first)
    lines, same = [], {r.name: True for r in rewards}
    for ex in first:
        scores = []
        for r in rewards:
            empty = r.score("", ex)
            if referenced:
                good = r.score(ex.get("reference") or "", ex)
                same[r.name] &= abs(good - empty) < 1e-9
                scores.append(f"{r.name} {good:.2f} / {empty:.2f}")
            else:
                scores.append(f"{r.name} {empty:.2f}")
        lines.append(message("rewards.preview_row", row=ex.get("_row", "?"), scores="; ".join(scores)))
    said = [message("rewards.preview" if referenced else "rewards.preview_no_reference", lines=joined(lines))]
    out = []
    if referenced:
        for r in rewards:
            if same[r.name]:
                out.append(Problem("warning", message("rewards.blind", name=r.name,
                                                      score=r.score(first[0].get("reference") or "", first[0]))))
    return said, out


def said_before_launch(examples: list[dict], report, spec) -> list:
    """What the page says of GRPO rows and the chosen rewards before launch: the rows' shape, then the refusals, or
    the rewards' scores on the first rows and the warnings of a reward that cannot tell good from nothing."""
    from autotrain_ui.core import rewards

    try:
        chosen = rewards.parse(spec)
        refused = rewards.problems(chosen, has_reference(examples))
    except rewards.RewardError as exc:
        chosen, refused = [], exc.lines
    if refused:
        return [shape_line(report, examples), *refused]
    said, warnings = reward_preview(examples, chosen)
    return [shape_line(report, examples), *said, *[message(w.key, **w.values) for w in warnings]]


def check_rewards(params, result) -> None:
    """preflight's GRPO step: with no reward chosen, the one the data check suggests for answers a checker can verify
    (numbers, JSON) is taken, and said (config.json records it); a reference-based reward on rows with no reference is
    refused; the rewards' scores on the first rows are a note, and a reward blind to the difference between the
    reference and nothing a warning."""
    from autotrain_ui.core import data, rewards

    examples, report = data.prepare(result.data_files[params.train_split], "grpo",
                                    text_column=params.text_column, prompt_text_column=params.prompt_text_column)
    if not report.ok:
        return
    if not params.rewards and report.suggested_rewards:   # none chosen, and the answers say which checks them
        params.rewards = report.suggested_rewards
        result.errors = [e for e in result.errors if getattr(e, "key", "") != "rewards.none"]
        result.notes.append(message("rewards.defaulted", rewards=params.rewards))
    try:
        chosen = rewards.parse(params.rewards)
    except rewards.RewardError:
        return  # params.validate has said what is wrong with them
    result.errors += [e for e in rewards.problems(chosen, has_reference(examples)) if e.key == "rewards.needs_reference"]
    said, warnings = reward_preview(examples, chosen)
    result.notes += [shape_line(report, examples), *said]
    result.warnings += [w.as_message() if hasattr(w, "as_message") else message(w.key, **w.values) for w in warnings]
