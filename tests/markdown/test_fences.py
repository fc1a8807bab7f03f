"""Where a fenced block ends: `closing_fence` as fenced_code (``nested=False``) and
pymdownx.superfences (``nested=True``) decide it, closed, abandoned or unclosed, with the line
that decided; and `line_bounds`, the offsets of one line."""

from __future__ import annotations

import re

import pytest

from mkdocs_archcrew.markdown.fences import FenceEnd, closing_fence, line_bounds

FENCE = "```"


def starts(text: str) -> list[int]:
    """Line starts as the scanner makes them."""
    return [0, *(match.end() for match in re.finditer("\n", text))]


def end_of(text: str, *, nested: bool, line: int = 1, fence: str = FENCE) -> FenceEnd:
    return closing_fence(text, starts(text), line, fence, nested=nested)


@pytest.mark.parametrize("nested", [False, True])
def test_closed_by_the_same_fence(nested: bool) -> None:
    assert end_of("```\nx\n```\n", nested=nested) == FenceEnd("closed", 3)
    # A longer fence is content; trailing spaces after the closing fence are allowed.
    assert end_of("```\nx\n````\n```  \nafter\n", nested=nested) == FenceEnd("closed", 4)
    # Text after the fence, or a tilde fence for a backtick one, does not close it.
    assert end_of("```\nx\n``` y\n~~~\n", nested=nested) == FenceEnd("unclosed", 0)


@pytest.mark.parametrize("nested", [False, True])
def test_unclosed_to_the_end_of_the_page(nested: bool) -> None:
    assert end_of("```\nx\n", nested=nested) == FenceEnd("unclosed", 0)
    assert end_of("```\nx", nested=nested) == FenceEnd("unclosed", 0)


def test_fenced_code_closes_only_at_the_first_column() -> None:
    assert end_of("  ```\n  x\n  ```\n", nested=False) == FenceEnd("unclosed", 0)
    # Nothing abandons a fenced_code fence: a quote or an outdent is just content.
    assert end_of("> ```\n> x\ny\n```\n", nested=False) == FenceEnd("closed", 4)


def test_superfences_closes_at_the_opening_indentation() -> None:
    assert end_of("  ```\n  x\n  ```\n", nested=True) == FenceEnd("closed", 3)
    # Blank lines inside are content, whatever their indentation.
    assert end_of("intro\n~~~\nx\n\n  y\n~~~\n", nested=True, line=2, fence="~~~") == FenceEnd(
        "closed", 6
    )
    assert end_of("- a\n  ```\n  x\n\n  ```\n", nested=True, line=2) == FenceEnd("closed", 5)
    # A tab reaches column four, as four spaces do.
    assert end_of("- a\n\t```\n    x\n    ```\n", nested=True, line=2) == FenceEnd("closed", 4)


def test_superfences_does_not_close_at_a_deeper_indentation() -> None:
    assert end_of("```\nx\n  ```\n", nested=True) == FenceEnd("unclosed", 0)
    assert end_of("  ```\n  x\n    ```\n", nested=True) == FenceEnd("unclosed", 0)


def test_superfences_abandons_a_fence_at_a_line_indented_less() -> None:
    assert end_of("  ```\n  x\n y\n  ```\n", nested=True) == FenceEnd("abandoned", 3)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("> ```\n> x\n>> y\n> ```\n", 3),  # quoted deeper
        ("> ```\n> x\ny\n> ```\n", 3),  # not quoted any more
        ("  ```\n  x\n> y\n  ```\n", 3),  # a quote where the fence had none
    ],
)
def test_superfences_abandons_a_fence_when_the_quote_depth_changes(text: str, line: int) -> None:
    assert end_of(text, nested=True) == FenceEnd("abandoned", line)


def test_superfences_quoted_fences() -> None:
    assert end_of("> ```\n> x\n>\n> ```\n", nested=True) == FenceEnd("closed", 4)
    assert end_of("> > ```\n> > x\n> > ```\n", nested=True) == FenceEnd("closed", 3)
    # A fence at the first column reads `>` as content: nothing to compare a quote with.
    assert end_of("```\n> x\n```\n", nested=True) == FenceEnd("closed", 3)


def test_line_bounds() -> None:
    text = "ab\ncd"
    assert [line_bounds(text, starts(text), line) for line in (1, 2)] == [(0, 2, 3), (3, 5, 5)]
    ending = "ab\n"
    assert [line_bounds(ending, starts(ending), line) for line in (1, 2)] == [
        (0, 2, 3),
        (3, 3, 3),
    ]
    blank = "\n\nx\n"
    assert line_bounds(blank, starts(blank), 2) == (1, 1, 2)
