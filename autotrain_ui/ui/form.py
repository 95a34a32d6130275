"""The training form, generated from the parameter schema (params.py): no parameter is spelled out twice.
Also turns the form's values back into LLMParams and into the equivalent command line."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import shlex
import tempfile
from pathlib import Path

import gradio as gr

from autotrain_ui.core.models import picker_models
from autotrain_ui.core.params import LLMParams, ParamError, applies, coerce
from autotrain_ui.ui.strings import EN, model_choice_key, t, text

# set by the Data tab (the uploaded file and its column mapping), not typed in the form
FROM_DATA_TAB = {"data_path", "data_config", "data_revision", "train_split", "text_column", "rejected_text_column", "prompt_text_column",
                 "label_column"}


def form_fields() -> list:
    return [f for f in LLMParams.schema()
            if f.metadata["group"] != "action" and not f.metadata["secret"] and f.name not in FROM_DATA_TAB]


def component(f):
    """A field's component: the label a person reads and the help ending in the flag, both from the strings table
    in the browser's language (the English help is the schema's own)."""
    meta, default = f.metadata, f.default
    common = {"label": t(f"field_{f.name}"), "info": t(f"help_{f.name}"), "elem_id": f"field-{f.name}"}
    kind = str(f.type)
    if f.name == "model":
        # the known small instruct models to pick from, their sizes in the labels; any Hub id, folder or .gguf typed
        # in is taken as it is
        # (twice the width of its neighbours: the labels carry the size and the licence, and ids are long)
        return gr.Dropdown(choices=model_choices(), value=default, allow_custom_value=True, filterable=True, scale=2,
                           **common)
    if kind == "bool":
        return gr.Checkbox(value=default, **common)
    if meta["choices"]:
        unset = meta.get("unset") or "None"       # chat_template: "auto" (None is chosen from the data)
        choices = ([unset] if default is None and meta.get("unset") else []) + list(meta["choices"]) + \
            ([] if default is not None or meta.get("unset") else ["None"])
        return gr.Dropdown(choices=[choice(c) for c in choices], value=unset if default is None else default, **common)
    if ("int" in kind or "float" in kind) and default is not None:
        return gr.Number(value=default, precision=0 if "int" in kind else None, **common)
    if default is None:  # an optional value: empty means "not set" (a Number box would show 0)
        return gr.Textbox(value="", placeholder=t("not_set"), **common)
    return gr.Textbox(value="" if default is None else str(default), **common)


def model_choices() -> list[tuple[str, str]]:
    """(label, Hub id) of every model the model box offers; the browser says the label in its language."""
    return [(str(t(model_choice_key(m.hub_id))), m.hub_id) for m in picker_models()]


def choice(value: str):
    """A dropdown choice: the value the CLI takes, shown in words where the strings table has some ("auto" ->
    "자동 (auto)" in Korean); the browser translates the label (Gradio i18n)."""
    key = f"choice_{value}"
    return (str(t(key)), value) if key in EN else value


def build_form() -> dict:
    """{field name: component}: the basic fields in the open, the rest in an accordion."""
    comps = {}
    basic = [f for f in form_fields() if f.metadata["group"] == "basic"]
    advanced = [f for f in form_fields() if f.metadata["group"] != "basic"]
    for i in range(0, len(basic), 4):
        with gr.Row():
            for f in basic[i:i + 4]:
                comps[f.name] = component(f)
    with gr.Accordion(t("advanced"), open=False):
        for i in range(0, len(advanced), 3):
            with gr.Row():
                for f in advanced[i:i + 3]:
                    comps[f.name] = component(f)
    _show_what_the_trainer_uses(comps)
    return comps


def shown_for(trainer: str | None) -> dict[str, bool]:
    """{field: shown} for the form's settings that only some trainers use (params: their `trainers`)."""
    return {f.name: applies(f, trainer) for f in form_fields() if f.metadata.get("trainers")}


