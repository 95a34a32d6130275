"""The page's labels through Gradio's i18n: the browser shows each label in its language.

Every string is a key of the one catalog (autotrain_ui/core/i18n/, English and Korean side by side); this module hands
the catalog to gr.I18n, with two kinds of entries the page works out from other data: each form field's help
(`help.<field>`: the schema's English in autotrain_ui/core/params.py, the Korean in i18n/form_help.py, the field's flag
appended to both) and each offered model's label (`model_choice.<id>`, from the page.model_label template).

    t("page.train_button")          # a label built once with the page, shown in the browser's language
    text(key, lang)                 # text a handler builds for one visitor: autotrain_ui.core.i18n.text
    lang_of(request)                # the visitor's language from the request Gradio hands a handler
"""

from __future__ import annotations

import gradio as gr

from autotrain_ui.core import i18n
from autotrain_ui.core.i18n import form_help
from autotrain_ui.core.models import picker_models
from autotrain_ui.core.params import LLMParams

LANGS = i18n.LANGS


def helped(f) -> bool:
    """The fields that have a help a person reads on the page (the form and the data tab's mapping)."""
    return f.metadata["group"] != "action" and not f.metadata["secret"]


def _with_flag(help_text: str, f) -> str:
    return f"{help_text} ({f.metadata['flags'][0]})"


def model_choice_key(hub_id: str) -> str:
    """The key of one model's label in the model box (a dropdown choice is translated by its whole key)."""
    return "model_choice." + "".join(c if c.isalnum() else "_" for c in hub_id)


def _page_entries(lang: str) -> dict:
    """The entries worked out from the schema and the model list, in `lang`."""
    helps = {f"help.{f.name}": _with_flag(f.metadata["help"] if lang == "en" else form_help.KO[f.name], f)
             for f in LLMParams.schema() if helped(f)}
    models = {model_choice_key(m.hub_id): i18n.text(
        "page.model_label", lang, label=m.label, size=m.size,
        gated=i18n.text("page.model_gated_yes" if m.gated else "page.model_gated_no", lang))
        for m in picker_models()}
    return {**helps, **models}


EN = {**i18n.EN, **_page_entries("en")}
KO = {**i18n.KO, **_page_entries("ko")}
I18N = gr.I18n(en=EN, ko=KO)


def t(key: str):
    """A label that the browser shows in its language."""
    return I18N(key)


def language(accept_language: str | None) -> str:
    """The page's language for an Accept-Language header (autotrain_ui.core.i18n.lang_of: the browser's first choice)."""
    return i18n.lang_of(accept_language)


def lang_of(request) -> str:
    """The visitor's language from the request Gradio hands a handler (gr.Request; None outside a page: English)."""
    return i18n.lang_of(request)
