"""What the page's tabs and the script API (ui/api.py) both do and say: submit a job, retry a failed one, fit the
API's settings to the data, who may act, a refused action in the visitor's language, and the job pickers'
choices. One place, so the page and a script are refused and served alike."""

from __future__ import annotations


from autotrain_ui import access, hub
from autotrain_ui.job_status import retry_change
from autotrain_ui.jobs import Registry
from autotrain_ui.job_errors import SubmitError
from autotrain_ui.core.params import LLMParams
from autotrain_ui.ui import form
from autotrain_ui.ui.strings import table, text


def submit_job(registry: Registry, data_file: str | None, settings: dict, owner: str | None = None,
               oauth_token=None, warnings: list | None = None, hub_split: dict | None = None) -> str:
    """One job from a data file (or `hub_split`: the Hub dataset's split the data tab read, {dataset, revision,
    config, split}) and settings; SubmitError/ParamError say what to change. With push on, the job pushes as the
    signed-in user (or HF_TOKEN), to their namespace unless a username is given; a Hub dataset is read with the
    visitor's token (hub.client.reading_token). `warnings` receives what the pre-launch checks warned of."""
    from autotrain_ui.core.data.hub import is_dataset_id

    params = form.to_params(settings) if not isinstance(settings, LLMParams) else settings
    if hub_split:
        params, data_file = form.on_hub_split(params, hub_split), None
    if not data_file and not is_dataset_id(params.data_path):
        raise SubmitError(text("no_file"))
    if params.push_to_hub and not params.username and owner and owner != access.LOCAL_USER:
        params = LLMParams.from_dict({**params.to_dict(), "username": owner})
    token = hub.resolve_token(None, oauth_token) if params.push_to_hub else None
    if not data_file:
        token = token or hub.reading_token(oauth_token)
    return registry.submit(params, data_file, owner=owner, token=token, warnings=warnings)


def caller(profile, oauth_token=None) -> str | None:
    """Who is asking: the signed-in visitor (their session, as Gradio hands it over); on a Space, a script with no
    session is who the Hub says its token belongs to, when it sent that token for the app to act with
    (gradio_client's `oauth_token=`, which Gradio hands over as a gr.OAuthToken). Else nobody."""
    user = access.username_of(profile)
    if user or oauth_token is None or not access.on_space():
        return user
    return hub.token_user(getattr(oauth_token, "token", None))


def request_caller(request) -> str | None:
    """Who asks one of the app's own routes (a Starlette request): the signed-in visitor (the Sign-in session, as
    for a page), else on a Space whose Hub token it sent as `Authorization: Bearer <token>` (a script's; the Hub
    says whose, remembered a while by the token's hash). Else nobody."""
    user = access.user_from_request(request)
    if user or not access.on_space():
        return user
    scheme, _, token = (request.headers.get("authorization") or "").partition(" ")
    return hub.token_user(token.strip()) if scheme.lower() == "bearer" and token.strip() else None


def job_for(registry: Registry, profile, job_id: str | None, manage: bool = False, lang: str = "en",
            asked: str | None = None) -> tuple[dict | None, str]:
    """The check every handler that takes a job id makes, page and API alike: (the job, '') when the visitor may
    see it (and act on it, with `manage`), else (None, why not). A job the visitor may not see is answered as one
    that does not exist, so an id, guessed or seen elsewhere, tells them nothing (access.py holds the rule). `asked`:
    the id as the caller wrote it, when it was a name or a CLI id looked up (the refusal says that one)."""
    user = access.username_of(profile)
    job = registry.get(job_id) if job_id else None
    if job is None or not access.can_see_job(user, job["owner"]):
        return None, text("no_job", lang, id=asked or job_id)
    if manage and not access.can_manage_job(user, job["owner"]):
        words = table(lang)
        return None, access.read_only_message(user, table=words) or access.say("access_not_your_job", words)
    return job, ""


def may(profile, registry: Registry | None = None, job_id: str | None = None, lang: str = "en") -> str:
    """'' when the visitor may train (with a job: may act on that job), else the message saying why not (in the
    visitor's language)."""
    if registry is not None and job_id:
        return job_for(registry, profile, job_id, manage=True, lang=lang)[1]
    user = access.username_of(profile)
    return "" if access.can_train(user) else access.read_only_message(user, table=table(lang))


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
    from autotrain_ui import suggest
    from autotrain_ui.core import data

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
    params = registry.settings(registry.get(job_id))
    token = hub.resolve_token() if params.get("push_to_hub") else None
    return registry.retry(job_id, change, token=token)


def job_choices(registry: Registry, profile=None) -> list[tuple[str, str]]:
    jobs = access.visible_jobs(registry.list_jobs(), access.username_of(profile))
    return [(j["name"], j["id"]) for j in jobs]  # no status here: the choices are not redrawn when it changes
