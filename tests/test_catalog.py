"""The one string catalog (autotrain_ui/core/i18n/): every key has its Korean beside its English, with the same
{placeholders}; every key the code names is in it; and no sentence a person reads is written outside it.

The last test scans the source (autotrain_ui/ and trainers/, the catalog itself left out) for string literals that
reach a person, by where they go rather than by what they say:
  - a Gradio component's or call's text: the label=, info=, value=, placeholder=, title=, description= keywords of
    any gr.X(...) call, and the first argument of gr.Button / gr.Markdown / gr.HTML / gr.Info / gr.Warning /
    gr.Error / gr.Tab / gr.Accordion / gr.DownloadButton / gr.UploadButton;
  - the argument of `E(...)`, raised or returned, where E is an exception class the project defines (ChatError,
    PushError, RunError, ...; their message is what the page, the API, the CLI or error.json shows) or gr.Error;
    Python's own ValueError/KeyError/... are a programmer's, not a user's, and stay as they are;
  - the value a function of the page's modules (autotrain_ui/ui/, autotrain_ui/app.py) returns: a handler's output;
  - what the command line prints (print(...) in autotrain_ui/cli/);
  - what a function of the same module returns, when a call of it is one of the above (`raise E(_why(exc))`).
Such a literal is a sentence when its literal text (a str, the fixed parts of an f-string, or of + and % joins)
holds three or more words of letters; a key ("page.train_button"), a flag, a path or a single word is not.
hub/chat_space.py is left out by name: it is the app.py uploaded as it is to the user's own chat Space, a program of
its own that imports nothing of this project. The rule misses a sentence kept in a variable first; it catches one
written straight into a component, an error, a handler's return, a print or a helper whose result goes there, which
is how a new one gets added.
"""

from __future__ import annotations

import ast
import re
import string
import textwrap

from autotrain_ui.core import i18n
from autotrain_ui.core.i18n import form_help
from autotrain_ui.core.params import LLMParams
from autotrain_ui.ui import strings
from tests.code_imports import REPO

CATALOG_DIR = REPO / "autotrain_ui" / "core" / "i18n"
AREAS = sorted(p for p in CATALOG_DIR.glob("*.py") if "CATALOG = {" in p.read_text(encoding="utf-8"))
KEY = re.compile(r"[a-z][a-z0-9_]*(\.[A-Za-z0-9_]+)+")   # area.name; a choice keeps the CLI's spelling (choice_None)
OWN_PROGRAMS = {"autotrain_ui/hub/chat_space.py"}


def fields_of(template: str) -> set[tuple[str, str | None]]:
    """The {placeholders} (name, conversion) of a template; a language may say one twice."""
    return {(name, conversion) for _, name, _, conversion in string.Formatter().parse(template) if name is not None}


# ---------------------------------------------------------------- every key has Korean

def test_every_key_has_korean_with_the_same_placeholders():
    assert len(AREAS) >= 5 and len(i18n.CATALOG) > 900, AREAS   # the catalog was found: the checks below bite
    for key, pair in i18n.CATALOG.items():
        assert isinstance(pair, tuple) and len(pair) == 2, key
        english, korean = pair
        assert english.strip() and korean.strip(), f"{key}: no Korean" if english.strip() else key
        assert fields_of(english) == fields_of(korean), (key, fields_of(english), fields_of(korean))
        assert KEY.fullmatch(key), f"{key}: keys are area.name"
    # the page's own entries: each form field's help (English from the schema) and each model's label
    helped = {f.name for f in LLMParams.schema() if strings.helped(f)}
    assert sorted(helped - set(form_help.KO)) == [], "a form field with no Korean help in i18n/form_help.py"
    assert sorted(set(form_help.KO) - helped) == [], "Korean help for a field the form does not show"
    assert set(strings.EN) == set(strings.KO)
    for key in set(strings.EN) - set(i18n.CATALOG):
        assert fields_of(strings.EN[key]) == fields_of(strings.KO[key]) and strings.KO[key].strip(), key


def test_the_source_keeps_each_english_beside_its_korean_once():
    """Each area is one dict literal of "key": ("English", "Korean"): a key written twice in a file (Python keeps the
    last silently) or an entry without its pair fails here, where it is written."""
    for path in AREAS:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        node = next(n.value for n in tree.body if isinstance(n, ast.Assign) and n.targets[0].id == "CATALOG")
        keys = [k.value for k in node.keys]
        assert len(keys) == len(set(keys)), (path.name, sorted({k for k in keys if keys.count(k) > 1}))
        for k, v in zip(node.keys, node.values):
            assert isinstance(v, ast.Tuple) and len(v.elts) == 2 and all(
                isinstance(e, ast.Constant) and isinstance(e.value, str) for e in v.elts), (path.name, k.value)


# ---------------------------------------------------------------- every key the code names is in the catalog

KEY_TAKERS = {"t", "text", "message", "part", "has", "Message", "JobStateError", "CheckpointError"}


