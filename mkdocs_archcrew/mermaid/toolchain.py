"""What the machine offers for Mermaid: Node.js with mermaid and jsdom, Chromium, Playwright,
a local ``mermaid.min.js``; and in words a user can act on, what is missing."""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

INSTALL_HINT = "npm install mermaid jsdom (next to mkdocs.yml) with Node.js 18 or newer"


@dataclass
class Toolchain:
    """What the machine offers for Mermaid: Node with mermaid and jsdom, Chromium, a local
    ``mermaid.min.js``. `missing` says what is not there, in words a user can act on."""

    project_dir: Path
    node: str | None
    package: Path | None
    """``node_modules/mermaid`` as Node would resolve it from the project folder."""
    version: str | None
    javascript: Path | None
    """The local Mermaid bundle the site loads, or the one in ``node_modules``."""
    browser: str | None

    @classmethod
    def find(cls, project_dir: Path, javascript: Path | None, browser: str | None) -> Toolchain:
        package = _node_package(project_dir, "mermaid")
        version = None
        if package is not None:
            try:
                version = str(
                    json.loads((package / "package.json").read_text(encoding="utf-8"))["version"]
                )
            except (OSError, ValueError, KeyError):
                package = None
        if (
            javascript is None
            and package is not None
            and (package / "dist" / "mermaid.min.js").is_file()
        ):
            javascript = package / "dist" / "mermaid.min.js"
        return cls(
            project_dir,
            shutil.which("node"),
            package,
            version,
            javascript,
            browser
            or next(
                (
                    found
                    for name in ("chromium", "chromium-browser", "google-chrome")
                    if (found := shutil.which(name))
                ),
                None,
            ),
        )

    def cannot_parse(self) -> str | None:
        """Why diagrams cannot be checked here, or None when they can."""
        if self.package is None or self.version is None:
            return f"the npm package mermaid is not installed in {self.project_dir} or above"
        if self.node is None:
            return "Node.js is not installed"
        if _node_package(self.project_dir, "jsdom") is None:
            return f"the npm package jsdom is not installed in {self.project_dir} or above"
        return None

    def cannot_render(self) -> str | None:
        """Why diagrams cannot be pre-rendered here, or None when they can."""
        if self.javascript is None:
            return "no local Mermaid bundle (set mermaid.javascript, or npm install mermaid)"
        if self.browser is None:
            return "Chromium is not installed (apt install chromium)"
        try:
            import playwright.sync_api  # noqa: F401, PLC0415 - optional dependency
        except ImportError:
            return (
                "Playwright is not installed (pip install playwright; no browser download needed)"
            )
        return None


def _node_package(start: Path, name: str) -> Path | None:
    """Where Node finds a package from `start`: ``node_modules/<name>`` here or in a parent."""
    for folder in [start, *start.parents]:
        candidate = folder / "node_modules" / name
        if (candidate / "package.json").is_file():
            return candidate
    return None


class ToolchainError(Exception):
    """The toolchain exists but failed; the message says how."""


def version_of_bundle(path: Path) -> str | None:
    """The Mermaid version a ``mermaid.min.js`` declares, if it says."""
    try:
        with path.open("rb") as handle:
            head = handle.read(4_000_000).decode("utf-8", "ignore")
    except OSError:
        return None
    # The bundle keeps its own version in an object of its own: `={version:"11.17.2"}`
    # (dependencies bring other `version:` keys).
    found = re.search(r'=\{version:"(\d+\.\d+\.\d+[^"]*)"\}', head)
    return found[1] if found else None


MERMAID_CODE = b"Maximum text size in diagram exceeded"
"""Text of Mermaid's own API (what it draws for a diagram over its size limit), which every
build of Mermaid since 8.x holds: a file without it is not Mermaid, whatever its name."""
_DEFINES_GLOBAL = re.compile(rb"globalThis\[\s*[\"']mermaid[\"']\s*\]\s*=|\.mermaid\s*=[^=]")
"""How a browser bundle makes the global ``mermaid``: ``globalThis["mermaid"] = …`` (Mermaid 11's
IIFE) or ``root.mermaid = factory()`` (the UMD wrapper of earlier versions)."""
_EXPORTS = re.compile(rb"(?:^|[;})\s])export\s*(?:\{|default\b|(?:const|let|var|function)\s)", re.M)
"""A top-level ``export`` statement: an ES module, which defines no global."""
LARGEST_BUNDLE = 64 * 2**20
"""More than any build of Mermaid (its unminified bundle is some 8 MB): not read further."""


def bundle_problem(path: Path) -> str | None:
    """Why the file at `path` is not a Mermaid browser bundle, said of what it holds (its name
    proves nothing); None when it is one. Such a bundle holds Mermaid's code and defines the
    global ``mermaid`` that Material and mkdocs-mermaid2 look for; without it they fetch
    Mermaid from a CDN, and a file that is not Mermaid would be published as if it were."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            data = handle.read(LARGEST_BUNDLE)
    except OSError as error:
        return f"cannot be read ({error.strerror or error})"
    defines_global = _DEFINES_GLOBAL.search(data) is not None
    if not defines_global and _EXPORTS.search(data):
        return (
            "is an ES module, which does not define the global `mermaid` that Material and "
            "mkdocs-mermaid2 look for (they would fetch Mermaid from a CDN)"
        )
    if MERMAID_CODE not in data:
        return f"is not Mermaid: its {size:,} bytes hold none of Mermaid's code"
    if not defines_global:
        return (
            "holds Mermaid's code but does not define the global `mermaid` that Material and "
            "mkdocs-mermaid2 look for (they would fetch Mermaid from a CDN)"
        )
    return None
