"""How annotations travel through a page: a marker holds each one's place from the Markdown to
the written HTML.

A marker is two private-use characters around a number: inert to Markdown, and not typed by
authors (a number that is not an annotation's is left as written). `page_edits` puts markers
into the page source; once Python-Markdown has made the page HTML, `Markers.strip` takes them
out, so that search and other plugins read the page without them, and `Markers.insert` puts
the annotations in as HTML when the page is written.

Why markers rather than the annotations' HTML in the Markdown: on the 500-page benchmark
project (`bench/corpus.py`, 10,250 annotations), Python-Markdown took 0.6 to 2 s more CPU to
convert the pages with the HTML inline than with the markers (six runs of each), while all of
archcrew's own work in that build takes about 0.4 s.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from ..markdown.edits import Edit, splice
from .annotations import Anchor, Block, given_id, plain_text, to_html

if TYPE_CHECKING:
    from collections.abc import Mapping

    from .annotations import Annotation

MARKER_OPEN, MARKER_CLOSE = "\ue000", "\ue001"
MARKER = re.compile(f"{MARKER_OPEN}([0-9]+){MARKER_CLOSE}")


class Spot(NamedTuple):
    """Where an annotation goes back into a page's plain HTML."""

    start: int
    end: int
    """The span of the plain HTML that stands for it (a link's text; empty for others)."""
    number: int
    """The annotation's number, as its marker says."""
    alone: bool
    """It stood alone in a paragraph of its own, which goes back with it."""


class Stripped(NamedTuple):
    """A page's HTML with its markers taken out."""

    html: str
    spots: list[Spot]
    ids: set[str]
    """The ids the annotations give the page."""


class Markers:
    """The annotations of a build, each behind its marker."""

    def __init__(self) -> None:
        self.items: list[Annotation] = []

    def marker(self, annotation: Annotation) -> str:
        self.items.append(annotation)
        return f"{MARKER_OPEN}{len(self.items) - 1}{MARKER_CLOSE}"

    def _get(self, marker: re.Match[str]) -> Annotation | None:
        number = int(marker[1])
        return self.items[number] if number < len(self.items) else None

    def expand(self, text: str) -> str:
        """`text` with each marker replaced by what its annotation says: a fingerprint of the
        page that stays the same when only the numbering of markers changes."""

        def shown(marker: re.Match[str]) -> str:
            annotation = self._get(marker)
            return marker[0] if annotation is None else repr(annotation)

        return MARKER.sub(shown, text)

    def anchor_id(self, number: int) -> str | None:
        """The id annotation `number` gives, if it is an anchor."""
        item = self.items[number] if number < len(self.items) else None
        return item.id if isinstance(item, Anchor) else None

    def strip(self, page_html: str) -> Stripped:
        """A page's HTML without its markers (a link keeps its text, notes and anchors go), and
        where each annotation goes back in that plain HTML.

        Search engines and other plugins read the plain HTML: the annotations add thousands of
        tags that Material's search would parse for nothing.
        """
        if MARKER_OPEN not in page_html:
            return Stripped(page_html, [], set())
        edits: list[Edit] = []
        spots: list[Spot] = []
        ids: set[str] = set()
        shift = 0  # how much shorter the plain HTML is, up to here
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
            plain = plain_text(annotation)
            edits.append(Edit(start, end, plain))
            if not isinstance(annotation, Block):
                spots.append(Spot(start - shift, start - shift + len(plain), int(match[1]), alone))
                ident = given_id(annotation)
                if ident is not None:
                    ids.add(ident)
            shift += end - start - len(plain)
        return Stripped(splice(page_html, edits), spots, ids)

    def insert(
        self, output: str, stripped: Stripped, here: str, urls: Mapping[str, str]
    ) -> str | None:
        """`output` (a whole page) with the annotations put back into its content; None when
        the stripped content is not found in it (a theme or plugin rewrote it)."""
        start = output.find(stripped.html)
        if start < 0:
            return None
        edits = []
        for spot in stripped.spots:
            rendered = to_html(self.items[spot.number], here, urls)
            html = f"<p>{rendered}</p>" if spot.alone else rendered
            edits.append(Edit(start + spot.start, start + spot.end, html))
        return splice(output, edits)
