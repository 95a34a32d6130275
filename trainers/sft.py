"""SFT trainer: supervised fine-tuning, one example per row.

With a chat template the loss falls on the assistant turns only (--train-on-inputs puts it on every token);
with --chat-template none the text is trained as it stands. Rows longer than block_size are cut.
"""

from transformers import TrainingArguments

from trainers import common, evaluate
from trainers.causal import CausalLMTrainer, PackedCollator
from trainers.templates import render


def tokenize(examples, tokenizer, params) -> list[dict]:
    rows = []
    for ex in examples:
        ids, mask = render(ex, tokenizer, train_on_inputs=params.train_on_inputs, add_eos=params.add_eos_token,
                           max_length=params.effective_block_size)
        labels = [t if m else -100 for t, m in zip(ids, mask)]
        if any(m for m in mask):
            rows.append({"input_ids": ids, "labels": labels})
    if examples and not rows:
        raise common.RunError("bad_data", "No row has any token to learn from: every assistant turn is empty or was "
                              "cut off by the block size.", "Check the text column, or raise --block-size.")
    return rows


def run(params, project_dir, resume=False):
    # load
    path = common.model_path(params.model)
    tokenizer, added = common.load_tokenizer(params, path)
    # prepare data
    train_rows, valid_rows = common.load_examples(params, project_dir)
    train_ds = tokenize(train_rows, tokenizer, params)
    eval_ds = tokenize(valid_rows, tokenizer, params) if valid_rows else None
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
