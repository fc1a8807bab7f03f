"""`archcrew check`: the same checks as a build, without building."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import yaml
from conftest import REPO, Site


def test_clean_project_exits_0(site: Site) -> None:
    site.configure({"placeholders": {"name": "Tidewater"}})
    site.page("index.md", "# Home\n\n{{ name }}\n")

    run = site.check()

    assert run.returncode == 0, run.output
    assert run.output.strip() == "archcrew: 0 error(s), 0 warning(s)"
    assert not (site.root / "site").exists()  # nothing was built


def test_warnings_exit_0_unless_strict(site: Site) -> None:
    site.page("index.md", "# Home\n\n{{ missing }}\n")

    run = site.check()
    strict = site.check("--strict")

    assert run.returncode == 0
    assert (
        "docs/index.md:3: warning: unresolved placeholder {{ missing }}: no value named 'missing'"
        in run.output
    )
    assert strict.returncode == 1


def test_no_strict_undoes_an_earlier_strict(site: Site) -> None:
    # As the pre-commit hook runs it: its entry says --strict, the user's `args:` come after.
    site.page("index.md", "# Home\n\n{{ missing }}\n")

    assert site.check("--strict", "--no-strict").returncode == 0
    assert site.check("--no-strict", "--strict").returncode == 1


def test_missing_mermaid_bundle_is_a_notice_and_the_rest_is_checked(site: Site) -> None:
    site.configure({"mermaid": {"javascript": "node_modules/mermaid/dist/mermaid.min.js"}})
    site.page("index.md", "# Home\n\n```mermaid\ngraph TD\n  A --> B\n```\n\n{{ missing }}\n")

    run = site.check("--strict")

    bundle = site.root / "node_modules/mermaid/dist/mermaid.min.js"
    assert run.returncode == 1, run.output
    assert run.output.splitlines() == [
        "docs/index.md:8: warning: unresolved placeholder {{ missing }}: no value named 'missing'. "
        "Define it in front matter, a data file, the 'placeholders' option or 'extra:', or write "
        "\\{{ missing }} for literal braces.",
        f"mkdocs.yml:7: info: Mermaid diagrams are not checked: the npm package mermaid is not "
        f"installed in {site.root} or above. To check them at build time: npm install mermaid "
        "jsdom (next to mkdocs.yml) with Node.js 18 or newer; or set mermaid.validate: false.",
        "mkdocs.yml:8: info: mermaid.javascript 'node_modules/mermaid/dist/mermaid.min.js' not "
        f"found (looked for {bundle}): checking without it, but `mkdocs build` needs it; run "
        "`npm install mermaid` next to mkdocs.yml.",
        "archcrew: 0 error(s), 1 warning(s)",
    ]
    assert site.check().returncode == 0


def test_errors_exit_1_and_all_are_listed(site: Site) -> None:
    site.configure({"placeholders": {"a": "{{ b }}", "b": "{{ a }}"}})
    site.page("index.md", "# Home\n\n{{ a }}\n\n{{ x() }}\n\n{{ missing }}\n")

    run = site.check()

    assert run.returncode == 1
    lines = run.output.splitlines()
    assert lines[0].startswith("docs/index.md:3: error: placeholder cycle at {{ a }}: a → b → a")
    assert lines[1].startswith("docs/index.md:5: error: not a placeholder {{ x() }}")
    assert lines[2].startswith("docs/index.md:7: warning: unresolved placeholder {{ missing }}")
    assert lines[3] == "archcrew: 2 error(s), 1 warning(s)"


def test_json_format(site: Site) -> None:
    site.page("index.md", "# Home\n\n{{ missing }}\n")

    run = site.check("--format", "json")

    assert run.returncode == 0
    report = json.loads(run.output)
    (finding,) = report["findings"]
    assert finding["file"] == "docs/index.md"
    assert finding["line"] == 3
    assert finding["code"] == "placeholder-unresolved"
    assert finding["severity"] == "warning"
    assert finding["message"].startswith("unresolved placeholder {{ missing }}")


def test_json_format_is_the_report_the_build_writes(site: Site) -> None:
    site.configure({"on_uncovered": "warn"})
    site.page("RDS.md", "# RDS\n\n### SR-1: Registry\n\n### SR-2: Heartbeat\n")
    site.page("FRS.md", "# FRS\n\n## Nodes\n\nSR-1 is kept by the registry.\n")

    check = site.check("--format", "json")
    build = site.build()

    assert check.returncode == 0, check.output
    assert build.returncode == 0, build.output
    report = (site.root / "site" / "archcrew-report.json").read_text(encoding="utf-8")
    assert check.output == report
    requirements = json.loads(check.output)["requirements"]
    assert [(r["id"], r["covered_by"]) for r in requirements] == [
        ("SR-1", [{"by": "id", "file": "docs/FRS.md", "line": 5}]),
        ("SR-2", []),
    ]


def test_requirements_listed_with_their_coverage(site: Site) -> None:
    site.configure({"on_uncovered": "warn"})
    site.page("RDS.md", "# RDS\n\n### SR-1: Registry\n\n### SR-2: Heartbeat\n")
    site.page("FRS.md", "# FRS\n\n## Nodes\n\nSR-1 is kept by the registry.\n")

    run = site.check("--requirements")

    assert run.output.splitlines()[:3] == [
        'docs/RDS.md:3: SR-1 "Registry": covered by ID in FRS › Nodes (docs/FRS.md:5)',
        'docs/RDS.md:5: SR-2 "Heartbeat": not covered',
        "archcrew: 1 of 2 requirement(s) covered (1 by ID, 0 by title, 0 only by one word)",
    ]


ONE_WORD_RDS = """\
# Requirements

