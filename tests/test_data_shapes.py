"""Public datasets in their own shapes (issue #23): our own small file for each in tests/data/shapes, checked with
no flags (or the trainer a person would pick) and read back through `autotrain data check --json --preview`, which
shows the first rows as the model will see them. The files, and the quirk each keeps:

    guanaco.jsonl                 openassistant-guanaco: '### Assistant:' glued to the last sentence
    hh_rlhf.jsonl                 Anthropic HH: chosen/rejected transcripts sharing their Human turns
    ultrafeedback_binarized.jsonl prompt text, chosen/rejected as whole conversations, scores beside
    orca_dpo_pairs.jsonl          system, question, chosen, rejected (a blank system cell)
    openai_weights.jsonl          OpenAI fine-tuning JSONL with a per-message weight (0: do not learn)
    sharegpt.jsonl                conversations of {from, value} with a system turn
    koalpaca.jsonl                KoAlpaca: instruction, output, url
    capybara.jsonl                Capybara: a conversation of {input, output} objects, and a source
    shp.jsonl                     SHP: history, human_ref_A, human_ref_B, labels (1: A is better) and more
    kto_mix.jsonl                 trl-lib/kto-mix: prompt and completion as conversations, a boolean label
    thumbs.csv                    a chat app's feedback log: thumbs_up 1/0
    ratings.csv                   answers rated 1 to 5
    no_answers.jsonl              every row a question without an answer
    stars_many_ones.csv           answers rated 1 to 5, half of them 1 star (not thumbs up)
    capybara_dpo.jsonl            Capybara-DPO: prompt is the first question only, chosen/rejected whole conversations
    capybara_kto.jsonl            the same as unpaired preference: the completion is the whole conversation
    h4_orca_dpo_pairs.jsonl       H4's orca pairs: prompt text, chosen/rejected as [system, user, assistant]
    hh_quirks.jsonl               HH transcripts whose answers hold "User:" / "System:" lines, an empty last answer,
                                  and a rejected branch with turns of its own
    openai_tools.jsonl            OpenAI fine-tuning rows with tool_calls and a tool turn
    llamafactory_alpaca.jsonl     LLaMA-Factory alpaca: system and history ([question, answer] pairs) columns
    llamafactory_sharegpt.jsonl   LLaMA-Factory sharegpt: a system column beside the conversations
    oasst1_messages.jsonl         OpenAssistant oasst1 as released: one message a row, threads by parent_id
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from autotrain_ui.cli.data import check_main
from autotrain_ui.core.data import prepare
from autotrain_ui.core.data.tokens import preview, preview_rows

SHAPES = Path(__file__).parent / "data" / "shapes"


def check(capsys, name: str, *flags: str) -> tuple[int, dict]:
    """`autotrain data check tests/data/shapes/NAME --json --preview 10 FLAGS` -> (exit code, the JSON report)."""
    code = check_main([str(SHAPES / name), "--json", "--preview", "10", *flags])
    return code, json.loads(capsys.readouterr().out)


def problems(report: dict) -> str:
    return "\n".join(p["message"] for p in report["problems"])


def test_guanaco_turns_glued_to_the_sentence_are_turns(capsys):
    code, report = check(capsys, "guanaco.jsonl")
    assert code == 0 and report["format"] == "guanaco" and report["trainer"] == "sft" and not report["problems"]
    targets = [row["target"] for row in report["preview"]]
    assert all("###" not in t and "Human" not in t for t in targets)
    assert "Eleven is one." in targets[1] and "Twenty-three." in targets[1]
    assert "Hypertext Transfer Protocol." in targets[3] and "my research." not in targets[3]


def test_hh_transcripts_give_dpo_their_shared_prompt(capsys):
    for trainer in ("dpo", "orpo"):
        code, report = check(capsys, "hh_rlhf.jsonl", "--trainer", trainer)
        assert code == 0, problems(report)
        first, second = report["preview"][:2]
        assert "How do I boil an egg?" in first["prompt"]
        assert first["chosen"].strip() == "Put it in boiling water for eight minutes, then cool it."
        assert first["rejected"].strip() == "Eggs are laid by hens."
        # the earlier turns are the prompt, said once: not repeated in chosen or rejected
        assert "Hello! How can I help?" in second["prompt"] and "Tell me a fact about the moon." in second["prompt"]
        assert second["chosen"].strip() == "The moon is slowly drifting away from Earth."
        assert "Hello" not in second["rejected"]


def test_pairs_that_share_no_prompt_are_an_error_that_names_the_flag(tmp_path, capsys):
    path = tmp_path / "apart.csv"
    path.write_text("chosen,rejected\nYes indeed.,No way.\nSure thing.,Never.\n")
    assert check_main([str(path), "--trainer", "dpo"]) == 2
    out = capsys.readouterr().out
    assert "share no prompt" in out and "--prompt-text-column" in out and "cannot train" in out


def test_ultrafeedback_prompt_is_not_repeated_in_the_answers(capsys):
    code, report = check(capsys, "ultrafeedback_binarized.jsonl")
    assert code == 0 and report["trainer"] == "dpo"
    row = report["preview"][0]
    assert "Name a colour of the sky." in row["prompt"] and "sky" not in row["chosen"] + row["rejected"]
    assert {u["column"] for u in report["unused"]} == {"prompt_id", "messages"}
    assert (report["mapping"]["chosen_score"], report["mapping"]["rejected_score"]) == ("score_chosen", "score_rejected")


def test_a_pair_whose_answers_were_scored_the_same_is_left_out(tmp_path, capsys):
    rows = [json.loads(line) for line in (SHAPES / "ultrafeedback_binarized.jsonl").read_text().splitlines()]
    rows[1]["score_rejected"] = rows[1]["score_chosen"]         # a tie, as UltraFeedback has some
    path = tmp_path / "tie.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    for trainer in ("dpo", "reward"):
        code = check_main([str(path), "--trainer", trainer, "--json"])
        report = json.loads(capsys.readouterr().out)
        assert code == 0 and report["rows"] == len(rows) - 1
        assert "line 2: both answers were scored the same ('score_chosen' equals 'score_rejected')" in problems(report)


def test_orca_pairs_keep_their_system_prompt(capsys):
    for flags in ((), ("--prompt-text-column", "question")):
        code, report = check(capsys, "orca_dpo_pairs.jsonl", *flags)
        assert code == 0 and report["trainer"] == "dpo" and report["mapping"]["system"] == "system"
        pirate, blank = report["preview"][:2]
        assert "You are a pirate. Answer like one." in pirate["prompt"] and "Where is the treasure?" in pirate["prompt"]
        assert "system" not in blank["prompt"] and "What is the capital of Italy?" in blank["prompt"]
        assert not report["unused"]


def test_weight_zero_answers_are_context_not_targets(capsys):
    code, report = check(capsys, "openai_weights.jsonl")
    assert code == 0
    targets = "".join(row["target"] for row in report["preview"])
    inputs = "".join(row["input"] for row in report["preview"])
    assert "Paris, I think, maybe." in inputs and "Some guy, no idea." in inputs     # read as context ...
    assert "Paris, I think, maybe." not in targets and "Some guy" not in targets      # ... never learned
    assert "Paris, as everyone knows." in targets and "William Shakespeare." in targets and "Four." in targets


def test_training_masks_weight_zero_answers_as_the_check_shows(smollm_path):
    """sft.tokenize (what the run trains on) puts no loss on a weight-0 answer: the same as the check's preview."""
    from transformers import AutoTokenizer

    from autotrain_ui.core.params import LLMParams
    from trainers.sft import tokenize

    tokenizer = AutoTokenizer.from_pretrained(smollm_path)
    examples, report = prepare(SHAPES / "openai_weights.jsonl", "sft")
    rows = tokenize([{k: v for k, v in e.items() if not k.startswith("_")} for e in examples], tokenizer,
                    LLMParams(trainer="sft", chat_template="tokenizer"))
    learned = [tokenizer.decode([t for t in r["labels"] if t != -100]) for r in rows]
    assert "Paris, I think" not in learned[0] and "Paris, as everyone knows." in learned[0]
    assert "Some guy" not in learned[1] and "William Shakespeare." in learned[1]


