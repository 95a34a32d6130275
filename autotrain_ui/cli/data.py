"""`autotrain data check FILE ...`: the data doctor's report in a terminal (exit 0: it can train, 2: it cannot).
With --model, the tokens are counted by the engine's own tokenizer and template (trainers/examples.py): the one
place the data side meets the training side, which is why this lives in cli/ and not in data/."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from autotrain_ui.core.data import TRAINERS, DataError, Problem, add_token_stats, prepare, resolve_data_file
from autotrain_ui.core.data.hub import HubRef, is_dataset_id
from autotrain_ui.core.data.tokens import preview_rows
from autotrain_ui.core.i18n import message


def _load_tokenizer(args, report):
    """The engine's tokenizer, render function and template choice (it knows the offline models and templates)."""
    from autotrain_ui.core.params import LLMParams
    from autotrain_ui.core.render import tokenizer_and_render

    params = LLMParams(model=args.model, trainer=report.trainer or "sft", chat_template=args.chat_template)
    return tokenizer_and_render(params, report.conversational, report.plain_pairs)


def _model_advice(report, model: str | None) -> dict | None:
    """A model that knows the rows' language, when the one checked with (--model, else the default) does not."""
    if not report.ok or not report.language:
        return None
    from autotrain_ui.core.params import LLMParams
    from autotrain_ui.suggest import model_advice

    return model_advice(report.language, model or LLMParams().model)


def preview_text(rows: list[dict]) -> str:
    """The preview rows for the terminal: each field on one line, as JSON text (a line break shows as \\n)."""
    import json

    lines = [f"Preview:     {message('data.preview_heading')}"]
    for k, row in enumerate(rows, 1):
        lines.append(f"  {k}.")
        lines.extend(f"    {key + ':':11} {json.dumps(value, ensure_ascii=False)}" for key, value in row.items())
    return "\n".join(lines)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="autotrain data check",
                                description="Check a data file before training: prints a report; exit 0 when it "
                                            "can train (warnings allowed), 2 when it cannot.")
    p.add_argument("file", help="CSV, JSONL, JSON or Parquet file (or a folder holding <split>.csv ..., or a Hub "
                   "dataset OWNER/NAME: its --train-split of --data-config, read whole)")
    p.add_argument("--data-config", "--data_config", dest="data_config", default=None,
                   help="a Hub dataset's config (subset); default: the first it lists")
    p.add_argument("--data-revision", "--data_revision", dest="data_revision", default=None,
                   help="a Hub dataset's branch, tag or commit; default: its main branch")
    p.add_argument("--trainer", choices=TRAINERS, default=None, help="default: the recommended one")
    p.add_argument("--text-column", "--text_column", dest="text_column", default=None)
    p.add_argument("--rejected-text-column", "--rejected_text_column", dest="rejected_text_column", default=None)
    p.add_argument("--prompt-text-column", "--prompt_text_column", dest="prompt_text_column", default=None)
    p.add_argument("--label-column", "--label_column", dest="label_column", default=None,
                   help="kto: the column saying whether each answer is good or bad")
    p.add_argument("--label-threshold", "--label_threshold", dest="label_threshold", type=float, default=None,
                   help="kto: a rating column's answers from this rating on count as good")
    p.add_argument("--chat-template", "--chat_template", dest="chat_template", default=None)
    p.add_argument("--model", default=None, help="count tokens with this model's tokenizer")
    p.add_argument("--block-size", "--block_size", dest="block_size", type=int, default=None)
    p.add_argument("--train-split", "--train_split", dest="train_split", default="train",
                   help="which file of a folder to check (train -> train.csv, ...)")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--preview", type=int, default=0, metavar="N",
                   help="add the first N rows as the model will see them (with --model: rendered by its tokenizer "
                        "and template): input/target, prompt/chosen/rejected or prompt/completion/label")
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
    try:
        path = resolve_data_file(args.file, args.train_split) if Path(args.file).is_dir() else args.file
        if is_dataset_id(args.file):          # the same reading as --data-path OWNER/NAME (data/hub.py)
            path = HubRef(args.file, args.data_revision, args.data_config, args.train_split)
    except DataError as err:
        print(f"Problems:\n  ERROR   {err}\nResult:      cannot train")
        return 2
    try:
        examples, report = prepare(path, args.trainer, text_column=args.text_column,
                                   rejected_text_column=args.rejected_text_column,
                                   prompt_text_column=args.prompt_text_column, label_column=args.label_column,
                                   chat_template=args.chat_template, label_threshold=args.label_threshold)
        tokenizer = render = None
        if args.model and report.ok:
            try:
                tokenizer, render, (template, why) = _load_tokenizer(args, report)
            except Exception as err:  # noqa: BLE001 - any loading failure is reported, not raised
                report.problems.append(Problem("warning", message("data.tokenizer_failed", model=args.model,
                                                                  error_type=type(err).__name__,
                                                                  error=str(err)[:200])))
            else:
                report.template_reason = f"{template} ({why})"
                add_token_stats(report, examples, tokenizer, render, args.block_size)
        rows = preview_rows(examples, report.trainer, render, tokenizer, n=args.preview,
                            block_size=args.block_size) if args.preview > 0 and report.ok else None
    except Exception as err:  # noqa: BLE001 - a bug of ours: one line, no traceback for the user
        if os.environ.get("AUTOTRAIN_DEBUG"):
            raise
        print(f"internal error while checking {args.file}: {type(err).__name__}: {err}. Please report it "
              "(set AUTOTRAIN_DEBUG=1 for details).", file=sys.stderr)
        return 1
    advice = _model_advice(report, args.model)
    if args.json:
        import json
        out = report.to_dict()
        if rows is not None:
            out["preview"] = rows
        if advice is not None:
            out["model_advice"] = advice
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        print(report.to_text())
        if advice is not None:
            print(f"Model:       {advice['reason']}" + (f"\n             --model {advice['proposal']}"
                                                       if advice["proposal"] else ""))
        if rows is not None:
            print(preview_text(rows))
    return 0 if report.ok else 2


if __name__ == "__main__":
    sys.exit(check_main())
