"""Hostile input (issue 13), in real builds: YAML that expands or nests past the limits, in a
data file or a page's front matter, stops the build with the file and line and no traceback;
a data file that is not UTF-8 is named at the line of its bad byte; a front-matter key given
twice is a warning naming both lines. Each of these builds hung, crashed with a traceback, or
said nothing before. (The conftest's builds time out after 180 seconds: only a hang gets
there.)"""

from __future__ import annotations

import re

from conftest import Site


def laughs(levels: int = 9, indent: str = "") -> str:
    """The "billion laughs": each anchor a list of nine aliases of the one before."""
    lines = [f"{indent}a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"]
    lines += [f"{indent}a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]\n" for n in range(1, levels)]
    return "".join(lines)


def test_an_alias_bomb_in_a_data_file_stops_the_build_at_its_line(site: Site) -> None:
    site.write("vars.yml", "name: Tidewater\n" + laughs())
    site.configure({"data_files": ["vars.yml"]})
    site.page("index.md", "# {{ name }}\n")

    run = site.build()

    assert run.returncode == 1
    assert "ERROR   -  archcrew: vars.yml:6: data file: alias '*a3' brings" in run.output
    assert "Traceback" not in run.output


def test_an_alias_bomb_in_front_matter_is_an_error_at_its_line(site: Site) -> None:
    # The theme of these tests writes `page.meta | tojson` into each page: given the block,
    # MkDocs would hand it every alias to expand.
    site.page("index.md", "# Home\n")
    site.page("bomb.md", "---\ntitle: '{{ x }}'\n" + laughs() + "---\n# Bomb\n")
    site.page("quiet.md", "---\n" + laughs() + "---\n# Quiet\n")

    run = site.build()

    assert run.returncode == 1
    for page, line in (("bomb", 7), ("quiet", 6)):
        assert (
            f"ERROR   -  archcrew: docs/{page}.md:{line}: front matter passes a limit: alias "
            "'*a3' brings"
        ) in run.output
    assert "Traceback" not in run.output


def test_nesting_past_the_limit_names_the_data_file_and_line(site: Site) -> None:
    site.write("used.yml", "deep: " + "{a: " * 600 + "1" + "}" * 600 + "\n")
    site.configure({"data_files": ["used.yml"]})
    site.page("index.md", "# Home\n\n{{ deep }}\n")

    run = site.build()

    assert run.returncode == 1
    assert "archcrew: used.yml:1: data file: values nest more than 50 levels deep" in run.output
    assert "Traceback" not in run.output

    # Not used by any page, and deeper: libyaml accepts 990 levels.
    site.write("unused.yml", "a: 1\nb:\n  deep: " + "[" * 990 + "]" * 990 + "\n")
    site.configure({"data_files": ["unused.yml"]})
    site.page("index.md", "# Home\n")

    run = site.build()

    assert run.returncode == 1
    assert "archcrew: unused.yml:3: data file: values nest more than 50" in run.output
    assert "Traceback" not in run.output


def test_a_data_file_that_is_not_utf8_is_named_at_its_bad_byte(site: Site) -> None:
    (site.root / "vars.yml").write_bytes(b"name: Tidewater\ncity: Caf\xe9\n")
    site.configure({"data_files": ["vars.yml"]})
    site.page("index.md", "# Home\n")

    run = site.build()

    assert run.returncode == 1
    assert re.search(
        r"archcrew: vars.yml:2: data file is not UTF-8: byte 0xe9 at column 10", run.output
    ), run.output
    assert "Traceback" not in run.output


def test_a_front_matter_key_given_twice_is_a_warning_naming_both_lines(site: Site) -> None:
    site.page("index.md", "---\ntitle: One\nowner: Ada\ntitle: Two\n---\n# Home\n")

    run = site.build()

    assert run.returncode == 0, run.output
    assert (
        "WARNING -  archcrew: docs/index.md:4: front matter key 'title' is given twice, at "
        "lines 2 and 4; YAML keeps the last one only."
    ) in run.output
    assert site.meta("index.md") == {"title": "Two", "owner": "Ada"}
    assert site.build("--strict").returncode == 1
