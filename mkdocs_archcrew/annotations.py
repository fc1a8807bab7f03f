"""What traceability adds to pages: anchors on requirements, links from FRS mentions, notes on
where each requirement is covered, and a banner listing a page's problems.

Each annotation is kept aside, its place in the page held by a marker: an `Edit` at an offset
of the page as written, which `apply` moves onto the filled page (placeholders change its
length). Once Python-Markdown has made the page HTML, `Annotations.strip` takes the markers out,
so that search and other plugins read the page without them, and `Annotations.insert` puts the
annotations in as HTML when the page is written.
"""

from __future__ import annotations

import bisect
import functools
import html
import posixpath
import re
from typing import TYPE_CHECKING, NamedTuple

from .findings import Finding, Severity
from .sections import Slugify, heading_ids

if TYPE_CHECKING:
    from collections.abc import Mapping

    from .requirements import Requirement
    from .source import Document
    from .trace import Mention, Trace

Replacement = tuple[int, int, int]
"""(start, end, length of the new text): a placeholder replaced while filling."""


class Edit(NamedTuple):
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


# A marker is two private-use characters around a number: inert to Markdown, and not typed by
# authors (a number that is not an annotation's is left as written). It holds the place of an
# annotation until the page is HTML.
MARKER_OPEN, MARKER_CLOSE = "\ue000", "\ue001"
MARKER = re.compile(f"{MARKER_OPEN}([0-9]+){MARKER_CLOSE}")


Annotation = str
"""What the plugin adds to a page, after one letter saying what it is: an `ANCHOR` (then its
id), a `LINK` (then its HTML), a `NOTE` (then its id, if any, `_ID_END` and its content) or a
`BLOCK` of HTML. Links name their target page and fragment, made relative to the page the
annotation lands in only when that page is written (a section of one page may be shown in
another). Annotations are not Markdown: Markdown would spend more time on thousands of links
and notes than the plugin spends on everything else.
"""

ANCHOR, LINK, NOTE, BLOCK = "a", "l", "n", "b"

# ASCII separators, which neither an id nor a page path holds (labels are cleared of them): a
# link target (page path and fragment), and the end of a note's id.
_TARGET_OPEN, _TARGET_SPLIT, _TARGET_CLOSE, _ID_END = "\x1d", "\x1f", "\x1e", "\x1c"
_SEPARATORS = str.maketrans(dict.fromkeys(map(ord, "\x1c\x1d\x1e\x1f")))
_TARGET = re.compile(
    f"{_TARGET_OPEN}([^{_TARGET_SPLIT}]*){_TARGET_SPLIT}([^{_TARGET_CLOSE}]*){_TARGET_CLOSE}"
)


def anchor(ident: str) -> Annotation:
    return ANCHOR + ident


def link(label: str, page: str, fragment: str) -> Annotation:
    """A link from `label` to `fragment` of `page` (a path in docs_dir)."""
    return LINK + _link(label, page, fragment)


def note(content: str, ident: str = "") -> Annotation:
    """A coverage note saying `content` (HTML), with the id `ident` if given."""
    return f"{NOTE}{ident}{_ID_END}{content}"


def block(content: str) -> Annotation:
    """HTML standing on its own in the page, such as a diagram drawn at build time."""
    return BLOCK + content


def _link(label: str, page: str, fragment: str) -> str:
    target = f"{_TARGET_OPEN}{page}{_TARGET_SPLIT}{fragment}{_TARGET_CLOSE}"
    return f'<a href="{target}">{html.escape(label.translate(_SEPARATORS))}</a>'


def render(annotation: Annotation, here: str, urls: Mapping[str, str]) -> str:
    """The annotation as HTML in the page at URL `here` (`urls`: page path → URL)."""
    kind, rest = annotation[0], annotation[1:]
    if kind == ANCHOR:
        return f'<a id="{html.escape(rest)}"></a>'
    if _TARGET_OPEN in rest:

        def href(target: re.Match[str]) -> str:
            return html.escape(_href(urls, target[1], target[2], here))

        rest = _TARGET.sub(href, rest)
    if kind == NOTE:
        ident, _, content = rest.partition(_ID_END)
        attribute = f' id="{html.escape(ident)}"' if ident else ""
        return f'<small{attribute} class="archcrew-coverage" data-search-exclude>{content}</small>'
    return rest


