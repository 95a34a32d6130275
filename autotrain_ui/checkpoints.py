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


class CheckpointError(Exception):
    """The checkpoint cannot be used; the message says why."""


def _kind(folder: Path) -> str | None:
    if (folder / ADAPTER[0]).exists():
        return "adapter"
    if (folder / FULL[0]).exists() or list(folder.glob("model-*.safetensors")):
        return "full"
    return None


def _eval_losses(project: Path) -> dict[int, float]:
    from autotrain_ui.runner import Tail

    return {e["step"]: e["eval_loss"] for e in Tail(project / "events.jsonl").read_events()
            if "eval_loss" in e and "step" in e}


def list_checkpoints(project: str | Path) -> list[dict]:
    """Checkpoints on disk, oldest first: step, held-out loss at that step (None without evaluation), whether it
    is the best one, and whether it is the one in PROJECT/model now."""
    project = Path(project)
    losses = _eval_losses(project)
    found = []
    for folder in (project / "checkpoints").glob("checkpoint-*"):
        step = folder.name.rsplit("-", 1)[-1]
        if step.isdigit() and (folder / "trainer_state.json").exists() and _kind(folder):
            found.append({"step": int(step), "path": str(folder), "eval_loss": losses.get(int(step))})
    found.sort(key=lambda c: c["step"])
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


def label(c: dict) -> str:
    loss = f", held-out loss {c['eval_loss']:.4f}" if c["eval_loss"] is not None else ""
    marks = [m for m, on in (("best", c["best"]), ("in the model now", c["in_model"])) if on]
    return f"step {c['step']}{loss}" + (f" ({', '.join(marks)})" if marks else "")


def use_checkpoint(project: str | Path, step: int) -> str:
    """Make checkpoint `step` the project's model; returns a sentence saying what was done."""
    project = Path(project)
    chosen = next((c for c in list_checkpoints(project) if c["step"] == int(step)), None)
    if chosen is None:
        raise CheckpointError(f"There is no checkpoint at step {step} any more (only --save-total-limit are kept).")
    source, model = Path(chosen["path"]), project / "model"
    kind = _kind(source)
    if not model.is_dir() or _kind(model) != kind:
        raise CheckpointError("This run's model was merged or saved differently from its checkpoints (for example with "
                              "--merge-adapter): a checkpoint cannot replace it here. Train again with the settings "
                              "that stop at that point (fewer epochs).")
    names = ADAPTER if kind == "adapter" else FULL
    for old in model.glob("model-*.safetensors"):
        old.unlink()
    for name in [*names, *[p.name for p in source.glob("model-*.safetensors")], "model.safetensors.index.json"]:
        if (source / name).exists():
            shutil.copyfile(source / name, model / name)
    (model / CHOICE).write_text(json.dumps({"step": chosen["step"], "eval_loss": chosen["eval_loss"]}) + "\n",
                                encoding="utf-8")
    return f"PROJECT/model now holds the checkpoint of step {chosen['step']}: chat and push use it."
