"""What this machine's CUDA GPUs are and compute natively, asked once for everyone: preflight (through nvidia-smi,
without importing torch), the run, the chat tab and the chat Space (through torch).

Half precision follows the card's compute capability, not torch.cuda.is_bf16_supported(): on a T4 (7.5) that
answers True because torch emulates bfloat16 there, many times slower than the float16 the card has tensor cores
for. bfloat16 (and FlashAttention-2) need 8.0 (Ampere: A10G, A100, L4, L40S, H100 ...).

Imports no torch at module level: the app side imports this module.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from autotrain_ui.core.memory import GB

NATIVE_BF16 = (8, 0)          # bfloat16 tensor cores from Ampere on
FLASH_ATTENTION_2 = (8, 0)    # flash-attn 2's kernels: Ampere and newer

# Compute capability of the GPUs the Space flavours have (and a few more), by a substring of the device name
CAPABILITY_BY_NAME = (("H200", (9, 0)), ("H100", (9, 0)), ("B200", (10, 0)), ("A100", (8, 0)), ("L40S", (8, 9)),
                      ("L40", (8, 9)), ("A10G", (8, 6)), ("A10", (8, 6)), ("L4", (8, 9)), ("T4", (7, 5)),
                      ("V100", (7, 0)), ("A6000", (8, 6)), ("4090", (8, 9)), ("3090", (8, 6)))


def half_dtype():
    """The 16-bit float this machine's GPU computes natively: bfloat16 from compute capability 8.0 on, float16 below
    (T4 class: torch would emulate bfloat16), float32 with no GPU. The chat tab and the run call this, and the chat
    Space's app.py carries this function's own source (hub/deploy.py writes it in), so it imports torch itself."""
    import torch

    if not torch.cuda.is_available():
        return torch.float32
    return torch.bfloat16 if tuple(torch.cuda.get_device_capability()) >= (8, 0) else torch.float16


def torch_capability() -> tuple[int, int] | None:
    """(major, minor) of the current CUDA device through torch, None without one. Only after the rank has set its
    device (trainers/dist.py), or every rank would ask GPU 0."""
    import torch

    if not torch.cuda.is_available():
        return None
    return tuple(torch.cuda.get_device_capability())


def capability_of(name: str | None) -> tuple[int, int] | None:
    """A GPU's compute capability from its name (a Space flavour's GPU), None when unknown."""
    if not name:
        return None
    return next((cap for key, cap in CAPABILITY_BY_NAME if key.upper() in name.upper()), None)


def nvidia_smi(*fields: str) -> list[list[str]]:
    """One row per GPU nvidia-smi lists and CUDA_VISIBLE_DEVICES leaves visible, with the fields asked for
    (`--query-gpu` names); [] where there is no nvidia-smi or it fails."""
    if not shutil.which("nvidia-smi"):
        return []
    try:
        out = subprocess.run(["nvidia-smi", f"--query-gpu={','.join(fields)}", "--format=csv,noheader,nounits"],
                             capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return []
    visible = os.environ.get("CUDA_VISIBLE_DEVICES")
    keep = None if visible is None else [v.strip() for v in visible.split(",")]
    rows = []
    for i, line in enumerate(out.stdout.strip().splitlines()):
        cells = [c.strip() for c in line.split(",")]
        if len(cells) != len(fields) or (keep is not None and str(i) not in keep):
            continue
        rows.append(cells)
    return rows


def visible_gpus() -> list[tuple[str, float]]:
    """(name, memory GB) of each GPU a run here gets, the one count the launcher, the estimate and preflight use:
    torch's view when torch is already imported and sees CUDA (free, and it honours CUDA_VISIBLE_DEVICES itself),
    else nvidia-smi's list narrowed to CUDA_VISIBLE_DEVICES. Preflight refuses a run whose torch cannot use the GPUs
    listed (autotrain_ui/preflight.py), so this count never launches CPU processes as GPU ones."""
    torch = sys.modules.get("torch")
    if torch is not None:
        try:
            if torch.cuda.is_available():
                return [(torch.cuda.get_device_name(i), torch.cuda.get_device_properties(i).total_memory / GB)
                        for i in range(torch.cuda.device_count())]
        except (RuntimeError, AssertionError):  # a broken driver: nvidia-smi says what there is
            pass
    gpus = []
    for name, mem in nvidia_smi("name", "memory.total"):
        try:
            gpus.append((name, float(mem) / 1024))
        except ValueError:
            continue
    return gpus


def gpu_count() -> int:
    return len(visible_gpus())


def smi_capability() -> tuple[int, int] | None:
    """The lowest compute capability among the visible GPUs, as nvidia-smi says (no torch): what preflight checks."""
    caps = []
    for (cap,) in nvidia_smi("compute_cap"):
        try:
            major, minor = cap.split(".")
            caps.append((int(major), int(minor)))
        except ValueError:
            continue
    return min(caps) if caps else None


def torch_view() -> dict:
    """What torch sees, asked in a child process (the app does not import torch): {gpus, torch, cuda}; gpus None
    when torch could not be imported."""
    code = ("import json, torch; print(json.dumps({'gpus': torch.cuda.device_count() if torch.cuda.is_available() "
            "else 0, 'torch': torch.__version__, 'cuda': torch.version.cuda}))")
    try:
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
        import json

        return json.loads(out.stdout.strip().splitlines()[-1])
    except (OSError, subprocess.SubprocessError, ValueError, IndexError):
        return {"gpus": None, "torch": "?", "cuda": None}


def driver_version() -> str:
    rows = nvidia_smi("driver_version")
    return rows[0][0] if rows else "?"


def torch_pin() -> str:
    """requirements.txt's torch line (`torch==X`): the version every install of this project uses."""
    import re
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "requirements.txt").read_text(encoding="utf-8")
    found = re.search(r"^torch==([0-9][^\s#]*)", text, re.M)
    return f"torch=={found.group(1)}" if found else "torch"
