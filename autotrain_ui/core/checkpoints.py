"""A finished run's checkpoints, and choosing which one the project keeps as its model.

With evaluation, a run ends holding its best checkpoint (lowest held-out loss) in PROJECT/model, and that is
what gets pushed. The user may prefer another checkpoint still on disk (how many are kept: --save-total-limit):
`use_checkpoint()` puts that checkpoint's weights in PROJECT/model (the tokenizer stays) and records the choice
in PROJECT/model/chosen_checkpoint.json, which the Runs view shows and the push sends along.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

ADAPTER = ("adapter_model.safetensors", "adapter_config.json")
FULL = ("model.safetensors", "config.json", "generation_config.json")
CHOICE = "chosen_checkpoint.json"

# What the checkpoint picker says, by key (the page shows them in the visitor's language: ui/strings.py)
MESSAGES = {
    "ckpt_step": "step {step}", "ckpt_loss": ", held-out loss {loss:.4f}", "ckpt_best": "best",
    "ckpt_in_model": "in the model now",
    "ckpt_used": "PROJECT/model now holds the checkpoint of step {step}: chat and push use it.",
    "ckpt_gone": "There is no checkpoint at step {step} any more (only --save-total-limit are kept).",
    "ckpt_other_kind": "This run's model was merged or saved differently from its checkpoints (for example with "
                       "--merge-adapter): a checkpoint cannot replace it here. Train again with the settings that "
                       "stop at that point (fewer epochs).",
}


def _say(key: str, table: dict | None = None, **values) -> str:
    return ((table or {}).get(key) or MESSAGES[key]).format(**values)


class CheckpointError(Exception):
    """The checkpoint cannot be used; the message says why (`key` and `values`: the same in other languages)."""

    def __init__(self, key: str, **values):
        self.key, self.values = key, values
        super().__init__(_say(key, **values))


def numbered(project: str | Path) -> list[tuple[int, Path]]:
    """PROJECT/checkpoints/checkpoint-N folders, by step: complete or not."""
    found = [(int(f.name.rsplit("-", 1)[-1]), f) for f in (Path(project) / "checkpoints").glob("checkpoint-*")
             if f.name.rsplit("-", 1)[-1].isdigit()]
    return sorted(found, key=lambda pair: pair[0])


def is_complete(folder: Path) -> bool:
    """The one rule for a complete checkpoint (the app's picker, resume, the disk-full clean-up): the trainer writes
    trainer_state.json last, so a save cut short (the process killed, the disk full) has none, or half of one."""
    from autotrain_ui.core.jsonfile import read_json

    return read_json(Path(folder) / "trainer_state.json") is not None


def complete(project: str | Path) -> list[tuple[int, Path]]:
    """The complete checkpoints, oldest first."""
    return [(step, folder) for step, folder in numbered(project) if is_complete(folder)]


def _kind(folder: Path) -> str | None:
    if (folder / ADAPTER[0]).exists():
        return "adapter"
    if (folder / FULL[0]).exists() or list(folder.glob("model-*.safetensors")):
        return "full"
    return None


def _eval_losses(project: Path) -> dict[int, float]:
    from autotrain_ui.core.events import Tail

    return {e["step"]: e["eval_loss"] for e in Tail(project / "events.jsonl").read_events()
            if "eval_loss" in e and "step" in e}


def list_checkpoints(project: str | Path) -> list[dict]:
    """Checkpoints on disk, oldest first: step, held-out loss at that step (None without evaluation), whether it
    is the best one, and whether it is the one in PROJECT/model now."""
    project = Path(project)
    losses = _eval_losses(project)
    found = [{"step": step, "path": str(folder), "eval_loss": losses.get(step)}
             for step, folder in complete(project) if _kind(folder)]
    scored = [c for c in found if c["eval_loss"] is not None]
    best = min(scored, key=lambda c: c["eval_loss"])["step"] if scored else None
    chosen = chosen_step(project)
    for c in found:
        c["best"] = c["step"] == best
        c["in_model"] = c["step"] == chosen if chosen is not None else c["best"]
    return found


def chosen_step(project: str | Path) -> int | None:
    try:
        return json.loads((Path(project) / "model" / CHOICE).read_text(encoding="utf-8"))["step"]
    except (OSError, ValueError, KeyError):
        return None


def label(c: dict, table: dict | None = None) -> str:
    """"step 20, held-out loss 1.2345 (best)", in the table's language (a strings table; None: English)."""
    loss = _say("ckpt_loss", table, loss=c["eval_loss"]) if c["eval_loss"] is not None else ""
    marks = [_say(m, table) for m, on in (("ckpt_best", c["best"]), ("ckpt_in_model", c["in_model"])) if on]
    return _say("ckpt_step", table, step=c["step"]) + loss + (f" ({', '.join(marks)})" if marks else "")


def use_checkpoint(project: str | Path, step: int, table: dict | None = None) -> str:
    """Make checkpoint `step` the project's model; returns a sentence saying what was done (in the table's
    language)."""
    project = Path(project)
    chosen = next((c for c in list_checkpoints(project) if c["step"] == int(step)), None)
    if chosen is None:
        raise CheckpointError("ckpt_gone", step=step)
    source, model = Path(chosen["path"]), project / "model"
    kind = _kind(source)
    if not model.is_dir() or _kind(model) != kind:
        raise CheckpointError("ckpt_other_kind")
    names = ADAPTER if kind == "adapter" else FULL
    for old in model.glob("model-*.safetensors"):
        old.unlink()
    for name in [*names, *[p.name for p in source.glob("model-*.safetensors")], "model.safetensors.index.json"]:
        if (source / name).exists():
            shutil.copyfile(source / name, model / name)
    (model / CHOICE).write_text(json.dumps({"step": chosen["step"], "eval_loss": chosen["eval_loss"]}) + "\n",
                                encoding="utf-8")
    return _say("ckpt_used", table, step=chosen["step"])
