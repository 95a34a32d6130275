"""Tab 2: model, trainer (with the data doctor's recommendation preselected), the generated form, the hardware
panel, Train with the fit/time/cost line beside it, the equivalent command line, and settings export/import."""

from __future__ import annotations

import html
from typing import Callable

import gradio as gr

from autotrain_ui import access
from autotrain_ui.core import i18n
from autotrain_ui.job_errors import SubmitError
from autotrain_ui.core.params import LLMParams, ParamError
from autotrain_ui.ui import form, limits, rewards_menu
from autotrain_ui.ui.actions import job_choices, may, submit_job
from autotrain_ui.ui.data_tab import MAPPING
from autotrain_ui.ui.follow import follow
from autotrain_ui.core.i18n import text
from autotrain_ui.ui.strings import lang_of, t


def build(hardware_panel: Callable[[], dict] | None = None) -> tuple[dict, dict]:
    """-> (this tab's components, the hardware panel's). The panel is built between the form and Train, so what
    the job needs, how long it takes and what it costs are in view where the user presses Train."""
    c = {}
    gr.Markdown(t("page.trainer_help"))
    c["fields"] = form.build_form()
    c["rewards_menu"] = rewards_menu.build()  # GRPO: ticks rewards into the Rewards field (ui/rewards_menu.py)
    hw = hardware_panel() if hardware_panel else {}
    with gr.Row(equal_height=True):
        c["train"] = gr.Button(t("page.train_button"), variant="primary", elem_id="train-button", scale=1)
        with gr.Column(scale=3):
            c["fit_summary"] = gr.Markdown(elem_id="fit-summary")
            c["limits"] = limits.build()   # a run past its limit: the notice and one-click ways to bring it down
    c["message"] = gr.Markdown(elem_id="submit-message")
    c["command"] = gr.Code(label=t("page.command"), language="shell", interactive=False, elem_id="command")
    with gr.Row():
        # its value is kept current by the app (every input change writes the settings file), so one click
        # downloads what the form shows now
        c["export"] = gr.DownloadButton(t("page.export"), elem_id="export-settings")
        c["import"] = gr.UploadButton(t("page.import"), file_types=[".json"])
    return c, hw


def inputs_of(c: dict, data: dict) -> list:
    """What a job's settings are read from, in this order: every form field, then the data tab's mapping
    dropdowns (form_values fills them in the same order)."""
    fields = c["fields"]
    return [fields[n] for n in fields] + [data[m] for m in MAPPING]


def settings_of(names: list, values, mapping) -> dict:
    """The settings the form (`names`: its fields, `values`: what they show) and the mapping dropdowns hold."""
    return {**dict(zip(names, values)), **{m: (v or None) for m, v in zip(MAPPING, mapping)}}


def form_values(fields: dict, params: LLMParams) -> list:
    """What every form field and mapping dropdown shows for these settings."""
    return ([form.shown_value(fields[n], getattr(params, n)) for n in fields] +
            [getattr(params, m) for m in MAPPING])


def wire(c: dict, data: dict, registry, job_picker, tabs) -> None:
    """The command line and settings export/import, both kept current with every input; Train: a job from the data
    tab's file (or Hub split) and this form, opened in `job_picker` (the Runs tab's) with `tabs` moved to Runs."""
    _wire_command(c, data)
    rewards_menu.wire(c["rewards_menu"], c["fields"]["rewards"])
    _wire_train(c, data, registry, job_picker, tabs)


def _wire_command(c: dict, data: dict) -> None:
    fields = c["fields"]
    names = list(fields)
    inputs = inputs_of(c, data)

    def show_command(request: gr.Request, path, hub_split, *values):
        """The command box and the settings file the download button holds: both follow every change, so
        the box can be pasted as shown and one click on Download settings gives what the form shows now."""
        try:
            params = form.to_params(settings_of(names, values[:len(names)], values[len(names):]))
        except (ParamError, ValueError, TypeError) as exc:
            return f"# {text('page.settings_invalid', lang_of(request), error=exc)}", gr.update(value=None)
        return form.command_text(params, path, lang_of(request), hub_split), form.settings_file(params)

    follow(show_command, [data["source"], data["hub"], *inputs], [c["command"], c["export"]], on_load=True,
           show_progress="hidden")

    def explain_export(request: gr.Request, *values):
        try:
            form.to_params(settings_of(names, values[:len(names)], values[len(names):]))
        except (ParamError, ValueError, TypeError) as exc:  # the button holds no file: say why
            gr.Warning(text("page.settings_invalid", lang_of(request), error=exc))

    c["export"].click(explain_export, inputs, None, api_visibility="private", show_progress="hidden")

    def load_settings(request: gr.Request, path):
        try:
            params = LLMParams.load(path)
        except (OSError, ValueError, ParamError) as exc:
            gr.Warning(text("page.settings_not_loaded", lang_of(request), error=exc))
            return [gr.update() for _ in inputs]
        return form_values(fields, params)

    c["import"].upload(load_settings, c["import"], inputs, api_visibility="private")


def _wire_train(c: dict, data: dict, registry, job_picker, tabs) -> None:
    names = list(c["fields"])

    def on_train(profile: gr.OAuthProfile | None, oauth_token: gr.OAuthToken | None, request: gr.Request, path,
                 hub_split=None, *values):
        lang = lang_of(request)
        refused = may(profile, lang=lang)
        if refused:
            return f"**{text('page.cannot_train', lang)}** {html.escape(refused)}", gr.update(), gr.update()
        owner = access.job_owner_name(access.username_of(profile))
        warned: list = []
        try:
            job_id = submit_job(registry, path, settings_of(names, values[:len(names)], values[len(names):]),
                                owner=owner, oauth_token=oauth_token, warnings=warned, hub_split=hub_split)
        except (SubmitError, ParamError) as exc:
            lines = "\n".join(f"- {html.escape(i18n.render(line, lang))}" for line in exc.lines)
            return f"**{text('page.cannot_train', lang)}**\n{lines}", gr.update(), gr.update()
        for warning in warned:   # a toast: the page moves to Runs, and the job trains all the same
            gr.Warning(i18n.render(warning, lang))
        job = registry.get(job_id)
        # the new job, opened in Runs: the user sees it start rather than a line saying it was queued
        return (text("page.submitted", lang, id=job_id, name=job["name"]),
                gr.update(choices=job_choices(registry, profile), value=job_id), gr.Tabs(selected="runs"))

    c["train"].click(on_train, [data["source"], data["hub"], *inputs_of(c, data)], [c["message"], job_picker, tabs],
                     api_visibility="private")
