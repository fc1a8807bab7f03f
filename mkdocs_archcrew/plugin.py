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

from . import collector, headings, loading, mermaid
from .config import ArchcrewConfig
from .findings import ArchcrewError, Finding, Severity
from .project import read_project
from .report import json_report

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

    from .annotations import Annotations, Placed
    from .project import Settings
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
        self._sources: dict[str, str] = {}
        """Each page's filled source, until MkDocs reads it."""
        self._annotations: Annotations | None = None
        self._urls: dict[str, str] = {}
        self._placed: dict[str, tuple[str, list[Placed]]] = {}
        """Per page, its HTML as archcrew left it and where its annotations go back in it, once
        its search entry is made."""
        self._report: str | None = None
        """The JSON report, ready from the moment every finding is known."""
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
        self._sources, self._annotations, self._urls, self._placed = {}, None, {}, {}
        self._report = None
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
        # By name, as MkDocs lists extensions: other plugins read that list as names.
        config.markdown_extensions.append(headings.__name__)
        config.mdx_configs[headings.__name__] = {"anchor_of": self._anchor_id}
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
        with collector.paused():
            findings = self._read(files, config, settings, started)
        report(findings, serving=self._serving)
        if self._dirty:
            self._expire_stale_pages(files)
        errors = [finding for finding in findings if finding.severity >= Severity.ERROR]
        # Under `mkdocs serve` problems are shown on the pages instead: the server never dies.
        if errors and not self._serving:
            raise PluginError(
                f"archcrew: {len(errors)} error(s) in the documents, listed above; "
                "fix them to build the site"
            )
        return None

    def _read(
        self, files: Files, config: MkDocsConfig, settings: Settings, started: float
    ) -> list[Finding]:
        """Read, check and fill every page; keep what the rest of the build needs."""
        assert self._mermaid is not None
        assert self._cache is not None
        pages, unreadable = loading.page_inputs(files, config, serving=self._serving)
        project = read_project(pages, self._layers, self._builtins, settings)
        read = time.perf_counter()
        diagrams = loading.examine_diagrams(
            project, self._mermaid, self._cache, prerender=self._mermaid.prerender
        )
        examined = time.perf_counter()
        filled = project.fill(diagrams)
        findings = sorted(unreadable + filled.findings, key=lambda finding: finding.sort_key)
        # Not the whole project: only what later events use.
        self._sources = {path: page.source for path, page in filled.pages.items()}
        self._annotations, self._urls = filled.annotations, filled.urls
        if self.config.report:
            self._report = json_report(filled.trace, findings)
        self._spent["read"] += read - started
        self._spent["diagrams"] += examined - read
        self._spent["fill"] += time.perf_counter() - examined
        return findings

    def _anchor_id(self, number: int) -> str | None:
        return self._annotations.anchor_id(number) if self._annotations is not None else None

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
        assert self._annotations is not None
        for path, source in self._sources.items():
            # What the markers stand for, not their numbers: a note can change while its
            # number stays, and one more link on an earlier page renumbers every later marker.
            shown = self._annotations.expand(source)
            fingerprint = hashlib.blake2b(shown.encode(), digest_size=16).digest()
            previous = self._built.get(path)
            self._built[path] = fingerprint
            file = files.get_file_from_path(path)
            if previous is not None and previous != fingerprint and file is not None:
                Path(file.abs_dest_path).unlink(missing_ok=True)

    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        return self._sources.pop(page.file.src_uri, None)  # MkDocs keeps it from here

    # After other plugins: what they do to the content must not move the annotations' places.
    @event_priority(-100)
    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if self._annotations is None:
            return None
        started = time.perf_counter()
        plain, placed, ids = self._annotations.strip(html)
        if placed:
            self._placed[page.file.src_uri] = (plain, placed)
            # MkDocs checks links to anchors against the ids it saw in the Markdown; these
            # come in only once the page is written.
            if page.present_anchor_ids is not None:
                page.present_anchor_ids |= ids
        self._spent["pages"] += time.perf_counter() - started
        return plain

    # Before other plugins, which may change the page (minifiers) so its content is not found.
    @event_priority(100)
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        # The annotations go in only now, after search has indexed the page without them.
        entry = self._placed.pop(page.file.src_uri, None)
        if entry is None or self._annotations is None:
            return None
        started = time.perf_counter()
        plain, placed = entry
        annotated = self._annotations.insert(output, plain, placed, page.url, self._urls)
        if annotated is None:
            shown = loading.shown_paths(config)(page.file)
            log.warning(
                f"{shown}: the page's HTML was changed after archcrew read it (by the "
                "theme, or a plugin's on_page_context or on_post_page event), so its requirement "
                "anchors, ID links and coverage notes were left out; have that plugin or "
                "template keep the page content as it is"
            )
        self._spent["pages"] += time.perf_counter() - started
        return annotated

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self._annotations is None:
            return
        started = time.perf_counter()
        if self._report is not None:
            path = Path(config.site_dir) / self.config.report
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(self._report, encoding="utf-8")
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
