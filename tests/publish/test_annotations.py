"""Annotations as HTML: `to_html` of anchors (empty, or showing a numbered-list item's ID),
links (relative to the page they land in, a bare fragment on their own page, escaped, kept
from breaking inside an ID), coverage notes (an uncovered one marked) and blocks; what stands for each in the
Markdown other plugins read (`markdown_text`), the id each gives (`given_id`), and `relative_url` as MkDocs writes
links between pages."""

from __future__ import annotations

import itertools

import pytest
from mkdocs.utils import get_relative_url

from mkdocs_archcrew.publish.annotations import (
    Anchor,
    Annotation,
    Block,
    Link,
    Note,
    given_id,
    markdown_text,
    relative_url,
    to_html,
)

URLS = {"RDS.md": "RDS/", "specs/FRS.md": "specs/FRS/", "index.md": ""}
HTML_URLS = {"RDS.md": "RDS.html", "specs/FRS.md": "specs/FRS.html", "index.md": "index.html"}


def test_anchor() -> None:
    assert to_html(Anchor("fr-1"), "RDS/", URLS) == '<a id="fr-1"></a>'
    assert to_html(Anchor('a"<b>'), "RDS/", URLS) == '<a id="a&quot;&lt;b&gt;"></a>'


def test_anchor_showing_an_id_links_to_itself() -> None:
    assert to_html(Anchor("fr-3", "FR-3"), "RDS/", URLS) == (
        '<a class="archcrew-id" id="fr-3" href="#fr-3">FR-3</a>'
    )
    assert to_html(Anchor("a&b", "A<B"), "RDS/", URLS) == (
        '<a class="archcrew-id" id="a&amp;b" href="#a&amp;b">A&lt;B</a>'
    )


@pytest.mark.parametrize(
    ("here", "urls", "href"),
    [
        ("specs/FRS/", URLS, "../../RDS/#fr-1"),
        ("", URLS, "RDS/#fr-1"),  # from the home page
        ("RDS/", URLS, "#fr-1"),  # on its own page: the fragment alone
        ("specs/FRS.html", HTML_URLS, "../RDS.html#fr-1"),
        ("index.html", HTML_URLS, "RDS.html#fr-1"),
        ("RDS.html", HTML_URLS, "#fr-1"),
    ],
)
def test_link_relative_to_the_page_it_lands_in(here: str, urls: dict[str, str], href: str) -> None:
    assert to_html(Link("FR-1", "RDS.md", "fr-1"), here, urls) == (
        f'<a class="archcrew-link" href="{href}">FR-1</a>'
    )


def test_link_without_a_fragment_and_to_an_unknown_page() -> None:
    def href(link: Link, here: str) -> str:
        return to_html(link, here, URLS).removeprefix('<a class="archcrew-link" ')

    assert href(Link("home", "index.md", ""), "specs/FRS/") == 'href="../..">home</a>'
    assert href(Link("self", "RDS.md", ""), "RDS/") == 'href=".">self</a>'
    # A page MkDocs does not know is linked by its path, relative like any other.
    assert href(Link("x", "gone.md", "y"), "RDS/") == 'href="../gone.md#y">x</a>'


def test_link_is_escaped() -> None:
    link = Link("a <b> & c", "R&D.md", 'x"y')
    assert to_html(link, "", {"R&D.md": "R&D/"}) == (
        '<a class="archcrew-link" href="R&amp;D/#x&quot;y">a &lt;b&gt; &amp; c</a>'
    )


def sections(count: int) -> tuple[Link, ...]:
    return tuple(Link(f"FRS › S{n}", "specs/FRS.md", f"s{n}") for n in range(count))


def test_note_of_a_covered_requirement_links_five_sections_at_most() -> None:
    note = Note(sections(7), "active", enforced=True)
    # Sections' names may break between words: the links in a note have no class.
    links = ", ".join(f'<a href="../specs/FRS/#s{n}">FRS › S{n}</a>' for n in range(5))
    assert to_html(note, "RDS/", URLS) == (
        f'<small class="archcrew-coverage" data-search-exclude>covered by {links} '
        "and 2 more</small>"
    )
    five = to_html(Note(sections(5), "active", enforced=True), "RDS/", URLS)
    assert five.endswith(f"covered by {links}</small>")