def _given_id(annotation: Annotation) -> str | None:
    """The id the annotation gives its place, if any: an anchor's, or a note's."""
    kind = annotation[0]
    if kind == ANCHOR:
        return annotation[1:]
    if kind == NOTE:
        return annotation[1:].partition(_ID_END)[0] or None
    return None


def _plain(annotation: Annotation) -> str:
    """What stands for an annotation in the page that search reads: a block itself, a link's
    text, nothing for anchors and notes."""
    kind = annotation[0]
    if kind == BLOCK:
        return annotation[1:]
    if kind == LINK:
        return annotation.partition(f'{_TARGET_CLOSE}">')[2].removesuffix("</a>")
    return ""


def _href(urls: Mapping[str, str], page: str, fragment: str, here: str) -> str:
    url = urls.get(page, page)
    if fragment and url == here:
        return f"#{fragment}"  # as MkDocs writes it: right wherever the page is served from
    target = relative_url(url, here)
    return f"{target}#{fragment}" if fragment else target


@functools.lru_cache(maxsize=65536)
def relative_url(url: str, here: str) -> str:
    """`url` relative to the page at `here`, as MkDocs writes links between pages."""
    base = here.rpartition("/")[0] if "." in here.rpartition("/")[2] else here
    base_parts = [part for part in base.split("/") if part]
    parts = [part for part in url.split("/") if part]
    common = 0
    for mine, theirs in zip(base_parts, parts, strict=False):
        if mine != theirs:
            break
        common += 1
    relative = "/".join([".."] * (len(base_parts) - common) + parts[common:]) or "."
    return relative + "/" if url.endswith("/") and relative != "." else relative


class Annotations:
    """The annotations of a build, each behind its marker."""

    def __init__(self) -> None:
        self.items: list[bytes] = []
        """Kept as UTF-8: a single `›` in a note would make Python store all of it with two
        bytes a character, and a build holds thousands of notes until its pages are written."""

    def marker(self, annotation: Annotation) -> str:
        self.items.append(annotation.encode())
        return f"{MARKER_OPEN}{len(self.items) - 1}{MARKER_CLOSE}"

    def _get(self, marker: re.Match[str]) -> Annotation | None:
        number = int(marker[1])
        return self.items[number].decode() if number < len(self.items) else None

    def expand(self, text: str) -> str:
        """`text` with each marker replaced by the annotation it stands for."""
        return MARKER.sub(lambda marker: self._get(marker) or marker[0], text)

    def anchor_id(self, number: int) -> str | None:
        """The id annotation `number` gives, if it is an anchor."""
        stored = self.items[number] if number < len(self.items) else b""
        return stored[1:].decode() if stored[:1] == ANCHOR.encode() else None

    def strip(self, page_html: str) -> tuple[str, list[Placed], set[str]]:
        """A page's HTML without its markers (a link keeps its text, notes and anchors go),
        where each annotation goes back in that plain HTML (`insert`), and the ids the
        annotations give the page.

        Search engines and other plugins read the plain HTML: the annotations add thousands of
        tags that Material's search would parse for nothing.
        """
        if MARKER_OPEN not in page_html:
            return page_html, [], set()
        pieces: list[str] = []
        placed: list[Placed] = []
        ids: set[str] = set()
        cursor = length = 0
        for match in MARKER.finditer(page_html):
            annotation = self._get(match)
            if annotation is None:
                continue
            start, end = match.span()
            # A marker alone in its paragraph takes the paragraph with it: no empty <p> for
            # search to read, and a block put back later is not nested in a <p>.
            alone = page_html.startswith("</p>", end) and page_html.endswith("<p>", 0, start)
            if alone:
                start, end = start - 3, end + 4
            pieces.append(page_html[cursor:start])
            length += start - cursor
            cursor = end
            plain = _plain(annotation)
            pieces.append(plain)
            if annotation[0] != BLOCK:
                placed.append(Placed(length, length + len(plain), int(match[1]), alone))
                ident = _given_id(annotation)
                if ident is not None:
                    ids.add(ident)
            length += len(plain)
        pieces.append(page_html[cursor:])
        return "".join(pieces), placed, ids

    def insert(
        self, output: str, content: str, placed: list[Placed], here: str, urls: Mapping[str, str]
    ) -> str | None:
        """`output` (a whole page) with the annotations put back into its `content`; None when
        the content is not found in it (a theme or plugin rewrote it)."""
        start = output.find(content)
        if start < 0:
            return None
        pieces = [output[:start]]
        cursor = start
        for low, high, item, alone in placed:
            pieces.append(output[cursor : start + low])
            rendered = render(self.items[item].decode(), here, urls)
            pieces.append(f"<p>{rendered}</p>" if alone else rendered)
            cursor = start + high
        pieces.append(output[cursor:])
        return "".join(pieces)


