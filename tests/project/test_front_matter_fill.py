"""`filled_front_matter`, through `fill_project`: front matter placeholders filled keeping the
values' types, a ``template:`` that is not the theme's kept as ``document_template`` (with a
warning for an ``.html`` one), escapes undone, front matter with nothing to do handed back
byte for byte, and front matter past a limit never handed to MkDocs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
import yaml
from mkdocs.utils.meta import get_data

from mkdocs_archcrew import FilledProject, PageInput, Settings, fill_project, read_project
from mkdocs_archcrew.findings import Finding, Severity
from mkdocs_archcrew.placeholders.values import Layer


def _no_theme_template(name: str) -> bool:
    return False


def fill(
    text: str,
    values: dict[str, Any] | None = None,
    is_theme_template: Callable[[str], bool] = _no_theme_template,
) -> FilledProject:
    return fill_project(
        read_project(
            [PageInput("index.md", "docs/index.md", "", text)],
            [Layer("placeholders", values or {})],
            {"date": "2026-01-02"},
            Settings(is_theme_template=is_theme_template),
        )
    )


def front_matter(result: FilledProject) -> tuple[dict[str, Any], str]:
    """The filled page's front matter as MkDocs reads it, and its body."""
    source = result.pages["index.md"].source
    assert source.startswith("---\n")
    head, _, body = source[4:].partition("\n---\n")
    return yaml.safe_load(head), body


def test_placeholders_are_filled_keeping_types() -> None:
    text = (
        "---\n"
        "version: {{ v }}\n"
        "released: {{ d }}\n"
        "flags: [{{ t }}, x]\n"
        'title: "Doc {{ v }} ({{ name }})"\n'
        "nested:\n"
        "  k: {{ m }}\n"
        "plain: 3\n"
        "---\n"
        "Body {{ v }}\n"
    )
    values = {"v": 2.5, "d": dt.date(2024, 5, 6), "t": True, "m": {"a": [1, "b"]}, "name": "été"}
    result = fill(text, values)
    assert front_matter(result) == (
        {
            "version": 2.5,
            "released": dt.date(2024, 5, 6),
            "flags": [True, "x"],
            "title": "Doc 2.5 (été)",  # several placeholders: text
            "nested": {"k": {"a": [1, "b"]}},
            "plain": 3,
        },
        "Body 2.5\n",
    )
    assert result.findings == []


def test_problems_in_front_matter_are_at_their_lines() -> None:
    text = "---\ntitle: x\nlist:\n  - a\n  - {{ gone }}\nn: {{ n }}\n---\nbody\n"
    result = fill(text, {"n": 1})
    assert [(f.code, f.line) for f in result.findings] == [("placeholder-unresolved", 5)]
    assert front_matter(result)[0] == {"title": "x", "list": ["a", "{{ gone }}"], "n": 1}


def test_a_template_of_no_theme_becomes_document_template() -> None:
    result = fill("---\ntitle: T\ntemplate: {{ tpl }}\n---\nBody\n", {"tpl": "custom.html"})
    # Its place among the keys is kept.
    assert result.pages["index.md"].source == (
        "---\ntitle: T\ndocument_template: custom.html\n---\nBody\n"
    )
    assert result.findings == [
        Finding(
            Severity.WARNING,
            "front-matter-template",
            "front matter 'template: custom.html' is not a template of the theme; it is kept as "
            "page metadata 'document_template'. Put the file in the theme's custom_dir to use "
            "it as a page template.",
            "docs/index.md",
            3,
        )
    ]


@pytest.mark.parametrize("template", ["notes.md.j2", "report"])
def test_a_template_that_is_no_html_page_is_moved_quietly(template: str) -> None:
    result = fill(f"---\ntemplate: {template}\n---\nBody\n")
    assert result.pages["index.md"].source == f"---\ndocument_template: {template}\n---\nBody\n"
    assert result.findings == []


def test_a_theme_template_is_left_alone() -> None:
    text = "---\ntemplate:   main.html   # the theme's\n---\nBody\n"
    result = fill(text, is_theme_template=lambda name: name == "main.html")
    assert result.pages["index.md"].source == text
    assert result.findings == []


def test_escapes_are_undone_in_metadata_but_not_in_the_body() -> None:
    text = "---\nnote: 'use \\{{ x }}'\nitems: ['\\{{ a }}', b]\n---\nBody \\{{ y }}\n"
    assert front_matter(fill(text)) == (
        {"note": "use {{ x }}", "items": ["{{ a }}", "b"]},
        # Markdown undoes the body's escape itself.
        "Body \\{{ y }}\n",
    )


@pytest.mark.parametrize(
    "text",
    [
        "---\n# a comment\ntitle:   'Spaced'   \nlist: [a,   b]\nwhen: 2024-05-06\n---\nBody\n",
        "---\ntitle: {x: 1}\n---\nBody\n",  # braces, but no placeholder
        "---\n- a list\n---\nBody\n",  # not front matter to MkDocs either: page text
        "No front matter at all\n",
    ],
)
def test_untouched_front_matter_is_returned_byte_for_byte(text: str) -> None:
    result = fill(text, {"v": 1})
    assert result.pages["index.md"].source == text
    assert result.findings == []


def test_invalid_front_matter_is_dropped_with_its_warning() -> None:
    result = fill("---\na: 1\n  b: 2\n---\n# Bad\n")
    assert result.pages["index.md"].source == "# Bad\n"
    assert [(f.code, f.line) for f in result.findings] == [("front-matter-yaml", 3)]


LAUGHS = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{name}: &{name} [{', '.join([f'*{before}'] * 9)}]\n"
    for before, name in zip("abcdefgh", "bcdefghi", strict=True)
)


@pytest.mark.parametrize("placeholder", ["", "title: '{{ v }}'\n"])
def test_front_matter_past_a_limit_never_reaches_mkdocs(placeholder: str) -> None:
    # MkDocs reads the front matter of what it is handed with its own YAML loader; a theme
    # that writes `page.meta | tojson` would then expand every alias.
    result = fill(f"---\n{placeholder}{LAUGHS}---\n# Page\n", {"v": 1})
    source = result.pages["index.md"].source
    assert source == "# Page\n"
    assert get_data(source) == ("# Page\n", {})
    assert [(f.severity, f.code) for f in result.findings] == [
        (Severity.ERROR, "front-matter-limit")
    ]


def test_a_body_that_opens_like_front_matter_is_not_read_as_it() -> None:
    # Dropped, the block would leave the body's own `---` block first, for MkDocs to read.
    result = fill(f"---\n{LAUGHS}---\n---\n{LAUGHS}---\n# Page\n")
    source = result.pages["index.md"].source
    assert source.startswith("---\n{}\n---\n---\n")
    text, meta = get_data(source)
    assert meta == {}
    assert text.startswith(f"---\n{LAUGHS}")
