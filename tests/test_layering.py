"""The architecture holds: the core knows nothing of MkDocs, and dependencies point one way.

Read from the source (every import, including those under ``TYPE_CHECKING`` and inside
functions), and checked once more at run time by importing the core in a fresh interpreter.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "mkdocs_archcrew"

EDGE = {
    "plugin",
    "config",
    "adapter",
    "cli",
    "companions",
    "includes",
    "blog",
    "reviewing",
    "zensical",
}
"""The MkDocs edge: the only modules that may import mkdocs (and `reviewing`, which writes the
review file for the command line)."""

LAYERS = {
    "findings": set(),
    "markdown": set(),
    "placeholders": {"findings", "markdown"},
    "trace": {"findings", "markdown"},
    "mermaid": {"findings", "markdown"},
    "publish": {"findings", "markdown", "trace"},
    "review": {"findings", "markdown", "placeholders", "trace", "publish"},
    "project": {"findings", "markdown", "placeholders", "trace", "mermaid", "publish", "review"},
    "pipeline": {"findings", "mermaid", "project"},
}
"""Each part of the core, and the parts below it that it may import."""

OUTPUTS = {"trace": {"report", "table", "diagram"}}
"""Modules that publish what their package computes: the rest of the package never imports
them."""


def _modules() -> dict[str, Path]:
    """Every module by dotted name within the package; a sub-package by its own name, the
    package root as ``""``."""
    modules = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return modules


def _imports(name: str, path: Path) -> set[str]:
    """Every module `name` imports, as absolute dotted names."""
    parts = name.split(".") if name else []
    package = parts if path.name == "__init__.py" else parts[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                found.add(node.module or "")
                continue
            base = ["mkdocs_archcrew", *package[: len(package) - node.level + 1]]
            target = ".".join([*base, node.module] if node.module else base)
            found.add(target)
            if node.module is None:  # `from . import name`: each name is a module
                found.update(f"{target}.{alias.name}" for alias in node.names)
    return found


def _part(module: str) -> str:
    """The part of the package a module belongs to (``trace`` for ``trace.coverage``)."""
    return module.split(".", maxsplit=1)[0] if module else "__init__"


MODULES = _modules()


@pytest.mark.parametrize("module", sorted(m for m in MODULES if _part(m) not in EDGE), ids=str)
def test_the_core_never_imports_mkdocs_or_the_edge(module: str) -> None:
    imports = _imports(module, MODULES[module])
    assert not {i for i in imports if i == "mkdocs" or i.startswith("mkdocs.")}, imports
    edge = {i for i in imports if _part(i.removeprefix("mkdocs_archcrew.")) in EDGE}
    if not module:
        # The package root hands out the plugin lazily, only when asked for it by name.
        assert edge == {"mkdocs_archcrew.plugin"}
        return
    assert not edge, f"{module} imports the MkDocs edge: {edge}"


@pytest.mark.parametrize("module", sorted(m for m in MODULES if _part(m) in LAYERS))
def test_dependencies_point_down(module: str) -> None:
    part = _part(module)
    allowed = LAYERS[part] | {part}
    ours = {
        i.removeprefix("mkdocs_archcrew.")
        for i in _imports(module, MODULES[module])
        if i.startswith("mkdocs_archcrew.")
    }
    upward = {i for i in ours if _part(i) not in allowed}
    assert not upward, f"{module} imports {upward}, above or beside it"
    outputs = OUTPUTS.get(part, set())
    name = module.rpartition(".")[2]
    if name not in outputs:
        used = {i for i in ours if _part(i) == part and i.rpartition(".")[2] in outputs}
        assert not used, f"{module} imports the outputs {used} of its own package"


def test_every_part_of_the_package_is_placed() -> None:
    parts = {_part(module) for module in MODULES}
    assert parts == set(LAYERS) | EDGE | {"__init__"}


def test_the_core_imports_without_mkdocs_at_run_time() -> None:
    core = sorted(f"mkdocs_archcrew.{m}" for m in MODULES if m and _part(m) not in EDGE)
    script = (
        "import sys\n"
        f"for name in {core!r}:\n"
        "    __import__(name)\n"
        "import mkdocs_archcrew\n"
        "print(sorted(m for m in sys.modules if m == 'mkdocs' or m.startswith('mkdocs.')))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False, timeout=60
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"
