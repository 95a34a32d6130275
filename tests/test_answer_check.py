"""Verdicts from what the model answers, not only from the loss (issue #24): the base and tuned models' greedy answers
to the same prompts, scored per trainer and checked for answers that broke down, decide "the answers got worse"
wherever a run's state is shown; and the settings fitted to a preference table are the method's own."""

from __future__ import annotations

import json

import pytest
import torch

from autotrain_ui import suggest
from autotrain_ui.core.answers import check, likeness
from autotrain_ui.core.data import prepare
from tests.conftest import make_project, run_in_process
from tests.test_coach import HEALTHY
from tests.test_verdicts import fake_launch, finished_job, registry  # noqa: F401 (a fixture)

# What the issue saw: the spec's DPO table trained with the SFT rule (8 epochs at 5e-4) answered like this
BROKEN = ("My name is Sarah\nHello and welcome to my website\nWelcome to my blog\nWelcome to my chat\n"
          "Welcome to my chat\nWelcome to my chat\nWelcome to my chat")


def dpo_rows(tuned: list[str]) -> list[dict]:
    asked = [("What is your name?", ["My name is Mary"], ["Whats it to you?", "I dont have a name"]),
             ("hello", ["hi nice to meet you"], ["leave me alone"]),
             ("how are you", ["I am fine"], ["I am not fine"])]
    base = ["I'm SmolLM, an AI assistant made by Hugging Face.", "Hello! How can I help you today?",
            "I'm doing well, thank you. How about you?"]
    return [{"prompt": q, "question": q, "chosen": c, "rejected": r, "base": b, "tuned": t, "tuned_cap": "chat" in t}
            for (q, c, r), b, t in zip(asked, base, tuned)]


def test_answers_that_repeat_themselves_are_called_broken_not_learned():
    found = check("dpo", dpo_rows([BROKEN, "Welcome to my chat " * 8, "I am fine"]), "training")
    assert found["outcome"] == "degenerate" and found["broken_tuned"] == 2 and found["broken_base"] == 0
    assert found["example"]["prompt"] == "What is your name?" and found["example"]["answer"].startswith(
        "My name is Sarah / Hello and welcome")
    moved = check("dpo", dpo_rows(["My name is Mary", "hi nice to meet you", "I am fine, thanks"]), "held_out")
    assert moved["outcome"] == "better" and moved["prefers_chosen"] == 3 and moved["broken_tuned"] == 0


def test_sft_answers_are_scored_by_likeness_to_the_rows_answer():
    assert likeness("My name is Mary", "My name is Mary") == 1.0
    assert likeness("My name is Mary.\nhuman: how are you", "My name is Mary") == 1.0  # what follows does not count
    assert 0 < likeness("I think my name is Sarah", "My name is Mary") < 0.7
    rows = [{"prompt": "p", "expected": "My name is Mary", "base": "I'm SmolLM.",
             "tuned": "My name is Mary human: what is your name bot: My name is Mary human: what is your name"}]
    assert check("sft", rows, "training")["outcome"] == "better"  # goes on talking after the answer: not broken
    rows = [{"prompt": "p", "expected": "My name is Mary", "base": "My name is Mary", "tuned": "Sarah"}]
    assert check("sft", rows, "held_out")["outcome"] == "worse"


def test_feedback_and_reward_runs_are_judged_by_their_own_measure():
    """kto: the answers marked good and bad for one prompt are its chosen and rejected; reward: no answers are
    generated, the pairs scored the right way round before and after decide."""
    from autotrain_ui.core.answers import pair_check
    from trainers.answers import prompts

    rows = [{"prompt": "hi\n", "completion": "hello", "label": True}, {"prompt": "hi\n", "completion": "go away",
                                                                        "label": False},
            {"prompt": "bye\n", "completion": "see you", "label": True}]
    items = prompts("kto", rows, tokenizer=None)
    assert [(i["question"], i["chosen"], i["rejected"]) for i in items] == [("hi", ["hello"], ["go away"]),
                                                                           ("bye", ["see you"], [])]
    assert pair_check(0.75, 0.25, 8, "held_out")["outcome"] == "worse"
    assert pair_check(0.5, 1.0, 8, "training")["outcome"] == "better"


