"""Choices that follow the hardware when the user leaves them unset: precision and gradient checkpointing.
Each returns the choice and a reason in plain words; the run logs both (train.log and events.jsonl)."""

from __future__ import annotations

import os

import torch


def cpu_has_bf16() -> bool:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            flags = fh.read()
    except OSError:
        return False
    return " avx512_bf16" in flags or " amx_bf16" in flags


def resolve_precision(params) -> tuple[str, str]:
    """'bf16', 'fp16' or 'fp32', and why. On a GPU, what its compute capability computes natively
    (autotrain_ui/gpu.half_dtype, the one rule the chat uses too), never torch.cuda.is_bf16_supported(), which says
    yes on a T4 because torch emulates bfloat16 there."""
    if params.mixed_precision:
        return params.mixed_precision, "asked for with --mixed-precision"
    if torch.cuda.is_available():
        from autotrain_ui.core.gpu import half_dtype, torch_capability

        cap = "{}.{}".format(*torch_capability())
        if half_dtype() is torch.bfloat16:
            return "bf16", f"this GPU (compute capability {cap}) computes bfloat16 natively"
        return "fp16", (f"this GPU (compute capability {cap}, T4 class) has no native bfloat16 (torch would emulate "
                        "it, many times slower), so float16 with loss scaling")
    if cpu_has_bf16():
        return "bf16", "this CPU has bfloat16 instructions (avx512_bf16/amx); weights being trained stay float32"
    return "fp32", "this hardware has no fast half precision"


HALF_DTYPES = {"bf16": torch.bfloat16, "fp16": torch.float16, "fp32": torch.float32}


def available_memory_bytes() -> int:
    """What is free where this rank trains: its own GPU (dist.local_rank, never the default device), else the RAM."""
    if torch.cuda.is_available():
        from trainers.dist import local_rank

        free, _total = torch.cuda.mem_get_info(local_rank())
        return int(free)
    try:
        with open("/proc/meminfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def resolve_checkpointing(params, model=None) -> tuple[bool, str]:
    """Gradient checkpointing saves memory at ~30% more compute: on only when the estimate says it is needed. The
    rule lives in autotrain_ui/fit.py, so the page's hardware estimate says what the run will do."""
    from autotrain_ui.core.memory import checkpointing_choice, checkpointing_need_bytes

    if params.disable_gradient_checkpointing:
        return checkpointing_choice(0, 0, disabled=True)
    if model is None:
        return True, "on (no model to size yet)"
    config = model.config
    hidden = getattr(config, "hidden_size", 4096)
    need = checkpointing_need_bytes(sum(p.numel() for p in model.parameters()),
                                    sum(p.numel() for p in model.parameters() if p.requires_grad),
                                    getattr(config, "num_hidden_layers", 32), hidden,
                                    getattr(config, "intermediate_size", 4 * hidden),
                                    params.batch_size * params.effective_block_size)
    return checkpointing_choice(need, available_memory_bytes())


def resolve_kernels() -> tuple[bool, str]:
    """Liger's fused kernels (RMSNorm, RoPE, SwiGLU) on a CUDA GPU when the package is installed. The loss stays
    ours (trainers/causal.py), which already never holds every token's logits."""
    import importlib.util

    if not torch.cuda.is_available():
        return False, "Liger kernels need a CUDA GPU"
    if importlib.util.find_spec("liger_kernel") is None:
        return False, "pip install liger-kernel for fused RMSNorm/RoPE/SwiGLU kernels on this GPU"
    return True, "Liger kernels (installed) for RMSNorm, RoPE and SwiGLU"


def resolve_optimizer(params) -> tuple[str, str]:
    """The optimizer transformers builds, and why. --optimizer as given, except its default adamw_torch on a CUDA GPU
    (one process, or DDP), which becomes adamw_torch_fused: the same AdamW update (torch.optim.AdamW(fused=True)) in
    one kernel per step, and transformers' own default since torch 2.8, so a plain TRL script gets it too. CPU runs,
    FSDP and DeepSpeed (which shard or replace the optimizer) keep adamw_torch."""
    name = params.optimizer
    if name != "adamw_torch":
        return name, "asked for with --optimizer"
    if torch.cuda.is_available() and params.distributed_backend in (None, "ddp"):
        return "adamw_torch_fused", "AdamW as one fused kernel on this GPU (the same update as adamw_torch)"
    return name, "AdamW (the default)"


KBIT_PREP_VARIABLE = "AUTOTRAIN_KBIT_PREP"


def resolve_kbit_prep() -> tuple[bool, str]:
    """How a quantized (QLoRA) base is made ready for LoRA: peft's way (the default), or lean with
    $AUTOTRAIN_KBIT_PREP=lean, a switch bench/gpu.sh compares on a GPU before it could become the default (its gain,
    less memory traffic and no forced recomputation, shows only there). -> (lean, why)."""
    if os.environ.get(KBIT_PREP_VARIABLE, "").strip().lower() == "lean":
        return True, (f"lean (${KBIT_PREP_VARIABLE}=lean): frozen weights keep their dtype, gradient checkpointing "
                      "as chosen for the run")
    return False, "peft's: frozen weights that are not quantized in float32, gradient checkpointing on"


LIGER_CONFIG = {"rope": True, "swiglu": True, "rms_norm": True, "cross_entropy": False,
                "fused_linear_cross_entropy": False}
