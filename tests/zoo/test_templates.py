"""Chat templates per family: the tokenizer's own (published) template is used as it is, a system message reaches
the model (folded into the first user turn where the template has no system role), and exactly the answers and the
end-of-turn marker after them carry the loss."""

from __future__ import annotations

import pytest

from tests.zoo.chat_templates import TEMPLATES, text
from tests.zoo.conftest import families

SYSTEM, Q1, A1, Q2, A2 = ("Answer in French.", "What is the capital of France?", "Paris is the capital.",
                          "And of Italy?", "Rome, of course.")
CONVERSATION = [{"role": "system", "content": SYSTEM}, {"role": "user", "content": Q1},
                {"role": "assistant", "content": A1}, {"role": "user", "content": Q2},
                {"role": "assistant", "content": A2}]


def loss_pieces(tokenizer, ids, mask) -> list[str]:
    """The text of each run of tokens that carries the loss."""
    pieces, run = [], []
    for token, carries in zip(ids + [None], mask + [0]):
        if carries:
            run.append(token)
        elif run:
            pieces.append(tokenizer.decode(run))
            run = []
    return pieces


@pytest.mark.parametrize("family", families())
def test_each_familys_template_renders_and_marks_the_answers(family, zoo, cell):
    from transformers import AutoTokenizer

    from autotrain_ui.core.templates import choose, has_system_role, render

    c = cell(family, "chat")
    tokenizer = AutoTokenizer.from_pretrained(zoo.folder(family))
    assert tokenizer.chat_template == text(family)
    assert choose(None, True, tokenizer)[0] == "tokenizer", "conversations must get the model's own template"
    published = TEMPLATES[family]
    assert has_system_role(tokenizer) == (published.system == "yes")

    ids, mask = render({"messages": CONVERSATION}, tokenizer)
    rendered = tokenizer.decode(ids)
    pieces = loss_pieces(tokenizer, ids, mask)
    assert SYSTEM in rendered, "the system message must reach the model (folded into the user turn if need be)"
    assert len(pieces) == 2 and A1 in pieces[0] and A2 in pieces[1], pieces
    for prompt in (SYSTEM, Q1, Q2):
        assert not any(prompt in p for p in pieces), f"{prompt!r} carries the loss: {pieces}"
    marker = published.marker.replace("{eos}", tokenizer.eos_token) if published.marker else None
    if marker:  # the model learns to end its turn
        assert marker in pieces[1].split(A2, 1)[1], f"{marker!r} after the last answer carries no loss: {pieces[1]!r}"
    c.ok("(system folded)" if published.system == "folded" else "")


def test_a_system_message_with_no_user_turn_after_it_is_refused_on_gemma(zoo):
    from transformers import AutoTokenizer

    from autotrain_ui.core.templates import TemplateError, render

    tokenizer = AutoTokenizer.from_pretrained(zoo.folder("gemma"))
    with pytest.raises(TemplateError, match="no system role"):
        render({"messages": [{"role": "user", "content": Q1}, {"role": "assistant", "content": A1},
                             {"role": "system", "content": SYSTEM}]}, tokenizer)


def test_preference_pairs_fold_the_system_message_for_trl(zoo):
    """TRL's trainers apply the template themselves: the pairs they get already have the system text folded in."""
    from transformers import AutoTokenizer

    from autotrain_ui.core.params import LLMParams
    from trainers.preference import prepare_pairs

    tokenizer = AutoTokenizer.from_pretrained(zoo.folder("gemma2"))
    rows = [{"prompt": CONVERSATION[:2], "chosen": [CONVERSATION[2]], "rejected": [{"role": "assistant",
                                                                                     "content": "No idea."}]}]
    pair = prepare_pairs(rows, tokenizer, LLMParams(trainer="dpo", block_size=256, max_prompt_length=128))[0]
    assert [m["role"] for m in pair["prompt"]] == ["user"] and pair["prompt"][0]["content"].startswith(SYSTEM)
    prompt = tokenizer.apply_chat_template(pair["prompt"], tokenize=False, add_generation_prompt=True)
    assert SYSTEM in prompt and Q1 in prompt


def test_the_before_after_report_renders_gemma_conversations_with_a_system_message(zoo):
    """The held-out measurement (trainers/evaluate.py) renders the same folded conversation the run trained on."""
    from transformers import AutoTokenizer

    from trainers.answers import prompt_and_answer as _prompt_and_answer

    tokenizer = AutoTokenizer.from_pretrained(zoo.folder("gemma"))
    prompt, answer, templated = _prompt_and_answer({"messages": CONVERSATION}, tokenizer)
    assert templated and answer == A2 and SYSTEM in prompt and prompt.rstrip().endswith("model")
