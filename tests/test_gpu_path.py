"""Choices our trainer makes on a CUDA GPU only, checked on a CPU: that a CPU run is unchanged, and that the GPU's
choice computes the same thing."""

from __future__ import annotations

import torch

from autotrain_ui.core.params import LLMParams


def _params(tmp_path, **values) -> LLMParams:
    return LLMParams(data_path=str(tmp_path), project_name="p", **values)


def test_a_cpu_run_keeps_the_optimizer_it_was_given(tmp_path):
    from trainers.arguments import training_kwargs

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


def _lora_grads(model_dir: str, lean: bool, monkeypatch) -> tuple[float, dict, object]:
    """One bfloat16 forward and backward of a LoRA on a bfloat16 base prepared as for QLoRA (lean or peft's way)."""
    from transformers import AutoModelForCausalLM

    from trainers.loading import apply_lora, prepare_kbit

    if lean:
        monkeypatch.setenv("AUTOTRAIN_KBIT_PREP", "lean")
    else:
        monkeypatch.delenv("AUTOTRAIN_KBIT_PREP", raising=False)
    params = LLMParams(data_path=".", project_name="p", peft=True, lora_dropout=0.0,
                       disable_gradient_checkpointing=True)
    base = AutoModelForCausalLM.from_pretrained(model_dir, dtype=torch.bfloat16)
    base = prepare_kbit(base, params)
    torch.manual_seed(1)
    model = apply_lora(base, params)
    ids = torch.tensor([[1, 5, 9, 13, 2, 7, 11, 3]])
    with torch.autocast("cpu", dtype=torch.bfloat16):
        loss = model(input_ids=ids, labels=ids).loss
    loss.backward()
    grads = {n: p.grad.float() for n, p in model.named_parameters() if p.requires_grad}
    return loss.item(), grads, model


def test_lean_kbit_preparation_keeps_frozen_weights_in_their_dtype_and_the_same_gradients(tiny_model, monkeypatch):
    """The QLoRA switch AUTOTRAIN_KBIT_PREP=lean (quantization itself needs a GPU, so a bfloat16 base stands in): no
    float32 copy of any frozen weight, no gradient checkpointing forced on, and the LoRA's loss and gradients those
    of peft's preparation up to bfloat16 rounding."""
    loss_peft, grads_peft, peft_model = _lora_grads(tiny_model, False, monkeypatch)
    loss_lean, grads_lean, lean_model = _lora_grads(tiny_model, True, monkeypatch)
    frozen = lambda m: {p.dtype for p in m.parameters() if not p.requires_grad}  # noqa: E731
    assert frozen(peft_model) == {torch.float32}, "peft's way copies the frozen weights to float32"
    assert frozen(lean_model) == {torch.bfloat16}
    assert not lean_model.get_base_model().is_activation_checkpointing
    assert grads_lean.keys() == grads_peft.keys() and grads_lean
    assert abs(loss_lean - loss_peft) < 2e-2 * abs(loss_peft)
    for name, g in grads_peft.items():
        if g.norm() > 0:
            assert (grads_lean[name] - g).norm() / g.norm() < 5e-2, name


def fake_nvidia_smi(folder, monkeypatch, name="Tesla T4", cap="7.5", count=1, driver="535.104.05"):
    """An nvidia-smi on PATH that lists `count` GPUs: this CPU machine then looks like a GPU machine to the app."""
    import stat

    script = folder / "nvidia-smi"
    rows = {"index": "\n".join(str(i) for i in range(count)),
            "name,memory.total": "\n".join(f"{name}, 15360" for _ in range(count)),
            "compute_cap": "\n".join(cap for _ in range(count)),
            "driver_version": "\n".join(driver for _ in range(count))}
    cases = "\n".join(f'  "--query-gpu={q}") printf "%s\\n" "{a}";;' for q, a in rows.items())
    script.write_text(f'#!/bin/sh\ncase "$1" in\n{cases}\n  *) exit 0;;\nesac\n')
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{folder}:{__import__('os').environ['PATH']}")
    monkeypatch.delenv("CUDA_VISIBLE_DEVICES", raising=False)


def test_preflight_refuses_when_nvidia_smi_lists_gpus_that_torch_cannot_use(tmp_path, testdata, monkeypatch):
    """The CPU torch here stands in for a CUDA build newer than the driver: the run would train on the CPU."""
    from autotrain_ui.core.i18n import render
    from autotrain_ui.preflight import preflight

    fake_nvidia_smi(tmp_path, monkeypatch)
    params = LLMParams(project_name="p", data_path=str(testdata / "seed" / "sft.csv"), train_split="train",
                       trainer="sft", model="/nonexistent")
    check = preflight(params, check_model=False)
    said = [e for e in check.errors if getattr(e, "key", "") == "preflight.torch_sees_no_gpu"]
    assert said, check.errors
    english, korean = render(said[0], "en"), render(said[0], "ko")
    assert "1 GPU(s)" in english and "535.104.05" in english and "torch==2.13.0+cu128" in english
    assert "CPU" in english and "GPU 1개" in korean


def fake_gpu(monkeypatch, capability: tuple[int, int]):
    """torch on this CPU machine answers as a CUDA machine whose GPU has this compute capability; like a real T4,
    it says bfloat16 is supported (torch emulates it there)."""
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.cuda, "device_count", lambda: 1)
    monkeypatch.setattr(torch.cuda, "get_device_capability", lambda device=None: capability)
    monkeypatch.setattr(torch.cuda, "is_bf16_supported", lambda *a, **k: True)


