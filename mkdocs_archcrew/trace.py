"""RDS → FRS traceability: which FRS pages cover which requirement, and every gap.

A requirement is covered when an FRS page mentions its ID or its title (whole words, any case)
in prose, headings, tables, inline code or Mermaid diagram labels. The work is linear in the
text: one pass finds ID-shaped words and looks each up; titles are matched word by word through
a trie of all titles, never by comparing each page with each requirement.
"""

from __future__ import annotations

import bisect
import difflib
import fnmatch
import posixpath
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, NamedTuple

from .findings import Finding, Severity
from .requirements import (
    DEFAULT_ID_PATTERN,
    DEPRECATED,
    DRAFT,
    Requirement,
    RequirementSyntax,
    extract,
)
from .sections import Slugify, heading_ids, heading_plain_text
from .source import Kind

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping

    from .source import Document, Region

OnGap = Literal["error", "warn"]

UNCOVERED = "trace-uncovered"
UNKNOWN_ID = "trace-unknown-id"
DUPLICATE_ID = "trace-duplicate-id"
EMPTY_RDS = "trace-no-requirements"
UNMATCHED_PATTERN = "trace-pattern-unmatched"
RDS_AND_FRS = "trace-rds-and-frs"

_WORD = re.compile(r"\w+")
_ASCII_NON_WORD = str.maketrans(
    {chr(code): " " for code in range(128) if not (chr(code).isalnum() or chr(code) == "_")}
)
_DASH_DIGIT = re.compile(r"-\d")
_RUN = re.compile(r"[\w-]*")
_LAST_PART = re.compile(r"(?:-[A-Z0-9]+|\.\d+)$")
_FAMILY_END = re.compile(r"[-.\d]")
# Spans where an ID must not become a link: existing links, HTML tags, bare URLs. Bare URLs
# have a pattern of their own: every branch of the first starts with `[` or `<`, which lets the
# regex engine skip from one such character to the next instead of trying every word.
_NO_LINK = re.compile(r"\[[^\]\n]*\]\([^)\n]*\)|\[[^\]\n]*\]\[[^\]\n]*\]|\[[^\]\n]*\]|<[^>\n]+>")
_BARE_URL = re.compile(r"\b\w+://\S+")


@dataclass(frozen=True)
class TraceSettings:
    """Which pages are RDS and FRS, how requirements are written, and how strict to be."""

    rds: tuple[str, ...] | None = None
    """Glob patterns (relative to docs_dir) of RDS pages; None: file names starting with RDS."""
    frs: tuple[str, ...] | None = None
    """Glob patterns of FRS pages; None: file names starting with FRS."""
    syntax: RequirementSyntax = field(default_factory=RequirementSyntax)
    on_uncovered: OnGap = "error"
    on_unknown: OnGap = "error"
    ignore_statuses: frozenset[str] = frozenset({DRAFT, DEPRECATED})
    """Requirements with these statuses are listed but their coverage is not enforced."""
    pattern_places: Mapping[str, str] = field(default_factory=dict)
    """Where each configured pattern is written (``mkdocs.yml:12``), for messages."""


class Mention(NamedTuple):
    """A place in an FRS page that mentions a requirement."""

    page: str
    file: str
    line: int
    start: int
    end: int
    section: str
    """Id of the heading the mention stands under ("" above the first heading)."""
    section_title: str
    linkable: bool
    """An ID written in prose, outside links and tags: it can become a link to the RDS."""


@dataclass
class Trace:
    """Everything the checks found: requirements, their coverage, and the findings."""

    requirements: list[Requirement]
    covered_by: dict[str, list[Mention]]
    """Mentions of each requirement ID, in page order."""
    frs_pages: list[str]
    findings: list[Finding]
    id_mentions: dict[str, list[tuple[Mention, Requirement]]]
    """Per FRS page, the linkable ID mentions and the requirement each names."""
    settings: TraceSettings
    by_page: dict[str, list[Requirement]]
    """The requirements each RDS page defines, in page order."""

    def covered(self, requirement: Requirement) -> bool:
        return bool(self.covered_by.get(requirement.id))

    def enforced(self, requirement: Requirement) -> bool:
        return requirement.status not in self.settings.ignore_statuses


