"""Big files (issue #23, item 6), shown on small ones: the JSONL block reader gives the answers the whole-text
reader gives (rows, line numbers, problems, encodings), the hashed duplicate check finds the same copies even when
every hash collides, token statistics over many rows come from a stated sample, and the check says how far it is.
The big sizes themselves are bench/bench_data.py's."""

from __future__ import annotations

import pandas as pd
import pytest

from autotrain_ui.core import data, i18n
from autotrain_ui.core.data import check, duplicates, jsonrows
from autotrain_ui.core.data.read import read_table
from autotrain_ui.core.data.report import DataError
from autotrain_ui.core.data.sniff import decode, detect_encoding
from autotrain_ui.core.data.tokens import token_stats

LINES = [
    '\ufeff{"messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}]}',
    "",
    '   {"messages": [{"role": "user", "content": "안녕"}, {"role": "assistant", "content": "반가워요"}]}\r',
    '{"text": "a NaN the json module reads and orjson does not", "score": NaN}',
    "\x1c",                                    # whitespace to str.strip, not to bytes.strip
    '{"messages": [{"role": "User", "content": "x"}, {"from": "gpt", "value": "y"}]}',
    '{"text": "no line break at the end"}',
]


def _whole(path):
    """What the whole-text reader makes of the file: the reference."""
    raw = path.read_bytes()
    info = {}
    frame = jsonrows.read_jsonl(decode(raw, detect_encoding(raw, True)).lstrip("\ufeff"), info)
    return frame, info["row_lines"]


@pytest.fixture(params=[7, 64, 1 << 20], ids=["7-byte blocks", "64-byte blocks", "one block"])
def block(request, monkeypatch):
    monkeypatch.setattr(jsonrows, "BLOCK", request.param)
    return request.param


def test_the_block_reader_reads_what_the_whole_text_reader_reads(tmp_path, block):
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(LINES), encoding="utf-8")
    frame, info = read_table(path)
    expected, lines = _whole(path)
    pd.testing.assert_frame_equal(frame, expected)
    assert info["row_lines"] == lines == [1, 3, 4, 6, 7] and info["encoding"] == "utf-8-sig"


def test_bad_lines_are_named_as_before(tmp_path, block):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "fine"}\n{"text": broken}\n[1, 2]\n{"text": "fine"}\n', encoding="utf-8")
    with pytest.raises(DataError) as got:
        read_table(path)
    with pytest.raises(DataError) as expected:
        _whole(path)
    assert str(got.value) == str(expected.value) and got.value.line == 2
    assert str(got.value).startswith("line 2 is not valid JSON") and "lines 2, 3" in str(got.value)


def test_a_file_that_is_not_utf8_is_read_whole_as_what_it_is(tmp_path, block):
    path = tmp_path / "cp949.jsonl"
    path.write_bytes(('{"text": "첫 줄"}\n' * 3 + '{"text": "김치는 어떻게 보관하나요?"}\n').encode("cp949"))
    frame, info = read_table(path)
    assert info["encoding"] == "cp949" and frame["text"].iloc[-1] == "김치는 어떻게 보관하나요?"


def test_blank_lines_only_say_so(tmp_path, block):
    path = tmp_path / "blank.jsonl"
    path.write_text("\n  \n\u00a0\n", encoding="utf-8")
    with pytest.raises(DataError, match="only blank lines"):
        read_table(path)


def test_the_check_tells_its_progress(tmp_path, block):
    path = tmp_path / "chat.jsonl"
    path.write_text("\n".join(LINES[:3]) + "\n", encoding="utf-8")
    heard = []
    _, report = data.prepare(path, None, progress=lambda fraction, key: heard.append((fraction, key)))
    assert report.ok and heard and [f for f, _ in heard] == sorted(f for f, _ in heard) and heard[-1][0] < 1
    for _, key in heard:
        assert i18n.text(key, "en") != i18n.text(key, "ko")      # a step the page can name in either language


