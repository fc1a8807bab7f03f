"""Sections of pages: finding one by its anchor, and fitting its text into another page."""

from __future__ import annotations

import posixpath
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from .source import DEFAULT_DIALECT, Dialect, Document, Heading, Kind, scan

Slugify = Callable[[str], str]

_EMPHASIS = re.compile(r"(\*{1,3}|_{1,3})(?=\S)(.+?)(?<=\S)\1")
_CODE = re.compile(r"(`+)(.+?)\1")
_NOT_SLUG = re.compile(r"[^\w\s-]")
_DASHES_AND_SPACES = re.compile(r"[-\s]+")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|!?\[([^\]]*)\]\[[^\]]*\]")
_TAG = re.compile(r"<[^>]+>")
# Inline link or image target, and reference definitions: the URL is group "url".
_LINK_TARGET = re.compile(r"(?<=\]\()(?P<url><[^>\n]*>|[^)\s]+)")
_REFERENCE_DEF = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*(?P<url><[^>\n]*>|\S+)", re.MULTILINE)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def default_slugify(text: str) -> str:
    """Python-Markdown's default heading id (``toc`` extension, ``-`` separator)."""
    value = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    value = _NOT_SLUG.sub("", value).strip().lower()
    return _DASHES_AND_SPACES.sub("-", value)


def heading_plain_text(text: str) -> str:
    """A heading's text as the reader sees it: no emphasis marks, code ticks, link targets, tags."""
    text = _LINK.sub(lambda match: match[1] if match[1] is not None else match[2], text)
    text = _CODE.sub(lambda match: match[2].strip(), text)
    text = _TAG.sub("", text)
    previous = None
    while previous != text:
        previous, text = text, _EMPHASIS.sub(lambda match: match[2], text)
    return text.strip()


def heading_ids(doc: Document, slugify: Slugify) -> list[str]:
    """The id of each heading of `doc`, in order, made unique the way the ``toc`` extension does."""
    seen: set[str] = set()
    ids: list[str] = []
    for heading in doc.headings:
        ident = heading.anchor or slugify(heading_plain_text(heading.text))
        if ident in seen or not ident:
            base, count = ident, 1
            while f"{base}_{count}" in seen:
                count += 1
            ident = f"{base}_{count}"
        seen.add(ident)
        ids.append(ident)
    return ids


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
    pieces: list[str] = []
    cursor = 0
    for heading in doc.headings:
        level = min(6, max(1, heading.level + delta))
        first_line = text[heading.start : heading.end].split("\n", 1)[0]
        if heading.setext:
            marks_end = len(first_line) - len(first_line.lstrip(" \t"))
            line = f"{first_line[:marks_end]}{'#' * level} {first_line.strip()}\n"
        else:
            marks = re.match(r"[ \t>]*#+", first_line)
            indent = first_line[: marks.end()].rstrip("#") if marks else ""
            rest = first_line[marks.end() :] if marks else first_line
            line = f"{indent}{'#' * level}{rest}\n"
        pieces.append(text[cursor : heading.start])
        pieces.append(line)
        cursor = heading.end
    pieces.append(text[cursor:])
    result = "".join(pieces)
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

    pieces: list[str] = []
    for region in doc.regions:
        piece = text[region.start : region.end]
        if region.kind is Kind.PROSE:
            piece = _REFERENCE_DEF.sub(
                lambda match: match[0][: match.start("url") - match.start()] + fix(match), piece
            )
            piece = _LINK_TARGET.sub(fix, piece)
        pieces.append(piece)
    return "".join(pieces)
