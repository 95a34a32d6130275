"""Packing rows end to end must give exactly what the rows give one at a time: no row sees another, and the
chunked loss equals the model's own mean token cross-entropy."""

from __future__ import annotations

import torch
from transformers import AutoModelForCausalLM

from trainers import causal
from trainers.causal import PackedCollator, chunked_cross_entropy


def rows():
    torch.manual_seed(1)
    a = torch.randint(5, 1000, (23,)).tolist()
    b = torch.randint(5, 1000, (41,)).tolist()
    labels_b = [-100] * 10 + b[10:]  # a prompt without loss
    return [{"input_ids": a, "labels": a}, {"input_ids": b, "labels": labels_b}]


def test_packed_rows_do_not_attend_across_boundaries(tiny_model):
    model = AutoModelForCausalLM.from_pretrained(tiny_model, attn_implementation="sdpa").eval()
    batch = PackedCollator(max_tokens=1000)(rows())
    with torch.no_grad():
        packed = model(input_ids=batch["input_ids"], position_ids=batch["position_ids"], use_cache=False).logits[0]
        alone = [model(input_ids=torch.tensor([r["input_ids"]])).logits[0] for r in rows()]
    # longest row first: b (41 tokens) then a (23)
    assert torch.allclose(packed[:41], alone[1], atol=1e-4)
    assert torch.allclose(packed[41:], alone[0], atol=1e-4)


def test_chunked_loss_equals_the_models_own_loss(tiny_model, monkeypatch):
    model = AutoModelForCausalLM.from_pretrained(tiny_model).eval()
    monkeypatch.setattr(causal, "LOSS_CHUNK", 7)  # many chunks, a ragged last one
    batch = PackedCollator(max_tokens=1000)(rows())
    with torch.no_grad():
        hidden = model.get_decoder()(input_ids=batch["input_ids"], position_ids=batch["position_ids"],
                                       use_cache=False).last_hidden_state
        keep = batch["shift_labels"] != -100
        ours = chunked_cross_entropy(hidden[keep], model.get_output_embeddings().weight, batch["shift_labels"][keep])
        ours = ours / keep.sum()
        total, count = 0.0, 0
        for r in rows():
            out = model(input_ids=torch.tensor([r["input_ids"]]), labels=torch.tensor([r["labels"]]))
            n = sum(1 for x in r["labels"][1:] if x != -100)
            total, count = total + out.loss.item() * n, count + n
    assert abs(ours.item() - total / count) < 1e-4


def test_rows_are_packed_into_blocks_with_padding_that_carries_no_loss(tiny_model):
    model = AutoModelForCausalLM.from_pretrained(tiny_model, attn_implementation="sdpa").eval()
    batch = PackedCollator(max_tokens=50, pad_id=0)(rows())  # 41 + 23 > 50: two packed rows
    assert batch["input_ids"].shape == (2, 41) and int(batch["real_tokens"]) == 64
    assert (batch["shift_labels"][1, 22:] == -100).all()  # a's last token and the padding after it
    with torch.no_grad():
        out = model(input_ids=batch["input_ids"], position_ids=batch["position_ids"], use_cache=False).logits
        alone = [model(input_ids=torch.tensor([r["input_ids"]])).logits[0] for r in rows()]
    assert torch.allclose(out[0], alone[1], atol=1e-4) and torch.allclose(out[1, :23], alone[0], atol=1e-4)


def test_chunked_loss_gradients_match(tiny_model, monkeypatch):
    model = AutoModelForCausalLM.from_pretrained(tiny_model)
    monkeypatch.setattr(causal, "LOSS_CHUNK", 5)
    h = torch.randn(17, model.config.hidden_size, requires_grad=True)
    w = model.get_output_embeddings().weight.detach().clone().requires_grad_(True)
    y = torch.randint(0, w.shape[0], (17,))
    chunked_cross_entropy(h, w, y).backward()
    g_h, g_w = h.grad.clone(), w.grad.clone()
    h.grad = w.grad = None
    torch.nn.functional.cross_entropy(h @ w.t(), y, reduction="sum").backward()
    assert torch.allclose(g_h, h.grad, atol=1e-5) and torch.allclose(g_w, w.grad, atol=1e-5)


def test_row_by_row_step_gives_the_whole_batch_gradient(tiny_model, tmp_path):
    """training_step runs one packed row at a time (activations for one block only); the gradient must be the one
    the whole batch gives."""
    from transformers import TrainingArguments

    from trainers.causal import CausalLMTrainer

    torch.manual_seed(0)
    data = [{"input_ids": (ids := torch.randint(5, 1000, (n,)).tolist()), "labels": ids} for n in (40, 30, 25, 12)]
    batch = PackedCollator(max_tokens=50)(data)
    assert batch["input_ids"].shape[0] == 3
    grads = []
    for whole in (False, True):
        model = AutoModelForCausalLM.from_pretrained(tiny_model)
        trainer = CausalLMTrainer(model=model, args=TrainingArguments(output_dir=str(tmp_path), use_cpu=True,
                                                                      report_to="none"))
        inputs = {k: v.clone() for k, v in batch.items()}
        if whole:
            model.train()
            count = (inputs["shift_labels"] != -100).sum()
            trainer.compute_loss(model, inputs, num_items_in_batch=count).backward()
        else:
            trainer.training_step(model, inputs)
        grads.append(torch.cat([p.grad.flatten() for p in model.parameters() if p.grad is not None]))
    assert torch.allclose(grads[0], grads[1], atol=1e-6)


def test_gradient_accumulation_gives_the_whole_batchs_loss_and_gradient(tiny_model, testdata, tmp_path):
    """Four rows as one batch, or as two micro-batches of two with --gradient-accumulation 2: the same step (the
    loss and gradient of all four rows, each token counted once), not two means added up."""
    from tests.conftest import make_project, read_events, run_in_process

    logged = []
    for batch, accumulate in ((4, 1), (2, 2)):
        project = make_project(tmp_path, testdata / "seed" / "sft.csv", project_name=f"ga{accumulate}",
                               model=tiny_model, trainer="sft", peft=True, lora_dropout=0.0, max_steps=1,
                               batch_size=batch, gradient_accumulation=accumulate, logging_steps=1, block_size=128,
                               mixed_precision="fp32")
        assert run_in_process(project) == 0
        logged.append(next(e for e in read_events(project) if "loss" in e))
    assert abs(logged[0]["loss"] - logged[1]["loss"]) < 1e-5 * logged[0]["loss"]
    assert abs(logged[0]["grad_norm"] - logged[1]["grad_norm"]) < 1e-4 * logged[0]["grad_norm"]
