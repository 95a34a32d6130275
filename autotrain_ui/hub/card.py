"""The model card of a finished project: what a reader needs (base model, trainer, data, settings, losses and
their plot, chat template, before/after report) and a usage snippet that works as pasted. Written as
PROJECT/README.md whether or not anything is pushed; hub/push.py sends it."""

from __future__ import annotations

import re
from pathlib import Path

from autotrain_ui.core import trainers_catalog
from autotrain_ui.core.jsonfile import read_json_dict
from autotrain_ui.core.params import DEFAULT_MODEL, LLMParams
from autotrain_ui.core.events import Tail

HUB_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*$")
TRAINER_WORDS = {
    "default": "causal language modelling (continued pre-training on plain text)",
    "sft": "supervised fine-tuning (SFT)",
    "reward": "a reward model (sequence classification: chosen scored above rejected)",
    "dpo": "Direct Preference Optimization (DPO)",
    "orpo": "Odds Ratio Preference Optimization (ORPO)",
    "kto": "Kahneman-Tversky Optimization (KTO: answers marked good or bad)",
    "grpo": "Group Relative Policy Optimization (GRPO: its own sampled answers, scored by rewards)",
}


def is_hub_id(name: str | None) -> bool:
    """A Hub model id (`org/name`) rather than a local folder or file."""
    if not name or not HUB_ID_RE.match(name):
        return False
    return not Path(name).expanduser().exists()


def count_rows(path: Path) -> int | None:
    """Rows in a data file, read by the same reader the run used (autotrain_ui/data); None when unreadable."""
    from autotrain_ui.core.data import DataError, read_table

    try:
        return len(read_table(path)[0])
    except (DataError, OSError, ValueError):
        return None


FILE_FORMATS = {".csv": "CSV", ".tsv": "TSV", ".jsonl": "JSONL", ".json": "JSON", ".parquet": "Parquet"}


def hub_dataset(project: Path, params: LLMParams) -> dict | None:
    """The Hub dataset the run trained on, as config.json and PROJECT/data_source.json (the run's own count of the
    rows it loaded) record it: {dataset, config, revision, rows}; None for an uploaded file."""
    if not is_hub_id(params.data_path) or (project / params.data_path).exists():
        return None
    source = read_json_dict(project / "data_source.json")
    return {"dataset": params.data_path, "config": params.data_config, "revision": params.data_revision,
            "rows": source.get("rows") if isinstance(source.get("rows"), dict) else {}}


def data_summary(project: Path, params: LLMParams, dataset: str | None = None) -> list[dict]:
    """One entry per split: {split, name, rows, format}."""
    hub = hub_dataset(project, params)
    if hub:
        dataset = hub["dataset"]
    out = []
    for split in (params.train_split, params.valid_split):
        if not split:
            continue
        files = sorted((project / "data").glob(f"{split}.*"))
        path = files[0] if files else None
        shape = {"default": "plain text", "sft": "text", "reward": "chosen / rejected pairs",
                 "dpo": "prompt / chosen / rejected", "orpo": "prompt / chosen / rejected",
                 "kto": "prompt / answer / good-or-bad label", "grpo": "prompts (and reference answers)"}[params.trainer]
        if params.template != "none" and params.trainer in ("default", "sft"):
            shape = "conversations"
        fmt = FILE_FORMATS.get(path.suffix.lower(), path.suffix.lstrip(".").upper()) if path else "?"
        name = f"[{dataset}](https://huggingface.co/datasets/{dataset})" if dataset \
            else f"uploaded file ({path.name})" if path else "uploaded file"
        rows = count_rows(path) if path else None
        if hub:
            fmt, rows = "Hub dataset", hub["rows"].get(split)
            name += "".join(f", {what} `{value}`" for what, value in (("config", hub["config"]),
                                                                     ("revision", hub["revision"])) if value)
        out.append({"split": split, "name": name, "rows": rows, "format": f"{fmt}, {shape}"})
    return out


