"""Hardware: the Space flavour catalog, what this machine (or Space) runs on, and a plain estimate of whether
a job fits and how long it takes.

This module is long because it holds what DESIGN.md's layout gives it together: the flavour catalog, what this machine runs on, and
the estimate that reads both field by field (moving a Space's hardware is hub/space_hardware.py).

The estimate is a rule of thumb, written out so a reader can check it (`estimate()` returns it as text too):

Memory on each GPU (with DDP every GPU holds a full copy of the model; FSDP's full shard and DeepSpeed ZeRO-3
split the weights, their gradients and the optimizer state evenly across the GPUs; the data is split either way):

    weights      full: 4 bytes/param (float32, what the trainer loads)      lora: same     qlora (int4): 0.55
                 bytes/param     qlora8 (int8): 1.1 bytes/param
    training     full: + 12 bytes/param (gradient 4 + AdamW moments 8)
                 lora/qlora: + 16 bytes per trainable param, taken as 1% of the model
    activations  batch x tokens per row x (layers x hidden x 4 bytes  [checkpointed layer inputs]
                                + hidden x 34 x 4 bytes    [the one layer being recomputed])
                 + vocab x 12 bytes per token of logits    [logits, their gradient and the softmax]
                 without gradient checkpointing the first term becomes layers x hidden x 34 x 4 bytes; whether
                 it is on is decided as the run decides it (checkpointing_choice, with the flavour's memory)
    overhead     + 1 GB (CUDA context, allocator) and + 10%
    sharded      weights and training state / number of GPUs, with --distributed-backend fsdp or deepspeed
    fits         when that total is at most 90% of one GPU's memory (CPU flavours: of the RAM)

Time: training FLOPs per token are 8 x params for a full fine-tune with gradient checkpointing (forward 2,
backward 4, recompute 2), 6 x params for LoRA (no weight gradients for the frozen base), x1.3 for QLoRA
int4 (de-quantizing on the fly), x1.6 for int8 (bitsandbytes' int8 matmul is slower still), + 2 x params for the
reference model's forward (DPO, KTO; with LoRA the adapter is switched off for it); tokens = the rows trained (the
plan of estimate.py: held out, sampled, capped by --max-steps) x tokens per row (the data file's own length where
there is one, else min(seq len, 256)). A GPU does 30% of its 16-bit peak (CPU flavours: their effective TFLOPS;
this machine: estimate.CPU_TFLOPS_PER_CORE per core, measured). The costs per row, per step, to start and to finish
that dominate small models come from measured runs (estimate.py). Training in float32 (no --mixed-precision) is
roughly twice as slow again on a GPU.

Memory counts the tokens a step really holds: the run packs rows without padding, so activations follow batch x
the rows' own length (at most the block size); the default and SFT trainers' loss holds at most LOSS_CHUNK tokens'
logits (trainers/causal.py), TRL's trainers every token's.

Here "params" are those a token's matmuls use: the output head counts, the input embedding (a lookup) does not,
so a model with separate (untied) input and output embeddings counts vocab x hidden fewer than it holds; its
memory counts them all. The sizes of the models the page offers (autotrain_ui/models.py KNOWN_MODELS: parameters,
vocabulary, tied embeddings, layers, hidden size, from their published configs) are exact; a local folder's come
from its config.json; any other name is read for a size ("-7B") or taken as 1B, and the estimate says so.

Pair trainers (reward, DPO, ORPO) run a chosen and a rejected text per row: twice the activations and tokens.
KTO runs each row's answer and, for its KL term, the prompt with another row's answer: twice as well.
DPO and KTO without LoRA also hold a frozen reference model (+ 4 bytes/param, + 2 x params FLOPs per token).

Prices are the Hub's published hourly prices for Spaces at the time of writing (huggingface.co/pricing);
they change, so the picker shows them as "about". The 4- and 8-GPU A100 flavours (huggingface_hub's SpaceHardware
a100x4, a100x8) were not in the Hub's hardware table as read here (2026-12): their CPUs, RAM and prices are the
single A100's times the GPUs, until the Hub's table is read again.
"""

from __future__ import annotations

import importlib.util
import json
import math
import os
import re
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

from autotrain_ui import estimate as run_model
from autotrain_ui import trainers_catalog
from autotrain_ui.i18n import Message, message
from autotrain_ui.messages import part, render
from autotrain_ui.params import LLMParams

