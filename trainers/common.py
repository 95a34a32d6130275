"""What every trainer shares, once: loading the model and tokenizer (quantization, LoRA, attention),
the training arguments, the metrics callback that writes events.jsonl, saving, and error triage."""

from __future__ import annotations

import errno
import json
import math
import os
import resource
import time
from pathlib import Path

import torch
from transformers import AutoModelForCausalLM, AutoModelForSequenceClassification, AutoTokenizer, TrainerCallback

from autotrain_ui.params import LLMParams
from trainers import families, scope, speed
from trainers.scope import mark
from trainers.models import ModelNotFound, materialize, resolve_model
from trainers.policy import (LIGER_CONFIG, resolve_checkpointing, resolve_kbit_prep, resolve_kernels,
                             resolve_optimizer, resolve_precision)
from trainers.templates import TemplateError, setup_chat_template, system_note


class RunError(Exception):
    """A problem the user can fix, found inside the run. kind/hint end up in error.json."""

    def __init__(self, kind: str, message: str, hint: str = ""):
        super().__init__(message)
        self.kind, self.hint = kind, hint


# When this run reached each stage of its start (unix times), into run_info.json: where launch to first step goes.


def is_main_process() -> bool:
    return int(os.environ.get("RANK", "0")) == 0


# ---------------------------------------------------------------- loading

def model_path(name: str) -> str:
    """The model as a path or id that from_pretrained loads (GGUF converted once, offline default resolved)."""
    return materialize(resolve_model(name))


def load_tokenizer(params: LLMParams, path: str, template: str | None = None):
    """The tokenizer with the run's chat template installed (`template` overrides params.template)."""
    tokenizer = AutoTokenizer.from_pretrained(path)
    added = setup_chat_template(tokenizer, template or params.template)
    note = system_note(tokenizer) if (template or params.template) == "tokenizer" else ""
    if note:
        print(note, flush=True)
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.unk_token or tokenizer.eos_token
    tokenizer.padding_side = params.padding or "right"
    tokenizer.model_max_length = params.model_max_length
    return tokenizer, added


def tokenizer_and_render(params: LLMParams, conversational: bool = True):
    """The tokenizer a run would use (its chat template installed) and a render(example) -> (ids, loss mask) for any
    canonical example: what the data check's token counts and the loss-marked preview need. With no template given,
    the one the run would choose automatically for data that is (or is not) `conversational`.
    -> (tokenizer, render, (template, why))."""
    from trainers.templates import choose, render

    path = model_path(params.model)
    choice = choose(params.chat_template, conversational, AutoTokenizer.from_pretrained(path))
    tokenizer, _ = load_tokenizer(params, path, choice[0])

    def render_example(example: dict):
        if "chosen" in example:  # a preference pair: the prompt followed by the chosen answer
            prompt, chosen = example.get("prompt"), example["chosen"]
            if isinstance(chosen, list):
                example = {"messages": (prompt if isinstance(prompt, list) else []) + chosen}
            else:
                example = {"text": (prompt + "\n" if prompt else "") + chosen}
        return render(example, tokenizer, train_on_inputs=params.train_on_inputs or params.trainer == "default",
                      add_eos=params.add_eos_token)

    return tokenizer, render_example, choice


def _check_hardware(params: LLMParams) -> None:
    cuda = torch.cuda.is_available()
    if params.quantization and not cuda:
        raise RunError("invalid_settings", f"--quantization {params.quantization} needs a CUDA GPU (bitsandbytes), and "
                       "this machine has none.", "Drop --quantization here, or train on GPU hardware.")
    if params.quantization:
        try:
            import bitsandbytes  # noqa: F401
        except ImportError:
            raise RunError("invalid_settings", "--quantization needs the bitsandbytes package, which is not installed.",
                           "pip install bitsandbytes, or drop --quantization.") from None
    if params.mixed_precision == "fp16" and not cuda:
        raise RunError("invalid_settings", "--mixed-precision fp16 needs a CUDA GPU; this machine has none.",
                       "Use --mixed-precision bf16 or leave it unset on CPU.")
    if params.use_flash_attention_2:
        try:
            import flash_attn  # noqa: F401
        except ImportError:
            raise RunError("invalid_settings", "--use-flash-attention-2 was asked for, but the flash-attn package is not "
                           "installed (it needs a CUDA GPU).", "Drop --use-flash-attention-2; SDPA attention is used "
                           "instead.") from None
        if not cuda:
            raise RunError("invalid_settings", "--use-flash-attention-2 needs a CUDA GPU; this machine has none.",
                           "Drop --use-flash-attention-2.")


