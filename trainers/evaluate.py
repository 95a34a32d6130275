"""Before/after report on held-out rows: did the run make the model better?

`measure()` runs once before training (the base model) and once after (the tuned one) on the valid rows:
eval loss for every trainer; for SFT/default, the answers to a few held-out prompts; for reward/DPO/ORPO,
preference accuracy (how often the chosen answer is scored above the rejected one); for KTO, the margin between
the answers marked good and those marked bad (their mean log-probability per token, good minus bad). `write_report()`
puts both side by side in PROJECT/report.json, with a verdict in plain words.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import torch

from autotrain_ui.coach import MESSAGES
from autotrain_ui.jsonfile import read_json
from autotrain_ui.messages import part, render_all
from autotrain_ui.trainers_catalog import trains_text
from trainers.dist import is_main_process
from trainers.templates import fit_roles

ANSWERS = 3          # held-out prompts answered by both models
PAIRS = 64           # preference pairs scored at most
TURN_SPLIT = re.compile(r"^(.*?\b(?:bot|assistant|### Assistant)\s*:)\s*(.+)$", re.S | re.I)


def _prompt_and_answer(example: dict, tokenizer) -> tuple[str, str, bool] | None:
    """(prompt, expected answer, whether the prompt is already rendered with the chat template)."""
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


def _generate(model, tokenizer, prompt: str, templated: bool, max_new_tokens: int = 40) -> str:
    ids = tokenizer(prompt, return_tensors="pt", add_special_tokens=not templated)
    ids = {k: v.to(model.device) for k, v in ids.items()}
    with torch.no_grad():
        out = model.generate(**ids, max_new_tokens=max_new_tokens, do_sample=False,
                             pad_token_id=tokenizer.pad_token_id, use_cache=True)
    return tokenizer.decode(out[0, ids["input_ids"].shape[1]:], skip_special_tokens=True).strip()


def _text(value, tokenizer, prompt=None) -> str:
    """A string, or a conversation rendered with the run's template."""
    if isinstance(value, str):
        return value
    messages = (prompt or []) + value if prompt is not None and not isinstance(prompt, str) else value
    return tokenizer.apply_chat_template(fit_roles(tokenizer, messages), tokenize=False)


def _completion_logprob(model, tokenizer, prompt, answer) -> float:
    if isinstance(prompt, str):
        p_ids = tokenizer(prompt, add_special_tokens=False)["input_ids"]
        a_ids = tokenizer(_text(answer, tokenizer), add_special_tokens=False)["input_ids"]
    else:
        p_text = tokenizer.apply_chat_template(fit_roles(tokenizer, prompt), tokenize=False, add_generation_prompt=True)
        full = _text(answer, tokenizer, prompt)
        p_ids = tokenizer(p_text, add_special_tokens=False)["input_ids"]
        a_ids = tokenizer(full, add_special_tokens=False)["input_ids"][len(p_ids):]
    ids = torch.tensor([p_ids + a_ids], device=model.device)
    with torch.no_grad():
        logp = model(input_ids=ids).logits[0, :-1].float().log_softmax(-1)
    picked = logp.gather(1, ids[0, 1:, None])[:, 0]
    return float(picked[max(len(p_ids) - 1, 0):].mean())


def feedback_margin(model, tokenizer, rows: list[dict]) -> dict:
    """KTO's side of the report: the mean per-token log-probability of the held-out answers marked good, of those
    marked bad, and the margin between them (good minus bad: training should raise it). None where a kind is
    missing from the held-out rows."""
    sides = {True: [], False: []}
    for row in rows:
        sides[bool(row["label"])].append(_completion_logprob(model, tokenizer, row["prompt"], row["completion"]))
    good, bad = (sum(v) / len(v) if v else None for v in (sides[True], sides[False]))
    return {"desirable_logprob": good, "undesirable_logprob": bad,
            "margin": good - bad if good is not None and bad is not None else None}


def _score(model, tokenizer, text: str) -> float:
    ids = tokenizer(text, return_tensors="pt", truncation=True, max_length=tokenizer.model_max_length)
    with torch.no_grad():
        return float(model(**{k: v.to(model.device) for k, v in ids.items()}).logits[0, 0])


