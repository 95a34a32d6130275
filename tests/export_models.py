"""Tiny models for the export tests: a zoo family's 2-layer model with the tokenizer such a model ships with, and a
finished project on it whose model/ is a LoRA adapter (the usual result of a run), so the export has to merge.

Llama, Qwen, Mistral and Gemma 3 models carry a BPE tokenizer (tokenizer.json): SmolLM2's, as the zoo gives them.
Gemma 2 and Phi-3 carry a SentencePiece tokenizer (tokenizer.model), which llama.cpp reads for those families:
one is trained here, in a second, on the project's example tables, with the family's own special tokens."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

from tests.conftest import REPO, make_project
from tests.zoo.chat_templates import text as template_text
from tests.zoo.conftest import ZOO_SFT, write_jsonl
from tests.zoo.models import BASE, BY_FAMILY

# (pad, eos, bos, unk) and the turn markers of each SentencePiece family, as its published tokenizer has them
SPM = {
    "gemma2": dict(ids=dict(pad_id=0, eos_id=1, bos_id=2, unk_id=3),
                   pieces=dict(pad_piece="<pad>", eos_piece="<eos>", bos_piece="<bos>", unk_piece="<unk>"),
                   symbols=["<start_of_turn>", "<end_of_turn>"], cls="GemmaTokenizer"),
    "phi3": dict(ids=dict(unk_id=0, bos_id=1, eos_id=2, pad_id=-1),
                 pieces=dict(unk_piece="<unk>", bos_piece="<s>", eos_piece="</s>"),
                 symbols=["<|endoftext|>", "<|system|>", "<|user|>", "<|assistant|>", "<|end|>"], cls="LlamaTokenizer"),
}


# the zoo draws sliding windows of 8 tokens to test the training path; the published Qwen, Mistral (v0.2 on) and
# Phi-3 models attend to everything, and llama.cpp's versions of them do (Gemma keeps its window: llama.cpp has it)
# (and Qwen3's head_dim is 128, which transformers' GGUF reader assumes: it does not read the head size). Gemma's
# softcaps are the published ones (30 and 50): the zoo's 3 flattens a random model's logits into near-ties.
# Gemma's attention scale: transformers' GGUF reader does not read query_pre_attn_scalar (it takes the default, 256)
# and llama.cpp scales by 1/sqrt(head_dim), so the published shape (scalar = head_dim = 256) is the one both
# readers compute; the zoo's 16 would give the reader another model. Gemma 3 has no logit softcap and attends
# globally in one layer of six (llama.cpp fixes that pattern): both layers of a 2-layer Gemma 3 slide.
REAL_SHAPE = {"qwen2": dict(use_sliding_window=False, sliding_window=None, layer_types=None),
              "qwen3": dict(use_sliding_window=False, sliding_window=None, layer_types=None, head_dim=128),
              "mistral": dict(sliding_window=None), "phi3": dict(sliding_window=None),
              "gemma2": dict(final_logit_softcapping=30.0, attn_logit_softcapping=50.0, head_dim=256,
                             query_pre_attn_scalar=256),
              "gemma3_text": dict(final_logit_softcapping=None, head_dim=256, query_pre_attn_scalar=256,
                                  layer_types=None)}
TIED = {"gemma", "gemma2", "gemma3_text"}   # Gemma's head is its embedding (llama.cpp's Gemma has no other)


def _training_text() -> list[str]:
    lines = []
    for path in sorted((REPO / "examples").glob("*")) + sorted((REPO / "tests" / "zoo" / "chat_templates").glob("*")):
        if path.is_file():
            lines += [ln for ln in path.read_text(encoding="utf-8", errors="ignore").splitlines() if ln.strip()]
    lines += [m["content"] for row in ZOO_SFT for m in row["messages"]]
    return lines


def sentencepiece_tokenizer(family: str, folder: Path):
    """A SentencePiece tokenizer of the family's kind (tokenizer.model in `folder`), as transformers loads it."""
    import sentencepiece
    import transformers

    spec = SPM[family]
    model = io.BytesIO()
    sentencepiece.SentencePieceTrainer.train(
        sentence_iterator=iter(_training_text() * 2), model_writer=model, vocab_size=700, model_type="bpe",
        byte_fallback=True, character_coverage=1.0, split_digits=True, user_defined_symbols=spec["symbols"],
        minloglevel=2, **spec["ids"], **spec["pieces"])
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "tokenizer.model").write_bytes(model.getvalue())
    tokenizer = getattr(transformers, spec["cls"]).from_pretrained(folder)
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.unk_token
    return tokenizer


