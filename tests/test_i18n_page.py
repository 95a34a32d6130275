"""The page in Korean: every key of the strings table has a Korean entry with the same {placeholders}, the
visitor's language is read from Accept-Language, and the text the server builds (job messages, the Runs view, the
coach, the before/after report, the hardware estimate, the chat notes, the access banner, the command box) comes
out in Korean for lang="ko" with no English word left outside names, numbers, flags and paths."""

from __future__ import annotations

import re
import string
from types import SimpleNamespace

import gradio as gr
import pytest

from autotrain_ui import access, coach, hardware, jobs
from autotrain_ui.core import checkpoints
from autotrain_ui.core.i18n import coach as i18n_coach, modules as i18n_modules, page as i18n_page
from autotrain_ui.hub import publish
from autotrain_ui.core.params import LLMParams
from autotrain_ui.ui import chat_tab, fmt, form, hardware_panel, runs_tab, strings
from autotrain_ui.ui.strings import EN, KO, lang_of, language
from tests.test_coach import HEALTHY, ISSUE_14, stream
from tests.test_verdicts import registry, runs  # noqa: F401 - fixtures

HANGUL = re.compile(r"[\uac00-\ud7a3]")
# Words a Korean page keeps as they are: product and technical names, units, and the values the CLI takes
# (a dropdown's or a flag's, which the help texts name).
NAMES = {
    "AutoTrain", "UI", "LLM", "CSV", "JSONL", "JSON", "Parquet", "Hub", "ID", "Space", "Spaces", "Hugging", "Face",
    "LoRA", "QLoRA", "DPO", "ORPO", "KTO", "SFT", "GPU", "GPUs", "CPU", "RAM", "GB", "TFLOPS", "CUDA", "NaN", "ChatML",
    "ShareGPT", "Alpaca", "ZeRO", "TensorBoard", "Trackio", "Weights", "Biases", "README", "Nvidia", "x", "k",
    "basic", "upgrade", "small", "medium", "large", "ETA", "PROJECT", "safetensors", "bitsandbytes",
    "transformers", "flash-attn", "epoch", "steps", "no", "left", "right", "none", "None", "auto", "tokenizer",
    "chatml", "zephyr", "default", "sft", "reward", "dpo", "orpo", "kto", "linear", "cosine", "constant", "ddp", "fsdp",
    "deepspeed", "tensorboard", "wandb", "trackio", "all-linear", "text", "prompt", "messages", "conversations",
    "role", "content", "human", "bot", "lora", "full", "qlora", "r", "s", "i",
    "GGUF", "Ollama", "Modelfile", "LM", "Studio", "llama.cpp", "llama", "cpp", "zip", "f16", "q8_0", "NAME",
    # GRPO: the trainer, its KL term and the reward menu's own words (autotrain_ui/core/rewards.py)
    "GRPO", "grpo", "KL", "match", "number", "format", "json", "length", "contains", "avoids", "language", "max",
}


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def english_words(text: str, allowed: set[str] = frozenset()) -> list[str]:
    """The English words left in a text once names, numbers, flags, paths, code and links are taken out."""
    text = re.sub(r"`[^`]*`", " ", text)                          # code and commands
    text = re.sub(r"\]\([^)]*\)", "] ", text)                    # a link's address (its words stay)
    text = re.sub(r"https?://\S+", " ", text)
    text = re.sub(r"</?\w+>", " ", text)                         # <small>
    text = re.sub(r"\"[^\"]*\"", " ", text)                      # a quoted name (a README section)
    text = re.sub(r"(?<![\w-])--?[\w-]+", " ", text)             # flags
    text = re.sub(r"\S*[/\\]\S*", " ", text)                     # paths, repo ids, "bf16/fp16"
    text = re.sub(r"[\w-]*\.(?:log|jsonl|json|csv|tsv|txt|gguf|parquet|ai)(?![A-Za-z0-9])", " ", text)  # files, wandb.ai
    words = re.findall(r"[A-Za-z][A-Za-z0-9_.-]*[A-Za-z0-9]|[A-Za-z]", text)
    return [w for w in words if w not in NAMES and w not in allowed and not re.search(r"[\d_]", w)
            and not w.isupper()]                                 # int4, HF_TOKEN, names in capitals


def assert_korean(text: str, allowed: set[str] = frozenset()) -> None:
    assert HANGUL.search(text), text
    assert english_words(text, allowed) == [], (english_words(text, allowed), text)


# ---------------------------------------------------------------- the table

def test_every_key_has_korean_with_the_same_placeholders():
    missing = sorted(set(EN) - set(KO))
    assert missing == [], f"no Korean for: {missing}"
    assert sorted(set(KO) - set(EN)) == [], "a Korean entry with no English key"
    differ = {k: (placeholders(EN[k]), placeholders(KO[k])) for k in EN if placeholders(EN[k]) != placeholders(KO[k])}
    assert differ == {}


