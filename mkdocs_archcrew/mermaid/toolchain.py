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
