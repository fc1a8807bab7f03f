"""Mermaid diagrams: found in pages, checked with Mermaid's own parser, optionally drawn as SVG.

All diagrams of a build go to one Node process (parsing, under jsdom) and, to pre-render, to one
Chromium page; results are cached by diagram text and Mermaid version, on disk and in memory,
so an unchanged diagram costs nothing on the next build or serve rebuild.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING, Any

from .source import Kind

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping
    from pathlib import Path

    from .findings import Finding
    from .source import Document

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
INSTALL_HINT = "npm install mermaid jsdom (next to mkdocs.yml) with Node.js 18 or newer"


@dataclass(frozen=True, slots=True)
class Diagram:
    """One Mermaid diagram: its text and where its fence opens."""

    page: str
    file: str
    line: int
    """Line of the opening fence in its page (0 for a generated diagram)."""
    start: int
    end: int
    """The fenced block's offsets in its page, fences included."""
    text: str
    indent: str = ""
    """Indentation of the fence (a diagram in a list item)."""


@dataclass(frozen=True, slots=True)
class Result:
    """What Mermaid said of a diagram, and its SVG per theme when pre-rendered."""

    ok: bool
    line: int = 0
    """Line of the diagram (1 = the first line after the fence) where parsing failed."""
    message: str = ""
    svg: Mapping[str, str] | None = None


@dataclass(frozen=True)
class DiagramOutcome:
    """What the toolchain said of a project's diagrams, by diagram text."""

    parsed: Mapping[str, Result] = field(default_factory=dict)
    svgs: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    version: str = ""
    findings: list[Finding] = field(default_factory=list)
    """Problems of the toolchain itself (not installed, failed)."""


def collect(docs: Mapping[str, Document], shown: Mapping[str, str]) -> list[Diagram]:
    """Every ``mermaid`` fenced block of every page, in page order."""
    diagrams = []
    for page, doc in docs.items():
        for region in doc.of_kind(Kind.FENCE):
            if region.language != "mermaid":
                continue
            block = doc.text[region.start : region.end]
            opening, _, rest = block.partition("\n")
            indent = opening[: len(opening) - len(opening.lstrip(" \t>"))]
            lines = rest.split("\n")
            while lines and not lines[-1].strip():
                lines.pop()
            body = [
                line[len(indent) :] if line.startswith(indent) else line.lstrip()
                for line in lines[:-1]
            ]
            diagrams.append(
                Diagram(
                    page,
                    shown[page],
                    doc.line_of(region.start),
                    region.start,
                    region.end,
                    "\n".join(body),
                    indent,
                )
            )
    return diagrams


