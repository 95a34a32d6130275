"""Korean throughout, for what the data side says: every key of the catalog has Korean with the same placeholders,
every message the data doctor gives for the spec's files and the new shapes reads as Korean (no English left once
the file's own names and values are taken out), the English stays what the CLI and the tests read, and the Data
tab's handlers answer in the language of the browser that asked."""
from __future__ import annotations

import html
import json
import re
import string
from pathlib import Path

import pytest

from autotrain_ui import suggest
from autotrain_ui.core import data, i18n
from autotrain_ui.core.data import formats
from autotrain_ui.core.i18n import en, ko
from autotrain_ui.ui import data_tab
from tests.data_cases import QA, outcomes

HANGUL = re.compile(r"[가-힣]")
ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")
FLAG = re.compile(r"--[a-z][a-z0-9-]*")
# Words a Korean message keeps as they are: names of file formats and products, the trainers' and templates' names
# as the form offers them, the column and role names the doctor looks for, JSON's own words. Anything else in Latin
# letters must come from the file (its columns, cells, path) or from a message's values.
IDENTIFIERS = {
    "CSV", "JSON", "JSONL", "UTF", "Parquet", "Excel", "Word", "ZIP", "Zip", "PNG", "JPEG", "GIF", "PDF", "gzip",
    "SQLite", "ELF", "xls", "xlsx", "doc", "Hub", "Hugging", "Face", "ShareGPT", "Guanaco", "Alpaca", "ChatML",
    "LoRA", "SFT", "DPO", "ORPO", "KTO",
    "default", "sft", "reward", "dpo", "orpo", "kto", "tokenizer", "chatml", "zephyr", "none",
    "yes", "good", "bad",  # the label words a feedback log may hold, as the user writes them
    "text", "messages", "prompt", "chosen", "rejected", "rejected_text", "question", "answer", "instruction",
    "output", "role", "from", "human", "bot", "Human", "Assistant", "null", "true", "false",
}


def fields_of(template: str) -> set[tuple[str, str | None]]:
    return {(name, conversion) for _, name, _, conversion in string.Formatter().parse(template) if name is not None}


def test_every_key_has_korean_with_the_same_placeholders():
    assert set(ko.TEXT) == set(en.TEXT), (set(en.TEXT) ^ set(ko.TEXT))
    for key, english in en.TEXT.items():
        assert fields_of(ko.TEXT[key]) == fields_of(english), key
        assert ko.TEXT[key].strip(), key
    # every key the code names exists (a typo would otherwise show only when that message is said)
    package = Path(i18n.__file__).parents[1]
    source = "".join(p.read_text() for p in [*package.rglob("*.py")])
    named = set(re.findall(r'"((?:data|data_tab|template|split|suggest|phrase)\.[a-z_.0-9]*[a-z0-9])"', source))
    assert len(named) > 100 and not [key for key in named if not i18n.has(key)]


def test_lang_of_reads_the_browsers_first_language():
    assert i18n.lang_of("ko-KR,ko;q=0.9,en-US;q=0.8,en;q=0.7") == "ko"
    assert i18n.lang_of("ko") == "ko"
    assert i18n.lang_of("KO-kr") == "ko"
    assert i18n.lang_of("en-US,en;q=0.9,ko;q=0.8") == "en"
    assert i18n.lang_of("en;q=0.5, ko;q=0.9") == "ko"          # the highest q is first choice, wherever it stands
    assert i18n.lang_of("ja-JP,ja;q=0.9") == "en"
    assert i18n.lang_of("") == i18n.lang_of(None) == "en"
    assert i18n.lang_of({"Accept-Language": "ko-KR"}) == "ko"
    import gradio as gr

    assert i18n.lang_of(gr.Request(headers={"accept-language": "ko-KR,ko;q=0.9"})) == "ko"
    assert i18n.lang_of(gr.Request(headers={"accept-language": "en-GB"})) == "en"
    assert i18n.lang_of(gr.Request()) == "en"


