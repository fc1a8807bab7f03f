"""The published RDS page as a reader sees it: the example site (Material) built once, read in
Chromium in Material's light and dark palettes.

Each test measures what a reader would notice: the ID of each numbered-list requirement beside
its text, a link to a requirement landing on the requirement's first line, an uncovered
requirement standing out by colour, icon and words, IDs never broken at their hyphen, and a
traceability diagram that stays readable with one FRS page and with 100 requirements.
Screenshots land in test-output/screenshots/.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import TYPE_CHECKING, Any

import pytest

from e2e.browser import SCREENSHOTS, Visit, chromium, served
from e2e.example import OFFLINE, example_copy
from mkdocs_archcrew.markdown import scan
from mkdocs_archcrew.markdown.headings import default_slugify
from mkdocs_archcrew.trace.coverage import TraceSettings, trace_project
from mkdocs_archcrew.trace.diagram import trace_diagram

if TYPE_CHECKING:
    from collections.abc import Iterator

    from conftest import Site
    from playwright.sync_api import Browser

pytestmark = pytest.mark.e2e

UNCOVERED = (
    "- **OPS-2** Backup and restore",
    "- **OPS-3** Incident drills — Twice a year the control room rehearses a surge with the "
    "service down, from the paper runbook alone.\n- **OPS-2** Backup and restore",
)
"""The example's RDS with one requirement more, which the FRS does not cover."""

LINKS = "# Links\n\n[FR-3](RDS.md#fr-3), [OPS-1](RDS.md#ops-1), [REQ-API-2](RDS.md#req-api-2)\n"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    site = example_copy(
        tmp_path_factory.mktemp("reading"),
        {
            "  - archcrew:\n": "  - archcrew:\n      on_uncovered: warn\n",
            # MkDocs checks every link to a requirement's anchor.
            "nav:\n": "validation:\n  anchors: warn\n\nnav:\n",
        },
    )
    rds = site.docs / "RDS.md"
    rds.write_text(rds.read_text(encoding="utf-8").replace(*UNCOVERED), encoding="utf-8")
    site.page("links.md", LINKS)
    run = site.build(**OFFLINE)
    assert run.returncode == 0, run.output
    # The warnings are the uncovered requirement's, and CLAUDE.md's, stale now that its
    # source RDS.md has a requirement more: anchors are unique and found.
    warnings = [line for line in run.output.splitlines() if line.startswith("WARNING")]
    assert len(warnings) == 2, run.output
    assert "CLAUDE.md is stale" in warnings[0]
    assert "requirements added: OPS-3" in warnings[0]
    assert 'requirement OPS-3 "Incident drills" is not covered' in warnings[1]
    return site


@pytest.fixture(scope="module")
def browser(site: Site) -> Iterator[tuple[Browser, str]]:
    """One Chromium for the module, and the site's URL."""
    with served(site.root / "site") as url, chromium() as browser:
        yield browser, url


@pytest.fixture(scope="module")
def shared(browser: tuple[Browser, str]) -> Iterator[Visit]:
    """One page for the module's tests, which each `at` puts where it needs it."""
    chromium_browser, url = browser
    visit = Visit(chromium_browser, url + "RDS/")
    yield visit
    assert visit.errors == []
    assert visit.external_requests() == []
    visit.close()


@pytest.fixture
def visit(shared: Visit, browser: tuple[Browser, str]) -> Visit:
    """The RDS page as loaded, in the light palette and a desktop window."""
    return at(shared, browser[1] + "RDS/")


def at(visit: Visit, url: str) -> Visit:
    """The shared page at `url`, as loaded, light, 1280 × 900: loaded again only when it is
    elsewhere or a test changed more than its palette and size (page loads are what costs)."""
    if visit.page.url != url or visit.page.evaluate("!window.measure || window.changed"):
        visit.page.goto(url, wait_until="load")
        visit.page.evaluate(MEASURES)
    visit.page.set_viewport_size({"width": 1280, "height": 900})
    set_palette(visit, "default")
    visit.page.evaluate("window.scrollTo(0, 0)")
    return visit


