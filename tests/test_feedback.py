"""Feedback logs (a prompt, one answer, a thumbs up or down) as the data doctor meets them: recognised in any of the
usual label spellings, in CSV or JSONL, plain or conversational, with kto recommended; a label it cannot read is
named by row (or line), and the kto trainer says what it needs when a table has no labels. Then what a KTO run is
told afterwards: the report's good-minus-bad margin and the coach's verdict on it, in English and Korean, and the
hardware estimate that counts its reference model."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from autotrain_ui.cli.data import check_main
from autotrain_ui.core.data import prepare
from autotrain_ui.core.params import LLMParams

SEED = Path(__file__).resolve().parent / "data" / "seed"
QUESTIONS = [("hello", "hi nice to meet you", "leave me alone"), ("how are you", "I am fine", "I am not fine"),
             ("What is your name?", "My name is Mary", "Whats it to you?")]


def feedback_csv(path: Path, good: str = "👍", bad: str = "👎", extra: list | None = None,
                 header=("prompt", "completion", "label")) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        for prompt, chosen, rejected in QUESTIONS:
            writer.writerow([prompt, chosen, good])
            writer.writerow([prompt, rejected, bad])
        for row in extra or []:
            writer.writerow(row)
    return path


def _problems(report) -> str:
    return "\n".join(p.message for p in report.problems)


@pytest.mark.parametrize("good,bad", [("true", "false"), ("True", "False"), ("1", "0"), ("yes", "no"),
                                      ("good", "bad"), ("👍", "👎"), ("👍🏽", "👎🏻"), ("Thumbs Up", "thumbs_down"),
                                      ("좋아요", "싫어요")])
def test_feedback_csv_is_recognised_in_every_label_spelling(good, bad, tmp_path):
    examples, report = prepare(feedback_csv(tmp_path / "fb.csv", good, bad), None, chat_template="none")
    assert report.ok and not report.problems, _problems(report)
    assert (report.format, report.recommended_trainer, report.trainer) == ("feedback", "kto", "kto")
    assert report.mapping == {"prompt": "prompt", "text": "completion", "label": "label"}
    assert [(e["prompt"], e["completion"], e["label"]) for e in examples] == \
        [(p, a, label) for p, c, r in QUESTIONS for a, label in ((c, True), (r, False))]


def test_feedback_jsonl_with_json_booleans_and_conversations(tmp_path):
    rows = [{"prompt": [{"role": "system", "content": "Be kind."}, {"role": "user", "content": p}],
             "completion": [{"role": "assistant", "content": answer}], "label": label}
            for p, c, r in QUESTIONS for answer, label in ((c, True), (r, False))]
    path = tmp_path / "fb.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    examples, report = prepare(path, None)
    assert report.ok and report.recommended_trainer == "kto" and report.conversational, _problems(report)
    assert examples[0]["prompt"] == rows[0]["prompt"] and examples[0]["completion"] == rows[0]["completion"]
    assert [e["label"] for e in examples] == [r["label"] for r in rows]
    # numbers as labels, and a plain-text prompt written as a conversation: turns with the automatic template
    path.write_text("".join(json.dumps({"prompt": f"human: {p} \\n bot: hi \\n human: and you?", "completion": a,
                                        "label": n}) + "\n" for p, a, n in (("hello", "fine", 1), ("hey", "no", 0))))
    examples, report = prepare(path, "kto")
    assert report.ok and [e["label"] for e in examples] == [True, False]
    assert [t["role"] for t in examples[0]["prompt"]] == ["user", "assistant", "user"]
    assert examples[0]["completion"] == [{"role": "assistant", "content": "fine"}]


def test_a_label_it_cannot_read_is_named_by_the_data_check(tmp_path, capsys):
    path = feedback_csv(tmp_path / "fb.csv", extra=[["hello", "hmm", "maybe"]])
    assert check_main([str(path)]) == 0               # the other rows still train
    out = capsys.readouterr().out
    assert "row 7" in out and "'maybe'" in out and "left out" in out and "6 will train" in out, out
    assert "Trainer:     kto" in out
    # JSONL: the line of the file
    jsonl = tmp_path / "fb.jsonl"
    jsonl.write_text('{"prompt": "a", "completion": "b", "label": true}\n{"prompt": "c", "completion": "d", '
                     '"label": "maybe"}\n{"prompt": "e", "completion": "f", "label": false}\n', encoding="utf-8")
    assert check_main([str(jsonl), "--trainer", "kto"]) == 0
    assert "line 2" in capsys.readouterr().out
    # no label at all readable: nothing to train
    unsure = feedback_csv(tmp_path / "unsure.csv", "maybe", "perhaps")
    assert check_main([str(unsure), "--trainer", "kto"]) == 2
    assert "no row has a label that says good or bad" in capsys.readouterr().out


def test_a_rating_column_is_read_as_good_from_a_threshold(tmp_path):
    """A 1-5 rating beside each answer is feedback: SFT would learn the 1-star answers too (issue #23)."""
    path = tmp_path / "scores.csv"
    path.write_text("prompt,completion,rating\n" + "".join(f"q{i},a{i},{i % 5 + 1}\n" for i in range(10)))
    examples, report = prepare(path, None)
    assert report.format == "feedback" and report.recommended_trainer == "kto"
    assert [e["label"] for e in examples[:5]] == [False, False, False, True, True]
    assert "answers rated above 3 count as good" in _problems(report)
    examples, report = prepare(path, "kto", label_threshold=2)
    assert [e["label"] for e in examples[:5]] == [False, True, True, True, True]
    examples, report = prepare(path, "sft")                    # SFT keeps only the good answers as targets
    assert report.ok and [e["messages"][-1]["content"] for e in examples] == ["a3", "a4", "a8", "a9"]


def test_kto_says_what_it_needs_and_takes_a_named_label_column(tmp_path):
    _, report = prepare(SEED / "dpo.csv", "kto")
    assert not report.ok and "no 'label' column found" in _problems(report) and "--label-column" in _problems(report)
    path = feedback_csv(tmp_path / "odd.csv", "y", "n", header=("question", "reply", "was_it_ok"))
    _, report = prepare(path, "kto")
    assert not report.ok and "'label'" in _problems(report)
    examples, report = prepare(path, "kto", label_column="was_it_ok")
    assert report.ok and report.mapping == {"prompt": "question", "text": "reply", "label": "was_it_ok"}
    assert [e["label"] for e in examples] == [True, False] * 3
    # the label column given to another trainer is said to be unused
    _, report = prepare(path, "sft", label_column="was_it_ok")
    assert report.ok and "--label-column is used by the kto trainer only" in _problems(report)


def test_one_sided_labels_are_warned_about(tmp_path):
    path = tmp_path / "good.csv"
    path.write_text("prompt,completion,label\na,b,good\nc,d,good\n")
    _, report = prepare(path, None)
    assert report.ok and "every answer is labelled good" in _problems(report)


def test_kto_needs_two_rows_per_batch():
    errors = LLMParams(trainer="kto", batch_size=1).validate()
    assert any("--batch-size 1 is too small for kto" in e for e in errors)
    assert not LLMParams(trainer="kto", batch_size=2).validate()
    assert not LLMParams(trainer="dpo", batch_size=1).validate()   # the seed's trainers keep their flags


# ------------------------------------------------------------------------------- after the run: report, coach

FALLING = [0.5, 0.49, 0.45, 0.41, 0.38, 0.33, 0.31, 0.27, 0.25, 0.22, 0.2, 0.18]


def kto_report(before: float, after: float) -> dict:
    return {"trainer": "kto", "held_out_rows": 4, "verdict_parts": [
        {"key": "coach.report_margin", "values": {"before": before, "after": after}}],
        "before": {"eval_loss": 0.5, "margin": before}, "after": {"eval_loss": 0.4, "margin": after}}


def test_the_coach_reads_the_good_minus_bad_margin_of_a_kto_run():
    from autotrain_ui.coach import verdict
    from autotrain_ui.core.i18n import render_all
    from autotrain_ui.job_status import status_label
    from tests.test_coach import stream

    grew = verdict(stream(FALLING), {"trainer": "kto", "lr": 5e-4}, kto_report(-0.2, 0.9))
    assert grew.kind == "fell" and grew.learned and "learned the difference" in grew.message
    assert "+0.90 after" in grew.message
    # a falling loss with the good answers no further ahead is not a success: the run's label says so
    flat = verdict(stream(FALLING), {"trainer": "kto", "lr": 5e-4}, kto_report(0.4, 0.1))
    assert "did not gain" in flat.message and "bad answers got less likely" in flat.message
    assert flat.kind == "margin_flat" and flat.learned is False and "learned from your data" not in flat.message
    assert status_label({"status": "succeeded", "verdict": {"kind": flat.kind}}) == "succeeded - good answers not ahead"
    assert status_label({"status": "succeeded", "verdict": {"kind": grew.kind}}) == "succeeded"
    korean = render_all(flat.parts, "ko")
    assert "좋음으로 표시된 답" in korean and "did not" not in korean
    # no held-out rows (a small table): measured on the rows it trained on, and said to be
    seen = {**kto_report(0.4, 1.5), "held_out_rows": 0, "measured_on": "training", "training_rows": 6}
    on_seen = verdict(stream(FALLING), {"trainer": "kto", "lr": 5e-4}, seen)
    assert on_seen.learned and "On the training rows (none were held out)" in on_seen.message
    seen = {**seen, "after": {"margin": 0.3}, "before": {"margin": 0.4}}
    assert verdict(stream(FALLING), {"trainer": "kto", "lr": 5e-4}, seen).kind == "margin_flat"
    # the other trainers' verdicts are as they were
    dpo = verdict(stream(FALLING), {"trainer": "dpo", "lr": 5e-4}, kto_report(0.4, 0.1))
    assert "margin" not in dpo.message


def test_a_preference_run_learned_only_when_the_chosen_answers_came_out_ahead():
    """DPO's loss starts at 0.693 and falls as soon as chosen and rejected move apart at all: the shares of pairs
    where the model puts the chosen answer first, before and after, decide. (A table whose chosen answers equal the
    rejected ones trains with a falling loss and 50% before and after: it must not read as a success.)"""
    from autotrain_ui.coach import verdict
    from autotrain_ui.core.i18n import render_all
    from autotrain_ui.job_status import status_label
    from tests.test_coach import stream

    dpo_loss = [0.693, 0.69, 0.66, 0.63, 0.6, 0.57, 0.55, 0.52, 0.5, 0.49, 0.47, 0.468]

    def report(before, after, **extra):
        return {"held_out_rows": 0, "measured_on": "training", "training_rows": 2, **extra,
                "before": {"preference_accuracy": before, "pairs": 2}, "after": {"preference_accuracy": after, "pairs": 2}}

    for trainer in ("dpo", "orpo", "reward"):
        flat = verdict(stream(dpo_loss), {"trainer": trainer, "lr": 5e-6}, report(0.5, 0.5))
        assert flat.kind == "preference_flat" and flat.learned is False, (trainer, flat)
        assert "learned from your data" not in flat.message and "does not put the chosen answer first" in flat.message
        assert "(50% before, 50% after)" in flat.message and flat.message.count("50%") == 2   # said once
        assert status_label({"status": "succeeded", "verdict": {"kind": flat.kind}}) == \
            "succeeded - chosen answers not ahead"
        assert "선택된 답" in render_all(flat.parts, "ko")
        grew = verdict(stream(dpo_loss), {"trainer": trainer, "lr": 5e-6}, report(0.29, 0.57))
        assert grew.kind == "fell" and grew.learned and "learned the preference" in grew.message
    flat_loss = [0.693, 0.693, 0.692, 0.691, 0.690, 0.689, 0.690, 0.689, 0.688, 0.689, 0.688, 0.689]
    still = verdict(stream(flat_loss), {"trainer": "dpo", "lr": 1e-4}, report(0.43, 0.57))
    assert still.kind == "flat" and "learned the preference" not in still.message   # one flipped pair is no proof
    both_flat = verdict(stream(flat_loss), {"trainer": "dpo", "lr": 1e-4}, report(0.5, 0.5))
    assert both_flat.kind == "flat" and "falling loss" not in both_flat.message   # no sentence about a fall
    always = verdict(stream(dpo_loss), {"trainer": "dpo", "lr": 5e-6}, report(1.0, 1.0))
    assert always.kind == "fell" and "chosen answer first" not in always.message  # 100% before: nothing to gain
    held = verdict(stream(dpo_loss), {"trainer": "dpo", "lr": 5e-6},
                   {**report(0.5, 0.75), "held_out_rows": 4, "measured_on": None})
    assert held.learned and "held-out pairs" in held.message
    sft = verdict(stream(dpo_loss), {"trainer": "sft", "lr": 5e-6}, report(0.5, 0.5))
    assert sft.kind == "fell" and "chosen answer first" not in sft.message   # text trainers read no preference


def test_the_runs_view_shows_the_margin_before_and_after():
    from autotrain_ui.ui.runs_tab import report_markdown

    shown = report_markdown(kto_report(-0.2, 0.9), "en")
    assert "Answers marked good now score +0.90" in shown and "| good minus bad answers" in shown
    assert "| -0.20 | +0.90 |" in shown
    assert "좋은 답 빼기 나쁜 답" in report_markdown(kto_report(-0.2, 0.9), "ko")
    seen = {**kto_report(-0.2, 0.9), "held_out_rows": 0, "measured_on": "training", "training_rows": 14}
    assert "### Before and after, on 14 rows it trained on" in report_markdown(seen, "en")
    assert "학습한 행 14개" in report_markdown(seen, "ko")


def test_the_estimate_counts_kto_like_dpo():
    from autotrain_ui.fit import estimate

    def memory(trainer, method):
        return estimate("HuggingFaceTB/SmolLM2-360M", method, 512, 2, 100, 1, "t4-small", trainer=trainer)

    full, lora, sft = memory("kto", "full"), memory("kto", "lora"), memory("sft", "full")
    assert full["memory_gb"] > sft["memory_gb"] and full["memory_gb"] == memory("dpo", "full")["memory_gb"]
    assert "frozen reference model" in full["assumptions"] and "KL term" in full["assumptions"]
    assert "reference" not in lora["assumptions"] and full["tokens"] == 2 * sft["tokens"]


def test_the_settings_fitted_to_a_feedback_log_make_a_valid_kto_run(tmp_path):
    from autotrain_ui import suggest

    _, report = prepare(feedback_csv(tmp_path / "fb.csv", extra=[["hello", "hmm", "maybe"]]), None)
    fitted = suggest.suggest(report)
    s = fitted.settings
    assert s["trainer"] == "kto" and s["peft"] and s["chat_template"] is None
    assert (s["prompt_text_column"], s["text_column"], s["label_column"]) == ("prompt", "completion", "label")
    # KTO's own learning rate and beta, not the SFT rule's, and the steps a preference method needs
    assert s["epochs"] * suggest.steps_per_epoch(report.rows, 2) >= suggest.PREFERENCE_STEPS
    assert (s["lr"], s["dpo_beta"]) == (suggest.PREFERENCE_LR["kto"], 0.1) and s["lr"] < suggest.SHORT_LR / 5
    assert LLMParams(**s, project_name="fb").validate() == []
    assert any("kto" in reason for reason in fitted.texts("en")) and any("KTO" in r for r in fitted.texts("ko"))
