"""RDS → FRS cross-validation, in real builds: every finding, coverage rules, what readers see."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLE_SITE, Site

RDS = """\
# Requirements

## 3. Functional Requirements

1. **Reading ingestion**: stations push readings every minute.
2. **Flood alerting**: warn when water rises.

## Station requirements

### SR-1: Station registry

- **OPS-1** Availability — 99.9% of the time.

| ID | Title | Priority |
|----|-------|----------|
| REQ-API-1 | Live level lookup | Must |
"""


FRS_ALL = """\
# Specification

## Ingestion

FR-1 is handled by the gateway; the station registry (SR-1) lists stations.

| Requirement | Component |
|---|---|
| `OPS-1` | two replicas |

```mermaid
graph TB
    A["Flood alerting"] --> B[Pager]
    C[API] --> D["REQ-API-1 lookups"]
```
"""


def traced(site: Site, rds_page: str = RDS, frs_page: str = FRS_ALL, **options: Any) -> None:
    site.configure(options)
    site.page("RDS.md", rds_page)
    site.page("FRS.md", frs_page)


def test_a_fully_covered_project_builds_strictly(site: Site) -> None:
    traced(site)

    run = site.build("--strict")

    assert run.returncode == 0, run.output


def test_uncovered_requirement_fails_the_build_naming_it(site: Site) -> None:
    traced(site, frs_page=FRS_ALL.replace("FR-1 is handled", "Ingestion is handled"))

    run = site.build()

    assert run.returncode == 1
    assert (
        'ERROR   -  archcrew: docs/RDS.md:5: requirement FR-1 "Reading ingestion" is not covered: '
        "no FRS page mentions its ID or its title (searched docs/FRS.md). Mention FR-1 in the FRS: "
        "in prose, a table or a diagram label."
    ) in run.output
    assert "archcrew: 1 error(s) in the documents" in run.output
    # It fails before any page is rendered.
    assert not (site.root / "site" / "index.html").exists()
    assert not (site.root / "site" / "RDS" / "index.html").exists()


def test_on_uncovered_warn_relaxes_it(site: Site) -> None:
    traced(
        site,
        frs_page=FRS_ALL.replace("FR-1 is handled", "Ingestion is handled"),
        on_uncovered="warn",
    )

    relaxed = site.build()
    strict = site.build("--strict")

    assert relaxed.returncode == 0, relaxed.output
    assert (
        'WARNING -  archcrew: docs/RDS.md:5: requirement FR-1 "Reading ingestion" is not covered'
        in relaxed.output
    )
    assert strict.returncode == 1


def test_unknown_id_in_the_frs_with_did_you_mean(site: Site) -> None:
    traced(
        site,
        frs_page=FRS_ALL + "\nAlso SR-2 and OPS-11, over UTF-8 with SHA-256 (ISO-8601 dates).\n",
    )

    run = site.build()

    assert run.returncode == 1
    assert (
        "ERROR   -  archcrew: docs/FRS.md:17: SR-2 is not a requirement of the RDS (did you mean SR-1?); "
        "requirements are defined in docs/RDS.md. Fix the ID, or define SR-2 in the RDS."
    ) in run.output
    assert (
        "docs/FRS.md:17: OPS-11 is not a requirement of the RDS (did you mean OPS-1?)" in run.output
    )
    for word in ("UTF-8", "SHA-256", "ISO-8601"):
        assert f"{word} is not a requirement" not in run.output


def test_on_unknown_warn(site: Site) -> None:
    traced(site, frs_page=FRS_ALL + "\nSee SR-9.\n", on_unknown="warn")

    run = site.build()

    assert run.returncode == 0, run.output
    assert "WARNING -  archcrew: docs/FRS.md:17: SR-9 is not a requirement of the RDS" in run.output


def test_duplicate_ids_name_both_places(site: Site) -> None:
    traced(site, rds_page=RDS + "\n### SR-1: Another registry\n")

    run = site.build()

    assert run.returncode == 1
    message = (
        "SR-1 is defined 2 times: docs/RDS.md:10, docs/RDS.md:18. Give each requirement its own ID."
    )
    assert f"docs/RDS.md:10: {message}" in run.output
    assert f"docs/RDS.md:18: {message}" in run.output


def test_an_rds_page_without_requirements_is_a_warning(site: Site) -> None:
    traced(site)
    site.page("rds/RDS-draft.md", "# Ideas\n\nNothing formal yet.\n")

    run = site.build()
    strict = site.build("--strict")

    assert run.returncode == 0, run.output
    assert (
        "WARNING -  archcrew: docs/rds/RDS-draft.md:1: this RDS page defines no requirements: no "
        "heading, list item or table row starts with an ID such as FR-1, and no numbered list "
        "stands under a 'Functional Requirements' heading. Write requirements in one of those forms."
    ) in run.output
    assert strict.returncode == 1


def test_a_pattern_matching_no_page_is_an_error_naming_it(site: Site) -> None:
    traced(site, rds=["RDS.md", "specs/RDS-*.md"], frs=["FRS.md"])

    run = site.build()

    assert run.returncode == 1
    assert re.search(
        r"ERROR   -  archcrew: mkdocs.yml:\d+: rds pattern 'specs/RDS-\*.md' matches no page in "
        r"docs_dir; patterns are relative to docs_dir",
        run.output,
    ), run.output


def test_configured_patterns_select_pages(site: Site) -> None:
    site.configure({"rds": ["reqs/*.md"], "frs": ["spec/**.md"]})
    site.page("reqs/main.md", "# Reqs\n\n### SR-1: Registry\n")
    site.page("spec/deep/design.md", "# Design\n\nSR-1 is done.\n")
    site.page("RDS.md", "# Not an RDS any more\n\n### SR-2: Ignored\n")

    run = site.build("--strict")

    assert run.returncode == 0, run.output


def test_a_page_cannot_be_both_rds_and_frs(site: Site) -> None:
    traced(site, rds=["*.md"], frs=["FRS.md"])

    run = site.build()

    assert run.returncode == 1, run.output
    assert (
        "ERROR   -  archcrew: docs/FRS.md:1: this page is selected as RDS and as FRS; a page "
        "either defines requirements or covers them. Narrow the rds or frs patterns."
    ) in run.output
    assert "Traceback" not in run.output


def test_default_selection_is_case_insensitive_and_in_any_folder(site: Site) -> None:
    site.page("specs/rds-core.md", "# RDS\n\n### SR-1: Registry\n")
    site.page("specs/frs_main.md", "# FRS\n\nNothing about it.\n")

    run = site.build()

    assert (
        'docs/specs/rds-core.md:3: requirement SR-1 "Registry" is not covered: no FRS page mentions its ID or its title (searched docs/specs/frs_main.md)'
        in run.output
    )


def test_titles_are_found_in_text_that_lower_case_makes_longer(site: Site) -> None:
    # "İ" is two characters in lower case, the second not a word character.
    site.page("RDS.md", "# RDS\n\n### SR-1: Station registry\n")
    site.page("FRS.md", "# FRS\n\nA title: İSTANBUL station registry\n")

    run = site.build()

    assert run.returncode == 0, run.output
    assert "not covered" not in run.output


def test_no_frs_page_at_all(site: Site) -> None:
    site.page("RDS.md", "# RDS\n\n### SR-1: Registry\n")

    run = site.build()

    assert "there is no FRS page: name one FRS*.md or set the frs option" in run.output
    assert run.returncode == 1


@pytest.mark.parametrize(
    ("frs_text", "covered"),
    [
        ("The STATION REGISTRY keeps them.", True),  # title, any case
        ("The station\nregistry keeps them.", True),  # across a line break
        ("`SR-1` in inline code.", True),
        (
            "```mermaid\nsequenceDiagram\n    A->>B: sync (sr-1)\n```",
            True,
        ),  # diagram label, any case
        ("| Registry | SR-1 |\n|---|---|\n| a | b |", True),  # table
        ("## SR-1 in a heading", True),
        ("```python\nregistry = 'SR-1'\n```", False),  # other code does not count
        ("<!-- SR-1 -->", False),  # nor comments
        ("The station registryx keeps them.", False),  # whole words only
        ("SR-10 is another one.", False),
    ],
)
def test_what_counts_as_coverage(site: Site, frs_text: str, covered: bool) -> None:
    site.configure({"on_unknown": "warn"})
    site.page("RDS.md", "# RDS\n\n### SR-1: Station registry\n\n### SR-10: Other\n")
    site.page("FRS.md", "# FRS\n\nSR-10 is covered.\n\n" + frs_text + "\n")

    run = site.build()

    uncovered = (
        'ERROR   -  archcrew: docs/RDS.md:3: requirement SR-1 "Station registry" is not covered'
    )
    assert (uncovered not in run.output) is covered, run.output
    assert run.returncode == (0 if covered else 1), run.output
    assert "Traceback" not in run.output


def test_drafts_and_deprecated_are_listed_but_do_not_fail(site: Site) -> None:
    site.page(
        "RDS.md",
        "# RDS\n\n### SR-1: Registry\n\n### SR-2: Overlay (draft)\n\n- **SR-3** Old API [deprecated]\n",
    )
    site.page("FRS.md", "# FRS\n\nSR-1.\n")

    run = site.build("--strict")

    assert run.returncode == 0, run.output
    assert (
        'INFO    -  archcrew: docs/RDS.md:5: requirement SR-2 "Overlay" (draft) is not covered yet'
        in run.output
    )
    assert 'docs/RDS.md:7: requirement SR-3 "Old API" (deprecated) is not covered yet' in run.output


def test_readers_see_anchors_links_and_where_each_requirement_is_covered(site: Site) -> None:
    traced(
        site,
        frs_page=FRS_ALL.replace(
            "# Specification", "# Specification\n\nSee [FR-1 here](RDS.md#fr-1)."
        ),
    )

    run = site.build("--strict")

    assert run.returncode == 0, run.output
    rds = site.html("RDS.md")
    for anchor in ("fr-1", "fr-2", "sr-1", "ops-1", "req-api-1"):
        assert f'id="{anchor}"' in rds, anchor
    assert re.search(
        r'archcrew-coverage" data-search-exclude>covered by <a href="../FRS/#ingestion">FRS › Ingestion</a>',
        rds,
    )
    frs = site.html("FRS.md")
    assert '<a class="archcrew-link" href="../RDS/#fr-1">FR-1</a> is handled' in frs
    assert '<a class="archcrew-link" href="../RDS/#sr-1">SR-1</a>' in frs
    assert '<a href="../RDS/#fr-1">FR-1 here</a>' in frs  # an existing link is left alone
    assert "<code>OPS-1</code>" in frs  # code stays code


CONTENT_HOOK = """\
from mkdocs.plugins import event_priority


