"""The training form as a person reads it: labels in words with the flag at the end of the help, a command box
that runs as shown, a settings file with the values on screen, and numbers written for people."""

from __future__ import annotations

import json
import shlex

import gradio as gr

from autotrain_ui.cli.llm import parse_llm_args
from autotrain_ui.core.params import LLMParams
from autotrain_ui.ui import fmt, form
from autotrain_ui.ui.strings import EN, KO


def _label(component) -> str:
    label = component.label
    return EN[label.key] if hasattr(label, "key") else str(label)


def _help(component) -> str:
    return EN[component.info.key]


def test_every_form_field_has_a_label_in_words_and_the_flag_in_its_help():
    with gr.Blocks():
        fields = form.build_form()
    schema = {f.name: f for f in LLMParams.schema()}
    for name, component in fields.items():
        assert f"field_{name}" in EN and f"field_{name}" in KO, name
        label = _label(component)
        assert "_" not in label and label != name, (name, label)
        flag = schema[name].metadata["flags"][0]
        assert _help(component) == f"{schema[name].metadata['help']} ({flag})"  # the schema's help, not a copy
        assert KO[component.info.key].endswith(f" ({flag})")  # and in Korean, the same flag at the end
    assert _label(fields["peft"]) == "LoRA" and _label(fields["lr"]) == "Learning rate"
    assert _label(fields["epochs"]) == "Epochs" and _label(fields["batch_size"]) == "Batch size"
    assert _label(fields["chat_template"]) == "Chat template"
    assert _help(fields["peft"]).endswith("(--peft)")


def _run_as_shown(box: str) -> LLMParams:
    """What `autotrain llm` makes of the command box pasted into a shell (comment lines and continuations)."""
    lines = [line for line in box.splitlines() if not line.startswith("#")]
    argv = shlex.split(" ".join(line.rstrip("\\").strip() for line in lines))
    assert argv[:2] == ["autotrain", "llm"]
    return parse_llm_args(argv[2:])


def test_the_command_box_runs_as_shown_with_the_uploaded_file(tmp_path):
    upload = tmp_path / "my data" / "sft.csv"
    params = form.to_params({"model": "/models/tiny", "project_name": "bot", "trainer": "sft", "peft": True,
                             "epochs": 3, "lr": "1e-4", "chat_template": "None", "text_column": "text"})
    box = form.command_text(params, str(upload))
    parsed = _run_as_shown(box)
    assert parsed.train and parsed.data_path == str(upload) and parsed.project_name == "bot"
    assert {k: v for k, v in parsed.to_dict().items() if k != "data_path"} == \
        {k: v for k, v in params.to_dict().items() if k != "data_path"}
    assert box.splitlines()[0].startswith("# --data-path is the copy of your upload")


def test_without_an_upload_the_command_box_says_where_the_data_must_be():
    box = form.command_text(LLMParams(), None)
    assert box.splitlines()[0].startswith("#") and "./data/train.csv" in box.splitlines()[0]
    parsed = _run_as_shown(box)
    assert parsed.data_path == "data" and parsed.train_split == "train" and parsed.project_name == "my-autotrain-llm"


def test_the_settings_file_holds_the_values_given_and_changes_with_them():
    first = form.settings_file(LLMParams(project_name="bot", epochs=3))
    assert json.loads(open(first, encoding="utf-8").read())["epochs"] == 3 and first.endswith("/bot.json")
    assert form.settings_file(LLMParams(project_name="bot", epochs=3)) == first  # the same settings: one file
    second = form.settings_file(LLMParams(project_name="bot", epochs=4))
    assert second != first and json.loads(open(second, encoding="utf-8").read())["epochs"] == 4
    assert json.loads(open(first, encoding="utf-8").read())["epochs"] == 3  # an earlier download is not rewritten
    assert LLMParams.load(second) == LLMParams(project_name="bot", epochs=4)


def test_shown_values_go_back_to_the_same_settings():
    with gr.Blocks():
        fields = form.build_form()
    params = LLMParams(project_name="again", peft=True, lr=None, chat_template="chatml", quantization=None, epochs=5)
    values = {n: form.shown_value(c, getattr(params, n)) for n, c in fields.items()}
    assert values["lr"] == "" and values["quantization"] == "None" and values["chat_template"] == "chatml"
    assert form.to_params(values) == params


def test_numbers_are_written_for_people():
    assert (fmt.count(1, "row"), fmt.count(2, "row"), fmt.count(0, "row"), fmt.count(1500, "row")) == \
        ("1 row", "2 rows", "0 rows", "1,500 rows")
    assert fmt.gb(23.5401) == "23.5 GB"
    assert fmt.speed(0) == "" and fmt.speed(None) == "" and fmt.speed(1234.4) == "1,234 tokens/s"
    assert [fmt.duration(s) for s in (4, 125, 1800, 7260, 3 * 86400)] == \
        ["4 s", "2 min 5 s", "30 min", "2 h 1 min", "3.0 days"]
    assert fmt.duration(100, rough=True) == "2 min" and fmt.duration(5, rough=True) == "1 min"


def test_the_form_shows_a_setting_only_for_the_trainers_that_use_it():
    """DPO's beta and the prompt length are not shown for SFT, where they do nothing; choosing DPO shows them."""
    from autotrain_ui.core.params import applies
    from autotrain_ui.core.trainers_catalog import CATALOG

    assert form.shown_for("sft")["dpo_beta"] is False and form.shown_for("dpo")["dpo_beta"] is True
    assert form.shown_for("kto")["label_threshold"] is True and form.shown_for("dpo")["label_threshold"] is False
    assert form.shown_for("sft")["train_on_inputs"] is True and form.shown_for("default")["train_on_inputs"] is False
    # every field that names its trainers names real ones, and each such field acts for at least one
    for f in LLMParams.schema():
        used_by = f.metadata.get("trainers")
        if used_by:
            assert set(used_by) <= {t.name for t in CATALOG}, (f.name, used_by)
    assert all(applies(f, t.name) for f in LLMParams.schema() if not f.metadata.get("trainers") for t in CATALOG)
    with gr.Blocks():
        comps = form.build_form()
    assert comps["dpo_beta"].visible is False and comps["lr"].visible is True   # the default trainer is "default"
