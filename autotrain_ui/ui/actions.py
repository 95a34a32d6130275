"""What the page's tabs and the script API (ui/api.py) both do and say: submit a job, retry a failed one, fit the
API's settings to the data, who may act, a refused action in the visitor's language, and the job pickers'
choices. One place, so the page and a script are refused and served alike."""

from __future__ import annotations

import json
import os

from autotrain_ui import access, hub
from autotrain_ui.jobs import Registry, SubmitError, retry_change
from autotrain_ui.params import LLMParams
from autotrain_ui.ui import form
from autotrain_ui.ui.strings import table, text


def submit_job(registry: Registry, data_file: str | None, settings: dict, owner: str | None = None,
               oauth_token=None, warnings: list | None = None) -> str:
    """One job from a data file and settings; SubmitError/ParamError say what to change. With push on, the job
    pushes as the signed-in user (or HF_TOKEN), to their namespace unless a username is given. `warnings` receives
    what the pre-launch checks warned of."""
    if not data_file:
        raise SubmitError(text("no_file"))
    params = form.to_params(settings) if not isinstance(settings, LLMParams) else settings
    if params.push_to_hub and not params.username and owner and owner != access.LOCAL_USER:
        params = LLMParams.from_dict({**params.to_dict(), "username": owner})
    token = hub.resolve_token(None, oauth_token) if params.push_to_hub else None
    return registry.submit(params, data_file, owner=owner, token=token, warnings=warnings)


def may(profile, job_owner: str | None = None, registry: Registry | None = None, job_id: str | None = None,
        lang: str = "en") -> str:
    """'' when the visitor may act (on this job), else the message saying why not (in the visitor's language)."""
    user = access.username_of(profile)
    words = table(lang)
    if registry is not None and job_id:
        job = registry.get(job_id)
        job_owner = job["owner"] if job else None
        if job and not access.can_manage_job(user, job_owner):
            return access.read_only_message(user, table=words) or access.say("access_not_your_job", words)
    return "" if access.can_train(user) else access.read_only_message(user, table=words)


def refusal(exc: Exception, lang: str) -> str:
    """A refused action (JobStateError, CheckpointError: a key and values) in the visitor's language; the job's
    state in that language's words too."""
    key, values = getattr(exc, "key", None), dict(getattr(exc, "values", None) or {})
    if not key:
        return str(exc).strip("'\"")
    if "status" in values:
        values["status"] = text(f"state_{values['status']}", lang) if f"state_{values['status']}" in table(lang) \
            else values["status"]
    return text(key, lang, **values)


def fitted(path: str | None, settings: dict) -> dict:
    """The API's settings with every one not given fitted to the data, as the page fills them after an upload
    (suggest.py): `{}` trains what pressing Train right after the same upload trains."""
    from autotrain_ui import data, suggest

    if not path:
        return settings
    _, report = data.prepare(path, settings.get("trainer"), text_column=settings.get("text_column"),
                             rejected_text_column=settings.get("rejected_text_column"),
                             prompt_text_column=settings.get("prompt_text_column"),
                             label_column=settings.get("label_column"), chat_template=settings.get("chat_template"),
                             label_threshold=settings.get("label_threshold"))
    return suggest.fill(settings, report)


def retry_job(registry: Registry, job_id: str) -> str:
    """The failed job again, with the change its error suggested (error.json's `retry`); or a job that succeeded
    without learning, with the change its verdict suggests."""
    status = registry.status(job_id)
    change = retry_change(status)
    if not change:
        raise SubmitError(f"Job {job_id} has no suggested change to retry with.")
    params = json.loads(registry.get(job_id)["params"])
    token = os.environ.get("HF_TOKEN") if params.get("push_to_hub") else None
    return registry.retry(job_id, change, token=token)


def job_choices(registry: Registry, profile=None) -> list[tuple[str, str]]:
    jobs = access.visible_jobs(registry.list_jobs(), access.username_of(profile))
    return [(j["name"], j["id"]) for j in jobs]  # no status here: the choices are not redrawn when it changes
