"""The Runs tab's buttons that act on the chosen job: Cancel, Resume, Push, Deploy, Retry with the suggested
change, the checkpoint a finished job keeps, and Train again (the job's settings and data back in the form).
Each is refused with the reason when the visitor may not act (ui/actions.py). Kept apart from runs_tab.py, which
builds the tab and its live view: together they would be one module doing two jobs."""

from __future__ import annotations


import gradio as gr

from autotrain_ui import access, chat, hub
from autotrain_ui.core import checkpoints
from autotrain_ui.hub import deploy, publish
from autotrain_ui.job_status import retry_change
from autotrain_ui.job_errors import JobStateError, SubmitError
from autotrain_ui.core.params import ParamError
from autotrain_ui.ui import data_tab, runs_tab, served, train_tab
from autotrain_ui.ui.actions import job_choices, job_for, may, refusal, retry_job
from autotrain_ui.ui.strings import lang_of, table, text


def wire(c: dict, registry) -> None:
    """Cancel and Resume, Push, Deploy, Retry, and the checkpoint picker (`c`: runs_tab.build()'s components)."""
    _wire_job_state(c, registry)
    _wire_publish(c, registry)
    _wire_checkpoints(c, registry)


def _wire_job_state(c: dict, registry) -> None:
    def job_action(action, done_message):
        """Cancel or Resume from the page: refused with the reason when the visitor may not, or when the job's
        state does not allow it (a finished job is not cancelled, a succeeded one never resumed)."""
        def run(profile: gr.OAuthProfile | None, request: gr.Request, job_id):
            lang = lang_of(request)
            if not job_id:
                gr.Warning(text("pick_job", lang))
                return
            refused = may(profile, registry=registry, job_id=job_id, lang=lang)
            if refused:
                gr.Warning(refused)
                return
            try:
                outcome = action(job_id)
            except JobStateError as exc:
                gr.Warning(refusal(exc, lang))
                return
            except KeyError:
                gr.Warning(text("no_job", lang, id=job_id))
                return
            gr.Info(text(done_message(outcome), lang, id=job_id))
        return run

    c["cancel"].click(job_action(registry.cancel, lambda o: "cancelled_queued" if o == "cancelled" else "cancelling"),
                      c["job"], None, api_visibility="private")
    c["resume"].click(job_action(registry.resume, lambda o: "resumed"), c["job"], None, api_visibility="private")

    def on_retry(profile: gr.OAuthProfile | None, request: gr.Request, job_id):
        lang = lang_of(request)
        refused = may(profile, registry=registry, job_id=job_id, lang=lang) if job_id else text("pick_job", lang)
        if refused:
            gr.Warning(refused)
            return gr.update()
        if not retry_change(registry.status(job_id)):
            gr.Warning(text("no_retry_change", lang, id=job_id))
            return gr.update()
        try:
            new_id = retry_job(registry, job_id)
        except (SubmitError, ParamError, KeyError) as exc:
            gr.Warning(str(exc))  # the data check's or the settings' own words
            return gr.update()
        return gr.update(choices=job_choices(registry, profile), value=new_id)

    c["retry"].click(on_retry, c["job"], c["job"], api_visibility="private")


def _wire_publish(c: dict, registry) -> None:
    def on_push(profile: gr.OAuthProfile | None, oauth_token: gr.OAuthToken | None, request: gr.Request, job_id):
        lang = lang_of(request)
        refused = may(profile, registry=registry, job_id=job_id, lang=lang) if job_id else text("pick_job", lang)
        if refused:
            gr.Warning(refused)
            return
        job = registry.get(job_id)
        user = access.username_of(profile)
        publish.push_in_background(registry.project(job), hub.resolve_token(None, oauth_token),
                                   username=registry.settings(job).get("username") or user)

    c["push"].click(on_push, c["job"], None, api_visibility="private")

    def on_deploy(profile: gr.OAuthProfile | None, oauth_token: gr.OAuthToken | None, request: gr.Request, job_id):
        """A private chat Space for the job's pushed model, made (or updated) in the background: deploy.json and
        the status above say how it goes."""
        lang = lang_of(request)
        refused = may(profile, registry=registry, job_id=job_id, lang=lang) if job_id else text("pick_job", lang)
        if refused:
            gr.Warning(refused)
            return
        project = registry.project(registry.get(job_id))
        model_id = runs_tab.deployable_repo(project)
        if model_id is None:
            gr.Warning(text("deploy_not_pushed", lang))
            return
        deploy.deploy_in_background(project, model_id, hub.resolve_token(None, oauth_token))

    c["deploy"].click(on_deploy, c["job"], None, api_visibility="private")


