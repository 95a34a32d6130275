"""DPO trainer (TRL). The reference model is the base under the adapter with --peft, else --model-ref or a
copy of --model. Plain-text prompts longer than --max-prompt-length keep their last tokens."""

from datasets import Dataset
from trl import DPOConfig, DPOTrainer

from trainers import common, evaluate
from trainers.preference import grouped_sampling, preference_kwargs, prepare_pairs


def run(params, project_dir, resume=False):
    # load
    path = common.model_path(params.model)
    tokenizer, added = common.load_tokenizer(params, path)
    # prepare data: {"prompt", "chosen", "rejected"}
    train_rows, valid_rows = common.load_examples(params, project_dir)
    train_ds = Dataset.from_list(prepare_pairs(train_rows, tokenizer, params))
    valid_pairs = prepare_pairs(valid_rows, tokenizer, params) if valid_rows else None
    eval_ds = Dataset.from_list(valid_pairs) if valid_rows else None
    # models
    model = common.load_model(params, path, tokenizer)
    model = common.apply_lora(model, params, added_tokens=added)
    ref_model = None
    if not params.peft:
        ref_model = common.load_model(params, common.model_path(params.model_ref or params.model), tokenizer)
    # trainer
    pref = preference_kwargs(params)
    args = DPOConfig(beta=pref["beta"], max_length=pref["max_length"], dataset_num_proc=None, **grouped_sampling(),
                     **common.training_kwargs(params, project_dir, len(train_ds), eval_ds is not None, model))
    common.describe_run(params, model, args, project_dir)
    trainer = DPOTrainer(model=model, ref_model=ref_model, args=args, train_dataset=train_ds, eval_dataset=eval_ds,
                         processing_class=tokenizer)
    common.attach(trainer, project_dir, params)
    # train and save, measuring the held-out rows before and after
    before = evaluate.baseline(trainer, tokenizer, params, valid_pairs, project_dir)
    common.train(trainer, project_dir, resume)
    common.save_result(trainer, tokenizer, params, project_dir)
    after = evaluate.measure(trainer, tokenizer, params, valid_pairs)
    evaluate.write_report(project_dir, params, before, after, len(valid_pairs or []))
