"""Which model families the fast path computes exactly, and what each needs: decided here, once, for every run.

The fast path (trainers/causal.py: padding-free packing and the fused chunked loss on the decoder's hidden states;
trainers/speed.py: attention per packed row on a CPU) must train the model's own objective, the loss of
`model(input_ids, labels=...)` row by row. That holds only for a family whose head and attention it reproduces, so
this module keeps an allow-list of the families that were checked (tests/zoo proves each one: same loss, same LoRA
gradients, packed and unpacked) and what each one's head does to its logits. Every other family, and any model whose
config turns on something the fast path leaves out, trains through the model's own forward on padded rows, and the
run says so (run_info.json "fast_path", train.log).

Checked against transformers 5 (`ForCausalLM.forward` of each family): no torch at import, so the app's pre-launch
checks (autotrain_ui/preflight.py) read the same table.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from autotrain_ui.core.i18n import message


@dataclass(frozen=True)
class Family:
    name: str                      # what users call it, for messages
    logits: str = "plain"          # what the head does after lm_head: plain | softcap | times_logit_scale |
    #                                over_logits_scaling (each read from the model's config at run time)
    reward_head: bool = True       # transformers has a sequence-classification class (the reward trainer needs it)
    moe: bool = False              # a mixture of experts, its experts stored as fused weights (not nn.Linear)
    peft_experts: bool = False     # peft can put LoRA on those fused experts (ParamWrapper), with lora_dropout 0 only
    not_packable: str = ""         # why rows of this family cannot be packed (then: the model's own forward)


CHECKED: dict[str, Family] = {
    "llama": Family("Llama"),
    "mistral": Family("Mistral"),
    "mixtral": Family("Mixtral", moe=True, peft_experts=True),
    "qwen2": Family("Qwen2"),
    "qwen3": Family("Qwen3"),
    "qwen3_moe": Family("Qwen3-MoE", moe=True, peft_experts=True),
    "gemma": Family("Gemma"),
    "gemma2": Family("Gemma 2", logits="softcap"),
    "gemma3_text": Family("Gemma 3", logits="softcap"),
    "phi3": Family("Phi-3"),
    "granite": Family("Granite", logits="over_logits_scaling", reward_head=False),
    "cohere": Family("Cohere (Command R)", logits="times_logit_scale", reward_head=False),
    "cohere2": Family("Cohere 2 (Command R7B)", logits="times_logit_scale", reward_head=False),
    "olmo2": Family("OLMo 2"),
    "smollm3": Family("SmolLM3"),
    "glm4": Family("GLM-4"),
    "exaone4": Family("EXAONE 4"),
    # transformers' gpt-oss builds its attention masks without the position ids, so rows packed end to end would
    # attend across their boundaries (tests/zoo measured logits off by 0.6): its rows stay apart, padded.
    "gpt_oss": Family("gpt-oss", moe=True, not_packable=(
        "transformers' gpt-oss builds its attention mask without the position ids, so packed rows would attend to "
        "each other: rows are padded instead, through the model's own forward")),
}

# --target-modules names that mean the experts of a mixture-of-experts model (older and newer spellings)
EXPERT_MODULES = {"experts", "w1", "w2", "w3", "gate_up_proj", "down_proj", "gate_proj", "up_proj", "block_sparse_moe"}


def family(model_type: str | None) -> Family | None:
    return CHECKED.get(model_type or "")


@dataclass(frozen=True)
class LogitTransform:
    """What a family's head does to `hidden @ lm_head.T`, in the model's own order: x scale, / divide, softcap."""
    scale: float | None = None
    divide: float | None = None
    softcap: float | None = None

    def __bool__(self) -> bool:
        return any(v is not None for v in (self.scale, self.divide, self.softcap))

    def words(self) -> str:
        parts = [f"x {self.scale:g}" if self.scale is not None else "", f"/ {self.divide:g}" if self.divide is not None
                 else "", f"softcapped at {self.softcap:g}" if self.softcap is not None else ""]
        return "logits " + ", ".join(p for p in parts if p) if self else "plain logits"


def logit_transform(config, spec: Family) -> LogitTransform:
    if spec.logits == "softcap":
        return LogitTransform(softcap=getattr(config, "final_logit_softcapping", None))
    if spec.logits == "times_logit_scale":
        return LogitTransform(scale=getattr(config, "logit_scale", None))
    if spec.logits == "over_logits_scaling":
        return LogitTransform(divide=getattr(config, "logits_scaling", None))
    return LogitTransform()


# ---------------------------------------------------------------- attention

def attention_implementation(config, model_class, requested: str) -> tuple[str, str]:
    """The attn_implementation to load the model with, and why. SDPA cannot softcap attention scores (transformers
    refuses it at the first forward) and some families do not offer it at all (Gemma 2, gpt-oss with its attention
    sinks): those get transformers' eager attention, which does both."""
    if requested != "sdpa":
        return requested, f"{requested}, as asked"
    if getattr(config, "attn_logit_softcapping", None) is not None:
        return "eager", (f"eager: this model softcaps its attention scores (attn_logit_softcapping "
                         f"{config.attn_logit_softcapping:g}), which SDPA cannot do")
    supports = getattr(model_class, "_supports_sdpa", True)
    if supports is False:
        return "eager", f"eager: transformers offers no SDPA attention for {model_class.__name__}"
    return "sdpa", "sdpa"


# ---------------------------------------------------------------- the plan for one run

