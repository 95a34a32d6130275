"""The real app on a loopback port, driven through its API with gradio_client, as a script would drive a Space."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_app(home: Path, port: int, env: dict | None = None, args: list[str] | None = None) -> subprocess.Popen:
    """The app listening on `port`: given as --port, unless `args` says how (then `env` may set the port)."""
    env = dict(os.environ, AUTOTRAIN_HOME=str(home), PYTHONPATH=str(REPO), GRADIO_ANALYTICS_ENABLED="False",
               **(env or {}))
    log = open(home.parent / f"app-{port}.log", "ab")
    argv = ["--port", str(port)] if args is None else args
    proc = subprocess.Popen([sys.executable, str(REPO / "app.py"), *argv], env=env, stdout=log,
                            stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.time() + 90
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return proc
        except OSError:
            assert proc.poll() is None, (home.parent / f"app-{port}.log").read_text()
            time.sleep(0.5)
    raise AssertionError("the app did not start")


def stop_app(proc: subprocess.Popen) -> None:
    import signal

    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait()


@pytest.fixture
def app(tmp_path):
    home = tmp_path / "projects"
    home.mkdir()
    port = free_port()
    proc = start_app(home, port)
    from gradio_client import Client

    client = Client(f"http://127.0.0.1:{port}/", verbose=False)
    yield client, home, proc, port
    stop_app(proc)


def wait_for(client, job_id, states, timeout=300) -> dict:
    deadline = time.time() + timeout
    while time.time() < deadline:
        status = client.predict(job_id, api_name="/status")
        if status["status"] in states:
            return status
        time.sleep(0.5)
    raise AssertionError(f"job {job_id} never reached {states}: {status}")


def settings(tiny_model, name, **extra) -> str:
    return json.dumps({"project_name": name, "model": tiny_model, "trainer": "sft", "epochs": 2,
                       "logging_steps": 1, "block_size": 64, **extra})


def test_submit_queue_and_cancel_through_the_api(app, tiny_model, testdata):
    from gradio_client import handle_file

    client, home, _, _ = app
    data = handle_file(str(testdata / "seed" / "sft.csv"))
    first = client.predict(data, settings(tiny_model, "first", valid_percent=25), api_name="/submit")
    second = client.predict(data, settings(tiny_model, "second"), api_name="/submit")
    assert client.predict(second, api_name="/status")["status"] == "queued"  # one job at a time on the hardware
    done = wait_for(client, first, ("succeeded", "failed"))
    assert done["status"] == "succeeded", done
    assert done["metrics"].get("loss") is not None and done["progress"]["step"] == done["progress"]["total_steps"]
    assert wait_for(client, second, ("succeeded", "failed"))["status"] == "succeeded"
    assert "verdict" in done["report"] and isinstance(done["advice"], list)  # before/after report, coach
    replies = client.predict(first, "Hello, who are you?", True, 6, 0.0, api_name="/chat")
    assert set(replies) == {"tuned", "base", "device", "note"} and all(isinstance(v, str) for v in replies.values())
    listed = client.predict(api_name="/jobs")
    assert {j["id"] for j in listed} == {first, second}
    # a finished job is not cancelled, and a succeeded one is never resumed (that would overwrite its model)
    with pytest.raises(Exception, match="already ended \\(succeeded\\): there is nothing to cancel"):
        client.predict(first, api_name="/cancel")
    with pytest.raises(Exception, match="already finished successfully; resuming would retrain"):
        client.predict(first, api_name="/resume")
    assert client.predict(first, api_name="/status")["status"] == "succeeded"

    long = client.predict(data, settings(tiny_model, "long", epochs=500), api_name="/submit")
    running = wait_for(client, long, ("running",))
    deadline = time.time() + 120
    while client.predict(long, api_name="/status")["progress"]["step"] < 2 and time.time() < deadline:
        time.sleep(0.3)
    client.predict(long, api_name="/cancel")
    ended = wait_for(client, long, ("cancelled", "failed", "succeeded"), timeout=120)
    assert ended["status"] == "cancelled"
    from autotrain_ui.runner import group_alive
    import sqlite3

    pgid = sqlite3.connect(home / "jobs.sqlite").execute("SELECT pgid FROM jobs WHERE id = ?", (long,)).fetchone()[0]
    assert pgid and not group_alive(pgid)
    assert running["name"] == "long"


def changes_token(port: int) -> str:
    import urllib.request

    with urllib.request.urlopen(f"http://127.0.0.1:{port}/autotrain/changes", timeout=10) as reply:
        assert reply.headers["Cache-Control"] == "no-store"
        return json.loads(reply.read())["token"]


def test_pages_learn_of_changes_from_a_token_that_moves_with_the_jobs(app, tiny_model, testdata):
    """What an open page polls (ui/live.py): one short token, outside Gradio's queue, that changes when a job does."""
    from gradio_client import handle_file

    client, _, _, port = app
    before = changes_token(port)
    assert before == changes_token(port)                   # nothing happened: the same token
    job = client.predict(handle_file(str(testdata / "seed" / "sft.csv")), settings(tiny_model, "watched"),
                         api_name="/submit")
    time.sleep(1.1)                                        # the token is computed at most once a second
    assert changes_token(port) != before
    assert wait_for(client, job, ("succeeded", "failed"))["status"] == "succeeded"
    time.sleep(1.1)
    done = changes_token(port)
    time.sleep(1.1)
    assert changes_token(port) == done                     # a finished job: quiet again


