"""GRPO without the real model: the data shapes it reads, what is refused before launch (and said), the rewards
scored on the first rows, the settings fitted to the data, the verdict from the reward curve, the Runs view, and a
two-step run of the tiny model on conversational prompts."""

from __future__ import annotations

import json

import pytest

from autotrain_ui import cli, coach, suggest
from autotrain_ui.core import data
from autotrain_ui.core.i18n import render
from autotrain_ui.core.params import LLMParams
from autotrain_ui.preflight import preflight
from tests.conftest import make_project, read_events, run_in_process


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("name, text, prompt, reference", [
    ("p.csv", "prompt\nSay hi\n", "Say hi", None),
    ("qa.csv", "question,answer\nWhat is 2+3?,5\n", "What is 2+3?", "5"),
    ("math.jsonl", '{"problem": "6*7?", "solution": "It is 42"}\n', "6*7?", "It is 42"),
    ("gt.jsonl", '{"query": "Capital of Korea?", "ground_truth": "Seoul"}\n', "Capital of Korea?", "Seoul"),
    ("alpaca.jsonl", '{"instruction": "Translate", "input": "hello", "output": "안녕"}\n', "Translate\n\nhello", "안녕"),
    ("chat.jsonl", '{"messages": [{"role": "user", "content": "6*7?"}, {"role": "assistant", "content": "42"}]}\n',
     [{"role": "user", "content": "6*7?"}], "42"),
])
def test_the_data_check_reads_grpo_shapes(tmp_path, name, text, prompt, reference):
    examples, report = data.prepare(write(tmp_path, name, text), "grpo")
    assert report.ok, report.to_text()
    assert examples[0]["prompt"] == prompt and examples[0]["reference"] == reference
    assert report.format == ("conversation_prompts" if isinstance(prompt, list) else "prompts")


def test_a_prompt_conversation_that_does_not_read_is_named_by_its_line(tmp_path):
    rows = [{"messages": [{"role": "user", "content": "6*7?"}, {"role": "assistant", "content": "42"}]},
            {"messages": [{"role": "user", "content": "Weather?"},
                          {"role": "assistant", "tool_calls": [{"id": "c1", "type": "function"}]}]}]
    _, report = data.prepare(write(tmp_path, "tools.jsonl", "".join(json.dumps(r) + "\n" for r in rows)), "grpo")
    (error,) = report.errors
    assert error.message.startswith("line 2: the conversation calls tools"), error.message


def test_a_table_without_prompts_is_refused_with_what_to_do(tmp_path):
    _, report = data.prepare(write(tmp_path, "x.csv", "colour,size\nred,3\n"), "grpo")
    (error,) = report.errors
    assert "GRPO needs a prompt per row" in error.message and "colour, size" in error.message
    assert "프롬프트" in error.text("ko")


def check(tmp_path, table: str, rewards: str, **values):
    params = LLMParams(project_name="g", trainer="grpo", peft=True, rewards=rewards,
                       data_path=str(write(tmp_path, "train.csv", table)), **values)
    return preflight(params, check_model=False, gpus=0)


QA = "question,answer\nWhat is 2+3?,5\nHow many legs has a spider?,8\nSay 7,7\n"
PROSE = "question,answer\nWho wrote Hamlet?,Shakespeare did\nName a colour,Blue is one\nSay hi,Hello there\n"


def test_with_no_reward_chosen_answers_a_checker_can_verify_bring_their_own(tmp_path):
    """`autotrain llm --trainer grpo` with no --rewards on numeric answers: the reward the data check suggests is used
    and said, and config.json will record it (preflight sets the run's settings)."""
    params = LLMParams(project_name="g", trainer="grpo", peft=True, data_path=str(write(tmp_path, "train.csv", QA)))
    result = preflight(params, check_model=False, gpus=0)
    assert result.ok and params.rewards == "number", result.errors
    said = [n for n in result.notes if getattr(n, "key", "") == "rewards.defaulted"]
    assert said and "GRPO uses number" in str(said[0]) and "number" in render(said[0], "ko")
    assert "row 1: number 1.00 / 0.00" in " ".join(str(n) for n in result.notes)