def _base_model(params: LLMParams) -> tuple[str, bool]:
    """The base model as a reader should load it, and whether that is a Hub id."""
    name = params.model
    if Path(name).expanduser().suffix == ".gguf" and DEFAULT_MODEL.split("/")[-1] in Path(name).name:
        name = DEFAULT_MODEL
    return name, is_hub_id(name)


def _chat_template(model_dir: Path) -> str | None:
    jinja = model_dir / "chat_template.jinja"
    if jinja.exists():
        return jinja.read_text(encoding="utf-8")
    template = read_json_dict(model_dir / "tokenizer_config.json").get("chat_template")
    return template if isinstance(template, str) else None


def _is_adapter(model_dir: Path) -> bool:
    return (model_dir / "adapter_config.json").exists()


def _losses(project: Path) -> dict:
    events, metrics = Tail(project / "events.jsonl").read_events(), read_json_dict(project / "metrics.json")
    train = [e for e in events if isinstance(e.get("loss"), (int, float))]
    evals = [e for e in events if isinstance(e.get("eval_loss"), (int, float))]
    return {"final_train_loss": train[-1]["loss"] if train else None,
            "final_eval_loss": evals[-1]["eval_loss"] if evals else metrics.get("eval_loss"),
            "mean_train_loss": metrics.get("train_loss"), "steps": metrics.get("step") or (train[-1]["step"] if train else None),
            "runtime_s": metrics.get("train_runtime"), "train_points": [(e["step"], e["loss"]) for e in train],
            "eval_points": [(e["step"], e["eval_loss"]) for e in evals]}


# ---------------------------------------------------------------- the plot

def loss_plot(project_dir: str | Path, out: str | Path | None = None) -> Path | None:
    """PROJECT/loss.png: training and eval loss per step, from events.jsonl. None when nothing was logged."""
    project = Path(project_dir)
    losses = _losses(project)
    if not losses["train_points"] and not losses["eval_points"]:
        return None
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure   # no pyplot: no global state, safe in the app's threads

    fig = Figure(figsize=(8, 4), dpi=100)
    ax = fig.add_subplot(1, 1, 1)
    if losses["train_points"]:
        steps, values = zip(*losses["train_points"])
        ax.plot(steps, values, marker="o" if len(steps) < 30 else None, label="training loss")
    if losses["eval_points"]:
        steps, values = zip(*losses["eval_points"])
        ax.plot(steps, values, marker="s", label="eval loss")
    ax.set_xlabel("step")
    ax.set_ylabel("loss")
    ax.set_title("Loss during training")
    ax.grid(True, alpha=0.3)
    ax.legend()
    fig.tight_layout()
    path = Path(out) if out else project / "loss.png"
    fig.savefig(path, format="png")
    return path


# ---------------------------------------------------------------- the model card

def _yaml_block(meta: dict) -> str:
    from huggingface_hub import ModelCardData

    return ModelCardData(**meta).to_yaml()


