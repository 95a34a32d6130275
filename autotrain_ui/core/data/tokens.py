"""Token lengths and the "what the model will learn" preview.

Only works on canonical examples (see data.prepare). The tokenizer and the render callable come from the
caller (the engine applies the chat template); nothing here imports torch or transformers.
"""
from __future__ import annotations

import math
import random

from autotrain_ui.core.data.report import Problem
from autotrain_ui.core.i18n import message, rows as rows_of, text

CHUNK = 1000
EXACT_ROWS = 20_000   # up to this many rows every one is counted; beyond, this many drawn at random (seeded): the
                      # engine's render costs ~0.5 ms a row (3 template renders and the pieces tokenized apart), so a
                      # million rows would take minutes, and 20,000 give the mean within a fraction of a token


def public(example: dict) -> dict:
    """The example without bookkeeping keys (_row, _line)."""
    return {k: v for k, v in example.items() if not k.startswith("_")}


def _turns_text(value) -> str:
    if isinstance(value, list):
        return "\n".join(f"{t.get('role')}: {t.get('content')}" for t in value if isinstance(t, dict))
    return "" if value is None else str(value)


def joined_prompt(prompt: str) -> str:
    """A plain-text prompt as the model reads it before its answer: a line break after it unless it already ends
    in whitespace (so "hello" + "hi" never reads "hellohi"). templates.render joins them the same way."""
    return prompt + ("" if prompt[-1:].isspace() or not prompt else "\n")


def _part(value, loss: bool, all_loss: bool) -> list[tuple[str, bool]]:
    """Turns (the assistant's carry the loss where `loss`, unless of weight 0) or text (carries `loss`) as readable
    pieces; `all_loss` puts the loss on everything."""
    if isinstance(value, list):
        return [piece for t in value if isinstance(t, dict) for piece in (
            (f"{t['role']}: ", all_loss), (f"{t['content']}\n", all_loss or (loss and t["role"] == "assistant" and
                                                                                     t.get("weight") != 0)))]
    return [("" if value is None else str(value), loss or all_loss)]


def example_segments(example: dict, all_loss: bool = False) -> list[tuple[str, bool]]:
    """Readable (text, carries_loss) pieces of an example when no tokenizer is at hand. `all_loss`: the default
    trainer, whose loss is on every token."""
    if "text" in example:
        return [(str(example["text"]), True)]
    if "messages" in example:
        return _part(example["messages"], True, all_loss)
    answer = example.get("completion", example.get("chosen"))
    prompt = example.get("prompt")
    if prompt is None:
        return _part(answer, True, all_loss)
    if isinstance(prompt, str) and not isinstance(answer, list):
        prompt = joined_prompt(prompt)
    return _part(prompt, False, all_loss) + _part(answer, True, all_loss)


def example_text(example: dict) -> str:
    """The plain text a row amounts to: for pairs, the prompt plus the longer answer."""
    if "text" in example:
        return str(example["text"])
    if "messages" in example:
        return _turns_text(example["messages"])
    if "completion" in example:
        return f"{_turns_text(example['prompt'])}\n{_turns_text(example['completion'])}"
    prompt = _turns_text(example.get("prompt")) + "\n" if "prompt" in example else ""
    answers = [_turns_text(example[k]) for k in ("chosen", "rejected") if k in example]
    return prompt + max(answers, key=len, default="")


def _ids(encoded) -> list:
    if isinstance(encoded, dict) or hasattr(encoded, "keys"):
        return list(encoded["input_ids"])
    return list(encoded)


def token_lengths(examples: list[dict], tokenizer, render=None, failures: list | None = None) -> list[int | None]:
    """Token count per example; None where render raised (the example and error go to `failures`)."""
    if render is not None:
        lengths: list[int | None] = []
        for ex in examples:
            try:
                lengths.append(len(render(public(ex))[0]))
            except Exception as err:  # noqa: BLE001 - a chat template refusing a row is the row's problem
                lengths.append(None)
                if failures is not None:
                    failures.append((ex, err))
        return lengths
    texts = [example_text(ex) for ex in examples]
    lengths: list[int] = []
    for start in range(0, len(texts), CHUNK):
        chunk = texts[start:start + CHUNK]
        try:
            encoded = tokenizer(chunk)["input_ids"]
            lengths.extend(len(ids) for ids in encoded)
        except (TypeError, KeyError, AttributeError):
            lengths.extend(len(_ids(tokenizer(t))) for t in chunk)
    return lengths