def test_turn_lists_under_other_keys_are_turns(capsys):
    code, report = check(capsys, "capybara.jsonl")
    assert code == 0 and report["format"] == "messages" and report["mapping"] == {"messages": "conversation"}
    first = report["preview"][0]
    assert '"input"' not in first["input"] and "user: What is a haiku?" in first["input"]
    assert first["target"] == "A short poem of three lines.\nSoft rain on the roof / ...\n"
    assert [u["column"] for u in report["unused"]] == ["source"]
    code, report = check(capsys, "sharegpt.jsonl")
    assert code == 0 and "system: Be brief." in report["preview"][0]["input"]


def test_thumbs_down_answers_are_never_sft_targets(capsys):
    code, report = check(capsys, "thumbs.csv")
    assert code == 0 and report["trainer"] == "kto" and report["mapping"]["label"] == "thumbs_up"
    assert [row["label"] for row in report["preview"]] == [True, False, True, False]
    code, report = check(capsys, "thumbs.csv", "--trainer", "sft")
    assert code == 0 and report["rows"] == 2
    targets = " ".join(row["target"] for row in report["preview"])
    assert "22." not in targets and "Kyoto" not in targets and "4." in targets and "Tokyo." in targets
    assert "rows 2, 4: the answer is marked bad" in problems(report)


