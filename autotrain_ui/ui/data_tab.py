"""Tab 1: upload a file, see its first rows as text, the column mapping the data doctor guessed, its report."""

from __future__ import annotations

import html

import gradio as gr

from autotrain_ui import data
from autotrain_ui.ui.strings import t

PREVIEW_ROWS = 20


HOLD_OUT_FROM = 50      # rows from which the app holds some out to measure the result ...
HOLD_OUT_PERCENT = 10   # ... this share of them


def inspect(path: str | None, trainer: str | None):
    """-> preview rows, columns for the dropdowns, guessed mapping, report markdown, recommended trainer, rows."""
    if not path:
        return None, [], {}, "", None, 0
    try:
        frame, _info = data.read_table(path)
    except data.DataError as exc:
        return None, [], {}, f"**Cannot read this file.** {html.escape(str(exc))}", None, 0
    _, report = data.prepare(path, trainer)
    preview = frame.head(PREVIEW_ROWS).astype(str)  # cells as text: nothing in the data is ever rendered as HTML
    return (preview, list(frame.columns), report.mapping, report_markdown(report), report.recommended_trainer,
            report.rows)


def suggested_valid_percent(rows: int, current: float) -> float:
    """With enough rows, hold 10% out for the before/after report (unless the user already chose a share)."""
    return HOLD_OUT_PERCENT if rows >= HOLD_OUT_FROM and not current else current


def report_markdown(report) -> str:
    lines = [f"**{report.rows_read} rows read, {report.rows} will train.** Format: {report.format}. "
             f"Recommended trainer: **{report.recommended_trainer}** - {html.escape(report.recommendation_reason)}"]
    for p in report.problems:
        mark = "**error**" if p.level == "error" else "warning"
        lines.append(f"- {mark}: {html.escape(p.message)}")
    if report.ok:
        lines.append("\n**This file can train.**")
    return "\n".join(lines)


def build() -> dict:
    c = {}
    c["file"] = gr.File(label=t("upload"), file_types=[".csv", ".jsonl", ".json", ".parquet", ".tsv", ".txt"],
                        type="filepath")
    c["report"] = gr.Markdown(label=t("report"), elem_id="data-report")
    with gr.Row():
        c["text_column"] = gr.Dropdown(label=t("map_text"), choices=[], allow_custom_value=True, elem_id="map-text")
        c["rejected_text_column"] = gr.Dropdown(label=t("map_rejected"), choices=[], allow_custom_value=True,
                                                elem_id="map-rejected")
        c["prompt_text_column"] = gr.Dropdown(label=t("map_prompt"), choices=[], allow_custom_value=True,
                                              elem_id="map-prompt")
    c["preview"] = gr.Dataframe(label=t("preview"), interactive=False, wrap=True, datatype="str")
    return c
