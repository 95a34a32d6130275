"""GRPO's side of a run, apart from its recipe: the reward menu's functions in the shape TRL calls them, a few
sampled answers with their scores at each logging step (PROJECT/samples.jsonl, for the Runs view), and the mean
reward of the base and tuned models' greedy answers to the held-out prompts (the before/after report)."""

from __future__ import annotations

import json
from pathlib import Path

from transformers import TrainerCallback

from autotrain_ui.core import rewards as menu
from trainers.dist import is_main_process

SAMPLES = 4            # answers shown per logging step (one prompt's group: the model's choices side by side)
SAMPLE_CHARS = 600     # an answer is cut to this many characters in samples.jsonl
HELD_PROMPTS = 16      # held-out prompts answered by both models for the report


def names(chosen: list) -> list[str]:
    """Each reward's name in the curves: its kind, numbered when a kind is chosen twice (length, length_2)."""
    out, seen = [], {}
    for reward in chosen:
        seen[reward.kind] = seen.get(reward.kind, 0) + 1
        out.append(reward.kind if seen[reward.kind] == 1 else f"{reward.kind}_{seen[reward.kind]}")
    return out


class Recorder:
    """The latest batch each reward scored: what the samples callback writes at the next logging step."""

    def __init__(self):
        self.prompts, self.completions, self.scores = [], [], {}

    def note(self, name: str, prompts, completions, scores) -> None:
        self.prompts, self.completions = list(prompts), list(completions)
        self.scores[name] = list(scores)


def reward_functions(chosen: list, recorder: Recorder) -> list:
    """One function per chosen reward, as TRL calls them: (prompts, completions, reference=..., **columns) -> scores."""
    funcs = []
    for reward, name in zip(chosen, names(chosen)):
        def score(prompts, completions, reference=None, _reward=reward, _name=name, **_):
            refs = reference if reference is not None else [None] * len(completions)
            out = [_reward.score(c, {"prompt": p, "reference": r}) for p, c, r in zip(prompts, completions, refs)]
            recorder.note(_name, prompts, completions, out)
            return out
        score.__name__ = name
        funcs.append(score)
    return funcs


class SamplesCallback(TrainerCallback):
    """At each logging step, the first prompt's sampled answers and their scores to PROJECT/samples.jsonl."""

    def __init__(self, project_dir: Path, recorder: Recorder, chosen: list):
        self.path, self.recorder, self.chosen = Path(project_dir) / "samples.jsonl", recorder, chosen

    def on_log(self, args, state, control, logs=None, **kwargs):
        rec = self.recorder
        if not is_main_process() or not logs or "reward" not in logs or not rec.completions:
            return
        weights = {name: r.weight for name, r in zip(names(self.chosen), self.chosen)}
        total = sum(weights.values()) or 1.0
        rows = []
        for i in range(min(SAMPLES, len(rec.completions))):
            scores = {name: round(float(s[i]), 3) for name, s in rec.scores.items() if i < len(s)}
            rows.append({"prompt": menu.answer_text(rec.prompts[i])[-SAMPLE_CHARS:],
                         "completion": menu.answer_text(rec.completions[i])[:SAMPLE_CHARS], "scores": scores,
                         "reward": round(sum(weights[n] * s for n, s in scores.items()) / total, 3)})
        with self.path.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps({"step": state.global_step, "samples": rows}, ensure_ascii=False) + "\n")


def trl_rows(rows: list[dict], templated: bool) -> list[dict]:
    """{"prompt", "reference"} as TRL takes them: with a chat template a text prompt becomes a user turn (so the model
    answers as in chat), and a missing reference is '' (a column of one type)."""
    out = []
    for row in rows:
        prompt = row["prompt"]
        if templated and isinstance(prompt, str):
            prompt = [{"role": "user", "content": prompt}]
        out.append({"prompt": prompt, "reference": menu.answer_text(row.get("reference")) or ""})
    return out


def measure(model, tokenizer, params, rows: list[dict], side: str) -> dict:
    """The mean reward (weighted, 0..1) of greedy answers to up to HELD_PROMPTS prompts: the tuned model's after
    training and the base model's (with --peft its adapter switched off then; a full fine-tune's before training).
    The answers are as long as the run's sampled ones (--max-completion-length), so the rewards score what training
    scored: an answer cut shorter could miss the number or the closing tag the reward looks for."""
    from trainers import answers

    chosen, cap = menu.parse(params.rewards), menu.completion_length(params)
    rows = rows[:HELD_PROMPTS]
    items = []
    for row in trl_rows(rows, params.template != "none"):
        prompt = row["prompt"]
        if isinstance(prompt, str):
            items.append({"prompt": prompt, "templated": False})
        else:
            items.append({"prompt": tokenizer.apply_chat_template(prompt, tokenize=False, add_generation_prompt=True),
                          "templated": True})
    peft = answers.base_after_training(model, params)

    def mean(found: list[dict]) -> tuple[float, list]:
        scores = [menu.total(chosen, a["text"], row) for a, row in zip(found, rows)]
        return sum(scores) / len(scores), scores

    if not items or (side == "before" and peft):
        return {}
    if side == "before":
        value, _ = mean(answers.generate(model, tokenizer, items, cap))
        return {"mean_reward": value}
    tuned, base = answers.tuned_and_base(model, tokenizer, items, cap) if peft else \
        (answers.generate(model, tokenizer, items, cap), None)
    out = {"reward_prompts": len(items)}
    out["mean_reward"], tuned_scores = mean(tuned)
    if peft:
        out["base_mean_reward"], base_scores = mean(base)
        out["reward_answers"] = [{"prompt": menu.answer_text(r["prompt"]), "base": b["text"], "tuned": t["text"],
                                  "base_reward": round(bs, 3), "tuned_reward": round(ts, 3)}
                                 for r, b, t, bs, ts in zip(rows, base, tuned, base_scores, tuned_scores)]
    return out
