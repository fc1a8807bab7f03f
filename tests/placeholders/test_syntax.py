"""Placeholder syntax: where placeholders are, what a name is, escapes."""

from __future__ import annotations

import pytest

from mkdocs_archcrew.placeholders.syntax import NotAName, occurrences, parse_name, unescape


def test_occurrences_skip_escaped_and_multiline() -> None:
    text = "{{ a }} \\{{ b }} \\\\{{ c }} {{ d\n}}"
    assert [o.raw for o in occurrences(text)] == ["{{ a }}", "{{ c }}"]


@pytest.mark.parametrize("inner", [" a ", "a", "project.version", "a-b.c_d", "items.0", " ünï "])
def test_names(inner: str) -> None:
    assert parse_name(inner) == inner.strip()


@pytest.mark.parametrize(
    ("inner", "why"),
    [
        ("", "the braces are empty"),
        ("''.__class__", "literals, indexing and expressions are not evaluated"),
        ("config.__class__", "names a Python internal"),
        ("cycler.__init__.__globals__", "names a Python internal"),
        ("range(10)", "calls are not allowed"),
        ("name | upper", "filters are not supported"),
        ("a['b']", "literals, indexing and expressions are not evaluated"),
        ("a + b", "only names are allowed"),
        ("1abc", "only names are allowed"),
    ],
)
def test_not_names(inner: str, why: str) -> None:
    with pytest.raises(NotAName, match=why):
        parse_name(inner)


def test_unescape() -> None:
    assert unescape("a \\{{ b }}") == "a {{ b }}"
