"""The run's rows: each split's file read and mapped by the same code the data check uses (autotrain_ui/data), the
held-out rows taken from the training rows, and the render of one example to token ids and loss mask that the data
check's token counts and the page's loss-marked preview share with training."""

from __future__ import annotations

import json
from pathlib import Path

from autotrain_ui.models import model_path
from autotrain_ui.params import LLMParams
from trainers.dist import is_main_process
from trainers.loading import load_tokenizer


def data_file(params: LLMParams, project_dir: Path, split: str) -> Path:
    """The file of one split: --data-path (relative to the project folder) + the split's name."""
    from autotrain_ui.data import resolve_data_file

    data_path = Path(params.data_path)
    if not data_path.is_absolute():
        data_path = Path(project_dir) / data_path
    return resolve_data_file(str(data_path), split)


def load_examples(params: LLMParams, project_dir: Path) -> tuple[list[dict], list[dict] | None]:
    """Train (and valid) examples through the same reader and mapping the data check uses. With --valid-percent,
    the held-out rows come from the training rows, never copies of rows left in training (autotrain_ui/data/split.py);
    what was held out, and why fewer, goes to PROJECT/held_out.json for the before/after report."""
    from autotrain_ui.data import DataError, prepare
    from autotrain_ui.data.split import hold_out

    out = []
    for split in (params.train_split, params.valid_split):
        if split is None:
            out.append(None)
            continue
        examples, report = prepare(data_file(params, project_dir, split), params.trainer,
                                   text_column=params.text_column, rejected_text_column=params.rejected_text_column,
                                   prompt_text_column=params.prompt_text_column, label_column=params.label_column,
                                   chat_template=params.template, label_threshold=params.label_threshold)
        if not report.ok:
            raise DataError("\n".join(p.message for p in report.problems if p.level == "error"))
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


def tokenizer_and_render(params: LLMParams, conversational: bool = True, plain_pairs: bool = False):
    """The tokenizer a run would use (its chat template installed) and a render(example) -> (ids, loss mask) for any
    canonical example: what the data check's token counts and the loss-marked preview need. With no template given,
    the one the run would choose automatically for data that is (or is not) `conversational` (and, for a model with no
    chat template, prompt/answer rows in `plain_pairs` text are joined as text).
    -> (tokenizer, render, (template, why))."""
    from transformers import AutoTokenizer

    from trainers.templates import choose, render

    path = model_path(params.model)
    choice = choose(params.chat_template, conversational, AutoTokenizer.from_pretrained(path), plain_pairs)
    tokenizer, _ = load_tokenizer(params, path, choice[0])

    def render_example(example: dict):
        if "chosen" in example or "label" in example:  # a pair (the chosen answer) or a kto row (its one answer)
            prompt, chosen = example.get("prompt"), example.get("chosen", example.get("completion"))
            if isinstance(chosen, list):   # the prompt's earlier answers are context: the loss is on this answer
                context = [{**t, "weight": 0} if t["role"] == "assistant" else t
                           for t in (prompt if isinstance(prompt, list) else [])]
                example = {"messages": context + chosen}
            else:                          # plain text: the answer after its prompt carries the loss
                example = {"prompt": prompt, "completion": chosen} if prompt else {"text": chosen}
        return render(example, tokenizer, train_on_inputs=params.train_on_inputs or params.trainer == "default",
                      add_eos=params.add_eos_token)

    return tokenizer, render_example, choice