def model_kwargs(params: LLMParams) -> dict:
    """from_pretrained keyword arguments: attention, dtype, quantization."""
    precision, _ = resolve_precision(params)
    # A LoRA run never updates the base weights, so they can be held in bfloat16 when it computes in bfloat16;
    # the adapter and its optimizer state stay float32 (peft keeps adapter weights in float32).
    half_base = params.use_flash_attention_2 or (params.peft and precision == "bf16")
    kwargs: dict = {"attn_implementation": "flash_attention_2" if params.use_flash_attention_2 else "sdpa",
                    "dtype": torch.bfloat16 if half_base else torch.float32}
    if params.quantization:
        from transformers import BitsAndBytesConfig

        kwargs["quantization_config"] = BitsAndBytesConfig(
            load_in_4bit=params.quantization == "int4", load_in_8bit=params.quantization == "int8",
            bnb_4bit_quant_type="nf4", bnb_4bit_compute_dtype=torch.bfloat16, bnb_4bit_use_double_quant=True)
        kwargs["device_map"] = {"": int(os.environ.get("LOCAL_RANK", "0"))}
    return kwargs


def model_class(path: str, task: str = "causal"):
    """The transformers class from_pretrained will build for this model and task. A family without a
    sequence-classification head cannot be a reward model: say so, and what to use instead."""
    from transformers import AutoConfig
    from transformers.models.auto.modeling_auto import MODEL_FOR_CAUSAL_LM_MAPPING, MODEL_FOR_SEQUENCE_CLASSIFICATION_MAPPING

    config = AutoConfig.from_pretrained(path)
    mapping = MODEL_FOR_SEQUENCE_CLASSIFICATION_MAPPING if task == "reward" else MODEL_FOR_CAUSAL_LM_MAPPING
    try:
        return config, mapping[type(config)]
    except KeyError:
        if task == "reward":
            from trainers.families import no_reward_head_message

            raise RunError("invalid_settings", no_reward_head_message(config.model_type), "") from None
        return config, None


def load_model(params: LLMParams, path: str, tokenizer, *, task: str = "causal"):
    _check_hardware(params)
    kwargs = model_kwargs(params)
    config, cls = model_class(path, task)
    if cls is not None:  # SDPA where the family can take it, else transformers' eager attention (families.py)
        kwargs["attn_implementation"], _ = families.attention_implementation(config, cls, kwargs["attn_implementation"])
    if task == "reward":
        model = AutoModelForSequenceClassification.from_pretrained(path, num_labels=1, **kwargs)
    else:
        model = AutoModelForCausalLM.from_pretrained(path, **kwargs)
    if len(tokenizer) > model.get_input_embeddings().weight.shape[0]:
        model.resize_token_embeddings(len(tokenizer))
    model.config.pad_token_id = tokenizer.pad_token_id
    model.config.use_cache = False
    if params.quantization:
        model = prepare_kbit(model, params)
    return model


def prepare_kbit(model, params: LLMParams):
    """A quantized base made ready for LoRA. By default peft's prepare_model_for_kbit_training, which copies every
    frozen weight that is not quantized (embeddings, norms, the LM head) to float32, so the residual stream runs in
    float32 too, and turns gradient checkpointing on whatever the run chose. Lean (policy.resolve_kbit_prep): the
    base is only frozen, its weights keep the dtype they were loaded in, and checkpointing follows the run's own
    choice (training_kwargs: non-reentrant, so the inputs need no gradient of their own)."""
    lean, _ = resolve_kbit_prep()
    if not lean:
        from peft import prepare_model_for_kbit_training

        return prepare_model_for_kbit_training(
            model, use_gradient_checkpointing=not params.disable_gradient_checkpointing)
    for param in model.parameters():
        param.requires_grad_(False)
    return model


