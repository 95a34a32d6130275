"""A model that knows the data's language (issue #23, item 5): the rows' language is read from their letters, and when
the chosen model was not trained on it, a model that was (and fits the hardware) is proposed with the reason, in the
suggestion, the page and `autotrain data check`; offline, the default stays and the report says it knows English
only."""

from __future__ import annotations

import json

import pytest

from autotrain_ui import suggest
from autotrain_ui.core import data, models
from autotrain_ui.cli.data import check_main
from autotrain_ui.core.data.language import detect_text
from autotrain_ui.core.params import LLMParams

DEFAULT = LLMParams().model


@pytest.fixture()
def online(monkeypatch):
    """Every model of the table can be had (as with the Hub reachable), with no network touched."""
    monkeypatch.setattr(models, "on_this_machine", lambda hub_id: True)


@pytest.fixture()
def offline(monkeypatch):
    """Only what is on this machine can be had: the Hub cannot be reached and no other model is cached."""
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setattr(models, "on_this_machine", lambda hub_id: hub_id == DEFAULT)


@pytest.fixture(scope="module")
def korean(testdata):
    return data.prepare(testdata / "language" / "ko_chat.jsonl", None)[1]


@pytest.fixture(scope="module")
def english(testdata):
    return data.prepare(testdata / "seed" / "sft.csv", None)[1]


@pytest.mark.parametrize("sample, language", [
    ("안녕하세요, 저는 학생입니다. 오늘 날씨가 좋네요. SQL 문법을 한국어로 알려 주세요.", "ko"),
    ("こんにちは、私は学生です。今日は天気がいいですね。日本語で答えてください。", "ja"),
    ("你好，我是学生。今天天气很好。请用中文回答。我们一起去吃饭吧。", "zh"),
    ("Привет, я студент. Сегодня хорошая погода. Ответь по-русски, пожалуйста.", "ru"),
    ("Quelle est la capitale de la France ? C'est Paris, et il est beau pour les vacances avec nous.", "fr"),
    ("What is the capital of France? It is Paris, and this is the city that you want to see.", "en"),
    ("ok 42", None),                                      # too few letters to say
])
def test_the_language_is_read_from_the_letters(sample, language):
    assert detect_text(sample * 3) == language


def test_korean_rows_get_a_model_that_knows_korean_and_why(korean, online):
    assert korean.language == "ko"
    s = suggest.suggest(korean, model=DEFAULT)
    proposal = models.known_model(s.model["proposal"])
    assert proposal is not None and proposal.knows("ko") and not models.known_model(DEFAULT).knows("ko")
    reason = s.texts("en")[0]
    assert "Korean" in reason and proposal.label in reason and "English only" in reason and "fits" in reason
    assert "한국어" in s.texts("ko")[0] and proposal.label in s.texts("ko")[0]
    assert "model" not in s.settings                      # proposed, never filled in behind the user's back


def test_english_rows_get_no_proposal(english, online):
    assert english.language == "en"
    s = suggest.suggest(english, model=DEFAULT)
    assert s.model is None and not any("English only" in r for r in s.texts())


def test_a_model_that_knows_korean_is_left_alone(korean, online):
    assert suggest.suggest(korean, model="Qwen/Qwen2.5-1.5B-Instruct").model is None


def test_offline_the_default_stays_and_says_it_knows_english_only(korean, offline):
    advice = suggest.suggest(korean, model=DEFAULT).model
    assert advice["proposal"] is None
    assert "knows English only" in advice["reason"] and "stays" in advice["reason"]


def test_the_data_check_prints_the_proposal(testdata, online, capsys):
    path = str(testdata / "language" / "ko_chat.jsonl")
    assert check_main([path]) == 0
    out = capsys.readouterr().out
    assert "Language:    Korean (ko)" in out
    model_line = next(line for line in out.splitlines() if line.startswith("Model:"))
    assert "Korean" in model_line and "English only" in model_line
    assert check_main([path, "--json"]) == 0
    advice = json.loads(capsys.readouterr().out)["model_advice"]
    assert models.known_model(advice["proposal"]).knows("ko") and advice["language"] == "ko"
    assert check_main([str(testdata / "seed" / "sft.csv"), "--json"]) == 0
    assert "model_advice" not in json.loads(capsys.readouterr().out)


def test_the_data_check_offline_keeps_the_default(testdata, offline, capsys):
    assert check_main([str(testdata / "language" / "ko_chat.jsonl"), "--json"]) == 0
    advice = json.loads(capsys.readouterr().out)["model_advice"]
    assert advice["proposal"] is None and "knows English only" in advice["reason"]


def test_the_page_offers_the_model_in_one_click(testdata, online):
    import gradio as gr

    from autotrain_ui.ui import data_tab, form

    with gr.Blocks() as demo:
        c = data_tab.build()
        fields = form.build_form()
        data_tab.wire(c, fields)
    on_upload = next(f.fn for f in demo.fns.values() if getattr(f.fn, "__name__", "") == "on_upload")
    out = on_upload(None, str(testdata / "language" / "ko_chat.jsonl"), DEFAULT)
    button, proposed = out[-2], out[-1]
    assert button["visible"] is True and models.known_model(proposed).label in button["value"]
    assert "Korean" in out[1] and "English only" in out[2]          # the report says the language; the note why
    click = next(f for f in demo.fns.values() if f.inputs and f.inputs[0] is c["proposed"])
    assert click.fn(proposed)[0] == proposed                         # the click puts it in the model box
    english = on_upload(None, str(testdata / "seed" / "sft.csv"), DEFAULT)
    assert english[-2]["visible"] is False and english[-1] is None
