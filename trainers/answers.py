"""The answers of the base and tuned models to the same prompts, for the verdict (autotrain_ui/core/answers.py scores
them): greedy, at most MAX_NEW_TOKENS new tokens, all prompts in one left-padded batch. With --peft the base model's
answers come from the same loaded model with its adapter switched off, after training, in the tuned answers' batch;
a full fine-tune's are taken before the first step (trainers/evaluate.py baseline)."""

from __future__ import annotations

import re

import torch

from autotrain_ui.core.answers import MAX_NEW_TOKENS, MAX_PROMPTS
from autotrain_ui.core.templates import fit_roles

TURN_SPLIT = re.compile(r"^(.*?\b(?:bot|assistant|### Assistant)\s*:)\s*(.+)$", re.S | re.I)


def prompt_and_answer(example: dict, tokenizer) -> tuple[str, str, bool] | None:
    """(prompt, expected answer, whether the prompt is already rendered with the chat template) of an SFT/default
    example; None when it has no answer to compare with."""
    if "messages" in example:
        msgs = fit_roles(tokenizer, example["messages"])
        last = max((i for i, m in enumerate(msgs) if m["role"] == "assistant"), default=None)
        if not last:
            return None
        prompt = tokenizer.apply_chat_template(msgs[:last], tokenize=False, add_generation_prompt=True)
        return prompt, msgs[last]["content"], True
    if "completion" in example:  # a plain-text prompt and answer (--chat-template none): the prompt as rendered
        prompt = example["prompt"] + ("" if example["prompt"][-1:].isspace() else "\n")
        return prompt, example["completion"], False
    match = TURN_SPLIT.match(example.get("text", ""))
    return (match.group(1), match.group(2).strip(), False) if match else None


def plain(value) -> str:
    """An answer or a prompt as text: a string as it is, a conversation's last turn."""
    if isinstance(value, str):
        return value.strip()
    return (value[-1].get("content") or "").strip() if value else ""


def prompts(trainer: str, rows: list[dict], tokenizer) -> list[dict]:
    """Up to MAX_PROMPTS different prompts of `rows`, each {"prompt" (as the model reads it), "templated",
    "question" (plain text)} with what to score against: "expected" (sft/default) or the "chosen" and "rejected"
    answers given for that prompt (dpo/orpo; kto: answers marked good and bad)."""
    items: dict[str, dict] = {}
    for row in rows:
        if trainer in ("sft", "default"):
            found = prompt_and_answer(row, tokenizer)
            if found and found[0] not in items and len(items) < MAX_PROMPTS:
                items[found[0]] = {"prompt": found[0], "templated": found[2], "question": _question(found[0]),
                                   "expected": found[1].strip()}
            continue
        prompt, templated = _rendered(row["prompt"], tokenizer)
        if prompt not in items:
            if len(items) == MAX_PROMPTS:
                continue
            items[prompt] = {"prompt": prompt, "templated": templated, "question": plain(row["prompt"]),
                             "chosen": [], "rejected": []}
        good = [row["chosen"]] if "chosen" in row else [row["completion"]] if row.get("label") else []
        bad = [row["rejected"]] if "rejected" in row else [row["completion"]] if not row.get("label") else []
        items[prompt]["chosen"] += [plain(a) for a in good]
        items[prompt]["rejected"] += [plain(a) for a in bad]
    return list(items.values())


def _rendered(prompt, tokenizer) -> tuple[str, bool]:
    if isinstance(prompt, str):
        return prompt, False
    return tokenizer.apply_chat_template(fit_roles(tokenizer, prompt), tokenize=False, add_generation_prompt=True), True


def _question(prompt: str) -> str:
    """The last non-empty line of a rendered prompt, without the template's markers: the question, for a sentence."""
    lines = [line.strip() for line in re.sub(r"<\|[^|>]*\|>|\[/?INST\]|<s>|</s>", "\n", prompt).splitlines()]
    lines = [line for line in lines if line and line not in ("user", "assistant", "system")]
    return lines[-1] if lines else prompt.strip()


