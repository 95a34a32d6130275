"""Which process of a multi-process run this is, and which engine shares the model between them: a leaf every
trainer module may import."""

from __future__ import annotations

import os


def is_main_process() -> bool:
    """Rank 0 writes the project's files (events, reports, the model); the other ranks only train."""
    return int(os.environ.get("RANK", "0")) == 0


def world_size() -> int:
    return int(os.environ.get("WORLD_SIZE", "1"))


def local_rank() -> int:
    return int(os.environ.get("LOCAL_RANK", "0"))


def sharded_engine() -> str | None:
    """The engine that splits the model's weights across the processes, as `accelerate launch` told this one:
    "FSDP", "DeepSpeed ZeRO-3", or None (one process, DDP, or ZeRO below stage 3, where each holds the whole
    model)."""
    if world_size() <= 1:
        return None
    if os.environ.get("ACCELERATE_USE_FSDP", "").lower() in ("1", "true"):
        return "FSDP"
    if os.environ.get("ACCELERATE_USE_DEEPSPEED", "").lower() in ("1", "true") and \
            os.environ.get("ACCELERATE_DEEPSPEED_ZERO_STAGE", "") == "3":
        return "DeepSpeed ZeRO-3"
    return None


def bind_device() -> None:
    """Make this rank's GPU the current CUDA device before anything asks CUDA a question (free memory, compute
    capability): a query on the default device would open a context on GPU 0 from every rank."""
    import torch

    if torch.cuda.is_available() and torch.cuda.device_count() > local_rank():
        torch.cuda.set_device(local_rank())


def cpu_fsdp_wanted(accelerator) -> bool:
    """FSDP was asked for (`accelerate launch --use_fsdp`) and several processes run on the CPU, where accelerate
    itself would fall back to DDP."""
    from accelerate.utils import DistributedType

    return sharded_engine() == "FSDP" and accelerator.distributed_type == DistributedType.MULTI_CPU


def engine_of(trainer) -> str | None:
    """The engine this run's Trainer really uses (what run_info.json says): FSDP, DeepSpeed (ZeRO-3 or not), DDP with
    several processes, None with one."""
    if getattr(trainer, "is_fsdp_enabled", False):
        return "FSDP"
    if getattr(trainer, "is_deepspeed_enabled", False):
        return "DeepSpeed ZeRO-3" if sharded_engine() == "DeepSpeed ZeRO-3" else "DeepSpeed"
    return "DDP" if world_size() > 1 else None
