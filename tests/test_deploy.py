"""`--deploy` and the Runs view's Deploy: a private chat Space for a pushed model, tested against the Hub stand-in
(the Space repo, its files, its variable and secret), never a real network. The Space's app file is run here as
the Space would run it: it loads the model it names from the (stand-in) Hub and renders the conversation with the
model's own chat template."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from autotrain_ui.hub import deploy
from tests.conftest import make_project, run_in_process
from tests.hub_standin import HubStandin, use_standin

TOKEN = "hf_alice_DEPLOY_token_0123456789abcdef"


@pytest.fixture(scope="module")
def hub():
    with HubStandin() as standin:
        standin.add_user("alice", TOKEN)
        yield standin


@pytest.fixture
def hub_env(hub, monkeypatch):
    yield from use_standin(hub, monkeypatch)


@pytest.fixture(scope="module")
def pushed(hub, tiny_model, testdata, tmp_path_factory):
    """A full fine-tune of the tiny model with the tokenizer's chat template, pushed to alice/full-chat; and a LoRA
    adapter pushed to alice/lora-chat whose base is a Hub model (the tiny model, as alice/tiny-base)."""
    from huggingface_hub import HfApi, constants

    from autotrain_ui.hub.publish import push_job

    root = tmp_path_factory.mktemp("deploy")
    full = make_project(root, testdata / "seed" / "sft.csv", project_name="full-chat", model=tiny_model, trainer="sft",
                        peft=False, chat_template="tokenizer", epochs=1, logging_steps=1, block_size=64,
                        push_to_hub=True, username="alice")
    lora = make_project(root, testdata / "seed" / "sft.csv", project_name="lora-chat", model=tiny_model, trainer="sft",
                        peft=True, chat_template="chatml", epochs=1, logging_steps=1, block_size=64)
    for project in (full, lora):
        assert run_in_process(project) == 0
    env = {"HF_ENDPOINT": hub.url}
    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    xet, constants.HF_HUB_DISABLE_XET = constants.HF_HUB_DISABLE_XET, True
    try:
        assert push_job(full, TOKEN)["status"] == "pushed"  # as the Runs view's Push does: push.json says where
        api = HfApi(endpoint=hub.url, token=TOKEN)
        api.create_repo("alice/tiny-base", private=True)
        api.upload_folder(repo_id="alice/tiny-base", folder_path=tiny_model)
        adapter = json.loads((lora / "model" / "adapter_config.json").read_text())
        adapter["base_model_name_or_path"] = "alice/tiny-base"
        (lora / "model" / "adapter_config.json").write_text(json.dumps(adapter))
        api.create_repo("alice/lora-chat", private=True)
        api.upload_folder(repo_id="alice/lora-chat", folder_path=str(lora / "model"))
    finally:
        constants.HF_HUB_DISABLE_XET = xet
        for k, v in old.items():
            os.environ.pop(k) if v is None else os.environ.__setitem__(k, v)
    return {"full": full, "lora": lora}


def run_space_app(hub, space_id: str, folder: Path, code: str) -> subprocess.CompletedProcess:
    """The Space's files in a folder and `code` run there, as the Space runs app.py: its HF_TOKEN secret in the
    environment, the Hub (the stand-in) reachable, MODEL_ID unset so that the file's own model id counts."""
    folder.mkdir(parents=True, exist_ok=True)
    for path, content in hub.repo(space_id, "space").files.items():
        (folder / path).write_bytes(content)
    env = {**os.environ, **hub.env(), "HF_TOKEN": TOKEN, "HF_HOME": str(folder / "hf-home")}
    env.pop("MODEL_ID", None)
    return subprocess.run([sys.executable, "-c", code], cwd=folder, env=env, capture_output=True, text=True,
                          timeout=300)


