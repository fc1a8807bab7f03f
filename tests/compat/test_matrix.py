"""The compatibility matrix, built for real: the base site (tests/compat/base) with one
companion added, through `mkdocs build --strict`, held to what archcrew promises every site.
A companion's status comes from matrix.py; a known gap is a strict xfail, so the day it starts
working the suite fails until its status says so."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Run, node_modules, require

from .matrix import COMPANIONS, WORKS, Companion
from .sites import CompatSite, Page

DIAGRAM = "graph LR\n    G[Gateway] -->|NFR-1| P[Pager]"
DRAWN = "NFR-1 Gateway Pager"
"""What the drawn diagram shows: its edge label, then its nodes."""
MERMAID = "assets/archcrew/mermaid.min.js"
UNFILLED = ("{{ product }}", "{{ owner }}")


def assert_archcrew_did_its_work(site: CompatSite) -> None:
    home, rds, frs = site.page("index.md"), site.page("RDS.md"), site.page("FRS.md")

    # Placeholders, from the plugin's `placeholders:` and from `extra:`.
    assert "Tidewater is looked after by the Harbour Data Team." in home.paragraphs
    assert "Stations push a reading every minute to Tidewater." in rds.paragraphs
    assert "The gateway of Tidewater covers FR-1." in frs.paragraphs
    unfilled = [
        str(path.relative_to(site.site_dir))
        for path, text in site.text_files()
        if any(placeholder in text for placeholder in UNFILLED)
    ]
    assert unfilled == []

    # Requirement anchors, the ID link in the FRS, and a coverage note under each requirement.
    assert {"fr-1", "nfr-1"} <= rds.ids
    assert (site.href("FRS.md", "RDS.md", "fr-1"), "FR-1") in frs.links
    note = ("covered by FRS › Specification", [site.href("RDS.md", "FRS.md", "specification")])
    assert rds.coverage_notes == [note, note]

    # The diagram, and Mermaid served by the site.
    if site.prerendered:
        assert frs.diagram_sources == []
        assert [svg.labels() for svg in frs.drawn_diagrams] == [DRAWN]
    else:
        assert frs.diagram_sources == [DIAGRAM]
    assert site.href("FRS.md", MERMAID) in frs.scripts
    assert (site.site_dir / MERMAID).is_file()

    # Code stays as written.
    assert "runs-on: ${{ runner.os }}" in frs.code

    # No marker anywhere: pages, search index, sitemap, scripts.
    assert site.leaked_markers() == []


def assert_links_land(page: Page) -> None:
    """Every link within the page reaches an element of it."""
    missing = [href for href, _ in page.links if href.startswith("#") and href[1:] not in page.ids]
    assert missing == []


# What each companion adds to check, beyond what every site must show.


def search_index_without_annotations(site: CompatSite, run: Run) -> None:
    index = json.loads((site.site_dir / "search" / "search_index.json").read_text("utf-8"))
    docs = {doc["location"]: (doc["title"], doc["text"]) for doc in index["docs"]}
    assert docs["RDS/#fr-1-reading-ingestion"] == (
        "FR-1: Reading ingestion",
        "<p>Stations push a reading every minute to Tidewater.</p>",
    )
    assert docs["RDS/#nfr-1-alert-latency"] == (
        "NFR-1: Alert latency",
        "<p>A flood alert leaves within ten seconds of the reading that raised it.</p>",
    )
    assert docs["FRS/"][1].startswith("<p>The gateway of Tidewater covers FR-1.</p>")


def tags_filled(site: CompatSite, run: Run) -> None:
    notes = site.page("notes.md")
    assert "The duty engineer of Tidewater reads the alert log every morning." in notes.paragraphs
    shown = [(node.attrs["href"], node.words()) for node in notes.root.find("a", "md-tag")]
    assert shown == [
        ("../tags/#tag:operations", "Operations"),
        ("../tags/#tag:tidewater", "Tidewater"),
    ]
    assert {"tag:operations", "tag:tidewater"} <= site.page("tags.md").ids


def offline_urls(site: CompatSite, run: Run) -> None:
    assert not site.directory_urls
    assert (site.site_dir / "search" / "search_index.js").is_file()


def meta_description_filled(site: CompatSite, run: Run) -> None:
    for source in ("index.md", "RDS.md", "FRS.md"):
        described = site.page(source).meta("description")
        assert described == ["Requirements and specification of Tidewater"], source


def blog_post_filled(site: CompatSite, run: Run) -> None:
    post_url = "blog/2026/01/15/new-gauges-for-tidewater/"
    post = Page.read(site.file(post_url))
    sentence = "Twelve gauges now report to Tidewater, each through the ingestion of FR-1."
    assert [node.words() for node in post.root.find("h1")] == ["New gauges for Tidewater"]
    assert sentence in post.paragraphs
    listing = Page.read(site.file("blog/"))
    assert sentence in listing.paragraphs
    assert ("2026/01/15/new-gauges-for-tidewater/", "New gauges for Tidewater") in listing.links


def nothing_loaded_from_elsewhere(site: CompatSite, run: Run) -> None:
    pages = sorted(site.site_dir.rglob("*.html"))
    assert pages
    external = [
        f"{path.relative_to(site.site_dir)}: {url}"
        for path in pages
        for url in [*Page.read(path).scripts, *Page.read(path).stylesheets]
        if url.startswith(("http:", "https:", "//"))
    ]
    assert external == []


def nav_from_awesome_nav(site: CompatSite, run: Run) -> None:
    entries = [
        (node.attrs["href"], node.words())
        for node in site.page("index.md").root.find("a", "md-nav__link")
    ]
    assert entries == [(".", "Home"), ("FRS/", "Specification"), ("RDS/", "Requirements")]


def revision_dates(site: CompatSite, run: Run) -> None:
    for source in ("RDS.md", "FRS.md"):
        dates = site.page(source).root.find("span", "git-revision-date-localized-plugin")
        assert [node.words() for node in dates] == ["2026-01-01"], source


def minified(site: CompatSite, run: Run) -> None:
    assert "\n" not in site.file(site.url("RDS.md")).read_text("utf-8").strip()


def redirects_reach_anchors(site: CompatSite, run: Run) -> None:
    for old, target in (("requirements/", "../RDS/"), ("ingestion/", "../RDS/#fr-1")):
        page = Page.read(site.file(old))
        assert page.links == [(target, "new destination")], old
        refresh = [
            node.attrs["content"]
            for node in page.root.find("meta")
            if node.attrs.get("http-equiv") == "refresh"
        ]
        assert refresh == [f"0; url={target}"], old


def lightbox_around_image(site: CompatSite, run: Run) -> None:
    gallery = site.page("gallery.md")
    [box] = gallery.root.find("a", "glightbox")
    assert box.attrs["href"] == "../img/gauge.svg"
    assert [(img.attrs["alt"], img.attrs["src"]) for img in box.find("img")] == [
        ("A gauge of Tidewater", "../img/gauge.svg")
    ]


def diagram_in_list_item(site: CompatSite, run: Run) -> None:
    [item] = site.page("FRS.md").article.find("li")
    assert [node.text().strip() for node in item.find(cls="mermaid")] == [DIAGRAM]


def in_tabs(site: CompatSite, run: Run) -> None:
    blocks = site.page("FRS.md").root.find("div", "tabbed-block")
    assert [block.words() for block in blocks[:1]] == ["The gateway of Tidewater covers FR-1."]
    assert [node.text().strip() for node in blocks[1].find(cls="mermaid")] == [DIAGRAM]
    assert "runs-on: ${{ runner.os }}" in [node.text().strip() for node in blocks[2].find("code")]


def in_blocks(site: CompatSite, run: Run) -> None:
    frs = site.page("FRS.md")
    [note] = frs.root.find("div", "note")
    assert [node.words() for node in note.find("p")] == [
        "Coverage",
        "The gateway of Tidewater covers FR-1.",
    ]
    [details] = frs.root.find("details")
    assert [node.text().strip() for node in details.find(cls="mermaid")] == [DIAGRAM]


def in_html_block(site: CompatSite, run: Run) -> None:
    [block] = site.page("FRS.md").root.find("div", "coverage")
    assert [node.words() for node in block.find("p")] == ["The gateway of Tidewater covers FR-1."]
    assert [node.text().strip() for node in block.find(cls="mermaid")] == [DIAGRAM]


def abbreviations_kept(site: CompatSite, run: Run) -> None:
    rds = site.page("RDS.md")
    shown = [(node.attrs["title"], node.words()) for node in rds.root.find("abbr")]
    assert shown == [("Functional requirement", "FR"), ("Non-functional requirement", "NFR")]


def print_page(site: CompatSite, run: Run) -> None:
    page = Page.read(site.file(site.url("print_page.md")))
    headings = [node.words() for node in page.article.find("h2")]
    assert headings == ["FR-1: Reading ingestion", "NFR-1: Alert latency"]
    assert "The gateway of Tidewater covers FR-1." in page.paragraphs
    assert [text for _, text in page.links if text.endswith("-1")] == ["FR-1"]
    assert [text for text, _ in page.coverage_notes] == ["covered by FRS › Specification"] * 2
    assert page.diagram_sources == [DIAGRAM]
    assert site.href("print_page.md", MERMAID) in page.scripts
    assert_links_land(page)


def cross_references(site: CompatSite, run: Run) -> None:
    api = site.href("RDS.md", "api.md", "acme.Foo")
    assert (api, "Foo") in site.page("RDS.md").links
    assert (site.href("FRS.md", "api.md", "acme.Foo"), "acme.Foo") in site.page("FRS.md").links
    assert "acme.Foo" in site.page("api.md").ids


def french_pages(site: CompatSite, run: Run) -> None:
    rds = site.page("fr/RDS.md")
    assert "Les stations envoient un relevé par minute à Tidewater." in rds.paragraphs
    assert {"fr-1", "nfr-1"} <= rds.ids
    note = (
        "covered by FRS › Specification",
        [site.href("fr/RDS.md", "fr/FRS.md", "specification")],
    )
    assert rds.coverage_notes == [note, note]
    frs = site.page("fr/FRS.md")
    assert (site.href("fr/FRS.md", "fr/RDS.md", "fr-1"), "FR-1") in frs.links


def generated_page(site: CompatSite, run: Run) -> None:
    assert "Every station of Tidewater is listed here." in site.page("generated.md").paragraphs


def included_project(site: CompatSite, run: Run) -> None:
    assert "Each gauge reports to Tidewater." in site.page("gauges/gauges.md").paragraphs


def macros_page(site: CompatSite, run: Run) -> None:
    page = site.page("macros.md")
    assert "Harbour edition of Tidewater." in page.paragraphs
    assert "runs-on: ${{ runner.os }}" in page.code


def printed_document(site: CompatSite, run: Run) -> Page:
    """The HTML a PDF plugin hands WeasyPrint, as its `debug_html` prints it: the PDF, before
    it is drawn."""
    assert (site.site_dir / "pdf" / "document.pdf").read_bytes().startswith(b"%PDF-")
    found = re.search(r"<html.*</html>", run.output, re.DOTALL)
    assert found, run.output
    return Page.parse(found.group(), site.site_dir / "pdf" / "document.pdf")


def assert_pdf_shows_the_site(document: Page) -> None:
    """What the PDF must show of the site, whichever plugin makes it from the pages."""
    assert "The gateway of Tidewater covers FR-1." in document.paragraphs
    assert [text for _, text in document.links if text.endswith("-1")] == ["FR-1"]
    assert [text for text, _ in document.coverage_notes] == ["covered by FRS › Specification"] * 2
    assert_links_land(document)
    [svg] = document.drawn_diagrams
    assert svg.labels() == DRAWN
    # Mermaid scopes a diagram's styles by its SVG's id, and arrowheads are url(#…) markers:
    # whatever the drawing still names by id must be an id of the document (both PDF plugins
    # rename every id when they put the pages together).
    [style] = svg.find("style")
    assert set(re.findall(r"#(archcrew-[\w-]+)", style.text())) <= document.ids
    assert svg.references() <= document.ids
    # The arrowhead is drawn in the diagram itself, where no renamed id can lose it.
    assert svg.find("marker") == []
    assert len(svg.find("path", "arrowMarkerPath")) == 1
    # WeasyPrint draws no <foreignObject>, where Mermaid puts HTML labels: the PDF shows labels
    # only when they are SVG text.
    assert svg.find("foreignobject") == []


def pdf(site: CompatSite, run: Run) -> None:
    assert_pdf_shows_the_site(printed_document(site, run))


def pdf_with_contents(site: CompatSite, run: Run) -> None:
    document = printed_document(site, run)
    assert_pdf_shows_the_site(document)
    # mkdocs-with-pdf adds a table of contents made from the headings: the requirements are in
    # it, and their links land (above).
    [contents] = [node for node in document.root.walk() if node.attrs.get("id") == "doc-toc"]
    listed = [node.words() for node in contents.find("a")]
    requirements = [text for text in listed if "-1:" in text]
    assert requirements == ["3.1 FR-1: Reading ingestion", "3.2 NFR-1: Alert latency"]


def nothing_more(site: CompatSite, run: Run) -> None:
    pass


CHECKS: dict[str, Callable[[CompatSite, Run], None]] = {
    "material-search": search_index_without_annotations,
    "material-tags": tags_filled,
    "material-offline": offline_urls,
    "material-meta": meta_description_filled,
    "material-blog": blog_post_filled,
    "material-privacy": nothing_loaded_from_elsewhere,
    "awesome-nav": nav_from_awesome_nav,
    "git-revision-date": revision_dates,
    "minify": minified,
    "redirects": redirects_reach_anchors,
    "glightbox": lightbox_around_image,
    "superfences": diagram_in_list_item,
    "tabbed": in_tabs,
    "blocks": in_blocks,
    "md-in-html": in_html_block,
    "abbr": abbreviations_kept,
    "snippets": nothing_more,  # the requirements come from the snippet: the base checks show them
    "include-markdown": nothing_more,  # likewise
    "print-site": print_page,
    "mkdocstrings": cross_references,
    "static-i18n": french_pages,
    "gen-files-after": generated_page,
    "gen-files-before": generated_page,
    "monorepo": included_project,
    "macros": macros_page,
    "to-pdf": pdf,
    "with-pdf": pdf_with_contents,
}


def _commit_everything(site: CompatSite) -> None:
    # Fixed dates, so the page shows a date the test can name.
    date = "2026-01-01T12:00:00+00:00"
    site.git("init", "--quiet")
    site.git("add", "--all")
    site.git(
        "-c",
        "user.name=Compat",
        "-c",
        "user.email=compat@example.org",
        "-c",
        "commit.gpgsign=false",
        "commit",
        "--quiet",
        "-m",
        "Site",
        GIT_AUTHOR_DATE=date,
        GIT_COMMITTER_DATE=date,
    )


def _chromium(site: CompatSite) -> None:
    require(None if shutil.which("chromium") else "Chromium is not installed")


PREPARE: dict[str, Callable[[CompatSite], None]] = {
    "git-revision-date": _commit_everything,
    "to-pdf": _chromium,
    "with-pdf": _chromium,
}
"""What a companion needs done to the site's folder before the build."""


