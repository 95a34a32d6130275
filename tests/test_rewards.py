"""The GRPO reward menu scores hand-written answers as a person would, and refuses rewards written wrongly before
anything launches, with the reason in English and Korean."""

import pytest

from autotrain_ui.core import rewards
from autotrain_ui.core.i18n import render
from autotrain_ui.core.rewards import Reward, RewardError, parse


def one(spec: str) -> Reward:
    (reward,) = parse(spec)
    return reward


ROW = {"prompt": "What is 6 times 7?", "reference": "42"}


@pytest.mark.parametrize("spec, answer, row, expected", [
    ("match", "  The ANSWER: 42. ", {"reference": "the answer 42"}, 1.0),
    ("match", "43", ROW, 0.0),
    ("match", "42.", ROW, 1.0),
    ("match:exact=yes", "42.", ROW, 0.0),
    ("number", "Six times seven makes 42.", ROW, 1.0),
    ("number", "It is 41", ROW, 0.0),
    ("number", "1,234.0", {"reference": "The total is 1234"}, 1.0),
    ("number", "no digits here", ROW, 0.0),
    ("number:tolerance=0.1", "3.14", {"reference": "3.1"}, 1.0),
    ("format:tags=answer", "I think <answer>42</answer>", ROW, 1.0),
    ("format:tags=answer", "<answer></answer>", ROW, 0.0),
    ("format:tags=think|answer", "<think>hm</think> 42", ROW, 0.5),
    ("format:regex=^\\d+$", "42", ROW, 1.0),
    ("format:regex=^\\d+$", "forty-two", ROW, 0.0),
    ("json", '{"a": 1}', ROW, 1.0),
    ("json", '```json\n{"a": 1}\n```', ROW, 1.0),
    ("json", '{"a": 1,', ROW, 0.0),
    ("json:keys=name|age", '{"name": "Mary", "age": 3}', ROW, 1.0),
    ("json:keys=name|age", '{"name": "Mary"}', ROW, 0.75),
    ("json:keys=name|age", "[1, 2]", ROW, 0.5),
    ("length:max=5", "one two three", ROW, 1.0),
    ("length:max=5", "one two three four five six seven", ROW, 0.6),
    ("length:max=5", " ".join(["w"] * 20), ROW, 0.0),
    ("length:min=4,max=10", "two words", ROW, 0.5),
    ("length:max=3", "안녕하세요 반갑습니다", ROW, 1.0),
    ("contains:words=thanks|sorry", "Sorry, I cannot.", ROW, 0.5),
    ("contains:words=고맙습니다", "정말 고맙습니다!", ROW, 1.0),
    ("avoids:words=maybe|perhaps", "Perhaps 42.", ROW, 0.0),
    ("avoids:words=maybe|perhaps", "42.", ROW, 1.0),
    ("language", "42입니다. 육 곱하기 칠은 사십이.", {"prompt": "6 곱하기 7은?"}, 1.0),
    ("language", "It is forty-two.", {"prompt": "6 곱하기 7은 얼마인가요?"}, 0.0),
    ("language", "It is forty-two.", ROW, 1.0),
    ("language:lang=ko", "네, 맞아요. 정답은 OK입니다", ROW, 1.0),
    ("language:lang=ja", "はい、そうです", ROW, 1.0),
])
def test_each_reward_scores_hand_written_answers(spec, answer, row, expected):
    assert one(spec).score(answer, row) == pytest.approx(expected)


@pytest.mark.parametrize("spec", ["match", "number", "format:tags=answer", "json", "length:max=50",
                                  "contains:words=a", "avoids:words=maybe", "language"])
def test_an_empty_answer_scores_nothing(spec):
    assert one(spec).score("", ROW) == 0.0
    assert one(spec).score("   \n", ROW) == 0.0
    assert one(spec).score([{"role": "assistant", "content": ""}], ROW) == 0.0


def test_a_conversational_answer_is_scored_by_its_text():
    answer = [{"role": "assistant", "content": "<answer>42</answer>"}]
    assert one("format:tags=answer").score(answer, ROW) == 1.0
    assert one("number").score(answer, {"prompt": [{"role": "user", "content": "6*7?"}],
                                        "reference": [{"role": "assistant", "content": "42"}]}) == 1.0


def test_weights_and_the_json_form():
    short = parse("number@2; length:max=3@0.5")
    assert [(r.kind, r.weight) for r in short] == [("number", 2.0), ("length", 0.5)]
    assert rewards.total(short, "it is 42", ROW) == pytest.approx(1.0)
    assert rewards.total(short, "it is 41", ROW) == pytest.approx(0.5 / 2.5)
    as_json = parse('[{"kind": "format", "regex": "a;b@c", "weight": 3}]')
    assert as_json[0].options["regex"] == "a;b@c" and as_json[0].weight == 3
    assert one("format:regex=\\d{1,3}").options == {"regex": "\\d{1,3}"}  # the comma in {1,3} stays in the regex


def refusals(spec, has_reference=True, lang="en"):
    try:
        lines = rewards.problems(parse(spec), has_reference)
    except RewardError as exc:
        lines = exc.lines
    return [render(line, lang) for line in lines]


def test_a_bad_regex_is_refused_with_the_reason_in_english_and_korean():
    (en,) = refusals("format:regex=(ab")
    assert "regular expression '(ab' cannot be read" in en and "missing )" in en
    (ko,) = refusals("format:regex=(ab", lang="ko")
    assert "정규식 '(ab'" in ko


def test_every_weight_zero_is_refused():
    (en,) = refusals("length:max=5@0; json@0")
    assert "every reward has weight 0" in en
    assert "가중치가 0" in refusals("length:max=5@0", lang="ko")[0]
    assert refusals("length:max=5@0; json@1") == []


def test_a_reference_reward_on_prompts_without_reference_is_refused():
    (en,) = refusals("number; length:max=5", has_reference=False)
    assert "reward number compares each answer with the row's reference" in en and "answer" in en
    assert "참조" in refusals("match", has_reference=False, lang="ko")[0]
    assert refusals("length:max=5; language", has_reference=False) == []


@pytest.mark.parametrize("spec, words", [
    ("speed", "'speed' is not on the menu"),
    ("length:max=-1", "max='-1' must be a number"),
    ("length:min=9,max=3", "min=9 is over max=3"),
    ("length:colour=red", "no option 'colour'"),
    ("contains", "needs the words"),
    ("format", "needs tags"),
    ("json@heavy", "'json@heavy' is not on the menu"),  # no number after '@': no weight was given
    ("language:lang=klingon", "'klingon' is not a language"),
    ("[{\"kind\": ", "looks like JSON"),
    ("", "none is chosen"),
])
def test_mistakes_are_said_plainly(spec, words):
    assert any(words in line for line in refusals(spec)), refusals(spec)
