"""Tab 2: model, trainer (with the data doctor's recommendation preselected), the generated form, the
equivalent command line, settings export/import, and Train."""

from __future__ import annotations

import gradio as gr

from autotrain_ui.ui import form
from autotrain_ui.ui.strings import t


def build() -> dict:
    c = {}
    gr.Markdown(t("trainer_help"))
    c["fields"] = form.build_form()
    with gr.Row():
        c["export"] = gr.DownloadButton(t("export"))
        c["import"] = gr.UploadButton(t("import"), file_types=[".json"])
    c["command"] = gr.Code(label=t("command"), language="shell", interactive=False, elem_id="command")
    c["train"] = gr.Button(t("train"), variant="primary", elem_id="train-button")
    c["message"] = gr.Markdown(elem_id="submit-message")
    return c
