"""Reward trainer: a sequence-classification head scores the chosen text above the rejected one (TRL)."""

from datasets import Dataset
from trl import RewardConfig, RewardTrainer

from trainers.arguments import training_kwargs
from trainers.examples import load_examples
from trainers.loading import load
from trainers.preference import grouped_sampling, with_lengths
from trainers.run import fit
from autotrain_ui.core.templates import fit_example


def run(params, project_dir, resume=False):
    # load: the model with a one-score head
    tokenizer, model = load(params, task="reward")
    # prepare data: {"chosen", "rejected"}, strings or conversations
    train_rows, valid_rows = load_examples(params, project_dir)
    train_ds = Dataset.from_list(with_lengths([fit_example(tokenizer, r) for r in train_rows]))
    eval_ds = Dataset.from_list(with_lengths([fit_example(tokenizer, r) for r in valid_rows])) if valid_rows else None
    # trainer
    args = RewardConfig(max_length=params.effective_block_size, dataset_num_proc=None, **grouped_sampling(),
                        **training_kwargs(params, project_dir, len(train_ds), eval_ds is not None, model))
    trainer = RewardTrainer(model=model, args=args, train_dataset=train_ds, eval_dataset=eval_ds,
                            processing_class=tokenizer)
    # train, save, report
    fit(trainer, tokenizer, params, project_dir, valid_rows, resume, seen=train_ds.to_list())
