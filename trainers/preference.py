"""What the preference trainers share. Reward, DPO, ORPO: length-grouped batches (less padding).
DPO, ORPO and KTO: beta and length settings, prompts cut to --max-prompt-length, and a separator after plain-text
prompts (TRL joins prompt and answer tokens directly, so "hello" + "hi" would read "hellohi")."""


def feedback_datasets(params, project_dir, tokenizer):
    """kto: train and eval datasets of {"prompt", "completion", "label"}, and the held-out rows (or None). TRL's KTO
    reads its batches in order (each answer's KL term is measured against the other answers of its batch), so the
    training rows are shuffled once, with the run's seed: a table sorted by label would give one-sided batches."""
    import random

    from datasets import Dataset

    from trainers.examples import load_examples

    train_rows, valid_rows = load_examples(params, project_dir)
    held_out = prepare_feedback(valid_rows, tokenizer, params) if valid_rows else None
    train = prepare_feedback(train_rows, tokenizer, params)
    random.Random(params.seed).shuffle(train)
    return Dataset.from_list(train), Dataset.from_list(held_out) if held_out else None, held_out


def pair_datasets(params, project_dir, tokenizer):
    """Train and eval datasets of {"prompt", "chosen", "rejected", "length"}, and the held-out pairs (or None)."""
    from datasets import Dataset

    from trainers.examples import load_examples

    train_rows, valid_rows = load_examples(params, project_dir)
    held_out = prepare_pairs(valid_rows, tokenizer, params) if valid_rows else None
    train_ds = Dataset.from_list(prepare_pairs(train_rows, tokenizer, params))
    return train_ds, Dataset.from_list(held_out) if held_out else None, held_out


def preference_kwargs(params) -> dict:
    block = params.effective_block_size
    return {"beta": params.dpo_beta, "max_length": block, "max_prompt_length": params.max_prompt_length,
            "max_completion_length": params.max_completion_length or block - params.max_prompt_length}


def prepare_pairs(rows: list[dict], tokenizer, params) -> list[dict]:
    """Prompts cut to --max-prompt-length tokens (their end kept: the question is at the end) and answers to
    --max-completion-length (their start kept). TRL 1.x's configs take only the total max_length, so both limits are
    applied here, to the text, before TRL tokenizes it."""
    from autotrain_ui.core.templates import fit_example

    limits = preference_kwargs(params)
    out = []
    for row in rows:
        row = fit_example(tokenizer, row)  # a template without a system role: system folded into the user turn
        out.append({"prompt": fit_prompt(row["prompt"], tokenizer, limits["max_prompt_length"]),
                    **{side: _cut_answer(row[side], tokenizer, limits["max_completion_length"])
                       for side in ("chosen", "rejected")}})
    return with_lengths(out)


def prepare_feedback(rows: list[dict], tokenizer, params) -> list[dict]:
    """kto rows {"prompt", "completion", "label"}: the prompt and the answer cut as for DPO."""
    from autotrain_ui.core.templates import fit_example

    limits = preference_kwargs(params)
    out = []
    for row in rows:
        row = fit_example(tokenizer, row)  # the prompt's system turn folded in where the template has no system role
        out.append({"prompt": fit_prompt(row["prompt"], tokenizer, limits["max_prompt_length"]),
                    "completion": _cut_answer(row["completion"], tokenizer, limits["max_completion_length"]),
                    "label": bool(row["label"])})
    return out


def fit_prompt(prompt, tokenizer, limit: int):
    """A prompt cut to its last `limit` tokens (text) or its newest turns (a conversation); a text prompt ends in a
    separator, so that the answer TRL appends is not glued to its last word."""
    if not isinstance(prompt, str):
        return _cut_messages(prompt, tokenizer, limit)
    prompt = _cut_text(prompt, tokenizer, limit, keep="end")
    if prompt and not prompt[-1].isspace():
        prompt += "\n"
    return prompt


def _cut_text(text: str, tokenizer, limit: int, keep: str) -> str:
    ids = tokenizer(text, add_special_tokens=False)["input_ids"]
    if len(ids) <= limit:
        return text
    return tokenizer.decode(ids[-limit:] if keep == "end" else ids[:limit]) if limit > 0 else ""


def _cut_answer(answer, tokenizer, limit: int):
    """An answer (text, or assistant turns) cut to `limit` tokens of content, its start kept."""
    if isinstance(answer, str):
        return _cut_text(answer, tokenizer, limit, keep="start")
    out, left = [], limit
    for turn in answer:
        content = _cut_text(turn["content"], tokenizer, left, keep="start")
        left -= len(tokenizer(content, add_special_tokens=False)["input_ids"])
        out.append({**turn, "content": content})
        if left <= 0:
            break
    return out


def with_lengths(rows: list[dict]) -> list[dict]:
    """Add a "length" column (characters of prompt + the longer answer) for length-grouped batches."""
    return [{**row, "length": _chars(row.get("prompt", "")) + max(_chars(row["chosen"]), _chars(row["rejected"]))}
            for row in rows]


def _chars(value) -> int:
    """Length in characters: a cheap stand-in for tokens, enough to group rows of similar length into batches."""
    return len(value) if isinstance(value, str) else sum(len(m["content"]) for m in value)


def grouped_sampling() -> dict:
    """Batches of similar length waste less compute on padding (TrainingArguments sampling strategy)."""
    return {"train_sampling_strategy": "group_by_length", "length_column_name": "length"}


def _rendered_length(messages: list[dict], tokenizer) -> int:
    text = tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
    return len(tokenizer(text, add_special_tokens=False)["input_ids"])


def _cut_messages(messages: list[dict], tokenizer, limit: int) -> list[dict]:
    """Drop the oldest turns (never the last user turn) until the rendered prompt fits; then, if the last turn alone
    is still too long, keep the end of its text (the template's own markers and system prompt always stay)."""
    while len(messages) > 1 and _rendered_length(messages, tokenizer) > limit:
        messages = messages[1:]
    over = _rendered_length(messages, tokenizer) - limit
    if over > 0:
        last = messages[-1]
        ids = tokenizer(last["content"], add_special_tokens=False)["input_ids"]
        keep = max(1, len(ids) - over)  # at least the last token of the question
        messages = messages[:-1] + [{**last, "content": tokenizer.decode(ids[-keep:])}]
    return messages