def test_korean_values_say_no_english_beyond_names():
    from autotrain_ui.core.models import picker_models

    # the page's areas of the catalog (the data side's messages name file types, libraries and commands: tested by
    # tests/test_i18n.py); the form's help and the model box's labels
    page_keys = {*i18n_page.CATALOG, *i18n_modules.CATALOG, *i18n_coach.CATALOG}
    for key, value in KO.items():
        if key not in page_keys and not key.startswith(("help.", "model_choice.")):
            continue
        if key.startswith("model_choice."):      # the model box's labels start with the model's name, a name
            value = value.replace(next(m.label for m in picker_models() if strings.model_choice_key(m.hub_id) == key),
                                  " ")
        words = english_words(re.sub(r"\{[^}]*\}", " ", value))
        assert words == [], (key, words, value)
        if re.search(r"[A-Za-z]{4,}", re.sub(r"\{[^}]*\}", "", EN[key])) and english_words(EN[key]):
            assert HANGUL.search(value), (key, value)  # English words in English: Korean words in Korean


def test_every_form_field_has_a_korean_help_ending_in_its_flag():
    with gr.Blocks():
        fields = form.build_form()
    schema = {f.name: f for f in LLMParams.schema()}
    for name, component in fields.items():
        flag = schema[name].metadata["flags"][0]
        assert component.info.key == f"help.{name}"
        assert EN[f"help.{name}"] == f"{schema[name].metadata['help']} ({flag})"
        assert KO[f"help.{name}"].endswith(f" ({flag})") and HANGUL.search(KO[f"help.{name}"]), name
    labels = dict(fields["chat_template"].choices)
    assert EN[re.search(r'"key": "([\w.]+)"', next(k for k, v in labels.items() if v == "auto")).group(1)] == "auto"


@pytest.mark.parametrize("header, lang", [
    ("ko-KR,ko;q=0.9,en-US;q=0.8,en;q=0.7", "ko"), ("ko", "ko"), ("en-US,en;q=0.9,ko;q=0.8", "en"),
    # the browser's first choice decides, as it does for Gradio's own labels: a French browser gets English labels,
    # so its server-built text is English too (not Korean beside English labels)
    ("fr-FR,fr;q=0.9,ko;q=0.5,en;q=0.3", "en"), ("de-DE", "en"), ("", "en"), (None, "en"), ("ko;q=abc,en", "en")])
def test_the_language_follows_accept_language(header, lang):
    assert language(header) == lang
    assert lang_of(SimpleNamespace(headers={"accept-language": header} if header is not None else {})) == lang


def test_a_request_without_headers_is_english():
    assert lang_of(None) == "en" and lang_of(SimpleNamespace()) == "en"


# ---------------------------------------------------------------- what the server builds, in Korean

def test_numbers_in_korean():
    assert [fmt.duration(s, lang="ko") for s in (4, 125, 1800, 7260, 3 * 86400)] == \
        ["4초", "2분 5초", "30분", "2시간 1분", "3.0일"]
    assert fmt.count(1000, "row", lang="ko") == "1,000행" and fmt.speed(1234.4, "ko") == "초당 1,234토큰"
    assert fmt.count(1, "row") == "1 row" and fmt.count(3, "held-out row") == "3 held-out rows"


@pytest.mark.parametrize("model, flavour, kw", [
    ("HuggingFaceTB/SmolLM2-135M-Instruct", "t4-small", dict(peft=True, rows=2000, epochs=3, trainer="sft")),
    ("Qwen/Qwen2.5-1.5B", "a10g-large", dict(peft=False, rows=None)),                 # too big: the cheapest
    ("mistralai/Mistral-7B-v0.1", "a10g-large", dict(peft=False, trainer="dpo")),     # fits nowhere
    ("Qwen/Qwen2.5-1.5B", "cpu-upgrade", dict(peft=True, quantization="int8")),       # needs a CUDA GPU
    ("some/unknown-model", "cpu-basic", dict(peft=True, disable_gradient_checkpointing=True)),
])
def test_the_hardware_estimate_in_korean(model, flavour, kw):
    text = hardware_panel.fit_markdown(model, flavour, lang="ko", **kw)
    assert_korean(text, allowed={"unknown-model"})
    short = hardware_panel.fit_markdown(model, flavour, short=True, lang="ko", **kw)
    assert_korean(short) and short.splitlines()[0] in text
    english = hardware_panel.fit_markdown(model, flavour, **kw)
    assert not HANGUL.search(english) and "Assumptions:" in english


