"""Change tracking (issue 14), in real builds: the review file `archcrew review` writes, the
requirements whose words changed since their review (suspects) as the build log, the pages, the
traceability table and the report show them, `archcrew suspects`, and the document chain (a
document whose source changed since it was regenerated is stale)."""

from __future__ import annotations

import difflib
import io
import json
import os
import re
import shutil
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import EXAMPLE_SITE, Run, Site, child_env, code_blocks, node_modules

from mkdocs_archcrew import cli

# A lighthouse keeper's documents. Line numbers below are asserted: keep them in step.
RDS = """\
# Lighthouse Requirements

## 3. Functional Requirements

1. **Lantern rotation**: the beacon turns once every 12 seconds.
2. **Fog signal**: the horn sounds twice a minute while visibility is under one mile.

## Operations

- **OPS-10** Lamp changes — a spare lamp swings into place within 30 seconds of a failure.
- **OPS-2** Logbook — every outage is written into the keeper's logbook.
"""
FR1_LINE, FR2_LINE, OPS10_LINE, OPS2_LINE = 5, 6, 10, 11

FRS = """\
# Lighthouse Specification

## Optics

FR-1 turns the lens with a geared stepper motor.

## Fog signal

FR-2 drives a compressed-air horn from a visibility sensor.

## Maintenance

OPS-10 and OPS-2 are handled by the lamp changer and the digital logbook.
"""
OPTICS_LINE = 5

STATUS = """\
# Review status

{{ rdsToFrsValidation }}
"""

CLAUDE = """\
---
generationTriggers:
  - RDS.md changes
chainedGeneration:
  - AGENTS.md (from CLAUDE.md architecture)
---

# Keeper Architecture

{{ documentChain }}

## Motor control

A small controller drives the lens motor and reports its speed.

## Logging

Outages go into an append-only file.
"""
TRIGGERS_LINE = 2

AGENTS = """\
# Keeper Agent Instructions

Follow the architecture page when writing the controller code.
"""

CHAIN_PAGE = """\
# How the documents are made

{{ documentChain }}
"""

NO_MERMAID_CHECK = {"mermaid": {"validate": False}}
"""The chain diagram is Mermaid; these sites test what is drawn, not Mermaid itself."""


@dataclass
class Cli:
    code: int
    out: str
    err: str


def archcrew(site: Site, command: str, *args: str) -> Cli:
    """Run `archcrew COMMAND -f mkdocs.yml ARGS` in this process, its output captured."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = cli.main([command, "-f", str(site.root / "mkdocs.yml"), *args])
    return Cli(code, out.getvalue(), err.getvalue())


def lighthouse(site: Site, **options: Any) -> None:
    """The requirement pages and the table, no document chain."""
    site.configure(options)
    site.page("RDS.md", RDS)
    site.page("FRS.md", FRS)
    site.page("status.md", STATUS)


def chained(site: Site, *, chain_pages: bool = True, **options: Any) -> None:
    """The lighthouse with CLAUDE.md generated from the RDS and AGENTS.md from CLAUDE.md."""
    lighthouse(site, **NO_MERMAID_CHECK, **options)
    site.page("CLAUDE.md", CLAUDE)
    site.page("AGENTS.md", AGENTS)
    if chain_pages:
        site.page("guide/chain.md", CHAIN_PAGE)


def new_site(root: Path) -> Site:
    root.mkdir(parents=True)
    return Site(root)


def reviewed(site: Site) -> str:
    """Review everything as it stands; the review file's text."""
    done = archcrew(site, "review")
    assert done.code == 0, done.err
    return review_file(site).read_text(encoding="utf-8")


def review_file(site: Site) -> Path:
    return site.root / "archcrew-review.yml"


def edit(site: Site, page: str, old: str, new: str) -> None:
    path = site.docs / page
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def reword(site: Site) -> None:
    """A number changed in FR-1: the kind of change a review must catch."""
    edit(site, "RDS.md", "every 12 seconds", "every 15 seconds")


def add_fr3_and_drop_ops2(site: Site) -> None:
    """A requirement added (FR-3, right after FR-2) and one removed (OPS-2), the FRS along."""
    edit(
        site,
        "RDS.md",
        "under one mile.\n",
        "under one mile.\n3. **Lamp test**: the lamp is lit at dusk.\n",
    )
    edit(
        site,
        "RDS.md",
        "- **OPS-2** Logbook — every outage is written into the keeper's logbook.\n",
        "",
    )
    edit(site, "FRS.md", "OPS-10 and OPS-2 are", "OPS-10 is")
    edit(site, "FRS.md", "## Maintenance", "FR-3 uses a photocell.\n\n## Maintenance")


def lines_with(output: str, *needles: str) -> list[str]:
    return [line for line in output.splitlines() if all(n in line for n in needles)]


def suspect_lines(output: str) -> list[str]:
    return lines_with(output, "changed since it was reviewed")


