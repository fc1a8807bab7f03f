"""Annotations of requirement headings: carried in the heading's text, set in place by a
Python-Markdown extension.

A requirement defined by a heading gets an anchor and, after the heading, a coverage note.
Written as paragraphs of their own around the heading, they would cost Python-Markdown two more
blocks to parse for each such requirement (a tenth of a large RDS page's rendering time), and an
anchor paragraph before a page's first heading would cost the page its title. Instead their
markers start the heading's text, and this extension takes them out once the heading's inline
Markdown is read, before the table of contents, the page title and MkDocs' anchor check read the
heading: the anchor becomes an empty element at the start of the heading, the note's
marker a paragraph of its own after it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from xml.etree.ElementTree import Element

from markdown import Extension
from markdown.treeprocessors import Treeprocessor

from .annotations import MARKER, MARKER_OPEN

if TYPE_CHECKING:
    from collections.abc import Callable

    from markdown import Markdown

_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_LEADING_MARKERS = re.compile(f"(?:{MARKER.pattern})+")
PRIORITY = 15
"""After inline Markdown (20), before attribute lists (8) and the table of contents (5)."""


class HeadingMarkers(Extension):
    """Takes the annotation markers that start a heading's text out of the heading."""

    def __init__(self, anchor_of: Callable[[int], str | None]) -> None:
        """`anchor_of(number)`: the id of annotation `number` if it is an anchor, else None."""
        super().__init__()
        self.anchor_of = anchor_of

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(_MoveMarkers(md, self.anchor_of), "archcrew", PRIORITY)


class _MoveMarkers(Treeprocessor):
    def __init__(self, md: Markdown, anchor_of: Callable[[int], str | None]) -> None:
        super().__init__(md)
        self.anchor_of = anchor_of

    def run(self, root: Element) -> None:
        # Walking the heading tags is done in C; most pages have no marked heading at all.
        if not any(_marked(heading) for tag in _HEADINGS for heading in root.iter(tag)):
            return
        found = [
            (parent, child)
            for parent in root.iter()
            for child in parent
            if child.tag in _HEADINGS and _marked(child)
        ]
        for parent, heading in found:
            text = heading.text or ""
            leading = _LEADING_MARKERS.match(text)
            if leading is None:
                continue
            heading.text = text[leading.end() :]
            after = list(parent).index(heading) + 1
            for marker in MARKER.finditer(leading.group()):
                ident = self.anchor_of(int(marker[1]))
                if ident is not None:
                    # Not an `a`: MkDocs takes every `a` in the tree for a link with an href.
                    anchor = Element("span", {"id": ident})
                    anchor.tail, heading.text = heading.text, None
                    heading.insert(0, anchor)
                else:
                    paragraph = Element("p")
                    paragraph.text = marker.group()
                    parent.insert(after, paragraph)
                    after += 1


def _marked(heading: Element) -> bool:
    return heading.text is not None and heading.text.startswith(MARKER_OPEN)
