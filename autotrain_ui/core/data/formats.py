"""Recognise what a table holds: conversations in any of the common spellings, preference pairs, prose.

parse_conversation turns one cell into [{"role", "content"}, ...]; detect_shape looks at the columns and a
sample of cells; recommend picks the trainer that fits the shape; read_label reads a feedback log's good/bad
labels (KTO).
"""
from __future__ import annotations

import json
import re

import pandas as pd

from autotrain_ui.core.data import verifiable
from autotrain_ui.core.data.report import DataError
from autotrain_ui.core.data.shapes import (LABEL_NAMES, PREFERENCE_PROMPTS, RATING_NAMES, add_system, find_column,
                                           find_pairwise, is_blank, rating_scale, read_label, turn_pairs)
from autotrain_ui.core.i18n import Message, message

ROLES = ("system", "user", "assistant")
# Spellings seen in the wild for the three roles (ShareGPT's human/gpt, Gemma's model, the spec's bot).
_ROLE_ALIASES = {"system": "system", "user": "user", "human": "user", "assistant": "assistant",
                 "gpt": "assistant", "bot": "assistant", "model": "assistant", "chatgpt": "assistant"}

# A turn tag in text: "human:" / "bot:" at the start, after a newline, or after the two characters \n
# (the spec's tables), or Guanaco's "### Human:" / "### Assistant:" after whitespace. Every alternative of
# _NEXT starts with one of \n, \\ or #, which lets the regex engine skip ahead fast (200k rows in ~1 s).
_TAGS = "human|user|bot|assistant|gpt|system"
_FIRST = re.compile(rf"(?:\#\#\#[ \t]*(?P<gtag>{_TAGS})|(?P<tag>{_TAGS}))[ \t]*:", re.IGNORECASE)
_NEXT = re.compile(rf"(?:\n|\\n)[ \t\r]*(?P<tag>{_TAGS})[ \t]*:|\#\#\#[ \t]*(?P<gtag>{_TAGS})[ \t]*:", re.IGNORECASE)


CONVERSATION_FORMATS = ("messages", "sharegpt", "human_bot", "guanaco")
# Shapes whose rows are a prompt and an answer even when no cell is a conversation: automatic templating renders
# them as a user turn and an assistant turn.
PAIR_FORMATS = ("alpaca", "pairs", "prompt_preference", "pairwise", "feedback")

ALPACA_TEXT = "### Instruction:\n{instruction}\n\n{input_block}### Response:\n{output}"


def cell_text(value) -> str:
    """A cell as text: strings exactly as they are, blanks as '', anything else as JSON/str."""
    if isinstance(value, str):
        return value
    if is_blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (list, dict)):
        try:
            return json.dumps(value, ensure_ascii=False)
        except (TypeError, ValueError):
            return str(value)
    return str(value)


def parse_conversation(value) -> list[dict] | None:
    """One cell -> [{"role": "system"|"user"|"assistant", "content": str}, ...], or None for prose."""
    kind, turns = conversation_kind(value)
    return turns if kind else None


def conversation_kind(value) -> tuple[str | None, list[dict] | None]:
    """Like parse_conversation, also saying which spelling it was: messages, sharegpt, human_bot, guanaco."""
    if hasattr(value, "tolist") and not isinstance(value, (str, bytes)):
        value = value.tolist()
    if isinstance(value, tuple):
        value = list(value)
    if isinstance(value, dict):
        for key in ("messages", "conversations", "conversation"):
            if key in value:
                return conversation_kind(value[key])
        if ("role" in value or "from" in value) and len(value) <= 4:
            return conversation_kind([value])
        return None, None
    if isinstance(value, list):
        return _from_list(value)
    if not isinstance(value, str):
        return None, None
    text = value.strip()
    if text[:1] in ("[", "{"):
        try:
            parsed = json.loads(text)
        except (ValueError, RecursionError):
            parsed = None
        if isinstance(parsed, (list, dict)):
            kind, turns = conversation_kind(parsed)
            if kind:
                return kind, turns
    return _from_text(text)


_CANONICAL = {role: role for role in ROLES}
# A tool call and its result: OpenAI's tool_calls / function_call and tool / function turns, LLaMA-Factory's
# function_call / observation, Llama 3's ipython
_TOOL_KEYS = ("tool_calls", "function_call")
_TOOL_ROLES = ("tool", "function", "function_call", "observation", "ipython")


