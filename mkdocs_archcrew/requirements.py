"""Requirements as RDS pages define them, each with its file and line.

Two styles, usable together:

- an explicit ID at the start of a heading, list item or table row: ``### FR-1: Title``,
  ``- **NFR-007** Availability — ...``, ``| REQ-AUTH-3 | Login | ... |``;
- the Architect Crew numbered list: ``N. **Title**: text`` under a heading such as
  "Functional Requirements" defines ``FR-N`` (N as the reader sees it: the item's place in
  its list).

A title may carry a status marker, ``(draft)`` or ``(deprecated)`` (or in square brackets).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from .source import CELL_BORDER, Kind

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

    from .source import Document, Heading

DEFAULT_ID_PATTERN = r"[A-Z][A-Z0-9]*(?:-[A-Z][A-Z0-9]*)*-\d+(?:-[A-Z0-9]+)*(?:\.\d+)*"
"""Letters, a dash, digits; optional further ``-PART``s and ``.N`` levels: ``FR-1``,
``NFR-007``, ``REQ-AUTH-3``, ``FR-2.1``."""

DEFAULT_NUMBERED_LISTS = {"Functional Requirements": "FR", "Non-Functional Requirements": "NFR"}

ACTIVE, DRAFT, DEPRECATED = "active", "draft", "deprecated"

_STATUS = re.compile(r"\s*[(\[]\s*(draft|deprecated)\s*[)\]]", re.IGNORECASE)
_DASHES_AND_SPACES = re.compile(r"[-\s]+")
_SEPARATOR = re.compile(r"^[ \t]*(?:[:|.)\]]|[—–-](?=\s))[ \t]*")
_EMPHASIS = re.compile(r"^(\*\*|__|\*|_|`)(.*)\1$")
_LIST_ITEM = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>[*+-]|\d{1,9}[.)])[ \t]+(?P<rest>.*)$")
_NUMBERED_TITLE = re.compile(
    r"^(\*\*|__)(?P<title>.+?)\1(?P<status>\s*[(\[]\s*(?:draft|deprecated)\s*[)\]])?\s*:?\s*(?P<text>.*)$",
    re.IGNORECASE,
)
_TITLE_END = re.compile(r"\s+[—–-]\s+|:\s+|;\s+|\s*\.\s*$|\.\s+")
_TABLE_SEPARATOR = re.compile(r"^\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")


class Requirement(NamedTuple):
    """One requirement: what it is and exactly where it is defined."""

    id: str
    title: str
    status: str
    page: str
    """Its page's path in docs_dir."""
    file: str
    """Its page's path for messages (relative to the project folder)."""
    line: int
    style: str
    """``heading``, ``list``, ``table`` or ``numbered``."""
    anchor_at: int
    """Offset in the page where its text starts: where its anchor goes, unless a coverage note
    carries it (list items and table rows) or it is a page's title (see `note_at`)."""
    note_at: int
    """Offset where the note saying where it is covered goes (for a heading, where its text
    starts, or the end of its line when it is the page's title: see headings.py)."""

    @property
    def anchor(self) -> str:
        """Its stable anchor in its RDS page: the ID in lower case (``fr-1``)."""
        return self.id.lower()

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


def title_and_status(text: str) -> tuple[str, str]:
    """A requirement's title without emphasis marks or status marker, and its status."""
    status = ACTIVE
    marker = _STATUS.search(text)
    if marker:
        status = marker[1].lower()
        text = text[: marker.start()] + text[marker.end() :]
    text = text.strip().strip("*_`").strip()
    emphasis = _EMPHASIS.match(text)
    while emphasis:
        text = emphasis[2].strip()
        emphasis = _EMPHASIS.match(text)
    return text, status


def _after_separator(rest: str) -> str:
    """The text after an ID: drop a leading separator such as ``:``, ``—`` or ``|``."""
    return _SEPARATOR.sub("", rest)


def extract(doc: Document, page: str, file: str, syntax: RequirementSyntax) -> list[Requirement]:
    """Every requirement `doc` defines, in page order."""
    return _Extractor(doc, page, file, syntax).run()


