"""Placeholder syntax: where placeholders are, what a name is, escapes."""

from __future__ import annotations

import subprocess
import sys

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


def test_an_opening_without_a_closing_ends_the_search_on_its_line() -> None:
    text = "{{ a }} {{ b {{ c }} {{ open\n{{ d }} {{ {{\n}}"
    assert [(o.raw, o.start) for o in occurrences(text)] == [
        ("{{ a }}", 0),
        ("{{ b {{ c }}", 8),
        ("{{ d }}", 29),
    ]
    assert [o.raw for o in occurrences(text, 9, 28)] == ["{{ c }}"]
    assert [o.raw for o in occurrences(text, 0, 6)] == []  # the closing is past the end


def test_finding_placeholders_is_linear_in_the_text() -> None:
    # A pattern that scans to the end of the line from each '{{' takes hours over a million of
    # them on one line; a linear scan, a moment. Only a hang reaches the timeout.
    script = (
        "from mkdocs_archcrew.placeholders.syntax import occurrences\n"
        "text = '{{' * 1_000_000 + ' }' + '\\n{{ a }}'\n"
        "assert [o.raw for o in occurrences(text)] == ['{{ a }}']\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True, timeout=120)
