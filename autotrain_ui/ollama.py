"""An Ollama Modelfile for an exported GGUF: FROM, TEMPLATE (Ollama's Go template), PARAMETER stop, SYSTEM.

The Go template is not translated from the Jinja chat template's source (Jinja is a language; a translator would
be a second template engine to trust). It is read off the template's own output: the conversation is rendered with
marker texts in place of the system prompt, the user turns and the assistant turn, and the text around each marker
is what a turn of that role begins and ends with. Those pieces fill a fixed Go template (the shape of Ollama's own
templates), and the pieces are checked by predicting the rendering of four other conversations (with and without a
system prompt, one and two user turns) against the Jinja template itself. A template whose output does not follow
that shape (one that moves the system prompt to the last turn, say) gets no TEMPLATE line: Ollama then reads the
chat template in the GGUF file, and the Modelfile says so in a comment.

A template that writes a system block when none is given (SmolLM2's "You are a helpful AI assistant ...") gives
that text as the SYSTEM default. A template without a system role (Gemma) gets the system prompt folded into the
first user turn, a blank line between, as the app folds it when training and chatting (autotrain_ui/core/templates.py).
The BOS text a template starts with is left out when the GGUF file tells llama.cpp to add BOS itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field

S, U1, A1, U2 = "XQSYSTEMQX", "XQUSERONEQX", "XQANSWERQX", "XQUSERTWOQX"
FOLD = "\n\n"   # autotrain_ui.core.templates.fit_roles joins a system message and the user turn after it with this


@dataclass
class Turns:
    """What each turn of the chat format begins and ends with (see the module doc)."""
    head: str                 # what starts a conversation without a system prompt
    system_pre: str           # around the system prompt, where the format has a system block
    system_post: str
    user_pre: str
    user_post: str
    assistant_pre: str
    assistant_post: str
    generation: str           # after the last user turn, where the reply begins
    folded: bool = False      # no system role: the system prompt opens the first user turn
    default_system: str = ""  # the system prompt the template writes when none is given
    stops: list[str] = field(default_factory=list)


class TemplateShapeError(Exception):
    """The chat template's output does not follow the turn shape this module writes as a Go template."""


def _render(tokenizer, messages: list[dict], generation: bool) -> str:
    from autotrain_ui.core.templates import fit_roles

    return tokenizer.apply_chat_template(fit_roles(tokenizer, messages), tokenize=False,
                                         add_generation_prompt=generation)


def _between(text: str, start: str | None, end: str | None) -> str:
    i = text.index(start) + len(start) if start else 0
    j = text.index(end, i) if end else len(text)
    return text[i:j]


