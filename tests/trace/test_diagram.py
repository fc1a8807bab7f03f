"""The traceability diagram: a row per covering FRS section in the FRS's order, IDs as ranges,
gaps first and red, drafts dashed; checked by Mermaid's own parser."""

from __future__ import annotations

import textwrap

from conftest import EXAMPLE_SITE, require

from mkdocs_archcrew.markdown import scan
from mkdocs_archcrew.markdown.headings import default_slugify
from mkdocs_archcrew.mermaid import cache, check, toolchain
from mkdocs_archcrew.trace.coverage import Trace, TraceSettings, trace_project
from mkdocs_archcrew.trace.diagram import HEADER, LINE_WIDTH, trace_diagram


def traced(pages: dict[str, str]) -> Trace:
    docs = {path: scan(textwrap.dedent(text)) for path, text in pages.items()}
    return trace_project(docs, {p: f"docs/{p}" for p in docs}, TraceSettings(), default_slugify)


RDS = """\
    # RDS

    ## Functional Requirements

    1. **One**: a.
    2. **Two**: b.
    3. **Three**: c.
    4. **Four**: d.
    5. **Five**: e.

    ### FR-9: Nine

    ### FR-10: Ten

    ### FR-11: Eleven (draft)

    ### FR-12: Twelve (draft)

    ### FR-13: Quotes "and" <tags> & #hashes (draft)

    - **NFR-007** Seven
    - **NFR-008** Eight
    - **NFR-009** Nine
"""
FRS = """\
    # FRS

    Above every heading: FR-9.

    ## Storage "and"

    FR-1, FR-2, FR-3 and FR-4. FR-9, FR-10. NFR-007 to NFR-009: NFR-008 and NFR-009.

    ## Drafts

    FR-13 only.
"""


def test_rows_follow_the_frs_with_ids_as_ranges() -> None:
    text = trace_diagram(traced({"RDS.md": RDS, "specs/FRS.md": FRS, "specs/FRS-api.md": "FR-4\n"}))
    assert text.split("\n")[:13] == [
        *HEADER,
        '    h0["Requirements (RDS)"] ~~~ h1["Specification (FRS)"]',
        # What is not covered first: the gaps, then the drafts that need not be covered yet.
        '    g0["FR-5"] --> g1["Not covered"]',
        '    w0["FR-11 (draft),<br>FR-12 (draft)"] -.-> w1["Not covered yet"]',
        # The FRS pages in the order they are traced, each page's sections in its order.
        '    i0["FR-9"] --> s0["FRS › FRS"]',
        # Three consecutive IDs or more are a range, two are listed, and lines break between
        # IDs, never in a range.
        '    i1["FR-1 to FR-4, FR-9,<br>FR-10,<br>NFR-007 to NFR-009"] --> '
        's1["FRS › Storage #quot;and#quot;"]',
        # A row that only drafts reach is dashed: nothing in it is checked.
        '    i2["FR-13 (draft)"] -.-> s2["FRS › Drafts"]',
        '    i3["FR-4"] --> s3["FRS-api"]',
    ]
    assert text.endswith(
        "    class h0,h1 column\n"
        "    classDef uncovered fill:#ffebee,stroke:#c62828,color:#b71c1c,stroke-width:2px\n"
        "    classDef draft stroke-dasharray:4 3\n"
        "    class g0,g1 uncovered\n"
        "    class w0,w1,i2 draft"
    )


def test_long_lists_of_ids_are_lines_mermaid_need_not_break() -> None:
    items = "\n".join(f"- **FR-{n}** R{n}" for n in range(1, 40, 2))  # none consecutive
    rds = f"# RDS\n\n{items}\n"
    frs = "# FRS\n\n" + ", ".join(f"FR-{n}" for n in range(1, 40, 2)) + "\n"
    text = trace_diagram(traced({"RDS.md": rds, "FRS.md": frs}))
    (row,) = [line for line in text.split("\n") if line.startswith("    i0")]
    label = row.split('"')[1]
    lines = label.split("<br>")
    assert len(lines) > 1
    assert all(len(line) <= LINE_WIDTH + 1 for line in lines)  # and a comma
    assert ", ".join(line.removesuffix(",") for line in lines) == ", ".join(
        f"FR-{n}" for n in range(1, 40, 2)
    )


def test_no_requirements_still_makes_a_diagram() -> None:
    text = trace_diagram(traced({"RDS.md": "# RDS\n", "FRS.md": "# FRS\n"}))
    assert text.split("\n")[:7] == [
        *HEADER,
        '    h0["Requirements (RDS)"] ~~~ h1["Specification (FRS)"]',
    ]


def test_generated_traceability_diagram_parses_with_mermaid() -> None:
    texts = [
        trace_diagram(traced({"RDS.md": RDS, "specs/FRS.md": FRS})),
        trace_diagram(traced({"RDS.md": "# RDS\n", "FRS.md": "# FRS\n"})),
    ]
    node = toolchain.Toolchain.find(EXAMPLE_SITE, None, None)
    require(node.cannot_parse())
    results = check.parse(texts, node, cache.Cache.load(None))
    for text in texts:
        assert results[text].ok, results[text].message
