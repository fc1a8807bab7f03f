"""What traceability publishes: the JSON report and the traceability table readers see."""

from __future__ import annotations

import json
import posixpath
import re
import traceback
from importlib import resources
from typing import TYPE_CHECKING, Any

from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment

if TYPE_CHECKING:
    from collections.abc import Iterable

    from jinja2 import Template

    from .findings import Finding
    from .requirements import Requirement
    from .trace import Trace

DEFAULT_TABLE_TEMPLATE = "traceability.md.j2"
_NUMBER = re.compile(r"(\d+)")


class TemplateFailure(Exception):
    """The traceability template cannot be compiled or rendered."""

    def __init__(self, file: str, line: int, detail: str) -> None:
        super().__init__(f"{file}:{line}: {detail}")
        self.file, self.line, self.detail = file, line, detail


def _natural(requirement_id: str) -> list[str | int]:
    """Sort key putting FR-2 before FR-10: text and numbers alternate, numbers compared as such."""
    parts: list[str | int] = list(_NUMBER.split(requirement_id))
    parts[1::2] = map(int, parts[1::2])
    return parts


def _in_id_order(requirements: Iterable[Requirement]) -> list[Requirement]:
    """Requirements sorted by ID, FR-2 before FR-10, then by where they are defined."""
    return sorted(requirements, key=lambda r: (_natural(r.id), r.file, r.line))


def json_report(trace: Trace, findings: list[Finding]) -> str:
    """``archcrew-report.json``: keys and lists sorted, so the same docs give the same bytes."""

    # Row by row, compact, with the C encoder: one row alive at a time, and fast (indentation
    # would take Python's slow encoder; `python -m json.tool` lays it out). One encoder for all
    # rows: json.dumps would make a new one for each.
    encode = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode

    ordered = _in_id_order(trace.requirements)
    requirements = ",".join(
        encode(
            {
                "covered_by": [
                    {"file": file, "line": line}
                    for file, line in sorted(
                        {(m.file, m.line) for m in trace.covered_by.get(r.id, [])}
                    )
                ],
                "file": r.file,
                "id": r.id,
                "line": r.line,
                "status": r.status,
                "title": r.title,
            }
        )
        for r in ordered
    )
    rows = ",".join(encode(f.as_dict()) for f in sorted(findings, key=lambda f: f.sort_key))
    return f'{{"findings":[{rows}],"requirements":[{requirements}]}}\n'


def table_template(source: str | None, name: str) -> Template:
    """Compile the traceability table template (the bundled one when `source` is None).

    Templates run sandboxed: they can format the data they are given and nothing else.
    """
    if source is None:
        source = (
            resources.files("mkdocs_archcrew")
            .joinpath(f"templates/{DEFAULT_TABLE_TEMPLATE}")
            .read_text(encoding="utf-8")
        )
    env = SandboxedEnvironment(
        undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True
    )
    env.filters["cell"] = _cell
    try:
        return env.from_string(source)
    except TemplateSyntaxError as error:
        raise TemplateFailure(
            name,
            error.lineno or 0,
            f"the traceability template is not valid Jinja2: {error.message}",
        ) from None


def _cell(value: object) -> str:
    """Text made safe for one Markdown table cell."""
    return str(value).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def traceability_table(trace: Trace, template: Template, name: str) -> str:
    """The ``{{ rdsToFrsValidation }}`` table, with links relative to the top of docs_dir.

    Raises `TemplateFailure` (naming the template and line) when the template fails.
    """
    try:
        return template.render(**table_context(trace)).strip("\n")
    except TemplateError as error:
        line = next(
            (
                frame.lineno
                for frame in reversed(traceback.extract_tb(error.__traceback__))
                if frame.filename == "<template>"
            ),
            0,
        )
        raise TemplateFailure(
            name, line or 0, f"the traceability template failed: {error}"
        ) from None


def table_context(trace: Trace) -> dict[str, Any]:
    """The variables a traceability template receives (documented in the README)."""
    rows = []
    checked = covered = 0
    for requirement in _in_id_order(trace.requirements):
        is_covered = trace.covered(requirement)
        enforced = trace.enforced(requirement)
        checked += enforced
        covered += enforced and is_covered
        rows.append(_row(trace, requirement, is_covered, enforced))
    percent = round(100 * covered / checked, 1) if checked else 100.0
    return {
        "requirements": rows,
        "summary": {
            "covered": covered,
            "total": checked,
            "percent": int(percent) if percent.is_integer() else percent,
            "not_checked": len(trace.requirements) - checked,
        },
    }


def _row(
    trace: Trace, requirement: Requirement, is_covered: bool, enforced: bool
) -> dict[str, Any]:
    sections: dict[tuple[str, str], dict[str, str]] = {}
    for mention in trace.covered_by.get(requirement.id, []):
        page = posixpath.basename(mention.page).removesuffix(".md")
        label = f"{page} › {mention.section_title}" if mention.section_title else page
        link = f"{mention.page}#{mention.section}" if mention.section else mention.page
        sections.setdefault((mention.page, mention.section), {"label": label, "link": link})
    if is_covered:
        state = "covered" if enforced else f"{requirement.status}, covered"
    else:
        state = "**not covered**" if enforced else f"{requirement.status}, not covered"
    return {
        "id": requirement.id,
        "title": requirement.title,
        "status": requirement.status,
        "covered": is_covered,
        "checked": enforced,
        "state": state,
        "page": requirement.page,
        "file": requirement.file,
        "file_name": posixpath.basename(requirement.page),
        "line": requirement.line,
        "link": f"{requirement.page}#{requirement.anchor}",
        "sections": list(sections.values()),
    }


def trace_diagram(trace: Trace) -> str:
    """The ``{{ traceDiagram }}`` flowchart: requirements on the left, the FRS pages that cover
    them on the right, uncovered requirements highlighted."""
    lines = ["flowchart LR"]
    pages = {page: f"p{index}" for index, page in enumerate(trace.frs_pages)}
    requirements = _in_id_order(trace.requirements)
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
