"""Before/after report on held-out rows: did the run make the model better?

`measure()` runs once before training (the base model) and once after (the tuned one) on the valid rows (with none
held out, on the training rows, and the report says so): eval loss for every trainer; for every trainer but reward,
what the base and tuned models answer to up to 8 of the prompts (trainers/answers.py); for reward/DPO/ORPO,
preference accuracy (how often the chosen answer is scored above the rejected one); for KTO, the margin between
the answers marked good and those marked bad (their mean log-probability per token, good minus bad). `write_report()`
puts both side by side in PROJECT/report.json, with a verdict in plain words.
"""

from __future__ import annotations

import json
from pathlib import Path

import torch

from autotrain_ui.core.answers import MAX_PROMPTS, check, pair_check
from autotrain_ui.core.jsonfile import read_json
from autotrain_ui.core.i18n import part, render_all
from autotrain_ui.core.trainers_catalog import trains_text
from trainers import answers as model_answers
from trainers.dist import is_main_process
from autotrain_ui.core.templates import fit_roles

PAIRS = 64           # preference pairs scored at most


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


def measure(trainer, tokenizer, params, valid_rows: list[dict] | None, side: str = "after") -> dict | None:
    """One side of the report (side: "before" training or "after"). None when there are no rows to measure."""
    if not valid_rows:
        return None
    model = trainer.model
    was_training = model.training
    model.eval()
    result: dict = {}
    if trainer.eval_dataset is not None:
        metrics = trainer.evaluate()
        result["eval_loss"] = metrics.get("eval_loss")
    if params.trainer == "grpo":  # the rewards of greedy answers, base and tuned (trainers/rewarding.py)
        from trainers import rewarding

        result.update(rewarding.measure(model, tokenizer, params, valid_rows, side))
    elif params.trainer == "kto":
        result.update(feedback_margin(model, tokenizer, valid_rows[:PAIRS]))
    elif not trains_text(params.trainer):
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
        result["pairs"] = len(rows)
    if params.trainer not in ("reward", "grpo"):
        result.update(_answers(model, tokenizer, params, valid_rows, side))
    model.train(was_training)
    return result


def measured_rows(params) -> int:
    """How many rows a side measures at most: prompts answered (sft/default) or pairs and answers scored."""
    return MAX_PROMPTS if trains_text(params.trainer) else PAIRS


def _answers(model, tokenizer, params, rows: list[dict], side: str) -> dict:
    """The greedy answers to up to MAX_PROMPTS of the rows' prompts: the tuned model's after training, and the base
    model's, with the adapter switched off then (--peft), or before training (a full fine-tune, or an adapter that
    is merged into the model when it is saved)."""
    items = model_answers.prompts(params.trainer, rows, tokenizer)
    peft = model_answers.base_after_training(model, params)
    if not items or (side == "before" and peft):
        return {}
    if side == "before":
        return {"prompts": items, "base_answers": model_answers.generate(model, tokenizer, items)}
    if peft:
        tuned, base = model_answers.tuned_and_base(model, tokenizer, items)
        return {"prompts": items, "answers": tuned, "base_answers": base}
    return {"prompts": items, "answers": model_answers.generate(model, tokenizer, items)}


def baseline(trainer, tokenizer, params, valid_rows, project_dir: Path) -> dict | None:
    """The base model's side, measured before the first step and kept in PROJECT/report_before.json, so a resumed
    run still compares against the model it started from."""
    path = Path(project_dir) / "report_before.json"
    if path.exists():
        return json.loads(path.read_text(encoding="utf-8"))
    before = measure(trainer, tokenizer, params, valid_rows, side="before")
    if before is not None and is_main_process():
        path.write_text(json.dumps(before, indent=2) + "\n", encoding="utf-8")
    return before


