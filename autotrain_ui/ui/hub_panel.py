"""The Data tab's "From the Hub": a dataset id or a pasted address, the config and split chosen from what the repo
has, its first rows read (never the whole set) with the visitor's token. What it reads is handed to the Data tab
as a file like an upload (the first rows) and the split itself ({dataset, revision, config, split}), which Train
sends to the job; the job loads the whole split. The reading is autotrain_ui/core/data/hub.py's, the CLI's too."""

from __future__ import annotations

import html
from dataclasses import asdict

import gradio as gr

from autotrain_ui import priority
from autotrain_ui.core.data import DataError
from autotrain_ui.core.data import hub as hub_data
from autotrain_ui.hub import reading_token
from autotrain_ui.core.i18n import lang_of, text
from autotrain_ui.ui.strings import t


def build() -> dict:
    c = {}
    with gr.Group():
        with gr.Row(equal_height=True):
            c["hub_id"] = gr.Textbox(label=t("hub_id"), placeholder="OWNER/NAME", elem_id="hub-id", scale=3)
            c["hub_load"] = gr.Button(t("hub_load"), elem_id="hub-load", scale=1)
        with gr.Row():
            c["hub_config"] = gr.Dropdown(label=t("hub_config"), choices=[], elem_id="hub-config", interactive=True)
            c["hub_split"] = gr.Dropdown(label=t("hub_split"), choices=[], elem_id="hub-split", interactive=True)
        c["hub_note"] = gr.Markdown(elem_id="hub-note")
    return c


def read_split(typed: str, config: str | None, split: str | None, oauth_token, lang: str) -> dict:
    """The split asked for (a config or split of None: the repo's first config, its train split) ->
    {path: its first rows as a local file, split: {dataset, revision, config, split}, configs, splits, note};
    path and split are None when it cannot be read, and the note says why in `lang`."""
    token = reading_token(oauth_token)
    try:
        ref = hub_data.parse_ref(typed)
        if config or split:                 # chosen from the dropdowns: the same commit as the first read
            ref = hub_data.HubRef(ref.dataset, ref.revision, config or ref.config, split)
        found = hub_data.layout(ref.dataset, ref.revision, token)
        path, chosen = hub_data.head_file(hub_data.HubRef(ref.dataset, found.sha, ref.config, ref.split), token)
    except DataError as exc:
        return {"path": None, "split": None, "configs": [], "splits": [], "note": html.escape(exc.text(lang))}
    note = text("data_tab.hub_read", lang, dataset=html.escape(chosen.dataset), config=html.escape(chosen.config),
                split=html.escape(chosen.split), sha=chosen.revision[:12], rows=hub_data.HEAD_ROWS)
    return {"path": str(path), "split": asdict(chosen), "configs": list(found.configs),
            "splits": list(found.configs[chosen.config]), "note": note}


def dropdowns(read: dict) -> list:
    """The config and split dropdowns for what read_split read (emptied when nothing was)."""
    split = read["split"] or {}
    return [gr.update(choices=read["configs"], value=split.get("config")),
            gr.update(choices=read["splits"], value=split.get("split")), read["note"]]


def wire(c: dict, fields: dict, shown_for, shown_outputs: list, then_learn, heavy: dict) -> None:
    """Load (or Enter), a config or a split chosen -> its first rows read, then checked and shown as an upload's are
    (`shown_for`: the Data tab's, into `shown_outputs`), then the learn preview (`then_learn`)."""

    def on_hub(oauth_token: gr.OAuthToken | None, request: gr.Request, model, typed, config=None, split=None,
               progress=gr.Progress()):
        lang = lang_of(request)
        read = priority.heavy(read_split, typed, config, split, oauth_token, lang)
        if not read["path"]:           # said in the note; what the tab held stays
            return [*dropdowns(read), *[gr.update() for _ in range(1 + len(shown_outputs))]]
        # the upload box empties: the data is the Hub split now
        return [*dropdowns(read), None,
                *shown_for(read["path"], lang, fields, read["split"], model, progress)]

    outputs = [c["hub_config"], c["hub_split"], c["hub_note"], c["file"], *shown_outputs]
    model, hub_id = fields["model"], c["hub_id"]
    for event, inputs in ((c["hub_load"].click, [model, hub_id]), (hub_id.submit, [model, hub_id]),
                          (c["hub_config"].input, [model, hub_id, c["hub_config"]]),
                          (c["hub_split"].input, [model, hub_id, c["hub_config"], c["hub_split"]])):
        then_learn(event(on_hub, inputs, outputs, api_visibility="private", **heavy))