## Non-Functional Requirements

1. **Performance**: pages load in under a second.
2. **Station registry**: every station is listed.
3. **Security**: only staff see the audit trail.
"""
ONE_WORD_FRS = """\
# Specification

## Reports

Users open the Performance Reports page. The station registry lists stations.

## Access

NFR-3 is met by roles; Security Vulnerabilities are triaged weekly.
"""


def test_requirements_listed_with_how_they_are_covered(site: Site) -> None:
    site.page("RDS.md", ONE_WORD_RDS)
    site.page("FRS.md", ONE_WORD_FRS)

    run = site.check("--requirements")

    assert run.returncode == 0, run.output
    assert run.output.splitlines() == [
        'docs/RDS.md:5: NFR-1 "Performance": covered only by the word "Performance" in '
        "FRS › Reports (docs/FRS.md:5)",
        'docs/RDS.md:6: NFR-2 "Station registry": covered by title in FRS › Reports '
        "(docs/FRS.md:5)",
        'docs/RDS.md:7: NFR-3 "Security": covered by ID in FRS › Access (docs/FRS.md:9)',
        "archcrew: 3 of 3 requirement(s) covered (1 by ID, 1 by title, 1 only by one word)",
        'docs/RDS.md:5: info: requirement NFR-1 "Performance" is covered only by the word '
        '"Performance", which may stand in the FRS in passing: docs/FRS.md:5 "the Performance '
        'Reports". Mention NFR-1 where the FRS answers it (on_word_only: uncovered counts a '
        "one-word title as no coverage).",
        "archcrew: 0 error(s), 0 warning(s)",
    ]


def test_one_word_coverage_refused_fails_the_check_saying_why(site: Site) -> None:
    site.configure({"on_word_only": "uncovered"})
    site.page("RDS.md", ONE_WORD_RDS)
    site.page("FRS.md", ONE_WORD_FRS)

    run = site.check("--requirements")
    report = json.loads(site.check("--format", "json").output)

    assert run.returncode == 1, run.output
    lines = run.output.splitlines()
    assert lines[0] == (
        'docs/RDS.md:5: NFR-1 "Performance": not covered: only the word "Performance" in '
        "FRS › Reports (docs/FRS.md:5)"
    )
    assert lines[3] == (
        "archcrew: 2 of 3 requirement(s) covered (1 by ID, 1 by title, 0 only by one word)"
    )
    assert lines[4] == (
        'docs/RDS.md:5: error: requirement NFR-1 "Performance" is not covered: the FRS mentions '
        'only the word "Performance", which may stand there in passing (docs/FRS.md:5 "the '
        'Performance Reports"), and on_word_only: uncovered counts a one-word title as no '
        "coverage. Mention NFR-1 where the FRS answers it: in prose, a table or a diagram label."
    )
    nfr1 = report["requirements"][0]
    assert (nfr1["coverage"], nfr1["covered"]) == ("word", False)
    assert [f["code"] for f in report["findings"]] == ["trace-uncovered"]


def test_github_format(site: Site) -> None:
    site.page("index.md", "# Home\n\n{{ missing }}\n")

    run = site.check("--format", "github")

    assert run.output.startswith(
        "::warning file=docs/index.md,line=3,title=archcrew placeholder-unresolved::"
        "unresolved placeholder {{ missing }}"
    )


def test_configuration_errors_exit_2(site: Site) -> None:
    site.configure({"data_files": ["nope.yml"]})
    site.page("index.md", "# Home\n")

    run = site.check()

    assert run.returncode == 2
    assert "archcrew: mkdocs.yml:" in run.output
    assert "data file 'nope.yml' not found" in run.output
    assert "Traceback" not in run.output


def test_missing_config_file_docs_or_plugin_exit_2(site: Site) -> None:
    missing = site.check("-f", "other.yml")
    no_docs = site.check()
    site.page("index.md", "# Home\n")
    site.write("mkdocs.yml", "site_name: x\n")
    without_plugin = site.check()

    assert missing.returncode == 2
    assert "other.yml: no such file" in missing.output
    assert no_docs.returncode == 2
    assert "Config value 'docs_dir'" in no_docs.output
    assert "archcrew: mkdocs.yml: Aborted with a configuration error!" in no_docs.output
    assert without_plugin.returncode == 2
    assert "does not enable the archcrew plugin" in without_plugin.output


def test_coverage_findings_and_exit_codes(site: Site) -> None:
    site.page("RDS.md", "# RDS\n\n### SR-1: Registry\n\n### SR-2: Heartbeat\n")
    site.page("FRS.md", "# FRS\n\nSR-1 and SR-22.\n")

    run = site.check("--format", "github")

    assert run.returncode == 1
    assert run.output.splitlines() == [
        "::error file=docs/FRS.md,line=3,title=archcrew trace-unknown-id::SR-22 is not a requirement "
        "of the RDS (did you mean SR-2?); requirements are defined in docs/RDS.md. Fix the ID, or "
        "define SR-22 in the RDS.",
        '::error file=docs/RDS.md,line=5,title=archcrew trace-uncovered::requirement SR-2 "Heartbeat" '
        "is not covered: no FRS page mentions its ID or its title (searched docs/FRS.md). Mention "
        "SR-2 in the FRS: in prose, a table or a diagram label.",
    ]
    assert not (site.root / "site").exists()


def test_relaxed_coverage_exits_0(site: Site) -> None:
    site.configure({"on_uncovered": "warn"})
    site.page("RDS.md", "# RDS\n\n### SR-1: Registry\n")
    site.page("FRS.md", "# FRS\n\nNothing.\n")

    assert site.check().returncode == 0
    assert site.check("--strict").returncode == 1


def test_pre_commit_hook_runs_the_check_on_the_files_that_matter(site: Site) -> None:
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    site.page("RDS.md", "# RDS\n\n### SR-1: Registry\n")
    site.page("FRS.md", "# FRS\n\nNothing yet.\n")
    # As pre-commit runs it: the entry, in the repository's root, no file names appended.
    command = [
        str(Path(sys.executable).parent / hook["entry"].split()[0]),
        *hook["entry"].split()[1:],
    ]
    assert hook["pass_filenames"] is False

    failing = subprocess.run(command, cwd=site.root, capture_output=True, text=True, check=False)
    site.page("FRS.md", "# FRS\n\nSR-1 is the registry.\n")
    passing = subprocess.run(command, cwd=site.root, capture_output=True, text=True, check=False)

    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert 'docs/RDS.md:3: error: requirement SR-1 "Registry" is not covered' in failing.stdout
    assert passing.returncode == 0, passing.stdout + passing.stderr
    # Edits to pages, data files, mkdocs.yml and templates trigger it; code does not.
    files = re.compile(hook["files"])
    for changed in ["docs/RDS.md", "mkdocs.yml", "data/project.yaml", "docs/trace.md.j2"]:
        assert files.search(changed), changed
    assert not files.search("src/app.py")
