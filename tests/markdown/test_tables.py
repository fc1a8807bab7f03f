"""Pipe-table rows split into cells as Python-Markdown's ``tables`` extension splits them:
`table_cells` (outer pipes dropped, escaped pipes kept in their cell)."""

from __future__ import annotations

import pytest

from mkdocs_archcrew.markdown.tables import table_cells


@pytest.mark.parametrize(
    ("row", "cells"),
    [
        ("| a | b |", [" a ", " b "]),
        ("a | b", ["a ", " b"]),
        ("| a | b", [" a ", " b"]),
        ("a | b |", ["a ", " b "]),
        ("  | a |  ", [" a "]),  # surrounding spaces go before the outer pipes
        ("|---|:-:|", ["---", ":-:"]),
        ("| a |  |", [" a ", "  "]),  # an empty cell is a cell
        ("no pipes", ["no pipes"]),
    ],
)
def test_outer_pipes_are_dropped(row: str, cells: list[str]) -> None:
    assert table_cells(row) == cells


def test_escaped_pipes_stay_in_their_cell() -> None:
    assert table_cells("| a \\| b | c |") == [" a \\| b ", " c "]
    # An escaped pipe at the end is the last cell's text, not its outer pipe.
    assert table_cells("| a | b \\|") == [" a ", " b \\|"]
    assert table_cells("\\|a") == ["\\|a"]


@pytest.mark.xfail(
    strict=True,
    reason="tables bug: Python-Markdown does not split cells at pipes inside code spans "
    "('| `a|b` | c |' has two cells), so the scanner misses such a table and reads a "
    "heading glued under it ('# x | y') as a heading",
)
def test_pipes_inside_code_spans_do_not_split_cells() -> None:
    assert table_cells("| `a|b` | c |") == [" `a|b` ", " c "]


@pytest.mark.xfail(
    strict=True,
    reason="tables bug: Python-Markdown reads '\\\\' as an escaped backslash, so the pipe "
    "after it splits cells ('| a \\\\| b |' has two cells); table_cells keeps one",
)
def test_a_pipe_after_an_escaped_backslash_splits_cells() -> None:
    assert table_cells("| a \\\\| b |") == [" a \\\\", " b "]
