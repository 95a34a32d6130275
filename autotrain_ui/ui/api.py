"""The API scripts drive with gradio_client (and `autotrain llm --backend spaces-*`): `/submit`, `/status`,
`/retry`, `/chat`, `/cancel`, `/resume`, `/jobs`. Refused as the page refuses (ui/actions.py), with the reason as
the error. `wire(registry)` is called inside the page's Blocks, after the tabs."""

from __future__ import annotations

import json

import gradio as gr

from autotrain_ui import chat
from autotrain_ui.hub import spaces as spaces_backend
from autotrain_ui.jobs import JobStateError, Registry, SubmitError
from autotrain_ui.params import LLMParams, ParamError
from autotrain_ui.ui.actions import fitted, may, retry_job, submit_job


def wire(registry: Registry) -> None:
    """The hidden components `/submit` reads and writes, and the endpoints."""
    _wire_submit(registry)
    _wire_jobs(registry)


def _wire_submit(registry: Registry) -> None:
    api_file = gr.File(visible=False)
    api_settings = gr.Textbox(visible=False)
    api_out = gr.Textbox(visible=False)

    def api_submit(data_file, settings_json: str) -> str:
        """Queue a training job: a data file and the parameters as JSON (names as in config.json)."""
        refused = may(None)
        if refused:  # on a Space, jobs start from the page, signed in (scripts use `--backend spaces-*`)
            raise gr.Error(refused)
        settings = json.loads(settings_json or "{}")
        path = data_file if isinstance(data_file, str) else getattr(data_file, "name", None)
        try:
            return submit_job(registry, path, LLMParams.from_dict(fitted(path, settings)))
        except (SubmitError, ParamError) as exc:
            raise gr.Error(str(exc)) from None

    api_settings.submit(api_submit, [api_file, api_settings], api_out, api_name="submit")


STATUS_PATH = "/autotrain/status"


def job_status(registry: Registry, job_id: str) -> dict:
    """What `/status` answers, and `GET /autotrain/status?job=ID` the same."""
    return registry.status(spaces_backend.registry_id(registry, job_id))


def add_status_route(app, registry: Registry) -> None:
    """`GET /autotrain/status?job=ID`: /status's answer as plain JSON on the app's own server, outside Gradio. A poll
    through Gradio's API costs the app ~20 ms of CPU (its request, session and event machinery), this one ~1 ms:
    fifty scripts polling every 2 s no longer take a core from the job they watch (bench/bench_load.py)."""
    from fastapi.responses import JSONResponse

    def status(job: str):  # a plain def: FastAPI runs it in its thread pool, off the event loop
        return JSONResponse(job_status(registry, job), headers={"Cache-Control": "no-store"})

    app.add_api_route(STATUS_PATH, status, methods=["GET"], include_in_schema=False)


def _wire_jobs(registry: Registry) -> None:
    def status(job_id: str) -> dict:
        """A job's status, progress (step, total_steps), last metrics and error (message, hint). Also takes the id
        `autotrain llm --backend spaces-*` printed for a job it sent to this Space. The same answer, cheaper to
        poll: GET /autotrain/status?job=ID."""
        return job_status(registry, job_id)

    def act(job_id: str, action) -> str:
        """`action(job_id)` when this caller may act on the job; a refusal or a refused state as a gr.Error."""
        refused = may(None, registry=registry, job_id=job_id)
        if refused:
            raise gr.Error(refused)
        try:
            return action(job_id)
        except (KeyError, JobStateError) as exc:
            raise gr.Error(str(exc).strip("'\"")) from None

    def cancel(job_id: str) -> str:
        """Ask a job to stop at its next step and save; the whole process group is killed after a grace period."""
        return act(job_id, registry.cancel)

    def resume(job_id: str) -> str:
        """Put a failed, cancelled or interrupted job back in the queue; it continues from its last checkpoint.
        A succeeded job is refused (resuming would retrain it and overwrite its model)."""
        return act(job_id, registry.resume)

    def jobs() -> list:
        """Every job, newest first."""
        return [registry.status(j["id"]) for j in registry.list_jobs()]

    def retry(job_id: str) -> str:
        """Resubmit a failed job with the one settings change its failure suggested (or a succeeded job that did
        not learn, with its verdict's change); returns the new job id."""
        refused = may(None, registry=registry, job_id=job_id)
        if refused:
            raise gr.Error(refused)
        try:
            return retry_job(registry, job_id)
        except (SubmitError, ParamError, KeyError) as exc:
            raise gr.Error(str(exc)) from None

    def reply(job_id: str, prompt: str, compare: bool = False, max_new_tokens: int = 128,
              temperature: float = 0.0) -> dict:
        """A finished job's model answers one prompt (and the base model too with compare). `device` and `note`
        say where it was written: on the CPU while a job trains on this machine's GPU."""
        job = registry.get(job_id)
        if job is None:
            raise gr.Error(f"There is no job {job_id}.")
        try:
            loaded, placed = chat.load_for(registry, registry.project(job))
        except chat.ChatError as exc:
            raise gr.Error(str(exc)) from None
        out = {"device": placed.device, "note": placed.message()}
        for side, base in [("tuned", False)] + ([("base", True)] if compare else []):
            *_, out[side] = chat.stream(loaded, [{"role": "user", "content": prompt}], base=base,
                                        max_new_tokens=max_new_tokens, temperature=temperature)
        return out

    # outside the queue: the answer is cached per job (Registry.status), and a poll that waits behind uploads and
    # chats in the queue, or pays the queue's own cost, is what made fifty polling pages slow (bench/bench_load.py)
    gr.api(status, api_name="status", queue=False)
    gr.api(retry, api_name="retry")
    gr.api(reply, api_name="chat", concurrency_limit=1, concurrency_id="chat")
    gr.api(cancel, api_name="cancel")
    gr.api(resume, api_name="resume")
    gr.api(jobs, api_name="jobs")
