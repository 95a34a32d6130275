"""Publish a finished project to the Hub as `<username>/<project-name>`, with a model card that says what a
reader needs (base model, trainer, data, settings, losses and their plot, chat template, a usage snippet
that works as pasted).

What goes to the repo (everything else in the project folder stays local):

    README.md                 the model card (also kept as PROJECT/README.md)
    loss.png                  training / eval loss per step (also kept as PROJECT/loss.png)
    <PROJECT/model/*>         the adapter or the full / merged weights, tokenizer, chat template
    training/config.json      the run's parameters (never a token)
    training/metrics.json     the trainer's final metrics
    training/events.jsonl     one line per logged step
    training/run_info.json    what the run chose for its hardware (precision, checkpointing), when present

The token is passed to the Hub client as an argument, never stored: it is in no file, card, log line or
message (every file to upload is checked for it first, and error messages are scrubbed). A push that fails
(wrong token, missing namespace, network cut) raises PushError; the project folder is left as it was, and
the message says how to try again: `python -m autotrain_ui.hub push PROJECT` or the Runs view's Push button.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from autotrain_ui.hub_card import _base_model, write_card
from autotrain_ui.jsonfile import read_json_dict
from autotrain_ui.params import LLMParams

SKIP_MODEL_FILES = {"README.md", "training_args.bin"}   # peft's blank card; a pickle of the trainer's arguments
SCAN_LIMIT = 64 * 1024 * 1024                            # weights bigger than this are not scanned for the token


class PushError(Exception):
    """A push that did not happen. `kind` is auth, not_found, network, local, token_leak or hub; the message says
    what went wrong, that the local result is intact, and how to try again."""

    def __init__(self, message: str, kind: str = "hub"):
        super().__init__(message)
        self.kind = kind


# ---------------------------------------------------------------- helpers shared with hardware / spaces_backend

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


def scrub(text: str, token: str | None) -> str:
    return text.replace(token, "hf_***") if token and len(token) >= 4 else text


def describe_hub_error(exc: BaseException, token: str | None = None) -> str:
    """One plain sentence for a Hub failure (never the token)."""
    from huggingface_hub.errors import HfHubHTTPError, RepositoryNotFoundError

    status = getattr(getattr(exc, "response", None), "status_code", None)
    if isinstance(exc, RepositoryNotFoundError) and status != 401:
        text = "the Hub answered 404 (not found): the user or organisation does not exist, or this token cannot see it."
    elif status == 401:
        text = "the Hub refused the token (401 Unauthorized): it is wrong, expired or revoked."
    elif status == 403:
        text = ("the Hub answered 403 (forbidden): the token is read-only or may not write to this namespace; use a "
                "token with write access.")
    elif status == 404:
        text = "the Hub answered 404 (not found): the user, organisation or repo does not exist."
    elif status == 402:
        text = "the Hub answered 402 (payment required): this hardware needs billing set up on your account."
    elif isinstance(exc, HfHubHTTPError) and status:
        text = f"the Hub answered {status}: {str(exc).splitlines()[0]}"
    elif _is_network_error(exc):
        text = f"the Hub could not be reached ({type(exc).__name__}: {str(exc) or 'connection lost'})."
    else:
        text = f"{type(exc).__name__}: {exc}"
    return scrub(text, token)


def _is_network_error(exc: BaseException) -> bool:
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
    return "network" if _is_network_error(exc) else "hub"


def _api(token: str | None):
    from huggingface_hub import HfApi

    return HfApi(endpoint=hub_endpoint(), token=token)


# ---------------------------------------------------------------- what the project holds

# ---------------------------------------------------------------- the push

def retry_hint(project: Path) -> str:
    return (f"Nothing was lost: the trained model is still in {project / 'model'}. To try again, run "
            f"`python -m autotrain_ui.hub push {project}` (token from HF_TOKEN or `hf auth login`), or press Push on "
            "this run in the app's Runs view.")


def upload_plan(project_dir: str | Path, params: LLMParams) -> list[tuple[str, Path | bytes]]:
    """(path in repo, local file or generated bytes) for everything a push sends."""
    project = Path(project_dir)
    model_dir = project / "model"
    base, base_is_hub = _base_model(params)
    plan: list[tuple[str, Path | bytes]] = []
    for path in sorted(p for p in model_dir.rglob("*") if p.is_file()):
        rel = path.relative_to(model_dir).as_posix()
        if rel in SKIP_MODEL_FILES or rel.startswith(".") or "/." in rel:
            continue
        if rel == "adapter_config.json" and base_is_hub:
            # the adapter must name its base as others can load it, not as a path on this machine
            config = read_json_dict(path)
            if config.get("base_model_name_or_path") != base:
                config["base_model_name_or_path"] = base
                plan.append((rel, (json.dumps(config, indent=2, sort_keys=True) + "\n").encode()))
                continue
        plan.append((rel, path))
    for name in ("README.md", "loss.png"):
        if (project / name).exists():
            plan.append((name, project / name))
    for name in ("config.json", "metrics.json", "events.jsonl", "run_info.json"):
        if (project / name).exists():
            plan.append((f"training/{name}", project / name))
    for path in sorted(p for p in (project / "runs").rglob("*") if p.is_file()):  # --log tensorboard: the Hub shows it
        plan.append((f"runs/{path.relative_to(project / 'runs').as_posix()}", path))
    plan += gguf_plan(project)
    return plan


def gguf_plan(project: Path) -> list[tuple[str, Path]]:
    """The project's GGUF export (export/gguf: the .gguf files and the Modelfile) as the repo's gguf/ folder."""
    folder = project / "export" / "gguf"
    files = sorted(p for p in folder.glob("*") if p.is_file() and not p.name.endswith(".partial")) \
        if folder.is_dir() else []
    return [(f"gguf/{p.name}", p) for p in files] if any(p.suffix == ".gguf" for p in files) else []


def find_token(plan: list[tuple[str, Path | bytes]], token: str) -> list[str]:
    """Paths in the plan whose bytes contain the token (files over SCAN_LIMIT are weights: not scanned)."""
    needle = token.encode()
    found = []
    for rel, src in plan:
        if isinstance(src, bytes):
            data = src
        elif src.stat().st_size <= SCAN_LIMIT:
            data = src.read_bytes()
        else:
            continue
        if needle in data:
            found.append(rel)
    return found


def _stored_token() -> str | None:
    """HF_TOKEN, else the token `hf auth login` stored on this machine."""
    try:
        from huggingface_hub import get_token

        return get_token()
    except Exception:
        return os.environ.get("HF_TOKEN") or None


def _model_ready(project: Path) -> bool:
    model_dir = project / "model"
    return model_dir.is_dir() and any(any(model_dir.glob(pattern)) for pattern in
                                       ("*.safetensors", "*.bin", "*.gguf"))


def push(project_dir: str | Path, params: LLMParams | None, token: str | None, *, private: bool = True,
         username: str | None = None, dataset: str | None = None, commit_message: str | None = None) -> str:
    """Send the project to `<username>/<project-name>` (private unless asked) and return the repo's URL.
    params: the run's LLMParams (None: read PROJECT/config.json). username: defaults to params.username, then the
    token's own user. Raises PushError; the project folder is never changed except for README.md and loss.png."""
    project = Path(project_dir).resolve()
    if params is None:
        params = LLMParams.load(project / "config.json")
    if not _model_ready(project):
        raise PushError(f"There is no trained model in {project / 'model'} to push: the run has not finished "
                        "successfully. Train first, then push.", "local")
    token = token or _stored_token()
    if not token:
        raise PushError("Pushing to the Hub needs a token with write access: pass --token, set HF_TOKEN, or sign in "
                        "with the Hugging Face button in the app. " + retry_hint(project), "auth")
    api = _api(token)
    namespace = None
    try:
        namespace = username or params.username or api.whoami()["name"]
        repo_id = f"{namespace}/{params.project_name}"
        write_card(project, params, repo_id=repo_id, dataset=dataset)
        plan = upload_plan(project, params)
        leaked = find_token(plan, token)
        if leaked:
            raise PushError(f"Refusing to push: the token appears in {', '.join(leaked)}. Remove it from those files "
                            "and revoke the token at https://huggingface.co/settings/tokens.", "token_leak")
        from huggingface_hub import CommitOperationAdd

        url = api.create_repo(repo_id, repo_type="model", private=private, exist_ok=True)
        operations = [CommitOperationAdd(path_in_repo=rel, path_or_fileobj=src if isinstance(src, bytes) else str(src))
                      for rel, src in plan]
        if any(f.startswith("checkpoints/") for f in api.list_repo_files(repo_id)):
            from huggingface_hub import CommitOperationDelete

            # the run's resumable checkpoint (trainers/hub_checkpoints.py) is not needed once the model is there
            operations.insert(0, CommitOperationDelete(path_in_repo="checkpoints/", is_folder=True))
        api.create_commit(repo_id, operations, repo_type="model",
                          commit_message=commit_message or f"Upload {params.project_name} (AutoTrain UI, {params.trainer})")
    except PushError:
        raise
    except Exception as exc:
        namespace = namespace or username or params.username
        target = f"{namespace}/{params.project_name}" if namespace else params.project_name
        raise PushError(f"Push of {target} to the Hub failed: {describe_hub_error(exc, token)} {retry_hint(project)}",
                        _kind(exc)) from None
    return str(getattr(url, "url", None) or f"{hub_endpoint()}/{repo_id}")