def _wire_checkpoints(c: dict, registry) -> None:
    """The checkpoint a finished job keeps (the best unless the user picks another)."""
    picker = [c["checkpoint"], c["use_checkpoint"]]

    def on_job_checkpoints(profile: gr.OAuthProfile | None, request: gr.Request, job_id):
        seen = job_for(registry, profile, job_id)[0]
        return runs_tab.checkpoint_controls(registry, seen and job_id, lang_of(request))

    c["job"].change(on_job_checkpoints, c["job"], picker, api_visibility="private")

    def on_use_checkpoint(profile: gr.OAuthProfile | None, request: gr.Request, job_id, step):
        lang = lang_of(request)
        refused = may(profile, registry=registry, job_id=job_id, lang=lang) if job_id and step is not None else \
            text("pick_job_checkpoint", lang)
        if refused:
            gr.Warning(refused)
            return runs_tab.checkpoint_controls(registry, job_id, lang)
        try:
            gr.Info(checkpoints.use_checkpoint(registry.project(registry.get(job_id)), int(step), table(lang)))
            chat.release()  # the next chat message loads the model as it is now
        except checkpoints.CheckpointError as exc:
            gr.Warning(refusal(exc, lang))
        return runs_tab.checkpoint_controls(registry, job_id, lang)

    c["use_checkpoint"].click(on_use_checkpoint, [c["job"], c["checkpoint"]], picker, api_visibility="private")


def wire_again(c: dict, registry, train: dict, data: dict, tabs, refresh_data) -> None:
    """Train again: a finished job's settings and data in the form (`train`, `data`: those tabs' components), for
    a new job (never this job's folder); `tabs` moves to Train, and refresh_data (data_tab.wire's) redraws the
    data tab's report and preview."""
    fields = train["fields"]
    names = list(fields)
    inputs = train_tab.inputs_of(train, data)

    def on_again(profile: gr.OAuthProfile | None, request: gr.Request, job_id, from_model):
        lang = lang_of(request)
        keep = [gr.update() for _ in range(len(inputs) + 6)]
        job, refused = job_for(registry, profile, job_id, lang=lang) if job_id else (None, text("pick_job", lang))
        if not job:
            gr.Warning(refused)
            return keep
        try:
            params, data_copy = registry.again(job_id, from_model=bool(from_model) and runs_tab.can_start_from(
                registry, job_id))
        except (JobStateError, KeyError, ParamError) as exc:
            gr.Warning(refusal(exc, lang))
            return keep
        # the upload box takes the job's data, handed out as the job owner's (ui/served.py)
        upload = served.hand_out(data_copy, job["owner"])
        preview, columns, *_ = data_tab.inspect(upload, params.trainer)
        values = train_tab.form_values(fields, params)
        mapping = [gr.update(choices=columns, value=v) for v in values[len(names):]]
        gr.Info(text("again_filled", lang, id=job_id, name=params.project_name))
        return [*values[:len(names)], *mapping, upload, upload, None, data_tab.preview_update(preview),
                gr.Tabs(selected="train"), ""]

    refresh_data(c["again"].click(on_again, [c["job"], c["again_from_model"]],
                                  [*inputs, data["file"], data["source"], data["hub"], data["preview"], tabs,
                                   train["message"]],
                                  api_visibility="private"))
