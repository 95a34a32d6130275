"""Default trainer: causal language modelling on plain text.

Texts (or conversations rendered with the chat template) are tokenized, EOS added when asked, concatenated
and cut into block_size blocks; every token carries the loss. The last, shorter block is kept.
"""

from transformers import TrainingArguments

from trainers.arguments import training_kwargs
from trainers.causal import build_trainer
from trainers.examples import load_examples
from trainers.loading import load
from trainers.run import fit
from autotrain_ui.core.templates import render


def to_blocks(examples, tokenizer, params) -> list[dict]:
    stream: list[int] = []
    for ex in examples:
        ids, _ = render(ex, tokenizer, train_on_inputs=True, add_eos=params.add_eos_token)
        stream += ids
    size = params.effective_block_size
    return [{"input_ids": stream[i:i + size], "labels": stream[i:i + size]} for i in range(0, len(stream), size)]


def run(params, project_dir, resume=False):
    # load
    tokenizer, model = load(params)
    # prepare data
    train_rows, valid_rows = load_examples(params, project_dir)
    train_ds = to_blocks(train_rows, tokenizer, params)
    eval_ds = to_blocks(valid_rows, tokenizer, params) if valid_rows else None
    # trainer: packed batches and the chunked loss where the family allows (trainers/causal.py, families.py)
    args = TrainingArguments(**training_kwargs(params, project_dir, len(train_ds), eval_ds is not None, model))
    trainer = build_trainer(model, args, train_ds, eval_ds, params.effective_block_size, tokenizer.pad_token_id)
    # train, save, report
    fit(trainer, tokenizer, params, project_dir, valid_rows, resume, seen=train_rows)
