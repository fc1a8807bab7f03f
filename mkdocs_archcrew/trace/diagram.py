"""``{{ traceDiagram }}``: the traceability as a Mermaid flowchart.

Two columns, requirements and specification, and one row for each FRS section that covers
requirements, in the order of the FRS: the IDs it covers, an arrow, the section. Requirements
that no section covers come first, in red, then drafts not covered yet. Runs of consecutive IDs
are written as ranges (``FR-1 to FR-16``), so that the diagram grows with the number of
sections, not of requirements.

Why not a node per requirement: Mermaid stacks the nodes of one column, so the diagram was as
tall as the requirements were many, a fan-in to one node when the FRS is one page. Drawn by
Material in its 688 px column: the example site's 16 requirements made it 1,772 px tall (842 px
now), 100 requirements in ten sections of one FRS page 10,436 px (1,058 px now). Nor RDS
sections linked to FRS sections: with every section linked to many, the arrows cross behind
the boxes, and labels on them stack up as tall as the requirements were.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .requirements import ACTIVE, in_id_order

if TYPE_CHECKING:
    from .coverage import Trace
    from .requirements import Requirement

LINE_WIDTH = 22
"""Characters in a line of IDs: under the width at which Mermaid wraps a label itself (200 px),
which would break an ID at its hyphen."""

_NUMBERED = re.compile(r"^(.*?)(\d+)$")

HEADER = ["---", "config:", "  flowchart:", "    nodeSpacing: 16", "---", "flowchart LR"]
"""Mermaid's front matter: rows 16 px apart rather than 50, a third less height under Material;
boxes with borders need no more to be told apart."""


def trace_diagram(trace: Trace) -> str:
    """The IDs each FRS section covers → the section; the uncovered ones highlighted, drafts
    dashed."""
    rows: dict[tuple[str, str], tuple[str, list[Requirement]]] = {}
    first_line: dict[tuple[str, str], int] = {}
    gaps: list[Requirement] = []
    waiting: list[Requirement] = []
    for requirement in in_id_order(trace.requirements):
        sections = trace.covering_sections(requirement)
        if not sections:
            (gaps if trace.enforced(requirement) else waiting).append(requirement)
        for mention in sections:
            key = (mention.page, mention.section)
            rows.setdefault(key, (mention.section_label, []))[1].append(requirement)
            first_line[key] = min(first_line.get(key, mention.line), mention.line)
    pages = {page: index for index, page in enumerate(trace.frs_pages)}
    order = sorted(rows, key=lambda key: (pages.get(key[0], len(pages)), first_line[key]))

    lines = list(HEADER)
    # The columns' names, as text on a row of their own (~~~: a link not drawn).
    lines.append('    h0["Requirements (RDS)"] ~~~ h1["Specification (FRS)"]')
    uncovered: list[str] = []
    drafts: list[str] = []
    if gaps:
        lines.append(f'    g0["{_ids(gaps)}"] --> g1["Not covered"]')
        uncovered += ["g0", "g1"]
    if waiting:
        lines.append(f'    w0["{_ids(waiting)}"] -.-> w1["Not covered yet"]')
        drafts += ["w0", "w1"]
    for index, key in enumerate(order):
        label, covered = rows[key]
        # A row of drafts only is dashed, like a draft: its coverage is not checked.
        checked = any(trace.enforced(requirement) for requirement in covered)
        arrow = "-->" if checked else "-.->"
        lines.append(f'    i{index}["{_ids(covered)}"] {arrow} s{index}["{mermaid_text(label)}"]')
        if not checked:
            drafts.append(f"i{index}")
    lines.append("    classDef column fill:none,stroke:none,font-weight:bold")
    lines.append("    class h0,h1 column")
    lines.append(
        "    classDef uncovered fill:#ffebee,stroke:#c62828,color:#b71c1c,stroke-width:2px"
    )
    lines.append("    classDef draft stroke-dasharray:4 3")
    if uncovered:
        lines.append(f"    class {','.join(uncovered)} uncovered")
    if drafts:
        lines.append(f"    class {','.join(drafts)} draft")
    return "\n".join(lines)


def _ids(requirements: list[Requirement]) -> str:
    """The IDs of `requirements` (in ID order) as a label, in lines of about `LINE_WIDTH`."""
    lines: list[str] = []
    line = ""
    for item in _items(requirements):
        if line and len(line) + 2 + len(item) > LINE_WIDTH:
            lines.append(line + ",")
            line = item
        else:
            line = f"{line}, {item}" if line else item
    lines.append(line)
    return "<br>".join(mermaid_text(text) for text in lines)


def _items(requirements: list[Requirement]) -> list[str]:
    """The IDs as a reader scans them: three or more consecutive ones as a range, a status
    other than active said."""
    items: list[str] = []
    run: list[str] = []

    def close_run() -> None:
        items.extend([f"{run[0]} to {run[-1]}"] if len(run) >= 3 else run)
        run.clear()

    seen: set[str] = set()
    for requirement in requirements:
        if requirement.id in seen:  # defined twice: a finding of its own
            continue
        seen.add(requirement.id)
        if requirement.status != ACTIVE:
            close_run()
            items.append(f"{requirement.id} ({requirement.status})")
            continue
        if run and not _follows(run[-1], requirement.id):
            close_run()
        run.append(requirement.id)
    close_run()
    return items


def _follows(previous: str, current: str) -> bool:
    """Whether `current` is the ID right after `previous` (FR-9 then FR-10, NFR-007 then
    NFR-008)."""
    before, after = _NUMBERED.match(previous), _NUMBERED.match(current)
    return (
        before is not None
        and after is not None
        and before[1] == after[1]
        and int(after[2]) == int(before[2]) + 1
    )


def mermaid_text(text: str) -> str:
    """Text for a quoted Mermaid label: quotes and markup characters as entities."""
    return (
        text.replace("#", "#35;").replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;")
    )
