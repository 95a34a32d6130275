"""Chat templates, applied the same way for every trainer, and the loss mask that goes with them.

`setup_chat_template()` puts the chosen template on the tokenizer, so TRL's trainers (reward, DPO, ORPO)
and our own (default, SFT) render conversations identically. `render()` turns one canonical example
(see autotrain_ui.data.prepare) into token ids plus a mask saying which tokens carry the loss.
"""

from __future__ import annotations

CHATML = (
    "{% for message in messages %}"
    "{{ '<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n' }}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}"
)
# Zephyr's markers are written as plain text: they need no new tokens (so nothing LoRA leaves untrained).
ZEPHYR = (
    "{% for message in messages %}"
    "{{ '<|' + message['role'] + '|>\n' + message['content'] + eos_token + '\n' }}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|assistant|>\n' }}{% endif %}"
)
TEMPLATE_TOKENS = {"chatml": ["<|im_start|>", "<|im_end|>"], "zephyr": []}


class TemplateError(Exception):
    """The chosen template cannot be used with this tokenizer; the message says what to pick instead."""


def choose(requested: str | None, conversational: bool, tokenizer) -> tuple[str, str]:
    """The template a run uses -> (name, why). Not given ('auto' or None): conversations get the model's own
    template, ChatML when its tokenizer has none; plain text gets none. A template the user chose is kept. `why` is
    English text that also knows its catalog key (autotrain_ui.i18n.Message), so the page can say it in Korean."""
    from autotrain_ui.i18n import message

    if requested not in (None, "", "auto"):
        return requested, message("template.why.chosen")
    if not conversational:
        return "none", message("template.why.plain")
    if getattr(tokenizer, "chat_template", None):
        return "tokenizer", message("template.why.own")
    return "chatml", message("template.why.chatml")


def setup_chat_template(tokenizer, template: str) -> list[str]:
    """Install the template on the tokenizer. Returns the special tokens that had to be added (their
    embeddings must then be trained: see common.apply_lora)."""
    if template == "none":
        return []
    if template == "tokenizer":
        if not getattr(tokenizer, "chat_template", None):
            raise TemplateError("--chat-template tokenizer was chosen, but this model's tokenizer has no chat template. "
                                "Choose chatml or zephyr, or none to train the text as it stands.")
        return []
    if template not in TEMPLATE_TOKENS:
        raise TemplateError(f"Unknown chat template {template!r}: choose tokenizer, chatml, zephyr or none.")
    vocab = tokenizer.get_vocab()
    missing = [t for t in TEMPLATE_TOKENS[template] if t not in vocab]
    if missing:
        tokenizer.add_special_tokens({"additional_special_tokens": missing})
    tokenizer.chat_template = CHATML if template == "chatml" else ZEPHYR
    if template == "chatml" and "<|im_end|>" in tokenizer.get_vocab():
        tokenizer.eos_token = "<|im_end|>"  # generation must stop at the end of the assistant turn
    return missing


def conversation_spans(tokenizer, messages: list[dict]) -> tuple[str, list[tuple[int, int]]]:
    """The rendered conversation and the character spans of the assistant turns (end-of-turn marker included)."""
    full = tokenizer.apply_chat_template(messages, tokenize=False)
    spans = []
    cursor = 0
    for i, message in enumerate(messages):
        if message["role"] != "assistant":
            continue
        upto = tokenizer.apply_chat_template(messages[: i + 1], tokenize=False)
        prefix = tokenizer.apply_chat_template(messages[:i], tokenize=False, add_generation_prompt=True) if i else ""
        if i and full.startswith(upto) and upto.startswith(prefix) and len(prefix) >= cursor:
            spans.append((len(prefix), len(upto)))
            cursor = len(upto)
            continue
        # The template renders prefixes differently (e.g. a default system prompt): find the answer itself.
        start = full.find(message["content"], cursor)
        if start >= 0:
            spans.append((start, start + len(message["content"])))
            cursor = start + len(message["content"])
    return full, spans


def render(example: dict, tokenizer, *, train_on_inputs: bool = False, add_eos: bool = False,
           max_length: int | None = None) -> tuple[list[int], list[int]]:
    """Token ids and a 0/1 loss mask for one example ({"text": ...} or {"messages": [...]})."""
    if "messages" in example:
        text, spans = conversation_spans(tokenizer, example["messages"])
        special = False  # the template already holds every marker
    elif "completion" in example:  # a prompt and its answer as plain text: the answer carries the loss
        prompt = example["prompt"] + ("" if example["prompt"][-1:].isspace() else "\n")
        text, special = prompt + example["completion"], True
        spans = [(len(prompt), len(text))]
    else:
        text, spans, special = example["text"], [(0, len(example["text"]))], True
    if train_on_inputs:
        spans = [(0, len(text))]
    ids: list[int] = []
    mask: list[int] = []
    cut = 0
    # Tokenize piece by piece at span edges: the prompt then ends exactly where generation starts at inference.
    for start, end in spans:
        for piece, carries in ((text[cut:start], 0), (text[start:end], 1)):
            if piece:
                piece_ids = tokenizer(piece, add_special_tokens=special and not ids)["input_ids"]
                ids += piece_ids
                mask += [carries] * len(piece_ids)
        cut = end
    if cut < len(text):
        tail = tokenizer(text[cut:], add_special_tokens=special and not ids)["input_ids"]
        ids += tail
        mask += [0] * len(tail)
    if add_eos and tokenizer.eos_token_id is not None and (not ids or ids[-1] != tokenizer.eos_token_id):
        ids.append(tokenizer.eos_token_id)
        mask.append(1)
    if max_length is not None:
        ids, mask = ids[:max_length], mask[:max_length]
    return ids, mask