def test_ratings_are_labels_from_a_threshold_the_user_can_move(capsys):
    code, report = check(capsys, "ratings.csv")
    assert code == 0 and report["trainer"] == "kto"
    assert [row["label"] for row in report["preview"]] == [True, False, True, False, False]
    assert "answers rated above 3 count as good" in problems(report) and "--label-threshold" in problems(report)
    code, report = check(capsys, "ratings.csv", "--label-threshold", "3")
    assert [row["label"] for row in report["preview"]] == [True, False, True, False, True]


def test_stars_with_many_ones_are_a_rating_scale_not_thumbs(capsys):
    """Three or more different numbers are ratings, however many are 0 or 1: a 1-star answer is never the good one."""
    code, report = check(capsys, "stars_many_ones.csv")
    assert code == 0 and report["trainer"] == "kto" and report["mapping"]["label"] == "rating"
    assert [row["label"] for row in report["preview"]] == [False, False, True, False, True, False, True, False]
    assert "ratings from 1 to 5: answers rated above 3 count as good" in problems(report)
    code, report = check(capsys, "stars_many_ones.csv", "--trainer", "sft")
    targets = [row["target"].strip() for row in report["preview"]]
    assert code == 0 and report["rows"] == 3 and targets == [
        "Use your email and password.", "Check the Orders tab; it shows tracking.",
        "Yes, within 14 days from Settings > Subscription."]


def test_thumbs_with_a_stray_number_stay_thumbs(tmp_path, capsys):
    thumbs = tmp_path / "thumbs.csv"
    rows = [("What is 2+2?", "4.", 1), ("Capital of Japan?", "Kyoto.", 0)] * 10 + [("Say hi.", "Hi!", 2)]
    thumbs.write_text("question,answer,thumbs_up\n" + "".join(f"{q},{a},{t}\n" for q, a, t in rows))
    code = check_main([str(thumbs), "--json", "--preview", "2"])
    report = json.loads(capsys.readouterr().out)
    assert code == 0 and [row["label"] for row in report["preview"]] == [True, False]
    assert "row 21: the label ('2', column 'thumbs_up') says neither good nor bad" in problems(report)


def test_whole_conversations_beside_a_first_question_keep_their_history(capsys):
    """Capybara-DPO's prompt column holds only the first question; chosen and rejected hold the whole conversation:
    the prompt is every turn they share, never the first question alone."""
    for trainer in ("dpo", "orpo"):
        code, report = check(capsys, "capybara_dpo.jsonl", "--trainer", trainer)
        assert code == 0 and not report["problems"], problems(report)
        first = report["preview"][0]
        assert first["prompt"] == ("user: I have 3 apples.\nassistant: Great, 3 apples.\n"
                                   "user: I eat one. How many are left?\nassistant: ")
        assert (first["chosen"], first["rejected"]) == ("You have 2 apples left.\n", "You have 3 apples.\n")
        assert report["preview"][2]["prompt"] == "user: Translate 'cat' to German.\nassistant: "
    code, report = check(capsys, "capybara_dpo.jsonl", "--trainer", "reward")   # each side scored whole
    assert code == 0 and report["preview"][1]["prompt"].count("user:") == 2
    assert report["preview"][1]["chosen"] == "Your name is Ana.\n"
    code, report = check(capsys, "capybara_kto.jsonl", "--trainer", "kto")
    assert code == 0 and [row["prompt"].count("user:") for row in report["preview"]] == [2, 2]
    assert report["preview"][1]["completion"] == "You have 3 apples.\n" and report["preview"][1]["label"] is False


