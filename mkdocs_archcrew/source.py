"""One Markdown scanner for every feature: what is prose, what is code, where the headings are.

The scanner follows Python-Markdown (the renderer MkDocs uses) closely enough to tell prose from
code, and errs towards "code" where the two disagree: text the scanner calls code is never changed,
so a wrong guess can only leave a placeholder unfilled, never corrupt a code sample.
"""

from __future__ import annotations

import bisect
import enum
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator


class Kind(enum.Enum):
    """What a region of a page holds."""

    PROSE = "prose"
    CODE_SPAN = "code span"
    FENCE = "fenced code"
    INDENTED_CODE = "indented code"
    HTML_COMMENT = "HTML comment"
    RAW_HTML = "raw HTML"


@dataclass(frozen=True, slots=True)
class Region:
    """A run of text of one kind; `start`/`end` are offsets into the page text."""

    kind: Kind
    start: int
    end: int
    info: str = ""
    """The info string of a fenced block (``mermaid``, ``python title="x.py"``), else empty."""

    @property
    def language(self) -> str:
        """First word of a fence's info string, without braces or a leading dot."""
        word = self.info.strip().lstrip("{").split(maxsplit=1)
        return word[0].lstrip(".").rstrip("}").lower() if word else ""


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading of the page, ATX (``## Title``) or setext (``Title`` over ``---``)."""

    level: int
    text: str
    """The heading's own text: no ``#`` marks, no trailing attribute list."""
    anchor: str | None
    """An explicit id given with an attribute list (``## Title {#my-id}``)."""
    line: int
    start: int
    """Offset of the heading's first line."""
    end: int
    """Offset just after the heading's last line (its newline included)."""
    setext: bool = False


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """The YAML block between ``---`` lines at the top of a page, as MkDocs recognises it."""

    start: int
    end: int
    """Offset just after the closing delimiter line."""
    yaml_start: int
    yaml_end: int

    def yaml(self, text: str) -> str:
        return text[self.yaml_start : self.yaml_end]


@dataclass(frozen=True)
class Document:
    """A page split into front matter and regions, with line numbers for every offset."""

    text: str
    front_matter: FrontMatter | None
    regions: tuple[Region, ...]
    headings: tuple[Heading, ...]
    _line_starts: list[int] = field(repr=False)

    @property
    def body_start(self) -> int:
        return self.front_matter.end if self.front_matter else 0

    def line_of(self, offset: int) -> int:
        """1-based line number of a character offset."""
        return bisect.bisect_right(self._line_starts, offset)

    def line_start(self, line: int) -> int:
        """Offset of the first character of a 1-based line."""
        return self._line_starts[line - 1]

    def of_kind(self, *kinds: Kind) -> Iterator[Region]:
        return (region for region in self.regions if region.kind in kinds)


# MkDocs' own front-matter pattern (mkdocs.utils.meta), so both agree on where the block ends.
_FRONT_MATTER = re.compile(r"-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
_QUOTE_PREFIX = re.compile(r"(?: {0,3}>[ ]?)+")
_FENCE_OPEN = re.compile(r"(?P<fence>`{3,}|~{3,})(?P<info>.*)")
_ATX = re.compile(r"(#{1,6})(.*)")  # Python-Markdown needs no space after the marks
_ATTR_LIST = re.compile(r"[ \t]*\{:?[ \t]*([^}\n]*)\}[ \t]*$")
_ATTR_ID = re.compile(r"(?:^|[ \t])#([^\s#.}]+)")
_SETEXT = re.compile(r"(=+|-+)[ \t]*$")
# Openers of blocks whose content is indented under them: list items, admonitions, details,
# content tabs, footnote and definition-list bodies.
_CONTAINER = re.compile(
    r"(?:[*+-]|\d{1,9}[.)])(?:[ \t]|$)|(?:!!!|\?\?\?\+?|===)[ \t]|\[\^[^\]\n]+\]:|:[ \t]"
)
_RAW_HTML_BLOCK = re.compile(r"<(pre|script|style|textarea)(?=[\s>]|$)", re.IGNORECASE)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_INLINE = re.compile(r"`+|<!--|<code(?=[\s>])", re.IGNORECASE)
_CLOSE_CODE_TAG = re.compile(r"</code\s*>", re.IGNORECASE)
_COMMENT_CLOSE = re.compile("-->")


def _closing_tag(name: str) -> re.Pattern[str]:
    return re.compile(rf"</{name}\s*>", re.IGNORECASE)


def scan(text: str, *, front_matter: bool = True) -> Document:
    """Split a page's text (newlines already ``\\n``) into front matter, prose and code.

    Pass ``front_matter=False`` for a piece of a page, whose leading ``---`` is a rule.
    """
    line_starts = [0]
    line_starts.extend(match.end() for match in re.finditer("\n", text))
    meta = _FRONT_MATTER.match(text) if front_matter else None
    front_matter_block = FrontMatter(0, meta.end(), meta.start(1), meta.end(1)) if meta else None
    blocks = _BlockScanner(text, meta.end() if meta else 0, line_starts)
    blocks.run()
    regions: list[Region] = []
    cursor = blocks.body_start
    for block in blocks.regions:
        if block.start > cursor:
            regions.extend(_inline_regions(text, cursor, block.start))
        regions.append(block)
        cursor = block.end
    if cursor < len(text):
        regions.extend(_inline_regions(text, cursor, len(text)))
    return Document(text, front_matter_block, tuple(regions), tuple(blocks.headings), line_starts)


def _indent_width(line: str) -> int:
    """Columns of leading whitespace, tabs advancing to the next multiple of four."""
    width = 0
    for char in line:
        if char == " ":
            width += 1
        elif char == "\t":
            width += 4 - width % 4
        else:
            break
    return width


def _content_column(indent: int) -> int:
    """Column where the body of a container opened at `indent` starts (Python-Markdown's 4)."""
    return (indent // 4 + 1) * 4


class _BlockScanner:
    """Line pass finding block-level code, comments, raw HTML and headings."""

    def __init__(self, text: str, body_start: int, line_starts: list[int]) -> None:
        self.text = text
        self.body_start = body_start
        self.line_starts = line_starts
        self.regions: list[Region] = []
        self.headings: list[Heading] = []
        self.line = bisect.bisect_right(line_starts, body_start)  # 1-based, current line

    def _bounds(self, line: int) -> tuple[int, int, int]:
        """Start, end (without newline) and next-line start of a 1-based line."""
        start = self.line_starts[line - 1]
        if line < len(self.line_starts):
            nxt = self.line_starts[line]
            return start, nxt - 1, nxt
        return start, len(self.text), len(self.text)

    def _content(self, line: int) -> str:
        start, end, _ = self._bounds(line)
        raw = self.text[start:end]
        quote = _QUOTE_PREFIX.match(raw)
        return raw[quote.end() :] if quote else raw

    def run(self) -> None:
        last_line = len(self.line_starts)
        containers: list[int] = []
        block_boundary = True  # previous line blank, or start of body, or a heading
        paragraph_first_line: int | None = None  # first line of a one-line paragraph so far
        while self.line <= last_line:
            line = self.line
            start, end, nxt = self._bounds(line)
            if start >= len(self.text):
                break
            content = self._content(line)
            stripped = content.lstrip(" \t")
            if not stripped:
                block_boundary, paragraph_first_line = True, None
                self.line += 1
                continue
            indent = _indent_width(content)
            if block_boundary:
                while containers and indent < containers[-1]:
                    containers.pop()
            base = containers[-1] if containers else 0

            fence = _FENCE_OPEN.match(stripped)
            if fence and not (fence["fence"][0] == "`" and "`" in fence["info"]):
                self._fence(line, fence["fence"], fence["info"].strip())
                block_boundary, paragraph_first_line = False, None
                continue
            if block_boundary and indent >= base + 4:
                self._indented_code(line, base + 4)
                block_boundary, paragraph_first_line = True, None
                continue
            if stripped.startswith("<!--") and self._until(
                Kind.HTML_COMMENT, end - len(stripped), _COMMENT_CLOSE, line_end=False
            ):
                block_boundary, paragraph_first_line = False, None
                continue
            html = _RAW_HTML_BLOCK.match(stripped) if indent < base + 4 else None
            if html and self._until(Kind.RAW_HTML, start, _closing_tag(html[1]), line_end=True):
                block_boundary, paragraph_first_line = True, None
                continue

            self.line += 1
            if indent - base < 4 and (atx := _ATX.match(stripped)):
                self._atx_heading(line, start, nxt, atx)
                block_boundary, paragraph_first_line = True, None
                continue
            if paragraph_first_line is not None and _SETEXT.match(stripped) and indent < 4:
                self._setext_heading(paragraph_first_line, nxt, stripped[0])
                block_boundary, paragraph_first_line = True, None
                continue
            if (block_boundary or containers) and _CONTAINER.match(stripped):
                while containers and containers[-1] > indent:
                    containers.pop()
                containers.append(_content_column(indent))
            paragraph_first_line = line if block_boundary else None
            block_boundary = False

    def _fence(self, line: int, fence: str, info: str) -> None:
        start = self._bounds(line)[0]
        last_line = len(self.line_starts)
        closing = line + 1
        while closing <= last_line:
            body = self._content(closing).strip(" \t")
            if body == fence:
                end = self._bounds(closing)[2]
                self.regions.append(Region(Kind.FENCE, start, end, info))
                self.line = closing + 1
                return
            closing += 1
        # An unclosed fence runs to the end of the page, as CommonMark has it: the safe reading.
        self.regions.append(Region(Kind.FENCE, start, len(self.text), info))
        self.line = last_line + 1

    def _indented_code(self, line: int, column: int) -> None:
        start = self._bounds(line)[0]
        last_code = line
        probe = line + 1
        while probe <= len(self.line_starts):
            content = self._content(probe)
            if content.strip(" \t"):
                if _indent_width(content) < column:
                    break
                last_code = probe
            probe += 1
        end = self._bounds(last_code)[2]
        self.regions.append(Region(Kind.INDENTED_CODE, start, end))
        self.line = last_code + 1

    def _until(self, kind: Kind, start: int, closer: re.Pattern[str], *, line_end: bool) -> bool:
        """Mark `start` up to `closer` as one opaque region; False when it never closes."""
        found = closer.search(self.text, start + 1)
        if found is None:
            return False
        end = found.end()
        if line_end:
            newline = self.text.find("\n", end)
            end = len(self.text) if newline < 0 else newline + 1
        self.regions.append(Region(kind, start, end))
        # Whatever follows the closer on its line is prose: scan() fills that gap inline.
        self.line = bisect.bisect_right(self.line_starts, end - 1) + 1
        return True

    def _atx_heading(self, line: int, start: int, end: int, atx: re.Match[str]) -> None:
        text, anchor = _split_attr_list(atx[2].strip().rstrip("#"))
        self.headings.append(Heading(len(atx[1]), text, anchor, line, start, end))

    def _setext_heading(self, first_line: int, end: int, marker: str) -> None:
        text, anchor = _split_attr_list(self._content(first_line).strip())
        start = self._bounds(first_line)[0]
        level = 1 if marker == "=" else 2
        self.headings.append(Heading(level, text, anchor, first_line, start, end, setext=True))


def _split_attr_list(text: str) -> tuple[str, str | None]:
    attrs = _ATTR_LIST.search(text)
    if attrs is None:
        return text.strip(), None
    ident = _ATTR_ID.search(attrs[1])
    return text[: attrs.start()].strip(), ident[1] if ident else None


def _inline_regions(text: str, start: int, end: int) -> list[Region]:
    """Split a prose run into prose, code spans, inline comments and inline ``<code>``."""
    regions: list[Region] = []
    cursor = start
    position = start
    while True:
        match = _INLINE.search(text, position, end)
        if match is None:
            break
        token = match.group()
        opened = match.start()
        if token.startswith("`"):
            if is_escaped(text, opened):
                position = opened + 1  # the rest of the run may still open a span
                continue
            closed = _code_span_end(text, opened, len(token), end)
            if closed is None:
                position = match.end()
                continue
            kind = Kind.CODE_SPAN
        elif token == "<!--":
            found = text.find("-->", opened + 4, end)
            if found < 0:
                position = match.end()
                continue
            closed, kind = found + 3, Kind.HTML_COMMENT
        else:
            tag = _CLOSE_CODE_TAG.search(text, match.end(), end)
            if tag is None:
                position = match.end()
                continue
            closed, kind = tag.end(), Kind.RAW_HTML
        if opened > cursor:
            regions.append(Region(Kind.PROSE, cursor, opened))
        regions.append(Region(kind, opened, closed))
        cursor = position = closed
    if cursor < end:
        regions.append(Region(Kind.PROSE, cursor, end))
    return regions


def _code_span_end(text: str, opened: int, ticks: int, end: int) -> int | None:
    """End offset of a code span opened by backticks at `opened`, if it closes.

    Python-Markdown's pattern backtracks: a run of three that never closes may still open a span
    of one or two, so shorter openings are tried too (more code, never less, is the safe side).
    """
    paragraph_end = _BLANK_LINE.search(text, opened, end)
    limit = paragraph_end.start() if paragraph_end else end
    for width in range(ticks, 0, -1):
        position = opened + width + 1  # a span holds at least one character
        while position < limit:
            found = text.find("`", position, limit)
            if found < 0:
                break
            run_end = found
            while run_end < limit and text[run_end] == "`":
                run_end += 1
            # A closing run stands alone: not glued to a backtick before it (the opening's rest).
            if run_end - found == width and text[found - 1] != "`":
                return run_end
            position = run_end
    return None


def is_escaped(text: str, offset: int) -> bool:
    """True when an odd number of backslashes precedes `offset`."""
    backslashes = 0
    while offset - backslashes > 0 and text[offset - backslashes - 1] == "\\":
        backslashes += 1
    return backslashes % 2 == 1
