"""Where a fenced code block ends, as fenced_code or pymdownx.superfences decide it."""

from __future__ import annotations

import re
from typing import Literal, NamedTuple

FENCE_OPEN = re.compile(r"(?P<fence>`{3,}|~{3,})(?P<info>.*)")


class FenceEnd(NamedTuple):
    """How a fence opened on some line ends."""

    how: Literal["closed", "abandoned", "unclosed"]
    """``closed`` by a closing fence; ``abandoned`` by superfences at a line indented less or
    quoted differently (the lines up to it are still read as the lost fence's content); or
    ``unclosed`` to the end of the page."""
    line: int
    """The closing line, or the line that made superfences give the fence up; 0 if unclosed."""


UNCLOSED = FenceEnd("unclosed", 0)


def line_bounds(text: str, line_starts: list[int], line: int) -> tuple[int, int, int]:
    """Start, end (without newline) and next-line start of a 1-based line."""
    start = line_starts[line - 1]
    if line < len(line_starts):
        nxt = line_starts[line]
        return start, nxt - 1, nxt
    return start, len(text), len(text)


def closing_fence(
    text: str, line_starts: list[int], line: int, fence: str, *, nested: bool
) -> FenceEnd:
    """How the fence `fence` opened on `line` ends.

    superfences (`nested`) closes a fence only at the opening's own indentation and quote
    depth, and gives it up at a line indented less or quoted differently; fenced_code closes it
    only with the same fence at the first column.
    """
    if not nested:
        for later in range(line + 1, len(line_starts) + 1):
            start, end, _ = line_bounds(text, line_starts, later)
            if text[start:end].rstrip(" ") == fence:
                return FenceEnd("closed", later)
        return UNCLOSED
    # superfences reads each later line's prefix (`>`, spaces, tabs) only as far as the
    # opening's own prefix reaches, then judges the rest.
    start, end, _ = line_bounds(text, line_starts, line)
    opening = text[start:end]
    prefix = _read_prefix(opening, 4 * len(opening))[0]
    width, quotes = len(prefix), prefix.count(">")
    empty_lines = False
    for later in range(line + 1, len(line_starts) + 1):
        start, end, _ = line_bounds(text, line_starts, later)
        prefix, content = _read_prefix(text[start:end], width)
        level = prefix.count(">")
        if not (prefix + content).strip() or (quotes and not content):
            empty_lines = True
            continue
        if level > quotes or (not quotes and level):
            return FenceEnd("abandoned", later)  # a quote where the fence had none, or deeper
        if len(prefix) < width or (quotes and empty_lines and level < quotes):
            return FenceEnd("abandoned", later)  # not indented enough
        if content.rstrip(" \t") == fence and not content.startswith((" ", "\t")):
            return FenceEnd("closed", later)
    return UNCLOSED


def _read_prefix(line: str, width: int) -> tuple[str, str]:
    """Split off up to `width` columns of `>`/space/tab prefix (tabs expanded), as superfences
    does; returns the prefix read and the rest of the line."""
    read = ""
    index = 0
    while index < len(line) and len(read) < width and line[index] in "> \t":
        char = line[index]
        read += " " * (4 - len(read) % 4) if char == "\t" else char
        index += 1
    return read, line[index:]
