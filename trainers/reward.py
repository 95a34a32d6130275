"""Reward trainer: a sequence-classification head scores the chosen text above the rejected one (TRL)."""

from datasets import Dataset
from trl import RewardConfig, RewardTrainer

from trainers import common


def run(params, project_dir):
    # load
    path = common.model_path(params.model)
    tokenizer, added = common.load_tokenizer(params, path)
    # prepare data: {"chosen", "rejected"}, strings or conversations
    train_rows, valid_rows = common.load_examples(params, project_dir)
    train_ds = Dataset.from_list(train_rows)
    eval_ds = Dataset.from_list(valid_rows) if valid_rows else None
    # model
    model = common.load_model(params, path, tokenizer, task="reward")
    model = common.apply_lora(model, params, task="reward", added_tokens=added)
    # trainer
    args = RewardConfig(max_length=params.effective_block_size, dataset_num_proc=None,
                        **common.training_kwargs(params, project_dir, len(train_ds), eval_ds is not None))
    trainer = RewardTrainer(model=model, args=args, train_dataset=train_ds, eval_dataset=eval_ds,
                            processing_class=tokenizer)
    common.attach(trainer, project_dir)
    # train and save
    trainer.train()
    common.save_result(trainer, tokenizer, params, project_dir)
