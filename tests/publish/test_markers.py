"""How annotations travel through a page: `Markers.marker` numbering, `plain` (the Markdown
other plugins read), `marked_offsets` (from that Markdown back into the marked one), `render`
(the annotations written as HTML), `expand` and `anchor_id`."""

from __future__ import annotations

from mkdocs_archcrew.publish.annotations import Anchor, Block, Link, Note, to_html
from mkdocs_archcrew.publish.markers import KEY, MARKER_CLOSE, MARKER_OPEN, Markers

URLS = {"RDS.md": "RDS/", "FRS.md": "FRS/"}
NOT_COVERED = to_html(Note((), "active", enforced=True), "FRS/", URLS)


def made() -> tuple[Markers, list[str]]:
    markers = Markers()
    signs = [
        markers.marker(Anchor("fr-1")),
        markers.marker(Link("FR-1", "RDS.md", "fr-1")),
        markers.marker(Note((), "active", enforced=True)),
        markers.marker(Block("<div>D</div>", "```mermaid\nA\n```")),
    ]
    return markers, signs


def test_markers_are_numbered_in_order() -> None:
    markers, signs = made()
    assert signs == [f"{MARKER_OPEN}{KEY}{n}{MARKER_CLOSE}" for n in range(4)]
    assert markers.items == [
        Anchor("fr-1"),
        Link("FR-1", "RDS.md", "fr-1"),
        Note((), "active", enforced=True),
        Block("<div>D</div>", "```mermaid\nA\n```"),
    ]


def test_equal_annotations_share_a_marker_until_the_pages_are_marked() -> None:
    markers, signs = made()
    # The note of another requirement covered by the same sections: the same marker, kept once.
    assert markers.marker(Note((), "active", enforced=True)) == signs[2]
    assert markers.marker(Link("FR-1", "RDS.md", "fr-1")) == signs[1]
    assert markers.marker(Note((), "draft", enforced=False)) == f"{MARKER_OPEN}{KEY}4{MARKER_CLOSE}"
    assert len(markers.items) == 5
    markers.settle()
    # Once the pages are marked the index is gone: a later marker is a marker of its own.
    assert markers.marker(Anchor("fr-1")) == f"{MARKER_OPEN}{KEY}5{MARKER_CLOSE}"
    assert markers.render(signs[0], "RDS/", URLS).ids == {"fr-1"}


def test_plain_is_the_markdown_other_plugins_read() -> None:
    markers, (anchor, link, note, block) = made()
    marked = f"# T {anchor}\n\nSee {link}.{note}\n\n{block}\n"
    assert markers.plain(marked) == "# T \n\nSee FR-1.\n\n```mermaid\nA\n```\n"
    # A number that is no annotation's is left as written.
    stray = f"{MARKER_OPEN}9{MARKER_CLOSE}"
    assert markers.plain(f"x {stray}") == f"x {stray}"
    assert markers.plain("no markers") == "no markers"


def test_marked_offsets_map_plain_offsets_into_the_marked_text() -> None:
    markers, (anchor, link, note, _) = made()
    marked = f"A{anchor}B {link} C{note}\nD"
    plain = markers.plain(marked)
    assert plain == "AB FR-1 C\nD"
    offsets = [0, 1, 3, 5, 7, 9, 10]
    found = markers.marked_offsets(marked, offsets)
    # Before the markers standing at an offset; None inside a link's text.
    assert found == [
        0,
        1,
        3 + len(anchor),
        None,
        3 + len(anchor) + len(link),
        9 - 4 + len(anchor) + len(link),
        10 - 4 + len(anchor) + len(link) + len(note),
    ]
    for offset, at in zip(offsets, found, strict=True):
        if at is not None:
            assert markers.plain(marked[at:]) == plain[offset:]
    # `after`: past the markers that stand for no text, so a run ending there keeps them.
    (end_of_line,) = markers.marked_offsets(marked, [9], after=True)
    assert marked[:end_of_line].endswith(note)
    (before_anchor,) = markers.marked_offsets(marked, [1], after=True)
    assert marked[:before_anchor] == f"A{anchor}"


def test_render_writes_each_annotation_for_its_page() -> None:
    markers, (anchor, link, note, block) = made()
    page = f"<h1>T</h1>\n<p>{anchor}Intro {link}.</p>\n<p>{note}</p>\n<p>{block}</p>"
    rendered = markers.render(page, "FRS/", URLS)
    assert rendered.html == (
        '<h1>T</h1>\n<p><a id="fr-1"></a>Intro '
        '<a class="archcrew-link" href="../RDS/#fr-1">FR-1</a>.</p>\n'
        f"<p>{NOT_COVERED}</p>\n"
        "<div>D</div>"  # a block alone in a paragraph takes the paragraph's place
    )
    assert rendered.ids == {"fr-1"}
    # On the requirement's own page, a link is a bare fragment.
    assert markers.render(f"<p>{link}</p>", "RDS/", URLS).html == (
        '<p><a class="archcrew-link" href="#fr-1">FR-1</a></p>'
    )


def test_render_leaves_text_without_markers_and_stray_numbers_alone() -> None:
    markers, _ = made()
    assert markers.render("<p>plain</p>", "FRS/", URLS) == ("<p>plain</p>", set())
    stray = f"<p>{MARKER_OPEN}9{MARKER_CLOSE}</p>"
    assert markers.render(stray, "FRS/", URLS).html == stray


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
        f"x Anchor(id='fr-1', label='') {MARKER_OPEN}7{MARKER_CLOSE}"
    )
    assert first.expand(f"x {anchor}") != first.expand(f"x {link}")


def test_anchor_id() -> None:
    markers, _ = made()
    assert [markers.anchor_id(n) for n in range(5)] == ["fr-1", None, None, None, None]
