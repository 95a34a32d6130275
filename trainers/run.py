"""The fit loop every recipe ends with, in the order it happens: say what was chosen for this hardware, watch the run
(events, cancel, checkpoints on time and to the Hub), measure the held-out rows, train or resume, save, measure
again and write the before/after report."""

from __future__ import annotations

import json
import os
from pathlib import Path

import torch

from autotrain_ui.core.params import LLMParams
from trainers import scope, speed
from autotrain_ui.core import families
from trainers.callbacks import attach
from trainers.dist import engine_of, is_main_process, sharded_engine
from trainers.errors import RunError
from trainers.policy import resolve_checkpointing, resolve_kbit_prep, resolve_kernels, resolve_optimizer, resolve_precision
from trainers.scope import mark


def describe_run(params: LLMParams, model, args, project_dir: Path, plan=None, engine: str | None = None) -> dict:
    """Say, in train.log and PROJECT/run_info.json, what was chosen for this hardware and why, and how the loss is
    computed for this model's family (autotrain_ui/core/families.py)."""
    mark("trainer_built")
    precision, why_precision = resolve_precision(params)
    checkpointing, why_checkpointing = resolve_checkpointing(params, model)
    info = {"timeline": dict(scope.current().timeline), "precision": precision, "precision_reason": why_precision,
            "gradient_checkpointing": bool(args.activation_checkpointing), "checkpointing_reason": why_checkpointing,
            "parameters": sum(p.numel() for p in model.parameters()),
            "trainable_parameters": sum(p.numel() for p in model.parameters() if p.requires_grad),
            "device": "cuda" if torch.cuda.is_available() else "cpu", "processes": int(os.environ.get("WORLD_SIZE", "1")),
            "engine": engine,
            "speedups": {**speed.summary(model), "attention_per_packed_row": bool(plan and plan.per_row_attention)},
            "kernels": resolve_kernels()[1],
            "fast_path": plan.describe() if plan is not None else families.trl_words(model),
            "optimizer": args.optim, "optimizer_reason": resolve_optimizer(params)[1],
            **({"kbit_preparation": resolve_kbit_prep()[1]} if params.quantization else {})}
    print(f"precision: {precision} ({why_precision}); gradient checkpointing: {why_checkpointing}", flush=True)
    print(plan.line() if plan is not None else f"loss: {info['fast_path']['loss']}", flush=True)
    if engine:
        print(f"engine: {engine} over {info['processes']} processes", flush=True)
    if is_main_process():
        (Path(project_dir) / "run_info.json").write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    return info


def fit(trainer, tokenizer, params: LLMParams, project_dir: Path, held_out: list[dict] | None, resume: bool,
        seen: list[dict] | None = None) -> None:
    """What every recipe does once its trainer is built, step by step. `seen`: training rows to measure instead when
    none are held out (a falling loss alone does not show that the answers got better: the report measures what the
    model answers, and kto's good-minus-bad margin, on the rows it trained on, and says so)."""
    from trainers import evaluate, hub_checkpoints

    # say what was chosen for this hardware and how the loss is computed (train.log, run_info.json)
    describe_run(params, trainer.model, trainer.args, project_dir, getattr(trainer, "plan", None), engine_of(trainer))
    # watch it: tokens counted around the collator, events.jsonl, cancel, a checkpoint every --checkpoint-minutes
    watch = attach(trainer, project_dir, params)
    # checkpoints to the Hub too, where asked; a rebuilt Space's run continues from the one it finds there
    if hub_checkpoints.enabled(params):
        trainer.add_callback(hub_checkpoints.HubCheckpoints(params, project_dir))
        if latest_checkpoint(project_dir) is None and _fetch_on_main(params, project_dir):
            resume = True
    _require_rows(trainer, params)
    # the held-out rows before training, train (or resume), stop on divergence without saving, save
    measured = held_out or seen
    before = evaluate.baseline(trainer, tokenizer, params, measured, project_dir)
    train(trainer, project_dir, resume)
    if watch.diverged is not None:
        _drop_checkpoints_since(project_dir, watch.first_bad or watch.diverged)
        raise RunError("diverged", f"Training diverged: the loss became NaN/infinite at step {watch.diverged} "
                       "(the learning rate is too high for this model and data).",
                       "Lower --lr (ten times lower is a good next try); the model was not saved.")
    save_result(trainer, tokenizer, params, project_dir)
    # the held-out rows again, and the before/after report
    after = evaluate.measure(trainer, tokenizer, params, measured)
    evaluate.write_report(project_dir, params, before, after, len(held_out or []),
                          seen=0 if held_out else min(len(seen or []), evaluate.measured_rows(params)))


