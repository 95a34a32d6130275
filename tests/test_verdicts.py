"""A finished run's verdict (did the loss fall?) where a user reads it: the registry's status, the Runs table and
job view, `autotrain jobs`, `autotrain llm --train`'s last lines and the app's /status API. The runs are
synthetic: a job row marked succeeded over an events.jsonl written by the test (no training)."""

from __future__ import annotations

import json

import pytest

from autotrain_ui.jobs import Registry
from autotrain_ui.job_errors import SubmitError
from autotrain_ui.core.params import LLMParams
from tests.test_coach import HEALTHY, ISSUE_14, stream


@pytest.fixture
def registry(tmp_path, monkeypatch):
    monkeypatch.setattr(Registry, "tick", lambda self, start=True: None)  # no trainer starts: the test writes the run
    reg = Registry(tmp_path / "projects")
    yield reg
    reg.close()


def finished_job(registry, name, losses, model, testdata, status="succeeded", **extra) -> str:
    job = registry.submit(LLMParams(project_name=name, model=model, trainer="sft", epochs=1, peft=True, **extra),
                          testdata / "seed" / "sft.csv")
    project = registry.project(registry.get(job))
    (project / "events.jsonl").write_text("".join(json.dumps(e) + "\n" for e in stream(losses)), encoding="utf-8")
    registry._finish(job, status, 0 if status == "succeeded" else 1, None)
    return job


@pytest.fixture
def runs(registry, tiny_model, testdata):
    """Three finished runs: the issue's (loss 4.10 -> 4.61), one of two steps, a healthy one."""
    return {"rose": finished_job(registry, "rose", ISSUE_14, tiny_model, testdata),
            "short": finished_job(registry, "short", [2.3, 2.2], tiny_model, testdata),
            "fell": finished_job(registry, "fell", HEALTHY, tiny_model, testdata)}


def test_status_carries_the_verdict_and_whether_it_learned(registry, runs):
    rose = registry.status(runs["rose"])
    assert rose["status"] == "succeeded" and rose["learned"] is False
    assert rose["verdict"]["kind"] == "rose" and rose["verdict"]["change"] == {"lr": 6.67e-05}
    assert "The loss rose from 4.16 to 4.56" in rose["verdict"]["message"]
    short = registry.summary(runs["short"])
    assert short["learned"] is None and short["verdict"]["kind"] == "too_few_steps"
    assert short["verdict"]["change"] == {"epochs": 15}
    fell = registry.status(runs["fell"])
    assert fell["learned"] is True and fell["verdict"]["kind"] == "fell" and fell["verdict"]["change"] == {}


def test_a_running_job_gets_the_verdict_so_far(registry, tiny_model, testdata):
    job = registry.submit(LLMParams(project_name="live", model=tiny_model, trainer="sft"),
                          testdata / "seed" / "sft.csv")
    assert registry.summary(job)["verdict"] is None  # queued, nothing logged
    registry._db.execute("UPDATE jobs SET status = 'running' WHERE id = ?", (job,))
    events = registry.project(registry.get(job)) / "events.jsonl"
    events.write_text("".join(json.dumps(e) + "\n" for e in stream(ISSUE_14[:8], total=30)), encoding="utf-8")
    so_far = registry.summary(job)["verdict"]
    assert so_far["message"].startswith("Up to step 8:") and so_far["kind"] == "rose" and so_far["change"] == {}


def test_runs_table_never_shows_a_run_that_did_not_learn_as_a_plain_success(registry, runs):
    from autotrain_ui.ui.runs_tab import jobs_table

    table = jobs_table(registry).set_index("name")
    assert table.loc["rose", "status"] == "succeeded - loss rose"
    assert table.loc["short", "status"] == "succeeded - too few steps to tell"
    assert table.loc["fell", "status"] == "succeeded"


def test_job_view_shows_the_verdict_and_offers_its_change(registry, runs):
    from autotrain_ui.ui.actions import retry_job
    from autotrain_ui.ui.runs_tab import job_view

    text, _, _, _, button, _ = job_view(registry, runs["rose"])
    assert "status: **succeeded - loss rose**" in text and "Did it learn?" in text
    assert "The loss rose from 4.16 to 4.56" in text and "6.67e-05" in text
    assert button["visible"] and button["value"] == "Try again with lr = 6.67e-05"
    again = retry_job(registry, runs["rose"])
    new, old = (registry.settings(registry.get(j)) for j in (again, runs["rose"]))
    assert new["lr"] == 6.67e-05 and {k: v for k, v in new.items() if k not in ("lr", "project_name", "data_path")} \
        == {k: v for k, v in old.items() if k not in ("lr", "project_name", "data_path")}

    text, _, _, _, button, _ = job_view(registry, runs["fell"])
    assert "The loss fell from 2.12 to 1.21" in text and not button["visible"]
    assert "Training coach" not in text  # its "the loss fell" note would say it twice
    with pytest.raises(SubmitError, match="no suggested change"):
        retry_job(registry, runs["fell"])


def test_autotrain_jobs_list_and_show_say_the_verdict(registry, runs):
    from autotrain_ui.cli.jobs import list_jobs, show

    listed = {line.split()[1]: line for line in list_jobs(registry).splitlines()[1:]}
    assert "succeeded - loss rose" in listed["rose"] and "succeeded - too few steps to tell" in listed["short"]
    assert "succeeded -" not in listed["fell"]
    shown = show(registry, runs["rose"])
    assert f"{runs['rose']}  rose: succeeded - loss rose, step 9/9" in shown
    assert "verdict: The loss rose from 4.16 to 4.56" in shown and "(--lr)" in shown


