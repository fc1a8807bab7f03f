"""``archcrew-report.json`` (`requirement_rows` joined `with_findings`): valid JSON whose keys and lists are sorted,
requirements in natural ID order, each covering place once, findings as `Finding.as_dict`, and
the same bytes for the same docs."""

from __future__ import annotations

import json
import textwrap

from mkdocs_archcrew.findings import Finding, Severity
from mkdocs_archcrew.markdown import scan
from mkdocs_archcrew.markdown.headings import default_slugify
from mkdocs_archcrew.trace.coverage import Trace, TraceSettings, trace_project
from mkdocs_archcrew.trace.report import (
    ROWS_AT_ONCE,
    each_row_batch,
    requirement_rows,
    with_findings,
)

RDS = textwrap.dedent("""\
    # RDS

    ### FR-10: Ten

    ### FR-2: Two — «unicode»

    ### FR-1: One (draft)
""")
FRS = "# FRS\n\nFR-10 and FR-2, FR-2 again on this line.\n\nFR-10 once more.\n"


def trace() -> Trace:
    pages = {"RDS.md": RDS, "b/FRS.md": FRS, "a/FRS-2.md": "FR-2\n"}
    docs = {path: scan(text) for path, text in pages.items()}
    files = {path: f"docs/{path}" for path in pages}
    return trace_project(docs, files, TraceSettings(), default_slugify)


FINDINGS = [
    Finding(Severity.WARNING, "placeholder-unresolved", "zeta", "docs/b.md", 2),
    Finding(Severity.ERROR, "trace-uncovered", "alpha", "docs/a.md", 9),
    Finding(Severity.INFO, "mermaid-toolchain", "no node", "mkdocs.yml", 0),
    Finding(Severity.ERROR, "placeholder-cycle", "beta", "docs/a.md", 9),
]


def test_report_content() -> None:
    report = json.loads(with_findings(requirement_rows(trace()), FINDINGS))
    assert report == {
        "findings": [
            FINDINGS[3].as_dict(),  # docs/a.md:9, by code
            FINDINGS[1].as_dict(),
            FINDINGS[0].as_dict(),
            FINDINGS[2].as_dict(),
        ],
        "requirements": [
            {
                "coverage": "none",
                "covered": False,
                "covered_by": [],
                "file": "docs/RDS.md",
                "id": "FR-1",
                "line": 7,
                "status": "draft",
                "title": "One",
            },
            {
                # Three mentions on two pages: each place once, sorted by file and line.
                "coverage": "id",
                "covered": True,
                "covered_by": [
                    {"by": "id", "file": "docs/a/FRS-2.md", "line": 1},
                    {"by": "id", "file": "docs/b/FRS.md", "line": 3},
                ],
                "file": "docs/RDS.md",
                "id": "FR-2",
                "line": 5,
                "status": "active",
                "title": "Two — «unicode»",  # written as is, not escaped
            },
            {
                "coverage": "id",
                "covered": True,
                "covered_by": [
                    {"by": "id", "file": "docs/b/FRS.md", "line": 3},
                    {"by": "id", "file": "docs/b/FRS.md", "line": 5},
                ],
                "file": "docs/RDS.md",
                "id": "FR-10",
                "line": 3,
                "status": "active",
                "title": "Ten",
            },
        ],
    }


def test_report_text_is_compact_sorted_and_stable() -> None:
    text = with_findings(requirement_rows(trace()), FINDINGS)
    assert text == with_findings(
        requirement_rows(trace()), list(reversed(FINDINGS))
    )  # byte for byte
    assert text.endswith("]}\n")
    assert text.startswith('{"findings":[{"code":"placeholder-cycle","file":"docs/a.md","line":9,')
    # Keys sorted at every level, no indentation, non-ASCII as written.
    assert (
        json.dumps(json.loads(text), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        + "\n"
        == text
    )


def test_report_of_nothing() -> None:
    empty = trace_project({}, {}, TraceSettings(), default_slugify)
    assert with_findings(requirement_rows(empty), []) == '{"findings":[],"requirements":[]}\n'


def test_report_says_how_each_requirement_and_each_place_covers_it() -> None:
    rds = "# RDS\n\n### NFR-1: Performance\n\n### NFR-2: Station registry\n\n### NFR-3: Security\n"
    frs = "# FRS\n\nPerformance Reports.\n\nThe station registry; NFR-3 and its Security.\n"
    pages = {"RDS.md": rds, "FRS.md": frs}
    docs = {path: scan(text) for path, text in pages.items()}
    files = {path: f"docs/{path}" for path in pages}
    for on_word_only, covered in (("info", True), ("uncovered", False)):
        settings = TraceSettings(on_word_only=on_word_only)  # type: ignore[arg-type]
        result = trace_project(docs, files, settings, default_slugify)
        rows = json.loads(f"[{requirement_rows(result)}]")
        assert [(r["id"], r["coverage"], r["covered"], r["covered_by"]) for r in rows] == [
            ("NFR-1", "word", covered, [{"by": "word", "file": "docs/FRS.md", "line": 3}]),
            ("NFR-2", "title", True, [{"by": "title", "file": "docs/FRS.md", "line": 5}]),
            # Its ID and its title on one line: the place covers it by ID.
            ("NFR-3", "id", True, [{"by": "id", "file": "docs/FRS.md", "line": 5}]),
        ]


def test_rows_come_in_batches_that_join_into_every_row_in_order() -> None:
    count = ROWS_AT_ONCE * 2 + 3
    rds = "# RDS\n\n" + "".join(f"- FR-{n}: Item {n}\n" for n in range(count, 0, -1))
    docs = {"RDS.md": scan(rds), "FRS.md": scan("# FRS\n\nFR-1.\n")}
    files = {path: f"docs/{path}" for path in docs}
    result = trace_project(docs, files, TraceSettings(), default_slugify)
    batches = list(each_row_batch(result))
    assert [len(json.loads(f"[{batch}]")) for batch in batches] == [ROWS_AT_ONCE, ROWS_AT_ONCE, 3]
    rows = json.loads(f"[{requirement_rows(result)}]")
    assert [row["id"] for row in rows] == [f"FR-{n}" for n in range(1, count + 1)]
    assert rows[0]["covered"]
    assert not rows[1]["covered"]
