"""Mentions of requirements in FRS pages: IDs and titles, each with its line and section.

IDs are found from a literal before any pattern is tried, titles through `TitleTrie`: the work
is linear in the text, never a comparison of each page with each requirement.
"""

from __future__ import annotations

import posixpath
import re
from typing import TYPE_CHECKING, NamedTuple

from ..markdown import RegionKind
from ..markdown.headings import heading_plain_text
from .requirements import DEFAULT_ID_PATTERN

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping, Sequence

    from ..markdown import Document, Region
    from .requirements import Requirement, RequirementSyntax
    from .titles import TitleTrie

_DASH_DIGIT = re.compile(r"-\d")
_RUN = re.compile(r"[\w-]*")
_LAST_PART = re.compile(r"(?:-[A-Z0-9]+|\.\d+)$")
# Spans where an ID must not become a link: existing links, HTML tags, bare URLs. Bare URLs
# have a pattern of their own: every branch of the first starts with `[` or `<`, which lets the
# regex engine skip from one such character to the next instead of trying every word.
_NO_LINK = re.compile(r"\[[^\]\n]*\]\([^)\n]*\)|\[[^\]\n]*\]\[[^\]\n]*\]|\[[^\]\n]*\]|<[^>\n]+>")
_BARE_URL = re.compile(r"\b\w+://\S+")


class Mention(NamedTuple):
    """A place in an FRS page that mentions a requirement."""

    page: str
    file: str
    line: int
    start: int
    end: int
    section: str
    """Id of the heading the mention stands under ("" above the first heading)."""
    section_label: str
    """What readers call that section: ``FRS › Title``, the page's name then the heading's
    text (the page's name alone above the first heading)."""
    linkable: bool
    """An ID written in prose, outside links and tags: it can become a link to the RDS."""


class Hit(NamedTuple):
    """A mention of a known requirement, by its ID or by its title."""

    mention: Mention
    requirement_id: str
    by_id: bool


class UnknownId(NamedTuple):
    """An ID-shaped word that names no requirement."""

    line: int
    word: str


class IdFinder:
    """Finds ID-shaped words in text."""

    def __init__(self, syntax: RequirementSyntax) -> None:
        self.pattern = re.compile(rf"(?<![\w-])(?:{syntax.id_pattern})(?![\w-])", re.IGNORECASE)
        # The default IDs all hold a dash and a digit: finding that literal first spares trying
        # the pattern at every letter of every page.
        self.dash_digit = syntax.id_pattern == DEFAULT_ID_PATTERN

    def ids_in(self, text: str) -> Iterator[re.Match[str]]:
        """Every ID-shaped word of `text`: what ``self.pattern.finditer(text)`` finds."""
        if not self.dash_digit:
            yield from self.pattern.finditer(text)
            return
        done = 0
        for hit in _DASH_DIGIT.finditer(text):
            if hit.start() < done:
                continue  # a later dash-digit of a run already tried
            start = hit.start()
            while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_-"):
                start -= 1
            # The pattern is bounded by (?<![\w-]) and (?![\w-]): an ID is a whole run of
            # word characters and dashes or none of it, so the run is tried once.
            run = _RUN.match(text, hit.start())
            done = run.end() if run else hit.end()
            match = self.pattern.match(text, start)
            if match is not None and match.end() > hit.start():
                yield match


def known_id(word: str, by_id: Mapping[str, Requirement]) -> str | None:
    """The requirement an ID-shaped word names; ``FR-1-based`` still names ``FR-1``."""
    candidate = word.upper()
    while True:
        if candidate in by_id:
            return candidate
        shorter = _LAST_PART.sub("", candidate)
        if shorter == candidate or "-" not in shorter:
            return None
        candidate = shorter


def page_mentions(
    doc: Document,
    locator: MentionLocator,
    finder: IdFinder,
    by_id: Mapping[str, Requirement],
    titles: TitleTrie,
) -> tuple[list[Hit], list[UnknownId]]:
    """Every mention of a requirement on an FRS page, and the ID-shaped words naming none."""
    hits: list[Hit] = []
    unknown: list[UnknownId] = []
    for region in _searchable(doc):
        text = doc.text[region.start : region.end]
        prose = region.kind is RegionKind.PROSE
        blocked: list[tuple[int, int]] | None = None
        region_start = len(hits)
        for match in finder.ids_in(text):
            requirement_id = known_id(match.group(), by_id)
            start = region.start + match.start()
            if requirement_id is None:
                unknown.append(UnknownId(doc.line_of(start), match.group()))
                continue
            if prose and blocked is None:
                blocked = _unlinkable(text)
            linkable = prose and not any(low <= match.start() < high for low, high in blocked or [])
            mention = locator.mention(start, region.start + match.end(), linkable=linkable)
            hits.append(Hit(mention, requirement_id, True))
        first_title = len(hits)
        for low, high, requirement_ids in titles.matches(text):
            mention = locator.mention(region.start + low, region.start + high, linkable=False)
            hits.extend(Hit(mention, requirement_id, False) for requirement_id in requirement_ids)
        if region_start < first_title < len(hits):  # IDs and titles: back into page order
            hits[region_start:] = sorted(hits[region_start:], key=lambda hit: hit.mention.start)
    return hits, unknown


def _unlinkable(text: str) -> list[tuple[int, int]]:
    """The spans of `text` where an ID must stay as written."""
    spans = [match.span() for match in _NO_LINK.finditer(text)]
    if "://" in text:
        spans.extend(match.span() for match in _BARE_URL.finditer(text))
    return spans


def _searchable(doc: Document) -> Iterator[Region]:
    """Where coverage is looked for: prose, inline code and Mermaid diagrams."""
    for region in doc.regions:
        if region.kind in (RegionKind.PROSE, RegionKind.CODE_SPAN) or (
            region.kind is RegionKind.FENCE and region.language == "mermaid"
        ):
            yield region


class MentionLocator:
    """Turns offsets of an FRS page into mentions that know their line and section."""

    def __init__(
        self,
        page: str,
        file: str,
        doc: Document,
        ids: list[str],
        texts: Sequence[str] | None = None,
    ) -> None:
        """`ids` and `texts` are the headings' ids and texts as published."""
        self.page, self.file, self.doc, self.ids = page, file, doc, ids
        self.heading_lines = {heading.line for heading in doc.headings}
        self.name = posixpath.basename(page).removesuffix(".md")
        if texts is None:
            texts = [heading.text for heading in doc.headings]
        self.labels = [self._label(heading_plain_text(text)) for text in texts]

    def _label(self, title: str) -> str:
        return f"{self.name} › {title}" if title else self.name

    def mention(self, start: int, end: int, *, linkable: bool) -> Mention:
        index = self.doc.heading_index_at(start)
        section = self.ids[index] if index >= 0 else ""
        label = self.labels[index] if index >= 0 else self.name
        line = self.doc.line_of(start)
        # IDs in headings stay plain text: a link there would also land in the table of contents.
        linkable = linkable and line not in self.heading_lines
        return Mention(self.page, self.file, line, start, end, section, label, linkable)
