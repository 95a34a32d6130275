"""The app as a Docker Space with `hf_oauth: true` runs it: the real `python app.py` with the environment the Spaces
runtime sets, Gradio's real Sign-in routes against a stand-in OpenID provider on loopback (tests/oidc_standin.py),
nothing reaching the network. Then who sees what: {owner, allowed user, other signed-in user, anonymous} x {every
API endpoint, every page action, every served file}, in one table (test_access_matrix).

The Space: alice/autotrain-ui, AUTOTRAIN_ALLOWED_USERS=alice,bob. bob's finished job is the one everybody reaches for;
alice's job (submitted through the API, signed in) is one bob must not see."""

from __future__ import annotations

import hashlib
import inspect
import json
import time
import warnings
from pathlib import Path

import pytest

from tests.hub_standin import HubStandin
from tests.oidc_standin import OIDCStandin, sign_in
from tests.test_app import free_port, start_app, stop_app, wait_for

SPACE_HOST = "alice-autotrain-ui.hf.space"
CLIENT_ID = "00000000-0000-4000-8000-000000000001"
USERS = {"owner": "alice", "allowed": "bob", "other": "carol", "anonymous": None}
IDENTITIES = tuple(USERS)
JOB_NAME = "bobs-run"
# what a refused visitor is told (the catalog, access.py): a job they may not see is a job that does not exist
REFUSALS = ("There is no job", "read-only until you sign in", "chosen users train",
            "Only the person who started this job", "Only the owner of this Space")


def space_env(provider_url: str, gradio_tmp: Path) -> dict:
    """What the Spaces runtime sets in a Docker Space's container (the helper variables, and the OAuth ones with
    hf_oauth: true), plus the app's own settings."""
    return {"SYSTEM": "spaces", "SPACE_ID": "alice/autotrain-ui", "SPACE_AUTHOR_NAME": "alice",
            "SPACE_REPO_NAME": "autotrain-ui", "SPACE_TITLE": "AutoTrain UI", "SPACE_HOST": SPACE_HOST,
            "SPACE_CREATOR_USER_ID": "id-alice", "CPU_CORES": "2", "MEMORY": "16Gi",
            "OAUTH_CLIENT_ID": CLIENT_ID, "OAUTH_CLIENT_SECRET": "standin-secret", "OAUTH_SCOPES": "openid profile",
            "OPENID_PROVIDER_URL": provider_url, "AUTOTRAIN_ALLOWED_USERS": "alice,bob",
            "GRADIO_TEMP_DIR": str(gradio_tmp), "HF_TOKEN": ""}


def refused(*said) -> bool:
    blob = " ".join(str(s) for s in said)
    return any(r in blob for r in REFUSALS)


# ---------------------------------------------------------------- the booted Space

def seed_finished_job(home: Path, tiny_model: str, testdata: Path) -> str:
    """bob's finished job, put in the projects folder before the app starts, as a run leaves it (its settings,
    data and model: the tiny model, so the chat answers), without the minute a training process takes to start."""
    import shutil

    from autotrain_ui.jobs import Registry
    from autotrain_ui.core.params import LLMParams

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(Registry, "tick", lambda self, start=True: None)     # recorded, not started
        registry = Registry(home)
        job = registry.submit(LLMParams(project_name=JOB_NAME, model=tiny_model, trainer="sft"),
                              testdata / "seed" / "sft.csv", owner="bob", check_model=False)
        registry._db.execute("UPDATE jobs SET status = 'succeeded', started = ?, finished = ? WHERE id = ?",
                             (time.time() - 5, time.time(), job))
        registry.close()
    shutil.copytree(tiny_model, home / JOB_NAME / "model")
    return job


