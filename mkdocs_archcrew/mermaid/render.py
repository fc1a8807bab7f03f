"""Diagrams drawn as SVG at build time: all of a build in one Chromium page, light and dark."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from . import portable
from .cache import cache_key
from .size import DEFAULT_MAX_TEXT_SIZE
from .toolchain import ToolchainError

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

    from .cache import Cache
    from .diagrams import Diagram
    from .toolchain import Toolchain

THEMES = ("default", "dark")
"""Pre-rendered diagrams are drawn twice: for light palettes and for dark ones."""

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def render(
    diagrams: Iterable[Diagram],
    toolchain: Toolchain,
    cache: Cache,
    security_level: str,
    max_text_size: int = DEFAULT_MAX_TEXT_SIZE,
) -> dict[str, dict[str, str]]:
    """SVG for each diagram that parses, light and dark, in one Chromium page. Keyed by text.
    `max_text_size` is the site's: a diagram the site draws is drawn here too."""
    assert toolchain.javascript is not None
    assert toolchain.browser is not None
    version = toolchain.version or _file_version(toolchain.javascript)
    results: dict[str, dict[str, str]] = {}
    todo: list[str] = []
    for diagram in diagrams:
        key = svg_key(version, security_level, diagram.text)
        if key in cache.svg:
            results[diagram.text] = cache.svg[key]
        elif diagram.text not in todo:
            todo.append(diagram.text)
    if not todo:
        return results
    from playwright.sync_api import Error as PlaywrightError  # noqa: PLC0415 - optional
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=toolchain.browser, args=CHROMIUM_FLAGS
            )
            try:
                page = browser.new_page()
                page.set_content("<!DOCTYPE html><html><head></head><body></body></html>")
                page.add_script_tag(path=str(toolchain.javascript))
                drawn = page.evaluate(
                    _RENDER_SCRIPT,
                    {
                        "diagrams": todo,
                        "ids": [cache_key(text)[:12] for text in todo],
                        "themes": list(THEMES),
                        "securityLevel": security_level,
                        "maxTextSize": max_text_size,
                        "config": portable.CONFIG,
                    },
                )
            finally:
                browser.close()
    except PlaywrightError as error:
        raise ToolchainError(
            f"Chromium could not draw the diagrams: {str(error).splitlines()[0]}"
        ) from None
    for text, svgs in zip(todo, drawn, strict=True):
        if svgs is None:
            continue  # it does not parse: the parse check reports it
        results[text] = svgs
        cache.svg[svg_key(version, security_level, text)] = svgs
        cache.changed = True
    return results


def svg_key(version: str, security_level: str, text: str) -> str:
    """The cache key of a diagram's drawings: all that changes what they look like."""
    return cache_key("svg", version, portable.VERSION, security_level, text)


def _file_version(path: Path) -> str:
    """A version for a Mermaid bundle of unknown version: a digest of the file."""
    return "file:" + hashlib.sha256(path.read_bytes()).hexdigest()[:16]


_RENDER_SCRIPT = (
    """
async ({diagrams, ids, themes, securityLevel, maxTextSize, config}) => {
  const portable = """
    + portable.SCRIPT
    + """;
  const out = diagrams.map(() => ({}));
  const place = document.createElement("div");
  document.body.appendChild(place);
  for (const theme of themes) {
    mermaid.initialize({...config, startOnLoad: false, securityLevel, maxTextSize, theme});
    for (let i = 0; i < diagrams.length; i++) {
      if (out[i] === null) continue;
      const scope = `archcrew-${ids[i]}-${theme}`;
      let svg;
      try {
        ({svg} = await mermaid.render(scope, diagrams[i]));
      } catch (error) {
        out[i] = null;  // it does not parse
        continue;
      }
      // Made portable in the page, where its styles apply and its shapes can be measured.
      // (The sandbox level gives an <iframe>, whose drawing stays as Mermaid made it.)
      place.innerHTML = svg;
      const drawn = place.firstElementChild;
      out[i][theme] = drawn && drawn.localName === "svg" ? portable(drawn, scope) : svg;
      place.replaceChildren();
    }
  }
  return out;
}
"""
)
