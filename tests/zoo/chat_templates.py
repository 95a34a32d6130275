"""Each family's published chat template, to render conversations the way that family's real tokenizer does.

TRL ships byte-identical copies of many published templates (trl/chat_templates, "Original templates, used for
identity comparison"): those are read from there. The families TRL has none for are written out in
tests/zoo/chat_templates/*.jinja from the models' published formats (the conversation part; tool calling left out).
`marker` is what ends an assistant turn in that format and must carry the loss (the model learns to stop there);
`None` where the format has no end-of-turn text of its own (GLM-4 ends a turn with the next role token)."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

HERE = Path(__file__).parent / "chat_templates"


@dataclass(frozen=True)
class Published:
    source: str              # "trl:<file>" or "zoo:<file>"
    marker: str | None       # end-of-turn text ("{eos}": the tokenizer's eos token)
    system: str              # "yes", "folded" (the template has no system role: ours folds it into the user turn)


TEMPLATES = {
    "llama": Published("trl:llama3_2.jinja", "<|eot_id|>", "yes"),
    "qwen2": Published("trl:qwen2_5.jinja", "<|im_end|>", "yes"),
    "qwen3": Published("trl:qwen3.jinja", "<|im_end|>", "yes"),
    "qwen3_moe": Published("trl:qwen3.jinja", "<|im_end|>", "yes"),
    "mistral": Published("zoo:mistral.jinja", "{eos}", "folded"),   # v0.3 keeps a system message only before a final user turn
    "mixtral": Published("zoo:mixtral.jinja", "{eos}", "folded"),   # v0.1 raises on a system role
    "gemma": Published("trl:gemma.jinja", "<end_of_turn>", "folded"),
    "gemma2": Published("trl:gemma.jinja", "<end_of_turn>", "folded"),
    "gemma3_text": Published("trl:gemma3.jinja", "<end_of_turn>", "yes"),
    "phi3": Published("trl:phi3.jinja", "<|end|>", "yes"),
    "granite": Published("zoo:granite.jinja", "<|end_of_text|>", "yes"),
    "cohere": Published("trl:cohere.jinja", "<|END_OF_TURN_TOKEN|>", "yes"),
    "cohere2": Published("trl:cohere2.jinja", "<|END_OF_TURN_TOKEN|>", "yes"),
    "olmo2": Published("zoo:olmo2.jinja", "{eos}", "yes"),
    "smollm3": Published("zoo:smollm3.jinja", "<|im_end|>", "yes"),
    "glm4": Published("zoo:glm4.jinja", None, "yes"),
    "exaone4": Published("zoo:exaone4.jinja", "[|endofturn|]", "yes"),
    "gpt_oss": Published("trl:gptoss.jinja", "<|return|>", "yes"),
}


def text(family: str) -> str:
    kind, name = TEMPLATES[family].source.split(":", 1)
    if kind == "trl":
        return (resources.files("trl") / "chat_templates" / name).read_text(encoding="utf-8")
    return (HERE / name).read_text(encoding="utf-8")
