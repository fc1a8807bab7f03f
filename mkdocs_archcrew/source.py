"""One Markdown scanner for every feature: what is prose, what is code, where the headings are.

It reads a page the way Python-Markdown (the renderer MkDocs uses) does, for the extensions the
site enables (`Dialect`): fences of fenced_code or superfences, admonitions, details, tabs,
tables, quotes, lists, raw HTML, code spans with Python-Markdown 3.10's pairing rules. The
property tests render generated pages with Python-Markdown itself and check that what it shows
as code is never filled and what it shows as prose is. Known limit: unusual blocks glued
together without a blank line (a table straight under a fence inside a tab, quotes interleaved
with unclosed fences) can still be read differently in rare cases.
"""

from __future__ import annotations

import bisect
import enum
import functools
import re
from array import array
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

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


class Region(NamedTuple):
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


class Heading(NamedTuple):
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
    _line_starts: array[int] = field(repr=False)
    """Offset of each line's first character, packed: a list would hold an int object per line
    of every page of the project while it is read."""

    @property
    def body_start(self) -> int:
        return self.front_matter.end if self.front_matter else 0

    def line_of(self, offset: int) -> int:
        """1-based line number of a character offset."""
        return bisect.bisect_right(self._line_starts, offset)

    def line_start(self, line: int) -> int:
        """Offset of the first character of a 1-based line."""
        return self._line_starts[line - 1]

    @functools.cached_property
    def region_starts(self) -> list[int]:
        return [region.start for region in self.regions]

    def of_kind(self, *kinds: Kind) -> Iterator[Region]:
        return (region for region in self.regions if region.kind in kinds)


@dataclass(frozen=True, slots=True)
class Dialect:
    """The Markdown extensions that change block structure, and so what counts as code."""

    titled_blocks: frozenset[str] = frozenset({"!!!", "???", "???+", "==="})
    """Openers of blocks with a title line and an indented body: ``!!!`` (admonition),
    ``???``/``???+`` (pymdownx.details), ``===`` (pymdownx.tabbed)."""
    nested_fences: bool = True
    """Fences may be indented, in lists and quotes (pymdownx.superfences); otherwise a fence
    starts at the first column (Python-Markdown's fenced_code)."""
    tables: bool = True
    """Pipe tables (the ``tables`` extension, on in MkDocs by default)."""

    @classmethod
    def from_extensions(cls, names: list[str]) -> Dialect:
        titled = {
            "admonition": ("!!!",),
            "pymdownx.details": ("???", "???+"),
            "pymdownx.tabbed": ("===",),
        }
        return cls(
            frozenset(opener for name in names for opener in titled.get(name, ())),
            "pymdownx.superfences" in names,
            "tables" in names,
        )


DEFAULT_DIALECT = Dialect()
"""Material for MkDocs' usual set: admonitions, details, tabs and superfences."""


