"""Files that make the data doctor say each of the things it can say: the spec's bad/ and seed/ tables, the new shapes
(question/answer pairs, duplicates, held-out copies) and one small file for every other message.

`outcomes(tmp, testdata)` -> [(case name, outcome)], an outcome being what a person is shown for that file: a
DataReport, a DataError (the file cannot be read), a Suggestion (settings fitted to the file), a HeldOut (rows held
out of training), a list of Problems (token checks) or a function of the language giving preview pieces.
tests/test_i18n.py renders every one in Korean; the English of the same outcomes is what the CLI prints.
"""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from autotrain_ui import suggest
from autotrain_ui.core import data
from autotrain_ui.core.data.split import hold_out
from autotrain_ui.core.data.tokens import preview, token_stats
from tests.test_data import WordTokenizer


def _write(path: Path, content: str | bytes) -> Path:
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def _jsonl(path: Path, rows: list) -> Path:
    return _write(path, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))


def _parquet(path: Path, frame: pd.DataFrame) -> Path:
    frame.to_parquet(path)
    return path


def _csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    frame = pd.DataFrame(rows, columns=header)
    frame.to_csv(path, index=False)
    return path


HUMAN_BOT = ["human: hello \\n bot: hi nice to meet you", "human: how are you \\n bot: I am fine",
             "human: what is your name \\n bot: My name is Mary", "human: where do you live \\n bot: In Seoul"]
QA = [["What is your name?", "My name is Mary."], ["Where do you live?", "In Seoul."],
      ["How old are you?", "Twenty."], ["What do you like?", "Books."]]
# a feedback log (kto): each answer with a thumbs up or down
FEEDBACK = [[q, a, "👍"] for q, a in QA] + [[q, "No idea.", "👎"] for q, _ in QA]