def entry_line(review_text: str, key: str) -> int:
    """The line of an entry (``  FR-1:``) in a review file."""
    for number, line in enumerate(review_text.splitlines(), 1):
        if line == f"  {key}:":
            return number
    raise AssertionError(f"{key} not in the review file")


def report(site: Site) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (site.root / "site" / "archcrew-report.json").read_text(encoding="utf-8")
    )
    return data


def row(site: Site, requirement_id: str) -> dict[str, Any]:
    (found,) = [r for r in report(site)["requirements"] if r["id"] == requirement_id]
    return found


def table_rows(page_html: str) -> dict[str, str]:
    """The traceability table's rows by requirement ID, whitespace made single spaces."""
    table = re.search(r"<table>.*?</table>", page_html, re.DOTALL)
    assert table, "no traceability table"
    rows = {}
    for cells in re.findall(r"<tr>(.*?)</tr>", table.group(), re.DOTALL)[1:]:
        first = re.search(r">([A-Z]+-\d+)</a>", cells)
        assert first, cells
        rows[first[1]] = " ".join(cells.split())
    return rows


def list_item(page_html: str, anchor: str) -> str:
    found = re.search(rf'<li><a class="archcrew-id" id="{anchor}".*?</li>', page_html, re.DOTALL)
    assert found, anchor
    return found.group()


def chain_diagram(page_html: str) -> str:
    """The ``{{ documentChain }}`` diagram of a page (its nodes are d0, d1…)."""
    (diagram,) = [
        block for block in code_blocks(page_html) if re.search(r'^\s*d0\["', block, re.MULTILINE)
    ]
    return diagram


def nodes(diagram: str) -> dict[str, str]:
    """Each document node of a chain diagram by its label's first line (the document)."""
    return {
        label.split("<br>")[0]: node for node, label in re.findall(r'(d\d+)\["([^"]*)"\]', diagram)
    }


# No review file yet ---------------------------------------------------------------------------


def test_without_a_review_file_nothing_is_said_and_strict_builds_pass(site: Site) -> None:
    # Change tracking starts with the first `archcrew review`: until then a project has not
    # taken it up, and its builds say nothing of it.
    chained(site)

    run = site.build("--strict")

    assert run.returncode == 0, run.output
    assert not lines_with(run.output, "archcrew-review.yml")
    assert not suspect_lines(run.output)
    assert not lines_with(run.output, "archcrew:", "stale")
    assert not (site.root / "archcrew-review.yml").exists()  # builds never write it
    assert "archcrew-changed" not in site.html("RDS.md") + site.html("FRS.md")
    fr1 = row(site, "FR-1")
    assert "review" not in fr1  # not taken up: the report says nothing of it either
    assert "reviewed_fingerprint" not in fr1
    assert "fingerprint" not in fr1


# The review file ------------------------------------------------------------------------------


def test_review_writes_a_sorted_byte_stable_file(site: Site) -> None:
    chained(site)

    first = archcrew(site, "review")
    written = review_file(site).read_bytes()
    again = archcrew(site, "review")
    rewritten = review_file(site).read_bytes()
    review_file(site).unlink()
    archcrew(site, "review")
    from_scratch = review_file(site).read_bytes()

    assert first.code == 0, first.err
    assert "written" in first.out
    assert again.code == 0, again.err
    assert "unchanged" in again.out
    assert written == rewritten == from_scratch
    text = written.decode("utf-8")
    assert text.startswith("# ")
    assert "\r" not in text
    assert text.endswith("\n")
    data = yaml.safe_load(text)
    # Natural order: OPS-2 before OPS-10, though the RDS defines OPS-10 first.
    assert list(data["requirements"]) == ["FR-1", "FR-2", "OPS-2", "OPS-10"]
    assert data["requirements"]["FR-1"]["text"] == (
        "Lantern rotation: the beacon turns once every 12 seconds."
    )
    assert data["requirements"]["OPS-2"]["text"] == (
        "OPS-2 Logbook — every outage is written into the keeper's logbook."
    )
    fingerprints = {key: entry["fingerprint"] for key, entry in data["requirements"].items()}
    assert all(re.fullmatch(r"[0-9a-f]{16}", value) for value in fingerprints.values())
    assert len(set(fingerprints.values())) == 4
    # Each document with its sources as they stand: the RDS by requirement, CLAUDE.md by
    # section.
    assert list(data["documents"]) == ["AGENTS.md", "CLAUDE.md"]
    rds = data["documents"]["CLAUDE.md"]["RDS.md"]
    assert rds["parts"] == fingerprints
    claude = data["documents"]["AGENTS.md"]["CLAUDE.md"]
    assert {"Motor control", "Logging"} <= set(claude["parts"])
    # The fingerprints are those the build reports.
    assert site.build("--strict").returncode == 0
    assert {r["id"]: r["fingerprint"] for r in report(site)["requirements"]} == fingerprints
    assert {r["id"]: r["review"] for r in report(site)["requirements"]} == dict.fromkeys(
        fingerprints, "reviewed"
    )


