"""Bidirectional control characters in RDS and FRS pages are a warning at their line."""

from __future__ import annotations

from mkdocs_archcrew.markdown import scan
from mkdocs_archcrew.markdown.headings import default_slugify
from mkdocs_archcrew.trace.coverage import TraceSettings, trace_project


def test_bidi_controls_in_rds_and_frs_pages_are_said_once_a_line() -> None:
    pages = {
        "RDS.md": "# R\n\n## FR-1: Login\n\nUsers \u202elog in\u202c.\n",
        "FRS.md": "# F\n\nFR-1 is done.\n",
        "index.md": "# Home \u202e\n",
    }
    docs = {path: scan(text) for path, text in pages.items()}
    files = {path: f"docs/{path}" for path in pages}

    trace = trace_project(docs, files, TraceSettings(), default_slugify)

    found = [(f.code, f.file, f.line) for f in trace.findings if f.code == "trace-bidi-control"]
    assert found == [("trace-bidi-control", "docs/RDS.md", 5)]
    (finding,) = (f for f in trace.findings if f.code == "trace-bidi-control")
    assert finding.message.startswith(
        "this line holds the bidirectional control character \\u202e, which makes text show"
    )
    assert "(\\u202e is right-to-left override:" in finding.message
