"""Each of the five trainers runs end to end on its spec table (CSV and JSONL, with and without --peft) on a
tiny random Llama, and what it saves loads back and generates (or scores); KTO likewise on the spec's DPO rows
written as a feedback log (each answer marked good or bad)."""

from __future__ import annotations

import json

import pytest
import torch

from tests.conftest import make_project, read_events, run_in_process

TABLE = {"default": "sft", "sft": "sft", "reward": "reward", "dpo": "dpo", "orpo": "dpo"}


def load_result(project, trainer, base_path):
    from transformers import AutoModelForCausalLM, AutoModelForSequenceClassification, AutoTokenizer

    model_dir = project / "model"
    tokenizer = AutoTokenizer.from_pretrained(model_dir)
    cls = AutoModelForSequenceClassification if trainer == "reward" else AutoModelForCausalLM
    if (model_dir / "adapter_config.json").exists():
        from peft import PeftModel

        kwargs = {"num_labels": 1} if trainer == "reward" else {}
        base = cls.from_pretrained(base_path, **kwargs)
        model = PeftModel.from_pretrained(base, model_dir)
    else:
        model = cls.from_pretrained(model_dir)
    return model.eval(), tokenizer


@pytest.mark.parametrize("peft", [False, True], ids=["full", "peft"])
@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
@pytest.mark.parametrize("trainer", ["default", "sft", "reward", "dpo", "orpo"])
def test_trainer_runs_end_to_end(trainer, fmt, peft, tiny_model, testdata, tmp_path):
    data = testdata / "seed" / f"{TABLE[trainer]}.{fmt}"
    project = make_project(tmp_path, data, project_name="run", model=tiny_model, trainer=trainer, peft=peft,
                           epochs=2, batch_size=2, lr=1e-3, logging_steps=1, block_size=128,
                           max_prompt_length=32, token=None)
    assert run_in_process(project) == 0, (project / "error.json").read_text() if (project / "error.json").exists() else ""
    events = read_events(project)
    assert events and any("loss" in e for e in events), events
    first = next(e for e in events if "loss" in e)
    for key in ("step", "epoch", "loss", "learning_rate", "grad_norm", "tokens_per_second", "elapsed_s", "eta_s"):
        assert key in first, f"{key} missing from {first}"
    assert all(e["loss"] == e["loss"] for e in events if "loss" in e), "NaN loss"
    config = json.loads((project / "config.json").read_text())
    assert config["trainer"] == trainer and "token" not in config
    model, tokenizer = load_result(project, trainer, tiny_model)
    inputs = tokenizer("human: hello \\n bot:", return_tensors="pt")
    with torch.no_grad():
        if trainer == "reward":
            score = model(**inputs).logits
            assert score.shape == (1, 1) and torch.isfinite(score).all()
        else:
            out = model.generate(**inputs, max_new_tokens=5, do_sample=False, pad_token_id=tokenizer.pad_token_id)
            assert out.shape[1] > inputs["input_ids"].shape[1]


@pytest.mark.parametrize("template", ["chatml", "zephyr", "tokenizer"])
def test_chat_templates_train_for_every_trainer(template, tiny_model, testdata, tmp_path):
    """The same template reaches our trainers and TRL's: SFT (conversation from human/bot text) and DPO."""
    for trainer, table in (("sft", "sft.jsonl"), ("dpo", "dpo.csv")):
        project = make_project(tmp_path, testdata / "seed" / table, project_name=f"{trainer}-{template}",
                               model=tiny_model, trainer=trainer, peft=True, chat_template=template, epochs=1,
                               logging_steps=1, block_size=128, max_prompt_length=48)
        assert run_in_process(project) == 0, (project / "train.log")
        # the saved tokenizer carries the run's template: a conversation renders with that template's markers
        from transformers import AutoTokenizer

        saved, base = AutoTokenizer.from_pretrained(project / "model"), AutoTokenizer.from_pretrained(tiny_model)
        turns = [{"role": "user", "content": "hello"}, {"role": "assistant", "content": "hi"}]
        text = saved.apply_chat_template(turns, tokenize=False)
        expected = {"chatml": "<|im_start|>user\nhello<|im_end|>\n<|im_start|>assistant\nhi<|im_end|>",
                    "zephyr": f"<|user|>\nhello{saved.eos_token}\n<|assistant|>\nhi{saved.eos_token}",
                    "tokenizer": base.apply_chat_template(turns, tokenize=False)}[template]
        assert expected in text, (template, text)


