"""``{{ traceDiagram }}``: the traceability as a Mermaid flowchart."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .requirements import in_id_order

if TYPE_CHECKING:
    from .coverage import Trace


def trace_diagram(trace: Trace) -> str:
    """Requirements on the left, the FRS pages that cover them on the right, uncovered
    requirements highlighted, drafts dashed."""
    lines = ["flowchart LR"]
    pages = {page: f"p{index}" for index, page in enumerate(trace.frs_pages)}
    requirements = in_id_order(trace.requirements)
    node = {id(r): f"r{index}" for index, r in enumerate(requirements)}
    lines.append('    subgraph RDS["Requirements (RDS)"]')
    lines.extend(f'        {node[id(r)]}["{_label(r.id + ": " + r.title)}"]' for r in requirements)
    lines.append("    end")
    lines.append('    subgraph FRS["Specification (FRS)"]')
    lines.extend(f'        {name}["{_label(page)}"]' for page, name in pages.items())
    lines.append("    end")
    for requirement in requirements:
        covering = dict.fromkeys(m.page for m in trace.covered_by.get(requirement.id, []))
        lines.extend(
            f"    {node[id(requirement)]} --> {pages[page]}" for page in covering if page in pages
        )
    lines.append(
        "    classDef uncovered fill:#ffebee,stroke:#c62828,color:#b71c1c,stroke-width:2px"
    )
    lines.append("    classDef draft stroke-dasharray:4 3")
    uncovered = [node[id(r)] for r in requirements if not trace.covered(r) and trace.enforced(r)]
    drafts = [node[id(r)] for r in requirements if not trace.enforced(r)]
    if uncovered:
        lines.append(f"    class {','.join(uncovered)} uncovered")
    if drafts:
        lines.append(f"    class {','.join(drafts)} draft")
    return "\n".join(lines)


def _label(text: str) -> str:
    """Text for a quoted Mermaid label: quotes and markup characters as entities."""
    return (
        text.replace("#", "#35;").replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;")
    )