def load(params: LLMParams, *, task: str = "causal"):
    """The tokenizer (with the run's chat template) and the model (LoRA-wrapped with --peft), ready to train."""
    path = model_path(params.model)
    tokenizer, added = load_tokenizer(params, path)
    model = apply_lora(load_model(params, path, tokenizer, task=task), params, task=task, added_tokens=added)
    speed.install(model)
    mark("model_loaded")
    return tokenizer, model


def lora_kwargs(params: LLMParams) -> dict:
    targets = params.target_modules.strip()
    target_modules = "all-linear" if targets in ("", "all-linear") else [t.strip() for t in targets.split(",") if t.strip()]
    return {"r": params.lora_r, "lora_alpha": params.lora_alpha, "lora_dropout": params.lora_dropout,
            "target_modules": target_modules, "bias": "none"}


def apply_lora(model, params: LLMParams, *, task: str = "causal", added_tokens: list[str] = ()):
    """Wrap the model in a LoRA adapter. Tokens added for a chat template get trained embeddings (modules_to_save):
    a LoRA that left them random would teach the model nothing about where turns begin and end."""
    if not params.peft:
        return model
    from peft import LoraConfig, get_peft_model

    modules_to_save = None
    if added_tokens:
        modules_to_save = [n for n in ("embed_tokens", "lm_head", "wte") if any(name.endswith(n) for name, _ in model.named_modules())]
    kwargs = lora_kwargs(params)
    kind = getattr(model.config, "model_type", "")
    problem = families.lora_problem(kind, params.target_modules, params.lora_dropout)
    if problem:
        raise RunError("invalid_settings", problem, "")
    note = families.all_linear_note(kind, params.lora_dropout) if kwargs["target_modules"] == "all-linear" else ""
    if note:  # the linear layers by name: peft's all-linear would also wrap the fused experts, which need dropout 0
        head = model.get_output_embeddings()
        kwargs["target_modules"] = sorted({name.rsplit(".", 1)[-1] for name, m in model.named_modules()
                                           if isinstance(m, torch.nn.Linear) and m is not head
                                           and not name.endswith("score")})
        print(note, flush=True)
    config = LoraConfig(modules_to_save=modules_to_save, task_type="SEQ_CLS" if task == "reward" else "CAUSAL_LM",
                        **kwargs)
    return get_peft_model(model, config)


# ---------------------------------------------------------------- data

def data_file(params: LLMParams, project_dir: Path, split: str) -> Path:
    """The file of one split: --data-path (relative to the project folder) + the split's name."""
    from autotrain_ui.data import resolve_data_file

    data_path = Path(params.data_path)
    if not data_path.is_absolute():
        data_path = Path(project_dir) / data_path
    return resolve_data_file(str(data_path), split)


def load_examples(params: LLMParams, project_dir: Path) -> tuple[list[dict], list[dict] | None]:
    """Train (and valid) examples through the same reader and mapping the data check uses. With --valid-percent,
    the held-out rows come from the training rows, never copies of rows left in training (autotrain_ui.data_split);
    what was held out, and why fewer, goes to PROJECT/held_out.json for the before/after report."""
    from autotrain_ui.data import DataError, prepare
    from autotrain_ui.data_split import hold_out

    out = []
    for split in (params.train_split, params.valid_split):
        if split is None:
            out.append(None)
            continue
        examples, report = prepare(data_file(params, project_dir, split), params.trainer,
                                   text_column=params.text_column, rejected_text_column=params.rejected_text_column,
                                   prompt_text_column=params.prompt_text_column, chat_template=params.template)
        if not report.ok:
            raise DataError("\n".join(p.message for p in report.problems if p.level == "error"))
        out.append([{k: v for k, v in ex.items() if not k.startswith("_")} for ex in examples])
    train, valid = out
    if valid is None and params.valid_percent > 0 and len(train) > 1:
        split = hold_out(train, params.valid_percent, params.seed)
        train, valid = split.train, split.valid or None
        if split.note:
            print(f"held-out rows: {split.note}", flush=True)
        if is_main_process():
            (Path(project_dir) / "held_out.json").write_text(json.dumps(split.summary(), indent=2) + "\n",
                                                             encoding="utf-8")
    return train, valid


