"""`Dialect.from_extensions`: which of a site's Markdown extensions change what the scanner
reads as blocks (titled blocks, nested fences, tables)."""

from __future__ import annotations

import pytest

from mkdocs_archcrew.markdown import DEFAULT_DIALECT, Dialect


def test_mkdocs_defaults() -> None:
    assert Dialect.from_extensions(["toc", "tables", "fenced_code"]) == Dialect(
        frozenset(), nested_fences=False, tables=True
    )


def test_nothing_enabled() -> None:
    assert Dialect.from_extensions([]) == Dialect(frozenset(), nested_fences=False, tables=False)


def test_materials_usual_set_is_the_default_dialect() -> None:
    names = [
        "toc",
        "tables",
        "attr_list",
        "md_in_html",
        "admonition",
        "pymdownx.details",
        "pymdownx.superfences",
        "pymdownx.tabbed",
    ]
    assert Dialect.from_extensions(names) == DEFAULT_DIALECT


@pytest.mark.parametrize(
    ("name", "openers"),
    [
        ("admonition", {"!!!"}),
        ("pymdownx.details", {"???", "???+"}),
        ("pymdownx.tabbed", {"==="}),
        ("pymdownx.superfences", set()),
        ("pymdownx.blocks.admonition", set()),  # another extension altogether
    ],
)
def test_each_extension_brings_its_own_openers(name: str, openers: set[str]) -> None:
    dialect = Dialect.from_extensions([name])
    assert dialect.titled_blocks == frozenset(openers)
    assert dialect.nested_fences is (name == "pymdownx.superfences")
    assert dialect.tables is False


def test_built_in_extensions_named_by_module_path() -> None:
    names = ["markdown.extensions.tables", "markdown.extensions.admonition"]
    assert Dialect.from_extensions(names) == Dialect(frozenset({"!!!"}), False, True)