def test_validation_split_is_evaluated(tiny_model, testdata, tmp_path):
    from autotrain_ui.core.params import LLMParams
    from autotrain_ui.runner import create_project

    params = LLMParams(project_name="withvalid", model=tiny_model, trainer="sft", epochs=2, valid_split="valid",
                       logging_steps=1, block_size=64, save_total_limit=1)
    csv = testdata / "seed" / "sft.csv"
    project = create_project(tmp_path, params, {"train": csv, "valid": csv})
    assert run_in_process(project) == 0
    events = read_events(project)
    evals = [e for e in events if "eval_loss" in e]
    assert evals[0]["step"] == 0  # the base model, measured before the first step
    assert {1.0, 2.0} <= {e["epoch"] for e in evals}  # evaluation_strategy epoch, 2 epochs
    checkpoints = list((project / "checkpoints").glob("checkpoint-*"))
    assert 1 <= len(checkpoints) <= 2  # save_total_limit 1: the latest, plus the best when that is another one
    report = json.loads((project / "report.json").read_text())
    assert report["before"]["eval_loss"] and report["after"]["eval_loss"]


def test_template_tokens_and_refusals(tiny_model, tmp_path):
    """Tokens a template adds get trained embeddings under LoRA; a tokenizer with no template is refused for
    --chat-template tokenizer; zephyr needs no new tokens."""
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from autotrain_ui.core.params import LLMParams
    from trainers.loading import apply_lora, load_model, load_tokenizer
    from autotrain_ui.core.templates import TemplateError

    folder = tmp_path / "no-template"
    AutoModelForCausalLM.from_pretrained(tiny_model).save_pretrained(folder)
    tok = AutoTokenizer.from_pretrained(tiny_model)
    tok.chat_template = None
    tok.save_pretrained(folder)
    if (folder / "chat_template.jinja").exists():
        (folder / "chat_template.jinja").unlink()

    with pytest.raises(TemplateError, match="no chat template"):
        load_tokenizer(LLMParams(model=str(folder), chat_template="tokenizer", peft=True), str(folder))
    tokenizer, added = load_tokenizer(LLMParams(model=str(folder), chat_template="zephyr", peft=True), str(folder))
    assert added == []

    params = LLMParams(model=str(folder), chat_template="chatml", peft=True)
    tokenizer, _ = load_tokenizer(params, str(folder))
    tokenizer.add_special_tokens({"additional_special_tokens": ["<|new_turn|>"]})
    model = apply_lora(load_model(params, str(folder), tokenizer), params, added_tokens=["<|new_turn|>"])
    assert model.get_input_embeddings().weight.shape[0] == len(tokenizer)
    trainable = {name for name, p in model.named_parameters() if p.requires_grad}
    assert any("embed_tokens" in name for name in trainable), "new token embeddings would stay untrained"


def feedback_table(testdata, folder, fmt: str, conversational: bool = False):
    """The spec's DPO rows as a feedback log: each chosen answer marked good (👍), each rejected one bad (👎)."""
    import csv

    rows = []
    for r in csv.DictReader((testdata / "seed" / "dpo.csv").open(encoding="utf-8")):
        for answer, label in ((r["text"], "👍"), (r["rejected_text"], "👎")):
            if conversational:
                rows.append({"prompt": [{"role": "user", "content": r["prompt"]}],
                             "completion": [{"role": "assistant", "content": answer}], "label": label == "👍"})
            else:
                rows.append({"prompt": r["prompt"], "completion": answer, "label": label})
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"train.{fmt}"
    if fmt == "jsonl":
        path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    else:
        with path.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, ["prompt", "completion", "label"])
            writer.writeheader()
            writer.writerows(rows)
    return path


