"""Training benchmark: our trainer against a plain TRL SFTTrainer script, same model, data and settings.

    python bench/bench_train.py              # the default run (27k tokens of chat rows), ~10 minutes on 2 idle cores
    python bench/bench_train.py --quick      # smoke test, ~1-2 minutes
    python bench/bench_train.py --tokens 8000 --eval-tokens 2000   # a smaller budget, ~4 minutes

One run does, in order:
  1. builds variable-length chat data (seeded): {"messages": [user, assistant]} rows of 20..500 tokens as the
     model sees them (SmolLM2's chat template adds a ~20-token default system prompt, so the shortest row
     here is ~40 tokens), a training set of --tokens tokens and a held-out set of --eval-tokens tokens;
  2. measures the machine's matrix-multiply peak (fp32 and bf16 GFLOP/s, torch.matmul, best of a few reps);
  3. trains (a) OUR trainer at its defaults through the real launch path (runner.create_project +
     runner.launch: `accelerate launch -m trainers`), and (b) a plain TRL SFTTrainer script (no packing,
     padded per batch, gradient checkpointing on: TRL's defaults), each in its own process tree, one after
     the other, with the same model, LoRA config, batch, learning-rate schedule, seed and token budget;
  4. evaluates both trained models (and the untrained one) on the held-out rows in one separate process,
     the same way for all: mean cross-entropy per assistant token, fp32;
  5. prints a table and the ratios a/b, writes bench/results/<name>.json and a section of bench/RESULTS.md.

Our trainer is only ever driven through LLMParams + runner.create_project/launch and observed through what
a run writes (events.jsonl, status.json, model/): the harness does not depend on how the trainer is fast.
The internal `--child` modes are the subprocesses (TRL run, held-out evaluation, matmul peak, random model).
See bench/README.md for what each number means and how it is computed.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT_MODEL = "HuggingFaceTB/SmolLM2-135M-Instruct"
# SmolLM2's published architectures (config.json on the Hub), for random-weight models where no hub is reachable.
ARCHS = {
    "smollm2-135m": dict(hidden_size=576, intermediate_size=1536, num_hidden_layers=30, num_attention_heads=9,
                         num_key_value_heads=3),
    "smollm2-360m": dict(hidden_size=960, intermediate_size=2560, num_hidden_layers=32, num_attention_heads=15,
                         num_key_value_heads=5),
}
ARCH_COMMON = dict(vocab_size=49152, max_position_embeddings=8192, rope_theta=100000.0, rms_norm_eps=1e-5,
                   tie_word_embeddings=True, hidden_act="silu")

# ------------------------------------------------------------------------------------------------ the data
TOPICS = ("lighthouse", "volcano", "orchard", "glacier", "harbor", "library", "desert", "bakery", "observatory",
          "rainforest", "river delta", "mountain village", "coral reef", "train station", "vineyard", "old mill",
          "salt marsh", "night market", "beehive", "canyon", "greenhouse", "ferry", "monastery", "tundra")
ADJS = ("quiet", "ancient", "bright", "narrow", "golden", "hidden", "crowded", "frozen", "gentle", "rusty",
        "tall", "muddy", "silver", "busy", "empty", "wooden", "stormy", "patient", "tiny", "restless")
NOUNS = ("keeper", "fox", "bell", "lantern", "farmer", "map", "boat", "child", "tower", "owl", "cart", "painter",
         "bridge", "goat", "clock", "sailor", "well", "baker", "kite", "stone")
VERBS = ("watched", "followed", "repaired", "carried", "painted", "guarded", "found", "counted", "visited",
         "described", "cleaned", "lifted", "measured", "greeted", "warmed", "crossed")
PLACES = ("at dawn", "in the rain", "near the gate", "after supper", "by the water", "under the stars",
          "before the market", "in early spring", "along the path", "at the edge of town")
FILLER = ("The visitors often ask about it.", "Some of them come back every year.",
          "Nobody remembers when it was built.", "The records were kept in a blue book.",
          "A storm changed the old road last winter.", "The guide speaks slowly and clearly.",
          "There is a small museum next to it.", "Children like to draw it at school.")


def _note(rng: random.Random) -> str:
    return (f"The {rng.choice(ADJS)} {rng.choice(NOUNS)} {rng.choice(VERBS)} the {rng.choice(ADJS)} "
            f"{rng.choice(NOUNS)} {rng.choice(PLACES)}.")


def _context(rng: random.Random, topic: str) -> str:
    return rng.choice(FILLER) if rng.random() < 0.4 else f"Near the {topic}, {_note(rng).lower()}"


class RowBuilder:
    """Builds one conversation whose rendered length (chat template applied, SmolLM2 tokenizer) is close to a
    target: the user asks for notes about a topic (with some background text), the assistant answers with a
    numbered list in a fixed format, so the model has something to learn and the loss falls."""

    def __init__(self, tokenizer):
        self.tok = tokenizer
        self.overhead = self.length([{"role": "user", "content": ""}, {"role": "assistant", "content": ""}])

    def length(self, messages: list[dict]) -> int:
        text = self.tok.apply_chat_template(messages, tokenize=False)
        return len(self.tok(text, add_special_tokens=False)["input_ids"])

    def _counts(self, pieces: list[str]) -> list[int]:
        return [len(ids) for ids in self.tok([" " + p for p in pieces], add_special_tokens=False)["input_ids"]]

    def build(self, rng: random.Random, target: int, hi: int) -> list[dict]:
        topic = rng.choice(TOPICS)
        budget = target - self.overhead
        if budget < 30:  # short rows: a one-line question and answer
            messages = [{"role": "user", "content": f"One word for the {topic}?"},
                        {"role": "assistant", "content": f"{rng.choice(ADJS).capitalize()}."}]
            if budget > 12:
                messages[1]["content"] = f"The {topic} is {rng.choice(ADJS)} {rng.choice(PLACES)}."
            return messages
        user_budget = max(10, int(budget * rng.uniform(0.15, 0.5)))
        context = [_context(rng, topic) for _ in range(user_budget // 6 + 2)]
        notes = [_note(rng) for _ in range(budget // 8 + 2)]
        ccount, ncount = self._counts(context), self._counts(notes)
        used_user, n_ctx = 12, 0
        while n_ctx < len(context) and used_user + ccount[n_ctx] <= user_budget:
            used_user += ccount[n_ctx]
            n_ctx += 1
        used, n_notes = used_user + 10, 0
        while n_notes < len(notes) and used + ncount[n_notes] + 2 <= budget:
            used += ncount[n_notes] + 2
            n_notes += 1
        n_notes = max(1, n_notes)
        while True:
            question = f"Please write {n_notes} short notes about the {topic}."
            user = question + (" Background: " + " ".join(context[:n_ctx]) if n_ctx else "")
            answer = f"Here are {n_notes} notes about the {topic}:\n" + "\n".join(
                f"{i + 1}. {n}" for i, n in enumerate(notes[:n_notes]))
            messages = [{"role": "user", "content": user}, {"role": "assistant", "content": answer}]
            if self.length(messages) <= hi or (n_notes == 1 and n_ctx == 0):
                return messages
            if n_ctx and (n_ctx >= n_notes or n_notes == 1):
                n_ctx -= 1
            else:
                n_notes -= 1


def build_rows(tokenizer, total_tokens: int, lo: int, hi: int, seed: int,
               dist: str = "loguniform") -> tuple[list[dict], list[int]]:
    """Rows until `total_tokens` rendered tokens; lengths drawn log-uniformly in [lo, hi] (many short rows, a
    long tail: the shape of real chat data, and what makes per-batch padding costly), or uniformly."""
    rng = random.Random(seed)
    builder = RowBuilder(tokenizer)
    rows, lengths, total = [], [], 0
    while total < total_tokens:
        if dist == "uniform":
            target = rng.randint(lo, hi)
        else:
            target = int(round(math.exp(rng.uniform(math.log(lo), math.log(hi)))))
        messages = builder.build(rng, target, hi)
        rows.append({"messages": messages})
        lengths.append(builder.length(messages))
        total += lengths[-1]
    return rows, lengths


def write_rows(rows: list[dict], path: Path, fmt: str) -> Path:
    if fmt == "csv":
        import csv

        path = path.with_suffix(".csv")
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(["text"])
            for row in rows:
                writer.writerow([json.dumps(row["messages"], ensure_ascii=False)])
        return path
    path = path.with_suffix(".jsonl")
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def length_stats(lengths: list[int]) -> dict:
    s = sorted(lengths)
    return {"rows": len(s), "tokens": sum(s), "min": s[0], "p50": s[len(s) // 2], "mean": round(sum(s) / len(s), 1),
            "max": s[-1]}


# ------------------------------------------------------------------------------------- FLOPs and the peak
def model_shape(model_dir: str) -> dict | None:
    try:
        cfg = json.loads((Path(model_dir) / "config.json").read_text())
        d, L, inter = cfg["hidden_size"], cfg["num_hidden_layers"], cfg["intermediate_size"]
        heads, kv = cfg["num_attention_heads"], cfg.get("num_key_value_heads", cfg["num_attention_heads"])
        hd = cfg.get("head_dim") or d // heads
        vocab = cfg["vocab_size"]
    except (OSError, KeyError, ValueError):
        return None
    # every linear layer a token passes through, as (in, out): q, k, v, o, gate, up, down
    linears = [(d, heads * hd), (d, kv * hd), (d, kv * hd), (heads * hd, d), (d, inter), (d, inter), (inter, d)]
    per_layer = sum(i * o for i, o in linears)
    return {"layers": L, "attn_width": heads * hd, "matmul_params": L * per_layer + vocab * d,
            "linears": linears, "vocab": vocab, "hidden": d}


def flops_for(shape: dict, lengths: list[int], lora_r: int | None) -> float:
    """Model FLOPs to train on these rows once (forward + backward), counted on real tokens only:
         full fine-tune: 6 N per token;  LoRA: 4 N (frozen weights: forward 2N + input gradients 2N) + 6 N_lora
       N = parameters every token multiplies by (all linear layers and the LM head; not the embedding lookup).
       Plus causal attention: 6 * layers * attn_width * n^2 per row of n tokens (QK^T and AV, half the square,
       forward + backward = 3x forward). Recomputation by gradient checkpointing is not counted (model FLOPs)."""
    n_params = shape["matmul_params"]
    if lora_r:
        n_lora = shape["layers"] * sum(lora_r * (i + o) for i, o in shape["linears"])
        per_token = 4 * n_params + 6 * n_lora
    else:
        per_token = 6 * n_params
    attention = 6 * shape["layers"] * shape["attn_width"]
    return float(sum(per_token * n + attention * n * n for n in lengths))


def child_peak(quick: bool) -> dict:
    """Matrix-multiply peak of this machine: best GFLOP/s of torch.matmul on square matrices."""
    import torch

    cuda = torch.cuda.is_available()
    device = "cuda" if cuda else "cpu"
    sizes = (8192,) if cuda else ((1536, 2048, 3072) if (os.cpu_count() or 1) <= 8 else (2048, 4096))
    reps = 3 if quick else 6
    out = {"device": device, "threads": torch.get_num_threads()}
    for name, dtype in (("fp32", torch.float32), ("bf16", torch.bfloat16)):
        best = 0.0
        for n in sizes:
            a = torch.randn(n, n, device=device).to(dtype)
            b = torch.randn(n, n, device=device).to(dtype)
            for _ in range(2):
                a @ b
            for _ in range(reps):
                if cuda:
                    torch.cuda.synchronize()
                t = time.perf_counter()
                a @ b
                if cuda:
                    torch.cuda.synchronize()
                best = max(best, 2 * n ** 3 / (time.perf_counter() - t) / 1e9)
        out[f"{name}_gflops"] = round(best, 1)
    out["sizes"] = list(sizes)
    return out


def child_make_model(arch: str, tokenizer_dir: str, out_dir: str) -> dict:
    """A model of SmolLM2's architecture with random weights (speed does not depend on the weights)."""
    import torch
    from transformers import AutoTokenizer, LlamaConfig, LlamaForCausalLM

    tok = AutoTokenizer.from_pretrained(tokenizer_dir)
    torch.manual_seed(0)
    config = LlamaConfig(**ARCHS[arch], **ARCH_COMMON, bos_token_id=tok.bos_token_id, eos_token_id=tok.eos_token_id,
                         pad_token_id=tok.pad_token_id)
    model = LlamaForCausalLM(config).to(torch.bfloat16)
    model.save_pretrained(out_dir)
    tok.save_pretrained(out_dir)
    return {"parameters": sum(p.numel() for p in model.parameters())}