def usage_snippet(repo_id: str, params: LLMParams, model_dir: Path) -> str:
    """Python that loads the pushed model from the Hub and uses it once (works as pasted)."""
    base, _ = _base_model(params)
    adapter = _is_adapter(model_dir)
    reward = params.trainer == "reward"
    cls = "AutoModelForSequenceClassification" if reward else "AutoModelForCausalLM"
    extra = ", num_labels=1" if reward else ""
    resize = adapter and bool(read_json_dict(model_dir / "adapter_config.json").get("modules_to_save")) and not reward
    lines = []
    if adapter:
        lines += ["from peft import PeftModel"]
    lines += [f"from transformers import {cls}, AutoTokenizer", ""]
    if adapter:
        lines += [f'base_model = "{base}"', f'adapter = "{repo_id}"', "",
                  "tokenizer = AutoTokenizer.from_pretrained(adapter)",
                  f"model = {cls}.from_pretrained(base_model{extra})"]
        if resize:
            lines += ["model.resize_token_embeddings(len(tokenizer))  # the chat template added tokens"]
        lines += ["model = PeftModel.from_pretrained(model, adapter)"]
    else:
        lines += [f'model_id = "{repo_id}"', "", "tokenizer = AutoTokenizer.from_pretrained(model_id)",
                  f"model = {cls}.from_pretrained(model_id{extra})"]
    lines += ["model.eval()", ""]
    if reward:
        lines += ['text = "human: What is your name? \\n bot: My name is Mary."',
                  'inputs = tokenizer(text, return_tensors="pt")',
                  "score = model(**inputs).logits[0, 0].item()",
                  'print(f"reward: {score:.3f}")  # higher = more like the chosen answers']
        return "\n".join(lines)
    if params.template != "none" and _chat_template(model_dir):
        lines += ['messages = [{"role": "user", "content": "What is your name?"}]',
                  "inputs = tokenizer.apply_chat_template(messages, add_generation_prompt=True, return_tensors=\"pt\",",
                  "                                       return_dict=True)"]
    else:
        lines += ['inputs = tokenizer("human: What is your name? \\n bot:", return_tensors="pt")']
    lines += ["outputs = model.generate(**inputs, max_new_tokens=64, do_sample=False)",
              'print(tokenizer.decode(outputs[0][inputs["input_ids"].shape[1]:], skip_special_tokens=True))']
    return "\n".join(lines)


def _fmt(value, digits: int = 4) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:.{digits}g}" if abs(value) < 1e-3 else f"{value:.{digits}f}"
    return str(value)


def hyperparameters(params: LLMParams, run_info: dict | None = None) -> list[tuple[str, str]]:
    """The settings a reader needs; run_info (PROJECT/run_info.json) says what "automatic" turned out to be."""
    run_info = run_info or {}
    rows = [("trainer", params.trainer), ("epochs", str(params.epochs))]
    if params.max_steps and params.max_steps > 0:
        rows.append(("max steps", str(params.max_steps)))
    rows += [("learning rate", f"{params.learning_rate:g}"), ("batch size (per device)", str(params.batch_size)),
             ("gradient accumulation", str(params.gradient_accumulation)), ("block size", str(params.effective_block_size)),
             ("model max length", str(params.model_max_length)), ("optimizer", params.optimizer),
             ("scheduler", params.scheduler), ("warmup ratio", f"{params.warmup_ratio:g}"),
             ("weight decay", f"{params.weight_decay:g}"), ("max grad norm", f"{params.max_grad_norm:g}")]
    if params.peft:
        rows += [("method", "LoRA" + (f" on an {params.quantization} model (QLoRA)" if params.quantization else "")
                  + (", merged into the base weights" if params.merge_adapter else "")),
                 ("LoRA r / alpha / dropout", f"{params.lora_r} / {params.lora_alpha} / {params.lora_dropout:g}"),
                 ("LoRA target modules", params.target_modules)]
    else:
        rows.append(("method", "full fine-tune (all weights)"))
    if params.trainer == "grpo":  # what the answers were scored on: the rewards and their weights
        from autotrain_ui.core.rewards import card_rows

        rows += card_rows(params)
    elif trainers_catalog.get(params.trainer).prompt_lengths:
        rows += [("beta", f"{params.dpo_beta:g}"), ("max prompt length", str(params.max_prompt_length))]
    if params.trainer == "sft" and params.template != "none":
        rows.append(("loss on", "every token" if params.train_on_inputs else "assistant turns only"))
    precision = run_info.get("precision") or params.mixed_precision or "automatic (follows the hardware)"
    if "gradient_checkpointing" in run_info:
        checkpointing = "on" if run_info["gradient_checkpointing"] else "off"
    else:
        checkpointing = "off" if params.disable_gradient_checkpointing else "automatic"
    rows += [("chat template", params.template), ("precision", str(precision)),
             ("gradient checkpointing", checkpointing), ("seed", str(params.seed))]
    if run_info.get("parameters"):
        trainable = run_info.get("trainable_parameters")
        rows.append(("parameters (trainable)", f"{run_info['parameters']:,}" + (f" ({trainable:,})" if trainable else "")))
    if run_info.get("device"):
        rows.append(("trained on", f"{run_info['device']} x {run_info.get('processes', 1)}"))
    return rows


