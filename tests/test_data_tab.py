"""The data tab's small promises, through its own handlers (as the page calls them, without a browser): what the
tab shows before an upload, after one, and after the file is removed."""

from __future__ import annotations

from pathlib import Path

import gradio as gr
import pytest

from autotrain_ui.ui import data_tab, form
from tests.data_cases import QA


PROPOSED = 2   # the last outputs of an upload and of a clear: the "use this model" button and the model it names


def handler(demo: gr.Blocks, name: str):
    return next(f.fn for f in demo.fns.values() if getattr(f.fn, "__name__", "") == name)


@pytest.fixture(scope="module")
def tab():
    """The data tab wired to the training form, as app.build does; -> (its components, the form's fields, the app)."""
    with gr.Blocks() as demo:
        c = data_tab.build()
        fields = form.build_form()
        data_tab.wire(c, fields)
    return c, fields, demo


def _value(update):
    return update.get("value") if isinstance(update, dict) else update


def _pairs(tmp_path, n=200):
    path = tmp_path / "qa.csv"
    path.write_text("question,answer\n" + "".join(f"{q} {i},{a}\n" for i in range(n // len(QA)) for q, a in QA))
    return str(path)


def test_before_an_upload_the_first_rows_table_is_not_shown(tab, tmp_path):
    c, _, demo = tab
    assert c["preview"].visible is False                       # no empty table with the headers "1 2 3"
    shown = handler(demo, "on_upload")(None, _pairs(tmp_path))[0]
    assert shown["visible"] is True and list(shown["value"].columns) == ["question", "answer"]
    assert handler(demo, "on_clear")()[0]["visible"] is False   # removed: hidden again


def test_removing_the_file_resets_what_the_file_set(tab, tmp_path):
    c, fields, demo = tab
    filled = [n for n in data_tab.FILLED if n in fields]
    defaults = {n: fields[n].value for n in filled}
    after = handler(demo, "on_upload")(None, _pairs(tmp_path))
    fitted = dict(zip(filled, after[-len(filled) - PROPOSED:-PROPOSED]))
    changed = {n for n in filled if _value(fitted[n]) not in (defaults[n], None)}
    assert changed, fitted                                    # the file fitted some settings (epochs, lr, ...)
    cleared = handler(demo, "on_clear")()
    assert dict(zip(filled, cleared[-len(filled) - PROPOSED:-PROPOSED])) == defaults   # back to the form's defaults
    assert cleared[-PROPOSED]["visible"] is False and cleared[-1] is None    # no model proposed any more
    learn = cleared[len(data_tab.MAPPING) + 3]
    assert learn["value"] == [] and learn["color_map"] == {}      # no "learned" label left in the legend
    assert cleared[1:3] == ["", ""]                                # no report, no "chosen" note


def test_a_file_that_cannot_be_mapped_shows_its_error_and_no_empty_recommendation(tab):
    _, _, demo = tab
    shown = handler(demo, "on_upload")(None, str(Path(__file__).parent / "data" / "shapes" / "oasst1_messages.jsonl"))[1]
    assert "one message of a conversation tree" in shown and "Recommended trainer" not in shown and "****" not in shown


def test_an_unreadable_file_is_said_as_a_sentence(tab, tmp_path):
    _, _, demo = tab
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    shown = handler(demo, "on_upload")(None, str(empty))[1]
    assert shown.startswith("**Cannot read this file.** The file is empty"), shown