def test_duplicates_are_the_same_when_every_hash_collides(testdata, monkeypatch):
    examples, report = data.prepare(testdata / "seed" / "sft.csv", "sft")
    rows = check.Rows(None)
    honest = duplicates.duplicate_problem(examples * 3, rows, [])
    monkeypatch.setattr(duplicates, "hash", lambda written: 0, raising=False)   # every row's hash the same: compared in full
    colliding = duplicates.duplicate_problem(examples * 3, rows, [])
    assert colliding == honest and honest["rows"] == 2 * len(examples) and honest["distinct"] == report.duplicates[
        "distinct"]


class WordTokenizer:
    """Counts words as tokens: enough to check the arithmetic of the sample."""
    model_max_length = 12

    def __call__(self, texts):
        return {"input_ids": [t.split() for t in texts]}


def test_token_statistics_of_many_rows_come_from_a_stated_sample():
    examples = [{"text": "word " * (5 + i % 10), "_row": i + 1} for i in range(1000)]
    exact, _ = token_stats(examples, WordTokenizer(), sample=None)
    sampled, problems = token_stats(examples, WordTokenizer(), sample=200)
    assert "sampled" not in exact and exact["mean"] == 9.5 and exact["rows_over_block"] == 200
    assert sampled["sampled"] == 200 and sampled["total"] == 1000
    assert abs(sampled["mean"] - exact["mean"]) <= 3 * sampled["mean_error"] and sampled["mean_error"] > 0
    assert abs(sampled["rows_over_block"] - 200) <= 3 * sampled["over_error"] * 10     # points of 1000 rows
    assert "200 rows drawn at random from 1000" in sampled["note"]
    assert "about" not in exact and problems[0].values["n"] == sampled["rows_over_block"]
    assert token_stats(examples, WordTokenizer(), sample=200)[0] == sampled              # the same draw each time


def test_the_report_states_the_sample(tmp_path):
    report = data.DataReport(rows=1000, rows_read=1000, columns=["text"], format="unknown", file_type="csv",
                             encoding="utf-8", delimiter=",", mapping={"text": "text"}, problems=[],
                             recommended_trainer="default", recommendation_reason="")
    examples = [{"text": "word " * (5 + i % 10), "_row": i + 1} for i in range(30_000)]
    check.add_token_stats(report, examples, WordTokenizer())
    assert report.token_stats["sampled"] == 20_000 and "drawn at random from 30000" in report.to_text()


@pytest.mark.parametrize("where", ["thread", "process"])
def test_the_pages_progress_bar_hears_the_check_from_its_worker(tmp_path, where):
    """The upload's check runs at low priority, in the worker process (priority.apart: the page's upload) or a thread
    of its own (priority.heavy: apart's fallback); its progress reaches the page's event either way."""
    from types import SimpleNamespace

    import gradio as gr
    from gradio.context import LocalContext

    from autotrain_ui import priority

    heard = []
    queue = SimpleNamespace(set_progress=lambda event, units: heard.append((event, [u.desc for u in units])))
    path = tmp_path / "chat.jsonl"
    path.write_text("\n".join(LINES[:3]) + "\n", encoding="utf-8")
    progress = gr.Progress()
    marks = LocalContext.blocks.set(SimpleNamespace(_queue=queue)), LocalContext.event_id.set("the-upload")
    try:
        def told(fraction, key):
            progress(fraction, desc=key)

        if where == "thread":
            _, report = priority.heavy(data.prepare, path, None, progress=told)
        else:
            _, report = priority.apart(data.prepare, path, None, progress=told, listener=told)
    finally:
        LocalContext.blocks.reset(marks[0])
        LocalContext.event_id.reset(marks[1])
    assert report.ok and heard and {event for event, _ in heard} == {"the-upload"}
    assert ["data.progress.read"] in [descs for _, descs in heard]