# ---------------------------------------------------------------- training arguments

def total_steps(params: LLMParams, n_train: int) -> int:
    world = int(os.environ.get("WORLD_SIZE", "1"))
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
    if params.log == "trackio":
        os.environ["TRACKIO_DIR"] = str(project_dir / "trackio")  # local only: no Space is created for it
    if params.log == "wandb" and not os.environ.get("WANDB_API_KEY"):
        os.environ.setdefault("WANDB_MODE", "offline")
    os.environ["WANDB_DIR"] = str(project_dir)  # tracker files belong to the run's project folder
    os.environ["TENSORBOARD_LOGGING_DIR"] = str(project_dir / "runs")
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


def describe_run(params: LLMParams, model, args, project_dir: Path, plan=None) -> dict:
    """Say, in train.log and PROJECT/run_info.json, what was chosen for this hardware and why, and how the loss is
    computed for this model's family (trainers/families.py)."""
    mark("trainer_built")
    precision, why_precision = resolve_precision(params)
    checkpointing, why_checkpointing = resolve_checkpointing(params, model)
    info = {"timeline": dict(scope.current().timeline), "precision": precision, "precision_reason": why_precision,
            "gradient_checkpointing": bool(args.activation_checkpointing), "checkpointing_reason": why_checkpointing,
            "parameters": sum(p.numel() for p in model.parameters()),
            "trainable_parameters": sum(p.numel() for p in model.parameters() if p.requires_grad),
            "device": "cuda" if torch.cuda.is_available() else "cpu", "processes": int(os.environ.get("WORLD_SIZE", "1")),
            "speedups": {**speed.summary(model), "attention_per_packed_row": bool(plan and plan.per_row_attention)},
            "kernels": resolve_kernels()[1],
            "fast_path": plan.describe() if plan is not None else families.trl_words(model),
            "optimizer": args.optim, "optimizer_reason": resolve_optimizer(params)[1],
            **({"kbit_preparation": resolve_kbit_prep()[1]} if params.quantization else {})}
    print(f"precision: {precision} ({why_precision}); gradient checkpointing: {why_checkpointing}", flush=True)
    print(plan.line() if plan is not None else f"loss: {info['fast_path']['loss']}", flush=True)
    if is_main_process():
        (Path(project_dir) / "run_info.json").write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    return info


# ---------------------------------------------------------------- metrics and cancel

class TokenCounter:
    """Wraps a data collator to count the real (non-pad) tokens each batch carries."""

    def __init__(self, collator):
        self.collator, self.tokens = collator, 0

    def __call__(self, features):
        batch = self.collator(features)
        masks = [v for k, v in batch.items() if k.endswith("attention_mask") and hasattr(v, "sum")]
        if "real_tokens" in batch:  # a packed batch says how many of its tokens are not padding
            self.tokens += int(batch["real_tokens"])
        elif masks:
            self.tokens += sum(int(m.sum()) for m in masks)
        elif "input_ids" in batch:
            self.tokens += int(batch["input_ids"].numel())
        return batch


