"""RunError, a problem the user can fix found inside the run, and the triage of any exception into the plain
paragraph of PROJECT/error.json that the app and the CLI show: {kind, message, hint, retry}, the message and the hint
in English (the CLI prints them), each with its catalog key and values (key/values, hint_key/hint_values) where it
has one, so the page says them in the visitor's language."""

from __future__ import annotations

import errno
from pathlib import Path

import torch

from autotrain_ui.core.i18n import Message, message
from autotrain_ui.core.models import ModelNotFound
from autotrain_ui.core.params import LLMParams
from autotrain_ui.core.templates import TemplateError


class RunError(Exception):
    """A problem the user can fix, found inside the run: `said` (what happened) and `hint` (what to do), catalog
    Messages; kind, said and hint end up in error.json."""

    def __init__(self, kind: str, said: Message, hint: Message | None = None):
        super().__init__(str(said))
        self.kind, self.said, self.hint = kind, said, hint


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
    kind, said, hint = _classify(exc)
    info = {"kind": kind, "message": str(said), "hint": str(hint or "")}
    for name, value in (("", said), ("hint_", hint)):
        if isinstance(value, Message):
            info.update({f"{name}key": value.key, f"{name}values": value.values})
    info["retry"] = suggested_change(kind, params) if params is not None else {}
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


def _classify(exc: BaseException) -> tuple[str, Message | str, Message | None]:
    """(kind, what happened, what to do) for any exception; what happened keeps the exception's own Message when it
    has one."""
    from autotrain_ui.core.data import DataError

    text = str(exc)
    own = exc.args[0] if exc.args and isinstance(exc.args[0], Message) else text
    if isinstance(exc, RunError):
        return exc.kind, exc.said, exc.hint
    if isinstance(exc, DataError):
        said = message(exc.key, **exc.values) if exc.key else text
        return "bad_data", said, message("run.bad_data.hint")
    if isinstance(exc, TemplateError):
        return "bad_template", own, message("run.bad_template.hint")
    if isinstance(exc, ModelNotFound):
        return "model_not_found", own, message("run.model_not_found.hint")
    if isinstance(exc, (torch.cuda.OutOfMemoryError, MemoryError)) or "out of memory" in text.lower() \
            or "can't allocate memory" in text.lower() or "cannot allocate memory" in text.lower():
        return "out_of_memory", message("run.out_of_memory"), message("run.out_of_memory.hint")
    if (isinstance(exc, OSError) and exc.errno == errno.ENOSPC) or "no space left on device" in text.lower():
        return "disk_full", message("run.disk_full"), message("run.disk_full.hint")
    lowered = text.lower()
    if "gated" in lowered or "401" in lowered or "access to model" in lowered:
        return "model_gated", message("run.model_gated", error=text), message("run.model_gated.hint")
    if isinstance(exc, OSError) and ("does not appear to have" in lowered or "is not a local folder" in lowered
                                      or "not a valid model identifier" in lowered):
        return "model_not_found", message("run.model_not_loaded", error=text), message("run.model_not_loaded.hint")
    return "crash", message("run.crash", error_type=type(exc).__name__, error=text), message("run.crash.hint")
