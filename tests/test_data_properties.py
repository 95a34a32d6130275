"""Property tests: whatever a user uploads, the readers answer with a DataError or a table, never a crash."""
from __future__ import annotations

import io
import os
import string

import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from autotrain_ui.cli.data import check_main
from autotrain_ui.core.data import DataError, prepare, read_table
from autotrain_ui.core.data.csvfile import _read_csv_arrow, _read_csv_python

# DATA_PROPERTY_EXAMPLES=5000 for a long hunt; the default keeps the suite fast.
EXAMPLES = int(os.environ.get("DATA_PROPERTY_EXAMPLES", "150"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
TRAINERS = st.sampled_from(["default", "sft", "reward", "dpo", "orpo"])
TEMPLATES = st.sampled_from([None, "chatml"])

# Bytes that look a bit like data files, mixed with pure noise.
_FRAGMENTS = [b"text", b"prompt", b"rejected_text", b",", b";", b"\t", b"|", b"\n", b"\r\n", b'"', b"{", b"}",
              b"[", b"]", b":", b'"messages"', b'"role"', b'"content"', b"human: ", b" \\n bot: ", b"\xef\xbb\xbf",
              b"\xff\xfe", b"\x00", b"\xc3\xa9", b"\xb0\xa1", b"PAR1", b"### Human:", b"null", b"1"]
DATA_BYTES = st.one_of(
    st.binary(max_size=400),
    st.lists(st.one_of(st.sampled_from(_FRAGMENTS), st.binary(max_size=6)), max_size=60).map(b"".join),
)


def _prepare_never_raises(path, trainer, template):
    examples, report = prepare(path, trainer, chat_template=template)
    assert report.ok or examples == []
    for problem in report.problems:
        assert problem.level in ("error", "warning") and problem.message
    report.to_text()
    return examples, report


@SETTINGS
@given(content=DATA_BYTES, suffix=st.sampled_from([".csv", ".jsonl", ".json", ".tsv", ".txt", ".parquet"]),
       trainer=TRAINERS, template=TEMPLATES)
def test_arbitrary_bytes_only_raise_data_error(tmp_path, content, suffix, trainer, template):
    path = tmp_path / f"upload{suffix}"
    path.write_bytes(content)
    try:
        read_table(path)
    except DataError as err:
        assert str(err)
    _prepare_never_raises(path, trainer, template)


# No lone "\r" in cells: pandas' writer leaves it unquoted, so no reader can tell it from a line break.
NAME = st.one_of(st.text(alphabet=string.ascii_letters + string.digits + "_é한", min_size=1, max_size=8),
                st.sampled_from(["text", "prompt", "rejected_text", "messages", "chosen", "rejected",
                                 "instruction", "input", "output", "conversations"]))
CELL = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff")
            | st.sampled_from(["\n", "\t", '"', ",", ";", "|", " "]), max_size=20),
    st.sampled_from(["human: hi \\n bot: yo", "### Human: a ### Assistant: b", "bot: only", "system: s",
                     '[{"role": "user", "content": "q"}, {"role": "assistant", "content": "a"}]',
                     '[{"role": "robot", "content": "q"}]', '[{"from": "gpt", "value": 1}]', '{"messages": 3}',
                     "[]", "{}", "   "]),
)


@st.composite
def tables(draw):
    names = draw(st.lists(NAME, min_size=1, max_size=4, unique_by=str.lower))
    n = draw(st.integers(min_value=1, max_value=6))
    return pd.DataFrame({name: draw(st.lists(CELL, min_size=n, max_size=n)) for name in names})


def _same_cells(frame: pd.DataFrame, original: pd.DataFrame) -> None:
    assert list(frame.columns) == list(original.columns)
    for col in original.columns:
        assert [str(v) for v in frame[col].tolist()] == original[col].tolist(), col


@SETTINGS
@given(table=tables(), sep=st.sampled_from([",", ";", "\t", "|"]),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]), trainer=TRAINERS, template=TEMPLATES)
def test_tables_written_as_csv_read_back(tmp_path, table, sep, encoding, trainer, template):
    path = tmp_path / "table.csv"
    table.to_csv(path, index=False, sep=sep, encoding=encoding)
    try:
        frame, info = read_table(path)
    except DataError:
        # Only a table whose every cell is blank may be refused: the file is then a header alone.
        assert all(not str(v).strip() for v in table.to_numpy().ravel())
    else:
        if all(not str(v).strip() for v in table.iloc[-1]) and len(table.columns) == 1:
            assume(False)         # a trailing blank one-column row is a blank line: ambiguous, skip it
        if len(table.columns) > 1:
            assert info["delimiter"] == sep
        _same_cells(frame, table)
    _prepare_never_raises(path, trainer, template)


@SETTINGS
@given(table=tables(), ascii_only=st.booleans(), trainer=TRAINERS, template=TEMPLATES)
def test_tables_written_as_jsonl_read_back(tmp_path, table, ascii_only, trainer, template):
    path = tmp_path / "table.jsonl"
    table.to_json(path, orient="records", lines=True, force_ascii=ascii_only)
    frame, info = read_table(path)
    assert info["file_type"] == "jsonl"
    _same_cells(frame, table)
    _prepare_never_raises(path, trainer, template)


@SETTINGS
@given(table=tables(), sep=st.sampled_from([",", ";", "\t"]))
def test_fast_and_exact_csv_paths_agree(table, sep):
    text = table.to_csv(index=False, sep=sep, lineterminator="\n")
    fast = _read_csv_arrow(io.BytesIO(text.encode("utf-8")), sep, len(table.columns))
    try:
        slow = _read_csv_python(text, sep)
    except DataError:
        assert fast is None
        return
    if fast is None:          # the fast path may always hand over to the exact one
        return
    assert fast[0] == slow[0]
    assert fast[1].astype(str).to_numpy().tolist() == slow[1].astype(str).to_numpy().tolist()


@settings(max_examples=max(10, EXAMPLES // 4), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=DATA_BYTES, trainer=TRAINERS)
def test_check_command_never_crashes(tmp_path, capsys, content, trainer):
    path = tmp_path / "upload.csv"
    path.write_bytes(content)
    assert check_main([str(path), "--trainer", trainer]) in (0, 2)
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err


@pytest.mark.parametrize("value", [b"", b"\n", b"\xef\xbb\xbf", b"\xff\xfe", b'"', b"{", b"[", b"a\x00b"])
def test_tiny_files(tmp_path, value):
    for suffix in (".csv", ".jsonl", ".json"):
        path = tmp_path / f"tiny{suffix}"
        path.write_bytes(value)
        _prepare_never_raises(path, "sft", None)