def test_row_lists_are_phrases_in_either_language():
    def say(numbers, total, unit, lang):
        return i18n.render(i18n.rows(numbers, total, unit), lang)

    assert say([3], 1, "row", "en") == "row 3" and say([3], 1, "row", "ko") == "3행"
    assert say([2, 3, 4], 3, "row", "en") == "rows 2, 3, 4" and say([2, 3, 4], 3, "row", "ko") == "2, 3, 4행"
    assert say(list(range(2, 20)), 17, "row", "en") == "rows 2, 3, 4, 5, 6 and 12 more"
    assert say(list(range(2, 20)), 17, "row", "ko") == "2, 3, 4, 5, 6행 외 12개 행"
    assert say([4], 1, "line", "ko") == "4번째 줄" and say([4, 9], 2, "line", "ko") == "4, 9번째 줄"
    assert say(list(range(1, 9)), 8, "line", "ko") == "1, 2, 3, 4, 5번째 줄 외 3줄"
    assert i18n.render(i18n.joined(["text", "prompt"]), "en") == "text and prompt"
    assert i18n.render(i18n.joined(["text", "prompt"]), "ko") == "text, prompt"


# ------------------------------------------------------------------------------- every message, in Korean

def _leaves(value) -> list[str]:
    """The strings a message was given (column names, cells, paths, error texts), not the phrase machinery."""
    if isinstance(value, dict):
        if value.get("$") == "known" and value.get("key"):     # a library's English the catalog translates
            return []
        return [s for k, v in value.items() if k not in ("$", "unit", "key") for s in _leaves(v)]
    if isinstance(value, (list, tuple)):
        return [s for v in value for s in _leaves(v)]
    return [str(value)] if value is not None else []


def _shown(outcome, lang: str) -> tuple[str, list[str]]:
    """What the page shows for an outcome in `lang`, and the values it may quote as they are."""
    if isinstance(outcome, data.DataReport):
        values = [*outcome.columns, *outcome.mapping.values(), outcome.trainer or "", outcome.source or ""]
        for p in outcome.problems:
            values += _leaves(p.values)
        for reason in (outcome.recommendation_reason, outcome.template_reason):
            values += _leaves(getattr(reason, "values", {}))
        return data_tab.report_markdown(outcome, lang), values
    if isinstance(outcome, data.DataError):
        return data_tab.report_markdown(outcome, lang), _leaves(outcome.values)
    if isinstance(outcome, suggest.Suggestion):
        values = [s for r in outcome.reasons for s in _leaves(getattr(r, "values", {}))]
        return data_tab.chosen_markdown(outcome, lang), values
    if hasattr(outcome, "note"):
        return i18n.render(outcome.note, lang), _leaves(getattr(outcome.note, "values", {}))
    if callable(outcome):                                    # preview pieces: the rows' own text is a value
        rows = outcome(lang)
        return "\n".join(piece for row in rows for piece, _ in row), [p for row in rows for p, own in row if own]
    values = [s for p in outcome for s in _leaves(p.values)]
    return "\n".join(p.text(lang) for p in outcome), values


def english_left(shown: str, values: list[str]) -> list[str]:
    """Latin words of three letters or more that are neither a value of the message, a flag, nor an identifier."""
    text = FLAG.sub(" ", html.unescape(shown))
    for value in sorted({v for v in values if v.strip()}, key=len, reverse=True):   # whole values, not parts of words
        text = re.sub(rf"(?<![A-Za-z0-9_]){re.escape(value)}(?![A-Za-z0-9_])", " ", text)
    return [w for w in ENGLISH_WORD.findall(text) if w not in IDENTIFIERS]


@pytest.fixture(scope="module")
def all_outcomes(tmp_path_factory, testdata):
    return outcomes(tmp_path_factory.mktemp("cases"), testdata)


def test_every_message_reads_as_korean(all_outcomes):
    said = 0
    for name, outcome in all_outcomes:
        shown, values = _shown(outcome, "ko")
        if not shown:
            continue
        said += 1
        assert HANGUL.search(shown), (name, shown)
        assert not english_left(shown, values), (name, english_left(shown, values), shown)
    assert said > 100


def test_the_check_is_not_blind_to_english(all_outcomes):
    """The same check on the English rendering finds English words in (nearly) every message."""
    found = [name for name, outcome in all_outcomes if english_left(*_shown(outcome, "en"))]
    assert len(found) > 0.9 * len([1 for _, o in all_outcomes if _shown(o, "en")[0]])


