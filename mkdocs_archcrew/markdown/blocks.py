"""The block pass of the scanner: which lines are code, comments, raw HTML, headings, tables.

It reads a page line by line as Python-Markdown's block parser does, for the extensions the
site enables (`Dialect`): fences of fenced_code or superfences (`fences`), admonitions,
details, tabs, tables, quotes, lists, raw HTML. Known limit: unusual blocks glued together
without a blank line (a table straight under a fence inside a tab, quotes interleaved with
unclosed fences) can still be read differently in rare cases.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .document import Heading, Region, RegionKind
from .fences import FENCE_OPEN, closing_fence, line_bounds
from .tables import table_cells

if TYPE_CHECKING:
    from .dialect import Dialect

_QUOTE_PREFIX = re.compile(r"(?: {0,3}>[ ]?)+")
_ATX = re.compile(r"(#{1,6})(.*)")  # Python-Markdown needs no space after the marks
_ATTR_LIST = re.compile(r"[ \t]*\{:?[ \t]*([^}\n]*)\}[ \t]*$")
_ATTR_ID = re.compile(r"(?:^|[ \t])#([^\s#.}]+)")
_SETEXT = re.compile(r"(=+|-+)[ \t]*$")
_RULE = re.compile(r"(?:(?:-+[ ]{0,2}){3,}|(?:_+[ ]{0,2}){3,}|(?:\*+[ ]{0,2}){3,})[ ]*$")
# Openers of blocks whose content is indented under them. A list item (or footnote, or
# definition) starts with text that later lines may continue; an admonition, details or content
# tab line is a title only, and its indented body starts a block of its own.
_CONTAINER = re.compile(
    r"(?:[*+-]|\d{1,9}[.)])(?:[ \t]|$)|\[\^[^\]\n]+\]:|:[ \t]|(?P<titled>!!!|\?\?\?\+?|===)[ \t]"
)
_RAW_HTML_BLOCK = re.compile(r"<(pre|script|style|textarea)(?=[\s>]|$)", re.IGNORECASE)
_COMMENT_CLOSE = re.compile("-->")


def _closing_tag(name: str) -> re.Pattern[str]:
    return re.compile(rf"</{name}\s*>", re.IGNORECASE)


def _indent_width(line: str) -> int:
    """Columns of leading whitespace, tabs advancing to the next multiple of four."""
    spaces = len(line) - len(line.lstrip(" "))
    if spaces == len(line) or line[spaces] != "\t":
        return spaces  # no tab before the text: the common case
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


@dataclass(slots=True)
class _Line:
    """One line of the page as the block pass sees it."""

    number: int
    start: int
    end: int
    next: int
    content: str
    """The line without its blockquote markers."""
    depth: int
    """How many blockquote markers it has."""
    base: int = 0
    """Column where the body of the innermost open list item or admonition starts."""
    stripped: str = field(init=False)
    indent: int = field(init=False)

    def __post_init__(self) -> None:
        self.stripped = self.content.lstrip(" \t")
        self.indent = _indent_width(self.content)


class BlockScanner:
    """Line pass finding block-level code, comments, raw HTML and headings."""

    def __init__(
        self, text: str, body_start: int, line_starts: list[int], dialect: Dialect
    ) -> None:
        self.text = text
        self.dialect = dialect
        self.body_start = body_start
        self.line_starts = line_starts
        self.regions: list[Region] = []
        self.headings: list[Heading] = []
        self.no_fence_until = 0
        self.breaks: list[int] = []
        """Line starts where a new block, and so a new run of inline text, begins."""
        self.line = bisect.bisect_right(line_starts, body_start)  # 1-based, current line
        self.containers: list[int] = []
        """Columns where the bodies of the open list items and admonitions start."""
        self.before_paragraph: list[int] = []
        self.outside_quote: list[int] = []
        self.quote = 0
        """Blockquote depth of the current block."""
        self.boundary = True
        """The next line starts a block: after a blank line, a heading, at the top."""
        self.previous_blank = True
        self.in_table = False
        """Inside a table: every line up to a blank one is a row."""
        self.table_lines: set[int] = set()
        self.paragraph_first_line: int | None = None
        """The line of a paragraph one line long so far: a setext underline may follow it."""

    def _content(self, line: int) -> str:
        """A line without its blockquote markers."""
        return self._quoted(line)[0]

    def _quoted(self, line: int) -> tuple[str, int]:
        """A line without its blockquote markers, and how many there were."""
        start, end, _ = line_bounds(self.text, self.line_starts, line)
        raw = self.text[start:end]
        if ">" not in raw[:4]:
            return raw, 0  # the common case, without a regular expression
        quote = _QUOTE_PREFIX.match(raw)
        if quote is None:
            return raw, 0
        return raw[quote.end() :], quote.group().count(">")

    def run(self) -> None:
        while self.line <= len(self.line_starts) and self.line_starts[self.line - 1] < len(
            self.text
        ):
            self._next_line()

    def _next_line(self) -> None:
        """Classify the line at `self.line` and move past it (and past any block it opens)."""
        start, end, nxt = line_bounds(self.text, self.line_starts, self.line)
        # Most lines carry on a paragraph with a letter first: such a line never changes the
        # block structure, whatever the quote, list or indentation around it.
        if (
            not self.boundary
            and not self.in_table
            and self.text[start:end].lstrip(" \t")[:1].isalpha()
        ):
            self.paragraph_first_line = None
            self.line += 1
            return
        if start == end:
            self._blank_line(0)  # an empty line: no quote markers to read
            return
        content, depth = self._quoted(self.line)
        line = _Line(self.line, start, end, nxt, content, depth)
        if not line.stripped:
            self._blank_line(depth)
            return
        # A line without `>` right after a quoted one is still quoted (Python-Markdown's quote
        # takes the rest of the block), unless it is a block that splits the quote off.
        lazy = not depth and self.quote and not self.previous_blank
        if depth > self.quote and self.boundary:
            # A quote after a blank line belongs to the list items its `>` is indented under.
            self._pop_containers_right_of(_indent_width(self.text[start:end]))
        self._enter_quote(self.quote if lazy and not self._splits(line) else depth)
        self.previous_blank = False
        if self.boundary:
            self.breaks.append(start)
            self._pop_containers_right_of(line.indent)
            self.before_paragraph = self.containers.copy()
        line.base = self.containers[-1] if self.containers else 0

        if self.in_table:
            # Every line of a table's block is a row, whatever it looks like (`> x` included),
            # except what Python-Markdown's preprocessors took out first: fences, HTML blocks.
            if not self._lifted_block(line):
                self.table_lines.add(line.number)
                self.line += 1
        elif self.boundary and line.indent >= line.base + 4:
            # Indented code first: a fence inside it is code either way, and ends within it.
            self._indented_code(line.number, line.base + 4)
            self._block_ended(boundary=True)
        elif self.boundary and self._table_at(line.number, line.stripped):
            self.in_table = True
            self.table_lines.add(line.number)
            self.line += 1
        elif not self._lifted_block(line):
            self.line += 1
            self._text_line(line)

    def _blank_line(self, depth: int) -> None:
        self._enter_quote(depth)
        self.boundary, self.paragraph_first_line, self.previous_blank = True, None, True
        self.in_table = False
        self.line += 1

    def _lifted_block(self, line: _Line) -> bool:
        """Fences and HTML blocks, which Python-Markdown lifts out before reading blocks."""
        if self._fence_at(line):
            # fenced_code lifts a fence out as a block of its own, ending any list around it;
            # superfences leaves it inside the paragraph it stands in.
            self._block_ended(boundary=not self.dialect.nested_fences, left_of=line.indent)
        elif line.stripped.startswith("<!--") and self._until(
            RegionKind.HTML_COMMENT, line.end - len(line.stripped), _COMMENT_CLOSE, line_end=False
        ):
            # A comment is lifted out as a block of its own (ending any list it stood in),
            # unless text follows it on its line.
            alone = not self._rest_of_line(self.regions[-1].end).strip()
            self._block_ended(boundary=alone, left_of=line.indent)
        elif (
            line.indent < line.base + 4
            and (html := _RAW_HTML_BLOCK.match(line.stripped))
            and self._until(RegionKind.RAW_HTML, line.start, _closing_tag(html[1]), line_end=True)
        ):
            self._block_ended(boundary=True, left_of=line.indent)
        else:
            return False
        return True

    def _text_line(self, line: _Line) -> None:
        """A line that is not code: heading, rule, block opener or paragraph text."""
        stripped, indent = line.stripped, line.indent
        relative_indent = indent - line.base
        if relative_indent < 4 and (atx := _ATX.match(stripped)):
            self._pop_containers_right_of(indent)  # a heading ends a list it is left of
            self.breaks.append(line.start)
            self._atx_heading(line.number, line.start, line.next, atx)
            self._block_ended(boundary=True)
            return
        if self.paragraph_first_line is not None and _SETEXT.match(stripped) and indent < 4:
            # The line above is a heading after all, even one that looked like a list item.
            self.containers = self.before_paragraph
            self._setext_heading(self.paragraph_first_line, line.next, stripped[0])
            self._block_ended(boundary=True)
            return
        if relative_indent < 4 and _RULE.match(stripped) and not self._underlined(line.number):
            # A rule ends the paragraph above it, wherever it stands (unlike a list item).
            self._pop_containers_right_of(indent)
            self.breaks.append(line.start)
            self._block_ended(boundary=True)
            return
        opener = _CONTAINER.match(stripped)
        titled = opener is not None and opener["titled"] is not None
        if opener and titled and opener["titled"] not in self.dialect.titled_blocks:
            opener = None  # without its extension, `!!! note` is just text
        elif opener and not (self.boundary or self.containers or titled):
            opener = None  # a list cannot interrupt a paragraph; an admonition can
        if opener:
            self.breaks.append(line.start)
            self._pop_containers_right_of(indent)
            self.containers.append(_content_column(indent))
            if titled:  # a title line only: the indented body starts a block of its own
                self._block_ended(boundary=True)
                return
        self.paragraph_first_line = line.number if self.boundary else None
        self.boundary = False

    def _table_at(self, line: int, stripped: str) -> bool:
        """A table starts here: a header row and a separator row with as many cells."""
        if not self.dialect.tables or line >= len(self.line_starts) or "|" not in stripped:
            return False
        separator = self._content(line + 1).strip()
        header_cells = table_cells(stripped.strip())
        if len(header_cells) < 2 and not stripped.strip().startswith("|"):
            return False
        cells = table_cells(separator)
        return (
            len(cells) == len(header_cells)
            and set("".join(cells)) <= set(":- ")
            and "-" in separator
        )

    def _underlined(self, line: int) -> bool:
        """A block's first line followed by ``===``/``---``: Python-Markdown tries setext
        headings before rules, so even ``---`` over ``===`` is a heading."""
        if not self.boundary or line >= len(self.line_starts):
            return False
        return bool(_SETEXT.match(self._content(line + 1).lstrip(" \t")))

    def _splits(self, line: _Line) -> bool:
        """Whether a line is a block that Python-Markdown cuts out of a quote above it."""
        stripped, indent = line.stripped, line.indent
        opener = _CONTAINER.match(stripped)
        return bool(
            (indent < 4 and (_ATX.match(stripped) or _RULE.match(stripped)))
            or (opener and opener["titled"] in self.dialect.titled_blocks)
            # In a list, the next item's marker ends a quote that started in the item before.
            or (opener and self.outside_quote and indent < self.outside_quote[-1])
            or stripped.startswith("<!--")
            or _RAW_HTML_BLOCK.match(stripped)
            or (not self.dialect.nested_fences and indent == 0 and self._closed_fence(stripped))
        )

    def _closed_fence(self, stripped: str) -> bool:
        """Whether a fence opening on the current line closes."""
        fence = FENCE_OPEN.match(stripped)
        if fence is None:
            return False
        end = closing_fence(self.text, self.line_starts, self.line, fence["fence"], nested=False)
        return end.how == "closed"

    def _enter_quote(self, depth: int) -> None:
        """Move to blockquote `depth`; a quote's content is read as a document of its own."""
        if depth > self.quote:
            if self.quote == 0:
                self.outside_quote = self.containers
            self.containers = []
            self.boundary, self.paragraph_first_line = True, None
        elif depth < self.quote:
            self.containers = self.outside_quote if depth == 0 else []
        self.quote = depth

    def _fence_at(self, line: _Line) -> bool:
        fence = FENCE_OPEN.match(line.stripped)
        if fence is None or (fence["fence"][0] == "`" and "`" in fence["info"]):
            return False
        if not self.dialect.nested_fences and (line.depth or line.indent):
            return False  # fenced_code only sees fences at the first column
        if line.number <= self.no_fence_until:
            return False  # superfences read this line as the content of an abandoned fence
        return self._fence(line.number, fence["fence"], fence["info"].strip())

    def _block_ended(self, *, boundary: bool, left_of: int | None = None) -> None:
        """A block ended; one lifted out whole (`left_of` its indent) ends lists right of it."""
        self.boundary, self.paragraph_first_line = boundary, None
        if boundary and left_of is not None:
            self._pop_containers_right_of(left_of)

    def _pop_containers_right_of(self, indent: int) -> None:
        """Close the list items and admonitions whose body starts right of `indent`."""
        while self.containers and self.containers[-1] > indent:
            self.containers.pop()

    def _rest_of_line(self, offset: int) -> str:
        newline = self.text.find("\n", offset)
        return self.text[offset : len(self.text) if newline < 0 else newline]

    def _fence(self, line: int, fence: str, info: str) -> bool:
        """Mark a fenced block; False when it never closes (Python-Markdown then sees no fence)."""
        start = line_bounds(self.text, self.line_starts, line)[0]
        nested = self.dialect.nested_fences
        closing = closing_fence(self.text, self.line_starts, line, fence, nested=nested)
        if closing.how == "closed":
            end = line_bounds(self.text, self.line_starts, closing.line)[2]
            self.regions.append(Region(RegionKind.FENCE, start, end, info))
            self.line = closing.line + 1
            return True
        if nested:
            # superfences read the lines up to there (or to the end) as the lost fence's content.
            self.no_fence_until = closing.line or len(self.line_starts)
        return False

    def _indented_code(self, line: int, column: int) -> None:
        """Mark an indented code block: its lines at `column` or deeper, in the same quote."""
        start = line_bounds(self.text, self.line_starts, line)[0]
        depth = self._quoted(line)[1]
        last_code = line
        probe = line + 1
        while probe <= len(self.line_starts):
            content, probe_depth = self._quoted(probe)
            if content.strip(" \t"):
                if _indent_width(content) < column or probe_depth != depth:
                    break
                last_code = probe
            probe += 1
        end = line_bounds(self.text, self.line_starts, last_code)[2]
        self.regions.append(Region(RegionKind.INDENTED_CODE, start, end))
        self.line = last_code + 1

    def _until(
        self, kind: RegionKind, start: int, closer: re.Pattern[str], *, line_end: bool
    ) -> bool:
        """Mark `start` up to `closer` as one opaque region.

        An unclosed comment is text to Python-Markdown (False); an unclosed raw HTML block
        (``line_end``) runs to the end of the page.
        """
        found = closer.search(self.text, start + 1)
        if found is None and not line_end:
            return False
        end = found.end() if found else len(self.text)
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
        start = line_bounds(self.text, self.line_starts, first_line)[0]
        level = 1 if marker == "=" else 2
        self.headings.append(Heading(level, text, anchor, first_line, start, end, setext=True))


def _split_attr_list(text: str) -> tuple[str, str | None]:
    attrs = _ATTR_LIST.search(text)
    if attrs is None:
        return text.strip(), None
    ident = _ATTR_ID.search(attrs[1])
    return text[: attrs.start()].strip(), ident[1] if ident else None