class _Extractor:
    def __init__(self, doc: Document, page: str, file: str, syntax: RequirementSyntax) -> None:
        self.doc, self.page, self.file, self.syntax = doc, page, file, syntax
        self._table_rows: set[int] = set()
        """Lines known to be rows under a table's separator (filled as tables are met)."""

    def run(self) -> list[Requirement]:
        doc = self.doc
        found: list[Requirement] = []
        heading_lines = {heading.line: heading for heading in doc.headings}
        prefixes = _section_prefixes(doc, self.syntax)
        numbered_prefix: str | None = None
        list_position = 0
        last_numbered_line = 0
        for line, start, end in _prose_lines(doc):
            text = doc.text[start:end]
            requirement: Requirement | None = None
            heading = heading_lines.get(line)
            item = _LIST_ITEM.match(text) if heading is None else None
            if heading is not None:
                numbered_prefix = prefixes[heading.line]
                list_position = 0
                requirement = self._from_heading(heading)
            elif item is not None:
                requirement = self._from_list_item(item, line, start)
                if item["marker"][0].isdigit() and len(item["indent"].expandtabs(4)) < 4:
                    # A list restarts after anything but its own items and their indented lines.
                    if not self._continues_list(last_numbered_line, line):
                        list_position = 0
                    list_position += 1
                    last_numbered_line = line
                    if requirement is None and numbered_prefix:
                        requirement = self._numbered(
                            item, line, start, f"{numbered_prefix}-{list_position}"
                        )
            elif "|" in text:
                requirement = self._from_table_row(text, line, start, end)
            if requirement is not None:
                found.append(requirement)
        return found

    def _requirement(
        self,
        requirement_id: str,
        raw_title: str,
        line: int,
        style: str,
        *,
        anchor_at: int,
        note_at: int,
    ) -> Requirement | None:
        title, status = title_and_status(raw_title)
        if not title:
            return None
        return Requirement(
            requirement_id,
            title,
            status,
            self.page,
            self.file,
            line,
            style,
            anchor_at,
            note_at,
        )

    def _from_heading(self, heading: Heading) -> Requirement | None:
        match = self.syntax.leading_id(heading.text)
        if match is None:
            return None
        line = self.doc.text[heading.start : heading.end]
        if self._is_title(heading, line):
            # MkDocs reads a page's title from its first line until the page is rendered, and
            # plugins ask for it then (Material's social cards): the markers follow that line.
            anchor_at = heading.start + len(line.rstrip("\r\n"))
        else:
            marks = re.match(r"[ \t>]*#*[ \t]*", line)
            anchor_at = heading.start + (marks.end() if marks else 0)
        return self._requirement(
            match["id"],
            _after_separator(match["rest"]),
            heading.line,
            "heading",
            anchor_at=anchor_at,
            note_at=anchor_at,
        )

    def _is_title(self, heading: Heading, line: str) -> bool:
        """Whether `heading` (written as `line`) is the ``# Title`` line a page starts with."""
        return (
            heading.level == 1
            and not heading.setext
            and line.lstrip(" ").startswith("#")
            and not self.doc.text[self.doc.body_start : heading.start].strip()
        )

    def _from_list_item(self, item: re.Match[str], line: int, start: int) -> Requirement | None:
        match = self.syntax.leading_id(item["rest"])
        if match is None:
            return None
        rest = _after_separator(match["rest"])
        cut = _TITLE_END.search(rest)
        return self._requirement(
            match["id"],
            rest[: cut.start()] if cut else rest,
            line,
            "list",
            anchor_at=start + item.start("rest"),
            note_at=self._paragraph_end(line),
        )

    def _numbered(
        self, item: re.Match[str], line: int, start: int, requirement_id: str
    ) -> Requirement | None:
        match = _NUMBERED_TITLE.match(item["rest"])
        if match is None:
            return None
        return self._requirement(
            requirement_id,
            match["title"] + (match["status"] or ""),
            line,
            "numbered",
            anchor_at=start + item.start("rest"),
            note_at=self._paragraph_end(line),
        )

    def _from_table_row(self, text: str, line: int, start: int, end: int) -> Requirement | None:
        stripped = text.strip()
        if _TABLE_SEPARATOR.match(stripped):
            return None
        body = stripped[1:] if stripped.startswith("|") else stripped
        cells = CELL_BORDER.split(body)
        if len(cells) < 2:
            return None
        requirement_id = self.syntax.cell_id(cells[0])
        if requirement_id is None or not self._in_table(line):
            return None
        leading = len(text) - len(text.lstrip())
        anchor_at = start + leading + (1 if stripped.startswith("|") else 0)
        anchor_at += len(cells[0]) - len(cells[0].lstrip())
        note_at = start + text.rstrip().rfind("|") if stripped.endswith("|") else end
        return self._requirement(
            requirement_id, cells[1], line, "table", anchor_at=anchor_at, note_at=note_at
        )

    def _line(self, line: int) -> str:
        start = self.doc.line_start(line)
        end = self.doc.text.find("\n", start)
        return self.doc.text[start : end if end >= 0 else len(self.doc.text)]

    def _continues_list(self, previous: int, line: int) -> bool:
        """Whether only blank or indented lines stand between two numbered items."""
        if not previous:
            return False
        for between in range(previous + 1, line):
            text = self._line(between)
            if text.strip() and not text.startswith((" ", "\t")):
                return False
        return True

    def _in_table(self, line: int) -> bool:
        """Whether a row sits under a table's separator row, within one block of lines."""
        if line - 1 in self._table_rows:
            self._table_rows.add(line)
            return True
        for probe in range(line - 1, 0, -1):
            text = self._line(probe).strip()
            if not text or "|" not in text:
                return False
            if _TABLE_SEPARATOR.match(text):
                self._table_rows.add(line)
                return True
        return False

    def _paragraph_end(self, line: int) -> int:
        """End of the last line of a list item's first paragraph (before its newline)."""
        last = line
        total = self.doc.line_of(len(self.doc.text))
        first = self._line(line)
        item_indent = len(first) - len(first.lstrip())
        while last + 1 <= total:
            following = self._line(last + 1)
            ends_paragraph = following.lstrip().startswith(("#", "```", "~~~"))
            if not following.strip() or _LIST_ITEM.match(following) or ends_paragraph:
                break
            if len(following) - len(following.lstrip()) < item_indent:
                break
            last += 1
        return self.doc.line_start(last) + len(self._line(last))


