"""What the model reads: the tokenizer with the run's chat template installed, and, for the data check's token
counts and its loss-marked preview, render(example) -> (ids, loss mask) exactly as the run renders it."""

from __future__ import annotations

from autotrain_ui.core.models import model_path
from autotrain_ui.core.params import LLMParams
from autotrain_ui.core.templates import choose, render, setup_chat_template, system_note


def load_tokenizer(params: LLMParams, path: str, template: str | None = None):
    """The tokenizer with the run's chat template installed (`template` overrides params.template)."""
    from transformers import AutoTokenizer

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


def tokenizer_and_render(params: LLMParams, conversational: bool = True, plain_pairs: bool = False):
    """The tokenizer a run would use (its chat template installed) and a render(example) -> (ids, loss mask) for any
    canonical example: what the data check's token counts and the loss-marked preview need. With no template given,
    the one the run would choose automatically for data that is (or is not) `conversational` (and, for a model with no
    chat template, prompt/answer rows in `plain_pairs` text are joined as text).
    -> (tokenizer, render, (template, why))."""
    from transformers import AutoTokenizer

    path = model_path(params.model)
    choice = choose(params.chat_template, conversational, AutoTokenizer.from_pretrained(path), plain_pairs)
    tokenizer, _ = load_tokenizer(params, path, choice[0])

    def render_example(example: dict):
        if "chosen" in example or "label" in example:  # a pair (the chosen answer) or a kto row (its one answer)
            prompt, chosen = example.get("prompt"), example.get("chosen", example.get("completion"))
            if isinstance(chosen, list):   # the prompt's earlier answers are context: the loss is on this answer
                context = [{**t, "weight": 0} if t["role"] == "assistant" else t
                           for t in (prompt if isinstance(prompt, list) else [])]
                example = {"messages": context + chosen}
            else:                          # plain text: the answer after its prompt carries the loss
                example = {"prompt": prompt, "completion": chosen} if prompt else {"text": chosen}
        return render(example, tokenizer, train_on_inputs=params.train_on_inputs or params.trainer == "default",
                      add_eos=params.add_eos_token)

    return tokenizer, render_example, choice