@event_priority({priority})
def on_page_content(html, page, config, files):
    return '<div class="lead">Read this first.</div>\\n' + html


def on_page_context(context, page, config, nav):
    if {rewrite}:
        page.content = page.content.replace("gateway", "front door")
"""


@pytest.mark.parametrize("priority", [100, -200])
def test_annotations_stay_in_place_when_other_plugins_change_the_content(
    site: Site, priority: int
) -> None:
    site.write("hooks.py", CONTENT_HOOK.format(priority=priority, rewrite=False))
    traced(site)
    site.configure(hooks=["hooks.py"])

    run = site.build("--strict")

    assert run.returncode == 0, run.output
    frs = site.html("FRS.md")
    assert '<div class="lead">Read this first.</div>' in frs
    assert (
        '<p><a class="archcrew-link" href="../RDS/#fr-1">FR-1</a> is handled by the gateway' in frs
    )
    assert 'id="sr-1"' in site.html("RDS.md")


def test_a_page_rewritten_later_keeps_its_annotations_and_the_rewrite(site: Site) -> None:
    # As mkdocs-autorefs does: the page's HTML changed once every page is rendered.
    site.write("hooks.py", CONTENT_HOOK.format(priority=0, rewrite=True))
    traced(site)
    site.configure(hooks=["hooks.py"])

    run = site.build("--strict")

    assert run.returncode == 0, run.output
    frs = site.html("FRS.md")
    assert (
        '<p><a class="archcrew-link" href="../RDS/#fr-1">FR-1</a> is handled by the front door'
        in frs
    )


COPY_HOOK = """\
from mkdocs.plugins import event_priority

