"""The MkDocs plugin: wires MkDocs events to the core and reports findings the MkDocs way."""

from __future__ import annotations

import hashlib
import logging
import time
from collections import defaultdict
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File

from . import loading, mermaid
from .config import ArchcrewConfig
from .findings import ArchcrewError, Finding, Severity
from .project import FilledProject, read_project
from .report import json_report

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

    from .values import Layer

log = get_plugin_logger("archcrew")

ASSETS = "assets/archcrew"
"""Where the plugin's own files go in the site."""
MERMAID_BUNDLE = f"{ASSETS}/mermaid.min.js"
SHIM = f"{ASSETS}/archcrew-diagrams.js"
STYLESHEET = f"{ASSETS}/archcrew.css"

LOG_LEVEL = {
    Severity.INFO: logging.INFO,
    Severity.WARNING: logging.WARNING,
    Severity.ERROR: logging.ERROR,
}


class ArchcrewPlugin(BasePlugin[ArchcrewConfig]):  # type: ignore[no-untyped-call]
    """Fills placeholders, checks RDS → FRS coverage, and publishes the traceability."""

    def __init__(self) -> None:
        self._serving = False
        self._dirty = False
        self._data_paths: list[Path] = []
        self._layers: list[Layer] = []
        self._builtins: dict[str, Any] = {}
        self._project: FilledProject | None = None
        self._findings: list[Finding] = []
        self._built: dict[str, bytes] = {}
        """Fingerprint of each page's source as last handed to MkDocs (kept across rebuilds)."""
        self._mermaid: loading.MermaidOptions | None = None
        self._cache: mermaid.Cache | None = None
        """Diagram results, kept in memory across `mkdocs serve` rebuilds."""
        self._spent: defaultdict[str, float] = defaultdict(float)
        """Seconds of this build spent in the plugin, by step (logged at debug level)."""

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        # Defining on_startup keeps this object alive across `mkdocs serve` rebuilds; every
        # per-build field is therefore reset in on_config.
        self._serving, self._dirty = command == "serve", dirty

    # Before other plugins: mkdocs-mermaid2 looks for a Mermaid script in extra_javascript in its
    # own on_config, and fetches one from a CDN when it finds none.
    @event_priority(50)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        started = time.perf_counter()
        self._spent.clear()
        self._project, self._findings = None, []
        self._layers, self._data_paths, self._builtins = [], [], {}
        if not self.config.enabled:
            return None
        try:
            self._layers, self._data_paths = loading.value_layers(self.config, config)
            self._builtins = loading.builtin_values(config)
            self._mermaid = loading.mermaid_options(self.config, config)
        except ArchcrewError as error:
            raise PluginError(f"archcrew: {error}") from None
        cache_file = self._mermaid.cache_dir / "mermaid.json"
        if self._cache is None or self._cache.path != cache_file:
            self._cache = mermaid.Cache.load(cache_file)
        scripts: list[str] = []
        if self._mermaid.javascript:
            bundle = MERMAID_BUNDLE if self._mermaid.local_javascript else self._mermaid.javascript
            scripts = [bundle, SHIM]
        config.extra_javascript[:0] = scripts  # first, so the global `mermaid` exists early
        config.extra_css.append(STYLESHEET)
        self._spent["config"] += time.perf_counter() - started
        return None

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        try:
            settings = loading.settings(self.config, config, serving=self._serving)
        except ArchcrewError as error:
            raise PluginError(f"archcrew: {error}") from None
        started = time.perf_counter()
        self._add_assets(files, config)
        pages, unreadable = loading.page_inputs(files, config, serving=self._serving)
        project = read_project(pages, self._layers, self._builtins, settings)
        assert self._mermaid is not None
        assert self._cache is not None
        read = time.perf_counter()
        diagrams = loading.examine_diagrams(
            project, self._mermaid, self._cache, prerender=self._mermaid.prerender
        )
        examined = time.perf_counter()
        self._project = project.fill(diagrams)
        self._spent["read"] += read - started
        self._spent["diagrams"] += examined - read
        self._spent["fill"] += time.perf_counter() - examined
        self._findings = sorted(unreadable + self._project.findings, key=lambda f: f.sort_key)
        report(self._findings, serving=self._serving)
        if self._dirty:
            self._expire_stale_pages(files)
        errors = [finding for finding in self._findings if finding.severity >= Severity.ERROR]
        # Under `mkdocs serve` problems are shown on the pages instead: the server never dies.
        if errors and not self._serving:
            raise PluginError(
                f"archcrew: {len(errors)} error(s) in the documents, listed above; "
                "fix them to build the site"
            )
        return None

    def _add_assets(self, files: Files, config: MkDocsConfig) -> None:
        """The plugin's stylesheet, and the site's own copy of Mermaid with its shim."""
        assert self._mermaid is not None
        assets = resources.files("mkdocs_archcrew").joinpath("assets")
        generated = [
            File.generated(config, STYLESHEET, content=assets.joinpath("archcrew.css").read_text()),
        ]
        if self._mermaid.javascript:
            shim = assets.joinpath("archcrew-diagrams.js").read_text()
            shim = shim.replace("__SECURITY_LEVEL__", self._mermaid.security_level)
            generated.append(File.generated(config, SHIM, content=shim))
        local = self._mermaid.local_javascript
        if local is not None:
            generated.append(File.generated(config, MERMAID_BUNDLE, abs_src_path=str(local)))
        for file in generated:
            if file.src_uri not in files:
                files.append(file)

    def _expire_stale_pages(self, files: Files) -> None:
        """With --dirty MkDocs rebuilds only edited pages; a page whose filled source changed
        because of another page (coverage, a shared value) must be rebuilt too."""
        assert self._project is not None
        for path, filled in self._project.pages.items():
            fingerprint = hashlib.blake2b(filled.source.encode(), digest_size=16).digest()
            previous = self._built.get(path)
            self._built[path] = fingerprint
            file = files.get_file_from_path(path)
            if previous is not None and previous != fingerprint and file is not None:
                Path(file.abs_dest_path).unlink(missing_ok=True)

    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        if self._project is None:
            return None
        filled = self._project.pages.get(page.file.src_uri)
        return filled.source if filled else None

    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if self._project is None:
            return None
        started = time.perf_counter()
        rendered = self._project.render(html, page.url)
        self._spent["pages"] += time.perf_counter() - started
        return rendered

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self._project is None:
            return
        started = time.perf_counter()
        if self.config.report:
            path = Path(config.site_dir) / self.config.report
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json_report(self._project.trace, self._findings), encoding="utf-8")
        self._spent["report"] += time.perf_counter() - started
        steps = ", ".join(f"{step} {seconds * 1000:.0f}" for step, seconds in self._spent.items())
        total = sum(self._spent.values()) * 1000
        log.debug(f"own work {total:.0f} ms ({steps})")

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer | None:
        for path in self._data_paths:
            server.watch(str(path))
        if self.config.traceability_template:
            server.watch(str(loading.project_dir(config) / self.config.traceability_template))
        return server


def report(findings: list[Finding], *, serving: bool = False) -> None:
    """Log findings through MkDocs, so ``--strict`` counts the warnings.

    Under `mkdocs serve` errors are logged as warnings: they are shown, never fatal.
    """
    for finding in findings:
        level = LOG_LEVEL[finding.severity]
        log.log(min(level, logging.WARNING) if serving else level, str(finding))
