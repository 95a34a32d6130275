"""`--deploy` and the Runs view's Deploy button: a private chat Space for a pushed model repo.

`deploy(model_id, token)` makes (or, when it exists, updates) the Space `<user>/<model-name>-chat`:

    app.py             autotrain_ui/hub/chat_space.py with MODEL_ID set to the model repo: a Gradio chat that renders the
                       conversation with the model's own tokenizer chat template (the repo carries it)
    requirements.txt   what that app needs besides Gradio (the Space's SDK brings Gradio itself)
    README.md          the Space's card: Gradio SDK, app.py, the model it serves

and sets the Space's MODEL_ID variable (the same repo id) and its HF_TOKEN secret (the model repo is private by
default; the Space reads it with that token). A new Space is private. Its hardware follows the model's size
(`serving_flavour`): the free CPU basic while the model is small enough to answer there, else the cheapest single
GPU that holds it, set to sleep after an hour without visitors so that billing stops. A second deploy of the same
model updates the files, the variable and the secret of the same Space (it never makes another), and its hardware
only where the Space's own cannot hold the model (hardware the owner chose bigger stays).

From the page the deploy runs in a background thread; PROJECT/deploy.json says where it stands (deploying,
deployed with the Space's address, or failed with the reason), as push.json does for a push. No token is ever
written there, nor into any file of the Space.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from autotrain_ui import fit, hardware
from autotrain_ui.core import trainers_catalog
from autotrain_ui.core.hub_client import client, describe_hub_error, hub_endpoint, kept, scrub, space_exists
from autotrain_ui.core.i18n import Message, message, render, text

APP_SOURCE = Path(__file__).with_name("chat_space.py")
MODEL_LINE = re.compile(r'^MODEL_ID = .*$', re.M)
HALF_DTYPE_LINE = re.compile(r'^from autotrain_ui\.core\.gpu import half_dtype.*$', re.M)
STATE = "deploy.json"
SPACE_SUFFIX = "-chat"
CPU_MAX_PARAMS = 1.5e9      # up to this size a model answers on the free CPU basic (float32: ~6 GB of its 16 GB RAM,
                            # a few words a second for a 1B model); above it, a GPU
GPU_BYTES_PER_PARAM = 2     # bfloat16 / float16 weights on a GPU ...
SERVING_OVERHEAD_GB = 1.5   # ... plus the CUDA context, the activations and the KV cache of one conversation
SLEEP_AFTER_S = 3600        # a GPU Space sleeps after an hour without visitors (its billing stops) and wakes on a visit
REQUIREMENTS = ("torch>=2.4,<3", "transformers>=5.0,<6", "peft>=0.15", "accelerate>=1.0", "sentencepiece")


class DeployError(Exception):
    """A deploy that did not happen; the message (an i18n Message) says why and what to do."""

    def __init__(self, said: Message | str):
        super().__init__(str(said))
        self.said = said


@dataclass
class Deployment:
    space_id: str
    url: str               # the Space's page on the Hub
    app_url: str           # where the app itself answers
    model_id: str
    flavour: str           # the hardware the Space was asked for
    created: bool          # False: an existing Space was updated
    reason: str            # why this hardware (English)


# ---------------------------------------------------------------- what the Space runs on

def serving_flavour(n_params: float) -> tuple[hardware.Flavour, Message]:
    """The hardware for chatting with a model of this size, and why: CPU basic (free) up to CPU_MAX_PARAMS, else the
    cheapest one-GPU flavour whose memory holds the weights in 16 bits with room to answer."""
    size = f"{n_params / 1e9:.1f}B" if n_params >= 1e9 else f"{max(n_params / 1e6, 0.1):.3g}M"
    if n_params <= CPU_MAX_PARAMS:
        return hardware.BY_NAME["cpu-basic"], message("deploy.hardware_cpu", size=size)
    need = n_params * GPU_BYTES_PER_PARAM / hardware.GB + SERVING_OVERHEAD_GB
    gpus = sorted((f for f in hardware.FLAVOURS if f.gpus == 1), key=lambda f: (f.price_per_hour, -f.gpu_memory_gb))
    for f in gpus:
        if need <= 0.9 * f.gpu_memory_gb:
            return f, message("deploy.hardware_gpu", size=size, need=need, gpu=f.gpu, memory=f.gpu_memory_gb)
    biggest = max(gpus, key=lambda f: f.gpu_memory_gb)
    return biggest, message("deploy.hardware_too_big", size=size, need=need, gpu=biggest.gpu,
                            memory=biggest.gpu_memory_gb)


def holds(current: str | None, needed: hardware.Flavour) -> bool:
    """Whether a Space on `current` hardware can serve what `needed` was chosen for: any hardware for a model that
    answers on CPU, else a GPU with at least as much memory."""
    have = hardware.BY_NAME.get(current or "")
    if have is None:
        return False
    return not needed.is_gpu or (have.is_gpu and have.gpu_memory_gb >= needed.gpu_memory_gb)


def model_size(api, model_id: str, files: list[str]) -> float:
    """Parameters of the model a repo holds: its config.json, or for a LoRA adapter its base model's (the base must
    be a Hub model: the Space loads it from there)."""
    with tempfile.TemporaryDirectory(prefix="autotrain-deploy-") as folder:
        if "adapter_config.json" in files:
            path = api.hf_hub_download(model_id, "adapter_config.json", local_dir=folder)
            base = json.loads(Path(path).read_text(encoding="utf-8")).get("base_model_name_or_path") or ""
            from autotrain_ui.hub.card import is_hub_id

            if not is_hub_id(base):
                raise DeployError(message("deploy.local_base", model=model_id, base=base))
            return fit.model_shape(base).params
        if "config.json" not in files:
            raise DeployError(message("deploy.no_model", model=model_id))
        api.hf_hub_download(model_id, "config.json", local_dir=folder)
        return fit.model_shape(folder).params


# ---------------------------------------------------------------- the Space's files

def space_name_for(model_id: str) -> str:
    return model_id.split("/")[-1][:96 - len(SPACE_SUFFIX)] + SPACE_SUFFIX


def app_file(model_id: str) -> bytes:
    """chat_space.py with the model repo written in (the Space's MODEL_ID variable says the same), and the source of
    the one rule for the GPU's half precision (autotrain_ui/core/gpu.half_dtype) in place of its import: the Space has
    none of this project's modules."""
    import inspect

    from autotrain_ui.core import gpu

    source = APP_SOURCE.read_text(encoding="utf-8")
    line = f"MODEL_ID = os.environ.get(\"MODEL_ID\") or {json.dumps(model_id)}  # the model this Space serves"
    source = MODEL_LINE.sub(lambda _: line, source, count=1)
    return HALF_DTYPE_LINE.sub(lambda _: "\n" + inspect.getsource(gpu.half_dtype), source, count=1).encode()


def space_card(model_id: str, flavour: hardware.Flavour) -> bytes:
    import gradio

    name = model_id.split("/")[-1]
    return (f"---\ntitle: {json.dumps(name + ' chat')}\nemoji: 💬\ncolorFrom: indigo\ncolorTo: blue\nsdk: gradio\n"
            f"sdk_version: {gradio.__version__}\napp_file: app.py\npinned: false\nmodels:\n- {model_id}\n---\n\n"
            f"# {name} chat\n\nA chat with [{model_id}](https://huggingface.co/{model_id}), fine-tuned with AutoTrain "
            f"UI. It renders the conversation with the model's own chat template, on {flavour.label}.\n\n"
            "To serve another model, set the Space variable `MODEL_ID` (Settings -> Variables and secrets). A "
            "private model needs the `HF_TOKEN` secret, a token that can read it.\n").encode()


def space_files(model_id: str, flavour: hardware.Flavour) -> list[tuple[str, bytes]]:
    return [("app.py", app_file(model_id)), ("requirements.txt", ("\n".join(REQUIREMENTS) + "\n").encode()),
            ("README.md", space_card(model_id, flavour))]


# ---------------------------------------------------------------- the deploy

def _trainer(api, model_id: str, files: list[str]) -> str | None:
    """The trainer the repo's run used (training/config.json, which a push sends), when it says."""
    if "training/config.json" not in files:
        return None
    with tempfile.TemporaryDirectory(prefix="autotrain-deploy-") as folder:
        path = api.hf_hub_download(model_id, "training/config.json", local_dir=folder)
        try:
            return json.loads(Path(path).read_text(encoding="utf-8")).get("trainer")
        except ValueError:
            return None


def deploy(model_id: str, token: str | None, *, space_name: str | None = None) -> Deployment:
    """Make or update the private chat Space for `model_id` under the token's user (see the module doc)."""
    if not token:
        raise DeployError(message("deploy.needs_token"))
    api = client(token)
    step = message("deploy.step.token")
    try:
        user = api.whoami()["name"]
        space_id = space_name if space_name and "/" in space_name else f"{user}/{space_name or space_name_for(model_id)}"
        step = message("deploy.step.model", model=model_id)
        files = api.list_repo_files(model_id)
        if not trainers_catalog.chats(_trainer(api, model_id, files) or "sft"):
            raise DeployError(message("deploy.reward", model=model_id, chatting=trainers_catalog.chatting()))
        flavour, why = serving_flavour(model_size(api, model_id, files))
        sleep = SLEEP_AFTER_S if flavour.is_gpu else None
        secret = {"key": "HF_TOKEN", "value": token, "description": "reads the model repo (AutoTrain UI chat Space)"}
        variable = {"key": "MODEL_ID", "value": model_id, "description": "the model this chat serves"}
        created = not space_exists(api, space_id)
        if created:
            step = message("deploy.step.create", space=space_id)
            api.create_repo(space_id, repo_type="space", space_sdk="gradio", private=True, space_hardware=flavour.name,
                            space_sleep_time=sleep, space_secrets=[secret], space_variables=[variable])
        else:
            step = message("deploy.step.settings", space=space_id)
            api.add_space_secret(space_id, secret["key"], token, description=secret["description"])
            api.add_space_variable(space_id, variable["key"], model_id, description=variable["description"])
            runtime = api.get_space_runtime(space_id)
            current = runtime.requested_hardware or runtime.hardware
            if not holds(current, flavour):  # a Space the owner moved to bigger hardware stays there
                step = message("deploy.step.hardware", space=space_id, flavour=flavour.name)
                api.request_space_hardware(space_id, flavour.name, sleep_time=sleep)
            else:
                flavour = hardware.BY_NAME.get(current, flavour)
        step = message("deploy.step.upload", space=space_id)
        from huggingface_hub import CommitOperationAdd

        api.create_commit(space_id, [CommitOperationAdd(path_in_repo=rel, path_or_fileobj=data)
                                     for rel, data in space_files(model_id, flavour)], repo_type="space",
                          commit_message=f"Chat with {model_id} (AutoTrain UI deploy)")
    except DeployError:
        raise
    except Exception as exc:
        raise DeployError(message("deploy.failed", step=step, error=describe_hub_error(exc, token))) from exc
    return Deployment(space_id=space_id, url=f"{hub_endpoint()}/spaces/{space_id}",
                      app_url=f"https://{re.sub(r'[^a-z0-9-]', '-', space_id.replace('/', '-').lower())}.hf.space",
                      model_id=model_id, flavour=flavour.name, created=created, reason=str(why))


def describe(d: Deployment) -> str:
    """What the CLI prints once a deploy is done."""
    flavour = hardware.BY_NAME[d.flavour]
    return str(message("deploy.done" if d.created else "deploy.updated", url=d.url, app=d.app_url,
                       hardware=flavour.describe(), why=d.reason))


# ---------------------------------------------------------------- from the page: in the background, deploy.json

def state(project: str | Path) -> dict | None:
    try:
        return json.loads((Path(project) / STATE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _write(project: Path, value: dict) -> None:
    tmp = project / f".{STATE}.tmp"
    tmp.write_text(json.dumps(value, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, project / STATE)


def deploy_job(project: str | Path, model_id: str, token: str | None) -> dict:
    """Deploy now (blocking) and record the outcome in deploy.json; returns that record."""
    project = Path(project)
    _write(project, {"status": "deploying", "model_id": model_id, "started": time.time()})
    try:
        done = deploy(model_id, token)
        outcome = {"status": "deployed", **asdict(done), "finished": time.time()}
    except DeployError as exc:
        outcome = {"status": "failed", "model_id": model_id, "message": scrub(str(exc.said), token),
                   "said": kept(exc.said, token), "finished": time.time()}
    except Exception as exc:  # a bug of ours: said, so that the page does not wait for ever on "deploying"
        outcome = {"status": "failed", "model_id": model_id, "message": scrub(f"{type(exc).__name__}: {exc}", token),
                   "finished": time.time()}
    _write(project, outcome)
    return outcome


def deploy_in_background(project: str | Path, model_id: str, token: str | None) -> threading.Thread:
    _write(Path(project), {"status": "deploying", "model_id": model_id, "started": time.time()})  # shown at once
    thread = threading.Thread(target=deploy_job, args=(project, model_id, token), name="autotrain-deploy", daemon=True)
    thread.start()
    return thread


def pushed_repo(push_state: dict | None) -> str | None:
    """The model repo a pushed job went to (push.json's address: <endpoint>/<user>/<name>)."""
    if not push_state or push_state.get("status") != "pushed" or not push_state.get("url"):
        return None
    parts = push_state["url"].rstrip("/").split("/")
    return "/".join(parts[-2:]) if len(parts) >= 2 else None


def markdown(value: dict | None, lang: str = "en") -> str:
    """Where the deploy stands, in `lang` (the reason for a failure too)."""
    if not value:
        return ""
    key = {"deploying": "deploy.state.deploying",
           "deployed": "deploy.state.deployed"}.get(value["status"], "deploy.state.failed")
    reason = render(value.get("said") or value.get("message", ""), lang)
    flavour = hardware.BY_NAME.get(value.get("flavour") or "")
    return text(key, lang, url=value.get("url", ""), message=reason, hardware=flavour.label if flavour else "")
