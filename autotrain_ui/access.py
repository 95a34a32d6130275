"""Who may do what. Pure functions of (user name, environment): no Gradio, no network, easy to test.

Outside a Space (no SPACE_ID), everyone who can reach the app may train: it listens on 127.0.0.1 unless told
otherwise, so "everyone" is the person at this machine.

On a Space, training costs the owner money and uses the owner's token, so only signed-in users named in
AUTOTRAIN_ALLOWED_USERS (a comma-separated list; default: the Space's owner, SPACE_AUTHOR_NAME or the part of
SPACE_ID before '/') may start, cancel or push. Everyone else sees the app read-only, with a message saying how
to get their own copy. A user sees only their own jobs, except the owner, who sees all.

User names are compared without regard to case (the Hub treats them so). "*" in AUTOTRAIN_ALLOWED_USERS lets
every signed-in user train (a deliberate choice for a shared, paid Space).
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from typing import Iterable, Mapping

from autotrain_ui.core.hub_client import on_space

LOCAL_USER = "local"   # the owner name recorded for jobs started outside a Space

# What the page says about access, by key (the page's strings table, ui/strings.py, has them in Korean too).
MESSAGES = {
    "access_copy": "To train your own models, make your own copy: [Duplicate this Space]({link}), choose its "
                   "hardware, and set the HF_TOKEN secret (see the README's \"Run it as your own Space\").",
    "access_signed_out": "This Space is read-only until you sign in: only the users its owner allows may train here. "
                         "Sign in with the Hugging Face button if you are one of them.",
    "access_not_allowed": "You are signed in as {user}, but this Space only lets its owner's chosen users train "
                          "(AUTOTRAIN_ALLOWED_USERS). You can look around; starting, cancelling and pushing are off.",
    "access_not_your_job": "Only the person who started this job (or the owner) may change it.",
}


def say(key: str, table: dict | None = None, **values) -> str:
    """One of MESSAGES in the table's language (a strings table; None: English)."""
    return ((table or {}).get(key) or MESSAGES[key]).format(**values)


def _env(env: Mapping[str, str] | None) -> Mapping[str, str]:
    return os.environ if env is None else env


def space_owner(env: Mapping[str, str] | None = None) -> str | None:
    env = _env(env)
    if env.get("SPACE_AUTHOR_NAME"):
        return env["SPACE_AUTHOR_NAME"]
    space_id = env.get("SPACE_ID") or ""
    return space_id.split("/")[0] if "/" in space_id else None


def allowed_users(env: Mapping[str, str] | None = None) -> set[str]:
    """Lower-cased names allowed to train on this Space ({"*"}: any signed-in user)."""
    env = _env(env)
    listed = {u.strip().lstrip("@").lower() for u in (env.get("AUTOTRAIN_ALLOWED_USERS") or "").split(",") if u.strip()}
    if listed:
        return listed
    owner = space_owner(env)
    return {owner.lower()} if owner else set()


def username_of(profile) -> str | None:
    """The user name from what Gradio hands a handler: gr.OAuthProfile (an object or dict with `username`,
    or `preferred_username`), a plain string, or None when nobody is signed in."""
    if profile is None:
        return None
    if isinstance(profile, str):
        return profile or None
    for key in ("username", "preferred_username", "name"):
        value = profile.get(key) if isinstance(profile, Mapping) else getattr(profile, key, None)
        if isinstance(value, str) and value:
            return value
    return None


def session_user(session) -> str | None:
    """Who a request's session says is signed in: Gradio's Sign-in button keeps the Hub's answer there (`oauth_info`,
    its `userinfo`); None when nobody is signed in or the sign-in has expired. The same session Gradio reads to hand
    handlers a gr.OAuthProfile, read here for what gets no profile: the app's own routes and the files it serves."""
    info = session.get("oauth_info") if isinstance(session, Mapping) else None
    if not isinstance(info, Mapping):
        return None
    expires = info.get("expires_at")
    if isinstance(expires, (int, float)) and expires < time.time():
        return None
    return username_of(info.get("userinfo"))


def user_from_request(request) -> str | None:
    """session_user of a gr.Request, a Starlette request or an ASGI scope (no session, as outside a Space: None)."""
    scope = request if isinstance(request, Mapping) else \
        getattr(getattr(request, "request", None) or request, "scope", None)
    return session_user(scope.get("session")) if isinstance(scope, Mapping) else None


