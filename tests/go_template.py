"""A small evaluator of Go's text/template, for the subset Ollama templates use: text, {{ .Field }} and
{{ $.Field }}, variables ({{ $x := ... }}, {{ $x = ... }}), if / else if / else / end, range $i, $v := ..., the
functions eq, ne, not, and, or, len, slice, index, and string and number literals, with {{- -}} trimming.

Written apart from autotrain_ui/ollama.py (which builds the template from pieces and never evaluates one), so the
test renders the Modelfile's TEMPLATE as Ollama would, not as the code that wrote it expects."""

from __future__ import annotations

import re

ACTION = re.compile(r"\{\{(-\s)?(.*?)(\s-)?\}\}", re.S)
TOKEN = re.compile(r'\s*(\(|\)|"(?:[^"\\]|\\.)*"|-?\d+|\$\.\w+(?:\.\w+)*|\$\w*(?:\.\w+)*|\.\w+(?:\.\w+)*|\.|[A-Za-z_]\w*)')


class GoTemplateError(Exception):
    pass


def _lex(source: str) -> list[tuple[str, str]]:
    parts: list[tuple[str, str]] = []
    pos = 0
    for m in ACTION.finditer(source):
        text = source[pos:m.start()]
        if m.group(1):
            text = text.rstrip()
        parts.append(("text", text))
        parts.append(("action", m.group(2).strip()))
        pos = m.end()
        if m.group(3):
            rest = source[pos:]
            pos += len(rest) - len(rest.lstrip())
    parts.append(("text", source[pos:]))
    return [p for p in parts if p[1] or p[0] == "action"]


def _parse(parts, i=0, stop=("end",)):
    """-> (nodes, index of the stopping action, that action's text)."""
    nodes = []
    while i < len(parts):
        kind, value = parts[i]
        if kind == "text":
            nodes.append(("text", value))
            i += 1
            continue
        word = value.split(None, 1)[0] if value else ""
        if word in ("end", "else"):
            return nodes, i, value
        if word == "if":
            branches = []
            cond = value[2:].strip()
            while True:
                body, i, closing = _parse(parts, i + 1)
                branches.append((cond, body))
                if closing.startswith("else if"):
                    cond = closing[7:].strip()
                    continue
                if closing == "else":
                    body, i, closing = _parse(parts, i + 1)
                    branches.append((None, body))
                break
            nodes.append(("if", branches))
            i += 1
        elif word == "range":
            m = re.match(r"range\s+(?:(\$\w*)\s*(?:,\s*(\$\w*))?\s*:=\s*)?(.*)", value, re.S)
            body, i, _ = _parse(parts, i + 1)
            nodes.append(("range", m.group(1), m.group(2), m.group(3), body))
            i += 1
        elif re.match(r"\$\w*\s*:?=", value):
            name, op, expr = re.match(r"(\$\w*)\s*(:?=)\s*(.*)", value, re.S).groups()
            nodes.append(("set", name, op == ":=", expr))
            i += 1
        else:
            nodes.append(("out", value))
            i += 1
    return nodes, i, ""


def _truth(v) -> bool:
    return bool(v) if v is not None else False


FUNCS = {
    "eq": lambda a, *b: any(a == x for x in b), "ne": lambda a, b: a != b, "not": lambda a: not _truth(a),
    "and": lambda *a: next((x for x in a if not _truth(x)), a[-1]), "or": lambda *a: next((x for x in a if _truth(x)), a[-1]),
    "len": len, "slice": lambda x, *ij: x[ij[0]:ij[1]] if len(ij) > 1 else x[ij[0]:] if ij else x,
    "index": lambda x, *keys: _index(x, keys),
}


def _index(x, keys):
    for k in keys:
        x = x[k]
    return x


def _field(obj, path: str):
    for name in [p for p in path.split(".") if p]:
        if not isinstance(obj, dict) or name not in obj:
            raise GoTemplateError(f"no field {name}")
        obj = obj[name]
    return obj


class _Scope:
    def __init__(self, root, dot):
        self.root, self.dot, self.vars = root, dot, [{"$": root}]

    def lookup(self, name):
        for frame in reversed(self.vars):
            if name in frame:
                return frame[name]
        raise GoTemplateError(f"undefined variable {name}")

    def assign(self, name, value):
        for frame in reversed(self.vars):
            if name in frame:
                frame[name] = value
                return
        raise GoTemplateError(f"assignment to undeclared {name}")


def _eval(expr: str, scope: _Scope):
    tokens = [t for t in TOKEN.findall(expr)]
    if "".join(tokens).replace(" ", "") != expr.replace(" ", "").replace("\n", ""):
        raise GoTemplateError(f"cannot read {expr!r}")
    value, rest = _command(tokens, scope)
    if rest:
        raise GoTemplateError(f"left over in {expr!r}: {rest}")
    return value


def _command(tokens, scope):
    args, rest = [], tokens
    while rest and rest[0] != ")":
        arg, rest = _operand(rest, scope)
        args.append(arg)
    if args and callable(args[0]):
        return args[0](*args[1:]), rest
    if len(args) != 1:
        raise GoTemplateError(f"not a command: {tokens}")
    return args[0], rest


def _operand(tokens, scope):
    t, rest = tokens[0], tokens[1:]
    if t == "(":
        value, rest = _command(rest, scope)
        return value, rest[1:]
    if t.startswith('"'):
        return bytes(t[1:-1], "utf-8").decode("unicode_escape"), rest
    if re.fullmatch(r"-?\d+", t):
        return int(t), rest
    if t.startswith("$"):
        name, _, path = t.partition(".")
        return _field(scope.lookup(name), path), rest
    if t == ".":
        return scope.dot, rest
    if t.startswith("."):
        return _field(scope.dot, t[1:]), rest
    if t in FUNCS:
        return FUNCS[t], rest
    raise GoTemplateError(f"unknown word {t}")


def _run(nodes, scope: _Scope, out: list[str]):
    for node in nodes:
        kind = node[0]
        if kind == "text":
            out.append(node[1])
        elif kind == "out":
            value = _eval(node[1], scope)
            out.append("" if value is None else str(value))
        elif kind == "set":
            _, name, declare, expr = node
            value = _eval(expr, scope)
            if declare:
                scope.vars[-1][name] = value
            else:
                scope.assign(name, value)  # the variable where it was declared (Go 1.11+: it outlives this block)
        elif kind == "if":
            for cond, body in node[1]:
                if cond is None or _truth(_eval(cond, scope)):
                    scope.vars.append({})
                    _run(body, scope, out)
                    scope.vars.pop()
                    break
        elif kind == "range":
            _, key, val, expr, body = node
            items = _eval(expr, scope)
            saved = scope.dot
            for i, item in enumerate(items or []):
                frame = {}
                if key and val:
                    frame[key], frame[val] = i, item
                elif key:
                    frame[key] = item
                scope.vars.append(frame)
                scope.dot = item
                _run(body, scope, out)
                scope.vars.pop()
            scope.dot = saved


def render(source: str, system: str, messages: list[dict]) -> str:
    """The template's output for Ollama's values: .System and .Messages (each with .Role and .Content)."""
    nodes, _, _ = _parse(_lex(source))
    root = {"System": system, "Messages": [{"Role": m["role"], "Content": m["content"]} for m in messages],
            "Response": "", "Tools": None}
    out: list[str] = []
    _run(nodes, _Scope(root, root), out)
    return "".join(out)
