"""The model zoo: one tiny random model (2 layers, hidden 64, SmolLM2's tokenizer cut to 2048 tokens) per family a user would name for
chat fine-tuning, with each family's special features switched ON so a fast path that ignored them would fail:
softcapped (Gemma 2/3) or scaled (Granite, Cohere) logits, attention softcapping, sliding windows shorter than the
test rows, mixture-of-experts routing (top-2 of 4), attention sinks (gpt-oss), layers without RoPE (SmolLM3).

The weights are drawn larger than the usual 0.02 where a feature only shows on large logits (softcapping caps
values a random model never reaches at 0.02)."""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path

WINDOW = 8  # sliding windows shorter than every test row (rows are 20-45 tokens)


@dataclass(frozen=True)
class Zoo:
    family: str                  # transformers' model_type
    config_class: str            # the class in transformers that configures it
    extra: dict = field(default_factory=dict)
    features: str = ""           # what is switched on, for the table and the report


BASE = dict(hidden_size=64, intermediate_size=128, num_hidden_layers=2, num_attention_heads=4, num_key_value_heads=2,
            head_dim=16, max_position_embeddings=2048)
SLIDING_FULL = ["sliding_attention", "full_attention"]

ZOO = [
    Zoo("llama", "LlamaConfig", {}, "plain (SmolLM2, Llama 3)"),
    Zoo("qwen2", "Qwen2Config", dict(use_sliding_window=True, sliding_window=WINDOW, max_window_layers=0,
                                     layer_types=SLIDING_FULL), f"sliding window {WINDOW}"),
    Zoo("qwen3", "Qwen3Config", dict(use_sliding_window=True, sliding_window=WINDOW, max_window_layers=0,
                                     layer_types=SLIDING_FULL), f"qk-norm, sliding window {WINDOW}"),
    Zoo("qwen3_moe", "Qwen3MoeConfig", dict(num_experts=4, num_experts_per_tok=2, moe_intermediate_size=32,
                                            norm_topk_prob=True, decoder_sparse_step=1),
        "MoE top-2 of 4"),
    Zoo("mistral", "MistralConfig", dict(sliding_window=WINDOW), f"sliding window {WINDOW}"),
    Zoo("mixtral", "MixtralConfig", dict(num_local_experts=4, num_experts_per_tok=2, sliding_window=WINDOW),
        f"MoE top-2 of 4, sliding window {WINDOW}"),
    Zoo("gemma", "GemmaConfig", {}, "scaled embeddings, (1+w) norms"),
    Zoo("gemma2", "Gemma2Config", dict(query_pre_attn_scalar=16, sliding_window=WINDOW, layer_types=SLIDING_FULL,
                                       final_logit_softcapping=3.0, attn_logit_softcapping=2.0,
                                       initializer_range=0.2),
        f"logit softcap 3, attention softcap 2, sliding window {WINDOW}"),
    Zoo("gemma3_text", "Gemma3TextConfig", dict(query_pre_attn_scalar=16, sliding_window=WINDOW,
                                                layer_types=SLIDING_FULL, final_logit_softcapping=3.0,
                                                initializer_range=0.2),
        f"logit softcap 3, sliding window {WINDOW}"),
    Zoo("phi3", "Phi3Config", dict(sliding_window=WINDOW), f"fused qkv, sliding window {WINDOW}"),
    Zoo("granite", "GraniteConfig", dict(logits_scaling=0.05, embedding_multiplier=12.0, residual_multiplier=0.22,
                                         attention_multiplier=0.0078125),
        "logits / 0.05, embedding/residual/attention multipliers"),
    Zoo("cohere", "CohereConfig", dict(logit_scale=8.0, use_qk_norm=True), "logits x 8, qk-norm, parallel block"),
    Zoo("cohere2", "Cohere2Config", dict(logit_scale=8.0, sliding_window=WINDOW, layer_types=SLIDING_FULL),
        f"logits x 8, sliding window {WINDOW}"),
    Zoo("olmo2", "Olmo2Config", {}, "qk-norm, post-norms"),
    Zoo("smollm3", "SmolLM3Config", dict(no_rope_layers=[1, 0], use_sliding_window=True, sliding_window=WINDOW,
                                         layer_types=SLIDING_FULL), f"a layer without RoPE, sliding window {WINDOW}"),
    Zoo("glm4", "Glm4Config", {}, "partial rotary, post-norms"),
    Zoo("exaone4", "Exaone4Config", dict(sliding_window=WINDOW, sliding_window_pattern=2, layer_types=SLIDING_FULL),
        f"sliding window {WINDOW}"),
    Zoo("gpt_oss", "GptOssConfig", dict(num_local_experts=4, num_experts_per_tok=2, intermediate_size=64,
                                        max_position_embeddings=131072,  # its YaRN: 32 x the original 4096
                                        sliding_window=WINDOW, layer_types=SLIDING_FULL),
        f"MoE top-2 of 4, attention sinks, sliding window {WINDOW}"),
]
BY_FAMILY = {z.family: z for z in ZOO}


SMALL_VOCAB = 2048


def small_tokenizer(source: str, folder: Path):
    """SmolLM2's tokenizer cut to its first SMALL_VOCAB tokens: its special tokens, the 256 bytes and the earliest
    merges. A byte-level BPE cut there stays whole (each later token is a merge of two earlier ones, and any text
    still splits into bytes), and a tiny model's embedding and logits are 2048 wide instead of 49,152, so the
    zoo's runs compute a fraction of what they did; nothing the zoo checks depends on the vocabulary's size."""
    import json

    from transformers import AutoTokenizer

    AutoTokenizer.from_pretrained(source).save_pretrained(folder)
    path = folder / "tokenizer.json"
    spec = json.loads(path.read_text(encoding="utf-8"))
    vocab = {token: i for token, i in spec["model"]["vocab"].items() if i < SMALL_VOCAB}
    pairs = [m.split(" ") if isinstance(m, str) else m for m in spec["model"]["merges"]]
    spec["model"]["vocab"] = vocab
    spec["model"]["merges"] = [m for m in pairs if "".join(m) in vocab and m[0] in vocab and m[1] in vocab]
    path.write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    tokenizer = AutoTokenizer.from_pretrained(folder)
    assert len(tokenizer) == SMALL_VOCAB, len(tokenizer)
    return tokenizer


def shipped(zoo: Zoo) -> bool:
    """Whether the installed transformers has this family."""
    return hasattr(importlib.import_module("transformers"), zoo.config_class)


def build(zoo: Zoo, tokenizer, folder: Path, chat_template: str | None = None) -> Path:
    """Save a tiny random model of this family, with SmolLM2's tokenizer (carrying `chat_template`), into `folder`."""
    import torch
    import transformers
    from transformers import AutoModelForCausalLM

    config = getattr(transformers, zoo.config_class)(
        vocab_size=len(tokenizer), bos_token_id=tokenizer.bos_token_id, eos_token_id=tokenizer.eos_token_id,
        pad_token_id=tokenizer.pad_token_id, tie_word_embeddings=True, **{**BASE, **zoo.extra})
    torch.manual_seed(0)
    model = AutoModelForCausalLM.from_config(config, dtype=torch.float32)
    folder.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(folder)
    own = tokenizer.chat_template
    tokenizer.chat_template = chat_template or own
    try:
        tokenizer.save_pretrained(folder)
    finally:
        tokenizer.chat_template = own
    return folder
