"""Sections of pages as values: found by anchor, fitted into the page that includes them."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..markdown import DEFAULT_DIALECT, Dialect, RegionKind, scan
from ..markdown.edits import Edit, splice

if TYPE_CHECKING:
    from ..markdown import Document, Heading

# Inline link or image target, and reference definitions: the URL is group "url".
_LINK_TARGET = re.compile(r"(?<=\]\()(?P<url><[^>\n]*>|[^)\s]+)")
_REFERENCE_DEF = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*(?P<url><[^>\n]*>|\S+)", re.MULTILINE)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_HEADING_MARKS = re.compile(r"[ \t>]*#+")


@dataclass(frozen=True, slots=True)
class Section:
    """The part of a page under one heading, up to the next heading of the same or higher rank."""

    heading: Heading
    content_start: int
    end: int


def find_section(doc: Document, anchor: str, ids: list[str]) -> Section | None:
    """The section whose heading has id `anchor` (ids from `heading_ids`), if any."""
    try:
        index = ids.index(anchor)
    except ValueError:
        return None
    heading = doc.headings[index]
    end = len(doc.text)
    for later in doc.headings[index + 1 :]:
        if later.level <= heading.level:
            end = later.start
            break
    return Section(heading, heading.end, end)


def shift_headings(text: str, delta: int, dialect: Dialect = DEFAULT_DIALECT) -> str:
    """Move every heading of `text` by `delta` levels (kept within 1–6), as ATX headings."""
    if delta == 0:
        return text
    doc = scan(text, front_matter=False, dialect=dialect)
    if not doc.headings:
        return text
    edits: list[Edit] = []
    for heading in doc.headings:
        level = min(6, max(1, heading.level + delta))
        first_line = text[heading.start : heading.end].split("\n", 1)[0]
        if heading.setext:
            marks_end = len(first_line) - len(first_line.lstrip(" \t"))
            line = f"{first_line[:marks_end]}{'#' * level} {first_line.strip()}\n"
        else:
            marks = _HEADING_MARKS.match(first_line)
            indent = first_line[: marks.end()].rstrip("#") if marks else ""
            rest = first_line[marks.end() :] if marks else first_line
            line = f"{indent}{'#' * level}{rest}\n"
        edits.append(Edit(heading.start, heading.end, line))
    result = splice(text, edits)
    return result if text.endswith("\n") else result.rstrip("\n")


def rebase_links(
    text: str, from_page: str, to_page: str, dialect: Dialect = DEFAULT_DIALECT
) -> str:
    """Rewrite relative link targets in the prose of `text` written on `from_page` for `to_page`.

    Links inside code are left alone; absolute URLs and site-absolute paths are kept; a bare
    ``#anchor`` points back at the page the text came from.
    """
    if from_page == to_page:
        return text
    doc = scan(text, front_matter=False, dialect=dialect)

    def fix(match: re.Match[str]) -> str:
        url = match["url"]
        bracketed = url.startswith("<")
        target = url[1:-1] if bracketed else url
        if not target or _SCHEME.match(target) or target.startswith(("/", "?")):
            return url
        path, hash_, fragment = target.partition("#")
        source = from_page if not path else posixpath.join(posixpath.dirname(from_page), path)
        relative = posixpath.relpath(posixpath.normpath(source), posixpath.dirname(to_page) or ".")
        rebased = f"{relative}{hash_}{fragment}"
        return f"<{rebased}>" if bracketed else rebased

    edits: list[Edit] = []
    for region in doc.of_kind(RegionKind.PROSE):
        piece = text[region.start : region.end]
        piece = _REFERENCE_DEF.sub(
            lambda match: match[0][: match.start("url") - match.start()] + fix(match), piece
        )
        edits.append(Edit(region.start, region.end, _LINK_TARGET.sub(fix, piece)))
    return splice(text, edits)
