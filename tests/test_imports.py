"""The import rules of DESIGN.md ("Layout"): every module of the project imports on its own, in a fresh process,
whatever was imported before it (no module works only because another was imported first); the app's side
(autotrain_ui) imports no torch when it is imported (the page and the CLI start without loading it); and no two
modules import each other, directly or around a circle, not even inside a function (a circle hidden in a function
is still two modules that each need the other)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.code_imports import REPO, imported_modules, own_file

OWN = ("autotrain_ui", "trainers")
# programs of their own kept in the tree, that the app sends elsewhere and never imports: torch is theirs to import
STANDALONE = {"autotrain_ui.hub.chat_space"}   # the chat Space's app.py, uploaded as it is by hub/deploy.py


def module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def project_modules() -> list[str]:
    return sorted(module_name(p) for root in OWN for p in (REPO / root).rglob("*.py"))


ALONE = r"""
import importlib, sys
failed, torch_at = [], None
names = sys.argv[1:]
checked = set(names[:names.index("--")])     # the modules that must not pull torch in
for name in [n for n in names if n != "--"]:
    for loaded in [m for m in sys.modules if m.split(".")[0] in ("autotrain_ui", "trainers")]:
        del sys.modules[loaded]   # the project's modules only: the libraries stay, so this takes seconds
    try:
        importlib.import_module(name)
    except Exception as exc:
        failed.append(f"{name}: {type(exc).__name__}: {exc}")
    if torch_at is None and name in checked and "torch" in sys.modules:
        torch_at = name
print(repr((failed, torch_at)))
"""


def test_each_module_imports_alone_and_the_app_side_imports_no_torch():
    modules = [m for m in project_modules() if not m.endswith(".__main__")]  # `python -m` entry points run, not import
    # the app's modules first, in a process that has not imported torch: the first to pull it in is named
    order = [m for m in modules if m.startswith("autotrain_ui") and m not in STANDALONE] + ["--"] + \
        [m for m in modules if m.startswith("trainers") or m in STANDALONE]
    done = subprocess.run([sys.executable, "-c", ALONE, *order], cwd=REPO, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    failed, torch_at = eval(done.stdout.strip().splitlines()[-1])
    assert not failed, "\n".join(failed)
    assert torch_at is None, f"importing {torch_at} imports torch (autotrain_ui imports it inside functions only)"
    assert len(modules) > 40  # the walk found the tree


def import_graph() -> dict[str, set[str]]:
    graph = {}
    for name in project_modules():
        path = own_file(name)
        targets = set()
        for imported in imported_modules(path):
            if imported.split(".")[0] in OWN and (found := own_file(imported)) is not None:
                target = module_name(found)
                own_submodule = path.name == "__init__.py" and target.startswith(name + ".")
                if target != name and not own_submodule:  # a package offering its own submodules is no circle
                    targets.add(target)
        graph[name] = targets
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    for node in graph:
        if node not in index:
            visit(node)
    return found


def test_the_circle_finder_finds_a_circle():
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert circles({"a": {"b"}, "b": set()}) == []


def test_no_two_modules_import_each_other():
    found = circles(import_graph())
    assert not found, "import circles (each line: modules that import each other, maybe inside functions):\n" + \
        "\n".join(" <-> ".join(c) for c in found)


def boundary_breaks(graph: dict[str, set[str]]) -> list[str]:
    """The imports that cross DESIGN.md's boundary: the app (autotrain_ui outside core) never imports trainers/, the
    training process (trainers/) imports nothing of autotrain_ui but core, and core imports neither."""
    def side(module):
        if module.startswith("trainers"):
            return "trainers"
        return "core" if module.startswith("autotrain_ui.core") or module == "autotrain_ui" else "app"

    allowed = {"app": {"app", "core"}, "trainers": {"trainers", "core"}, "core": {"core"}}
    return sorted(f"{m} -> {t}" for m, targets in graph.items() for t in targets if side(t) not in allowed[side(m)])


def test_the_boundary_check_sees_each_crossing():
    graph = {"autotrain_ui.ui.data_tab": {"trainers.examples", "autotrain_ui.core.data"},
             "trainers.sft": {"autotrain_ui.jobs", "autotrain_ui.core.params"},
             "autotrain_ui.core.params": {"autotrain_ui.hardware", "autotrain_ui.core.i18n"}}
    assert boundary_breaks(graph) == ["autotrain_ui.core.params -> autotrain_ui.hardware",
                                      "autotrain_ui.ui.data_tab -> trainers.examples",
                                      "trainers.sft -> autotrain_ui.jobs"]


def test_the_app_and_the_training_process_meet_only_in_core():
    """The app never imports trainers/, the trainers import only core of autotrain_ui, core imports neither (inside
    functions too); and importing every core module loads no torch and no gradio (the CLI, the data check and the run
    all import core)."""
    graph = import_graph()
    assert not boundary_breaks(graph), "imports across the boundary:\n" + "\n".join(boundary_breaks(graph))
    core = [m for m in graph if m.startswith("autotrain_ui.core")]
    assert len(core) > 20 and any(t.startswith("autotrain_ui.core") for m in graph if m.startswith("trainers")
                                  for t in graph[m])
    probe = "import importlib, sys\nfor name in sys.argv[1:]: importlib.import_module(name)\n" \
            "print(sorted(m for m in ('torch', 'gradio', 'transformers') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", probe, *core], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stdout