def _name(func) -> str:
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _constants(node) -> list[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _constants(node.body) + _constants(node.orelse)
    return []


def source_files(*roots: str) -> list:
    return sorted(p for root in roots for p in (REPO / root).rglob("*.py")
                  if CATALOG_DIR not in p.parents and str(p.relative_to(REPO)) not in OWN_PROGRAMS)


def test_every_key_the_code_names_is_in_the_catalog():
    named, missing = 0, []
    for path in source_files("autotrain_ui", "trainers"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and _name(node.func) in KEY_TAKERS and node.args:
                for key in _constants(node.args[0]):
                    named += 1
                    if key not in strings.EN:
                        missing.append(f"{path.relative_to(REPO)}:{node.lineno} {key}")
    assert named > 500, named
    assert missing == [], missing


# ---------------------------------------------------------------- no sentence outside the catalog

GR_TEXT_KEYWORDS = {"label", "info", "value", "placeholder", "title", "description"}
GR_TEXT_FIRST = {"Button", "Markdown", "HTML", "Info", "Warning", "Error", "Tab", "Accordion", "DownloadButton",
                 "UploadButton"}
WORD = re.compile(r"[A-Za-z]{2,}")


def literal_text(node) -> str:
    """The words an expression carries literally: a str, an f-string's fixed parts, + and % joins, both branches of
    an if-expression."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return " ".join(v.value if isinstance(v, ast.Constant) else " " for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
        return literal_text(node.left) + " " + literal_text(node.right)
    if isinstance(node, ast.IfExp):
        return literal_text(node.body) + " | " + literal_text(node.orelse)
    return ""


def is_sentence(text: str) -> bool:
    return len([w for w in text.split() if WORD.fullmatch(w.strip(".,:;!?()'\"`"))]) >= 3


def error_classes(trees) -> set[str]:
    """The exception classes the project defines (a class whose base's name ends in Error, Exception, Refused or
    NotFound), and gr.Error."""
    names = {"Error"}
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and any(
                    _name(b).endswith(("Error", "Exception", "Refused", "NotFound")) for b in node.bases):
                names.add(node.name)
    return names


def sentences_outside(files: dict) -> list[str]:
    """`files`: {relative path: source}. Every sentence written straight into a place a person reads (the docstring's
    rule), as 'path:line: text'."""
    trees = {path: ast.parse(src) for path, src in files.items()}
    errors = error_classes(trees.values())
    found = []
    for path, tree in trees.items():
        page = path.startswith("autotrain_ui/ui/") or path == "autotrain_ui/app.py"
        cli = path.startswith("autotrain_ui/cli/")
        helpers = {n.name: n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}
        for node in ast.walk(tree):
            reach = []
            if isinstance(node, ast.Call):
                func = node.func
                if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == "gr":
                    reach += [k.value for k in node.keywords if k.arg in GR_TEXT_KEYWORDS]
                    reach += node.args[:1] if func.attr in GR_TEXT_FIRST else []
                if cli and _name(func) == "print":
                    reach += node.args
                if _name(func) in errors:
                    reach += node.args
            if page and isinstance(node, ast.Return) and node.value is not None:
                reach += node.value.elts if isinstance(node.value, ast.Tuple) else [node.value]
            for r in list(reach):   # a helper of this module whose result goes there: what it returns
                if isinstance(r, ast.Call) and _name(r.func) in helpers:
                    reach += [n.value for n in ast.walk(helpers[_name(r.func)])
                              if isinstance(n, ast.Return) and n.value is not None]
            found += [f"{path}:{r.lineno}: {literal_text(r)[:80]!r}" for r in reach if is_sentence(literal_text(r))]
    return sorted(set(found))


def test_the_rule_catches_a_new_english_sentence_wherever_a_person_reads_it():
    planted = {
        "autotrain_ui/ui/new_tab.py": textwrap.dedent('''
            import gradio as gr
            class TabError(Exception): pass
            def build():
                gr.Textbox(label="Your name goes here")
                gr.Button("Start the training now")
            def on_click(x):
                if not x:
                    raise TabError(f"There is no file {x} to read.")
                return "The job was started for you."
            def fine(lang):
                return text("page.train_button", lang), gr.update(visible=True, elem_id="a-b"), "3 rows"
        '''),
        "autotrain_ui/cli/new.py": 'def main():\n    print(f"Done: the model is in {folder}")\n',
        "autotrain_ui/store.py": textwrap.dedent('''
            class StoreError(Exception): pass
            def _why(folder):
                if folder.exists():
                    return f"Cannot write the project {folder}."
                return message("project.unwritable", name=folder.name)
            def make(folder):
                try:
                    folder.mkdir()
                except OSError as exc:
                    raise StoreError(_why(folder)) from exc
            def refusal(space):
                return StoreError(f"Could not read the Space {space}")
            def quiet(folder):
                return f"the folder {folder} is kept as it is"
        '''),
    }
    found = sentences_outside(planted)
    assert sorted(f.split(": ")[0] for f in found) == ["autotrain_ui/cli/new.py:2", "autotrain_ui/store.py:13",
                                                  "autotrain_ui/store.py:5", "autotrain_ui/ui/new_tab.py:10",
                                                  "autotrain_ui/ui/new_tab.py:5", "autotrain_ui/ui/new_tab.py:6",
                                                  "autotrain_ui/ui/new_tab.py:9"], found


def test_no_user_facing_sentence_outside_the_catalog():
    files = {str(p.relative_to(REPO)): p.read_text(encoding="utf-8") for p in source_files("autotrain_ui", "trainers")}
    assert len(files) > 100 and any(p.startswith("autotrain_ui/ui/") for p in files)
    assert sentences_outside(files) == [], "put these sentences in the catalog (autotrain_ui/core/i18n/, English " \
                                           "and Korean) and say them by key"