def test_the_review_file_is_written_with_ordinary_permissions(site: Site) -> None:
    lighthouse(site)
    umask = os.umask(0)
    os.umask(umask)

    reviewed(site)
    new = review_file(site).stat().st_mode & 0o777
    review_file(site).chmod(0o640)
    reword(site)
    reviewed(site)
    kept = review_file(site).stat().st_mode & 0o777

    assert new == 0o666 & ~umask  # as any file the user writes, not mkstemp's 0600
    assert kept == 0o640  # a file's own permissions survive its rewrite
    assert not list(site.root.glob(".archcrew-review.yml.*"))  # no temporary file left


def test_reviewing_one_requirement_changes_only_its_lines(site: Site) -> None:
    lighthouse(site)
    before = reviewed(site)
    reword(site)

    done = archcrew(site, "review", "FR-1")

    assert done.code == 0, done.err
    assert "FR-1" in done.out
    assert "[-12-]{+15+}" in done.out
    after = review_file(site).read_text(encoding="utf-8")
    changed = [
        line
        for line in difflib.ndiff(before.splitlines(), after.splitlines())
        if line.startswith(("- ", "+ "))
    ]
    assert len(changed) == 4, changed  # FR-1's fingerprint and text, old and new
    assert '+     text: "Lantern rotation: the beacon turns once every 15 seconds."' in changed


def test_reviewing_an_unknown_id_exits_2_and_writes_nothing(site: Site) -> None:
    lighthouse(site)

    nothing_yet = archcrew(site, "review", "NOPE-1")

    assert nothing_yet.code == 2
    assert "NOPE-1" in nothing_yet.err
    assert "nothing was written" in nothing_yet.err
    assert nothing_yet.out == ""
    assert not review_file(site).exists()

    before = reviewed(site).encode("utf-8")
    reword(site)
    mixed = archcrew(site, "review", "FR-1", "NOPE-1")  # one wrong ID: none is recorded

    assert mixed.code == 2
    assert "NOPE-1" in mixed.err
    assert review_file(site).read_bytes() == before


def test_a_placeholder_in_a_requirement_counts_as_its_words(site: Site) -> None:
    lighthouse(site, placeholders={"period": "12 seconds"})
    edit(site, "RDS.md", "every 12 seconds", "every {{ period }}")
    text = reviewed(site)
    assert "once every 12 seconds." in text  # as readers see it

    lighthouse(site, placeholders={"period": "20 seconds"})
    edit(site, "RDS.md", "every 12 seconds", "every {{ period }}")
    run = site.build()

    assert run.returncode == 0, run.output
    (line,) = suspect_lines(run.output)
    assert f"docs/RDS.md:{FR1_LINE}:" in line
    assert "[-12-]{+20+}" in line


def test_words_of_any_kind_round_trip_through_the_review_file(site: Site) -> None:
    site.configure()
    site.page(
        "RDS.md",
        """\
        # Requirements

        ## SR-1: Station registry

        The registry keeps each "gauge" \\ its #tag: café — 5 m; {braces} and 'quotes'.

        ## SR-2: Heartbeat

        A silent station is flagged after 10 minutes.
        """,
    )
    site.page("FRS.md", "# Spec\n\n## Registry\n\nSR-1 and SR-2 live here.\n")
    text = reviewed(site)

    recorded = yaml.safe_load(text)["requirements"]
    assert recorded["SR-1"]["text"] == (
        'SR-1: Station registry The registry keeps each "gauge" \\ its #tag: café — 5 m; '
        "{braces} and 'quotes'."
    )
    assert archcrew(site, "review").out.count("unchanged") == 1
    assert site.build("--strict").returncode == 0

    edit(site, "RDS.md", "café — 5 m;", "café — 6 m;")
    run = site.build()

    (line,) = suspect_lines(run.output)
    assert line.startswith("WARNING -  archcrew: docs/RDS.md:3: SR-1 changed")
    assert "[-5-]{+6+}" in line
    page = site.html("RDS.md")
    # Under the heading, not in it: the heading and the table of contents keep their words.
    heading = re.search(r'<h2 id="sr-1-station-registry">.*?</h2>', page, re.DOTALL)
    assert heading
    assert "changed" not in heading.group()
    assert "<del>5</del> <ins>6</ins>" in page.split(heading.group(), 1)[1]
    toc = re.search(r'<a href="#sr-1-station-registry"[^>]*>(.*?)</a>', page)
    assert toc
    assert "changed" not in toc[1]


