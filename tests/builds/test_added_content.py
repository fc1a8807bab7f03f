"""Content that reaches a page other than from its file, in real builds: text included by
``pymdownx.snippets`` or mkdocs-include-markdown-plugin is read, filled and traced as the page's
own; text another plugin adds while the page renders (a hook of the site's) is filled, and what
of it the trace could not see is said; pages other plugins add are read whatever the plugin order. The
written site is checked last: placeholders that reached a page some other way are said."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.conftest import Site

RDS = """\
# Requirements

## 3. Functional Requirements

--8<-- "requirements.md"
"""

REQUIREMENTS = """\
1. **Reading ingestion**: stations push readings every {{ interval }}.
2. **Flood alerting**: warn when water rises.
"""

FRS = """\
# Specification

FR-1 is handled by the gateway; FR-2 by the pager.
"""


def snippets_site(site: Site, **options: object) -> None:
    site.configure(
        {"placeholders": {"interval": "minute"}, **options},
        markdown_extensions=[{"pymdownx.snippets": {"base_path": [str(site.root / "parts")]}}],
    )
    site.write("parts/requirements.md", REQUIREMENTS)
    site.page("RDS.md", RDS)
    site.page("FRS.md", FRS)


def test_requirements_included_with_snippets_are_traced_filled_and_anchored(site: Site) -> None:
    snippets_site(site)

    run = site.build("--strict")

    assert run.returncode == 0, run.output
    rds = site.html("RDS.md")
    assert "stations push readings every minute." in rds
    assert 'id="fr-1"' in rds
    assert 'id="fr-2"' in rds
    assert "covered by" in rds
    assert '<a class="archcrew-link" href="../RDS/#fr-1">FR-1</a> is handled' in site.html("FRS.md")
    report = json.loads((site.root / "site" / "archcrew-report.json").read_text())
    assert [(r["id"], r["file"]) for r in report["requirements"]] == [
        ("FR-1", "docs/RDS.md"),
        ("FR-2", "docs/RDS.md"),
    ]


def test_an_uncovered_requirement_from_a_snippet_fails_the_build(site: Site) -> None:
    snippets_site(site)
    site.page("FRS.md", "# Specification\n\nFR-1 is handled by the gateway.\n")

    run = site.build()

    assert run.returncode == 1
    # The line is the page's as Python-Markdown reads it, the snippet in place.
    assert (
        'docs/RDS.md:6: requirement FR-2 "Flood alerting" is not covered: no FRS page mentions '
        "its ID or its title"
    ) in run.output


INCLUDING_RDS = """\
# Requirements

## FR-1: Ingestion

Readings come in every {{ interval }}.

{% include-markdown "../parts/alerting.md" %}
"""

INCLUDED_REQUIREMENTS = """\
## FR-2: Alerting

A flood alert goes to the duty engineer.

## FR-3: Archive

Readings are kept for {{ years }} years.
"""

INCLUDING_FRS = """\
# Specification

FR-1 is handled by the gateway.

{% include "../parts/pager.md" %}
"""


def include_markdown_site(site: Site) -> None:
    site.configure(
        plugins=[
            "include-markdown",
            {"archcrew": {"placeholders": {"interval": "minute", "years": 10}}},
        ]
    )
    site.write("parts/alerting.md", INCLUDED_REQUIREMENTS)
    site.write("parts/pager.md", "The pager answers FR-2 and FR-3.\n")
    site.page("RDS.md", INCLUDING_RDS)
    site.page("FRS.md", INCLUDING_FRS)


def test_text_include_markdown_includes_is_traced_filled_and_anchored(site: Site) -> None:
    include_markdown_site(site)

    run = site.build("--strict")

    assert run.returncode == 0, run.output
    rds = site.html("RDS.md")
    assert "Readings are kept for 10 years." in rds
    assert {'id="fr-1"', 'id="fr-2"', 'id="fr-3"'} <= set(re.findall(r'id="fr-\d"', rds))
    assert rds.count("covered by") == 3
    frs = site.html("FRS.md")
    assert (
        'The pager answers <a class="archcrew-link" href="../RDS/#fr-2">FR-2</a> and <a class="archcrew-link" href="../RDS/#fr-3">FR-3</a>.'
    ) in frs
    report = json.loads((site.root / "site" / "archcrew-report.json").read_text())
    assert [(r["id"], r["line"], r["covered_by"]) for r in report["requirements"]] == [
        ("FR-1", 3, [{"by": "id", "file": "docs/FRS.md", "line": 3}]),
        ("FR-2", 7, [{"by": "id", "file": "docs/FRS.md", "line": 5}]),
        ("FR-3", 11, [{"by": "id", "file": "docs/FRS.md", "line": 5}]),
    ]


def test_a_requirement_include_markdown_brings_is_checked_like_one_written_in_the_page(
    site: Site,
) -> None:
    include_markdown_site(site)
    site.write("parts/pager.md", "The pager answers FR-2.\n")

    run = site.build()
    check = site.check()

    assert run.returncode == 1
    # The line is the page's as rendered, the included text in place.
    uncovered = (
        'requirement FR-3 "Archive" is not covered: no FRS page mentions its ID or its title'
    )
    assert f"ERROR   -  archcrew: docs/RDS.md:11: {uncovered}" in run.output
    assert check.returncode == 1
    assert f"docs/RDS.md:11: error: {uncovered}" in check.output


ADDING_HOOK = """\
def on_page_markdown(markdown, page, config, files):
    # As mkdocs-include-markdown-plugin does: text put into the page while it renders.
    if page.file.src_uri == "{page}":
        return markdown + "\\n{added}\\n"
    return None