def _canonical(items: list) -> bool:
    """Are these turns already {"role": user|assistant|system, "content": text} and nothing else? (Most files'
    rows are: they are then taken as they are, with no copy, which a million rows notice.)"""
    for item in items:
        if type(item) is not dict or len(item) != 2 or type(item.get("content")) is not str \
                or item.get("role") not in _CANONICAL:
            return False
    return True


def _from_list(items: list) -> tuple[str | None, list[dict] | None]:
    if not items:
        return None, None
    if _canonical(items):
        return "messages", items
    if all(isinstance(x, str) for x in items):     # ["hi", "hello", ...]: alternating turns
        return "messages", [{"role": "user" if i % 2 == 0 else "assistant", "content": x}
                            for i, x in enumerate(items)]
    if not all(isinstance(x, dict) for x in items):
        return None, None
    has_role = ["role" in x or "from" in x for x in items]
    if not any(has_role):                 # Capybara's [{"input", "output"}, ...] and the other role-less shapes
        turns = turn_pairs(items, _content_text)
        return ("messages", turns) if turns else (None, None)
    kind = "sharegpt" if any("from" in x and "role" not in x for x in items) else "messages"
    turns = []
    for i, item in enumerate(items, 1):
        role = item.get("role", item.get("from"))
        if role is None:
            raise DataError(message("data.message_no_role", i=i, roles=", ".join(ROLES)))
        called = next((key for key in _TOOL_KEYS if not is_blank(item.get(key))), None)
        if called or (isinstance(role, str) and role.strip().lower() in _TOOL_ROLES):
            raise DataError(message("data.tool_turns", what=f"'{called}'" if called else f"role '{role}'"))
        if not isinstance(role, str) or role.strip().lower() not in _ROLE_ALIASES:
            raise DataError(message("data.bad_role", role=role, roles=", ".join(ROLES)))
        content = item.get("content", item.get("value", item.get("text")))
        turn = {"role": _ROLE_ALIASES[role.strip().lower()], "content": _content_text(content)}
        if turn["role"] == "assistant" and _weight_zero(item.get("weight")):
            turn["weight"] = 0          # OpenAI's per-turn weight: a context turn, no loss on it
        turns.append(turn)
    return kind, turns


def _weight_zero(weight) -> bool:
    if weight is None or isinstance(weight, str) and not weight.strip():
        return False
    try:
        return float(weight) == 0
    except (TypeError, ValueError):
        return False


def _content_text(content) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):       # OpenAI content parts: [{"type": "text", "text": "..."}]
        parts = [p.get("text", "") if isinstance(p, dict) else str(p) for p in content]
        return "".join(str(p) for p in parts if p is not None)
    return cell_text(content)


def _trim(text: str) -> str:
    """Strip spaces and the literal two-character \\n separators around a turn."""
    text = text.strip()
    if not (text.startswith("\\n") or text.endswith("\\n")):
        return text
    while text.startswith("\\n"):
        text = text[2:].lstrip()
    while text.endswith("\\n"):
        text = text[:-2].rstrip()
    return text


def _from_text(text: str) -> tuple[str | None, list[dict] | None]:
    first = _FIRST.match(text)
    tags = [first] if first is not None else []
    # A text that starts with "### Human:" takes every "### Assistant:" as a tag, even glued to the last word
    # (openassistant-guanaco writes "...research.### Assistant: ..."); elsewhere "###" counts only after whitespace.
    glued = first is not None and first.group("gtag") is not None
    for m in _NEXT.finditer(text, first.end() if first is not None else 0):
        if m.group("gtag") is not None and not glued:   # "###" counts only after whitespace (or a literal \n)
            before = text[max(0, m.start() - 2):m.start()]
            if not (before[-1:].isspace() or before == "\\n"):
                continue
        tags.append(m)
    turn_tags = [m for m in tags if m is first or _after_blank_line(text, m)]
    if len({_ROLE_ALIASES[(m.group("tag") or m.group("gtag")).lower()] for m in turn_tags} - {"system"}) == 2:
        # Anthropic HH's transcripts ("\n\nHuman: ...\n\nAssistant: ..."): both sides' turns start after a blank
        # line, and a line of an answer that reads "User: admin" or "System: Ubuntu" is part of the answer. (Where
        # only the exchanges are apart, "User: ...\nAssistant: ...\n\nUser: ...", every tag is a turn.)
        tags = [m for m in tags if m.group("gtag") is not None or m in turn_tags]
    if not tags:
        return None, None
    turns = []
    if first is None:
        # "안녕하세요 \\n bot: 반갑습니다": the user's turn written without its tag. Only an answer tag may
        # follow, so prose that merely has a "user:" line somewhere stays prose.
        if _ROLE_ALIASES[(tags[0].group("tag") or tags[0].group("gtag")).lower()] != "assistant":
            return None, None
        turns.append({"role": "user", "content": _trim(text[:tags[0].start()])})
    for m, nxt in zip(tags, tags[1:] + [None]):
        tag = m.group("tag") or m.group("gtag")
        end = nxt.start() if nxt is not None else len(text)
        turns.append({"role": _ROLE_ALIASES[tag.lower()], "content": _trim(text[m.end():end])})
    if not any(t["role"] != "system" for t in turns):
        return None, None
    guanaco = any(m.group("gtag") is not None for m in tags)
    return ("guanaco" if guanaco else "human_bot"), turns


