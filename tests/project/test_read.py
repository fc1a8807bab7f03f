"""`read_project`: every page read once into a frozen `Project` (scanned, front matter parsed,
``page.*`` values, problems), requirements traced, diagrams collected, and the generated
values (``traceDiagram``, ``rdsToFrsValidation``) made only when something uses them."""

from __future__ import annotations

import copy
import dataclasses
from typing import Any

import pytest

from mkdocs_archcrew import PageInput, Settings, read_project
from mkdocs_archcrew.findings import Finding, Severity
from mkdocs_archcrew.mermaid.diagrams import Diagram
from mkdocs_archcrew.placeholders.values import Layer
from mkdocs_archcrew.project.read import Project

SETTINGS = Settings()


def page(path: str, text: str) -> PageInput:
    stem = path.removesuffix(".md")
    return PageInput(path, f"docs/{path}", "" if stem == "index" else f"{stem}/", text)


def read(pages: dict[str, str], layers: list[Layer] | None = None) -> Project:
    return read_project(
        [page(path, text) for path, text in pages.items()], layers or [], {"date": "d"}, SETTINGS
    )


def test_the_result_is_frozen_and_reading_is_pure() -> None:
    pages = {"RDS.md": "# RDS\n\n### FR-1: One\n", "FRS.md": "FR-1 {{ x }}\n"}
    layers = [Layer("placeholders", {"x": {"deep": [1, 2]}})]
    before = copy.deepcopy(layers)
    project = read(pages, layers)
    assert project == read(pages, layers)
    assert layers == before  # the inputs are only read
    with pytest.raises(dataclasses.FrozenInstanceError):
        project.uses_table = True  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        project.pages["RDS.md"].problem = None  # type: ignore[misc]
    assert project.builtins == {"date": "d"}
    assert project.layers == tuple(layers)
    assert [r.id for r in project.trace.requirements] == ["FR-1"]


@pytest.mark.parametrize(
    ("path", "text", "title"),
    [
        ("a.md", "---\ntitle: From front matter\n---\n# Heading\n", "From front matter"),
        ("a.md", "Text\n\n## Two\n\n# First *one*\n\n# Second\n", "First one"),
        ("a.md", "---\ntitle: [not, text]\n---\n# Heading\n", "Heading"),
        ("sub/my_page-name.md", "no heading\n", "My page name"),
        ("sub/index.md", "no heading\n", "Sub"),
        ("index.md", "", "Home"),
    ],
)
def test_page_values(path: str, text: str, title: str) -> None:
    project = read({path: text})
    assert project.pages[path].values == {
        "title": title,
        "path": path,
        "url": page(path, text).url,
    }


def test_invalid_front_matter_is_a_problem_of_the_page() -> None:
    read_page = read({"bad.md": "---\na: 1\n  b: 2\n---\n# Bad\n"}).pages["bad.md"]
    assert read_page.front is None
    assert read_page.problem == Finding(
        Severity.WARNING,
        "front-matter-yaml",
        "front matter is not valid YAML (mapping values are not allowed in this context); the "
        "page is built without it. Fix the YAML, or quote values that contain ':', '#' or '{'.",
        "docs/bad.md",
        3,
    )
    # MkDocs drops the block all the same: the body starts after it.
    assert read_page.doc.body_start == len("---\na: 1\n  b: 2\n---\n")


def test_front_matter_that_is_no_mapping_is_read_as_text() -> None:
    read_page = read({"list.md": "---\n- a\n---\n# T\n"}).pages["list.md"]
    assert (read_page.front, read_page.problem, read_page.doc.front_matter) == (None, None, None)
    # As MkDocs renders the page: a rule, then `- a` underlined is a heading.
    assert [(h.level, h.text) for h in read_page.doc.headings] == [(2, "- a"), (1, "T")]
    assert read_page.values["title"] == "T"


DIAGRAM_PAGE = "# D\n\n```mermaid\ngraph TB\n```\n"


def test_diagrams_are_listed_and_the_trace_diagram_only_when_used() -> None:
    project = read({"d.md": DIAGRAM_PAGE, "RDS.md": "### FR-1: One\n"})
    assert project.page_diagrams == (
        Diagram("d.md", "docs/d.md", 3, DIAGRAM_PAGE.index("```"), len(DIAGRAM_PAGE), "graph TB"),
    )
    assert project.trace_diagram is None
    assert project.diagrams == [project.page_diagrams[0]]


@pytest.mark.parametrize(
    ("pages", "values"),
    [
        ({"x.md": "See {{ traceDiagram }}\n"}, {}),
        ({"x.md": "---\nd: '{{traceDiagram}}'\n---\n"}, {}),
        ({"x.md": "{{ v }}\n"}, {"v": {"nested": ["{{ traceDiagram }}"]}}),  # through a value
    ],
)
def test_the_trace_diagram_when_used(pages: dict[str, str], values: dict[str, Any]) -> None:
    project = read(
        {"d.md": DIAGRAM_PAGE, "RDS.md": "### FR-1: One\n", **pages}, [Layer("p", values)]
    )
    diagram = project.trace_diagram
    assert diagram is not None
    assert (diagram.page, diagram.file, diagram.line) == ("", "{{ traceDiagram }}", 0)
    assert "\nflowchart LR\n" in diagram.text
    assert 'g0["FR-1"] --> g1["Not covered"]' in diagram.text  # no FRS page covers it
    assert project.diagrams == [project.page_diagrams[0], diagram]  # checked with the others
    assert not project.uses_table


@pytest.mark.parametrize(
    ("pages", "values", "used"),
    [
        ({"x.md": "{{ rdsToFrsValidation }}\n"}, {}, True),
        ({"x.md": "{{ t }}\n"}, {"t": "{{rdsToFrsValidation}}"}, True),
        ({"x.md": "nothing\n"}, {"t": "nothing"}, False),
    ],
)
def test_uses_table(pages: dict[str, str], values: dict[str, Any], used: bool) -> None:
    project = read(pages, [Layer("p", values)])
    assert project.uses_table is used
    assert project.trace_diagram is None
