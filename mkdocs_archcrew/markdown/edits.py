"""Text edits: replacing spans of a text, and carrying edits over onto a text already changed.

Filling a page replaces its placeholders; traceability then edits the page at offsets of the
page as written (a link over an ID, an anchor before a requirement). `apply` moves such edits
onto the filled text, so neither side needs to know what the other did.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence


class Edit(NamedTuple):
    """Replace ``text[start:end]`` by `new`."""

    start: int
    end: int
    new: str


def splice(
    text: str, edits: Iterable[tuple[int, int, str]], start: int = 0, end: int | None = None
) -> str:
    """``text[start:end]`` with `edits` (`Edit`s, or plain ``(start, end, new)`` tuples) made:
    in order, not overlapping, within the span."""
    stop = len(text) if end is None else end
    pieces: list[str] = []
    cursor = start
    for low, high, new in edits:
        pieces.append(text[cursor:low])
        pieces.append(new)
        cursor = high
    pieces.append(text[cursor:stop])
    return "".join(pieces)


def apply(text: str, origin: int, replaced: Sequence[Edit], edits: list[Edit]) -> str:
    """Make `edits`, written at offsets of an original text, on `text`: that original from
    offset `origin` on, with the edits `replaced` (in order) already made.

    An edit that falls inside a replaced span, or spans one, is dropped; so is one that
    overlaps an edit made before it.
    """
    if not edits:
        return text
    ends = [span.end for span in replaced]
    shift = [0]
    for span in replaced:
        shift.append(shift[-1] + len(span.new) - (span.end - span.start))

    def moved(offset: int) -> tuple[int, int] | None:
        """Where `offset` is in `text`, and how many replaced spans lie before it."""
        before = bisect.bisect_right(ends, offset)
        if before < len(replaced) and replaced[before].start < offset:
            return None
        return offset - origin + shift[before], before

    placed: list[tuple[int, int, int, str]] = []
    for order, edit in enumerate(edits):
        low, high = moved(edit.start), moved(edit.end)
        if low is None or high is None or low[1] != high[1]:
            continue
        placed.append((low[0], order, high[0], edit.new))
    kept: list[tuple[int, int, str]] = []
    cursor = 0
    for start, _, end, new in sorted(placed):
        if start < cursor:
            continue
        kept.append((start, end, new))
        cursor = end
    return splice(text, kept)