def test_a_system_turn_inside_the_answers_stays_in_the_prompt(capsys):
    code, report = check(capsys, "h4_orca_dpo_pairs.jsonl", "--trainer", "dpo")
    assert code == 0 and not report["problems"], problems(report)
    row = report["preview"][0]
    assert row["prompt"] == "system: You are an AI assistant. Answer in French.\nuser: What's 2+2?\nassistant: "
    assert (row["chosen"], row["rejected"]) == ("Quatre.\n", "Four.\n")


def test_hh_answers_keep_their_own_lines_and_each_side_its_own_turns(capsys):
    """In an HH transcript a turn starts after a blank line: an answer's "User: admin" line is the answer's. A
    reward row scores each transcript as it is (the rejected branch keeps its own later turns), and a pair whose
    answer is empty is left out and named."""
    for trainer in ("dpo", "reward"):
        code, report = check(capsys, "hh_quirks.jsonl", "--trainer", trainer)
        assert code == 0 and report["rows"] == 3, problems(report)
        assert "line 4: the chosen or the rejected answer is empty" in problems(report)
        first, second, third = report["preview"]
        assert first["chosen"].endswith("for example:\nUser: admin\nPassword: printed below it\n")
        assert second["chosen"] == "It depends. My setup:\nSystem: Ubuntu 24.04\nAssistant: none\n"
        assert third["rejected"].startswith("No.\n") and third["rejected"].endswith("Fine: knock knock.\n")
        if trainer == "reward":     # the whole of each transcript is scored: the user's later turn too
            assert third["rejected"] == "No.\nuser: Please?\nassistant: Fine: knock knock.\n"
        assert third["chosen"] == "Why did the chicken cross the road? To get to the other side.\n"
    # where only the exchanges are apart, every tag is still a turn
    from autotrain_ui.core.data.formats import parse_conversation

    apart = parse_conversation("User: What is X?\nAssistant: A thing.\n\nUser: And Y?\nAssistant: Y too.")
    assert [t["role"] for t in apart] == ["user", "assistant", "user", "assistant"], apart


def test_an_answer_conversation_that_ends_with_the_user_is_left_out_not_learned_as_json(tmp_path, capsys):
    u = lambda c: {"role": "user", "content": c}    # noqa: E731
    a = lambda c: {"role": "assistant", "content": c}    # noqa: E731
    rows = [{"prompt": "Hi", "completion": [u("Hi"), a("Hello!")], "label": True},
            {"prompt": "Name?", "completion": [u("Name?"), a("Ana."), u("And yours?")], "label": True},
            {"prompt": "Bye", "completion": [u("Bye"), a("See you.")], "label": False}]
    path = tmp_path / "unpaired.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    for trainer in ("kto", "sft"):
        code = check_main([str(path), "--trainer", trainer, "--json", "--preview", "5"])
        report = json.loads(capsys.readouterr().out)
        assert code == 0 and "line 2: the answer in 'completion' is empty" in problems(report), problems(report)
        assert not any("And yours" in json.dumps(row) for row in report["preview"]), report["preview"]


def test_tool_calls_are_an_error_that_names_the_rows_and_the_way_out(capsys):
    """A tool call is not text: a row that calls tools would learn an empty answer, so the check refuses it, naming
    the lines, where the run used to stop with nothing to learn after the check had said it could train."""
    code, report = check(capsys, "openai_tools.jsonl", "--trainer", "sft")
    assert code == 2 and report["rows"] == 0
    [error] = [p for p in report["problems"] if p["level"] == "error"]
    assert error["message"].startswith("line 1: the conversation calls tools ('tool_calls')")
    assert "lines 1, 3" in error["message"] and "Remove the conversations that use tools" in error["message"]
    assert "plain text" not in problems(report)       # a row that would not read is not also called prose