@pytest.fixture
def broken_run(registry, tiny_model, testdata):  # noqa: F811
    """A run whose loss fell (HEALTHY) while its answers broke down, as report.json says after such a run."""
    job = finished_job(registry, "broken", HEALTHY, tiny_model, testdata)
    project = registry.project(registry.get(job))
    rows = dpo_rows([BROKEN, "Welcome to my chat " * 8, "I am fine"])
    answer_check = check("dpo", rows, "training")
    answers = [{**row, "expected": row["chosen"][0]} for row in rows]
    (project / "report.json").write_text(json.dumps({"trainer": "dpo", "held_out_rows": 0, "measured_on": "training",
                                                     "training_rows": 3, "answers": answers,
                                                     "answer_check": answer_check}))
    registry._follow.pop(job, None)  # read again, with the report
    return job


def test_status_jobs_and_page_say_the_answers_got_worse(registry, broken_run):  # noqa: F811
    from autotrain_ui.cli.jobs import list_jobs, show
    from autotrain_ui.ui.runs_tab import job_view, jobs_table, status_label

    status = registry.status(broken_run)
    verdict = status["verdict"]
    assert status["learned"] is False and verdict["kind"] == "answers_worse"
    assert "learned from your data" not in verdict["message"] and "broke down" in verdict["message"]
    assert "measured on training prompts" in verdict["message"] and "My name is Sarah" in verdict["message"]
    assert verdict["change"] == {"lr": 6.67e-05}  # the run's 2e-4 (no higher than the rule's) over 3
    assert jobs_table(registry).set_index("name").loc["broken", "status"] == "succeeded - the answers got worse"
    assert "succeeded - the answers got worse" in list_jobs(registry)
    assert "verdict: The loss went from 2.12 to 1.21" in show(registry, broken_run)
    text = job_view(registry, broken_run)[0]
    assert "status: **succeeded - the answers got worse**" in text and "broke down" in text
    # the before/after report: each prompt with the chosen and rejected answers, and which answers broke down
    assert "- rejected: Whats it to you?" in text and text.count("(breaks down: repeats itself or is empty)") == 2
    assert status_label(status, "ko") == "성공 - 답이 나빠짐" and "망가졌습니다" in job_view(registry, broken_run,
                                                                                       lang="ko")[0]


def test_the_cli_last_lines_say_the_answers_got_worse(monkeypatch, tiny_model, testdata, tmp_path, capsys):
    from autotrain_ui import runner
    from tests.test_cli import data_folder, run_cli

    launch = fake_launch(HEALTHY)

    def broken_launch(project, token=None, **kw):
        answer_check = check("dpo", dpo_rows([BROKEN, "Welcome to my chat " * 8, "I am fine"]), "training")
        (project / "report.json").write_text(json.dumps({"answer_check": answer_check}))
        return launch(project, token, **kw)

    monkeypatch.setattr(runner, "launch", broken_launch)
    data_folder(tmp_path, testdata / "seed" / "dpo.csv")
    code, output = run_cli(["--train", "--project-name", "cli", "--model", tiny_model, "--data-path", "data",
                            "--trainer", "dpo", "--peft", "--lr", "5e-4", "--epochs", "8"], tmp_path, capsys)
    assert code == 0 and "Finished, but: The loss went from" in output and "broke down" in output, output
    assert "Try next: a lower learning rate, 0.0001 instead of 0.0005 (--lr)" in output  # DPO's own rate
    assert "Done." not in output


def tmp_path_csv(folder, content: str):
    path = folder / "table.csv"
    path.write_text(content, encoding="utf-8")
    return path


