"""The data doctor, as a user meets it: every bad file gets a clear answer naming the row/line/column."""
from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from autotrain_ui.cli import data as data_cli
from autotrain_ui.cli.data import check_main
from tests.conftest import data_root
from autotrain_ui.core.data import DataError, DataReport, Problem, parse_conversation, prepare, preview, read_table, recommend, resolve_data_file

TESTDATA = data_root()
BAD = TESTDATA / "bad"
SEED = TESTDATA / "seed"
MANIFEST = json.loads((BAD / "manifest.json").read_text()) if (BAD / "manifest.json").exists() else []

# What each bad file's message must contain: the manifest says it in words, these are the exact pieces.
MUST_CONTAIN = {
    "empty.csv": ["the file is empty"],
    "header_only.csv": ["no data rows"],
    "wrong_columns.csv": ["'text'", "question, answer"],
    "dpo_missing_rejected.csv": ["'rejected_text'"],
    "bad_line.jsonl": ["line 3", "not valid JSON"],
    "png_renamed.csv": ["not text", "PNG", "not a CSV"],
    "ragged.csv": ["line 3", "4 fields", "header has 2"],
    "empty_cells.csv": ["3 empty rows dropped", "rows 2, 3, 4"],
    "chosen_equals_rejected.csv": ["row 1", "equals"],
    "messages_bad_role.jsonl": ["'robot'", "system, user, assistant"],
}


def _messages(report: DataReport) -> str:
    return "\n".join(p.message for p in report.problems)


def _write(path: Path, content: str | bytes, encoding: str = "utf-8") -> Path:
    if isinstance(content, str):
        content = content.encode(encoding)
    path.write_bytes(content)
    return path


# ------------------------------------------------------------------------------------- the manifest

# The manifest's "names the missing column 'text'" presupposes the spec's own command line, which always passes
# --text-column text. Without that flag a question/answer table is no longer a mistake (issue #14): it trains as
# prompt -> answer pairs (test_question_answer_pairs_map_to_prompt_and_answer).
EXPLICIT_COLUMNS = {"wrong_columns.csv": {"text_column": "text"}}


@pytest.mark.parametrize("entry", MANIFEST, ids=[e["file"] for e in MANIFEST])
def test_bad_file_through_prepare(entry):
    examples, report = prepare(BAD / entry["file"], entry["trainer"], **EXPLICIT_COLUMNS.get(entry["file"], {}))
    text = _messages(report)
    expect = entry["expect"]
    if expect == "error":
        assert not report.ok and examples == [], text
    elif expect == "ok":
        assert report.ok and not report.problems, text
        assert examples
    elif expect == "warning":
        assert report.ok and report.warnings, text
        assert examples
    else:  # "error or warning": either is fine, but something must be said
        assert report.problems, text
    for piece in MUST_CONTAIN.get(entry["file"], []):
        assert piece in text, f"{piece!r} not in {text!r}"
    assert "Traceback" not in text
    json.dumps(report.to_dict())                     # the app can send it as JSON


@pytest.mark.parametrize("entry", MANIFEST, ids=[e["file"] for e in MANIFEST])
def test_bad_file_through_check_command(entry, capsys):
    flags = [x for k, v in EXPLICIT_COLUMNS.get(entry["file"], {}).items() for x in (f"--{k.replace('_', '-')}", v)]
    code = check_main([str(BAD / entry["file"]), "--trainer", entry["trainer"], *flags])
    out, err = capsys.readouterr()
    expected = {"error": {2}, "ok": {0}, "warning": {0}, "error or warning": {0, 2}}[entry["expect"]]
    assert code in expected, out
    for piece in MUST_CONTAIN.get(entry["file"], []):
        assert piece in out
    assert "Traceback" not in out + err
    assert ("cannot train" in out) == (code == 2)


def test_manifest_details():
    _, report = prepare(BAD / "ragged.csv", "sft")
    ragged = report.problems[0]
    assert (ragged.line, ragged.row) == (3, 2)
    examples, report = prepare(BAD / "empty_cells.csv", "sft")
    assert [e["text"] for e in examples] == ["the first row", "the last row"] and report.rows == 2 and report.rows_read == 5
    examples, report = prepare(BAD / "utf8_bom_semicolon.csv", "sft")
    assert report.columns == ["text", "origin"] and report.delimiter == ";" and report.rows == 2
    assert examples[0]["text"] == "good morning"
    examples, report = prepare(BAD / "korean_cp949.csv", "sft", chat_template="none")
    assert report.encoding == "cp949"
    assert examples[0]["text"] == "안녕하세요 \\n bot: 반갑습니다"
    assert examples[1]["text"].startswith("오늘 날씨 어때요?")
    examples, report = prepare(BAD / "script_injection.csv", "sft")
    assert [e["text"] for e in examples] == ["<script>alert('x')</script>", "<img src=q onerror=alert(3)>"]
    assert preview(examples, None, None)[0] == [("<script>alert('x')</script>", True)]   # raw text; the page escapes
    _, report = prepare(BAD / "chosen_equals_rejected.csv", "dpo")
    assert report.warnings[0].row == 1
    _, report = prepare(BAD / "messages_bad_role.jsonl", "sft", chat_template="chatml")
    assert len(report.errors) == 1 and report.errors[0].line == 1
    _, report = prepare(BAD / "wrong_columns.csv", "sft", text_column="text")
    assert "column 'text' not found; the file has: question, answer" in _messages(report)