def test_the_hardware_picker_and_its_messages_in_korean(tmp_path):
    local = hardware.local_flavour(hardware.CurrentHardware(False, None, [], 8, 32))
    for label, _ in hardware_panel.flavour_choices("a10g-large", local, lang="ko"):
        assert_korean(label, allowed={"Nvidia", "A10G", "T4", "L4", "L40S", "A100"})
    assert "(현재)" in dict((v, k) for k, v in hardware_panel.flavour_choices("a10g-large", lang="ko"))["a10g-large"]
    reg = SimpleNamespace(root=tmp_path, list_jobs=lambda: [])
    on_space = {"SPACE_ID": "alice/autotrain-ui", "SPACE_AUTHOR_NAME": "alice"}
    for message in (hardware_panel.move_space("alice", "t4-small", None, reg, {}, lang="ko"),
                    hardware_panel.move_space(None, "t4-small", None, reg, on_space, lang="ko"),
                    hardware_panel.move_space("bob", "t4-small", None, reg, on_space, lang="ko"),
                    hardware_panel.set_drop("x", True, reg, {}, lang="ko"),
                    hardware_panel.set_drop("alice", True, reg, on_space, lang="ko"),
                    hardware_panel.set_drop("alice", False, reg, on_space, lang="ko"),
                    hardware_panel._move_label("t4-small", "ko")):
        assert_korean(message, allowed={"alice", "bob", "T4"})


def test_the_access_banner_in_korean():
    space = {"SPACE_ID": "alice/autotrain-ui", "SPACE_AUTHOR_NAME": "alice"}
    for user in (None, "bob"):
        message = access.access_for(SimpleNamespace(username=user) if user else None, space, "ko").message
        assert_korean(message, allowed={"bob"})
        assert "https://huggingface.co/spaces/alice/autotrain-ui?duplicate=true" in message
    assert access.read_only_message(None, space).startswith("This Space is read-only")  # the CLI's English stays


def test_the_coachs_notes_in_korean():
    overfit = stream([2.6 - 0.06 * i for i in range(40)], total=40, epochs_per_step=0.1) + \
        [{"step": 10, "epoch": 1.0, "eval_loss": 1.9}, {"step": 20, "epoch": 2.0, "eval_loss": 1.62},
         {"step": 30, "epoch": 3.0, "eval_loss": 1.8}, {"step": 40, "epoch": 4.0, "eval_loss": 2.1}]
    cases = [(stream(HEALTHY), {"lr": 2e-4}), (stream([0.0] * 10), {"lr": 2e-4}),
             (stream([2.3, 2.2, 2.1, 3.5, 9.0, 40.0, 350.0]), {"lr": 0.01}), (stream([2.3, 2.2, 2.1, 3.5, 9.0]), {}),
             (stream([2.5] * 12), {"lr": 1e-6}), (stream([2.5] * 12), {}),
             (sorted(overfit, key=lambda e: (e["step"], "eval_loss" in e)), {"lr": 2e-4, "epochs": 4})]
    seen = set()
    for events, params in cases:
        advice = coach.advise(events, params)
        assert advice, params
        seen |= {a.kind for a in advice}
        assert_korean(coach.advice_markdown(advice, "ko"))
        assert coach.advice_markdown(advice).startswith("### Training coach")  # English without a table
    assert seen == {"progress", "masked", "divergence", "flat", "overfitting"}


@pytest.mark.parametrize("losses, total", [(ISSUE_14, None), ([2.3, 2.2], None), (HEALTHY, None),
                                           ([2.5] * 12, None), (ISSUE_14[:8], 30)])
def test_verdicts_in_korean(losses, total):
    for finished in (True, False):
        v = coach.verdict(stream(losses, total=total), {"lr": 2e-4, "epochs": 1}, finished=finished)
        assert_korean(runs_tab.verdict_markdown({"parts": v.parts}, "ko"))
        assert_korean(runs_tab.status_label({"status": "succeeded", "verdict": {"kind": v.kind}}, "ko"))


