"""What the project's code imports, read from its source (no import is run): for the tests that check the image
and the GPU machine's wheels bring every package the code needs, including those only a CUDA machine imports."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OWN = ("autotrain_ui", "trainers")

# Modules whose package is not installed on a CPU machine (`make setup` skips them), so the installed metadata
# cannot name their package: module -> PyPI name.
CUDA_ONLY = {"bitsandbytes": "bitsandbytes", "liger_kernel": "liger-kernel", "flash_attn": "flash-attn"}


def _package_of(path: Path) -> list[str]:
    """The dotted package a file of this repo belongs to, as parts (autotrain_ui/coach/rules.py -> [autotrain_ui,
    coach])."""
    return list(path.resolve().relative_to(REPO).parent.parts)


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports anywhere (inside functions too), by `import`, `from ... import` (relative ones
    resolved), or by name through importlib.util.find_spec / importlib.import_module / __import__."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                package = _package_of(path)
                base = package[:len(package) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            if module:
                out.add(module)
                out |= {f"{module}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant) \
                and isinstance(node.args[0].value, str):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in ("find_spec", "import_module", "__import__"):
                out.add(node.args[0].value)
    return out


def third_party(modules: set[str]) -> set[str]:
    tops = {m.split(".")[0] for m in modules}
    return {m for m in tops if m not in sys.stdlib_module_names and m not in OWN and m != "__future__"}


def own_file(module: str) -> Path | None:
    parts = module.split(".")
    for n in range(len(parts), 0, -1):
        base = REPO.joinpath(*parts[:n])
        for candidate in (base.with_suffix(".py"), base / "__init__.py"):
            if candidate.is_file():
                return candidate
    return None


def reachable_files(starts: list[Path]) -> list[Path]:
    """The files `starts` import, following the project's own modules (autotrain_ui.*, trainers.*) to the end."""
    seen, todo = set(), list(starts)
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        for module in imported_modules(path):
            if module.split(".")[0] in OWN:
                target = own_file(module)
                if target is not None:
                    todo.append(target)
                    init = target.parent / "__init__.py"
                    if init.is_file():
                        todo.append(init)
    return sorted(seen)


def imports_by_module(files: list[Path]) -> dict[str, list[str]]:
    """Third-party top-level module -> the files (relative to the repo) that import it."""
    out: dict[str, list[str]] = {}
    for path in files:
        for module in third_party(imported_modules(path)):
            out.setdefault(module, []).append(str(path.relative_to(REPO)))
    return out


def project_files() -> list[Path]:
    """The code the app and the trainers run (not the tests, not the benchmarks)."""
    return sorted([*REPO.glob("autotrain_ui/**/*.py"), *REPO.glob("trainers/*.py"), REPO / "app.py"])


def distributions_of(module: str) -> list[str]:
    """The PyPI names that provide a top-level module: from the installed metadata, else CUDA_ONLY."""
    import importlib.metadata

    names = importlib.metadata.packages_distributions().get(module, [])
    return names or ([CUDA_ONLY[module]] if module in CUDA_ONLY else [])
