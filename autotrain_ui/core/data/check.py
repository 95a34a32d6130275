"""The data doctor: read a user's file, map its columns to a trainer, and say what is wrong before training.

`prepare` is the one function the training engine and the web app both call, so what the check accepts
trains and what it refuses never starts a job. `autotrain data check` is autotrain_ui/cli/data.py.

Imports stay light (pandas, no torch/transformers/gradio at module level): the training subprocess and
the CLI import this module.
"""
from __future__ import annotations

import contextlib
import gc
import os
import threading
from pathlib import Path


from autotrain_ui.core import trainers_catalog
from autotrain_ui.core.data.duplicates import duplicate_problem
from autotrain_ui.core.data.examples import Column, Rows, build_lm, keep_rows
from autotrain_ui.core.data.pairs import build_feedback, build_pairs
from autotrain_ui.core.data.shapes import add_system, unused_columns
from autotrain_ui.core.data.language import detect_language
from autotrain_ui.core.data.formats import (CONVERSATION_FORMATS, FORMAT_WORDS, LABEL_NAMES, PAIR_FORMATS, detect_shape,
                                       find_column, find_pair, recommend, sample_kind,
                                            verifiable_reward)
from autotrain_ui.core.data.hub import HubRef, is_dataset_id, read_source
from autotrain_ui.core.data.report import DataError, DataReport, Problem
from autotrain_ui.core.data.tokens import token_stats
from autotrain_ui.core.i18n import Message, has, joined, message

TRAINERS = trainers_catalog.NAMES
NO_TEMPLATE = ("none", "None", "null")
AUTO_TEMPLATE = (None, "", "auto")
_FLAG = {"text": "--text-column", "rejected_text": "--rejected-text-column", "prompt": "--prompt-text-column",
         "label": "--label-column"}


def _source_name(source) -> str | None:
    if isinstance(source, HubRef):
        return source.dataset
    if isinstance(source, (str, os.PathLike)):
        return str(source)
    return None


# ------------------------------------------------------------------------------------------- mapping

def _choose_columns(columns: list[str], trainer: str, fmt: str, auto: dict[str, str], explicit: dict,
                    problems: list[Problem], recommended: str) -> dict[str, str]:
    listing = ", ".join(columns)

    def named(role: str, name: str) -> str | None:
        name = str(name).strip()
        if name in columns:
            return name
        alt = find_column(columns, name)
        if alt:
            problems.append(Problem("warning", message("data.column_respelled", name=name, alt=alt), column=alt))
            return alt
        problems.append(Problem("error", message("data.column_not_found", name=name, listing=listing, flag=_FLAG[role],
                                                 extra=""), column=name))
        return None

    def missing(role: str, what: Message | str) -> None:
        hint = ""
        if recommended != trainer and recommended in ("dpo", "reward", "sft", "kto"):
            # the shape's name as the report prints it, its underscores as spaces ("prompt preference data")
            hint = message("data.no_column.hint", format=_shape_words(fmt), trainer=recommended)
        problems.append(Problem("error", message("data.no_column", role=role, what=what, listing=listing,
                                                 flag=_FLAG[role], hint=hint), column=role))

    mapping: dict[str, str] = {}
    if trainers_catalog.trains_text(trainer):
        if explicit["text"]:
            col = named("text", explicit["text"])
            if col:
                mapping["text"] = col
            elif fmt == "pairs":
                last = problems[-1]
                problems[-1] = Problem(last.level, message(last.key, **{**last.values, "extra": message(
                    "data.column_not_found.pairs", prompt=auto["prompt"], answer=auto["text"])}), column=last.column)
        elif fmt in ("messages", "sharegpt", "alpaca", "pairs", "feedback"):
            mapping.update(auto)    # a feedback table's label keeps its bad answers from being targets
        elif find_column(columns, "text"):
            mapping["text"] = find_column(columns, "text")
        else:
            missing("text", "")
        # A prompt beside the answer (question/answer pairs, or a preference table's prompt): SFT learns the answer
        # to the prompt. The user's own choice wins; a guessed prompt never takes the text column itself.
        if explicit["prompt"]:
            prompt = named("prompt", explicit["prompt"])
        else:
            prompt = auto.get("prompt") if fmt in ("pairs", "prompt_preference") else None
        if prompt and prompt != mapping.get("text") and "instruction" not in mapping:
            mapping["prompt"] = prompt
            add_system(columns, mapping)
        return mapping
    if trainer == "kto":  # a feedback log: a prompt, one answer and its good/bad label per row
        guess = auto if fmt == "feedback" else (find_pair(columns) or {})
        found = {"text": guess.get("text") or find_column(columns, "completion", "text"),
                 "prompt": guess.get("prompt") or find_column(columns, "prompt"),
                 "label": guess.get("label") or find_column(columns, *LABEL_NAMES)}
        for role in ("prompt", "text", "label"):
            col = named(role, explicit[role]) if explicit[role] else found[role]
            if col:
                mapping[role] = col
            elif not explicit[role]:
                missing(role, message("data.no_column.feedback", trainer=trainer))
        add_system(columns, mapping)
        _used_twice(mapping, problems)
        return mapping

    pairwise = fmt == "pairwise" and not explicit["text"] and not explicit["rejected_text"]
    if pairwise:            # two answers and a label saying which is better: the label decides row by row
        explicit = {**explicit, "text": auto["text"], "rejected_text": auto["rejected_text"]}
        label = named("label", explicit["label"]) if explicit["label"] else auto["label"]
        if label:
            mapping["label"] = label
    chosen = named("text", explicit["text"]) if explicit["text"] else find_column(columns, "text", "chosen")
    if chosen:
        mapping["text"] = chosen
    elif not explicit["text"]:
        missing("text", message("data.no_column.chosen", trainer=trainer))
    if explicit["rejected_text"]:
        rejected = named("rejected_text", explicit["rejected_text"])
    else:
        rejected = find_column(columns, "rejected_text", "rejected")
        if not rejected:
            missing("rejected_text", message("data.no_column.rejected", trainer=trainer))
    if rejected:
        mapping["rejected_text"] = rejected
    if explicit["prompt"]:
        prompt = named("prompt", explicit["prompt"])
    else:   # none: dpo / orpo take the turns chosen and rejected share as the prompt (TRL's implicit prompt)
        prompt = auto.get("prompt") if fmt in ("prompt_preference", "pairwise") else find_column(columns, "prompt")
    if prompt:
        mapping["prompt"] = prompt
        add_system(columns, mapping)
    scores = next(((c, r) for c, r in SCORE_PAIRS if find_column(columns, c) and find_column(columns, r)), None)
    if scores and "label" not in mapping:   # UltraFeedback's score_chosen / score_rejected: a tie prefers nothing
        mapping["chosen_score"], mapping["rejected_score"] = (find_column(columns, n) for n in scores)
    _used_twice(mapping, problems)
    return mapping


