"""`AddedText`: IDs in text added to an RDS or FRS page while it renders are a warning at the
page's line when the trace would say otherwise had it seen them (undefined or uncovered IDs);
on other pages, and for requirements already covered, they are nobody's concern."""

from __future__ import annotations

from mkdocs_archcrew.markdown import scan
from mkdocs_archcrew.markdown.headings import default_slugify
from mkdocs_archcrew.trace.added import AddedText
from mkdocs_archcrew.trace.coverage import TraceSettings, trace_project

PAGES = {
    "index.md": "# Home\n",
    "RDS.md": "# R\n\n## FR-1: Login\n\n## FR-2: Export\n",
    "specs/FRS-api.md": "# F\n\nFR-1 is done.\n",
}


def watch(settings: TraceSettings | None = None) -> AddedText:
    docs = {path: scan(text) for path, text in PAGES.items()}
    files = {path: f"docs/{path}" for path in PAGES}
    trace = trace_project(docs, files, settings or TraceSettings(), default_slugify)
    return AddedText(trace)


def test_undefined_and_uncovered_ids_added_to_traced_pages_are_said_once_each() -> None:
    finding = watch().finding(
        "specs/FRS-api.md", "docs/specs/FRS-api.md", 7, "FR-3, fr-2, FR-3, FR-1"
    )
    assert finding is not None
    assert (finding.code, finding.file, finding.line) == (
        "trace-added-text",
        "docs/specs/FRS-api.md",
        7,
    )
    assert "names FR-3, FR-2, undefined or uncovered as far as" in finding.message
    assert watch().finding("RDS.md", "docs/RDS.md", 1, "## FR-9: New") is not None


def test_other_pages_covered_requirements_and_text_without_ids_are_no_concern() -> None:
    assert watch().finding("index.md", "docs/index.md", 1, "FR-3") is None
    assert watch().finding("RDS.md", "docs/RDS.md", 1, "FR-1 again") is None
    assert watch().finding("RDS.md", "docs/RDS.md", 1, "no ids here") is None
    only_frs = watch(TraceSettings(frs=("specs/FRS-api.md",), rds=("RDS.md",)))
    assert only_frs.finding("index.md", "docs/index.md", 1, "FR-9") is None
