"""The MkDocs plugin: wires MkDocs events to the pipeline and reports findings the MkDocs way."""

from __future__ import annotations

import functools
import hashlib
import logging
import time
from collections import defaultdict
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File

from . import adapter, companions, pipeline
from .config import ArchcrewConfig
from .findings import ArchcrewError, Finding, Severity
from .mermaid.cache import Cache
from .publish import heading_markers
from .trace.report import json_report

if TYPE_CHECKING:
    from collections.abc import Callable

    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

    from .project.fill import FilledProject
    from .project.inputs import ProjectInputs
    from .publish.markers import Markers, Stripped

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

Event = TypeVar("Event", bound="Callable[..., Any]")


def _timed(event: Event) -> Event:
    """Add the time spent in an event to the build's total, logged at debug level at its end."""

    @functools.wraps(event)
    def timed(plugin: ArchcrewPlugin, *args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return event(plugin, *args, **kwargs)
        finally:
            plugin._spent[event.__name__] += time.perf_counter() - started

    return timed  # type: ignore[return-value]


class ArchcrewPlugin(BasePlugin[ArchcrewConfig]):  # type: ignore[no-untyped-call]
    """Fills placeholders, checks RDS → FRS coverage, and publishes the traceability."""

    def __init__(self) -> None:
        self._serving = False
        self._dirty = False
        self._configured: adapter.Configured | None = None
        self._markers: Markers | None = None
        """The annotations waiting behind their markers, until the pages are written."""
        self._urls: dict[str, str] = {}
        self._sources: dict[str, str] = {}
        """Each page's filled source, until MkDocs reads it."""
        self._stripped: dict[str, Stripped] = {}
        """Per page, its HTML as archcrew left it and where its annotations go back in it, once
        its search entry is made."""
        self._report: str | None = None
        """The JSON report, ready from the moment every finding is known."""
        self._built: dict[str, bytes] = {}
        """Fingerprint of each page's source as last handed to MkDocs (kept across rebuilds)."""
        self._cache: Cache | None = None
        """Diagram results, kept in memory across `mkdocs serve` rebuilds."""
        self._spent: defaultdict[str, float] = defaultdict(float)
        """Seconds of this build spent in the plugin, by event (logged at debug level)."""

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        # Defining on_startup keeps this object alive across `mkdocs serve` rebuilds; every
        # per-build field is therefore reset in on_config.
        self._serving, self._dirty = command == "serve", dirty

    # Before other plugins: mkdocs-mermaid2 looks for a Mermaid script in extra_javascript in its
    # own on_config, and fetches one from a CDN when it finds none.
    @event_priority(50)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self._spent.clear()
        self._configured, self._markers, self._report = None, None, None
        self._sources, self._stripped, self._urls = {}, {}, {}
        if self.config.enabled:
            self._configure(config)
        return None

    @_timed
    def _configure(self, config: MkDocsConfig) -> None:
        try:
            self._configured = configured = adapter.configure(self.config, config)
        except ArchcrewError as error:
            raise PluginError(f"archcrew: {error}") from None
        diagrams = configured.diagrams
        if self._cache is None or self._cache.path != diagrams.cache_file:
            self._cache = Cache.load(diagrams.cache_file)
        scripts: list[str] = []
        if diagrams.javascript:
            bundle = MERMAID_BUNDLE if diagrams.local_javascript else diagrams.javascript
            scripts = [bundle, SHIM]
        config.extra_javascript[:0] = scripts  # first, so the global `mermaid` exists early
        config.extra_css.append(STYLESHEET)
        # By name, as MkDocs lists extensions: other plugins read that list as names.
        config.markdown_extensions.append(heading_markers.__name__)
        config.mdx_configs[heading_markers.__name__] = {"anchor_of": self._anchor_id}
        for notice in companions.check(config, configured):
            log.log(notice.level, notice.message)

    @_timed
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if self._configured is None or self._cache is None:
            return None
        self._add_assets(files, config, self._configured)
        try:
            inputs = adapter.project_inputs(
                self.config, config, files, self._configured, serving=self._serving
            )
        except ArchcrewError as error:
            raise PluginError(f"archcrew: {error}") from None
        with pipeline.collector_paused():
            findings = self._run(inputs, files, self._cache, self._configured.diagrams.prerender)
        log_findings(findings, serving=self._serving)
        errors = [finding for finding in findings if finding.severity >= Severity.ERROR]
        # Under `mkdocs serve` problems are shown on the pages instead: the server never dies.
        if errors and not self._serving:
            raise PluginError(
                f"archcrew: {len(errors)} error(s) in the documents, listed above; "
                "fix them to build the site"
            )
        return None

    def _run(
        self, inputs: ProjectInputs, files: Files, cache: Cache, prerender: bool
    ) -> list[Finding]:
        """Run the pipeline and keep what later events use, not the whole project: it is gone
        once this returns."""
        project = pipeline.run(inputs, cache, prerender=prerender)
        self._sources = {path: page.source for path, page in project.pages.items()}
        self._markers, self._urls = project.markers, project.urls
        if self.config.report:
            self._report = json_report(project.trace, project.findings)
        if self._dirty:
            self._expire_stale_pages(files, project)
        return project.findings

    def _anchor_id(self, number: int) -> str | None:
        return self._markers.anchor_id(number) if self._markers is not None else None

    def _add_assets(
        self, files: Files, config: MkDocsConfig, configured: adapter.Configured
    ) -> None:
        """The plugin's stylesheet, and the site's own copy of Mermaid with its shim."""
        diagrams = configured.diagrams
        assets = resources.files(__package__ or __name__).joinpath("assets")
        generated = [
            File.generated(config, STYLESHEET, content=assets.joinpath("archcrew.css").read_text()),
        ]
        if diagrams.javascript:
            shim = assets.joinpath("archcrew-diagrams.js").read_text()
            shim = shim.replace("__SECURITY_LEVEL__", diagrams.security_level)
            generated.append(File.generated(config, SHIM, content=shim))
        local = diagrams.local_javascript
        if local is not None:
            generated.append(File.generated(config, MERMAID_BUNDLE, abs_src_path=str(local)))
        for file in generated:
            if file.src_uri not in files:
                files.append(file)

    def _expire_stale_pages(self, files: Files, project: FilledProject) -> None:
        """With --dirty MkDocs rebuilds only edited pages; a page whose filled source changed
        because of another page (coverage, a shared value) must be rebuilt too."""
        for path, source in self._sources.items():
            # What the markers stand for, not their numbers: a note can change while its
            # number stays, and one more link on an earlier page renumbers every later marker.
            expanded = project.markers.expand(source)
            fingerprint = hashlib.blake2b(expanded.encode(), digest_size=16).digest()
            previous = self._built.get(path)
            self._built[path] = fingerprint
            file = files.get_file_from_path(path)
            if previous is not None and previous != fingerprint and file is not None:
                Path(file.abs_dest_path).unlink(missing_ok=True)

    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        return self._sources.pop(page.file.src_uri, None)  # MkDocs keeps it from here

    # After other plugins: what they do to the content must not move the annotations' places.
    @event_priority(-100)
    @_timed
    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if self._markers is None:
            return None
        stripped = self._markers.strip(html)
        if stripped.spots:
            self._stripped[page.file.src_uri] = stripped
            # MkDocs checks links to anchors against the ids it saw in the Markdown; these
            # come in only once the page is written.
            if page.present_anchor_ids is not None:
                page.present_anchor_ids |= stripped.ids
        return stripped.html

    # Before other plugins, which may change the page (minifiers) so its content is not found.
    @event_priority(100)
    @_timed
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        # The annotations go in only now, after search has indexed the page without them.
        stripped = self._stripped.pop(page.file.src_uri, None)
        if stripped is None or self._markers is None:
            return None
        annotated = self._markers.insert(output, stripped, page.url, self._urls)
        if annotated is None:
            log.warning(
                f"{adapter.page_files(config)(page.file)}: the page's HTML was changed after "
                "archcrew read it (by the theme, or a plugin's on_page_context or on_post_page "
                "event), so its requirement anchors, ID links and coverage notes were left out; "
                "have that plugin or template keep the page content as it is"
            )
        return annotated

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self._markers is None:
            return
        self._write_report(config)
        steps = ", ".join(f"{step} {seconds * 1000:.0f}" for step, seconds in self._spent.items())
        total = sum(self._spent.values()) * 1000
        log.debug(f"own work {total:.0f} ms ({steps})")

    @_timed
    def _write_report(self, config: MkDocsConfig) -> None:
        if self._report is not None:
            path = Path(config.site_dir) / self.config.report
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(self._report, encoding="utf-8")

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer | None:
        for path in self._configured.data_paths if self._configured else []:
            server.watch(str(path))
        if self.config.traceability_template:
            server.watch(str(adapter.project_dir(config) / self.config.traceability_template))
        return server


def log_findings(findings: list[Finding], *, serving: bool = False) -> None:
    """Log findings through MkDocs, so ``--strict`` counts the warnings.

    Under `mkdocs serve` errors are logged as warnings: they are shown, never fatal.
    """
    for finding in findings:
        level = LOG_LEVEL[finding.severity]
        log.log(min(level, logging.WARNING) if serving else level, str(finding))
