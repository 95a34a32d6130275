"""The one way this project talks to the Hub: the client, the Hub's address, which token to act with, and a
plain sentence for any Hub failure that never holds the token. Push, the Space backend, deploy, hardware requests
and the training process's Hub checkpoints all go through here."""

from __future__ import annotations

import os

from autotrain_ui.core.i18n import Message, message, part


def hub_endpoint() -> str:
    """The Hub's address, read when called (HF_ENDPOINT may be set after huggingface_hub was imported)."""
    from huggingface_hub import constants

    return (os.environ.get("HF_ENDPOINT") or constants.ENDPOINT).rstrip("/")


def resolve_token(explicit: str | None = None, oauth_token=None) -> str | None:
    """The token to act with: --token / the app's field, then the signed-in user's (gr.OAuthToken), then HF_TOKEN."""
    if explicit:
        return explicit
    value = getattr(oauth_token, "token", oauth_token)
    if isinstance(value, str) and value:
        return value
    return os.environ.get("HF_TOKEN") or None


def on_space(env=None) -> bool:
    """Whether this runs on a Hugging Face Space (the Space runtime sets SPACE_ID)."""
    return bool((os.environ if env is None else env).get("SPACE_ID"))


def reading_token(oauth_token=None) -> str | None:
    """The token to read a visitor's data with: on a Space, the signed-in visitor's own (never the Space's secret,
    which would show them its owner's private datasets); on one's own machine, the visitor's, else HF_TOKEN or the
    token `hf auth login` stored."""
    value = getattr(oauth_token, "token", oauth_token)
    if isinstance(value, str) and value:
        return value
    return None if on_space() else stored_token()


WHO_TTL_S = 300.0
_who: dict[str, tuple[str | None, float]] = {}   # sha256 of a token -> (its user, when the Hub said so)


def token_user(token: str | None) -> str | None:
    """The Hub user a token belongs to (whoami), remembered for WHO_TTL_S by the token's hash (never the token), so
    a script that polls costs one Hub call per five minutes. None when the Hub refuses the token, the token is an
    organisation's, or the Hub cannot be reached (not remembered: asked again next time)."""
    import hashlib
    import time

    if not token:
        return None
    key = hashlib.sha256(token.encode()).hexdigest()
    known = _who.get(key)
    if known and time.monotonic() - known[1] < WHO_TTL_S:
        return known[0]
    try:
        info = client(token).whoami()
    except Exception as exc:
        if _kind(exc) != "auth":
            return None
        info = {}
    name = info.get("name") if info.get("type", "user") == "user" else None
    if len(_who) > 10_000:
        _who.clear()
    _who[key] = (name if isinstance(name, str) and name else None, time.monotonic())
    return _who[key][0]


def scrub(said, token: str | None):
    """`said` with the token masked: a str, a Message (its values; it stays a Message, said in any language) or a
    message kept as JSON (a part, a phrase, a list of them)."""
    if not (token and len(token) >= 4):
        return said
    if isinstance(said, Message):
        return Message(said.key, scrub(said.values, token))
    if isinstance(said, str):
        return said.replace(token, "hf_***")
    if isinstance(said, dict):
        return {name: scrub(value, token) for name, value in said.items()}
    if isinstance(said, (list, tuple)):
        return [scrub(value, token) for value in said]
    return said


def kept(said, token: str | None) -> dict | str:
    """A failure's message as a state file keeps it (push.json, deploy.json, export.json): a Message becomes a part,
    which the page says in each visitor's language (i18n.render), any other text its str; the token masked."""
    said = scrub(said, token)
    return part(said.key, **said.values) if isinstance(said, Message) else str(said)


def describe_hub_error(exc: BaseException, token: str | None = None) -> Message | str:
    """One plain sentence for a Hub failure (a Message, said in the reader's language; never the token)."""
    from huggingface_hub.errors import HfHubHTTPError, RepositoryNotFoundError

    status = getattr(getattr(exc, "response", None), "status_code", None)
    if isinstance(exc, RepositoryNotFoundError) and status != 401:
        said = message("hub.error.owner_not_found")
    elif status in (401, 402, 403, 404):
        said = message(f"hub.error.status_{status}")
    elif isinstance(exc, HfHubHTTPError) and status:
        said = message("hub.error.status", status=status, detail=str(exc).splitlines()[0])
    elif is_network_error(exc):
        said = message("hub.error.unreachable", error=f"{type(exc).__name__}: {str(exc) or 'connection lost'}")
    else:
        said = f"{type(exc).__name__}: {exc}"
    return scrub(said, token)


def is_network_error(exc: BaseException) -> bool:
    try:
        import httpx2

        if isinstance(exc, httpx2.TransportError):
            return True
    except ImportError:
        pass
    try:
        import httpx

        if isinstance(exc, httpx.TransportError):
            return True
    except ImportError:
        pass
    return isinstance(exc, (ConnectionError, TimeoutError))


def _kind(exc: BaseException) -> str:
    status = getattr(getattr(exc, "response", None), "status_code", None)
    if status in (401, 403):
        return "auth"
    if status == 404:
        return "not_found"
    return "network" if is_network_error(exc) else "hub"


def client(token: str | None):
    """The project's one Hub client (huggingface_hub.HfApi) on the Hub this process talks to (HF_ENDPOINT)."""
    from huggingface_hub import HfApi

    return HfApi(endpoint=hub_endpoint(), token=token)


def stored_token() -> str | None:
    """HF_TOKEN, else the token `hf auth login` stored on this machine."""
    try:
        from huggingface_hub import get_token

        return get_token()
    except Exception:
        return os.environ.get("HF_TOKEN") or None


def space_exists(api, space_id: str) -> bool:
    """Whether the Space is there (and this token may see it)."""
    from huggingface_hub.errors import RepositoryNotFoundError

    try:
        api.space_info(space_id)
        return True
    except RepositoryNotFoundError:
        return False
