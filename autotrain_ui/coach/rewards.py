"""GRPO's verdict: its loss says little (it sits near 0 by construction), so the verdict reads the reward the run
logged at each step (events.jsonl "reward": TRL's weighted sum of the chosen rewards, read here on their 0..1 scale):
it rose, stayed flat or fell, with the held-out prompts' mean reward of the base and tuned models (report.json) and
the one change to try."""

from __future__ import annotations

from autotrain_ui.core.coach_messages import render
from autotrain_ui.coach.rules import _num, _round

MOVED_BY = 0.05     # the averaged reward (0..1) must move this much, first steps to last, to have risen or fallen
MIN_POINTS = 3      # logged rewards needed before the verdict speaks
LR_FACTOR = 3       # the learning rate changed by this factor: one step of the usual 1e-4, 3e-4, 1e-3 grid



def weight_sum(params: dict) -> float:
    """The sum of the rewards' weights: TRL's reward is their weighted sum; divided by it, it reads 0..1."""
    from autotrain_ui.core import rewards

    try:
        return sum(r.weight for r in rewards.parse(params.get("rewards"))) or 1.0
    except rewards.RewardError:
        return 1.0


def reward_verdict(events: list[dict], params: dict, report: dict | None, finished: bool) -> dict | None:
    """The fields of the run's Verdict (coach/verdict.py builds it), or None for a run that logged no reward yet."""
    scale = weight_sum(params)
    points = [(e.get("step", 0), e["reward"] / scale) for e in events
              if _num(e.get("reward")) is not None and not e.get("final")]
    if not points and not finished:
        return None
    capped = int(_num(params.get("max_steps")) or 0)
    steps = capped if finished and capped > 0 else (points[-1][0] if points else 0)
    if len(points) < MIN_POINTS:
        kind, start, end = "too_few_steps", None, None
        parts = [("verdict_reward_too_few", {"points": len(points)})]
    else:
        edge = max(1, len(points) // 3)
        start = sum(r for _, r in points[:edge]) / edge
        end = sum(r for _, r in points[-edge:]) / edge
        kind = "reward_rose" if end - start > MOVED_BY else "reward_fell" if start - end > MOVED_BY else "reward_flat"
        parts = [(f"verdict_{kind}", {"start": start, "end": end, "steps": steps})]
    after = (report or {}).get("after") or {}
    base = after.get("base_mean_reward", ((report or {}).get("before") or {}).get("mean_reward"))
    if after.get("mean_reward") is not None and base is not None:  # what the CLI prints last says it too
        parts.append(("report_reward", {"before": base, "after": after["mean_reward"]}))
    change = {}
    if finished and kind in ("reward_flat", "reward_fell"):
        change, said = _next_try(kind, params)
        parts += said
    if not finished:
        parts = [("verdict_partial", {"step": steps})] + parts
    learned = {"reward_rose": True, "too_few_steps": None}.get(kind, False)
    parts = [{"key": key, "values": values} for key, values in parts]
    return {"kind": kind, "learned": learned, "message": render(parts), "change": change, "parts": parts,
            "finished": finished, "start": start, "end": end, "points": len(points)}


def _next_try(kind: str, params: dict) -> tuple[dict, list]:
    lr = _num(params.get("lr"))
    generations = int(_num(params.get("num_generations")) or 4)
    if kind == "reward_flat" and generations < 8:
        return {"num_generations": generations * 2}, [("change_generations", {"new": generations * 2,
                                                                              "old": generations})]
    if not lr:
        return {}, []
    new = _round(lr * LR_FACTOR if kind == "reward_flat" else lr / LR_FACTOR)
    return {"lr": new}, [("change_lr_higher" if new > lr else "change_lr_lower", {"new": new, "old": lr})]