def card_metadata(params: LLMParams, model_dir: Path, dataset: str | None = None) -> dict:
    base, base_is_hub = _base_model(params)
    adapter = _is_adapter(model_dir)
    tags = ["autotrain-ui"] + (["reward-model"] if params.trainer == "reward" else [])
    tags += {"default": ["causal-lm"], "sft": ["sft", "trl"], "reward": ["trl"], "dpo": ["dpo", "trl"],
             "orpo": ["orpo", "trl"], "kto": ["kto", "trl"], "grpo": ["grpo", "trl"]}[params.trainer]
    if params.peft:
        tags.append("lora")
    meta: dict = {"library_name": "peft" if adapter else "transformers",
                  "pipeline_tag": "text-classification" if params.trainer == "reward" else "text-generation",
                  "tags": tags}
    if base_is_hub:
        meta["base_model"] = base
        meta["base_model_relation"] = "adapter" if adapter else "finetune"
    if dataset and is_hub_id(dataset):
        meta["datasets"] = [dataset]
    return meta


def model_card(project_dir: str | Path, params: LLMParams, *, repo_id: str | None = None,
               dataset: str | None = None) -> str:
    """The README.md for the Hub: YAML front matter the Hub accepts, then what a reader needs. `dataset` is a Hub
    dataset id when the data came from the Hub (else the card says "uploaded file")."""
    project = Path(project_dir)
    model_dir = project / "model"
    repo_id = repo_id or f"{params.username or 'YOUR_USERNAME'}/{params.project_name}"
    base, base_is_hub = _base_model(params)
    adapter = _is_adapter(model_dir)
    losses = _losses(project)
    dataset = dataset or (hub_dataset(project, params) or {}).get("dataset")
    meta = card_metadata(params, model_dir, dataset)
    runtime = f"{losses['runtime_s']:.1f} s" if isinstance(losses["runtime_s"], (int, float)) else "n/a"
    base_link = f"[{base}](https://huggingface.co/{base})" if base_is_hub else f"`{base}` (a local model)"
    what = ("a LoRA adapter" if adapter else "a merged model (LoRA merged into the base weights)" if params.merge_adapter
            else "a full fine-tune")
    lines = ["---", _yaml_block(meta).rstrip(), "---", "", f"# {params.project_name}", "",
             f"{what[0].upper() + what[1:]} of {base_link}, trained with {TRAINER_WORDS[params.trainer]} using "
             "AutoTrain UI.", "", "## Training data", "", "| split | data | rows | format |", "| --- | --- | --- | --- |"]
    for d in data_summary(project, params, dataset):
        lines.append(f"| {d['split']} | {d['name']} | {d['rows'] if d['rows'] is not None else 'n/a'} | {d['format']} |")
    lines += ["", "## Results", "", "| | |", "| --- | --- |",
              f"| final training loss (last logged step) | {_fmt(losses['final_train_loss'])} |",
              f"| mean training loss | {_fmt(losses['mean_train_loss'])} |",
              f"| final eval loss | {_fmt(losses['final_eval_loss']) if losses['final_eval_loss'] is not None else 'n/a (no validation split)'} |",
              f"| steps | {_fmt(losses['steps'])} |",
              f"| training time | {runtime} |", ""]
    report = read_json_dict(project / "report.json")
    before, after = (report.get("before") or {}).get("eval_loss"), (report.get("after") or {}).get("eval_loss")
    if isinstance(before, (int, float)) and isinstance(after, (int, float)):
        lines += [f"On {report.get('held_out_rows', 'the')} held-out rows the eval loss went from {_fmt(before)} (base "
                  f"model) to {_fmt(after)} (this model)." + (f" {report['verdict']}" if report.get("verdict") else ""), ""]
    if losses["train_points"] or losses["eval_points"]:
        lines += ["![Training and eval loss per step](loss.png)", ""]
    lines += ["## Hyperparameters", "", "| parameter | value |", "| --- | --- |"]
    lines += [f"| {k} | {v} |" for k, v in hyperparameters(params, read_json_dict(project / "run_info.json"))]
    lines += ["", "The full configuration of the run is in `training/config.json`, the logged steps in "
              "`training/events.jsonl`.", "", "## Chat template", ""]
    template = _chat_template(model_dir)
    if params.template == "none":
        lines += ["Trained on the text as it stands (`--chat-template none`)."
                  + (" The tokenizer still carries the base model's template, shown below." if template else ""), ""]
    else:
        lines += [f"Trained with the `{params.template}` template; the tokenizer in this repo carries it.", ""]
    if template:
        lines += ["```jinja", template.strip(), "```", ""]
    lines += ["## Usage", "", "```python", usage_snippet(repo_id, params, model_dir), "```", ""]
    if adapter:
        lines += ["This repo holds the adapter only: the base model is downloaded too.", ""]
    lines += run_locally(project, repo_id)
    return "\n".join(lines)


