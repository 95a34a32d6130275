"""The API scripts drive with gradio_client (and `autotrain llm --backend spaces-*`): `/submit`, `/status`,
`/retry`, `/chat`, `/cancel`, `/resume`, `/jobs`. The caller is who their session says (on a Space: signed in with
the Sign-in button, the session cookie sent along), or, for a script, whose Hub token it sent as the app's OAuth
token (`Client(space, token=t, oauth_token=t)`; ui/actions.caller). They are served and refused as the page would
serve and refuse them (ui/actions.job_for): a job they may not see is a job that does not exist.
`wire(registry)` is called inside the page's Blocks, after the tabs."""

from __future__ import annotations

import json
import math

import gradio as gr
from starlette.requests import Request

from autotrain_ui import access, chat
from autotrain_ui.hub import space_jobs
from autotrain_ui.jobs import Registry
from autotrain_ui.job_errors import JobStateError, SubmitError
from autotrain_ui.core.params import LLMParams, ParamError
from autotrain_ui.ui.actions import caller, fitted, job_for, may, request_caller, retry_job, submit_job


STATUS_PATH = "/autotrain/status"


def job_status(registry: Registry, user: str | None, job_id: str) -> dict:
    """What `/status` and `GET /autotrain/status?job=ID` answer `user` (ui/actions.job_for decides): the job's status
    (Registry.status, cached per job), or, for a job that does not exist or is not theirs, one answer that says no
    more than that (a script following a job not yet adopted keeps waiting)."""
    job, refused = job_for(registry, user, space_jobs.registry_id(registry, job_id), asked=job_id)
    if job is None:
        return {"id": job_id, "status": "unknown", "error": {"message": refused}}
    return registry.status(job["id"])


def add_status_route(app, registry: Registry) -> None:
    """`GET /autotrain/status?job=ID`: /status's answer, under the same guard, as plain JSON on the app's own server.
    A poll through Gradio's API costs the app ~18-26 ms of CPU (its request, session and event machinery), this one
    ~1.5 ms, so fifty pollers no longer take a share of a core from the job they watch (bench/bench_load.py). The
    caller is their Sign-in session or, on a Space, the Hub token sent as a bearer token (actions.request_caller)."""
    from fastapi.responses import Response

    def status(request: Request, job: str = ""):  # a plain def: run in the server's thread pool, off the event loop
        answer = job_status(registry, request_caller(request), job)
        return Response(json.dumps(_finite(answer), default=str), status_code=404 if answer["status"] == "unknown"
                        else 200, media_type="application/json", headers={"Cache-Control": "no-store"})

    app.add_api_route(STATUS_PATH, status, methods=["GET"], include_in_schema=False)