def test_a_review_file_in_a_folder_not_made_yet(site: Site) -> None:
    lighthouse(site, review_file="reviews/archcrew-review.yml")

    done = subprocess.run(
        [sys.executable, "-m", "mkdocs_archcrew.cli", "review", "-f", "mkdocs.yml"],
        capture_output=True,
        text=True,
        env=child_env(),
        cwd=site.root,
        timeout=180,
        check=False,
    )
    output = done.stdout + done.stderr

    assert "Traceback" not in output
    if done.returncode == 0:  # the folder made, as `mkdir -p` would
        assert (site.root / "reviews" / "archcrew-review.yml").is_file()
    else:  # or a usage error saying where
        assert done.returncode == 2
        assert "reviews/archcrew-review.yml" in output


def test_a_review_file_checked_out_with_crlf_line_ends_reads_the_same(site: Site) -> None:
    """Git with core.autocrlf gives Windows users the file with CRLF line ends."""
    lighthouse(site)
    text = reviewed(site)
    review_file(site).write_bytes(text.replace("\n", "\r\n").encode("utf-8"))

    clean = site.build("--strict")
    reword(site)
    run = site.build()

    assert clean.returncode == 0, clean.output
    (line,) = suspect_lines(run.output)
    assert f"docs/RDS.md:{FR1_LINE}:" in line
    assert f"archcrew-review.yml:{entry_line(text, 'FR-1')}" in line
    assert "[-12-]{+15+}" in line
    assert archcrew(site, "review", "FR-1").code == 0
    assert b"\r" not in review_file(site).read_bytes()


# A reworded requirement -----------------------------------------------------------------------


@dataclass
class Reworded:
    site: Site
    review_text: str
    build: Run
    strict: Run
    check: Run


@pytest.fixture(scope="module")
def reworded(tmp_path_factory: pytest.TempPathFactory) -> Reworded:
    """A reviewed lighthouse whose FR-1 then changed from 12 to 15 seconds, built."""
    site = new_site(tmp_path_factory.mktemp("reworded") / "project")
    lighthouse(site)
    text = reviewed(site)
    reword(site)
    strict = site.build("--strict", "-d", str(site.root / "strict-site"))
    check = site.check()
    return Reworded(site, text, site.build(), strict, check)


def test_a_reworded_requirement_is_a_warning_with_its_line_the_diff_and_the_frs(
    reworded: Reworded,
) -> None:
    run = reworded.build
    assert run.returncode == 0, run.output

    (line,) = suspect_lines(run.output)

    assert line.startswith("WARNING")
    assert f"docs/RDS.md:{FR1_LINE}: FR-1 changed since it was reviewed" in line
    assert f"archcrew-review.yml:{entry_line(reworded.review_text, 'FR-1')}" in line
    assert "every [-12-]{+15+} seconds." in line
    assert f'docs/FRS.md:{OPTICS_LINE} ("FRS › Optics")' in line
    assert "`archcrew review FR-1`" in line
    assert "review-unreviewed" not in run.output
    assert "no review file" not in run.output


def test_a_suspect_fails_strict_builds_and_checks(reworded: Reworded) -> None:
    assert reworded.strict.returncode == 1
    assert suspect_lines(reworded.strict.output)
    assert reworded.check.returncode == 0  # a warning: only --strict fails the check
    (line,) = suspect_lines(reworded.check.output)
    assert line.startswith(f"docs/RDS.md:{FR1_LINE}: warning: FR-1 changed")
    strict_check = reworded.site.check("--strict")
    assert strict_check.returncode == 1


def test_readers_see_the_change_under_the_requirement(reworded: Reworded) -> None:
    fr1 = list_item(reworded.site.html("RDS.md"), "fr-1")
    fr2 = list_item(reworded.site.html("RDS.md"), "fr-2")

    changed = re.search(r'<small class="archcrew-changed"[^>]*>(.*?)</small>', fr1, re.DOTALL)
    assert changed, fr1
    assert "changed since reviewed" in changed[1]
    assert "<del>12</del>" in changed[1]
    assert "<ins>15</ins>" in changed[1]
    assert changed[1].index("<del>12</del>") < changed[1].index("<ins>15</ins>")
    assert "covered by" in fr1  # the coverage note stays
    assert "archcrew-changed" not in fr2


def test_frs_links_to_a_suspect_are_marked_in_words(reworded: Reworded) -> None:
    frs = reworded.site.html("FRS.md")

    link = re.search(r'<a class="([^"]*)"[^>]*href="../RDS/#fr-1">FR-1</a>(.{0,200})', frs)
    assert link, frs
    assert link[1].split() == ["archcrew-link", "archcrew-changed"]
    assert link[2].startswith('<small class="archcrew-changed-mark"')
    assert "(changed since reviewed)" in link[2]
    other = re.search(r'<a class="([^"]*)"[^>]*href="../RDS/#fr-2">FR-2</a>', frs)
    assert other
    assert other[1] == "archcrew-link"
    assert frs.count("(changed since reviewed)") == 1