def _copies_part(split: dict) -> dict | None:
    """What happened to held-out rows that were copies of training rows (autotrain_ui/core/data/split.py hold_out), as a part."""
    copies, asked, valid = split.get("copies_put_back") or 0, split.get("asked") or 0, split.get("held_out_rows") or 0
    if not copies:
        return None
    if not valid:
        return part("coach.report_copies_all", asked=asked)
    return part("coach.report_copies_some", copies=copies, asked=asked, valid=valid)


def write_report(project_dir: Path, params, before: dict | None, after: dict | None, rows: int,
                 seen: int = 0) -> dict | None:
    """PROJECT/report.json: both sides and the verdict, as English text ("verdict") and as parts (catalog
    keys with their values, which the page shows in the visitor's language), and what both models answer
    ("answers", "answer_check": the verdict reads it). `seen`: with no held-out rows (rows == 0), the number of
    training rows measured instead; the report is then marked "measured_on": "training" and says that it shows
    what was learned from those rows, not on new ones."""
    if not is_main_process():
        return None
    split = read_json(Path(project_dir) / "held_out.json") or {}
    if before is None or after is None:
        copies = _copies_part(split)
        if not copies:
            return None
        # every held-out row was a copy of a training row: say so, rather than compare on rows the model has seen
        report = {"trainer": params.trainer, "held_out_rows": 0, "before": None, "after": None,
                  "verdict": render_all([copies]), "verdict_parts": [copies]}
        (Path(project_dir) / "report.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        return report
    before, after = dict(before), dict(after)
    parts = [part("coach.report_seen_rows", rows=seen)] if seen and not rows else []
    if before.get("eval_loss") is not None and after.get("eval_loss") is not None:
        b, a = before["eval_loss"], after["eval_loss"]
        if abs(a - b) <= 0.005 * abs(b):
            parts.append(part("coach.report_held_same", after=a))
        else:
            parts.append(part("coach.report_held_better" if a < b else "coach.report_held_worse", before=b, after=a))
    if before.get("margin") is not None and after.get("margin") is not None:
        parts.append(part("coach.report_margin", before=before["margin"], after=after["margin"]))
    if before.get("preference_accuracy") is not None:
        parts.append(part("coach.report_preference", after=after["preference_accuracy"],
                          before=before["preference_accuracy"]))
    base_reward = after.get("base_mean_reward", before.get("mean_reward"))
    if after.get("mean_reward") is not None and base_reward is not None:
        parts.append(part("coach.report_reward", before=base_reward, after=after["mean_reward"]))
    copies = _copies_part(split)
    if copies:
        parts.append(copies)
    report = {"trainer": params.trainer, "held_out_rows": rows, "before": before, "after": after,
              "verdict": render_all(parts), "verdict_parts": parts}
    if seen and not rows:
        report.update(measured_on="training", training_rows=seen)
    report.update(_answer_report(params, before, after, "training" if seen and not rows else "held_out"))
    (Path(project_dir) / "report.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return report


def _answer_report(params, before: dict, after: dict, measured_on: str) -> dict:
    """report.json's "answers" (each prompt with the base and tuned answers, scored) and "answer_check" (their
    summary, which the verdict reads: autotrain_ui/core/answers.py). Taken out of the before/after sides."""
    items = after.pop("prompts", None) or before.pop("prompts", None)
    tuned = after.pop("answers", None)
    base = after.pop("base_answers", None) or before.pop("base_answers", None)
    before.pop("prompts", None)
    if params.trainer == "reward":
        found = pair_check(before.get("preference_accuracy"), after.get("preference_accuracy"),
                           after.get("pairs"), measured_on)
        return {"answer_check": found} if found else {}
    if not items or not tuned or not base:
        return {}
    rows = [{**{k: v for k, v in item.items() if k != "templated"}, "base": b["text"], "tuned": t["text"],
             "base_cap": b["cap"], "tuned_cap": t["cap"]} for item, b, t in zip(items, base, tuned)]
    summary = check(params.trainer, rows, measured_on)
    for row in rows:
        row.setdefault("expected", (row.get("chosen") or [""])[0])
    return {"answers": rows, "answer_check": summary}