def _finite(value):
    """JSON has no NaN or infinity (a run's loss can be either): null instead, which every JSON reader takes."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(v) for v in value]
    return value


def wire(registry: Registry) -> None:
    """The hidden components `/submit` reads and writes, and the endpoints."""
    _wire_submit(registry)
    _wire_jobs(registry)


def _wire_submit(registry: Registry) -> None:
    api_file = gr.File(visible=False)
    api_settings = gr.Textbox(visible=False)
    api_out = gr.Textbox(visible=False)

    def api_submit(profile: gr.OAuthProfile | None, oauth_token: gr.OAuthToken | None, data_file,
                   settings_json: str) -> str:
        """Queue a training job: a data file and the parameters as JSON (names as in config.json); with no file,
        "data_path": "OWNER/NAME" (and "data_config", "train_split") trains on a Hub dataset, read with the caller's
        token."""
        user = caller(profile, oauth_token)
        refused = may(user)
        if refused:  # on a Space: only a signed-in allowed user (scripts without a session use `--backend spaces-*`)
            raise gr.Error(refused)
        settings = json.loads(settings_json or "{}")
        path = data_file if isinstance(data_file, str) else getattr(data_file, "name", None)
        owner = access.job_owner_name(user)
        try:
            return submit_job(registry, path, LLMParams.from_dict(fitted(path, settings)), owner=owner,
                              oauth_token=oauth_token)
        except (SubmitError, ParamError) as exc:
            raise gr.Error(str(exc)) from None

    api_settings.submit(api_submit, [api_file, api_settings], api_out, api_name="submit")


def _wire_jobs(registry: Registry) -> None:
    def seen(profile, oauth_token, job_id: str, manage: bool = False) -> dict:
        """The job when this caller may see it (and act on it, with manage), else the refusal as a gr.Error."""
        job, refused = job_for(registry, caller(profile, oauth_token), space_jobs.registry_id(registry, job_id),
                               manage=manage, asked=job_id)
        if refused:
            raise gr.Error(refused)
        return job

    def status(profile: gr.OAuthProfile | None, oauth_token: gr.OAuthToken | None, job_id: str) -> dict:
        """A job's status, progress (step, total_steps), last metrics and error (message, hint). Also takes the id
        `autotrain llm --backend spaces-*` printed for a job it sent to this Space. The same answer, cheaper to
        poll: `GET /autotrain/status?job=ID`."""
        return job_status(registry, caller(profile, oauth_token), job_id)

    def act(profile, oauth_token, job_id: str, action) -> str:
        """`action(job_id)` when this caller may act on the job; a refusal or a refused state as a gr.Error."""
        job_id = seen(profile, oauth_token, job_id, manage=True)["id"]
        try:
            return action(job_id)
        except (KeyError, JobStateError) as exc:
            raise gr.Error(str(exc).strip("'\"")) from None

    def cancel(profile: gr.OAuthProfile | None, oauth_token: gr.OAuthToken | None, job_id: str) -> str:
        """Ask a job to stop at its next step and save; the whole process group is killed after a grace period."""
        return act(profile, oauth_token, job_id, registry.cancel)

    def resume(profile: gr.OAuthProfile | None, oauth_token: gr.OAuthToken | None, job_id: str) -> str:
        """Put a failed, cancelled or interrupted job back in the queue; it continues from its last checkpoint.
        A succeeded job is refused (resuming would retrain it and overwrite its model)."""
        return act(profile, oauth_token, job_id, registry.resume)

    def jobs(profile: gr.OAuthProfile | None, oauth_token: gr.OAuthToken | None) -> list:
        """The caller's jobs (a Space's owner: every job; outside a Space: every job), newest first."""
        user = caller(profile, oauth_token)
        return [registry.status(j["id"]) for j in access.visible_jobs(registry.list_jobs(), user)]

    def retry(profile: gr.OAuthProfile | None, oauth_token: gr.OAuthToken | None, job_id: str) -> str:
        """Resubmit a failed job with the one settings change its failure suggested (or a succeeded job that did
        not learn, with its verdict's change); returns the new job id."""
        job_id = seen(profile, oauth_token, job_id, manage=True)["id"]
        try:
            return retry_job(registry, job_id)
        except (SubmitError, ParamError, KeyError) as exc:
            raise gr.Error(str(exc)) from None

    def reply(profile: gr.OAuthProfile | None, oauth_token: gr.OAuthToken | None, job_id: str, prompt: str,
              compare: bool = False, max_new_tokens: int = 128, temperature: float = 0.0) -> dict:
        """A finished job's model answers one prompt (and the base model too with compare). `device` and `note`
        say where it was written: on the CPU while a job trains on this machine's GPU."""
        job = seen(profile, oauth_token, job_id)
        try:
            loaded, placed = chat.load_for(registry, registry.project(job))
        except chat.ChatError as exc:
            raise gr.Error(str(exc)) from None
        out = {"device": placed.device, "note": placed.message()}
        for side, base in [("tuned", False)] + ([("base", True)] if compare else []):
            *_, out[side] = chat.stream(loaded, [{"role": "user", "content": prompt}], base=base,
                                        max_new_tokens=max_new_tokens, temperature=temperature)
        return out

    gr.api(status, api_name="status", queue=False)  # a poll never waits behind uploads and chats in the queue
    gr.api(retry, api_name="retry")
    gr.api(reply, api_name="chat", concurrency_limit=1, concurrency_id="chat")
    gr.api(cancel, api_name="cancel")
    gr.api(resume, api_name="resume")
    gr.api(jobs, api_name="jobs")