@pytest.fixture(scope="module")
def mermaid_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """archcrew's diagram cache after a build of the base site alone. Checking a diagram starts
    Node and Mermaid, which costs more than the rest of a build; every case shares the same
    diagram text, and the cache is keyed by that text and Mermaid's version, so a case whose
    companion changes what archcrew reads as a diagram is still checked afresh."""
    plain = Companion("base", "", (), "plugins: [archcrew]", WORKS)
    site = CompatSite.make(plain, tmp_path_factory.mktemp("base"), node_modules())
    run = site.build()
    assert run.returncode == 0, run.output
    assert_archcrew_did_its_work(site)
    return site.root / ".cache" / "archcrew"


def _param(companion: Companion) -> object:
    marks = [] if companion.works else [pytest.mark.xfail(strict=True, reason=companion.status)]
    return pytest.param(companion, id=companion.id, marks=marks)


@pytest.mark.parametrize("companion", [_param(companion) for companion in COMPANIONS])
def test_companion(companion: Companion, tmp_path: Path, mermaid_cache: Path) -> None:
    site = CompatSite.make(companion, tmp_path, node_modules())
    shutil.copytree(mermaid_cache, site.root / ".cache" / "archcrew")
    if companion.id in PREPARE:
        PREPARE[companion.id](site)

    run = site.build()

    assert run.returncode == 0, run.output
    assert_archcrew_did_its_work(site)
    CHECKS[companion.id](site, run)


def test_every_companion_has_its_checks() -> None:
    assert set(CHECKS) == {companion.id for companion in COMPANIONS}
