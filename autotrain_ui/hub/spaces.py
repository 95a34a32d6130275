"""`autotrain llm --train --backend spaces-<flavour> ...`: train on a Hugging Face Space instead of here.

`launch()` makes (or reuses) the user's private copy of this app as a Docker Space, `<user>/autotrain-ui`,
on the chosen hardware, stores the token as the Space's HF_TOKEN secret, and commits the job to the Space's
repo as

    jobs/<job-id>/job.json       who, when, which hardware, whether to drop back to CPU afterwards
    jobs/<job-id>/config.json    the run's parameters (LLMParams.to_dict(): never a token), data_path "data"
    jobs/<job-id>/data/<split>.<ext>

The commit restarts the Space; at start-up the app adopts every job it has not seen yet (hub/space_jobs.py,
the Space's side), so the job starts by itself once the Space is up on that hardware.

A copy is made by duplicating AUTOTRAIN_SOURCE_SPACE when that is set (and readable), else by creating a
Docker Space and uploading this installation's own app files (app.py, Dockerfile, requirements.txt,
README.md, autotrain_ui/, trainers/).
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from autotrain_ui import hardware
from autotrain_ui.core.hub_client import client, describe_hub_error, hub_endpoint, scrub, space_exists
from autotrain_ui.core.i18n import message, text
from autotrain_ui.core.params import LLMParams
from autotrain_ui.core.events import shown

log = logging.getLogger(__name__)

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SPACE_NAME = "autotrain-ui"
JOBS_DIR = "jobs"
APP_FILES = ("app.py", "Dockerfile", "requirements.txt", "README.md", "pyproject.toml", "Makefile")
APP_DIRS = ("autotrain_ui", "trainers", "examples")


class SpacesError(Exception):
    """The job could not be sent to a Space; the message says why and what to do. Nothing ran anywhere."""


@dataclass
class SpaceLaunch:
    space_id: str
    url: str                 # the Space's page on the Hub
    app_url: str             # where the app itself answers (gradio_client takes the space_id too)
    job_id: str
    flavour: str
    created: bool            # a new Space was made (False: an existing one was reused)
    hardware_requested: bool # the Hub was asked to move the Space to `flavour`

    def follow_command(self) -> str:
        return f"autotrain jobs show --space {self.space_id} {self.job_id}"


def new_job_id(project_name: str) -> str:
    return f"{project_name}-{time.strftime('%Y%m%d-%H%M%S')}-{secrets.token_hex(2)}"


def app_files(root: Path = REPO_ROOT) -> list[tuple[str, Path]]:
    """This installation's app, as files to put in a fresh Space."""
    out = [(name, root / name) for name in APP_FILES if (root / name).is_file()]
    for folder in APP_DIRS:
        for path in sorted((root / folder).rglob("*")) if (root / folder).is_dir() else []:
            rel = path.relative_to(root).as_posix()
            if path.is_file() and "__pycache__" not in rel and not path.name.endswith((".pyc", ".pyo")) \
                    and not any(part.startswith(".") for part in path.relative_to(root).parts):
                out.append((rel, path))
    return out


def job_files(params: LLMParams, data_files: dict[str, Path], job_id: str, meta: dict) -> list[tuple[str, bytes | Path]]:
    """The job as files under jobs/<job_id>/ (the config never holds a token: LLMParams.to_dict() drops it)."""
    base = f"{JOBS_DIR}/{job_id}"
    config = {**params.to_dict(), "data_path": "data"}
    out: list[tuple[str, bytes | Path]] = [
        (f"{base}/config.json", (json.dumps(config, indent=2) + "\n").encode()),
        (f"{base}/job.json", (json.dumps({"job_id": job_id, **meta}, indent=2) + "\n").encode()),
    ]
    for split, path in data_files.items():
        out.append((f"{base}/data/{split}{Path(path).suffix.lower()}", Path(path)))
    return out