# the two answers' scores beside a preference pair, as public sets name them
SCORE_PAIRS = (("score_chosen", "score_rejected"), ("chosen_score", "rejected_score"),
               ("chosen_rating", "rejected_rating"), ("rating_chosen", "rating_rejected"))


def _used_twice(mapping: dict[str, str], problems: list[Problem]) -> None:
    used = [c for c in mapping.values()]
    for col in sorted(set(used)):
        if used.count(col) > 1:
            roles = [r for r, c in mapping.items() if c == col]
            problems.append(Problem("error", message("data.column_twice", column=col, roles=joined(roles)),
                                    column=col))


# --------------------------------------------------------------------------------------------- public

_PAUSE_LOCK = threading.Lock()
_PAUSE = {"checks": 0, "was_on": False}


@contextlib.contextmanager
def collector_paused():
    """Python's cyclic garbage collector paused (a context manager, or a decorator). A check builds millions of small
    objects that hold no cycles; every full collection walks all of them (a second and more at a million rows, with
    the whole process, the app's other requests included, stopped) and frees nothing. Checks running at once share
    one pause; the last one out puts the collector back as it found it. Reference counting frees memory as always;
    a caller that lets a big check's rows go inside its own pause spares the collector walking them once after."""
    with _PAUSE_LOCK:
        if _PAUSE["checks"] == 0:
            _PAUSE["was_on"] = gc.isenabled()
            gc.disable()
        _PAUSE["checks"] += 1
    try:
        yield
    finally:
        with _PAUSE_LOCK:
            _PAUSE["checks"] -= 1
            if _PAUSE["checks"] == 0 and _PAUSE["was_on"]:
                gc.enable()