def test_the_before_after_report_in_korean():
    report = {"held_out_rows": 2, "before": {"eval_loss": 2.5, "preference_accuracy": 0.5},
              "after": {"eval_loss": 1.9, "preference_accuracy": 0.75},
              "verdict_parts": [{"key": "coach.report_held_better", "values": {"before": 2.5, "after": 1.9}},
                                {"key": "coach.report_preference", "values": {"before": 0.5, "after": 0.75}},
                                {"key": "coach.report_copies_some", "values": {"copies": 1, "asked": 3, "valid": 2}}],
              "answers": [{"prompt": "What is your name?", "expected": "Mary", "base": "I am", "tuned": "Mary"}]}
    text = runs_tab.report_markdown(report, "ko")
    prompt_free = text.replace("What is your name?", "").replace("I am", "").replace("Mary", "")
    assert_korean(prompt_free)
    assert "What is your name?" in text  # the data stays as it is
    english = runs_tab.report_markdown(report)
    assert "Held-out loss went from 2.500 to 1.900: the tuned model is better" in english
    assert "1 of the 3 held-out rows were copies" in english
    copies = {"held_out_rows": 0, "verdict_parts": [{"key": "coach.report_copies_all", "values": {"asked": 5}}]}
    assert_korean(runs_tab.report_markdown(copies, "ko"))
    old = {"held_out_rows": 3, "verdict": "Held-out loss stayed at 2.000: training changed little."}
    assert old["verdict"] in runs_tab.report_markdown(old, "ko")  # a report from before parts: its English
    # a default run on prose with no rows held out measured nothing: no heading over an empty section
    nothing = {"trainer": "default", "held_out_rows": 0, "before": {}, "after": {}, "measured_on": "training",
               "training_rows": 2, "verdict_parts": [{"key": "coach.report_seen_rows", "values": {"rows": 2}}]}
    assert runs_tab.report_markdown(nothing) == runs_tab.report_markdown(nothing, "ko") == ""
    grpo = {**nothing, "trainer": "grpo", "before": {"mean_reward": 0.2}, "after": {"mean_reward": 0.6}}
    assert runs_tab.report_markdown(grpo)              # a GRPO run's rewards before and after keep their section


def test_push_checkpoint_and_tracker_notes_in_korean(tmp_path):
    for value in ({"status": "pushing"}, {"status": "pushed", "url": "https://huggingface.co/alice/bot"},
                  {"status": "failed", "message": "401 Unauthorized"}):
        assert_korean(publish.markdown(value, "ko"), allowed={"Unauthorized"})
    assert publish.markdown({"status": "pushing"}) == "**Pushing to the Hub ...**"
    c = {"step": 20, "eval_loss": 1.2345, "best": True, "in_model": True}
    assert_korean(checkpoints.label(c, "ko")) and checkpoints.label(c) == \
        "step 20, held-out loss 1.2345 (best, in the model now)"
    for log in ("tensorboard", "trackio", "wandb"):
        (tmp_path / "config.json").write_text(f'{{"log": "{log}"}}')
        assert_korean(runs_tab.tracker_markdown(tmp_path, {}, "ko"))


def test_refusals_in_korean():
    """What the page says when an action cannot act: the jobs' and checkpoints' keyed errors, in Korean."""
    from autotrain_ui.ui.actions import refusal

    for exc in (jobs.JobStateError("jobs.refused_cancel_ended", id="j1", status="succeeded"),
                jobs.JobStateError("jobs.refused_resume_succeeded", id="j1"),
                jobs.JobStateError("jobs.refused_again_active", id="j1", status="running"),
                jobs.JobStateError("jobs.refused_again_no_model", id="j1"),
                checkpoints.CheckpointError("checkpoint.gone", step=3)):
        said = refusal(exc, "ko")
        assert_korean(said, allowed={"j1"})
        assert str(exc) == refusal(exc, "en")  # the page's English is the API's
    assert "성공" in refusal(jobs.JobStateError("jobs.refused_cancel_ended", id="j1", status="succeeded"), "ko")


def test_the_command_box_comment_and_the_chat_notes_in_korean(registry, runs):  # noqa: F811
    for data in (None, "/tmp/upload/sft.csv"):
        comment = form.command_text(LLMParams(), data, "ko").splitlines()[0]
        assert comment.startswith("#") and HANGUL.search(comment) and english_words(comment) == [], comment
    *_, note = next(chat_tab.respond(registry, None, "hi", [], [], True, 0.0, 16, lang="ko"))
    assert_korean(note)
    *_, note = list(chat_tab.respond(registry, runs["short"], "hi", [], [], False, 0.0, 4, lang="ko"))[0]
    assert_korean(note)  # loading the model


def test_the_runs_view_in_korean(registry, runs):  # noqa: F811
    table = runs_tab.jobs_table(registry, lang="ko")
    assert list(table.columns) == ["ID", "이름", "상태", "트레이너", "모델", "시작", "걸린 시간", "스텝", "최종 손실"]
    assert set(table.set_index("이름")["상태"]) == {"성공 - 손실 증가", "성공 - 판단하기엔 스텝이 너무 적음", "성공"}
    for name in ("rose", "short", "fell"):
        status, *_, retry, _push = runs_tab.job_view(registry, runs[name], "ko")
        assert_korean(status, allowed={name})
        if retry.get("visible"):
            assert_korean(retry["value"])
    assert runs_tab.job_view(registry, runs["rose"])[0].startswith("**rose** - status: **succeeded - loss rose**")
    assert runs_tab.view_signature(registry, runs["rose"], None, "ko") != \
        runs_tab.view_signature(registry, runs["rose"], None, "en")  # a redraw per language, never a mixed one
