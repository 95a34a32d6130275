"""ORPO trainer (TRL, experimental module): preference tuning without a reference model."""

import warnings

from trainers.arguments import training_kwargs
from trainers.loading import load
from trainers.preference import grouped_sampling, pair_datasets, preference_kwargs
from trainers.run import fit

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from trl.experimental.orpo import ORPOConfig, ORPOTrainer


def run(params, project_dir, resume=False):
    # load
    tokenizer, model = load(params)
    # prepare data: {"prompt", "chosen", "rejected"}
    train_ds, eval_ds, held_out = pair_datasets(params, project_dir, tokenizer)
    # trainer
    pref = preference_kwargs(params)
    args = ORPOConfig(beta=pref["beta"], max_length=pref["max_length"], max_completion_length=pref["max_completion_length"],
                      dataset_num_proc=None, **grouped_sampling(),
                      **training_kwargs(params, project_dir, len(train_ds), eval_ds is not None, model))
    trainer = ORPOTrainer(model=model, args=args, train_dataset=train_ds, eval_dataset=eval_ds, processing_class=tokenizer)
    # train, save, report
    fit(trainer, tokenizer, params, project_dir, held_out, resume, seen=train_ds.to_list())
