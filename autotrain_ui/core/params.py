"""THE parameter schema: one dataclass, every flag of the spec's `autotrain llm --help`.

The CLI (`cli/llm.py`), the web form, validation and the run's `config.json` are all derived from the fields
below; a new parameter is one new field. Field metadata:

    help     the text shown by `--help` and under the form field
    flags    every spelling the spec accepts (the first is the canonical one)
    choices  allowed values; the string "None" on the command line means None
    group    "action" (what to do, not saved), "basic" (shown on the form), "advanced" (under Advanced)
    secret   never written to config.json, a log or the registry
    unset    the word for "not given" where None is not "None" (chat_template: 'auto' chooses from the data,
             while 'None'/'none' asks for no template)

This module imports nothing heavy: the CLI, the app and the training subprocess all import it.
"""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Optional

from autotrain_ui.core import trainers_catalog
from autotrain_ui.core.field_types import ParamError, coerce  # noqa: F401  (ParamError: everyone imports it from here)
from autotrain_ui.core.i18n import message

DEFAULT_MODEL = "HuggingFaceTB/SmolLM2-135M-Instruct"
TRAINERS = trainers_catalog.NAMES
CHAT_TEMPLATES = ("tokenizer", "chatml", "zephyr", "none")
SPACE_BACKENDS = (
    "spaces-cpu-basic", "spaces-cpu-upgrade", "spaces-t4-small", "spaces-t4-medium",
    "spaces-l4x1", "spaces-l4x4", "spaces-a10g-small", "spaces-a10g-large", "spaces-a10g-largex2",
    "spaces-a10g-largex4", "spaces-a100-large", "spaces-a100x4", "spaces-a100x8", "spaces-l40sx1", "spaces-l40sx4",
    "spaces-l40sx8",
    # the older short spellings of the spec
    "spaces-a10gl", "spaces-a10gs", "spaces-a100", "spaces-t4m", "spaces-t4s", "spaces-cpu", "spaces-cpuf",
)
BACKENDS = ("local-cli", *SPACE_BACKENDS)
PROJECT_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,95}$")


def _f(default: Any, help: str, *flags: str, choices: tuple | None = None, group: str = "advanced",
       secret: bool = False, required_cli: bool = False, unset: str | None = None, trainers: tuple | None = None):
    """A setting: its default, help, flags and choices; `trainers`: the trainers that use it (None: every one), so
    the form shows it only where it acts."""
    return field(default=default, metadata={
        "help": help, "flags": flags, "choices": choices, "group": group, "secret": secret,
        "required_cli": required_cli, "unset": unset, "trainers": trainers,
    })


PAIRS, PROMPTED = ("reward", "dpo", "orpo"), ("dpo", "orpo", "kto")


def applies(f: dataclasses.Field, trainer: str | None) -> bool:
    """Whether a setting acts for this trainer (the field's `trainers`; None: for every one)."""
    used_by = f.metadata.get("trainers")
    return not used_by or not trainer or trainer in used_by