def test_llamafactory_system_and_history_columns_are_read(capsys):
    code, report = check(capsys, "llamafactory_alpaca.jsonl")
    assert code == 0 and report["trainer"] == "sft" and not report["problems"], problems(report)
    assert report["mapping"]["history"] == "history" and report["mapping"]["system"] == "system"
    assert report["preview"][0]["input"] == (
        "system: You are a math tutor.\nuser: What is 2*2?\nassistant: 4.\nuser: And 2*3?\nassistant: 6.\n"
        "user: And what about 3*3?\nassistant: 9.\n")
    assert report["preview"][1]["input"] == "user: Translate to Korean\n\nGood morning\nassistant: 좋은 아침입니다.\n"
    code, report = check(capsys, "llamafactory_sharegpt.jsonl")
    assert code == 0 and report["mapping"]["system"] == "system"
    assert report["preview"][0]["input"] == "system: You are a pirate.\nuser: Hi\nassistant: Ahoy!\n"
    assert [u["column"] for u in report["unused"]] == ["tools"]


def test_a_message_tree_is_refused_not_learned_as_unrelated_texts(capsys, tmp_path):
    code, report = check(capsys, "oasst1_messages.jsonl")
    assert code == 2 and report["rows"] == 0
    assert problems(report).startswith("each row is one message of a conversation tree ('message_id' and 'parent_id'")
    assert "Put each thread in one row first" in problems(report)
    # a feedback log that keeps its message ids is a feedback log
    log = tmp_path / "feedback.csv"
    log.write_text("message_id,parent_id,prompt,completion,label\nm2,m1,What is 2+2?,4.,true\n"
                   "m4,m3,Capital of Japan?,Kyoto.,false\nm6,m5,Say hi.,Hi!,true\n", encoding="utf-8")
    assert check_main([str(log), "--trainer", "kto"]) == 0


def test_a_pairwise_label_decides_which_answer_is_chosen(capsys):
    code, report = check(capsys, "shp.jsonl")
    assert code == 0 and report["format"] == "pairwise" and report["trainer"] == "dpo"
    chosen = [row["chosen"].strip() for row in report["preview"]]
    assert chosen == ["Rayleigh scattering: blue light scatters most.",
                      "Purring comes from the larynx muscles twitching.",       # labels 0: B is the better one
                      "Lightning heats the air so fast it expands with a bang."]
    assert report["preview"][1]["rejected"].strip() == "Nobody knows, lol."
    assert "Why do cats purr?" in report["preview"][1]["prompt"]
    unused = {u["column"]: u["why"] for u in report["unused"]}
    assert {"post_id", "score_A", "score_B", "upvote_ratio"} <= set(unused) and "history" not in unused
    for trainer in ("reward", "orpo"):
        code, report = check(capsys, "shp.jsonl", "--trainer", trainer)
        assert code == 0 and report["preview"][1]["chosen"].strip().endswith("muscles twitching.")


def test_kto_conversations_preview_prompt_completion_label(capsys):
    code, report = check(capsys, "kto_mix.jsonl")
    assert code == 0 and report["trainer"] == "kto"
    assert report["preview"][1] == {"prompt": "user: Name a fruit.\nassistant: ", "completion": "A chair.\n",
                                    "label": False}


def test_every_row_without_an_answer_exits_2_with_the_reason(capsys):
    assert check_main([str(SHAPES / "no_answers.jsonl")]) == 2
    out = capsys.readouterr().out
    assert "lines 1, 2, 3, 4: the conversation has no answer to learn from" in out
    assert "nothing can train" in out and "cannot train" in out


def test_the_text_report_names_unused_columns_and_prints_the_preview(capsys):
    assert check_main([str(SHAPES / "koalpaca.jsonl"), "--preview", "1"]) == 0
    out = capsys.readouterr().out
    assert "Unused:      'url' - not a column sft reads" in out
    assert "Preview:" in out and '"김치' not in out and "양파는 잎이 변한 비늘줄기입니다." in out


