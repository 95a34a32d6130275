"""The one list of trainers and what each needs: read by the schema (--trainer's choices), the data check (which
columns a trainer takes), the hardware estimate, the model card, the chat tab and the trainer dispatch
(trainers/__main__.py). Adding a trainer is one row here and one recipe in trainers/. A leaf: imports nothing."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Trainer:
    name: str                # the --trainer value
    recipe: str              # trainers/<recipe>.py: its run(params, project_dir, resume)
    rows: str                # what a row holds: "text" (one text or a conversation), "pair" (chosen / rejected),
                             # "prompt_pair" (a prompt and both answers), "feedback" (a prompt, an answer, good/bad),
                             # "prompts" (a prompt, and a reference answer where there is one: the model writes answers)
    prompt_lengths: bool     # --max-prompt-length / --max-completion-length / --dpo-beta shape its loss
    reference_model: bool    # a full fine-tune keeps a frozen copy of the model beside it
    texts_per_row: int       # sequences the model sees per row (the memory estimate)
    scores: bool = False     # its result scores a text (a reward model) instead of answering: no chat

    @property
    def prompt_required(self) -> bool:
        return self.rows in ("prompt_pair", "feedback", "prompts")


CATALOG: tuple[Trainer, ...] = (
    Trainer("default", "clm", "text", prompt_lengths=False, reference_model=False, texts_per_row=1),
    Trainer("sft", "sft", "text", prompt_lengths=False, reference_model=False, texts_per_row=1),
    Trainer("reward", "reward", "pair", prompt_lengths=False, reference_model=False, texts_per_row=2, scores=True),
    Trainer("dpo", "dpo", "prompt_pair", prompt_lengths=True, reference_model=True, texts_per_row=2),
    # ORPO needs no reference model: its odds-ratio term is computed from the trained model alone
    Trainer("orpo", "orpo", "prompt_pair", prompt_lengths=True, reference_model=False, texts_per_row=2),
    # KTO: each answer and a mismatched "KL" answer from the same batch (TRL), and a reference model like DPO
    Trainer("kto", "kto", "feedback", prompt_lengths=True, reference_model=True, texts_per_row=2),
    # GRPO: --num-generations sampled answers per prompt, scored by the reward menu (autotrain_ui/core/rewards.py); a
    # reference model only with --grpo-beta above 0 (the recipe's LoRA base serves as one)
    Trainer("grpo", "grpo", "prompts", prompt_lengths=True, reference_model=False, texts_per_row=4),
)
NAMES: tuple[str, ...] = tuple(t.name for t in CATALOG)
_BY_NAME = {t.name: t for t in CATALOG}


def get(name: str | None) -> Trainer | None:
    """The trainer of this name; None for a name the catalog does not hold (the caller says so in its own words)."""
    return _BY_NAME.get(name or "")


def trains_text(name: str | None) -> bool:
    """default / sft: one text (or conversation) per row, the loss on its tokens."""
    found = get(name)
    return found is not None and found.rows == "text"


def chatting() -> str:
    """The trainers whose result writes answers, as a list a sentence can name ("default, sft, dpo, ...")."""
    return ", ".join(t.name for t in CATALOG if not t.scores)


def chats(name: str | None) -> bool:
    """Whether this trainer's result writes answers (a chat model); a reward model only scores them."""
    found = get(name)
    return found is not None and not found.scores