GB = 1024 ** 3
MFU = 0.30                 # share of a GPU's 16-bit peak a fine-tune really gets (the per-row and start-up costs that
                           # dominate small models are in estimate.py)
LOSS_CHUNK = 1024          # trainers/causal.py: the default and SFT trainers' loss holds this many tokens' logits at most
FAST_LOSS = ("default", "sft")
CPU_ACTIVATIONS = 0.5      # on a CPU the run's activations take about half the rule's bytes (measured: the bench runs'
                           # peak RSS on 2 cores, bench/RESULTS.md "Estimates against measured runs")


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

# Gradient checkpointing, decided the same way here and in the run (trainers/policy.py): off when the memory the
# rule below needs is under this share of the memory there is (the run: what is free on its device when it starts).
CHECKPOINTING_SHARE = 0.6

# The estimate's words, by key: the English the CLI, train.log and `estimate()["assumptions"]` carry, and the keys
# the page's strings table (ui/strings.py) says in the visitor's language. Numbers come as values.
MESSAGES = {
    "gc_disabled": "turned off with --disable-gradient-checkpointing",
    "gc_off": "off: the estimated {need:.1f} GB fits in the {have:.1f} GB available",
    "gc_on": "on: the estimated {need:.1f} GB would not fit comfortably in {have:.1f} GB (it saves memory at about "
             "30% more compute)",
    "gc_asked_on": "on, as asked", "gc_asked_off": "off, as asked",
    "gc_quantized": "on: a quantized model is prepared for LoRA with it (--disable-gradient-checkpointing turns it off)",
    "gc_word_on": "on", "gc_word_off": "off",
    "assume_method_full": "full", "assume_method_lora": "lora", "assume_method_qlora": "qlora",
    "assume_method_qlora8": "qlora8",
    "hw_reason_quant_gpu": "{bits} quantization (QLoRA) needs a CUDA GPU",
    "shape_config": "{folder}/config.json",
    "shape_given": "{millions:.0f}M parameters as given",
    "shape_known": "{name}: {millions:.0f}M parameters, vocabulary {vocab:,}, {tied} (its published config)",
    "shape_tied": "input and output embeddings shared", "shape_untied": "separate input and output embeddings",
    "shape_from_name": "{name}: {millions:.0f}M parameters read from the name",
    "shape_unknown": "{name}: size unknown, 1B parameters assumed",
    "shape_guessed": "{source} (assumed {layers} layers, hidden {hidden}, vocab 50k)",
    "assume_pairs": "{trainer}: chosen + rejected text per row (x2); ",
    "assume_pairs_reference": "{trainer}: chosen + rejected text per row (x2), plus a frozen reference model; ",
    "assume_kto": "{trainer}: each row's answer + a mismatched one for the KL term (x2); ",
    "assume_kto_reference": "{trainer}: each row's answer + a mismatched one for the KL term (x2), plus a frozen "
                            "reference model; ",
    "assume_where_gpu": "one {gpu} ({memory:.0f} GB)", "assume_where_ram": "the RAM ({memory:.0f} GB)",
    "assume_speed_gpu": "{gpus} GPU(s) x {tflops:g} TFLOPS x {mfu:.0%} (bf16/fp16; float32 is ~2x slower)",
    "assume_speed_cpu": "~{tflops:g} TFLOPS on CPU",
    "assume_sharded": "{engine} splits the weights, gradients and optimizer state across the {gpus} GPUs; ",
    "assume_line": "{source}; {method}; batch {batch} rows of ~{tokens_each} tokens (at most {seq_len}) per step on "
                   "each device; {pairs}{rows:,} rows trained over {steps:,} steps x ~{tokens_each} tokens per row{x2} = "
                   "{tokens:,} tokens; {sharded}memory = weights {weights:.1f} GB + optimizer/gradients {states:.1f} GB + "
                   "activations {activations:.1f} GB (gradient checkpointing {gc}) + 10% + 1 GB, compared with 90% of "
                   "{where}; speed = {speed}, + {per_row:g} s per row and {per_step:g} s per step, + {startup:g} s to "
                   "start and {finish:g} s to check the answers and save (measured on runs). A rough guide, not a "
                   "promise.",
    "gc_page_off": "off (the run fits in memory without it)",
    "gc_page_on": "on (it saves memory at about 30% more compute)",
}


