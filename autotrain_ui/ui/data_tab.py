"""Tab 1: upload a file, see its first rows as text, the column mapping the data doctor guessed, its report, the
settings fitted to it (suggest.py) and the first rows as the model will see them, the tokens that carry the loss
marked.

What the server writes here (the report, the chosen settings, the preview) is in the visitor's language: each
handler takes the gr.Request Gradio passes it and reads its Accept-Language (i18n.lang_of)."""

from __future__ import annotations

import functools
import html

import gradio as gr

from autotrain_ui import priority, suggest
from autotrain_ui.core import data
from autotrain_ui.core import estimate as run_model
from autotrain_ui.core.i18n import Message, has, lang_of, render, rows, text
from autotrain_ui.ui import hub_panel
from autotrain_ui.ui.checked import LEARN_ROWS, MAPPING, checked
from autotrain_ui.ui.follow import follow
from autotrain_ui.ui.strings import t

PREVIEW_ROWS = 20       # rows of the table shown as text
ROLES = {"text_column": "text", "rejected_text_column": "rejected_text", "prompt_text_column": "prompt",
         "label_column": "label"}
# form fields the upload fills in (suggest.Suggestion.settings), in this order
FILLED = ("trainer", "chat_template", "peft", "epochs", "lr", "dpo_beta", "valid_percent")
# form fields the "what the model learns" preview follows
LEARN_FIELDS = ("model", "trainer", "chat_template", "train_on_inputs", "add_eos_token", "block_size")


def inspect(path: str | None, trainer: str | None, progress=None):
    """-> preview rows, columns for the dropdowns, the DataReport (a DataError when the file cannot be read). The
    file is read once: the first rows are taken from the table the check reads."""
    if not path:
        return None, [], None
    seen: dict = {}

    def on_read(frame):
        # cells as text: nothing in the data is ever rendered as HTML
        seen["preview"], seen["columns"] = frame.head(PREVIEW_ROWS).astype(str), list(frame.columns)

    _, report = checked(path, trainer, progress=progress, on_read=on_read)
    if "preview" not in seen:       # the file could not be read: its one problem says why
        p = report.problems[0]
        return None, [], data.DataError(Message(p.key, p.values) if p.key else p.message, row=p.row, line=p.line)
    return seen["preview"], seen["columns"], report


def preview_update(preview):
    """The first-rows table: shown only with rows to show (before an upload an empty table would show the headers
    "1 2 3")."""
    return gr.update(value=preview, visible=preview is not None)


def rows_sentence(report, lang: str = "en", valid_percent=0, sample_rows=0) -> str:
    """Rows read, held out and trained on, counted by the rules the run uses (estimate.plan), so that they add up."""
    try:
        plan = run_model.plan(report.rows, valid_percent=float(valid_percent or 0), sample_rows=int(sample_rows or 0))
    except (TypeError, ValueError):
        plan = run_model.plan(report.rows)
    if plan.used < report.rows:
        return text("data_tab.rows_sampled", lang, read=report.rows_read, used=plan.used, held=plan.held_out,
                    train=plan.train_rows)
    if plan.held_out:
        return text("data_tab.rows_held", lang, read=report.rows_read, held=plan.held_out, train=plan.train_rows)
    return text("data_tab.rows_read.one" if report.rows_read == 1 else "data_tab.rows_read", lang,
                read=report.rows_read, train=report.rows)