def _drop_checkpoints_since(project_dir: Path, step: int) -> None:
    """A diverged run's checkpoints from its first NaN step on hold ruined weights: a resume must not start there."""
    import shutil

    from autotrain_ui.core import checkpoints

    if not is_main_process():
        return
    for number, folder in checkpoints.numbered(project_dir):
        if number >= step:
            shutil.rmtree(folder, ignore_errors=True)


def _require_rows(trainer, params: LLMParams) -> None:
    """TRL's trainers drop the rows that do not fit in max_length (DPO: a prompt that fills it; reward: a pair longer
    than it). With none left, say why instead of crashing in the sampler."""
    data = trainer.train_dataset
    if data is not None and hasattr(data, "__len__") and len(data) == 0:
        raise RunError("bad_data", f"No training row fits in --block-size {params.effective_block_size} tokens once the "
                       "chat template is applied: the template's own text (some add a long default system preamble) "
                       "and the prompt fill it.", "Raise --block-size (and --max-prompt-length), or shorten the prompts.")


def _fetch_on_main(params: LLMParams, project_dir: Path) -> bool:
    """Rank 0 downloads the Hub checkpoint; every rank then sees it (one shared project folder)."""
    from trainers import hub_checkpoints

    found = hub_checkpoints.fetch(params, project_dir) if is_main_process() else None
    if found:
        print(f"resume: found this run's checkpoint on the Hub ({hub_checkpoints.repo_id(params)})", flush=True)
    if torch.distributed.is_available() and torch.distributed.is_initialized():
        torch.distributed.barrier()
    return latest_checkpoint(project_dir) is not None


def latest_checkpoint(project_dir: Path) -> str | None:
    """The newest complete checkpoint (autotrain_ui.core.checkpoints.is_complete: a save cut short is passed over)."""
    from autotrain_ui.core import checkpoints

    done = checkpoints.complete(project_dir)
    return str(done[-1][1]) if done else None


STEP_LOGS = ("events.jsonl", "samples.jsonl")  # one JSON object per logged step, each with its "step"


def train(trainer, project_dir: Path, resume: bool = False) -> None:
    """trainer.train(), continuing from the latest complete checkpoint when resuming: same step count, optimizer,
    scheduler and RNG state. events.jsonl keeps growing, so the loss curve continues where it stopped (and GRPO's
    samples.jsonl, so the sampled answers of the steps run again are shown once)."""
    checkpoint = latest_checkpoint(project_dir) if resume else None
    if resume and checkpoint is None:
        print("resume: no complete checkpoint yet, starting from the beginning", flush=True)
    if checkpoint:
        print(f"resume: continuing from {checkpoint}", flush=True)
        for log in STEP_LOGS:
            _truncate_events(Path(project_dir) / log, int(checkpoint.rsplit("-", 1)[-1]))
    trainer.train(resume_from_checkpoint=checkpoint)


def _truncate_events(path: Path, step: int) -> None:
    """Drop the lines logged after the checkpoint: the resumed run logs those steps again."""
    if not is_main_process() or not path.exists():
        return
    keep = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            if json.loads(line).get("step", 0) <= step:
                keep.append(line)
        except ValueError:
            continue  # a line cut by the crash
    tmp = path.with_suffix(".tmp")
    tmp.write_text("".join(line + "\n" for line in keep), encoding="utf-8")
    os.replace(tmp, path)


def save_result(trainer, tokenizer, params: LLMParams, project_dir: Path) -> Path:
    """The trained model (adapter, or merged/full weights) and tokenizer into PROJECT/model."""
    out = Path(project_dir) / "model"
    if sharded_engine() is not None and not (params.peft and params.merge_adapter):
        # the weights are in shards on every rank: every rank takes part in gathering them; the Trainer writes once
        trainer.save_model(str(out))
        if is_main_process():
            tokenizer.save_pretrained(out)
            _write_metrics(trainer, project_dir)
        return out
    if not is_main_process():
        return out
    (Path(project_dir) / "metrics.json").unlink(missing_ok=True)  # written again last: "the model is complete"
    model = trainer.model
    if params.peft and params.merge_adapter:
        model = model.merge_and_unload()
        model.save_pretrained(out)
    elif params.peft:
        model.save_pretrained(out)
    else:
        trainer.save_model(str(out))
    tokenizer.save_pretrained(out)
    _write_metrics(trainer, project_dir)
    return out


def _write_metrics(trainer, project_dir: Path) -> None:
    metrics = {k: v for k, v in trainer.state.log_history[-1].items()} if trainer.state.log_history else {}
    (Path(project_dir) / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
