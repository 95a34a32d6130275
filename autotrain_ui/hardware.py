"""Hardware: the Space flavour catalog (what each flavour has and costs), what this machine (or Space) runs on, what
the Hub says a Space runs on, and the refusals of settings this hardware cannot run. Whether a job fits and how long
it takes is fit.py; moving a Space's hardware is hub/space_hardware.py.

Prices are the Hub's published hourly prices for Spaces at the time of writing (huggingface.co/pricing);
they change, so the picker shows them as "about". The 4- and 8-GPU A100 flavours (huggingface_hub's SpaceHardware
a100x4, a100x8) were not in the Hub's hardware table as read here (2026-12): their CPUs, RAM and prices are the
single A100's times the GPUs, until the Hub's table is read again.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field

from autotrain_ui.core import estimate as run_model
from autotrain_ui.core import gpu
from autotrain_ui.core.i18n import message
from autotrain_ui.core.memory import GB


@dataclass(frozen=True)
class Flavour:
    name: str               # the Hub's flavour id (what request_space_hardware takes)
    label: str              # what the picker shows
    gpu: str | None         # GPU model, None for CPU flavours
    gpus: int               # number of GPUs
    gpu_memory_gb: float    # memory of ONE GPU
    vcpus: int
    ram_gb: float
    price_per_hour: float   # USD
    tflops: float           # 16-bit dense peak of one GPU; CPU flavours: effective training TFLOPS

    @property
    def total_gpu_memory_gb(self) -> float:
        return self.gpu_memory_gb * self.gpus

    @property
    def is_gpu(self) -> bool:
        return self.gpus > 0

    def describe(self) -> str:
        price = "free" if self.price_per_hour == 0 else f"about ${self.price_per_hour:.2f}/hour"
        if self.is_gpu:
            mem = f"{self.gpus}x {self.gpu} {self.gpu_memory_gb:g} GB" if self.gpus > 1 else f"{self.gpu} {self.gpu_memory_gb:g} GB"
            return f"{self.label}: {mem}, {self.vcpus} vCPU, {self.ram_gb:g} GB RAM, {price}"
        return f"{self.label}: {self.vcpus} vCPU, {self.ram_gb:g} GB RAM, no GPU, {price}"


FLAVOURS: tuple[Flavour, ...] = (
    Flavour("cpu-basic", "CPU basic", None, 0, 0, 2, 16, 0.00, 0.03),
    Flavour("cpu-upgrade", "CPU upgrade", None, 0, 0, 8, 32, 0.03, 0.12),
    Flavour("t4-small", "Nvidia T4 small", "T4", 1, 16, 4, 15, 0.40, 65),
    Flavour("t4-medium", "Nvidia T4 medium", "T4", 1, 16, 8, 30, 0.60, 65),
    Flavour("l4x1", "Nvidia 1xL4", "L4", 1, 24, 8, 30, 0.80, 121),
    Flavour("l4x4", "Nvidia 4xL4", "L4", 4, 24, 48, 186, 3.80, 121),
    Flavour("a10g-small", "Nvidia A10G small", "A10G", 1, 24, 4, 15, 1.00, 70),
    Flavour("a10g-large", "Nvidia A10G large", "A10G", 1, 24, 12, 46, 1.50, 70),
    Flavour("a10g-largex2", "Nvidia 2xA10G large", "A10G", 2, 24, 24, 92, 3.00, 70),
    Flavour("a10g-largex4", "Nvidia 4xA10G large", "A10G", 4, 24, 48, 184, 5.00, 70),
    Flavour("a100-large", "Nvidia A100 large", "A100", 1, 80, 12, 142, 4.00, 312),
    Flavour("a100x4", "Nvidia 4xA100 large", "A100", 4, 80, 48, 568, 16.00, 312),
    Flavour("a100x8", "Nvidia 8xA100 large", "A100", 8, 80, 96, 1136, 32.00, 312),
    Flavour("l40sx1", "Nvidia 1xL40S", "L40S", 1, 48, 8, 62, 1.80, 362),
    Flavour("l40sx4", "Nvidia 4xL40S", "L40S", 4, 48, 48, 382, 8.30, 362),
    Flavour("l40sx8", "Nvidia 8xL40S", "L40S", 8, 48, 192, 1534, 23.50, 362),
)
BY_NAME = {f.name: f for f in FLAVOURS}

# The spec's `--backend spaces-*` names (new and old spellings) -> Hub flavour
BACKEND_FLAVOURS = {
    "spaces-cpu-basic": "cpu-basic", "spaces-cpu-upgrade": "cpu-upgrade",
    "spaces-t4-small": "t4-small", "spaces-t4-medium": "t4-medium",
    "spaces-l4x1": "l4x1", "spaces-l4x4": "l4x4",
    "spaces-a10g-small": "a10g-small", "spaces-a10g-large": "a10g-large",
    "spaces-a10g-largex2": "a10g-largex2", "spaces-a10g-largex4": "a10g-largex4",
    "spaces-a100-large": "a100-large", "spaces-a100x4": "a100x4", "spaces-a100x8": "a100x8", "spaces-l40sx1": "l40sx1", "spaces-l40sx4": "l40sx4",
    "spaces-l40sx8": "l40sx8",
    # older short spellings: a10gl/a10gs = A10G large/small, t4m/t4s = T4 medium/small, cpu = the paid CPU
    # upgrade, cpuf = the free CPU basic
    "spaces-a10gl": "a10g-large", "spaces-a10gs": "a10g-small", "spaces-a100": "a100-large",
    "spaces-t4m": "t4-medium", "spaces-t4s": "t4-small", "spaces-cpu": "cpu-upgrade", "spaces-cpuf": "cpu-basic",
}

# 16-bit dense peak TFLOPS of GPUs this machine might have (substring of the device name -> TFLOPS)
GPU_TFLOPS = (("H200", 989), ("H100", 989), ("GH200", 989), ("B200", 2250), ("A100", 312), ("L40S", 362),
              ("L40", 181), ("A10G", 70), ("A10", 125), ("L4", 121), ("T4", 65), ("V100", 125), ("A6000", 155),
              ("4090", 165), ("3090", 71), ("RTX PRO 6000", 500))

class HardwareError(Exception):
    """The Hub refused or could not be reached for a hardware change; the message says what to do."""


def flavour(name: str) -> Flavour:
    """A flavour by Hub name, or by one of the spec's backend names."""
    key = BACKEND_FLAVOURS.get(name, name)
    if key not in BY_NAME:
        raise KeyError(f"unknown hardware {name!r}; choose one of: {', '.join(BY_NAME)}")
    return BY_NAME[key]


