"""Pipe tables: where one cell ends and the next begins."""

from __future__ import annotations

import re

CELL_BORDER = re.compile(r"(?<!\\)\|")
"""A pipe between table cells: one not escaped with a backslash."""


def table_cells(row: str) -> list[str]:
    """The cells of a table row, outer pipes dropped (Python-Markdown's reading)."""
    row = row.strip()
    if row.startswith("|"):
        row = row[1:]
    if row.endswith("|") and not row.endswith("\\|"):
        row = row[:-1]
    return CELL_BORDER.split(row)