# MkDocs' own front-matter pattern (mkdocs.utils.meta), so both agree on where the block ends.
_FRONT_MATTER = re.compile(r"-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
_QUOTE_PREFIX = re.compile(r"(?: {0,3}>[ ]?)+")
_FENCE_OPEN = re.compile(r"(?P<fence>`{3,}|~{3,})(?P<info>.*)")
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
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_INLINE_HTML = re.compile(r"<!--|<code(?=[\s>])", re.IGNORECASE)
_TICKS = re.compile(r"`+")
_CLOSE_CODE_TAG = re.compile(r"</code\s*>", re.IGNORECASE)
_COMMENT_CLOSE = re.compile("-->")
_NEWLINE = re.compile("\n")
CELL_BORDER = re.compile(r"(?<!\\)\|")
"""A pipe between table cells: one not escaped with a backslash."""


def _closing_tag(name: str) -> re.Pattern[str]:
    return re.compile(rf"</{name}\s*>", re.IGNORECASE)


def scan(text: str, *, front_matter: bool = True, dialect: Dialect = DEFAULT_DIALECT) -> Document:
    """Split a page's text (newlines already ``\\n``) into front matter, prose and code.

    Pass ``front_matter=False`` for a piece of a page, whose leading ``---`` is a rule.
    """
    line_starts = [0]
    line_starts.extend(match.end() for match in _NEWLINE.finditer(text))
    meta = _FRONT_MATTER.match(text) if front_matter else None
    front_matter_block = FrontMatter(0, meta.end(), meta.start(1), meta.end(1)) if meta else None
    blocks = _BlockScanner(text, meta.end() if meta else 0, line_starts, dialect)
    blocks.run()
    # superfences leaves each fence inside its paragraph, as one opaque character: inline code
    # spans are found across it (and may swallow it). Every other block is a wall.
    inline_fences = dialect.nested_fences
    fences = [block for block in blocks.regions if inline_fences and block.kind is Kind.FENCE]
    walls = [block for block in blocks.regions if not (inline_fences and block.kind is Kind.FENCE)]
    fence_starts = [fence.start for fence in fences]
    masked = _masked(text, fences)
    regions: list[Region] = []
    cursor = blocks.body_start
    for wall in [*walls, Region(Kind.PROSE, len(text), len(text))]:
        if wall.start > cursor:
            for region in _inline_regions(masked, cursor, wall.start, blocks.breaks):
                if region.kind is Kind.PROSE:
                    regions.extend(_cut_out(region, fences, fence_starts))
                else:
                    regions.append(region)
        if wall.end > wall.start:
            regions.append(wall)
        cursor = wall.end
    headings = tuple(blocks.headings)
    return Document(text, front_matter_block, tuple(regions), headings, array("l", line_starts))


def _masked(text: str, regions: list[Region]) -> str:
    """`text` with each region blanked out by NUL characters, offsets unchanged."""
    if not regions:
        return text
    pieces, cursor = [], 0
    for region in regions:
        pieces.append(text[cursor : region.start])
        pieces.append("\0" * (region.end - region.start))
        cursor = region.end
    pieces.append(text[cursor:])
    return "".join(pieces)


def _cut_out(prose: Region, fences: list[Region], fence_starts: list[int]) -> list[Region]:
    """A prose region with the fences inside it given back as regions of their own."""
    pieces: list[Region] = []
    cursor = prose.start
    first = bisect.bisect_left(fence_starts, prose.start)
    for fence in fences[first:]:
        if fence.start >= prose.end:
            break
        if fence.start > cursor:
            pieces.append(Region(Kind.PROSE, cursor, fence.start))
        pieces.append(fence)
        cursor = fence.end
    if cursor < prose.end:
        pieces.append(Region(Kind.PROSE, cursor, prose.end))
    return pieces


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


class _BlockScanner:
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
        self.paragraph_first_line: int | None = None
        """The line of a paragraph one line long so far: a setext underline may follow it."""

    def _bounds(self, line: int) -> tuple[int, int, int]:
        """Start, end (without newline) and next-line start of a 1-based line."""
        start = self.line_starts[line - 1]
        if line < len(self.line_starts):
            nxt = self.line_starts[line]
            return start, nxt - 1, nxt
        return start, len(self.text), len(self.text)

    def _content(self, line: int) -> str:
        """A line without its blockquote markers."""
        return self._quoted(line)[0]

    def _quoted(self, line: int) -> tuple[str, int]:
        """A line without its blockquote markers, and how many there were."""
        start, end, _ = self._bounds(line)
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
        start, end, nxt = self._bounds(self.line)
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
                self.line += 1
        elif self.boundary and line.indent >= line.base + 4:
            # Indented code first: a fence inside it is code either way, and ends within it.
            self._indented_code(line.number, line.base + 4)
            self._block_ended(boundary=True)
        elif self.boundary and self._table_at(line.number, line.stripped):
            self.in_table = True
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
            Kind.HTML_COMMENT, line.end - len(line.stripped), _COMMENT_CLOSE, line_end=False
        ):
            # A comment is lifted out as a block of its own (ending any list it stood in),
            # unless text follows it on its line.
            alone = not self._rest_of_line(self.regions[-1].end).strip()
            self._block_ended(boundary=alone, left_of=line.indent)
        elif (
            line.indent < line.base + 4
            and (html := _RAW_HTML_BLOCK.match(line.stripped))
            and self._until(Kind.RAW_HTML, line.start, _closing_tag(html[1]), line_end=True)
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
        header_cells = _table_cells(stripped.strip())
        if len(header_cells) < 2 and not stripped.strip().startswith("|"):
            return False
        cells = _table_cells(separator)
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
        fence = _FENCE_OPEN.match(stripped)
        return fence is not None and self._closing_fence(self.line, fence["fence"]) > 0

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
        fence = _FENCE_OPEN.match(line.stripped)
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
        """Mark a fenced block; False when it never closes (Python-Markdown then sees no fence).

        superfences closes a fence only at the opening's own indentation and quote depth, and
        gives it up at a line indented less or quoted differently; fenced_code closes it only
        with the same fence at the first column.
        """
        start = self._bounds(line)[0]
        closing = self._closing_fence(line, fence)
        if closing > 0:
            self.regions.append(Region(Kind.FENCE, start, self._bounds(closing)[2], info))
            self.line = closing + 1
            return True
        if self.dialect.nested_fences:
            # superfences read the lines up to there (or to the end) as the lost fence's content.
            self.no_fence_until = -closing if closing else len(self.line_starts)
        return False

    def _closing_fence(self, line: int, fence: str) -> int:
        """The line closing a fence opened on `line`; minus the line that made superfences give
        it up; 0 when it runs to the end."""
        if not self.dialect.nested_fences:
            for later in range(line + 1, len(self.line_starts) + 1):
                start, end, _ = self._bounds(later)
                if self.text[start:end].rstrip(" ") == fence:
                    return later
            return 0
        # superfences reads each later line's prefix (`>`, spaces, tabs) only as far as the
        # opening's own prefix reaches, then judges the rest.
        start, end, _ = self._bounds(line)
        opening = self.text[start:end]
        prefix = _read_prefix(opening, 4 * len(opening))[0]
        width, quotes = len(prefix), prefix.count(">")
        empty_lines = False
        for later in range(line + 1, len(self.line_starts) + 1):
            start, end, _ = self._bounds(later)
            prefix, content = _read_prefix(self.text[start:end], width)
            level = prefix.count(">")
            if not (prefix + content).strip() or (quotes and not content):
                empty_lines = True
                continue
            if level > quotes or (not quotes and level):
                return -later  # a quote where the fence had none, or a deeper one
            if len(prefix) < width or (quotes and empty_lines and level < quotes):
                return -later  # not indented enough
            if content.rstrip(" \t") == fence and not content.startswith((" ", "\t")):
                return later
        return 0

    def _indented_code(self, line: int, column: int) -> None:
        """Mark an indented code block: its lines at `column` or deeper, in the same quote."""
        start = self._bounds(line)[0]
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
        end = self._bounds(last_code)[2]
        self.regions.append(Region(Kind.INDENTED_CODE, start, end))
        self.line = last_code + 1

    def _until(self, kind: Kind, start: int, closer: re.Pattern[str], *, line_end: bool) -> bool:
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
        start = self._bounds(first_line)[0]
        level = 1 if marker == "=" else 2
        self.headings.append(Heading(level, text, anchor, first_line, start, end, setext=True))


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


def _table_cells(row: str) -> list[str]:
    """The cells of a table row, outer pipes dropped (Python-Markdown's reading)."""
    row = row.strip()
    if row.startswith("|"):
        row = row[1:]
    if row.endswith("|") and not row.endswith("\\|"):
        row = row[:-1]
    return CELL_BORDER.split(row)


def _split_attr_list(text: str) -> tuple[str, str | None]:
    attrs = _ATTR_LIST.search(text)
    if attrs is None:
        return text.strip(), None
    ident = _ATTR_ID.search(attrs[1])
    return text[: attrs.start()].strip(), ident[1] if ident else None


def _inline_regions(text: str, start: int, end: int, breaks: list[int]) -> list[Region]:
    """Split a prose run into prose, code spans, inline comments and inline ``<code>``.

    Python-Markdown finds code spans first, over the whole paragraph, and raw HTML afterwards in
    what is left; the two passes here keep that order.
    """
    spans = _code_spans(text, start, end, breaks)
    marked: list[Region] = []
    span_index = 0
    position = start
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
        if match.group() == "<!--":
            found = text.find("-->", opened + 4, end)
            closed, kind = (found + 3 if found >= 0 else -1), Kind.HTML_COMMENT
        else:
            tag = _CLOSE_CODE_TAG.search(text, match.end(), end)
            closed, kind = (tag.end() if tag else -1), Kind.RAW_HTML
        if closed < 0:
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
            regions.append(Region(Kind.PROSE, cursor, region.start))
        regions.append(region)
        cursor = region.end
    if cursor < end:
        regions.append(Region(Kind.PROSE, cursor, end))
    return regions


def _code_spans(text: str, start: int, end: int, breaks: list[int]) -> list[Region]:
    spans: list[Region] = []
    position = start
    while (opened := text.find("`", position, end)) >= 0:
        run = _TICKS.match(text, opened, end)
        ticks = run.end() - opened if run else 1
        if is_escaped(text, opened):
            position = opened + 1  # the rest of the run may still open a span
            continue
        # A span stays within its paragraph: up to the next block or blank line.
        block_end = bisect.bisect_right(breaks, opened)
        limit = min(end, breaks[block_end]) if block_end < len(breaks) else end
        blank = _BLANK_LINE.search(text, opened, limit)
        limit = blank.start() if blank else limit
        closed = _code_span_end(text, opened, limit)
        if closed is None:
            # Python-Markdown resumes twice the run's length past its start, skipping any
            # backticks right after the run as well (but not past its paragraph).
            position = min(opened + 2 * ticks, limit)
            continue
        spans.append(Region(Kind.CODE_SPAN, opened, closed))
        position = closed
    return spans


def _code_span_end(text: str, opened: int, end: int) -> int | None:
    """End offset of a code span opened by the backtick run at `opened`, if it closes.

    Python-Markdown's rule (3.10+): the first later run of as many backticks closes the span;
    failing that, the longest shorter run does (the surplus opening ticks become content).
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