def report_markdown(report, lang: str = "en", valid_percent=0, sample_rows=0) -> str:
    """The data check for the page, in `lang`: a DataError (the file cannot be read) or a DataReport. The row
    counts follow the form's held-out share and sample."""
    if isinstance(report, data.DataError):
        said = report.text(lang)    # a sentence of its own here: its first letter a capital
        return text("data_tab.cannot_read", lang, error=html.escape(said[:1].upper() + said[1:]))
    if report is None:
        return ""
    lines = []
    if report.columns and report.recommended_trainer:   # a file that could not be read or mapped (a message tree)
        # has no shape to speak of: only its problems
        fmt = f"data.format.{report.format}"
        counts = rows_sentence(report, lang, valid_percent, sample_rows)
        lines.append(text("data_tab.summary", lang, rows=counts, format=text(fmt, lang) if has(fmt) else report.format,
                          trainer=report.recommended_trainer,
                          reason=html.escape(render(report.recommendation_reason, lang))))
    if getattr(report, "language", None):
        lines.append("\n" + text("data_tab.language", lang, language=text(f"language.{report.language}", lang)))
    if report.template_reason:
        lines.append("\n" + text("data_tab.template", lang, reason=html.escape(render(report.template_reason, lang)))
                     + "\n")
    for p in report.problems:
        mark = text("data_tab.error" if p.level == "error" else "data_tab.warning", lang)
        lines.append(f"- {mark}: {html.escape(p.text(lang))}")
    for entry in report.unused:         # every column the run will not read, with one line why
        lines.append("- " + text("data_tab.unused", lang, column=html.escape(entry["column"]),
                                 why=html.escape(render(entry["why"], lang))))
    if report.ok:
        lines.append("\n" + text("data_tab.can_train", lang))
    return "\n".join(lines)


def chosen_markdown(suggestion: suggest.Suggestion, lang: str = "en") -> str:
    """What the upload filled in, and why: the page keeps this until the next upload."""
    if not suggestion.reasons:
        return ""
    return text("data_tab.chosen_title", lang) + "\n" + \
        "\n".join(f"- {html.escape(r)}" for r in suggestion.texts(lang))


def use_model_update(advice: dict | None, lang: str = "en"):
    """The "use this model" button: shown, naming the model, when one that knows the rows' language is proposed."""
    if not advice or not advice.get("proposal"):
        return gr.update(visible=False)
    return gr.update(visible=True, value=text("data_tab.use_model", lang, model=advice["label"]))


def form_value(component, value):
    """A setting as its form component shows it: "auto" for an automatic template, text in a text box."""
    if value is None and isinstance(component, gr.Dropdown):
        return "auto" if "auto" in [c[1] if isinstance(c, tuple) else c for c in component.choices] else "None"
    if isinstance(component, gr.Textbox):
        return "" if value is None else f"{value:g}" if isinstance(value, float) else str(value)
    return value


def mapping_of(values) -> dict:
    return {m: (v or None) for m, v in zip(MAPPING, values)}


@functools.lru_cache(maxsize=4)
def _tokenizer(model: str, trainer: str, chat_template: str | None, train_on_inputs: bool, add_eos: bool,
               conversational: bool, plain_pairs: bool = False):
    """The run's tokenizer and render function (loading one takes a second; the preview asks again and again)."""
    from autotrain_ui.core.params import LLMParams
    from autotrain_ui.core.render import tokenizer_and_render

    params = LLMParams(model=model, trainer=trainer, chat_template=chat_template, train_on_inputs=train_on_inputs,
                       add_eos_token=add_eos)
    return tokenizer_and_render(params, conversational, plain_pairs)


def learned_label(lang: str = "en") -> str:
    """The label (and legend entry) of the pieces that carry the loss."""
    return text("data_tab.learned", lang)


def rejected_label(lang: str = "en") -> str:
    """The label (and legend entry) of a preference row's rejected answer."""
    return text("data_tab.rejected", lang)


def _rejected_pieces(example: dict, render_row, tokenizer, block: int | None, lang: str) -> list:
    """A preference row's rejected answer as the model sees it, after a title and marked rejected_label: the prompt
    is the chosen answer's, shown above. Nothing for a row without one."""
    if "rejected" not in example:
        return []
    row = data.preview([{**example, "chosen": example["rejected"]}], render_row, tokenizer, n=1, block_size=block,
                       lang=lang)[0]
    first = next((k for k, (_, loss) in enumerate(row) if loss), len(row))  # the answer starts where the loss does
    label = rejected_label(lang)
    return [(text("data_tab.rejected_title", lang) + "\n", None),
            *[(piece, label if loss else None) for piece, loss in row[first:]]]


