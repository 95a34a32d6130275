"""The training form, generated from the parameter schema (params.py): no parameter is spelled out twice.
Also turns the form's values back into LLMParams and into the equivalent command line."""

from __future__ import annotations

import shlex

import gradio as gr

from autotrain_ui.params import LLMParams, ParamError, coerce

# set by the Data tab (the uploaded file and its column mapping), not typed in the form
FROM_DATA_TAB = {"data_path", "train_split", "text_column", "rejected_text_column", "prompt_text_column"}


def form_fields() -> list:
    return [f for f in LLMParams.schema()
            if f.metadata["group"] != "action" and not f.metadata["secret"] and f.name not in FROM_DATA_TAB]


def component(f):
    meta, default = f.metadata, f.default
    common = {"label": f.name.replace("_", " "), "info": meta["help"], "elem_id": f"field-{f.name}"}
    kind = str(f.type)
    if kind == "bool":
        return gr.Checkbox(value=default, **common)
    if meta["choices"]:
        unset = meta.get("unset") or "None"       # chat_template: "auto" (None is chosen from the data)
        choices = ([unset] if default is None and meta.get("unset") else []) + list(meta["choices"]) + \
            ([] if default is not None or meta.get("unset") else ["None"])
        return gr.Dropdown(choices=choices, value=unset if default is None else default, **common)
    if ("int" in kind or "float" in kind) and default is not None:
        return gr.Number(value=default, precision=0 if "int" in kind else None, **common)
    if default is None:  # an optional value: empty means "not set" (a Number box would show 0)
        return gr.Textbox(value="", placeholder="not set", **common)
    return gr.Textbox(value="" if default is None else str(default), **common)


def build_form() -> dict:
    """{field name: component}: the basic fields in the open, the rest in an accordion."""
    comps = {}
    basic = [f for f in form_fields() if f.metadata["group"] == "basic"]
    advanced = [f for f in form_fields() if f.metadata["group"] != "basic"]
    for i in range(0, len(basic), 4):
        with gr.Row():
            for f in basic[i:i + 4]:
                comps[f.name] = component(f)
    with gr.Accordion("Advanced", open=False):
        for i in range(0, len(advanced), 3):
            with gr.Row():
                for f in advanced[i:i + 3]:
                    comps[f.name] = component(f)
    return comps


def to_params(values: dict) -> LLMParams:
    """Form values (and the data tab's) -> LLMParams; ParamError names the field on a bad value."""
    fields = {f.name: f for f in LLMParams.schema()}
    clean = {}
    for name, value in values.items():
        if value is None or (isinstance(value, str) and value.strip() in ("", "None")):
            if fields[name].default is None:
                clean[name] = None
                continue
            if isinstance(value, str) and value.strip() == "" and fields[name].default not in (None, ""):
                continue
        try:
            clean[name] = coerce(fields[name], value)
        except (TypeError, ValueError) as exc:
            raise ParamError(f"{name.replace('_', ' ')}: {exc}") from None
    return LLMParams(**clean)


def command_line(params: LLMParams) -> str:
    """`autotrain llm --train ...` with every value that differs from the default (never the token)."""
    defaults = LLMParams()
    parts = ["autotrain", "llm", "--train"]
    for f in LLMParams.schema():
        if f.metadata["group"] == "action" or f.metadata["secret"]:
            continue
        value = getattr(params, f.name)
        if value == getattr(defaults, f.name) and f.name != "project_name":
            continue
        flag = f.metadata["flags"][0]
        if str(f.type) == "bool":
            if value:
                parts.append(flag)
        else:
            parts += [flag, "None" if value is None else str(value)]
    return " ".join(shlex.quote(p) for p in parts)
