"""`autotrain export PROJECT --format merged|gguf|ollama [--quant ...] [--push]`: a finished project made ready to run
elsewhere (autotrain_ui/export.py), with progress printed as it goes."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from autotrain_ui import gguf_export
from autotrain_ui.core.i18n import text
from autotrain_ui.export import DEFAULT_QUANTS, ExportError, export


def _list(value: str) -> list[str]:
    return [v.strip().lower() for v in value.split(",") if v.strip()]


def export_main(argv: list[str], out=None) -> int:
    out = out or sys.stdout
    parser = argparse.ArgumentParser(prog="autotrain export", description="Export a finished project: merged "
                                     "weights, GGUF files for llama.cpp / LM Studio, an Ollama Modelfile.")
    parser.add_argument("project", help="the project folder (holds config.json and model/)")
    parser.add_argument("--format", action="append", default=None, metavar="{merged,gguf,ollama}",
                        help="what to make; repeat or give a comma list (default: gguf)")
    parser.add_argument("--quant", default=",".join(DEFAULT_QUANTS),
                        help=f"GGUF quantisations, a comma list of {', '.join(gguf_export.QUANTS)} (default: f16,q8_0;"
                             " q4_k_m, q5_k_m and q6_k need llama-cpp-python)")
    parser.add_argument("--push", action="store_true", help="send gguf/ and the model card to the model repo "
                        "(token from HF_TOKEN or `hf auth login`)")
    parser.add_argument("--username", help="user or organisation of the model repo (default: the run's --username, "
                        "else the token's user)")
    args = parser.parse_args(argv)
    formats = [f for value in (args.format or ["gguf"]) for f in _list(value)]

    def progress(fraction, msg):
        print(f"  {msg}", file=out, flush=True)

    print(f"Exporting {Path(args.project).name} ({', '.join(formats)}) ...", file=out, flush=True)
    try:
        result = export(args.project, formats, _list(args.quant), progress)
    except ExportError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 1
    for note in result.notes:
        print(f"note: {note}", file=out)
    for path in result.files:
        print(f"  {path}", file=out)
    if args.push:
        from autotrain_ui.hub import PushError, push_export

        if not result.gguf:
            print(text("cli.export_push_needs_gguf"), file=sys.stderr)
            return 2
        try:
            url = push_export(result.project, None, username=args.username)
        except PushError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        print(f"Pushed gguf/ to {url}", file=out, flush=True)
    return 0