def _show_what_the_trainer_uses(comps: dict) -> None:
    """A setting only some trainers use is shown only while one of them is chosen."""
    names = [n for n in shown_for(None) if n in comps]
    for name, shown in shown_for(LLMParams.__dataclass_fields__["trainer"].default).items():
        if name in comps:
            comps[name].visible = shown

    def show(trainer):
        shown = shown_for(trainer)
        return [gr.update(visible=shown[n]) for n in names]

    comps["trainer"].change(show, comps["trainer"], [comps[n] for n in names], api_visibility="private",
                            show_progress="hidden")


def to_params(values: dict) -> LLMParams:
    """Form values (and the data tab's) -> LLMParams; ParamError names the field on a bad value."""
    fields = {f.name: f for f in LLMParams.schema()}
    clean = {}
    for name, value in values.items():
        if isinstance(value, str) and not value.strip() and fields[name].default is not None:
            continue  # a blank box keeps the field's default; every other value (None, "None" ...) is coerce's to read
        try:
            clean[name] = coerce(fields[name], value)
        except ParamError:
            raise               # it names the flag and what to write
        except (TypeError, ValueError) as exc:
            raise ParamError(f"{name.replace('_', ' ')}: {exc}") from None
    return LLMParams(**clean)


def shown_value(component, value):
    """What a form component shows for a parameter's value: the inverse of to_params (None is the dropdown's
    "None" choice, an empty text box)."""
    if value is None:
        return "None" if isinstance(component, gr.Dropdown) else ""
    return value


def settings_file(params: LLMParams) -> str:
    """The settings as a JSON file to download, named after the project. The folder is named by the content, so
    the same settings are one file however often they are written."""
    body = json.dumps(params.to_dict(), indent=2)
    folder = Path(tempfile.gettempdir()) / "autotrain-settings" / hashlib.sha1(body.encode()).hexdigest()[:16]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{params.project_name}.json"
    if not path.exists():
        path.write_text(body + "\n", encoding="utf-8")
    return str(path)


def on_hub_split(params: LLMParams, hub_split: dict) -> LLMParams:
    """The settings with the data tab's Hub split ({dataset, revision, config, split}) as the run's data."""
    return dataclasses.replace(params, data_path=hub_split["dataset"], data_config=hub_split.get("config"),
                               data_revision=hub_split.get("revision"), train_split=hub_split.get("split") or "train")


def command_text(params: LLMParams, data_file: str | None, lang: str = "en", hub_split: dict | None = None) -> str:
    """The command box: the command line with the uploaded copy (or the Hub dataset's split, `hub_split`) as
    --data-path, or, with neither yet, a comment saying where the command looks for the data (the comment in the
    visitor's language)."""
    if hub_split:
        return text("command_hub", lang) + "\n" + command_line(on_hub_split(params, hub_split), wrap=True)
    if data_file:
        params = dataclasses.replace(params, data_path=str(data_file))
        return text("command_uploaded", lang) + "\n" + command_line(params, wrap=True)
    return text("command_no_file", lang) + "\n" + command_line(params, wrap=True)


def command_line(params: LLMParams, wrap: bool = False) -> str:
    """`autotrain llm --train ...` with every value that differs from the default (never the token). wrap: one
    flag per line, joined by shell line continuations (pasted as shown, it is still one command)."""
    defaults = LLMParams()
    groups = [["autotrain", "llm", "--train"]]
    for f in LLMParams.schema():
        if f.metadata["group"] == "action" or f.metadata["secret"]:
            continue
        value = getattr(params, f.name)
        if value == getattr(defaults, f.name) and f.name != "project_name":
            continue
        flag = f.metadata["flags"][0]
        if str(f.type) == "bool":
            if value:
                groups.append([flag])
        else:
            groups.append([flag, "None" if value is None else str(value)])
    lines = [" ".join(shlex.quote(p) for p in group) for group in groups]
    return " \\\n    ".join(lines) if wrap else " ".join(lines)