def test_the_traceability_table_says_changed_since_reviewed_and_counts_it(
    reworded: Reworded,
) -> None:
    page = reworded.site.html("status.md")
    rows = table_rows(page)

    assert set(rows) == {"FR-1", "FR-2", "OPS-2", "OPS-10"}
    assert "changed since reviewed" in rows["FR-1"]
    assert all("changed since reviewed" not in rows[key] for key in ("FR-2", "OPS-2", "OPS-10"))
    assert "<strong>1 changed since reviewed</strong>" in page


def test_the_report_gives_each_requirement_its_review_state(reworded: Reworded) -> None:
    recorded = yaml.safe_load(reworded.review_text)["requirements"]
    fr1, fr2 = row(reworded.site, "FR-1"), row(reworded.site, "FR-2")

    assert fr1["review"] == "suspect"
    assert fr1["reviewed_fingerprint"] == recorded["FR-1"]["fingerprint"]
    assert fr1["fingerprint"] != fr1["reviewed_fingerprint"]
    assert re.fullmatch(r"[0-9a-f]{16}", fr1["fingerprint"])
    assert fr2["review"] == "reviewed"
    assert fr2["fingerprint"] == fr2["reviewed_fingerprint"] == recorded["FR-2"]["fingerprint"]
    (finding,) = [f for f in report(reworded.site)["findings"] if f["code"] == "review-suspect"]
    assert (finding["file"], finding["line"], finding["severity"]) == (
        "docs/RDS.md",
        FR1_LINE,
        "warning",
    )


def test_suspects_lists_them_for_github_and_exits_1(reworded: Reworded) -> None:
    github = archcrew(reworded.site, "suspects", "--format", "github")
    text = archcrew(reworded.site, "suspects")

    assert github.code == 1, github.err
    (annotation,) = github.out.splitlines()
    assert annotation.startswith(f"::warning file=docs/RDS.md,line={FR1_LINE},")
    assert "FR-1 changed since it was reviewed" in annotation
    assert "[-12-]{+15+}" in annotation
    assert text.code == 1
    assert lines_with(text.out, f"docs/RDS.md:{FR1_LINE}:", "FR-1", "[-12-]{+15+}")


@pytest.mark.parametrize("on_suspect", ["warn", "error", "off"])
def test_on_suspect(site: Site, on_suspect: str) -> None:
    lighthouse(site)
    reviewed(site)
    lighthouse(site, on_suspect=on_suspect)
    reword(site)

    run = site.build()

    said = suspect_lines(run.output)
    if on_suspect == "warn":
        assert run.returncode == 0, run.output
        assert len(said) == 1
        assert said[0].startswith("WARNING")
    elif on_suspect == "error":
        assert run.returncode == 1, run.output
        assert len(said) == 1
        assert said[0].startswith(f"ERROR   -  archcrew: docs/RDS.md:{FR1_LINE}: FR-1")
        assert "Traceback" not in run.output
    else:
        assert run.returncode == 0, run.output
        assert not said
        assert not lines_with(run.output, "archcrew:", "review")
        assert "archcrew-changed" not in site.html("RDS.md") + site.html("FRS.md")
        assert "review" not in row(site, "FR-1")
        assert site.build("--strict").returncode == 0
        # Nothing is tracked, so there is nothing to review either.
        refused = archcrew(site, "review")
        assert refused.code == 2
        assert "off" in refused.err


def test_rewrapping_re_emphasising_and_renumbering_are_not_changes(site: Site) -> None:
    lighthouse(site)
    reviewed(site)
    site.page(
        "RDS.md",
        """\
        # Lighthouse Requirements

        ## 3. Functional Requirements

        1. __Lantern rotation__:   the beacon turns
           once *every* `12`
           seconds.
        1. **Fog signal**: the horn sounds _twice_ a minute
        while visibility is under **one mile**.

        ## Operations

        * **OPS-10** Lamp changes — a spare lamp swings into place
          within _30 seconds_ of a failure.
        * **OPS-2**   Logbook — every outage is written into the keeper's logbook.
        """,
    )

    run = site.build("--strict")

    assert run.returncode == 0, run.output
    assert not suspect_lines(run.output)
    assert not lines_with(run.output, "archcrew:", "review")
    assert {r["id"]: r["review"] for r in report(site)["requirements"]} == {
        "FR-1": "reviewed",
        "FR-2": "reviewed",
        "OPS-2": "reviewed",
        "OPS-10": "reviewed",
    }
    assert "archcrew-changed" not in site.html("RDS.md")
    assert archcrew(site, "suspects").code == 0


def test_reviewing_the_suspect_makes_the_build_clean_again(site: Site) -> None:
    lighthouse(site)
    reviewed(site)
    reword(site)
    assert archcrew(site, "suspects", "--format", "github").code == 1

    done = archcrew(site, "review", "FR-1")
    run = site.build("--strict")

    assert done.code == 0, done.err
    assert run.returncode == 0, run.output
    assert not suspect_lines(run.output)
    assert "archcrew-changed" not in site.html("RDS.md")
    assert "archcrew-changed" not in site.html("FRS.md")
    assert "changed since reviewed" not in site.html("status.md")
    fr1 = row(site, "FR-1")
    assert fr1["review"] == "reviewed"
    assert fr1["fingerprint"] == fr1["reviewed_fingerprint"]
    clean = archcrew(site, "suspects", "--format", "github")
    assert clean.code == 0
    assert clean.out == ""


