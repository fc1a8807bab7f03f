"""Integration tests: real `mkdocs build` runs on sites in temporary folders."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from conftest import Site, code_blocks

SEED_LIKE_FRONT_MATTER = """\
---
template: claude-python.md
version: {{claudeVersion}}
lastUpdated: {{date}}
owners:
  - {{ project.owner }}
  - Architecture guild
---
"""


def test_fills_both_spellings_and_dotted_names(site: Site) -> None:
    site.configure({"placeholders": {"name": "Tidewater", "project": {"version": "1.4"}}})
    site.page(
        "index.md", "# Home\n\nWe build {{name}} and {{ name }} at version {{ project.version }}.\n"
    )

    run = site.build("--strict")

    assert run.returncode == 0, run.output
    assert "We build Tidewater and Tidewater at version 1.4." in site.text("index.md")


def test_seed_front_matter_parses_fills_and_stays_out_of_the_body(site: Site) -> None:
    site.configure({"placeholders": {"claudeVersion": "2.3.0", "project": {"owner": "Ada"}}})
    site.page("CLAUDE.md", SEED_LIKE_FRONT_MATTER + "\n# Architecture\n\nVersion {{ version }}.\n")

    run = site.build("--strict", SOURCE_DATE_EPOCH="1700000000")

    assert run.returncode == 0, run.output
    meta = site.meta("CLAUDE.md")
    assert meta["version"] == "2.3.0"
    assert meta["lastUpdated"] == "2023-11-14"
    assert meta["owners"] == ["Ada", "Architecture guild"]
    assert meta["document_template"] == "claude-python.md"
    assert "template" not in meta
    text = site.text("CLAUDE.md")
    assert "Version 2.3.0." in text
    assert "lastUpdated" not in text
    assert "claude-python.md" not in text


def test_a_theme_template_in_front_matter_is_still_used_by_the_theme(site: Site) -> None:
    site.write(
        "overrides/special.html",
        '{% extends "main.html" %}{% block content %}SPECIAL{% endblock %}',
    )
    site.page("index.md", "---\ntemplate: special.html\n---\n# Home\n")

    run = site.build("--strict")

    assert run.returncode == 0, run.output
    assert "SPECIAL" in site.html("index.md")


def test_missing_html_template_is_a_warning_not_a_crash(site: Site) -> None:
    site.page("index.md", "---\ntemplate: nowhere.html\n---\n# Home\n")

    run = site.build()

    assert run.returncode == 0, run.output
    assert "Traceback" not in run.output
    assert (
        "docs/index.md:2: front matter 'template: nowhere.html' is not a template of the theme"
        in run.output
    )
    assert site.meta("index.md")["document_template"] == "nowhere.html"


def test_invalid_front_matter_is_a_warning_with_page_and_line(site: Site) -> None:
    site.page("index.md", "---\ntitle: Home\nbroken: [unclosed\nother: 1\n---\n# Home\n\nBody.\n")

    run = site.build("--strict")

    assert run.returncode == 1
    assert re.search(
        r"WARNING\s+-\s+archcrew: docs/index.md:\d+: front matter is not valid YAML", run.output
    )
    line = int(re.search(r"docs/index.md:(\d+): front matter", run.output)[1])
    assert 3 <= line <= 5
    assert "broken" not in site.text("index.md")  # never printed as body text


def test_code_of_every_kind_is_left_byte_for_byte(site: Site) -> None:
    site.configure({"placeholders": {"label": "FILLED", "runner": {"os": "FILLED"}}})
    page = """\
    # Code

    Prose {{ label }} and `inline {{ label }}` and ``double `{{ label }}` ticks``.

    ```yaml
    key: ${{ runner.os }}-pip-${{ hashFiles('**/requirements.txt') }}
    ```

    ~~~~ {.python title="x.py"}
    print("{{ label }}")
    ~~~~

    ```mermaid
    graph TB
        A{{label}} --> B[{{ label }}]
    ```

    Indented:

        {{ label }} stays in indented code
        ${{ runner.os }}

    Done {{ label }}.
    """
    site.page("index.md", page)

    run = site.build("--strict")

    assert run.returncode == 0, run.output
    blocks = code_blocks(site.html("index.md"))
    assert "inline {{ label }}" in blocks
    assert "double `{{ label }}` ticks" in blocks
    assert "key: ${{ runner.os }}-pip-${{ hashFiles('**/requirements.txt') }}\n" in blocks
    assert 'print("{{ label }}")\n' in blocks
    assert "graph TB\n    A{{label}} --> B[{{ label }}]\n" in blocks
    assert "{{ label }} stays in indented code\n${{ runner.os }}\n" in blocks
    text = site.text("index.md")
    assert "Prose FILLED and" in text
    assert "Done FILLED." in text


def test_unresolved_placeholders_are_all_reported_and_stay_visible(site: Site) -> None:
    site.configure({"placeholders": {"architecturalOverview": "x"}})
    site.page("index.md", "# Home\n\nA {{ archOverview }}.\n\nB {{ nothere }}.\n")
    site.page("other.md", "# Other\n\n\n{{ missingToo }}\n")

    run = site.build()

    assert run.returncode == 0, run.output
    assert (
        "WARNING -  archcrew: docs/index.md:3: unresolved placeholder {{ archOverview }}: "
        "no value named 'archOverview' (did you mean 'architecturalOverview'?)"
    ) in run.output
    assert "docs/index.md:5: unresolved placeholder {{ nothere }}" in run.output
    assert "docs/other.md:4: unresolved placeholder {{ missingToo }}" in run.output
    assert "A {{ archOverview }}." in site.text("index.md")


def test_messages_name_pages_from_the_folder_of_mkdocs_yml(site: Site, tmp_path: Path) -> None:
    site.configure(docs_dir="content/pages")
    site.write("content/pages/guide/index.md", "# Guide\n\n{{ nothere }}\n")
    elsewhere = tmp_path / "shared-docs"
    (elsewhere / "sub").mkdir(parents=True)
    (elsewhere / "sub" / "page.md").write_text("# Shared\n\n\n{{ gone }}\n", encoding="utf-8")

    inside = site.build()
    site.configure(docs_dir=str(elsewhere))
    outside = site.build()

    assert "content/pages/guide/index.md:3: unresolved placeholder {{ nothere }}" in inside.output
    # Outside the project folder there is no shorter name than the absolute path.
    shown = (elsewhere.resolve() / "sub" / "page.md").as_posix()
    assert f"archcrew: {shown}:4: unresolved placeholder {{{{ gone }}}}" in outside.output


def test_strict_build_fails_on_an_unresolved_placeholder(site: Site) -> None:
    site.page("index.md", "# Home\n\n{{ nothere }}\n")

    run = site.build("--strict")

    assert run.returncode == 1
    assert "docs/index.md:3: unresolved placeholder {{ nothere }}" in run.output
    assert "Aborted with 1 warnings in strict mode" in run.output


def test_on_missing_error_fails_even_without_strict(site: Site) -> None:
    site.configure({"on_missing": "error"})
    site.page("index.md", "# Home\n\n{{ one }} {{ two }}\n")

    run = site.build()

    assert run.returncode == 1
    assert "ERROR   -  archcrew: docs/index.md:3: unresolved placeholder {{ one }}" in run.output
    assert "docs/index.md:3: unresolved placeholder {{ two }}" in run.output
    assert "archcrew: 2 error(s) in the documents" in run.output
    assert "Traceback" not in run.output


def test_on_missing_keep_is_silent(site: Site) -> None:
    site.configure({"on_missing": "keep"})
    site.page("index.md", "# Home\n\n{{ one }}\n")

    run = site.build("--strict")

    assert run.returncode == 0, run.output
    assert "archcrew" not in run.output
    assert "{{ one }}" in site.text("index.md")


def test_precedence_of_value_sources(site: Site) -> None:
    site.write("first.yml", "a: first\nb: first\nc: first\n")
    site.write("second.yml", "a: second\nb: second\n")
    site.configure(
        {
            "data_files": ["first.yml", "second.yml"],
            "placeholders": {"a": "option", "b": "option", "c": "option", "d": "option"},
        },
        extra={
            "a": "extra",
            "b": "extra",
            "c": "extra",
            "d": "extra",
            "e": "extra",
            "date": "extra",
        },
    )
    site.page(
        "index.md",
        "---\na: front\n---\n# Home\n\n"
        "a={{ a }} b={{ b }} c={{ c }} d={{ d }} e={{ e }} date={{ date }} title={{ page.title }}\n",
    )

    run = site.build("--strict")

    assert run.returncode == 0, run.output
    assert "a=front b=second c=first d=option e=extra date=extra title=Home" in site.text(
        "index.md"
    )


def test_built_ins(site: Site) -> None:
    site.configure(site_url="https://docs.example.org/", site_description="About things")
    site.page(
        "guide/setup.md",
        "---\ntitle: Setting up\n---\n\n"
        "{{ date }} | {{ page.title }} | {{ page.path }} | {{ page.url }} | {{ site.name }} | "
        "{{ site.url }} | {{ site.description }}\n",
    )
    site.page("guide/no-title.md", "Text {{ page.title }}.\n")

    run = site.build("--strict", SOURCE_DATE_EPOCH="0")

    assert run.returncode == 0, run.output
    assert (
        "1970-01-01 | Setting up | guide/setup.md | guide/setup/ | Test Site | "
        "https://docs.example.org/ | About things" in site.text("guide/setup.md")
    )
    assert "Text No title." in site.text("guide/no-title.md")


def test_date_without_source_date_epoch_is_today_in_utc(site: Site) -> None:
    site.page("index.md", "# Home\n\nBuilt {{ date }}.\n")
    before = dt.datetime.now(dt.timezone.utc).date().isoformat()

    run = site.build("--strict")

    after = dt.datetime.now(dt.timezone.utc).date().isoformat()
    assert run.returncode == 0, run.output
    text = site.text("index.md")
    assert f"Built {before}." in text or f"Built {after}." in text


def test_section_placeholder_inserts_the_section_with_headings_shifted(site: Site) -> None:
    site.configure(
        {
            "placeholders": {
                "overview": {"section": "specs/FRS.md#system-architecture"},
                "errors": {"section": "specs/FRS.md#error-handling", "heading": True},
            }
        }
    )
    site.page(
        "specs/FRS.md",
        """\
        ---
        version: "1.0"
        ---
        # FRS

        ### System Architecture

        Three layers, see [the goals](../goals.md#goals) and [below](#layers).

        #### Layers

        Presentation and domain, version {{ version }}.

        ```text
        {{ not_filled }}
        ```

        ### Error Handling

        Errors are values.

        ## Next
        """,
    )
    site.page("goals.md", "# Goals\n\n## Goals\n\nGoals.\n")
    site.page(
        "CLAUDE.md",
        "---\nversion: '9'\n---\n# CLAUDE\n\n## 2. Overview\n\n{{ overview }}\n\n## 3. Errors\n\n{{ errors }}\n",
    )

    run = site.build("--strict")

    assert run.returncode == 0, run.output
    page = site.html("CLAUDE.md")
    assert "Three layers" in page
    assert re.search(r"<h3[^>]*>Layers</h3>", page)  # #### under ## becomes ###
    assert re.search(r"<h3[^>]*>Error Handling</h3>", page)  # own heading kept, one level down
    assert "{{ not_filled }}" in code_blocks(page)[0]
    # Values inside the section are filled as on its own page, not the including one.
    assert "Presentation and domain, version 1.0." in site.text("CLAUDE.md")
    assert 'href="../goals/#goals"' in page
    assert 'href="../specs/FRS/#layers"' in page
    assert not re.search(r"<h\d[^>]*>Next", page)  # the section stops at the next ## heading


def test_section_with_missing_page_or_anchor_is_an_error_naming_both(site: Site) -> None:
    site.configure(
        {
            "placeholders": {
                "gone": {"section": "NOPE.md#system-architecture"},
                "typo": {"section": "FRS.md#system-architectur"},
            }
        }
    )
    site.page("FRS.md", "# FRS\n\n## System Architecture\n\nText.\n")
    site.page("index.md", "# Home\n\n{{ gone }}\n\n{{ typo }}\n")

    run = site.build()

    assert run.returncode == 1
    assert (
        "docs/index.md:3: cannot fill {{ gone }}: section 'NOPE.md#system-architecture' names "
        "page 'NOPE.md', which is not in the docs"
    ) in run.output
    assert (
        "docs/index.md:5: cannot fill {{ typo }}: section 'FRS.md#system-architectur': page "
        "'FRS.md' has no heading with anchor 'system-architectur' (did you mean "
        "'FRS.md#system-architecture'?)"
    ) in run.output
    assert "Traceback" not in run.output


def test_values_hold_placeholders_and_cycles_are_errors(site: Site) -> None:
    site.configure(
        {
            "placeholders": {
                "full": "{{ name }} v{{ version }}",
                "name": "Tidewater",
                "version": "{{ major }}.0",
                "major": 3,
                "ping": "{{ pong }}",
                "pong": "x {{ ping }}",
            }
        }
    )
    site.page("index.md", "# Home\n\nRelease {{ full }}.\n\nLoop {{ ping }}.\n")

    run = site.build()

    assert run.returncode == 1
    assert "docs/index.md:5: placeholder cycle at {{ ping }}: ping → pong → ping" in run.output
    assert "Traceback" not in run.output


def test_nested_values_render(site: Site) -> None:
    site.configure(
        {
            "placeholders": {
                "full": "{{ name }} v{{ version }}",
                "name": "Tidewater",
                "version": "{{ major }}.0",
                "major": 3,
            }
        }
    )
    site.page("index.md", "# Home\n\nRelease {{ full }}.\n")

    run = site.build("--strict")

    assert run.returncode == 0, run.output
    assert "Release Tidewater v3.0." in site.text("index.md")


def test_escape_shows_literal_braces_without_a_warning(site: Site) -> None:
    site.configure({"placeholders": {"name": "Tidewater"}})
    site.page("index.md", "# Home\n\nWrite \\{{ name }} to get {{ name }}.\n")

    run = site.build("--strict")

    assert run.returncode == 0, run.output
    assert "Write {{ name }} to get Tidewater." in site.text("index.md")


def test_expressions_are_refused_with_page_and_line(site: Site) -> None:
    site.configure({"placeholders": {"config": {"a": 1}}})
    site.page(
        "index.md",
        "# Home\n\n{{ ''.__class__ }}\n\n{{ config.__class__ }}\n\n{{ lipsum() }}\n\n{{ config | upper }}\n",
    )

    run = site.build()

    assert run.returncode == 1
    assert "docs/index.md:3: not a placeholder {{ ''.__class__ }}" in run.output
    assert (
        "docs/index.md:5: not a placeholder {{ config.__class__ }}: 'config.__class__' names a Python internal"
        in run.output
    )
    assert (
        "docs/index.md:7: not a placeholder {{ lipsum() }}: 'lipsum()' is not a placeholder name: calls are not allowed"
        in run.output
    )
    assert "docs/index.md:9: not a placeholder {{ config | upper }}" in run.output
    assert "<class" not in run.output
    assert "Traceback" not in run.output


def test_sections_cannot_read_files_outside_the_docs(site: Site) -> None:
    site.write("secret.md", "# Secret\n\n## Keys\n\nTOPSECRET\n")
    site.configure({"placeholders": {"leak": {"section": "../secret.md#keys"}}})
    site.page("index.md", "# Home\n\n{{ leak }}\n")

    run = site.build()

    assert run.returncode == 1
    assert "docs/index.md:3: cannot fill {{ leak }}: section '../secret.md#keys'" in run.output
    assert "TOPSECRET" not in run.output


def test_missing_data_file_names_the_config_line(site: Site) -> None:
    site.configure({"data_files": ["data/missing.yml"]})
    site.page("index.md", "# Home\n")

    run = site.build()

    assert run.returncode == 1
    assert re.search(
        r"archcrew: mkdocs.yml:\d+: data file 'data/missing.yml' not found", run.output
    )
    assert "Traceback" not in run.output


def test_invalid_data_file_names_file_and_line(site: Site) -> None:
    site.write("vars.yml", "name: Tidewater\nlist: [a, b\nother: 1\n")
    site.configure({"data_files": ["vars.yml"]})
    site.page("index.md", "# Home\n")

    run = site.build()

    assert run.returncode == 1
    assert re.search(r"archcrew: vars.yml:[34]: data file is not valid YAML", run.output), (
        run.output
    )
    assert "Traceback" not in run.output


def test_data_file_that_is_not_a_mapping(site: Site) -> None:
    site.write("vars.yml", "- a\n- b\n")
    site.configure({"data_files": ["vars.yml"]})
    site.page("index.md", "# Home\n")

    run = site.build()

    assert run.returncode == 1
    assert (
        "archcrew: vars.yml:1: a data file must be a mapping of names to values (name: value), not a list"
        in run.output
    )
    assert "Traceback" not in run.output


def test_a_page_that_is_not_utf8_stops_the_build_cleanly(site: Site) -> None:
    site.page("index.md", "# Home\n")
    (site.docs / "legacy.md").write_bytes(b"\xff\xfe not UTF-8")

    run = site.build()

    assert run.returncode == 1
    assert (
        "ERROR   -  archcrew: docs/legacy.md: cannot read the page ('utf-8' codec can't decode"
        in run.output
    )
    assert "Save it as UTF-8 text." in run.output
    assert "Traceback" not in run.output


def test_bad_source_date_epoch_is_a_clear_error(site: Site) -> None:
    site.page("index.md", "# Home\n\n{{ date }}\n")

    run = site.build(SOURCE_DATE_EPOCH="soon")

    assert run.returncode == 1
    assert "archcrew: SOURCE_DATE_EPOCH='soon' is not a whole number of seconds" in run.output
    assert "Traceback" not in run.output


def test_a_mapping_value_used_as_text_is_an_error(site: Site) -> None:
    site.configure({"placeholders": {"project": {"name": "T", "version": "1"}}})
    site.page("index.md", "# Home\n\n{{ project }}\n")

    run = site.build()

    assert run.returncode == 1
    assert (
        "docs/index.md:3: cannot write {{ project }}: its value is a mapping (keys: name, version), "
        "which has no text form; name one of its keys, e.g. {{ project.name }}."
    ) in run.output


def test_disabled_plugin_leaves_pages_alone(site: Site) -> None:
    site.configure({"enabled": False, "placeholders": {"name": "X"}})
    site.page("index.md", "# Home\n\n{{ name }}\n")

    run = site.build("--strict")

    assert run.returncode == 0, run.output
    assert "{{ name }}" in site.text("index.md")


def test_multiline_value_in_a_list_item_stays_in_the_item(site: Site) -> None:
    site.configure({"placeholders": {"steps": "first line\nsecond line"}})
    site.page("index.md", "# Home\n\n- {{ steps }}\n- next\n")

    run = site.build("--strict")

    assert run.returncode == 0, run.output
    page = site.html("index.md")
    assert re.search(r"<li>first line\s+second line</li>", page), page


def test_a_name_with_an_invisible_character_is_shown_escaped(site: Site) -> None:
    site.configure({"placeholders": {"frsCaptureRequirements": "see below"}})
    site.page("index.md", "# Home\n\n{{ frsCapture\u200bRequirements }}\n")

    run = site.build()

    assert run.returncode == 1
    assert "'frsCapture\\u200bRequirements' is not a placeholder name" in run.output
    assert "(\\u200b is zero width space: characters that show as nothing" in run.output
    assert "\u200b" not in run.output


def test_page_text_in_front_matter_is_an_error_at_its_key(site: Site) -> None:
    site.configure({"placeholders": {"overview": {"section": "FRS.md#a"}}})
    site.page("FRS.md", "# F\n\n## A\n\nText of A.\n")
    site.page(
        "index.md",
        '---\ndescription: {{ overview }}\nsummary: "{{ rdsToFrsValidation }}"\n'
        "tags: [a, '{{ overview }}']\n---\n# Home\n",
    )

    run = site.build()

    assert run.returncode == 1
    assert "Traceback" not in run.output
    assert (
        "ERROR   -  archcrew: docs/index.md:2: cannot write a section of FRS.md into front "
        "matter key 'description': front matter is metadata, and this value is page text. Use "
        "the placeholder in the page's text instead."
    ) in run.output
    assert "docs/index.md:3: cannot write text archcrew writes for a page" in run.output
    assert "docs/index.md:4: cannot write a section of FRS.md into front matter key 'tags'" in (
        run.output
    )


def test_a_value_in_a_table_cell_keeps_the_row_s_cells(site: Site) -> None:
    site.configure({"placeholders": {"choice": "yes | no", "note": "two\nlines"}})
    site.page(
        "index.md",
        "# Home\n\n| Option | Values | Note |\n|---|---|---|\n"
        "| mode | {{ choice }} | {{ note }} |\n\nOutside: {{ choice }}.\n",
    )

    run = site.build("--strict")

    assert run.returncode == 0, run.output
    page = site.html("index.md")
    assert "<td>mode</td>\n<td>yes | no</td>\n<td>two lines</td>" in page
    assert "<p>Outside: yes | no.</p>" in page


def test_a_section_is_found_by_the_anchor_readers_see(site: Site) -> None:
    site.configure(
        {
            "placeholders": {
                "product": "Tidewater",
                "shown": {"section": "FRS.md#tidewater-overview"},
                "written": {"section": "FRS.md#product-overview"},
            }
        }
    )
    site.page("FRS.md", "# Spec\n\n## {{ product }} overview\n\nGauges report.\n")
    site.page("index.md", "# Home\n\n{{ shown }}\n\n{{ written }}\n")

    run = site.build("--strict")

    assert run.returncode == 0, run.output
    assert '<h2 id="tidewater-overview">Tidewater overview</h2>' in site.html("FRS.md")
    assert site.html("index.md").count("<p>Gauges report.</p>") == 2
