"""Inline reading of prose: code spans, inline comments and inline ``<code>``, escapes."""

from __future__ import annotations

import bisect
import re

from .document import Region, RegionKind

_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_INLINE_HTML = re.compile(r"<!--|<code(?=[\s>])", re.IGNORECASE)
_TICKS = re.compile(r"`+")
_CLOSE_CODE_TAG = re.compile(r"</code\s*>", re.IGNORECASE)


def inline_regions(text: str, start: int, end: int, breaks: list[int]) -> list[Region]:
    """Split a prose run into prose, code spans, inline comments and inline ``<code>``.

    Python-Markdown finds code spans first, over the whole paragraph, and raw HTML afterwards in
    what is left; the two passes here keep that order.
    """
    spans = _code_spans(text, start, end, breaks)
    marked: list[Region] = []
    span_index = 0
    position = start
    # Once a closing is not found to the end, none is for any later opening either: each is
    # searched for once, not again from every opening (linear in the text, not quadratic).
    unclosed: set[str] = set()
    while True:
        match = _INLINE_HTML.search(text, position, end)
        if match is None:
            break
        opened = match.start()
        while span_index < len(spans) and spans[span_index].end <= opened:
            marked.append(spans[span_index])
            span_index += 1
        if span_index < len(spans) and spans[span_index].start <= opened:
            position = spans[span_index].end  # inside a code span: not HTML
            continue
        opening = "<!--" if match.group() == "<!--" else "<code"
        if opening in unclosed:
            closed = -1
        elif opening == "<!--":
            found = text.find("-->", opened + 4, end)
            closed, kind = (found + 3 if found >= 0 else -1), RegionKind.HTML_COMMENT
        else:
            tag = _CLOSE_CODE_TAG.search(text, match.end(), end)
            closed, kind = (tag.end() if tag else -1), RegionKind.RAW_HTML
        if closed < 0:
            unclosed.add(opening)
            position = match.end()
            continue
        while span_index < len(spans) and spans[span_index].start < closed:
            closed = max(closed, spans[span_index].end)  # HTML holding a code span takes it in
            span_index += 1
        marked.append(Region(kind, opened, closed))
        position = closed
    marked.extend(spans[span_index:])
    regions: list[Region] = []
    cursor = start
    for region in marked:
        if region.start > cursor:
            regions.append(Region(RegionKind.PROSE, cursor, region.start))
        regions.append(region)
        cursor = region.end
    if cursor < end:
        regions.append(Region(RegionKind.PROSE, cursor, end))
    return regions


def _code_spans(text: str, start: int, end: int, breaks: list[int]) -> list[Region]:
    spans: list[Region] = []
    position = start
    # The blank line that ends the paragraph, as last found: (limit searched to, where it
    # starts or -1). Searched again only past it, not from every backtick to the paragraph end.
    blank_line: tuple[int, int] | None = None
    while (opened := text.find("`", position, end)) >= 0:
        run = _TICKS.match(text, opened, end)
        ticks = run.end() - opened if run else 1
        if is_escaped(text, opened):
            position = opened + 1  # the rest of the run may still open a span
            continue
        # A span stays within its paragraph: up to the next block or blank line.
        block_end = bisect.bisect_right(breaks, opened)
        limit = min(end, breaks[block_end]) if block_end < len(breaks) else end
        if blank_line is None or blank_line[0] != limit or 0 <= blank_line[1] < opened:
            blank = _BLANK_LINE.search(text, opened, limit)
            blank_line = (limit, blank.start() if blank else -1)
        limit = blank_line[1] if blank_line[1] >= 0 else limit
        closed = _code_span_end(text, opened, limit)
        if closed is None:
            # Python-Markdown resumes twice the run's length past its start, skipping any
            # backticks right after the run as well (but not past its paragraph).
            position = min(opened + 2 * ticks, limit)
            continue
        spans.append(Region(RegionKind.CODE_SPAN, opened, closed))
        position = closed
    return spans


def _code_span_end(text: str, opened: int, end: int) -> int | None:
    """End offset of a code span opened by the backtick run at `opened`, if it closes.

    Python-Markdown's rule (3.3.6 to 3.10, and 3.11.3 on; 3.11.0 to 3.11.2 differ after a span
    that does not close, and pyproject.toml excludes them): the first later run of as many
    backticks closes the span; failing that, the longest shorter run does (the surplus opening
    ticks become content).
    """
    limit = end
    position = opened
    while position < limit and text[position] == "`":
        position += 1
    ticks = position - opened
    longest, longest_end = 0, 0
    while True:
        found = text.find("`", position, limit)
        if found < 0:
            break
        position = found
        while position < limit and text[position] == "`":
            position += 1
        run = position - found
        if run == ticks:
            return position
        if run > longest:
            longest, longest_end = run, position
    return longest_end if 0 < longest < ticks else None


def is_escaped(text: str, offset: int) -> bool:
    """True when an odd number of backslashes precedes `offset`."""
    backslashes = 0
    while offset - backslashes > 0 and text[offset - backslashes - 1] == "\\":
        backslashes += 1
    return backslashes % 2 == 1