def is_owner(user: str | None, env: Mapping[str, str] | None = None) -> bool:
    if not on_space(env):
        return True
    owner = space_owner(env)
    return bool(user and owner and user.lower() == owner.lower())


def can_train(user: str | None, env: Mapping[str, str] | None = None) -> bool:
    """May this user start, cancel or push jobs (and change the Space's hardware)?"""
    if not on_space(env):
        return True
    if not user:
        return False
    allowed = allowed_users(env)
    return "*" in allowed or user.lower() in allowed


def duplicate_url(env: Mapping[str, str] | None = None) -> str | None:
    space_id = _env(env).get("SPACE_ID")
    return f"https://huggingface.co/spaces/{space_id}?duplicate=true" if space_id else None


def read_only_message(user: str | None, env: Mapping[str, str] | None = None, table: dict | None = None) -> str:
    """Why this user can only look, and how to get a copy where they can train, in the table's language. Empty
    when they may train."""
    if can_train(user, env):
        return ""
    copy = say("access_copy", table, link=duplicate_url(env))
    if not user:
        return say("access_signed_out", table) + " " + copy
    return say("access_not_allowed", table, user=user) + " " + copy


def can_see_job(user: str | None, job_owner: str | None, env: Mapping[str, str] | None = None) -> bool:
    """Outside a Space every job is visible. On a Space: the owner sees all jobs, others only their own."""
    if not on_space(env) or is_owner(user, env):
        return True
    return bool(user and job_owner and user.lower() == job_owner.lower())


def can_manage_job(user: str | None, job_owner: str | None, env: Mapping[str, str] | None = None) -> bool:
    """Cancel / push / delete a job: an allowed user, on their own job (the owner: on any job)."""
    return can_train(user, env) and can_see_job(user, job_owner, env)


def visible_jobs(jobs: Iterable, user: str | None, env: Mapping[str, str] | None = None,
                 owner_of=lambda job: job.get("owner") if isinstance(job, Mapping) else getattr(job, "owner", None)) -> list:
    """The jobs this user may see (jobs are dicts or objects with an `owner`)."""
    return [job for job in jobs if can_see_job(user, owner_of(job), env)]


def job_owner_name(user: str | None, env: Mapping[str, str] | None = None) -> str:
    """What to record as a new job's owner: the signed-in user on a Space, LOCAL_USER elsewhere when nobody is."""
    return user or (space_owner(env) if on_space(env) else LOCAL_USER) or LOCAL_USER


@dataclass(frozen=True)
class Access:
    user: str | None
    on_space: bool
    can_train: bool
    is_owner: bool
    message: str        # empty when the user may train


def access_for(profile, env: Mapping[str, str] | None = None, table: dict | None = None) -> Access:
    """Everything the page needs to know about the current visitor, in one value (the message in the table's
    language)."""
    user = username_of(profile)
    return Access(user=user, on_space=on_space(env), can_train=can_train(user, env), is_owner=is_owner(user, env),
                  message=read_only_message(user, env, table))


def server_name(env: Mapping[str, str] | None = None) -> str:
    """Where the app listens: all interfaces on a Space (the proxy needs it), else 127.0.0.1 unless
    GRADIO_SERVER_NAME or AUTOTRAIN_HOST says otherwise."""
    env = _env(env)
    explicit = env.get("AUTOTRAIN_HOST") or env.get("GRADIO_SERVER_NAME")
    if explicit:
        return explicit
    return "0.0.0.0" if on_space(env) else "127.0.0.1"


DEFAULT_PORT = 7860
# Gradio's own variable first (it is the one named for this server), then the generic PORT that container platforms
# set; `--port` on the command line overrides both (autotrain_ui.app.main).
PORT_VARIABLES = ("GRADIO_SERVER_PORT", "PORT")


def server_port(env: Mapping[str, str] | None = None) -> int:
    """The port the app listens on: GRADIO_SERVER_PORT, else PORT, else 7860. The port is bound exactly (a Space's
    proxy expects that one), not searched upwards. A value that is no port number raises ValueError naming it."""
    env = _env(env)
    for name in PORT_VARIABLES:
        value = (env.get(name) or "").strip()
        if not value:
            continue
        port = int(value) if value.isdigit() else 0
        if not 0 < port < 65536:
            raise ValueError(f"{name}={value!r} is not a port number: set it to a number from 1 to 65535, or unset "
                             "it to use 7860.")
        return port
    return DEFAULT_PORT