# ----------------------------------------------------------------------------------------- the seeds

def _seed_rows(name: str) -> list[dict]:
    with open(SEED / name, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _turns(text: str) -> list[dict]:
    user, bot = text.split(" \\n bot: ")
    return [{"role": "user", "content": user.removeprefix("human: ")}, {"role": "assistant", "content": bot}]


def _strip(examples):
    return [{k: v for k, v in e.items() if not k.startswith("_")} for e in examples]


SEED_CASES = [(f"{stem}.{ext}", trainer) for ext in ("csv", "jsonl")
              for stem, trainers in (("sft", ("default", "sft")), ("reward", ("reward",)), ("dpo", ("dpo", "orpo")))
              for trainer in trainers]


@pytest.mark.parametrize("name,trainer", SEED_CASES)
@pytest.mark.parametrize("template", [None, "none", "chatml"])
def test_seed_tables_train_without_column_flags(name, trainer, template):
    examples, report = prepare(SEED / name, trainer, chat_template=template)
    assert report.ok and not report.problems, _messages(report)
    rows = _seed_rows(name.rsplit(".", 1)[0] + ".csv")
    assert report.rows == report.rows_read == len(rows) == len(examples)
    assert [e["_row"] for e in examples] == list(range(1, len(rows) + 1))
    chat = template in (None, "chatml")  # not given: automatic, and these tables are conversations / pairs
    if trainer in ("default", "sft"):
        want = [{"messages": _turns(r["text"])} if chat else {"text": r["text"]} for r in rows]
    elif trainer == "reward":
        want = [{"chosen": _turns(r["text"]), "rejected": _turns(r["rejected_text"])} if chat else
                {"chosen": r["text"], "rejected": r["rejected_text"]} for r in rows]
    else:
        want = [{"prompt": [{"role": "user", "content": r["prompt"]}],
                 "chosen": [{"role": "assistant", "content": r["text"]}],
                 "rejected": [{"role": "assistant", "content": r["rejected_text"]}]} if chat else
                {"prompt": r["prompt"], "chosen": r["text"], "rejected": r["rejected_text"]} for r in rows]
    assert _strip(examples) == want


def test_seed_recommendations():
    assert prepare(SEED / "sft.csv", None)[1].recommended_trainer == "sft"
    assert prepare(SEED / "reward.csv", None)[1].recommended_trainer == "reward"
    _, report = prepare(SEED / "dpo.jsonl", None)
    assert report.recommended_trainer == "dpo" and report.trainer == "dpo" and "DPO" in report.recommendation_reason
    assert recommend(["text"], "text")[0] == "default"
    assert recommend(pd.DataFrame({"messages": [[{"role": "user", "content": "x"}]]}))[0] == "sft"


def test_check_command_on_seed(capsys):
    assert check_main([str(SEED / "dpo.csv"), "--trainer", "dpo", "--chat_template", "chatml"]) == 0
    out = capsys.readouterr().out
    assert "7 read, 7 will train" in out and "can train" in out


# ------------------------------------------------------------------------------------ encodings / CSV

@pytest.mark.parametrize("encoding,expected", [("utf-16", "utf-16"), ("utf-16-be", "utf-16"),
                                               ("utf-8-sig", "utf-8-sig"), ("utf-32", "utf-32")])
def test_unicode_encodings_with_bom(tmp_path, encoding, expected):
    body = "text,label\nhéllo wörld ✓,1\n안녕,2\n"
    raw = body.encode(encoding)
    if encoding == "utf-16-be":
        raw = b"\xfe\xff" + raw
    frame, info = read_table(_write(tmp_path / "u.csv", raw))
    assert info["encoding"] == expected
    assert frame["text"].tolist() == ["héllo wörld ✓", "안녕"] and frame["label"].tolist() == ["1", "2"]


def test_utf16_without_bom(tmp_path):
    frame, info = read_table(_write(tmp_path / "u.csv", "text\nhello\nworld\n".encode("utf-16-le")))
    assert info["encoding"] == "utf-16-le" and frame["text"].tolist() == ["hello", "world"]


def test_latin1_and_cp1252(tmp_path):
    frame, info = read_table(_write(tmp_path / "l.csv", "text\ncafé naïve à la carte\n", "latin-1"))
    assert info["encoding"] == "latin-1" and frame["text"][0] == "café naïve à la carte"
    frame, info = read_table(_write(tmp_path / "w.csv", "text\nit’s 5 € – “quoted”\n", "cp1252"))
    assert info["encoding"] == "cp1252" and frame["text"][0] == "it’s 5 € – “quoted”"


def test_euc_kr_is_read_as_cp949(tmp_path):
    frame, info = read_table(_write(tmp_path / "k.csv", "text,label\n한국어 문장입니다,1\n", "euc-kr"))
    assert info["encoding"] == "cp949" and frame["text"][0] == "한국어 문장입니다"


def test_non_utf8_after_the_sample(tmp_path):
    """The first megabyte is ASCII, a Latin-1 byte comes later: the whole file is looked at again."""
    rows = "".join(f"row number {i}\n" for i in range(120_000))
    path = _write(tmp_path / "late.csv", ("text\n" + rows + "café\n").encode("latin-1"))
    frame, info = read_table(path)
    assert info["encoding"] == "latin-1" and frame["text"].iloc[-1] == "café" and len(frame) == 120_001


@pytest.mark.parametrize("delimiter,suffix", [("\t", ".csv"), ("\t", ".tsv"), (";", ".csv"), ("|", ".csv")])
def test_delimiters(tmp_path, delimiter, suffix):
    others = "".join(d for d in ",;\t|" if d != delimiter)        # cells hold the other candidates
    cells = [f"hi{others}there", f"hello {others} friend", "go away"]
    body = delimiter.join(["prompt", "text", "rejected_text"]) + "\n" + delimiter.join(cells) + "\n"
    frame, info = read_table(_write(tmp_path / f"d{suffix}", body))
    assert info["delimiter"] == delimiter
    assert frame.iloc[0].tolist() == cells


def test_quoted_newlines_keep_row_numbers(tmp_path):
    body = 'text,label\n"line one\nline two",a\nplain,b\n"x",c,extra\n'
    path = _write(tmp_path / "q.csv", body)
    _, report = prepare(path, "sft")
    assert not report.ok and "line 5 (data row 3; row 4 in a spreadsheet, counting the header) has 3 fields" in _messages(report)
    frame, _ = read_table(_write(tmp_path / "ok.csv", 'text,label\n"line one\nline two",a\nplain,b\n'))
    assert frame["text"].tolist() == ["line one\nline two", "plain"]


def test_windows_line_endings_and_spaced_header(tmp_path):
    body = "prompt, text, rejected_text\r\nhi, hello there, go away\r\n\"multi\r\nline\",b,c\r\n"
    examples, report = prepare(_write(tmp_path / "w.csv", body), "dpo", chat_template="none")
    assert report.ok and report.columns == ["prompt", "text", "rejected_text"]
    assert _strip(examples)[0] == {"prompt": "hi", "chosen": " hello there", "rejected": " go away"}
    assert examples[1]["prompt"] == "multi\r\nline"


def test_cells_stay_strings(tmp_path):
    frame, _ = read_table(_write(tmp_path / "n.csv", "text,id\n007,1.50\ntrue,NaN\n,\n"))
    assert frame["text"].tolist() == ["007", "true", ""] and frame["id"].tolist() == ["1.50", "NaN", ""]


def test_one_column_file_keeps_commas(tmp_path):
    examples, report = prepare(_write(tmp_path / "p.csv", "text\nHello, world. It is late, so go.\n"), "default")
    assert report.ok and examples[0]["text"] == "Hello, world. It is late, so go." and report.delimiter is None


def test_fewer_fields_is_named(tmp_path):
    _, report = prepare(_write(tmp_path / "f.csv", "prompt,text,rejected_text\na,b,c\nd,e\n"), "dpo")
    assert "line 3 (data row 2; row 3 in a spreadsheet, counting the header) has 2 fields where the header has 3" in _messages(report)


def test_many_ragged_rows_are_counted(tmp_path):
    body = "a,b\n" + "".join("x,1,2\n" if i % 10 == 0 else "x,1\n" for i in range(100))
    _, report = prepare(_write(tmp_path / "r.csv", body), "sft", text_column="a")
    assert "10 lines are like this" in _messages(report)


def test_unterminated_quote(tmp_path):
    _, report = prepare(_write(tmp_path / "u.csv", 'text,b\nok,1\n"never closed,2\nmore,3\n'), "sft")
    assert "line 3" in _messages(report) and "never closed" in _messages(report)


def test_blank_line_in_the_middle_is_an_empty_row(tmp_path):
    examples, report = prepare(_write(tmp_path / "b.csv", "text,label\na,1\n\nb,2\n"), "sft")
    assert [e["_row"] for e in examples] == [1, 3] and "1 empty row dropped (row 2)" in _messages(report)


def test_duplicate_and_blank_header_names(tmp_path):
    frame, info = read_table(_write(tmp_path / "h.csv", " text ,text,\na,b,c\n"))
    assert list(frame.columns) == ["text", "text.1", "column_3"]
    assert any("text.1" in w for w in info["warnings"])


@pytest.mark.parametrize("content,needle", [
    (b"PK\x03\x04\x14\x00\x00\x00[Content_Types].xml xl/workbook.xml", "Excel"),
    (bytes(range(256)) * 40, "not text"),
    (b"\x1f\x8b\x08\x00rest", "gzip"),
    (b"%PDF-1.7\n...", "PDF"),
])
def test_binary_files_are_named(tmp_path, content, needle):
    _, report = prepare(_write(tmp_path / "x.csv", content), "sft")
    assert not report.ok and needle in _messages(report)


def test_whitespace_only_file_is_empty(tmp_path):
    _, report = prepare(_write(tmp_path / "w.csv", "  \n\n \n"), "sft")
    assert "the file is empty" in _messages(report)


def test_whitespace_only_cells_are_dropped(tmp_path):
    examples, report = prepare(_write(tmp_path / "w.csv", 'text\n"   "\n"\t"\nreal\n'), "default")
    assert [e["text"] for e in examples] == ["real"] and "2 empty rows dropped" in _messages(report)


def test_all_rows_empty_is_an_error(tmp_path):
    _, report = prepare(_write(tmp_path / "e.csv", 'text,x\n"",1\n" ",2\n'), "sft")
    assert not report.ok and "no rows to train" in _messages(report)


# ---------------------------------------------------------------------------------------- JSON kinds

def test_json_array_and_data_key_and_columns(tmp_path):
    rows = [{"text": "a"}, {"text": "b"}]
    for body in (rows, {"data": rows}, {"train": rows}, {"text": ["a", "b"]}):
        examples, report = prepare(_write(tmp_path / "a.json", json.dumps(body)), "sft")
        assert report.ok and [e["text"] for e in examples] == ["a", "b"], body
        assert report.file_type == "json"


def test_json_file_that_is_jsonl_and_jsonl_that_is_json(tmp_path):
    frame, info = read_table(_write(tmp_path / "a.json", '{"text": "a"}\n{"text": "b"}\n'))
    assert frame["text"].tolist() == ["a", "b"] and info["file_type"] == "jsonl"
    frame, info = read_table(_write(tmp_path / "b.jsonl", '[\n {"text": "a"},\n {"text": "b"}\n]\n'))
    assert frame["text"].tolist() == ["a", "b"] and info["file_type"] == "json"


def test_bad_json_names_the_line(tmp_path):
    _, report = prepare(_write(tmp_path / "bad.json", '[\n{"text": "a"},\n{"text": }\n]'), "sft")
    assert "line 3 is not valid JSON" in _messages(report)


def test_jsonl_line_that_is_a_list(tmp_path):
    _, report = prepare(_write(tmp_path / "l.jsonl", '{"text": "a"}\n["text", "b"]\n'), "sft")
    assert "line 2 is a JSON list, not an object" in _messages(report) and report.errors[0].line == 2


def test_jsonl_header_only_and_empty_objects(tmp_path):
    _, report = prepare(_write(tmp_path / "h.jsonl", "\n\n  \n"), "sft")
    assert "the file is empty" in _messages(report)
    _, report = prepare(_write(tmp_path / "o.jsonl", "{}\n{}\n"), "sft")
    assert "no data rows" in _messages(report)
    _, report = prepare(_write(tmp_path / "a.json", "[]"), "sft")
    assert "no data rows" in _messages(report)


def test_jsonl_problems_use_file_lines(tmp_path):
    body = ('{"prompt": "p", "text": "a", "rejected_text": "b"}\n\n'
            '{"prompt": "p", "text": "same", "rejected_text": "same"}\n')
    examples, report = prepare(_write(tmp_path / "p.jsonl", body), "dpo")
    warning = report.warnings[0]
    assert "line 3:" in warning.message and warning.line == 3 and warning.row == 2
    assert examples[1]["_line"] == 3 and examples[1]["_row"] == 2


def test_jsonl_native_values_and_numbers(tmp_path):
    frame, _ = read_table(_write(tmp_path / "n.jsonl", '{"text": 5, "meta": {"a": 1}}\n{"text": "x", "meta": null}\n'))
    examples, report = prepare(frame, "default")
    assert report.ok and [e["text"] for e in examples] == ["5", "x"]


# ------------------------------------------------------------------------------------ conversation kinds

MESSAGES = [{"role": "system", "content": "be brief"}, {"role": "user", "content": "hi"},
            {"role": "assistant", "content": "hello"}]


def test_messages_jsonl_needs_a_template(tmp_path):
    path = _write(tmp_path / "m.jsonl", json.dumps({"messages": MESSAGES}) + "\n")
    examples, report = prepare(path, "sft", chat_template="tokenizer")
    assert report.ok and report.format == "messages" and report.mapping == {"messages": "messages"}
    assert examples[0]["messages"] == MESSAGES
    examples, report = prepare(path, "sft")                 # not given: automatic, the model's own template
    assert report.ok and examples[0]["messages"] == MESSAGES and report.conversational
    assert "automatic" in report.template_reason and "chat template" in report.template_reason
    _, report = prepare(path, "sft", chat_template="none")
    assert not report.ok and "chat template" in _messages(report)


def test_sharegpt(tmp_path):
    conv = [{"from": "system", "value": "s"}, {"from": "human", "value": "q"}, {"from": "gpt", "value": "a"}]
    examples, report = prepare(_write(tmp_path / "s.jsonl", json.dumps({"conversations": conv})), "sft",
                               chat_template="chatml")
    assert report.format == "sharegpt" and report.recommended_trainer == "sft"
    assert examples[0]["messages"] == [{"role": "system", "content": "s"}, {"role": "user", "content": "q"},
                                       {"role": "assistant", "content": "a"}]


def test_alpaca(tmp_path):
    rows = [{"instruction": "Add", "input": "2 and 3", "output": "5"}, {"instruction": "Say hi", "input": "",
                                                                         "output": "hi"}]
    path = _write(tmp_path / "a.json", json.dumps(rows))
    examples, report = prepare(path, "sft", chat_template="chatml")
    assert report.format == "alpaca" and report.mapping == {"instruction": "instruction", "output": "output",
                                                            "input": "input"}
    assert examples[0]["messages"] == [{"role": "user", "content": "Add\n\n2 and 3"},
                                       {"role": "assistant", "content": "5"}]
    assert examples[1]["messages"][0]["content"] == "Say hi"
    assert prepare(path, "sft")[0][0]["messages"] == examples[0]["messages"]   # automatic: the same turns
    examples, _ = prepare(path, "sft", chat_template="none")
    assert examples[0]["text"] == "### Instruction:\nAdd\n\n### Input:\n2 and 3\n\n### Response:\n5"
    assert "### Input" not in examples[1]["text"]


def test_messages_json_in_a_csv_cell(tmp_path):
    frame = pd.DataFrame({"messages": [json.dumps(MESSAGES), json.dumps([{"role": "robot", "content": "x"}])]})
    frame.to_csv(tmp_path / "m.csv", index=False)
    _, report = prepare(tmp_path / "m.csv", "sft", chat_template="chatml")
    assert "row 2: role 'robot' is not one of system, user, assistant" in _messages(report)
    frame.iloc[:1].to_csv(tmp_path / "ok.csv", index=False)
    examples, report = prepare(tmp_path / "ok.csv", "sft", chat_template="chatml")
    assert report.ok and examples[0]["messages"] == MESSAGES
    frame.iloc[:1].rename(columns={"messages": "text"}).to_csv(tmp_path / "t.csv", index=False)
    examples, report = prepare(tmp_path / "t.csv", "sft")
    assert report.ok and examples[0]["messages"] == MESSAGES      # automatic: JSON messages in a cell are turns
    examples, report = prepare(tmp_path / "t.csv", "sft", chat_template="none")
    assert report.ok and "raw JSON" in _messages(report) and examples[0]["text"] == json.dumps(MESSAGES)


def test_guanaco_text(tmp_path):
    pd.DataFrame({"text": ["### Human: What is 2+2? ### Assistant: 4 ### Human: thanks ### Assistant: ok"]}) \
        .to_csv(tmp_path / "g.csv", index=False)
    examples, report = prepare(tmp_path / "g.csv", "sft", chat_template="zephyr")
    assert report.format == "guanaco"
    assert examples[0]["messages"] == [{"role": "user", "content": "What is 2+2?"},
                                       {"role": "assistant", "content": "4"},
                                       {"role": "user", "content": "thanks"}, {"role": "assistant", "content": "ok"}]


def test_prose_with_template_stays_text(tmp_path):
    examples, report = prepare(_write(tmp_path / "p.csv", "text\nOnce upon a time.\nhuman: hi\\nbot: yo\n"), "sft",
                               chat_template="chatml")
    assert examples[0] == {"text": "Once upon a time.", "_row": 1}
    assert examples[1]["messages"][1] == {"role": "assistant", "content": "yo"}
    assert "1 row is plain text" in _messages(report) and report.ok


def test_parse_conversation_spellings():
    assert parse_conversation("human: hello \\n bot: hi") == [{"role": "user", "content": "hello"},
                                                               {"role": "assistant", "content": "hi"}]
    assert parse_conversation("Human: a\nBot: b") == [{"role": "user", "content": "a"},
                                                      {"role": "assistant", "content": "b"}]
    assert parse_conversation("just prose: with a colon") is None
    assert parse_conversation(None) is None and parse_conversation(float("nan")) is None
    assert parse_conversation("[1, 2]") is None
    with pytest.raises(DataError, match="role 'robot' is not one of system, user, assistant"):
        parse_conversation([{"role": "robot", "content": "x"}])
    with pytest.raises(DataError, match=r"calls tools \(role 'tool'\)"):   # a tool's result: no renaming helps
        parse_conversation([{"role": "tool", "content": "x"}])


def test_parquet_with_message_lists(tmp_path):
    frame = pd.DataFrame({"messages": [MESSAGES, MESSAGES[1:]], "id": [1, 2]})
    frame.to_parquet(tmp_path / "m.parquet")
    examples, report = prepare(tmp_path / "m.parquet", "sft", chat_template="chatml")
    assert report.ok and report.file_type == "parquet" and examples[1]["messages"] == MESSAGES[1:]
    pd.DataFrame({"text": ["a", "b"]}).to_parquet(tmp_path / "renamed.csv")      # Parquet with a .csv name
    examples, report = prepare(tmp_path / "renamed.csv", "default")
    assert report.ok and report.file_type == "parquet" and [e["text"] for e in examples] == ["a", "b"]
    _, report = prepare(_write(tmp_path / "broken.parquet", b"PAR1 not really"), "sft")
    assert not report.ok and "Parquet" in _messages(report)


# ----------------------------------------------------------------------------------- mapping & pairs

def test_explicit_column_not_found_and_case(tmp_path):
    path = _write(tmp_path / "c.csv", "Question,Reply\nq,a\n")
    _, report = prepare(path, "sft", text_column="answer")
    assert "column 'answer' not found; the file has: Question, Reply. Choose one of these in the column mapping " \
           "(--text-column on the command line)" in _messages(report)
    assert "pairs of a prompt ('Question') and an answer ('Reply')" in _messages(report)
    assert report.errors[0].column == "answer"
    examples, report = prepare(path, "sft", text_column="reply")
    assert report.ok and "spelled 'Reply'" in _messages(report)
    # the answer column chosen by hand still gets its question: SFT learns the answer to it, not the answer alone
    assert report.mapping == {"text": "Reply", "prompt": "Question"}
    assert examples[0]["messages"] == [{"role": "user", "content": "q"}, {"role": "assistant", "content": "a"}]


def test_dpo_takes_the_turns_chosen_and_rejected_share_as_the_prompt(tmp_path):
    examples, report = prepare(SEED / "reward.csv", "dpo")          # human: ... bot: ... in both columns
    assert report.ok and _strip(examples)[0] == {"prompt": [{"role": "user", "content": "hello"}],
                                                 "chosen": [{"role": "assistant", "content": "hi nice to meet you"}],
                                                 "rejected": [{"role": "assistant", "content": "leave me alone"}]}
    _, report = prepare(_write(tmp_path / "apart.csv", "chosen,rejected\nyes,no\n"), "dpo")
    assert not report.ok and "share no prompt" in _messages(report) and "--prompt-text-column" in _messages(report)


def test_sft_on_preference_file_points_to_dpo(tmp_path):
    _, report = prepare(_write(tmp_path / "p.jsonl", '{"prompt": "p", "chosen": "c", "rejected": "r"}\n'), "sft")
    assert not report.ok and "rows look like a prompt with a chosen and a rejected answer: the dpo trainer fits them" \
        in _messages(report)
    examples, report = prepare(tmp_path / "p.jsonl", "dpo", chat_template="none")
    assert report.ok and _strip(examples) == [{"prompt": "p", "chosen": "c", "rejected": "r"}]


def test_same_column_for_two_roles(tmp_path):
    _, report = prepare(SEED / "dpo.csv", "dpo", rejected_text_column="text")
    assert "used for both" in _messages(report)


def test_incomplete_pairs_are_skipped(tmp_path):
    path = _write(tmp_path / "i.csv", "prompt,text,rejected_text\np,a,b\np,c,\n,,\n")
    examples, report = prepare(path, "dpo")
    assert report.ok and len(examples) == 1
    assert "row 2: the 'rejected_text' cell is empty" in _messages(report)
    assert "1 empty row dropped (row 3)" in _messages(report)


def test_reward_with_prompt_and_template(tmp_path):
    examples, report = prepare(SEED / "dpo.csv", "reward", chat_template="chatml")
    assert examples[0]["chosen"] == [{"role": "user", "content": "hello"},
                                     {"role": "assistant", "content": "hi nice to meet you"}]
    assert prepare(SEED / "dpo.csv", "reward")[0][0]["chosen"] == examples[0]["chosen"]  # automatic: the same
    _, report = prepare(SEED / "dpo.csv", "reward", chat_template="none")
    assert "'prompt' is not used" in _messages(report) and report.ok


def test_dpo_chosen_that_repeats_the_prompt(tmp_path):
    frame = pd.DataFrame({"prompt": ["hello"], "chosen": ["human: hello \\n bot: hi"],
                          "rejected": ["human: hello \\n bot: go away"]})
    examples, report = prepare(frame, "orpo", chat_template="chatml")
    assert report.ok and examples[0]["chosen"] == [{"role": "assistant", "content": "hi"}]
    assert examples[0]["rejected"] == [{"role": "assistant", "content": "go away"}]


def test_dpo_prompt_ending_with_assistant(tmp_path):
    frame = pd.DataFrame({"prompt": ["human: hi \\n bot: hey"], "text": ["a"], "rejected_text": ["b"]})
    _, report = prepare(frame, "dpo", chat_template="chatml")
    assert not report.ok and "row 1: the prompt ends with an assistant turn" in _messages(report)


def test_dataframe_source_with_odd_column_names():
    examples, report = prepare(pd.DataFrame([["a", "b"]], columns=[0, "text"]), "sft")
    assert report.ok and report.columns == ["0", "text"] and examples[0]["text"] == "b"
    examples, report = prepare(pd.DataFrame([["a", "b"]], columns=["text", "text"]), "sft")
    assert report.ok and examples[0]["text"] == "a" and "text.1" in _messages(report)
    _, report = prepare(pd.DataFrame({"text": []}), "sft")
    assert "no data rows" in _messages(report)


def test_unknown_trainer_and_recommended_default(tmp_path):
    _, report = prepare(SEED / "sft.csv", "ppo")
    assert not report.ok and "trainer 'ppo' is not one of" in _messages(report)
    examples, report = prepare(_write(tmp_path / "p.csv", "text\nplain prose here\n"), None)
    assert report.trainer == "default" and report.format == "text" and examples


# ---------------------------------------------------------------------------------------------- paths

def test_resolve_data_file(tmp_path):
    _write(tmp_path / "train.jsonl", '{"text": "a"}\n')
    _write(tmp_path / "notes.csv", "text\nb\n")
    assert resolve_data_file(tmp_path) == tmp_path / "train.jsonl"
    assert resolve_data_file(tmp_path, "notes") == tmp_path / "notes.csv"
    assert resolve_data_file(tmp_path / "notes.csv", "ignored") == tmp_path / "notes.csv"
    with pytest.raises(DataError, match="no 'valid' data in folder .*the folder has: notes.csv, train.jsonl"):
        resolve_data_file(tmp_path, "valid")
    with pytest.raises(DataError, match="not found"):
        resolve_data_file(tmp_path / "missing")
    frame, _ = read_table(tmp_path)
    assert frame["text"].tolist() == ["a"]


def test_missing_file_and_hub_id_are_errors(tmp_path, monkeypatch):
    _, report = prepare(tmp_path / "nope.csv", "sft")
    assert "file not found" in _messages(report)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    _, report = prepare("someone/some-dataset", "sft")
    said = _messages(report)      # not a file here, so a Hub dataset: which the Hub, offline, cannot give
    assert "Hub cannot be reached" in said and "'someone/some-dataset' cannot be read" in said
    assert report.file_type == "hub"


# ------------------------------------------------------------------------------------- tokens, preview

class WordTokenizer:
    """A stand-in tokenizer: one token per word."""

    model_max_length = 10**30

    def __init__(self):
        self.vocab: dict[str, int] = {}
        self.words: list[str] = []

    def _encode(self, text: str) -> list[int]:
        out = []
        for word in text.split():
            if word not in self.vocab:
                self.vocab[word] = len(self.words)
                self.words.append(word)
            out.append(self.vocab[word])
        return out

    def __call__(self, text, **_):
        if isinstance(text, list):
            return {"input_ids": [self._encode(t) for t in text]}
        return {"input_ids": self._encode(text)}

    def decode(self, ids, **_):
        return " ".join(self.words[i] for i in ids)


def _render(tokenizer):
    def render(example):
        ids, mask = [], []
        for turn in example["messages"]:
            piece = tokenizer._encode(f"<{turn['role']}> {turn['content']}")
            ids += piece
            mask += [turn["role"] == "assistant"] * len(piece)
        return ids, mask
    return render


def test_token_stats_and_cut_rows(tmp_path):
    tok = WordTokenizer()
    rows = ["one two", "one two three four five six", "a b c d e f g h i j"]
    path = _write(tmp_path / "t.csv", "text\n" + "\n".join(rows) + "\n")
    examples, report = prepare(path, "default", tokenizer=tok, block_size=5)
    assert report.token_stats == {"min": 2, "mean": 6.0, "p95": 10, "max": 10, "block_size": 5,
                                  "rows_over_block": 2, "over_block_rows": [2, 3]}
    assert "2 rows are longer than the block size of 5 tokens and will be cut (rows 2, 3" in _messages(report)
    assert report.ok and "Tokens:" in report.to_text()


def test_token_stats_with_render_and_preview(tmp_path):
    tok = WordTokenizer()
    render = _render(tok)
    examples, report = prepare(SEED / "sft.csv", "sft", chat_template="chatml", tokenizer=tok, render=render,
                               block_size=6)
    assert report.token_stats["max"] == 10 and report.token_stats["rows_over_block"] >= 1
    pieces = preview(examples, render, tok, n=2, block_size=6)
    assert len(pieces) == 2
    first = pieces[0]
    assert first[0] == ("<user> hello", False) and first[1] == ("<assistant> hi nice to", True)
    assert first[-1] == ("✂ cut here: 2 tokens beyond block size", False)
    assert all(not p[-1][0].startswith("✂") for p in preview(examples, render, tok, block_size=100))


def test_render_failure_names_the_row(tmp_path):
    tok = WordTokenizer()
    good = _render(tok)

    def render(example):
        if example["messages"][0]["content"] == "how are you":
            raise ValueError("roles must alternate")
        return good(example)
    examples, report = prepare(SEED / "sft.csv", "sft", chat_template="chatml", tokenizer=tok, render=render)
    assert not report.ok and examples == []
    assert "row 2: the chat template cannot render it (ValueError: roles must alternate)" in _messages(report)


def test_korean_bot_text_without_human_tag():
    examples, report = prepare(BAD / "korean_cp949.csv", "sft", chat_template="chatml")
    assert report.ok and not report.problems
    assert examples[0]["messages"] == [{"role": "user", "content": "안녕하세요"},
                                       {"role": "assistant", "content": "반갑습니다"}]


def test_preview_without_tokenizer():
    examples, _ = prepare(SEED / "dpo.csv", "dpo", chat_template="chatml")
    pieces = preview(examples, None, None, n=1)[0]
    # the role names are read, not learned: the loss is on the answer alone
    assert pieces == [("user: ", False), ("hello\n", False), ("assistant: ", False), ("hi nice to meet you\n", True)]


# ----------------------------------------------------------------------------------------- the command

def test_check_command_options(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(data_cli, "_load_tokenizer", lambda args, conversational: (WordTokenizer(), None,
                                                                                ("tokenizer", "automatic")))
    code = check_main(["check", str(SEED / "sft.csv"), "--trainer", "sft", "--model", "tiny", "--block-size", "3"])
    out = capsys.readouterr().out
    assert code == 0 and "4 rows are longer than the block size of 3" in out
    assert check_main([str(SEED / "sft.csv"), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] and report["trainer"] == "sft"
    assert check_main([str(SEED / "dpo.csv"), "--trainer", "dpo", "--text_column", "nope"]) == 2
    assert "column 'nope' not found" in capsys.readouterr().out


def test_check_command_bad_arguments_and_model(tmp_path, capsys, monkeypatch):
    assert check_main(["--trainer", "ppo", str(SEED / "sft.csv")]) == 2
    _, err = capsys.readouterr()
    assert "invalid choice" in err and "Traceback" not in err

    def broken(args, conversational):
        raise OSError(f"no such model {args.model}")
    monkeypatch.setattr(data_cli, "_load_tokenizer", broken)
    assert check_main([str(SEED / "sft.csv"), "--model", "missing/model"]) == 0
    assert "token lengths not computed" in capsys.readouterr().out
    assert check_main([str(tmp_path)]) == 2
    assert "no 'train' data in folder" in capsys.readouterr().out


# ------------------------------------------------------------------------------------------- contract

def test_types_and_report():
    err = DataError("row 3 is bad", row=3, column="text")
    assert str(err) == "row 3 is bad" and err.row == 3 and err.column == "text" and isinstance(err, Exception)
    report = DataReport(rows=1, rows_read=2, columns=["text"], format="text", file_type="csv", encoding="utf-8",
                        delimiter=",", mapping={"text": "text"}, problems=[Problem("warning", "w", row=2)],
                        recommended_trainer="default", recommendation_reason="r")
    assert report.ok and "WARNING" in report.to_text() and report.to_dict()["ok"] is True


def test_import_is_light():
    code = ("import sys, autotrain_ui.core.data; bad = [m for m in ('torch', 'transformers', 'gradio', 'datasets') "
            "if m in sys.modules]; print(bad); sys.exit(1 if bad else 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=Path(__file__).resolve().parents[1])
    assert result.returncode == 0, result.stdout + result.stderr
