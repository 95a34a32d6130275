"""What the hardware a run will have cannot do, in one list of messages: asked by preflight before launch and again
by the run when it loads the model (trainers/loading.py), in the same words."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

from autotrain_ui.core.gpu import FLASH_ATTENTION_2, NATIVE_BF16
from autotrain_ui.core.i18n import Message, message
from autotrain_ui.core.params import LLMParams


def hardware_refusals(params: LLMParams, gpus: int, *, packages_here: bool = True,
                      capability: tuple[int, int] | None = None) -> list[Message]:
    """What the hardware the run will have cannot do: asked here before launch, and again by the run itself when it
    loads the model (trainers/loading.py), in the same words. `packages_here`: the run's packages are this
    machine's (not a Space's, which installs its own). `capability`: the GPUs' compute capability where known
    (autotrain_ui/core/gpu.py: nvidia-smi here, the flavour's GPU for a Space, torch in the run)."""
    refusals = []
    said = "{}.{}".format(*capability) if capability else ""
    if params.quantization and gpus == 0:
        refusals.append(message("preflight.quantization_gpu", quantization=params.quantization))
    elif params.quantization and packages_here and importlib.util.find_spec("bitsandbytes") is None:
        refusals.append(message("preflight.bitsandbytes_missing", quantization=params.quantization))
    if params.mixed_precision == "fp16" and gpus == 0:
        refusals.append(message("preflight.fp16_gpu"))
    if params.mixed_precision == "bf16" and gpus and capability and capability < NATIVE_BF16:
        refusals.append(message("preflight.bf16_not_native", capability=said))
    if params.distributed_backend == "deepspeed" and not _deepspeed_installed(packages_here):
        refusals.append(message("preflight.deepspeed_missing", where=message(
            "preflight.where_here" if packages_here else "preflight.where_space_image")))
    if params.use_flash_attention_2 and gpus == 0:
        refusals.append(message("preflight.flash_no_gpu"))
    elif params.use_flash_attention_2 and capability and capability < FLASH_ATTENTION_2:
        refusals.append(message("preflight.flash_capability", capability=said))
    elif params.use_flash_attention_2 and packages_here and importlib.util.find_spec("flash_attn") is None:
        refusals.append(message("preflight.flash_not_installed"))
    return refusals


def _deepspeed_installed(packages_here: bool) -> bool:
    """DeepSpeed is offered only where it imports: here, or in the Space image (requirements-gpu.txt names it)."""
    if packages_here:
        return importlib.util.find_spec("deepspeed") is not None
    gpu_file = Path(__file__).resolve().parents[2] / "requirements-gpu.txt"
    lines = gpu_file.read_text(encoding="utf-8").splitlines() if gpu_file.exists() else []
    return any(re.match(r"deepspeed\b", line.strip(), re.I) for line in lines)
