"""Per-page control in real builds: a page's `archcrew:` front matter over the site's options
(its role, its placeholders, its diagrams), templates taken for what they are, and a single
diagram's `%% archcrew:` comment."""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING

from conftest import node_modules

if TYPE_CHECKING:
    from conftest import Site

RDS = """\
# Requirements

## FR-1: Ingestion

Readings come in.

## FR-2: Alerting

Alerts go out.
"""

FRS = "# Specification\n\nFR-1 is handled by the gateway.\n"

TEMPLATE = """\
# {{ projectName }} specification

FR-2 is answered in {{ alertingSection }}.
"""


# MkDocs leaves a top-level templates/ folder out of the site (exclude_docs); a repository that
# publishes its templates lets it in.
INCLUDING_TEMPLATES = "!/templates/\n"


def test_templates_neither_cover_requirements_nor_warn_of_their_placeholders(site: Site) -> None:
    site.configure(exclude_docs=INCLUDING_TEMPLATES)
    site.page("RDS.md", RDS)
    site.page("FRS.md", FRS)
    site.page("templates/FRS.template.md", TEMPLATE)

    run = site.build()

    assert run.returncode == 1
    # The template's mention of FR-2 is no coverage, and its braces are no mistake.
    assert 'docs/RDS.md:7: requirement FR-2 "Alerting" is not covered' in run.output
    assert "projectName" not in run.output
    assert (
        "INFO    -  archcrew: mkdocs.yml: 1 template page(s) recognised "
        "(docs/templates/FRS.template.md): neither RDS nor FRS, their placeholders kept, their "
        "diagrams not checked. Set 'templates: []' to treat them as documents, or give a page "
        "'archcrew: {role: …}' in its front matter."
    ) in run.output
    report = json.loads(site.check("--format", "json").output)
    assert [(f["code"], f["severity"]) for f in report["findings"]] == [
        ("trace-uncovered", "error"),
        ("page-rules", "info"),
    ]


def test_without_templates_a_template_is_a_document_again(site: Site) -> None:
    site.configure({"templates": []}, exclude_docs=INCLUDING_TEMPLATES)
    site.page("RDS.md", RDS)
    site.page("FRS.md", FRS)
    site.page("templates/FRS.template.md", TEMPLATE)

    run = site.build()

    # The default FRS rule (names starting with FRS) takes it: it covers FR-2, and its
    # placeholders are unresolved.
    assert run.returncode == 0, run.output
    assert "unresolved placeholder {{ projectName }}" in run.output
    assert "template page(s) recognised" not in run.output


def test_a_page_keeps_its_placeholders_when_it_says_so(site: Site) -> None:
    site.configure()
    agents = (
        "---\narchcrew:\n  on_missing: keep\n---\n\n# Agents\n\n"
        "Copy this: version {{ claudeVersion }}, then {{ 7 * 7 }}.\n"
    )
    site.page("AGENTS.md", agents)

    kept = site.build("--strict")

    assert kept.returncode == 0, kept.output
    assert "Copy this: version {{ claudeVersion }}, then {{ 7 * 7 }}." in site.html("AGENTS.md")

    site.page("AGENTS.md", agents.replace("archcrew:\n  on_missing: keep\n", "title: Agents\n"))
    warned = site.build("--strict")

    assert warned.returncode == 1
    assert "docs/AGENTS.md:7: unresolved placeholder {{ claudeVersion }}" in warned.output
    assert "docs/AGENTS.md:7: not a placeholder {{ 7 * 7 }}" in warned.output


def test_a_page_can_be_an_frs_whatever_its_name_or_neither(site: Site) -> None:
    site.configure()
    site.page("RDS.md", RDS)
    site.page("FRS.md", "---\narchcrew: {role: none}\n---\n\n# Old\n\nFR-1 and FR-2.\n")
    site.page("design/alerts.md", "---\narchcrew: {role: frs}\n---\n\n# Alerts\n\nFR-2 here.\n")

    run = site.build()

    assert run.returncode == 1
    assert 'requirement FR-1 "Ingestion" is not covered' in run.output
    assert "(searched docs/design/alerts.md)" in run.output
    assert 'FR-2 "Alerting" is not covered' not in run.output


def test_wrong_page_rules_are_said_at_their_line_and_the_site_s_options_apply(
    site: Site,
) -> None:
    site.configure()
    site.page(
        "index.md",
        "---\ntitle: Home\narchcrew:\n  on_missing: ignore\n  colour: blue\n---\n\n{{ nope }}\n",
    )

    run = site.build()

    assert run.returncode == 0, run.output
    assert (
        "WARNING -  archcrew: docs/index.md:3: front matter 'archcrew.on_missing: 'ignore'' is "
        "not one of warn, error, keep; the site's option applies"
    ) in run.output
    assert (
        "WARNING -  archcrew: docs/index.md:3: front matter 'archcrew.colour' is not a page "
        "rule; the rules are role, on_missing, diagrams"
    ) in run.output
    assert "docs/index.md:8: unresolved placeholder {{ nope }}" in run.output


BROKEN = "```mermaid\ngraph TB\n    A --> B -->\n```\n"


def diagram_site(site: Site, options: dict[str, object] | None = None) -> None:
    modules = node_modules()
    site.configure({"mermaid": {"validate": True, **(options or {})}})
    os.symlink(modules, site.root / "node_modules")


def test_diagram_errors_at_the_level_the_diagram_its_page_or_the_site_says(site: Site) -> None:
    diagram_site(site)
    site.page("theirs.md", f"---\narchcrew: {{diagrams: warn}}\n---\n\n# Theirs\n\n{BROKEN}")
    skipped = BROKEN.replace("graph TB\n", "%% archcrew: skip\ngraph TB\n")
    site.page("index.md", f"# Home\n\n{skipped}")

    run = site.build()

    assert run.returncode == 0, run.output
    assert "WARNING -  archcrew: docs/theirs.md:9: Mermaid diagram does not parse" in run.output
    # Skipped, but never lost: said at info level, and in the report.
    assert "INFO    -  archcrew: docs/index.md:6: Mermaid diagram does not parse" in run.output
    assert "Not checked: the diagram or its page says skip." in run.output
    report = json.loads((site.root / "site" / "archcrew-report.json").read_text())
    assert sorted((f["file"], f["severity"]) for f in report["findings"]) == [
        ("docs/index.md", "info"),
        ("docs/theirs.md", "warning"),
    ]


def test_the_site_can_make_diagram_errors_warnings(site: Site) -> None:
    diagram_site(site, {"on_error": "warn"})
    site.page("index.md", f"# Home\n\n{BROKEN}")

    run = site.build()
    strict = site.build("--strict")

    assert run.returncode == 0, run.output
    assert "WARNING -  archcrew: docs/index.md:5: Mermaid diagram does not parse" in run.output
    assert strict.returncode == 1
