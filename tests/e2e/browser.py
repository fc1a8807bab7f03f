"""A built site served on 127.0.0.1, and Debian's Chromium driven by Playwright to read it."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from conftest import REPO, require
from playwright.sync_api import Browser, Page, sync_playwright

from mkdocs_archcrew.mermaid.render import CHROMIUM_FLAGS

SCREENSHOTS = REPO / "test-output" / "screenshots"

# Material renders each diagram into a closed shadow root; opened, the test can see the SVG.
OPEN_SHADOW_ROOTS = """
const attach = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (init) {
  return attach.call(this, Object.assign({}, init, {mode: "open"}));
};
"""

COUNT_SVG = """
() => {
  let count = 0;
  for (const host of document.querySelectorAll(".mermaid")) {
    if (host.querySelector("svg") || (host.shadowRoot && host.shadowRoot.querySelector("svg"))) {
      count += 1;
    }
  }
  return count;
}
"""


def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    require(None if path else "Debian's chromium is not installed (apt install chromium)")
    assert path
    return path


@contextmanager
def served(site_dir: Path) -> Iterator[str]:
    """Serve a built site folder on a free loopback port; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def chromium() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        try:
            yield browser
        finally:
            browser.close()


class Visit:
    """One page load, with every request the page made."""

    def __init__(self, browser: Browser, url: str, *, javascript: bool = True) -> None:
        self.context = browser.new_context(
            java_script_enabled=javascript, viewport={"width": 1280, "height": 900}
        )
        self.context.add_init_script(OPEN_SHADOW_ROOTS)
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page: Page = self.context.new_page()
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        # Nothing may leave the machine; anything that tries is recorded above, then refused.
        self.page.route(
            "**/*",
            lambda route: (
                route.continue_()
                if urlsplit(route.request.url).hostname == "127.0.0.1"
                else route.abort()
            ),
        )
        self.page.goto(url, wait_until="load")

    def external_requests(self) -> list[str]:
        return [
            url
            for url in self.requests
            if urlsplit(url).hostname not in ("127.0.0.1", None) and not url.startswith("data:")
        ]

    def wait_for_diagrams(self, count: int) -> None:
        self.page.wait_for_function(f"({COUNT_SVG})() >= {count}", timeout=30_000)

    def rendered_diagrams(self) -> int:
        return int(self.page.evaluate(COUNT_SVG))

    def screenshot(self, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def close(self) -> None:
        self.context.close()