def push_export(project_dir: str | Path, token: str | None, *, username: str | None = None, private: bool = True) -> str:
    """Send PROJECT/export/gguf (the GGUF files and the Modelfile) to the model repo's gguf/ folder, with the model
    card rewritten to say how to run them (llama.cpp, Ollama, LM Studio). Returns the repo's URL; raises PushError."""
    project = Path(project_dir).resolve()
    params = LLMParams.load(project / "config.json")
    folder = project / "export" / "gguf"
    files = gguf_plan(project)
    if not files:
        raise PushError(f"There is no GGUF export in {folder} to push: export the project first "
                        f"(`autotrain export {project} --format gguf`).", "local")
    token = token or _stored_token()
    if not token:
        raise PushError("Pushing to the Hub needs a token with write access: set HF_TOKEN, or sign in with the "
                        "Hugging Face button in the app.", "auth")
    api = _api(token)
    namespace = None
    try:
        namespace = username or params.username or api.whoami()["name"]
        repo_id = f"{namespace}/{params.project_name}"
        write_card(project, params, repo_id=repo_id)
        plan = files + [("README.md", project / "README.md")]
        leaked = find_token(plan, token)
        if leaked:
            raise PushError(f"Refusing to push: the token appears in {', '.join(leaked)}.", "token_leak")
        from huggingface_hub import CommitOperationAdd

        url = api.create_repo(repo_id, repo_type="model", private=private, exist_ok=True)
        api.create_commit(repo_id, [CommitOperationAdd(path_in_repo=rel, path_or_fileobj=str(src)) for rel, src in plan],
                          repo_type="model", commit_message=f"Add GGUF export of {params.project_name} (AutoTrain UI)")
    except PushError:
        raise
    except Exception as exc:
        target = f"{namespace or username or params.username}/{params.project_name}"
        raise PushError(f"Push of the GGUF export to {target} failed: {describe_hub_error(exc, token)} The export is "
                        f"still in {folder}.", _kind(exc)) from None
    return str(getattr(url, "url", None) or f"{hub_endpoint()}/{repo_id}")


# ---------------------------------------------------------------- `python -m autotrain_ui.hub push PROJECT`

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m autotrain_ui.hub",
                                     description="Push a finished project to the Hub (token from HF_TOKEN or `hf auth login`; "
                                                 "never on the command line).")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("push", help="push PROJECT to <username>/<project-name>")
    p.add_argument("project", help="the project folder (holds config.json and model/)")
    p.add_argument("--username", help="user or organisation (default: the run's --username, else the token's user)")
    p.add_argument("--public", action="store_true", help="make the repo public (default: private)")
    p.add_argument("--dataset", help="the Hub dataset id the data came from, for the card")
    args = parser.parse_args(argv)
    try:
        url = push(args.project, None, None, private=not args.public, username=args.username, dataset=args.dataset)
    except PushError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"Pushed to {url}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
