"""GRPO learns from a reward with the real SmolLM2-135M-Instruct: asked to start its answers with "The" (a format
reward its base meets on about 4 prompts in 10), a short seeded run raises the reward during training, and on
held-out prompts the tuned model's greedy answers score above the base model's. The run also leaves what the Runs
view shows: reward curves in events.jsonl, sampled answers with their scores, a verdict and a model card that
states the rewards."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from autotrain_ui import coach
from autotrain_ui.core import i18n
from autotrain_ui.core.params import LLMParams
from tests.conftest import make_project, read_events, run_in_process

pytestmark = pytest.mark.slow
PROMPTS = Path(__file__).parent / "data" / "grpo" / "prompts.csv"
REWARD = r"format:regex=^The\b"


@pytest.fixture(scope="module")
def grpo_run(smollm_path, tmp_path_factory):
    root = tmp_path_factory.mktemp("grpo")
    data = root / "prompts.csv"
    shutil.copy(PROMPTS, data)
    project = make_project(root, data, project_name="starts-with-the", model=smollm_path, trainer="grpo", peft=True,
                           rewards=REWARD, num_generations=4, max_completion_length=4, batch_size=2, max_steps=8,
                           lr=5e-4, warmup_ratio=0.0, logging_steps=1, valid_percent=25, mixed_precision="fp32",
                           checkpoint_minutes=0, save_strategy="no", seed=0)
    assert run_in_process(project) == 0, (project / "train.log").read_text()[-3000:]
    return project


def test_the_reward_rises_during_training(grpo_run):
    rewards = [e["reward"] for e in read_events(grpo_run) if "reward" in e and not e.get("final")]
    assert len(rewards) == 8  # one per step (logging_steps=1)
    first, last = sum(rewards[:4]) / 4, sum(rewards[-4:]) / 4
    assert last > first + 0.2, rewards
    event = next(e for e in read_events(grpo_run) if "reward" in e)
    assert {"reward_std", "rewards/format/mean", "rewards/format/std", "completions/mean_length"} <= set(event)


def test_held_out_prompts_score_higher_after_training(grpo_run):
    report = json.loads((grpo_run / "report.json").read_text())
    assert report["held_out_rows"] == 12
    after = report["after"]
    assert after["mean_reward"] > after["base_mean_reward"] + 0.2, after
    assert "mean reward went from" in report["verdict"]
    tuned_the = sum(a["tuned"].startswith("The") for a in after["reward_answers"])
    base_the = sum(a["base"].startswith("The") for a in after["reward_answers"])
    assert tuned_the > base_the, after["reward_answers"]


def test_the_runs_view_has_samples_a_verdict_and_a_card(grpo_run):
    samples = [json.loads(line) for line in (grpo_run / "samples.jsonl").read_text().splitlines()]
    assert len(samples) == 8 and samples[0]["samples"]
    one = samples[-1]["samples"][0]
    assert one["prompt"] and "format" in one["scores"] and 0 <= one["reward"] <= 1
    params = json.loads((grpo_run / "config.json").read_text())
    report = json.loads((grpo_run / "report.json").read_text())
    found = coach.verdict(read_events(grpo_run), params, report)
    assert found.kind == "reward_rose" and found.learned, found.message
    assert "The reward rose from" in found.message
    assert "보상이" in i18n.render_all(found.parts, "ko")
    from autotrain_ui.hub.card import model_card

    card = model_card(grpo_run, LLMParams.load(grpo_run / "config.json"))
    assert r"format(regex=^The\b) (weight 1)" in card
