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
from autotrain_ui.core.params import LLMParams
from tests.test_deploy import TOKEN, run_space_app  # (the Space app runs with that token)

STEPS = 16
REWARDS = "number@2; length:min=1,max=4@0.5"


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


# ------------------------------------------------------------------------------- after training: export, chat, deploy

@pytest.fixture(scope="module")
def merged(job):
    from autotrain_ui import export

    return export.export(job["project"], ["merged"]).merged


def test_the_export_merges_the_adapter_and_the_chat_answers_from_it(job, merged, tiny_model):
    from transformers import AutoModelForCausalLM

    from autotrain_ui import chat
    from tests.test_chat import greedy

    project = job["project"]
    assert (project / "model" / "adapter_config.json").exists()  # the run saved a LoRA adapter, as SFT's does
    assert (merged / "model.safetensors").exists() and not (merged / "adapter_config.json").exists()
    tuned = AutoModelForCausalLM.from_pretrained(merged).eval()
    base = AutoModelForCausalLM.from_pretrained(tiny_model).eval()
    try:
        loaded = chat.load(project)
        assert loaded.is_adapter
        messages = [{"role": "user", "content": "Mina has 3 bags of 4 apples. How many apples?"}]
        prompt, _ = chat.render_prompt(loaded, messages)
        ids = loaded.tokenizer(prompt, return_tensors="pt")
        with torch.no_grad():
            merged_logits, adapter_logits = tuned(**ids).logits, loaded.model(**ids).logits
            base_logits = base(**ids).logits
        assert torch.allclose(merged_logits, adapter_logits, atol=1e-4)  # the merge is the adapter on its base
        assert not torch.allclose(merged_logits, base_logits, atol=1e-3)  # and GRPO moved it
        *_, answer = chat.stream(loaded, messages, max_new_tokens=8)
        assert answer == greedy(tuned, loaded.tokenizer, prompt)
    finally:
        chat.release()


@pytest.fixture(scope="module")
def hub():
    from tests.hub_standin import HubStandin

    with HubStandin() as standin:
        standin.add_user("alice", TOKEN)
        yield standin


def test_the_pushed_card_states_the_rewards_and_a_chat_space_serves_the_adapter(job, hub, tiny_model, monkeypatch,
                                                                                tmp_path):
    from huggingface_hub import HfApi

    from autotrain_ui.hub import deploy
    from autotrain_ui.hub.publish import push_job
    from tests.hub_standin import use_standin

    for _ in use_standin(hub, monkeypatch):
        assert push_job(job["project"], TOKEN, username="alice")["status"] == "pushed"
        repo = hub.repo("alice/grpo-job")
        card = repo.files["README.md"].decode()
        assert "| rewards (weight) | number (weight 2), length(min=1,max=4) (weight 0.5) |" in card, card
        assert "| answers per prompt | 2 |" in card and "| max completion length | 6 |" in card
        assert "GRPO" in card and TOKEN not in card
        # a deploy serves a Hub model: the adapter's base (a folder here) goes to the Hub as alice/tiny-base
        api = HfApi(endpoint=hub.url, token=TOKEN)
        api.create_repo("alice/tiny-base", private=True)
        api.upload_folder(repo_id="alice/tiny-base", folder_path=tiny_model)
        adapter = json.loads(repo.files["adapter_config.json"])
        api.upload_file(path_or_fileobj=json.dumps({**adapter, "base_model_name_or_path": "alice/tiny-base"}).encode(),
                        path_in_repo="adapter_config.json", repo_id="alice/grpo-job")
        done = deploy.deploy("alice/grpo-job", TOKEN)
        assert done.space_id == "alice/grpo-job-chat" and hub.repo(done.space_id, "space").private
        code = ("import app, json; chat = app.Chat(); print(json.dumps([type(chat.model).__name__, "
                "chat.reply('What is 2+3?', [], max_new_tokens=3)]))")
        out = run_space_app(hub, done.space_id, tmp_path / "space", code)
        assert out.returncode == 0, out.stderr[-3000:]
        kind, reply = json.loads(out.stdout.strip().splitlines()[-1])
        assert kind.startswith("Peft") and isinstance(reply, str)