def test_note_of_an_uncovered_requirement() -> None:
    uncovered = to_html(Note((), "active", enforced=True), "RDS/", URLS)
    # Its own class (red in archcrew.css), an icon that is not read aloud, and the words.
    assert uncovered.startswith(
        '<small class="archcrew-coverage archcrew-uncovered" data-search-exclude>'
        '<svg class="archcrew-icon" viewBox="0 0 24 24" width="16" height="16" '
        'aria-hidden="true"><path fill="currentColor" '
    )
    assert uncovered.endswith("</svg><strong>not covered</strong> by the FRS</small>")
    # A draft's gap is not checked: no alarm.
    assert to_html(Note((), "draft", enforced=False), "RDS/", URLS) == (
        '<small class="archcrew-coverage" data-search-exclude>draft, not covered yet</small>'
    )
    # A draft that is covered says so like any other.
    covered = to_html(Note(sections(1), "draft", enforced=False), "RDS/", URLS)
    assert ">covered by <a " in covered


def test_note_says_when_coverage_is_by_title_or_only_by_one_word() -> None:
    link = '<a href="../specs/FRS/#s0">FRS › S0</a>'
    by_title = Note(sections(1), "active", enforced=True, by="title")
    assert f">covered by its title in {link}</small>" in to_html(by_title, "RDS/", URLS)
    by_word = Note(sections(1), "active", enforced=True, by="word", word="<Performance>")
    assert f">covered only by the word “&lt;Performance&gt;” in {link}</small>" in to_html(
        by_word, "RDS/", URLS
    )
    # With on_word_only: uncovered, the word is no coverage, and the note says where it stands.
    refused = Note(sections(1), "active", True, "word", "Performance", counted=False)
    shown = to_html(refused, "RDS/", URLS)
    # A refused word is a gap: it stands out as one, icon and all.
    assert 'class="archcrew-coverage archcrew-uncovered"' in shown
    assert f"</svg><strong>not covered</strong>: only the word “Performance” in {link}</small>" in (
        shown
    )
    draft = Note(sections(1), "draft", False, "word", "Performance", counted=False)
    assert f">draft, not covered yet: only the word “Performance” in {link}</small>" in to_html(
        draft, "RDS/", URLS
    )


def test_block_is_its_own_html() -> None:
    assert to_html(Block("<div>drawn</div>\n"), "RDS/", URLS) == "<div>drawn</div>\n"


@pytest.mark.parametrize(
    ("annotation", "plain", "ident"),
    [
        (Anchor("fr-1"), "", "fr-1"),
        # The ID a numbered item shows is not in the Markdown other plugins read.
        (Anchor("fr-1", "FR-1"), "", "fr-1"),
        (Link("FR-1 <x>", "RDS.md", "fr-1"), "FR-1 <x>", None),
        (Note((), "active", enforced=True), "", None),
        (Block("<svg/>", "```mermaid\ngraph TB\n```"), "```mermaid\ngraph TB\n```", None),
    ],
)
def test_markdown_text_and_given_id(annotation: Annotation, plain: str, ident: str | None) -> None:
    assert markdown_text(annotation) == plain
    assert given_id(annotation) == ident


@pytest.mark.parametrize(
    ("url", "here", "relative"),
    [
        ("RDS/", "FRS/", "../RDS/"),
        ("specs/RDS/", "specs/FRS/", "../RDS/"),
        ("specs/RDS/", "other/deep/", "../../specs/RDS/"),
        ("RDS/", "", "RDS/"),  # from the home page
        ("", "specs/FRS/", "../.."),  # to the home page
        ("FRS/", "FRS/", "."),
        ("a/b/", "a/", "b/"),
        # use_directory_urls: false
        ("RDS.html", "FRS.html", "RDS.html"),
        ("RDS.html", "specs/FRS.html", "../RDS.html"),
        ("specs/index.html", "index.html", "specs/index.html"),
        ("index.html", "specs/index.html", "../index.html"),
    ],
)
def test_relative_url(url: str, here: str, relative: str) -> None:
    assert relative_url(url, here) == relative


def test_relative_url_agrees_with_mkdocs() -> None:
    urls = ["", "a/", "a/b/", "b/", "a.html", "a/b.html", "a/index.html", "index.html", "v1.2/a/"]
    for url, here in itertools.product(urls, urls):
        expected = get_relative_url(url, here)
        # MkDocs writes "./" for the folder itself where this writes "."; both mean the same.
        assert relative_url(url, here) == ("." if expected == "./" else expected), (url, here)
