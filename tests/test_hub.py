"""Push to the Hub, against the Hub stand-in on loopback with the real huggingface_hub client: files arrive byte
for byte (regular and large/LFS), the card is valid and its usage snippet runs, failed pushes leave the result
intact and say how to retry, and a recognisable token never lands anywhere it should not."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO, make_project, run_in_process
from tests.hub_standin import HubStandin, use_standin

TOKEN = "hf_TESTtokenNEVERleaks0123456789abcdef"


@pytest.fixture(scope="module")
def hub():
    with HubStandin() as standin:
        standin.add_user("alice", TOKEN)
        yield standin


@pytest.fixture
def hub_env(hub, monkeypatch):
    yield from use_standin(hub, monkeypatch)


@pytest.fixture(scope="module")
def projects(tiny_model, tiny_model_whole_vocab, testdata, tmp_path_factory):
    """Three finished projects on the tiny model: a LoRA adapter with a chat template and a validation split, a full
    fine-tune (on the whole-vocabulary model: its weights are 12.9 MB, the large-file path), and a reward-model
    adapter."""
    root = tmp_path_factory.mktemp("projects")
    from autotrain_ui.core.params import LLMParams
    from autotrain_ui.runner import create_project

    sft = testdata / "seed" / "sft.csv"
    out = {}
    params = LLMParams(project_name="adapter-bot", model=tiny_model, trainer="sft", peft=True, chat_template="tokenizer",
                       epochs=2, logging_steps=1, block_size=64, valid_split="valid", lr=1e-3)
    out["adapter"] = create_project(root, params, {"train": sft, "valid": sft})
    out["full"] = make_project(root, sft, project_name="full-bot", model=tiny_model_whole_vocab, trainer="sft",
                               peft=False, epochs=1, logging_steps=1, block_size=64)
    out["reward"] = make_project(root, testdata / "seed" / "reward.csv", project_name="reward-bot", model=tiny_model,
                                 trainer="reward", peft=True, epochs=1, logging_steps=1, block_size=64)
    for project in out.values():
        assert run_in_process(project) == 0, (project / "error.json").read_text() if (project / "error.json").exists() else ""
    return out


def _params(project: Path):
    from autotrain_ui.core.params import LLMParams

    return LLMParams.load(project / "config.json")


def _snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _download(hub, repo_id: str, path: str, cache: Path) -> bytes:
    from huggingface_hub import HfApi

    local = HfApi(endpoint=hub.url, token=TOKEN).hf_hub_download(repo_id, path, cache_dir=str(cache))
    return Path(local).read_bytes()


# ---------------------------------------------------------------- files arrive

@pytest.mark.parametrize("kind", ["adapter", "full"])
def test_push_sends_every_file_byte_for_byte(kind, projects, hub_env, tmp_path):
    from autotrain_ui.hub import push
    from huggingface_hub import HfApi

    project = projects[kind]
    before = _snapshot(project / "model")
    url = push(project, _params(project), TOKEN)
    repo_id = f"alice/{project.name}"
    assert url.rstrip("/").endswith(repo_id)
    repo = hub_env.repo(repo_id)
    assert repo is not None and repo.private, "a push is private unless asked otherwise"

    expected = {p.relative_to(project / "model").as_posix(): p for p in (project / "model").iterdir()
                if p.is_file() and p.name not in ("README.md", "training_args.bin")}
    expected.update({"README.md": project / "README.md", "loss.png": project / "loss.png",
                     "training/config.json": project / "config.json", "training/metrics.json": project / "metrics.json",
                     "training/events.jsonl": project / "events.jsonl"})
    listed = set(HfApi(endpoint=hub_env.url, token=TOKEN).list_repo_files(repo_id))
    assert set(expected) <= listed, set(expected) - listed
    for rel, local in expected.items():
        assert _download(hub_env, repo_id, rel, tmp_path / "cache") == local.read_bytes(), f"{rel} differs"
    assert _snapshot(project / "model") == before, "pushing changed the local model"
    weights = "adapter_model.safetensors" if kind == "adapter" else "model.safetensors"
    assert weights in repo.lfs_paths and "tokenizer_config.json" not in repo.lfs_paths
    if kind == "full":
        assert (project / "model" / weights).stat().st_size > 10 * 1024 * 1024
        assert any("/info/lfs/objects/batch" in r.path for r in hub_env.requests), "large file did not use LFS"
    assert "training_args.bin" not in listed and "data/train.csv" not in listed  # no pickles, no user data


def test_push_public_when_asked_and_to_the_given_namespace(projects, hub_env):
    from autotrain_ui.hub import push

    hub_env.orgs.add("acme")
    url = push(projects["adapter"], _params(projects["adapter"]), TOKEN, private=False, username="acme")
    assert "acme/adapter-bot" in url and not hub_env.repo("acme/adapter-bot").private


def test_adapter_names_its_base_by_hub_id(projects):
    """An adapter trained on the offline copy of a Hub model must say the Hub id, not a path on this machine."""
    from autotrain_ui.hub.push import upload_plan

    params = _params(projects["adapter"])
    params.model = "HuggingFaceTB/SmolLM2-135M-Instruct"
    plan = dict(upload_plan(projects["adapter"], params))
    config = json.loads(plan["adapter_config.json"])
    assert config["base_model_name_or_path"] == "HuggingFaceTB/SmolLM2-135M-Instruct"


# ---------------------------------------------------------------- the card

def _front_matter(card: str) -> dict:
    m = re.match(r"^---\n(.*?)\n---\n", card, re.S)
    assert m, "no YAML front matter"
    return yaml.safe_load(m.group(1))


def test_model_card_says_what_a_reader_needs(projects):
    from autotrain_ui.hub.card import model_card

    project = projects["adapter"]
    card = model_card(project, _params(project), repo_id="alice/adapter-bot")
    meta = _front_matter(card)
    assert meta["library_name"] == "peft" and isinstance(meta["tags"], list) and "lora" in meta["tags"]
    assert "base_model" not in meta, "a local base model is not a Hub id: no base_model metadata"
    assert "datasets" not in meta, "uploaded data is not a Hub dataset"
    events = [json.loads(line) for line in (project / "events.jsonl").read_text().splitlines()]
    last_loss = [e["loss"] for e in events if "loss" in e][-1]
    last_eval = [e["eval_loss"] for e in events if "eval_loss" in e][-1]
    assert f"{last_loss:.4f}" in card and f"{last_eval:.4f}" in card
    assert "uploaded file (train.csv)" in card and "| 4 |" in card and "CSV" in card
    for words in ("supervised fine-tuning", "learning rate", "0.001", "LoRA r / alpha / dropout", "16 / 32 / 0.05",
                  "![Training and eval loss per step](loss.png)", "```jinja", "<|im_start|>", "from peft import PeftModel"):
        assert words in card, words
    if (project / "report.json").exists():   # the trainer's before/after comparison on held-out rows
        assert "held-out rows the eval loss went from" in card
    assert (project / "loss.png").exists() is False or (project / "loss.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_card_metadata_for_a_hub_base_and_a_hub_dataset(projects):
    from huggingface_hub import ModelCard

    from autotrain_ui.hub.card import model_card

    params = _params(projects["full"])
    params.model = "HuggingFaceTB/SmolLM2-135M-Instruct"
    card = model_card(projects["full"], params, repo_id="alice/full-bot", dataset="acme/chats")
    meta = _front_matter(card)
    assert meta["base_model"] == "HuggingFaceTB/SmolLM2-135M-Instruct" and meta["library_name"] == "transformers"
    assert meta["datasets"] == ["acme/chats"] and meta["pipeline_tag"] == "text-generation"
    assert ModelCard(card).data.base_model == "HuggingFaceTB/SmolLM2-135M-Instruct"
    assert "[acme/chats](https://huggingface.co/datasets/acme/chats)" in card


def test_loss_plot_is_a_png_of_the_logged_steps(projects, tmp_path):
    from PIL import Image

    from autotrain_ui.hub.card import loss_plot

    path = loss_plot(projects["adapter"], tmp_path / "loss.png")
    image = Image.open(path)
    assert image.format == "PNG" and image.size[0] >= 600
    empty = tmp_path / "empty"
    empty.mkdir()
    assert loss_plot(empty) is None


@pytest.mark.parametrize("kind", ["adapter", "full", "reward"])
def test_usage_snippet_runs_as_pasted(kind, projects, tmp_path):
    """The card's snippet, with the Hub id swapped for the local model folder, loads the model and uses it."""
    from autotrain_ui.hub.card import model_card

    project = projects[kind]
    card = model_card(project, _params(project), repo_id=f"alice/{project.name}")
    snippet = re.search(r"## Usage\n\n```python\n(.*?)\n```", card, re.S).group(1)
    assert f'"alice/{project.name}"' in snippet
    code = snippet.replace(f'"alice/{project.name}"', json.dumps(str(project / "model")))
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120, cwd=tmp_path)
    assert out.returncode == 0, out.stderr[-3000:]
    if kind == "reward":
        assert re.search(r"reward: -?\d+\.\d+", out.stdout)


