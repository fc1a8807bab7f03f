"""The MkDocs plugin: wires MkDocs events to the pipeline and reports findings the MkDocs way."""

from __future__ import annotations

import functools
import hashlib
import logging
import shutil
import tempfile
import time
from collections import defaultdict
from importlib import resources
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal, TypeVar

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File

from . import adapter, blog, companions, pipeline
from .config import ArchcrewConfig
from .findings import ArchcrewError, Finding, Severity
from .mermaid.cache import Cache
from .placeholders.front_matter import FRONT_MATTER_YAML
from .publish import extension, guard
from .publish.rendering import HostSlot, PageRenderer
from .trace.report import around_rows, each_row_batch

if TYPE_CHECKING:
    from collections.abc import Callable

    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

    from .project.fill import FilledProject
    from .project.inputs import ProjectInputs

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

TEXT_FILES = frozenset({".html", ".htm", ".json", ".xml", ".txt", ".md"})
"""Files of the site that can hold page text."""

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
        self._host = HostSlot()
        """What the Markdown extension works with: this build's `PageRenderer`."""
        self._page_file: Callable[[File], str] = str
        self._findings: list[Finding] = []
        """Every finding of the build so far, for the report."""
        self._report_rows: IO[str] | None = None
        """The report's requirement rows, kept in a temporary file until the report is
        written: 5,000 requirements are a megabyte and a half the build need not hold."""
        """The report's requirements, made while the trace was there; findings come last."""
        self._built: dict[str, bytes] = {}
        """Fingerprint of each page's source as last handed to MkDocs (kept across rebuilds)."""
        self._cache: Cache | None = None
        """Diagram results, kept in memory across `mkdocs serve` rebuilds."""
        self._spent: defaultdict[str, float] = defaultdict(float)
        """Seconds of this build spent in the plugin, by event (logged at debug level)."""
        self._written: dict[str, int] = {}
        """Each page's output as looked at in on_post_page, by its path in the site: its
        length, to know it unchanged when the site is looked over."""
        self._posts = blog.HandedPosts()
        self._read_pages: set[str] | None = None
        """The pages the project was read from, when it was read before the blog's event."""
        self._unreadable: set[str] = set()
        """The pages whose front matter is not valid YAML."""
        self._logged: set[str] = set()
        """The findings of the project logged this build, so a second reading logs only news."""
        self.reads_pages = True
        """False while ``archcrew check`` runs the site's file events to see every page: the
        check reads them itself."""

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        # Defining on_startup keeps this object alive across `mkdocs serve` rebuilds; every
        # per-build field is therefore reset in on_config.
        self._serving, self._dirty = command == "serve", dirty

    # Before other plugins: mkdocs-mermaid2 looks for a Mermaid script in extra_javascript in its
    # own on_config, and fetches one from a CDN when it finds none.
    @event_priority(50)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self._spent.clear()
        self._configured, self._host.renderer = None, None
        self._drop_report_rows()
        self._findings, self._written = [], {}
        self._read_pages, self._logged = None, set()
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
        config.markdown_extensions.append(extension.__name__)
        config.mdx_configs[extension.__name__] = {"host": self._host}
        self._page_file = adapter.page_files(config)
        for notice in companions.check(config, configured):
            log.log(notice.level, notice.message)

    # Material's blog reads its posts in its own on_files (-50): the project is read first on
    # a site with a blog, and each post is handed to the blog filled.
    @event_priority(blog.PRIORITY + 1)
    @_timed
    def _files_before_blog(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        post = blog.is_post(config)
        if self._ready() and post is not None:
            found = self._read(files, config)
            # The rest waits for the pages plugins after the blog add: those may answer them.
            # The posts' own findings come now, as the blog stops on a post it cannot read.
            posts = {self._page_file(file) for file in files if post(file)}
            self._log([finding for finding in found if finding.file in posts])
            renderer, unreadable = self._host.renderer, self._unreadable
            if renderer is not None:
                # A post whose front matter is broken goes as written: the blog's own error
                # then names the post's file.
                self._posts.hand(
                    files,
                    config,
                    lambda path: None if path in unreadable else renderer.source(path),
                )
        return None

    @event_priority(blog.PRIORITY - 1)
    def _files_after_blog(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        self._posts.restore()
        return None

    # After every other plugin, even those that go last (-100): the project read then holds
    # every page they add (mkdocs-gen-files in any order, mkdocs-static-i18n's languages), and
    # none of them sees archcrew's own assets, which have no file on disk.
    @event_priority(-110)
    @_timed
    def _files_last(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self._ready():
            return None
        assert self._configured is not None
        self._add_assets(files, config, self._configured)
        if self._read_pages is None:
            found = self._read(files, config)
        elif self._read_pages != self._pages_of(files, config):
            # Plugins after the blog changed the pages: read them again. The blog has read
            # its posts as handed; they are the same in this reading.
            found = self._read(files, config)
            if self._host.renderer is not None:
                for path in self._posts.handed:
                    self._host.renderer.source(path)
        else:
            found = self._findings
            if self._host.renderer is not None:
                # The blog gives each post its URL after the project was read.
                self._host.renderer.urls = {
                    **self._host.renderer.urls,
                    **{
                        path: file.url
                        for path in self._posts.handed
                        if (file := files.get_file_from_path(path))
                    },
                }
        self._log(found)
        errors = [finding for finding in found if finding.severity >= Severity.ERROR]
        # Under `mkdocs serve` problems are shown on the pages instead: the server never dies.
        if errors and not self._serving:
            raise PluginError(
                f"archcrew: {len(errors)} error(s) in the documents, listed above; "
                "fix them to build the site"
            )
        return None

    on_files = CombinedEvent(_files_before_blog, _files_after_blog, _files_last)

    def _ready(self) -> bool:
        return self._configured is not None and self._cache is not None and self.reads_pages

    def _pages_of(self, files: Files, config: MkDocsConfig) -> set[str]:
        also = blog.is_post(config)
        return {file.src_uri for file in adapter.built_pages(files, self._serving, also)}

    def _inputs(self, files: Files, config: MkDocsConfig) -> ProjectInputs:
        assert self._configured is not None
        try:
            return adapter.project_inputs(
                self.config,
                config,
                files,
                self._configured,
                serving=self._serving,
                file_of=self._page_file,
                also=blog.is_post(config),
            )
        except ArchcrewError as error:
            raise PluginError(f"archcrew: {error}") from None

    def _read(self, files: Files, config: MkDocsConfig) -> list[Finding]:
        """Read, check and fill the project; its findings."""
        assert self._configured is not None
        assert self._cache is not None
        inputs = self._inputs(files, config)
        self._read_pages = self._pages_of(files, config)
        with pipeline.collector_paused():
            return self._run(inputs, files, self._cache, self._configured.diagrams.prerender)

    def _log(self, findings: list[Finding]) -> None:
        """Log the findings not logged yet this build."""
        new = [finding for finding in findings if str(finding) not in self._logged]
        self._logged.update(str(finding) for finding in new)
        log_findings(new, serving=self._serving)

    def _run(
        self, inputs: ProjectInputs, files: Files, cache: Cache, prerender: bool
    ) -> list[Finding]:
        """Run the pipeline and keep what later events use, not the whole project: it is gone
        once this returns."""
        project = pipeline.run(inputs, cache, prerender=prerender)
        sources = {path: page.source for path, page in project.pages.items()}
        if self._dirty:
            self._expire_stale_pages(files, project, sources)
        self._host.renderer = PageRenderer(
            project.markers, project.urls, sources, project.late, project.added
        )
        self._findings = list(project.findings)
        self._unreadable = {
            path
            for path, page in project.pages.items()
            if any(finding.code == FRONT_MATTER_YAML for finding in page.findings)
        }
        if self.config.report:
            self._drop_report_rows()
            # Open across events, until on_post_build writes the report (or the next build).
            self._report_rows = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115
            rows = each_row_batch(project.trace)
            self._report_rows.write(next(rows, ""))
            for batch in rows:
                self._report_rows.write(f",{batch}")
        return project.findings

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
            shim = shim.replace("__MAX_TEXT_SIZE__", str(diagrams.size_limit.characters))
            generated.append(File.generated(config, SHIM, content=shim))
        local = diagrams.local_javascript
        if local is not None:
            generated.append(File.generated(config, MERMAID_BUNDLE, abs_src_path=str(local)))
        for file in generated:
            if file.src_uri not in files:
                files.append(file)

    def _expire_stale_pages(
        self, files: Files, project: FilledProject, sources: dict[str, str]
    ) -> None:
        """With --dirty MkDocs rebuilds only edited pages; a page whose filled source changed
        because of another page (coverage, a shared value) must be rebuilt too."""
        for path, source in sources.items():
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
        renderer = self._host.renderer
        return renderer.source(page.file.src_uri) if renderer is not None else None

    # First: the Markdown as MkDocs made it of the source, before other plugins change it.
    @event_priority(100)
    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        renderer = self._host.renderer
        if renderer is not None:
            shown = self._page_file(page.file)
            renderer.begin(page.file.src_uri, page.url, shown, markdown, page.meta)
        return None

    @_timed
    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        renderer = self._host.renderer
        if renderer is None:
            return None
        renderer.fill_metadata(page.meta)
        found = renderer.take_findings()
        if found:
            log_findings(found, serving=self._serving)
            self._findings.extend(found)
        return None

    # First: Material's blog renders its posts' excerpts into a listing in this event.
    @event_priority(100)
    def on_page_context(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        renderer = self._host.renderer
        if renderer is not None:
            renderer.building(page.file.src_uri, page.url, self._page_file(page.file))
        return None

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        if self._host.renderer is not None:
            adapter.declare_linked_anchors(files, self._host.renderer.given())
        errors = sum(1 for finding in self._findings if finding.severity >= Severity.ERROR)
        if errors and not self._serving and self._host.renderer is not None:
            raise PluginError(
                f"archcrew: {errors} error(s) in text other plugins added to pages, listed "
                "above; fix them to build the site"
            )
        return None

    # Last: what the page looks like once every plugin and the theme are done with it.
    @event_priority(-100)
    @_timed
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        if self._host.renderer is None:
            return None
        shown = self._page_file(page.file)
        self._written[page.file.abs_dest_path] = len(output)
        seen = self._host.renderer.names_left()
        left = guard.unfilled(output, seen)
        if left:
            names = ", ".join(f"{{{{ {name} }}}}" for name in left)
            log.warning(
                f"{shown}: the written page still shows {names} outside code: that text "
                "reached the page without passing through archcrew (a value another plugin or "
                "the theme put in after the page was rendered); give it its value "
                "where it is written. Braces meant to be shown: write \\{{ name }} in a page, "
                "&#123;{ name }} in HTML or a theme value"
            )
        if guard.markers_in(output):
            log.warning(
                f"{shown}: the written page contains archcrew's internal markers "
                "(U+E000, U+E001); a plugin copied the page's text before archcrew finished "
                "with it. Please report this with the list of plugins in mkdocs.yml"
            )
        return None

    # Last, after other plugins have written their files (print pages, search index).
    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self._host.renderer is None:
            return
        self._write_report(config)
        self._check_site(config)
        steps = ", ".join(f"{step} {seconds * 1000:.0f}" for step, seconds in self._spent.items())
        total = sum(self._spent.values()) * 1000
        log.debug(f"own work {total:.0f} ms ({steps})")

    @_timed
    def _write_report(self, config: MkDocsConfig) -> None:
        rows = self._report_rows
        if rows is not None:
            path = Path(config.site_dir) / self.config.report
            path.parent.mkdir(parents=True, exist_ok=True)
            head, tail = around_rows(self._findings)
            rows.seek(0)
            with path.open("w", encoding="utf-8") as out:
                out.write(head)
                shutil.copyfileobj(rows, out)
                out.write(tail)
            self._drop_report_rows()

    def _drop_report_rows(self) -> None:
        if self._report_rows is not None:
            self._report_rows.close()
            self._report_rows = None

    @_timed
    def _check_site(self, config: MkDocsConfig) -> None:
        """No marker in any file the build wrote: pages were looked at one by one, but other
        plugins write files of their own (print pages, search indexes). A print page of
        mkdocs-print-site-plugin gets the requirement anchors its links lead to."""
        renderer = self._host.renderer
        if renderer is None:
            return
        site = Path(config.site_dir)
        for path in sorted(site.rglob("*")):
            if path.suffix not in TEXT_FILES or not path.is_file():
                continue
            if self._written.get(str(path)) == path.stat().st_size:
                continue  # a page as on_post_page saw it (a size in characters: ASCII pages)
            # As bytes: decoding a search index makes a string up to four times its size.
            data = path.read_bytes()
            if path.suffix == ".html" and companions.PRINT_PAGE in data:
                text = data.decode("utf-8", errors="replace")
                printed = companions.print_page_anchors(text, renderer.given())
                if printed is not None:
                    path.write_text(printed, encoding="utf-8")
            # With marker-like text of the pages' own, it may be anywhere in the site.
            if guard.MARKER_BYTES in data:
                text = data.decode("utf-8", errors="replace")
                if guard.markers_in(text):
                    log.warning(
                        f"{path.relative_to(site).as_posix()} (in site_dir) contains archcrew's "
                        "internal markers (U+E000, U+E001): a plugin copied a page's text "
                        "before archcrew finished with it. Please report this with the list "
                        "of plugins in mkdocs.yml"
                    )

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer | None:
        for path in self._configured.data_paths if self._configured else []:
            server.watch(str(path))
        if self.config.traceability_template:
            server.watch(str(adapter.project_dir(config) / self.config.traceability_template))
        review = self._configured.review_path if self._configured else None
        if review is not None:
            # `archcrew review` while serving: the marks it clears go at the next rebuild. A
            # file not there yet cannot be watched (the observer fails on it): its folder is,
            # alone, so that the first `archcrew review` is seen too.
            if review.is_file():
                server.watch(str(review))
            elif review.parent.is_dir():
                server.watch(str(review.parent), recursive=False)
        return server


def log_findings(findings: list[Finding], *, serving: bool = False) -> None:
    """Log findings through MkDocs, so ``--strict`` counts the warnings.

    Under `mkdocs serve` errors are logged as warnings: they are shown, never fatal.
    """
    for finding in findings:
        level = LOG_LEVEL[finding.severity]
        log.log(min(level, logging.WARNING) if serving else level, str(finding))
