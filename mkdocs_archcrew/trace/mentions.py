"""Mentions of requirements in FRS pages: IDs and titles, each with its line and section.

IDs are found from a literal before any pattern is tried, titles through `TitleTrie`: the work
is linear in the text, never a comparison of each page with each requirement.
"""

from __future__ import annotations

import posixpath
import re
from typing import TYPE_CHECKING, Literal, NamedTuple

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
# A word next to a mention, for quoting it in its context: joined to it by a space or two, or by
# a dash or slash ("Performance Reports", "performance-reports").
_WORD_BEFORE = re.compile(r"\w+[ \t/-]{1,2}$")
_WORD_AFTER = re.compile(r"[ \t/-]{1,2}\w+")

Strength = Literal["id", "title", "word"]
"""How a mention names its requirement: by its ID, by its title of several words, or by its
title of one word, which text may hold in passing ("Performance" in "Performance Reports")."""
BY_ID: Strength = "id"
BY_TITLE: Strength = "title"
BY_WORD: Strength = "word"


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
    by: Strength


class Hit(NamedTuple):
    """A mention of a known requirement, by its ID or by its title."""

    mention: Mention
    requirement_id: str

    @property
    def by_id(self) -> bool:
        return self.mention.by == BY_ID


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
            end = region.start + match.end()
            mention = locator.mention(start, end, linkable=linkable, by=BY_ID)
            hits.append(Hit(mention, requirement_id))
        first_title = len(hits)
        for low, high, requirement_ids, one_word in titles.matches(text):
            by = BY_WORD if one_word else BY_TITLE
            mention = locator.mention(
                region.start + low, region.start + high, linkable=False, by=by
            )
            hits.extend(Hit(mention, requirement_id) for requirement_id in requirement_ids)
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

    def mention(self, start: int, end: int, *, linkable: bool, by: Strength) -> Mention:
        index = self.doc.heading_index_at(start)
        section = self.ids[index] if index >= 0 else ""
        label = self.labels[index] if index >= 0 else self.name
        line = self.doc.line_of(start)
        # IDs in headings stay plain text: a link there would also land in the table of contents.
        linkable = linkable and line not in self.heading_lines
        return Mention(self.page, self.file, line, start, end, section, label, linkable, by)


def in_context(text: str, mention: Mention) -> str:
    """The mention as written in `text` (its page's), with the word on each side of it on its
    line: what a reader needs to see that "Performance" stands in "Performance Reports"."""
    line_start = text.rfind("\n", 0, mention.start) + 1
    line_end = text.find("\n", mention.end)
    before = _WORD_BEFORE.search(text, line_start, mention.start)
    after = _WORD_AFTER.match(text, mention.end, len(text) if line_end < 0 else line_end)
    start = before.start() if before else mention.start
    end = after.end() if after else mention.end
    return " ".join(text[start:end].split())