def test_deploy_makes_a_private_chat_space_whose_app_loads_its_model(pushed, hub_env, tmp_path):
    from transformers import AutoTokenizer

    done = deploy.deploy("alice/full-chat", TOKEN)
    assert done.created and done.space_id == "alice/full-chat-chat" and done.flavour == "cpu-basic"
    assert done.url == f"{hub_env.url}/spaces/alice/full-chat-chat"
    space = hub_env.repo("alice/full-chat-chat", "space")
    assert space.private and space.sdk == "gradio" and space.hardware == "cpu-basic"
    assert space.variables == {"MODEL_ID": "alice/full-chat"} and space.secrets == {"HF_TOKEN": TOKEN}
    assert sorted(space.files) == ["README.md", "app.py", "requirements.txt"]
    assert 'or "alice/full-chat"' in space.files["app.py"].decode()
    # the one rule for the GPU's half precision travels as source: the Space has none of this project's modules
    assert b"def half_dtype():" in space.files["app.py"] and b"from autotrain_ui" not in space.files["app.py"]
    card = space.files["README.md"].decode()
    assert "sdk: gradio" in card and "app_file: app.py" in card and "- alice/full-chat" in card
    assert b"transformers" in space.files["requirements.txt"]
    for path, content in space.files.items():
        assert TOKEN.encode() not in content, f"the token is in the Space's {path}"
    # the app, run as the Space runs it: it loads alice/full-chat from the Hub and renders the conversation with the
    # chat template the repo carries (the tokenizer's own: this run's --chat-template tokenizer)
    history = [{"role": "user", "content": "hello"}, {"role": "assistant", "content": [{"type": "text", "text": "hi"}]}]
    code = ("import app, json; chat = app.Chat(); print(app.MODEL_ID); "
            f"print(json.dumps(chat.inputs('how are you', {history!r})['input_ids'][0].tolist())); "
            "print(type(app.build(chat)).__name__); print(repr(chat.reply('how are you', [], max_new_tokens=3)))")
    out = run_space_app(hub_env, "alice/full-chat-chat", tmp_path / "space", code)
    assert out.returncode == 0, out.stderr[-3000:]
    model_id, ids, kind, _reply = out.stdout.strip().splitlines()[-4:]
    assert model_id == "alice/full-chat" and kind == "ChatInterface"
    tokenizer = AutoTokenizer.from_pretrained(pushed["full"] / "model")
    turns = [{"role": "user", "content": "hello"}, {"role": "assistant", "content": "hi"},
             {"role": "user", "content": "how are you"}]
    assert json.loads(ids) == tokenizer.apply_chat_template(turns, add_generation_prompt=True, return_dict=True)[
        "input_ids"]
    assert any(f"/alice/full-chat/resolve/" in r.path for r in hub_env.requests), "the app did not load the model"


def test_a_second_deploy_updates_the_same_space(pushed, hub_env):
    first = deploy.deploy("alice/full-chat", TOKEN)
    space = hub_env.repo("alice/full-chat-chat", "space")
    commits, spaces = len(space.commits), [k for k in hub_env.repos if k[0] == "space"]
    space.secrets["HF_TOKEN"], space.variables["MODEL_ID"] = "old", "someone/else"
    space.files["app.py"] = b"# edited\n"
    space.hardware = space.requested_hardware = "t4-small"  # the owner moved it to a GPU: a redeploy keeps that
    second = deploy.deploy("alice/full-chat", TOKEN)
    assert not second.created and second.space_id == first.space_id and second.flavour == "t4-small"
    assert [k for k in hub_env.repos if k[0] == "space"] == spaces, "a second deploy made another Space"
    assert len(space.commits) == commits + 1 and b'"alice/full-chat"' in space.files["app.py"]
    assert space.secrets["HF_TOKEN"] == TOKEN and space.variables["MODEL_ID"] == "alice/full-chat"
    assert space.hardware == "t4-small"
    assert "updated" in deploy.describe(second)


def test_a_lora_adapter_is_served_on_its_hub_base(pushed, hub_env, tmp_path):
    done = deploy.deploy("alice/lora-chat", TOKEN, space_name="lora-space")
    assert done.space_id == "alice/lora-space" and hub_env.repo("alice/lora-space", "space").private
    code = ("import app, json; chat = app.Chat(); print(json.dumps([type(chat.model).__name__, "
            "chat.tokenizer.decode(chat.inputs('hello', [])['input_ids'][0])]))")
    out = run_space_app(hub_env, "alice/lora-space", tmp_path / "space", code)
    assert out.returncode == 0, out.stderr[-3000:]
    kind, rendered = json.loads(out.stdout.strip().splitlines()[-1])
    assert kind.startswith("Peft") and rendered.startswith("<|im_start|>user")  # this run's chatml template


