"""`fill_project`: a pure function of a read project (filling twice gives the same pages and
findings, and changes nothing in the project), every finding routed to its page (and shown in
that page's banner only), a broken table template reported once and at no page, and the
annotations and drawn diagrams left in the sources behind their markers."""

from __future__ import annotations

import copy
import html
import re
from typing import Any

from mkdocs_archcrew import FilledProject, PageInput, Settings, fill_project, read_project
from mkdocs_archcrew.findings import Finding, Severity
from mkdocs_archcrew.mermaid.check import ParseResult
from mkdocs_archcrew.mermaid.examine import DiagramOutcome
from mkdocs_archcrew.placeholders.values import Layer
from mkdocs_archcrew.project.read import Project
from mkdocs_archcrew.publish.annotations import Anchor, Block, Link, Note
from mkdocs_archcrew.publish.markers import MARKER

PAGES = {
    "RDS.md": (
        "# RDS\n\n### FR-1: Login form\n\n### FR-2: Export\n\n### FR-3: Later (draft)\n\n"
        "{{ missing }}\n"
    ),
    "FRS.md": "---\nversion: '{{ v }}'\n---\n# FRS\n\nFR-1 covered, FR-9 unknown.\n\n{{ sec }}\n",
    "notes.md": "# Notes\n\n## Part\n\nSee FR-1, v{{ v }}.\n\n```mermaid\ngraph TB\n```\n",
    "index.md": "# Home\n\n{{ rdsToFrsValidation }}\n\n{{ traceDiagram }}\n\n{{ nested.k }} {{ nested }}\n",
}
VALUES = {"v": "2.0", "sec": {"section": "notes.md#part"}, "nested": {"k": ["a", "b"]}}


def read(settings: Settings) -> Project:
    inputs = [
        PageInput(path, f"docs/{path}", path.removesuffix(".md") + "/", text)
        for path, text in PAGES.items()
    ]
    return read_project(inputs, [Layer("placeholders", VALUES)], {"date": "2026-01-02"}, settings)


def snapshot(project: Project) -> Any:
    """Everything in a project that filling could change, copied deeply."""
    trace = project.trace
    return copy.deepcopy(
        (
            {
                path: (
                    page.input,
                    page.doc.text,
                    page.doc.regions,
                    page.doc.headings,
                    page.doc.front_matter,
                    page.front,
                    page.problem,
                    dict(page.values),
                )
                for path, page in project.pages.items()
            },
            [(layer.label, layer.values) for layer in project.layers],
            dict(project.builtins),
            (
                trace.requirements,
                trace.covered_by,
                trace.frs_pages,
                trace.findings,
                trace.id_mentions,
                trace.by_page,
            ),
            project.page_diagrams,
            project.trace_diagram,
            project.uses_table,
        )
    )


def fill(project: Project, findings: list[Finding] | None = None) -> FilledProject:
    drawn = {"default": "<svg>light</svg>", "dark": "<svg>dark</svg>"}
    outcome = DiagramOutcome(
        parsed={"graph TB": ParseResult(False, 1, "bad")},
        svgs={project.diagrams[-1].text: drawn},  # the traceability diagram
        version="11.0.0",
    )
    return fill_project(project, outcome, findings or [])


EARLIER = [
    Finding(Severity.ERROR, "page-unreadable", "cannot read it", "docs/gone.md", 0),
    Finding(Severity.WARNING, "page-unreadable", "odd bytes", "docs/notes.md", 1),
]


def test_filling_is_pure_and_repeatable() -> None:
    project = read(Settings())
    before = snapshot(project)
    first = fill(project, EARLIER)
    assert snapshot(project) == before
    second = fill(project, EARLIER)
    assert snapshot(project) == before
    assert first.pages == second.pages
    assert first.findings == second.findings
    assert first.markers.items == second.markers.items
    assert first.urls == second.urls == {p: p.removesuffix(".md") + "/" for p in PAGES}


def shown(source: str) -> list[str]:
    """The items of a page's banner, as text."""
    return [html.unescape(item) for item in re.findall(r"<li>(.*?)</li>", source)]