def test_english_is_what_the_cli_and_the_tests_read(all_outcomes):
    for name, outcome in all_outcomes:
        if isinstance(outcome, data.DataReport):
            for p in outcome.problems:
                assert p.text("en") == p.message, name
            assert data_tab.report_markdown(outcome) == data_tab.report_markdown(outcome, "en")
        if isinstance(outcome, data.DataError):
            assert outcome.text("en") == str(outcome)


def test_korean_names_rows_lines_and_columns_naturally(testdata, tmp_path):
    bad = testdata / "bad"
    ko_of = {name: data_tab.report_markdown(data.prepare(bad / name, trainer)[1], "ko")
             for name, trainer in (("empty_cells.csv", "sft"), ("bad_line.jsonl", "sft"), ("ragged.csv", "sft"),
                                   ("chosen_equals_rejected.csv", "dpo"), ("messages_bad_role.jsonl", "sft"))}
    assert "빈 행 3개를 뺐습니다(2, 3, 4행)" in ko_of["empty_cells.csv"]
    assert "3번째 줄이 올바른 JSON이 아닙니다" in ko_of["bad_line.jsonl"]
    assert "3번째 줄(데이터 2행" in ko_of["ragged.csv"] and "필드는 4개인데 머리글에는 2개" in ko_of["ragged.csv"]
    assert "1행: 선택된 답변" in ko_of["chosen_equals_rejected.csv"]
    assert "&#x27;robot&#x27; 역할은 system, user, assistant 중 하나가 아닙니다" in ko_of["messages_bad_role.jsonl"]
    path = tmp_path / "dups.csv"
    path.write_text("text\n" + "".join(f"human: q{i % 4} \\n bot: a{i % 4}\n" for i in range(52)))
    shown = data_tab.report_markdown(data.prepare(path, None)[1], "ko")
    assert "전체 52개 행 중 48개 행이 앞의 행과 똑같습니다(5, 6, 7, 8, 9행 외 43개 행)" in shown


def test_pairs_and_settings_in_korean(tmp_path):
    path = tmp_path / "qa.csv"
    path.write_text("question,answer\n" + "".join(f"{q},{a}\n" for q, a in QA * 5))
    _, report = data.prepare(path, None)
    shown = data_tab.report_markdown(report, "ko")
    assert "형식: 프롬프트-답변 쌍" in shown and "추천 트레이너: **sft**" in shown
    assert "손실은 답변 부분에만 계산됩니다" in shown and "**이 파일로 학습할 수 있습니다.**" in shown
    chosen = data_tab.chosen_markdown(suggest.suggest(report), "ko")
    assert "- 20개 행: 3 에포크, 30 스텝" in chosen and "학습률 0.0005" in chosen
    # English, unchanged
    assert any(r.startswith("20 rows: 3 epochs, 30 steps") for r in suggest.suggest(report).reasons)
    assert data_tab.report_markdown(report).startswith("**20 rows read, 20 will train.** Format: a prompt with its answer. "
                                                       "Recommended trainer: **sft** - a prompt and its answer in two columns")


def test_the_page_names_a_format_in_plain_words(tmp_path):
    """The report says what the rows hold, never the format's identifier ("prompt_preference")."""
    path = tmp_path / "dpo.csv"
    path.write_text("prompt,chosen,rejected\n" + "".join(f"q{i},good {i},bad {i}\n" for i in range(12)))
    _, report = data.prepare(path, None)
    assert report.format == "prompt_preference"
    shown = data_tab.report_markdown(report)
    assert "Format: a prompt with a chosen and a rejected answer." in shown and "prompt_preference" not in shown
    assert "형식: 선택된 답변과 거절된 답변이 있는 프롬프트." in data_tab.report_markdown(report, "ko")
    for fmt in (*formats.FORMAT_WORDS, "text", "unknown"):         # every format has words, none is its identifier
        assert "_" not in i18n.text(f"data.format.{fmt}", "en") and i18n.has(f"data.format.{fmt}"), fmt


def test_a_problem_carries_its_key_and_values_through_json(testdata):
    _, report = data.prepare(testdata / "bad" / "empty_cells.csv", "sft")
    sent = json.loads(json.dumps(report.to_dict()))            # what --json and the API send
    problem = sent["problems"][0]
    assert problem["key"] == "data.empty_rows_dropped"
    assert i18n.text(problem["key"], "ko", **problem["values"]) == report.problems[0].text("ko")
    assert problem["message"] == "3 empty rows dropped (rows 2, 3, 4): nothing in 'text'. Training uses the other 2."