"""


def test_text_another_plugin_adds_while_rendering_is_filled(site: Site) -> None:
    site.configure({"placeholders": {"name": "Tidewater"}}, hooks=["hooks.py"])
    site.write("hooks.py", ADDING_HOOK.format(page="index.md", added="Made by {{ name }}."))
    site.page("index.md", "# Home\n\nWelcome to {{ name }}.\n")

    run = site.build("--strict")

    assert run.returncode == 0, run.output
    assert "Welcome to Tidewater." in site.text("index.md")
    assert "Made by Tidewater." in site.text("index.md")


def test_problems_in_added_text_name_the_page_and_say_where_the_line_is(site: Site) -> None:
    site.configure({"placeholders": {"name": "Tidewater"}}, hooks=["hooks.py"])
    site.write("hooks.py", ADDING_HOOK.format(page="index.md", added="Made by {{ nmae }}."))
    site.page("index.md", "# Home\n\nWelcome to {{ name }}.\n")

    run = site.build("--strict")

    assert run.returncode == 1
    assert (
        "WARNING -  archcrew: docs/index.md:5: unresolved placeholder {{ nmae }} (in text "
        "another plugin added to the page, at that line of the page as rendered): "
    ) in run.output
    assert "(did you mean 'name'?)" in run.output
    # Said once: the guard on the written page knows the Markdown had it.
    assert "Aborted with 1 warnings in strict mode!" in run.output


def test_an_error_in_added_text_fails_the_build_without_strict(site: Site) -> None:
    site.configure({"on_missing": "error"}, hooks=["hooks.py"])
    site.write("hooks.py", ADDING_HOOK.format(page="index.md", added="Made by {{ nmae }}."))
    site.page("index.md", "# Home\n")

    run = site.build()

    assert run.returncode == 1
    assert "ERROR   -  archcrew: docs/index.md:3: unresolved placeholder {{ nmae }}" in run.output
    assert (
        "archcrew: 1 error(s) in text other plugins added to pages, listed above; fix them to "
        "build the site"
    ) in run.output


def test_requirement_ids_added_to_a_traced_page_while_rendering_are_said(site: Site) -> None:
    site.configure(hooks=["hooks.py"])
    site.write("hooks.py", ADDING_HOOK.format(page="FRS.md", added="FR-3 is out of scope."))
    site.page("RDS.md", "# Requirements\n\n## FR-1: Ingestion\n\nReadings come in.\n")
    site.page("FRS.md", "# Specification\n\nFR-1 is handled by the gateway.\n")

    run = site.build("--strict")

    assert run.returncode == 1
    assert (
        "WARNING -  archcrew: docs/FRS.md:5: text another plugin added to this page while "
        "rendering it (in its on_page_markdown event) names FR-3, undefined or uncovered as far "
        "as the RDS → FRS check can see: it reads the pages before they are rendered. Include "
        "the text with pymdownx.snippets or mkdocs-include-markdown-plugin (archcrew reads what "
        "they include), or write it in the page."
    ) in run.output


def test_ids_added_to_a_page_that_is_neither_rds_nor_frs_are_not_a_concern(site: Site) -> None:
    site.configure(hooks=["hooks.py"])
    site.write("hooks.py", ADDING_HOOK.format(page="index.md", added="See FR-1."))
    site.page("index.md", "# Home\n")
    site.page("RDS.md", "# Requirements\n\n## FR-1: Ingestion\n\nReadings come in.\n")
    site.page("FRS.md", "# Specification\n\nFR-1 is handled by the gateway.\n")

    run = site.build("--strict")

    assert run.returncode == 0, run.output


GENERATING_HOOK = """\
from mkdocs.structure.files import File


