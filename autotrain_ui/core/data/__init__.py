"""The data side: read any file the user brings, recognise its shape, map its columns to a trainer, build the
examples a run trains on, and say what is wrong (row, line, column) before anything starts.

    read.py      files -> a table (CSV of any dialect via csvfile.py, JSON and JSONL via jsonrows.py, Parquet; sniff.py
                 for encodings)
    formats.py   which shape the table has (messages, ShareGPT, Alpaca, pairs, preference, feedback) and the trainer
    shapes.py    public datasets' own shapes: system columns, pairwise labels, shared prompts, turn lists, ratings
    examples.py  the table's rows -> the canonical examples default and sft take (pairs.py: reward, dpo, orpo, kto)
    prompts.py   GRPO's rows: prompts and their reference answers; the chosen rewards scored on the first rows
    verifiable.py  answers a checker can verify (numbers, JSON objects): GRPO recommended with the matching reward
    check.py     prepare(): all of the above, and the DataReport (report.py) the page, CLI and preflight show
    language.py  what language the rows are written in (a guess from their letters; the model advice uses it)
    tokens.py    token counts and the loss-marked preview (the page's and `data check --preview`'s), tokenizer handed in
    split.py     held-out rows taken from the training rows, never copies of rows left in training

Imports stay light (pandas, no torch/transformers/gradio at module level): the training subprocess imports it.
The names below are what the rest of the project uses; each lives in one of the modules above.
"""

from autotrain_ui.core.data.check import (AUTO_TEMPLATE, NO_TEMPLATE, TRAINERS, add_token_stats, is_conversational,
                                     prepare, template_mode, template_reason)
from autotrain_ui.core.data.formats import parse_conversation, recommend
from autotrain_ui.core.data.read import read_table, resolve_data_file
from autotrain_ui.core.data.report import DataError, DataReport, Problem
from autotrain_ui.core.data.tokens import preview

__all__ = ["AUTO_TEMPLATE", "NO_TEMPLATE", "TRAINERS", "DataError", "DataReport", "Problem", "add_token_stats",
           "is_conversational", "parse_conversation", "prepare", "preview", "read_table", "recommend",
           "resolve_data_file", "template_mode", "template_reason"]
