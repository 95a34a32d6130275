"""`--backend spaces-*`: the user's private copy of the app as a Space on the chosen hardware, the token as its
HF_TOKEN secret, the job's config and data in its repo; tested against the Hub stand-in (not the remote run)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from autotrain_ui.hub import space_jobs
from autotrain_ui.hub import spaces as spaces_backend
from autotrain_ui.core.params import LLMParams
from tests.conftest import REPO
from tests.hub_standin import HubStandin, disable_xet

TOKEN = "hf_alice_SPACE_token_0123456789"


@pytest.fixture
def hub(monkeypatch):
    with HubStandin() as standin:
        standin.add_user("alice", TOKEN)
        standin.add_user("bob", "hf_bob_token_abcdef")
        # the model the jobs name is on the Hub, public: the pre-launch check asks whether the token may download it
        standin.add_repo("HuggingFaceTB/SmolLM2-135M-Instruct", private=False, files={"config.json": b"{}"})
        monkeypatch.setenv("HF_ENDPOINT", standin.url)
        monkeypatch.delenv("AUTOTRAIN_SOURCE_SPACE", raising=False)
        monkeypatch.delenv("AUTOTRAIN_SPACE_NAME", raising=False)
        monkeypatch.setenv("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        disable_xet(monkeypatch)
        yield standin


def _params(**kw) -> LLMParams:
    values = dict(project_name="space-bot", model="HuggingFaceTB/SmolLM2-135M-Instruct", trainer="sft",
                  backend="spaces-a10g-large", peft=True, push_to_hub=True, username="alice", token=TOKEN)
    values.update(kw)
    return LLMParams(**values)


def test_first_job_creates_a_private_space_on_that_hardware(hub, testdata):
    data = testdata / "seed" / "sft.csv"
    job = spaces_backend.launch(_params(), {"train": data}, TOKEN)
    assert job.created and job.space_id == "alice/autotrain-ui" and job.flavour == "a10g-large"
    assert job.url == f"{hub.url}/spaces/alice/autotrain-ui"
    assert job.follow_command() == f"autotrain jobs show --space alice/autotrain-ui {job.job_id}"
    space = hub.repo("alice/autotrain-ui", "space")
    assert space.private and space.sdk == "docker" and space.hardware == "a10g-large"
    assert space.secrets == {"HF_TOKEN": TOKEN}
    # the app itself, so the Space can build and run
    for name in ("Dockerfile", "requirements.txt", "autotrain_ui/core/params.py", "autotrain_ui/hub/spaces.py",
                 "trainers/__main__.py"):
        if (REPO / name).exists():
            assert space.files[name] == (REPO / name).read_bytes(), name
    assert not any("__pycache__" in p or p.startswith("tests/") for p in space.files)
    # the job: config without a token, data byte for byte, job.json with the hardware
    base = f"jobs/{job.job_id}"
    config = json.loads(space.files[f"{base}/config.json"])
    assert "token" not in config and config["data_path"] == "data" and config["trainer"] == "sft"
    assert LLMParams.from_dict(config).push_to_hub
    assert space.files[f"{base}/data/train.csv"] == data.read_bytes()
    meta = json.loads(space.files[f"{base}/job.json"])
    assert meta["flavour"] == "a10g-large" and meta["submitted_by"] == "alice" and meta["drop_to_cpu_after"]
    for path, content in space.files.items():
        assert TOKEN.encode() not in content, f"token in {path}"


def test_next_job_reuses_the_space_moves_it_and_refreshes_the_secret(hub, testdata):
    first = spaces_backend.launch(_params(), {"train": testdata / "seed" / "sft.csv"}, TOKEN)
    space = hub.repo("alice/autotrain-ui", "space")
    commits = len(space.commits)
    app_file = "autotrain_ui/core/params.py"
    space.files[app_file] = b"# edited on the Hub by the owner\n"
    space.secrets["HF_TOKEN"] = "old"
    second = spaces_backend.launch(_params(backend="spaces-t4s"), {"train": testdata / "seed" / "sft.jsonl"}, TOKEN)
    assert not second.created and second.hardware_requested and second.job_id != first.job_id
    assert space.requested_hardware == "t4-small" and space.secrets["HF_TOKEN"] == TOKEN
    assert len(space.commits) == commits + 1
    assert space.files[app_file] == b"# edited on the Hub by the owner\n", "a reused Space keeps its own app files"
    assert f"jobs/{second.job_id}/data/train.jsonl" in space.files and f"jobs/{first.job_id}/config.json" in space.files
    third = spaces_backend.launch(_params(backend="spaces-t4-small"), {"train": testdata / "seed" / "sft.csv"}, TOKEN)
    assert not third.hardware_requested, "already on that hardware: no new request"


def test_copy_is_duplicated_from_the_source_space_when_there_is_one(hub, testdata, monkeypatch):
    hub.add_user("autotrain", "hf_publisher")
    hub.add_repo("autotrain/autotrain-ui", "space", sdk="docker", private=False,
                 files={"README.md": b"---\nsdk: docker\n---\n", "app.py": b"print('app')\n"})
    monkeypatch.setenv("AUTOTRAIN_SOURCE_SPACE", "autotrain/autotrain-ui")
    job = spaces_backend.launch(_params(username="bob"), {"train": testdata / "seed" / "sft.csv"}, "hf_bob_token_abcdef")
    space = hub.repo("bob/autotrain-ui", "space")
    assert job.created and space.duplicated_from == "autotrain/autotrain-ui" and space.private
    assert space.hardware == "a10g-large" and space.secrets == {"HF_TOKEN": "hf_bob_token_abcdef"}
    assert space.files["app.py"] == b"print('app')\n" and f"jobs/{job.job_id}/config.json" in space.files
    assert "autotrain_ui/core/params.py" not in space.files, "a duplicate brings the source's app, not ours"


def test_the_app_finds_the_uploaded_job_at_start_up(hub, testdata, tmp_path):
    job = spaces_backend.launch(_params(valid_split="valid"), {"train": testdata / "seed" / "sft.csv",
                                                               "valid": testdata / "seed" / "sft.csv"}, TOKEN)
    checkout = tmp_path / "app"   # what the Space's container holds: its repo's files
    for path, content in hub.repo("alice/autotrain-ui", "space").files.items():
        (checkout / path).parent.mkdir(parents=True, exist_ok=True)
        (checkout / path).write_bytes(content)
    (checkout / "jobs" / "broken").mkdir()
    (checkout / "jobs" / "broken" / "job.json").write_text("{not json")
    pending = space_jobs.pending_jobs(checkout)
    assert [p.job_id for p in pending] == [job.job_id]
    found = pending[0]
    assert found.params.project_name == "space-bot" and found.params.token is None and found.flavour == "a10g-large"
    assert found.data_files["train"].read_bytes() == (testdata / "seed" / "sft.csv").read_bytes()
    assert set(found.data_files) == {"train", "valid"} and found.submitted_by == "alice" and found.drop_to_cpu_after
    assert space_jobs.pending_jobs(checkout, known_ids={job.job_id}) == []


def test_refusals_say_what_to_do(hub, testdata):
    with pytest.raises(spaces_backend.SpacesError, match="needs a Hub token"):
        spaces_backend.launch(_params(), {"train": testdata / "seed" / "sft.csv"}, None)
    hub.fail(401)
    with pytest.raises(spaces_backend.SpacesError, match="401") as info:
        spaces_backend.launch(_params(), {"train": testdata / "seed" / "sft.csv"}, TOKEN)
    assert "Nothing was started" in str(info.value) and TOKEN not in str(info.value)
    hub.clear_failures()
    hub.fail(drop=True, path="/commit/")
    with pytest.raises(spaces_backend.SpacesError, match="could not be reached"):
        spaces_backend.launch(_params(), {"train": testdata / "seed" / "sft.csv"}, TOKEN)


def _cli(args: list[str], hub: HubStandin, cwd: Path, token: str | None = TOKEN):
    env = {**os.environ, **hub.env(), "PYTHONPATH": str(REPO), "HF_HOME": str(cwd / ".hf")}
    env.pop("HF_TOKEN", None)
    if token:
        env["HF_TOKEN"] = token
    return subprocess.run([sys.executable, "-m", "autotrain_ui.cli", "llm", "--train", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def test_cli_sends_the_job_and_prints_how_to_follow_it(hub, testdata, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "train.csv").write_bytes((testdata / "seed" / "sft.csv").read_bytes())
    out = _cli(["--backend", "spaces-a10gl", "--model", "HuggingFaceTB/SmolLM2-135M-Instruct", "--project-name",
                "my-bot", "--data-path", str(data), "--train-split", "train", "--text-column", "text", "--trainer",
                "sft", "--peft", "--epochs", "3", "--push-to-hub", "--username", "alice"], hub, tmp_path)
    assert out.returncode == 0, out.stderr
    assert f"{hub.url}/spaces/alice/autotrain-ui" in out.stdout
    assert "autotrain jobs show --space alice/autotrain-ui my-bot-" in out.stdout
    assert not (tmp_path / "my-bot").exists(), "nothing trains (or is written) here"
    space = hub.repo("alice/autotrain-ui", "space")
    assert space.hardware == "a10g-large" and space.secrets["HF_TOKEN"] == TOKEN
    assert TOKEN not in out.stdout + out.stderr


def test_cli_refuses_a_local_model_for_a_space(hub, testdata, tmp_path, tiny_model):
    out = _cli(["--backend", "spaces-t4-small", "--model", tiny_model, "--project-name", "x", "--data-path",
                str(testdata / "seed" / "sft.csv"), "--trainer", "sft"], hub, tmp_path)
    assert out.returncode == 2 and "is not a Hub model id" in out.stderr
    assert hub.repo("alice/autotrain-ui", "space") is None


def test_jobs_show_follows_the_job_through_the_status_endpoint(monkeypatch):
    """`autotrain jobs show --space USER/SPACE ID` polls the app's `status` endpoint until the job ends."""
    import gradio_client

    answers = iter([{"status": "queued"}, {"status": "running", "progress": {"step": 3, "total_steps": 10},
                                           "metrics": {"loss": 1.2345}},
                    {"status": "succeeded", "hub_url": "https://huggingface.co/alice/my-bot"}])
    calls = []

    class FakeClient:
        def __init__(self, src, token=None, verbose=True, **kw):
            calls.append(("init", src, token))

        def predict(self, *args, api_name=None, **kw):
            calls.append(("predict", args, api_name))
            return next(answers)

    monkeypatch.setattr(gradio_client, "Client", FakeClient)
    lines = []
    code = spaces_backend.follow("alice/autotrain-ui", "my-bot-1", "hf_x", interval=0, out=lines.append)
    assert code == 0
    assert calls[0] == ("init", "alice/autotrain-ui", "hf_x") and calls[1] == ("predict", ("my-bot-1",), "/status")
    assert lines[0] == "queued" and "step 3/10" in lines[1] and "loss 1.2345" in lines[1]
    assert "succeeded" in lines[2] and "alice/my-bot" in lines[2]
