"""SFT trainer: supervised fine-tuning, one example per row.

With a chat template the loss falls on the assistant turns only (--train-on-inputs puts it on every token);
with --chat-template none the text is trained as it stands. Rows longer than block_size are cut.
"""

from transformers import TrainingArguments

from trainers.arguments import training_kwargs
from trainers.causal import build_trainer
from trainers.errors import RunError
from trainers.examples import load_examples
from trainers.loading import load
from trainers.run import fit
from autotrain_ui.core.templates import render


def tokenize(examples, tokenizer, params) -> list[dict]:
    rows = []
    for ex in examples:
        ids, mask = render(ex, tokenizer, train_on_inputs=params.train_on_inputs, add_eos=params.add_eos_token,
                           max_length=params.effective_block_size)
        labels = [t if m else -100 for t, m in zip(ids, mask)]
        if any(m for m in mask):
            rows.append({"input_ids": ids, "labels": labels})
    if examples and not rows:
        raise RunError("bad_data", "No row has any token to learn from: every assistant turn is empty or was "
                              "cut off by the block size.", "Check the text column, or raise --block-size.")
    return rows


def run(params, project_dir, resume=False):
    # load
    tokenizer, model = load(params)
    # prepare data
    train_rows, valid_rows = load_examples(params, project_dir)
    train_ds = tokenize(train_rows, tokenizer, params)
    eval_ds = tokenize(valid_rows, tokenizer, params) if valid_rows else None
    # trainer: packed batches and the chunked loss where the family allows (trainers/causal.py, families.py)
    args = TrainingArguments(**training_kwargs(params, project_dir, len(train_ds), eval_ds is not None, model))
    trainer = build_trainer(model, args, train_ds, eval_ds, params.effective_block_size, tokenizer.pad_token_id)
    # train, save, report
    fit(trainer, tokenizer, params, project_dir, valid_rows, resume, seen=train_rows)