def history_turns(value) -> list[dict]:
    """LLaMA-Factory's `history` cell, [[question, answer], ...], as user and assistant turns ([] for a blank cell or
    one that is not such a list)."""
    if hasattr(value, "tolist") and not isinstance(value, (str, bytes)):
        value = value.tolist()
    if isinstance(value, str) and value.strip().startswith("["):
        try:
            value = json.loads(value)
        except ValueError:
            return []
    turns = []
    for pair in value if isinstance(value, list) else []:
        if hasattr(pair, "tolist"):
            pair = pair.tolist()
        if isinstance(pair, (list, tuple)) and len(pair) == 2:
            turns += [{"role": "user", "content": cell_text(pair[0])}, {"role": "assistant", "content": cell_text(pair[1])}]
    return turns


def _after_blank_line(text: str, tag) -> bool:
    """Is this a "\n<tag>:" that follows an empty line (two newlines, spaces between them aside)?"""
    if tag.group("tag") is None or text[tag.start()] != "\n":
        return False
    j = tag.start() - 1
    while j >= 0 and text[j] in " \t\r":
        j -= 1
    return j >= 0 and text[j] == "\n"


def alpaca_text(instruction: str, input_text: str, output: str) -> str:
    block = f"### Input:\n{input_text}\n\n" if input_text.strip() else ""
    return ALPACA_TEXT.format(instruction=instruction, input_block=block, output=output)


def alpaca_messages(instruction: str, input_text: str, output: str) -> list[dict]:
    user = instruction if not input_text.strip() else f"{instruction}\n\n{input_text}"
    return [{"role": "user", "content": user}, {"role": "assistant", "content": output}]


# ---------------------------------------------------------------------------------------------- shape

def sample_kind(values, limit: int = 200) -> str:
    """The most common conversation spelling among the first non-blank cells, or 'text'."""
    counts: dict[str, int] = {}
    seen = 0
    for value in values:
        if is_blank(value):
            continue
        seen += 1
        try:
            kind, _ = conversation_kind(value)
        except DataError:
            kind = "messages"
        counts[kind or "text"] = counts.get(kind or "text", 0) + 1
        if seen >= limit:
            break
    if not counts:
        return "text"
    return max(counts, key=lambda k: (counts[k], k != "text"))


def detect_shape(frame) -> tuple[str, dict[str, str]]:
    """-> (format, role -> column) guessed from the columns and a sample of cells."""
    cols = [str(c) for c in frame.columns]
    chosen = find_column(cols, "text", "chosen")
    rejected = find_column(cols, "rejected_text", "rejected")
    if chosen and rejected:
        mapping = {"text": chosen, "rejected_text": rejected}
        prompt = find_column([c for c in cols if c not in (chosen, rejected)], *PREFERENCE_PROMPTS)
        if prompt:
            mapping["prompt"] = prompt
            add_system(cols, mapping)
        return ("prompt_preference" if prompt else "preference"), mapping
    pairwise = find_pairwise(frame, cols)
    if pairwise:
        return "pairwise", pairwise
    feedback = find_feedback(frame, cols)
    if feedback:
        return "feedback", feedback
    conv = find_column(cols, "messages", "conversations", "conversation")
    if conv:
        kind = sample_kind(frame[conv].head(500).tolist())
        return (kind if kind in ("messages", "sharegpt") else "messages"), add_system(cols, {"messages": conv})
    instruction = find_column(cols, "instruction")
    output = find_column(cols, "output", "response")
    if instruction and output:
        mapping = {"instruction": instruction, "output": output}
        inp = find_column(cols, "input", "context")
        if inp:
            mapping["input"] = inp
        history = find_column([c for c in cols if c not in mapping.values()], "history")
        if history:             # LLaMA-Factory's alpaca: the earlier [question, answer] pairs of the conversation
            mapping["history"] = history
        return "alpaca", add_system(cols, mapping)
    pair = find_pair(cols)
    if pair:
        return "pairs", pair
    if chosen:
        return sample_kind(frame[chosen].head(500).tolist()), {"text": chosen}
    return "unknown", {}


