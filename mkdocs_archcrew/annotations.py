"""What traceability adds to pages: anchors on requirements, links from FRS mentions, notes on
where each requirement is covered, and a banner listing a page's problems.

Everything is an `Edit` at an offset of the page as written; `apply` moves the edits onto the
filled page, whose placeholders may have changed its length.
"""

from __future__ import annotations

import bisect
import html
import posixpath
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .findings import Finding, Severity
from .sections import Slugify, heading_ids

if TYPE_CHECKING:
    from .requirements import Requirement
    from .source import Document
    from .trace import Mention, Trace

Replacement = tuple[int, int, int]
"""(start, end, length of the new text): a placeholder replaced while filling."""


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` (offsets of the page as written) by `new`."""

    start: int
    end: int
    new: str


def apply(text: str, origin: int, replaced: list[Replacement], edits: list[Edit]) -> str:
    """Apply `edits` to `text`, the filled page from offset `origin` on.

    An edit that falls inside a replaced placeholder, or spans one, is dropped.
    """
    if not edits:
        return text
    ends = [end for _, end, _ in replaced]
    shift = [0]
    for start, end, length in replaced:
        shift.append(shift[-1] + length - (end - start))

    def position(offset: int) -> tuple[int, int] | None:
        before = bisect.bisect_right(ends, offset)  # replacements wholly before `offset`
        if before < len(replaced) and replaced[before][0] < offset:
            return None
        return offset - origin + shift[before], before

    placed: list[tuple[int, int, int, str]] = []
    for order, edit in enumerate(edits):
        low, high = position(edit.start), position(edit.end)
        if low is None or high is None or low[1] != high[1]:
            continue
        placed.append((low[0], order, high[0], edit.new))
    pieces: list[str] = []
    cursor = 0
    for start, _, end, new in sorted(placed):
        if start < cursor:
            continue  # overlaps an edit already made
        pieces.append(text[cursor:start])
        pieces.append(new)
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces)


def page_edits(
    trace: Trace,
    page: str,
    doc: Document,
    slugify: Slugify,
    *,
    link_mentions: bool,
    coverage_notes: bool,
) -> list[Edit]:
    """The edits traceability makes to one page."""
    edits: list[Edit] = []
    if page in trace.rds_pages:
        ids = set(heading_ids(doc, slugify))
        for requirement in trace.requirements:
            if requirement.page != page:
                continue
            if not (requirement.style == "heading" and requirement.anchor in ids):
                anchor = f'<a id="{requirement.anchor}"></a>'
                edits.append(Edit(requirement.anchor_at, requirement.anchor_at, anchor))
            if coverage_notes:
                edits.append(_coverage_note(trace, requirement))
    if link_mentions:
        for mention, requirement in trace.id_mentions.get(page, []):
            link = _link(page, requirement.page, requirement.anchor)
            label = doc.text[mention.start : mention.end]
            edits.append(Edit(mention.start, mention.end, f"[{label}]({link})"))
    return edits


def _link(from_page: str, to_page: str, anchor: str) -> str:
    """A Markdown link target from one page to an anchor of another (or the same) page."""
    target = (
        ""
        if to_page == from_page
        else posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
    )
    return f"{target}#{anchor}" if anchor else target


def _coverage_note(trace: Trace, requirement: Requirement) -> Edit:
    mentions = trace.covered_by.get(requirement.id, [])
    if mentions:
        sections: dict[tuple[str, str], Mention] = {}
        for mention in mentions:
            sections.setdefault((mention.page, mention.section), mention)
        links = [
            f"[{_section_label(mention)}]({_link(requirement.page, mention.page, mention.section)})"
            for mention in list(sections.values())[:5]
        ]
        more = f" and {len(sections) - 5} more" if len(sections) > 5 else ""
        text = "covered by " + ", ".join(links) + more
    elif trace.enforced(requirement):
        text = "<strong>not covered</strong> by the FRS"
    else:
        text = f"{requirement.status}, not covered yet"
    note = f'<small class="archcrew-coverage">{text}</small>'
    if requirement.style == "heading":
        return Edit(requirement.note_at, requirement.note_at, f"{note}\n\n")
    return Edit(requirement.note_at, requirement.note_at, f" {note}")


def _section_label(mention: Mention) -> str:
    page = posixpath.basename(mention.page).removesuffix(".md")
    label = f"{page} › {mention.section_title}" if mention.section_title else page
    return label.replace("[", "\\[").replace("]", "\\]")


def banner(findings: list[Finding]) -> str:
    """An HTML block listing a page's problems; empty when it has none worth showing."""
    shown = [finding for finding in findings if finding.severity >= Severity.WARNING]
    if not shown:
        return ""
    count = f"{len(shown)} problem{'s' if len(shown) > 1 else ''}"
    items = "\n".join(
        f"<li>{'line ' + str(f.line) + ': ' if f.line else ''}{html.escape(f.message)}</li>"
        for f in shown
    )
    return (
        '<div class="admonition failure archcrew-problems">\n'
        f'<p class="admonition-title">archcrew: {count} on this page</p>\n'
        f"<ul>\n{items}\n</ul>\n</div>\n"
    )


def insert_banner(body: str, block: str) -> str:
    """Put a banner at the top of a page body, after a leading level-1 heading (MkDocs takes
    the page title from an ``h1`` only when it comes first)."""
    if not block:
        return body
    stripped = body.lstrip("\n")
    skipped = len(body) - len(stripped)
    first_line, newline, rest = stripped.partition("\n")
    if first_line.startswith("# ") or first_line == "#":
        return f"{body[:skipped]}{first_line}{newline}\n{block}\n{rest}"
    return f"{body[:skipped]}{block}\n{stripped}"
