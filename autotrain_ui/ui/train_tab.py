"""Tab 2: model, trainer (with the data doctor's recommendation preselected), the generated form, the hardware
panel, Train with the fit/time/cost line beside it, the equivalent command line, and settings export/import."""

from __future__ import annotations

from typing import Callable

import gradio as gr

from autotrain_ui.ui import form
from autotrain_ui.ui.strings import t


def build(hardware_panel: Callable[[], dict] | None = None) -> tuple[dict, dict]:
    """-> (this tab's components, the hardware panel's). The panel is built between the form and Train, so what
    the job needs, how long it takes and what it costs are in view where the user presses Train."""
    c = {}
    gr.Markdown(t("trainer_help"))
    c["fields"] = form.build_form()
    hw = hardware_panel() if hardware_panel else {}
    with gr.Row(equal_height=True):
        c["train"] = gr.Button(t("train"), variant="primary", elem_id="train-button", scale=1)
        with gr.Column(scale=3):
            c["fit_summary"] = gr.Markdown(elem_id="fit-summary")
    c["message"] = gr.Markdown(elem_id="submit-message")
    c["command"] = gr.Code(label=t("command"), language="shell", interactive=False, elem_id="command")
    with gr.Row():
        # its value is kept current by the app (every input change writes the settings file), so one click
        # downloads what the form shows now
        c["export"] = gr.DownloadButton(t("export"), elem_id="export-settings")
        c["import"] = gr.UploadButton(t("import"), file_types=[".json"])
    return c, hw
