"""Banners listing a page's problems."""

from __future__ import annotations

from mkdocs_archcrew.findings import Finding, Severity
from mkdocs_archcrew.publish.banners import banner, insert_banner


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