def _files(tmp: Path) -> list[tuple[str, Path | pd.DataFrame, str | None, dict]]:
    """(name, file, trainer, prepare's keyword arguments) for every message of the data check."""
    t = tmp
    messages = [{"messages": [{"role": "user", "content": f"hi {i}"}, {"role": "assistant", "content": f"ok {i}"}]}
                for i in range(4)]
    out = [
        ("qa_pairs", _csv(t / "qa.csv", ["question", "answer"], QA), None, {}),
        ("qa_korean_pairs", _csv(t / "qa_ko.csv", ["질문", "답변"], [["이름이 뭐예요?", "메리예요."], ["어디 살아요?", "서울이요."]]),
         None, {}),
        ("qa_text_column_missing", t / "qa.csv", "sft", {"text_column": "text"}),
        ("respelled", _csv(t / "upper.csv", ["Text"], [[r] for r in HUMAN_BOT]), "sft", {"text_column": "text"}),
        ("duplicates", _csv(t / "dups.csv", ["text"], [[HUMAN_BOT[i % 4]] for i in range(52)]), None, {}),
        ("duplicate_lines", _jsonl(t / "dups.jsonl", [{"text": HUMAN_BOT[i % 2]} for i in range(6)]), None, {}),
        ("dpo_on_sft_table", t / "upper.csv", "dpo", {}),
        ("reward_without_text", t / "qa.csv", "reward", {}),
        ("unknown_trainer", t / "qa.csv", "ppo", {}),
        ("rejected_flag_on_sft", t / "upper.csv", "sft", {"rejected_text_column": "Text"}),
        ("column_twice", _csv(t / "ab.csv", ["a", "b"], [["x", "y"]]), "dpo",
         {"text_column": "a", "rejected_text_column": "a", "prompt_text_column": "b"}),
        ("unknown_columns", t / "ab.csv", None, {}),
        ("empty_rows", _csv(t / "holes.csv", ["question", "answer"],
                            [["q1", "a1"], ["", ""], ["", ""], ["q4", ""], ["q5", "a5"], ["", "a6"], ["q7", ""]]),
         None, {}),
        ("one_empty_row", _csv(t / "hole.csv", ["text"], [[HUMAN_BOT[0]], [""], [HUMAN_BOT[1]]]), None, {}),
        ("all_empty", _csv(t / "blank_cells.csv", ["text", "note"], [["", "x"], ["", "y"]]), "sft", {}),
        ("every_row_incomplete", _csv(t / "incomplete.csv", ["question", "answer"], [["q1", ""], ["", "a2"]]),
         None, {}),
        ("bad_roles", _jsonl(t / "roles.jsonl", [{"messages": [{"role": "robot", "content": "x"}]}] * 3 + messages),
         None, {}),
        ("no_role", _jsonl(t / "norole.jsonl", [{"messages": [{"role": "user", "content": "x"}, {"content": "y"}]}]
                           + messages), None, {}),
        ("messages_without_template", _jsonl(t / "messages.jsonl", messages), "sft", {"chat_template": "none"}),
        ("messages_chosen_template", t / "messages.jsonl", "sft", {"chat_template": "chatml"}),
        ("json_in_text_without_template", _csv(t / "json_text.csv", ["text"],
                                               [[json.dumps(m["messages"])] for m in messages]), "sft",
         {"chat_template": "none"}),
        ("prose_among_conversations", _csv(t / "mixed.csv", ["text"],
                                           [[r] for r in HUMAN_BOT] + [["Just a sentence."], ["Another one."]]),
         "sft", {}),
        ("one_prose_row", _csv(t / "mixed1.csv", ["text"], [[r] for r in HUMAN_BOT] + [["Just a sentence."]]),
         "sft", {}),
        ("no_answer", _csv(t / "noanswer.csv", ["text"], [[r] for r in HUMAN_BOT] + [["human: hello?"]]), "sft", {}),
        ("prompt_ends_with_answer", _csv(t / "bad_prompt.csv", ["prompt", "completion"],
                                         [[json.dumps([{"role": "user", "content": "a"},
                                                       {"role": "assistant", "content": "b"}]), "c"], ["q", "a"]]),
         None, {}),
        ("chosen_equals_rejected", _csv(t / "same.csv", ["prompt", "chosen", "rejected"],
                                        [["p1", "x", "x"], ["p2", "y", "y"], ["p3", "z", "w"]]), "dpo", {}),
        ("reward_prompt_unused", t / "same.csv", "reward", {"chat_template": "none"}),
        ("dpo_prompt_ends_with_answer", _csv(t / "dpo_bad_prompt.csv", ["prompt", "chosen", "rejected"],
                                             [[json.dumps([{"role": "user", "content": "a"},
                                                           {"role": "assistant", "content": "b"}]), "c", "d"],
                                              ["p", "c", "d"]]), "dpo", {}),
        ("reward_prose_pairs", _csv(t / "reward_mixed.csv", ["chosen", "rejected"],
                                    [[HUMAN_BOT[i], HUMAN_BOT[i + 1]] for i in range(3)]
                                    + [["plain good", "plain bad"], ["good two", "bad two"]]), "reward", {}),
        ("reward_one_prose_pair", _csv(t / "reward_mixed1.csv", ["chosen", "rejected"],
                                       [[HUMAN_BOT[0], HUMAN_BOT[1]], ["plain good", "plain bad"]]), "reward", {}),
        # feedback logs (kto): labels it cannot read, one kind of label only, no label column
        ("feedback", _csv(t / "feedback.csv", ["prompt", "completion", "label"], FEEDBACK + [["Hi?", "Hm.", "maybe"],
                                                                                              ["Yo?", "Hey.", "3"]]),
         None, {}),
        ("feedback_one_unreadable", _csv(t / "feedback1.csv", ["prompt", "completion", "label"],
                                         FEEDBACK + [["Hi?", "Hm.", "maybe"]]), "kto", {"chat_template": "none"}),
        ("feedback_all_good", _csv(t / "good.csv", ["prompt", "completion", "label"], FEEDBACK[:4]), "kto", {}),
        ("feedback_all_bad", _csv(t / "bad_only.csv", ["prompt", "completion", "label"], FEEDBACK[4:]), "kto", {}),
        ("feedback_none_readable", _csv(t / "unsure.csv", ["prompt", "completion", "label"],
                                        [[q, a, "maybe"] for q, a in QA]), "kto", {}),
        ("kto_without_label", t / "qa.csv", "kto", {}),
        ("label_flag_on_sft", t / "qa.csv", "sft", {"label_column": "answer"}),
        ("feedback_conversations", _jsonl(t / "feedback.jsonl", [
            {"prompt": [{"role": "user", "content": q}], "completion": [{"role": "assistant", "content": a}],
             "label": good == "👍"} for q, a, good in FEEDBACK]), None, {}),
        # public shapes (issue #23): pairs sharing no prompt, a pairwise tie, too few rows left to teach
        ("no_shared_prompt", _csv(t / "apart.csv", ["chosen", "rejected"], [["Yes.", "No."], ["Sure.", "Never."]]),
         "dpo", {}),
        ("pairwise_tie", _csv(t / "tie.csv", ["question", "response_a", "response_b", "winner"],
                              [["q1", "a", "b", "model_a"], ["q2", "c", "d", "tie"]]), None, {}),
        ("too_few_left", _jsonl(t / "few.jsonl", [{"messages": [{"role": "user", "content": f"q{i}"}]}
                                                   for i in range(40)] + messages[:1]), "sft", {}),
        ("dataframe_empty", pd.DataFrame(), "sft", {}),
        ("dataframe_duplicate_header", pd.DataFrame([["a", "b"]], columns=["text", "text"]), "sft", {}),
        # reading
        ("missing_file", t / "nowhere.csv", "sft", {}),
        ("empty_file", _write(t / "empty.csv", b""), "sft", {}),
        ("png", _write(t / "image.csv", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64), "sft", {}),
        ("xlsx", _write(t / "book.csv", b"PK\x03\x04" + b"\x00" * 30 + b"[Content_Types].xml xl/"), "sft", {}),
        ("zip", _write(t / "archive.jsonl", b"PK\x03\x04" + b"\x00" * 60), "sft", {}),
        ("pdf", _write(t / "doc.json", b"%PDF-1.4\n" + b"\x00" * 60), "sft", {}),
        ("gzip", _write(t / "packed.csv", b"\x1f\x8b" + b"\x00" * 60), "sft", {}),
        ("header_only", _write(t / "header.csv", "question,answer\n"), "sft", {}),
        ("binary_jsonl", _write(t / "binary.jsonl", b"\x01\x02\x03\x04\x05\x06" * 40), "sft", {}),
        ("binary_csv", _write(t / "binary.csv", b"\x01\x02\x03\x04\x05\x06" * 40), "sft", {}),
        ("blank_jsonl", _write(t / "blank.jsonl", "\n\n  \n"), "sft", {}),
        ("blank_csv", _write(t / "blank.csv", "\n\n\n"), "sft", {}),
        ("bad_json_line", _write(t / "badline.jsonl", '{"text": "a"}\n{"text": \n'), "sft", {}),
        ("bad_json_lines", _write(t / "badlines.jsonl", '{"text": "a"}\n{"text": \n[1, 2]\n"x"\n{"text" "b"}\n'),
         "sft", {}),
        ("unterminated_json_line", _write(t / "unterminated.jsonl", '{"text": "a}\n'), "sft", {}),
        ("deep_json_line", _write(t / "deep.jsonl", "[" * 100000 + "]" * 100000 + "\n"), "sft", {}),
        ("null_line", _write(t / "null.jsonl", '{"text": "a"}\nnull\n'), "sft", {}),
        ("no_object_lines", _write(t / "noobjects.json", "[]"), "sft", {}),
        ("empty_objects", _write(t / "emptyobj.jsonl", "{}\n{}\n"), "sft", {}),
        ("bad_json", _write(t / "bad.json", '[{"text": "a"},\n {"text": b}]'), "sft", {}),
        ("deep_json", _write(t / "deep.json", "[" * 100000 + "]" * 100000), "sft", {}),
        ("json_lists_empty", _write(t / "lists.json", '{"a": [], "b": []}'), "sft", {}),
        ("json_not_list", _write(t / "string.json", '"just a string"'), "sft", {}),
        ("json_row_not_object", _write(t / "numbers.json", '[{"text": "a"}, 3]'), "sft", {}),
        ("parquet_unreadable", _write(t / "broken.parquet", b"PAR1" + b"\x00" * 40), "sft", {}),
        ("hub_unreachable", "someone/some-dataset", "sft", {}),
        ("duplicate_columns_csv", _write(t / "dupcols.csv", "text,text,text\na,b,c\n"), "sft", {}),
        ("quote_not_closed", _write(t / "quote.csv", 'text,b\nok,1\n"open quote,2\nmore,3\n'), "sft", {}),
        ("ragged_one_field", _write(t / "ragged1.csv", "text,note\na,b\nc\nd,e\n"), "sft", {}),
        ("ragged_many", _write(t / "ragged.csv", "text;note\na;b\nc;d;e\nf;g;h;i\nj;k\n"), "sft", {}),
        ("ragged_tab", _write(t / "ragged.tsv", "text\tnote\na\tb\nc\td\te\n"), "sft", {}),
        # Korean Excel's encoding in the first megabyte, then bytes that are not (the rest is read with U+FFFD)
        ("undecodable", _write(t / "mixed_bytes.csv", "text\n".encode() + b"".join(
            f"안녕하세요 반갑습니다 {i}\n".encode("cp949") for i in range(60000)) + b"\xff\xfe\xfa\n"), "sft", {}),
        ("parquet_no_rows", _parquet(t / "norows.parquet", pd.DataFrame({"text": pd.Series([], dtype=str)})), "sft",
         {}),
    ]
    return out