class MetricsCallback(TrainerCallback):
    """Appends one JSON object per logging step to events.jsonl (rank 0 only) and stops on cancel."""

    def __init__(self, project_dir: Path, counter: TokenCounter | None = None, checkpoint_every_s: float = 0):
        self.path = Path(project_dir) / "events.jsonl"
        self.checkpoint_every_s, self.last_save = checkpoint_every_s, time.time()
        self.cancel_file = Path(project_dir) / "CANCEL"
        self.counter = counter
        self.start = time.time()
        self.last_time, self.last_tokens = self.start, 0
        self.run = scope.current()  # its `cancelled` is set by SIGTERM (trainers/scope.py) or by the CANCEL file
        self.bad_points = 0

    @property
    def cancelled(self) -> bool:
        return self.run.cancelled

    def on_step_end(self, args, state, control, **kwargs):
        stop = self.run.cancelled or self.cancel_file.exists()
        if torch.distributed.is_available() and torch.distributed.is_initialized():
            # every rank must stop at the same step, or the others would wait forever in the next all-reduce
            flag = torch.tensor([1.0 if stop else 0.0])
            torch.distributed.all_reduce(flag, op=torch.distributed.ReduceOp.MAX)
            stop = bool(flag.item())
        if stop:
            self.run.cancelled = True
            control.should_training_stop = True
            control.should_save = True
        elif self.checkpoint_every_s and time.time() - self.last_save > self.checkpoint_every_s:
            control.should_save = True  # a restart then loses at most this much work
        return control

    def on_save(self, args, state, control, **kwargs):
        self.last_save = time.time()

    def on_log(self, args, state, control, logs=None, **kwargs):
        if not is_main_process() or not logs:
            return
        now = time.time()
        elapsed = now - self.start
        event = {"step": state.global_step, "epoch": round(state.epoch or 0.0, 4)}
        for key in ("loss", "eval_loss", "learning_rate", "grad_norm"):
            if key in logs:
                event[key] = float(logs[key])
        for key, value in logs.items():  # trainer-specific extras (rewards/accuracies, ...)
            if key not in event and isinstance(value, (int, float)) and key != "total_flos":
                event[key] = float(value)
        if self.counter is not None and "loss" in logs:
            dt = max(now - self.last_time, 1e-9)
            event["tokens_per_second"] = round((self.counter.tokens - self.last_tokens) / dt, 2)
            self.last_time, self.last_tokens = now, self.counter.tokens
        event["elapsed_s"] = round(elapsed, 2)
        if state.global_step and state.max_steps:
            event["eta_s"] = round(elapsed / state.global_step * (state.max_steps - state.global_step), 2)
        event["total_steps"] = state.max_steps
        event["memory_mb"] = peak_memory_mb()
        if "train_runtime" in logs:
            event["final"] = True
        with self.path.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(event) + "\n")
        self._stop_if_diverged(event)

    def _stop_if_diverged(self, event: dict) -> None:
        """NaN/inf gradients on several logged steps in a row: the weights are ruined, so stop rather than save and
        push them. (Trainer logs a NaN loss as the window's earlier losses; grad_norm shows it.)"""
        from autotrain_ui.coach import BAD_GRAD_POINTS

        bad = any(k in event and not math.isfinite(event[k]) for k in ("loss", "grad_norm"))
        self.bad_points = self.bad_points + 1 if bad else 0
        if self.bad_points >= BAD_GRAD_POINTS:
            raise RunError("diverged", f"Training diverged: the loss became NaN/infinite at step {event['step']} "
                           "(the learning rate is too high for this model and data).",
                           "Lower --lr (ten times lower is a good next try); the model was not saved.")


def peak_memory_mb() -> float:
    if torch.cuda.is_available():
        return round(torch.cuda.max_memory_allocated() / 2**20, 1)
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def attach(trainer, project_dir: Path, params: LLMParams | None = None) -> MetricsCallback:
    """Count tokens, write events, stop on cancel and checkpoint on time, for any transformers/TRL trainer."""
    counter = TokenCounter(trainer.data_collator)
    trainer.data_collator = counter
    minutes = params.checkpoint_minutes if params is not None else 0
    callback = MetricsCallback(project_dir, counter, checkpoint_every_s=60 * minutes)
    trainer.add_callback(callback)
    return callback


