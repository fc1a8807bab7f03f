"""archcrew under Zensical (issue 15): the example site built with ``zensical build`` from the
same mkdocs.yml as ``mkdocs build``, held to what the MkDocs builds are held to, and the same
failures failing it.

Zensical parses front matter itself, before any Python runs, and refuses two of the Architect
Crew templates' traps that archcrew fixes under MkDocs: an unquoted ``{{ placeholder }}`` (not
YAML) and ``template:`` naming no template of the theme. The copy built here writes them as the
docs tell Zensical users to (quoted, and ``document_template:``); everything else is the
example site as it is.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import child_env, code_blocks, example_copy

ZENSICAL = str(Path(sys.executable).parent / "zensical")


def _example(root: Path) -> Path:
    """A copy of the example site, its front matter written as Zensical reads it."""
    root = example_copy(root).root
    claude = root / "docs" / "CLAUDE.md"
    text = claude.read_text(encoding="utf-8")
    text = text.replace("version: {{claudeVersion}}", 'version: "{{claudeVersion}}"')
    text = text.replace("lastUpdated: {{date}}", 'lastUpdated: "{{date}}"')
    text = text.replace("template: claude-python.md", "document_template: claude-python.md")
    claude.write_text(text, encoding="utf-8")
    return root


def _zensical(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [ZENSICAL, "build", "--clean", *args],
        cwd=root,
        env=child_env(SOURCE_DATE_EPOCH="1767225600"),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _mkdocs(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", "site-mkdocs"],
        cwd=root,
        env=child_env(SOURCE_DATE_EPOCH="1767225600"),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _page(root: Path, page: str, site: str = "site") -> str:
    stem = page.removesuffix(".md")
    name = "index.html" if stem == "index" else f"{stem}/index.html"
    return (root / site / name).read_text(encoding="utf-8")


def _archcrew_lines(output: str) -> list[str]:
    plain = re.sub(r"\x1b\[[0-9;]*m", "", output)
    return [line for line in plain.splitlines() if "archcrew:" in line]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    root = _example(tmp_path_factory.mktemp("zensical"))
    run = _zensical(root)
    assert run.returncode == 0, run.stdout + run.stderr
    return root, run.stdout + run.stderr


def test_placeholders_are_filled_and_code_is_left_alone(built: tuple[Path, str]) -> None:
    root, _ = built
    claude = _page(root, "CLAUDE.md")
    assert "Tidewater 0.9.0" in claude
    assert "Python 3.12, FastAPI" in claude
    prose = re.sub(r"<pre.*?</pre>|<code.*?</code>", "", claude, flags=re.DOTALL)
    assert "{{" not in prose, re.findall(r".{40}\{\{.{40}", prose)
    blocks = "\n".join(code_blocks(claude))
    assert "${{ runner.os }}" in blocks
    assert "${{ matrix.python-version }}" in blocks
    assert "<title>Architecture - Tidewater Architecture</title>" in claude


def test_requirements_are_anchored_linked_and_noted(built: tuple[Path, str]) -> None:
    root, _ = built
    rds, frs = _page(root, "RDS.md"), _page(root, "FRS.md")
    for anchor in ("fr-1", "nfr-3", "sr-2", "req-api-1"):
        assert f'id="{anchor}"' in rds
    assert rds.count('class="archcrew-coverage') >= 15
    assert 'class="archcrew-link" href="../RDS/#fr-1"' in frs
    # No plugin adds the stylesheet under Zensical: the pages that need it carry it.
    assert ".archcrew-coverage" in rds.split("</style>")[0]


def test_the_table_the_diagrams_and_the_chain(built: tuple[Path, str]) -> None:
    root, _ = built
    claude = _page(root, "CLAUDE.md")
    assert '<td><a href="../RDS/#fr-1">FR-1</a></td>' in claude  # the traceability table
    assert "requirements covered by the FRS" in claude
    diagrams = re.findall(r'<pre class="mermaid"><code>(.*?)</code></pre>', claude, re.DOTALL)
    assert any("flowchart LR" in d and "Requirements (RDS)" in d for d in diagrams)
    assert any("click d0 href" in d for d in diagrams), "the document chain diagram"


def test_the_report_is_the_one_mkdocs_writes(built: tuple[Path, str]) -> None:
    root, _ = built
    run = _mkdocs(root)
    assert run.returncode == 0, run.stdout + run.stderr
    zensical_report = json.loads((root / "site" / "archcrew-report.json").read_text())
    mkdocs_report = json.loads((root / "site-mkdocs" / "archcrew-report.json").read_text())
    assert zensical_report["requirements"] == mkdocs_report["requirements"]
    assert len(zensical_report["requirements"]) == 16


def test_findings_are_printed_as_mkdocs_prints_them(built: tuple[Path, str]) -> None:
    _, output = built
    lines = _archcrew_lines(output)
    assert any(
        line.startswith("INFO") and "docs/RDS.md:51:" in line and "SR-4" in line for line in lines
    ), lines


def _broken(tmp_path: Path, old: str, new: str, page: str = "FRS.md") -> Path:
    root = _example(tmp_path)
    path = root / "docs" / page
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    return root


def test_an_uncovered_requirement_fails_the_build(tmp_path: Path) -> None:
    root = _example(tmp_path)
    frs = root / "docs" / "FRS.md"
    text = frs.read_text(encoding="utf-8")
    frs.write_text(text.replace("FR-4", "the alert worker").replace("Flood alerting", "Alerts"))
    run = _zensical(root)
    assert run.returncode != 0
    lines = _archcrew_lines(run.stdout + run.stderr)
    assert lines[0].startswith("ERROR")
    assert 'docs/RDS.md:26: requirement FR-4 "Flood alerting" is not covered' in lines[0]
    assert lines[-1].startswith("ERROR")
    assert "1 error(s) in the documents" in lines[-1]
    assert "Traceback" not in run.stderr


def test_an_unknown_id_fails_the_build(tmp_path: Path) -> None:
    root = _broken(tmp_path, "FR-3", "FR-33")
    run = _zensical(root)
    assert run.returncode != 0
    assert any("FR-33 is not a requirement" in line for line in _archcrew_lines(run.stderr))


def test_a_broken_diagram_fails_the_build_at_its_line(tmp_path: Path) -> None:
    root = _broken(tmp_path, "graph TB", "graph TB\n    A[unclosed --> B", "FRS.md")
    run = _zensical(root)
    assert run.returncode != 0
    lines = _archcrew_lines(run.stderr)
    broken = [line for line in lines if "mermaid" in line.lower() and "docs/FRS.md:" in line]
    assert broken, run.stderr
    assert broken[0].startswith("ERROR")


def test_an_unresolved_placeholder_warns_and_fails_strict_builds(tmp_path: Path) -> None:
    root = _broken(tmp_path, "{{architecturalOverview}}", "{{architecturalOverveiw}}", "CLAUDE.md")
    run = _zensical(root)
    assert run.returncode == 0, run.stderr
    warned = [line for line in _archcrew_lines(run.stderr) if "architecturalOverveiw" in line]
    assert warned, run.stderr
    assert warned[0].startswith("WARNING"), warned
    assert "docs/CLAUDE.md:" in warned[0]
    assert "did you mean" in warned[0]
    strict = _zensical(root, "--strict")
    assert strict.returncode != 0
    assert "(--strict)" in _archcrew_lines(strict.stderr)[-1]


def test_a_missing_watch_is_said(tmp_path: Path) -> None:
    root = _example(tmp_path)
    config = root / "mkdocs.yml"
    config.write_text(re.sub(r"(?m)^watch:\n(  - .*\n)+", "", config.read_text()))
    run = _zensical(root)
    assert run.returncode == 0
    said = [line for line in _archcrew_lines(run.stderr) if "under watch:" in line]
    assert said
    assert said[0].startswith("WARNING")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _fetch(url: str, until: str, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                last = response.read().decode("utf-8")
            if until in last:
                return last
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{url} never showed {until!r}")


def test_serve_shows_problems_and_keeps_running(tmp_path: Path) -> None:
    root = _example(tmp_path)
    port = _free_port()
    server = subprocess.Popen(
        [ZENSICAL, "serve", "-a", f"127.0.0.1:{port}"],
        cwd=root,
        env=child_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        page = _fetch(f"http://127.0.0.1:{port}/RDS/", 'id="fr-4"')
        assert "archcrew-problems" not in page
        frs = root / "docs" / "FRS.md"
        text = frs.read_text(encoding="utf-8")
        frs.write_text(text.replace("FR-4", "the alert worker").replace("Flood alerting", "Alerts"))
        page = _fetch(f"http://127.0.0.1:{port}/RDS/", "archcrew-problems")
        assert "FR-4" in page.split("archcrew-problems", 1)[1][:2000]
        assert server.poll() is None, "zensical serve stopped on an archcrew error"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