def flavour_for_backend(backend: str) -> Flavour:
    if backend not in BACKEND_FLAVOURS:
        raise KeyError(f"--backend {backend!r} is not a Space backend; choose one of: {', '.join(BACKEND_FLAVOURS)}")
    return BY_NAME[BACKEND_FLAVOURS[backend]]


def catalog() -> list[dict]:
    """The picker's rows: every flavour with its GPU memory, price and a one-line description."""
    return [{**asdict(f), "total_gpu_memory_gb": f.total_gpu_memory_gb, "description": f.describe()} for f in FLAVOURS]


# ---------------------------------------------------------------- what we run on

@dataclass
class CurrentHardware:
    on_space: bool
    flavour: str | None                 # the Space's flavour when known (None outside a Space)
    gpus: list[tuple[str, float]] = field(default_factory=list)   # (name, memory GB) per device
    cpus: int = 1
    ram_gb: float = 0.0
    source: str = ""                     # how we know: "env", "hub", "gpu-guess", "local"

    @property
    def label(self) -> str:
        if self.gpus:
            names = {n for n, _ in self.gpus}
            gpu = f"{len(self.gpus)}x {names.pop()} ({self.gpus[0][1]:.0f} GB)" if len(names) == 1 else \
                ", ".join(f"{n} ({m:.0f} GB)" for n, m in self.gpus)
        else:
            gpu = "no GPU"
        where = f"this Space ({BY_NAME[self.flavour].label})" if self.on_space and self.flavour in BY_NAME else "this machine"
        return f"{where}: {gpu}, {self.cpus} CPU cores, {self.ram_gb:.0f} GB RAM"