@collector_paused()
def prepare(source, trainer: str | None, *, text_column: str | None = None, rejected_text_column: str | None = None,
            prompt_text_column: str | None = None, label_column: str | None = None, chat_template: str | None = None,
            tokenizer=None, block_size: int | None = None, render=None,
            label_threshold: float | None = None, progress=None, on_read=None) -> tuple[list[dict], DataReport]:
    """Read `source` (a path or a DataFrame), map it for `trainer`, validate -> (examples, report).

    Examples are returned only when report.ok. trainer=None uses the recommended trainer. progress(fraction, key)
    hears how far the check is (key: the i18n key of the step, data.progress.*); on_read(table) sees the table as
    read, before the check lets it go (the page shows its first rows from it, so the file is read once).
    """
    def step(fraction: float, key: str) -> None:
        if progress is not None:
            progress(fraction, key)

    requested = template_mode(chat_template)
    report = DataReport(rows=0, rows_read=0, columns=[], format="unknown", file_type=_guess_type(source),
                        encoding=None, delimiter=None, mapping={}, problems=[], recommended_trainer="",
                        recommendation_reason="", source=_source_name(source), trainer=trainer,
                        chat_template=requested)
    problems = report.problems
    try:
        frame, info = read_source(source, progress=lambda done: step(0.7 * done, "data.progress.read"))
    except DataError as err:
        problems.append(Problem.from_error(err))
        return [], report
    if on_read is not None:
        on_read(frame)
    step(0.7, "data.progress.rows")
    report.file_type = info.get("file_type") or report.file_type
    report.encoding, report.delimiter = info.get("encoding"), info.get("delimiter")
    report.rows_read, report.columns = len(frame), [str(c) for c in frame.columns]
    problems.extend(Problem("warning", w) for w in info.get("warnings", []))
    fmt, auto = detect_shape(frame)
    tree = find_column(report.columns, "parent_id"), find_column(report.columns, "message_id")
    if all(tree) and fmt in ("text", "unknown"):
        # OpenAssistant's oasst1 / oasst2 as released: one message a row, threads kept by parent ids (a table of
        # prompts and answers that also keeps ids, a chat app's feedback log, reads as its shape)
        problems.append(Problem("error", message("data.message_tree", parent=tree[0], id=tree[1],
                                                 dataset="OpenAssistant oasst1"), column=tree[0]))
        return [], report
    report.format = fmt
    report.recommended_trainer, report.recommendation_reason = recommend(frame, fmt)
    report.suggested_rewards = verifiable_reward(frame, fmt)[0]
    trainer = report.trainer = trainer or report.recommended_trainer
    if trainer not in TRAINERS:
        problems.append(Problem("error", message("data.unknown_trainer", trainer=trainer, choices=", ".join(TRAINERS))))
        return [], report
    explicit = {"text": text_column, "rejected_text": rejected_text_column, "prompt": prompt_text_column,
                "label": label_column}
    if trainers_catalog.get(trainer).rows in ("text", "feedback") and rejected_text_column:
        problems.append(Problem("warning", message("data.rejected_flag_unused", trainer=trainer)))
    if trainers_catalog.get(trainer).rows != "feedback" and label_column and fmt != "pairwise":
        problems.append(Problem("warning", message("data.label_flag_unused", trainer=trainer)))
    if trainers_catalog.get(trainer).rows == "prompts":  # GRPO: prompts and their references (data/prompts.py)
        from autotrain_ui.core.data.prompts import prepare_prompts

        examples = prepare_prompts(frame, explicit, report, Rows(info.get("row_lines")))
        report.template_reason = message("template.auto_conversations", shape=message("data.shape.prompts"), loss="") \
            if requested == "auto" else template_reason(requested, True, "pairs", trainer)
        report.rows = len(examples) if report.ok else 0
        return (examples, report) if report.ok else ([], report)
    mapping = _choose_columns(report.columns, trainer, fmt, auto, explicit, problems, report.recommended_trainer)
    report.mapping = mapping
    if not report.ok:
        return [], report
    report.unused = unused_columns(report.columns, mapping, trainer)
    rows = Rows(info.get("row_lines"))
    columns = {role: Column(frame[col]) for role, col in mapping.items()}
    total = len(frame)
    del frame                 # the columns hold what is needed; the rest of the table can go
    keep = keep_rows(columns, rows, problems, total)
    if not report.ok:
        return [], report
    report.conversational = is_conversational(fmt, mapping, columns)
    report.plain_pairs = report.conversational and is_plain_pairs(fmt, mapping, columns)
    template = None if requested == "none" or (requested == "auto" and not report.conversational) else requested
    report.template_reason = template_reason(requested, report.conversational, fmt, trainer, report.plain_pairs)
    if trainers_catalog.trains_text(trainer):
        examples = build_lm(columns, keep, template, rows, problems, trainer, label_threshold)
    elif trainers_catalog.get(trainer).rows == "feedback":
        examples = build_feedback(columns, keep, template, rows, problems, label_threshold)
    else:
        examples = build_pairs(trainer, columns, keep, template, rows, problems)
    del columns
    too_few(examples, report.rows_read, problems)
    if rows.lines:
        for ex in examples:
            ex["_line"] = rows.lines[ex["_row"] - 1]
    report.rows = len(examples) if report.ok else 0
    step(0.9, "data.progress.duplicates")
    report.duplicates = duplicate_problem(examples, rows, problems)
    report.language = detect_language(examples)
    if tokenizer is not None and report.ok and examples:
        add_token_stats(report, examples, tokenizer, render, block_size)
    if not report.ok:
        report.rows = 0
        return [], report
    return examples, report


