"""The data doctor: read a user's file, map its columns to a trainer, and say what is wrong before training.

`prepare` is the one function the training engine and the web app both call, so what the check accepts
trains and what it refuses never starts a job. `check_main` is `autotrain data check`.

Imports stay light (pandas, no torch/transformers/gradio at module level): the training subprocess and
the CLI import this module.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .data_examples import Column, Rows, build_lm, build_pairs, keep_rows
from .data_formats import detect_shape, find_column, parse_conversation, recommend
from .data_read import read_table, resolve_data_file
from .data_tokens import preview, token_stats
from .data_types import DataError, DataReport, Problem

__all__ = ["DataError", "Problem", "DataReport", "read_table", "resolve_data_file", "parse_conversation",
           "prepare", "preview", "recommend", "check_main", "TRAINERS"]

TRAINERS = ("default", "sft", "reward", "dpo", "orpo")
NO_TEMPLATE = (None, "", "none", "None", "null")
_FLAG = {"text": "--text-column", "rejected_text": "--rejected-text-column", "prompt": "--prompt-text-column"}


def _source_name(source) -> str | None:
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
            problems.append(Problem("warning", f"column '{name}' is spelled '{alt}' in the file; using '{alt}'.",
                                    column=alt))
            return alt
        problems.append(Problem("error", f"column '{name}' not found; the file has: {listing}. Pass "
                                         f"{_FLAG[role]} with one of these.", column=name))
        return None

    def missing(role: str, what: str) -> None:
        hint = ""
        if recommended != trainer and recommended in ("dpo", "reward", "sft"):
            hint = f" This file looks like {fmt.replace('_', ' ')} data: the {recommended} trainer fits it."
        problems.append(Problem(
            "error", f"no '{role}' column found{what}; the file has: {listing}. Name the column with "
                     f"{_FLAG[role]} (one of: {listing}), or rename it to '{role}'.{hint}", column=role))

    mapping: dict[str, str] = {}
    if trainer in ("default", "sft"):
        if explicit["text"]:
            col = named("text", explicit["text"])
            if col:
                mapping["text"] = col
        elif find_column(columns, "text"):
            mapping["text"] = find_column(columns, "text")
        elif fmt in ("messages", "sharegpt", "alpaca"):
            mapping.update(auto)
        else:
            missing("text", "")
        return mapping

    chosen = named("text", explicit["text"]) if explicit["text"] else find_column(columns, "text", "chosen")
    if chosen:
        mapping["text"] = chosen
    elif not explicit["text"]:
        missing("text", f" (the chosen answer; {trainer} needs a chosen and a rejected answer per row)")
    if explicit["rejected_text"]:
        rejected = named("rejected_text", explicit["rejected_text"])
    else:
        rejected = find_column(columns, "rejected_text", "rejected")
        if not rejected:
            missing("rejected_text", f" (the rejected answer; {trainer} needs a rejected answer next to each "
                                     "chosen one)")
    if rejected:
        mapping["rejected_text"] = rejected
    if explicit["prompt"]:
        prompt = named("prompt", explicit["prompt"])
    else:
        prompt = find_column(columns, "prompt")
        if not prompt and trainer in ("dpo", "orpo"):
            missing("prompt", f" ({trainer} needs a prompt, a chosen and a rejected answer per row)")
    if prompt:
        mapping["prompt"] = prompt
    used = [c for c in mapping.values()]
    for col in set(used):
        if used.count(col) > 1:
            roles = [r for r, c in mapping.items() if c == col]
            problems.append(Problem("error", f"column '{col}' is used for both {' and '.join(roles)}; each role "
                                             "needs its own column.", column=col))
    return mapping


# --------------------------------------------------------------------------------------------- public

def prepare(source, trainer: str | None, *, text_column: str | None = None, rejected_text_column: str | None = None,
            prompt_text_column: str | None = None, chat_template: str | None = None, tokenizer=None,
            block_size: int | None = None, render=None) -> tuple[list[dict], DataReport]:
    """Read `source` (a path or a DataFrame), map it for `trainer`, validate -> (examples, report).

    Examples are returned only when report.ok. trainer=None uses the recommended trainer.
    """
    template = None if chat_template in NO_TEMPLATE else str(chat_template)
    report = DataReport(rows=0, rows_read=0, columns=[], format="unknown", file_type=_guess_type(source),
                        encoding=None, delimiter=None, mapping={}, problems=[], recommended_trainer="",
                        recommendation_reason="", source=_source_name(source), trainer=trainer,
                        chat_template=template)
    problems = report.problems
    try:
        frame, info = read_table(source)
    except DataError as err:
        problems.append(Problem.from_error(err))
        return [], report
    report.file_type = info.get("file_type") or report.file_type
    report.encoding, report.delimiter = info.get("encoding"), info.get("delimiter")
    report.rows_read, report.columns = len(frame), [str(c) for c in frame.columns]
    problems.extend(Problem("warning", w) for w in info.get("warnings", []))
    fmt, auto = detect_shape(frame)
    report.format = fmt
    report.recommended_trainer, report.recommendation_reason = recommend(frame, fmt)
    trainer = report.trainer = trainer or report.recommended_trainer
    if trainer not in TRAINERS:
        problems.append(Problem("error", f"trainer '{trainer}' is not one of {', '.join(TRAINERS)}."))
        return [], report
    explicit = {"text": text_column, "rejected_text": rejected_text_column, "prompt": prompt_text_column}
    if trainer in ("default", "sft") and prompt_text_column:
        problems.append(Problem("warning", f"--prompt-text-column is not used by the {trainer} trainer."))
    if trainer in ("default", "sft") and rejected_text_column:
        problems.append(Problem("warning", f"--rejected-text-column is not used by the {trainer} trainer."))
    mapping = _choose_columns(report.columns, trainer, fmt, auto, explicit, problems, report.recommended_trainer)
    report.mapping = mapping
    if not report.ok:
        return [], report
    rows = Rows(info.get("row_lines"))
    columns = {role: Column(frame[col]) for role, col in mapping.items()}
    total = len(frame)
    del frame                 # the columns hold what is needed; the rest of the table can go
    keep = keep_rows(columns, rows, problems, total)
    if not report.ok:
        return [], report
    if trainer in ("default", "sft"):
        examples = build_lm(columns, keep, template, rows, problems)
    else:
        examples = build_pairs(trainer, columns, keep, template, rows, problems)
    del columns
    if rows.lines:
        for ex in examples:
            ex["_line"] = rows.lines[ex["_row"] - 1]
    report.rows = len(examples) if report.ok else 0
    if tokenizer is not None and report.ok and examples:
        try:
            report.token_stats, token_problems = token_stats(examples, tokenizer, render, block_size)
            problems.extend(token_problems)
        except Exception as err:  # noqa: BLE001 - counting tokens is advice; a failure is said, not raised
            problems.append(Problem("warning", f"token lengths not computed ({type(err).__name__}: "
                                               f"{str(err)[:200]})."))
    if not report.ok:
        report.rows = 0
        return [], report
    return examples, report


def _guess_type(source) -> str:
    if not isinstance(source, (str, os.PathLike)):
        return "dataframe"
    suffix = Path(source).suffix.lower()
    return {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".parquet": "parquet"}.get(suffix, "csv")


# -------------------------------------------------------------------------------------------- the CLI

def _load_tokenizer(args):
    """The engine's tokenizer and render function (it knows the offline models and the chat templates)."""
    from autotrain_ui.params import LLMParams
    from trainers.common import tokenizer_and_render

    params = LLMParams(model=args.model, trainer=args.trainer or "sft", chat_template=args.chat_template)
    return tokenizer_and_render(params)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="autotrain data check",
                                description="Check a data file before training: prints a report; exit 0 when it "
                                            "can train (warnings allowed), 2 when it cannot.")
    p.add_argument("file", help="CSV, JSONL, JSON or Parquet file (or a folder holding <split>.csv ...)")
    p.add_argument("--trainer", choices=TRAINERS, default=None, help="default: the recommended one")
    p.add_argument("--text-column", "--text_column", dest="text_column", default=None)
    p.add_argument("--rejected-text-column", "--rejected_text_column", dest="rejected_text_column", default=None)
    p.add_argument("--prompt-text-column", "--prompt_text_column", dest="prompt_text_column", default=None)
    p.add_argument("--chat-template", "--chat_template", dest="chat_template", default=None)
    p.add_argument("--model", default=None, help="count tokens with this model's tokenizer")
    p.add_argument("--block-size", "--block_size", dest="block_size", type=int, default=None)
    p.add_argument("--train-split", "--train_split", dest="train_split", default="train",
                   help="which file of a folder to check (train -> train.csv, ...)")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    return p


