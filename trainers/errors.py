"""RunError, a problem the user can fix found inside the run, and the triage of any exception into the plain
paragraph of PROJECT/error.json ({kind, message, hint, retry}) that the app and the CLI show."""

from __future__ import annotations

import errno
from pathlib import Path

import torch

from autotrain_ui.core.models import ModelNotFound
from autotrain_ui.core.params import LLMParams
from autotrain_ui.core.templates import TemplateError


class RunError(Exception):
    """A problem the user can fix, found inside the run. kind/hint end up in error.json."""

    def __init__(self, kind: str, message: str, hint: str = ""):
        super().__init__(message)
        self.kind, self.hint = kind, hint


def free_partial_writes(project_dir: Path) -> None:
    """After a disk-full failure: remove the half-written checkpoint and model, so error.json can still be written
    and every complete checkpoint stays (autotrain_ui.core.checkpoints.is_complete); the model is complete once
    metrics.json is there (run.save_result writes it after the model and tokenizer)."""
    import shutil

    from autotrain_ui.core import checkpoints

    for _, folder in checkpoints.numbered(project_dir):
        if not checkpoints.is_complete(folder):
            shutil.rmtree(folder, ignore_errors=True)
    model = Path(project_dir) / "model"
    if model.exists() and not (Path(project_dir) / "metrics.json").exists():
        shutil.rmtree(model, ignore_errors=True)


def classify_error(exc: BaseException, params: LLMParams | None = None) -> dict:
    """One plain paragraph for error.json and stderr: kind, message, hint, and `retry`: the one settings change
    most likely to fix it (the app's "retry with this change" button applies it)."""
    info = _classify(exc)
    info["retry"] = suggested_change(info["kind"], params) if params is not None else {}
    return info


def suggested_change(kind: str, params: LLMParams) -> dict:
    from autotrain_ui.core.models import DEFAULT_HUB_ID

    if kind == "out_of_memory":
        if params.batch_size > 1:
            return {"batch_size": params.batch_size // 2, "gradient_accumulation": params.gradient_accumulation * 2}
        if not params.peft:
            return {"peft": True}
        return {"block_size": max(64, params.effective_block_size // 2)}
    if kind == "model_not_found":
        return {"model": DEFAULT_HUB_ID}
    if kind == "bad_template":
        return {"chat_template": "chatml" if params.template == "tokenizer" else None}
    if kind == "diverged":
        return {"lr": float(f"{params.learning_rate / 10:.3g}")}
    if kind == "disk_full":
        return {"save_total_limit": 1}
    if kind == "invalid_settings" and params.quantization:
        return {"quantization": None}
    return {}


def _classify(exc: BaseException) -> dict:
    from autotrain_ui.core.data import DataError

    text = str(exc)
    if isinstance(exc, RunError):
        return {"kind": exc.kind, "message": text, "hint": exc.hint}
    if isinstance(exc, DataError):
        return {"kind": "bad_data", "message": text, "hint": "Fix the data file (run `autotrain data check`)."}
    if isinstance(exc, TemplateError):
        return {"kind": "bad_template", "message": text, "hint": "Choose another --chat-template."}
    if isinstance(exc, ModelNotFound):
        return {"kind": "model_not_found", "message": text, "hint": "Check --model."}
    if isinstance(exc, (torch.cuda.OutOfMemoryError, MemoryError)) or "out of memory" in text.lower() \
            or "can't allocate memory" in text.lower() or "cannot allocate memory" in text.lower():
        return {"kind": "out_of_memory", "message": "The model ran out of memory during training.",
                "hint": "Lower --batch-size or --block-size, add --peft (and --quantization int4 on a GPU), or "
                        "choose bigger hardware."}
    if (isinstance(exc, OSError) and exc.errno == errno.ENOSPC) or "no space left on device" in text.lower():
        return {"kind": "disk_full", "message": "The disk is full: the model or a checkpoint could not be written.",
                "hint": "Free some space, or lower --save-total-limit."}
    lowered = text.lower()
    if "gated" in lowered or "401" in lowered or "access to model" in lowered:
        return {"kind": "model_gated", "message": f"The model cannot be downloaded: {text}",
                "hint": "Accept the model's licence on the Hub and give a token (HF_TOKEN) that has access."}
    if isinstance(exc, OSError) and ("does not appear to have" in lowered or "is not a local folder" in lowered
                                      or "not a valid model identifier" in lowered):
        return {"kind": "model_not_found", "message": f"The model could not be loaded: {text}",
                "hint": "Check --model: a Hub id, a local folder or a .gguf file."}
    return {"kind": "crash", "message": f"Training stopped with an unexpected error: {type(exc).__name__}: {text}",
            "hint": "The full traceback is in train.log."}
