"""GRPO in the Runs view: the reward curves (the mean of the weighted reward and of each reward, their spread, on
the loss plot's axes: all run 0..1) and the answers the model sampled at the last logging step, with their scores
(PROJECT/samples.jsonl, written by trainers/rewarding.py; only its last line is read)."""

from __future__ import annotations

import html
import json
from pathlib import Path

from autotrain_ui.core.i18n import text

TAIL_BYTES = 64 << 10   # the last line of samples.jsonl lies in its last 64 KB (4 answers of 600 characters)


def curve_points(events: list[dict], weights: float, lang: str = "en") -> list[dict]:
    """{"step", "value", "series"} rows: the reward (weighted, read 0..1), its spread, and each reward's mean."""
    out = []
    for e in events:
        if "reward" not in e or e.get("final"):
            continue
        out.append({"step": e["step"], "value": e["reward"] / weights, "series": text("page.series_reward", lang)})
        if "reward_std" in e:
            out.append({"step": e["step"], "value": e["reward_std"] / weights,
                        "series": text("page.series_reward_std", lang)})
        for key, value in e.items():
            if key.startswith("rewards/") and key.endswith("/mean"):
                out.append({"step": e["step"], "value": value, "series": key[len("rewards/"):-len("/mean")]})
        if "kl" in e:
            out.append({"step": e["step"], "value": e["kl"], "series": "KL"})
    return out


def last_samples(project: Path) -> dict | None:
    path = Path(project) / "samples.jsonl"
    try:
        with path.open("rb") as fh:
            fh.seek(max(0, path.stat().st_size - TAIL_BYTES))
            lines = fh.read().decode("utf-8", errors="ignore").splitlines()
    except OSError:
        return None
    for line in reversed(lines):
        try:
            return json.loads(line)
        except ValueError:
            continue
    return None


def samples_markdown(project: Path, events: list[dict], lang: str = "en") -> str:
    """The sampled answers of the last logging step with their scores, and the completions' mean length."""
    found = last_samples(project)
    if not found or not found.get("samples"):
        return ""
    lengths = [e["completions/mean_length"] for e in events if "completions/mean_length" in e]
    lines = [text("page.samples_title", lang, step=found["step"],
                  length=f"{lengths[-1]:.0f}" if lengths else "?")]
    first = found["samples"][0]
    lines.append(text("page.samples_prompt", lang, prompt=html.escape(first["prompt"][-300:])))
    for s in found["samples"]:
        scores = ", ".join(f"{html.escape(k)} {v:.2f}" for k, v in s["scores"].items())
        answer = html.escape(s["completion"].strip().replace("\n", " ")) or text("page.samples_empty", lang)
        lines.append(f"- **{s['reward']:.2f}** ({scores}): {answer}")
    return "\n".join(lines)