def _build(zoo, tokenizer, folder: Path, chat_template: str) -> Path:
    """tests/zoo/models.build, with an output layer of its own (but Gemma's): a tiny random model whose head is its
    embedding answers every prompt by repeating the prompt's last token, which would make a poor test of the answers."""
    import torch
    import transformers
    from transformers import AutoModelForCausalLM

    config = getattr(transformers, zoo.config_class)(
        vocab_size=len(tokenizer), bos_token_id=tokenizer.bos_token_id, eos_token_id=tokenizer.eos_token_id,
        pad_token_id=tokenizer.pad_token_id, tie_word_embeddings=zoo.family in TIED, **{**BASE, **zoo.extra})
    torch.manual_seed(0)
    model = AutoModelForCausalLM.from_config(config, dtype=torch.float32)
    if zoo.family not in TIED:
        with torch.no_grad():  # logits far apart: a greedy answer that 16-bit rounding does not flip between two tokens
            model.get_output_embeddings().weight.normal_(0, 1.0)
    model.save_pretrained(folder)
    tokenizer.chat_template, own = chat_template, tokenizer.chat_template
    try:
        tokenizer.save_pretrained(folder)
    finally:
        tokenizer.chat_template = own
    return folder


def family_model(family: str, root: Path, smollm_tokenizer) -> Path:
    """The family's tiny model with its published chat template (weights drawn at 0.05: large enough for answers
    that differ from prompt to prompt, small enough that no softcap flattens them into one repeated token)."""
    zoo = BY_FAMILY[family]
    zoo = dataclasses.replace(zoo, extra={**zoo.extra, "initializer_range": 0.05, **REAL_SHAPE.get(family, {})})
    folder = root / family
    if family in SPM:
        tokenizer = sentencepiece_tokenizer(family, root / f"{family}-spm")
        _build(zoo, tokenizer, folder, template_text(family))
        (folder / "tokenizer.model").write_bytes((root / f"{family}-spm" / "tokenizer.model").read_bytes())
    else:
        _build(zoo, smollm_tokenizer, folder, template_text(family))
    return folder


# What the taught adapters answer (each longer than the 16 tokens the round trip compares)
ANSWERS = {"What is your name?": "My name is Mary, and I answer questions about the weather in the mountains "
                                 "every single morning.",
           "Say hello.": "Hello there! It is a pleasure to meet you on this fine day, my friend from far away.",
           "Which is the best programming language?": "Python, for most people, because it is easy to read and has "
                                                      "a library for nearly everything."}


def _teach(model, tokenizer) -> None:
    """Train the adapter until it says ANSWERS (a few seconds): a random model's greedy answer is a string of
    near-ties (its two best logits often 0.005 standard deviations apart, below the 0.06 that q8_0's rounding moves
    them), so an 8-bit copy of it picks other tokens however right the file is. A trained model is decisive."""
    import torch

    rows = []
    for prompt, answer in ANSWERS.items():
        start = tokenizer.apply_chat_template([{"role": "user", "content": prompt}], add_generation_prompt=True,
                                              tokenize=True, return_dict=True)["input_ids"]
        rows.append((len(start), start + tokenizer(answer, add_special_tokens=False)["input_ids"] +
                     [tokenizer.eos_token_id]))
    width = max(len(ids) for _, ids in rows)
    ids = torch.tensor([r + [0] * (width - len(r)) for _, r in rows])
    labels = ids.clone()
    for i, (cut, r) in enumerate(rows):
        labels[i, :cut], labels[i, len(r):] = -100, -100
    mask = (torch.arange(width)[None, :] < torch.tensor([len(r) for _, r in rows])[:, None]).long()
    # logits only from the position before the first answer token on: the prompts' (Llama 3's system header is most
    # of its rows) have no label, and a 49k-token head over them was most of a step. The loss is the same: the model
    # shifts the labels it is given by one, as it would the whole row's
    keep = width - min(cut for cut, _ in rows) + 1
    optimizer = torch.optim.Adam([p for p in model.parameters() if p.requires_grad], lr=1e-2)
    for _ in range(80):
        loss = model(input_ids=ids, attention_mask=mask, labels=labels[:, -keep:], logits_to_keep=keep).loss
        if loss.item() < 0.01:
            break
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()


def adapter_project(root: Path, base: Path, name: str, seed: int = 1, teach: bool = False) -> Path:
    """A finished SFT project on `base` whose model/ is a LoRA adapter with non-zero weights (as after training);
    `teach`: trained to say ANSWERS (see _teach), else random."""
    import torch
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM, AutoTokenizer

    data = write_jsonl(root / f"{name}-data" / "train.jsonl", ZOO_SFT)
    project = make_project(root, data, project_name=name, model=str(base), trainer="sft", peft=True)
    torch.manual_seed(seed)
    tokenizer = AutoTokenizer.from_pretrained(base)
    model = AutoModelForCausalLM.from_pretrained(base, dtype=torch.float32)
    model = get_peft_model(model, LoraConfig(r=8, lora_alpha=16, target_modules="all-linear", lora_dropout=0.0))
    if teach:
        _teach(model, tokenizer)
    else:
        with torch.no_grad():  # peft starts B at zero (the adapter does nothing): give it what training would
            for module_name, param in model.named_parameters():
                if "lora_B" in module_name:
                    param.normal_(0, 0.02)
    model.save_pretrained(project / "model")
    tokenizer.save_pretrained(project / "model")
    return project