def learn_preview(path: str | None, settings: dict, mapping: dict, lang: str = "en") -> tuple[list, str]:
    """The first rows as the model sees them -> (HighlightedText pieces, a note), in `lang`. Pieces labelled
    learned_label(lang) carry the loss; the note says which template rendered them, or why no preview could be made."""
    from autotrain_ui.core.params import coerce, LLMParams

    if not path:
        return [], ""
    fields = {f.name: f for f in LLMParams.schema()}
    try:
        values = {k: coerce(fields[k], v) for k, v in settings.items() if k in fields}
    except (ValueError, TypeError) as exc:
        return [], text("data_tab.no_preview", lang, reason=exc)
    trainer = values.get("trainer") or "sft"
    examples, report = checked(path, trainer, mapping, chat_template=values.get("chat_template"),
                               label_threshold=values.get("label_threshold"))
    if not report.ok or not examples:
        return [], text("data_tab.no_preview_check", lang)
    if trainer == "grpo":  # no loss to mark (the answers are the model's own): the rewards on the first rows instead
        from autotrain_ui.core.data.prompts import said_before_launch

        return [], "\n\n".join(html.escape(render(line, lang)) for line in
                                said_before_launch(examples, report, values.get("rewards")))
    model = values.get("model") or LLMParams().model
    try:
        tokenizer, render_row, (template, why) = _tokenizer(model, trainer, values.get("chat_template"),
                                                            bool(values.get("train_on_inputs")),
                                                            bool(values.get("add_eos_token")), report.conversational,
                                                            report.plain_pairs)
    except Exception as exc:  # noqa: BLE001 - a model that cannot load is the model box's problem, said here
        return [], text("data_tab.no_tokenizer", lang, model=model, error_type=type(exc).__name__, error=exc)
    block = values.get("block_size") if (values.get("block_size") or -1) > 0 else None
    label = learned_label(lang)
    pieces: list[tuple[str, str | None]] = []
    for i, row in enumerate(data.preview(examples, render_row, tokenizer, n=LEARN_ROWS, block_size=block, lang=lang)):
        unit = "line" if examples[i].get("_line") else "row"
        pieces.append((render(rows([examples[i].get("_line") or examples[i]["_row"]], 1, unit), lang) + ":\n", None))
        pieces += [(piece, label if carries else None) for piece, carries in row]
        pieces.append(("\n\n", None))
        if rejected := _rejected_pieces(examples[i], render_row, tokenizer, block, lang):
            pieces += [*rejected, ("\n\n", None)]
    why = why.in_lang(lang) if isinstance(why, Message) else why  # autotrain_ui.core.templates.choose says it with its key
    note = text("data_tab.learn_note", lang, n=min(LEARN_ROWS, len(examples)), model=model, template=template,
                why=html.escape(why))
    return pieces, note


def _learn_output(result: tuple[list, str], lang: str) -> list:
    """learn_preview's result for the page: the legend names the learned pieces (and a preference row's rejected
    answer) in the visitor's language."""
    pieces, note = result
    colors = {learned_label(lang): "green"}
    if any(label == rejected_label(lang) for _, label in pieces):
        colors[rejected_label(lang)] = "red"
    return [gr.update(value=pieces, color_map=colors), note]


