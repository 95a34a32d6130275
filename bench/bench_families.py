"""What stepping aside costs: the fast path (packed rows, fused chunked loss, per-row attention on a CPU) against the
model's own forward on padded rows, on the same rows, in one process, for a family that steps aside and one that
does not.

    python bench/bench_families.py                  # gpt_oss (steps aside) and llama (fast path), ~1 min on 2 idle cores
    python bench/bench_families.py --family gemma2 --rows 16
    python bench/bench_families.py --threads 1       # steadier on a machine other jobs share

Each family gets a random model of a small real size (hidden 512, 8 layers, SmolLM2's 49k vocabulary), LoRA on
all linear layers as a run has it, the precision a run on this machine picks, and --rows chat-like rows of 40..400
tokens (seeded, log-uniform). Both paths go through trainers/causal.CausalLMTrainer.training_step (forward and
backward, the CPU row loop included): only the plan differs (autotrain_ui/core/families.py). They alternate, best of --reps
after a warm-up. For a family that steps aside the "fast path" column is what the fast path WOULD cost: for gpt-oss
its packed rows would attend to each other (transformers builds its mask without the position ids), which is why
it steps aside; the number says what that safety costs, nothing more.
"""
from __future__ import annotations

import argparse
import json
import math
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SIZE = dict(hidden_size=512, intermediate_size=1536, num_hidden_layers=8, num_attention_heads=8, num_key_value_heads=4,
            head_dim=64)
EXTRA = {"gpt_oss": dict(num_local_experts=4, num_experts_per_tok=2, intermediate_size=512,
                         max_position_embeddings=131072)}


def build(family: str, folder: Path, tokenizer):
    import torch
    from transformers import AutoConfig, AutoModelForCausalLM

    config = AutoConfig.for_model(family, vocab_size=len(tokenizer), tie_word_embeddings=True,
                                  pad_token_id=tokenizer.pad_token_id, **{**SIZE, **EXTRA.get(family, {})})
    torch.manual_seed(0)
    AutoModelForCausalLM.from_config(config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def make_rows(n: int, seed: int = 0) -> list[dict]:
    rng = random.Random(seed)
    rows = []
    for _ in range(n):
        length = int(math.exp(rng.uniform(math.log(40), math.log(400))))
        ids = [rng.randrange(5, 40000) for _ in range(length)]
        prompt = length // 3
        rows.append({"input_ids": ids, "labels": [-100] * prompt + ids[prompt:]})
    return rows


def measure(family: str, rows: list[dict], reps: int, work: Path) -> dict:
    import torch
    from transformers import TrainingArguments

    from autotrain_ui.core.params import LLMParams
    from trainers import loading
    from autotrain_ui.core import families
    from trainers.causal import CausalLMTrainer, PackedCollator, PaddedCollator
    from trainers.policy import resolve_precision

    params = LLMParams(model=str(work / family), peft=True, chat_template="none", block_size=1024, batch_size=len(rows))
    tokenizer, model = loading.load(params)
    precision, _ = resolve_precision(params)
    args = TrainingArguments(output_dir=str(work / "out"), use_cpu=True, report_to="none", bf16=precision == "bf16")
    chosen = families.plan(model)
    inner = model.get_base_model()
    fast = families.Plan(chosen.family, chosen.checked, True, families.logit_transform(inner.config, families.family(
        chosen.family) or families.Family(chosen.family)), per_row_attention=inner.config._attn_implementation == "sdpa",
                         attention=inner.config._attn_implementation)
    own = families.step_aside("benchmark: the model's own forward", model)
    paths = {"fast path": (fast, PackedCollator(1024, tokenizer.pad_token_id)),
             "own forward": (own, PaddedCollator(tokenizer.pad_token_id))}
    trainers = {name: CausalLMTrainer(model=model, args=args, plan=plan) for name, (plan, _) in paths.items()}
    tokens = sum(len(r["input_ids"]) for r in rows)
    best = {name: float("inf") for name in paths}
    for rep in range(reps + 1):                      # rep 0 warms up
        for name, (_, collate) in paths.items():
            model.zero_grad(set_to_none=True)
            batch = collate([dict(r) for r in rows])
            start = time.perf_counter()
            trainers[name].training_step(model, batch)
            took = time.perf_counter() - start
            if rep:
                best[name] = min(best[name], took)
    speeds = {name: round(tokens / t, 1) for name, t in best.items()}
    return {"family": family, "run_takes": "fast path" if chosen.fast else "own forward", "why": chosen.reasons,
            "precision": precision, "tokens": tokens, "rows": len(rows), "tokens_per_s": speeds,
            "fast_over_own": round(speeds["fast path"] / speeds["own forward"], 2)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--family", action="append", help="model_type (repeatable); default: gpt_oss and llama")
    parser.add_argument("--rows", type=int, default=8)
    parser.add_argument("--reps", type=int, default=2)
    parser.add_argument("--threads", type=int, default=0, help="torch threads (0: torch's default, as a run has it); "
                        "1 gives steadier numbers on a machine other jobs share")
    args = parser.parse_args()
    import torch

    if args.threads:
        torch.set_num_threads(args.threads)
    from transformers import AutoTokenizer

    from autotrain_ui.core.models import DEFAULT_HUB_ID, materialize, resolve_model

    tokenizer = AutoTokenizer.from_pretrained(materialize(resolve_model(DEFAULT_HUB_ID)))
    rows = make_rows(args.rows)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for family in args.family or ["gpt_oss", "llama"]:
            build(family, work / family, tokenizer)
            result = measure(family, rows, args.reps, work)
            results.append(result)
            s = result["tokens_per_s"]
            print(f"{family:10s} run takes: {result['run_takes']:11s}  fast path {s['fast path']:8.1f} tok/s  "
                  f"own forward {s['own forward']:8.1f} tok/s  fast/own {result['fast_over_own']:.2f}x  "
                  f"({result['rows']} rows, {result['tokens']} tokens, {result['precision']}, "
                  f"{torch.get_num_threads()} threads)", flush=True)
    out = ROOT / "bench" / "results" / "families.json"
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"written: {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