# What the tests measure in the page: colours as the reader sees them (WCAG contrast, with
# translucent colours and backgrounds composed over what is behind them), lines an element
# spans, and where an element is.
MEASURES = """() => {
  const rgba = (text) => {
    const parts = text.match(/[\\d.]+/g).map(Number);
    return [parts[0], parts[1], parts[2], parts.length > 3 ? parts[3] : 1];
  };
  const over = (top, bottom) =>
    [0, 1, 2].map((i) => top[i] * top[3] + bottom[i] * (1 - top[3])).concat(1);
  const background = (element) => {
    const layers = [];
    for (let e = element; e; e = e.parentElement) {
      const colour = rgba(getComputedStyle(e).backgroundColor);
      if (colour[3] > 0) layers.push(colour);
      if (colour[3] === 1) break;
    }
    return layers.reverse().reduce((below, layer) => over(layer, below), [255, 255, 255, 1]);
  };
  const luminance = (colour) => {
    const [r, g, b] = colour.slice(0, 3).map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const opacity = (element) => {
    let product = 1;
    for (let e = element; e; e = e.parentElement) product *= Number(getComputedStyle(e).opacity);
    return product;
  };
  window.measure = {
    colour: (element) => over(rgba(getComputedStyle(element).color), background(element)),
    // The element's opacity fades its text into what is behind it (notes have no background).
    contrast: (element) => {
      const back = background(element);
      const colour = rgba(getComputedStyle(element).color);
      colour[3] *= opacity(element);
      const fore = over(colour, back);
      const [light, dark] = [luminance(fore), luminance(back)].sort((a, b) => b - a);
      return (light + 0.05) / (dark + 0.05);
    },
    opacity,
    // The lines a piece of text runs over: an inline element's boxes, or a cell's text.
    lines: (element) => {
      const range = document.createRange();
      range.selectNodeContents(element);
      const tops = [...range.getClientRects()].filter((r) => r.width > 0).map((r) => r.top);
      return new Set(tops.map(Math.round)).size;
    },
    box: (element) => {
      const r = element.getBoundingClientRect();
      return {left: r.left, right: r.right, top: r.top, bottom: r.bottom,
              width: r.width, height: r.height};
    },
  };
}"""