def select_pages(
    paths: Iterable[str], patterns: tuple[str, ...] | None, prefix: str
) -> tuple[list[str], list[str]]:
    """The pages a list of glob patterns selects, and the patterns that select none."""
    paths = list(paths)
    if patterns is None:
        chosen = [p for p in paths if posixpath.basename(p).lower().startswith(prefix.lower())]
        return chosen, []
    chosen, unmatched = [], []
    for pattern in patterns:
        hits = [p for p in paths if fnmatch.fnmatchcase(p, pattern.lstrip("/"))]
        if not hits:
            unmatched.append(pattern)
        chosen.extend(hit for hit in hits if hit not in chosen)
    order = {path: index for index, path in enumerate(paths)}
    return sorted(chosen, key=order.__getitem__), unmatched


def trace_project(
    docs: Mapping[str, Document],
    shown: Mapping[str, str],
    settings: TraceSettings,
    slugify: Slugify,
) -> Trace:
    """Extract the requirements of the RDS pages and check the FRS pages cover them."""
    return _Tracer(docs, shown, settings, slugify).run()


class _TrieNode:
    __slots__ = ("children", "ids")

    def __init__(self) -> None:
        self.children: dict[str, _TrieNode] = {}
        self.ids: list[str] = []


class _TitleTrie:
    """Requirement titles as word sequences, for one linear pass over a page's words."""

    def __init__(self, requirements: Iterable[Requirement]) -> None:
        self.root = _TrieNode()
        for requirement in requirements:
            node = self.root
            for word in _lower_words(requirement.title):  # as `matches` reads pages
                node = node.children.setdefault(word, _TrieNode())
            if node is not self.root and requirement.id not in node.ids:
                node.ids.append(requirement.id)

    def matches(self, text: str) -> Iterator[tuple[int, int, list[str]]]:
        """(start, end, requirement ids) for every title found in `text`, whole words only."""
        words = _lower_words(text)
        spans: list[tuple[int, int]] | None = None  # worked out only if a title is found
        first_words = self.root.children
        for first, word in enumerate(words):
            node = first_words.get(word)
            last = first
            while node is not None:
                if node.ids:
                    if spans is None:
                        spans = [match.span() for match in _WORD.finditer(text)]
                    yield spans[first][0], spans[last][1], node.ids
                last += 1
                node = node.children.get(words[last]) if last < len(words) else None