def _prose_lines(doc: Document) -> Iterator[tuple[int, int, int]]:
    """Line number, start and end (no newline) of every body line that is not code."""
    block_kinds = (Kind.FENCE, Kind.INDENTED_CODE, Kind.HTML_COMMENT, Kind.RAW_HTML)
    blocked = [(r.start, r.end) for r in doc.regions if r.kind in block_kinds]
    index = 0
    for line in range(doc.line_of(doc.body_start), doc.line_of(len(doc.text)) + 1):
        start = doc.line_start(line)
        if start >= len(doc.text):
            break
        end = doc.text.find("\n", start)
        end = len(doc.text) if end < 0 else end
        while index < len(blocked) and blocked[index][1] <= start:
            index += 1
        if index < len(blocked) and blocked[index][0] <= start:
            continue
        yield line, start, end


def _section_prefixes(doc: Document, syntax: RequirementSyntax) -> dict[int, str | None]:
    """For each heading line, the numbered-list prefix in force under it: its own, or that of
    the nearest enclosing heading that has one."""
    prefixes: dict[int, str | None] = {}
    enclosing: list[tuple[int, str | None]] = []  # (level, prefix) of the open headings
    for heading in doc.headings:
        while enclosing and enclosing[-1][0] >= heading.level:
            enclosing.pop()
        prefix = syntax.numbered_prefix(heading.text) or (enclosing[-1][1] if enclosing else None)
        enclosing.append((heading.level, prefix))
        prefixes[heading.line] = prefix
    return prefixes