copies = {}


@event_priority(100)
def on_page_content(html, page, config, files):
    copies[page.file.src_uri] = html  # as mkdocs-print-site-plugin keeps each page


@event_priority(100)
def on_page_markdown(markdown, page, config, files):
    copies[page.file.src_uri + ".md"] = markdown  # as llms.txt writers keep the Markdown


def on_post_build(config):
    import json, pathlib

    out = pathlib.Path(config.site_dir, "copies.json")
    out.write_text(json.dumps(copies, ensure_ascii=False), encoding="utf-8")
"""


def test_plugins_that_copy_a_page_get_it_annotated_and_without_markers(site: Site) -> None:
    site.write("hooks.py", COPY_HOOK)
    traced(site)
    site.configure(hooks=["hooks.py"])

    run = site.build("--strict")

    assert run.returncode == 0, run.output
    copies = json.loads((site.root / "site" / "copies.json").read_text(encoding="utf-8"))
    assert (
        '<a class="archcrew-link" href="../RDS/#fr-1">FR-1</a> is handled by the gateway'
        in copies["FRS.md"]
    )
    assert 'id="sr-1"' in copies["RDS.md"]
    assert "FR-1 is handled by the gateway" in copies["FRS.md.md"]
    assert not [name for name, text in copies.items() if "\ue000" in text or "\ue001" in text]


def test_ids_in_bare_urls_and_html_tags_cover_but_stay_as_written(site: Site) -> None:
    frs = FRS_ALL.replace(
        "# Specification",
        "# Specification\n\n"
        "Design notes: https://wiki.example.org/FR-2/alerts and "
        '<abbr title="see FR-1">the gateway</abbr>; plain FR-2 is linked.',
    )
    traced(site, frs_page=frs)

    run = site.build("--strict")

    assert run.returncode == 0, run.output
    page = site.html("FRS.md")
    assert "https://wiki.example.org/FR-2/alerts" in page
    assert '<abbr title="see FR-1">the gateway</abbr>' in page
    assert 'plain <a class="archcrew-link" href="../RDS/#fr-2">FR-2</a> is linked' in page


def test_traceability_table(site: Site) -> None:
    traced(
        site,
        frs_page=FRS_ALL.replace("FR-1 is handled", "Ingestion is handled"),
        on_uncovered="warn",
    )
    site.page("sub/CLAUDE.md", "# Architecture\n\n## 1. RDS to FRS\n\n{{ rdsToFrsValidation }}\n")

    run = site.build()

    assert run.returncode == 0, run.output
    page = site.html("sub/CLAUDE.md")
    table = re.search(r"<table>.*?</table>", page, re.DOTALL)
    assert table
    rows = re.findall(r"<tr>(.*?)</tr>", table.group(), re.DOTALL)
    assert len(rows) == 6  # header and five requirements
    first = re.sub(r"\s+", " ", rows[1])
    assert '<a href="../../RDS/#fr-1">FR-1</a>' in first
    assert "Reading ingestion" in first
    assert '<a href="../../RDS/#fr-1">RDS.md:5</a>' in first
    assert "<strong>not covered</strong>" in first
    second = re.sub(r"\s+", " ", rows[2])
    assert '<a href="../../FRS/#ingestion">FRS › Ingestion</a>' in second
    assert "covered" in second
    assert (
        "<strong>Coverage</strong>: 4 of 5 requirements covered by the FRS (80%): 3 by ID, "
        "1 by title, 0 only by one word."
    ) in page


def test_json_report_is_complete_and_reproducible(site: Site) -> None:
    traced(site, frs_page=FRS_ALL + "\nSR-2 is unknown.\n", on_unknown="warn")

    site.build()
    first = (site.root / "site" / "archcrew-report.json").read_bytes()
    site.build()
    second = (site.root / "site" / "archcrew-report.json").read_bytes()

    assert first == second
    report = json.loads(first)
    assert list(report) == ["findings", "requirements"]
    assert [r["id"] for r in report["requirements"]] == [
        "FR-1",
        "FR-2",
        "OPS-1",
        "REQ-API-1",
        "SR-1",
    ]
    fr1 = report["requirements"][0]
    assert fr1 == {
        "coverage": "id",
        "covered": True,
        "covered_by": [{"by": "id", "file": "docs/FRS.md", "line": 5}],
        "file": "docs/RDS.md",
        "id": "FR-1",
        "line": 5,
        "status": "active",
        "title": "Reading ingestion",
    }
    (finding,) = [f for f in report["findings"] if f["code"].startswith("trace-")]
    assert finding["code"] == "trace-unknown-id"
    assert (finding["file"], finding["line"], finding["severity"]) == ("docs/FRS.md", 17, "warning")


def test_custom_traceability_template(site: Site) -> None:
    site.write(
        "trace.md.j2",
        "{% for r in requirements %}- {{ r.id }}={{ 'yes' if r.covered else 'no' }}\n{% endfor %}",
    )
    traced(site, traceability_template="trace.md.j2")
    site.page("index.md", "# Home\n\n{{ rdsToFrsValidation }}\n")

    run = site.build("--strict")

    assert run.returncode == 0, run.output
    assert "FR-1=yes" in site.text("index.md")


def test_generated_values_can_be_used_through_other_values(site: Site) -> None:
    traced(site)
    site.write("data/pictures.yml", "tracePicture: '{{ traceDiagram }}'\n")
    site.configure(
        {
            "placeholders": {"overview": "Coverage:\n\n{{ rdsToFrsValidation }}"},
            "data_files": ["data/pictures.yml"],
            "mermaid": {"validate": False},
        },
    )
    site.page("index.md", "# Home\n\n{{ overview }}\n\n{{ tracePicture }}\n")

    run = site.build("--strict")

    assert run.returncode == 0, run.output
    home = site.text("index.md")
    assert "Coverage:" in home
    assert "FR-1" in home
    assert "Reading ingestion" in home
    assert "{{" not in home
    assert "flowchart LR" in site.html("index.md")


@pytest.mark.parametrize(
    ("template", "message"),
    [
        (
            "line one\n{% for r in requirements %}\n",
            r"trace.md.j2:2: the traceability template is not valid Jinja2",
        ),
        (
            "ok\n{{ requirements.__class__.__mro__ }}\n",
            r"trace.md.j2:\d+: the traceability template failed: access to attribute '__class__'",
        ),
        (
            "{{ nothing.here }}\n",
            r"trace.md.j2:1: the traceability template failed: 'nothing' is undefined",
        ),
    ],
)
def test_template_errors_name_file_and_line(site: Site, template: str, message: str) -> None:
    site.write("trace.md.j2", template)
    traced(site, traceability_template="trace.md.j2")
    site.page("index.md", "# Home\n\n{{ rdsToFrsValidation }}\n")

    run = site.build()

    assert run.returncode == 1
    assert re.search(rf"ERROR   -  archcrew: {message}", run.output), run.output
    assert "Traceback" not in run.output


def test_bad_options_are_configuration_errors(site: Site) -> None:
    traced(site, id_pattern="[unclosed")

    run = site.build()

    assert run.returncode == 1
    assert re.search(
        r"archcrew: mkdocs.yml:\d+: id_pattern is not a valid regular expression", run.output
    )
    assert "Traceback" not in run.output


@pytest.mark.parametrize(
    "report",
    ["../../escape.json", "{outside}/escape.json", ".", "reports/../../escape.json"],
    ids=["parent", "absolute", "site_dir itself", "down then out"],
)
def test_the_report_stays_inside_site_dir(site: Site, report: str) -> None:
    outside = site.root.parent / "outside"
    outside.mkdir()
    traced(site, report=report.format(outside=outside))
    config = (site.root / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    line = next(number for number, row in enumerate(config, 1) if "report:" in row)

    for run in (site.build(), site.check()):
        assert run.returncode in (1, 2), run.output
        assert re.search(
            rf"archcrew: mkdocs.yml:{line}: report '[^']+' is not a file inside site_dir "
            r"\(.*\): it would be written to .*\. Write a path relative to site_dir that "
            r"stays in it",
            run.output,
        ), run.output
        assert "Traceback" not in run.output
    assert not list(site.root.parent.rglob("escape.json"))


def test_a_report_in_a_folder_of_site_dir_is_written_there(site: Site) -> None:
    traced(site, report="reports/archcrew.json")

    run = site.build("--strict")

    assert run.returncode == 0, run.output
    assert json.loads((site.root / "site" / "reports" / "archcrew.json").read_text())


def test_removing_the_only_mention_of_a_requirement_fails_the_build(tmp_path: Path) -> None:
    root = tmp_path / "example_site"
    shutil.copytree(EXAMPLE_SITE, root, ignore=shutil.ignore_patterns("site"))
    example = Site(root)
    frs = example.docs / "FRS.md"
    text = frs.read_text(encoding="utf-8")
    # REQ-API-1 is covered only by a label in a sequence diagram.
    assert text.count("REQ-API-1") == 1
    assert "Live level lookup" not in text
    line = next(
        i
        for i, row in enumerate((example.docs / "RDS.md").read_text().splitlines(), 1)
        if "REQ-API-1" in row
    )
    frs.write_text(text.replace("REQ-API-1", "the live lookup"), encoding="utf-8")

    run = example.build()

    assert run.returncode == 1
    assert (
        f'docs/RDS.md:{line}: requirement REQ-API-1 "Live level lookup" is not covered'
        in run.output
    )


@pytest.mark.parametrize("banners", ["auto", "always", "never"])
def test_banners_in_a_build(site: Site, banners: str) -> None:
    traced(site, frs_page="# FRS\n\nNothing yet.\n", on_uncovered="warn", banners=banners)

    run = site.build()

    assert run.returncode == 0, run.output
    page = site.html("RDS.md")
    assert ("archcrew-problems" in page) is (banners == "always")
    # The banner goes after the page's title, so MkDocs still takes the title from it.
    assert "<title>Requirements - Test Site</title>" in page


def test_a_broken_template_is_reported_even_when_no_page_uses_the_table(site: Site) -> None:
    site.write("trace.md.j2", "{% if %}\n")
    traced(site, traceability_template="trace.md.j2")

    run = site.build()

    assert run.returncode == 1
    assert "archcrew: trace.md.j2:1: the traceability template is not valid Jinja2" in run.output


HEADING_FORMS = """\
### SR-1: Plain title