def fake_launch(losses):
    """runner.launch standing in for a trainer: the run's events and status.json, as a finished trainer leaves."""
    class Done:
        returncode = 0

        def poll(self):
            return 0

    def launch(project, token=None, **_):
        (project / "events.jsonl").write_text("".join(json.dumps(e) + "\n" for e in stream(losses)), encoding="utf-8")
        (project / "status.json").write_text(json.dumps({"status": "succeeded", "exit_code": 0}), encoding="utf-8")
        return Done()
    return launch


@pytest.mark.parametrize("losses, says, done", [(ISSUE_14, "Finished, but: The loss rose from 4.16 to 4.56", False),
                                                ([2.3, 2.2], "Finished, but: Too few steps to tell", False),
                                                (HEALTHY, "The loss fell from 2.12 to 1.21", True)],
                         ids=["rose", "two-steps", "fell"])
def test_cli_ends_with_the_verdict(losses, says, done, monkeypatch, tiny_model, testdata, tmp_path, capsys):
    from autotrain_ui import runner
    from tests.test_cli import data_folder, run_cli

    monkeypatch.setattr(runner, "launch", fake_launch(losses))
    data_folder(tmp_path, testdata / "seed" / "sft.csv")
    code, output = run_cli(["--train", "--project-name", "cli", "--model", tiny_model, "--data-path", "data",
                            "--trainer", "sft", "--peft"], tmp_path, capsys)
    assert code == 0 and says in output, output
    assert ("Done. The model is in" in output) is done


def test_a_run_that_did_not_learn_is_not_pushed_on_its_own(registry, tiny_model, testdata, monkeypatch):
    """push_to_hub asked, the loss rose: nothing is sent; the Runs view says why and offers Push. A run whose loss
    fell is pushed as asked."""
    from autotrain_ui.hub import publish
    from autotrain_ui.ui.runs_tab import job_view

    pushed = []
    monkeypatch.setattr(publish, "push_in_background", lambda project, token, **_: pushed.append(project.name))
    rose = finished_job(registry, "rose", ISSUE_14, tiny_model, testdata, push_to_hub=True, username="alice")
    assert pushed == [] and registry.status(rose)["push"]["status"] == "held"
    for lang, says in (("en", "Not pushed to the Hub on its own"), ("ko", "Hub에 저절로 올리지 않았습니다")):
        view = job_view(registry, rose, lang)
        assert says in view[0] and "4.16" in view[0], view[0]  # why: the verdict, with its numbers
        assert view[-1]["visible"] is True  # the Push button
    finished_job(registry, "fell", HEALTHY, tiny_model, testdata, push_to_hub=True, username="alice")
    assert pushed == ["fell"]


def test_cli_does_not_push_a_run_that_did_not_learn(monkeypatch, tiny_model, testdata, tmp_path, capsys):
    import os

    from autotrain_ui import hub, runner
    from autotrain_ui.cli import main
    from tests.test_cli import data_folder

    monkeypatch.setattr(runner, "launch", fake_launch(ISSUE_14))
    monkeypatch.setattr(hub, "push", lambda *a, **k: pytest.fail("a run that did not learn was pushed"))
    data_folder(tmp_path, testdata / "seed" / "sft.csv")
    monkeypatch.chdir(tmp_path)
    code = main(["llm", "--train", "--project-name", "cli", "--model", tiny_model, "--data-path", "data", "--trainer",
                 "sft", "--peft", "--push-to-hub", "--username", "alice"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "Not pushed to the Hub: this run did not learn" in out and "python -m autotrain_ui.hub push" in out
    assert out.strip().splitlines()[-1].startswith("Finished, but: The loss rose from 4.16 to 4.56"), out
    assert os.path.isdir(tmp_path / "cli")


def test_status_api_carries_the_verdict(registry, runs):
    """The app's /status, through gradio_client, as a script reads it."""
    from gradio_client import Client

    from tests.test_app import free_port, start_app, stop_app

    port = free_port()
    proc = start_app(registry.root, port)
    try:
        client = Client(f"http://127.0.0.1:{port}/", verbose=False)
        rose = client.predict(runs["rose"], api_name="/status")
        assert rose["learned"] is False and rose["verdict"]["kind"] == "rose"
        assert rose["verdict"]["change"] == {"lr": 6.67e-05} and "loss rose" in rose["verdict"]["message"]
        fell = client.predict(runs["fell"], api_name="/status")
        assert fell["learned"] is True and fell["verdict"]["kind"] == "fell"
        listed = {j["name"]: j for j in client.predict(api_name="/jobs")}
        assert listed["short"]["verdict"]["kind"] == "too_few_steps" and listed["short"]["learned"] is None
    finally:
        stop_app(proc)


def test_following_a_space_job_prints_its_verdict():
    from autotrain_ui.hub.spaces import _status_line

    line = _status_line({"status": "succeeded", "progress": {"step": 9, "total_steps": 9}, "metrics": {"loss": 4.61},
                         "verdict": {"kind": "rose", "message": "The loss rose from 4.16 to 4.56 ..."}})
    assert line.startswith("succeeded  step 9/9  loss 4.6100") and "The loss rose from 4.16 to 4.56" in line
