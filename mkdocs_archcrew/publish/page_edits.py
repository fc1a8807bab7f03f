"""The edits traceability makes to a page's source: a marker for each anchor, link and note."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..markdown.edits import Edit
from ..markdown.headings import heading_ids
from .annotations import Anchor, Link, Note

if TYPE_CHECKING:
    from ..markdown import Document
    from ..markdown.headings import Slugify
    from ..trace.coverage import Trace
    from ..trace.requirements import Requirement
    from .markers import Markers


def page_edits(
    trace: Trace,
    page: str,
    doc: Document,
    markers: Markers,
    slugify: Slugify,
    *,
    link_mentions: bool,
    coverage_notes: bool,
) -> list[Edit]:
    """The edits traceability makes to one page, at offsets of the page as written."""
    edits: list[Edit] = []
    requirements = trace.by_page.get(page, [])
    ids = set(heading_ids(doc, slugify)) if requirements else set()
    sections = _SectionLinks()
    for requirement in requirements:
        heading = requirement.style == "heading"
        if heading and requirement.anchor not in ids:
            marker = markers.marker(Anchor(requirement.anchor))
            edits.append(_at_heading(doc, requirement, marker))
        elif not heading:
            # At the start of the item or row, so that a link to it shows its first line; an
            # item of a numbered list shows its ID there, which its text does not.
            label = requirement.id if requirement.style == "numbered" else ""
            marker = markers.marker(Anchor(requirement.anchor, label))
            edits.append(Edit(requirement.anchor_at, requirement.anchor_at, marker + " "))
        review = trace.review.of(requirement.id)
        changes = review.changes if review is not None else ()
        if coverage_notes or changes:
            by = trace.strength.get(requirement.id, "id")
            note = Note(
                sections.of(trace, requirement),
                requirement.status,
                trace.enforced(requirement),
                by,
                requirement.title if by == "word" else "",
                by != "word" or trace.covered(requirement),
                changes,
                coverage_notes,
            )
            marker = markers.marker(note)
            if heading:
                edits.append(_at_heading(doc, requirement, marker))
            else:
                edits.append(Edit(requirement.note_at, requirement.note_at, f" {marker}"))
    if link_mentions:
        for mention, requirement in trace.id_mentions.get(page, []):
            label = doc.text[mention.start : mention.end]
            changed = trace.review.suspect(requirement.id)
            marker = markers.marker(Link(label, requirement.page, requirement.anchor, changed))
            edits.append(Edit(mention.start, mention.end, marker))
    return edits


class _SectionLinks:
    """Links to covering sections, one object per section: the same few sections cover many
    requirements."""

    def __init__(self) -> None:
        self.made: dict[tuple[str, str], Link] = {}

    def of(self, trace: Trace, requirement: Requirement) -> tuple[Link, ...]:
        links = []
        for mention in trace.covering_sections(requirement):
            key = (mention.page, mention.section)
            if key not in self.made:
                self.made[key] = Link(mention.section_label, mention.page, mention.section)
            links.append(self.made[key])
        return tuple(links)


def _at_heading(doc: Document, requirement: Requirement, marker: str) -> Edit:
    """The marker of a heading requirement's anchor or note, for heading_markers to set in
    place: at the start of the heading's text or, for a page's title, in a paragraph after it."""
    at = requirement.anchor_at
    if doc.text.startswith(("\n", "\r"), at) or at == len(doc.text):  # a title's line end
        return Edit(at, at, f"\n\n{marker}\n")
    return Edit(at, at, marker)