@dataclass
class Plan:
    """How the default and SFT trainers compute the loss of this model. `fast` False: the model's own forward on
    padded rows (no packing, no per-row attention), its own loss."""
    family: str
    checked: bool
    fast: bool                     # packing + the loss on the decoder's hidden states (trainers/causal.py)
    transform: LogitTransform = field(default_factory=LogitTransform)
    per_row_attention: bool = False  # attention per packed row on a CPU (trainers/speed.py)
    attention: str = "sdpa"
    reasons: list[str] = field(default_factory=list)

    def describe(self) -> dict:
        return {"family": self.family, "checked": self.checked, "fast_path": self.fast,
                "packing": self.fast, "loss": self._loss_words(), "logit_transform": asdict(self.transform),
                "attention": self.attention, "per_row_attention": self.per_row_attention, "reasons": self.reasons}

    def _loss_words(self) -> str:
        if not self.fast:
            return "the model's own forward and loss, one padded batch of rows (no packing)"
        return f"fused chunked cross-entropy on the decoder's hidden states ({self.transform.words()}), packed rows"

    def line(self) -> str:
        """One line for train.log."""
        head = "fast path" if self.fast else "the model's own forward"
        return f"loss: {head} for {self.family} ({self._loss_words()}); " + "; ".join(self.reasons)


def _inner(model):
    inner = model
    if hasattr(inner, "get_base_model"):                          # PEFT: the base model under the adapter
        inner = inner.get_base_model()
    return inner


def plan(model, device_type: str = "cpu") -> Plan:
    """Decide, for this model, what the fast path may do (see the module doc)."""
    inner = _inner(model)
    config = inner.config
    model_type = getattr(config, "model_type", "") or type(inner).__name__
    attention = getattr(config, "_attn_implementation", None) or "sdpa"
    spec = family(model_type)
    reasons: list[str] = []
    if spec is None:
        return Plan(model_type, False, False, attention=attention, reasons=[
            f"the model family {model_type!r} has not been checked against the fast path (packing, fused loss), so "
            "it trains through the model's own forward"])
    if getattr(config, "output_router_logits", False):
        return Plan(model_type, True, False, attention=attention, reasons=[
            "output_router_logits is on: the model adds its router's load-balancing loss, computed over the whole "
            "batch, to the token loss; the fast path computes the token loss only"])
    if spec.not_packable:
        return Plan(model_type, True, False, attention=attention, reasons=[spec.not_packable])
    get_decoder = getattr(inner, "get_decoder", None)
    decoder = get_decoder() if get_decoder else None
    head = inner.get_output_embeddings()
    if decoder is None or decoder is inner or head is None or getattr(head, "bias", None) is not None:
        return Plan(model_type, True, False, attention=attention, reasons=[
            "the model's head cannot be run apart from its decoder (or has a bias)"])
    transform = logit_transform(config, spec)
    reasons.append(f"{spec.name} checked: its head gives {transform.words()}, reproduced exactly")
    per_row = device_type == "cpu" and attention == "sdpa"
    if per_row:
        windows = {w for w in _windows(config) if w}
        reasons.append("attention per packed row" + (f", with the sliding window of {min(windows)} tokens"
                                                     if windows else ""))
    elif attention != "sdpa":
        reasons.append(f"attention: transformers' own ({attention}), with the block-diagonal mask of the packed rows")
    return Plan(model_type, True, True, transform, per_row, attention, reasons)


def _windows(config) -> list:
    types = getattr(config, "layer_types", None) or []
    window = getattr(config, "sliding_window", None)
    if not window:
        return []
    return [window] if not types or "sliding_attention" in types else []


def step_aside(reason: str, model) -> Plan:
    """The model's own forward, whatever the family (a test or a benchmark measuring the other path)."""
    inner = _inner(model)
    return Plan(getattr(inner.config, "model_type", ""), family(getattr(inner.config, "model_type", "")) is not None,
                False, attention=getattr(inner.config, "_attn_implementation", "sdpa"), reasons=[reason])


def trl_words(model) -> dict:
    """For run_info.json of the reward, DPO, ORPO and KTO trainers: TRL computes their loss from the model's own forward."""
    inner = _inner(model)
    model_type = getattr(inner.config, "model_type", "")
    return {"family": model_type, "checked": family(model_type) is not None, "fast_path": False, "packing": False,
            "loss": "the trainer's own (TRL), from the model's own forward and head",
            "attention": getattr(inner.config, "_attn_implementation", None), "per_row_attention": False,
            "reasons": []}


# ---------------------------------------------------------------- what a family cannot do, said before launch

def no_reward_head_message(model_type: str) -> str:
    spec = family(model_type)
    name = spec.name if spec else model_type
    return message("family.no_reward_head", name=name, model_type=model_type)


def expert_targets(model_type: str, target_modules: str) -> list[str]:
    """The --target-modules names that mean a mixture-of-experts model's experts."""
    spec = family(model_type)
    if spec is None or not spec.moe:
        return []
    names = [t.strip() for t in (target_modules or "").split(",") if t.strip()]
    return [n for n in names if n in EXPERT_MODULES]


def lora_problem(model_type: str, target_modules: str, dropout: float) -> str:
    """Why LoRA with these settings cannot train this family, and what to use instead ('' when it can)."""
    names = expert_targets(model_type, target_modules)
    if not names:
        return ""
    spec = family(model_type)
    if not spec.peft_experts:
        return message("family.no_expert_lora", targets=",".join(names), name=spec.name)
    if dropout > 0:
        return message("family.expert_dropout", targets=",".join(names), name=spec.name, dropout=dropout)
    return ""


def all_linear_note(model_type: str, dropout: float) -> str:
    """peft's all-linear on Mixtral and Qwen-MoE includes the fused experts, which need dropout 0: with dropout the
    run adapts the linear layers only (attention), and says so. '' where all-linear means what it says."""
    spec = family(model_type)
    if spec is None or not spec.peft_experts or dropout <= 0:
        return ""
    return message("family.all_linear_attention", name=spec.name, dropout=dropout)
