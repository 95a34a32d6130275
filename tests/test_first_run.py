"""A first run that learns (issue #14): the files people bring train with no flags, conversations get the model's
chat template by themselves, the settings fit the data, and copies of training rows never pass for unseen rows."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from autotrain_ui import suggest
from autotrain_ui.cli.data import check_main
from autotrain_ui.core.data import prepare
from autotrain_ui.core.data.split import hold_out
from tests.conftest import make_project, read_events, run_in_process
from tests.test_cli import data_folder, run_cli

SYSTEM = {"role": "system", "content": "You are terse."}
CHAT = [{"role": "user", "content": "What is your name?"}, {"role": "assistant", "content": "My name is Mary"}]


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def common_files(tmp_path: Path) -> dict[str, tuple[Path, str, str]]:
    """The shapes people bring most -> (file, the trainer the check must pick, the format it must see)."""
    files = {}
    files["messages.jsonl"] = (write_jsonl(tmp_path / "messages.jsonl", [{"messages": [SYSTEM, *CHAT]}] * 2 +
                                           [{"messages": [{"role": "user", "content": "hi"},
                                                          {"role": "assistant", "content": "hello"}]}]),
                               "sft", "messages")
    sharegpt = [{"conversations": [{"from": "human", "value": "What is your name?"},
                                   {"from": "gpt", "value": "My name is Mary"}]},
                {"conversations": [{"from": "human", "value": "hi"}, {"from": "gpt", "value": "hello"}]}]
    (tmp_path / "sharegpt.json").write_text(json.dumps(sharegpt), encoding="utf-8")
    files["sharegpt.json"] = (tmp_path / "sharegpt.json", "sft", "sharegpt")
    with (tmp_path / "messages_in_cells.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["messages"])
        writer.writerow([json.dumps(CHAT)])
        writer.writerow([json.dumps([{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}])])
    files["messages_in_cells.csv"] = (tmp_path / "messages_in_cells.csv", "sft", "messages")
    (tmp_path / "qa.csv").write_text("question,answer\nWhat is your name?,My name is Mary\nhi,hello\n",
                                     encoding="utf-8")
    files["qa.csv"] = (tmp_path / "qa.csv", "sft", "pairs")
    files["preference.jsonl"] = (write_jsonl(tmp_path / "preference.jsonl", [
        {"prompt": [{"role": "user", "content": "What is your name?"}],
         "chosen": [{"role": "assistant", "content": "My name is Mary"}],
         "rejected": [{"role": "assistant", "content": "Whats it to you?"}]},
        {"prompt": [{"role": "user", "content": "hi"}], "chosen": [{"role": "assistant", "content": "hello"}],
         "rejected": [{"role": "assistant", "content": "go away"}]}]), "dpo", "prompt_preference")
    return files


CASES = ["messages.jsonl", "sharegpt.json", "messages_in_cells.csv", "qa.csv", "preference.jsonl"]


@pytest.mark.parametrize("name", CASES)
def test_common_shapes_pass_the_check_with_no_flags_and_train(name, tmp_path, tiny_model, capsys):
    path, trainer, fmt = common_files(tmp_path)[name]
    assert check_main([str(path)]) == 0, capsys.readouterr().out
    out = capsys.readouterr().out
    assert "can train" in out and f"Trainer:     {trainer}" in out and f"Format:      {fmt}" in out, out
    assert "Template:    automatic" in out and "chat template" in out, out
    # ... and the same file trains a step through the real command line, the template chosen by itself
    data_folder(tmp_path, path)
    code, output = run_cli(["--train", "--project-name", "run", "--model", tiny_model, "--data-path", "data",
                            "--trainer", trainer, "--max-steps", "1", "--block-size", "64", "--max-prompt-length",
                            "16", "--logging-steps", "1"], tmp_path, capsys)
    assert code == 0, output
    project = tmp_path / "run"
    assert any("loss" in e for e in read_events(project))
    assert json.loads((project / "config.json").read_text())["chat_template"] == "tokenizer"
    assert "chat template: tokenizer (automatic: the rows are conversations" in (project / "train.log").read_text()


def test_question_answer_pairs_map_to_prompt_and_answer(tmp_path):
    path = tmp_path / "ko.csv"
    path.write_text("질문,답변\n이름이 뭐예요?,제 이름은 메리입니다\n", encoding="utf-8")
    examples, report = prepare(path, None)
    assert report.ok and report.trainer == "sft" and report.mapping == {"prompt": "질문", "text": "답변"}
    assert examples[0]["messages"] == [{"role": "user", "content": "이름이 뭐예요?"},
                                       {"role": "assistant", "content": "제 이름은 메리입니다"}]
    # --chat-template none: the text as it stands, still only the answer carries the loss
    from tests.test_data import WordTokenizer
    from autotrain_ui.core.templates import render

    examples, _ = prepare(path, "sft", chat_template="none")
    assert examples[0]["prompt"] == "이름이 뭐예요?" and examples[0]["completion"] == "제 이름은 메리입니다"
    ids, mask = render({k: v for k, v in examples[0].items() if not k.startswith("_")}, WordTokenizer())
    assert mask == [0, 0, 1, 1, 1]  # WordTokenizer: one token per word; the 2-word question carries no loss


def test_plain_text_stays_plain_text(testdata, tmp_path):
    (tmp_path / "prose.csv").write_text("text\nOnce upon a time there was a fox.\nThe end.\n", encoding="utf-8")
    examples, report = prepare(tmp_path / "prose.csv", None)
    assert report.trainer == "default" and not report.conversational and examples[0] == {
        "text": "Once upon a time there was a fox.", "_row": 1}
    assert "plain text" in report.template_reason


def repeated(tmp_path: Path, times: int) -> Path:
    rows = list(csv.DictReader((Path(__file__).parent / "data" / "seed" / "sft.csv").open()))
    path = tmp_path / f"repeated{times}.csv"
    with path.open("w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["text"])
        for i in range(times):
            writer.writerow([rows[i % len(rows)]["text"]])
    return path


def test_duplicates_are_named_and_never_held_out_as_unseen(tmp_path, tiny_model, capsys):
    path = repeated(tmp_path, 52)                      # 4 distinct rows, 13 copies each
    assert check_main([str(path)]) == 0
    out = capsys.readouterr().out
    assert "48 of 52 rows repeat an earlier row exactly (rows 5, 6, 7, 8, 9 and 43 more); only 4 are different" in out
    split = hold_out(prepare(path, "sft")[0], 10, seed=42)
    assert split.asked == 5 and split.valid == [] and len(split.train) == 52 and "copies" in split.note
    project = make_project(tmp_path, path, project_name="copies", model=tiny_model, trainer="sft", peft=True,
                           valid_percent=10, max_steps=2, batch_size=4, block_size=64, logging_steps=1)
    assert run_in_process(project) == 0
    report = json.loads((project / "report.json").read_text())
    assert report["held_out_rows"] == 0 and "copies of training rows" in report["verdict"]
    assert "never saw" not in report["verdict"].replace("rows it never saw; they were", "")
    assert "better" not in report["verdict"] and "worse" not in report["verdict"]


def test_some_copies_go_back_into_training():
    rows = [{"text": f"row {i}"} for i in range(40)] + [{"text": "row 0"}] * 10
    split = hold_out(rows, 20, seed=1)
    keys = {r["text"] for r in split.train}
    assert split.valid and not any(r["text"] in keys for r in split.valid)
    assert len(split.train) + len(split.valid) == 50 and split.asked == 10


def test_settings_fit_the_table(testdata, tmp_path):
    s = suggest.suggest(prepare(repeated(tmp_path, 20), None)[1])
    assert s.settings["trainer"] == "sft" and s.settings["peft"] and s.settings["chat_template"] is None
    assert (s.settings["epochs"], s.settings["valid_percent"]) == (3, 0)
    assert any(r.startswith("20 rows: 3 epochs, 30 steps") for r in s.reasons), s.reasons
    big = prepare(repeated(tmp_path, 2000), None)[1]
    s = suggest.suggest(big)
    assert (s.settings["epochs"], s.settings["valid_percent"], s.settings["lr"]) == (1, 10, suggest.LORA_LR)
    s = suggest.suggest(prepare(testdata / "seed" / "dpo.csv", None)[1])
    assert s.settings["trainer"] == "dpo" and {s.settings[k] for k in (
        "text_column", "rejected_text_column", "prompt_text_column")} == {"text", "rejected_text", "prompt"}
    # what is given wins; the rest is fitted
    assert suggest.fill({"epochs": 1, "trainer": "orpo"}, prepare(testdata / "seed" / "dpo.csv", "orpo")[1]) \
        ["epochs"] == 1


def test_the_preview_marks_what_the_model_learns(tiny_model, testdata):
    from autotrain_ui.ui.data_tab import learn_preview

    pieces, note = learn_preview(str(testdata / "seed" / "sft.csv"), {"model": tiny_model, "trainer": "sft"}, {})
    learned = [text for text, label in pieces if label == "learned"]
    assert learned[:2] == ["hi nice to meet you<|im_end|>\n", "I am fine<|im_end|>\n"], pieces
    assert "<|im_start|>user\nhello<|im_end|>" in "".join(text for text, label in pieces if label is None)
    assert "chat template **tokenizer**" in note
    pieces, note = learn_preview(str(testdata / "seed" / "sft.csv"), {"model": tiny_model, "trainer": "sft",
                                                                       "chat_template": "none"}, {})
    assert [t for t, label in pieces if label == "learned"][0] == "human: hello \\n bot: hi nice to meet you"
    assert "**none**" in note


def test_a_validation_split_of_one_file_is_refused(testdata, tiny_model):
    """One uploaded file is one split: a --valid-split would evaluate on the training rows and call them unseen."""
    from autotrain_ui.core.params import LLMParams
    from autotrain_ui.preflight import preflight

    check = preflight(LLMParams(model=tiny_model, data_path=str(testdata / "seed" / "sft.csv"), valid_split="valid"),
                      check_model=False)
    assert not check.ok and "no separate validation rows" in check.errors[0] and "--valid-percent" in check.errors[0]


def test_the_dpo_preview_shows_the_rejected_answer_marked_as_such(tiny_model, testdata):
    from autotrain_ui.ui.data_tab import _learn_output, learn_preview

    pieces, _ = learn_preview(str(testdata / "seed" / "dpo.csv"), {"model": tiny_model, "trainer": "dpo"}, {})
    shown = "".join(t for t, _ in pieces)
    rejected = [t for t, label in pieces if label == "rejected answer (learned against)"]
    assert rejected[0].startswith("leave me alone") and "Rejected answer" in shown, pieces    # row 1's rejected
    assert [t for t, label in pieces if label == "learned"] != rejected     # the chosen answer, apart from it
    legend = _learn_output((pieces, ""), "en")[0]["color_map"]
    assert legend == {"learned": "green", "rejected answer (learned against)": "red"}
    ko, _ = learn_preview(str(testdata / "seed" / "dpo.csv"), {"model": tiny_model, "trainer": "dpo"}, {}, "ko")
    assert any(label == "거절된 답변 (피하도록 학습)" for _, label in ko)
    sft, _ = learn_preview(str(testdata / "seed" / "sft.csv"), {"model": tiny_model, "trainer": "sft"}, {})
    assert all(label in (None, "learned") for _, label in sft)              # no rejected answer where none is
