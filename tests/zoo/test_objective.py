"""Same objective, proven per family: one training step of the default/SFT trainer (trainers/causal.py, as the run
builds it: the family's attention, LoRA on all linear layers, the CPU speed-ups) gives the loss and the LoRA gradients
of the model's own forward, `model(input_ids, labels=...)` row by row with transformers' eager attention, to a
relative error under 1e-4 in float32: rows packed end to end, and rows one per sequence. A family that steps aside
(autotrain_ui/core/families.py) is held to the same standard on its padded rows."""

from __future__ import annotations

import copy

import pytest
import torch

from tests.zoo import table
from tests.zoo.conftest import families

TOLERANCE = 1e-4
ROWS = ((23, 0), (41, 10), (30, 5), (12, 3))  # (tokens, leading tokens without loss): every row longer than a window


def make_rows() -> list[dict]:
    g = torch.Generator().manual_seed(1)
    out = []
    for n, prompt in ROWS:
        ids = torch.randint(5, 1000, (n,), generator=g).tolist()
        out.append({"input_ids": ids, "labels": [-100] * prompt + ids[prompt:]})
    return out


def load_as_the_run_does(folder):
    """loading.load as a LoRA run calls it, dropout 0 (so the step is deterministic and, on Mixtral and Qwen-MoE, peft
    also puts LoRA on the fused experts), float32; LoRA B drawn non-zero so every LoRA weight gets a gradient."""
    from autotrain_ui.core.params import LLMParams
    from trainers import loading

    params = LLMParams(model=str(folder), peft=True, lora_dropout=0.0, mixed_precision="fp32", chat_template="none")
    torch.manual_seed(0)
    tokenizer, model = loading.load(params)
    with torch.no_grad():
        for name, p in model.named_parameters():
            if "lora_B" in name:
                p.normal_(0, 0.05)
    return tokenizer, model


def own_loss_and_grads(model, rows, device):
    """The model's own forward and loss, row by row, eager attention: the objective the run must train."""
    ref = copy.deepcopy(model).to(device)
    ref.get_base_model().set_attn_implementation("eager")
    counts = [sum(1 for x in r["labels"][1:] if x != -100) for r in rows]
    total, loss = sum(counts), 0.0
    for r, n in zip(rows, counts):
        out = ref(input_ids=torch.tensor([r["input_ids"]], device=device), labels=torch.tensor([r["labels"]], device=device))
        (out.loss * n / total).backward()
        loss += out.loss.item() * n / total
    return loss, lora_grads(ref)


def lora_grads(model) -> dict:
    return {n: p.grad.detach().float().cpu() for n, p in model.named_parameters() if p.requires_grad and p.grad is not None}


def relative(a: dict, b: dict) -> float:
    assert a.keys() == b.keys() and a, "the same LoRA weights must get gradients"
    num = sum(((a[k] - b[k]) ** 2).sum() for k in b) ** 0.5
    return float(num / sum((b[k] ** 2).sum() for k in b) ** 0.5)


def one_step(model, plan, collate, rows, device, tmp_path):
    from transformers import TrainingArguments

    from trainers.causal import CausalLMTrainer

    m = copy.deepcopy(model).to(device)
    args = TrainingArguments(output_dir=str(tmp_path / "out"), use_cpu=device == "cpu", report_to="none")
    trainer = CausalLMTrainer(model=m, args=args, plan=plan)
    loss = trainer.training_step(m, collate(copy.deepcopy(rows)))
    return float(loss), lora_grads(m)