Text.

### **SR-2**: Bold id

### `SR-3` Code id

### SR-4: Custom id {#station-four}

### SR-5: Closing hashes ###

SR-6: Setext title
------------------

!!! note "Inside"

    #### SR-7: Nested in an admonition

    Text.
"""


TITLE_HOOK = """\
def on_page_markdown(markdown, page, config, files):
    return markdown + f"\\n\\nTitle before rendering: {page.title}.\\n"
"""


def test_heading_requirements_keep_their_ids_titles_and_table_of_contents(site: Site) -> None:
    site.write("hooks.py", TITLE_HOOK)
    site.configure(
        markdown_extensions=["attr_list", "admonition", {"toc": {"permalink": True}}],
        hooks=["hooks.py"],
    )
    site.page("RDS.md", "# Requirements\n\n" + HEADING_FORMS)
    site.page("RDS-api.md", "# API-1: Lookup service\n\nAnswers level queries.\n")
    site.page("FRS.md", "# Specification\n\nSR-1 SR-2 SR-3 SR-4 SR-5 SR-6 SR-7 API-1.\n")

    run = site.build("--strict")

    assert run.returncode == 0, run.output
    page = site.html("RDS.md")
    assert "\ue000" not in page
    headings = {
        "sr-1": "sr-1-plain-title",
        "sr-2": "sr-2-bold-id",
        "sr-3": "sr-3-code-id",
        "sr-4": "station-four",
        "sr-5": "sr-5-closing-hashes",
        "sr-6": "sr-6-setext-title",
        "sr-7": "sr-7-nested-in-an-admonition",
    }
    for anchor, heading_id in headings.items():
        # The anchor at the start of the heading, the note just after it, the heading's own id
        # and its table-of-contents entry untouched.
        found = re.search(
            rf'<h(\d) id="{heading_id}"><span id="{anchor}"></span>.*?</h\1>\s*'
            r'<p><small class="archcrew-coverage" data-search-exclude>covered by',
            page,
            re.DOTALL,
        )
        assert found, anchor
        assert f'href="#{heading_id}"' in page, heading_id
    assert "SR-5: Closing hashes" in page
    assert "###" not in site.text("RDS.md")
    api = site.html("RDS-api.md")
    assert "\ue000" not in api
    assert "<title>API-1: Lookup service - Test Site</title>" in api
    # Plugins that ask for the title before the page is rendered get it too (social cards).
    assert "Title before rendering: API-1: Lookup service." in api
    assert re.search(
        r'<h1 id="api-1-lookup-service"><span id="api-1"></span>API-1: Lookup service.*?</h1>\s*'
        r'<p><small class="archcrew-coverage" data-search-exclude>covered by',
        api,
    )


def test_private_use_characters_in_pages_are_left_as_written(site: Site) -> None:
    # Icon fonts use the private-use area, where archcrew's markers live; even in a marker's
    # shape, with the number of an annotation of the page, they are text.
    glyphs = "Icons \ue000 and \ue000123456\ue001, \ue0000\ue001 and \ue0001\ue001 stay."
    traced(site, frs_page=FRS_ALL + f"\n{glyphs}\n")
    site.page("RDS-more.md", f"# More\n\n## FR-9: Glyphs \ue000\n\n{glyphs}\n")
    site.page("FRS-more.md", "# More\n\nFR-9.\n")

    run = site.build("--strict")

    assert run.returncode == 0, run.output
    assert glyphs in site.html("FRS.md")
    assert glyphs in site.html("RDS-more.md")
    assert "FR-9: Glyphs \ue000" in site.text("RDS-more.md")


def test_links_within_a_page_are_fragments(site: Site) -> None:
    # A section of the FRS shown in the RDS page links to requirements of that same page.
    rds = RDS + "\n## Where it is specified\n\n{{ ingestion }}\n"
    traced(site, rds_page=rds, placeholders={"ingestion": {"section": "FRS.md#ingestion"}})

    run = site.build("--strict")

    assert run.returncode == 0, run.output
    assert '<a class="archcrew-link" href="#fr-1">FR-1</a> is handled' in site.html("RDS.md")
    assert '<a class="archcrew-link" href="../RDS/#fr-1">FR-1</a> is handled' in site.html("FRS.md")


def test_links_to_requirement_anchors_pass_mkdocs_anchor_checks(site: Site) -> None:
    links = "See [a](RDS.md#fr-1), [b](RDS.md#sr-1), [c](RDS.md#ops-1), [d](RDS.md#req-api-1)."
    traced(site, frs_page=FRS_ALL + "\n" + links + "\n")
    site.configure({}, validation={"anchors": "warn"})

    run = site.build("--strict")

    assert run.returncode == 0, run.output
    assert "does not contain an anchor" not in run.output


def test_only_anchors_annotations_give_pass_mkdocs_anchor_checks(site: Site) -> None:
    # MkDocs is told of the anchors that pages link to, not all of them: a link to an anchor
    # that nothing gives still fails, on another page and within the RDS page itself.
    rds = RDS + "\nBack to [the first](#fr-1), on to [nothing](#fr-404).\n"
    frs = FRS_ALL + "\nSee [a](RDS.md#fr-1) and [none](RDS.md#fr-99).\n"
    traced(site, rds_page=rds, frs_page=frs)
    site.configure({}, validation={"anchors": "warn"})

    run = site.build("--strict")

    assert run.returncode == 1
    assert "the doc 'RDS.md' does not contain an anchor '#fr-99'" in run.output
    assert "contains a link '#fr-404', but there is no such anchor on this page" in run.output
    assert "'#fr-1'" not in run.output
    assert "RDS.md#fr-1'" not in run.output


def test_sections_whose_headings_hold_placeholders_are_named_and_linked_as_published(
    site: Site,
) -> None:
    site.configure({"placeholders": {"product": "Tidewater"}})
    site.page("RDS.md", "# Requirements\n\n## FR-1: Ingestion\n\nReadings come in.\n")
    site.page("FRS.md", "# Specification\n\n## The {{ product }} gateway\n\nFR-1 is handled.\n")

    run = site.build("--strict")

    assert run.returncode == 0, run.output
    assert '<h2 id="the-tidewater-gateway">The Tidewater gateway</h2>' in site.html("FRS.md")
    assert (
        'covered by <a href="../FRS/#the-tidewater-gateway">FRS › The Tidewater gateway</a>'
    ) in site.html("RDS.md")


# Architect Crew titles are often one word. Here the FRS section that answers them is gone, and
# the words still stand in the FRS in passing: in other headings, in a table, in prose.
ONE_WORD_RDS = """\
# Requirements

