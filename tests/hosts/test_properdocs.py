"""archcrew under ProperDocs (issue 15), the continuation of MkDocs by its former maintainers:
the example site, every template trap included, built with ``properdocs build --strict`` from
the same mkdocs.yml, gives what ``mkdocs build`` gives, and fails as it fails."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import child_env, code_blocks, example_copy

PROPERDOCS = str(Path(sys.executable).parent / "properdocs")


def _example(root: Path) -> Path:
    root = example_copy(root).root
    return root


def _build(root: Path, tool: list[str], site: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*tool, "build", "--strict", "-d", site],
        cwd=root,
        env=child_env(SOURCE_DATE_EPOCH="1767225600"),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = _example(tmp_path_factory.mktemp("properdocs"))
    run = _build(root, [PROPERDOCS], "site")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "archcrew:" in run.stderr  # the plugin ran: its info line about the draft SR-4
    return root


def test_the_example_site_builds_as_with_mkdocs(built: Path) -> None:
    run = _build(built, [sys.executable, "-m", "mkdocs"], "site-mkdocs")
    assert run.returncode == 0, run.stdout + run.stderr
    ours = json.loads((built / "site" / "archcrew-report.json").read_text())
    theirs = json.loads((built / "site-mkdocs" / "archcrew-report.json").read_text())
    assert ours == theirs
    for page in ("RDS", "FRS", "CLAUDE", "AGENTS"):
        a = (built / "site" / page / "index.html").read_text()
        b = (built / "site-mkdocs" / page / "index.html").read_text()
        generator = re.compile(r'<meta name="generator" content="[^"]*">')
        assert generator.sub("", a) == generator.sub("", b), page


def test_pages_are_filled_traced_and_code_left_alone(built: Path) -> None:
    claude = (built / "site" / "CLAUDE" / "index.html").read_text()
    assert "Tidewater 0.9.0" in claude
    assert "${{ runner.os }}" in "\n".join(code_blocks(claude))
    rds = (built / "site" / "RDS" / "index.html").read_text()
    assert 'id="fr-1"' in rds
    assert "archcrew-coverage" in rds


def test_an_uncovered_requirement_fails_the_build(tmp_path: Path) -> None:
    root = _example(tmp_path)
    frs = root / "docs" / "FRS.md"
    text = frs.read_text(encoding="utf-8")
    frs.write_text(text.replace("FR-4", "the alert worker").replace("Flood alerting", "Alerts"))
    run = _build(root, [PROPERDOCS], "site")
    assert run.returncode == 1
    assert 'docs/RDS.md:26: requirement FR-4 "Flood alerting" is not covered' in run.stderr
    assert "Traceback" not in run.stderr