# A prompt and its answer in two columns, as people name them (English and Korean). Checked in this order, so
# "question" wins over "input" when a table has both.
PROMPT_NAMES = ("prompt", "question", "query", "instruction", "input", "user", "human", "q",
                "질문", "질의", "프롬프트", "지시", "입력", "사용자")
ANSWER_NAMES = ("completion", "answer", "response", "output", "reply", "assistant", "bot", "a",
                "답변", "대답", "응답", "답", "출력", "챗봇")


def find_pair(columns) -> dict[str, str] | None:
    """{"prompt": column, "text": column} when the table holds a prompt and its answer in two columns, else None.
    A prompt column beside a plain 'text' column counts too (the text is then the answer)."""
    prompt = find_column(columns, *PROMPT_NAMES)
    answer = find_column(columns, *ANSWER_NAMES)
    if prompt and not answer and find_column(columns, "prompt", "question", "질문"):
        answer = find_column(columns, "text")
    if prompt and answer and prompt != answer:
        return {"prompt": prompt, "text": answer}
    return None


# ------------------------------------------------------------------------------ feedback (KTO) tables

def find_feedback(frame, cols) -> dict[str, str] | None:
    """{"prompt", "text" (the answer), "label"} when the table is a feedback log: a prompt, an answer and a column whose
    cells read as good/bad labels (most of the first 200 non-blank ones: a numeric score 1-5 is no such label)."""
    for name in LABEL_NAMES + RATING_NAMES:
        label = find_column(cols, name)
        if not label:
            continue
        sample = [v for v in frame[label].head(200).tolist() if not is_blank(v)]
        if not sample or (sum(read_label(v) is not None for v in sample) * 2 < len(sample)
                          and rating_scale(sample) is None):
            continue
        pair = find_pair([c for c in cols if c != label])
        if pair:
            return {**pair, "label": label}
    return None


# The shapes the report names in a sentence ("the rows are ...": the i18n keys data.shape.<format>).
FORMAT_WORDS = ("messages", "sharegpt", "human_bot", "guanaco", "alpaca", "pairs", "prompt_preference",
                "preference", "pairwise", "feedback")

# The trainer that fits each shape; why it fits is the i18n key data.why.<format>.
_TRAINER_FOR = {"prompt_preference": "dpo", "preference": "reward", "pairwise": "dpo", "feedback": "kto", "messages": "sft",
                "sharegpt": "sft", "human_bot": "sft", "guanaco": "sft", "alpaca": "sft", "pairs": "sft",
                "text": "default"}


def recommend(df_or_columns, fmt: str | None = None) -> tuple[str, Message]:
    """-> (trainer, one-line reason) for a table (or its column names) of the given shape. Prompts whose answers a
    checker can verify (numbers, JSON objects: data/verifiable.py) get grpo with the reward that checks them."""
    if fmt is None:
        if hasattr(df_or_columns, "columns"):
            fmt, _ = detect_shape(df_or_columns)
        else:
            fmt, _ = detect_shape(pd.DataFrame(columns=list(df_or_columns)))
    reward, share = verifiable_reward(df_or_columns, fmt)
    if reward:
        return "grpo", message(f"data.why.verifiable_{reward.split(':')[0]}", reward=reward, share=f"{share:.0%}")
    if fmt in _TRAINER_FOR:
        return _TRAINER_FOR[fmt], message(f"data.why.{fmt}")
    return "default", message("data.why.unknown")


def verifiable_reward(frame, fmt: str) -> tuple[str, float]:
    """GRPO's reward for a prompt/answer table whose answers a checker can verify ('' when they are prose, or the
    table is only its column names), and the share of the first answers it checks."""
    if not hasattr(frame, "columns") or fmt not in ("pairs", "alpaca"):
        return "", 0.0
    answer = find_pair(list(frame.columns))["text"] if fmt == "pairs" else find_column(list(frame.columns), "output")
    return verifiable.reward_for(frame[answer].head(verifiable.SAMPLE).tolist()) if answer else ("", 0.0)