def launch(params: LLMParams, data_files: dict[str, Path], token: str | None, *, space_name: str | None = None,
           source_space: str | None = None, drop_to_cpu_after: bool = True) -> SpaceLaunch:
    """Send a job to the user's private copy of this app on the flavour `params.backend` names (see module doc)."""
    flavour = hardware.flavour_for_backend(params.backend)
    if not token:
        raise SpacesError(message("spaces.needs_token"))
    missing = [str(p) for p in data_files.values() if not Path(p).is_file()]
    if missing:
        raise SpacesError(message("spaces.data_missing", files=", ".join(missing)))
    api = client(token)
    source_space = source_space if source_space is not None else os.environ.get("AUTOTRAIN_SOURCE_SPACE") or None
    space_name = space_name or os.environ.get("AUTOTRAIN_SPACE_NAME") or DEFAULT_SPACE_NAME
    step = message("deploy.step.token")
    try:
        user = api.whoami()["name"]
        space_id = space_name if "/" in space_name else f"{user}/{space_name}"
        job_id = new_job_id(params.project_name)
        meta = {"submitted_by": user, "submitted_at": time.time(), "flavour": flavour.name, "backend": params.backend,
                "drop_to_cpu_after": drop_to_cpu_after}
        operations_files = job_files(params, data_files, job_id, meta)
        secret = [{"key": "HF_TOKEN", "value": token, "description": "used by AutoTrain UI to push models"}]
        created, requested = False, False
        step = message("spaces.step.look_up", space=space_id)
        if not space_exists(api, space_id):
            created = requested = True
            if source_space and space_exists(api, source_space):
                step = message("spaces.step.duplicate", source=source_space, space=space_id)
                api.duplicate_repo(source_space, space_id, repo_type="space", private=True,
                                   space_hardware=flavour.name, space_secrets=secret)
            else:
                step = message("deploy.step.create", space=space_id)
                api.create_repo(space_id, repo_type="space", space_sdk="docker", private=True,
                                space_hardware=flavour.name, space_secrets=secret)
                operations_files = [*app_files(), *operations_files]
        else:
            step = message("spaces.step.secret", space=space_id)
            api.add_space_secret(space_id, "HF_TOKEN", token, description=secret[0]["description"])
            step = message("spaces.step.read_hardware", space=space_id)
            runtime = api.get_space_runtime(space_id)
            if flavour.name not in (runtime.hardware, runtime.requested_hardware):
                step = message("deploy.step.hardware", space=space_id, flavour=flavour.name)
                api.request_space_hardware(space_id, flavour.name)
                requested = True
        step = message("spaces.step.upload", space=space_id)
        from huggingface_hub import CommitOperationAdd

        operations = [CommitOperationAdd(path_in_repo=rel, path_or_fileobj=src if isinstance(src, bytes) else str(src))
                      for rel, src in operations_files]
        api.create_commit(space_id, operations, repo_type="space",
                          commit_message=f"AutoTrain job {job_id} ({params.trainer} on {params.model})")
    except SpacesError:
        raise
    except Exception as exc:
        raise SpacesError(message("spaces.failed", step=step, error=describe_hub_error(exc, token))) from exc
    endpoint = hub_endpoint()
    return SpaceLaunch(space_id=space_id, url=f"{endpoint}/spaces/{space_id}",
                       app_url=f"https://{space_id.replace('/', '-').replace('_', '-').replace('.', '-').lower()}.hf.space",
                       job_id=job_id, flavour=flavour.name, created=created, hardware_requested=requested)


def follow(space_id: str, job_id: str, token: str | None = None, *, interval: float = 10.0, once: bool = False,
           out=print) -> int:
    """`autotrain jobs show --space USER/SPACE ID`: print the job's status through the app's API (`status`
    endpoint) until it ends. Returns 0 when it succeeded, 1 otherwise. The token goes twice: to reach a private
    Space, and to the endpoint as the app's OAuth token, which tells the app who asks (it shows a job only to its
    owner and the Space's owner)."""
    from gradio_client import Client

    try:
        client = Client(space_id, token=token, oauth_token=token, verbose=False)
    except Exception as exc:
        out(scrub(text("cli.space_unreachable", space=space_id, error=str(exc)), token))
        return 1
    last = None
    while True:
        try:
            status = client.predict(job_id, api_name="/status")
        except Exception as exc:
            out(scrub(text("cli.space_no_answer", id=job_id, error=str(exc)), token))
            return 1
        if isinstance(status, str):
            try:
                status = json.loads(status)
            except ValueError:
                status = {"status": status}
        line = _status_line(status)
        if line != last:
            out(line)
            last = line
        state = (status or {}).get("status")
        if once or state in ("succeeded", "failed", "cancelled", "interrupted", "not_found"):
            return 0 if state == "succeeded" else 1
        time.sleep(interval)


def _status_line(status: dict) -> str:
    status = status or {}
    parts = [f"{status.get('status', '?')}"]
    progress = status.get("progress") or {}
    if isinstance(progress, dict) and progress.get("step") is not None:
        parts.append(f"step {progress.get('step')}/{progress.get('total_steps', '?')}")
    metrics = status.get("metrics") or status.get("last_metrics") or {}
    if isinstance(metrics, dict) and metrics.get("loss") is not None:
        parts.append(f"loss {shown(metrics['loss']):.4f}")
    if status.get("error"):
        error = status["error"]
        parts.append(error.get("message", str(error)) if isinstance(error, dict) else str(error))
    verdict = status.get("verdict")
    if status.get("status") == "succeeded" and isinstance(verdict, dict) and verdict.get("message"):
        parts.append(verdict["message"])  # did it learn (the coach's verdict), with the change to try
    if status.get("hub_url"):
        parts.append(status["hub_url"])
    return "  ".join(parts)
