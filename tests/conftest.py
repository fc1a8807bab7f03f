"""Shared helpers: real MkDocs sites in temporary folders, built with the real `mkdocs` command."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
EXAMPLE_SITE = REPO / "example_site"

# A theme override that writes each page's metadata into the page, so tests read what MkDocs
# (and any theme) really received, after the plugin filled it.
META_TEMPLATE = """{% extends "base.html" %}
{% block content %}<script type="application/json" id="page-meta">{{ page.meta | tojson }}</script>
{{ super() }}{% endblock %}
"""


def child_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"  # Material's end-of-life banner is not ours to test
    env.update(extra)
    return env


@dataclass
class Run:
    returncode: int
    output: str
    """stdout and stderr together, as a user sees them."""


@dataclass
class Site:
    """A MkDocs project in a temporary folder."""

    root: Path

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    def write(self, relative: str, text: str) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    def page(self, relative: str, text: str) -> Path:
        return self.write(f"docs/{relative}", text)

    def configure(self, plugin: dict[str, Any] | None = None, **settings: Any) -> None:
        config: dict[str, Any] = {
            "site_name": "Test Site",
            "theme": {"name": "mkdocs", "custom_dir": "overrides"},
            "plugins": [{"archcrew": plugin or {}}],
        }
        config.update(settings)
        self.write("mkdocs.yml", yaml.safe_dump(config, sort_keys=False))
        self.write("overrides/main.html", META_TEMPLATE)

    def build(self, *args: str, **env: str) -> Run:
        return _run(
            [sys.executable, "-m", "mkdocs", "build", "-f", str(self.root / "mkdocs.yml"), *args],
            env,
        )

    def check(self, *args: str, **env: str) -> Run:
        return _run(
            [sys.executable, "-m", "mkdocs_archcrew.cli", "check", "-f", "mkdocs.yml", *args],
            env,
            cwd=self.root,
        )

    def html(self, page: str) -> str:
        """The built HTML of a page given by its Markdown path (``CLAUDE.md``)."""
        stem = page.removesuffix(".md")
        name = "index.html" if stem in ("index", "") else f"{stem}/index.html"
        return (self.root / "site" / name).read_text(encoding="utf-8")

    def meta(self, page: str) -> dict[str, Any]:
        found = re.search(
            r'<script type="application/json" id="page-meta">(.*?)</script>',
            self.html(page),
            re.DOTALL,
        )
        assert found, "page metadata block missing from the built page"
        meta: dict[str, Any] = json.loads(found[1])
        return meta

    def text(self, page: str) -> str:
        """The visible text of the page's article, tags removed and entities decoded."""
        body = self.html(page)
        body = re.sub(r"<script.*?</script>", "", body, flags=re.DOTALL)
        return html.unescape(re.sub(r"<[^>]+>", "", body))


def _run(command: list[str], env: dict[str, str], cwd: Path | None = None) -> Run:
    completed = subprocess.run(
        command,
        capture_output=True,
        text=True,
        env=child_env(**env),
        cwd=cwd,
        timeout=180,
        check=False,
    )
    return Run(completed.returncode, completed.stdout + completed.stderr)


def require(missing: str | None) -> None:
    """Stop a test that needs a tool the machine lacks (`missing` says which, and how to get
    it): a skip on a developer's machine, a failure in CI, where tests/setup.sh installs
    everything and nothing may be skipped."""
    if missing is None:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{missing} (CI must install it: tests/setup.sh)")
    pytest.skip(f"{missing}; run tests/setup.sh")


def node_modules() -> Path:
    """The example site's node_modules (Mermaid and jsdom), for tests that need Mermaid itself."""
    bundle = EXAMPLE_SITE / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"
    require(None if bundle.is_file() else "Mermaid is not installed: npm ci --prefix example_site")
    return EXAMPLE_SITE / "node_modules"


@pytest.fixture
def site(tmp_path: Path) -> Site:
    made = Site(tmp_path / "project")
    made.root.mkdir()
    made.configure()
    return made


def code_blocks(page_html: str) -> list[str]:
    """The text of every ``<code>`` element of a page, entities decoded."""
    return [
        html.unescape(re.sub(r"<[^>]+>", "", block))
        for block in re.findall(r"<code[^>]*>(.*?)</code>", page_html, re.DOTALL)
    ]


def example_copy(tmp_path: Path, edit: dict[str, str] | None = None) -> Site:
    """The example site in a temporary folder, sharing the repository's node_modules."""
    root = tmp_path / "example_site"
    shutil.copytree(
        EXAMPLE_SITE, root, ignore=shutil.ignore_patterns("node_modules", "site", ".cache")
    )
    (root / "node_modules").symlink_to(node_modules(), target_is_directory=True)
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    for old, new in (edit or {}).items():
        assert old in text
        text = text.replace(old, new)
    config.write_text(text, encoding="utf-8")
    return Site(root)