# --------------------------------------------------------------------------------------- the TRL baseline
def child_trl(cfg: dict) -> dict:
    """What a user's own script does: SFTTrainer with TRL's defaults (no packing, padded per batch, gradient
    checkpointing on, bf16 autocast), the same hyperparameters as our run. Writes events.jsonl like ours."""
    import torch
    from datasets import Dataset
    from transformers import AutoTokenizer, TrainerCallback
    from trl import SFTConfig, SFTTrainer

    out = Path(cfg["out_dir"])
    events = out / "events.jsonl"

    class Events(TrainerCallback):
        def __init__(self):
            self.start = time.time()

        def on_log(self, args, state, control, logs=None, **kwargs):
            if logs and "loss" in logs:
                with events.open("a") as fh:
                    fh.write(json.dumps({"step": state.global_step, "loss": float(logs["loss"]),
                                         "elapsed_s": round(time.time() - self.start, 3),
                                         "total_steps": state.max_steps}) + "\n")

    rows = [json.loads(line) for line in Path(cfg["data"]).read_text().splitlines() if line.strip()]
    # prompt/completion: TRL then puts the loss on the assistant turn only, as our trainer does
    dataset = Dataset.from_list([{"prompt": r["messages"][:-1], "completion": r["messages"][-1:]} for r in rows])
    tokenizer = AutoTokenizer.from_pretrained(cfg["model"])
    args = SFTConfig(
        output_dir=str(out / "checkpoints"), per_device_train_batch_size=cfg["batch_size"],
        num_train_epochs=cfg["epochs"], learning_rate=cfg["lr"], warmup_steps=cfg["warmup_ratio"],
        lr_scheduler_type=cfg["scheduler"], weight_decay=cfg["weight_decay"], max_grad_norm=cfg["max_grad_norm"],
        seed=cfg["seed"], max_length=cfg["block_size"], logging_steps=cfg["logging_steps"], logging_first_step=True,
        save_strategy="no", report_to="none", disable_tqdm=True, packing=False, padding_free=False,
        use_cpu=not torch.cuda.is_available())  # TRL's bf16 default refuses to start on a CPU without it
    peft_config, quant = None, None
    if cfg["lora_r"]:
        from peft import LoraConfig

        peft_config = LoraConfig(r=cfg["lora_r"], lora_alpha=cfg["lora_alpha"], lora_dropout=cfg["lora_dropout"],
                                 target_modules="all-linear", task_type="CAUSAL_LM")
    if cfg.get("quantization") == "int4":
        from transformers import BitsAndBytesConfig

        quant = BitsAndBytesConfig(load_in_4bit=True, bnb_4bit_quant_type="nf4", bnb_4bit_use_double_quant=True,
                                   bnb_4bit_compute_dtype=torch.bfloat16)
    trainer = SFTTrainer(model=cfg["model"], args=args, train_dataset=dataset, processing_class=tokenizer,
                         peft_config=peft_config, quantization_config=quant, callbacks=[Events()])
    trainer.train()
    trainer.save_model(str(out / "model"))
    checkpointing = getattr(args, "activation_checkpointing", None)
    if checkpointing is None:
        checkpointing = args.gradient_checkpointing
    return {"gradient_checkpointing": bool(checkpointing), "bf16": bool(args.bf16), "packing": args.packing,
            "padding_free": args.padding_free, "rows": len(dataset)}