def add_token_stats(report: DataReport, examples: list[dict], tokenizer, render=None,
                    block_size: int | None = None) -> None:
    """Token lengths of the examples as the run renders them, and the rows the block size would cut."""
    try:
        report.token_stats, token_problems = token_stats(examples, tokenizer, render, block_size)
        report.problems.extend(token_problems)
    except Exception as err:  # noqa: BLE001 - counting tokens is advice; a failure is said, not raised
        report.problems.append(Problem("warning", message("data.tokens_failed", error_type=type(err).__name__,
                                                          error=str(err)[:200])))
    if not report.ok:
        report.rows = 0


MIN_SHARE = 0.05      # a file where fewer than 5% of its rows (of 20 or more) can train is an error, not a warning


def too_few(examples: list[dict], rows_read: int, problems: list[Problem]) -> None:
    """No silent wrong reading: when no row is left that can teach (or too few to be the file's point), the row
    problems that took the others away are errors, and one more line says so."""
    if any(p.level == "error" for p in problems):
        return
    if examples and not (rows_read >= 20 and len(examples) < MIN_SHARE * rows_read):
        return
    for k, p in enumerate(problems):
        if p.row is not None:
            problems[k] = Problem("error", Message(p.key, p.values) if p.key else p.message, row=p.row, line=p.line,
                                  column=p.column)
    problems.append(Problem("error", message("data.too_few_left" if examples else "data.nothing_left",
                                             n=len(examples), total=rows_read)))


def template_mode(chat_template: str | None) -> str:
    """The chat template asked for: 'auto' when not given, 'none' for text as it stands, or a template name."""
    if chat_template in AUTO_TEMPLATE:
        return "auto"
    return "none" if chat_template in NO_TEMPLATE else str(chat_template)


def is_conversational(fmt: str, mapping: dict[str, str], columns: dict[str, Column]) -> bool:
    """Do the mapped columns hold conversations (in any spelling) or prompt + answer pairs? Then an automatic
    template renders them as turns; plain prose stays as it is."""
    if fmt in CONVERSATION_FORMATS or fmt in PAIR_FORMATS or "prompt" in mapping or "messages" in mapping:
        return True
    for role in ("text", "rejected_text"):
        column = columns.get(role)
        if column is not None and (column.structured() or sample_kind(column.head(200)) != "text"):
            return True
    return False


def is_plain_pairs(fmt: str, mapping: dict[str, str], columns: dict[str, Column]) -> bool:
    """Rows that are a prompt and an answer in plain text, not conversations: a base model (no chat template) reads
    them joined as text, as TRL does; a chat model gets its template."""
    if fmt in CONVERSATION_FORMATS or "messages" in mapping or "instruction" in mapping:
        return False            # (Alpaca's text form is its own prompt format: the loss would fall on all of it)
    return not any(c.structured() or sample_kind(c.head(200)) != "text" for c in columns.values()
                   if c is not columns.get("label"))


def template_reason(requested: str, conversational: bool, fmt: str, trainer: str = "sft",
                    plain_pairs: bool = False) -> Message:
    """One line for the data check, the page and train.log: which template and why (English; render() says it in
    another language)."""
    if requested == "auto" and conversational and plain_pairs:
        shape = message(f"data.shape.{fmt}" if fmt in FORMAT_WORDS else "data.shape.other")
        return message("template.auto_pairs", shape=shape)
    if requested == "auto" and conversational:
        shape = message(f"data.shape.{fmt}" if fmt in FORMAT_WORDS else "data.shape.other")
        loss = message("template.loss_on_answers") if trainer == "sft" else ""
        return message("template.auto_conversations", shape=shape, loss=loss)
    if requested == "auto":
        return message("template.auto_plain")
    if requested == "none":
        return message("template.none")
    return message("template.chosen", template=requested)


def _shape_words(fmt: str):
    """A shape in a sentence, as the report's Format line says it ("a prompt with its answer")."""
    return message(f"data.format.{fmt}") if has(f"data.format.{fmt}") else fmt.replace("_", " ")


def _guess_type(source) -> str:
    if isinstance(source, HubRef) or (isinstance(source, str) and is_dataset_id(source)):
        return "hub"
    if not isinstance(source, (str, os.PathLike)):
        return "dataframe"
    suffix = Path(source).suffix.lower()
    return {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".parquet": "parquet"}.get(suffix, "csv")
