"""`print_page_anchors`: on mkdocs-print-site-plugin's print page, the ids archcrew's
annotations gave each page get the page's key, as the plugin gives headings and links."""

from __future__ import annotations

from mkdocs_archcrew.companions import print_page_anchors, print_page_key

PRINT_PAGE = (
    '<section class="print-page" id="index"><h1 id="index-home">Home</h1><a id="fr-1"></a></section>'
    '<section class="print-page" id="rds"><h2 id="rds-fr-1-login"><span id="fr-1"></span>FR-1</h2>'
    '<small id="fr-2" class="archcrew-coverage">covered</small><p id="other">x</p></section>'
    '<section class="print-page" id="specs-frs"><a class="archcrew-link" href="#rds-fr-1">FR-1</a></section>'
)


def test_annotation_ids_get_their_page_s_key_and_nothing_else_changes() -> None:
    fixed = print_page_anchors(PRINT_PAGE, {"RDS/": {"fr-1", "fr-2"}, "specs/FRS/": set()})
    assert fixed == PRINT_PAGE.replace('<span id="fr-1">', '<span id="rds-fr-1">').replace(
        '<small id="fr-2"', '<small id="rds-fr-2"'
    )


def test_pages_that_are_no_print_page_or_need_nothing_are_left() -> None:
    assert print_page_anchors("<p id='fr-1'>x</p>", {"RDS/": {"fr-1"}}) is None
    assert print_page_anchors(PRINT_PAGE, {"other/": {"fr-1"}}) is None


def test_page_keys_are_the_plugin_s() -> None:
    assert [print_page_key(url) for url in ("", "/", "RDS/", "specs/FRS.html", "a/b/")] == [
        "index",
        "index",
        "rds",
        "specs-frs",
        "a-b",
    ]
