"""The CPU savings in trainers/speed.py and the fused loss in trainers/causal.py change speed, not results:
each is checked here against what it replaces."""

from __future__ import annotations

import math

import pytest
import torch
from transformers import AutoModelForCausalLM

from trainers import causal, speed
from trainers.causal import PackedCollator, chunked_cross_entropy
from autotrain_ui.core.families import LogitTransform


# ------------------------------------------------------------------ dropout

def test_sparse_dropout_draws_the_same_distribution_as_dropout():
    torch.manual_seed(0)
    p, n = 0.05, 400_000
    mask = speed.dropout_mask(n, p, torch.float32, "cpu")
    dropped = mask == 0
    # the rate within 5 standard errors; kept values scaled by 1/(1-p) so the mean is unchanged
    assert abs(dropped.float().mean().item() - p) < 5 * math.sqrt(p * (1 - p) / n)
    assert torch.allclose(mask[~dropped], torch.tensor(1 / (1 - p)))
    # independent neighbours: P(both dropped) = p^2, and drops spread over the whole tensor, end included
    both = (dropped[1:] & dropped[:-1]).float().mean().item()
    assert abs(both - p * p) < 5 * math.sqrt(p * p / n)
    quarters = dropped.view(4, -1).float().mean(1)
    assert (quarters - p).abs().max() < 0.01


@pytest.mark.parametrize("p", [0.1, 0.5, 0.9])
def test_sparse_dropout_rate_for_other_probabilities(p):
    torch.manual_seed(1)
    n = 100_000
    rate = (speed.dropout_mask(n, p, torch.float32, "cpu") == 0).float().mean().item()
    assert abs(rate - p) < 5 * math.sqrt(p * (1 - p) / n)


def test_sparse_dropout_module_behaves_like_nn_dropout():
    x = torch.randn(64, 96, dtype=torch.bfloat16, requires_grad=True)
    drop = speed.SparseDropout(0.2)
    drop.eval()
    assert drop(x) is x
    drop.train()
    torch.manual_seed(3)
    a = drop(x)
    torch.manual_seed(3)
    assert torch.equal(a, drop(x))                   # the run's seed makes it reproducible
    assert not torch.equal(a, drop(x))               # and each call draws a new mask
    a.sum().backward()                               # gradient flows through the kept elements only
    assert torch.equal(x.grad == 0, a == 0) or bool((x[a == 0] == 0).any())
    assert speed.SparseDropout(0.0)(x) is x


def test_lora_layers_get_sparse_dropout_and_keep_their_output(tiny_model):
    from peft import LoraConfig, get_peft_model

    torch.manual_seed(0)
    base = AutoModelForCausalLM.from_pretrained(tiny_model, dtype=torch.bfloat16)
    model = get_peft_model(base, LoraConfig(r=4, lora_alpha=8, lora_dropout=0.1, target_modules="all-linear"))
    for name, param in model.named_parameters():
        if "lora_B" in name:
            torch.nn.init.normal_(param, std=0.5)        # a trained-looking adapter, so its output matters
    ids = torch.randint(5, 1000, (1, 20))
    model.eval()
    with torch.no_grad(), torch.autocast("cpu", dtype=torch.bfloat16):
        before = model(input_ids=ids).logits.float()
    speed.install(model)
    assert speed.summary(model)["lora_layers_with_sparse_dropout"] == 14   # 2 layers x 7 linear modules
    with torch.no_grad(), torch.autocast("cpu", dtype=torch.bfloat16):
        after = model(input_ids=ids).logits.float()
    assert torch.allclose(before, after, atol=0.05, rtol=0.02)
    with torch.no_grad():                            # outside autocast peft still casts (bfloat16 base, float32 adapter)
        plain = model(input_ids=ids).logits.float()
    assert torch.allclose(plain, after, atol=0.1, rtol=0.05)


# ------------------------------------------------------------------ attention per packed row

def packed_batch(max_tokens):
    torch.manual_seed(2)
    lengths = (3, 45, 23, 9)
    data = [{"input_ids": (ids := torch.randint(5, 1000, (n,)).tolist()), "labels": ids} for n in lengths]
    return PackedCollator(max_tokens=max_tokens)(data)


@pytest.mark.parametrize("math_max,max_tokens", [(256, 200), (10, 200), (256, 50)])
def test_attention_per_packed_row_equals_the_masked_attention(tiny_model, monkeypatch, math_max, max_tokens):
    """Rows of one block or of several blocks (a batch of packed rows, padded), short or long."""
    monkeypatch.setattr(speed, "MATH_MAX", math_max)
    speed.install(torch.nn.Linear(1, 1))
    batch = packed_batch(max_tokens)
    assert batch["input_ids"].shape[0] == (1 if max_tokens == 200 else 2)
    results = []
    for per_row in (False, True):
        torch.manual_seed(0)
        model = AutoModelForCausalLM.from_pretrained(tiny_model, attn_implementation="sdpa")
        inputs = {"input_ids": batch["input_ids"], "position_ids": batch["position_ids"]}
        if per_row:
            with speed.packed_rows():
                logits = model(**inputs, use_cache=False).logits
                logits.float().pow(2).mean().backward()
        else:
            logits = model(**inputs, use_cache=False).logits
            logits.float().pow(2).mean().backward()
        grads = torch.cat([p.grad.flatten() for p in model.parameters() if p.grad is not None])
        results.append((logits.detach(), grads))
    assert torch.allclose(results[0][0], results[1][0], atol=1e-5)
    assert torch.allclose(results[0][1], results[1][1], atol=1e-5, rtol=1e-4)


