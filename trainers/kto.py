"""KTO trainer (TRL): learns from single answers marked good or bad (a thumbs up or down), no pairs needed. The
reference model is the base under the adapter with --peft, else --model-ref or a copy of --model."""

from trl import KTOConfig, KTOTrainer

from trainers.arguments import training_kwargs
from trainers.loading import load, load_reference
from trainers.preference import feedback_datasets, preference_kwargs
from trainers.run import fit


def run(params, project_dir, resume=False):
    # load
    tokenizer, model = load(params)
    ref_model = load_reference(params, tokenizer)
    # prepare data: {"prompt", "completion", "label"}, in a seeded shuffled order (TRL reads KTO batches in order)
    train_ds, eval_ds, held_out = feedback_datasets(params, project_dir, tokenizer)
    # trainer
    pref = preference_kwargs(params)
    args = KTOConfig(beta=pref["beta"], max_length=pref["max_length"], dataset_num_proc=None,
                     **balance_weights(train_ds["label"]),
                     **training_kwargs(params, project_dir, len(train_ds), eval_ds is not None, model))
    trainer = KTOTrainer(model=model, ref_model=ref_model, args=args, train_dataset=train_ds, eval_dataset=eval_ds,
                         processing_class=tokenizer)
    # train, save, report
    # (no held-out rows, as for a table under 50 rows: the margin is measured on training rows, the report says so)
    fit(trainer, tokenizer, params, project_dir, held_out, resume, seen=train_ds.to_list())


def balance_weights(labels: list[bool]) -> dict:
    """desirable_weight / undesirable_weight so that both kinds of answer weigh the same in the loss, whatever their
    counts: the rarer kind's weight is the ratio of the counts (inside the range the KTO paper, eq. 8, and TRL ask
    for). A table with one kind only keeps both at 1."""
    good = sum(1 for label in labels if label)
    bad = len(labels) - good
    weights = {"desirable_weight": 1.0, "undesirable_weight": 1.0}
    if good and bad and good != bad:
        weights["undesirable_weight" if good > bad else "desirable_weight"] = round(max(good, bad) / min(good, bad), 3)
    print(f"kto: {good} answer(s) marked good, {bad} marked bad; loss weights: good {weights['desirable_weight']:g}, "
          f"bad {weights['undesirable_weight']:g}", flush=True)
    return weights
