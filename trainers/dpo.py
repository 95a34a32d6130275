"""DPO trainer (TRL). The reference model is the base under the adapter with --peft, else --model-ref or a
copy of --model."""

from trl import DPOConfig, DPOTrainer

from trainers.arguments import training_kwargs
from trainers.loading import load, load_reference
from trainers.preference import grouped_sampling, pair_datasets, preference_kwargs
from trainers.run import fit


def run(params, project_dir, resume=False):
    # load
    tokenizer, model = load(params)
    ref_model = load_reference(params, tokenizer)
    # prepare data: {"prompt", "chosen", "rejected"}
    train_ds, eval_ds, held_out = pair_datasets(params, project_dir, tokenizer)
    # trainer
    pref = preference_kwargs(params)
    args = DPOConfig(beta=pref["beta"], max_length=pref["max_length"], dataset_num_proc=None, **grouped_sampling(),
                     **training_kwargs(params, project_dir, len(train_ds), eval_ds is not None, model))
    trainer = DPOTrainer(model=model, ref_model=ref_model, args=args, train_dataset=train_ds, eval_dataset=eval_ds,
                         processing_class=tokenizer)
    # train, save, report
    fit(trainer, tokenizer, params, project_dir, held_out, resume, seen=train_ds.to_list())