# ---------------------------------------------------------------------------------- held-out evaluation
def child_eval(cfg: dict) -> dict:
    """Mean cross-entropy per assistant token on the held-out rows, for the base model and each trained model,
    computed identically (fp32, one row at a time, the prompt rendered with the generation prompt)."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    device = "cuda" if torch.cuda.is_available() else "cpu"
    tok = AutoTokenizer.from_pretrained(cfg["model"])
    rows = [json.loads(line)["messages"] for line in Path(cfg["data"]).read_text().splitlines() if line.strip()]
    encoded = []
    for messages in rows:
        prompt = tok(tok.apply_chat_template(messages[:-1], tokenize=False, add_generation_prompt=True),
                     add_special_tokens=False)["input_ids"]
        full = tok(tok.apply_chat_template(messages, tokenize=False), add_special_tokens=False)["input_ids"]
        start = 0
        while start < min(len(prompt), len(full)) and prompt[start] == full[start]:
            start += 1
        encoded.append((full, start))

    def load(path: str | None):
        base = AutoModelForCausalLM.from_pretrained(cfg["model"], dtype=torch.float32)
        if path is None:
            return base
        if (Path(path) / "adapter_config.json").exists():
            from peft import PeftModel

            return PeftModel.from_pretrained(base, path)
        return AutoModelForCausalLM.from_pretrained(path, dtype=torch.float32)

    results = {}
    for name, path in [("base", None), *cfg["models"].items()]:
        if path is not None and not Path(path).exists():
            results[name] = {"error": f"no trained model at {path}"}
            continue
        model = load(path).to(device).eval()
        sums, counts = [], []
        with torch.no_grad():
            for ids, start in encoded:
                x = torch.tensor([ids], device=device)
                logits = model(input_ids=x).logits[0, :-1].float()
                target = x[0, 1:].clone()
                target[: max(0, start - 1)] = -100  # predict only the assistant tokens
                loss = torch.nn.functional.cross_entropy(logits, target, ignore_index=-100, reduction="sum")
                sums.append(float(loss))
                counts.append(int((target != -100).sum()))
        results[name] = {"loss": sum(sums) / max(1, sum(counts)), "tokens": sum(counts),
                         "row_losses": [s / max(1, c) for s, c in zip(sums, counts)]}
        del model
    return results


# --------------------------------------------------------------------------- running and watching a run
def _children() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat") as fh:
                    ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            kids.setdefault(ppid, []).append(int(entry.name))
    return kids


def process_tree(root: int) -> list[int]:
    kids, out, i = _children(), [root], 0
    while i < len(out):
        out += kids.get(out[i], [])
        i += 1
    return out


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _hwm(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


class GpuMemory:
    """Device memory in use (all processes), for the peak of a run on a GPU: max(used) - used before the run."""

    def __init__(self):
        self.handle = None
        try:
            import pynvml

            pynvml.nvmlInit()
            self.nvml, self.handle = pynvml, pynvml.nvmlDeviceGetHandleByIndex(0)
        except Exception:
            self.nvml = None

    def used(self) -> int | None:
        if self.handle is not None:
            return int(self.nvml.nvmlDeviceGetMemoryInfo(self.handle).used)
        try:
            out = subprocess.run(["nvidia-smi", "--query-gpu=memory.used", "--format=csv,noheader,nounits", "-i", "0"],
                                 capture_output=True, text=True, timeout=5)
            return int(out.stdout.strip().splitlines()[0]) * 2 ** 20
        except (OSError, ValueError, IndexError, subprocess.SubprocessError):
            return None


def first_loss_seen(path: Path) -> bool:
    try:
        with path.open() as fh:
            for line in fh:
                try:
                    if "loss" in json.loads(line):
                        return True
                except ValueError:
                    continue
    except OSError:
        pass
    return False


def _cpu_jiffies(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])  # utime + stime
    except (OSError, ValueError, IndexError):
        return 0


def _machine_busy() -> int:
    try:
        with open("/proc/stat") as fh:
            values = [int(v) for v in fh.readline().split()[1:]]
        return sum(values) - values[3] - values[4]  # all but idle and iowait
    except (OSError, ValueError, IndexError):
        return 0


def wait_idle(limit: float, threshold: float = 0.10) -> float:
    """Wait until other processes use less than `threshold` of the CPU (measured over 2 s), at most `limit` s."""
    deadline = time.time() + limit
    hz, cores = os.sysconf("SC_CLK_TCK"), os.cpu_count() or 1
    while True:
        b0, t0 = _machine_busy(), time.time()
        time.sleep(2)
        busy = (_machine_busy() - b0) / hz / (time.time() - t0) / cores
        if busy < threshold or time.time() > deadline:
            if busy >= threshold:
                print(f"  machine still {busy:.0%} busy after waiting {limit:.0f} s; running anyway", flush=True)
            return busy
        print(f"  waiting: other processes use {busy:.0%} of the CPU", flush=True)
        time.sleep(8)


def watch(proc: subprocess.Popen, events: Path, t0: float, timeout: float, gpu: GpuMemory | None) -> dict:
    """Wait for the run, sampling the process tree's memory every 0.2 s, noting when the first logged training
    step appears in its events.jsonl, and measuring how much CPU other processes took meanwhile (a busy
    machine makes every number here meaningless)."""
    peak_rss, hwm, cpu, first, pids, last_scan, n = 0, {}, {}, None, [proc.pid], 0.0, 0
    gpu_base = gpu.used() if gpu else None
    gpu_peak, busy0 = 0, _machine_busy()
    while proc.poll() is None:
        now = time.time()
        if now - last_scan > 1.0:
            pids, last_scan = process_tree(proc.pid), now
            for pid in pids:
                hwm[pid] = max(hwm.get(pid, 0), _hwm(pid))
                cpu[pid] = max(cpu.get(pid, 0), _cpu_jiffies(pid))
        peak_rss = max(peak_rss, sum(_rss(p) for p in pids))
        if gpu is not None and n % 3 == 0:
            used = gpu.used()
            if used is not None and gpu_base is not None:
                gpu_peak = max(gpu_peak, used - gpu_base)
        if first is None and first_loss_seen(events):
            first = now - t0
        if now - t0 > timeout:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            return {"error": f"timed out after {timeout:.0f} s", "wall_s": now - t0}
        n += 1
        time.sleep(0.2)
    wall = time.time() - t0
    if first is None and first_loss_seen(events):
        first = wall
    hz, cores = os.sysconf("SC_CLK_TCK"), os.cpu_count() or 1
    own = sum(cpu.values())
    others = max(0, _machine_busy() - busy0 - own)
    out = {"exit_code": proc.returncode, "wall_s": round(wall, 2), "first_step_s": round(first, 2) if first else None,
           "peak_rss_bytes": peak_rss, "largest_process_hwm_bytes": max(hwm.values(), default=0),
           "cpu_cores_used": round(own / hz / wall, 2), "cpu_taken_by_others": round(others / hz / wall / cores, 3)}
    if gpu is not None:
        out["peak_gpu_bytes"] = gpu_peak
    return out


def read_events(path: Path) -> list[dict]:
    events = []
    if path.exists():
        for line in path.read_text().splitlines():
            try:
                event = json.loads(line)
            except ValueError:
                continue
            if "loss" in event and not event.get("final"):
                events.append(event)
    return events


def throughput(events: list[dict], tokens: int, flops: float | None, peaks: dict) -> dict:
    """Real tokens/s after the first logged step (which carries the warm-up): the tokens of steps s1+1..sN are
    taken as tokens * (sN - s1) / total_steps (the exact split per step is not observable from outside)."""
    if len(events) < 2:
        return {"tokens_per_s": None}
    total = max(int(events[-1].get("total_steps") or 0), events[-1]["step"])
    first, last = events[0], events[-1]
    dt = last["elapsed_s"] - first["elapsed_s"]
    if dt <= 0 or last["step"] <= first["step"]:
        return {"tokens_per_s": None}
    tps = tokens * (last["step"] - first["step"]) / total / dt
    out = {"tokens_per_s": round(tps, 2), "steps": total, "timed_steps": last["step"] - first["step"],
           "timed_s": round(dt, 2)}
    if flops:
        achieved = flops / tokens * tps
        out["model_gflops_per_s"] = round(achieved / 1e9, 2)
        for name in ("fp32", "bf16"):
            if peaks.get(f"{name}_gflops"):
                out[f"mfu_{name}"] = round(achieved / 1e9 / peaks[f"{name}_gflops"], 4)
    tail = events[-max(1, len(events) // 4):]
    out["train_loss_first"] = round(events[0]["loss"], 4)
    out["train_loss_last_quarter"] = round(sum(e["loss"] for e in tail) / len(tail), 4)
    return out


def run_child(mode: str, cfg: dict, workdir: Path, name: str) -> dict:
    cfg_path = workdir / f"{name}.json"
    cfg_path.write_text(json.dumps(cfg))
    out_path = workdir / f"{name}.out.json"
    log = workdir / f"{name}.log"
    with log.open("wb") as fh:
        code = subprocess.run([sys.executable, __file__, "--child", mode, str(cfg_path), str(out_path)],
                              stdout=fh, stderr=subprocess.STDOUT, env=_env()).returncode
    if code != 0 or not out_path.exists():
        raise RuntimeError(f"{mode} failed (exit {code}); last lines of {log}:\n{_tail(log)}")
    return json.loads(out_path.read_text())


def _env() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    env.setdefault("TOKENIZERS_PARALLELISM", "false")
    env.setdefault("TRL_EXPERIMENTAL_SILENCE", "1")
    env["PYTHONUNBUFFERED"] = "1"
    return env


def _tail(path: Path, n: int = 25) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-n:])
    except OSError:
        return "(no log)"


def _collect(result: dict, folder: Path, info_file: str) -> dict:
    """What a finished run left in its folder, added to `result`: its own account of its settings (informational),
    its events, and where its model and log are."""
    try:
        result["run_info"] = json.loads((folder / info_file).read_text())
    except (OSError, ValueError):
        pass
    result["events"] = read_events(folder / "events.jsonl")
    result["model_dir"] = str(folder / "model")
    result["log"] = str(folder / "train.log")
    return result


def warm_page_cache(model_dir: str) -> None:
    """Read the model's files once so neither run pays the first read from disk."""
    for f in Path(model_dir).glob("*"):
        if f.is_file():
            with f.open("rb") as fh:
                while fh.read(1 << 24):
                    pass