def test_new_and_gone_requirements_are_said_at_info_level(site: Site) -> None:
    lighthouse(site)
    text = reviewed(site)
    gone_at = entry_line(text, "OPS-2")
    add_fr3_and_drop_ops2(site)

    run = site.build("--strict")

    assert run.returncode == 0, run.output
    (gone,) = lines_with(run.output, "OPS-2")
    assert gone.startswith(f"INFO    -  archcrew: archcrew-review.yml:{gone_at}:")
    assert "no RDS page defines" in gone
    (new,) = lines_with(run.output, "FR-3")
    assert new.startswith(f"INFO    -  archcrew: docs/RDS.md:{FR2_LINE + 1}:")
    assert "not in the review file" in new
    assert row(site, "FR-3")["review"] == "unreviewed"

    done = archcrew(site, "review")
    assert done.code == 0, done.err
    assert "OPS-2" in done.out  # dropped
    assert list(yaml.safe_load(review_file(site).read_text())["requirements"]) == [
        "FR-1",
        "FR-2",
        "FR-3",
        "OPS-10",
    ]
    again = site.build("--strict")
    assert again.returncode == 0
    assert not lines_with(again.output, "archcrew:", "review")


def test_a_merge_conflict_in_the_review_file_fails_the_build_naming_its_line(
    site: Site,
) -> None:
    lighthouse(site)
    text = reviewed(site).splitlines(keepends=True)
    at = entry_line("".join(text), "FR-2")
    text[at - 1 : at - 1] = ["<<<<<<< HEAD\n"]
    text[at + 3 : at + 3] = ["=======\n", "  FR-2:\n", ">>>>>>> theirs\n"]
    review_file(site).write_text("".join(text), encoding="utf-8")

    run = site.build()
    check = site.check()
    one = archcrew(site, "review", "FR-1")

    assert run.returncode == 1, run.output
    assert "Traceback" not in run.output
    (error,) = lines_with(run.output, "merge conflict")
    assert error.startswith(f"ERROR   -  archcrew: archcrew-review.yml:{at}:")
    assert check.returncode == 1
    assert lines_with(check.output, f"archcrew-review.yml:{at}: error:", "merge conflict")
    # Reviewing single IDs into a file that cannot be read would lose the other side's.
    assert one.code == 2
    assert "archcrew-review.yml" in one.err
    assert "<<<<<<<" in review_file(site).read_text()
    # Reviewing everything writes it again from the pages.
    assert archcrew(site, "review").code == 0
    assert site.build("--strict").returncode == 0


def test_a_review_file_outside_the_project_is_a_configuration_error(site: Site) -> None:
    lighthouse(site, review_file="../x.yml")
    config = (site.root / "mkdocs.yml").read_text(encoding="utf-8")
    (line,) = [n for n, text in enumerate(config.splitlines(), 1) if "review_file:" in text]

    run = site.build()
    check = site.check()
    done = archcrew(site, "review")

    assert run.returncode == 1, run.output
    assert "Traceback" not in run.output
    (error,) = lines_with(run.output, "review_file")
    assert f"mkdocs.yml:{line}: review_file '../x.yml' is not a file inside the project" in error
    assert check.returncode == 2
    assert f"mkdocs.yml:{line}: review_file" in check.output
    assert done.code == 2
    assert not (site.root.parent / "x.yml").exists()


# The document chain ---------------------------------------------------------------------------


def test_a_document_whose_source_was_reworded_is_stale_until_reviewed(site: Site) -> None:
    chained(site)
    text = reviewed(site)
    reword(site)

    run = site.build()

    assert run.returncode == 0, run.output
    (stale,) = lines_with(run.output, "is stale")
    assert stale.startswith(
        f"WARNING -  archcrew: docs/CLAUDE.md:{TRIGGERS_LINE}: CLAUDE.md is stale"
    )
    assert f"archcrew-review.yml:{entry_line(text, 'CLAUDE.md')}" in stale
    assert "RDS.md" in stale
    assert "reworded" in stale
    assert "FR-1" in stale
    assert "FR-2" not in stale
    assert "`archcrew review --document CLAUDE.md`" in stale
    assert len(suspect_lines(run.output)) == 1  # and FR-1 is a suspect, as ever

    document = archcrew(site, "review", "--document", "CLAUDE.md")
    after_document = site.build()

    assert document.code == 0, document.err
    assert "CLAUDE.md" in document.out
    assert "is stale" not in after_document.output
    assert len(suspect_lines(after_document.output)) == 1  # a document review is not FR-1's

    assert archcrew(site, "review", "FR-1").code == 0
    clean = site.build("--strict")
    assert clean.returncode == 0, clean.output


