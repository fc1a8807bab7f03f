"""`examine_diagrams`: what a build does with its diagrams as the options say (nothing without
diagrams, nothing when validation is off, a finding at the options when the toolchain is
missing) and, with the real Node.js toolchain of example_site, results cached between runs and
turned into findings at the diagram's line (`syntax_findings`)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Literal

import pytest

from mkdocs_archcrew.findings import Finding, Place, Severity
from mkdocs_archcrew.markdown import scan
from mkdocs_archcrew.mermaid import examine
from mkdocs_archcrew.mermaid.cache import Cache
from mkdocs_archcrew.mermaid.check import ParseResult
from mkdocs_archcrew.mermaid.diagrams import Diagram, collect
from mkdocs_archcrew.mermaid.examine import DiagramOutcome, examine_diagrams, syntax_findings
from mkdocs_archcrew.mermaid.options import DiagramOptions
from mkdocs_archcrew.mermaid.size import SizeLimit

EXAMPLE_SITE = Path(__file__).resolve().parents[2] / "example_site"
PLACE = Place("mkdocs.yml", 23)
GOOD = "graph TB\n    A --> B"
BROKEN = "sequenceDiagram\n    A->>B hi"
PAGE = f"# Diagrams\n\n```mermaid\n{GOOD}\n```\n\nText.\n\n```mermaid\n{BROKEN}\n```\n"


def diagrams() -> list[Diagram]:
    found = collect({"d.md": scan(PAGE)}, {"d.md": "docs/d.md"})
    assert [(d.line, d.text) for d in found] == [(3, GOOD), (10, BROKEN)]
    return found


def options(
    project: Path,
    cache_file: Path,
    validate: bool | Literal["auto"],
    javascript: str | None = None,
) -> DiagramOptions:
    return DiagramOptions(javascript, validate, False, "strict", None, cache_file, project, PLACE)


@pytest.fixture
def no_node(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if anything starts a process (Node.js checks diagrams in one)."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"a process was started: {args}")

    monkeypatch.setattr("subprocess.run", refuse)
    monkeypatch.setattr("subprocess.Popen", refuse)


@pytest.mark.usefixtures("no_node")
def test_no_diagrams_no_work(tmp_path: Path) -> None:
    cache_file = tmp_path / "cache.json"
    # The toolchain is there and checking is required: still nothing to do.
    outcome = examine_diagrams(
        [], options(EXAMPLE_SITE, cache_file, True), Cache.load(cache_file), prerender=True
    )
    assert outcome == DiagramOutcome()
    assert not cache_file.exists()


@pytest.mark.usefixtures("no_node")
def test_validation_off(tmp_path: Path) -> None:
    cache_file = tmp_path / "cache.json"
    outcome = examine_diagrams(
        diagrams(),
        options(EXAMPLE_SITE, cache_file, False),
        Cache.load(cache_file),
        prerender=False,
    )
    assert (outcome.parsed, outcome.svgs, outcome.findings) == ({}, {}, [])
    assert not cache_file.exists()


def missing_message(project: Path) -> str:
    return (
        f"Mermaid diagrams are not checked: the npm package mermaid is not installed in "
        f"{project} or above. To check them at build time: npm install mermaid jsdom (next to "
        "mkdocs.yml) with Node.js 18 or newer; or set mermaid.validate: false."
    )


@pytest.mark.usefixtures("no_node")
@pytest.mark.parametrize(
    ("validate", "severity"), [("auto", Severity.INFO), (True, Severity.ERROR)]
)
def test_without_the_toolchain(
    tmp_path: Path, validate: bool | Literal["auto"], severity: Severity
) -> None:
    project = tmp_path / "project"
    project.mkdir()
    cache_file = tmp_path / "cache.json"
    outcome = examine_diagrams(
        diagrams(), options(project, cache_file, validate), Cache.load(cache_file), prerender=False
    )
    assert outcome == DiagramOutcome(
        findings=[
            Finding(severity, "mermaid-toolchain", missing_message(project), "mkdocs.yml", 23)
        ]
    )
    assert not cache_file.exists()


@pytest.mark.usefixtures("no_node")
def test_prerender_without_a_bundle(tmp_path: Path) -> None:
    outcome = examine_diagrams(
        diagrams(), options(tmp_path, tmp_path / "c.json", False), Cache.load(None), prerender=True
    )
    assert outcome.findings == [
        Finding(
            Severity.ERROR,
            "mermaid-toolchain",
            "mermaid.prerender: svg cannot draw diagrams: no local Mermaid bundle (set "
            "mermaid.javascript, or npm install mermaid).",
            "mkdocs.yml",
            23,
        )
    ]


def test_syntax_findings_of_a_generated_diagram_have_no_line() -> None:
    generated = Diagram("", "{{ traceDiagram }}", 0, 0, 0, BROKEN)
    outcome = DiagramOutcome({BROKEN: ParseResult(False, 2, "bad")}, version="11.0.0")
    assert syntax_findings([generated], outcome) == [
        Finding(
            Severity.ERROR,
            "mermaid-syntax",
            "Mermaid diagram does not parse (Mermaid 11.0.0) at its line 2, 'A->>B hi': bad. "
            "Fix the diagram.",
            "{{ traceDiagram }}",
            0,
        )
    ]


def test_with_the_real_toolchain_results_are_cached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = EXAMPLE_SITE / "node_modules" / "mermaid" / "package.json"
    assert package.is_file(), "run tests/setup.sh (npm ci --prefix example_site)"
    version = json.loads(package.read_text(encoding="utf-8"))["version"]
    cache_file = tmp_path / "cache" / "mermaid.json"
    found = diagrams()

    outcome = examine_diagrams(
        found, options(EXAMPLE_SITE, cache_file, True), Cache.load(cache_file), prerender=False
    )
    assert outcome.version == version
    assert outcome.findings == []
    assert outcome.parsed[GOOD] == ParseResult(True, 0, "")
    broken = outcome.parsed[BROKEN]
    assert (broken.ok, broken.line) == (False, 2)
    assert broken.message == "Expecting 'TXT', got 'NEWLINE'"
    assert syntax_findings(found, outcome) == [
        Finding(
            Severity.ERROR,
            "mermaid-syntax",
            f"Mermaid diagram does not parse (Mermaid {version}) at its line 2, 'A->>B hi': "
            "Expecting 'TXT', got 'NEWLINE'. Fix the diagram.",
            "docs/d.md",
            12,  # the fence on line 10, the diagram's second line
        )
    ]
    assert len(json.loads(cache_file.read_text(encoding="utf-8"))["parsed"]) == 2

    # A later build asks Node nothing: the cache answers. A bundle of another version is
    # worth a warning.
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("Node.js was started although the cache knows every diagram")

    monkeypatch.setattr("subprocess.run", refuse)
    bundle = tmp_path / "mermaid.min.js"
    bundle.write_text('var m={version:"10.0.0"};', encoding="utf-8")
    again = examine_diagrams(
        found,
        options(EXAMPLE_SITE, cache_file, True, javascript=str(bundle)),
        Cache.load(cache_file),
        prerender=False,
    )
    assert again.parsed == outcome.parsed
    assert again.findings == [
        Finding(
            Severity.WARNING,
            "mermaid-toolchain",
            f"diagrams are checked with Mermaid {version} (node_modules) but the site loads "
            f"Mermaid 10.0.0 ({bundle}); use the same version for both.",
            "mkdocs.yml",
            23,
        )
    ]


def test_the_quoted_line_is_the_diagram_s_as_written_and_kept_short() -> None:
    text = "graph TB\n    A --> B\n" + "    C --> " + "D" * 200
    assert examine._quoted(text, 2) == " at its line 2, 'A --> B'"
    long = examine._quoted(text, 3)
    assert long.startswith(" at its line 3, 'C --> DDD")
    assert long.endswith("…'")
    assert len(long) < 150
    assert examine._quoted(text, 9) == ""
    assert examine._quoted("graph TB\n\n", 2) == " at its line 2"


def test_mermaid_s_lines_are_counted_as_written() -> None:
    # Mermaid counts lines without front matter, comments, and what they leave blank at the
    # start: its line 2 is the page's line 3 here.
    assert examine.source_line("%% archcrew: skip\ngraph TB\n    A --> B -->", 2) == 3
    assert examine.source_line("%%{init: {}}%%\n\ngraph TB\n  A -->", 2) == 4
    assert examine.source_line("---\ntitle: T\n---\ngraph TB\n  A -->", 2) == 5
    assert examine.source_line("graph TB\n  %% note\n\n  A -->", 3) == 4
    assert examine.source_line("graph TB\n  A", 2) == 2
    assert examine.source_line("graph TB", 7) == 7


MEGABYTE = "graph TB\n" + "    A --> B\n" * (2**20 // 12)


@pytest.mark.usefixtures("no_node")
@pytest.mark.parametrize(
    ("text", "level", "severity"),
    [
        (MEGABYTE, None, Severity.ERROR),
        (MEGABYTE, "warn", Severity.WARNING),
        ("%% archcrew: skip\n" + MEGABYTE, None, Severity.INFO),
    ],
    ids=["error", "page says warn", "diagram says skip"],
)
def test_a_diagram_over_mermaids_limit_is_a_finding_at_its_fence_without_a_parse(
    tmp_path: Path, text: str, level: Literal["warn"] | None, severity: Severity
) -> None:
    cache_file = tmp_path / "cache.json"
    page = f"# Big\n\n```mermaid\n{text}\n```\n"
    (big,) = collect({"big.md": scan(page)}, {"big.md": "docs/big.md"})

    # Checking is required and the toolchain is there, yet no process starts.
    outcome = examine_diagrams(
        [big], options(EXAMPLE_SITE, cache_file, True), Cache.load(cache_file), prerender=False
    )
    (finding,) = syntax_findings([big], outcome, lambda diagram: level)

    assert outcome.parsed == {}
    assert (finding.severity, finding.code, finding.location) == (
        severity,
        "mermaid-too-large",
        "docs/big.md:3",
    )
    assert finding.message.startswith(
        f"Mermaid diagram is {len(text) - (18 if 'skip' in text else 0):,} characters long as "
        "Mermaid counts them, over the 50,000 it draws (maxTextSize: Mermaid's default), so "
        "readers would see 'Maximum text size in diagram exceeded' in its place. Split it "
        "into smaller diagrams."
    )


@pytest.mark.usefixtures("no_node")
def test_validation_off_says_nothing_of_size_but_draws_nothing_too_large(tmp_path: Path) -> None:
    cache_file = tmp_path / "cache.json"
    (big,) = collect({"b.md": scan(f"```mermaid\n{MEGABYTE}\n```\n")}, {"b.md": "docs/b.md"})

    outcome = examine_diagrams(
        [big], options(EXAMPLE_SITE, cache_file, False), Cache.load(cache_file), prerender=True
    )

    assert syntax_findings([big], outcome) == []
    assert outcome.svgs == {}


@pytest.mark.usefixtures("no_node")
def test_a_traceability_diagram_too_large_says_to_show_the_table(tmp_path: Path) -> None:
    cache_file = tmp_path / "cache.json"
    trace = Diagram("", "{{ traceDiagram }}", 0, 0, 0, MEGABYTE)
    limits = SizeLimit(60_000, "mkdocs-mermaid2's arguments, mkdocs.yml:9", "raise it there")
    wide = replace(options(EXAMPLE_SITE, cache_file, True), size_limit=limits)

    outcome = examine_diagrams([trace], wide, Cache.load(cache_file), prerender=False)
    (finding,) = syntax_findings([trace], outcome)

    assert finding.location == "{{ traceDiagram }}"
    assert "over the 60,000 it draws (maxTextSize: mkdocs-mermaid2's arguments, mkdocs.yml:9)" in (
        finding.message
    )
    assert finding.message.endswith(
        "The traceability diagram grows with the requirements: on a project this size, show "
        "the table ({{ rdsToFrsValidation }}) instead, or raise it there."
    )
