"""RDS → FRS traceability: which FRS pages cover which requirement, and every gap.

A requirement is covered when an FRS page mentions its ID or its title (whole words, any case)
in prose, headings, tables, inline code or Mermaid diagram labels (`mentions`). How strongly is
told too (`Strength`): by its ID, by its title, or only by a title of one word, which text may
hold in passing and which `on_word_only` may refuse to count.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..findings import Finding, Place, sorted_findings
from ..markdown.headings import heading_ids
from . import gaps
from .extract import extract
from .hidden import bidi_controls
from .mentions import BY_ID, BY_WORD, IdFinder, MentionLocator, in_context, page_mentions
from .requirements import DEPRECATED, DRAFT, Requirement, RequirementSyntax
from .reviews import NOT_TRACKED, Review
from .selection import select_pages
from .titles import TitleTrie

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from ..markdown import Document
    from ..markdown.headings import Slugify
    from .gaps import OnGap, OnWordOnly
    from .mentions import Mention, Strength


NOT_MENTIONED = "none"
"""The coverage of a requirement that no FRS page mentions, as outputs write it beside the
strengths of `Strength`."""


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
    on_word_only: OnWordOnly = "info"
    """What coverage only by a one-word title is: information, a warning, or no coverage."""
    ignore_statuses: frozenset[str] = frozenset({DRAFT, DEPRECATED})
    """Requirements with these statuses are listed but their coverage is not enforced."""
    pattern_places: Mapping[str, Place] = field(default_factory=dict)
    """Where each configured pattern is written (``mkdocs.yml:12``), for messages."""


@dataclass(frozen=True)
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
    strength: dict[str, Strength]
    """How strongly the FRS mentions each requirement ID it mentions: its strongest mention."""
    rds_pages: list[str] = field(default_factory=list)
    review: Review = NOT_TRACKED
    """Each requirement against its last review (`review.suspects`), once the project adds it."""

    def covered(self, requirement: Requirement) -> bool:
        return counts(self.strength.get(requirement.id), self.settings)

    def enforced(self, requirement: Requirement) -> bool:
        return requirement.status not in self.settings.ignore_statuses

    def covering_sections(self, requirement: Requirement) -> list[Mention]:
        """The FRS sections mentioning `requirement`, in page order: the first mention in each
        (`Mention.section`, `Mention.section_label`), or its first by ID if it has one."""
        sections: dict[tuple[str, str], Mention] = {}
        for mention in self.covered_by.get(requirement.id, []):
            known = sections.setdefault((mention.page, mention.section), mention)
            if mention.by == BY_ID and known.by != BY_ID:
                sections[mention.page, mention.section] = mention  # keeps its place
        return list(sections.values())


def counts(strength: Strength | None, settings: TraceSettings) -> bool:
    """Whether mentions of this strength cover a requirement: any does, but a one-word title
    alone does not with ``on_word_only: uncovered``."""
    if strength is None:
        return False
    return strength != BY_WORD or settings.on_word_only != "uncovered"


def strongest(mentions: Sequence[Mention]) -> Strength:
    """The strength of the strongest of a requirement's mentions. Its title mentions are all of
    one kind (its title has one word or several), so an ID settles it, else any mention does."""
    for mention in mentions:
        if mention.by == BY_ID:
            return BY_ID
    return mentions[0].by


def trace_project(
    docs: Mapping[str, Document],
    files: Mapping[str, str],
    settings: TraceSettings,
    slugify: Slugify,
    *,
    heading_texts: Mapping[str, Sequence[str]] | None = None,
    roles: Mapping[str, str] | None = None,
) -> Trace:
    """Extract the requirements of the RDS pages and check the FRS pages cover them.

    `docs` are the scanned pages by path in docs_dir, `files` their paths for messages;
    `heading_texts` the headings' texts as published, for pages whose headings hold
    placeholders: sections are named and linked as readers see them; `roles` what pages say
    they are (``rds``, ``frs``, or anything else for neither), over the rds and frs options.
    """
    heading_texts = heading_texts or {}
    findings: list[Finding] = []
    rds, rds_unmatched = select_pages(docs, settings.rds, "RDS")
    frs, frs_unmatched = select_pages(docs, settings.frs, "FRS")
    if roles:
        rds, frs = _as_said(docs, rds, roles, "rds"), _as_said(docs, frs, roles, "frs")
    for option, patterns in (("rds", rds_unmatched), ("frs", frs_unmatched)):
        for pattern in patterns:
            place = settings.pattern_places.get(pattern, Place("mkdocs.yml"))
            findings.append(gaps.pattern_unmatched(option, pattern, place))
    for page in [p for p in rds if p in frs]:
        findings.append(gaps.rds_and_frs(files[page]))
        frs.remove(page)
    for page in [*rds, *frs]:
        findings.extend(bidi_controls(docs[page], files[page]))

    requirements: list[Requirement] = []
    for page in rds:
        found = extract(docs[page], page, files[page], settings.syntax)
        if not found:
            findings.append(gaps.no_requirements(files[page], settings.syntax))
        requirements.extend(found)
    findings.extend(gaps.duplicates(requirements))
    by_id = {requirement.id: requirement for requirement in reversed(requirements)}

    covered_by: dict[str, list[Mention]] = {}
    id_mentions: dict[str, list[tuple[Mention, Requirement]]] = {}
    families = {gaps.family(requirement.id) for requirement in requirements}
    rds_files = sorted({files[r.page] for r in by_id.values()})
    finder, titles = IdFinder(settings.syntax), TitleTrie(requirements)
    for page in frs:
        doc = docs[page]
        texts = heading_texts.get(page)
        ids = heading_ids(doc, slugify, texts)
        locator = MentionLocator(page, files[page], doc, ids, texts)
        hits, unknown = page_mentions(doc, locator, finder, by_id, titles)
        links = id_mentions.setdefault(page, [])
        for hit in hits:
            covered_by.setdefault(hit.requirement_id, []).append(hit.mention)
            if hit.by_id and hit.mention.linkable:
                links.append((hit.mention, by_id[hit.requirement_id]))
        # Only words written as IDs are, of a family the RDS uses: UTF-8 or SHA-256 are not.
        findings.extend(
            gaps.unknown_id(
                Place(files[page], word.line), word.word, by_id, rds_files, settings.on_unknown
            )
            for word in unknown
            if settings.syntax.id.fullmatch(word.word) and gaps.family(word.word) in families
        )

    by_page: dict[str, list[Requirement]] = {}
    for requirement in requirements:
        by_page.setdefault(requirement.page, []).append(requirement)
    searched = [files[page] for page in frs]
    strength = {requirement_id: strongest(ms) for requirement_id, ms in covered_by.items()}
    for requirement in requirements:
        enforced = requirement.status not in settings.ignore_statuses
        by = strength.get(requirement.id)
        # The passing words are quoted only for the few requirements they alone cover.
        passing = _passing(covered_by[requirement.id], docs) if by == BY_WORD else []
        if not counts(by, settings):
            findings.append(
                gaps.uncovered(
                    requirement,
                    searched,
                    enforced=enforced,
                    on_uncovered=settings.on_uncovered,
                    passing=passing,
                )
            )
        elif passing and enforced:
            findings.append(gaps.word_only(requirement, passing, settings.on_word_only))
    return Trace(
        requirements,
        covered_by,
        frs,
        sorted_findings(findings),
        id_mentions,
        settings,
        by_page,
        strength,
        rds,
    )


def _as_said(
    docs: Mapping[str, Document], chosen: list[str], roles: Mapping[str, str], role: str
) -> list[str]:
    """The pages of `role`: those a page's own rules give it, and those the options chose
    that give themselves no role."""
    picked = set(chosen)
    return [
        path
        for path in docs
        if roles.get(path) == role or (path in picked and roles.get(path) is None)
    ]


def _passing(mentions: Sequence[Mention], docs: Mapping[str, Document]) -> list[str]:
    """Each place of one-word mentions, once: the first few as messages show them, quoted with
    the words around them (`docs/FRS.md:12 "Performance Reports"`), the rest only counted."""
    places: dict[tuple[str, int], Mention] = {}
    for mention in mentions:
        places.setdefault((mention.file, mention.line), mention)
    return [
        f'{m.file}:{m.line} "{in_context(docs[m.page].text, m)}"'
        if index < gaps.PASSING_SHOWN
        else f"{m.file}:{m.line}"
        for index, m in enumerate(places.values())
    ]
