"""Drawings made portable (`portable.py`), drawn by the real Mermaid in the real Chromium: they
carry their labels as SVG text, name no id that a PDF exporter could rename, keep each one's
styles to itself, and look as Mermaid's own drawing does, arrowheads included."""

from __future__ import annotations

import re

import pytest
from conftest import EXAMPLE_SITE, node_modules, require

from mkdocs_archcrew.mermaid import portable
from mkdocs_archcrew.mermaid.cache import Cache, cache_key
from mkdocs_archcrew.mermaid.diagrams import Diagram
from mkdocs_archcrew.mermaid.figure import figure
from mkdocs_archcrew.mermaid.render import CHROMIUM_FLAGS, THEMES, render, svg_key
from mkdocs_archcrew.mermaid.toolchain import Toolchain

DIAGRAMS = {
    "flowchart": "graph LR\n    G[Gateway] -->|NFR-1| P[Pager]\n    P --o Q((Queue)) --x R{Retry}",
    "sequence": "sequenceDiagram\n    Gauge->>Gateway: reading\n    Gateway--)Gauge: ack\n"
    "    Gateway-xPager: alert",
    "class": "classDiagram\n    Reading <|-- Tide\n    Station *-- Reading\n    Station o-- Gauge\n"
    "    Station ..> Queue : uses",
    "state": "stateDiagram-v2\n    [*] --> Quiet\n    Quiet --> Alerting : threshold\n"
    "    Alerting --> [*]",
    "er": "erDiagram\n    STATION ||--o{ READING : records\n    GAUGE ||--|{ READING : sends",
    "gantt": "gantt\n    dateFormat YYYY-MM-DD\n    section Rollout\n    Gauges :a1, 2026-01-01, 30d\n"
    "    Alerts :after a1, 20d",
}
LABELS = {
    "flowchart": {"Gateway", "NFR-1", "Pager", "Queue", "Retry"},
    "sequence": {"Gauge", "Gateway", "Pager", "reading", "ack", "alert"},
    "class": {"Reading", "Tide", "Station", "Gauge", "Queue", "uses"},
    "state": {"Quiet", "Alerting", "threshold"},
    "er": {"STATION", "READING", "GAUGE", "records", "sends"},
    "gantt": {"Rollout", "Gauges", "Alerts"},
}
ACCESSIBLE = (
    "graph LR\n    accTitle: Alert path\n    accDescr: From the gateway to the pager\n    G --> P"
)


def diagram(text: str) -> Diagram:
    return Diagram("d.md", "docs/d.md", 1, 0, 0, text)


def toolchain() -> Toolchain:
    node_modules()
    found = Toolchain.find(EXAMPLE_SITE, None, None)
    require(found.cannot_render())
    return found


@pytest.fixture(scope="module")
def drawn() -> tuple[dict[str, dict[str, str]], Cache]:
    """The diagrams, drawn once for the module, over a cache that holds drawings made before
    diagrams were made portable."""
    tools = toolchain()
    assert tools.version is not None
    cache = Cache(None)
    for text in [*DIAGRAMS.values(), ACCESSIBLE]:
        cache.svg[cache_key("svg", tools.version, "strict", text)] = {"default": "<svg>old</svg>"}
    drawings = render(map(diagram, [*DIAGRAMS.values(), ACCESSIBLE]), tools, cache, "strict")
    return drawings, cache


def scope(text: str, theme: str) -> str:
    return f"archcrew-{cache_key(text)[:12]}-{theme}"


def texts(svg: str) -> set[str]:
    """The words of the drawing's SVG <text> elements."""
    return {
        word
        for found in re.findall(r"<text\b.*?</text>", svg, re.DOTALL)
        for word in re.sub(r"<[^>]+>", " ", found).split()
    }


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("kind", DIAGRAMS)
def test_a_drawing_names_no_id_and_shows_its_labels_as_svg_text(
    drawn: tuple[dict[str, dict[str, str]], Cache], kind: str, theme: str
) -> None:
    svg = drawn[0][DIAGRAMS[kind]][theme]
    own = scope(DIAGRAMS[kind], theme)
    assert "<foreignObject" not in svg
    assert LABELS[kind] <= texts(svg)
    # Nothing an exporter may rename: no marker, no shape that names an id, styles scoped by a
    # class. The only ids left are those the styles name: the dark theme's gradient, which only
    # the "neo" look uses.
    [style] = re.findall(r"<style>(.*?)</style>", svg, re.DOTALL)
    assert "<marker" not in svg
    assert "url(#" not in svg.replace(style, "")
    assert set(re.findall(r"\sid=\"([^\"]*)", svg)) <= set(re.findall(r"url\(#([^)]+)\)", style))
    assert "#archcrew" not in re.sub(r"url\([^)]*\)", "", style)
    assert set(re.findall(r"\.(archcrew-[\w-]+)", style)) == {own}
    [classes] = re.findall(r'^<svg[^>]*\sclass="([^"]*)"', svg)
    assert own in classes.split()