def build() -> dict:
    c = {}
    with gr.Row():
        c["file"] = gr.File(label=t("page.upload"), file_types=[".csv", ".jsonl", ".json", ".parquet", ".tsv", ".txt"],
                            type="filepath", elem_id="data-file")
        with gr.Column():
            c.update(hub_panel.build())
    # kept on the server, never sent by the browser: what the data handlers read (the upload, or the first rows of
    # the Hub split) and the Hub split Train sends to the job ({dataset, revision, config, split}; None: an upload)
    c["source"], c["hub"] = gr.State(None), gr.State(None)
    c["report"] = gr.Markdown(label=t("page.report"), elem_id="data-report")
    c["chosen"] = gr.Markdown(elem_id="data-chosen")
    # shown when the model box holds a model that does not know the rows' language (suggest.model_advice)
    c["use_model"] = gr.Button(visible=False, elem_id="use-model", size="sm")
    c["proposed"] = gr.State(None)
    with gr.Row():
        c["text_column"] = gr.Dropdown(label=t("page.map_text"), choices=[], allow_custom_value=True, elem_id="map-text")
        c["rejected_text_column"] = gr.Dropdown(label=t("page.map_rejected"), choices=[], allow_custom_value=True,
                                                elem_id="map-rejected")
        c["prompt_text_column"] = gr.Dropdown(label=t("page.map_prompt"), choices=[], allow_custom_value=True,
                                              elem_id="map-prompt")
        c["label_column"] = gr.Dropdown(label=t("page.map_label"), choices=[], allow_custom_value=True, elem_id="map-label")
    c["learn_note"] = gr.Markdown(elem_id="learn-note")
    # the legend's one entry is set with each preview, in the visitor's language (_learn_output)
    c["learn"] = gr.HighlightedText(label=t("page.learn"), elem_id="learn-preview", show_legend=True, color_map={},
                                    combine_adjacent=True)
    c["preview"] = gr.Dataframe(label=t("page.preview"), interactive=False, wrap=True, datatype="str", visible=False,
                                elem_id="data-preview")  # shown with an upload's rows (preview_update)
    return c


def shown_for(path, lang: str, fields: dict, hub_split: dict | None = None, model=None, progress=None) -> list:
    """What the tab shows for a file to train on (an upload, or a Hub split's first rows), in the order of wire()'s
    shown_outputs: the first rows, the report, what was filled in and why, the mapping, the data the handlers read
    and the Hub split Train sends (None: an upload), the filled-in settings (`fields`: the training form's), the
    model proposed for the rows' language. `progress`: the page's progress bar, told while a big file is read."""
    filled = [n for n in FILLED if n in fields]

    def told(fraction: float, key: str) -> None:
        if progress is not None:
            progress(fraction, desc=text(key, lang))

    # in the worker process below answers and training; what it reads is told to the page's progress bar
    preview, columns, report = priority.apart(inspect, path, None, told, listener=told)
    if report is None or isinstance(report, data.DataError):
        return [preview_update(preview), report_markdown(report, lang), "",
                *[gr.update(choices=[], value=None) for _ in MAPPING], path, hub_split, *[gr.update() for _ in filled],
                gr.update(visible=False), None]
    s = suggest.suggest(report, model=model or None)
    values = [form_value(fields[n], s.settings[n]) if n in s.settings else gr.update() for n in filled]
    proposal = (s.model or {}).get("proposal")
    return [preview_update(preview), report_markdown(report, lang, s.settings.get("valid_percent", 0)),
            chosen_markdown(s, lang), *[gr.update(choices=columns, value=report.mapping.get(ROLES[m])) for m in MAPPING],
            path, hub_split, *values, use_model_update(s.model, lang), proposal]


def _wire_use_model(c: dict, model):
    """One click puts the proposed model (one that knows the rows' language) in the model box; -> the event."""
    return c["use_model"].click(lambda hub_id: [hub_id, gr.update(visible=False)], [c["proposed"]],
                                [model, c["use_model"]], api_visibility="private")


def _wire_learn_sources(c: dict, fields: dict, maps: list, on_learn, learn_inputs: list) -> None:
    """What the person changes that changes what will be learned: the preview is made again."""
    events = [fields[name].input for name in ("trainer", "chat_template", "train_on_inputs", "add_eos_token")
              if name in fields] + [source.input for source in maps]
    for name in ("model", "block_size"):
        if name not in fields:
            continue
        if isinstance(fields[name], gr.Dropdown):  # the model box: a pick, or a typed id once it is entered
            events.append(fields[name].input)
        else:                                      # a text box: when the person is done typing
            events += [fields[name].blur, fields[name].submit]
    follow(on_learn, learn_inputs, [c["learn"], c["learn_note"]], events=events)