def _key(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


@dataclass
class Cache:
    """Results by diagram text and Mermaid version: in memory, and in a JSON file between builds."""

    path: Path | None
    parsed: dict[str, list[Any]] = field(default_factory=dict)
    svg: dict[str, dict[str, str]] = field(default_factory=dict)
    changed: bool = False

    @classmethod
    def load(cls, path: Path | None) -> Cache:
        cache = cls(path)
        if path is not None and path.is_file():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                cache.parsed, cache.svg = dict(data["parsed"]), dict(data["svg"])
            except (OSError, ValueError, KeyError, TypeError):
                pass  # a damaged cache is rebuilt, never trusted
        return cache

    def save(self) -> None:
        if self.path is None or not self.changed:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(json.dumps({"parsed": self.parsed, "svg": self.svg}), encoding="utf-8")
        temporary.replace(self.path)
        self.changed = False


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


def cached(
    diagrams: Iterable[Diagram], version: str, cache: Cache
) -> tuple[dict[str, Result], list[str]]:
    """What the cache knows of the diagrams (by text), and the texts it does not know."""
    results: dict[str, Result] = {}
    todo: list[str] = []
    for diagram in diagrams:
        key = _key("parse", version, diagram.text)
        if key in cache.parsed:
            ok, line, message = cache.parsed[key]
            results[diagram.text] = Result(bool(ok), int(line), str(message))
        elif diagram.text not in todo:
            todo.append(diagram.text)
    return results, todo


def parse(texts: list[str], toolchain: Toolchain, cache: Cache) -> dict[str, Result]:
    """Parse diagrams in one Node process, and remember the results."""
    if toolchain.node is None or toolchain.version is None:
        raise ToolchainError("Node.js with mermaid is needed to check diagrams")
    script = resources.files("mkdocs_archcrew").joinpath("assets/parse.mjs")
    with resources.as_file(script) as path:
        try:
            completed = subprocess.run(
                [toolchain.node, str(path), str(toolchain.project_dir)],
                input=json.dumps({"diagrams": texts}),
                capture_output=True,
                text=True,
                timeout=120 + 2 * len(texts),
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            raise ToolchainError(f"Node.js could not check the diagrams: {error}") from None
    try:
        output = json.loads(completed.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        detail = (completed.stderr or completed.stdout).strip().splitlines()[-1:] or ["no output"]
        raise ToolchainError(f"Node.js could not check the diagrams: {detail[0]}") from None
    if "error" in output:
        raise ToolchainError(str(output["error"]))
    results: dict[str, Result] = {}
    for text, outcome in zip(texts, output["results"], strict=True):
        result = Result(
            bool(outcome["ok"]),
            int(outcome.get("line", 0)),
            _brief(str(outcome.get("message", ""))),
        )
        results[text] = result
        cache.parsed[_key("parse", toolchain.version, text)] = [
            result.ok,
            result.line,
            result.message,
        ]
        cache.changed = True
    return results


def _brief(message: str) -> str:
    """Mermaid's message in one line: what it expected, and near which text."""
    lines = [line for line in message.splitlines() if line.strip()]
    if (
        len(lines) >= 4
        and lines[0].startswith("Parse error on line")
        and set(lines[2]) <= {"-", "^"}
    ):
        near = lines[1].strip(". ")
        return f"{lines[3]} (near '{near}')"
    return " ".join(lines)


def render(
    diagrams: Iterable[Diagram], toolchain: Toolchain, cache: Cache, security_level: str
) -> dict[str, dict[str, str]]:
    """SVG for each diagram that parses, light and dark, in one Chromium page. Keyed by text."""
    assert toolchain.javascript is not None
    assert toolchain.browser is not None
    version = toolchain.version or _file_key(toolchain.javascript)
    results: dict[str, dict[str, str]] = {}
    todo: list[str] = []
    for diagram in diagrams:
        key = _key("svg", version, security_level, diagram.text)
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
                        "ids": [_key(text)[:12] for text in todo],
                        "themes": list(THEMES),
                        "securityLevel": security_level,
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
        cache.svg[_key("svg", version, security_level, text)] = svgs
        cache.changed = True
    return results


def _file_key(path: Path) -> str:
    """A version for a Mermaid bundle of unknown version: a digest of the file."""
    return "file:" + hashlib.sha256(path.read_bytes()).hexdigest()[:16]


_RENDER_SCRIPT = """
async ({diagrams, ids, themes, securityLevel}) => {
  const out = diagrams.map(() => ({}));
  for (const theme of themes) {
    mermaid.initialize({startOnLoad: false, securityLevel, theme});
    for (let i = 0; i < diagrams.length; i++) {
      if (out[i] === null) continue;
      try {
        const {svg} = await mermaid.render(`archcrew-${ids[i]}-${theme}`, diagrams[i]);
        out[i][theme] = svg;
      } catch (error) {
        out[i] = null;
      }
    }
  }
  return out;
}
"""


def figure(svgs: Mapping[str, str]) -> str:
    """A pre-rendered diagram as an HTML block: the light and the dark drawing, one shown at a time
    by the palette (``archcrew.css``)."""
    light = _one_line(svgs.get("default", ""))
    dark = _one_line(svgs.get("dark", "")) or light
    return (
        '<div class="archcrew-diagram">'
        f'<div class="archcrew-diagram-light">{light}</div>'
        f'<div class="archcrew-diagram-dark">{dark}</div></div>\n'
    )


def _one_line(svg: str) -> str:
    # One line, so Markdown sees one raw HTML block (a blank line would end it).
    return re.sub(r"\s*\n\s*", " ", svg).strip()


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
