"""The tokenizer (its chat template installed) and the model a run trains: dtype, attention, quantization, LoRA.
Everything here is read from the run's settings; what the hardware cannot do is refused in the words preflight
uses before launch (autotrain_ui/core/refusals.py)."""

from __future__ import annotations

import os

import torch
from transformers import AutoModelForCausalLM, AutoModelForSequenceClassification

from autotrain_ui.core.models import model_path
from autotrain_ui.core.params import LLMParams
from trainers import speed
from autotrain_ui.core import families
from trainers.errors import RunError
from trainers.policy import HALF_DTYPES, resolve_kbit_prep, resolve_precision
from trainers.scope import mark
from autotrain_ui.core.render import load_tokenizer


def check_hardware(params: LLMParams) -> None:
    """The refusals preflight makes before launch, made again here for a run started by hand (`python -m trainers`)
    or on other hardware than the one it was checked for."""
    from autotrain_ui.core.refusals import hardware_refusals

    from autotrain_ui.core.gpu import torch_capability

    refusals = hardware_refusals(params, torch.cuda.device_count() if torch.cuda.is_available() else 0,
                                 capability=torch_capability())
    if refusals:
        raise RunError("invalid_settings", " ".join(str(r) for r in refusals), "")


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
            # the matmuls of the de-quantized weights run in the run's precision: float16 on a T4 (no native bf16)
            bnb_4bit_quant_type="nf4", bnb_4bit_compute_dtype=HALF_DTYPES[precision], bnb_4bit_use_double_quant=True)
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
            from autotrain_ui.core.families import no_reward_head_message

            raise RunError("invalid_settings", no_reward_head_message(config.model_type), "") from None
        return config, None


def load_model(params: LLMParams, path: str, tokenizer, *, task: str = "causal"):
    check_hardware(params)
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


def load_reference(params: LLMParams, tokenizer):
    """The frozen reference model DPO and KTO compare against: None with --peft (TRL then uses the base under the
    adapter, with the adapter switched off), else --model-ref, or a second copy of --model."""
    if params.peft:
        return None
    return load_model(params, model_path(params.model_ref or params.model), tokenizer)


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
