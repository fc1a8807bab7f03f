"""The matrix where people read it: the table in the docs, the pins in pyproject.toml, and the
versions installed, all held to the list in matrix.py."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

import pytest

from .matrix import COMPANIONS, PAGE, REPO, page_with_table

CORE = {"Markdown"}
"""Packages archcrew itself depends on: pyproject.toml gives the range it supports, and a pin in
the test extras would narrow the whole suite to one version."""


def _pins() -> set[str]:
    return {pin for companion in COMPANIONS for pin in companion.packages}


def test_the_docs_table_is_the_matrix() -> None:
    written = PAGE.read_text(encoding="utf-8")
    assert written == page_with_table(written), (
        f"{PAGE.relative_to(REPO)} does not show tests/compat/matrix.py; "
        "rewrite it with: .venv/bin/python -m tests.compat.matrix --write"
    )


def test_every_status_is_works_or_a_known_gap() -> None:
    odd = [
        companion.id
        for companion in COMPANIONS
        if not (companion.works or companion.status.startswith("known gap: "))
        or "|" in companion.status
        or "\n" in companion.status
    ]
    assert odd == []
    assert len({companion.id for companion in COMPANIONS}) == len(COMPANIONS)


def test_the_compat_extra_pins_what_was_tested() -> None:
    tomllib = pytest.importorskip("tomllib")  # Python 3.11 on; the pins do not change with it
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]
    assert set(extras["compat"]) == {pin for pin in _pins() if pin.split("==")[0] not in CORE}
    assert "mkdocs-archcrew[compat]" in extras["test"]


def test_the_installed_versions_are_the_tested_ones() -> None:
    # The table names versions: a run with others would vouch for what it did not build.
    differ = []
    for pin in sorted(_pins()):
        name, wanted = pin.split("==")
        try:
            installed = version(name)
        except PackageNotFoundError:
            installed = "not installed"
        if installed != wanted:
            differ.append(f"{name}: {installed}, the matrix says {wanted}")
    assert differ == [], 'install the pinned versions: pip install -e ".[test]"'
