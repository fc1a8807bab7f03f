"""Mermaid's size limit (maxTextSize), end to end: what a build says of each diagram around the
limit is what Chromium then shows of it, measured on the built site."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from conftest import Site, node_modules

from e2e.browser import Visit, chromium, served

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.e2e

LIMIT = 50_000
REFUSED = "Maximum text size in diagram exceeded"


def sized(length: int, before: str = "", last: str = "x") -> str:
    """A flowchart of `length` characters as JavaScript counts them, after `before` (front
    matter, comments, a directive: what Mermaid does not count), its last label ending with
    `last`. A few nodes with long labels: quick to lay out."""
    text = before + "graph TB\n"
    node = 0
    while length - len(text) > 6_000:
        text += f'    N{node}["{"label " * 800}"]\n'
        node += 1
    tail = f'    Z["{last}"]'
    units = len(tail.encode("utf-16-le")) // 2
    return text + tail.replace(f'"{last}"', f'"{"y" * (length - len(text) - units)}{last}"')


FRONT_MATTER = "---\ntitle: Gauges\n---\n"
COMMENTS = "%% reviewed by the harbour team\n" * 6
DIRECTIVE = '%%{init: {"maxTextSize": 200000}}%%\n'

CASES: dict[str, tuple[str, int]] = {
    # name: (diagram, the length Mermaid measures)
    "at the limit": (sized(LIMIT), LIMIT),
    "one over": (sized(LIMIT + 1), LIMIT + 1),
    "front matter not counted": (sized(LIMIT + len(FRONT_MATTER), FRONT_MATTER), LIMIT),
    "comments not counted": (sized(LIMIT + len(COMMENTS), COMMENTS), LIMIT),
    "a character beyond U+FFFF counts two": (sized(LIMIT + 1, last="🌊"), LIMIT + 1),
    "a diagram cannot raise the limit": (
        sized(LIMIT + 1 + len(DIRECTIVE), DIRECTIVE),
        LIMIT + 1,
    ),
}

MATERIAL_FENCE = "!!python/name:pymdownx.superfences.fence_code_format"
MERMAID2_FENCE = "!!python/name:mermaid2.fence_mermaid_custom"


def site_with(tmp_path: Path, cases: dict[str, tuple[str, int]], plugins: str, fence: str) -> Site:
    site = Site(tmp_path / "project")
    site.root.mkdir()
    (site.root / "node_modules").symlink_to(node_modules(), target_is_directory=True)
    config = (
        "site_name: Sizes\n"
        "theme: {name: material, font: false}\n"
        "markdown_extensions:\n"
        "  - pymdownx.superfences:\n"
        "      custom_fences:\n"
        "        - name: mermaid\n"
        "          class: mermaid\n"
        f"          format: {fence}\n"
        f"plugins:\n{plugins}"
        "  - archcrew:\n"
        "      mermaid:\n"
        "        javascript: node_modules/mermaid/dist/mermaid.min.js\n"
        "        on_error: warn\n"
    )
    (site.root / "mkdocs.yml").write_text(config, encoding="utf-8")
    page = "# Sizes\n"
    for name, (text, _) in cases.items():
        page += f"\n## {name}\n\n```mermaid\n{text}\n```\n"
    site.page("index.md", page)
    return site


def fence_lines(site: Site) -> list[int]:
    lines = (site.docs / "index.md").read_text(encoding="utf-8").splitlines()
    return [number for number, line in enumerate(lines, 1) if line == "```mermaid"]


def refused_in_the_browser(site: Site, count: int) -> list[bool]:
    with served(site.root / "site") as url, chromium() as browser:
        visit = Visit(browser, url)
        visit.wait_for_diagrams(count)
        shown = visit.page.evaluate(
            """() => [...document.querySelectorAll('.mermaid')].map(
                   host => (host.shadowRoot || host).querySelector('svg')?.textContent || '')"""
        )
        visit.close()
    return [REFUSED in text for text in shown]


@pytest.mark.parametrize(
    ("plugins", "fence", "limit"),
    [
        ("", MATERIAL_FENCE, LIMIT),
        # Its fence wrote a line end after the diagram, one more character for Mermaid.
        ("  - mermaid2\n", MERMAID2_FENCE, LIMIT),
        # Material initializes Mermaid itself and would drop mkdocs-mermaid2's arguments;
        # archcrew's shim gives Mermaid the limit the build checked with.
        ("  - mermaid2:\n      arguments: {maxTextSize: 60000}\n", MATERIAL_FENCE, 60_000),
    ],
    ids=["Mermaid's default", "mkdocs-mermaid2's fence", "mkdocs-mermaid2's arguments"],
)
def test_the_build_says_too_large_exactly_when_the_browser_refuses(
    tmp_path: Path, plugins: str, fence: str, limit: int
) -> None:
    cases = dict(CASES)
    if limit != LIMIT:
        cases["at the site's limit"] = (sized(limit), limit)
        cases["over the site's limit"] = (sized(limit + 1), limit + 1)
    site = site_with(tmp_path, cases, plugins, fence)

    run = site.build()

    assert run.returncode == 0, run.output
    flagged = {
        int(line)
        for line in re.findall(
            r"WARNING -  archcrew: docs/index.md:(\d+): Mermaid diagram is", run.output
        )
    }
    said = [line in flagged for line in fence_lines(site)]
    expected = [measured > limit for _, measured in cases.values()]
    assert said == expected, run.output
    assert refused_in_the_browser(site, len(cases)) == expected
    assert f"over the {limit:,} it draws" in run.output
