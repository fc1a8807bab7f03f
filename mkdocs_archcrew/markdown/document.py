"""What the scanner makes of a page: regions of prose and code, headings, front matter, lines."""

from __future__ import annotations

import bisect
import enum
import functools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from array import array
    from collections.abc import Iterator


class RegionKind(enum.Enum):
    """What a region of a page holds."""

    PROSE = "prose"
    CODE_SPAN = "code span"
    FENCE = "fenced code"
    INDENTED_CODE = "indented code"
    HTML_COMMENT = "HTML comment"
    RAW_HTML = "raw HTML"


class Region(NamedTuple):
    """A run of text of one kind; `start`/`end` are offsets into the page text."""

    kind: RegionKind
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
    of every page of the project while it is read (500 pages: 65.7 → 64.6 MB peak)."""
    table_lines: frozenset[int] = frozenset()
    """The lines that are rows of a table (header and separator included)."""

    @property
    def body_start(self) -> int:
        return self.front_matter.end if self.front_matter else 0

    def line_of(self, offset: int) -> int:
        """1-based line number of a character offset."""
        return bisect.bisect_right(self._line_starts, offset)

    def line_start(self, line: int) -> int:
        """Offset of the first character of a 1-based line."""
        return self._line_starts[line - 1]

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its newline."""
        start = self._line_starts[line - 1]
        end = self.text.find("\n", start)
        return self.text[start : end if end >= 0 else len(self.text)]

    @functools.cached_property
    def region_starts(self) -> list[int]:
        return [region.start for region in self.regions]

    def region_index_at(self, offset: int) -> int:
        """Index of the region holding `offset` (0 before the first region)."""
        return max(0, bisect.bisect_right(self.region_starts, offset) - 1)

    @functools.cached_property
    def heading_starts(self) -> list[int]:
        return [heading.start for heading in self.headings]

    def heading_index_at(self, offset: int) -> int:
        """Index of the nearest heading at or above `offset`; -1 above the first heading."""
        return bisect.bisect_right(self.heading_starts, offset) - 1

    def of_kind(self, *kinds: RegionKind) -> Iterator[Region]:
        return (region for region in self.regions if region.kind in kinds)
