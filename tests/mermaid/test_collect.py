"""Diagrams found in pages, with their lines and dedented text."""

from __future__ import annotations

import textwrap

from mkdocs_archcrew.markdown import scan
from mkdocs_archcrew.mermaid import diagrams


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