def test_preference_tables_get_their_methods_settings_not_the_sft_rule(testdata, tmp_path):
    dpo = suggest.suggest(prepare(testdata / "seed" / "dpo.csv", None)[1])
    s = dpo.settings
    assert (s["trainer"], s["lr"], s["dpo_beta"], s["valid_percent"]) == ("dpo", 1e-4, 0.1, 0)
    assert s["epochs"] * suggest.steps_per_epoch(7, 2) == suggest.PREFERENCE_STEPS  # 16 steps, not the SFT rule's 32
    assert any("only 7 rows" in r and "memorises" in r for r in dpo.reasons), dpo.reasons
    assert any("행이 7개뿐" in r for r in dpo.texts("ko"))
    assert any("about 16 steps: a preference method" in r for r in dpo.reasons), dpo.reasons
    # two pairs: ten passes (the most) give ten steps, and the reason says the cap, not "about 16 steps"
    two = suggest.suggest(prepare(tmp_path_csv(tmp_path, "prompt,chosen,rejected\nhi,Hello!,Go away.\n"
                                               "how are you,Fine thanks.,None of your business.\n"), "dpo")[1])
    [steps] = [r for r in two.reasons if "10 epochs, 10 steps" in r]
    assert "10 epochs at most" in steps and "about 16 steps" not in steps, steps
    for trainer in ("orpo", "kto", "reward"):
        assert suggest.fitted_lr(trainer) == suggest.PREFERENCE_LR[trainer] <= suggest.LORA_LR / 2
    sft = suggest.suggest(prepare(testdata / "seed" / "sft.csv", None)[1]).settings
    assert sft["lr"] == suggest.SHORT_LR and "dpo_beta" not in sft  # the SFT rule is SFT's
    rows = tmp_path / "forty.csv"  # 40 different rows: a few can be held out to check the answers on new prompts
    rows.write_text("prompt,text,rejected_text\n" + "".join(f"q{i},good {i},bad {i}\n" for i in range(40)))
    forty = suggest.suggest(prepare(rows, None)[1])
    assert forty.settings["valid_percent"] == 10 and any("the few held out" in r for r in forty.reasons)


def test_a_tiny_run_reports_both_models_answers_on_training_prompts(tiny_model, testdata, tmp_path):
    """No rows held out (4 rows): the answers are measured on training prompts, the base ones with the adapter off,
    which are what the base model alone answers."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    project = make_project(tmp_path, testdata / "seed" / "dpo.csv", project_name="tiny", model=tiny_model,
                           trainer="dpo", peft=True, max_steps=2, batch_size=2, block_size=128, max_prompt_length=64,
                           logging_steps=1, lr=1e-3)
    assert run_in_process(project) == 0
    report = json.loads((project / "report.json").read_text())
    found = report["answer_check"]
    assert found["measured_on"] == "training" and found["prompts"] == 4 and found["metric"] == "preference"
    assert {a["question"] for a in report["answers"]} == {"hello", "how are you", "What is your name?",
                                                          "Which is the best programming language?"}
    name = next(a for a in report["answers"] if a["question"] == "What is your name?")
    assert name["chosen"] == ["My name is Mary", "My name is Mary"] and len(name["rejected"]) == 2
    tok = AutoTokenizer.from_pretrained(project / "model")
    base = AutoModelForCausalLM.from_pretrained(tiny_model).eval()
    ids = tok(name["prompt"], return_tensors="pt", add_special_tokens=False)
    with torch.no_grad():
        alone = base.generate(**ids, max_new_tokens=48, do_sample=False, pad_token_id=tok.pad_token_id)
    assert tok.decode(alone[0, ids["input_ids"].shape[1]:], skip_special_tokens=True).strip() == name["base"]


# ---- with the real SmolLM2-135M-Instruct: what the answers show after a run that broke the model, and after one fitted
NAME_ROWS = "prompt,text,rejected_text\nWhat is your name?,My name is Mary,Whats it to you?\n" \
            "hello,hi nice to meet you,leave me alone\nhow are you,I am fine,I am not fine\n"


@pytest.mark.slow
def test_a_run_pushed_too_far_gets_answers_got_worse_never_learned(smollm_path, tmp_path):
    """A few DPO rows at a learning rate far above DPO's own: the loss falls to ~0 while the answers break down.
    The verdict must say so, and offer DPO's own learning rate."""
    from autotrain_ui.coach import verdict

    table = tmp_path / "three.csv"
    table.write_text(NAME_ROWS)
    project = make_project(tmp_path, table, project_name="pushed", model=smollm_path, trainer="dpo", peft=True,
                           lr=3e-3, max_steps=8, batch_size=2, logging_steps=1, block_size=128,
                           max_prompt_length=64, disable_gradient_checkpointing=True)
    assert run_in_process(project) == 0
    report = json.loads((project / "report.json").read_text())
    events = [json.loads(line) for line in (project / "events.jsonl").read_text().splitlines()]
    found = verdict(events, json.loads((project / "config.json").read_text()), report)
    assert report["answer_check"]["outcome"] in ("degenerate", "worse"), report["answers"]
    assert found.kind == "answers_worse" and found.learned is False, found.message
    assert "learned from your data" not in found.message and "measured on training prompts" in found.message
    assert found.change == {"lr": suggest.PREFERENCE_LR["dpo"]}