def say(one: dict, table: dict | None = None) -> str:
    """A part of this module ({"key", "values"}) as text, in the table's language (a strings table; None:
    English)."""
    return render(one, MESSAGES, table)


def assumptions_text(est: dict, table: dict | None = None) -> str:
    """An estimate's assumptions line (why it does not fit, then how it was worked out), in the table's language."""
    reasons = [say(r, table) for r in est["reason_parts"]]
    return ("; ".join(reasons) + ". " if reasons else "") + say(est["assumption_part"], table)


def checkpointing_need_bytes(n_params: float, trainable: float, layers: int, hidden: int, intermediate: int,
                             tokens: int) -> float:
    """The memory a step needs without gradient checkpointing, by the run's own rule: activations kept for
    backward (per token and layer ~10 hidden-size and ~3 intermediate-size float32 tensors) plus the weights and,
    for the trained ones, gradients and Adam moments."""
    activations = tokens * layers * (10 * hidden + 3 * intermediate) * 4
    return activations + n_params * 4 + trainable * 12


def checkpointing_decision(need_bytes: float, have_bytes: float, disabled: bool = False) -> tuple[bool, dict]:
    """(on, why as a part) for gradient checkpointing: what the run does and what the estimate assumes."""
    if disabled:
        return False, part("gc_disabled")
    if have_bytes and need_bytes < CHECKPOINTING_SHARE * have_bytes:
        return False, part("gc_off", need=need_bytes / GB, have=have_bytes / GB)
    return True, part("gc_on", need=need_bytes / GB, have=have_bytes / GB)


def checkpointing_choice(need_bytes: float, have_bytes: float, disabled: bool = False) -> tuple[bool, str]:
    """(on, why in plain English words) for gradient checkpointing (train.log, the CLI)."""
    on, why = checkpointing_decision(need_bytes, have_bytes, disabled)
    return on, say(why)


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


def detect_gpus() -> list[tuple[str, float]]:
    """(name, memory GB) per CUDA device: through torch only when it is already imported (free), else nvidia-smi."""
    torch = sys.modules.get("torch")
    if torch is not None:
        try:
            if torch.cuda.is_available():
                return [(torch.cuda.get_device_name(i), torch.cuda.get_device_properties(i).total_memory / GB)
                        for i in range(torch.cuda.device_count())]
            return []
        except Exception:  # a broken driver: fall through to nvidia-smi
            pass
    from autotrain_ui.gpu import nvidia_smi

    gpus = []
    for name, mem in nvidia_smi("name", "memory.total"):
        try:
            gpus.append((name, float(mem) / 1024))
        except ValueError:
            continue
    return gpus


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
    gpus = detect_gpus() if gpus is None else gpus
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


# ---------------------------------------------------------------- the estimate

@dataclass
class ModelShape:
    params: float
    layers: int
    hidden: int
    vocab: int
    source: str          # where the numbers come from, for the assumptions line (English)
    intermediate: int = 0  # the MLP's width; 0: 4 x hidden, as the run assumes when a config has none
    source_part: dict | None = None  # the same as a part (MESSAGES key and values), for other languages
    tied: bool = True    # the output head shares the input embedding matrix (counted once in params)
    known: bool = False  # the numbers are the model's own (the table, a config.json), not guessed from a name

    @property
    def mlp(self) -> int:
        return self.intermediate or 4 * self.hidden

    @property
    def compute_params(self) -> float:
        """The parameters a token's matmuls use: all but an untied input embedding (a lookup)."""
        return self.params - (0 if self.tied else self.vocab * self.hidden)


