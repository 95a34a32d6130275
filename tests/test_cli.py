"""`autotrain llm` as a user runs it: refusals before anything starts, failures explained in one paragraph,
and the spec's own command training the real default model offline."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from autotrain_ui.cli import main

REPO = Path(__file__).resolve().parents[1]


def run_cli(argv, cwd, capsys):
    old = os.getcwd()
    os.chdir(cwd)
    try:
        code = main(["llm", *argv])
    finally:
        os.chdir(old)
    out = capsys.readouterr()
    return code, out.out + out.err


def data_folder(tmp_path, src: Path, split="train") -> Path:
    folder = tmp_path / "data"
    folder.mkdir(exist_ok=True)
    shutil.copyfile(src, folder / f"{split}{src.suffix}")
    return folder


@pytest.mark.parametrize("case", ["int4_without_peft", "dpo_without_rejected", "unknown_model_path",
                                  "missing_text_column", "deploy", "spaces_backend", "bad_project_name"])
def test_refused_before_anything_starts(case, testdata, tmp_path, capsys, tiny_model):
    seed, bad = testdata / "seed", testdata / "bad"
    argv = ["--train", "--project-name", "refused", "--model", tiny_model, "--data-path", "data"]
    src, needle = seed / "sft.csv", None
    if case == "int4_without_peft":
        argv += ["--quantization", "int4"]; needle = "--peft"
    elif case == "dpo_without_rejected":
        argv += ["--trainer", "dpo"]; src, needle = bad / "dpo_missing_rejected.csv", "rejected_text"
    elif case == "unknown_model_path":
        argv[argv.index(tiny_model)] = "./no/such/model"; needle = "./no/such/model"
    elif case == "missing_text_column":
        # the spec's own --text-column text on a question/answer table (without it, the pairs train: issue #14)
        argv += ["--text-column", "text"]; src, needle = bad / "wrong_columns.csv", "question, answer"
    elif case == "deploy":  # the chat Space loads the pushed model: training with --deploy must push
        argv += ["--deploy"]; needle = "--deploy needs --push-to-hub"
    elif case == "spaces_backend":
        argv += ["--backend", "spaces-a10g-large"]; needle = "local-cli"
    elif case == "bad_project_name":
        argv[argv.index("refused")] = "../outside"; needle = "project-name"
    data_folder(tmp_path, src)
    code, output = run_cli(argv, tmp_path, capsys)
    assert code != 0
    assert needle in output, output
    assert "Traceback" not in output
    assert not (tmp_path / "refused").exists() and not (tmp_path.parent / "outside").exists()


def test_failed_run_explains_itself(tiny_model, testdata, tmp_path):
    """A failure inside the subprocess: non-zero exit, error.json and stderr say why, the traceback stays in
    train.log. (Here: --chat-template tokenizer on a model whose tokenizer has none.)"""
    from transformers import AutoModelForCausalLM, AutoTokenizer

    model = tmp_path / "plain-model"
    AutoModelForCausalLM.from_pretrained(tiny_model).save_pretrained(model)
    tok = AutoTokenizer.from_pretrained(tiny_model)
    tok.chat_template = None
    tok.save_pretrained(model)
    (model / "chat_template.jinja").unlink(missing_ok=True)
    data_folder(tmp_path, testdata / "seed" / "sft.csv")
    env = dict(os.environ, PYTHONPATH=str(REPO))
    proc = subprocess.run([sys.executable, "-m", "autotrain_ui.cli", "llm", "--train", "--project-name", "fails",
                           "--model", str(model), "--data-path", "data", "--trainer", "sft", "--chat-template",
                           "tokenizer"], cwd=tmp_path, capture_output=True, text=True, env=env, timeout=600)
    assert proc.returncode != 0
    error = json.loads((tmp_path / "fails" / "error.json").read_text())
    assert error["kind"] == "bad_template" and "no chat template" in error["message"]
    assert "no chat template" in proc.stderr and "Traceback" not in proc.stderr
    assert "Traceback" in (tmp_path / "fails" / "train.log").read_text()


def test_spec_command_trains_default_model_offline(testdata, tmp_path, smollm_path):
    """The spec's command, unchanged, on a machine with no network, through `accelerate launch`."""
    data_folder(tmp_path, testdata / "seed" / "sft.csv")
    env = dict(os.environ, PYTHONPATH=str(REPO), HF_HUB_OFFLINE="1", HF_TOKEN="hf_fake_token_for_the_test_0123")
    cmd = [sys.executable, "-m", "autotrain_ui.cli", "llm", "--train", "--model", "HuggingFaceTB/SmolLM2-135M-Instruct",
           "--project-name", "my-bot", "--data-path", "./data", "--train-split", "train", "--text-column", "text",
           "--trainer", "sft", "--peft", "--epochs", "3"]
    proc = subprocess.run(cmd, cwd=tmp_path, capture_output=True, text=True, env=env, timeout=900)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    project = tmp_path / "my-bot"
    assert (project / "model" / "adapter_model.safetensors").exists()
    assert (project / "train.log").exists()
    events = [json.loads(line) for line in (project / "events.jsonl").read_text().splitlines()]
    assert events and events[-1]["epoch"] == pytest.approx(3.0, abs=0.01)
    for path in project.rglob("*"):
        if path.is_file() and path.stat().st_size < 5_000_000:
            assert b"hf_fake_token_for_the_test_0123" not in path.read_bytes(), f"token leaked into {path}"
    from peft import PeftModel
    from transformers import AutoModelForCausalLM, AutoTokenizer

    import torch

    from autotrain_ui.core.data import prepare
    from autotrain_ui.core.templates import render

    # the run chose the model's own chat template for these conversations, and what it saved learned them: the
    # tuned model's loss on the table's answers, rendered as the run rendered them, is below the base model's
    assert json.loads((project / "config.json").read_text())["chat_template"] == "tokenizer"
    tok = AutoTokenizer.from_pretrained(project / "model")
    rows, _ = prepare(testdata / "seed" / "sft.csv", "sft")
    encoded = [render({k: v for k, v in r.items() if not k.startswith("_")}, tok) for r in rows]
    model = PeftModel.from_pretrained(AutoModelForCausalLM.from_pretrained(smollm_path), project / "model").eval()

    def loss() -> float:
        total = 0.0
        for ids, mask in encoded:
            labels = [t if m else -100 for t, m in zip(ids, mask)]
            with torch.no_grad():
                total += float(model(input_ids=torch.tensor([ids]), labels=torch.tensor([labels])).loss)
        return total / len(encoded)

    tuned = loss()
    with model.disable_adapter():
        base = loss()
    assert tuned < base, (tuned, base)


def test_data_check_counts_tokens_with_the_runs_template(testdata, capsys, smollm_path):
    code = main(["data", "check", str(testdata / "seed" / "sft.csv"), "--trainer", "sft", "--chat-template",
                 "tokenizer", "--model", "HuggingFaceTB/SmolLM2-135M-Instruct", "--block-size", "16"])
    out = capsys.readouterr().out
    assert code == 0
    assert "4 rows are longer than the block size of 16 tokens" in out and "Tokens:" in out