def generate(model, tokenizer, items: list[dict], max_new_tokens: int = MAX_NEW_TOKENS) -> list[dict]:
    """Greedy answers to `items` ({"text", "cap": whether it ran to max_new_tokens}), one batch per kind of prompt
    (rendered with the template or plain)."""
    return _generate(model, tokenizer, items, max_new_tokens, [None])[0]


def base_after_training(model, params) -> bool:
    """Whether the base model's answers come after training, from the tuned model with its LoRA adapter switched off
    (an adapter kept apart: --peft and not merged when saved), rather than before the first step."""
    return hasattr(model, "disable_adapter") and params.peft and not params.merge_adapter


def tuned_and_base(model, tokenizer, items: list[dict], max_new_tokens: int = MAX_NEW_TOKENS):
    """(the tuned model's answers, the base model's) of a model with a LoRA adapter, the base with it switched off.
    One batch holds both where peft allows it (no merged adapter, no DoRA): each new token reads the weights once for
    the two, a third less time on a CPU for the same tokens (tests/test_answers.py compares them with two batches)."""
    if _one_batch(model):
        return tuple(_generate(model, tokenizer, items, max_new_tokens, [model.active_adapter, "__base__"]))
    tuned = generate(model, tokenizer, items, max_new_tokens)
    with model.disable_adapter():
        return tuned, generate(model, tokenizer, items, max_new_tokens)


def _one_batch(model) -> bool:
    from peft.tuners.lora import LoraLayer

    return not any(isinstance(m, LoraLayer) and (m.merged or any(m.use_dora.values())) for m in model.modules())


def _generate(model, tokenizer, items: list[dict], max_new_tokens: int, adapters: list) -> list[list[dict]]:
    """One list of answers per entry of `adapters` (None: the model as it is; else peft's adapter name per row, with
    "__base__" for none), the prompts of each kind in one batch with every adapter's rows."""
    out: list[list] = [[None] * len(items) for _ in adapters]
    side = tokenizer.padding_side
    tokenizer.padding_side = "left"
    try:
        with torch.no_grad():
            for templated in (True, False):
                picked = [i for i, item in enumerate(items) if item["templated"] == templated]
                if not picked:
                    continue
                texts = [items[i]["prompt"] for i in picked]
                names = None if adapters == [None] else [name for name in adapters for _ in picked]
                found = _batch(model, tokenizer, texts * len(adapters), templated, max_new_tokens, names)
                for k in range(len(adapters)):
                    for i, answer in zip(picked, found[k * len(picked):(k + 1) * len(picked)]):
                        out[k][i] = answer
    finally:
        tokenizer.padding_side = side
    return out


def _batch(model, tokenizer, texts: list[str], templated: bool, max_new_tokens: int,
           adapter_names: list | None = None) -> list[dict]:
    enc = tokenizer(texts, return_tensors="pt", padding=True, add_special_tokens=not templated)
    enc = {k: v.to(model.device) for k, v in enc.items()}
    if adapter_names is not None:
        enc["adapter_names"] = adapter_names
    ids = model.generate(**enc, max_new_tokens=max_new_tokens, do_sample=False, pad_token_id=tokenizer.pad_token_id,
                         use_cache=True)[:, enc["input_ids"].shape[1]:]
    eos = getattr(model.generation_config, "eos_token_id", None)
    stops = set(eos if isinstance(eos, list) else [eos]) | {tokenizer.eos_token_id, tokenizer.pad_token_id}
    stops.discard(None)
    answers = []
    for row in ids.tolist():
        ended = any(t in stops for t in row)
        answers.append({"text": tokenizer.decode(row, skip_special_tokens=True).strip(),
                        "cap": not ended and len(row) >= max_new_tokens})
    return answers
