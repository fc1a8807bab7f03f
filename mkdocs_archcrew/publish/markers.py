"""How annotations travel through a page: a marker holds each one's place while Python-Markdown
renders the page, and only there.

A marker is two private-use characters around a key and a number: inert to Markdown. Authors'
text may hold private-use characters (icon fonts, some editors), even in a marker's shape; the
key, three more private-use characters drawn at random for each run, keeps such text from ever
being taken for a marker. `page_edits` marks the page
source; the source MkDocs and other plugins read has each marker replaced by what it stands for
in Markdown (`Markers.plain`: a link's text, a diagram's fence), and the marked source goes in
only when Python-Markdown starts on the page (`publish.extension`). When the page is HTML, and
before any plugin reads it, `Markers.render` writes each annotation in its marker's place.

Why markers rather than the annotations' HTML in the Markdown: on the 500-page benchmark
project (`bench/corpus.py`, 10,250 annotations), Python-Markdown took 0.6 to 2 s more CPU to
convert the pages with the HTML inline than with the markers (six runs of each), while all of
archcrew's own work in that build takes about 0.4 s.
"""

from __future__ import annotations

import re
import secrets
from typing import TYPE_CHECKING, NamedTuple

from .annotations import Anchor, Block, given_id, markdown_text, to_html

if TYPE_CHECKING:
    from collections.abc import Mapping

    from .annotations import Annotation

MARKER_OPEN, MARKER_CLOSE = "\ue000", "\ue001"
KEY = "".join(chr(0xE100 + secrets.randbelow(0x700)) for _ in range(3))
"""Drawn anew in each process: markers never leave it (the pages' sources, the site and every
cache hold none)."""
MARKER = re.compile(f"{MARKER_OPEN}{KEY}([0-9]+){MARKER_CLOSE}")


class Rendered(NamedTuple):
    """A page's HTML with its annotations written in."""

    html: str
    ids: set[str]
    """The ids the annotations give the page."""


class Markers:
    """The annotations of a build, each behind its marker."""

    def __init__(self) -> None:
        self.items: list[Annotation] = []
        self._numbers: dict[Annotation, int] | None = {}
        """The number of each annotation made so far, until `settle`."""

    def marker(self, annotation: Annotation) -> str:
        """The marker of `annotation`. Equal annotations share one: the notes of requirements
        covered by the same sections are the same, and each is kept until the build ends."""
        numbers = self._numbers
        number = numbers.get(annotation) if numbers is not None else None
        if number is None:
            number = len(self.items)
            self.items.append(annotation)
            if numbers is not None:
                numbers[annotation] = number
        return f"{MARKER_OPEN}{KEY}{number}{MARKER_CLOSE}"

    def settle(self) -> None:
        """The pages are marked: let the index of annotations go (a later marker is not
        shared)."""
        self._numbers = None

    def _get(self, number: str) -> Annotation | None:
        index = int(number)
        return self.items[index] if index < len(self.items) else None

    def expand(self, text: str) -> str:
        """`text` with each marker replaced by what its annotation says: a fingerprint of the
        page that stays the same when only the numbering of markers changes."""

        def shown(marker: re.Match[str]) -> str:
            annotation = self._get(marker[1])
            return marker[0] if annotation is None else repr(annotation)

        return MARKER.sub(shown, text)

    def plain(self, text: str) -> str:
        """`text` as Markdown without markers, for MkDocs and other plugins to read."""
        if MARKER_OPEN not in text:
            return text

        def plain(marker: re.Match[str]) -> str:
            annotation = self._get(marker[1])
            return marker[0] if annotation is None else markdown_text(annotation)

        return MARKER.sub(plain, text)

    def marked_offsets(
        self, marked: str, offsets: list[int], *, after: bool = False
    ) -> list[int | None]:
        """Where each of `offsets` (ascending) of ``plain(marked)`` is in `marked`: before the
        markers that stand there, or `after` those that stand for no text (anchors, notes).
        None for an offset inside the text that stands for a marker."""
        found: list[int | None] = []
        pending = iter(offsets)
        offset = next(pending, None)
        shift = 0  # how much longer `marked` is than its plain text, up to here
        for match in MARKER.finditer(marked):
            start = match.start() - shift  # where the marker's plain text starts
            annotation = self._get(match[1])
            plain = match[0] if annotation is None else markdown_text(annotation)
            while offset is not None:
                if offset < start or (offset == start and (plain or not after)):
                    found.append(offset + shift)
                elif offset < start + len(plain):
                    found.append(None)
                else:
                    break
                offset = next(pending, None)
            shift += len(match[0]) - len(plain)
        while offset is not None:
            found.append(offset + shift)
            offset = next(pending, None)
        return found

    def anchor_id(self, number: int) -> str | None:
        """The id annotation `number` gives, if it is an anchor."""
        item = self.items[number] if number < len(self.items) else None
        return item.id if isinstance(item, Anchor) else None

    def render(self, page_html: str, here: str, urls: Mapping[str, str]) -> Rendered:
        """A page's HTML with each marker replaced by its annotation's HTML, for the page at
        URL `here` (`urls`: page path → URL)."""
        if MARKER_OPEN not in page_html:
            return Rendered(page_html, set())
        ids: set[str] = set()
        pieces: list[str] = []
        done = 0  # where the HTML not yet in `pieces` starts
        # Found by the marker's own start, which the pattern searches for quickly; a pattern
        # that also looked for "<p>" first tried it at every character of the page.
        for match in MARKER.finditer(page_html):
            annotation = self._get(match[1])
            if annotation is None:
                continue
            start, end = match.span()
            ident = given_id(annotation)
            if ident is not None:
                ids.add(ident)
            rendered = to_html(annotation, here, urls)
            # A block alone in its paragraph takes the paragraph's place: no <div> in a <p>.
            if (
                isinstance(annotation, Block)
                and page_html.startswith("</p>", end)
                and page_html.endswith("<p>", done, start)
            ):
                start, end = start - 3, end + 4
            pieces.append(page_html[done:start])
            pieces.append(rendered)
            done = end
        pieces.append(page_html[done:])
        return Rendered("".join(pieces), ids)
