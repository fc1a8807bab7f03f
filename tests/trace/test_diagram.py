"""The traceability diagram, checked by Mermaid's own parser."""

from __future__ import annotations

import textwrap

from conftest import EXAMPLE_SITE, require

from mkdocs_archcrew.markdown import scan
from mkdocs_archcrew.markdown.headings import default_slugify
from mkdocs_archcrew.mermaid import cache, check, toolchain
from mkdocs_archcrew.trace.coverage import TraceSettings, trace_project
from mkdocs_archcrew.trace.diagram import trace_diagram


def test_generated_traceability_diagram_parses_with_mermaid() -> None:
    rds = textwrap.dedent("""\
        # RDS

        ### FR-1: Quotes "and" <tags> & #hashes

        ### FR-2: Plain (draft)

        ### FR-3: Not covered
    """)
    frs = "# FRS\n\nFR-1 here. FR-2 too.\n"
    docs = {"RDS.md": scan(rds), "specs/FRS.md": scan(frs)}
    trace = trace_project(docs, {p: f"docs/{p}" for p in docs}, TraceSettings(), default_slugify)
    text = trace_diagram(trace)
    assert "r0 --> p0" in text
    assert "class r2 uncovered" in text
    assert "class r1 draft" in text
    assert "#quot;and#quot; #lt;tags#gt; & #35;hashes" in text

    node = toolchain.Toolchain.find(EXAMPLE_SITE, None, None)
    require(node.cannot_parse())
    results = check.parse([text], node, cache.Cache.load(None))
    assert results[text].ok, results[text].message