def parse_variant(text: str) -> dict:
    """`NAME:SETTING=VALUE[,SETTING=VALUE...]`: our trainer once more with these settings, compared with (a). A
    lower-case SETTING is an LLMParams field (`fp16:mixed_precision=fp16`), an upper-case one an environment variable
    of that run only (a switch the trainer reads). Values are JSON where they parse as JSON (8, true, null), else
    strings."""
    from autotrain_ui.core.params import LLMParams

    name, _, rest = text.partition(":")
    if not re.fullmatch(r"[A-Za-z0-9_.-]+", name) or not rest.strip():
        raise argparse.ArgumentTypeError(f"--also {text!r}: write NAME:SETTING=VALUE[,SETTING=VALUE...], "
                                         "for example fp16:mixed_precision=fp16")
    fields = {f.name for f in LLMParams.schema()}
    params, env = {}, {}
    for item in rest.split(","):
        key, eq, value = (part.strip() for part in item.partition("="))
        if not eq or not key:
            raise argparse.ArgumentTypeError(f"--also {text!r}: {item!r} is not SETTING=VALUE")
        if key.isupper():
            env[key] = value
            continue
        if key not in fields:
            raise argparse.ArgumentTypeError(f"--also {text!r}: {key!r} is no setting of our trainer (LLMParams)")
        try:
            params[key] = json.loads(value)
        except ValueError:
            params[key] = value
    return {"name": name, "params": params, "env": env, "spec": rest.strip()}


def run_timeout(args) -> float:
    """Seconds a run may take: --run-timeout, or less when --deadline comes sooner."""
    if args.deadline is None:
        return args.run_timeout
    return max(0.0, min(args.run_timeout, args.deadline - time.time()))


