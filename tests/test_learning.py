"""With the real SmolLM2-135M-Instruct (offline copy): the trainers make the model learn what the data says."""

from __future__ import annotations

import csv
import json

import pytest
import torch

from autotrain_ui import cli
from autotrain_ui.core.data import parse_conversation
from tests.conftest import make_project, run_in_process
from tests.test_trainers import load_result

pytestmark = pytest.mark.slow
# Eight different ways of asking the name, all answered "My name is Mary": the held-out rows are questions the model
# never saw (copies of training rows would not count as unseen: autotrain_ui/core/data/split.py)
QUESTIONS = ["What is your name?", "what's your name?", "Tell me your name.", "May I know your name?",
             "What should I call you?", "Your name, please?", "How are you called?", "Do you have a name?"]


def mary_table(tmp_path) -> str:
    path = tmp_path / "mary.csv"
    with path.open("w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["text"])
        for question in QUESTIONS:
            writer.writerow([f"human: {question} \\n bot: My name is Mary"])
    return path


@pytest.mark.parametrize("template", ["none", "tokenizer"])
def test_sft_teaches_the_name_mary(template, smollm_path, tmp_path, monkeypatch, capsys):
    project = make_project(tmp_path, mary_table(tmp_path), project_name=f"mary-{template}", model=smollm_path,
                           trainer="sft", peft=True, chat_template=template, lr=2e-3, epochs=4, batch_size=4,
                           logging_steps=1, block_size=64, disable_gradient_checkpointing=True, valid_percent=25)
    assert run_in_process(project) == 0
    report = json.loads((project / "report.json").read_text())
    assert report["held_out_rows"] == 2
    assert report["after"]["eval_loss"] < report["before"]["eval_loss"], report
    assert any("Mary" in a["tuned"] for a in report["answers"]) and not any("Mary" in a["base"] for a in report["answers"])
    # the CLI's --inference --compare: the tuned model says Mary, the base model does not
    monkeypatch.chdir(tmp_path)
    capsys.readouterr()  # what the training printed
    assert cli.main(["llm", "--inference", "--project-name", project.name, "--prompt", "What is your name?",
                     "--compare", "--max-new-tokens", "12"]) == 0
    out = capsys.readouterr().out
    tuned, base = out.split("--- base model")
    assert tuned.startswith(f"--- tuned model ({project.name}):") and "Mary" in tuned, out
    assert "Mary" not in base, out
    model, tok = load_result(project, "sft", smollm_path)
    if template == "none":
        ids = tok("human: What is your name? \\n bot:", return_tensors="pt")["input_ids"]
    else:
        ids = tok.apply_chat_template([{"role": "user", "content": "What is your name?"}], add_generation_prompt=True,
                                      return_tensors="pt", return_dict=True)["input_ids"]
    with torch.no_grad():
        out = model.generate(input_ids=ids, max_new_tokens=10, do_sample=False, pad_token_id=tok.pad_token_id)
    answer = tok.decode(out[0, ids.shape[1]:], skip_special_tokens=True)
    assert "Mary" in answer, answer


def test_reward_model_scores_chosen_above_rejected(smollm_path, testdata, tmp_path):
    project = make_project(tmp_path, testdata / "seed" / "reward.csv", project_name="reward", model=smollm_path,
                           trainer="reward", peft=True, lr=1e-3, epochs=4, batch_size=2, logging_steps=2,
                           block_size=64, disable_gradient_checkpointing=True)
    assert run_in_process(project) == 0
    model, tok = load_result(project, "reward", smollm_path)
    model.config.pad_token_id = tok.pad_token_id
    rows = list(csv.DictReader((testdata / "seed" / "reward.csv").open()))
    assert json.loads((project / "config.json").read_text())["chat_template"] == "tokenizer"  # chosen by itself

    def score(text: str) -> float:  # as the run saw it: the conversation in the model's chat template
        ids = tok.apply_chat_template(parse_conversation(text), return_tensors="pt", return_dict=True)
        return model(**ids).logits.item()

    with torch.no_grad():
        for r in rows:
            chosen, rejected = score(r["text"]), score(r["rejected_text"])
            assert chosen > rejected, (r, chosen, rejected)


def test_kto_grows_the_margin_between_good_and_bad_answers(smollm_path, testdata, tmp_path, no_report_answers):
    """The spec's DPO rows as a feedback log (each chosen answer marked good, each rejected one bad): after KTO the
    good answers are likelier than the bad ones by more than before, measured as the run saw the rows (the model's
    own chat template, chosen automatically for them)."""
    from transformers import AutoModelForCausalLM, AutoTokenizer

    rows = list(csv.DictReader((testdata / "seed" / "dpo.csv").open()))
    table = tmp_path / "feedback.csv"
    with table.open("w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["prompt", "completion", "label"])
        for r in rows:
            writer.writerows([[r["prompt"], r["text"], "good"], [r["prompt"], r["rejected_text"], "bad"]])
    tok = AutoTokenizer.from_pretrained(smollm_path)

    def logprob(model, prompt: str, answer: str) -> float:
        p = tok.apply_chat_template([{"role": "user", "content": prompt}], add_generation_prompt=True,
                                    return_dict=True)["input_ids"]
        a = tok(answer, add_special_tokens=False)["input_ids"]
        ids = torch.tensor([p + a])
        with torch.no_grad():
            logits = model(input_ids=ids).logits[0, :-1].float().log_softmax(-1)
        return float(logits.gather(1, ids[0, 1:, None])[:, 0][len(p) - 1:].sum())

    def margin(model) -> float:
        gaps = [logprob(model, r["prompt"], r["text"]) - logprob(model, r["prompt"], r["rejected_text"]) for r in rows]
        return sum(gaps) / len(gaps)

    before = margin(AutoModelForCausalLM.from_pretrained(smollm_path).eval())
    project = make_project(tmp_path, table, project_name="kto", model=smollm_path, trainer="kto", peft=True,
                           lr=1e-3, epochs=1, batch_size=2, logging_steps=1, block_size=64, max_prompt_length=32,
                           disable_gradient_checkpointing=True)
    assert run_in_process(project) == 0
    assert json.loads((project / "config.json").read_text())["chat_template"] == "tokenizer"
    model, _ = load_result(project, "kto", smollm_path)
    after = margin(model)
    print(f"kto margin (good minus bad log-probability, mean over rows): before {before:+.2f}, after {after:+.2f}")
    assert after > before + 2.0, (before, after)
