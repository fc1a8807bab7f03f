"""How annotations travel through a page: `Markers.marker` numbering, `strip` (the plain HTML
search and other plugins read, and where each annotation goes back), `insert` (the annotations
put back as HTML), `expand` and `anchor_id`."""

from __future__ import annotations

from mkdocs_archcrew.publish.annotations import Anchor, Block, Link, Note
from mkdocs_archcrew.publish.markers import MARKER_CLOSE, MARKER_OPEN, Markers, Spot, Stripped

URLS = {"RDS.md": "RDS/", "FRS.md": "FRS/"}
NOT_COVERED = (
    '<small id="fr-2" class="archcrew-coverage" data-search-exclude>'
    "<strong>not covered</strong> by the FRS</small>"
)


def made() -> tuple[Markers, list[str]]:
    markers = Markers()
    signs = [
        markers.marker(Anchor("fr-1")),
        markers.marker(Link("FR-1", "RDS.md", "fr-1")),
        markers.marker(Note("fr-2", (), "active", enforced=True)),
        markers.marker(Block("<div>D</div>")),
    ]
    return markers, signs


def test_markers_are_numbered_in_order() -> None:
    markers, signs = made()
    assert signs == [f"{MARKER_OPEN}{n}{MARKER_CLOSE}" for n in range(4)]
    assert markers.items == [
        Anchor("fr-1"),
        Link("FR-1", "RDS.md", "fr-1"),
        Note("fr-2", (), "active", enforced=True),
        Block("<div>D</div>"),
    ]


def test_strip() -> None:
    markers, (anchor, link, note, block) = made()
    unknown = f"{MARKER_OPEN}99{MARKER_CLOSE}"
    page = (
        f"<p>{anchor}Intro {link} text {note}</p>\n"
        f"<p>{block}</p>\n"
        f"<p>{note}</p>\n"
        f"<p>bogus {unknown}</p>"
    )
    assert markers.strip(page) == Stripped(
        # A link keeps its text; anchors and notes vanish; a marker alone in its paragraph
        # takes the paragraph with it; a number that is no annotation's stays as written.
        f"<p>Intro FR-1 text </p>\n<div>D</div>\n\n<p>bogus {unknown}</p>",
        [
            Spot(3, 3, 0, alone=False),
            Spot(9, 13, 1, alone=False),
            Spot(19, 19, 2, alone=False),
            Spot(37, 37, 2, alone=True),  # blocks stay in the plain HTML: no spot
        ],
        {"fr-1", "fr-2"},
    )


def test_strip_without_markers_is_the_page_itself() -> None:
    markers, _ = made()
    plain = "<p>plain</p>"
    assert markers.strip(plain) == Stripped(plain, [], set())


def test_insert_after_strip_gives_the_annotated_page() -> None:
    markers, (anchor, link, note, block) = made()
    content = f"<p>{anchor}Intro {link} text</p>\n<p>{block}</p>\n<p>{note}</p>\n"
    stripped = markers.strip(content)
    # The theme wraps the content it was given in a page of its own.
    written = f"<html><body><article>{stripped.html}</article></body></html>"
    assert markers.insert(written, stripped, "FRS/", URLS) == (
        "<html><body><article>"
        '<p><a id="fr-1"></a>Intro <a href="../RDS/#fr-1">FR-1</a> text</p>\n'
        "<div>D</div>\n"
        f"<p>{NOT_COVERED}</p>\n"
        "</article></body></html>"
    )
    # On the requirement's own page, the link is a bare fragment.
    annotated = markers.insert(stripped.html, stripped, "RDS/", URLS)
    assert annotated is not None
    assert '<a href="#fr-1">FR-1</a>' in annotated


def test_insert_gives_up_when_the_content_was_rewritten() -> None:
    markers, (anchor, link, _, _) = made()
    stripped = markers.strip(f"<p>{anchor}Intro {link}</p>")
    assert markers.insert("<p>Intro FR-1 (rewritten)</p>", stripped, "FRS/", URLS) is None


def test_expand_shows_what_markers_stand_for() -> None:
    first, (anchor, link, _, _) = made()
    # The same annotations under other numbers read the same.
    second = Markers()
    second.marker(Block("other"))
    moved_link, moved_anchor = (
        second.marker(Link("FR-1", "RDS.md", "fr-1")),
        second.marker(Anchor("fr-1")),
    )
    assert first.expand(f"x {anchor}{link}") == second.expand(f"x {moved_anchor}{moved_link}")
    assert first.expand(f"x {anchor} {MARKER_OPEN}7{MARKER_CLOSE}") == (
        f"x Anchor(id='fr-1') {MARKER_OPEN}7{MARKER_CLOSE}"
    )
    assert first.expand(f"x {anchor}") != first.expand(f"x {link}")


def test_anchor_id() -> None:
    markers, _ = made()
    assert [markers.anchor_id(n) for n in range(5)] == ["fr-1", None, None, None, None]