def _shape_from_config(config: dict, source: dict) -> ModelShape | None:
    text = config.get("text_config") or config      # a multimodal model keeps its language model's sizes here
    try:
        hidden = int(text.get("hidden_size") or text.get("n_embd") or text.get("d_model"))
        layers = int(text.get("num_hidden_layers") or text.get("n_layer") or text.get("num_layers"))
        vocab = int(text.get("vocab_size") or 32000)
        inter = int(text.get("intermediate_size") or 4 * hidden)
    except (TypeError, ValueError):
        return None
    heads = int(text.get("num_attention_heads") or 1)
    kv = int(text.get("num_key_value_heads") or heads)
    head_dim = int(text.get("head_dim") or hidden // max(heads, 1))
    attn = 2 * hidden * heads * head_dim + 2 * hidden * kv * head_dim
    mlp = 3 * hidden * inter
    tied = bool(config.get("tie_word_embeddings", text.get("tie_word_embeddings", True)))
    params = layers * (attn + mlp) + vocab * hidden * (1 if tied else 2)
    return ModelShape(float(params), layers, hidden, vocab, say(source), inter, source, tied, known=True)


def _shape_from_params(n: float, source: dict) -> ModelShape:
    layers = 24 if n < 1e9 else 32 if n < 1.5e10 else 80
    hidden = max(256, int(round(math.sqrt(n / (12 * layers)) / 64) * 64))
    guessed = part("shape_guessed", source=source, layers=layers, hidden=hidden)
    return ModelShape(float(n), layers, hidden, 50000, say(guessed), source_part=guessed)


def _shape_known(name: str, row) -> ModelShape:
    said = part("shape_known", name=name, millions=row.params / 1e6, vocab=row.vocab,
                tied=part("shape_tied" if row.tied else "shape_untied"))
    return ModelShape(float(row.params), row.layers, row.hidden, row.vocab, say(said), row.intermediate, said,
                      row.tied, known=True)


def model_shape(model: str | int | float) -> ModelShape:
    """Parameters, layers, hidden size, vocabulary and tied embeddings of a model: a number, a local folder's
    config.json, a model of the table of known models (autotrain_ui/models.py, also a name holding one of its
    fragments), or a size in the name (`...-7B`, `...-135M`). Falls back to 1B, and says so."""
    from autotrain_ui.models import known_model

    if isinstance(model, (int, float)):
        return _shape_from_params(float(model), part("shape_given", millions=model / 1e6))
    name = str(model)
    path = Path(name).expanduser()
    config_file = path / "config.json" if path.is_dir() else None
    if config_file and config_file.exists():
        try:
            shape = _shape_from_config(json.loads(config_file.read_text()), part("shape_config", folder=path.name))
            if shape:
                return shape
        except (OSError, ValueError):
            pass
    lowered = name.lower()
    row = known_model(name, exact=False)
    if row is not None:
        return _shape_known(name, row)
    m = re.search(r"(\d+(?:\.\d+)?)\s*([bm])(?![a-z])", lowered.split("/")[-1])
    if m:
        n = float(m.group(1)) * (1e9 if m.group(2) == "b" else 1e6)
        return _shape_from_params(n, part("shape_from_name", name=name, millions=n / 1e6))
    return _shape_from_params(1e9, part("shape_unknown", name=name))


METHODS = ("full", "lora", "qlora", "qlora8")


def method_for(peft: bool, quantization: str | None = None) -> str:
    """The estimate's method for the form's --peft / --quantization: full, lora, qlora (int4) or qlora8 (int8)."""
    if not peft:
        return "full"
    return {"int4": "qlora", "int8": "qlora8"}.get(quantization or "", "lora")


def estimate(model: str | int | float, method: str = "lora", seq_len: int = 1024, batch: int = 2, rows: int = 1000,
             epochs: int = 1, flavour_name: str | Flavour = "a10g-large", *, tokens_per_row: int | None = None,
             gradient_checkpointing: bool | None = None, disable_gradient_checkpointing: bool = False,
             trainer: str = "default", distributed_backend: str | None = None, valid_percent: float = 0,
             sample_rows: int = 0, max_steps: int = -1, accumulation: int = 1, answers: bool = True) -> dict:
    """Whether a job fits on a flavour, and roughly how long it takes: {fits, memory_gb, minutes, cost_usd,
    gradient_checkpointing, checkpointing_reason, assumptions, ...}. method: full, lora, qlora (LoRA on an int4
    model) or qlora8 (int8). The formula is in this module's docstring. gradient_checkpointing None: decided as the
    run decides (checkpointing_choice, with this flavour's memory)."""
    if method not in METHODS:
        raise ValueError("method must be full, lora, qlora or qlora8")
    hw = flavour_name if isinstance(flavour_name, Flavour) else flavour(flavour_name)
    shape = model_shape(model)
    n = shape.params
    spec = trainers_catalog.get(trainer) or trainers_catalog.get("sft")
    pairs = spec.texts_per_row
    reference = spec.reference_model and method == "full"
    weights = ({"full": 4.0, "lora": 4.0, "qlora": 0.55, "qlora8": 1.1}[method] + (4.0 if reference else 0.0)) * n
    states = 12.0 * n if method == "full" else 16.0 * 0.01 * n
    engine = {"fsdp": "FSDP", "deepspeed": "DeepSpeed ZeRO-3"}.get(distributed_backend or "")
    shards = hw.gpus if engine and hw.gpus > 1 else 1     # DDP (the default) keeps a whole copy on every GPU
    weights, states = weights / shards, states / shards
    capacity = hw.gpu_memory_gb if hw.is_gpu else hw.ram_gb
    if gradient_checkpointing is None and method in ("qlora", "qlora8") and not disable_gradient_checkpointing:
        gradient_checkpointing, why = True, part("gc_quantized")   # peft prepares a quantized model with it
    elif gradient_checkpointing is None:
        need = checkpointing_need_bytes(n, n if method == "full" else 0.01 * n, shape.layers, shape.hidden, shape.mlp,
                                        batch * seq_len)
        gradient_checkpointing, why = checkpointing_decision(need, capacity * GB, disable_gradient_checkpointing)
    else:
        why = part("gc_asked_on" if gradient_checkpointing else "gc_asked_off")
    tokens_each = max(1, min(seq_len, round(tokens_per_row or min(seq_len, 256))))
    step_tokens = pairs * batch * tokens_each    # the run packs rows without padding: their own length counts
    per_layer = (4 if gradient_checkpointing else 34 * 4) * shape.layers * shape.hidden
    logits = 0 if trainer == "reward" else \
        12 * shape.vocab * (min(step_tokens, LOSS_CHUNK) if trainer in FAST_LOSS else step_tokens)  # reward: a score
    activations = (step_tokens * (per_layer + 34 * 4 * shape.hidden) + logits) * (1.0 if hw.is_gpu else CPU_ACTIVATIONS)
    memory = (weights + states + activations) * 1.10 + 1 * GB
    memory_gb = memory / GB
    if hw.is_gpu:
        capacity, where = hw.gpu_memory_gb, part("assume_where_gpu", gpu=hw.gpu, memory=hw.gpu_memory_gb)
    else:
        capacity, where = hw.ram_gb, part("assume_where_ram", memory=hw.ram_gb)
    fits = memory_gb <= 0.9 * capacity
    reasons = []
    if method in ("qlora", "qlora8") and not hw.is_gpu:
        fits = False
        reasons.append(part("hw_reason_quant_gpu", bits="int4" if method == "qlora" else "int8"))
    run = run_model.plan(rows, valid_percent=valid_percent, sample_rows=sample_rows, epochs=epochs, batch=batch,
                         accumulation=accumulation, max_steps=max_steps, devices=max(1, hw.gpus))
    tokens = run.rows_seen * tokens_each * pairs
    flops_per_token = ({"full": 8.0, "lora": 6.0, "qlora": 7.8, "qlora8": 9.6}[method] +
                       (2.0 if spec.reference_model else 0.0))   # the reference's forward (LoRA: the adapter off)
    flops_per_token *= shape.compute_params
    if not gradient_checkpointing:
        flops_per_token *= 0.75
    speed = (hw.gpus * hw.tflops * MFU if hw.is_gpu else hw.tflops) * 1e12
    timing = run_model.seconds(plan=run, tokens_per_row=tokens_each * pairs, flops_per_token=flops_per_token,
                               eval_flops_per_token=2.0 * shape.compute_params, speed_flops=speed, gpu=hw.is_gpu,
                               trainer=trainer, answers=answers)
    minutes = timing["total"] / 60
    cost = minutes / 60 * hw.price_per_hour
    line = part(
        "assume_line", source=shape.source_part or shape.source, method=part(f"assume_method_{method}"), batch=batch, seq_len=seq_len,
        pairs=part(("assume_kto" if trainer == "kto" else "assume_pairs") + ("_reference" if reference else ""),
                   trainer=trainer) if pairs > 1 else "",
        rows=run.rows_seen, steps=run.steps, tokens_each=tokens_each, x2=" x 2" if pairs > 1 else "", tokens=tokens,
        sharded=part("assume_sharded", engine=engine, gpus=shards) if shards > 1 else "",
        weights=weights / GB, states=states / GB, activations=activations / GB,
        gc=part("gc_word_on" if gradient_checkpointing else "gc_word_off"), where=where,
        speed=part("assume_speed_gpu", gpus=hw.gpus, tflops=hw.tflops, mfu=MFU) if hw.is_gpu else
        part("assume_speed_cpu", tflops=hw.tflops), startup=timing["start"], finish=timing["finish"],
        per_row=run_model.ROW_S["gpu" if hw.is_gpu else "cpu"], per_step=round(timing["steps"] / max(run.steps, 1), 3))
    # the page says whether checkpointing is on without a second memory figure (the rule's own need is another sum)
    page_why = why if why["key"] in ("gc_disabled", "gc_asked_on", "gc_asked_off", "gc_quantized") else \
        part("gc_page_on" if gradient_checkpointing else "gc_page_off")
    est = {"fits": fits, "memory_gb": round(memory_gb, 2), "capacity_gb": capacity, "minutes": round(minutes, 1),
           "gradient_checkpointing": gradient_checkpointing, "checkpointing_reason": say(why),
           "cost_usd": round(cost, 2), "flavour": hw.name, "params": n, "tokens": tokens,
           "vocab": shape.vocab, "tied": shape.tied, "shape_known": shape.known, "plan": run.as_dict(),
           "seconds": timing["total"], "time_parts": timing, "steps": run.steps,
           "reasons": [say(r) for r in reasons],
           # the same words as parts, for the page to say in the visitor's language
           "checkpointing_part": page_why, "reason_parts": reasons, "assumption_part": line}
    est["assumptions"] = assumptions_text(est)
    return est


def estimate_params(params: LLMParams, flavour_name: str | Flavour, rows: int, tokens_per_row: float | None = None
                    ) -> dict:
    """`estimate()` for a job's settings (what the page's form and a submitted job both hold) on a flavour."""
    return estimate(params.model, method_for(params.peft, params.quantization), params.effective_block_size,
                    max(params.batch_size, 1),
                    rows, max(params.epochs, 1), flavour_name, tokens_per_row=tokens_per_row, trainer=params.trainer,
                    disable_gradient_checkpointing=params.disable_gradient_checkpointing,
                    distributed_backend=params.distributed_backend, valid_percent=params.valid_percent,
                    sample_rows=params.sample_rows, max_steps=params.max_steps,
                    accumulation=params.gradient_accumulation)


def estimate_all(model, method="lora", seq_len=1024, batch=2, rows=1000, epochs=1, **kw) -> list[dict]:
    """`estimate()` for every flavour, in catalog order (for the picker's table)."""
    return [estimate(model, method, seq_len, batch, rows, epochs, f, **kw) for f in FLAVOURS]


# ---------------------------------------------------------------- the Space's hardware, as the Hub says

def _hardware_error(exc: Exception, space_id: str, what: str) -> HardwareError:
    from autotrain_ui.hub.client import describe_hub_error

    return HardwareError(f"Could not {what} for the Space {space_id}: {describe_hub_error(exc)}")


def space_runtime(space_id: str, token: str | None) -> dict:
    """{stage, current, requested} of a Space's hardware, from the Hub."""
    from autotrain_ui.hub.client import client

    try:
        rt = client(token).get_space_runtime(space_id)
    except Exception as exc:
        raise _hardware_error(exc, space_id, "read the hardware") from exc
    return {"stage": rt.stage, "current": rt.hardware, "requested": rt.requested_hardware}


def hardware_refusals(params: LLMParams, gpus: int, *, packages_here: bool = True,
                      capability: tuple[int, int] | None = None) -> list[Message]:
    """What the hardware the run will have cannot do: asked here before launch, and again by the run itself when it
    loads the model (trainers/loading.py), in the same words. `packages_here`: the run's packages are this
    machine's (not a Space's, which installs its own). `capability`: the GPUs' compute capability where known
    (autotrain_ui/gpu.py: nvidia-smi here, the flavour's GPU for a Space, torch in the run)."""
    from autotrain_ui.gpu import FLASH_ATTENTION_2, NATIVE_BF16

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
    gpu_file = Path(__file__).resolve().parents[1] / "requirements-gpu.txt"
    lines = gpu_file.read_text(encoding="utf-8").splitlines() if gpu_file.exists() else []
    return any(re.match(r"deepspeed\b", line.strip(), re.I) for line in lines)
