"""Extraction: every requirement an RDS page defines, with its line and where its marks go."""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from ..markdown import RegionKind
from ..markdown.tables import CELL_BORDER
from .requirements import Requirement, RequirementSyntax, Style, title_and_status

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ..markdown import Document, Heading

_SEPARATOR = re.compile(r"^[ \t]*(?:[:|.)\]]|[—–-](?=\s))[ \t]*")
_LIST_ITEM = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>[*+-]|\d{1,9}[.)])[ \t]+(?P<rest>.*)$")
_NUMBERED_TITLE = re.compile(
    r"^(\*\*|__)(?P<title>.+?)\1(?P<status>\s*[(\[]\s*(?:draft|deprecated)\s*[)\]])?\s*:?\s*(?P<text>.*)$",
    re.IGNORECASE,
)
_TITLE_END = re.compile(r"\s+[—–-]\s+|:\s+|;\s+|\s*\.\s*$|\.\s+")
_TABLE_SEPARATOR = re.compile(r"^\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")
_HEADING_MARKS = re.compile(r"[ \t>]*#*[ \t]*")


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
        return self._with_ends(found)

    def _with_ends(self, found: list[Requirement]) -> list[Requirement]:
        """Each requirement with where its text ends: a heading's at the next heading of its
        level or above, an item's where its list item ends, a row's with its line; and none
        past the start of the next requirement, so that each line is looked at once."""
        doc = self.doc
        last_line = doc.line_of(len(doc.text))
        levels = {heading.line: heading for heading in doc.headings}
        starts = doc.heading_starts
        ended = []
        for index, requirement in enumerate(found):
            following = found[index + 1].line if index + 1 < len(found) else last_line + 1
            if index + 1 < len(found) and found[index + 1].style == "table":
                # A table of requirements starts at its header row, which is none of ours.
                while following - 1 > requirement.line and following - 1 in doc.table_lines:
                    following -= 1
            limit = doc.line_start(following) if following <= last_line else len(doc.text)
            line_end = doc.text.find("\n", doc.line_start(requirement.line))
            line_end = len(doc.text) if line_end < 0 else line_end
            if requirement.style == "table" or line_end >= limit:
                end = min(line_end, limit)
            elif requirement.style == "heading":
                end = self._section_end(levels[requirement.line], starts, limit)
            else:
                end = self._item_end(requirement.line, following)
            ended.append(requirement._replace(end=end))
        return ended

    def _section_end(self, heading: Heading, starts: list[int], limit: int) -> int:
        headings = self.doc.headings
        for index in range(bisect.bisect_right(starts, heading.start), len(headings)):
            other = headings[index]
            if other.start >= limit:
                break
            if other.level <= heading.level:
                return other.start
        return limit

    def _item_end(self, line: int, following: int) -> int:
        """Where a list item ends, before line `following` at the latest: at a line indented no
        deeper than its marker that starts something else (another item, a heading, a fence,
        a paragraph after a blank line). Its sub-items and indented paragraphs are its own."""
        doc = self.doc
        first = doc.line_text(line)
        indent = len(first) - len(first.lstrip())
        blank_before = False
        last = line
        for probe in range(line + 1, following):
            text = doc.line_text(probe)
            if not text.strip():
                blank_before = True
                continue
            depth = len(text) - len(text.lstrip())
            if depth <= indent and (
                blank_before
                or _LIST_ITEM.match(text)
                or text.lstrip().startswith(("#", "```", "~~~", "|"))
            ):
                break
            blank_before = False
            last = probe
        return doc.line_start(last) + len(doc.line_text(last))

    def _requirement(
        self,
        requirement_id: str,
        raw_title: str,
        line: int,
        style: Style,
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
            marks = _HEADING_MARKS.match(line)
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

    def _continues_list(self, previous: int, line: int) -> bool:
        """Whether only blank or indented lines stand between two numbered items."""
        if not previous:
            return False
        for between in range(previous + 1, line):
            text = self.doc.line_text(between)
            if text.strip() and not text.startswith((" ", "\t")):
                return False
        return True

    def _in_table(self, line: int) -> bool:
        """Whether a row sits under a table's separator row, within one block of lines."""
        if line - 1 in self._table_rows:
            self._table_rows.add(line)
            return True
        for probe in range(line - 1, 0, -1):
            text = self.doc.line_text(probe).strip()
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
        first = self.doc.line_text(line)
        item_indent = len(first) - len(first.lstrip())
        while last + 1 <= total:
            following = self.doc.line_text(last + 1)
            ends_paragraph = following.lstrip().startswith(("#", "```", "~~~"))
            if not following.strip() or _LIST_ITEM.match(following) or ends_paragraph:
                break
            if len(following) - len(following.lstrip()) < item_indent:
                break
            last += 1
        return self.doc.line_start(last) + len(self.doc.line_text(last))


def _prose_lines(doc: Document) -> Iterator[tuple[int, int, int]]:
    """Line number, start and end (no newline) of every body line that is not code."""
    block_kinds = (
        RegionKind.FENCE,
        RegionKind.INDENTED_CODE,
        RegionKind.HTML_COMMENT,
        RegionKind.RAW_HTML,
    )
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
