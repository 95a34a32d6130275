"""A GRPO job's life around its training, with the tiny model: killed and resumed from its last checkpoint, cancelled
and resumed from the checkpoint the cancel saved (each time it continues at that checkpoint's step), then its LoRA
adapter merged by the export, answered from by the chat, pushed with a model card that states the rewards and their
weights, and deployed as a chat Space (the Hub is the local stand-in)."""

from __future__ import annotations

import json
import os
import signal
import time

import pytest
import torch

from autotrain_ui.jobs import Registry
from autotrain_ui.params import LLMParams
from tests.conftest import read_events

STEPS = 16
REWARDS = "number@2; length:min=1,max=4@0.5"
TOKEN = "hf_alice_GRPO_token_0123456789abcdef"


def settings(tiny_model) -> LLMParams:
    # a checkpoint every 4 steps; a high learning rate so that 16 steps move the adapter visibly
    return LLMParams(project_name="grpo-job", model=tiny_model, trainer="grpo", peft=True, rewards=REWARDS,
                     num_generations=2, max_completion_length=6, batch_size=1, max_steps=STEPS, logging_steps=1,
                     save_strategy="steps", save_steps=4, checkpoint_minutes=0, lr=2e-2, valid_percent=0,
                     mixed_precision="fp32")


def run_until(registry: Registry, job: str, done, timeout: float = 240) -> None:
    deadline = time.time() + timeout
    while not done():
        assert time.time() < deadline, (registry.project(registry.get(job)) / "train.log").read_text()[-3000:]
        registry.tick()
        time.sleep(0.1)


def step_reached(registry: Registry, job: str) -> int:
    return registry.status(job)["progress"]["step"]


def logged(project) -> list[str]:
    return [line for line in (project / "events.jsonl").read_text().splitlines() if '"loss"' in line]


@pytest.fixture(scope="module")
def job(tiny_model, testdata, tmp_path_factory):
    """The GSM8K-shaped table trained for 16 steps: killed (kill -9) past step 5, resumed; cancelled past step 10,
    resumed again to the end. What each stage left is kept for the tests."""
    home = tmp_path_factory.mktemp("grpo-jobs")
    registry = Registry(home)
    job_id = registry.submit(settings(tiny_model), testdata / "grpo" / "gsm8k.jsonl", check_model=False)
    project = registry.project(registry.get(job_id))
    seen = {"project": project}

    run_until(registry, job_id, lambda: step_reached(registry, job_id) >= 5)
    os.killpg(registry.get(job_id)["pgid"], signal.SIGKILL)  # a crash: nothing saved at this step
    run_until(registry, job_id, lambda: registry.get(job_id)["status"] in ("failed", "interrupted"))
    seen["killed_at"] = max(json.loads(line)["step"] for line in logged(project))
    seen["kept_before_kill"] = logged(project)

    assert registry.resume(job_id) == "queued"
    run_until(registry, job_id, lambda: step_reached(registry, job_id) >= 10 and
              registry.get(job_id)["status"] == "running")
    seen["log_after_kill"] = (project / "train.log").read_text()
    assert registry.cancel(job_id) == "cancelling"
    run_until(registry, job_id, lambda: registry.get(job_id)["status"] == "cancelled")
    seen["cancelled_at"] = step_reached(registry, job_id)
    seen["kept_before_cancel"] = logged(project)

    assert registry.resume(job_id) == "queued"
    run_until(registry, job_id, lambda: registry.get(job_id)["status"] in ("succeeded", "failed"))
    seen["status"] = registry.get(job_id)["status"]
    seen["log"] = (project / "train.log").read_text()
    registry.close()
    return seen


def test_a_killed_grpo_run_resumes_from_its_last_checkpoint(job):
    project, killed_at = job["project"], job["killed_at"]
    assert job["status"] == "succeeded", job["log"][-3000:]
    checkpoint = killed_at // 4 * 4  # the last one saved before the kill (every 4 steps)
    assert f"resume: continuing from {project / 'checkpoints' / f'checkpoint-{checkpoint}'}" in job["log_after_kill"]
    # the steps logged up to that checkpoint are kept as they were; those after it were logged again by the resumed run
    first = [json.loads(line) for line in job["kept_before_kill"]]
    assert [e["step"] for e in first] == list(range(1, killed_at + 1))
    after = [json.loads(line) for line in job["kept_before_cancel"]]
    assert after[:checkpoint] == first[:checkpoint]
    assert after[checkpoint]["step"] == checkpoint + 1 and after[checkpoint]["elapsed_s"] < first[-1]["elapsed_s"]


def test_a_cancelled_grpo_run_resumes_at_the_step_it_stopped(job):
    project, stopped = job["project"], job["cancelled_at"]
    assert 10 <= stopped < STEPS
    # the cancel saved a checkpoint at the step it stopped; the resume continues from there
    assert f"resume: continuing from {project / 'checkpoints' / f'checkpoint-{stopped}'}" in job["log"]
    events = [json.loads(line) for line in logged(project)]
    assert [e["step"] for e in events] == list(range(1, STEPS + 1))  # every step once, in order
    assert [json.dumps(e) for e in events[:stopped]] == [json.dumps(json.loads(x)) for x in job["kept_before_cancel"]]
    assert all("reward" in e and "rewards/number/mean" in e for e in events)
    # the sampled answers, like the curve, hold each step once: those of the steps run again were dropped
    samples = [json.loads(line)["step"] for line in (project / "samples.jsonl").read_text().splitlines()]
    assert samples == list(range(1, STEPS + 1)), samples
    state = json.loads((project / "status.json").read_text())
    assert state.get("status", "succeeded") == "succeeded"