@pytest.mark.parametrize("rewards, table, words", [
    ("format:regex=(ab", QA, "the regular expression '(ab' cannot be read"),
    ("number@0; length:max=5@0", QA, "every reward has weight 0"),
    ("number; length:max=5", "prompt\nSay hi\nWrite a poem\n", "reward number compares each answer with the row's "
                                                                "reference, but the data has no reference column"),
    ("", PROSE, "GRPO learns from rewards and none is chosen"),   # no reward checks answers like these
])
def test_refused_before_launch_with_the_reason(tmp_path, rewards, table, words):
    result = check(tmp_path, table, rewards)
    assert not result.ok and any(words in e for e in result.errors), result.errors
    assert all(render(e, "ko") != str(e) for e in result.errors if words in e)  # said in Korean too


def test_the_cli_refuses_a_bad_regex_before_anything_starts(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    table = write(tmp_path, "qa.csv", QA)
    code = cli.main(["llm", "--train", "--trainer", "grpo", "--project-name", "g", "--data-path", str(table),
                     "--rewards", "format:regex=[0-9"])
    assert code == 2 and "regular expression '[0-9' cannot be read" in capsys.readouterr().err
    assert not (tmp_path / "g").exists()


def test_the_rewards_are_scored_on_the_first_rows_before_launch(tmp_path):
    result = check(tmp_path, QA, "number; format:tags=answer")
    assert result.ok, result.errors
    notes = " ".join(str(n) for n in result.notes)
    assert "GRPO rows: 3 prompts, reference answers from column 'answer'" in notes
    assert "row 1: number 1.00 / 0.00; format(tags=answer) 0.00 / 0.00" in notes
    # the references hold no <answer> tags: the format reward cannot tell them from an empty answer
    blind = [w for w in result.warnings if "format(tags=answer) gives the reference answer and an empty answer" in w]
    assert blind and "구별하지 못하니" in render(blind[0], "ko")
    assert not any("reward number gives" in w for w in result.warnings)


def test_settings_fitted_to_the_data_and_the_hardware(tmp_path, monkeypatch):
    _, report = data.prepare(write(tmp_path, "qa.csv", QA), "grpo")
    monkeypatch.setattr("autotrain_ui.core.gpu.gpu_count", lambda: 0)
    fitted = suggest.suggest(report)
    s = fitted.settings
    assert s["trainer"] == "grpo" and s["peft"] and s["num_generations"] == 4 and s["grpo_beta"] == 0.0
    assert s["max_completion_length"] == 32 and s["lr"] == 5e-5
    said = " ".join(fitted.texts())
    assert "GRPO: 4 answers per prompt" in said and "no reference model in memory" in said
    assert "프롬프트마다 답 4개" in " ".join(fitted.texts("ko"))


def events(rewards: list[float]) -> list[dict]:
    return [{"step": i + 1, "loss": 0.0, "reward": r, "reward_std": 0.2} for i, r in enumerate(rewards)]


@pytest.mark.parametrize("curve, kind, change", [
    ([0.2, 0.25, 0.3, 0.5, 0.6, 0.7], "reward_rose", {}),
    ([0.4, 0.42, 0.39, 0.41, 0.4, 0.41], "reward_flat", {"num_generations": 8}),
    ([0.7, 0.6, 0.5, 0.3, 0.2, 0.2], "reward_fell", {"lr": 5e-5 / 3}),
])
def test_the_verdict_reads_the_reward(curve, kind, change):
    params = {"trainer": "grpo", "rewards": "length:max=5", "lr": 5e-5, "num_generations": 4, "max_steps": 6}
    found = coach.verdict(events(curve), params, None)
    assert found.kind == kind and found.learned is (kind == "reward_rose")
    assert found.change.keys() == change.keys() and all(found.change[k] == pytest.approx(v, rel=0.25) for k, v in change.items())
    assert coach.advise(events(curve), params) == []  # a GRPO loss of 0 is no divergence


def test_weighted_rewards_read_on_their_0_to_1_scale():
    params = {"trainer": "grpo", "rewards": "number@2; length:max=5@2", "lr": 5e-5}
    found = coach.verdict(events([0.4, 0.4, 1.6, 1.6, 3.6, 3.6]), params, None)
    assert found.kind == "reward_rose" and "from 0.10 to 0.90" in found.message


def test_the_runs_view_shows_the_reward_curves_and_the_sampled_answers(tmp_path):
    from autotrain_ui.ui import rewards_view

    e = [{"step": 1, "reward": 1.0, "reward_std": 0.5, "rewards/number/mean": 0.5, "completions/mean_length": 12.0}]
    points = rewards_view.curve_points(e, 2.0, "ko")
    assert {"step": 1, "value": 0.5, "series": "보상"} in points and {"step": 1, "value": 0.5, "series": "number"} in points
    (tmp_path / "samples.jsonl").write_text(json.dumps({"step": 3, "samples": [
        {"prompt": "6*7?", "completion": "It is <b>42</b>", "scores": {"number": 1.0}, "reward": 1.0},
        {"prompt": "6*7?", "completion": "", "scores": {"number": 0.0}, "reward": 0.0}]}) + "\n")
    shown = rewards_view.samples_markdown(tmp_path, e, "en")
    assert "Sampled answers at step 3" in shown and "- **1.00** (number 1.00): It is &lt;b&gt;42&lt;/b&gt;" in shown
    assert "(empty answer)" in shown and "스텝에서 샘플링한 답" in rewards_view.samples_markdown(tmp_path, e, "ko")


def test_a_tiny_run_on_conversational_prompts(tiny_model, tmp_path, monkeypatch):
    """...and its report scores greedy answers as long as the sampled ones it trained on (max_completion_length)."""
    from trainers import answers

    caps, batch = [], answers._batch
    monkeypatch.setattr(answers, "_batch", lambda *a: caps.append(a[4]) or batch(*a))
    rows = [{"messages": [{"role": "user", "content": f"What is {i} plus 1?"},
                          {"role": "assistant", "content": str(i + 1)}]} for i in range(6)]
    table = write(tmp_path, "chat.jsonl", "".join(json.dumps(r) + "\n" for r in rows))
    project = make_project(tmp_path, table, project_name="tiny-grpo", model=tiny_model, trainer="grpo", peft=True,
                           rewards="number@2; length:max=3", num_generations=2, max_completion_length=4,
                           batch_size=1, max_steps=2, logging_steps=1, valid_percent=34, checkpoint_minutes=0,
                           save_strategy="no", mixed_precision="fp32")
    assert run_in_process(project) == 0, (project / "train.log").read_text()[-2000:]
    event = next(e for e in read_events(project) if "reward" in e)
    assert {"rewards/number/mean", "rewards/length/std", "reward_std"} <= set(event)
    samples = [json.loads(line) for line in (project / "samples.jsonl").read_text().splitlines()]
    assert samples and set(samples[0]["samples"][0]["scores"]) == {"number", "length"}
    report = json.loads((project / "report.json").read_text())
    assert report["after"]["reward_prompts"] == 2 and 0 <= report["after"]["base_mean_reward"] <= 1
    assert caps and set(caps) == {4}, caps   # the tuned model's answers and the base model's (its adapter off)
    assert (project / "model" / "adapter_config.json").exists()


def test_the_reward_menu_writes_the_rewards_field():
    from autotrain_ui.ui.rewards_menu import compose

    chosen = [("number", True, "", 2), ("format", False, "tags=answer", 1), ("length", True, "max=50", 0.5),
              ("language", True, " ", None)]
    spec = compose(chosen)
    assert spec == "number@2; length:max=50@0.5; language"
    from autotrain_ui.core.rewards import parse

    assert [(r.kind, r.weight) for r in parse(spec)] == [("number", 2.0), ("length", 0.5), ("language", 1.0)]


def test_the_data_tab_shows_the_rewards_on_the_first_rows(tmp_path):
    from autotrain_ui.ui.data_tab import learn_preview

    path = str(write(tmp_path, "qa.csv", QA))
    pieces, note = learn_preview(path, {"trainer": "grpo", "rewards": "number; format:tags=answer"}, {}, "en")
    assert pieces == [] and "GRPO rows: 3 prompts" in note and "row 1: number 1.00 / 0.00" in note
    assert "format(tags=answer) gives the reference answer and an empty answer the same score" in note
    _, note = learn_preview(path, {"trainer": "grpo", "rewards": "format:regex=(ab"}, {}, "ko")
    assert "정규식" in note and "(ab" in note  # (quotes HTML-escaped: the note is Markdown)


# ------------------------------------------------------------------ answers a checker can verify: grpo recommended

@pytest.mark.parametrize("name, reward, prompt, reference", [
    ("gsm8k.jsonl", "number", "question", "answer"),                  # worked answers ending '#### 48'
    ("extract.csv", "json:keys=name|age|city", "input", "output"),    # a JSON object per row
])
def test_answers_a_checker_can_verify_recommend_grpo_with_the_matching_reward(testdata, name, reward, prompt,
                                                                             reference):
    from autotrain_ui.core.rewards import parse

    path = testdata / "grpo" / name
    examples, report = data.prepare(path, None)
    assert report.ok and report.recommended_trainer == report.trainer == "grpo", report.to_text()
    assert report.mapping == {"prompt": prompt, "reference": reference} and report.suggested_rewards == reward
    said = render(report.recommendation_reason, "en")
    assert f"GRPO scores the model's own answers with the reward {reward}" in said and "100% of the first rows" in said
    assert f"보상 {reward}" in render(report.recommendation_reason, "ko")
    assert "Recommended: grpo - a prompt and an answer that is a" in report.to_text()
    (check,) = parse(reward)
    assert check.score(examples[0]["reference"], examples[0]) == 1.0 and check.score("", examples[0]) == 0.0
    fitted = suggest.suggest(report)
    assert fitted.settings["trainer"] == "grpo" and fitted.settings["rewards"] == reward
    assert f"GRPO's reward: {reward}" in " ".join(fitted.texts()) and f"GRPO 보상: {reward}" in " ".join(fitted.texts("ko"))
    launch = preflight(LLMParams(project_name="g", data_path=str(path), **fitted.settings), check_model=False, gpus=0)
    assert launch.ok, launch.errors
    assert f"row 1: {check.name} 1.00 / 0.00" in " ".join(str(n) for n in launch.notes)


@pytest.mark.parametrize("table", [
    "question,answer\nHow many legs has a spider?,A spider has 8 legs.\nWhat is 2+3?,It is 5.\n",  # prose with numbers
    "question,answer\nWhat is 2+3?,5\nWhy is the sky blue?,Light scatters.\nName a fruit,An apple\n",  # mostly prose
    'prompt,completion\nGive JSON,{"a": 1}\nSay hi,Hello there\n',
])
def test_ordinary_prompt_and_answer_text_stays_sft(tmp_path, table):
    _, report = data.prepare(write(tmp_path, "qa.csv", table), None)
    assert report.recommended_trainer == "sft" and report.suggested_rewards == "", report.to_text()
    assert "SFT teaches the model to give the answer to each prompt" in render(report.recommendation_reason, "en")


@pytest.mark.parametrize("answer, kind", [("42", "number"), ("1,200", "number"), ("$3.50", "number"), ("-7", "number"),
                                          (12, "number"), ("6 * 7 = <<6*7=42>>42\n#### 42", "number"),
                                          ("It is 42", None), ('{"name": "Ana"}', "json"), ({"a": 1}, "json"),
                                          ("[1, 2]", None), ('{"name": ', None), (True, None), ("", None)])
def test_what_counts_as_an_answer_a_checker_can_verify(answer, kind):
    from autotrain_ui.core.data import verifiable

    assert verifiable.kind(answer) == kind
