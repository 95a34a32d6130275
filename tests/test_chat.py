"""Chat with a finished project: adapter on the base without merging, base replies with the adapter off,
one project loaded at a time, and plain refusals for what cannot chat."""

from __future__ import annotations

import gc
import json
import weakref

import pytest
import torch

from autotrain_ui import chat, cli
from tests.conftest import make_project, run_in_process


@pytest.fixture(scope="module")
def projects(tiny_model, testdata, tmp_path_factory):
    root = tmp_path_factory.mktemp("chat")
    made = {}
    for name, peft in (("adapter", True), ("full", False)):
        project = make_project(root, testdata / "seed" / "sft.csv", project_name=name, model=tiny_model, trainer="sft",
                               peft=peft, epochs=1, lr=5e-3, logging_steps=1, block_size=64)
        assert run_in_process(project) == 0
        made[name] = project
    yield made
    chat.release()


def greedy(model, tok, prompt, n=8) -> str:
    ids = tok(prompt, return_tensors="pt")
    with torch.no_grad():
        out = model.generate(**ids, max_new_tokens=n, do_sample=False, pad_token_id=tok.pad_token_id)
    return tok.decode(out[0, ids["input_ids"].shape[1]:], skip_special_tokens=True).strip()


def test_base_reply_is_the_base_model_with_the_adapter_off(projects, tiny_model):
    from transformers import AutoModelForCausalLM

    loaded = chat.load(projects["adapter"])
    assert loaded.is_adapter and not (projects["adapter"] / "model" / "model.safetensors").exists()
    messages = [{"role": "user", "content": "What is the capital of France?"}]
    prompt, _ = chat.render_prompt(loaded, messages)
    base = AutoModelForCausalLM.from_pretrained(tiny_model).eval()
    expected = greedy(base, loaded.tokenizer, prompt)
    *_, got = chat.stream(loaded, messages, base=True, max_new_tokens=8)
    assert got == expected
    ids = loaded.tokenizer(prompt, return_tensors="pt")
    with torch.no_grad():
        tuned_logits = loaded.model(**ids).logits
        with loaded.model.disable_adapter():
            base_logits = loaded.model(**ids).logits
        assert torch.allclose(base_logits, base(**ids).logits, atol=1e-5)
    assert not torch.allclose(tuned_logits, base_logits, atol=1e-5)  # the adapter is on for the tuned replies


def test_loading_another_project_frees_the_previous_one(projects):
    first = weakref.ref(chat.load(projects["adapter"]).model)
    loaded = chat.load(projects["full"])
    gc.collect()
    assert first() is None and loaded.project == projects["full"].resolve()
    pieces = list(chat.stream(loaded, [{"role": "user", "content": "hi"}], base=True, max_new_tokens=5))
    assert pieces and isinstance(pieces[-1], str)
    assert loaded.base is not None  # a full fine-tune loads its base beside it, only when compared


def test_what_cannot_chat_says_why(projects, tmp_path, capsys):
    reward = tmp_path / "scorer"
    reward.mkdir()
    config = json.loads((projects["full"] / "config.json").read_text())
    (reward / "config.json").write_text(json.dumps({**config, "trainer": "reward"}))
    with pytest.raises(chat.ChatError, match="reward model"):
        chat.load(reward)
    unfinished = tmp_path / "unfinished"
    unfinished.mkdir()
    (unfinished / "config.json").write_text(json.dumps(config))
    with pytest.raises(chat.ChatError, match="no trained model yet"):
        chat.load(unfinished)
    assert cli.main(["llm", "--inference", "--project-name", str(unfinished)]) == 2
    assert "--inference needs --prompt" in capsys.readouterr().err
    assert cli.main(["llm", "--inference", "--project-name", str(unfinished), "--prompt", "hi"]) == 2
    assert "no trained model yet" in capsys.readouterr().err


# ---------------------------------------------------------------- one GPU, shared with training (issue #22)

@pytest.fixture
def fake_gpu(monkeypatch):
    """torch says there is a GPU; moving a model to it only records that it was asked (no CUDA on this machine)."""
    moved = []
    real_to = torch.nn.Module.to

    def to(module, *args, **kwargs):
        target = args[0] if args else kwargs.get("device")
        if str(target).startswith("cuda"):
            moved.append(type(module).__name__)
            return module
        return real_to(module, *args, **kwargs)

    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.cuda, "empty_cache", lambda: None)
    monkeypatch.setattr(torch.cuda, "get_device_capability", lambda *_: (8, 0))
    monkeypatch.setattr(torch.nn.Module, "to", to)
    chat.release()
    yield moved
    chat.release()