def _ram_gb() -> float:
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / GB
    except (ValueError, OSError, AttributeError):
        return 0.0


def guess_flavour(gpus: list[tuple[str, float]], cpus: int) -> str | None:
    """The Space flavour these devices look like (on a Space; the CPU count tells small from large)."""
    if not gpus:
        return "cpu-upgrade" if cpus >= 8 else "cpu-basic"
    name, count = gpus[0][0].upper(), len(gpus)
    for f in sorted(FLAVOURS, key=lambda f: -f.vcpus):   # biggest first: pick the largest one the CPUs allow
        if f.gpu and f.gpu.upper() in name and f.gpus == count and cpus >= f.vcpus * 0.75:
            return f.name
    candidates = [f for f in FLAVOURS if f.gpu and f.gpu.upper() in name and f.gpus == count]
    return min(candidates, key=lambda f: f.vcpus).name if candidates else None


def current_hardware(env: dict | None = None, *, token: str | None = None,
                     gpus: list[tuple[str, float]] | None = None) -> CurrentHardware:
    """What this process runs on. On a Space (SPACE_ID set) the flavour comes from AUTOTRAIN_SPACE_HARDWARE (or
    SPACE_HARDWARE) when set, else from the Hub's runtime info when a token is at hand, else a guess from the GPUs."""
    env = os.environ if env is None else env
    gpus = gpu.visible_gpus() if gpus is None else gpus
    cpus = int(env.get("CPU_CORES") or os.cpu_count() or 1)
    hw = CurrentHardware(on_space=bool(env.get("SPACE_ID")), flavour=None, gpus=gpus, cpus=cpus, ram_gb=_ram_gb(),
                         source="local")
    if not hw.on_space:
        return hw
    named = env.get("AUTOTRAIN_SPACE_HARDWARE") or env.get("SPACE_HARDWARE")
    if named:
        hw.flavour, hw.source = BACKEND_FLAVOURS.get(named, named), "env"
        return hw
    if token:
        try:
            runtime = space_runtime(env["SPACE_ID"], token)
            if runtime.get("current"):
                hw.flavour, hw.source = runtime["current"], "hub"
                return hw
        except HardwareError:
            pass
    hw.flavour, hw.source = guess_flavour(gpus, cpus), "gpu-guess"
    return hw


def local_flavour(hw: CurrentHardware | None = None) -> Flavour:
    """This machine as a Flavour, so `estimate()` can answer for it like for any Space flavour."""
    hw = hw or current_hardware()
    if hw.on_space and hw.flavour in BY_NAME:
        return BY_NAME[hw.flavour]
    if not hw.gpus:
        return Flavour("local", "This machine", None, 0, 0, hw.cpus, hw.ram_gb, 0.0, run_model.cpu_tflops(hw.cpus))
    name, mem = hw.gpus[0]
    tflops = next((t for key, t in GPU_TFLOPS if key.upper() in name.upper()), 50)
    return Flavour("local", "This machine", name, len(hw.gpus), mem, hw.cpus, hw.ram_gb, 0.0, tflops)


# ---------------------------------------------------------------- the Space's hardware, as the Hub says

def _hardware_error(exc: Exception, step) -> HardwareError:
    """`step`: what could not be done, a spaces.step.* message."""
    from autotrain_ui.core.hub_client import describe_hub_error

    return HardwareError(message("hardware.failed", step=step, error=describe_hub_error(exc)))


def space_runtime(space_id: str, token: str | None) -> dict:
    """{stage, current, requested} of a Space's hardware, from the Hub."""
    from autotrain_ui.core.hub_client import client

    try:
        rt = client(token).get_space_runtime(space_id)
    except Exception as exc:
        raise _hardware_error(exc, message("spaces.step.read_hardware", space=space_id)) from exc
    return {"stage": rt.stage, "current": rt.hardware, "requested": rt.requested_hardware}