def test_added_and_removed_requirements_make_a_document_stale(site: Site) -> None:
    chained(site)
    reviewed(site)
    add_fr3_and_drop_ops2(site)

    run = site.build()

    assert run.returncode == 0, run.output
    (stale,) = lines_with(run.output, "is stale")
    assert "CLAUDE.md is stale" in stale
    added = re.search(r"added[^;)]*FR-3", stale)
    removed = re.search(r"removed[^;)]*OPS-2", stale)
    assert added, stale
    assert removed, stale
    assert "reworded" not in stale


def test_chained_generation_makes_the_next_document_stale(site: Site) -> None:
    chained(site)
    reviewed(site)
    edit(site, "CLAUDE.md", "reports its speed", "reports its speed and temperature")

    run = site.build()

    assert run.returncode == 0, run.output
    (stale,) = lines_with(run.output, "is stale")
    assert "docs/AGENTS.md:" in stale
    assert "AGENTS.md is stale" in stale
    assert "CLAUDE.md changed" in stale
    assert "Motor control" in stale
    assert "Logging" not in stale
    assert not suspect_lines(run.output)

    assert archcrew(site, "review", "--document", "AGENTS.md").code == 0
    assert site.build("--strict").returncode == 0


def test_the_chain_option_gives_the_chain_instead_of_front_matter(site: Site) -> None:
    chained(site, chain={"CLAUDE.md": ["RDS.md"]})
    config = (site.root / "mkdocs.yml").read_text(encoding="utf-8")
    assert "chain:" in config
    reviewed(site)
    data = yaml.safe_load(review_file(site).read_text())
    assert list(data["documents"]) == ["CLAUDE.md"]  # AGENTS.md: only in the front matter
    reword(site)
    edit(site, "CLAUDE.md", "reports its speed", "reports its speed and temperature")

    run = site.build()

    assert run.returncode == 0, run.output
    (stale,) = lines_with(run.output, "is stale")
    assert "docs/CLAUDE.md:" in stale
    assert "CLAUDE.md is stale" in stale
    assert "RDS.md" in stale
    assert "FR-1" in stale
    diagram = chain_diagram(site.html("guide/chain.md"))
    assert set(nodes(diagram)) == {"RDS.md", "CLAUDE.md"}

    assert archcrew(site, "review", "FR-1", "--document", "CLAUDE.md").code == 0
    assert site.build("--strict").returncode == 0


def test_a_chain_option_naming_no_page_is_an_error(site: Site) -> None:
    chained(site, chain={"CLAUDE.md": ["REQUIREMENTS.md"]})

    run = site.build()

    assert run.returncode == 1
    assert "Traceback" not in run.output
    assert lines_with(run.output, "mkdocs.yml:", "REQUIREMENTS.md")


def test_review_of_a_page_that_is_no_document_exits_2(site: Site) -> None:
    chained(site)
    reviewed(site)
    before = review_file(site).read_bytes()

    done = archcrew(site, "review", "--document", "FRS.md")

    assert done.code == 2
    assert "FRS.md" in done.err
    assert review_file(site).read_bytes() == before


@pytest.fixture(scope="module")
def stale(tmp_path_factory: pytest.TempPathFactory) -> tuple[Site, Run]:
    """The chained lighthouse after FR-1 was reworded, built with banners on every page."""
    site = new_site(tmp_path_factory.mktemp("stale") / "project")
    chained(site, banners="always")
    reviewed(site)
    reword(site)
    return site, site.build()


def test_the_document_chain_diagram(stale: tuple[Site, Run]) -> None:
    site, run = stale
    assert run.returncode == 0, run.output

    deep = chain_diagram(site.html("guide/chain.md"))
    here = chain_diagram(site.html("CLAUDE.md"))

    assert deep.startswith("flowchart LR")
    ids = nodes(deep)
    assert set(ids) == {"RDS.md", "CLAUDE.md", "AGENTS.md"}
    rds, claude, agents = ids["RDS.md"], ids["CLAUDE.md"], ids["AGENTS.md"]
    assert f'{claude}["CLAUDE.md<br>(stale)"]' in deep
    assert f'{rds}["RDS.md"]' in deep
    assert f'{agents}["AGENTS.md"]' in deep
    assert f"{rds} --> {claude}" in deep
    assert f"{claude} --> {agents}" in deep
    assert re.search(rf"^\s*class {claude} stale$", deep, re.MULTILINE)
    # Links relative to the page drawing it, in a folder or not.
    assert f'click {rds} href "../../RDS/"' in deep
    assert f'click {claude} href "../../CLAUDE/"' in deep
    assert f'click {agents} href "../../AGENTS/"' in deep
    assert f'click {rds} href "../RDS/"' in here
    assert f'click {agents} href "../AGENTS/"' in here
    assert "(stale)" not in deep.replace(f'{claude}["CLAUDE.md<br>(stale)"]', "")