class _Tracer:
    def __init__(
        self,
        docs: Mapping[str, Document],
        shown: Mapping[str, str],
        settings: TraceSettings,
        slugify: Slugify,
    ) -> None:
        self.docs, self.shown, self.settings, self.slugify = docs, shown, settings, slugify
        self.findings: list[Finding] = []
        self.mention_pattern = re.compile(
            rf"(?<![\w-])(?:{settings.syntax.id_pattern})(?![\w-])", re.IGNORECASE
        )
        # The default IDs all hold a dash and a digit: finding that literal first spares trying
        # the pattern at every letter of every page.
        self.dash_digit = settings.syntax.id_pattern == DEFAULT_ID_PATTERN

    def run(self) -> Trace:
        rds, rds_unmatched = select_pages(self.docs, self.settings.rds, "RDS")
        frs, frs_unmatched = select_pages(self.docs, self.settings.frs, "FRS")
        for option, patterns in (("rds", rds_unmatched), ("frs", frs_unmatched)):
            for pattern in patterns:
                self._pattern_unmatched(option, pattern)
        for page in [p for p in rds if p in frs]:
            self._finding(
                Severity.ERROR,
                RDS_AND_FRS,
                page,
                1,
                "this page is selected as RDS and as FRS; a page either defines requirements or "
                "covers them. Narrow the rds or frs patterns.",
            )
            frs.remove(page)
        requirements: list[Requirement] = []
        for page in rds:
            found = extract(self.docs[page], page, self.shown[page], self.settings.syntax)
            if not found:
                self._no_requirements(page)
            requirements.extend(found)
        self._duplicates(requirements)
        by_id = {requirement.id: requirement for requirement in reversed(requirements)}
        covered_by: dict[str, list[Mention]] = {}
        id_mentions: dict[str, list[tuple[Mention, Requirement]]] = {}
        families = {_family(requirement.id) for requirement in requirements}
        trie = _TitleTrie(requirements)
        for page in frs:
            links = id_mentions.setdefault(page, [])
            for mention, requirement_id, by_id_text in self._mentions(page, by_id, families, trie):
                covered_by.setdefault(requirement_id, []).append(mention)
                if by_id_text and mention.linkable:
                    links.append((mention, by_id[requirement_id]))
        by_page: dict[str, list[Requirement]] = {}
        for requirement in requirements:
            by_page.setdefault(requirement.page, []).append(requirement)
        trace = Trace(
            requirements, covered_by, frs, self.findings, id_mentions, self.settings, by_page
        )
        for requirement in requirements:
            if not trace.covered(requirement):
                self._uncovered(requirement, trace)
        self.findings.sort(key=lambda finding: finding.sort_key)
        return trace

    # Mentions ------------------------------------------------------------------------------

    def _mentions(
        self,
        page: str,
        by_id: Mapping[str, Requirement],
        families: set[str],
        trie: _TitleTrie,
    ) -> Iterator[tuple[Mention, str, bool]]:
        """(mention, requirement id, whether by ID) for every mention on an FRS page."""
        doc = self.docs[page]
        place = _Places(page, self.shown[page], doc, heading_ids(doc, self.slugify))
        for region in _searchable(doc):
            text = doc.text[region.start : region.end]
            prose = region.kind is Kind.PROSE
            blocked: list[tuple[int, int]] | None = None
            for match in self._ids_in(text):
                requirement_id = self._known(match.group(), by_id)
                start = region.start + match.start()
                if requirement_id is None:
                    self._maybe_unknown(page, doc.line_of(start), match.group(), by_id, families)
                    continue
                if prose and blocked is None:
                    blocked = _unlinkable(text)
                linkable = prose and not any(
                    low <= match.start() < high for low, high in blocked or []
                )
                mention = place.mention(start, region.start + match.end(), linkable=linkable)
                yield mention, requirement_id, True
            for low, high, requirement_ids in trie.matches(text):
                mention = place.mention(region.start + low, region.start + high, linkable=False)
                for requirement_id in requirement_ids:
                    yield mention, requirement_id, False

    def _ids_in(self, text: str) -> Iterator[re.Match[str]]:
        """Every ID-shaped word of `text`."""
        if not self.dash_digit:
            yield from self.mention_pattern.finditer(text)
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
            match = self.mention_pattern.match(text, start)
            if match is not None and match.end() > hit.start():
                yield match

    @staticmethod
    def _known(text: str, by_id: Mapping[str, Requirement]) -> str | None:
        """The requirement an ID-shaped word names; ``FR-1-based`` still names ``FR-1``."""
        candidate = text.upper()
        while True:
            if candidate in by_id:
                return candidate
            shorter = _LAST_PART.sub("", candidate)
            if shorter == candidate or "-" not in shorter:
                return None
            candidate = shorter

    def _maybe_unknown(
        self, page: str, line: int, text: str, by_id: Mapping[str, Requirement], families: set[str]
    ) -> None:
        # Only words written as IDs are, of a family the RDS uses: UTF-8 or SHA-256 are not.
        if not self.settings.syntax.id.fullmatch(text) or _family(text) not in families:
            return
        close = difflib.get_close_matches(text, list(by_id), n=1, cutoff=0.6)
        hint = f" (did you mean {close[0]}?)" if close else ""
        severity = Severity.ERROR if self.settings.on_unknown == "error" else Severity.WARNING
        where = ", ".join(sorted({self.shown[r.page] for r in by_id.values()}))
        self._finding(
            severity,
            UNKNOWN_ID,
            page,
            line,
            f"{text} is not a requirement of the RDS{hint}; requirements are defined in {where}. "
            f"Fix the ID, or define {text} in the RDS.",
        )

    # Findings ------------------------------------------------------------------------------

    def _finding(self, severity: Severity, code: str, page: str, line: int, message: str) -> None:
        self.findings.append(Finding(severity, code, message, self.shown[page], line))

    def _pattern_unmatched(self, option: str, pattern: str) -> None:
        place = self.settings.pattern_places.get(pattern, "mkdocs.yml")
        file, _, line = place.partition(":")
        self.findings.append(
            Finding(
                Severity.ERROR,
                UNMATCHED_PATTERN,
                f"{option} pattern '{pattern}' matches no page in docs_dir; patterns are relative "
                "to docs_dir (e.g. 'RDS.md' or 'specs/FRS-*.md'). Fix it or remove it.",
                file,
                int(line or 0),
            )
        )

    def _no_requirements(self, page: str) -> None:
        heading = next(iter(self.settings.syntax.numbered_lists), "")
        hint = f", and no numbered list stands under a '{heading}' heading" if heading else ""
        self._finding(
            Severity.WARNING,
            EMPTY_RDS,
            page,
            1,
            "this RDS page defines no requirements: no heading, list item or table row starts "
            f"with an ID such as FR-1{hint}. Write requirements in one of those forms.",
        )

    def _duplicates(self, requirements: list[Requirement]) -> None:
        places: dict[str, list[Requirement]] = {}
        for requirement in requirements:
            places.setdefault(requirement.id, []).append(requirement)
        for requirement_id, defined in places.items():
            if len(defined) < 2:
                continue
            where = ", ".join(requirement.location for requirement in defined)
            for requirement in defined:
                self._finding(
                    Severity.ERROR,
                    DUPLICATE_ID,
                    requirement.page,
                    requirement.line,
                    f"{requirement_id} is defined {len(defined)} times: {where}. Give each "
                    "requirement its own ID.",
                )

    def _uncovered(self, requirement: Requirement, trace: Trace) -> None:
        searched = [self.shown[page] for page in trace.frs_pages]
        if not searched:
            pages = "there is no FRS page: name one FRS*.md or set the frs option"
        else:
            shown = ", ".join(searched[:5]) + (
                f" and {len(searched) - 5} more" if len(searched) > 5 else ""
            )
            pages = f"searched {shown}"
        what = f'requirement {requirement.id} "{requirement.title}"'
        if not trace.enforced(requirement):
            self._finding(
                Severity.INFO,
                UNCOVERED,
                requirement.page,
                requirement.line,
                f"{what} ({requirement.status}) is not covered yet ({pages}); "
                f"{requirement.status} requirements are not checked.",
            )
            return
        severity = Severity.ERROR if self.settings.on_uncovered == "error" else Severity.WARNING
        self._finding(
            severity,
            UNCOVERED,
            requirement.page,
            requirement.line,
            f"{what} is not covered: no FRS page mentions its ID or its title ({pages}). "
            f"Mention {requirement.id} in the FRS: in prose, a table or a diagram label.",
        )


