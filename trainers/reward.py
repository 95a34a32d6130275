"""Reward trainer: a sequence-classification head scores the chosen text above the rejected one (TRL)."""

from datasets import Dataset
from trl import RewardConfig, RewardTrainer

from trainers import common, evaluate
from trainers.preference import grouped_sampling, with_lengths


def run(params, project_dir, resume=False):
    # load
    path = common.model_path(params.model)
    tokenizer, added = common.load_tokenizer(params, path)
    # prepare data: {"chosen", "rejected"}, strings or conversations
    train_rows, valid_rows = common.load_examples(params, project_dir)
    train_ds = Dataset.from_list(with_lengths(train_rows))
    eval_ds = Dataset.from_list(with_lengths(valid_rows)) if valid_rows else None
    # model
    model = common.load_model(params, path, tokenizer, task="reward")
    model = common.apply_lora(model, params, task="reward", added_tokens=added)
    # trainer
    args = RewardConfig(max_length=params.effective_block_size, dataset_num_proc=None, **grouped_sampling(),
                        **common.training_kwargs(params, project_dir, len(train_ds), eval_ds is not None, model))
    common.describe_run(params, model, args, project_dir)
    trainer = RewardTrainer(model=model, args=args, train_dataset=train_ds, eval_dataset=eval_ds,
                            processing_class=tokenizer)
    common.attach(trainer, project_dir, params)
    # train and save, measuring the held-out rows before and after
    before = evaluate.baseline(trainer, tokenizer, params, valid_rows, project_dir)
    common.train(trainer, project_dir, resume)
    common.save_result(trainer, tokenizer, params, project_dir)
    after = evaluate.measure(trainer, tokenizer, params, valid_rows)
    evaluate.write_report(project_dir, params, before, after, len(valid_rows or []))