# ------------------------------------------------------------------------------------------- the Data tab

def test_the_preview_speaks_korean(tiny_model, testdata):
    pieces, note = data_tab.learn_preview(str(testdata / "seed" / "sft.csv"), {"model": tiny_model, "trainer": "sft"},
                                          {}, "ko")
    assert pieces[0] == ("1행:\n", None)
    assert [text for text, label in pieces if label == "학습 대상"][:1] == ["hi nice to meet you<|im_end|>\n"]
    assert HANGUL.search(note) and "채팅 템플릿: **tokenizer**" in note
    assert not english_left(note, [tiny_model]), note
    _, note = data_tab.learn_preview(str(testdata / "seed" / "sft.csv"), {"model": "/no/such/model"}, {}, "ko")
    assert note.startswith("미리보기 없음: '/no/such/model' 모델의 토크나이저를 불러올 수 없습니다")
    _, note = data_tab.learn_preview(str(testdata / "bad" / "empty.csv"), {"model": tiny_model}, {}, "ko")
    assert note == "미리보기 없음: 위의 데이터 검사에서 고칠 점을 확인하세요."


def _page():
    """The Data tab wired to the training form, as the app builds them -> (page, the form's fields)."""
    import gradio as gr
    from autotrain_ui.ui import form

    with gr.Blocks() as demo:
        tab = data_tab.build()
        fields = form.build_form()
        data_tab.wire(tab, fields)
    return demo, fields


def _call(demo, name: str, accept_language: str, *values):
    """Call a handler of the page the way Gradio does: the request it injects, then the components' values."""
    import gradio as gr
    from gradio.helpers import special_args

    fn = next(f.fn for f in demo.fns.values() if getattr(f.fn, "__name__", "") == name)
    inputs, *_ = special_args(fn, list(values), request=gr.Request(headers={"accept-language": accept_language}))
    return fn(*inputs)


def test_the_data_tab_answers_in_the_browsers_language(testdata, tiny_model):
    demo, fields = _page()
    path = str(testdata / "seed" / "sft.csv")
    out = _call(demo, "on_upload", "ko-KR,ko;q=0.9", path)
    report, chosen = out[1], out[2]
    assert "**이 파일로 학습할 수 있습니다.**" in report and chosen.startswith("**이 파일에 맞춰 고른 설정**")
    out = _call(demo, "on_upload", "en-US,en;q=0.9", path)
    assert "**This file can train.**" in out[1] and out[2].startswith("**Settings chosen for this file**")
    refused = _call(demo, "on_change", "ko", path, "dpo", None, None, None, None)
    assert "&#x27;rejected_text&#x27; 열이 없습니다" in refused and "rejected_text&#x27; column" not in refused
    # the preview follows the form: its fields as the form shows them, the tiny model in the model box
    form = {n: fields[n].value for n in data_tab.LEARN_FIELDS if n in fields} | {"model": tiny_model}
    learn, note = _call(demo, "on_learn", "ko", path, None, None, None, None, *form.values())
    assert "채팅 템플릿: **tokenizer**" in note and HANGUL.search(note)
    assert learn["color_map"] == {"학습 대상": "green"}
    assert {label for _, label in learn["value"]} == {None, "학습 대상"}


def test_refusals_before_launch_are_said_in_korean(testdata):
    """What the page lists under "Cannot start this job": the settings' and the data's reasons, each a Message."""
    import re

    from autotrain_ui.core.params import LLMParams
    from autotrain_ui.preflight import preflight

    check = preflight(LLMParams(quantization="int4", epochs=0, trainer="dpo",
                                data_path=str(testdata / "bad" / "dpo_missing_rejected.csv")), check_model=False)
    assert len(check.errors) == 4
    assert check.errors[0].startswith("--quantization int4 needs --peft")          # English as before
    for line in check.errors:
        korean = i18n.render(line, "ko")
        assert re.search(r"[\uac00-\ud7a3]", korean), korean
        words = re.sub(r"--[\w-]+|'[^']*'", " ", korean)                        # flags and quoted names stay
        assert not re.search(r"\b(needs|must|the|machine|column)\b", words), korean