def fit(trainer, tokenizer, params: LLMParams, project_dir: Path, held_out: list[dict] | None, resume: bool) -> None:
    """What every trainer does once its trainer is built: say what was chosen for this hardware, write events,
    measure the held-out rows, train (or resume), save, measure again and write the before/after report."""
    from trainers import evaluate

    describe_run(params, trainer.model, trainer.args, project_dir, getattr(trainer, "plan", None))
    attach(trainer, project_dir, params)
    from trainers import hub_checkpoints

    if hub_checkpoints.enabled(params):
        trainer.add_callback(hub_checkpoints.HubCheckpoints(params, project_dir))
        if latest_checkpoint(project_dir) is None and _fetch_on_main(params, project_dir):
            resume = True  # a rebuilt Space: the run continues from its checkpoint on the Hub
    _require_rows(trainer, params)
    before = evaluate.baseline(trainer, tokenizer, params, held_out, project_dir)
    train(trainer, project_dir, resume)
    save_result(trainer, tokenizer, params, project_dir)
    after = evaluate.measure(trainer, tokenizer, params, held_out)
    evaluate.write_report(project_dir, params, before, after, len(held_out or []))


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
    folders = [p for p in (Path(project_dir) / "checkpoints").glob("checkpoint-*") if p.name.split("-")[-1].isdigit()
               and (p / "trainer_state.json").exists()]
    return str(max(folders, key=lambda p: int(p.name.split("-")[-1]))) if folders else None


def train(trainer, project_dir: Path, resume: bool = False) -> None:
    """trainer.train(), continuing from the latest complete checkpoint when resuming: same step count, optimizer,
    scheduler and RNG state. events.jsonl keeps growing, so the loss curve continues where it stopped."""
    checkpoint = latest_checkpoint(project_dir) if resume else None
    if resume and checkpoint is None:
        print("resume: no complete checkpoint yet, starting from the beginning", flush=True)
    if checkpoint:
        print(f"resume: continuing from {checkpoint}", flush=True)
        _truncate_events(Path(project_dir) / "events.jsonl", int(checkpoint.rsplit("-", 1)[-1]))
    trainer.train(resume_from_checkpoint=checkpoint)


def _truncate_events(path: Path, step: int) -> None:
    """Drop the events logged after the checkpoint: the resumed run logs those steps again."""
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


# ---------------------------------------------------------------- saving

def save_result(trainer, tokenizer, params: LLMParams, project_dir: Path) -> Path:
    """The trained model (adapter, or merged/full weights) and tokenizer into PROJECT/model."""
    out = Path(project_dir) / "model"
    if not is_main_process():
        return out
    model = trainer.model
    if params.peft and params.merge_adapter:
        model = model.merge_and_unload()
        model.save_pretrained(out)
    elif params.peft:
        model.save_pretrained(out)
    else:
        trainer.save_model(str(out))
    tokenizer.save_pretrained(out)
    metrics = {k: v for k, v in trainer.state.log_history[-1].items()} if trainer.state.log_history else {}
    (Path(project_dir) / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
    return out


# ---------------------------------------------------------------- errors

def free_partial_writes(project_dir: Path) -> None:
    """After a disk-full failure: remove the half-written checkpoint and model, so error.json can still be written
    and every complete checkpoint stays."""
    import shutil

    for folder in (Path(project_dir) / "checkpoints").glob("checkpoint-*"):
        if not (folder / "trainer_state.json").exists():
            shutil.rmtree(folder, ignore_errors=True)
    model = Path(project_dir) / "model"
    if model.exists() and not (model / "tokenizer_config.json").exists():
        shutil.rmtree(model, ignore_errors=True)

def classify_error(exc: BaseException, params: LLMParams | None = None) -> dict:
    """One plain paragraph for error.json and stderr: kind, message, hint, and `retry`: the one settings change
    most likely to fix it (the app's "retry with this change" button applies it)."""
    info = _classify(exc)
    info["retry"] = suggested_change(info["kind"], params) if params is not None else {}
    return info


def suggested_change(kind: str, params: LLMParams) -> dict:
    from trainers.models import DEFAULT_HUB_ID

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
    from autotrain_ui.data import DataError

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
