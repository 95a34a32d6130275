"""The report's greedy answers (trainers/answers.py): the tuned and the base model answer in one batch, peft's
adapter on for half its rows and off for the other half, and give the same tokens as two batches, one with the
adapter and one with it switched off. Measured on the tiny Llama with a random LoRA adapter (its answers differ
from the base model's), on prompts rendered with the chat template and on plain text."""

from __future__ import annotations

import pytest
import torch

from trainers import answers


@pytest.fixture(scope="module")
def lora_model(tiny_model):
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM, AutoTokenizer

    torch.manual_seed(0)
    model = AutoModelForCausalLM.from_pretrained(tiny_model)
    model = get_peft_model(model, LoraConfig(r=8, lora_alpha=16, target_modules="all-linear", init_lora_weights=False))
    return model.eval(), AutoTokenizer.from_pretrained(tiny_model)


def test_one_batch_gives_the_answers_of_two(lora_model):
    model, tokenizer = lora_model
    items = [{"prompt": tokenizer.apply_chat_template([{"role": "user", "content": q}], tokenize=False,
                                                      add_generation_prompt=True), "templated": True}
             for q in ("What is your name?", "Say hello.", "Who wrote Hamlet?")]
    items.insert(1, {"prompt": "human: Where is Paris? \\n bot:", "templated": False})
    assert answers._one_batch(model)
    side = tokenizer.padding_side
    tuned, base = answers.tuned_and_base(model, tokenizer, items, max_new_tokens=16)
    alone = answers.generate(model, tokenizer, items, max_new_tokens=16)
    with model.disable_adapter():
        alone_base = answers.generate(model, tokenizer, items, max_new_tokens=16)
    assert tuned == alone and base == alone_base
    assert [a["text"] for a in tuned] != [a["text"] for a in base], "the adapter changes nothing: no test"
    assert tokenizer.padding_side == side   # left only while answering


def test_a_merged_adapter_answers_in_two_batches(lora_model):
    """peft refuses a batch of several adapters once one is merged into the weights: the base model's answers then
    come with the adapter switched off, as before."""
    model, tokenizer = lora_model
    items = [{"prompt": "human: Say hello. \\n bot:", "templated": False}]
    model.merge_adapter()
    try:
        assert not answers._one_batch(model)
        tuned, base = answers.tuned_and_base(model, tokenizer, items, max_new_tokens=8)
        with model.disable_adapter():
            assert base == answers.generate(model, tokenizer, items, max_new_tokens=8)
        assert tuned == answers.generate(model, tokenizer, items, max_new_tokens=8)
    finally:
        model.unmerge_adapter()
