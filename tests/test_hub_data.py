"""Hub datasets, read as the page, the API and `--data-path OWNER/NAME` read them (autotrain_ui/core/data/hub.py), against
the Hub stand-in serving dataset repos (tests/hub_datasets.py): a pasted address understood, the configs and splits
the repo has, the first rows read from the first bytes of one file, the whole split for the job, and a plain message
for each way it can fail: not found (or private), gated (with the page to ask for access), no network, empty."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from autotrain_ui.core.data import DataError, prepare
from autotrain_ui.core.data import hub as hub_data
from autotrain_ui.core.data.hub import HubRef, head_file, layout, load_split, parse_ref
from tests.hub_datasets import EMPTY, GATED, OWNER_TOKEN, PRIVATE, PUBLIC, add_datasets
from tests.hub_standin import HubStandin, use_standin

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@pytest.fixture(scope="module")
def hub():
    with HubStandin() as standin:
        add_datasets(standin)
        yield standin


@pytest.fixture
def hub_env(hub, monkeypatch, tmp_path):
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))   # downloads land in this test's own cache
    monkeypatch.setattr(hub_data, "_layouts", {})
    yield from use_standin(hub, monkeypatch)


def _error(call, *args, **kw) -> DataError:
    with pytest.raises(DataError) as caught:
        call(*args, **kw)
    return caught.value


@pytest.mark.parametrize("text, ref", [
    ("alice/chat-demo", HubRef("alice/chat-demo")),
    ("  https://huggingface.co/datasets/alice/chat-demo  ", HubRef("alice/chat-demo")),
    ("https://huggingface.co/datasets/alice/chat-demo/tree/v1.0", HubRef("alice/chat-demo", revision="v1.0")),
    ("https://huggingface.co/datasets/alice/chat-demo/viewer/plain/test",
     HubRef("alice/chat-demo", config="plain", split="test")),
    ("huggingface.co/datasets/alice/chat-demo/viewer/plain", HubRef("alice/chat-demo", config="plain")),
    ("https://huggingface.co/datasets/alice/chat-demo?row=3", HubRef("alice/chat-demo")),
    ("datasets/alice/chat-demo", HubRef("alice/chat-demo")),
])
def test_an_id_or_a_pasted_address_names_the_dataset(text, ref):
    assert parse_ref(text) == ref


def test_text_that_names_no_dataset_says_what_to_give():
    err = _error(parse_ref, "just some words")
    assert err.key == "data.hub.bad_ref" and "OWNER/NAME" in str(err)


def test_configs_and_splits_are_what_the_repo_has(hub_env):
    found = layout(PUBLIC)
    assert found.sha == hub_env.repo(PUBLIC, "dataset").sha
    assert {c: list(s) for c, s in found.configs.items()} == {"chat": ["train", "test"], "plain": ["train", "test"]}
    assert found.configs["chat"]["train"] == ["chat/train-00000-of-00001.parquet"]
    # no `configs:` in a card: one config, the splits named by the files
    private = layout(PRIVATE, token=OWNER_TOKEN)
    assert {c: sorted(s) for c, s in private.configs.items()} == {"default": ["test", "train"]}
    assert hub_data.configs_from_names(["train-00000-of-00002.parquet", "validation/x.csv", "dev.jsonl",
                                        "notes.txt", "data/anything.jsonl"]) == \
        {"default": {"train": ["train-00000-of-00002.parquet", "data/anything.jsonl"],
                     "validation": ["validation/x.csv", "dev.jsonl"]}}


def test_the_first_rows_come_from_the_first_bytes_not_the_whole_set(hub_env, tmp_path):
    hub_env.requests.clear()
    path, chosen = head_file(HubRef(PUBLIC), folder=tmp_path)       # the first config, its train split
    assert (chosen.config, chosen.split, chosen.revision) == ("chat", "train", hub_env.repo(PUBLIC, "dataset").sha)
    examples, report = prepare(path, None)
    assert report.ok and report.format == "messages" and report.rows_read == 10  # the first row group of 24 rows
    fetched = [r for r in hub_env.requests if "/resolve/" in r.path and r.path.endswith(".parquet")]
    assert fetched and all(r.method == "HEAD" or "Range" in r.headers for r in fetched)
    path, chosen = head_file(HubRef(PUBLIC, config="plain", split="test"), folder=tmp_path)
    assert path.suffix == ".jsonl" and prepare(path, None)[1].rows_read == 6


def test_the_job_loads_the_whole_split_at_the_pinned_commit(hub_env):
    sha = hub_env.repo(PUBLIC, "dataset").sha
    frame = load_split(HubRef(PUBLIC, sha, "chat", "train"))
    assert len(frame) == 24 and list(frame.columns) == ["messages"]
    assert frame["messages"][23][1]["content"] == "Mary keeps 23 red apples in box 23."
    assert _error(load_split, HubRef(PUBLIC, "f" * 40, "chat", "train")).key == "data.hub.revision_not_found"


def test_not_found_and_private_say_check_the_id_or_sign_in(hub_env):
    assert _error(layout, "alice/no-such-set").key == "data.hub.not_found"
    err = _error(layout, PRIVATE)                    # no token: the Hub says 404, as for a missing one
    assert err.key == "data.hub.not_found" and "signed in" in str(err)
    assert len(load_split(HubRef(PRIVATE, split="train"), token=OWNER_TOKEN)) == 12   # the owner's token reads it


def test_gated_gives_the_page_to_ask_for_access(hub_env, tmp_path):
    for token in (None, OWNER_TOKEN):              # anonymous, and an account that has not been granted access
        err = _error(head_file, HubRef(GATED), token, folder=tmp_path)
        assert err.key == "data.hub.gated" and f"{hub_env.url}/datasets/{GATED}" in str(err)
    hub_env.grant(GATED, "alice", "dataset")
    try:
        assert head_file(HubRef(GATED), OWNER_TOKEN, folder=tmp_path)[1].split == "train"
    finally:
        hub_env.repo(GATED, "dataset").granted.clear()


def test_an_empty_split_a_missing_split_and_no_network(hub_env, tmp_path):
    err = _error(head_file, HubRef(EMPTY, split="train"), folder=tmp_path)
    assert err.key == "data.hub.empty_split" and "'train'" in str(err)
    assert head_file(HubRef(EMPTY, split="test"), folder=tmp_path)[1].split == "test"
    err = _error(head_file, HubRef(PUBLIC, config="chat", split="validation"), folder=tmp_path)
    assert err.key == "data.hub.no_split" and "train and test" in str(err)
    assert _error(head_file, HubRef(PUBLIC, config="nope"), folder=tmp_path).key == "data.hub.no_config"
    hub_env.fail(drop=True, path=f"/api/datasets/{PUBLIC}")     # the network cut on the way
    err = _error(layout, PUBLIC)
    assert err.key == "data.hub.offline" and "cannot be reached" in err.text("en") and "Hub" in err.text("ko")


def test_the_check_reads_an_id_as_the_hub_split(hub_env):
    _, report = prepare(PUBLIC, None)          # `autotrain data check OWNER/NAME`: the first config's train split
    assert report.ok and report.rows_read == 24 and report.file_type == "hub"


def test_the_cli_trains_on_a_hub_id_and_records_its_commit(hub, tiny_model, tmp_path):
    """`autotrain llm --train --data-path OWNER/NAME` (the same code as the page): the whole split trained on, and
    config.json and the model card name the dataset and the commit it was read at."""
    env = {**os.environ, **hub.env(), "PYTHONPATH": REPO, "HF_HOME": str(tmp_path / "hf")}
    env.pop("HF_TOKEN", None)
    done = subprocess.run([sys.executable, "-m", "autotrain_ui.cli", "llm", "--train", "--model", tiny_model,
                           "--project-name", "hubrun", "--data-path", PUBLIC, "--data-config", "plain",
                           "--trainer", "default", "--max-steps", "2", "--block-size", "32"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    config = json.loads((tmp_path / "hubrun" / "config.json").read_text())
    sha = hub.repo(PUBLIC, "dataset").sha
    assert (config["data_path"], config["data_config"], config["data_revision"]) == (PUBLIC, "plain", sha)
    assert not (tmp_path / "hubrun" / "data").exists() or not any((tmp_path / "hubrun" / "data").iterdir())
    from autotrain_ui.hub.card import model_card
    from autotrain_ui.core.params import LLMParams

    card = model_card(tmp_path / "hubrun", LLMParams.load(tmp_path / "hubrun" / "config.json"))
    assert f"datasets/{PUBLIC}" in card and sha in card and "| 30 |" in card


def test_the_cli_check_reads_the_split_and_config_asked_for(hub_env, capsys):
    from autotrain_ui.cli.data import check_main

    assert check_main([PUBLIC, "--data-config", "plain", "--train-split", "test", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["rows_read"] == 6 and report["columns"] == ["text"]
    assert check_main([PUBLIC, "--train-split", "validation"]) == 2
    assert "has no split 'validation'; it has train and test" in capsys.readouterr().out


def test_a_private_split_is_checked_with_the_token_that_never_reaches_the_project(hub_env, tmp_path):
    from autotrain_ui.core.params import LLMParams
    from autotrain_ui.preflight import preflight
    from autotrain_ui.runner import create_project

    params = LLMParams(project_name="private-run", data_path=PRIVATE, trainer="default")
    refused = preflight(params, check_model=False)                    # no token: as if it were not there
    assert f"no dataset '{PRIVATE}' that you may see" in "\n".join(map(str, refused.errors))
    check = preflight(params, check_model=False, token=OWNER_TOKEN)
    assert check.ok, check.errors
    assert params.data_revision == hub_env.repo(PRIVATE, "dataset").sha and check.data_files == {}
    project = create_project(tmp_path, params, check.data_files)
    config = (project / "config.json").read_text()
    assert f'"data_path": "{PRIVATE}"' in config and OWNER_TOKEN not in config


def test_the_page_and_the_api_send_the_split_and_the_visitors_token(hub_env):
    """Train (and the script API with no file) hand the job the Hub split with the visitor's token for reading."""
    from autotrain_ui.ui.actions import submit_job

    class Registry:
        def submit(self, params, data_file, owner=None, token=None, warnings=None):
            self.got = (params, data_file, token)
            return "job1"

    registry = Registry()
    split = {"dataset": PRIVATE, "revision": "abc", "config": "default", "split": "test"}
    submit_job(registry, "/tmp/first-rows.jsonl", {"trainer": "default"}, oauth_token=OWNER_TOKEN, hub_split=split)
    params, data_file, token = registry.got
    assert (params.data_path, params.data_config, params.data_revision, params.train_split) == \
        (PRIVATE, "default", "abc", "test")
    assert data_file is None and token == OWNER_TOKEN        # the first rows' file is the page's, not the job's data
    submit_job(registry, None, {"data_path": PUBLIC, "data_config": "plain"})           # the API: no file
    assert registry.got[0].data_path == PUBLIC and registry.got[1] is None
