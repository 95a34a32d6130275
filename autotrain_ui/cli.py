"""`autotrain llm ...` (the spec's flags, generated from params.py), `autotrain data check ...`, `autotrain app`."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from autotrain_ui.params import LLMParams, ParamError, coerce


def build_llm_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="autotrain llm", description="Fine-tune an LLM on a CSV or JSONL file.")
    for f in LLMParams.schema():
        meta = f.metadata
        kwargs = {"dest": f.name, "help": meta["help"], "default": argparse.SUPPRESS}
        if str(f.type) == "bool":
            kwargs["action"] = "store_true"
        else:
            kwargs["metavar"] = f.name.upper()
            if meta["choices"]:
                kwargs["metavar"] = "{" + ",".join(meta["choices"]) + "}"
        parser.add_argument(*meta["flags"], **kwargs)
    return parser


def parse_llm_args(argv: list[str]) -> LLMParams:
    """The spec's command line -> LLMParams (ParamError on a bad value or combination)."""
    parser = build_llm_parser()
    values = vars(parser.parse_args(argv))
    fields = {f.name: f for f in LLMParams.schema()}
    missing = [fields[n].metadata["flags"][0] for n, f in fields.items() if f.metadata["required_cli"] and n not in values]
    if missing and values.get("train"):
        raise ParamError(f"{', '.join(missing)} is required: it names the output folder and the Hub repo.")
    return LLMParams(**{name: coerce(fields[name], value) for name, value in values.items()})


def _fail(message: str, code: int = 2) -> int:
    print(f"error: {message}", file=sys.stderr)
    return code


def llm_main(argv: list[str]) -> int:
    try:
        params = parse_llm_args(argv)
    except ParamError as exc:
        return _fail(str(exc))
    if params.inference:
        return _fail("--inference is not available yet in this version; load PROJECT/model with transformers.")
    if not (params.train or params.deploy):
        return _fail("nothing to do: add --train to train a model (see `autotrain llm --help`).")
    return train_foreground(params)


def train_foreground(params: LLMParams) -> int:
    from autotrain_ui.preflight import preflight
    from autotrain_ui.runner import ProjectError, Tail, create_project, launch, read_error, stop

    check = preflight(params)
    for warning in check.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if not check.ok:
        return _fail("\n  ".join(["cannot start training:", *check.errors]))
    token = params.token or os.environ.get("HF_TOKEN")
    try:
        project = create_project(Path.cwd(), params, check.data_files)
    except (ProjectError, OSError) as exc:
        return _fail(str(exc))
    print(f"Training {params.trainer} on {params.model} -> {project}  (log: {project / 'train.log'})", flush=True)
    proc = launch(project, token=token)
    events = Tail(project / "events.jsonl")
    try:
        while proc.poll() is None:
            _print_events(events.read_events())
            time.sleep(1.0)
    except KeyboardInterrupt:
        print("\nStopping: the run saves at the next step ...", file=sys.stderr)
        stop(proc)
    _print_events(events.read_events())
    if proc.returncode != 0:
        error = read_error(project)
        if error:
            return _fail(f"{error['message']} {error.get('hint', '')}".strip(), code=1)
        return _fail(f"training exited with code {proc.returncode}; see {project / 'train.log'}", code=1)
    print(f"Done. The model is in {project / 'model'}", flush=True)
    return 0


def _print_events(events: list[dict]) -> None:
    for e in events:
        parts = [f"step {e.get('step')}/{e.get('total_steps', '?')}"]
        for key, fmt in (("loss", "loss {:.4f}"), ("eval_loss", "eval_loss {:.4f}"), ("learning_rate", "lr {:.2e}"),
                         ("tokens_per_second", "{:.0f} tok/s"), ("eta_s", "eta {:.0f}s")):
            if e.get(key) is not None:
                parts.append(fmt.format(e[key]))
        print("  " + ", ".join(parts), flush=True)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    usage = "usage: autotrain {llm,data,app} ...\n  autotrain llm --train ...      train (the spec's flags)\n" \
            "  autotrain data check FILE ...  check a data file\n  autotrain app                  start the web app"
    if not argv or argv[0] in ("-h", "--help"):
        print(usage)
        return 0
    command, rest = argv[0], argv[1:]
    if command == "llm":
        return llm_main(rest)
    if command == "data" and rest[:1] == ["check"]:
        from autotrain_ui.data import check_main

        return check_main(rest[1:])
    if command == "app":
        from autotrain_ui.app import main as app_main

        return app_main(rest)
    print(usage, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