def test_the_hardware_follows_the_model_size(hub_env):
    from huggingface_hub import HfApi

    assert deploy.serving_flavour(135e6)[0].name == "cpu-basic"
    assert deploy.serving_flavour(3.2e9)[0].name == "t4-small"       # ~8 GB in 16 bits: a T4 holds it
    assert deploy.serving_flavour(8e9)[0].name == "l4x1"             # ~17.5 GB: the cheapest 24 GB GPU
    big, why = deploy.serving_flavour(70e9)
    assert big.name == "a100-large" and "may not start" in why
    # an adapter on an 8B Hub model: the Space asks for the GPU, and sleeps when nobody visits
    api = HfApi(endpoint=hub_env.url, token=TOKEN)
    api.create_repo("alice/big-lora", private=True)
    api.upload_file(path_or_fileobj=json.dumps({"base_model_name_or_path": "meta-llama/Llama-3.1-8B-Instruct",
                                                "peft_type": "LORA"}).encode(), path_in_repo="adapter_config.json",
                    repo_id="alice/big-lora")
    done = deploy.deploy("alice/big-lora", TOKEN)
    assert done.flavour == "l4x1" and hub_env.repo("alice/big-lora-chat", "space").hardware == "l4x1"
    assert "8.0B parameters" in done.reason and "sleeps after an hour" in done.reason


def test_what_cannot_be_deployed_is_refused_with_the_reason(pushed, hub_env):
    from huggingface_hub import HfApi

    api = HfApi(endpoint=hub_env.url, token=TOKEN)
    api.create_repo("alice/scores", private=True)
    api.upload_file(path_or_fileobj=b'{"trainer": "reward"}', path_in_repo="training/config.json",
                    repo_id="alice/scores")
    api.upload_file(path_or_fileobj=b"{}", path_in_repo="config.json", repo_id="alice/scores")
    api.create_repo("alice/local-base", private=True)
    api.upload_file(path_or_fileobj=b'{"base_model_name_or_path": "/home/me/model"}', path_in_repo="adapter_config.json",
                    repo_id="alice/local-base")
    before = set(hub_env.repos)
    cases = [("alice/scores", TOKEN, "reward model"), ("alice/local-base", TOKEN, "not a Hub model"),
             ("alice/nothing-here", TOKEN, "404"), ("alice/full-chat", None, "needs a Hub token"),
             ("alice/full-chat", "hf_wrong_token", "401")]
    for model_id, token, needle in cases:
        with pytest.raises(deploy.DeployError) as caught:
            deploy.deploy(model_id, token)
        assert needle in str(caught.value), (model_id, str(caught.value))
        assert "hf_wrong_token" not in str(caught.value)
    assert set(hub_env.repos) == before, "a refused deploy made a Space"
    korean = caught.value.said.in_lang("ko")
    assert "토큰을 확인하지 못했습니다" in korean


def test_cli_deploy_prints_the_space_address(pushed, hub_env, tmp_path, monkeypatch, capsys):
    from autotrain_ui import cli

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HF_TOKEN", TOKEN)
    assert cli.main(["llm", "--deploy", "--project-name", "full-chat"]) == 0  # the token's user: alice
    out = capsys.readouterr().out
    assert f"{hub_env.url}/spaces/alice/full-chat-chat" in out and "CPU basic" in out and TOKEN not in out
    monkeypatch.delenv("HF_TOKEN")
    monkeypatch.setattr("autotrain_ui.core.hub_client.stored_token", lambda: None)
    assert cli.main(["llm", "--deploy", "--project-name", "full-chat", "--username", "alice"]) == 2
    assert "needs a Hub token" in capsys.readouterr().err


def test_the_runs_view_deploys_a_pushed_job_in_the_background(pushed, hub_env, tmp_path):
    import shutil

    from autotrain_ui.ui import runs_tab, strings

    project = tmp_path / "full-chat"
    shutil.copytree(pushed["full"], project)
    assert runs_tab.deployable_repo(project) == "alice/full-chat"   # push.json (the push above) names the repo
    (project / "push.json").write_text(json.dumps({"status": "failed", "message": "no"}))
    assert runs_tab.deployable_repo(project) is None                 # not pushed: nothing to serve
    (project / "push.json").write_text(json.dumps({"status": "pushed", "url": f"{hub_env.url}/alice/full-chat"}))
    deploy.deploy_in_background(project, "alice/full-chat", TOKEN).join(timeout=120)
    state = deploy.state(project)
    assert state["status"] == "deployed" and state["space_id"] == "alice/full-chat-chat", state
    assert TOKEN not in (project / "deploy.json").read_text()
    shown = deploy.markdown(state, strings.table("en"))
    assert "**Chat Space:**" in shown and f"{hub_env.url}/spaces/alice/full-chat-chat" in shown
    assert "채팅 Space" in deploy.markdown(state, strings.table("ko"), "ko")
    deploy.deploy_job(project, "alice/nothing-here", TOKEN)
    failed = deploy.state(project)
    assert failed["status"] == "failed" and "404" in failed["message"]
    assert "못했습니다" in deploy.markdown(failed, strings.table("ko"), "ko")