def run_ours(args, workdir: Path, data_file: Path, model: str, gpu, variant: dict | None = None) -> dict:
    """Our trainer at its defaults, or (`variant`) with some settings or environment switches changed."""
    from autotrain_ui.core.params import LLMParams
    from autotrain_ui.runner import create_project, launch

    variant = variant or {"name": None, "params": {}, "env": {}}
    settings = dict(model=model, trainer="sft", peft=not args.full, quantization=args.quantization,
                    chat_template="tokenizer", text_column="text" if data_file.suffix == ".csv" else "messages",
                    block_size=args.block_size, batch_size=args.batch_size, epochs=args.epochs,
                    logging_steps=args.logging_steps, seed=args.seed)
    settings.update(variant["params"])
    name = f"ours-{variant['name']}" if variant["name"] else "ours"
    params = LLMParams(project_name=name, **settings).check()
    project = create_project(workdir, params, {"train": data_file})
    saved = {key: os.environ.get(key) for key in variant["env"]}
    os.environ.update(variant["env"])  # the run's subprocess environment is this process's (runner.child_env)
    try:
        t0 = time.time()
        proc = launch(project)
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    result = watch(proc, project / "events.jsonl", t0, run_timeout(args), gpu)
    status = {}
    try:
        status = json.loads((project / "status.json").read_text())
    except (OSError, ValueError):
        pass
    if result.get("exit_code") != 0 or status.get("status") not in (None, "succeeded"):
        try:  # the run's own one-paragraph explanation, else the end of its log
            err = json.loads((project / "error.json").read_text())
            reason = f"{err.get('kind')}: {err.get('message')}"
        except (OSError, ValueError):
            reason = _tail(project / "train.log", 15)
        result.setdefault("error", f"exit {result.get('exit_code')}, status {status.get('status')}: {reason}")
    result = _collect(result, project, "run_info.json")  # what the run said it chose for this hardware
    timeline = (result.get("run_info") or {}).get("timeline") or {}
    # seconds from the launch to each stage of the run's start (trainers/scope.py: run.timeline), then to the first step
    result["startup_s"] = {**{k: round(v - t0, 2) for k, v in sorted(timeline.items(), key=lambda kv: kv[1])},
                           "first_step": result.get("first_step_s")}
    return result


def run_trl(args, workdir: Path, data_file: Path, model: str, gpu) -> dict:
    from autotrain_ui.core.params import LLMParams

    p = LLMParams(peft=not args.full)  # the same hyperparameters as our run's defaults
    out = workdir / "trl"
    out.mkdir()
    cfg = {"out_dir": str(out), "data": str(data_file), "model": model, "batch_size": args.batch_size,
           "epochs": args.epochs, "lr": p.learning_rate, "warmup_ratio": p.warmup_ratio, "scheduler": p.scheduler,
           "weight_decay": p.weight_decay, "max_grad_norm": p.max_grad_norm, "seed": args.seed,
           "block_size": args.block_size, "logging_steps": args.logging_steps,
           "lora_r": None if args.full else p.lora_r, "lora_alpha": p.lora_alpha, "lora_dropout": p.lora_dropout,
           "quantization": args.quantization}
    cfg_path = out / "config.json"
    cfg_path.write_text(json.dumps(cfg, indent=2))
    log = (out / "train.log").open("wb")
    t0 = time.time()
    proc = subprocess.Popen([sys.executable, __file__, "--child", "trl", str(cfg_path), str(out / "result.json")],
                            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=_env(),
                            start_new_session=True, cwd=out)
    log.close()
    result = watch(proc, out / "events.jsonl", t0, run_timeout(args), gpu)
    if result.get("exit_code") != 0:
        result.setdefault("error", f"exit {result.get('exit_code')}: {_tail(out / 'train.log', 15)}")
    return _collect(result, out, "result.json")


# ------------------------------------------------------------------------------------------- reporting
def machine() -> dict:
    info = {"python": platform.python_version(), "platform": platform.platform(), "cores": os.cpu_count()}
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
        flags = Path("/proc/cpuinfo").read_text()
        info["cpu_bf16"] = " avx512_bf16" in flags or " amx_bf16" in flags
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                info["memory_gb"] = round(int(line.split()[1]) / 2 ** 20, 1)
    except OSError:
        pass
    for mod in ("torch", "transformers", "trl", "peft", "accelerate"):
        try:
            info[mod] = __import__(mod).__version__
        except Exception:
            info[mod] = None
    try:
        out = subprocess.run(["nvidia-smi", "--query-gpu=name,memory.total", "--format=csv,noheader"],
                             capture_output=True, text=True, timeout=10)
        if out.returncode == 0 and out.stdout.strip():
            info["gpu"] = out.stdout.strip().splitlines()[0]
    except (OSError, subprocess.SubprocessError):
        pass
    return info


BUSY = 0.10  # other processes taking more than this share of the CPU make a run's numbers unreliable


def _gb(x) -> str:
    return f"{x / 2 ** 30:.2f}" if x else "-"


def _num(x, fmt="{:.1f}") -> str:
    return fmt.format(x) if isinstance(x, (int, float)) else "-"


def summarize(res: dict) -> None:
    """Ratios a/b and the loss comparison, into res['ratios']."""
    a, b = res["runs"].get("ours", {}), res["runs"].get("trl", {})
    if a.get("error") or b.get("error"):
        a = b = {}
    mem = "peak_gpu_bytes" if res["device"] == "cuda" else "peak_rss_bytes"
    ratios = {}
    for key, src in (("tokens_per_s", "tokens_per_s"), ("peak_memory", mem), ("first_step_s", "first_step_s"),
                     ("wall_s", "wall_s")):
        x, y = a.get(src), b.get(src)
        ratios[key] = round(x / y, 3) if isinstance(x, (int, float)) and isinstance(y, (int, float)) and y else None
    ev = res.get("heldout", {})
    la, lb = ev.get("ours", {}), ev.get("trl", {})
    if "row_losses" in la and "row_losses" in lb:
        diffs = [x - y for x, y in zip(la["row_losses"], lb["row_losses"])]
        mean = sum(diffs) / len(diffs)
        sd = math.sqrt(sum((d - mean) ** 2 for d in diffs) / max(1, len(diffs) - 1))
        ratios["heldout_loss_diff"] = round(la["loss"] - lb["loss"], 4)
        ratios["heldout_loss_diff_se"] = round(sd / math.sqrt(len(diffs)), 4)
    res["ratios"] = ratios
    res["variant_ratios"] = {key: compare_variant(res, key) for key in res["runs"] if key.startswith("ours-")}


NOISE_SE, NOISE_REL = 3.0, 0.005  # "equal within noise": |c - a| <= max(3 s.e., 0.5% of (a)'s held-out loss)