def resolve_block_size(tokenizer, block_size: int | None) -> int | None:
    if block_size is not None and block_size > 0:
        return int(block_size)
    limit = getattr(tokenizer, "model_max_length", None)
    if isinstance(limit, int) and 0 < limit < 1_000_000:
        return limit
    return None


def _drawn(examples: list[dict], sample: int | None) -> list[dict]:
    if not sample or len(examples) <= sample:
        return examples
    return [examples[i] for i in sorted(random.Random(0).sample(range(len(examples)), sample))]


def _sampling(stats: dict, lengths: list[int], drawn: int, total: int) -> None:
    """What a sample's figures are worth: 95% bounds on the mean and on the share of rows over the block (normal
    approximation, with the finite-population correction), and the note that says so."""
    n = len(lengths)
    mean = sum(lengths) / n
    sd = math.sqrt(sum((x - mean) ** 2 for x in lengths) / max(1, n - 1))
    fpc = math.sqrt(max(0.0, 1 - drawn / total))
    share = stats["rows_over_block"] / n
    stats.update(sampled=drawn, total=total, mean_error=round(1.96 * sd / math.sqrt(n) * fpc, 1),
                 rows_over_block=round(share * total),
                 over_error=round(100 * 1.96 * math.sqrt(share * (1 - share) / n) * fpc, 2))
    stats["note"] = message("data.tokens_sampled", sampled=drawn, total=total, mean_error=stats["mean_error"],
                            over_error=stats["over_error"])


def token_stats(examples: list[dict], tokenizer, render=None, block_size: int | None = None,
                unit_of=None, *, sample: int | None = EXACT_ROWS) -> tuple[dict, list[Problem]]:
    """-> (stats, problems). unit_of(example) names the row for messages ('row 3' / 'line 4'). Over `sample` rows,
    the figures come from that many drawn at random, and stats says how far they can be off (_sampling)."""
    total = len(examples)
    examples = _drawn(examples, sample)
    failures: list = []
    measured = token_lengths(examples, tokenizer, render, failures)
    block = resolve_block_size(tokenizer, block_size)
    problems = []
    if failures:
        ex, err = failures[0]
        word, number = ("line", ex["_line"]) if "_line" in ex else ("row", ex.get("_row"))
        more = ""
        if len(failures) > 1:
            numbers = [f[0].get("_line", f[0].get("_row")) for f in failures]
            more = message("data.template_cannot_render.more", n=len(failures),
                           rows=rows_of(numbers[:5], len(numbers), word))
        problems.append(Problem("error", message("data.template_cannot_render", where=rows_of([number], 1, word),
                                                 error_type=type(err).__name__, error=str(err)[:200], more=more),
                                row=ex.get("_row"), line=ex.get("_line")))
    pairs = [(ex, n) for ex, n in zip(examples, measured) if n is not None]
    drawn = len(examples)
    examples = [ex for ex, _ in pairs]
    lengths = [n for _, n in pairs]
    if not lengths:
        return {"min": 0, "mean": 0.0, "p95": 0, "max": 0, "block_size": block, "rows_over_block": 0,
                "over_block_rows": []}, problems
    ordered = sorted(lengths)
    p95 = ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)]
    over = [ex.get("_row") for ex, n in zip(examples, lengths) if block and n > block]
    stats = {"min": ordered[0], "mean": round(sum(lengths) / len(lengths), 1), "p95": p95, "max": ordered[-1],
             "block_size": block, "rows_over_block": len(over), "over_block_rows": over[:10]}
    if drawn < total:
        _sampling(stats, lengths, drawn, total)
    if over:
        first = next(ex for ex, n in zip(examples, lengths) if n > block)
        word = "line" if "_line" in first else "row"
        numbers = [ex.get("_line", ex.get("_row")) for ex, n in zip(examples, lengths) if n > block]
        n_over = stats["rows_over_block"]
        problems.append(Problem(
            "warning", message("data.rows_over_block.one" if n_over == 1 else "data.rows_over_block", n=n_over,
                               block=block, rows=rows_of(numbers, n_over, word), longest=ordered[-1]),
            row=over[0], line=first.get("_line")))
    return stats, problems