def _family(requirement_id: str) -> str:
    """The leading letters of an ID (``REQ`` for ``REQ-AUTH-3``), case-insensitive."""
    return _FAMILY_END.split(requirement_id, maxsplit=1)[0].upper()


def _lower_words(text: str) -> list[str]:
    """The words of `text` as `_WORD` finds them, each in lower case. ASCII text (most pages)
    is split by `str` methods, several times faster than the regular expression. Other text is
    lowered word by word: lowering it whole could split a word (``"İ".lower()`` ends in a
    combining mark, not a word character) and put the words out of step with their spans."""
    if text.isascii():
        return text.lower().translate(_ASCII_NON_WORD).split()
    return [word.lower() for word in _WORD.findall(text)]


def _unlinkable(text: str) -> list[tuple[int, int]]:
    """The spans of `text` where an ID must stay as written."""
    spans = [match.span() for match in _NO_LINK.finditer(text)]
    if "://" in text:
        spans.extend(match.span() for match in _BARE_URL.finditer(text))
    return spans


def _searchable(doc: Document) -> Iterator[Region]:
    """Where coverage is looked for: prose, inline code and Mermaid diagrams."""
    for region in doc.regions:
        if region.kind in (Kind.PROSE, Kind.CODE_SPAN) or (
            region.kind is Kind.FENCE and region.language == "mermaid"
        ):
            yield region


class _Places:
    """Turns offsets of an FRS page into mentions that know their line and section."""

    def __init__(self, page: str, file: str, doc: Document, ids: list[str]) -> None:
        self.page, self.file, self.doc, self.ids = page, file, doc, ids
        self.heading_starts = [heading.start for heading in doc.headings]
        self.heading_lines = {heading.line for heading in doc.headings}
        self.heading_titles = [heading_plain_text(heading.text) for heading in doc.headings]

    def mention(self, start: int, end: int, *, linkable: bool) -> Mention:
        index = bisect.bisect_right(self.heading_starts, start) - 1
        section = self.ids[index] if index >= 0 else ""
        title = self.heading_titles[index] if index >= 0 else ""
        line = self.doc.line_of(start)
        # IDs in headings stay plain text: a link there would also land in the table of contents.
        linkable = linkable and line not in self.heading_lines
        return Mention(self.page, self.file, line, start, end, section, title, linkable)
