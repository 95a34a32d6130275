"""The web app: builds the page from the tabs in ui/, wires it to the job registry, and exposes the API
(`submit`, `status`, `cancel`, `jobs`) that scripts drive with gradio_client."""

from __future__ import annotations

import argparse
import html
import json
import os
import shutil
import sys
import tempfile

import gradio as gr

from autotrain_ui import access, chat, checkpoints, deploy, hub, i18n, publish, spaces_backend
from autotrain_ui.jobs import JobStateError, Registry, RegistryError, SubmitError, retry_change
from autotrain_ui.params import LLMParams, ParamError
from autotrain_ui.ui import api, chat_tab, data_tab, form, hardware_panel, live, runs_tab, train_tab
from autotrain_ui.ui.actions import job_choices, may, refusal, retry_job, submit_job
from autotrain_ui.ui.strings import I18N, lang_of, t, table, text

MAPPING = data_tab.MAPPING


def build(registry: Registry) -> gr.Blocks:
    with gr.Blocks(title="AutoTrain UI") as demo:
        gr.Markdown(t("title"))
        gr.Markdown(t("intro"))
        if access.on_space():
            gr.LoginButton()
        banner = gr.Markdown(elem_id="access-banner")
        with gr.Tabs() as tabs:
            with gr.Tab(t("tab_data"), id="data"):
                d = data_tab.build()
            with gr.Tab(t("tab_train"), id="train"):
                tr, hw = train_tab.build(hardware_panel.build)
            with gr.Tab(t("tab_runs"), id="runs") as runs_tab_item:
                r = runs_tab.build()
            with gr.Tab(t("tab_chat"), id="chat") as chat_tab_item:
                ch = chat_tab.build()
        fields = tr["fields"]
        names = list(fields)
        hardware_panel.wire(hw, fields, registry, lambda oauth: hub.resolve_token(None, oauth), data_file=d["file"],
                            summary=tr["fit_summary"])

        # ---- data: inspect on upload, fill the mapping and the settings fitted to the file, show what is learned;
        # removing the file (its x) takes its report, preview and mapping with it
        refresh_data = data_tab.wire(d, fields)

        # ---- the command line and settings export/import, both kept current with every input
        def settings_of(values, mapping) -> dict:
            return {**dict(zip(names, values)), **{m: (v or None) for m, v in zip(MAPPING, mapping)}}

        def show_command(request: gr.Request, path, *values):
            """The command box and the settings file the download button holds: both follow every change, so
            the box can be pasted as shown and one click on Download settings gives what the form shows now."""
            try:
                params = form.to_params(settings_of(values[:len(names)], values[len(names):]))
            except (ParamError, ValueError, TypeError) as exc:
                return f"# {text('settings_invalid', lang_of(request), error=exc)}", gr.update(value=None)
            return form.command_text(params, path, lang_of(request)), form.settings_file(params)

        inputs = [fields[n] for n in names] + [d[m] for m in MAPPING]
        for comp in [d["file"], *inputs]:
            comp.change(show_command, [d["file"], *inputs], [tr["command"], tr["export"]], api_visibility="private",
                        show_progress="hidden")
        demo.load(show_command, [d["file"], *inputs], [tr["command"], tr["export"]], api_visibility="private")

        def explain_export(request: gr.Request, *values):
            try:
                form.to_params(settings_of(values[:len(names)], values[len(names):]))
            except (ParamError, ValueError, TypeError) as exc:  # the button holds no file: say why
                gr.Warning(text("settings_invalid", lang_of(request), error=exc))

        tr["export"].click(explain_export, inputs, None, api_visibility="private", show_progress="hidden")

        def form_values(params: LLMParams) -> list:
            """What every form field and mapping dropdown shows for these settings."""
            return ([form.shown_value(fields[n], getattr(params, n)) for n in names] +
                    [getattr(params, m) for m in MAPPING])

        def load_settings(request: gr.Request, path):
            try:
                params = LLMParams.load(path)
            except (OSError, ValueError, ParamError) as exc:
                gr.Warning(text("settings_not_loaded", lang_of(request), error=exc))
                return [gr.update() for _ in inputs]
            return form_values(params)

        tr["import"].upload(load_settings, tr["import"], inputs, api_visibility="private")

        # ---- train
        def on_train(profile: gr.OAuthProfile | None, oauth_token: gr.OAuthToken | None, request: gr.Request, path,
                     *values):
            lang = lang_of(request)
            refused = may(profile, lang=lang)
            if refused:
                return f"**{text('cannot_train', lang)}** {html.escape(refused)}", gr.update(), gr.update()
            owner = access.job_owner_name(access.username_of(profile))
            warned: list = []
            try:
                job_id = submit_job(registry, path, settings_of(values[:len(names)], values[len(names):]), owner=owner,
                                    oauth_token=oauth_token, warnings=warned)
            except (SubmitError, ParamError) as exc:
                lines = "\n".join(f"- {html.escape(i18n.render(line, lang))}" for line in exc.lines)
                return f"**{text('cannot_train', lang)}**\n{lines}", gr.update(), gr.update()
            for warning in warned:   # a toast: the page moves to Runs, and the job trains all the same
                gr.Warning(i18n.render(warning, lang))
            job = registry.get(job_id)
            # the new job, opened in Runs: the user sees it start rather than a line saying it was queued
            return (text("submitted", lang, id=job_id, name=job["name"]),
                    gr.update(choices=job_choices(registry, profile), value=job_id), gr.Tabs(selected="runs"))

        tr["train"].click(on_train, [d["file"], *inputs], [tr["message"], r["job"], tabs], api_visibility="private")

        # ---- runs: a live view that re-attaches on every load
        shown: dict[str, tuple] = {}  # page session -> what its Runs view last showed (see runs_tab.view_signature)

        def refresh(profile: gr.OAuthProfile | None, request: gr.Request, job_id, tick: bool = False):
            user = access.username_of(profile)
            if job_id and not access.can_see_job(user, (registry.get(job_id) or {}).get("owner")):
                job_id = None
            session = getattr(request, "session_hash", None) or ""
            lang = lang_of(request)  # the hidden refresh button's POST (queue=False) carries the browser's too
            signature = runs_tab.view_signature(registry, job_id, user, lang)
            before = shown.get(session) if tick else None
            if before == signature:
                return [gr.skip()] * len(outs)  # nothing new: the page keeps what it shows, nothing is sent
            if len(shown) > 10_000:  # one entry per page ever opened: forget them all now and then
                shown.clear()
            shown[session] = signature
            status, loss, lr, log, retry, push = runs_tab.job_view(registry, job_id, lang)
            same_jobs = before is not None and before[0] == signature[0]
            if before is not None and before[1] == job_id and before[2][:1] == signature[2][:1]:
                loss = lr = gr.skip()  # events.jsonl (live.FILES[0]) unchanged: no new point, the plots stay
            return ((gr.skip() if same_jobs else runs_tab.jobs_table(registry, user, lang)), status, loss, lr, log,
                    retry, push,
                    *runs_tab.action_buttons(registry, job_id), runs_tab.deploy_button(registry, job_id))

        def on_tick(profile: gr.OAuthProfile | None, request: gr.Request, job_id):
            return refresh(profile, request, job_id, tick=True)

        outs = [r["table"], r["status"], r["loss"], r["lr"], r["log"], r["retry"], r["push"], r["cancel"], r["resume"],
                r["again"], r["again_from_model"], r["deploy"]]
        # the page's script presses this when /autotrain/changes has news (ui/live.py); callable as /runs_refresh so
        # bench/bench_polling.py can do exactly what a tab does. Outside the queue: one plain POST per redraw.
        r["refresh"].click(on_tick, r["job"], outs, api_name="runs_refresh", api_visibility="undocumented",
                           show_progress="hidden", queue=False).then(None, js=runs_tab.FOLLOW_LOG_JS)
        r["job"].change(refresh, r["job"], outs, api_visibility="private").then(None, js=runs_tab.OPEN_LOG_JS)
        runs_tab_item.select(None, js=runs_tab.FOLLOW_LOG_JS)

        def on_load(profile: gr.OAuthProfile | None, request: gr.Request):
            lang = lang_of(request)
            choices = job_choices(registry, profile)
            ids = {c[1] for c in choices}
            running = [j["id"] for j in registry.list_jobs() if j["status"] in ("running", "starting", "queued")
                       and j["id"] in ids]
            latest = running[0] if running else (choices[0][1] if choices else None)
            note = access.access_for(profile, table=table(lang)).message
            # the jobs table and the plots' titles too: the browser does not translate a Dataframe's headers or a
            # plot's axes, so the server sends them in the visitor's language
            loss_titles, lr_titles = runs_tab.plot_titles(lang)
            return (gr.update(choices=choices, value=latest), (f"**{html.escape(note)}**" if note else ""),
                    runs_tab.jobs_table(registry, access.username_of(profile), lang), gr.update(**loss_titles),
                    gr.update(**lr_titles))

        demo.load(on_load, None, [r["job"], banner, r["table"], r["loss"], r["lr"]], api_name="page_load",
                  api_visibility="undocumented")

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

        r["cancel"].click(job_action(registry.cancel, lambda o: "cancelled_queued" if o == "cancelled" else "cancelling"),
                          r["job"], None, api_visibility="private")
        r["resume"].click(job_action(registry.resume, lambda o: "resumed"), r["job"], None, api_visibility="private")

        # ---- Train again: a finished job's settings and data in the form, for a new job (never this job's folder)
        def on_again(profile: gr.OAuthProfile | None, request: gr.Request, job_id, from_model):
            lang = lang_of(request)
            keep = [gr.update() for _ in range(len(inputs) + 4)]
            job = registry.get(job_id) if job_id else None
            if not job or not access.can_see_job(access.username_of(profile), job["owner"]):
                gr.Warning(text("pick_job", lang))
                return keep
            try:
                params, data_copy = registry.again(job_id, from_model=bool(from_model) and runs_tab.can_start_from(
                    registry, job_id))
            except (JobStateError, KeyError, ParamError) as exc:
                gr.Warning(refusal(exc, lang))
                return keep
            # the upload box takes the job's data copy; Gradio only serves files from its own folders, so a copy
            upload = os.path.join(tempfile.mkdtemp(prefix="autotrain-again-"), os.path.basename(data_copy))
            shutil.copyfile(data_copy, upload)
            preview, columns, *_ = data_tab.inspect(upload, params.trainer)
            values = form_values(params)
            mapping = [gr.update(choices=columns, value=v) for v in values[len(names):]]
            gr.Info(text("again_filled", lang, id=job_id, name=params.project_name))
            return [*values[:len(names)], *mapping, upload, preview, gr.Tabs(selected="train"), ""]

        refresh_data(r["again"].click(on_again, [r["job"], r["again_from_model"]],
                                      [*inputs, d["file"], d["preview"], tabs, tr["message"]], api_visibility="private"))

        def on_push(profile: gr.OAuthProfile | None, oauth_token: gr.OAuthToken | None, request: gr.Request, job_id):
            lang = lang_of(request)
            refused = may(profile, registry=registry, job_id=job_id, lang=lang) if job_id else text("pick_job", lang)
            if refused:
                gr.Warning(refused)
                return
            job = registry.get(job_id)
            user = access.username_of(profile)
            publish.push_in_background(registry.project(job), hub.resolve_token(None, oauth_token),
                                       username=json.loads(job["params"]).get("username") or user)

        r["push"].click(on_push, r["job"], None, api_visibility="private")

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

        r["deploy"].click(on_deploy, r["job"], None, api_visibility="private")

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

        r["retry"].click(on_retry, r["job"], r["job"], api_visibility="private")

        # ---- the checkpoint a finished job keeps (the best unless the user picks another)
        picker = [r["checkpoint"], r["use_checkpoint"]]
        def on_job_checkpoints(request: gr.Request, job_id):
            return runs_tab.checkpoint_controls(registry, job_id, lang_of(request))

        r["job"].change(on_job_checkpoints, r["job"], picker, api_visibility="private")

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

        r["use_checkpoint"].click(on_use_checkpoint, [r["job"], r["checkpoint"]], picker, api_visibility="private")

        # ---- chat with a finished job
        chat_tab.wire(ch, registry)
        def chat_jobs(profile: gr.OAuthProfile | None):
            user = access.username_of(profile)
            visible = {j["id"] for j in access.visible_jobs(registry.list_jobs(), user)}
            return gr.update(choices=[c for c in chat_tab.chat_choices(registry) if c[1] in visible])

        chat_tab_item.select(chat_jobs, None, ch["job"], api_visibility="private")

        api.wire(registry)
    return demo


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="autotrain app", description="Start the web app.")
    parser.add_argument("--host", default=None, help="default 127.0.0.1 (0.0.0.0 on a Space)")
    parser.add_argument("--port", type=int, default=None,
                        help="default $GRADIO_SERVER_PORT, else $PORT, else 7860 (the one port, not the next free one)")
    parser.add_argument("--projects", default=None, help="projects folder (default: $AUTOTRAIN_HOME, /data/autotrain "
                                                         "or ./autotrain_projects)")
    parser.add_argument("--max-upload", default=os.environ.get("AUTOTRAIN_MAX_UPLOAD", "2gb"),
                        help="largest data file the page accepts, such as 500mb or 2gb (default: $AUTOTRAIN_MAX_UPLOAD "
                             "or 2gb); a bigger upload is refused with a message saying the limit")
    args = parser.parse_args(argv)
    try:
        port = args.port if args.port is not None else access.server_port()
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        registry = Registry(args.projects)
    except RegistryError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    registry.start()
    spaces_backend.adopt_pending(registry)      # jobs sent by `autotrain llm --backend spaces-*`
    spaces_backend.watch_space(registry)        # on a Space: adopt late arrivals, drop to CPU when idle (if chosen)
    demo = build(registry)
    host = args.host or access.server_name()
    app, _, _ = demo.queue(default_concurrency_limit=8).launch(
        server_name=host, server_port=port, i18n=I18N, show_error=True, max_file_size=args.max_upload,
        js=live.POLL_JS, prevent_thread_lock=True)
    live.add_route(app, registry)
    demo.block_thread()
    return 0