def compare_variant(res: dict, key: str) -> dict:
    """A variant run (c) against our run at its defaults (a): ratios c/a and the held-out loss difference c - a, with
    the standard error of the per-row differences and whether it is within noise (NOISE_SE, NOISE_REL)."""
    a, c = res["runs"].get("ours", {}), res["runs"].get(key, {})
    out = {"spec": c.get("variant")}
    if a.get("error") or c.get("error"):
        return out
    mem = "peak_gpu_bytes" if res["device"] == "cuda" else "peak_rss_bytes"
    for name, src in (("tokens_per_s", "tokens_per_s"), ("peak_memory", mem), ("first_step_s", "first_step_s"),
                      ("wall_s", "wall_s")):
        x, y = c.get(src), a.get(src)
        out[name] = round(x / y, 3) if isinstance(x, (int, float)) and isinstance(y, (int, float)) and y else None
    ev = res.get("heldout", {})
    la, lc = ev.get("ours", {}), ev.get(key, {})
    if "row_losses" in la and "row_losses" in lc:
        diffs = [x - y for x, y in zip(lc["row_losses"], la["row_losses"])]
        mean = sum(diffs) / len(diffs)
        se = math.sqrt(sum((d - mean) ** 2 for d in diffs) / max(1, len(diffs) - 1)) / math.sqrt(len(diffs))
        diff = lc["loss"] - la["loss"]
        out.update(heldout_loss_diff=round(diff, 4), heldout_loss_diff_se=round(se, 4),
                   within_noise=abs(diff) <= max(NOISE_SE * se, NOISE_REL * la["loss"]))
    return out


def table(res: dict) -> str:
    gpu = res["device"] == "cuda"
    mem_key = "peak_gpu_bytes" if gpu else "peak_rss_bytes"
    mem_name = "peak GPU mem (GB)" if gpu else "peak RSS (GB)"
    ev = res.get("heldout", {})
    head = (f"| run | real tokens/s | {mem_name} | launch to 1st step (s) | wall (s) | held-out loss | "
            f"train loss (last 25%) | MFU vs bf16 peak | MFU vs fp32 peak |")
    lines = [head, "|" + "---|" * 9]
    names = run_names(res)
    for key in names:
        r = res["runs"].get(key)
        if not r:
            continue
        if r.get("error"):
            last = [x for x in r["error"].splitlines() if x.strip()][-1].strip()
            lines.append(f"| {names[key]} | failed: {last[:100]} |" + " |" * 7)
            continue
        lines.append(f"| {names[key]} | {_num(r.get('tokens_per_s'))} | {_gb(r.get(mem_key))} | "
                     f"{_num(r.get('first_step_s'))} | {_num(r.get('wall_s'))} | "
                     f"{_num(ev.get(key, {}).get('loss'), '{:.4f}')} | {_num(r.get('train_loss_last_quarter'), '{:.4f}')} | "
                     f"{_num(r.get('mfu_bf16'), '{:.1%}')} | {_num(r.get('mfu_fp32'), '{:.1%}')} |")
    q = res.get("ratios", {})
    loss = "-"
    if q.get("heldout_loss_diff") is not None:
        loss = f"a-b = {q['heldout_loss_diff']:+.4f} (+/- {q['heldout_loss_diff_se']:.4f} s.e.)"
    lines.append(f"| **a/b** | **{_num(q.get('tokens_per_s'), '{:.2f}x')}** | **{_num(q.get('peak_memory'), '{:.2f}x')}** | "
                 f"{_num(q.get('first_step_s'), '{:.2f}x')} | {_num(q.get('wall_s'), '{:.2f}x')} | {loss} | | | |")
    for key, v in res.get("variant_ratios", {}).items():
        letter = names[key].split(")")[0] + ")"
        loss = "-"
        if v.get("heldout_loss_diff") is not None:
            loss = (f"{letter[1]}-a = {v['heldout_loss_diff']:+.4f} (+/- {v['heldout_loss_diff_se']:.4f} s.e.), "
                    + ("within noise" if v["within_noise"] else "**not within noise**"))
        lines.append(f"| **{letter[1]}/a** | {_num(v.get('tokens_per_s'), '{:.2f}x')} | "
                     f"{_num(v.get('peak_memory'), '{:.2f}x')} | {_num(v.get('first_step_s'), '{:.2f}x')} | "
                     f"{_num(v.get('wall_s'), '{:.2f}x')} | {loss} | | | |")
    if "base" in ev and "loss" in ev["base"]:
        lines.append(f"\nUntrained model's held-out loss: {ev['base']['loss']:.4f} "
                     f"({ev['base']['tokens']} assistant tokens in {res['data']['heldout']['rows']} rows).")
    return "\n".join(lines)


def run_names(res: dict) -> dict:
    """Row names: (a) ours, (b) TRL, then (c), (d), ... for the variants, in the order they ran."""
    names = {"ours": "(a) ours, defaults", "trl": "(b) TRL SFTTrainer, padded + grad ckpt"}
    for i, key in enumerate(k for k in res["runs"] if k.startswith("ours-")):
        names[key] = f"({chr(ord('c') + i)}) ours, {res['runs'][key].get('variant') or key}"
    return names


def markdown_section(res: dict) -> str:
    m, d, p = res["machine"], res["data"], res["peak"]
    where = m.get("gpu") or f"{m.get('cpu', '?')}, {m.get('cores')} cores"
    lines = [f"## {res['label']}", "",
             f"Measured {res['date']} on **{where}**, {m.get('memory_gb', '?')} GB memory; torch {m.get('torch')}, "
             f"transformers {m.get('transformers')}, TRL {m.get('trl')}, peft {m.get('peft')}.", "",
             f"Model `{res['model_name']}`, {res['method']}, batch {res['batch_size']}, block size "
             f"{res['block_size']}, {res['epochs']} epoch(s) over {d['train']['rows']} chat rows / "
             f"{d['train']['tokens']} tokens (row lengths {d['train']['min']}..{d['train']['max']}, median "
             f"{d['train']['p50']}); held-out {d['heldout']['rows']} rows / {d['heldout']['tokens']} tokens.", "",
             f"Matrix-multiply peak measured in the same run: {p.get('fp32_gflops')} GFLOP/s fp32, "
             f"{p.get('bf16_gflops')} GFLOP/s bf16 ({p.get('device')}).", "",
             table(res), ""]
    for key, name in run_names(res).items():
        name = name.split(")")[0] + ")"
        info = res["runs"].get(key, {}).get("run_info")
        if info:
            keep = {k: v for k, v in info.items() if k in ("precision", "precision_reason", "gradient_checkpointing",
                                                            "checkpointing_reason", "optimizer", "kernels", "bf16",
                                                            "packing", "padding_free")}
            lines.append(f"{name} reported: " + ", ".join(f"{k}={v}" for k, v in keep.items()))
    busy = {k: r.get("cpu_taken_by_others") for k, r in res["runs"].items() if r.get("cpu_taken_by_others")}
    if any(v > BUSY for v in busy.values()):
        lines.append(f"\n**Warning: the machine was busy** (share of all CPU taken by other processes during the "
                     f"runs: {', '.join(f'{k} {v:.0%}' for k, v in busy.items())}); these numbers understate both runs.")
    lines.append("")
    return "\n".join(lines)