@pytest.mark.parametrize("device", ["cpu", "cuda"])
@pytest.mark.parametrize("family", families())
def test_one_step_trains_the_models_own_objective(family, device, zoo, cell, tmp_path):
    if device == "cuda" and not torch.cuda.is_available():
        cell(family, "grad_cuda").skip()
        pytest.skip("no CUDA GPU on this machine: the CUDA variant (whole batch in one pass, no per-row attention) "
                    "runs where there is one")
    from autotrain_ui.core import families as fam
    from trainers.causal import PackedCollator, PaddedCollator, chunked_cross_entropy

    grad_cell = cell(family, "grad" if device == "cpu" else "grad_cuda")
    path_cell = cell(family, "path") if device == "cpu" else None
    tokenizer, model = load_as_the_run_does(zoo.folder(family))
    plan = fam.plan(model, device)
    assert plan.checked, f"{family} is in the zoo, so it must be in the checked families"
    rows = make_rows()
    own, own_grads = own_loss_and_grads(model, rows, device)

    variants = {"packed": PackedCollator(1000), "unpacked": PackedCollator(1)} if plan.fast else \
        {"padded": PaddedCollator(tokenizer.pad_token_id)}
    errors = {}
    for name, collate in variants.items():
        loss, grads = one_step(model, plan, collate, rows, device, tmp_path)
        assert abs(loss - own) <= TOLERANCE * abs(own), f"{name}: loss {loss} != the model's own {own}"
        errors[name] = relative(grads, own_grads)
        assert errors[name] < TOLERANCE, f"{name}: LoRA gradients off by {errors[name]:.2e} (relative)"

    if plan.transform:  # the tiny config makes the head matter: leaving it out would change the loss
        batch = PackedCollator(1000)(copy.deepcopy(rows))
        with torch.no_grad():
            inner = model.get_base_model()
            hidden = inner.get_decoder()(input_ids=batch["input_ids"], position_ids=batch["position_ids"]).last_hidden_state
            keep = batch["shift_labels"] != -100
            w, y = inner.get_output_embeddings().weight, batch["shift_labels"][keep]
            plain = chunked_cross_entropy(hidden[keep], w, y) / keep.sum()
            headed = chunked_cross_entropy(hidden[keep], w, y, plan.transform) / keep.sum()
        assert abs(plain - headed) > 1e-3 * abs(headed), f"{plan.transform.words()} does not change this model's loss"
        assert abs(headed.item() - own) < 1e-4 * abs(own)

    grad_cell.ok(f"{max(errors.values()):.0e}")
    if path_cell is not None:
        if not plan.fast:
            table.note(f"{family} steps aside: {'; '.join(plan.reasons)}")
        words = "fast" if plan.fast else "own forward"
        extra = [plan.transform.words()] if plan.transform else []
        if plan.fast:
            extra.append("per-row attn" if plan.per_row_attention else f"{plan.attention} attn")
        path_cell.note(f"{words} ({', '.join(extra)})" if extra else words)


def tiny(config_class: str, folder, tokenizer_path, **extra):
    import transformers
    from transformers import AutoModelForCausalLM, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(tokenizer_path)
    config = getattr(transformers, config_class)(vocab_size=len(tokenizer), hidden_size=64, intermediate_size=128,
                                                 num_hidden_layers=2, num_attention_heads=4, num_key_value_heads=2,
                                                 pad_token_id=tokenizer.pad_token_id, **extra)
    torch.manual_seed(0)
    AutoModelForCausalLM.from_config(config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def test_a_family_nobody_checked_trains_through_its_own_forward(smollm_path, tmp_path):
    """StableLM is not in the checked families: no packing, no fused loss, no guess; the step is the model's own."""
    from autotrain_ui.core import families as fam
    from trainers.causal import PaddedCollator, build_trainer

    folder = tiny("StableLmConfig", tmp_path / "stablelm", smollm_path)
    tokenizer, model = load_as_the_run_does(folder)
    plan = fam.plan(model)
    assert not plan.checked and not plan.fast and not plan.per_row_attention
    assert "has not been checked" in plan.line()
    from transformers import TrainingArguments

    trainer = build_trainer(model, TrainingArguments(output_dir=str(tmp_path / "o"), use_cpu=True, report_to="none"),
                            None, None, 1024, tokenizer.pad_token_id)
    assert isinstance(trainer.data_collator, PaddedCollator)
    rows = make_rows()
    own, own_grads = own_loss_and_grads(model, rows, "cpu")
    loss, grads = one_step(model, plan, trainer.data_collator, rows, "cpu", tmp_path)
    assert abs(loss - own) <= TOLERANCE * own and relative(grads, own_grads) < TOLERANCE


def test_a_moe_that_adds_its_router_loss_steps_aside(zoo):
    """output_router_logits on: the model's own loss adds a load-balancing term over the whole batch, which the fast
    path does not compute, so the run takes the model's own forward (and says why)."""
    from transformers import AutoModelForCausalLM

    from autotrain_ui.core import families as fam

    model = AutoModelForCausalLM.from_pretrained(zoo.folder("mixtral"), output_router_logits=True)
    plan = fam.plan(model)
    assert plan.checked and not plan.fast and "load-balancing" in plan.line()
