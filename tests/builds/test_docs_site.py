"""Our own documentation site builds strictly with archcrew: its RDS is the plugin's own, and
its FRS must answer every requirement of it, so each build of the docs proves the plugin on us."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import get_args

import pytest
from conftest import REPO, child_env, require

from mkdocs_archcrew.findings import Code

DOCS = REPO / "docs"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    bundle = REPO / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"
    require(None if bundle.is_file() else "Mermaid for the docs site is not installed: npm ci")
    site_dir = tmp_path_factory.mktemp("docs-site")
    config = str(REPO / "mkdocs.yml")
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", config, "-d", str(site_dir)],
        capture_output=True,
        text=True,
        env=child_env(),
        timeout=300,
        check=False,
    )
    output = run.stdout + run.stderr
    assert run.returncode == 0, output
    assert "WARNING" not in output, output
    return site_dir


def test_every_requirement_of_the_plugin_is_answered_by_its_specification(built: Path) -> None:
    report = json.loads((built / "archcrew-report.json").read_text(encoding="utf-8"))
    requirements = report["requirements"]
    assert len(requirements) >= 15
    unanswered = [r["id"] for r in requirements if not r["covered"] and r["status"] == "active"]
    assert unanswered == []
    assert {r["file"] for r in requirements} == {"docs/RDS.md"}
    table = (built / "traceability" / "index.html").read_text(encoding="utf-8")
    assert "requirements covered by the FRS (100%)" in table


def test_the_findings_catalogue_shows_every_finding_code(built: Path) -> None:
    catalogue = (DOCS / "reference" / "findings.md").read_text(encoding="utf-8")
    missing = [code for code in get_args(Code) if f"`{code}`" not in catalogue]
    assert missing == []


def test_the_docs_exercise_the_template_traps(built: Path) -> None:
    rds = (built / "RDS" / "index.html").read_text(encoding="utf-8")
    source = (DOCS / "RDS.md").read_text(encoding="utf-8")
    # Unquoted placeholders in front matter, and a `template:` that is no theme template.
    assert "\nversion: {{ release }}\n" in source
    assert "\ntemplate: rds-template.md\n" in source
    assert "<strong>Version</strong>: 0.1.0" in rds
    cli = (built / "reference" / "cli" / "index.html").read_text(encoding="utf-8")
    assert "${{ runner.os }}" in cli  # GitHub Actions expressions in code stay as written


def test_the_changelog_page_is_the_repository_changelog(built: Path) -> None:
    page = (built / "changelog" / "index.html").read_text(encoding="utf-8")
    first_entry = (REPO / "CHANGELOG.md").read_text(encoding="utf-8").splitlines()[2]
    assert first_entry.startswith("## ")
    assert first_entry.removeprefix("## ") in page