def test_submit_with_no_settings_does_what_the_page_does(app, testdata):
    """`/submit` with `{}` after the spec's DPO table: the trainer, columns and step budget the page fills in after
    the same upload (suggest.py), every other setting the form's default."""
    from gradio_client import handle_file

    from autotrain_ui import suggest
    from autotrain_ui.core import data
    from autotrain_ui.core.params import LLMParams

    client, home, _, _ = app
    table = testdata / "seed" / "dpo.csv"
    job = client.predict(handle_file(str(table)), "{}", api_name="/submit")
    status = client.predict(job, api_name="/status")
    client.predict(job, api_name="/cancel")
    config = json.loads((home / status["name"] / "config.json").read_text())
    assert status["trainer"] == config["trainer"] == "dpo"
    assert (config["prompt_text_column"], config["text_column"], config["rejected_text_column"]) == \
        ("prompt", "text", "rejected_text")
    page = {**LLMParams().to_dict(), **suggest.suggest(data.prepare(table, None)[1]).settings}
    for name, value in page.items():
        if name not in ("data_path", "train_split", "chat_template"):  # the copy's path; the run fills the template
            assert config[name] == value, (name, config[name], value)
    wait_for(client, job, ("cancelled", "succeeded", "failed"), timeout=120)


def test_bad_submission_is_refused_with_the_reason(app, tiny_model, testdata):
    from gradio_client import handle_file

    client, home, _, _ = app
    with pytest.raises(Exception, match="question, answer"):
        client.predict(handle_file(str(testdata / "bad" / "wrong_columns.csv")),
                       settings(tiny_model, "bad", text_column="text"), api_name="/submit")
    assert client.predict(api_name="/jobs") == [] and not (home / "bad").exists()


def test_upload_over_the_size_limit_is_refused(tiny_model, testdata, tmp_path, monkeypatch):
    """The upload limit is configurable (AUTOTRAIN_MAX_UPLOAD, default 2gb); a bigger file is refused with a message
    and nothing is written in the projects folder."""
    from gradio_client import Client, handle_file

    monkeypatch.setenv("AUTOTRAIN_MAX_UPLOAD", "1kb")
    home = tmp_path / "projects"
    home.mkdir()
    big = tmp_path / "big.csv"
    big.write_text("text\n" + "".join(f"human: question {i} \\n bot: an answer long enough to matter\n"
                                      for i in range(200)))
    port = free_port()
    proc = start_app(home, port)
    try:
        client = Client(f"http://127.0.0.1:{port}/", verbose=False)
        with pytest.raises(Exception) as refused:
            client.predict(handle_file(str(big)), settings(tiny_model, "too-big"), api_name="/submit")
        assert "1kb" in str(refused.value).lower().replace(" ", "") or "size" in str(refused.value).lower(), \
            refused.value
        assert client.predict(api_name="/jobs") == [] and not (home / "too-big").exists()
    finally:
        stop_app(proc)


def test_the_app_listens_on_gradios_port_variable_before_port(tmp_path):
    import urllib.request

    home = tmp_path / "projects"
    home.mkdir()
    port, other = free_port(), free_port()
    proc = start_app(home, port, env={"GRADIO_SERVER_PORT": str(port), "PORT": str(other)}, args=[])
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30) as reply:
            assert reply.status == 200
        with pytest.raises(OSError):
            socket.create_connection(("127.0.0.1", other), timeout=1).close()
    finally:
        stop_app(proc)


def test_a_bad_port_variable_stops_the_app_with_a_message(tmp_path, monkeypatch, capsys):
    from autotrain_ui import app

    monkeypatch.setenv("GRADIO_SERVER_PORT", "seven")
    assert app.main(["--projects", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "GRADIO_SERVER_PORT='seven' is not a port number" in err and "Traceback" not in err
