"""DPO trainer (TRL). The reference model is the base under the adapter with --peft, else --model-ref or a
copy of --model."""

from trl import DPOConfig, DPOTrainer

from trainers import common
from trainers.preference import grouped_sampling, pair_datasets, preference_kwargs


def run(params, project_dir, resume=False):
    # load
    tokenizer, model = common.load(params)
    ref_model = None
    if not params.peft:
        ref_model = common.load_model(params, common.model_path(params.model_ref or params.model), tokenizer)
    # prepare data: {"prompt", "chosen", "rejected"}
    train_ds, eval_ds, held_out = pair_datasets(params, project_dir, tokenizer)
    # trainer
    pref = preference_kwargs(params)
    args = DPOConfig(beta=pref["beta"], max_length=pref["max_length"], dataset_num_proc=None, **grouped_sampling(),
                     **common.training_kwargs(params, project_dir, len(train_ds), eval_ds is not None, model))
    trainer = DPOTrainer(model=model, ref_model=ref_model, args=args, train_dataset=train_ds, eval_dataset=eval_ds,
                         processing_class=tokenizer)
    # train, save, report
    common.fit(trainer, tokenizer, params, project_dir, held_out, resume)
