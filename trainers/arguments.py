"""TrainingArguments (and the TRL configs that subclass it) from the run's settings and the hardware policy.
Pure: nothing here changes the process; the trackers' environment variables are returned by
`tracker_environment` and set inside the run's scope (trainers/scope.py)."""

from __future__ import annotations

import math
import os
from pathlib import Path

import torch

from autotrain_ui.core.params import LLMParams
from trainers.dist import world_size
from trainers.policy import LIGER_CONFIG, resolve_checkpointing, resolve_kernels, resolve_optimizer, resolve_precision


def tracker_environment(params: LLMParams, project_dir: Path, environ=os.environ) -> dict[str, str]:
    """The environment variables the trackers read, for this run: their files belong to the run's project folder, and
    nothing is sent anywhere unless asked (trackio makes no Space; wandb without a key runs offline). Set by the run
    inside its scope (trainers/__main__.py), before any trainer is built: TensorBoard reads its folder then."""
    env = {"WANDB_DIR": str(project_dir), "TENSORBOARD_LOGGING_DIR": str(Path(project_dir) / "runs")}
    if params.log == "trackio":
        env["TRACKIO_DIR"] = str(Path(project_dir) / "trackio")
    if params.log == "wandb" and not environ.get("WANDB_API_KEY") and "WANDB_MODE" not in environ:
        env["WANDB_MODE"] = "offline"
    return env


def total_steps(params: LLMParams, n_train: int) -> int:
    world = world_size()
    per_epoch = max(1, math.ceil(n_train / (params.batch_size * world * params.gradient_accumulation)))
    return params.max_steps if params.max_steps > 0 else per_epoch * params.epochs


def training_kwargs(params: LLMParams, project_dir: Path, n_train: int, has_eval: bool, model=None) -> dict:
    """Keyword arguments every trainer's config shares (TRL configs subclass TrainingArguments)."""
    precision, _ = resolve_precision(params)
    checkpointing, _ = resolve_checkpointing(params, model)
    liger, _ = resolve_kernels()
    steps = total_steps(params, n_train)
    logging_steps = params.logging_steps if params.logging_steps > 0 else max(1, steps // 25)
    eval_strategy = params.evaluation_strategy if has_eval else "no"
    report = "none" if params.log == "none" else [params.log]
    return dict(
        output_dir=str(project_dir / "checkpoints"),
        num_train_epochs=params.epochs,
        max_steps=params.max_steps,
        per_device_train_batch_size=params.batch_size,
        per_device_eval_batch_size=params.batch_size,
        gradient_accumulation_steps=params.gradient_accumulation,
        learning_rate=params.learning_rate,
        warmup_steps=params.warmup_ratio,  # a float in [0, 1) is a ratio of the total steps
        optim=resolve_optimizer(params)[0],
        lr_scheduler_type=params.scheduler,
        weight_decay=params.weight_decay,
        max_grad_norm=params.max_grad_norm,
        seed=params.seed,
        bf16=precision == "bf16",
        fp16=precision == "fp16",
        activation_checkpointing=checkpointing,
        activation_checkpointing_kwargs={"use_reentrant": False},
        auto_find_batch_size=params.auto_find_batch_size,
        logging_steps=logging_steps,
        logging_first_step=True,
        eval_strategy=eval_strategy,
        eval_steps=logging_steps if eval_strategy == "steps" else None,
        # with evaluation, the best checkpoint (lowest eval loss) is what the run ends with and what gets pushed
        load_best_model_at_end=eval_strategy != "no",
        metric_for_best_model="eval_loss" if eval_strategy != "no" else None,
        greater_is_better=False if eval_strategy != "no" else None,
        save_strategy=eval_strategy if eval_strategy != "no" else params.save_strategy,
        save_steps=logging_steps if eval_strategy == "steps" else
        (params.save_steps if params.save_steps > 0 else logging_steps) if params.save_strategy == "steps" else 500,
        save_total_limit=params.save_total_limit,
        report_to=report,
        **({"project": params.project_name} if params.log == "trackio" else {}),
        disable_tqdm=True,
        remove_unused_columns=False,
        dataloader_num_workers=0,
        use_cpu=not torch.cuda.is_available(),
        **({"use_liger_kernel": True, "liger_kernel_config": dict(LIGER_CONFIG)} if liger else {}),
    )