def test_kto_runs_end_to_end_through_the_cli(tiny_model, testdata, tmp_path, capsys, monkeypatch):
    """`autotrain llm --train --trainer kto` on a feedback CSV: the run trains through `accelerate launch`, logs KTO's
    numbers, writes the good-minus-bad margin before and after, and saves an adapter that generates."""
    from autotrain_ui import cli

    feedback_table(testdata, tmp_path / "data", "csv")
    monkeypatch.chdir(tmp_path)
    code = cli.main(["llm", "--train", "--trainer", "kto", "--project-name", "kto-run", "--model", tiny_model,
                     "--data-path", "data", "--peft", "--epochs", "2", "--batch-size", "2", "--lr", "1e-3",
                     "--logging-steps", "1", "--block-size", "128", "--max-prompt-length", "32",
                     "--valid-percent", "30"])
    out = capsys.readouterr()
    project = tmp_path / "kto-run"
    assert code == 0, out.out + out.err + (project / "train.log").read_text()
    assert "model is in" in out.out
    events = read_events(project)
    steps = [e for e in events if "loss" in e]
    assert steps and all(e["loss"] == e["loss"] for e in steps) and any("kl" in e for e in steps), events
    config = json.loads((project / "config.json").read_text())
    assert config["trainer"] == "kto" and config["chat_template"] == "tokenizer"  # chosen for the feedback rows
    report = json.loads((project / "report.json").read_text())
    assert report["trainer"] == "kto" and "margin" in report["before"] and "margin" in report["after"]
    assert "good, " in (project / "train.log").read_text()          # the loss weights of good and bad answers
    model, tokenizer = load_result(project, "kto", tiny_model)
    inputs = tokenizer.apply_chat_template([{"role": "user", "content": "hello"}], add_generation_prompt=True,
                                           return_tensors="pt", return_dict=True)
    with torch.no_grad():
        generated = model.generate(**inputs, max_new_tokens=5, do_sample=False, pad_token_id=tokenizer.pad_token_id)
    assert generated.shape[1] > inputs["input_ids"].shape[1]


def test_kto_full_fine_tune_on_conversations(tiny_model, testdata, tmp_path):
    """Conversational JSONL (JSON booleans as labels) and every weight trained against a frozen reference copy."""
    data = feedback_table(testdata, tmp_path / "data", "jsonl", conversational=True)
    project = make_project(tmp_path, data, project_name="kto-full", model=tiny_model, trainer="kto", peft=False,
                           epochs=1, batch_size=2, lr=1e-3, logging_steps=1, block_size=128, max_prompt_length=32)
    assert run_in_process(project) == 0, (project / "error.json").read_text() if (project / "error.json").exists() else ""
    assert (project / "model" / "config.json").exists() and not (project / "model" / "adapter_config.json").exists()
    # no rows held out: the margin is measured on the training rows, and the report says so
    report = json.loads((project / "report.json").read_text())
    assert report["measured_on"] == "training" and report["held_out_rows"] == 0 and report["training_rows"] == 14
    assert report["before"]["margin"] is not None and report["after"]["margin"] is not None
    assert "measured on 14 of the rows it trained on" in report["verdict"]
    events = read_events(project)
    assert any("rewards/chosen" in e or "rewards/rejected" in e for e in events), events
    from transformers import AutoModelForCausalLM

    model, _ = load_result(project, "kto", tiny_model)
    base = AutoModelForCausalLM.from_pretrained(tiny_model)
    changed = any(not torch.equal(a, b) for a, b in zip(model.state_dict().values(), base.state_dict().values()))
    assert changed, "a full fine-tune left every weight as it was"


def test_a_run_leaves_the_process_as_it_found_it(tiny_model, testdata, tmp_path):
    """A run in this very process (as the tests run them): once it ends, transformers' attention registry, the
    environment and the SIGTERM handler are as before (trainers/scope.py), and a run stopped by SIGTERM does not
    leave the next run stopped."""
    import os
    import signal

    from transformers.modeling_utils import ALL_ATTENTION_FUNCTIONS

    from trainers import scope

    sdpa, env, handler = ALL_ATTENTION_FUNCTIONS["sdpa"], dict(os.environ), signal.getsignal(signal.SIGTERM)
    project = make_project(tmp_path / "a", testdata / "seed" / "sft.csv", project_name="a", model=tiny_model,
                           trainer="sft", max_steps=2, logging_steps=1, block_size=64, log="tensorboard")
    assert run_in_process(project) == 0
    assert json.loads((project / "run_info.json").read_text())["speedups"]["attention_per_packed_row"]
    assert ALL_ATTENTION_FUNCTIONS["sdpa"] is sdpa and dict(os.environ) == env
    assert signal.getsignal(signal.SIGTERM) == handler
    # a run that SIGTERM stops (the handler its scope installs) is cancelled; the next one is not
    with scope.run_scope() as run:
        signal.raise_signal(signal.SIGTERM)
        assert run.cancelled
    second = make_project(tmp_path / "b", testdata / "seed" / "sft.csv", project_name="b", model=tiny_model,
                          trainer="sft", max_steps=2, logging_steps=1, block_size=64)
    assert run_in_process(second) == 0
    assert json.loads((second / "status.json").read_text())["status"] == "succeeded"
    assert signal.getsignal(signal.SIGTERM) == handler
