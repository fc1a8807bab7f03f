"""The example site builds strictly, with every placeholder filled and every code block intact."""

from __future__ import annotations

import html
import json
import re
import shutil

import pytest
from conftest import EXAMPLE_SITE, Site, code_blocks, node_modules


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Site:
    node_modules()  # the site loads and checks Mermaid from there
    root = tmp_path_factory.mktemp("example") / "example_site"
    shutil.copytree(EXAMPLE_SITE, root, ignore=shutil.ignore_patterns("site"))
    built = Site(root)
    run = built.build("--strict", SOURCE_DATE_EPOCH="1767225600")  # 2026-01-01
    assert run.returncode == 0, run.output
    assert "WARNING" not in run.output
    return built


def first_paragraph_after(page_html: str, heading_id: str) -> str:
    """The visible text of the first paragraph under a heading, whitespace made single spaces."""
    found = re.search(rf'<h\d id="{heading_id}".*?</h\d>\s*<p>(.*?)</p>', page_html, re.DOTALL)
    assert found, heading_id
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", found[1])).split())


def prose(page_html: str) -> str:
    """The page's article without code, scripts or comments."""
    article = re.search(r"<article.*?</article>", page_html, re.DOTALL)
    assert article
    text = re.sub(r"<(pre|code|script)\b.*?</\1>", "", article.group(), flags=re.DOTALL)
    return re.sub(r"<!--.*?-->", "", text, flags=re.DOTALL)


def test_every_placeholder_of_the_architecture_page_is_filled(example: Site) -> None:
    page = example.html("CLAUDE.md")
    assert "{{" not in prose(page)
    assert "2.3.0" in page
    assert "2026-01-01" in page
    # Section-sourced values come from FRS.md, filled there as on their own page.
    overview = first_paragraph_after(example.html("FRS.md"), "system-architecture")
    assert overview.startswith("Tidewater is one Python 3.12 package deployed in three roles")
    assert overview in " ".join(example.text("CLAUDE.md").split())


def test_code_blocks_of_the_architecture_page_are_intact(example: Site) -> None:
    source = (EXAMPLE_SITE / "docs" / "CLAUDE.md").read_text(encoding="utf-8")
    blocks = "\n".join(code_blocks(example.html("CLAUDE.md")))
    for literal in ["${{ runner.os }}", "${{ hashFiles(", "${{ matrix.python-version }}"]:
        assert literal in source
        assert literal in blocks
    hexagon = re.search(r"\w+\{\{[^}]+\}\}", source.split("```mermaid", 1)[1])
    assert hexagon
    assert hexagon.group() in blocks


def test_front_matter_is_metadata_not_text(example: Site) -> None:
    text = prose(example.html("CLAUDE.md"))
    assert "lastUpdated" not in text
    assert "claude-python.md" not in text


def test_other_pages_are_filled_too(example: Site) -> None:
    for page in ["RDS.md", "FRS.md", "AGENTS.md"]:
        assert "{{ project" not in prose(example.html(page)), page


def test_escape_on_the_home_page(example: Site) -> None:
    assert "{{ project.name }}" in prose(example.html("index.md"))


def test_architecture_page_shows_the_live_traceability_table(example: Site) -> None:
    page = example.html("CLAUDE.md")
    assert "<strong>Coverage</strong>: 15 of 15 requirements covered by the FRS (100%)" in page
    assert "1 draft or deprecated not counted" in page
    assert 'href="../RDS/#req-api-1"' in page


def test_every_requirement_shows_where_it_is_covered(example: Site) -> None:
    rds = example.html("RDS.md")
    assert rds.count('class="archcrew-coverage" data-search-exclude>covered by') == 15
    assert 'class="archcrew-coverage" data-search-exclude>draft, not covered yet' in rds
    report = json.loads(
        (example.root / "site" / "archcrew-report.json").read_text(encoding="utf-8")
    )
    assert len(report["requirements"]) == 16


def test_search_indexes_the_pages_without_the_annotations(example: Site) -> None:
    index = json.loads((example.root / "site" / "search" / "search_index.json").read_text())
    frs = " ".join(doc["text"] for doc in index["docs"] if doc["location"].startswith("FRS/"))
    rds = " ".join(doc["text"] for doc in index["docs"] if doc["location"].startswith("RDS/"))
    assert "FR-1" in frs  # the linked ID stays searchable
    assert "covered by" not in rds
    assert "\ue000" not in frs + rds  # no marker left anywhere
    assert "\ue000" not in example.html("RDS.md") + example.html("FRS.md")