## Non-Functional Requirements

1. **Performance**: pages load in under a second.
2. **Security**: only staff see the audit trail.
3. **Station registry**: every station is listed.
4. **Availability**: 99.9% of the time.
"""
ONE_WORD_FRS = """\
# Specification

## Performance Reports

A daily page of timings.

## Access

| Topic | Owner |
|---|---|
| Security Vulnerabilities | ops |

The station registry lists stations; NFR-4 is met by two replicas.

{{ rdsToFrsValidation }}
"""


def test_one_word_coverage_builds_by_default_and_is_shown_as_such(site: Site) -> None:
    traced(site, rds_page=ONE_WORD_RDS, frs_page=ONE_WORD_FRS)

    run = site.build("--strict")

    assert run.returncode == 0, run.output
    assert (
        'INFO    -  archcrew: docs/RDS.md:5: requirement NFR-1 "Performance" is covered only by '
        'the word "Performance", which may stand in the FRS in passing: docs/FRS.md:3 '
        '"Performance Reports". Mention NFR-1 where the FRS answers it'
    ) in run.output
    assert (
        'docs/RDS.md:6: requirement NFR-2 "Security" is covered only by the word "Security", '
        'which may stand in the FRS in passing: docs/FRS.md:11 "Security Vulnerabilities".'
    ) in run.output
    assert "NFR-3" not in run.output  # covered by its title of two words: nothing to say
    notes = re.findall(r'<small class="archcrew-coverage"[^>]*>(.*?)</small>', site.html("RDS.md"))
    assert notes == [
        'covered only by the word “Performance” in <a href="../FRS/#performance-reports">'
        "FRS › Performance Reports</a>",
        'covered only by the word “Security” in <a href="../FRS/#access">FRS › Access</a>',
        'covered by its title in <a href="../FRS/#access">FRS › Access</a>',
        'covered by <a href="../FRS/#access">FRS › Access</a>',
    ]
    after_the_access_table = site.html("FRS.md").split("Owner")[1]
    table = re.search(r"<table>.*?</table>", after_the_access_table, re.DOTALL)
    assert table
    states = [
        re.sub(r"<[^>]+>", "", row.rsplit("<td>", 1)[-1]).strip()
        for row in re.findall(r"<tr>(.*?)</tr>", table.group(), re.DOTALL)[1:]
    ]
    assert states == [
        "covered only by one word",
        "covered only by one word",
        "covered by title",
        "covered by ID",
    ]
    assert (
        "4 of 4 requirements covered by the FRS (100%): 1 by ID, 1 by title, 2 only by one word."
    ) in site.text("FRS.md")
    report = json.loads((site.root / "site" / "archcrew-report.json").read_text(encoding="utf-8"))
    assert [(r["id"], r["coverage"], r["covered"]) for r in report["requirements"]] == [
        ("NFR-1", "word", True),
        ("NFR-2", "word", True),
        ("NFR-3", "title", True),
        ("NFR-4", "id", True),
    ]
    assert [(f["code"], f["severity"], f["line"]) for f in report["findings"]] == [
        ("trace-word-only", "info", 5),
        ("trace-word-only", "info", 6),
    ]


def test_on_word_only_uncovered_fails_the_build_saying_why(site: Site) -> None:
    traced(site, rds_page=ONE_WORD_RDS, frs_page=ONE_WORD_FRS, on_word_only="uncovered")

    run = site.build()

    assert run.returncode == 1
    assert (
        'ERROR   -  archcrew: docs/RDS.md:5: requirement NFR-1 "Performance" is not covered: the '
        'FRS mentions only the word "Performance", which may stand there in passing '
        '(docs/FRS.md:3 "Performance Reports"), and on_word_only: uncovered counts a one-word '
        "title as no coverage. Mention NFR-1 where the FRS answers it: in prose, a table or a "
        "diagram label."
    ) in run.output
    assert 'docs/RDS.md:6: requirement NFR-2 "Security" is not covered: the FRS' in run.output
    assert "archcrew: 2 error(s) in the documents" in run.output


def test_on_word_only_uncovered_with_on_uncovered_warn_shows_the_gap(site: Site) -> None:
    traced(
        site,
        rds_page=ONE_WORD_RDS,
        frs_page=ONE_WORD_FRS,
        on_word_only="uncovered",
        on_uncovered="warn",
    )

    run = site.build()

    assert run.returncode == 0, run.output
    assert (
        'WARNING -  archcrew: docs/RDS.md:5: requirement NFR-1 "Performance" is not covered'
        in run.output
    )
    first = re.search(r'<small class="([^"]+)"[^>]*>(.*?)</small>', site.html("RDS.md"))
    assert first
    # It stands out as a gap does: red, with its icon and words.
    assert first[1] == "archcrew-coverage archcrew-uncovered"
    assert re.sub(r"<svg.*?</svg>", "", first[2]) == (
        '<strong>not covered</strong>: only the word “Performance” in <a href="../FRS/'
        '#performance-reports">FRS › Performance Reports</a>'
    )
    assert "**not covered** (only one word)" not in site.text("FRS.md")  # Markdown, rendered
    assert "not covered (only one word)" in site.text("FRS.md")
    assert (
        "2 of 4 requirements covered by the FRS (50%): 1 by ID, 1 by title, 0 only by one word."
        in site.text("FRS.md")
    )
    report = json.loads((site.root / "site" / "archcrew-report.json").read_text(encoding="utf-8"))
    assert [r["covered"] for r in report["requirements"]] == [False, False, True, True]


def test_on_word_only_warn_fails_only_strict_builds(site: Site) -> None:
    traced(site, rds_page=ONE_WORD_RDS, frs_page=ONE_WORD_FRS, on_word_only="warn")

    run = site.build()
    strict = site.build("--strict")

    assert run.returncode == 0, run.output
    assert (
        'WARNING -  archcrew: docs/RDS.md:5: requirement NFR-1 "Performance" is covered only'
        in run.output
    )
    assert strict.returncode == 1
