"""Edits made at offsets of a page as written, placed on the filled page."""

from __future__ import annotations

from mkdocs_archcrew.findings import Finding, Severity
from mkdocs_archcrew.markdown.edits import Edit, Replaced, apply
from mkdocs_archcrew.publish.banners import banner, insert_banner


def test_edits_follow_the_text_around_filled_placeholders() -> None:
    source = "ab {{ x }} cd FR-1 ef"
    filled = "ab LONG VALUE cd FR-1 ef"  # {{ x }} (7 chars, at 3) became 10 chars
    replaced = [Replaced(3, 10, 10)]
    edits = [
        Edit(0, 0, "<a id='top'></a>"),  # before everything
        Edit(14, 18, "[FR-1](RDS.md#fr-1)"),  # after the placeholder: shifted by 3
        Edit(5, 6, "X"),  # inside the placeholder: dropped
        Edit(len(source), len(source), " END"),
    ]
    assert source[14:18] == "FR-1"
    assert (
        apply(filled, 0, replaced, edits)
        == "<a id='top'></a>ab LONG VALUE cd [FR-1](RDS.md#fr-1) ef END"
    )


def test_edits_on_a_body_that_starts_after_front_matter() -> None:
    assert apply("text", 10, [], [Edit(10, 10, ">")]) == ">text"


def test_banner_lists_warnings_and_errors_only() -> None:
    findings = [
        Finding(Severity.INFO, "x", "just so you know", "docs/a.md", 1),
        Finding(Severity.ERROR, "y", "broken <thing>", "docs/a.md", 4),
    ]
    block = banner(findings)
    assert "archcrew: 1 problem on this page" in block
    assert "<li>line 4: broken &lt;thing&gt;</li>" in block
    assert banner(findings[:1]) == ""


def test_banner_goes_after_a_leading_title() -> None:
    assert (
        insert_banner("\n# Title\nText\n", "<div>B</div>\n")
        == "\n# Title\n\n<div>B</div>\n\nText\n"
    )
    assert insert_banner("Text\n", "<div>B</div>\n") == "<div>B</div>\n\nText\n"
