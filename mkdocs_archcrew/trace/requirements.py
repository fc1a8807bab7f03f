"""Requirements: what one is, where it is defined, and how IDs and titles are written.

Two styles, usable together (`extract` reads them):

- an explicit ID at the start of a heading, list item or table row: ``### FR-1: Title``,
  ``- **NFR-007** Availability — ...``, ``| REQ-AUTH-3 | Login | ... |``;
- the Architect Crew numbered list: ``N. **Title**: text`` under a heading such as
  "Functional Requirements" defines ``FR-N`` (N as the reader sees it: the item's place in
  its list).

A title may carry a status marker, ``(draft)`` or ``(deprecated)`` (or in square brackets).
"""

from __future__ import annotations

import re
import sys
from typing import TYPE_CHECKING, Literal, NamedTuple

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

DEFAULT_ID_PATTERN = r"[A-Z][A-Z0-9]*(?:-[A-Z][A-Z0-9]*)*-\d+(?:-[A-Z0-9]+)*(?:\.\d+)*"
"""Letters, a dash, digits; optional further ``-PART``s and ``.N`` levels: ``FR-1``,
``NFR-007``, ``REQ-AUTH-3``, ``FR-2.1``."""

DEFAULT_NUMBERED_LISTS = {"Functional Requirements": "FR", "Non-Functional Requirements": "NFR"}

Status = Literal["active", "draft", "deprecated"]
ACTIVE: Status = "active"
DRAFT: Status = "draft"
DEPRECATED: Status = "deprecated"

Style = Literal["heading", "list", "table", "numbered"]
"""How a requirement is written: a heading, a list item or a table row that starts with its
ID, or an item of an Architect Crew numbered list."""

_STATUS = re.compile(r"\s*[(\[]\s*(draft|deprecated)\s*[)\]]", re.IGNORECASE)
_DASHES_AND_SPACES = re.compile(r"[-\s]+")
_EMPHASIS = re.compile(r"^(\*\*|__|\*|_|`)(.*)\1$")
_NUMBER = re.compile(r"(\d+)")


class Requirement(NamedTuple):
    """One requirement: what it is and exactly where it is defined."""

    id: str
    title: str
    status: Status
    page: str
    """Its page's path in docs_dir."""
    file: str
    """Its page's path for messages (relative to the project folder)."""
    line: int
    style: Style
    anchor_at: int
    """Offset in the page where its text starts: where its anchor goes (and, for an item of a
    numbered list, its ID), unless it is a page's title (see `note_at`)."""
    note_at: int
    """Offset where the note saying where it is covered goes (for a heading, where its text
    starts, or the end of its line when it is the page's title: see publish/heading_markers)."""
    end: int = 0
    """Offset where its text ends: the end of its section, list item or table row, or the
    start of the next requirement if that comes first (`extract`)."""

    @property
    def anchor(self) -> str:
        """Its stable anchor in its RDS page: the ID in lower case (``fr-1``)."""
        # One string however often it is asked for: the anchor, note and links of each of
        # thousands of requirements hold it until their pages are rendered.
        return sys.intern(self.id.lower())

    @property
    def location(self) -> str:
        return f"{self.file}:{self.line}"


class RequirementSyntax:
    """How requirements are written: the ID pattern and the numbered-list headings."""

    def __init__(
        self,
        id_pattern: str = DEFAULT_ID_PATTERN,
        numbered_lists: Mapping[str, str] | None = None,
    ) -> None:
        """Raises `re.error` for an ID pattern that is not a regular expression."""
        self.id_pattern = id_pattern
        self.id = re.compile(id_pattern)
        self.numbered_lists = dict(
            DEFAULT_NUMBERED_LISTS if numbered_lists is None else numbered_lists
        )
        wrapped = r"(?:\*\*|__|`)?"
        self._leading = re.compile(
            rf"^{wrapped}(?P<id>{id_pattern})(?![\w-]){wrapped}[ \t]*(?P<rest>.*)$"
        )
        self._cell = re.compile(rf"{wrapped}(?P<id>{id_pattern}){wrapped}")
        # Longest heading text first, so "Non-Functional Requirements" wins over the
        # "Functional Requirements" it contains.
        self._headings = sorted(
            ((_normal(key), prefix) for key, prefix in self.numbered_lists.items()),
            key=lambda pair: -len(pair[0]),
        )

    def leading_id(self, text: str) -> re.Match[str] | None:
        return self._leading.match(text)

    def cell_id(self, text: str) -> str | None:
        match = self._cell.fullmatch(text.strip())
        return match["id"] if match else None

    def numbered_prefix(self, heading: str) -> str | None:
        normal = _normal(heading)
        return next((prefix for key, prefix in self._headings if key in normal), None)


def _normal(text: str) -> str:
    return _DASHES_AND_SPACES.sub(" ", text).strip().lower()


def title_and_status(text: str) -> tuple[str, Status]:
    """A requirement's title without emphasis marks or status marker, and its status."""
    status: Status = ACTIVE
    marker = _STATUS.search(text)
    if marker:
        status = DRAFT if marker[1].lower() == DRAFT else DEPRECATED
        text = text[: marker.start()] + text[marker.end() :]
    text = text.strip().strip("*_`").strip()
    emphasis = _EMPHASIS.match(text)
    while emphasis:
        text = emphasis[2].strip()
        emphasis = _EMPHASIS.match(text)
    return text, status


def natural_order(requirement_id: str) -> list[str | int]:
    """Sort key putting FR-2 before FR-10: text and numbers alternate, numbers compared as such."""
    parts: list[str | int] = list(_NUMBER.split(requirement_id))
    parts[1::2] = map(int, parts[1::2])
    return parts


def in_id_order(requirements: Iterable[Requirement]) -> list[Requirement]:
    """Requirements sorted by ID, FR-2 before FR-10, then by where they are defined."""
    return sorted(requirements, key=lambda r: (natural_order(r.id), r.file, r.line))
