"""Annotations of requirement headings: carried in the heading's text, set in place by a
treeprocessor of the Python-Markdown extension (`extension`).

A requirement defined by a heading gets an anchor and, after the heading, a coverage note.
Written as paragraphs of their own around the heading, they would cost Python-Markdown two more
blocks to parse for each such requirement (a tenth of a large RDS page's rendering time), and an
anchor paragraph before a page's first heading would cost the page its title. Instead their
markers start the heading's text, and this extension takes them out once the heading's inline
Markdown is read, before the table of contents, the page title and MkDocs' anchor check read the
heading: the anchor becomes an empty element at the start of the heading, the note's
marker a paragraph of its own after it. The ``# Title`` line a page starts with is the
exception: MkDocs reads it as the page title before the page is rendered, so its markers come
in paragraphs right after it, and the anchor moves from there into the heading.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from xml.etree.ElementTree import Element

from markdown.treeprocessors import Treeprocessor

from .markers import MARKER, MARKER_OPEN

if TYPE_CHECKING:
    from collections.abc import Callable

    from markdown import Markdown

_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_LEADING_MARKERS = re.compile(f"(?:{MARKER.pattern})+")
_ONLY_MARKERS = re.compile(f"\\s*{_LEADING_MARKERS.pattern}\\s*")
PRIORITY = 15
"""A treeprocessor's: after inline Markdown (20), before attribute lists (8) and the table of
contents (5)."""


class HeadingMarkers(Treeprocessor):
    """Takes the annotation markers that start a heading's text out of the heading."""

    def __init__(self, md: Markdown, anchor_of: Callable[[int], str | None]) -> None:
        super().__init__(md)
        self.anchor_of = anchor_of

    def run(self, root: Element) -> None:
        self._title(root)
        # Walking the heading tags is done in C; most pages have no marked heading at all.
        if not any(_marked(heading) for tag in _HEADINGS for heading in root.iter(tag)):
            return
        parents = [
            parent
            for parent in root.iter()
            if any(child.tag in _HEADINGS and _marked(child) for child in parent)
        ]
        for parent in parents:
            children: list[Element] = []
            for child in parent:
                children.append(child)
                if child.tag in _HEADINGS and _marked(child):
                    children.extend(self._take_markers(child))
            parent[:] = children

    def _take_markers(self, heading: Element) -> list[Element]:
        """Takes the markers out of the heading's text: anchors go into the heading, the
        other markers come back as paragraphs to follow it."""
        text = heading.text or ""
        leading = _LEADING_MARKERS.match(text)
        if leading is None:
            return []
        heading.text = text[leading.end() :]
        rest = self._anchor(heading, leading.group())
        return [_paragraph(marker[0]) for marker in MARKER.finditer(rest)]

    def _title(self, root: Element) -> None:
        """Moves into a page's first heading the anchor in the paragraphs of markers after it."""
        if len(root) < 2 or root[0].tag != "h1":
            return
        heading = root[0]
        for paragraph in list(root)[1:3]:  # an anchor's, a note's
            text = paragraph.text or ""
            if paragraph.tag != "p" or len(paragraph) or not _ONLY_MARKERS.fullmatch(text):
                return
            paragraph.text = self._anchor(heading, text)
            if not paragraph.text:
                root.remove(paragraph)

    def _anchor(self, heading: Element, markers: str) -> str:
        """Sets the anchors among `markers` at the start of the heading; the other markers."""
        rest: list[str] = []
        for marker in MARKER.finditer(markers):
            ident = self.anchor_of(int(marker[1]))
            if ident is None:
                rest.append(marker[0])
                continue
            # Not an `a`: MkDocs takes every `a` in the tree for a link with an href.
            anchor = Element("span", {"id": ident})
            anchor.tail, heading.text = heading.text, None
            heading.insert(0, anchor)
        return "".join(rest)


def _paragraph(text: str) -> Element:
    paragraph = Element("p")
    paragraph.text = text
    return paragraph


def _marked(heading: Element) -> bool:
    return heading.text is not None and heading.text.startswith(MARKER_OPEN)