def run_locally(project: Path, repo_id: str) -> list[str]:
    """The card's "run it on your computer" section, when the project was exported to GGUF (export/manifest.json):
    the files in the repo's gguf/ folder and the commands of llama.cpp, Ollama and LM Studio that run them."""
    manifest = read_json_dict(project / "export" / "manifest.json")
    files = manifest.get("gguf") or []
    if not files:
        return []
    pick = next((f for f in files if f.endswith("-Q8_0.gguf")), files[0])
    tag = pick[:-len(".gguf")].rsplit("-", 1)[-1]
    name = project.name.lower()
    lines = ["## Run it on your computer (GGUF)", "",
             "The `gguf/` folder holds the model for llama.cpp, Ollama and LM Studio, with the tokenizer and the chat "
             "template inside each file:", "", "| file | quantisation |", "| --- | --- |"]
    lines += [f"| [gguf/{f}](gguf/{f}) | {f[:-len('.gguf')].rsplit('-', 1)[-1]} |" for f in files]
    lines += ["", "**llama.cpp** (chat in the terminal, or `llama-server` for an OpenAI-compatible API):", "", "```sh",
              f"llama-cli -hf {repo_id}:{tag}", f"# or, with the file downloaded: llama-cli -m {pick} -cnv", "```", "",
              "**Ollama**:", "", "```sh", f"ollama run hf.co/{repo_id}:{tag}"]
    if manifest.get("modelfile"):
        lines += ["# or, with gguf/ downloaded (the Modelfile carries the chat format and stop words):",
                  f"hf download {repo_id} --include 'gguf/*' --local-dir {name} && cd {name}/gguf && "
                  f"ollama create {name} -f Modelfile && ollama run {name}"]
    lines += ["```", "", "**LM Studio**: search for `" + repo_id + "` in Discover (or `lms get " + repo_id + "`), pick "
              f"the {tag} file, and chat.", ""]
    if "/" in repo_id:
        lines += ["A private repo needs your Hugging Face token (llama.cpp: `HF_TOKEN`; Ollama: your Ollama SSH key "
                  "added to your Hugging Face account).", ""]
    return lines


def write_card(project_dir: str | Path, params: LLMParams, *, repo_id: str | None = None,
               dataset: str | None = None) -> Path:
    """PROJECT/README.md (and PROJECT/loss.png): the card, kept next to the model even when nothing is pushed."""
    project = Path(project_dir)
    loss_plot(project)
    path = project / "README.md"
    path.write_text(model_card(project, params, repo_id=repo_id, dataset=dataset), encoding="utf-8")
    return path
