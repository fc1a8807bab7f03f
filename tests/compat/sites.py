"""A copy of the base site with one companion added, built by the real `mkdocs build --strict`,
and its pages read back as element trees, so assertions hold whatever whitespace, attribute
order or quoting a companion (a minifier, say) leaves in the HTML."""

from __future__ import annotations

import copy
import gzip
import os
import re
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml
from conftest import Run, child_env
from mkdocs.utils import get_relative_url

from .matrix import Companion

HERE = Path(__file__).resolve().parent
BASE = HERE / "base"
OVERLAYS = HERE / "overlays"
MARKERS = ("\ue000", "\ue001")
"""archcrew's private-use markers: they hold annotations' places inside a build, and must never
reach a written file."""


class PythonName(str):
    """A `!!python/name:` value of mkdocs.yml, carried through unchanged."""


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


_PYTHON_NAME = "tag:yaml.org,2002:python/name:"
_Loader.add_multi_constructor(_PYTHON_NAME, lambda _loader, suffix, _node: PythonName(suffix))
_Dumper.add_representer(
    PythonName, lambda dumper, name: dumper.represent_scalar(_PYTHON_NAME + name, "")
)


def load_yaml(text: str) -> Any:
    # A safe loader that also reads `!!python/name:` tags, as text.
    return yaml.load(textwrap.dedent(text), Loader=_Loader)


def site_config(companion: Companion) -> dict[str, Any]:
    """The base site's configuration with the companion's merged in."""
    config: dict[str, Any] = load_yaml((BASE / "mkdocs.yml").read_text(encoding="utf-8"))
    [ours] = config["plugins"]
    snippet: dict[str, Any] = load_yaml(companion.config) or {}
    for key, value in snippet.items():
        if key == "plugins":
            # The snippet orders every plugin, archcrew included: order is what is tested.
            config["plugins"] = [_with_ours(entry, ours) for entry in value]
            named = [entry for entry in config["plugins"] if "archcrew" in entry]
            assert len(named) == 1, f"{companion.id}: plugins must name archcrew once"
        elif key == "markdown_extensions":
            config[key] = [*config[key], *value]
        elif isinstance(value, dict) and isinstance(config.get(key), dict):
            config[key] = _merged(config[key], value)
        else:
            config[key] = value
    return config


def _with_ours(entry: str | dict[str, Any], ours: dict[str, Any]) -> str | dict[str, Any]:
    """A plugin entry of the snippet; archcrew's gets the base site's options, and may add its
    own (`archcrew: {mermaid: {prerender: svg}}`)."""
    if entry == "archcrew":
        return ours
    if isinstance(entry, dict) and "archcrew" in entry:
        return {"archcrew": _merged(ours["archcrew"], entry["archcrew"])}
    return entry


def archcrew_options(config: dict[str, Any]) -> dict[str, Any]:
    [entry] = [entry for entry in config["plugins"] if "archcrew" in entry]
    options: dict[str, Any] = entry["archcrew"]
    return options


def _merged(base: dict[str, Any], more: dict[str, Any]) -> dict[str, Any]:
    result = copy.deepcopy(base)
    for key, value in more.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = _merged(result[key], value)
        else:
            result[key] = value
    return result


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = field(default_factory=list)

    def text(self) -> str:
        return "".join(child if isinstance(child, str) else child.text() for child in self.children)

    def labels(self) -> str:
        """The words of the text outside `<style>`: what an SVG shows."""
        return " ".join(
            word
            for child in self.children
            for word in (
                child.split()
                if isinstance(child, str)
                else ([] if child.tag == "style" else child.labels().split())
            )
        )

    def words(self) -> str:
        """The text with runs of whitespace made single spaces."""
        return " ".join(self.text().split())

    def references(self) -> set[str]:
        """The ids named by `url(#id)` in the attributes and styles of this element and those
        inside it, as SVG markers, gradients and filters are."""
        texts = [*self.attrs.values()]
        for node in self.walk():
            texts.extend(node.attrs.values())
            if node.tag == "style":
                texts.append(node.text())
        return {found for text in texts for found in re.findall(r"url\(#([^)\s]+)\)", text)}

    def walk(self) -> Iterator[Node]:
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.walk()

    def find(self, tag: str | None = None, cls: str | None = None) -> list[Node]:
        return [
            node
            for node in self.walk()
            if (tag is None or node.tag == tag)
            and (cls is None or cls in node.attrs.get("class", "").split())
        ]


class _TreeBuilder(HTMLParser):
    VOID = frozenset(
        {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
        | {"track", "wbr"}
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].children.append(node)
        if tag not in self.VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Node(tag, {name: value or "" for name, value in attrs}))

    def handle_endtag(self, tag: str) -> None:
        # HTML may leave elements open (a minifier drops optional end tags): close up to the
        # element this tag ends, and ignore a stray end tag.
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


