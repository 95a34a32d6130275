"""The run's rows: each split's file read and mapped by the same code the data check uses (autotrain_ui/data), the
held-out rows taken from the training rows, and the render of one example to token ids and loss mask that the data
check's token counts and the page's loss-marked preview share with training."""

from __future__ import annotations

import json
from pathlib import Path

from autotrain_ui.core.params import LLMParams
from trainers.dist import is_main_process


def data_source(params: LLMParams, project_dir: Path, split: str):
    """What one split is read from: --data-path (relative to the project folder) + the split's name, or, for a Hub
    dataset, the whole split at the commit config.json records, loaded here (never by the page), its rows counted
    in PROJECT/data_source.json for the model card."""
    from autotrain_ui.core.data import resolve_data_file
    from autotrain_ui.core.data import hub as hub_data

    if not hub_data.is_dataset_id(params.data_path, project_dir):
        data_path = Path(params.data_path)
        return resolve_data_file(str(data_path if data_path.is_absolute() else Path(project_dir) / data_path), split)
    from autotrain_ui.core.hub_client import resolve_token

    frame = hub_data.load_split(hub_data.ref_of(params, split), resolve_token())   # HF_TOKEN: what the job was given
    if is_main_process():
        record = Path(project_dir) / "data_source.json"
        rows = {**(json.loads(record.read_text()).get("rows", {}) if record.exists() else {}), split: len(frame)}
        record.write_text(json.dumps({"dataset": params.data_path, "config": params.data_config,
                                      "revision": params.data_revision, "rows": rows}, indent=2) + "\n")
    return frame


def load_examples(params: LLMParams, project_dir: Path) -> tuple[list[dict], list[dict] | None]:
    """Train (and valid) examples through the same reader and mapping the data check uses. With --valid-percent,
    the held-out rows come from the training rows, never copies of rows left in training (autotrain_ui/core/data/split.py);
    what was held out, and why fewer, goes to PROJECT/held_out.json for the before/after report."""
    from autotrain_ui.core.data import DataError, prepare
    from autotrain_ui.core.i18n import message, sentences
    from autotrain_ui.core.data.split import hold_out

    out = []
    for split in (params.train_split, params.valid_split):
        if split is None:
            out.append(None)
            continue
        examples, report = prepare(data_source(params, project_dir, split), params.trainer,
                                   text_column=params.text_column, rejected_text_column=params.rejected_text_column,
                                   prompt_text_column=params.prompt_text_column, label_column=params.label_column,
                                   chat_template=params.template, label_threshold=params.label_threshold)
        if not report.ok:   # the data changed since it was checked: every error, in the reader's language
            said = [p.message if p.key is None else message(p.key, **p.values) for p in report.errors]
            raise DataError(message("run.bad_data", problems=sentences(said)))
        out.append([{k: v for k, v in ex.items() if not k.startswith("_")} for ex in examples])
    train, valid = out
    if 0 < params.sample_rows < len(train):  # a random sample, drawn before any are held out (estimate.plan counts so)
        import random

        keep = sorted(random.Random(params.seed).sample(range(len(train)), params.sample_rows))
        print(f"sample: {params.sample_rows} of {len(train)} rows, drawn at random (--sample-rows)", flush=True)
        train = [train[i] for i in keep]
    if valid is None and params.valid_percent > 0 and len(train) > 1:
        split = hold_out(train, params.valid_percent, params.seed)
        train, valid = split.train, split.valid or None
        if split.note:
            print(f"held-out rows: {split.note}", flush=True)
        if is_main_process():
            (Path(project_dir) / "held_out.json").write_text(json.dumps(split.summary(), indent=2) + "\n",
                                                             encoding="utf-8")
    return train, valid