def test_a_t4_trains_and_chats_in_float16_and_an_ampere_card_in_bfloat16(tmp_path, monkeypatch):
    from autotrain_ui.core.gpu import half_dtype
    from trainers.policy import resolve_precision

    fake_gpu(monkeypatch, (7, 5))
    precision, why = resolve_precision(_params(tmp_path))
    assert precision == "fp16" and "7.5" in why and "no native bfloat16" in why and "natively" not in why
    assert half_dtype() is torch.float16          # the chat tab and the chat Space
    fake_gpu(monkeypatch, (8, 6))
    precision, why = resolve_precision(_params(tmp_path))
    assert precision == "bf16" and "8.6" in why and half_dtype() is torch.bfloat16


def test_qlora_computes_in_the_runs_precision(tmp_path, monkeypatch):
    from trainers.loading import model_kwargs

    fake_gpu(monkeypatch, (7, 5))
    kwargs = model_kwargs(_params(tmp_path, peft=True, quantization="int4"))
    assert kwargs["quantization_config"].bnb_4bit_compute_dtype is torch.float16
    fake_gpu(monkeypatch, (9, 0))
    kwargs = model_kwargs(_params(tmp_path, peft=True, quantization="int4"))
    assert kwargs["quantization_config"].bnb_4bit_compute_dtype is torch.bfloat16


def test_bf16_and_flash_attention_are_refused_before_launch_below_compute_capability_8(tmp_path, testdata,
                                                                                       monkeypatch):
    from autotrain_ui.core.i18n import render
    from autotrain_ui.preflight import preflight

    data = str(testdata / "seed" / "sft.csv")
    keys = lambda check: {getattr(e, "key", "") for e in check.errors}  # noqa: E731
    # a T4 Space: the flavour's GPU says 7.5
    space = dict(project_name="p", data_path=data, train_split="train", trainer="sft", backend="spaces-t4-small",
                 username="alice")
    check = preflight(LLMParams(mixed_precision="bf16", use_flash_attention_2=True, **space), check_model=False)
    assert {"preflight.bf16_not_native", "preflight.flash_capability"} <= keys(check)
    said = next(e for e in check.errors if getattr(e, "key", "") == "preflight.bf16_not_native")
    assert "--mixed-precision fp16" in render(said, "en") and "7.5" in render(said, "ko")
    assert not keys(preflight(LLMParams(mixed_precision="fp16", **space), check_model=False)) & {
        "preflight.bf16_not_native"}
    a10g = {**space, "backend": "spaces-a10g-small"}
    assert "preflight.bf16_not_native" not in keys(preflight(LLMParams(mixed_precision="bf16", **a10g),
                                                             check_model=False))
    # this machine with a T4 in it, as nvidia-smi says
    fake_nvidia_smi(tmp_path, monkeypatch, cap="7.5")
    local = LLMParams(project_name="p", data_path=data, train_split="train", trainer="sft", mixed_precision="bf16")
    assert "preflight.bf16_not_native" in keys(preflight(local, check_model=False, gpus=1))


def test_the_run_itself_refuses_bf16_on_a_t4(tmp_path, monkeypatch):
    """A run started by hand on other hardware than it was checked for says the same before loading anything."""
    import pytest

    from trainers.errors import RunError
    from trainers.loading import check_hardware

    fake_gpu(monkeypatch, (7, 5))
    with pytest.raises(RunError, match="no native bfloat16"):
        check_hardware(_params(tmp_path, mixed_precision="bf16"))
    check_hardware(_params(tmp_path, mixed_precision="fp16"))


def test_each_rank_asks_only_its_own_gpu(tmp_path, monkeypatch):
    """Rank 1 binds GPU 1 before anything is asked, and its free-memory query names GPU 1: no rank opens a context
    on GPU 0 that is not its own."""
    from trainers import dist, policy

    asked, bound = [], []
    fake_gpu(monkeypatch, (9, 0))
    monkeypatch.setattr(torch.cuda, "device_count", lambda: 2)
    monkeypatch.setattr(torch.cuda, "set_device", lambda device: bound.append(device))
    monkeypatch.setattr(torch.cuda, "mem_get_info", lambda device=None: (asked.append(device), (8 << 30, 16 << 30))[1])
    monkeypatch.setenv("LOCAL_RANK", "1")
    dist.bind_device()
    assert bound == [1]
    assert policy.available_memory_bytes() == 8 << 30 and asked == [1]


def test_deepspeed_is_refused_before_launch_where_it_does_not_import(tmp_path, testdata, monkeypatch):
    import importlib.util

    from autotrain_ui.core.refusals import hardware_refusals
    from autotrain_ui.core.i18n import render

    params = _params(tmp_path, distributed_backend="deepspeed")
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "deepspeed" else real(name, *a))
    here = [r for r in hardware_refusals(params, 4) if r.key == "preflight.deepspeed_missing"]
    assert here and "--distributed-backend fsdp" in render(here[0], "en") and "fsdp" in render(here[0], "ko")
    space = [r for r in hardware_refusals(params, 4, packages_here=False) if r.key == "preflight.deepspeed_missing"]
    assert space and "requirements-gpu.txt" in render(space[0], "en")   # the Space image does not install it
    assert not hardware_refusals(_params(tmp_path, distributed_backend="fsdp"), 4)