# ---------------------------------------------------------------- failures

@pytest.mark.parametrize("failure", ["401", "404", "cut", "unreachable"])
def test_failed_push_leaves_the_result_intact_and_says_how_to_retry(failure, projects, hub_env, monkeypatch):
    from autotrain_ui.core.i18n import render
    from autotrain_ui.hub import PushError, push

    project = projects["full"]
    before = _snapshot(project)
    if failure == "401":
        hub_env.fail(401)
    elif failure == "404":
        hub_env.fail(404, path="/preupload/")
    elif failure == "cut":
        hub_env.fail(drop=True, path="/commit/")
    else:
        import socket

        with socket.socket() as s:   # a port nobody listens on
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        monkeypatch.setenv("HF_ENDPOINT", f"http://127.0.0.1:{port}")
    with pytest.raises(PushError) as info:
        push(project, _params(project), TOKEN, username="alice")
    message = str(info.value)
    expected = {"401": ("auth", "401"), "404": ("not_found", "404"), "cut": ("network", "could not be reached"),
                "unreachable": ("network", "could not be reached")}[failure]
    assert info.value.kind == expected[0] and expected[1] in message, message
    assert "Nothing was lost" in message and f"python -m autotrain_ui.hub push {project}" in message
    assert "Runs view" in message and TOKEN not in message
    # a Korean page says the whole of it in Korean, the Hub's answer too (its own words, a status line, aside)
    korean = render(info.value.args[0], "ko")
    reason = {"401": "토큰을 거부", "404": "404(찾을 수 없음)", "cut": "Hub에 연결할 수 없습니다",
              "unreachable": "Hub에 연결할 수 없습니다"}[failure]
    assert "올리지 못했습니다" in korean and reason in korean and TOKEN not in korean, korean
    after = _snapshot(project)
    for rel, digest in before.items():
        if rel not in ("README.md", "loss.png"):
            assert after.get(rel) == digest, f"{rel} changed or vanished after a failed push"
    # the retry the message suggests works once the Hub is back
    hub_env.clear_failures()
    monkeypatch.setenv("HF_ENDPOINT", hub_env.url)
    assert push(project, _params(project), TOKEN, username="alice").endswith("alice/full-bot")