def test_plain_pairs_for_a_base_model_are_joined_as_text(smollm_path):
    """A base model (no chat template) reads a prompt and its answer joined as text, the loss on the answer; a chat
    model gets its own template. The check's report says which and why."""
    from transformers import AutoTokenizer

    from autotrain_ui.core.templates import choose, render

    chat = AutoTokenizer.from_pretrained(smollm_path)
    base = AutoTokenizer.from_pretrained(smollm_path)
    base.chat_template = None
    _, report = prepare(SHAPES / "thumbs.csv", "sft")
    assert report.plain_pairs and "a base model, which has no chat template" in report.template_reason
    assert choose(None, True, base, report.plain_pairs)[0] == "none"
    assert choose(None, True, chat, report.plain_pairs)[0] == "tokenizer"
    assert choose(None, True, base, False)[0] == "chatml"        # real conversations still get a template
    examples, _ = prepare(SHAPES / "thumbs.csv", "sft", chat_template="none")
    ids, mask = render({k: v for k, v in examples[0].items() if not k.startswith("_")}, base)
    assert base.decode(ids) == "What is 2+2?\n4." and base.decode([t for t, m in zip(ids, mask) if m]) == "4."


@pytest.mark.parametrize("name,trainer", [("openai_weights.jsonl", "sft"), ("hh_rlhf.jsonl", "dpo"),
                                          ("kto_mix.jsonl", "kto"), ("guanaco.jsonl", "default")])
def test_the_cli_preview_and_the_page_preview_are_one_reading(smollm_path, name, trainer):
    """The page shows preview()'s pieces; --preview's fields are read from the same pieces: the target is exactly
    the text the page marks as learned."""
    from autotrain_ui.core.params import LLMParams
    from autotrain_ui.core.render import tokenizer_and_render

    examples, report = prepare(SHAPES / name, trainer)
    tokenizer, render, _ = tokenizer_and_render(LLMParams(model=smollm_path, trainer=trainer), report.conversational)
    pieces = preview(examples, render, tokenizer, n=2)
    rows = preview_rows(examples, trainer, render, tokenizer, n=2)
    for row, row_pieces in zip(rows, pieces):
        learned = "".join(t for t, loss in row_pieces if loss)
        assert learned == row.get("target", row.get("chosen", row.get("completion")))
        assert "###" not in learned and "Some guy" not in learned and "boil an egg" not in learned


@pytest.mark.parametrize("name,trainer", [("hh_rlhf.jsonl", "dpo"), ("shp.jsonl", "orpo"), ("orca_dpo_pairs.jsonl", "dpo"),
                                          ("thumbs.csv", "kto"), ("capybara_dpo.jsonl", "dpo")])
def test_the_run_reads_the_rows_the_check_shows(smollm_path, tmp_path, name, trainer):
    """What TRL receives in the training process (pair_datasets / feedback_datasets, through the run's own config)
    holds the prompt, the chosen answer and the label the check's preview shows."""
    from transformers import AutoTokenizer

    from autotrain_ui.core.params import LLMParams
    from tests.conftest import make_project
    from trainers.preference import feedback_datasets, pair_datasets

    project = make_project(tmp_path, SHAPES / name, model=smollm_path, trainer=trainer, chat_template="tokenizer",
                           project_name="shapes")
    params = LLMParams.load(project / "config.json")
    tokenizer = AutoTokenizer.from_pretrained(smollm_path)
    examples, _ = prepare(SHAPES / name, trainer)
    if trainer == "kto":
        train, _, _ = feedback_datasets(params, project, tokenizer)
        assert sorted(r["label"] for r in train) == sorted(e["label"] for e in examples)
        assert {r["completion"][0]["content"] for r in train if not r["label"]} == {"22.", "Kyoto, obviously."}
        return
    train, _, _ = pair_datasets(params, project, tokenizer)
    for row, example in zip(train, examples):
        assert row["prompt"] == example["prompt"] and row["chosen"] == example["chosen"]
        assert [t["role"] for t in row["chosen"]] == ["assistant"]
    assert train[1]["chosen"][0]["content"] in ("The moon is slowly drifting away from Earth.",
                                                "Purring comes from the larynx muscles twitching.", "Rome.",
                                                "Your name is Ana.")
    if name == "capybara_dpo.jsonl":      # the history reaches TRL as the prompt
        assert [t["content"] for t in train[1]["prompt"][-3:]] == ["My name is Ana.", "Nice to meet you, Ana!",
                                                                   "What is my name?"]