def update_markdown(path: Path, label: str, section: str) -> None:
    start, end = f"<!-- bench:{label} -->", f"<!-- /bench:{label} -->"
    text = path.read_text() if path.exists() else (
        "# Training benchmark results\n\nWritten by `bench/bench_train.py` (CPU) and `bench/gpu.sh` (GPU); each "
        "section is replaced when the same benchmark runs again. What the numbers mean: `bench/README.md`.\n\n")
    block = f"{start}\n{section}\n{end}\n"
    pattern = re.compile(re.escape(start) + ".*?" + re.escape(end) + "\n?", re.S)
    text = pattern.sub(lambda _: block, text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + block
    path.write_text(text)


def output_arguments(ap, name: str) -> None:
    """A benchmark's --json (bench/results/NAME.json), --markdown (bench/RESULTS.md) and --no-write, which publish
    reads."""
    ap.add_argument("--json", type=Path, default=ROOT / "bench" / "results" / f"{name}.json")
    ap.add_argument("--markdown", type=Path, default=ROOT / "bench" / "RESULTS.md")
    ap.add_argument("--no-write", action="store_true", help="print only; write neither the JSON nor RESULTS.md")


def publish(args, label: str, text: str, data: dict) -> None:
    """Print a benchmark's section and, unless --no-write, keep it: `data` as args.json, `text` as the section
    `label` of args.markdown (bench/RESULTS.md)."""
    print(text)
    if not args.no_write:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(data, indent=2) + "\n")
        update_markdown(args.markdown, label, text)