def measure(trainer, tokenizer, params, valid_rows: list[dict] | None) -> dict | None:
    """One side of the report. None when there are no held-out rows."""
    if not valid_rows:
        return None
    model = trainer.model
    was_training = model.training
    model.eval()
    result: dict = {}
    if trainer.eval_dataset is not None:
        metrics = trainer.evaluate()
        result["eval_loss"] = metrics.get("eval_loss")
    if trains_text(params.trainer):
        answers = []
        for example in valid_rows:
            pair = _prompt_and_answer(example, tokenizer)
            if pair:
                answers.append({"prompt": pair[0], "expected": pair[1],
                                "answer": _generate(model, tokenizer, pair[0], pair[2])})
            if len(answers) == ANSWERS:
                break
        result["answers"] = answers
    elif params.trainer == "kto":
        result.update(feedback_margin(model, tokenizer, valid_rows[:PAIRS]))
    else:
        wins = 0
        rows = valid_rows[:PAIRS]
        for row in rows:
            if params.trainer == "reward":
                wins += _score(model, tokenizer, _text(row["chosen"], tokenizer)) > \
                    _score(model, tokenizer, _text(row["rejected"], tokenizer))
            else:
                wins += _completion_logprob(model, tokenizer, row["prompt"], row["chosen"]) > \
                    _completion_logprob(model, tokenizer, row["prompt"], row["rejected"])
        result["preference_accuracy"] = wins / len(rows) if rows else None
    model.train(was_training)
    return result


def baseline(trainer, tokenizer, params, valid_rows, project_dir: Path) -> dict | None:
    """The base model's side, measured before the first step and kept in PROJECT/report_before.json, so a resumed
    run still compares against the model it started from."""
    path = Path(project_dir) / "report_before.json"
    if path.exists():
        return json.loads(path.read_text(encoding="utf-8"))
    before = measure(trainer, tokenizer, params, valid_rows)
    if before is not None and is_main_process():
        path.write_text(json.dumps(before, indent=2) + "\n", encoding="utf-8")
    return before


def _copies_part(split: dict) -> dict | None:
    """What happened to held-out rows that were copies of training rows (autotrain_ui/data/split.py hold_out), as a part."""
    copies, asked, valid = split.get("copies_put_back") or 0, split.get("asked") or 0, split.get("held_out_rows") or 0
    if not copies:
        return None
    if not valid:
        return part("report_copies_all", asked=asked)
    return part("report_copies_some", copies=copies, asked=asked, valid=valid)


def write_report(project_dir: Path, params, before: dict | None, after: dict | None, rows: int,
                 seen: int = 0) -> dict | None:
    """PROJECT/report.json: both sides and the verdict, as English text ("verdict") and as parts (keys of
    coach.MESSAGES with their values, which the page shows in the visitor's language). `seen`: with no held-out
    rows (rows == 0), the number of training rows measured instead (kto); the report is then marked
    "measured_on": "training" and says that it shows what was learned from those rows, not on new ones."""
    if not is_main_process():
        return None
    split = read_json(Path(project_dir) / "held_out.json") or {}
    if before is None or after is None:
        copies = _copies_part(split)
        if not copies:
            return None
        # every held-out row was a copy of a training row: say so, rather than compare on rows the model has seen
        report = {"trainer": params.trainer, "held_out_rows": 0, "before": None, "after": None,
                  "verdict": render_all([copies], MESSAGES), "verdict_parts": [copies]}
        (Path(project_dir) / "report.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        return report
    before, after = dict(before), dict(after)
    parts = [part("report_seen_rows", rows=seen)] if seen and not rows else []
    if before.get("eval_loss") is not None and after.get("eval_loss") is not None:
        b, a = before["eval_loss"], after["eval_loss"]
        if abs(a - b) <= 0.005 * abs(b):
            parts.append(part("report_held_same", after=a))
        else:
            parts.append(part("report_held_better" if a < b else "report_held_worse", before=b, after=a))
    if before.get("margin") is not None and after.get("margin") is not None:
        parts.append(part("report_margin", before=before["margin"], after=after["margin"]))
    if before.get("preference_accuracy") is not None:
        parts.append(part("report_preference", after=after["preference_accuracy"],
                          before=before["preference_accuracy"]))
    copies = _copies_part(split)
    if copies:
        parts.append(copies)
    report = {"trainer": params.trainer, "held_out_rows": rows, "before": before, "after": after,
              "verdict": render_all(parts, MESSAGES), "verdict_parts": parts}
    if seen and not rows:
        report.update(measured_on="training", training_rows=seen)
    if before.get("answers") is not None:
        report["answers"] = [{"prompt": b["prompt"], "expected": b["expected"], "base": b["answer"], "tuned": a["answer"]}
                             for b, a in zip(before["answers"], after["answers"])]
        for side in (before, after):
            side.pop("answers", None)
    (Path(project_dir) / "report.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return report