def test_chain_links_without_directory_urls(site: Site) -> None:
    chained(site)
    site.configure(NO_MERMAID_CHECK, use_directory_urls=False)

    run = site.build("--strict")

    assert run.returncode == 0, run.output
    deep = chain_diagram((site.root / "site" / "guide" / "chain.html").read_text(encoding="utf-8"))
    here = chain_diagram((site.root / "site" / "CLAUDE.html").read_text(encoding="utf-8"))
    ids = nodes(deep)
    assert f'click {ids["RDS.md"]} href "../RDS.html"' in deep
    assert f'click {ids["AGENTS.md"]} href "../AGENTS.html"' in deep
    assert f'click {ids["RDS.md"]} href "RDS.html"' in here


def test_the_chain_diagram_through_a_value_has_no_links(site: Site) -> None:
    chained(site, placeholders={"chainView": "{{ documentChain }}"})
    site.page("guide/chain.md", "# How the documents are made\n\n{{ chainView }}\n")

    run = site.build("--strict")

    assert run.returncode == 0, run.output
    diagram = chain_diagram(site.html("guide/chain.md"))
    assert set(nodes(diagram)) == {"RDS.md", "CLAUDE.md", "AGENTS.md"}
    assert "click" not in diagram  # which page a value lands in is not known
    assert "click" in chain_diagram(site.html("CLAUDE.md"))


def test_banners_always_show_the_stale_document_on_its_page(stale: tuple[Site, Run]) -> None:
    site, _ = stale

    banner = re.search(
        r'<div class="admonition failure archcrew-problems">.*?</div>',
        site.html("CLAUDE.md"),
        re.DOTALL,
    )
    rds_banner = re.search(
        r'<div class="admonition failure archcrew-problems">.*?</div>',
        site.html("RDS.md"),
        re.DOTALL,
    )

    assert banner, "no banner on the stale document"
    assert f"line {TRIGGERS_LINE}: CLAUDE.md is stale" in banner.group()
    assert "FR-1" in banner.group()
    assert rds_banner, "no banner on the RDS page"
    assert f"line {FR1_LINE}: FR-1 changed since it was reviewed" in rds_banner.group()
    assert "archcrew-problems" not in site.html("AGENTS.md")


def test_source_template_and_generated_by(site: Site) -> None:
    chained(site, chain_pages=False)
    edit(
        site,
        "CLAUDE.md",
        "---\ngenerationTriggers:",
        "---\ngeneratedBy: architect-crew\nsourceTemplate: templates/keeper/CLAUDE.keeper.md\n"
        "generationTriggers:",
    )

    run = site.build("--strict")

    assert run.returncode == 0, run.output
    diagram = chain_diagram(site.html("CLAUDE.md"))
    template = re.search(r'(t\d+)\[/"CLAUDE\.keeper\.md"/\]', diagram)
    assert template, diagram
    assert f"{template[1]} -. template .-> {nodes(diagram)['CLAUDE.md']}" in diagram
    assert "architect-crew" not in diagram


# The example site -----------------------------------------------------------------------------


def test_the_example_site_with_a_reworded_requirement(tmp_path: Path) -> None:
    modules = node_modules()
    root = tmp_path / "example_site"
    root.mkdir()
    for folder in ("docs", "data"):
        shutil.copytree(EXAMPLE_SITE / folder, root / folder)
    for name in ("mkdocs.yml", "archcrew-review.yml"):
        shutil.copy2(EXAMPLE_SITE / name, root / name)
    os.symlink(modules, root / "node_modules")
    example = Site(root)
    rds = (example.docs / "RDS.md").read_text(encoding="utf-8")
    (line,) = [n for n, text in enumerate(rds.splitlines(), 1) if "for at least ten years" in text]
    edit(example, "RDS.md", "for at least ten years", "for at least twenty years")

    run = example.build()

    assert run.returncode == 0, run.output
    (suspect,) = suspect_lines(run.output)
    assert suspect.startswith(f"WARNING -  archcrew: docs/RDS.md:{line}: FR-3 changed")
    assert "[-ten-]{+twenty+}" in suspect
    assert "docs/FRS.md:" in suspect
    (stale,) = lines_with(run.output, "is stale")
    assert "docs/CLAUDE.md:" in stale
    assert "CLAUDE.md is stale" in stale
    assert "FR-3" in stale
    diagram = chain_diagram(example.html("CLAUDE.md"))
    ids = nodes(diagram)
    assert {"RDS.md", "CLAUDE.md", "AGENTS.md", "FRS.md"} <= set(ids)
    assert f'{ids["CLAUDE.md"]}["CLAUDE.md<br>(stale)"]' in diagram
    assert f"{ids['RDS.md']} --> {ids['CLAUDE.md']}" in diagram
    assert f'click {ids["RDS.md"]} href "../RDS/"' in diagram
    assert row(example, "FR-3")["review"] == "suspect"
