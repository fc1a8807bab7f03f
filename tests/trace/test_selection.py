"""`select_pages`: which pages are RDS or FRS pages, by default (file names starting with the
prefix, any case, any folder) and by glob patterns (page order kept, no page twice, patterns
that select nothing returned, a leading ``/`` ignored)."""

from __future__ import annotations

from mkdocs_archcrew.trace.selection import select_pages

PAGES = [
    "index.md",
    "FRS.md",
    "specs/frs-api.md",
    "RDS.md",
    "specs/RDS-2.md",
    "notes/xFRS.md",
    "Frs/other.md",
]


def test_default_is_a_file_name_prefix_in_any_case_and_folder() -> None:
    assert select_pages(PAGES, None, "FRS") == (["FRS.md", "specs/frs-api.md"], [])
    assert select_pages(PAGES, None, "RDS") == (["RDS.md", "specs/RDS-2.md"], [])


def test_patterns_keep_the_order_of_the_pages_and_select_each_once() -> None:
    # The patterns name specs/ first, but the pages come in their own order.
    chosen, unmatched = select_pages(PAGES, ("specs/*.md", "FRS.md", "specs/frs-*"), "FRS")
    assert chosen == ["FRS.md", "specs/frs-api.md", "specs/RDS-2.md"]
    assert unmatched == []


def test_unmatched_patterns_are_returned_as_written() -> None:
    chosen, unmatched = select_pages(PAGES, ("/FRS.md", "missing/*.md", "frs.md"), "FRS")
    assert chosen == ["FRS.md"]  # a leading / is the top of docs_dir
    assert unmatched == ["missing/*.md", "frs.md"]  # patterns are case-sensitive


def test_no_patterns_select_nothing() -> None:
    assert select_pages(PAGES, (), "FRS") == ([], [])
    assert select_pages([], ("FRS.md",), "FRS") == ([], ["FRS.md"])


def test_any_iterable_of_paths() -> None:
    assert select_pages(iter(PAGES), ("*RDS*",), "RDS") == (["RDS.md", "specs/RDS-2.md"], [])