def test_drawings_made_before_are_drawn_again(
    drawn: tuple[dict[str, dict[str, str]], Cache],
) -> None:
    drawings, cache = drawn
    assert all(svgs["default"] != "<svg>old</svg>" for svgs in drawings.values())
    version = toolchain().version
    assert version is not None
    for text in DIAGRAMS.values():
        assert cache.svg[svg_key(version, "strict", text)] == drawings[text]


def test_two_diagrams_in_both_palettes_share_nothing(
    drawn: tuple[dict[str, dict[str, str]], Cache],
) -> None:
    drawings = drawn[0]
    page = figure(drawings[DIAGRAMS["flowchart"]]) + figure(drawings[DIAGRAMS["state"]])
    ids = re.findall(r'\sid="([^"]*)"', page)
    assert len(ids) == len(set(ids))
    # Each drawing's styles reach its own SVG only, by a class no other drawing has.
    scopes = [scope(DIAGRAMS[kind], theme) for kind in ("flowchart", "state") for theme in THEMES]
    assert len(set(scopes)) == 4
    for own in scopes:
        assert len(re.findall(rf'class="[^"]*\b{own}\b', page)) == 1


def test_ids_the_drawing_names_stay(drawn: tuple[dict[str, dict[str, str]], Cache]) -> None:
    svg = drawn[0][ACCESSIBLE]["default"]
    [title] = re.findall(r'aria-labelledby="([^"]+)"', svg)
    [description] = re.findall(r'aria-describedby="([^"]+)"', svg)
    assert set(re.findall(r'\sid="([^"]+)"', svg)) == {title, description}
    assert "Alert path" in svg


COMPARE = (
    """
async ({diagrams, config}) => {
  const portable = """
    + portable.SCRIPT
    + """;
  mermaid.initialize({...config, startOnLoad: false, securityLevel: "strict", theme: "default"});
  const place = document.createElement("div");
  document.body.appendChild(place);
  // An SVG as the browser paints it on its own, twice the size, as RGBA bytes.
  const pixels = async (svg, width, height) => {
    place.innerHTML = svg;
    const element = place.firstElementChild;
    element.setAttribute("width", width);
    element.setAttribute("height", height);
    element.style.maxWidth = "";
    const image = new Image();
    image.src = "data:image/svg+xml;charset=utf-8,"
      + encodeURIComponent(new XMLSerializer().serializeToString(element));
    await image.decode();
    const canvas = document.createElement("canvas");
    [canvas.width, canvas.height] = [width * 2, height * 2];
    const context = canvas.getContext("2d");
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return context.getImageData(0, 0, canvas.width, canvas.height).data;
  };
  const differing = (one, other) => {
    let count = 0;
    for (let i = 0; i < one.length; i += 4) {
      if ([0, 1, 2, 3].some((c) => Math.abs(one[i + c] - other[i + c]) > 64)) count++;
    }
    return count;
  };
  const out = {};
  for (const [name, text] of Object.entries(diagrams)) {
    const {svg} = await mermaid.render(`compare-${name}`, text);
    place.innerHTML = svg;
    const box = place.firstElementChild.viewBox.baseVal;
    const [width, height] = [Math.ceil(box.width), Math.ceil(box.height)];
    const mermaids = await pixels(svg, width, height);
    place.innerHTML = svg;
    const ours = await pixels(portable(place.firstElementChild, `compare-${name}`), width, height);
    // The same drawing with no arrowheads: what the comparison must see.
    place.innerHTML = svg;
    for (const shape of place.querySelectorAll("[marker-start], [marker-end]")) {
      shape.removeAttribute("marker-start");
      shape.removeAttribute("marker-end");
    }
    const bare = await pixels(place.innerHTML, width, height);
    out[name] = [differing(mermaids, ours), differing(mermaids, bare)];
  }
  return out;
}
"""
)


def test_arrowheads_are_drawn_where_mermaids_markers_are() -> None:
    tools = toolchain()
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 - optional

    with_markers = {kind: DIAGRAMS[kind] for kind in ("flowchart", "sequence", "class", "state")}
    with_markers["er"] = DIAGRAMS["er"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=tools.browser, args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page()
            page.set_content("<!DOCTYPE html><html><head></head><body></body></html>")
            page.add_script_tag(path=str(tools.javascript))
            counts = page.evaluate(COMPARE, {"diagrams": with_markers, "config": portable.CONFIG})
        finally:
            browser.close()
    # Pixels that differ from Mermaid's drawing, against those that differ when the arrowheads
    # are left out. Ours differ at most where a marker clips its content to its box and our
    # copy does not (the last pixel of a pointed tip).
    for kind, (ours, without_arrowheads) in counts.items():
        assert without_arrowheads > 200, kind
        assert ours < without_arrowheads / 5, (kind, ours, without_arrowheads)