def screenshot_of(visit: Visit, selector: str, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    visit.page.locator(selector).first.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def set_palette(visit: Visit, scheme: str) -> None:
    """Material's palette, as its toggle sets it, once the colours have faded to it (links'
    colours change over 125 ms)."""
    visit.page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
    visit.page.wait_for_function("document.getAnimations().every((a) => a.playState !== 'running')")


# --- The ID of a numbered-list requirement --------------------------------------------------


NUMBERED = """() => [...document.querySelectorAll('.md-content ol > li')].map((item) => {
  const badge = item.firstElementChild;
  const title = item.querySelector('strong');
  return {
    text: item.textContent.trim().slice(0, 30),
    badge: badge.matches('a.archcrew-id') ? badge.textContent : null,
    href: badge.getAttribute('href'),
    visible: badge.checkVisibility(),
    contrast: measure.contrast(badge),
    badgeBox: measure.box(badge),
    titleBox: measure.box(title),
    lines: measure.lines(badge),
  };
})"""


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_each_numbered_requirement_shows_its_id_left_of_its_text(visit: Visit, scheme: str) -> None:
    set_palette(visit, scheme)
    items: list[dict[str, Any]] = visit.page.evaluate(NUMBERED)
    screenshot_of(visit, "[id='3-functional-requirements'] + ol", f"rds-numbered-{scheme}")

    expected = [f"FR-{n}" for n in range(1, 5)] + [f"NFR-{n}" for n in range(1, 4)]
    assert [item["badge"] for item in items] == expected
    # Its ID starts the item's text, and so the text the search index holds.
    assert [item["text"].split(" ")[0] for item in items] == expected
    for item, ident in zip(items, expected, strict=True):
        badge, title = item["badgeBox"], item["titleBox"]
        assert item["visible"]
        assert badge["width"] > 20, item
        assert badge["height"] > 10, item
        # Left of the title, on its line, and legible in this palette.
        assert badge["right"] <= title["left"], item
        assert badge["top"] < title["bottom"], item
        assert title["top"] < badge["bottom"], item
        assert item["contrast"] >= 4.5, item
        assert item["lines"] == 1
        # A link to itself: the way to copy the requirement's address.
        assert item["href"] == f"#{ident.lower()}"


# --- Links to a requirement --------------------------------------------------------------------


LANDING = """(ident) => {
  const target = document.getElementById(ident);
  const requirement = target.closest('li, tr');
  const header = document.querySelector('.md-header').getBoundingClientRect();
  const first = requirement.getClientRects()[0];
  return {
    target: measure.box(target),
    requirement: measure.box(requirement),
    lineHeight: parseFloat(getComputedStyle(requirement).lineHeight),
    headerBottom: header.bottom,
    viewport: window.innerHeight,
  };
}"""


@pytest.mark.parametrize("ident", ["fr-3", "ops-1", "req-api-2"])
def test_a_link_to_a_requirement_lands_on_its_first_line(
    shared: Visit, browser: tuple[Browser, str], ident: str
) -> None:
    """A numbered item, a list item, a table row: followed from another page, as FRS links are."""
    visit = at(shared, browser[1] + "links/")
    # A short window, so that every requirement is far enough from the page's end to scroll to.
    visit.page.set_viewport_size({"width": 1280, "height": 500})
    visit.page.get_by_role("link", name=ident.upper(), exact=True).click()
    visit.page.wait_for_url(f"**/RDS/#{ident}")
    visit.page.wait_for_function("window.scrollY > 0")
    visit.page.evaluate(MEASURES)
    landing: dict[str, Any] = visit.page.evaluate(LANDING, ident)
    visit.screenshot(f"rds-landing-{ident}")

    target, requirement = landing["target"], landing["requirement"]
    # The anchor is on the requirement's first line, not at the end of its text.
    assert target["top"] - requirement["top"] < landing["lineHeight"], landing
    # That line is in view, under Material's header.
    assert landing["headerBottom"] <= requirement["top"], landing
    assert requirement["top"] + landing["lineHeight"] <= landing["viewport"], landing


# --- Uncovered requirements -------------------------------------------------------------------


NOTES = r"""() => {
  const uncovered = document.querySelector('.archcrew-uncovered');
  const covered = document.querySelector('.archcrew-coverage:not(.archcrew-uncovered)');
  const icon = uncovered.querySelector('svg');
  return {
    text: uncovered.textContent,
    item: uncovered.closest('li').textContent.trim().split(/\s/)[0],
    contrast: measure.contrast(uncovered),
    opacity: measure.opacity(uncovered),
    colour: measure.colour(uncovered),
    coveredColour: measure.colour(covered),
    icon: icon && icon.checkVisibility() ? measure.box(icon) : null,
    iconFill: icon ? getComputedStyle(icon.firstElementChild).fill : null,
    noteColour: getComputedStyle(uncovered).color,
    hidden: icon ? icon.getAttribute('aria-hidden') : null,
    count: document.querySelectorAll('.archcrew-uncovered').length,
  };
}"""


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_an_uncovered_requirement_stands_out_in_both_palettes(visit: Visit, scheme: str) -> None:
    set_palette(visit, scheme)
    notes: dict[str, Any] = visit.page.evaluate(NOTES)
    screenshot_of(visit, "[id='7-operational-requirements'] + ul", f"rds-uncovered-{scheme}")
    visit.screenshot(f"rds-{scheme}")

    assert notes["count"] == 1
    assert notes["item"] == "OPS-3"
    # Words and an icon, not a colour alone; the icon is the note's colour, and silent.
    assert notes["text"] == "not covered by the FRS"
    assert notes["icon"] is not None, notes
    assert notes["icon"]["width"] >= 12, notes
    assert notes["iconFill"] == notes["noteColour"]
    assert notes["hidden"] == "true"
    # Legible (WCAG AA for small text: 4.5:1), and fully opaque, unlike the discreet covered
    # notes (which Material fades to 0.75).
    assert notes["contrast"] >= 4.5, notes
    assert notes["opacity"] == 1
    # Red: its red channel well above green and blue; the covered notes' is grey.
    red, green, blue, _ = notes["colour"]
    assert red - max(green, blue) > 80, notes
    covered_red, covered_green, covered_blue, _ = notes["coveredColour"]
    assert abs(covered_red - covered_green) < 30
    assert abs(covered_red - covered_blue) < 30


# --- IDs never break --------------------------------------------------------------------------


WIDTHS = range(320, 641, 32)
"""Phone to small tablet widths, enough for some ID links to reach a line's end."""

BROKEN = """() => {
  const ids = [...document.querySelectorAll('.md-content .archcrew-link, .md-content .archcrew-id')];
  const cells = [...document.querySelectorAll('.md-content td')].filter(
    (cell) => cell.querySelector(':scope > a[id]:empty:first-child'));
  return {
    count: ids.length + cells.length,
    broken: [...ids, ...cells].filter((e) => measure.lines(e) > 1).map((e) => e.textContent.trim()),
  };
}"""

# What the page would do without archcrew's rule: the browser breaks after a hyphen.
WITHOUT_THE_RULE = """() => {
  const style = document.createElement('style');
  style.textContent = '.archcrew-link, .archcrew-id, td { white-space: normal !important; }';
  document.head.append(style);
  window.changed = true;
}"""


def broken_ids(visit: Visit) -> tuple[int, set[str]]:
    count, broken = 0, set()
    for width in WIDTHS:
        visit.page.set_viewport_size({"width": width, "height": 800})
        found: dict[str, Any] = visit.page.evaluate(BROKEN)
        count = max(count, found["count"])
        broken.update(found["broken"])
    return count, broken


def test_id_links_never_break_at_their_hyphen(shared: Visit, browser: tuple[Browser, str]) -> None:
    visit = at(shared, browser[1] + "FRS/")
    count, broken = broken_ids(visit)
    visit.page.set_viewport_size({"width": 360, "height": 800})
    visit.screenshot("frs-narrow")
    assert count >= 20
    assert broken == set()

    # The measure sees breaks where there are: without the rule, IDs do break at these widths.
    visit.page.evaluate(WITHOUT_THE_RULE)
    _, broken = broken_ids(visit)
    assert broken, "no ID link ever reached a line's end: the widths prove nothing"
    assert all(re.fullmatch(r"[A-Z]+(-[A-Z]+)?-\d+", text) for text in broken), broken


def test_ids_on_the_rds_page_never_break(visit: Visit) -> None:
    """Badges start their lines; Material gives table cells room (and archcrew.css keeps an ID
    cell whole where a theme does not)."""
    count, broken = broken_ids(visit)
    visit.page.set_viewport_size({"width": 360, "height": 800})
    visit.screenshot("rds-narrow")
    assert count == 10  # seven badges, three table rows
    assert broken == set()


# --- What other readers of the page get: search, table of contents, anchors -------------------


def test_the_search_index_and_the_table_of_contents_stay_clean(site: Site) -> None:
    index = json.loads((site.root / "site" / "search" / "search_index.json").read_text())
    rds = {doc["location"]: doc for doc in index["docs"] if doc["location"].startswith("RDS/")}
    # An ID badge is text: "FR-3" finds the item that defines it, read with its title.
    functional = rds["RDS/#3-functional-requirements"]
    assert "<li>FR-3 Reading storage: Accepted readings" in functional["text"]
    assert functional["title"] == "3. Functional Requirements"
    # Notes are not: Material's search leaves out what carries data-search-exclude.
    assert not any("covered" in doc["text"] for doc in rds.values())

    html = site.html("RDS.md")
    toc = re.search(r'<nav class="md-nav md-nav--secondary".*?</nav>', html, re.DOTALL)
    assert toc
    entries = [
        text.strip()
        for text in re.findall(r'<span class="md-ellipsis">(.*?)</span>', toc[0], re.DOTALL)
    ]
    assert entries[:5] == [
        "1. Purpose",
        "2. Stakeholders",
        "3. Functional Requirements",
        "4. Non-Functional Requirements",
        "5. Station Requirements",
    ]
    # Every id on the page once, each requirement's among them.
    ids = Counter(re.findall(r'\sid="([^"]+)"', html))
    assert [ident for ident, count in ids.items() if count > 1] == []
    for ident in ("fr-1", "fr-4", "nfr-3", "sr-2", "req-api-3", "ops-3"):
        assert ids[ident] == 1, ident


# --- The traceability diagram -----------------------------------------------------------------


DIAGRAM = """() => {
  for (const host of document.querySelectorAll('.mermaid')) {
    const svg = (host.shadowRoot || host).querySelector('svg');
    if (svg && svg.textContent.includes('Requirements (RDS)')) {
      const box = svg.getBoundingClientRect();
      return {height: box.height, width: box.width, natural: svg.viewBox.baseVal.width,
              column: host.parentElement.getBoundingClientRect().width};
    }
  }
  return null;
}"""

DRAW = """async (text) => {
  const {svg} = await mermaid.render('archcrew-measured', text);
  const host = document.createElement('div');
  host.className = 'measured';
  host.innerHTML = svg;
  document.querySelector('.md-content__inner').append(host);
  const drawn = host.querySelector('svg');
  const box = drawn.getBoundingClientRect();
  return {height: box.height, width: box.width, natural: drawn.viewBox.baseVal.width,
          column: host.getBoundingClientRect().width};
}"""


def hundred_requirements() -> str:
    """The diagram of 100 numbered-list requirements, covered by the ten sections of one FRS
    page: each section a run of ten, and two that concern the whole."""
    functional = "\n".join(f"{n}. **Function {n}**: text." for n in range(1, 61))
    other = "\n".join(f"{n}. **Quality {n}**: text." for n in range(1, 41))
    rds = (
        "# RDS\n\n## Functional Requirements\n\n"
        f"{functional}\n\n## Non-Functional Requirements\n\n{other}\n"
    )
    ids = [f"FR-{n}" for n in range(1, 61)] + [f"NFR-{n}" for n in range(1, 41)]
    sections = [
        f"## Part {part}\n\nCovers {', '.join(ids[part * 10 : part * 10 + 10])}, "
        f"with NFR-{part + 1} and NFR-{40 - part}.\n"
        for part in range(10)
    ]
    frs = "# FRS\n\n" + "\n".join(sections)
    docs = {"RDS.md": scan(rds), "FRS.md": scan(frs)}
    trace = trace_project(docs, {p: f"docs/{p}" for p in docs}, TraceSettings(), default_slugify)
    assert len(trace.requirements) == 100
    assert not trace.findings
    return trace_diagram(trace)


def test_the_trace_diagram_stays_readable(shared: Visit, browser: tuple[Browser, str]) -> None:
    """One FRS page: the example's 17 requirements, and 100 in the ten sections of another,
    drawn by Material's Mermaid in its content column."""
    visit = at(shared, browser[1] + "CLAUDE/")
    visit.wait_for_diagrams(5)
    visit.page.add_style_tag(content=".md-header { position: static; }")  # not over a screenshot
    example = visit.page.evaluate(DIAGRAM)
    visit.page.locator(".mermaid", has_text="Requirements (RDS)").screenshot(
        path=str(SCREENSHOTS / "trace-diagram-17.png")
    )
    text = hundred_requirements()
    hundred = visit.page.evaluate(DRAW, text)
    screenshot_of(visit, ".measured", "trace-diagram-100")
    visit.page.evaluate("window.changed = true")

    assert example is not None
    for drawn in (example, hundred):
        # Drawn at its own size: the page does not shrink its text to make it fit.
        assert drawn["width"] >= 0.99 * drawn["natural"], drawn
        assert drawn["natural"] <= drawn["column"], drawn
    # As tall as its rows, each at most three lines of text (100 px): the column names, the
    # gaps, and one row for each FRS section that covers requirements, however many there are.
    # The example's FRS has 9 such sections, the other 10 (a node per requirement made these
    # diagrams 1,772 and 10,436 px tall).
    assert example["height"] <= 100 * (1 + 2 + 9), example
    assert hundred["height"] <= 100 * (1 + 10), hundred
    assert rows(text) == 1 + 10
    # About one screen either way: 100 requirements take no more room than 17 do.
    assert hundred["height"] <= 1.2 * example["height"], (example, hundred)


def rows(text: str) -> int:
    return sum(1 for line in text.split("\n") if re.search(r" (-->|-\.->|~~~) ", line))
