"""Default trainer: causal language modelling on plain text.

Texts (or conversations rendered with the chat template) are tokenized, EOS added when asked, concatenated
and cut into block_size blocks; every token carries the loss. The last, shorter block is kept.
"""

from transformers import TrainingArguments

from trainers import common, evaluate
from trainers.causal import CausalLMTrainer, PackedCollator
from trainers.templates import render


def to_blocks(examples, tokenizer, params) -> list[dict]:
    stream: list[int] = []
    for ex in examples:
        ids, _ = render(ex, tokenizer, train_on_inputs=True, add_eos=params.add_eos_token)
        stream += ids
    size = params.effective_block_size
    return [{"input_ids": stream[i:i + size], "labels": stream[i:i + size]} for i in range(0, len(stream), size)]


def run(params, project_dir, resume=False):
    # load
    path = common.model_path(params.model)
    tokenizer, added = common.load_tokenizer(params, path)
    # prepare data
    train_rows, valid_rows = common.load_examples(params, project_dir)
    train_ds = to_blocks(train_rows, tokenizer, params)
    eval_ds = to_blocks(valid_rows, tokenizer, params) if valid_rows else None
    # model
    model = common.load_model(params, path, tokenizer)
    model = common.apply_lora(model, params, added_tokens=added)
    # trainer
    args = TrainingArguments(**common.training_kwargs(params, project_dir, len(train_ds), eval_ds is not None, model))
    common.describe_run(params, model, args, project_dir)
    trainer = CausalLMTrainer(model=model, args=args, train_dataset=train_ds, eval_dataset=eval_ds,
                              data_collator=PackedCollator())
    common.attach(trainer, project_dir, params)
    # train and save, measuring the held-out rows before and after
    before = evaluate.baseline(trainer, tokenizer, params, valid_rows, project_dir)
    common.train(trainer, project_dir, resume)
    common.save_result(trainer, tokenizer, params, project_dir)
    after = evaluate.measure(trainer, tokenizer, params, valid_rows)
    evaluate.write_report(project_dir, params, before, after, len(valid_rows or []))
