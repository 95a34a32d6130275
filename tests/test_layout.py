"""The code stays readable in pieces: no function in app.py or ui/ over 80 lines (nested ones included: the page's
handlers are closures), and no module of autotrain_ui/ or trainers/ over 400 lines unless its docstring says why."""

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
APP_FILES = sorted([REPO / "autotrain_ui" / "app.py", *(REPO / "autotrain_ui" / "ui").glob("*.py")])
ALL_FILES = sorted([*(REPO / "autotrain_ui").rglob("*.py"), *(REPO / "trainers").rglob("*.py")])
MAX_FUNCTION_LINES = 80
MAX_MODULE_LINES = 400
# The string catalogs are tables of sentences (data, not logic), one per language: the only modules allowed past the
# size limit. Every other module over it is split, whatever its docstring says.
CATALOGS = {"autotrain_ui/core/i18n/en.py", "autotrain_ui/core/i18n/ko.py", "autotrain_ui/ui/strings.py"}


def functions(tree: ast.AST):
    """Every function and method in the tree, nested ones too, with its dotted name."""
    def walk(node, prefix):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                name = f"{prefix}{child.name}"
                if not isinstance(child, ast.ClassDef):
                    yield name, child
                yield from walk(child, name + ".")
            else:
                yield from walk(child, prefix)
    yield from walk(tree, "")


def test_no_function_in_the_app_is_over_80_lines():
    assert len(APP_FILES) > 5, APP_FILES  # the ui package was found: the check below is not vacuous
    long = [f"{path.relative_to(REPO)}:{node.lineno} {name}() is {node.end_lineno - node.lineno + 1} lines"
            for path in APP_FILES for name, node in functions(ast.parse(path.read_text(encoding="utf-8")))
            if node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES]
    assert not long, "split these functions (build() makes components, wire() connects them):\n" + "\n".join(long)


def test_no_module_but_a_catalog_is_over_400_lines():
    too_long = []
    for path in ALL_FILES:
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_MODULE_LINES and str(path.relative_to(REPO)) not in CATALOGS:
            too_long.append(f"{path.relative_to(REPO)} is {lines} lines")
    assert not too_long, "split these modules (one job per module):\n" + "\n".join(too_long)


def test_the_check_sees_a_long_nested_handler():
    """A handler defined inside wire() counts on its own, with its enclosing function's name."""
    body = "\n".join(f"        x = {i}" for i in range(MAX_FUNCTION_LINES))
    tree = ast.parse(f"def wire():\n    def on_click():\n{body}\n")
    sizes = {name: node.end_lineno - node.lineno + 1 for name, node in functions(tree)}
    assert sizes["wire.on_click"] == MAX_FUNCTION_LINES + 1 and sizes["wire"] == MAX_FUNCTION_LINES + 2


def _climbs_out(path: Path, line: str) -> bool:
    """Does this line name a place above the checkout: `../shared`, or `Path(__file__)` climbed past the repo root
    (`parents[k]` and `.parent` steps counted against the file's depth in the repository)?"""
    import re

    code = line.split("#", 1)[0]
    if re.search(r"\.\./shared|[\"']shared[\"'] */ *[\"']testdata", code):
        return True
    depth = len(path.relative_to(REPO).parts)          # parents[depth - 1] is the repository itself
    for match in re.finditer(r"__file__\)(?:\.resolve\(\))?((?:\.parents\[\d+\])?(?:\.parent)*)", code):
        chain = match.group(1)
        index = re.search(r"parents\[(\d+)\]", chain)
        steps = (int(index.group(1)) + 1 if index else 0) + chain.count(".parent") - (1 if index else 0)
        if steps > depth:
            return True
    return False


def test_nothing_reads_outside_the_repository():
    """Every file a test, a benchmark or the app reads lives in the repository (tests/data for the tests): a clone
    with nothing beside it runs `make test` (.ci/run does exactly that)."""
    sources = [*(REPO / "tests").rglob("*.py"), *(REPO / "bench").rglob("*.py"), *(REPO / "autotrain_ui").rglob("*.py"),
               *(REPO / "trainers").rglob("*.py"), REPO / "app.py"]
    assert len(sources) > 50, len(sources)
    found = [f"{path.relative_to(REPO)}:{n}: {line.strip()}" for path in sources if path.name != "test_layout.py"
             for n, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1)
             if _climbs_out(path, line)]
    assert not found, "these lines read outside the repository; put the file under tests/data:\n" + "\n".join(found)
    assert (REPO / "tests" / "data" / "seed" / "sft.csv").is_file() and (REPO / "docs" / "DESIGN.md").is_file()


def test_the_climb_check_sees_a_climb():
    here = REPO / "tests" / "test_x.py"
    assert _climbs_out(here, 'SEED = Path(__file__).resolve().parents[1].parent / "shared" / "testdata"')
    assert _climbs_out(here, "x = Path(__file__).parents[2]")
    assert not _climbs_out(here, "REPO = Path(__file__).resolve().parents[1]")
    assert not _climbs_out(REPO / "tests" / "zoo" / "conftest.py", "REPO = Path(__file__).resolve().parents[2]")
