"""`autotrain llm ...`: the spec's flags (generated from params.py): train here or on a Space, talk to a result
(--inference), --deploy a chat Space."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from autotrain_ui.core import trainers_catalog
from autotrain_ui.core.hub_client import resolve_token
from autotrain_ui.core.events import shown
from autotrain_ui.core.i18n import message, text
from autotrain_ui.core.jsonfile import read_json
from autotrain_ui.core.params import LLMParams, ParamError, coerce


NO = "--no-"  # --no-peft: a yes/no setting turned off


def build_llm_parser() -> argparse.ArgumentParser:
    from autotrain_ui.core.i18n import message

    parser = argparse.ArgumentParser(prog="autotrain llm", description="Fine-tune an LLM on a CSV or JSONL file.")
    for f in LLMParams.schema():
        meta = f.metadata
        kwargs = {"dest": f.name, "help": meta["help"], "default": argparse.SUPPRESS}
        if str(f.type) == "bool":
            # AutoTrain's bare switch (--peft) still says yes; a value says either (--peft false, read strictly by
            # coerce), and --no-<flag> says no: a default that something else turns on (grpo's LoRA) can be refused
            kwargs.update(nargs="?", const=True, metavar="yes|no")
            if meta["group"] != "action":
                parser.add_argument(NO + meta["flags"][0][2:], dest=f.name, action="store_false",
                                    default=argparse.SUPPRESS, help=str(message("params.no_flag", flag=meta["flags"][0])))
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
        raise ParamError(message("params.required", flags=", ".join(missing)))
    if values.get("trainer") == "grpo" and "peft" not in values:
        values["peft"] = True  # GRPO trains a LoRA adapter unless told otherwise: sampling is the run's cost already
    params = LLMParams(**{name: coerce(fields[name], value) for name, value in values.items()})
    spec = trainers_catalog.get(params.trainer)
    if spec and spec.prompt_lengths and "max_prompt_length" not in values \
            and params.max_prompt_length >= params.effective_block_size:
        # the default prompt length (128) does not fit a small --block-size: half of it goes to the prompt
        params.max_prompt_length = params.effective_block_size // 2
        print(text("cli.prompt_length_fitted", prompt=params.max_prompt_length, block=params.effective_block_size),
              file=sys.stderr)
    return params


def _fail(message: str, code: int = 2) -> int:
    print(f"error: {message}", file=sys.stderr)
    return code


def llm_main(argv: list[str]) -> int:
    try:
        params = parse_llm_args(argv)
    except ParamError as exc:
        return _fail(str(exc))
    if params.inference:
        from autotrain_ui.chat import inference_main

        return inference_main(params)
    if not (params.train or params.deploy):
        return _fail(text("cli.nothing_to_do"))
    if not params.train:
        return deploy_main(params)
    return train_foreground(params)


def deploy_main(params: LLMParams, model_id: str | None = None) -> int:
    """`--deploy`: the private chat Space for <username>/<project-name> (or `model_id`), made or updated; prints its
    address."""
    from autotrain_ui.hub.deploy import DeployError, deploy, describe
    from autotrain_ui.core.hub_client import stored_token

    token = params.token or stored_token()
    if not token:
        return _fail(str(message("deploy.needs_token")))
    if model_id is None and not params.username:  # the repo is the token's user's
        from autotrain_ui.hub import describe_hub_error
        from autotrain_ui.core.hub_client import client

        try:
            params.username = client(token).whoami()["name"]
        except Exception as exc:  # noqa: BLE001 - a wrong token or no network: said in one sentence
            return _fail(str(message("deploy.failed", step=message("deploy.step.token"),
                                     error=describe_hub_error(exc, token))), code=1)
    model_id = model_id or f"{params.username}/{params.project_name}"
    print(text("cli.deploying", model=model_id), flush=True)
    try:
        print(describe(deploy(model_id, token)), flush=True)
    except DeployError as exc:
        return _fail(str(exc), code=1)
    return 0


def train_foreground(params: LLMParams) -> int:
    from autotrain_ui.preflight import preflight
    from autotrain_ui.core.events import Tail
    from autotrain_ui.runner import Machines, ProjectError, create_project, launch, read_error, stop

    if params.backend != "local-cli":
        return _train_on_space(params)
    token = resolve_token(params.token)
    check = preflight(params, token=token)
    for warning in check.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    for note in check.notes:
        print(note, flush=True)
    if not check.ok:
        return _fail("\n  ".join(["cannot start training:", *check.errors]))
    try:
        project = create_project(Path.cwd(), params, check.data_files)
    except (ProjectError, OSError) as exc:
        return _fail(str(exc))
    print(text("cli.training", trainer=params.trainer, model=params.model, project=str(project),
               log=str(project / "train.log")), flush=True)
    proc = launch(project, token=token, num_processes=params.num_processes, machines=Machines.of(params))
    events, seen = Tail(project / "events.jsonl"), []
    try:
        while proc.poll() is None:
            seen += _print_events(events.read_events())
            time.sleep(1.0)
    except KeyboardInterrupt:
        print(text("cli.stopping"), file=sys.stderr)
        stop(proc)
    seen += _print_events(events.read_events())
    if params.machine_rank > 0:  # machine 0 writes the events, the model and the verdict; this one only trained

        print(str(message("cli.other_machine_done", rank=params.machine_rank, code=proc.returncode)), flush=True)
        return 0 if proc.returncode == 0 else 1
    if proc.returncode != 0:
        error = read_error(project)
        if error:
            return _fail(f"{error['message']} {error.get('hint', '')}".strip(), code=1)
        return _fail(text("cli.training_exited", code=proc.returncode, log=str(project / "train.log")), code=1)
    found, finished = _verdict(project, params, seen)
    code = 0
    if params.push_to_hub and finished:
        code = _push(project, params, token, found)
    _print_verdict(project, found, finished)  # the last line: did it learn
    return code


def _push(project: Path, params: LLMParams, token: str | None, found) -> int:
    """--push-to-hub after a run that ended on its own; a run that did not learn is not pushed on its own (the
    exit code stays 0: the run itself worked)."""
    from autotrain_ui.coach import holds_push
    from autotrain_ui.hub import PushError, push

    if holds_push(found.learned if found else None):
        print(message("push.held", project=str(project)), flush=True)
        return 0
    print(text("cli.pushing", repo=f"{params.username}/{params.project_name}"), flush=True)
    try:
        url = push(project, params, token)
    except PushError as exc:
        return _fail(str(exc), code=1)
    print(f"Pushed: {url}", flush=True)
    if params.deploy:
        return deploy_main(params, f"{params.username}/{params.project_name}")
    return 0


def read_status(project: Path) -> dict | None:
    return read_json(project / "status.json")


def _train_on_space(params: LLMParams) -> int:
    """`--backend spaces-*`: check the settings and data here, then send the job to the user's copy of the app
    on a Space of that hardware (autotrain_ui/hub/spaces.py). Nothing trains on this machine."""
    from autotrain_ui.hardware import flavour_for_backend
    from autotrain_ui.preflight import preflight
    from autotrain_ui.hub.spaces import SpacesError, launch

    check = preflight(params, token=resolve_token(params.token))
    for warning in check.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if not check.ok:
        return _fail("\n  ".join(["cannot start training:", *check.errors]))
    flavour = flavour_for_backend(params.backend)
    if not params.push_to_hub:
        print(text("cli.space_no_push"), file=sys.stderr)
    try:
        job = launch(params, check.data_files, resolve_token(params.token))
    except SpacesError as exc:
        return _fail(str(exc), code=1)
    print(text("cli.space_sent", id=job.job_id, which=message("cli.space_new" if job.created else "cli.space_yours"),
               url=job.url, hardware=flavour.describe(), follow=job.follow_command()), flush=True)
    return 0


def _verdict(project: Path, params: LLMParams, events: list[dict]):
    """The coach's verdict on the run, and whether it ended on its own (not stopped by Ctrl-C)."""
    from autotrain_ui.coach import verdict

    finished = (read_status(project) or {}).get("status", "succeeded") == "succeeded"
    return verdict(events, params.to_dict(), read_json(project / "report.json"), finished=finished), finished


def _print_verdict(project: Path, found, finished: bool) -> None:
    """The verdict, last: "Done." only when the loss fell; otherwise what happened, in plain words, and the one
    change to try."""
    if found is None or found.learned or not finished:
        print(f"{found.message}\n" if found else "", end="")
        print(text("cli.done", folder=str(project / "model")), flush=True)
        return
    print(text("cli.done_but", folder=str(project / "model"), verdict=found.message), flush=True)


def _print_events(events: list[dict]) -> list[dict]:
    for e in events:
        parts = [f"step {e.get('step')}/{e.get('total_steps', '?')}"]
        for key, fmt in (("loss", "loss {:.4f}"), ("eval_loss", "eval_loss {:.4f}"), ("learning_rate", "lr {:.2e}"),
                         ("reward", "reward {:.3f}"), ("tokens_per_second", "{:.0f} tok/s"),
                         ("eta_s", "eta {:.0f}s")):
            if e.get(key) is not None:
                parts.append(fmt.format(shown(e[key]) if key in ("loss", "eval_loss") else e[key]))
        print("  " + ", ".join(parts), flush=True)
    return events