class Placed(NamedTuple):
    """Where an annotation goes in a page's plain HTML: the span it replaces, and whether it
    stands alone in its own paragraph."""

    start: int
    end: int
    item: int
    """The annotation's number in `Annotations.items`."""
    alone: bool


def page_edits(
    trace: Trace,
    page: str,
    doc: Document,
    annotations: Annotations,
    slugify: Slugify,
    *,
    link_mentions: bool,
    coverage_notes: bool,
) -> list[Edit]:
    """The edits traceability makes to one page."""
    edits: list[Edit] = []
    requirements = trace.by_page.get(page, [])
    ids = set(heading_ids(doc, slugify)) if requirements else set()
    for requirement in requirements:
        heading = requirement.style == "heading"
        # The note by a list item or table row carries the requirement's anchor itself.
        anchor_on_note = coverage_notes and not heading
        if heading and requirement.anchor not in ids:
            marker = annotations.marker(anchor(requirement.anchor))
            edits.append(_at_heading(doc, requirement, marker))
        elif not heading and not anchor_on_note:
            marker = annotations.marker(anchor(requirement.anchor))
            edits.append(Edit(requirement.anchor_at, requirement.anchor_at, marker + " "))
        if coverage_notes:
            ident = requirement.anchor if anchor_on_note else ""
            marker = annotations.marker(_coverage_note(trace, requirement, ident))
            if heading:
                edits.append(_at_heading(doc, requirement, marker))
            else:
                edits.append(Edit(requirement.note_at, requirement.note_at, f" {marker}"))
    if link_mentions:
        for mention, requirement in trace.id_mentions.get(page, []):
            label = doc.text[mention.start : mention.end]
            marker = annotations.marker(link(label, requirement.page, requirement.anchor))
            edits.append(Edit(mention.start, mention.end, marker))
    return edits


def _at_heading(doc: Document, requirement: Requirement, marker: str) -> Edit:
    """The marker of a heading requirement's anchor or note, for headings.py to set in place:
    at the start of the heading's text or, for a page's title, in a paragraph after it."""
    at = requirement.anchor_at
    if doc.text.startswith(("\n", "\r"), at) or at == len(doc.text):  # a title's line end
        return Edit(at, at, f"\n\n{marker}\n")
    return Edit(at, at, marker)


def _coverage_note(trace: Trace, requirement: Requirement, ident: str) -> Annotation:
    mentions = trace.covered_by.get(requirement.id, [])
    if mentions:
        sections: dict[tuple[str, str], Mention] = {}
        for mention in mentions:
            sections.setdefault((mention.page, mention.section), mention)
        shown = list(sections.values())[:5]
        links = ", ".join(_section_link(m.page, m.section, m.section_title) for m in shown)
        more = f" and {len(sections) - 5} more" if len(sections) > 5 else ""
        return note(f"covered by {links}{more}", ident)
    if trace.enforced(requirement):
        return note("<strong>not covered</strong> by the FRS", ident)
    return note(f"{requirement.status}, not covered yet", ident)


@functools.lru_cache(maxsize=4096)
def _section_link(page: str, section: str, title: str) -> str:
    """A link to a section of an FRS page, named after the page and the section's title: the
    same few sections cover many requirements."""
    name = posixpath.basename(page).removesuffix(".md")
    return _link(f"{name} › {title}" if title else name, page, section)


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