@pytest.mark.parametrize("math_max", [256, 10])
def test_attention_per_packed_row_honours_sliding_windows(smollm_path, tmp_path, monkeypatch, math_max):
    """A Mistral whose window (8) is shorter than the rows: each row attends to its last 8 tokens only, as the
    model's own masked attention does (short rows by explicit scores, long ones through SDPA with the band mask)."""
    from transformers import AutoTokenizer, MistralConfig, MistralForCausalLM

    monkeypatch.setattr(speed, "MATH_MAX", math_max)
    speed.install(torch.nn.Linear(1, 1))
    vocab = len(AutoTokenizer.from_pretrained(smollm_path))
    torch.manual_seed(0)
    config = MistralConfig(vocab_size=vocab, hidden_size=64, intermediate_size=128, num_hidden_layers=2,
                           num_attention_heads=4, num_key_value_heads=2, sliding_window=8)
    model = MistralForCausalLM(config).eval()
    model.config._attn_implementation = "sdpa"
    batch = packed_batch(200)
    inputs = {"input_ids": batch["input_ids"], "position_ids": batch["position_ids"], "use_cache": False}
    with torch.no_grad():
        masked = model(**inputs).logits
        with speed.packed_rows():
            per_row = model(**inputs).logits
        model.config.sliding_window = None  # the window matters: without it the logits differ
        with speed.packed_rows():
            unwindowed = model(**inputs).logits
    assert torch.allclose(masked, per_row, atol=1e-5)
    assert not torch.allclose(masked, unwindowed, atol=1e-3)


def test_row_spans_follow_the_position_ids():
    positions = torch.tensor([[0, 1, 2, 0, 1, 0, 0, 1, 2, 3]])
    assert speed.row_spans(positions) == [[(0, 3), (3, 5), (5, 6), (6, 10)]]


# ------------------------------------------------------------------ fused loss

HEADS = {"plain": LogitTransform(), "softcap": LogitTransform(softcap=3.0), "scale": LogitTransform(scale=8.0),
         "divide": LogitTransform(divide=0.05)}


def reference_head(z, t: LogitTransform):
    """What Gemma 2/3 (softcap), Cohere (x logit_scale) and Granite (/ logits_scaling) do to their logits."""
    if t.scale is not None:
        z = z * t.scale
    if t.divide is not None:
        z = z / t.divide
    if t.softcap is not None:
        z = torch.tanh(z / t.softcap) * t.softcap
    return z


@pytest.mark.parametrize("head", list(HEADS))
@pytest.mark.parametrize("dtype", [torch.float32, torch.bfloat16])
def test_fused_loss_gradients_match_autograd(monkeypatch, dtype, head):
    """With each family's head: the loss and both gradients are autograd's through the same transform."""
    monkeypatch.setattr(causal, "LOSS_CHUNK", 6)
    torch.manual_seed(0)
    h0 = torch.randn(17, 32) * 2
    w0 = torch.randn(300, 32)
    y = torch.randint(0, 300, (17,))
    h, w = h0.to(dtype).requires_grad_(True), w0.clone().requires_grad_(True)
    loss = chunked_cross_entropy(h, w, y, HEADS[head])
    (loss * 0.5).backward()                          # a scale on the loss reaches both gradients
    h_ref, w_ref = h0.to(dtype).float().requires_grad_(True), w0.clone().requires_grad_(True)
    logits = reference_head(h_ref @ w_ref.to(dtype).float().t(), HEADS[head])
    ref = torch.nn.functional.cross_entropy(logits, y, reduction="sum")
    (ref * 0.5).backward()
    with torch.no_grad():  # without gradients it takes the other branch: the same value
        assert abs(chunked_cross_entropy(h.detach(), w.detach(), y, HEADS[head]).item() - loss.item()) < 1e-3
    tol = 1e-5 if dtype == torch.float32 else 1e-2     # bfloat16: the gradients are rounded once more than autograd's

    def off(a, b):
        return ((a.float() - b).norm() / b.norm()).item()

    assert h.grad.dtype == dtype and w.grad.dtype == torch.float32
    assert abs(loss.item() - ref.item()) < tol * abs(ref.item())
    assert off(h.grad, h_ref.grad) < tol and off(w.grad, w_ref.grad) < tol


# ------------------------------------------------------------------ kernels

def test_liger_kernels_only_on_a_cuda_gpu_with_the_package(monkeypatch):
    import importlib.util

    from trainers import policy

    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    assert policy.resolve_kernels() == (False, "Liger kernels need a CUDA GPU")
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None if name == "liger_kernel" else real_find_spec(name))
    on, why = policy.resolve_kernels()
    assert not on and "pip install liger-kernel" in why
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: object() if name == "liger_kernel" else real_find_spec(name))
    assert policy.resolve_kernels()[0]
    assert not policy.LIGER_CONFIG["fused_linear_cross_entropy"]  # our loss stays (trainers/causal.py)


def test_no_liger_setting_reaches_the_arguments_on_a_cpu(tmp_path):
    from autotrain_ui.core.params import LLMParams
    from trainers.arguments import training_kwargs

    kwargs = training_kwargs(LLMParams(data_path=str(tmp_path), project_name="p"), tmp_path, 10, False)
    assert "use_liger_kernel" not in kwargs


@pytest.fixture(autouse=True)
def _attention_back():
    """These tests install the packed-rows attention by hand (speed.install), outside a run's scope: put
    transformers' own back after each, as a run's scope does."""
    yield
    speed.uninstall()
