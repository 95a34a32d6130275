"""Pushing a finished job from the app: after it succeeds (when the run asked for --push-to-hub), or later from
the Runs view. The push runs in a background thread; PROJECT/push.json says where it stands (pushing, pushed
with the repo's address, or failed with the reason and how to retry), so a reload or a restart still shows it.
The token is passed in memory only; push.json never holds it.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

from autotrain_ui import hub, runner
from autotrain_ui.core.hub_client import kept
from autotrain_ui.core.i18n import message, render, text
from autotrain_ui.core.jsonfile import read_json, write_json

STATE = "push.json"


_UNSAVED: dict[str, dict] = {}   # project -> a state its full disk could not take: shown from memory instead


def state(project: str | Path) -> dict | None:
    """Where the push stands. A push whose app process is gone (killed, restarted) is said as failed, so the Push
    button comes back."""
    value = _UNSAVED.get(str(Path(project))) or read_json(Path(project) / STATE)
    if value and value.get("status") == "pushing" and value.get("pstart") \
            and runner.process_start(value.get("pid", 0)) != value["pstart"]:
        return {"status": "failed", "kind": "interrupted", "message": str(message("push.interrupted"))}
    return value


def _pushing() -> dict:
    """The state of a push that runs now, with the process that runs it (gone: the push was cut off)."""
    return {"status": "pushing", "started": time.time(), "pid": os.getpid(),
            "pstart": runner.process_start(os.getpid())}


def _write(project: Path, value: dict) -> None:
    """push.json, or, when the disk is full, memory: a push never stops (or hides its outcome) for want of room."""
    try:
        write_json(project / STATE, value)
        _UNSAVED.pop(str(Path(project)), None)
    except OSError:
        _UNSAVED[str(Path(project))] = value


def push_job(project: str | Path, token: str | None, *, private: bool = True, username: str | None = None) -> dict:
    """Push now (blocking) and record the outcome in push.json; returns that record."""
    project = Path(project)
    _write(project, _pushing())
    try:
        url = hub.push(project, None, token, private=private, username=username)
        outcome = {"status": "pushed", "url": url, "finished": time.time()}
    except hub.PushError as exc:
        outcome = {"status": "failed", "message": hub.scrub(str(exc), token), "said": kept(exc.args[0], token),
                   "kind": exc.kind, "finished": time.time()}
    _write(project, outcome)
    return outcome


def hold(project: str | Path) -> None:
    """The run asked to be pushed but did not learn: nothing is sent; push.json says so until a person presses Push."""
    _write(Path(project), {"status": "held", "finished": time.time()})


def push_in_background(project: str | Path, token: str | None, **kwargs) -> threading.Thread:
    (Path(project) / STATE).unlink(missing_ok=True)  # room for the new state, even on a full disk
    _write(Path(project), _pushing())  # shown at once, before the thread runs
    thread = threading.Thread(target=push_job, args=(project, token), kwargs=kwargs, name="autotrain-push", daemon=True)
    thread.start()
    return thread


def markdown(value: dict | None, lang: str = "en") -> str:
    """Where the push stands, in `lang`: the reason for a failure too (the Hub's own words inside it stay as the Hub
    gave them)."""
    if not value:
        return ""
    key = {"pushing": "push.state.pushing", "pushed": "push.state.pushed",
           "held": "push.state.held"}.get(value["status"], "push.state.failed")
    return text(key, lang, url=value.get("url", ""), message=render(value.get("said") or value.get("message", ""), lang))
