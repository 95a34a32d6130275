"""Chat templates, applied the same way for every trainer, and the loss mask that goes with them.

`setup_chat_template()` puts the chosen template on the tokenizer, so TRL's trainers (reward, DPO, ORPO)
and our own (default, SFT) render conversations identically. `render()` turns one canonical example
(see autotrain_ui.core.data.prepare) into token ids plus a mask saying which tokens carry the loss.
"""

from __future__ import annotations

from autotrain_ui.core.data.tokens import joined_prompt

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


def choose(requested: str | None, conversational: bool, tokenizer, plain_pairs: bool = False) -> tuple[str, str]:
    """The template a run uses -> (name, why). Not given ('auto' or None): conversations get the model's own
    template, ChatML when its tokenizer has none; plain text gets none, and so do a prompt and its answer in plain
    text for a base model (no chat template): they are joined as text, the loss on the answer, as TRL joins them. A template the user chose is kept. `why` is
    English text that also knows its catalog key (autotrain_ui.core.i18n.Message), so the page can say it in Korean."""
    from autotrain_ui.core.i18n import message

    if requested not in (None, "", "auto"):
        return requested, message("template.why.chosen")
    if not conversational:
        return "none", message("template.why.plain")
    if getattr(tokenizer, "chat_template", None):
        return "tokenizer", message("template.why.own")
    if plain_pairs:
        return "none", message("template.why.base_pairs")
    return "chatml", message("template.why.chatml")


def setup_chat_template(tokenizer, template: str) -> list[str]:
    """Install the template on the tokenizer. Returns the special tokens that had to be added (their
    embeddings must then be trained: see loading.apply_lora)."""
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


# ---------------------------------------------------------------- system messages on templates without a system role

_SYSTEM_PROBE = "SYSTEM-PROBE-7f3a"
_system_role_cache: dict[str, bool] = {}


def has_system_role(tokenizer) -> bool:
    """Whether the tokenizer's chat template renders a system message of a training conversation. Gemma's refuses one
    ("System role not supported"), Mixtral's raises on any role but user/assistant, Mistral v0.3's keeps it only when
    the conversation ends on a user turn: each drops or refuses what the user wrote."""
    template = getattr(tokenizer, "chat_template", None)
    if not template:
        return True
    if template not in _system_role_cache:
        probe = [{"role": "system", "content": _SYSTEM_PROBE}, {"role": "user", "content": "hi"},
                 {"role": "assistant", "content": "hello"}]
        try:
            _system_role_cache[template] = _SYSTEM_PROBE in tokenizer.apply_chat_template(probe, tokenize=False)
        except Exception:  # jinja's raise_exception(...): the template refuses the role
            _system_role_cache[template] = False
    return _system_role_cache[template]


def fit_roles(tokenizer, messages: list[dict]) -> list[dict]:
    """The conversation as the model's template can take it: where the template has no system role, each system
    message is folded into the user turn after it (the system text, a blank line, the user's text: what Gemma 3's own
    template does). A system message with no user turn after it cannot be folded, and is refused."""
    if not messages or not any(m.get("role") == "system" for m in messages) or has_system_role(tokenizer):
        return messages
    out: list[dict] = []
    pending: list[str] = []
    for m in messages:
        if m.get("role") == "system":
            pending.append(m["content"])
            continue
        if pending and m.get("role") == "user":
            m = {**m, "content": "\n\n".join(pending + [m["content"]])}
            pending = []
        elif pending:
            break
        out.append(m)
    if pending:
        raise TemplateError("This model's chat template has no system role, and a system message here is not "
                            "followed by a user turn to fold it into. Start each conversation's turns after the system "
                            "message with a user turn, or drop the system message.")
    return out


def fit_example(tokenizer, example: dict) -> dict:
    """fit_roles on every conversation of an example (prompt, chosen, rejected, messages), for TRL's trainers, which
    apply the template themselves."""
    return {k: fit_roles(tokenizer, v) if isinstance(v, list) and k in ("prompt", "chosen", "rejected", "messages")
            else v for k, v in example.items()}


def system_note(tokenizer) -> str:
    """A line for train.log when system messages are folded, else ''."""
    if getattr(tokenizer, "chat_template", None) and not has_system_role(tokenizer):
        return ("chat template: it has no system role, so a system message is folded into the first user turn "
                "(system text, a blank line, the user's text)")
    return ""


# ---------------------------------------------------------------- which characters carry the loss

def _marker_length(rest: str, tail: str) -> int:
    """How much of `rest` (the conversation after an answer) is the end-of-turn marker the template writes after that
    answer as the newest turn (`tail`). Where the two part (Phi-3 ends the newest turn with <|end|> and the text's
    end token, an earlier one with <|end|> and the next turn), keep the marker up to its last closing character, never
    part of the next turn's marker (the "<|" of "<|user|>")."""
    n = min(len(rest), len(tail))
    i = 0
    while i < n and rest[i] == tail[i]:
        i += 1
    if i == len(tail):
        return i
    closing = max(tail.rfind(c, 0, i) for c in ("\n", ">", "]"))
    return closing + 1 if closing >= 0 else 0


def conversation_spans(tokenizer, messages: list[dict]) -> tuple[str, list[tuple[int, int]]]:
    """The rendered conversation and the character spans of the assistant turns: from where generation starts (after
    the template's generation prompt) through the end-of-turn marker the template writes after the answer, so the
    model learns to answer and to stop. Templates that render history differently from the newest turn (Qwen3 drops
    the thinking of earlier turns; Mistral moves the system message) are handled by finding the answer itself and
    the marker the template writes after it."""
    messages = fit_roles(tokenizer, messages)
    full = tokenizer.apply_chat_template(messages, tokenize=False)
    spans = []
    cursor = 0
    for i, message in enumerate(messages):
        if message["role"] != "assistant" or message.get("weight") == 0:   # OpenAI's weight 0: context, no loss
            continue
        content = message["content"]
        prefix = tokenizer.apply_chat_template(messages[:i], tokenize=False, add_generation_prompt=True) if i else ""
        aligned = bool(i) and full.startswith(prefix) and len(prefix) >= cursor
        found = full.find(content, len(prefix) if aligned else cursor)
        if found < 0 and content.strip():  # templates that trim the answer (Gemma)
            content = content.strip()
            found = full.find(content, len(prefix) if aligned else cursor)
        if found < 0:
            continue
        start = len(prefix) if aligned else found
        answer_end = found + len(content)
        upto = tokenizer.apply_chat_template(messages[: i + 1], tokenize=False)
        at = upto.rfind(content)
        tail = upto[at + len(content):] if at >= 0 else ""
        end = answer_end + _marker_length(full[answer_end:], tail)
        spans.append((start, end))
        cursor = end
    return full, spans


def render(example: dict, tokenizer, *, train_on_inputs: bool = False, add_eos: bool = False,
           max_length: int | None = None) -> tuple[list[int], list[int]]:
    """Token ids and a 0/1 loss mask for one example ({"text": ...} or {"messages": [...]})."""
    if "messages" in example:
        text, spans = conversation_spans(tokenizer, example["messages"])
        special = False  # the template already holds every marker
    elif "completion" in example:  # a prompt and its answer as plain text: the answer carries the loss
        prompt = joined_prompt(example["prompt"])
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