def _outcomes_of_files(tmp: Path) -> list[tuple[str, object]]:
    out = []
    for name, source, trainer, kwargs in _files(tmp):
        _, report = data.prepare(source, trainer, **kwargs)
        out.append((name, report))
    for name, path in (("folder_without_train", tmp), ("empty_folder", tmp / "empty_dir"),
                       ("no_data_path", tmp / "no_such_dir")):
        if name == "empty_folder":
            path.mkdir(exist_ok=True)
        try:
            data.resolve_data_file(path, "train")
        except data.DataError as err:
            out.append((name, err))
    try:
        data.read_table(tmp / "nowhere.csv")
    except data.DataError as err:
        out.append(("read_table_error", err))
    return out


def _outcomes_of_tokens(tmp: Path) -> list[tuple[str, object]]:
    """Token lengths (rows over the block size, a template that fails) and the preview's cut mark."""
    out = []
    path = _csv(tmp / "long.csv", ["text"], [["one two three four five six"], ["one two"], ["a b c d e f g h"]])
    examples, report = data.prepare(path, "default", tokenizer=WordTokenizer(), block_size=4)
    out.append(("rows_over_block", report))
    examples, report = data.prepare(path, "default", tokenizer=WordTokenizer(), block_size=7)
    out.append(("one_row_over_block", report))
    examples, report = data.prepare(_jsonl(tmp / "conv.jsonl", [{"text": r} for r in HUMAN_BOT]), "sft")

    def failing(example):
        raise ValueError("the template needs a system turn first")

    stats, problems = token_stats(examples, WordTokenizer(), failing)
    out.append(("template_cannot_render", problems))
    stats, problems = token_stats(examples[:1], WordTokenizer(), failing)
    out.append(("template_cannot_render_one", problems))

    class Broken:
        def __call__(self, *a, **k):
            raise RuntimeError("no vocabulary")

    examples, report = data.prepare(path, "default", tokenizer=Broken())
    out.append(("tokens_failed", report))
    examples, _ = data.prepare(path, "default")
    # a preview is drawn in the page's language: this outcome is a function of the language
    out.append(("preview_cut", lambda lang: preview(examples, None, WordTokenizer(), n=1, block_size=3, lang=lang)))
    return out