def on_files(files, config):
    # As mkdocs-gen-files does, in whatever order the plugins come.
    files.append(File.generated(config, "FRS.md", content="# Specification\\n\\n{text}\\n"))
    return files
"""


def test_pages_other_plugins_add_are_read_filled_and_traced(site: Site) -> None:
    site.configure({"placeholders": {"name": "gateway"}}, hooks=["hooks.py"])
    site.write("hooks.py", GENERATING_HOOK.format(text="FR-1 is handled by the {{ name }}."))
    site.page("RDS.md", "# Requirements\n\n## FR-1: Ingestion\n\nReadings come in.\n")

    run = site.build("--strict")

    assert run.returncode == 0, run.output
    assert (
        '<a class="archcrew-link" href="../RDS/#fr-1">FR-1</a> is handled by the gateway.'
        in site.html("FRS.md")
    )
    assert "covered by" in site.html("RDS.md")


LEFTOVER_HOOK = """\
def on_post_page(output, page, config):
    # A value put into the page after it was rendered, as a theme or .meta.yml would.
    return output.replace("</article>", "<p>Owner: {{ owner }}</p></article>")
"""


def test_placeholders_that_reach_the_written_page_some_other_way_are_said(site: Site) -> None:
    site.configure(hooks=["hooks.py"], theme="mkdocs")
    site.write("hooks.py", LEFTOVER_HOOK.replace("</article>", "</body>"))
    site.page("index.md", "# Home\n\nWrite \\{{ name }} for a placeholder.\n\n`{{ code }}`\n")

    run = site.build("--strict")

    assert run.returncode == 1
    assert (
        "WARNING -  archcrew: docs/index.md: the written page still shows {{ owner }} outside "
        "code: that text reached the page without passing through archcrew"
    ) in run.output
    # Braces written on purpose (escaped, or in code) are not a concern.
    assert "Aborted with 1 warnings in strict mode!" in run.output


MOVING_HOOK = """\
import shutil
import tempfile


def on_config(config):
    # As mkdocs-monorepo-plugin does: the docs are built from a copy in a temporary folder.
    copy = tempfile.mkdtemp(prefix="docs_")
    shutil.copytree(config.docs_dir, copy, dirs_exist_ok=True)
    config.docs_dir = copy
    return config
"""


def test_pages_built_from_a_temporary_copy_are_named_as_in_the_project(site: Site) -> None:
    site.configure({"on_uncovered": "warn"}, hooks=["hooks.py"])
    site.write("hooks.py", MOVING_HOOK)
    site.page("RDS.md", "# Requirements\n\n## FR-1: Ingestion\n\n## FR-2: Alerts\n")
    site.page("FRS.md", "# Specification\n\nFR-1 is handled by the gateway.\n")

    first = site.build()
    report = (site.root / "site" / "archcrew-report.json").read_bytes()
    second = site.build()

    assert first.returncode == 0, first.output
    assert 'WARNING -  archcrew: docs/RDS.md:5: requirement FR-2 "Alerts" is not covered' in (
        first.output
    )
    assert b'"file":"docs/RDS.md"' in report
    assert b"docs_" not in report
    assert second.returncode == 0, second.output
    assert (site.root / "site" / "archcrew-report.json").read_bytes() == report


def test_check_sees_the_pages_other_plugins_add_as_the_build_does(site: Site) -> None:
    site.configure(hooks=["hooks.py"])
    site.write("hooks.py", GENERATING_HOOK.format(text="FR-1 is handled by the gateway."))
    site.page("RDS.md", "# Requirements\n\n## FR-1: Ingestion\n\n## FR-2: Alerts\n")

    check = site.check()
    build = site.build()

    line = 'docs/RDS.md:5: error: requirement FR-2 "Alerts" is not covered: no FRS page mentions'
    assert check.returncode == 1
    assert line in check.output
    assert "archcrew: 1 error(s), 0 warning(s)" in check.output
    assert build.returncode == 1
    assert line.replace(": error:", ":") in build.output.replace("ERROR   -  archcrew: ", "")


def test_check_says_which_pages_it_could_not_see(site: Site) -> None:
    site.configure(hooks=["hooks.py"])
    site.write("hooks.py", "def on_files(files, config):\n    raise RuntimeError('no scripts')\n")
    site.page("index.md", "# Home\n")

    check = site.check()

    assert check.returncode == 0, check.output
    assert (
        "mkdocs.yml: warning: the file events of the plugins hooks.py failed (no scripts), so "
        "pages they add were not checked; only the pages in docs_dir were. `mkdocs build` runs "
        "them and will say more."
    ) in check.output