def test_findings_are_routed_to_their_pages() -> None:
    result = fill(read(Settings(banners=True)), EARLIER)
    by_page = {
        path: [(f.severity.name, f.code, f.line) for f in page.findings]
        for path, page in result.pages.items()
    }
    assert by_page == {
        "RDS.md": [
            ("ERROR", "trace-uncovered", 5),
            ("INFO", "trace-uncovered", 7),
            ("WARNING", "placeholder-unresolved", 9),
        ],
        "FRS.md": [("ERROR", "trace-unknown-id", 6)],
        "notes.md": [("WARNING", "page-unreadable", 1), ("ERROR", "mermaid-syntax", 8)],
        "index.md": [("ERROR", "placeholder-not-text", 7)],
    }
    # Every finding once, sorted; one belongs to no page.
    assert result.findings == sorted(
        [EARLIER[0], *(f for page in result.pages.values() for f in page.findings)],
        key=lambda f: f.sort_key,
    )
    # Each banner lists its own page's warnings and errors: not information, not others'.
    for page in result.pages.values():
        assert shown(page.source) == [
            f"line {f.line}: {f.message}" for f in page.findings if f.severity >= Severity.WARNING
        ]
    assert "archcrew: 2 problems on this page" in result.pages["RDS.md"].source


def test_no_banners_unless_asked() -> None:
    result = fill(read(Settings()))
    assert all("archcrew-problems" not in page.source for page in result.pages.values())
    assert result.pages["notes.md"].source.startswith("# Notes\n\n## Part\n")


def test_a_broken_table_template_is_one_finding_at_no_page() -> None:
    settings = Settings(banners=True, table_template="ok\n{% for %}\n", table_template_name="t.j2")
    result = fill(read(settings))
    failure = Finding(
        Severity.ERROR,
        "trace-template",
        "the traceability template is not valid Jinja2: Expected an expression, got 'end of "
        "statement block'",
        "t.j2",
        2,
    )
    assert [f for f in result.findings if f.code == "trace-template"] == [failure]
    assert all(failure not in page.findings for page in result.pages.values())
    assert all("Jinja2" not in page.source for page in result.pages.values())


def test_a_custom_template_is_checked_even_when_no_page_uses_it() -> None:
    inputs = [PageInput("index.md", "docs/index.md", "", "# Home\n")]
    settings = Settings(table_template="{{ nope }", table_template_name="t.j2")
    result = fill_project(read_project(inputs, [], {}, settings))
    assert [(f.code, f.file, f.line) for f in result.findings] == [("trace-template", "t.j2", 1)]


def waiting(result: FilledProject, page: str) -> list[Any]:
    return [result.markers.items[int(n)] for n in MARKER.findall(result.pages[page].source)]


def test_annotations_and_drawings_wait_in_the_sources() -> None:
    result = fill(read(Settings()))
    covered_by = (Link("FRS › FRS", "FRS.md", "frs"),)
    assert waiting(result, "RDS.md") == [
        Anchor("fr-1"),
        Note(covered_by, "active", enforced=True),
        Anchor("fr-2"),
        Note((), "active", enforced=True),
        Anchor("fr-3"),
        Note((), "draft", enforced=False),
    ]
    frs = result.pages["FRS.md"].source
    assert waiting(result, "FRS.md") == [Link("FR-1", "RDS.md", "fr-1")]
    # The section included from notes.md is filled there, and is no FRS text of its own.
    assert frs.endswith(" covered, FR-9 unknown.\n\nSee FR-1, v2.0.\n\n```mermaid\ngraph TB\n```\n")
    assert frs.startswith("---\nversion: '2.0'\n---\n")
    # The traceability diagram was drawn: a block waits where it goes.
    (block,) = waiting(result, "index.md")
    assert isinstance(block, Block)
    assert "<svg>light</svg>" in block.html
    assert "<svg>dark</svg>" in block.html
    assert "```mermaid" not in result.pages["index.md"].source
    assert "| [FR-1](RDS.md#fr-1) | Login form |" in result.pages["index.md"].source
    # Every marker in the sources is one of the build's annotations, each used once.
    numbers = [int(n) for page in result.pages.values() for n in MARKER.findall(page.source)]
    assert sorted(numbers) == list(range(len(result.markers.items)))
