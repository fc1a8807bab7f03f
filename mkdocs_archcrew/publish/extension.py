"""The Python-Markdown extension through which archcrew does its per-page work: whatever
Markdown a page is rendered from, however it got there, passes through it.

A host (the MkDocs plugin; another tool's entry later) knows the page being rendered and what
the project says about it. The extension hands it the page's Markdown once every earlier
preprocessor has run (``pymdownx.snippets`` has included its files), so text that reached the
page through another plugin is filled like the rest; and the page's HTML once Python-Markdown
is done with it, so annotations are written before any plugin reads the HTML, and no marker
ever leaves the conversion.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from markdown import Extension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

from . import heading_markers

if TYPE_CHECKING:
    from markdown import Markdown

PREPROCESSOR_PRIORITY = 31
"""After ``pymdownx.snippets`` (32), before whitespace is normalized (30) and raw HTML blocks
are set aside (20): a marker in a raw HTML block is still seen."""
POSTPROCESSOR_PRIORITY = 5
"""After raw HTML (30) and entities (20) are put back: every marker is in the text by then."""


class Host(Protocol):
    """What the extension asks of the tool that renders the pages."""

    def markdown(self, text: str) -> str:
        """The Markdown to render for the page being rendered, given the one it has."""

    def html(self, html: str) -> str:
        """The page's HTML with its annotations written in."""

    def anchor_of(self, number: int) -> str | None:
        """The id annotation `number` gives, if it is an anchor."""


class _Unhosted:
    """No host: every page is left as it is (the extension loaded by name alone)."""

    def markdown(self, text: str) -> str:
        return text

    def html(self, html: str) -> str:
        return html

    def anchor_of(self, number: int) -> str | None:
        return None


class ArchcrewExtension(Extension):
    """Fills and marks each page's Markdown, and writes its annotations into its HTML."""

    def __init__(self, **kwargs: Any) -> None:
        # Not None: Python-Markdown reads an option whose default is None as a boolean.
        self.config = {"host": [_Unhosted(), "the Host that knows the page being rendered"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        host: Host = self.getConfig("host")
        md.preprocessors.register(_Pages(md, host), "archcrew", PREPROCESSOR_PRIORITY)
        md.treeprocessors.register(
            heading_markers.HeadingMarkers(md, host.anchor_of),
            "archcrew-headings",
            heading_markers.PRIORITY,
        )
        md.postprocessors.register(_Annotations(md, host), "archcrew", POSTPROCESSOR_PRIORITY)


def makeExtension(**kwargs: Any) -> ArchcrewExtension:
    """Python-Markdown loads the extension by module name and calls this."""
    return ArchcrewExtension(**kwargs)


class _Pages(Preprocessor):
    def __init__(self, md: Markdown, host: Host) -> None:
        super().__init__(md)
        self.host = host

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        done = self.host.markdown(text)
        return lines if done is text else done.split("\n")


class _Annotations(Postprocessor):
    def __init__(self, md: Markdown, host: Host) -> None:
        super().__init__(md)
        self.host = host

    def run(self, text: str) -> str:
        return self.host.html(text)