def _common_suffix(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return a[len(a) - n:]


def _specials(tokenizer) -> set[str]:
    return {t for t in (set(getattr(tokenizer, "all_special_tokens", []) or []) | set(tokenizer.get_added_vocab()))
            if t}


def _aligned(text: str, cut: int, specials: set[str], forward: bool) -> int:
    """`cut` moved out of any special token it falls inside (a piece never splits "<|im_end|>")."""
    for token in specials:
        start = text.find(token)
        while start != -1:
            if start < cut < start + len(token):
                return _aligned(text, start + len(token) if forward else start, specials, forward)
            start = text.find(token, start + 1)
    return cut


def _common_prefix(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


def read_turns(tokenizer) -> Turns:
    """The turn pieces of the tokenizer's chat template (raises TemplateShapeError when it has no such shape)."""
    try:
        one = _render(tokenizer, [{"role": "user", "content": U1}], False)
        one_gen = _render(tokenizer, [{"role": "user", "content": U1}], True)
        two = _render(tokenizer, [{"role": "user", "content": U1}, {"role": "assistant", "content": A1},
                                  {"role": "user", "content": U2}], True)
        with_system = _render(tokenizer, [{"role": "system", "content": S}, {"role": "user", "content": U1}], False)
    except Exception as exc:  # the template refuses these conversations
        raise TemplateShapeError(f"the chat template cannot render a plain conversation: {exc}") from None
    if any(m not in two for m in (U1, A1, U2)) or U1 not in one_gen:
        raise TemplateShapeError("the conversation's texts do not appear in the rendered prompt")
    specials = _specials(tokenizer)
    user_to_assistant, assistant_to_user = _between(two, U1, A1), _between(two, A1, U2)
    after_last = _between(two, U2, None)
    if one_gen.startswith(one) and after_last == _between(one_gen, U1, None):
        user_post = _between(one, U1, None)      # the user turn's end, as a conversation without a reply shows it
    else:                                        # (Phi-3 ends such a conversation with EOS instead)
        user_post = _common_prefix(user_to_assistant, after_last)
        user_post = user_post[:_aligned(user_to_assistant, len(user_post), specials, forward=False)]
    if not (user_to_assistant.startswith(user_post) and after_last.startswith(user_post)):
        raise TemplateShapeError("a user turn does not end the same way each time")
    assistant_pre, generation = user_to_assistant[len(user_post):], after_last[len(user_post):]
    start = _between(one_gen, None, U1)                  # head (and a default system block) + user_pre
    if assistant_to_user.startswith(user_post) and start.endswith(assistant_to_user[len(user_post):]):
        user_pre = assistant_to_user[len(user_post):]    # the assistant turn ends as the user turn does (most formats)
    else:
        user_pre = _common_suffix(start, assistant_to_user)
        user_pre = assistant_to_user[_aligned(assistant_to_user, len(assistant_to_user) - len(user_pre), specials,
                                              forward=True):]
    assistant_post = assistant_to_user[:len(assistant_to_user) - len(user_pre)]
    head = start[:len(start) - len(user_pre)]
    turns = Turns(head, "", "", user_pre, user_post, assistant_pre, assistant_post, generation)
    if S not in with_system:
        raise TemplateShapeError("the system prompt does not appear in the rendered conversation")
    if with_system.startswith(head + user_pre + S) and _between(with_system, S, U1) == FOLD:
        turns.folded = True                              # Gemma: the system prompt opens the first user turn
    else:
        before, after = _between(with_system, None, S), _between(with_system, S, U1)
        if not after.endswith(user_pre):
            raise TemplateShapeError("the system block is not followed by the user turn")
        turns.system_pre, turns.system_post = before, after[:len(after) - len(user_pre)]
        if head.startswith(turns.system_pre) and head.endswith(turns.system_post) and \
                len(head) >= len(turns.system_pre) + len(turns.system_post):
            turns.default_system = head[len(turns.system_pre):len(head) - len(turns.system_post)]
    turns.stops = _stops(tokenizer, turns, specials)
    _check(tokenizer, turns)
    return turns


def _stops(tokenizer, turns: Turns, specials: set[str]) -> list[str]:
    """The texts that end a reply: the end-of-turn marker, the EOS token, and the special token a new user turn
    opens with (Ollama stops on text, so a marker written as plain text counts too)."""
    found = [turns.assistant_post.strip(), tokenizer.eos_token or ""]
    found += [t for t in sorted(specials, key=len, reverse=True) if turns.user_pre.startswith(t)][:1]
    out: list[str] = []
    for text in found:
        if text and text not in out:
            out.append(text)
    return out


def predict(turns: Turns, messages: list[dict], system: str = "") -> str:
    """The text the Go template (below) renders for a conversation ending with a user turn: what Ollama sends to
    the model, the BOS text included."""
    system = system or next((m["content"] for m in messages if m["role"] == "system"), "") or turns.default_system
    text = ""
    if not turns.folded:
        text = turns.system_pre + system + turns.system_post if system else turns.head
    else:
        text = turns.head
    pending = system if turns.folded else ""
    rest = [m for m in messages if m["role"] != "system"]
    for i, m in enumerate(rest):
        last = i == len(rest) - 1
        if m["role"] == "user":
            content = (pending + FOLD + m["content"]) if pending else m["content"]
            pending = ""
            text += turns.user_pre + content + turns.user_post + (turns.generation if last else "")
        elif m["role"] == "assistant":
            text += turns.assistant_pre + m["content"] + ("" if last else turns.assistant_post)
    return text


CHECKS = [
    [{"role": "user", "content": "Hello there."}],
    [{"role": "system", "content": "Answer briefly."}, {"role": "user", "content": "Hi"}],
    [{"role": "user", "content": "What is 2+2?"}, {"role": "assistant", "content": "4"},
     {"role": "user", "content": "And 3+3?"}],
    [{"role": "system", "content": "Be kind."}, {"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello!"},
     {"role": "user", "content": "How are you?"}],
]


def _check(tokenizer, turns: Turns) -> None:
    for messages in CHECKS:
        if predict(turns, messages) != _render(tokenizer, messages, True):
            raise TemplateShapeError("the turn pieces do not reproduce the chat template's own output")


def _go(text: str) -> str:
    """A literal text inside a Go template: only "{{" needs care."""
    return text.replace("{{", '{{ "{{" }}')


def go_template(turns: Turns, bos: str = "") -> str:
    """Ollama's TEMPLATE for these turns. `bos`: a BOS text the tokenizer adds by itself, left out of the text."""
    def cut(text: str) -> str:
        return text[len(bos):] if bos and text.startswith(bos) else text

    if turns.folded:
        opening = "{{ $system := .System }}" + _go(cut(turns.head))
        user = (_go(turns.user_pre) + '{{ if $system }}{{ $system }}' + _go(FOLD) + '{{ $system = "" }}{{ end }}'
                "{{ .Content }}")
    else:
        opening = ("{{ if .System }}" + _go(cut(turns.system_pre)) + "{{ .System }}" + _go(turns.system_post) +
                   "{{ else }}" + _go(cut(turns.head)) + "{{ end }}")
        user = _go(turns.user_pre) + "{{ .Content }}"
    # no {{- trimming anywhere: it would eat the whitespace that ends a piece of the format ("<|im_end|>\n")
    return (opening +
            "{{ range $i, $_ := .Messages }}"
            "{{ $last := eq (len (slice $.Messages $i)) 1 }}"
            '{{ if eq .Role "user" }}' + user + _go(turns.user_post) + "{{ if $last }}" + _go(turns.generation) +
            "{{ end }}"
            '{{ else if eq .Role "assistant" }}' + _go(turns.assistant_pre) + "{{ .Content }}{{ if not $last }}" +
            _go(turns.assistant_post) + "{{ end }}"
            "{{ end }}{{ end }}")


def _quoted(text: str) -> str:
    """A Modelfile value: triple-quoted (a value may hold newlines and quotes)."""
    if '"""' in text:
        text = text.replace('"""', '\\"\\"\\"')
    return f'"""{text}"""'


def modelfile(gguf_name: str, tokenizer, add_bos: bool, *, name: str = "") -> tuple[str, Turns | None, str]:
    """(the Modelfile's text, the turns it was written from (None: no TEMPLATE line), why there is none)."""
    lines = [f"# Ollama: ollama create {name or 'my-model'} -f Modelfile   (this file beside {gguf_name})",
             f"FROM ./{gguf_name}"]
    bos = tokenizer.bos_token if add_bos and tokenizer.bos_token else ""
    why = ""
    try:
        turns = read_turns(tokenizer) if getattr(tokenizer, "chat_template", None) else None
        if turns is None:
            why = "the tokenizer has no chat template"
    except TemplateShapeError as exc:
        turns, why = None, str(exc)
    if turns is None:
        lines.append(f"# No TEMPLATE: {why}; Ollama reads the chat template stored in the GGUF file.")
        return "\n".join(lines) + "\n", None, why
    lines.append(f"TEMPLATE {_quoted(go_template(turns, bos))}")
    for stop in turns.stops:
        lines.append(f"PARAMETER stop {_quoted(stop)}")
    if turns.default_system:
        lines.append(f"SYSTEM {_quoted(turns.default_system)}")
    return "\n".join(lines) + "\n", turns, ""