@pytest.fixture(scope="module")
def space(tmp_path_factory, tiny_model, testdata):
    """The app booted as a Space over bob's finished job; alice, bob and carol signed in through the provider
    (their session cookies); alice's job submitted through the API, signed in, and cancelled."""
    from gradio_client import Client, handle_file

    root = tmp_path_factory.mktemp("space")
    home, gradio_tmp = root / "projects", root / "gradio"
    home.mkdir()
    gradio_tmp.mkdir()
    bob_job = seed_finished_job(home, tiny_model, testdata)
    provider = OIDCStandin(CLIENT_ID)
    hub = HubStandin().start()          # the Hub a script's token is checked against (whoami)
    for name in ("bob", "carol"):
        hub.add_user(name, f"hf_script_{name}")
    env = {**space_env(provider.url, gradio_tmp), **hub.env()}
    port = free_port()
    proc = start_app(home, port, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        cookies = {who: sign_in(url, SPACE_HOST, name) for who, name in USERS.items() if name}
        clients = {who: Client(url + "/", verbose=False,
                               headers={"Cookie": f"session={cookies[who]}"} if who in cookies else None)
                   for who in IDENTITIES}
        settings = {"model": tiny_model, "trainer": "sft", "project_name": "alices-run"}
        alice_job = clients["owner"].predict(handle_file(str(testdata / "seed" / "sft.csv")), json.dumps(settings),
                                             api_name="/submit")
        clients["owner"].predict(alice_job, api_name="/cancel")      # stopped while it starts
        wait_for(clients["owner"], alice_job, ("cancelled",), timeout=120)
        yield {"url": url, "home": home, "gradio_tmp": gradio_tmp, "cookies": cookies, "clients": clients,
               "bob_job": bob_job, "alice_job": alice_job, "provider": provider.url}
    finally:
        stop_app(proc)
        provider.close()
        hub.stop()


def http_get(space, who: str, path: str):
    import httpx

    cookie = space["cookies"].get(who)
    return httpx.get(space["url"] + path, headers={"Cookie": f"session={cookie}"} if cookie else {}, timeout=30)


def test_the_space_starts_and_signs_visitors_in_through_the_hub(space):
    page = http_get(space, "anonymous", "/")
    assert page.status_code == 200 and "AutoTrain UI" in page.text
    login = http_get(space, "anonymous", "/login/huggingface")     # the Sign-in button's route: off to the Hub
    assert login.status_code in (302, 307)
    assert login.headers["location"].startswith(space["provider"] + "/oauth/authorize?")
    assert f"redirect_uri=https%3A%2F%2F{SPACE_HOST}%2Flogin%2Fcallback" in login.headers["location"]
    # signed in, the owner's job is recorded as hers and she sees it (and bob's: the owner sees every job)
    jobs = {j["id"]: j for j in space["clients"]["owner"].predict(api_name="/jobs")}
    assert jobs[space["alice_job"]]["owner"] == "alice" and jobs[space["alice_job"]]["status"] == "cancelled"
    assert jobs[space["bob_job"]]["owner"] == "bob" and jobs[space["bob_job"]]["status"] == "succeeded"


# ---------------------------------------------------------------- the page, at function level

def session_of(who: str) -> dict:
    """The session Gradio's Sign-in keeps for a signed-in visitor (what the routes above store)."""
    name = USERS[who]
    if not name:
        return {}
    return {"oauth_info": {"access_token": f"hf_oauth_{name}", "scope": "openid profile",
                           "expires_at": int(time.time()) + 3600,
                           "userinfo": {"preferred_username": name, "name": name.title(), "picture": "",
                                        "profile": f"https://huggingface.co/{name}"}}}


@pytest.fixture(scope="module")
def page(tmp_path_factory, testdata):
    """The page built with the Space's environment over a registry holding bob's finished job (two checkpoints)
    and alice's; the actions that would reach the Hub or export record what they were asked."""
    import gradio.oauth

    from autotrain_ui import app
    from autotrain_ui.hub import deploy, publish
    from autotrain_ui.jobs import Registry
    from autotrain_ui.core.params import LLMParams
    from autotrain_ui.ui import export_panel

    root = tmp_path_factory.mktemp("page")
    started: list = []
    with pytest.MonkeyPatch.context() as mp:
        env = space_env("http://127.0.0.1:9", root / "gradio")
        for name, value in env.items():
            mp.setenv(name, value)
        for name in ("OAUTH_CLIENT_ID", "OAUTH_CLIENT_SECRET", "OAUTH_SCOPES", "OPENID_PROVIDER_URL"):
            mp.setattr(gradio.oauth, name, env[name])   # Gradio read them when it was imported
        mp.setattr(Registry, "tick", lambda self, start=True: None)
        mp.setattr(publish, "push_in_background", lambda *a, **k: started.append("push"))
        mp.setattr(deploy, "deploy_in_background", lambda *a, **k: started.append("deploy"))
        mp.setattr(export_panel, "start", lambda *a, **k: started.append("export") or True)
        registry = Registry(root / "projects")
        jobs = {}
        for owner, name in (("bob", JOB_NAME), ("alice", "alices-run")):
            jobs[owner] = registry.submit(LLMParams(project_name=name, trainer="sft"), testdata / "seed" / "sft.csv",
                                          owner=owner, check_model=False)
            registry._db.execute("UPDATE jobs SET status = 'succeeded', finished = ? WHERE id = ?",
                                 (time.time(), jobs[owner]))
        project = registry.project(registry.get(jobs["bob"]))
        for step in (1, 2):   # two checkpoints on disk (no model folder: chat says there is no model yet)
            folder = project / "checkpoints" / f"checkpoint-{step}"
            folder.mkdir(parents=True)
            for name in ("model.safetensors", "config.json", "trainer_state.json"):
                (folder / name).write_text("{}")
        demo = app.build(registry)
        yield {"demo": demo, "registry": registry, "jobs": jobs, "started": started}
        registry.close()


def handler(demo, name: str, elem_id: str | None = None):
    """The page's handler `name` (its function's name or its api_name; wired to the component `elem_id`, when
    several share the name)."""
    for fn in demo.fns.values():
        if name not in (getattr(fn.fn, "__name__", None), fn.api_name):
            continue
        if elem_id is None or any(getattr(block, "elem_id", None) == elem_id for block, _ in
                                  ((demo.blocks.get(t[0]) if isinstance(t[0], int) else t[0], t[1])
                                   for t in fn.targets)):
            return fn.fn
    raise AssertionError(f"no handler {name} on {elem_id}")


def call(fn, who: str, *inputs):
    """Call a page handler as Gradio would for this visitor (profile, token and request from their session); its
    outputs (all of a generator's) and what it told the visitor (warnings, infos)."""
    from gradio.helpers import special_args
    from starlette.requests import Request

    import gradio as gr

    scope = {"type": "http", "method": "POST", "path": "/", "query_string": b"", "session": session_of(who),
             "headers": [(b"accept-language", b"en")]}
    args, *_ = special_args(fn, list(inputs), gr.Request(request=Request(scope)))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = fn(*args)
        out = list(out) if inspect.isgenerator(out) else out
    return out, " ".join(str(w.message) for w in caught)


def _visible(update) -> bool:
    return bool(update.get("visible")) if isinstance(update, dict) else False


def page_action(page, who: str, action: str) -> bool:
    """Did the page action go through for this visitor on bob's job (shown it, or acted on it)? Asserts that a
    refused visitor learns nothing of the job (its name appears nowhere in what they are sent)."""
    demo, job = page["demo"], page["jobs"]["bob"]
    page["started"].clear()
    calls = {
        "open job": lambda: call(handler(demo, "refresh", "job-select"), who, job),
        "live redraw": lambda: call(handler(demo, "on_tick", "runs-refresh"), who, job),
        "page load": lambda: call(handler(demo, "page_load"), who),
        "export panel": lambda: call(handler(demo, "show", "job-select"), who, job),
        "checkpoints": lambda: call(handler(demo, "on_job_checkpoints", "job-select"), who, job),
        "cancel": lambda: call(handler(demo, "run", "cancel-button"), who, job),
        "resume": lambda: call(handler(demo, "run", "resume-button"), who, job),
        "retry": lambda: call(handler(demo, "on_retry", "retry"), who, job),
        "push": lambda: call(handler(demo, "on_push", "push-button"), who, job),
        "deploy": lambda: call(handler(demo, "on_deploy", "deploy-button"), who, job),
        "use checkpoint": lambda: call(handler(demo, "on_use_checkpoint", "use-checkpoint"), who, job, 1),
        "train again": lambda: call(handler(demo, "on_again", "train-again"), who, job, False),
        "export": lambda: call(handler(demo, "go", "export-button"), who, job, "gguf", ["f16"], False),
        "chat send": lambda: call(handler(demo, "on_send", "chat-send"), who, job, "hi", [], [], True, 0.0, 16),
        "chat jobs": lambda: call(handler(demo, "chat_jobs"), who),
        "train": lambda: call(handler(demo, "on_train", "train-button"), who, None),
        "hardware move": lambda: call(handler(demo, "on_move"), who, None),
        "hardware drop": lambda: call(handler(demo, "on_drop"), who, False),
    }
    out, said = calls[action]()
    shown = {  # the views: the job in what is sent
        "open job": lambda: JOB_NAME in str(out), "live redraw": lambda: JOB_NAME in str(out),
        "page load": lambda: JOB_NAME in str(out), "chat jobs": lambda: JOB_NAME in str(out),
        "export panel": lambda: _visible(out[0]), "checkpoints": lambda: _visible(out[0]),
        "push": lambda: page["started"] == ["push"], "export": lambda: page["started"] == ["export"],
    }
    through = shown[action]() if action in shown else not refused(out, said)
    if not through and action not in ("train", "hardware move", "hardware drop"):
        assert JOB_NAME not in str(out) + said, (action, who, out, said)
    return through


# ---------------------------------------------------------------- the API and the served files, over HTTP

def api_action(space, who: str, action: str) -> bool:
    """Did the endpoint serve this visitor on bob's job? Asserts that a refusal says no more than 'no such job'."""
    client, job = space["clients"][who], space["bob_job"]
    if action == "/jobs":
        ids = {j["id"] for j in client.predict(api_name="/jobs")}
        assert space["alice_job"] not in ids or who == "owner", "only the owner sees alice's job"
        return job in ids
    if action == "/runs_refresh":   # what an open tab does: load the page (its job picker), then redraw a job
        client.predict(api_name="/page_load")
        try:
            return JOB_NAME in str(client.predict(job, api_name="/runs_refresh"))
        except Exception as exc:    # the job is not among the visitor's choices: Gradio refuses the value
            assert JOB_NAME not in str(exc)
            return False
    if action == "GET /autotrain/status":   # the plain status route pages and scripts poll: the same guard
        reply = http_get(space, who, f"/autotrain/status?job={job}")
        assert reply.status_code in (200, 404), reply.text
        if reply.status_code == 404:
            assert JOB_NAME not in reply.text and refused(reply.json()["error"]["message"])
            return False
        return reply.json()["name"] == JOB_NAME and reply.json()["status"] == "succeeded"
    args = {"/status": (job,), "/chat": (job, "Hello", False, 4, 0.0), "/cancel": (job,), "/resume": (job,),
            "/retry": (job,), "/submit": (None, "{}")}[action]
    try:
        out = client.predict(*args, api_name=action)
    except Exception as exc:   # gradio_client raises the endpoint's gr.Error
        message = str(exc)
        if refused(message):
            assert JOB_NAME not in message
            return False
        return True            # got past the guard: the job's state refused it (a finished job is not cancelled)
    if action == "/status" and out["status"] == "unknown":   # what an unknown id gets: a script keeps waiting
        assert JOB_NAME not in str(out) and refused(out["error"]["message"])
        return False
    if action == "/retry" and isinstance(out, str):
        client.predict(out, api_name="/cancel")                       # a retry it did start: stop it
    return True


def file_action(space, who: str, action: str) -> bool:
    """Could this visitor fetch bob's file (the data copy Train again hands out, an export's download), or learn
    from the live route that bob's job moved?"""
    from autotrain_ui.ui import served

    if action == "changes token":
        token = http_get(space, who, "/autotrain/changes").json()["token"]
        return token != hashlib.sha1(repr([]).encode()).hexdigest()[:16]   # the token of no jobs at all
    project = space["home"] / JOB_NAME
    source = {"handed-out data": project / "data" / "train.csv", "handed-out export": project / "config.json"}[action]
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GRADIO_TEMP_DIR", str(space["gradio_tmp"]))
        path = served.hand_out(source, "bob")
    reply = http_get(space, who, f"/gradio_api/file={path}")
    assert reply.status_code in (200, 403), reply.text
    if reply.status_code == 403:
        claim = http_get(space, who, f"/gradio_api/file={Path(path).parent / served.CLAIM}")
        assert claim.status_code == 403, "the owner's name beside a file is never served"
    return reply.status_code == 200 and reply.content == source.read_bytes()


# ---------------------------------------------------------------- the matrix

NEEDS = {
    ("api", "/jobs"): "see", ("api", "/status"): "see", ("api", "GET /autotrain/status"): "see", ("api", "/chat"): "see", ("api", "/runs_refresh"): "see",
    ("api", "/cancel"): "manage", ("api", "/resume"): "manage", ("api", "/retry"): "manage",
    ("api", "/submit"): "train",
    **{("page", a): "see" for a in ("open job", "live redraw", "page load", "export panel", "checkpoints",
                                    "train again", "chat send", "chat jobs")},
    **{("page", a): "manage" for a in ("cancel", "resume", "retry", "push", "deploy", "use checkpoint", "export")},
    ("page", "train"): "train", ("page", "hardware move"): "space owner", ("page", "hardware drop"): "space owner",
    ("file", "handed-out data"): "see", ("file", "handed-out export"): "see", ("file", "changes token"): "see",
}


def expected(who: str, need: str) -> bool:
    """The rules: the owner sees and does everything; an allowed user sees and acts on their own jobs (bob's job is
    theirs) and trains; another signed-in user and an anonymous visitor see nothing of anyone else's. The Space's
    hardware is the owner's alone."""
    return who == "owner" if need == "space owner" else who in ("owner", "allowed")


@pytest.mark.parametrize("who", IDENTITIES)
@pytest.mark.parametrize("surface,action", sorted(NEEDS))
def test_access_matrix(who, surface, action, request):
    run = {"api": api_action, "page": page_action, "file": file_action}[surface]
    context = request.getfixturevalue("page" if surface == "page" else "space")
    assert run(context, who, action) == expected(who, NEEDS[(surface, action)]), (who, surface, action)


def test_a_script_is_known_by_the_hub_token_it_sends_as_the_apps_oauth_token(space):
    """`autotrain jobs show --space` and other scripts have no session: they send their Hub token for the app to
    act with (gradio_client's oauth_token=), and the app asks the Hub whose it is."""
    from gradio_client import Client

    job = space["bob_job"]
    as_bob = Client(space["url"] + "/", verbose=False, oauth_token="hf_script_bob")
    assert as_bob.predict(job, api_name="/status")["status"] == "succeeded"
    listed = {j["id"]: j["owner"] for j in as_bob.predict(api_name="/jobs")}
    assert job in listed and set(listed.values()) == {"bob"}, "bob's jobs (a retry's too), never alice's"
    for token in ("hf_script_carol", "hf_refused_by_the_hub"):
        other = Client(space["url"] + "/", verbose=False, oauth_token=token)
        assert other.predict(job, api_name="/status") == {"id": job, "status": "unknown",
                                                          "error": {"message": f"There is no job {job}."}}
        assert other.predict(api_name="/jobs") == []
    # the plain status route knows a script by the same token, sent as a bearer token
    import httpx

    def plain(token):
        return httpx.get(f"{space['url']}/autotrain/status?job={job}", timeout=30,
                         headers={"Authorization": f"Bearer {token}"} if token else {})

    assert plain("hf_script_bob").json()["status"] == "succeeded"
    for token in ("hf_script_carol", "hf_refused_by_the_hub", None):
        reply = plain(token)
        assert (reply.status_code, reply.json()) == (404, {"id": job, "status": "unknown",
                                                             "error": {"message": f"There is no job {job}."}})


def test_a_guessed_project_file_is_served_to_nobody(space):
    """The projects folder (every user's data, logs and models) is never served, whoever asks."""
    log = space["home"] / JOB_NAME / "config.json"
    for who in IDENTITIES:
        assert http_get(space, who, f"/gradio_api/file={log}").status_code == 403
