"""Will the job fit, and how long will it take: the estimate that reads a flavour (hardware.py) and the run's plan
(estimate.py: rows read, held out, trained; steps) field by field, and gradient checkpointing decided as the run decides it.

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
memory counts them all. The sizes of the models the page offers (autotrain_ui/core/models.py KNOWN_MODELS: parameters,
vocabulary, tied embeddings, layers, hidden size, from their published configs) are exact; a local folder's come
from its config.json; any other name is read for a size ("-7B") or taken as 1B, and the estimate says so.

Pair trainers (reward, DPO, ORPO) run a chosen and a rejected text per row: twice the activations and tokens.
KTO runs each row's answer and, for its KL term, the prompt with another row's answer: twice as well.
DPO and KTO without LoRA also hold a frozen reference model (+ 4 bytes/param, + 2 x params FLOPs per token).
"""

from __future__ import annotations

import json
import math
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from autotrain_ui.core import estimate as run_model
from autotrain_ui.core import memory
from autotrain_ui.core.memory import checkpointing_decision, checkpointing_need_bytes
from autotrain_ui.core import trainers_catalog
from autotrain_ui.hardware import FLAVOURS, GB, Flavour, flavour, local_flavour
from autotrain_ui.core.messages import part, render
from autotrain_ui.core.params import LLMParams
from autotrain_ui.core.rewards import DEFAULT_COMPLETION

MFU = 0.30                 # share of a GPU's 16-bit peak a fine-tune really gets (the per-row and start-up costs that
                           # dominate small models are in estimate.py)
LOSS_CHUNK = 1024          # trainers/causal.py: the default and SFT trainers' loss holds this many tokens' logits at most
FAST_LOSS = ("default", "sft")
CPU_ACTIVATIONS = 0.5      # on a CPU the run's activations take about half the rule's bytes (measured: the bench runs'
                           # peak RSS on 2 cores, bench/RESULTS.md "Estimates against measured runs")


# The estimate's words, by key: the English the CLI, train.log and `estimate()["assumptions"]` carry, and the keys
# the page's strings table (ui/strings.py) says in the visitor's language. Numbers come as values.
MESSAGES = {
    **memory.MESSAGES,
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
    "assume_grpo": "{trainer}: {generations} answers sampled per prompt (x{generations}), at most {completion} tokens "
                   "each: up to {generated:,} tokens sampled one at a time, ~{sampling:,} s; ",
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
    config.json, a model of the table of known models (autotrain_ui/core/models.py, also a name holding one of its
    fragments), or a size in the name (`...-7B`, `...-135M`). Falls back to 1B, and says so."""
    from autotrain_ui.core.models import known_model

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
             sample_rows: int = 0, max_steps: int = -1, accumulation: int = 1, answers: bool = True,
             generations: int = 0, completion_tokens: int = 0) -> dict:
    """Whether a job fits on a flavour, and roughly how long it takes: {fits, memory_gb, minutes, cost_usd,
    gradient_checkpointing, checkpointing_reason, assumptions, ...}. method: full, lora, qlora (LoRA on an int4
    model) or qlora8 (int8). The formula is in this module's docstring. gradient_checkpointing None: decided as the
    run decides (checkpointing_choice, with this flavour's memory). generations, completion_tokens: GRPO's answers
    per prompt and their longest length (0: the defaults), which its sampling time follows."""
    if method not in METHODS:
        raise ValueError("method must be full, lora, qlora or qlora8")
    hw = flavour_name if isinstance(flavour_name, Flavour) else flavour(flavour_name)
    shape = model_shape(model)
    n = shape.params
    spec = trainers_catalog.get(trainer) or trainers_catalog.get("sft")
    grpo = trainer == "grpo"
    pairs = max(2, generations) if grpo and generations else spec.texts_per_row   # GRPO: each sampled answer trains
    completion_tokens = completion_tokens or DEFAULT_COMPLETION
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
    sampling = run_model.sampling_seconds(
        steps=run.steps, answers_per_step=batch * pairs * max(1, accumulation), completion_tokens=completion_tokens,
        forward_flops_per_token=2.0 * shape.compute_params, speed_flops=speed / max(1, hw.gpus), gpu=hw.is_gpu) \
        if grpo else 0.0
    timing = run_model.seconds(plan=run, tokens_per_row=tokens_each * pairs, flops_per_token=flops_per_token,
                               eval_flops_per_token=2.0 * shape.compute_params, speed_flops=speed, gpu=hw.is_gpu,
                               trainer=trainer, answers=answers, sampling=sampling)
    minutes = timing["total"] / 60
    cost = minutes / 60 * hw.price_per_hour
    line = part(
        "assume_line", source=shape.source_part or shape.source, method=part(f"assume_method_{method}"), batch=batch, seq_len=seq_len,
        pairs=part("assume_grpo", trainer=trainer, generations=pairs, completion=completion_tokens,
                   generated=run.steps * batch * pairs * max(1, accumulation) * completion_tokens,
                   sampling=round(sampling)) if grpo else
        part(("assume_kto" if trainer == "kto" else "assume_pairs") + ("_reference" if reference else ""),
             trainer=trainer) if pairs > 1 else "",
        rows=run.rows_seen, steps=run.steps, tokens_each=tokens_each, x2=f" x {pairs}" if pairs > 1 else "",
        tokens=tokens,
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
                    accumulation=params.gradient_accumulation, generations=params.num_generations,
                    completion_tokens=params.max_completion_length or 0)


def estimate_all(model, method="lora", seq_len=1024, batch=2, rows=1000, epochs=1, **kw) -> list[dict]:
    """`estimate()` for every flavour, in catalog order (for the picker's table)."""
    return [estimate(model, method, seq_len, batch, rows, epochs, f, **kw) for f in FLAVOURS]


def record(folder: Path, params) -> None:
    """What this run should take where it runs (the page's estimate for its settings and data), kept in the project so
    the finished job shows it beside what it took."""
    from autotrain_ui.core.data import DataError, resolve_data_file
    from autotrain_ui.core.jsonfile import write_json

    try:
        rows, per_row = run_model.data_figures(resolve_data_file(str(folder / "data"), params.train_split))
        est = estimate_params(params, local_flavour(), rows or 0, per_row)
        write_json(folder / run_model.ESTIMATE_FILE, run_model.recorded(est, rows, per_row), None)
    except (OSError, ValueError, KeyError, DataError) as exc:  # a record only: the job trains all the same, the log says why
        print(f"estimate not recorded for {folder.name}: {exc}", file=sys.stderr, flush=True)