def check_main(argv: list[str] | None = None) -> int:
    """`autotrain data check FILE --trainer T ...` -> exit code (0 can train, 2 cannot)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["check"]:
        argv = argv[1:]
    try:
        args = _parser().parse_args(argv)
    except SystemExit as stop:                 # argparse already printed the usage line
        return int(stop.code or 0) if not isinstance(stop.code, str) else 2
    extra: list[Problem] = []
    try:
        path = resolve_data_file(args.file, args.train_split) if Path(args.file).is_dir() else args.file
    except DataError as err:
        print(f"Problems:\n  ERROR   {err}\nResult:      cannot train")
        return 2
    tokenizer = render = None
    if args.model:
        try:
            tokenizer, render = _load_tokenizer(args)
        except Exception as err:  # noqa: BLE001 - any loading failure is reported, not raised
            extra.append(Problem("warning", f"token lengths not computed: could not load the tokenizer of "
                                            f"'{args.model}' ({type(err).__name__}: {str(err)[:200]})."))
    try:
        _, report = prepare(path, args.trainer, text_column=args.text_column,
                            rejected_text_column=args.rejected_text_column,
                            prompt_text_column=args.prompt_text_column, chat_template=args.chat_template,
                            tokenizer=tokenizer, block_size=args.block_size, render=render)
    except Exception as err:  # noqa: BLE001 - a bug of ours: one line, no traceback for the user
        if os.environ.get("AUTOTRAIN_DEBUG"):
            raise
        print(f"internal error while checking {args.file}: {type(err).__name__}: {err}. Please report it "
              "(set AUTOTRAIN_DEBUG=1 for details).", file=sys.stderr)
        return 1
    report.problems.extend(extra)
    if args.json:
        import json
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(report.to_text())
    return 0 if report.ok else 2


if __name__ == "__main__":
    sys.exit(check_main())