def test_push_refuses_without_a_model_or_a_token(projects, tmp_path, hub_env, monkeypatch):
    from autotrain_ui.hub import PushError, push

    (tmp_path / "model").mkdir()
    with pytest.raises(PushError, match="no trained model"):
        push(tmp_path, _params(projects["full"]), TOKEN)
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf-home"))   # no stored login either
    with pytest.raises(PushError, match="needs a token") as info:
        push(projects["full"], _params(projects["full"]), None)
    assert info.value.kind == "auth"


def test_retry_command_pushes_a_finished_project(projects, hub, tmp_path):
    env = {**os.environ, **hub.env(), "HF_TOKEN": TOKEN, "HF_HOME": str(tmp_path / "hf")}
    out = subprocess.run([sys.executable, "-m", "autotrain_ui.hub", "push", str(projects["reward"]), "--username", "alice"],
                         capture_output=True, text=True, env=env, cwd=REPO, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "alice/reward-bot" in out.stdout and hub.repo("alice/reward-bot") is not None
    assert TOKEN not in out.stdout + out.stderr


# ---------------------------------------------------------------- the token goes nowhere

def _scan_tree(root: Path, token: bytes) -> list[str]:
    return [str(p) for p in root.rglob("*") if p.is_file() and token in p.read_bytes()]


def _cmdlines_with(marker: str) -> dict[int, str]:
    found = {}
    for pid_dir in Path("/proc").iterdir():
        if not pid_dir.name.isdigit():
            continue
        try:
            cmd = (pid_dir / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
        except OSError:
            continue
        if marker in cmd:
            found[int(pid_dir.name)] = cmd
    return found


def test_token_reaches_the_run_only_through_its_environment(tiny_model, testdata, hub, tmp_path):
    """A job run by the CLI with a recognisable token, pushed to the stand-in: the token is in no file of the
    project (log included), no registry, no pushed file, no request other than as an Authorization header, and not
    on the training process's command line."""
    work = tmp_path / "work"
    work.mkdir()
    hub.clear_failures()
    env = {**os.environ, **hub.env(), "HF_TOKEN": TOKEN, "AUTOTRAIN_HOME": str(work / "home"),
           "HF_HOME": str(tmp_path / "hf")}
    before = len(hub.requests)
    cmd = [sys.executable, "-m", "autotrain_ui.cli", "llm", "--train", "--model", tiny_model, "--project-name",
           "secret-bot", "--data-path", str(testdata / "seed" / "sft.csv"), "--trainer", "sft", "--peft",
           "--epochs", "2", "--block-size", "64", "--logging-steps", "1", "--push-to-hub", "--username", "alice"]
    proc = subprocess.Popen(cmd, cwd=work, env={**env, "PYTHONPATH": str(REPO)}, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    seen: dict[int, str] = {}
    marker = str(work / "secret-bot" / "config.json")
    while proc.poll() is None:   # the training process's argv, while it runs
        seen.update(_cmdlines_with(marker))
        time.sleep(0.05)
    stdout, stderr = proc.communicate()
    assert proc.returncode == 0, stderr[-3000:]
    assert seen, "never saw the training process"
    for pid, cmdline in seen.items():
        assert TOKEN not in cmdline, f"token in argv of pid {pid}"
    # four steps on a random model leave the loss flat: the CLI does not push such a run on its own, and says how to
    assert "Not pushed to the Hub: this run did not learn" in stdout, stdout
    pushed = subprocess.run([sys.executable, "-m", "autotrain_ui.hub", "push", str(work / "secret-bot")], cwd=work,
                            env={**env, "PYTHONPATH": str(REPO)}, capture_output=True, text=True, timeout=300)
    assert pushed.returncode == 0 and "alice/secret-bot" in pushed.stdout, pushed.stderr[-3000:]
    assert TOKEN not in stdout + stderr + pushed.stdout + pushed.stderr
    project = work / "secret-bot"
    assert (project / "train.log").exists() and (project / "model").is_dir()
    assert not _scan_tree(work, TOKEN.encode()), "token written into the project folder / registry"
    repo = hub.repo("alice/secret-bot")
    assert repo is not None and repo.files
    assert not [p for p, data in repo.files.items() if TOKEN.encode() in data], "token in a pushed file"
    for r in hub.requests[before:]:
        assert TOKEN not in r.path and TOKEN.encode() not in r.body, f"token in {r.method} {r.path}"
        assert all(TOKEN not in v for k, v in r.headers.items() if k.lower() != "authorization")


def test_cli_push_failure_exits_1_and_keeps_the_model(tiny_model, testdata, hub, tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    hub.clear_failures()
    hub.fail(401, path="/api/")
    env = {**os.environ, **hub.env(), "HF_TOKEN": TOKEN, "PYTHONPATH": str(REPO), "HF_HOME": str(tmp_path / "hf")}
    try:
        out = subprocess.run([sys.executable, "-m", "autotrain_ui.cli", "llm", "--train", "--model", tiny_model,
                              "--project-name", "fails-bot", "--data-path", str(testdata / "seed" / "sft.csv"),
                              "--trainer", "sft", "--peft", "--epochs", "1", "--block-size", "64", "--push-to-hub",
                              "--username", "alice"], cwd=work, env=env, capture_output=True, text=True, timeout=300)
    finally:
        hub.clear_failures()
    assert out.returncode == 1
    assert "401" in out.stderr and "Nothing was lost" in out.stderr and "python -m autotrain_ui.hub push" in out.stderr
    assert (work / "fails-bot" / "model" / "adapter_model.safetensors").exists()
    assert TOKEN not in out.stdout + out.stderr


def test_app_job_pushes_after_success_and_again_from_the_runs_view(tiny_model, testdata, hub_env, tmp_path):
    """A job submitted with push on publishes itself when it succeeds (push.json says where); a failed push keeps
    the model and says why, and the Runs view's push (publish.push_in_background) then gets it there."""
    import threading

    from autotrain_ui.hub import publish
    from autotrain_ui.jobs import Registry
    from autotrain_ui.core.params import LLMParams

    registry = Registry(tmp_path / "home")
    hub_env.fail(401, path="/api/repos/create")
    params = LLMParams(project_name="app-bot", model=tiny_model, trainer="sft", peft=True, epochs=1, logging_steps=1,
                       block_size=64, push_to_hub=True, username="alice")
    job = registry.submit(params, testdata / "seed" / "sft.csv", token=TOKEN)
    threading.Thread(target=registry._procs[job].wait, daemon=True).start()  # reaped as the app's scheduler would
    deadline = time.time() + 120
    while (publish.state(registry.project(registry.get(job))) or {}).get("status") in (None, "pushing") \
            and time.time() < deadline:
        registry.tick()
        time.sleep(0.2)
    project = registry.project(registry.get(job))
    status = registry.status(job)
    assert status["status"] == "succeeded" and status["push"]["status"] == "failed", status
    assert "alice/app-bot" in status["push"]["message"] and TOKEN not in status["push"]["message"]
    assert (project / "model" / "adapter_model.safetensors").exists()

    hub_env.clear_failures()
    publish.push_in_background(project, TOKEN).join(timeout=60)
    assert publish.state(project)["status"] == "pushed"
    repo = hub_env.repo("alice/app-bot")
    assert repo.files["adapter_model.safetensors"] == (project / "model" / "adapter_model.safetensors").read_bytes()
    assert not _scan_tree(tmp_path / "home", TOKEN.encode()), "token written into the projects folder / registry"