@dataclass
class LLMParams:
    # --- what to do (not part of a run's config) ---
    train: bool = _f(False, "Train a model.", "--train", group="action")
    deploy: bool = _f(False, "Make (or update) a private chat Space for the model under your Hub account, on hardware "
                      "fit for its size, and print its address: after --train with --push-to-hub, or alone for a "
                      "--project-name already pushed to <username>/<project-name>.", "--deploy", group="action")
    inference: bool = _f(False, "Reply to --prompt with the model trained in --project-name (add --compare for the base model's reply).", "--inference", group="action")
    prompt: Optional[str] = _f(None, "With --inference: the message to send to the trained model.", "--prompt",
                               group="action")
    compare: bool = _f(False, "With --inference: also print the base model's reply to the same prompt.", "--compare",
                       group="action")
    max_new_tokens: int = _f(128, "With --inference: the longest reply, in tokens.", "--max-new-tokens",
                             "--max_new_tokens", group="action")
    temperature: float = _f(0.0, "With --inference: sampling temperature; 0 (the default) always picks the likeliest "
                            "token, so the same prompt gives the same reply.", "--temperature", group="action")
    backend: str = _f("local-cli", "Where to train: local-cli trains on this machine; spaces-* train on a Hugging Face Space "
                      "of that hardware.", "--backend", choices=BACKENDS, group="action")

    # how this command starts the run (accelerate launch's own names): not saved, as each machine gives its own
    num_processes: Optional[int] = _f(None, "Training processes in all (accelerate's --num-processes): by default one "
                                      "per GPU, or one on a CPU, where more run side by side (gloo). With "
                                      "--num-machines, the count over every machine.", "--num-processes",
                                      "--num_processes", group="action")
    num_machines: int = _f(1, "Machines that train this one model together; each runs the same command with its own "
                           "--machine-rank (README: Several machines).", "--num-machines", "--num_machines",
                           group="action")
    machine_rank: int = _f(0, "This machine's number among --num-machines, from 0; machine 0 writes the project's "
                           "files.", "--machine-rank", "--machine_rank", group="action")
    main_process_ip: Optional[str] = _f(None, "With --num-machines over 1: the address of machine 0, reachable from "
                                        "every machine.", "--main-process-ip", "--main_process_ip", group="action")
    main_process_port: Optional[int] = _f(None, "With --num-machines over 1: a free port on machine 0 (default 29500).",
                                          "--main-process-port", "--main_process_port", group="action")

    # --- model and data ---
    model: str = _f(DEFAULT_MODEL, "Model to fine-tune: a Hub id, a local folder or a .gguf file. The default, "
                    "SmolLM2-135M-Instruct, also works without a network.", "--model", group="basic")
    project_name: str = _f("my-autotrain-llm", "Name of the project: the output folder (created in the current folder) and "
                           "the Hub repo name. Letters, digits, '-', '_' and '.' only.", "--project-name", "--project_name",
                           group="basic", required_cli=True)
    data_path: str = _f("data", "Folder holding <split>.csv / <split>.jsonl, a data file itself, or a Hub dataset "
                        "(OWNER/NAME; its split is --train-split).",
                        "--data-path", "--data_path", group="basic")
    data_config: Optional[str] = _f(None, "With a Hub dataset as --data-path: its config (subset). Default: the "
                                    "first the repo lists.", "--data-config", "--data_config")
    data_revision: Optional[str] = _f(None, "With a Hub dataset as --data-path: the branch, tag or commit to read. "
                                      "A run records the commit it read here.", "--data-revision", "--data_revision")
    train_split: str = _f("train", "Name of the training split (file name without extension).",
                          "--train-split", "--train_split", group="basic")
    valid_split: Optional[str] = _f(None, "Name of the validation split; evaluation runs only when one is given.",
                                    "--valid-split", "--valid_split")
    valid_percent: float = _f(0.0, "Hold out this percentage of the training rows for evaluation when there is no "
                              "--valid-split (the app suggests 10 for 50+ rows). 0: no held-out rows.",
                              "--valid-percent", "--valid_percent")
    text_column: Optional[str] = _f(None, "Column with the text (the chosen text for reward/DPO/ORPO, the answer for KTO). "
                                    "Default: 'text', or the column the data's shape suggests (messages, "
                                    "conversations, ...).",
                                    "--text-column", "--text_column", group="basic")
    rejected_text_column: Optional[str] = _f(None, "Column with the rejected text (reward/DPO/ORPO). Default: "
                                             "'rejected_text'.", "--rejected-text-column", "--rejected_text_column",
                                             group="basic", trainers=PAIRS)
    prompt_text_column: Optional[str] = _f(None, "Column with the prompt (DPO/ORPO/KTO/GRPO). Default: 'prompt'.",
                                           "--prompt-text-column", "--prompt_text_column", group="basic",
                                           trainers=(*PROMPTED, "grpo"))
    label_column: Optional[str] = _f(None, "Column saying whether each answer is good or bad (KTO): true/false, 1/0, "
                                     "yes/no, good/bad or a thumbs up/down. Default: 'label' (or feedback, thumbs, ...).",
                                     "--label-column", "--label_column", group="basic", trainers=("kto",))
    label_threshold: Optional[float] = _f(None, "KTO with a rating column (1-5 stars, a 0-10 score): answers rated this "
                                          "or more count as good, the rest as bad. Default: those above the middle of "
                                          "the ratings found.", "--label-threshold", "--label_threshold", trainers=("kto",))

    # --- the training method ---
    trainer: str = _f("default", "Trainer: default (causal LM on plain text), sft (supervised fine-tuning), reward "
                      "(reward model), dpo or orpo (preference tuning), kto (answers marked good or bad), grpo "
                      "(answers scored by --rewards).", "--trainer",
                      choices=TRAINERS, group="basic")
    peft: bool = _f(False, "Train a LoRA adapter instead of all weights (much less memory). On by default for grpo: "
                    "`--peft false` (or `--no-peft`) trains all weights.", "--peft", "--use-peft",
                    "--use_peft", group="basic")
    chat_template: Optional[str] = _f(None, "Chat template: tokenizer (the model's own), chatml, zephyr, or None (train "
                                      "the text as it stands). Not given: automatic - rows that hold conversations "
                                      "(role/content messages, ShareGPT turns, 'human: ... \\n bot: ...' text) or a "
                                      "prompt and its answer (question/answer columns, Alpaca, preference pairs) get "
                                      "the model's own template (ChatML when it has none); plain text stays as it is.",
                                      "--chat-template", "--chat_template", choices=CHAT_TEMPLATES, group="basic",
                                      unset="auto")
    train_on_inputs: bool = _f(False, "SFT with a chat template puts the loss on the assistant turns only; this flag puts "
                               "it on every token (prompts too).", "--train-on-inputs", "--train_on_inputs", trainers=("sft",))

    # --- training length and optimisation ---
    epochs: int = _f(1, "Number of training epochs.", "--epochs", group="basic")
    max_steps: int = _f(-1, "Stop after this many optimizer steps (-1: run all epochs).", "--max-steps", "--max_steps")
    sample_rows: int = _f(0, "Train on a random sample of this many rows of the data, drawn with --seed before any are "
                          "held out (0: every row).", "--sample-rows", "--sample_rows")
    batch_size: int = _f(2, "Training batch size per device.", "--batch-size", "--train-batch-size", "--batch_size",
                         "--train_batch_size", group="basic")
    lr: Optional[float] = _f(None, "Learning rate. Default (not set): 2e-4 with --peft, 2e-5 for a full fine-tune.",
                             "--lr", group="basic")
    gradient_accumulation: int = _f(1, "Gradient accumulation steps (default 1).", "--gradient-accumulation",
                                    "--gradient_accumulation")
    warmup_ratio: float = _f(0.1, "Proportion of training used to warm up the learning rate. Default is 0.1.",
                             "--warmup-ratio", "--warmup_ratio")
    optimizer: str = _f("adamw_torch", "Optimizer (any name transformers accepts). Default is adamw_torch.", "--optimizer")
    scheduler: str = _f("linear", "Learning-rate scheduler: linear (default), cosine, constant, ...", "--scheduler")
    weight_decay: float = _f(0.0, "Weight decay. Default is 0.0.", "--weight-decay", "--weight_decay")
    max_grad_norm: float = _f(1.0, "Gradient clipping norm. Default is 1.0.", "--max-grad-norm", "--max_grad_norm")
    seed: int = _f(42, "Random seed for reproducibility.", "--seed")

    # --- lengths ---
    block_size: int = _f(-1, "Maximum tokens per training sequence (default trainer: length of the blocks the text is "
                         "cut into). -1 chooses automatically (the model_max_length, at most 1024).",
                         "--block-size", "--block_size")
    model_max_length: int = _f(1024, "Maximum length the model processes. Default is 1024.", "--model-max-length",
                               "--model_max_length")
    max_prompt_length: int = _f(128, "Maximum prompt tokens for DPO/ORPO/KTO (default 128).", "--max-prompt-length",
                                "--max_prompt_length", trainers=PROMPTED)
    max_completion_length: Optional[int] = _f(None, "Maximum completion tokens for DPO/ORPO (default: block size minus "
                                              "the prompt length); GRPO: the longest sampled answer (default 128).",
                                              "--max-completion-length", "--max_completion_length",
                                              trainers=("dpo", "orpo", "grpo"))
    add_eos_token: bool = _f(False, "Add the end-of-sequence token after each text (default trainer).", "--add-eos-token",
                             "--add_eos_token", trainers=("default",))
    padding: Optional[str] = _f("right", "Padding side: left or right (default right). Used by the reward, DPO and ORPO "
                                "batches; default and SFT pack their rows, with no padding between them.", "--padding",
                                choices=("left", "right"), trainers=PAIRS)

    # --- LoRA ---
    lora_r: int = _f(16, "LoRA rank r. Default is 16.", "--lora-r", "--lora_r")
    lora_alpha: int = _f(32, "LoRA alpha. Default is 32.", "--lora-alpha", "--lora_alpha")
    lora_dropout: float = _f(0.05, "LoRA dropout. Default is 0.05.", "--lora-dropout", "--lora_dropout")
    target_modules: str = _f("all-linear", "Modules LoRA adapts: comma-separated names, or all-linear (default).",
                             "--target-modules", "--target_modules")
    merge_adapter: bool = _f(False, "Merge the LoRA adapter into the model when training ends (saves a full model).",
                             "--merge-adapter", "--merge_adapter")
    quantization: Optional[str] = _f(None, "Load the base model in int4 or int8 (bitsandbytes, needs a CUDA GPU). "
                                     "Requires --peft.", "--quantization", choices=("int4", "int8"))

    # --- DPO ---
    model_ref: Optional[str] = _f(None, "Reference model for DPO and KTO when not using --peft (default: a copy of "
                                  "--model).",
                                  "--model-ref", "--model_ref", trainers=("dpo", "kto"))
    dpo_beta: float = _f(0.1, "Beta for DPO and KTO (and ORPO's lambda). Default is 0.1.", "--dpo-beta", "--dpo_beta", trainers=PROMPTED)

    # --- GRPO (the reward menu: autotrain_ui/core/rewards.py) ---
    rewards: Optional[str] = _f(None, "GRPO: rewards separated by ';', each kind[:option=value,...][@weight], e.g. "
                                "\"number@2; length:max=50\" (kinds: match, number, format, json, length, contains, "
                                "avoids, language; README: GRPO).", "--rewards", group="basic", trainers=("grpo",))
    num_generations: int = _f(4, "GRPO: answers sampled per prompt and compared with each other (at least 2).",
                              "--num-generations", "--num_generations", trainers=("grpo",))
    grpo_beta: float = _f(0.0, "GRPO: weight of the KL term keeping the model near the base (0: none, no reference "
                          "model in memory).", "--grpo-beta", "--grpo_beta", trainers=("grpo",))
    generation_temperature: float = _f(1.0, "GRPO: sampling temperature of the answers (higher: more varied).",
                                       "--generation-temperature", "--generation_temperature", trainers=("grpo",))

    # --- speed and memory ---
    mixed_precision: Optional[str] = _f(None, "Precision: fp16, bf16 or fp32. Unset (None): follows the hardware - bf16 "
                                        "where the GPU or CPU has it, fp16 on T4-class GPUs, fp32 otherwise.",
                                        "--mixed-precision", "--mixed_precision", choices=("fp16", "bf16", "fp32"))
    use_flash_attention_2: bool = _f(False, "Use flash attention 2 (needs a CUDA GPU and the flash-attn package).",
                                     "--use-flash-attention-2", "--use_flash_attention_2", "--use-fa2", "--use_fa2")
    disable_gradient_checkpointing: bool = _f(False, "Turn gradient checkpointing off. By default it is on only when the "
                                              "model and batch would not fit comfortably in memory without it.",
                                              "--disable-gradient-checkpointing", "--disable_gradient_checkpointing",
                                              "--disable-gc", "--disable_gc")
    distributed_backend: Optional[str] = _f(None, "With several GPUs: ddp (a copy of the model on each GPU, the "
                                            "default), fsdp or deepspeed (ZeRO-3: the model is split across GPUs; "
                                            "choose one when the model does not fit on one GPU).",
                                            "--distributed-backend", "--distributed_backend",
                                            choices=("ddp", "fsdp", "deepspeed"))
    auto_find_batch_size: bool = _f(False, "Halve the batch size until it fits in memory.", "--auto-find-batch-size",
                                    "--auto_find_batch_size")

    # --- logging, evaluation, checkpoints ---
    logging_steps: int = _f(-1, "Log every N steps; -1 chooses automatically (about 25 points per run).",
                            "--logging-steps", "--logging_steps")
    evaluation_strategy: str = _f("epoch", "When to evaluate on the validation split: epoch (default), steps or no.",
                                  "--evaluation-strategy", "--evaluation_strategy", "--eval-strategy", "--eval_strategy",
                                  choices=("epoch", "steps", "no"))
    save_strategy: str = _f("epoch", "When to save a checkpoint: epoch (default) or steps.", "--save-strategy",
                            "--save_strategy", choices=("epoch", "steps", "no"))
    save_steps: int = _f(-1, "Save a checkpoint every N steps with --save-strategy steps (-1: at each logging step).",
                         "--save-steps", "--save_steps")
    checkpoint_minutes: float = _f(10.0, "Also save a checkpoint whenever this many minutes passed since the last one, "
                                   "so a crash or restart loses at most that much work (0: off).",
                                   "--checkpoint-minutes", "--checkpoint_minutes")
    save_total_limit: int = _f(1, "How many checkpoints to keep. Default 1: only the latest.", "--save-total-limit",
                               "--save_total_limit")
    log: str = _f("none", "Experiment tracking: none, tensorboard, wandb (offline when no WANDB_API_KEY is set) or trackio "
                  "(local, in PROJECT/trackio). The loss curve is in events.jsonl and the app either way.",
                  "--log", choices=("none", "tensorboard", "wandb", "trackio"))

    # --- the Hub ---
    push_to_hub: bool = _f(False, "Push the result to the Hub as <username>/<project-name>.", "--push-to-hub",
                           "--push_to_hub", group="basic")
    username: Optional[str] = _f(None, "Hub username or organisation to push to.", "--username", group="basic")
    token: Optional[str] = _f(None, "Hub token (or set HF_TOKEN). Never written to any file.", "--token",
                              group="basic", secret=True)

    # ---------------------------------------------------------------- helpers
    @classmethod
    def schema(cls) -> list[dataclasses.Field]:
        return list(fields(cls))

    def to_dict(self, *, include_actions: bool = False) -> dict:
        """The run's config: no secret ever, no action flags unless asked."""
        out = {}
        for f in fields(self):
            if f.metadata["secret"] or (f.metadata["group"] == "action" and not include_actions):
                continue
            out[f.name] = getattr(self, f.name)
        return out

    @classmethod
    def from_dict(cls, data: dict, dropped: list | None = None) -> "LLMParams":
        """Settings -> LLMParams; an unknown key is refused (a typo in what a person gave). `dropped`, for settings this
        app stored itself (config.json, the registry): a key an older version wrote and this schema no longer has is
        left out and named in that list instead, so an upgrade never strands a job."""
        known = {f.name: f for f in fields(cls)}
        unknown = sorted(set(data) - set(known))
        if unknown and dropped is None:
            raise ParamError(message("params.unknown_in_config", names=", ".join(unknown)))
        if unknown:
            dropped.extend(unknown)
        values = {k: coerce(known[k], v) for k, v in data.items() if k in known and not known[k].metadata["secret"]}
        return cls(**values)

    def save(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(self.to_dict(), indent=2) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path, dropped: list | None = None) -> "LLMParams":
        """A stored config.json, also one an older version wrote: the keys this schema no longer has are left out (and
        named in `dropped`, when given)."""
        return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")), [] if dropped is None else dropped)

    # ------------------------------------------------------------- derived values
    @property
    def template(self) -> str:
        """The chat template a run used. A run fills in the automatic choice (None) before training
        (trainers/__main__.py), so None here is a config written before automatic templates, which meant none."""
        return self.chat_template or "none"

    @property
    def learning_rate(self) -> float:
        if self.lr is not None:
            return self.lr
        return 2e-4 if self.peft else 2e-5

    @property
    def effective_block_size(self) -> int:
        return min(self.model_max_length, 1024) if self.block_size in (-1, 0, None) else self.block_size

    def validate(self) -> list[str]:
        """Every problem with these values, each a sentence saying what to change (English text that keeps its
        catalog key: autotrain_ui.core.i18n.Message, so the page says it in the visitor's language). Empty when fine."""

        errors = []
        if not PROJECT_NAME_RE.match(self.project_name or "") or self.project_name in (".", ".."):
            errors.append(message("params.project_name", name=repr(self.project_name)))
        if self.quantization and not self.peft:
            errors.append(message("params.quantization_needs_peft", quantization=self.quantization))
        if self.merge_adapter and not self.peft:
            errors.append(message("params.merge_needs_peft"))
        if self.block_size not in (-1, 0) and self.block_size > self.model_max_length:
            errors.append(message("params.block_over_max", block=self.block_size, max=self.model_max_length))
        spec = trainers_catalog.get(self.trainer)
        if spec and spec.prompt_lengths and self.max_prompt_length >= self.effective_block_size:
            errors.append(message("params.prompt_over_block", prompt=self.max_prompt_length,
                                  block=self.effective_block_size))
        if self.trainer == "grpo":  # the reward menu's own refusals (a bad regex, every weight 0, ...)
            from autotrain_ui.core.rewards import settings_problems
            errors += settings_problems(self)
        if self.trainer == "kto" and self.batch_size == 1:  # its KL term compares answers within a batch (TRL)
            errors.append(message("params.kto_batch", batch=self.batch_size))
        for name in ("epochs", "batch_size", "gradient_accumulation", "lora_r", "model_max_length"):
            if getattr(self, name) < 1:
                errors.append(message("params.at_least_one", flag=f"--{name.replace('_', '-')}",
                                      value=getattr(self, name)))
        if self.lr is not None and not (0 < self.lr < 1):
            errors.append(message("params.lr_range", lr=self.lr))
        if not (0 <= self.valid_percent < 100):
            errors.append(message("params.valid_percent_range", value=self.valid_percent))
        if self.sample_rows < 0:
            errors.append(message("params.sample_rows_negative", value=self.sample_rows))
        if not (0 <= self.warmup_ratio < 1):
            errors.append(message("params.warmup_range", value=self.warmup_ratio))
        if not (0 <= self.lora_dropout < 1):
            errors.append(message("params.dropout_range", value=self.lora_dropout))
        if self.push_to_hub and not self.username:
            errors.append(message("params.push_needs_username"))
        errors += self._machine_errors()
        return errors

    def _machine_errors(self) -> list:

        errors = []
        if self.num_processes is not None and self.num_processes < 1:
            errors.append(message("params.at_least_one", flag="--num-processes", value=self.num_processes))
        if self.num_machines < 1:
            errors.append(message("params.at_least_one", flag="--num-machines", value=self.num_machines))
        elif self.num_machines > 1:
            if not self.main_process_ip:
                errors.append(message("params.machines_need_ip", machines=self.num_machines))
            if not 0 <= self.machine_rank < self.num_machines:
                errors.append(message("params.machine_rank_range", rank=self.machine_rank,
                                      machines=self.num_machines))
            if self.num_processes is not None and self.num_processes % self.num_machines:
                errors.append(message("params.processes_per_machine", processes=self.num_processes,
                                      machines=self.num_machines))
        return errors

    def check(self) -> "LLMParams":
        errors = self.validate()
        if errors:
            raise ParamError("\n".join(errors), errors)
        return self
