"""Sections of pages as values: found by anchor, headings shifted, links rebased."""

from __future__ import annotations

from mkdocs_archcrew.markdown import scan
from mkdocs_archcrew.markdown.headings import default_slugify, heading_ids
from mkdocs_archcrew.placeholders.sections import find_section, rebase_links, shift_headings


def test_section_ends_at_next_heading_of_same_or_higher_rank() -> None:
    text = "# T\n\n## A\n\na\n\n### A1\n\nx\n\n## B\n\nb\n"
    doc = scan(text)
    section = find_section(doc, "a", heading_ids(doc, default_slugify))
    assert section is not None
    assert text[section.content_start : section.end] == "\na\n\n### A1\n\nx\n\n"
    assert find_section(doc, "zzz", heading_ids(doc, default_slugify)) is None


def test_shift_headings_up_down_and_setext() -> None:
    text = "### A\n\nx\n\nB\n---\n\n```\n# code\n```\n"
    assert shift_headings(text, -1) == "## A\n\nx\n\n# B\n\n```\n# code\n```\n"
    assert shift_headings("# A\n", -3) == "# A\n"
    assert shift_headings("###### A\n", 2) == "###### A\n"
    assert shift_headings("## A\n", 0) == "## A\n"


def test_rebase_links() -> None:
    text = (
        "[a](other.md#x) ![i](img/p.png) [s](#here) [abs](https://x.org/a) [root](/r) "
        "`[c](code.md)`\n\n[ref]: ../up.md\n"
    )
    assert rebase_links(text, "specs/FRS.md", "CLAUDE.md") == (
        "[a](specs/other.md#x) ![i](specs/img/p.png) [s](specs/FRS.md#here) "
        "[abs](https://x.org/a) [root](/r) `[c](code.md)`\n\n[ref]: up.md\n"
    )
    assert rebase_links(text, "a.md", "a.md") == text