def _group(ids: list, mask: list) -> list[tuple[list, bool]]:
    groups: list[tuple[list, bool]] = []
    for token, flag in zip(ids, mask):
        flag = bool(flag)
        if groups and groups[-1][1] == flag:
            groups[-1][0].append(token)
        else:
            groups.append(([token], flag))
    return groups


def preview(examples: list[dict], render, tokenizer, *, n: int = 3, block_size: int | None = None,
            lang: str = "en", all_loss: bool = False) -> list[list[tuple[str, bool]]]:
    """For the first n examples: (text, carries_loss) pieces as the model will see them (a cut row ends with a note
    in `lang`). The page's loss-marked preview shows these; `autotrain data check --preview` (preview_rows) reads
    its fields from them, so both say the same thing.

    The pieces are raw text: a page that shows them must escape them (cells can hold HTML).
    """
    out: list[list[tuple[str, bool]]] = []
    for example in examples[:n]:
        if tokenizer is None:
            out.append(example_segments(example, all_loss))
            continue
        if render is not None:
            ids, mask = render(public(example))
            ids, mask = list(ids), list(mask)
        else:
            ids = _ids(tokenizer(example_text(example)))
            mask = [1] * len(ids)
        block = block_size if block_size and block_size > 0 else None
        beyond = len(ids) - block if block and len(ids) > block else 0
        if beyond:
            ids, mask = ids[:block], mask[:block]
        pieces = [(tokenizer.decode(group), flag) for group, flag in _group(ids, mask)]
        if beyond:
            pieces.append((text("data.cut_here", lang, n=beyond), False))
        out.append(pieces)
    return out


def preview_rows(examples: list[dict], trainer: str, render=None, tokenizer=None, *, n: int = 3,
                 block_size: int | None = None) -> list[dict]:
    """The first n rows as the model will see them, from preview()'s pieces: {"input", "target"} for default and sft
    (target: exactly the text that carries the loss), {"prompt", "chosen", "rejected"} for reward, dpo and orpo,
    {"prompt", "completion", "label"} for kto. A reward row scores each whole conversation: its prompt is what the
    two share, and chosen and rejected are the rest of each, the user's later turns included."""
    pieces = preview(examples, render, tokenizer, n=n, block_size=block_size, all_loss=trainer == "default")
    rows = []
    for example, row in zip(examples, pieces):
        if "rejected" in example:
            other = preview([{**example, "chosen": example["rejected"]}], render, tokenizer, n=1, block_size=block_size)
            if "prompt" not in example:
                rows.append(_shared_and_rest(row, other[0]))
                continue
            prompt, chosen = _prompt_and_answer(row)
            rows.append({"prompt": prompt, "chosen": chosen, "rejected": _prompt_and_answer(other[0])[1]})
        elif "label" in example:
            prompt, completion = _prompt_and_answer(row)
            rows.append({"prompt": prompt, "completion": completion, "label": bool(example["label"])})
        else:
            rows.append({"input": "".join(t for t, _ in row), "target": "".join(t for t, loss in row if loss)})
    return rows


def _shared_and_rest(chosen: list[tuple[str, bool]], rejected: list[tuple[str, bool]]) -> dict:
    """Two rendered conversations -> {"prompt": the pieces they share from the start, "chosen", "rejected": the rest
    of each}."""
    n = 0
    while n < min(len(chosen), len(rejected)) and chosen[n] == rejected[n]:
        n += 1
    return {"prompt": "".join(t for t, _ in chosen[:n]), "chosen": "".join(t for t, _ in chosen[n:]),
            "rejected": "".join(t for t, _ in rejected[n:])}


def _prompt_and_answer(pieces: list[tuple[str, bool]]) -> tuple[str, str]:
    """What comes before the first piece that carries the loss, and the pieces that carry it."""
    first = next((k for k, (_, loss) in enumerate(pieces) if loss), len(pieces))
    return "".join(t for t, _ in pieces[:first]), "".join(t for t, loss in pieces if loss)
