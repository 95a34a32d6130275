"""Chat with a finished project: adapter on the base without merging, base replies with the adapter off,
one project loaded at a time, and plain refusals for what cannot chat."""

from __future__ import annotations

import gc
import json
import weakref

import pytest
import torch

from autotrain_ui import chat, cli
from tests.conftest import make_project, run_in_process


@pytest.fixture(scope="module")
def projects(tiny_model, testdata, tmp_path_factory):
    root = tmp_path_factory.mktemp("chat")
    made = {}
    for name, peft in (("adapter", True), ("full", False)):
        project = make_project(root, testdata / "seed" / "sft.csv", project_name=name, model=tiny_model, trainer="sft",
                               peft=peft, epochs=1, lr=5e-3, logging_steps=1, block_size=64)
        assert run_in_process(project) == 0
        made[name] = project
    yield made
    chat.release()


def greedy(model, tok, prompt, n=8) -> str:
    ids = tok(prompt, return_tensors="pt")
    with torch.no_grad():
        out = model.generate(**ids, max_new_tokens=n, do_sample=False, pad_token_id=tok.pad_token_id)
    return tok.decode(out[0, ids["input_ids"].shape[1]:], skip_special_tokens=True).strip()


def test_base_reply_is_the_base_model_with_the_adapter_off(projects, tiny_model):
    from transformers import AutoModelForCausalLM

    loaded = chat.load(projects["adapter"])
    assert loaded.is_adapter and not (projects["adapter"] / "model" / "model.safetensors").exists()
    messages = [{"role": "user", "content": "What is the capital of France?"}]
    prompt, _ = chat.render_prompt(loaded, messages)
    base = AutoModelForCausalLM.from_pretrained(tiny_model).eval()
    expected = greedy(base, loaded.tokenizer, prompt)
    *_, got = chat.stream(loaded, messages, base=True, max_new_tokens=8)
    assert got == expected
    ids = loaded.tokenizer(prompt, return_tensors="pt")
    with torch.no_grad():
        tuned_logits = loaded.model(**ids).logits
        with loaded.model.disable_adapter():
            base_logits = loaded.model(**ids).logits
        assert torch.allclose(base_logits, base(**ids).logits, atol=1e-5)
    assert not torch.allclose(tuned_logits, base_logits, atol=1e-5)  # the adapter is on for the tuned replies


def test_loading_another_project_frees_the_previous_one(projects):
    first = weakref.ref(chat.load(projects["adapter"]).model)
    loaded = chat.load(projects["full"])
    gc.collect()
    assert first() is None and loaded.project == projects["full"].resolve()
    pieces = list(chat.stream(loaded, [{"role": "user", "content": "hi"}], base=True, max_new_tokens=5))
    assert pieces and isinstance(pieces[-1], str)
    assert loaded.base is not None  # a full fine-tune loads its base beside it, only when compared


def test_what_cannot_chat_says_why(projects, tmp_path, capsys):
    reward = tmp_path / "scorer"
    reward.mkdir()
    config = json.loads((projects["full"] / "config.json").read_text())
    (reward / "config.json").write_text(json.dumps({**config, "trainer": "reward"}))
    with pytest.raises(chat.ChatError, match="reward model"):
        chat.load(reward)
    unfinished = tmp_path / "unfinished"
    unfinished.mkdir()
    (unfinished / "config.json").write_text(json.dumps(config))
    with pytest.raises(chat.ChatError, match="no trained model yet"):
        chat.load(unfinished)
    assert cli.main(["llm", "--inference", "--project-name", str(unfinished)]) == 2
    assert "--inference needs --prompt" in capsys.readouterr().err
    assert cli.main(["llm", "--inference", "--project-name", str(unfinished), "--prompt", "hi"]) == 2
    assert "no trained model yet" in capsys.readouterr().err
