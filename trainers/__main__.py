"""`python -m trainers --config PROJECT/config.json`: one training run, started by `accelerate launch` (several
processes) or by the runner itself with the same environment (one process: autotrain_ui/runner.py launch_plan).

On failure it writes PROJECT/error.json ({kind, message, hint}), prints the same plain paragraph to
stderr, and exits non-zero; the traceback goes to train.log (this process's stdout/stderr) only.
Whatever the outcome, rank 0 writes PROJECT/status.json ({status: succeeded|failed|cancelled, exit_code,
finished_at, peak_memory_gb, cpu_s}) last: the app may not be this process's parent (after a restart), so it reads the outcome there.
"""

import argparse
import gc
import importlib
import json
import os
import sys
import time
import traceback
from pathlib import Path

from trainers.dist import is_main_process

def main(argv=None, own_process: bool = False) -> int:
    """One run. `own_process`: this process runs nothing else (`python -m trainers`), so the libraries loaded before
    the run may be frozen out of the garbage collector's sight for good; not so where a test calls main() in the
    test's process (tests/conftest.py run_in_process)."""
    parser = argparse.ArgumentParser(prog="python -m trainers")
    parser.add_argument("--config", required=True, help="the run's config.json, inside its project folder")
    parser.add_argument("--resume", action="store_true", help="continue from the project's latest checkpoint")
    started = time.time()
    args = parser.parse_args(argv)
    config = Path(args.config).resolve()
    project_dir = config.parent
    params = None
    try:
        from autotrain_ui.core import trainers_catalog
        from autotrain_ui.core.params import LLMParams

        dropped = []
        params = LLMParams.load(config, dropped)
        if dropped:  # written by an older version: say what is left out, then run
            from autotrain_ui.core.i18n import message

            print(message("queue.old_settings", path=str(config), keys=", ".join(dropped)), flush=True)
        from transformers import set_seed

        from trainers.arguments import tracker_environment
        from trainers.dist import bind_device
        from trainers.scope import mark, run_scope

        with run_scope() as run:  # the run's global changes (signal handler, environment, attention) end with it
            os.environ.setdefault("TRL_EXPERIMENTAL_SILENCE", "1")  # before TRL is imported (ORPO is experimental)
            mark("process_started", started)
            mark("libraries_imported")
            bind_device()  # this rank's GPU first: a memory or capability query must not open a context on GPU 0
            set_seed(params.seed)  # before the model and the LoRA weights are made: the same seed, the same run
            params = resolve_chat_template(params, config)
            os.environ.update(tracker_environment(params, project_dir))  # undone with the scope
            mark("template_chosen")
            trainer = importlib.import_module(f"trainers.{trainers_catalog.get(params.trainer).recipe}")
            if own_process:  # the libraries are loaded and live as long as the process: out of the collector's
                gc.freeze()  # sight, the full collection the Trainer runs as training starts need not scan them (0.2 s)
            trainer.run(params, project_dir, resume=args.resume)
        _write_status(project_dir, "cancelled" if run.cancelled else "succeeded", 0)
        return 0
    except Exception as exc:  # every failure becomes error.json + a plain paragraph
        traceback.print_exc()
        from trainers.errors import classify_error, free_partial_writes

        info = classify_error(exc, params)
        if info["kind"] == "disk_full":
            free_partial_writes(project_dir)
        if is_main_process():
            (project_dir / "error.json").write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
        print(f"\nERROR ({info['kind']}): {info['message']} {info['hint']}".rstrip(), file=sys.stderr, flush=True)
        _write_status(project_dir, "failed", 1)
        return 1


def resolve_chat_template(params, config: Path):
    """No --chat-template given: choose it from the data and the model's tokenizer (templates.choose), say which and
    why in train.log, and write the choice into config.json, so the chat tab, the model card and a resume all see
    the template this run used."""
    from autotrain_ui.core.templates import choose

    if params.chat_template is not None:
        print(f"chat template: {params.chat_template} (chosen with --chat-template)", flush=True)
        return params
    from transformers import AutoTokenizer

    from autotrain_ui.core.data import prepare
    from trainers.examples import data_source
    from autotrain_ui.core.models import model_path

    _, report = prepare(data_source(params, config.parent, params.train_split), params.trainer,
                        text_column=params.text_column, rejected_text_column=params.rejected_text_column,
                        prompt_text_column=params.prompt_text_column, label_column=params.label_column,
                        label_threshold=params.label_threshold)
    if not report.ok:
        return params  # loading the data says what is wrong, in the trainer's own words
    template, why = choose(None, report.conversational, AutoTokenizer.from_pretrained(model_path(params.model)),
                           report.plain_pairs)
    print(f"chat template: {template} ({why})", flush=True)
    params.chat_template = template
    if is_main_process():
        tmp = config.with_suffix(".json.tmp")
        params.save(tmp)
        os.replace(tmp, config)
    return params


def _write_status(project_dir: Path, status: str, code: int) -> None:
    if not is_main_process():
        return
    from autotrain_ui.core.jsonfile import write_json

    write_json(project_dir / "status.json", {"status": status, "exit_code": code, "finished_at": time.time(),
                                             "peak_memory_gb": _peak_memory_gb(), "cpu_s": _cpu_seconds()}, None)


def _cpu_seconds() -> float:
    """CPU time this process used (user + system, its threads together): beside the wall time, it tells a run slowed
    by other work on a shared machine from a slow run."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return round(usage.ru_utime + usage.ru_stime, 1)


def _peak_memory_gb() -> float | None:
    """The most memory this run held, for the estimate beside the run (autotrain_ui/core/estimate.py): the GPU's reserved
    peak on a GPU, else this process's peak resident memory."""
    try:
        import torch

        if torch.cuda.is_available() and torch.cuda.is_initialized():
            return round(torch.cuda.max_memory_reserved() / 1024 ** 3, 2)
        import resource

        return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 ** 2, 2)  # KiB on Linux
    except Exception:  # noqa: BLE001 - a figure for the record only; the status must be written whatever happens
        return None


if __name__ == "__main__":
    sys.exit(main(own_process=True))
