"""The treeprocessor `HeadingMarkers` in archcrew's Markdown extension, run with ``toc`` as
MkDocs runs it (with a host that leaves the Markdown and HTML as they are): markers
starting a heading leave it (an anchor as a ``<span id>`` inside it, others as paragraphs after
it) before the table of contents reads it; a page title's anchor moves into the ``h1``."""

from __future__ import annotations

from typing import Any

import markdown

from mkdocs_archcrew.publish.annotations import Anchor, Link, Note
from mkdocs_archcrew.publish.extension import ArchcrewExtension, makeExtension
from mkdocs_archcrew.publish.markers import Markers

MARKERS = Markers()
ANCHOR = MARKERS.marker(Anchor("fr-1"))
NOTE = MARKERS.marker(Note((), "active", enforced=True))
TITLE_ANCHOR = MARKERS.marker(Anchor("fr-2"))
LINK = MARKERS.marker(Link("FR-1", "RDS.md", "fr-1"))


class Host:
    """Leaves pages as they are, so the markers the treeprocessor left show in the HTML."""

    def markdown(self, text: str) -> str:
        return text

    def html(self, html: str) -> str:
        return html

    def anchor_of(self, number: int) -> str | None:
        return MARKERS.anchor_id(number)


def render(text: str) -> tuple[str, list[dict[str, Any]]]:
    md = markdown.Markdown(extensions=["toc", ArchcrewExtension(host=Host())])
    html = md.convert(text)
    tokens: list[dict[str, Any]] = md.toc_tokens  # type: ignore[attr-defined]
    return html, tokens


def test_anchor_goes_into_the_heading_and_a_note_after_it() -> None:
    html, toc = render(f"# RDS\n\n## {ANCHOR}{NOTE}FR-1: Login\n\nText\n")
    assert html == (
        '<h1 id="rds">RDS</h1>\n'
        '<h2 id="fr-1-login"><span id="fr-1"></span>FR-1: Login</h2>\n'
        f"<p>{NOTE}</p>\n"
        "<p>Text</p>"
    )
    # The table of contents reads the heading without markers: same id, same name.
    (child,) = toc[0]["children"]
    assert (child["id"], child["name"]) == ("fr-1-login", "FR-1: Login")


def test_markers_in_a_nested_heading() -> None:
    html, _ = render(f"> ### {NOTE}{ANCHOR}Quoted\n")
    assert html == (
        "<blockquote>\n"
        '<h3 id="quoted"><span id="fr-1"></span>Quoted</h3>\n'
        f"<p>{NOTE}</p>\n"
        "</blockquote>"
    )


def test_the_page_titles_anchor_moves_into_the_h1() -> None:
    # A title's markers are written in paragraphs after it: MkDocs reads the title first.
    html, toc = render(f"# FR-2: Title\n\n{TITLE_ANCHOR}\n\n{NOTE}\n\nBody\n")
    assert html == (
        f'<h1 id="fr-2-title"><span id="fr-2"></span>FR-2: Title</h1>\n<p>{NOTE}</p>\n<p>Body</p>'
    )
    assert (toc[0]["id"], toc[0]["name"]) == ("fr-2-title", "FR-2: Title")


def test_paragraphs_after_a_title_that_hold_more_than_markers_stay() -> None:
    text = f"# Title\n\n{TITLE_ANCHOR} and words\n\n{LINK}\n"
    html, _ = render(text)
    assert html == f'<h1 id="title">Title</h1>\n<p>{TITLE_ANCHOR} and words</p>\n<p>{LINK}</p>'


def test_headings_without_markers_are_untouched() -> None:
    text = f"# Plain\n\n## Other *one*\n\nProse {LINK}.\n"
    html, _ = render(text)
    plain = markdown.Markdown(extensions=["toc"]).convert(text)
    assert html == plain
    assert html == (
        '<h1 id="plain">Plain</h1>\n'
        '<h2 id="other-one">Other <em>one</em></h2>\n'
        f"<p>Prose {LINK}.</p>"
    )


def test_loaded_by_name_without_a_host() -> None:
    # Python-Markdown loads the extension by module name; without a host no marker is an
    # anchor, so every marker becomes a paragraph, and the rest is left as it is.
    html = markdown.markdown(f"## {ANCHOR}Title\n", extensions=[makeExtension()])
    assert html == f"<h2>Title</h2>\n<p>{ANCHOR}</p>"
    by_name = markdown.markdown(
        f"## {ANCHOR}Title\n", extensions=["mkdocs_archcrew.publish.extension"]
    )
    assert by_name == html