def _outcomes_of_settings(tmp: Path, testdata: Path) -> list[tuple[str, object]]:
    """Settings fitted to the spec's tables and the new shapes, and the rows held out of training."""
    out = []
    tables = [("seed_" + p.name, p) for p in sorted((testdata / "seed").glob("*")) if p.suffix in (".csv", ".jsonl")]
    tables += [("qa", tmp / "qa.csv"), ("one_row", _csv(tmp / "one.csv", ["text"], [[HUMAN_BOT[0]]])),
               ("many_rows", _csv(tmp / "many.csv", ["text"], [[f"{r} {i}"] for i, r in enumerate(HUMAN_BOT * 600)])),
               ("prose", _csv(tmp / "prose.csv", ["text"], [[f"Once upon a time {i}."] for i in range(30)])),
               ("duplicates", tmp / "dups.csv"), ("feedback", tmp / "feedback.csv")]
    for name, path in tables:
        if not path.exists():
            continue
        examples, report = data.prepare(path, None)
        out.append((name + "_report", report))
        out.append((name + "_settings", suggest.suggest(report)))
    examples, _ = data.prepare(tmp / "dups.csv", "sft")
    out.append(("held_out_all_copies", hold_out(examples, 10, seed=42)))
    rows = [{"text": f"row {i}"} for i in range(40)] + [{"text": "row 0"}] * 10
    out.append(("held_out_some_copies", hold_out(rows, 20, seed=1)))
    return out


def outcomes(tmp: Path, testdata: Path) -> list[tuple[str, object]]:
    out = []
    for entry in json.loads((testdata / "bad" / "manifest.json").read_text()):
        _, report = data.prepare(testdata / "bad" / entry["file"], entry["trainer"])
        out.append(("bad_" + entry["file"], report))
    for path in sorted((testdata / "bad").iterdir()):
        if path.name != "manifest.json":
            out.append(("bad_any_" + path.name, data.prepare(path, None)[1]))
    for path in sorted((testdata / "shapes").iterdir()):     # public datasets' own shapes, with no flags
        out.append(("shape_" + path.name, data.prepare(path, None)[1]))
    for name, trainer, kwargs in (("hh_rlhf.jsonl", "dpo", {}), ("thumbs.csv", "sft", {}),
                                  ("ratings.csv", "kto", {"label_threshold": 4}), ("shp.jsonl", "sft", {})):
        out.append((f"shape_{name}_{trainer}", data.prepare(testdata / "shapes" / name, trainer, **kwargs)[1]))
    out += _outcomes_of_files(tmp)
    out += _outcomes_of_tokens(tmp)
    out += _outcomes_of_settings(tmp, testdata)
    return out