@dataclass
class Page:
    """One built page, read as a tree."""

    path: Path
    root: Node

    @classmethod
    def read(cls, path: Path) -> Page:
        return cls.parse(path.read_text(encoding="utf-8"), path)

    @classmethod
    def parse(cls, html: str, path: Path) -> Page:
        builder = _TreeBuilder()
        builder.feed(html)
        builder.close()
        return cls(path, builder.root)

    @property
    def article(self) -> Node:
        """The page's content, without the theme's navigation around it."""
        found = self.root.find("article")
        return found[0] if found else self.root

    @property
    def ids(self) -> set[str]:
        return {node.attrs["id"] for node in self.root.walk() if "id" in node.attrs}

    @property
    def paragraphs(self) -> list[str]:
        return [node.words() for node in self.root.find("p")]

    @property
    def links(self) -> list[tuple[str, str]]:
        return [(node.attrs.get("href", ""), node.words()) for node in self.root.find("a")]

    @property
    def coverage_notes(self) -> list[tuple[str, list[str]]]:
        """Each coverage note's text and the targets of its links."""
        return [
            (note.words(), [link.attrs.get("href", "") for link in note.find("a")])
            for note in self.root.find("small", "archcrew-coverage")
        ]

    @property
    def diagram_sources(self) -> list[str]:
        """The Mermaid source of each diagram left for the browser to draw."""
        return [node.text().strip() for node in self.root.find(cls="mermaid")]

    @property
    def drawn_diagrams(self) -> list[Node]:
        """Each diagram archcrew drew at build time, as its light-scheme SVG."""
        return [
            svg
            for box in self.root.find("div", "archcrew-diagram-light")
            for svg in box.find("svg")
        ]

    @property
    def code(self) -> list[str]:
        return [node.text().strip() for node in self.root.find("code")]

    @property
    def scripts(self) -> list[str]:
        return [node.attrs["src"] for node in self.root.find("script") if "src" in node.attrs]

    @property
    def stylesheets(self) -> list[str]:
        return [
            node.attrs.get("href", "")
            for node in self.root.find("link")
            if node.attrs.get("rel") == "stylesheet"
        ]

    def meta(self, name: str) -> list[str]:
        return [
            node.attrs.get("content", "")
            for node in self.root.find("meta")
            if node.attrs.get("name") == name
        ]


@dataclass
class CompatSite:
    companion: Companion
    root: Path
    config: dict[str, Any]

    @classmethod
    def make(cls, companion: Companion, folder: Path, node_modules: Path) -> CompatSite:
        root = folder / "project"
        shutil.copytree(BASE, root)
        overlay = OVERLAYS / (companion.overlay or companion.id)
        if overlay.is_dir():
            shutil.copytree(overlay, root, dirs_exist_ok=True)
        config = site_config(companion)
        text = yaml.dump(config, Dumper=_Dumper, sort_keys=False, allow_unicode=True)
        (root / "mkdocs.yml").write_text(text, encoding="utf-8")
        (root / "node_modules").symlink_to(node_modules, target_is_directory=True)
        return cls(companion, root, config)

    @property
    def prerendered(self) -> bool:
        mermaid: dict[str, Any] = archcrew_options(self.config).get("mermaid", {})
        return mermaid.get("prerender") == "svg"

    @property
    def site_dir(self) -> Path:
        return self.root / "site"

    def build(self) -> Run:
        completed = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict"],
            capture_output=True,
            text=True,
            env=child_env(),
            # Some companions read paths relative to the working folder (snippets' base_path).
            cwd=self.root,
            timeout=180,
            check=False,
        )
        return Run(completed.returncode, completed.stdout + completed.stderr)

    @property
    def directory_urls(self) -> bool:
        # Read from the output: the offline plugin turns directory URLs off during the build.
        return not (self.site_dir / "RDS.html").is_file()

    def url(self, source: str) -> str:
        """The site-relative URL of the page made from `source` (a path in docs/)."""
        stem = source.removesuffix(".md")
        if not self.directory_urls:
            return f"{stem}.html"
        if stem == "index" or stem.endswith("/index"):
            return stem.removesuffix("index")
        return f"{stem}/"

    def href(self, source: str, target: str, anchor: str = "") -> str:
        """The link from the page of `source` to the page (or site file) `target`."""
        url = self.url(target) if target.endswith(".md") else target
        link = get_relative_url(url, self.url(source))
        return f"{link}#{anchor}" if anchor else link

    def file(self, url: str) -> Path:
        path = self.site_dir / url
        return path / "index.html" if url == "" or url.endswith("/") else path

    def page(self, source: str) -> Page:
        return Page.read(self.file(self.url(source)))

    def text_files(self) -> Iterator[tuple[Path, str]]:
        """Every file of the site that is text (UTF-8), gzipped ones unpacked."""
        for path in sorted(self.site_dir.rglob("*")):
            if not path.is_file():
                continue
            data = path.read_bytes()
            if path.suffix == ".gz":
                data = gzip.decompress(data)
            try:
                yield path, data.decode("utf-8")
            except UnicodeDecodeError:
                continue  # images, fonts, a PDF: no text for a marker to hide in

    def leaked_markers(self) -> list[str]:
        """Files holding a marker, raw or as a JSON or JavaScript escape."""
        escapes = [f"\\u{ord(marker):04x}" for marker in MARKERS]
        return [
            str(path.relative_to(self.site_dir))
            for path, text in self.text_files()
            if any(marker in text for marker in MARKERS)
            or any(escape in text.lower() for escape in escapes)
        ]

    def git(self, *args: str, **env: str) -> None:
        subprocess.run(
            ["git", *args],
            cwd=self.root,
            check=True,
            capture_output=True,
            env={**os.environ, **env},
        )
