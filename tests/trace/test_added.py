"""`AddedText`: IDs in text added to an RDS or FRS page while it renders are a warning at the
page's line; on other pages they are nobody's concern."""

from __future__ import annotations

from mkdocs_archcrew.trace.added import AddedText
from mkdocs_archcrew.trace.coverage import TraceSettings


def test_ids_added_to_traced_pages_are_said_once_each() -> None:
    watch = AddedText(["index.md", "RDS.md", "specs/FRS-api.md"], TraceSettings())
    finding = watch.finding("specs/FRS-api.md", "docs/specs/FRS-api.md", 7, "FR-3, nfr-2, FR-3")
    assert finding is not None
    assert (finding.code, finding.file, finding.line) == (
        "trace-added-text",
        "docs/specs/FRS-api.md",
        7,
    )
    assert "names FR-3, NFR-2, which the RDS → FRS check cannot see" in finding.message
    assert watch.finding("RDS.md", "docs/RDS.md", 1, "## FR-9: New") is not None


def test_other_pages_and_text_without_ids_are_no_concern() -> None:
    watch = AddedText(["index.md", "FRS.md"], TraceSettings(frs=("FRS.md",)))
    assert watch.finding("index.md", "docs/index.md", 1, "FR-1") is None
    assert watch.finding("FRS.md", "docs/FRS.md", 1, "no ids here") is None