def wire(c: dict, fields: dict):
    """Upload -> report, mapping and the settings fitted to the file; trainer / mapping / template / model changes
    -> report and preview again. `fields`: the training form (LLMParams field name -> component). Returns
    refresh(event): chains the report and the preview onto another event that fills the data tab (Train again)."""
    maps = [c[m] for m in MAPPING]
    filled = [fields[n] for n in FILLED if n in fields]
    learn_inputs = [c["source"], *maps, *[fields[n] for n in LEARN_FIELDS if n in fields]]
    learn_names = [n for n in LEARN_FIELDS if n in fields]

    # Each handler's first parameter is the request: Gradio passes one only to a positional parameter annotated
    # gr.Request, and the component values follow it.
    def on_upload(request: gr.Request, path, model=None, progress=gr.Progress()):
        return shown_for(path, lang_of(request), fields, None, model, progress)

    def on_learn(request: gr.Request, path, *values):
        lang = lang_of(request)
        preview = priority.apart(learn_preview, path, dict(zip(learn_names, values[len(MAPPING):])),
                                 mapping_of(values[:len(MAPPING)]), lang)   # reads the whole file again: heavy too
        return _learn_output(preview, lang)

    # reading a big file is heavy (a 20 MB CSV: ~20 s of CPU): one check at a time, so the app never takes more than
    # a core from training for them; the others wait, and the page shows their place
    heavy = {"concurrency_limit": 1, "concurrency_id": "data_check", "show_progress": "full"}
    proposed = [c["use_model"], c["proposed"]]
    shown_outputs = [c["preview"], c["report"], c["chosen"], *maps, c["source"], c["hub"], *filled, *proposed]

    def then_learn(event, limited: bool = True):
        return event.then(on_learn, learn_inputs, [c["learn"], c["learn_note"]], api_visibility="private",
                          **(heavy if limited else {}))

    then_learn(c["file"].upload(on_upload, [c["file"], fields["model"]], shown_outputs, api_visibility="private",
                                **heavy))
    hub_panel.wire(c, fields, shown_for, shown_outputs, then_learn, heavy)
    then_learn(_wire_use_model(c, fields["model"]), limited=False)

    def on_clear():  # what the file set goes with it: its report, mapping, preview and fitted settings
        return [preview_update(None), "", "", *[gr.update(choices=[], value=None) for _ in MAPPING],
                gr.update(value=[], color_map={}), "", None, None, *[f.value for f in filled], gr.update(visible=False),
                None]

    c["file"].clear(on_clear, None, [c["preview"], c["report"], c["chosen"], *maps, c["learn"], c["learn_note"],
                                     c["source"], c["hub"], *filled, *proposed], api_visibility="private")

    counted = [fields[n] for n in ("valid_percent", "sample_rows") if n in fields]

    def on_change(request: gr.Request, path, trainer, *values):
        if not path:
            return ""
        _, report = priority.apart(checked, path, trainer, mapping_of(values[:len(MAPPING)]))  # as the upload's
        return report_markdown(report, lang_of(request), *values[len(MAPPING):])

    # .input: only what the person changes; the upload's own filling-in already made the report and the preview. The
    # sample size also changes by a click on the over-limit offer (ui/limits.py): the counts follow it (.change)
    change_inputs = [c["source"], fields["trainer"], *maps, *counted]
    follow(on_change, change_inputs, c["report"],
           events=[comp.change if comp is fields.get("sample_rows") else comp.input
                   for comp in (fields["trainer"], *maps, *counted)])
    _wire_learn_sources(c, fields, maps, on_learn, learn_inputs)

    def refresh(event):
        return event.then(on_change, change_inputs, c["report"], api_visibility="private") \
            .then(on_learn, learn_inputs, [c["learn"], c["learn_note"]], api_visibility="private")

    return refresh
