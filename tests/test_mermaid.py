"""Mermaid pieces: finding diagrams, the cache, messages, the generated traceability diagram."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

from conftest import EXAMPLE_SITE

from mkdocs_archcrew.markdown import scan
from mkdocs_archcrew.markdown.headings import default_slugify
from mkdocs_archcrew.mermaid import cache, check, diagrams, figure, toolchain
from mkdocs_archcrew.trace.coverage import TraceSettings, trace_project
from mkdocs_archcrew.trace.diagram import trace_diagram
from mkdocs_archcrew.trace.requirements import Requirement


def test_collect_finds_fences_with_their_lines_and_dedented_text() -> None:
    text = textwrap.dedent("""\
        # Page

        ```mermaid
        graph TB
            A --> B
        ```

        1. Item
           ```mermaid
           sequenceDiagram
               A->>B: hi
           ```

        ```python
        not = "a diagram"
        ```
    """)
    found = diagrams.collect({"p.md": scan(text)}, {"p.md": "docs/p.md"})
    assert [(d.line, d.text, d.indent) for d in found] == [
        (3, "graph TB\n    A --> B", ""),
        (9, "sequenceDiagram\n    A->>B: hi", "   "),
    ]
    assert text[found[0].start : found[0].end] == "```mermaid\ngraph TB\n    A --> B\n```\n"


def test_jison_messages_are_made_one_line() -> None:
    message = "Parse error on line 2:\n...ceDiagram  A->>B hi\n----------------------^\nExpecting 'TXT', got 'NEWLINE'"
    assert check._brief(message) == "Expecting 'TXT', got 'NEWLINE' (near 'ceDiagram  A->>B hi')"
    assert check._brief("Lexer error on line 3,\ncolumn 8") == "Lexer error on line 3, column 8"


def test_figure_is_one_html_block_with_both_drawings() -> None:
    block = figure.figure({"default": "<svg>\n light\n</svg>", "dark": "<svg>dark</svg>"})
    assert block == (
        '<div class="archcrew-diagram"><div class="archcrew-diagram-light"><svg> light </svg></div>'
        '<div class="archcrew-diagram-dark"><svg>dark</svg></div></div>\n'
    )


def test_cache_survives_a_round_trip_and_ignores_damage(tmp_path: Path) -> None:
    path = tmp_path / "c" / "mermaid.json"
    stored = cache.Cache.load(path)
    stored.parsed["k"] = [True, 0, ""]
    stored.changed = True
    stored.save()
    assert cache.Cache.load(path).parsed == {"k": [True, 0, ""]}
    path.write_text("{broken", encoding="utf-8")
    assert cache.Cache.load(path).parsed == {}


def test_bundle_version() -> None:
    bundle = EXAMPLE_SITE / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"
    package = json.loads((bundle.parent.parent / "package.json").read_text(encoding="utf-8"))
    assert toolchain.version_of_bundle(bundle) == package["version"]


def test_toolchain_says_what_is_missing(tmp_path: Path) -> None:
    found = toolchain.Toolchain.find(tmp_path, None, "/nonexistent/chromium")
    assert (
        found.cannot_parse() == f"the npm package mermaid is not installed in {tmp_path} or above"
    )
    assert (
        found.cannot_render()
        == "no local Mermaid bundle (set mermaid.javascript, or npm install mermaid)"
    )


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
    assert node.cannot_parse() is None, "run tests/setup.sh (npm ci --prefix example_site)"
    results = check.parse([text], node, cache.Cache.load(None))
    assert results[text].ok, results[text].message


def test_requirement_anchor() -> None:
    requirement = Requirement("REQ-API-3", "t", "active", "RDS.md", "docs/RDS.md", 1, "list", 0, 0)
    assert requirement.anchor == "req-api-3"