@pytest.fixture
def jobs_here(projects):
    """A registry over the chat projects' folder: the finished 'full' job, and a job that can be made to train."""
    from autotrain_ui.jobs import Registry

    registry = Registry(projects["full"].parent)
    registry._db.execute("DELETE FROM jobs")
    for job_id, name, status in (("done1", "full", "succeeded"), ("train1", "busy-run", "queued")):
        registry._db.execute("INSERT INTO jobs (id, name, params, status, created, seq) VALUES (?, ?, ?, ?, 0, 1)",
                             (job_id, name, json.dumps({"trainer": "sft"}), status))
    yield registry
    registry.close()


def training(registry, status="running"):
    registry._db.execute("UPDATE jobs SET status = ? WHERE id = 'train1'", (status,))


def parameter_devices(loaded) -> set[str]:
    return {p.device.type for p in loaded.model.parameters()}


@pytest.mark.parametrize("status", ["running", "starting"])
def test_a_job_training_on_the_gpu_sends_the_chat_to_the_cpu_and_the_page_says_so(fake_gpu, jobs_here, status):
    from autotrain_ui.ui import chat_tab

    training(jobs_here, status)
    *_, (tuned, _, _, note) = chat_tab.respond(jobs_here, "done1", "hi", [], [], False, 0.0, 4, lang="en")
    assert tuned[-1]["role"] == "assistant"                    # it answered
    assert "Job busy-run is training on this machine's GPU" in note and "on the CPU" in note
    assert fake_gpu == [] and parameter_devices(chat.load(jobs_here.project(jobs_here.get("done1")), "cpu")) == {"cpu"}
    *_, (_, _, _, note_ko) = chat_tab.respond(jobs_here, "done1", "hi", [], [], False, 0.0, 4, lang="ko")
    assert "busy-run" in note_ko and "CPU에서" in note_ko


def test_with_no_job_training_the_chat_takes_the_gpu_and_lets_go_before_a_job_starts(fake_gpu, jobs_here):
    placed = chat.placement(jobs_here)
    assert placed.device == "cuda" and placed.message() == "The replies are written on the GPU."
    loaded = chat.load(jobs_here.project(jobs_here.get("done1")), device=placed.device)
    assert loaded.device == "cuda" and fake_gpu                 # the weights were sent to the GPU
    chat.leave_gpu()                                            # what the registry calls before it launches a job
    assert chat._current is None
    training(jobs_here)
    placed = chat.placement(jobs_here)
    assert placed.device == "cpu" and "busy-run" in placed.message()
    on_cpu = chat.load(jobs_here.project(jobs_here.get("done1")), device=placed.device)
    chat.leave_gpu()
    assert chat._current is on_cpu                              # a model on the CPU stays loaded


def test_the_chat_api_says_where_it_answered(fake_gpu, jobs_here):
    from autotrain_ui.app import build

    training(jobs_here)
    demo = build(jobs_here)
    answer = next(f for f in demo.fns.values() if f.api_name == "chat").fn
    replies = answer(None, None, "done1", "hi", False, 4, 0.0)  # no sign-in: the local app
    assert replies["device"] == "cpu" and "Job busy-run is training on this machine's GPU" in replies["note"]
    assert isinstance(replies["tuned"], str) and fake_gpu == []


def test_without_a_gpu_the_chat_says_it_runs_on_the_cpu(jobs_here, monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    placed = chat.placement(jobs_here)
    assert placed.device == "cpu" and "this machine has no GPU" in placed.message()


def test_the_chat_picks_the_job_that_just_finished_among_those_the_visitor_may_see(tmp_path, monkeypatch):
    from autotrain_ui.jobs import Registry
    from autotrain_ui.ui import chat_tab

    monkeypatch.setenv("SPACE_ID", "owner/space")    # a Space: each visitor sees only their own jobs
    monkeypatch.delenv("SPACE_AUTHOR_NAME", raising=False)
    registry = Registry(tmp_path / "projects")
    add = "INSERT INTO jobs (id, name, owner, params, status, created, finished, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
    for i, (job_id, owner, status, finished) in enumerate([("old", "ann", "succeeded", 10.0),
                                                           ("new", "ann", "succeeded", 50.0),
                                                           ("bobs", "bob", "succeeded", 90.0),
                                                           ("failed", "ann", "failed", 95.0)]):
        registry._db.execute(add, (job_id, job_id, owner, json.dumps({"trainer": "sft"}), status, i, finished, i))
    picker, newest = chat_tab.job_picker(registry, "ann")
    assert picker["value"] == "new" and {c[1] for c in picker["choices"]} == {"old", "new"}  # not bob's, not failed
    assert chat_tab.job_picker(registry, "ann", "old", newest)[0]["value"] == "old"  # the visitor's own pick stays
    registry._db.execute(add, ("newer", "newer", "ann", json.dumps({"trainer": "sft"}), "succeeded", 9, 99.0, 9))
    assert chat_tab.job_picker(registry, "ann", "old", newest)[0]["value"] == "newer"  # until another one finishes
    registry.close()