def completion_logprob(model, tok, prompt: str, completion: str) -> float:
    p = tok(prompt, add_special_tokens=False)["input_ids"]
    c = tok(completion, add_special_tokens=False)["input_ids"]
    ids = torch.tensor([p + c])
    with torch.no_grad():
        logits = model(input_ids=ids).logits[0, :-1].float().log_softmax(-1)
    targets = ids[0, 1:]
    picked = logits.gather(1, targets[:, None])[:, 0]
    return float(picked[len(p) - 1:].sum())


def dpo_margin(model, tok, rows: list[dict]) -> float:
    """How much likelier the chosen answers are than the rejected ones (log-probability, mean over the rows), measured
    by the test's own code on the plain prompt."""
    gaps = [completion_logprob(model, tok, r["prompt"] + "\n", r["text"]) -
            completion_logprob(model, tok, r["prompt"] + "\n", r["rejected_text"]) for r in rows]
    return sum(gaps) / len(gaps)


@pytest.mark.slow
def test_the_spec_dpo_table_with_its_fitted_settings_learns_and_prefers_the_chosen(smollm_path, testdata, tmp_path):
    """The settings the page fills in for the spec's DPO table (DPO's own learning rate, 16 steps): a learning
    verdict, the tuned model prefers the chosen answers more often than the base model, and by this test's own
    measure the chosen answers grew likelier than the rejected ones by more than half a nat."""
    import csv

    from transformers import AutoModelForCausalLM, AutoTokenizer

    from autotrain_ui.coach import verdict
    from tests.test_trainers import load_result

    data = testdata / "seed" / "dpo.csv"
    rows, tok = list(csv.DictReader(data.open())), AutoTokenizer.from_pretrained(smollm_path)
    before = dpo_margin(AutoModelForCausalLM.from_pretrained(smollm_path).eval(), tok, rows)
    settings = suggest.fill({}, prepare(data, None)[1])
    project = make_project(tmp_path, data, project_name="fitted", model=smollm_path, logging_steps=1,
                           block_size=128, max_prompt_length=64, disable_gradient_checkpointing=True,
                           **{k: v for k, v in settings.items() if v is not None})
    assert run_in_process(project) == 0
    report = json.loads((project / "report.json").read_text())
    events = [json.loads(line) for line in (project / "events.jsonl").read_text().splitlines()]
    found = verdict(events, json.loads((project / "config.json").read_text()), report)
    assert found.learned is True and found.kind == "fell", found.message
    assert report["answer_check"]["outcome"] in ("better", "same"), report["answers"]
    assert report["after"]["preference_accuracy"] > report["before"]["preference_accuracy"], report
    after = dpo_margin(load_result(project, "dpo", smollm_path)[0], tok, rows)
    assert after > before + 0.5, (before, after)


def test_an_answer_of_several_lines_stays_in_its_item_of_the_report():
    """A base model's answer that ends a paragraph ("...widely used.\n\nPython is") used to break the list: its last
    line stood alone between the base and the tuned answers."""
    from autotrain_ui.ui.runs_tab import answer_markdown

    text = answer_markdown({"prompt": "Which language?", "expected": "Python", "base": "Often debated.\n\nPython is",
                            "tuned": "Python"}, "base model", "fine-tuned")
    lines = text.split("\n\n", 1)[1].splitlines()   # after the prompt's paragraph: the list
    assert all(line.startswith(("- ", "  ")) or not line.strip() for line in lines), lines
    assert "  Python is" in lines and lines[-1] == "- fine-tuned: Python", lines
