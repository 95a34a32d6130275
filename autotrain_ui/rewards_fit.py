"""GRPO's settings fitted to the data and the hardware (suggest.py asks here for a grpo run): answers per prompt, the
longest sampled answer, learning rate and beta, with the reason the page shows."""

from __future__ import annotations

from autotrain_ui.core.i18n import Message, message

GENERATIONS_GPU, GENERATIONS_CPU = 8, 4   # answers per prompt: more differ more (a clearer signal), each one costs
COMPLETION_MIN, COMPLETION_MAX = 32, 512  # tokens per sampled answer, the bounds of the fitted value
COMPLETION_NO_REFERENCE = {True: 256, False: 64}  # with no reference answers to size it on: GPU / CPU
TOKENS_PER_WORD = 1.5                     # English and Korean words take one to two tokens each (SmolLM2, Qwen)
ROOM = 2                                  # room above the references' length: a reasoning answer runs longer
GRPO_LR = 5e-5                            # with LoRA: the answers are the model's own, so small steps (a full
                                          # fine-tune takes a tenth; TRL's own default for one is 1e-6)


def fit_grpo(report, settings: dict, gpus: int | None = None) -> list[Message]:
    """Fill `settings` with GRPO's fitted values (and the reward that checks the reference answers, where the data
    check found one: data/verifiable.py); the sentences that say them and why."""
    if gpus is None:
        from autotrain_ui.core.gpu import gpu_count

        gpus = gpu_count()
    words = getattr(report, "answer_words", None)
    if words:
        completion = int(min(COMPLETION_MAX, max(COMPLETION_MIN, round(words * TOKENS_PER_WORD * ROOM))))
    else:
        completion = COMPLETION_NO_REFERENCE[bool(gpus)]
    settings.update(num_generations=GENERATIONS_GPU if gpus else GENERATIONS_CPU, max_completion_length=completion,
                    lr=GRPO_LR if settings.get("peft", True) else GRPO_LR / 10, grpo_beta=0.0,
                    generation_temperature=1.0)
    said = [message("suggest.grpo", generations=settings["num_generations"], completion=completion,
                    lr=settings["lr"], beta=0.0, why_beta=message("suggest.grpo_beta_zero"))]
    if getattr(report, "suggested_rewards", ""):
        settings["rewards"] = report.suggested_rewards
        said.append(message("suggest.grpo_rewards", rewards=report.suggested_rewards))
    return said
