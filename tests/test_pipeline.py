"""`pipeline.run` end to end on `ProjectInputs` built by hand (diagrams not validated): the
findings of gathering, reading and filling together, and Python's garbage collector paused
while it runs and left as it was found afterwards."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from mkdocs_archcrew import PageInput, ProjectInputs, Settings, run
from mkdocs_archcrew.findings import Finding, Place, Severity
from mkdocs_archcrew.markdown.headings import default_slugify
from mkdocs_archcrew.mermaid.cache import Cache
from mkdocs_archcrew.mermaid.options import DiagramOptions
from mkdocs_archcrew.placeholders.values import Layer

PAGES = {
    "RDS.md": "# RDS\n\n### FR-1: Login form\n\n### FR-2: Export\n",
    "FRS.md": "---\nbad: [\n---\n# FRS\n\nFR-1 in {{ name }} {{ missing }}.\n",
    "diagram.md": "```mermaid\ngraph TB\n  A -->\n```\n",
}
GATHERED = Finding(Severity.ERROR, "page-unreadable", "cannot read gone.md", "docs/gone.md", 0)
GATHERED_ROW = (GATHERED.severity, GATHERED.code, GATHERED.location)


def inputs(tmp_path: Path, settings: Settings | None = None) -> ProjectInputs:
    diagrams = DiagramOptions(
        None,
        False,
        False,
        "strict",
        None,
        tmp_path / "cache.json",
        tmp_path,
        Place("mkdocs.yml", 9),
    )
    return ProjectInputs(
        [
            PageInput(path, f"docs/{path}", path.removesuffix(".md") + "/", text)
            for path, text in PAGES.items()
        ],
        [Layer("placeholders", {"name": "Tidewater"})],
        {"date": "2026-01-02"},
        settings or Settings(),
        diagrams,
        [GATHERED],
    )


def test_run_reads_and_fills(tmp_path: Path) -> None:
    result = run(inputs(tmp_path), Cache.load(None), prerender=False)
    assert [(f.severity, f.code, f.location) for f in result.findings] == [
        (Severity.WARNING, "front-matter-yaml", "docs/FRS.md:3"),  # reading
        (Severity.WARNING, "placeholder-unresolved", "docs/FRS.md:6"),  # filling
        (Severity.ERROR, "trace-uncovered", "docs/RDS.md:5"),  # tracing
        GATHERED_ROW,  # gathering
    ]
    # The broken front matter is dropped; the rest of the page is filled and linked.
    frs = result.pages["FRS.md"].source
    assert frs.startswith("# FRS\n\n")
    assert frs.endswith(" in Tidewater {{ missing }}.\n")
    # Diagrams were not checked (validate: false): no Mermaid finding, nothing cached.
    assert not (tmp_path / "cache.json").exists()
    assert [r.id for r in result.trace.requirements if result.trace.covered(r)] == ["FR-1"]


@pytest.fixture
def collector() -> Iterator[None]:
    """Leave the garbage collector as the test found it."""
    enabled = gc.isenabled()
    try:
        yield
    finally:
        (gc.enable if enabled else gc.disable)()


def recording(states: list[bool]) -> Settings:
    def slugify(text: str) -> str:
        states.append(gc.isenabled())
        return default_slugify(text)

    return Settings(slugify=slugify)


@pytest.mark.usefixtures("collector")
def test_the_collector_is_paused_while_running_and_enabled_again(tmp_path: Path) -> None:
    gc.enable()
    states: list[bool] = []
    run(inputs(tmp_path, recording(states)), Cache.load(None), prerender=False)
    assert states  # slugify was called...
    assert not any(states)  # ...with the collector paused each time
    assert gc.isenabled()


@pytest.mark.usefixtures("collector")
def test_a_collector_disabled_before_stays_disabled(tmp_path: Path) -> None:
    # "The collector resumes where it was": a caller's choice to disable it is kept.
    gc.disable()
    run(inputs(tmp_path), Cache.load(None), prerender=False)
    assert not gc.isenabled()


@pytest.mark.usefixtures("collector")
def test_the_collector_is_enabled_again_when_the_run_fails(tmp_path: Path) -> None:
    gc.enable()

    def broken(text: str) -> str:
        raise RuntimeError("slugify failed")

    with pytest.raises(RuntimeError, match="slugify failed"):
        run(inputs(tmp_path, Settings(slugify=broken)), Cache.load(None), prerender=False)
    assert gc.isenabled()