# ------------------------------------------------------------------------------------------------ main
def parse_args(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="smoke test: ~2k training tokens in rows of at most 256, "
                    "~2-3 minutes")
    ap.add_argument("--tokens", type=int, help="training tokens (default 27000, issue #7's reference budget: ~10 "
                    "minutes on 2 idle cores; --quick 2000)")
    ap.add_argument("--eval-tokens", type=int, help="held-out tokens (default 3000; --quick 500)")
    ap.add_argument("--min-len", type=int, default=20, help="shortest row asked for, in tokens (default 20)")
    ap.add_argument("--max-len", type=int, help="longest row, in tokens (default 500; --quick 256)")
    ap.add_argument("--length-dist", choices=("loguniform", "uniform"), default="loguniform",
                    help="how row lengths are drawn between --min-len and --max-len (default loguniform: many short "
                    "rows and a long tail, like real chat data)")
    ap.add_argument("--model", default=DEFAULT_MODEL, help="model for both runs: hub id, folder or .gguf "
                    f"(default {DEFAULT_MODEL}, real weights, works offline)")
    ap.add_argument("--random-init", choices=sorted(ARCHS), help="instead of --model: SmolLM2's architecture with "
                    "random weights (tokenizer from --model)")
    ap.add_argument("--full", action="store_true", help="full fine-tune instead of LoRA")
    ap.add_argument("--quantization", choices=("int4",), help="QLoRA: base model in int4 (CUDA + bitsandbytes)")
    ap.add_argument("--batch-size", type=int, default=8)
    ap.add_argument("--block-size", type=int, default=512)
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--logging-steps", type=int, help="both runs log every N steps (default: ~25 points per run)")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--format", choices=("jsonl", "csv"), default="jsonl",
                    help="file our trainer reads: JSONL messages, or CSV with the conversation as JSON in 'text'")
    ap.add_argument("--only", choices=("ours", "trl"), help="run one side only (for iterating)")
    ap.add_argument("--run-timeout", type=float, default=3600, help="seconds before a run is killed")
    ap.add_argument("--deadline", type=float, metavar="UNIX_TIME", help="no run goes on past this time: a run still "
                    "going then is killed, one not yet started is skipped (bench/gpu.sh's time budget)")
    ap.add_argument("--also", type=parse_variant, action="append", default=[], metavar="NAME:SETTING=VALUE,...",
                    help="our trainer once more with these settings (LLMParams fields, or UPPER-CASE environment "
                    "switches), compared with (a): ratios and the held-out loss difference; repeatable. "
                    "Example: --also fp16:mixed_precision=fp16")
    ap.add_argument("--label", help="section name in RESULTS.md (default from the machine and mode)")
    ap.add_argument("--json", type=Path, help="results file (default bench/results/train.json, "
                    "train-quick.json with --quick)")
    ap.add_argument("--markdown", type=Path, default=ROOT / "bench" / "RESULTS.md")
    ap.add_argument("--no-write", action="store_true", help="print only; write neither JSON nor RESULTS.md")
    ap.add_argument("--cache-dir", type=Path, help="reuse the matmul peak and random-weight models kept here across "
                    "calls (bench/gpu.sh runs several comparisons)")
    ap.add_argument("--wait-idle", type=float, default=0, metavar="SECONDS",
                    help="before each run, wait up to this long for other processes to leave the CPU idle")
    ap.add_argument("--workdir", type=Path, help="keep the projects, data and logs here (default: a temp folder, "
                    "removed afterwards)")
    ap.add_argument("--child", nargs=3, metavar=("MODE", "CONFIG", "OUT"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    args.tokens = args.tokens or (2000 if args.quick else 27000)
    args.eval_tokens = args.eval_tokens or (500 if args.quick else 3000)
    args.max_len = args.max_len or (256 if args.quick else 500)
    if args.quantization and args.full:
        ap.error("--quantization int4 trains a LoRA adapter: drop --full")
    return args


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.child:
        mode, cfg_path, out_path = args.child
        cfg = json.loads(Path(cfg_path).read_text())
        fn = {"trl": child_trl, "eval": child_eval, "peak": lambda c: child_peak(c["quick"]),
              "make-model": lambda c: child_make_model(c["arch"], c["tokenizer"], c["out"])}[mode]
        Path(out_path).write_text(json.dumps(fn(cfg)))
        return 0

    from autotrain_ui.core.models import materialize, resolve_model

    started = time.time()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="bench_train_"))
    workdir.mkdir(parents=True, exist_ok=True)
    info = machine()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    info["load_average_at_start"] = round(load, 2)
    if load > 0.5 * (info["cores"] or 1):
        print(f"WARNING: load average {load:.1f} on {info['cores']} cores: something else is running; the timings "
              "will be slower than this machine can do.", flush=True)
    print(f"machine: {info.get('gpu') or info.get('cpu')}, {info['cores']} cores, {info.get('memory_gb')} GB; "
          f"torch {info['torch']}, transformers {info['transformers']}, trl {info['trl']}; workdir {workdir}", flush=True)

    # 0. the model, as a local folder both runs load
    base = materialize(resolve_model(args.model))
    model, model_name = base, args.model
    if args.random_init:
        model = str((args.cache_dir or workdir) / f"{args.random_init}-random")
        made_file = Path(model) / "bench_made.json"
        if not made_file.exists():
            made = run_child("make-model", {"arch": args.random_init, "tokenizer": base, "out": model}, workdir, "make")
            made_file.write_text(json.dumps(made))
        made = json.loads(made_file.read_text())
        model_name = f"{args.random_init} (random weights, {made['parameters'] / 1e6:.0f}M parameters)"
    warm_page_cache(model)

    # 1. data
    from transformers import AutoTokenizer

    t = time.time()
    tokenizer = AutoTokenizer.from_pretrained(model)
    train_rows, train_lengths = build_rows(tokenizer, args.tokens, args.min_len, args.max_len, args.seed,
                                           args.length_dist)
    held_rows, held_lengths = build_rows(tokenizer, args.eval_tokens, args.min_len, args.max_len, args.seed + 1,
                                         args.length_dist)
    data_dir = workdir / "data"
    data_dir.mkdir(exist_ok=True)
    train_file = write_rows(train_rows, data_dir / "train", args.format)
    trl_file = write_rows(train_rows, data_dir / "train_trl", "jsonl")
    held_file = write_rows(held_rows, data_dir / "heldout", "jsonl")
    data = {"train": length_stats(train_lengths), "heldout": length_stats(held_lengths), "format": args.format,
            "seed": args.seed, "length_dist": args.length_dist, "min_len": args.min_len, "max_len": args.max_len}
    print(f"data: {data['train']} held-out {data['heldout']} ({time.time() - t:.1f} s)", flush=True)
    steps = math.ceil(len(train_rows) / args.batch_size) * args.epochs
    if args.logging_steps is None:
        args.logging_steps = max(1, steps // 25)

    # 2. the machine's peak
    peak_file = args.cache_dir / "peak.json" if args.cache_dir else None
    if peak_file and peak_file.exists():
        peak = json.loads(peak_file.read_text())
    else:
        peak = run_child("peak", {"quick": args.quick}, workdir, "peak")
        if peak_file:
            peak_file.write_text(json.dumps(peak))
    print(f"matmul peak: fp32 {peak['fp32_gflops']} GFLOP/s, bf16 {peak['bf16_gflops']} GFLOP/s ({peak['device']})",
          flush=True)
    device = peak["device"]
    gpu = GpuMemory() if device == "cuda" else None

    # 3. the two runs, one after the other
    shape = model_shape(model)
    lora_r = None if args.full else 16
    flops = flops_for(shape, train_lengths, lora_r) * args.epochs if shape else None
    tokens = sum(train_lengths) * args.epochs
    method = ("full fine-tune" if args.full else ("QLoRA int4, " if args.quantization else "") +
              "LoRA r16 alpha32 all-linear")
    res = {"label": args.label or _label(args, info, device), "date": time.strftime("%Y-%m-%d %H:%M"),
           "machine": info, "peak": peak, "device": device, "data": data, "model_name": model_name, "method": method,
           "batch_size": args.batch_size, "block_size": args.block_size, "epochs": args.epochs,
           "logging_steps": args.logging_steps, "model_flops": flops, "tokens": tokens, "runs": {}}
    sides = [s for s in ("ours", "trl") if args.only in (None, s)]
    variants = {f"ours-{v['name']}": v for v in args.also} if args.only in (None, "ours") else {}
    sides += list(variants)
    for side in sides:
        if args.wait_idle and device == "cpu":
            wait_idle(args.wait_idle)
        what = method + (f", {variants[side]['spec']}" if side in variants else "")
        print(f"run {side}: {what}, {len(train_rows)} rows, ~{steps} steps ...", flush=True)
        if args.deadline is not None and time.time() >= args.deadline:
            run = {"error": "skipped: the time budget (--deadline) was spent before this run", "events": []}
        elif side == "trl":
            run = run_trl(args, workdir, trl_file, model, gpu)
        else:
            run = run_ours(args, workdir, train_file, model, gpu, variants.get(side))
        if side in variants:
            run["variant"] = variants[side]["spec"]
        run.update(throughput(run["events"], tokens, flops, peak))
        res["runs"][side] = run
        if run.get("error"):
            print(f"  FAILED: {run['error']}", flush=True)
        else:
            print(f"  {run.get('tokens_per_s')} tokens/s, first step after {run.get('first_step_s')} s, wall "
                  f"{run['wall_s']} s, peak RSS {_gb(run['peak_rss_bytes'])} GB"
                  + (f", peak GPU {_gb(run.get('peak_gpu_bytes'))} GB" if gpu else "")
                  + f"; CPU: {run['cpu_cores_used']} cores used, {run['cpu_taken_by_others']:.0%} taken by others",
                  flush=True)

    # 4. held-out loss of each trained model, measured the same way
    models = {s: res["runs"][s]["model_dir"] for s in sides if not res["runs"][s].get("error")}
    try:
        res["heldout"] = run_child("eval", {"model": model, "data": str(held_file), "models": models}, workdir, "eval")
    except RuntimeError as exc:
        print(f"held-out evaluation failed: {exc}", flush=True)
        res["heldout"] = {}
    summarize(res)

    # 5. report
    print()
    print(table(res))
    q = res["ratios"]
    if q.get("tokens_per_s") is not None:
        print(f"\ntargets (issue #7): tokens/s a/b >= 3x: {q['tokens_per_s']:.2f}x "
              f"[{'met' if q['tokens_per_s'] >= 3 else 'not met'}]; peak memory a/b <= 50%: "
              f"{_num(q.get('peak_memory'), '{:.0%}')} [{'met' if (q.get('peak_memory') or 9) <= 0.5 else 'not met'}]"
              + (f"; held-out loss a-b {q['heldout_loss_diff']:+.4f} +/- {q['heldout_loss_diff_se']:.4f}"
                 if q.get("heldout_loss_diff") is not None else ""))
    busy = {k: r.get("cpu_taken_by_others") or 0 for k, r in res["runs"].items()}
    if any(v > BUSY for v in busy.values()):
        print(f"WARNING: other processes took {', '.join(f'{k} {v:.0%}' for k, v in busy.items())} of the CPU during "
              "the runs: these numbers are not a clean measurement. Run again on an idle machine.")
    res["bench_seconds"] = round(time.time() - started, 1)
    print(f"\nbench took {res['bench_seconds']:.0f} s")
    if not args.no_write:
        out = args.json or ROOT / "bench" / "results" / ("train-quick.json" if args.quick else "train.json")
        out.parent.mkdir(parents=True, exist_ok=True)
        slim = json.loads(json.dumps(res))
        for r in slim.get("heldout", {}).values():
            r.pop("row_losses", None)
        out.write_text(json.dumps(slim, indent=2) + "\n")
        update_markdown(args.markdown, res["label"], markdown_section(res))
        print(f"wrote {out} and {args.markdown}")
    if args.workdir is None:
        shutil.rmtree(workdir, ignore_errors=True)
    failed = [s for s in sides if res["runs"][s].get("error")]
    return 1 if failed else 0


def _label(args, info: dict, device: str) -> str:
    where = (info.get("gpu") or "").split(",")[0] if device == "cuda" else f"CPU, {info['cores']} cores"
    what = "full fine-tune" if args.full else ("QLoRA int4" if args.quantization else "LoRA")
    model = args.random_init or Path(args.model).name
    mode = "quick" if args.quick else f"{args.tokens} tokens"
    return f"{where}: {model}, {what}, {mode}"


if __name__ == "__main__":
    sys.exit(main())
