"""Choices our trainer makes on a CUDA GPU only, checked on a CPU: that a CPU run is unchanged, and that the GPU's
choice computes the same thing."""

from __future__ import annotations

import torch

from autotrain_ui.params import LLMParams


def _params(tmp_path, **values) -> LLMParams:
    return LLMParams(data_path=str(tmp_path), project_name="p", **values)


def test_a_cpu_run_keeps_the_optimizer_it_was_given(tmp_path):
    from trainers.common import training_kwargs

    assert training_kwargs(_params(tmp_path), tmp_path, 10, False)["optim"] == "adamw_torch"
    assert training_kwargs(_params(tmp_path, optimizer="sgd"), tmp_path, 10, False)["optim"] == "sgd"


def test_on_a_gpu_the_default_adamw_is_the_fused_kernel_unless_sharded(tmp_path, monkeypatch):
    from trainers import policy

    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    assert policy.resolve_optimizer(_params(tmp_path))[0] == "adamw_torch_fused"
    assert policy.resolve_optimizer(_params(tmp_path, distributed_backend="ddp"))[0] == "adamw_torch_fused"
    for backend in ("fsdp", "deepspeed"):
        assert policy.resolve_optimizer(_params(tmp_path, distributed_backend=backend))[0] == "adamw_torch"
    assert policy.resolve_optimizer(_params(tmp_path, optimizer="adafactor")) == ("adafactor",
                                                                                 "asked for with --optimizer")


def _optimizer(name: str, params, tmp_path):
    from transformers import Trainer, TrainingArguments

    args = TrainingArguments(output_dir=str(tmp_path), optim=name, learning_rate=1e-2, weight_decay=0.1,
                             use_cpu=True, report_to="none")
    cls, kwargs = Trainer.get_optimizer_cls_and_kwargs(args)
    return cls(params, **kwargs), kwargs


def test_the_fused_adamw_makes_the_same_updates_as_adamw(tmp_path):
    """The same gradients through adamw_torch and adamw_torch_fused (torch runs the fused kernel on a CPU too) give
    the same weights, step after step: the GPU's choice changes the speed, not the training."""
    torch.manual_seed(0)
    start = [torch.randn(64, 32), torch.randn(32)]
    grads = [[torch.randn_like(p) for p in start] for _ in range(5)]
    results = {}
    for name in ("adamw_torch", "adamw_torch_fused"):
        weights = [p.clone().requires_grad_(True) for p in start]
        optimizer, kwargs = _optimizer(name, weights, tmp_path)
        assert kwargs.get("fused", False) == (name == "adamw_torch_fused")
        for step in grads:
            for w, g in zip(weights, step):
                w.grad = g.clone()
            optimizer.step()
        results[name] = [w.detach() for w in weights]
    assert not torch.equal(results["adamw_torch"][0], start[0]), "the steps moved the weights"
    for plain, fused in zip(results["adamw_torch"], results["adamw_torch_fused"]):
        torch.testing.assert_close(fused, plain, rtol=1e-5, atol=1e-6)
