"""archcrew under Zensical: the same pipeline and the same per-page work as the MkDocs plugin,
hosted by a Python-Markdown extension, which is all of archcrew that Zensical runs.

Listed in ``mkdocs.yml`` as ``markdown_extensions: [mkdocs_archcrew.zensical]``, beside the
``archcrew`` plugin whose options it reads (Zensical drops the plugin silently). Under MkDocs it
does nothing: the plugin does the work.

Zensical renders every page through a new Markdown object, and tells the extension which page
and which configuration through its rendering context; it has no event for "build started" or
"build finished". So the project is read on the first page of each build (a new configuration
object: a new build), with MkDocs' own reading of ``mkdocs.yml`` and the adapter the plugin
uses, and read again when a page comes back in the same build (``zensical serve`` rebuilding
one edited page). What it finds is printed at once, as MkDocs prints it; errors fail
``zensical build`` (and warnings with ``--strict``), never ``zensical serve``.
"""

from __future__ import annotations

import atexit
import functools
import os
import sys
import threading
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markdown import Extension
from markdown.preprocessors import Preprocessor
from mkdocs.structure.files import get_files

from . import adapter, pipeline
from .findings import ArchcrewError, Finding, Severity, sorted_findings
from .markdown import scan
from .mermaid.cache import Cache
from .placeholders.built_ins import page_title
from .publish.extension import PREPROCESSOR_PRIORITY, ArchcrewExtension
from .publish.rendering import PageRenderer
from .trace.report import requirement_rows, with_findings

if TYPE_CHECKING:
    from collections.abc import Sequence

    from markdown import Markdown
    from mkdocs.config.defaults import MkDocsConfig

    from .config import ArchcrewConfig

try:  # Zensical's own, internal API: the page being rendered and the site's configuration
    from zensical.extensions.context import ContextPreprocessor  # type: ignore[import-not-found,import-untyped,unused-ignore]
except ImportError:  # not installed: never under Zensical
    ContextPreprocessor = None  # type: ignore[assignment,misc,unused-ignore]

CONFIG_FILES = ("mkdocs.yml", "mkdocs.yaml")
LEVEL_NAMES = {Severity.ERROR: "ERROR   ", Severity.WARNING: "WARNING ", Severity.INFO: "INFO    "}


def context(md: Markdown) -> Any:
    """Zensical's rendering context of `md`; None outside Zensical (MkDocs, plain Markdown)."""
    return ContextPreprocessor.from_markdown(md) if ContextPreprocessor is not None else None


class ZensicalHost:
    """The project read once per build, and the page being rendered (`extension.Host`)."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        """Zensical renders one page at a time today, on a thread of its own; nothing says it
        always will."""
        self._config: Any = None
        self.renderer: PageRenderer | None = None
        self._bodies: dict[str, str] = {}
        """Each page's body as read (front matter left out): what Zensical should hand over."""
        self._titles: dict[str, str] = {}
        """Each page's title as published, placeholders filled."""
        self._rendered: set[str] = set()
        self._files: dict[str, str] = {}
        self._findings: list[Finding] = []
        self._report: tuple[Path, str] | None = None
        self._failed = False
        self._registered = False
        self._page: Any = None
        self._text_mismatch: set[str] = set()

    # One build --------------------------------------------------------------------------

    def enter(self, ctx: Any) -> None:
        """The page of `ctx` is about to be rendered: read the project if this is a new build,
        or if the page comes back (``zensical serve`` rebuilding it alone)."""
        with self.lock:
            page = ctx.page
            if ctx.config is not self._config or page.path in self._rendered:
                self._read(ctx.config)
            self._rendered.add(page.path)
            self._page = page
            if self._fails(self._findings):
                self._fail(self._findings)
            title = self._titles.get(page.path)
            if title and "{{" in str(page.title):
                page.title = title

    def _read(self, config: dict[str, Any]) -> None:
        self._config = config
        self._rendered.clear()
        self._failed = False
        try:
            self._run(config)
        except ArchcrewError as error:
            self.renderer = None
            problem = Finding(Severity.ERROR, "zensical-config", str(error), "", 0)
            self._findings = [problem]
            _print(f"ERROR    -  archcrew: {error}")

    def _run(self, config: dict[str, Any]) -> None:
        mkdocs_config, options = load(Path(config["root_dir"]))
        configured = adapter.configure(options, mkdocs_config)
        files = get_files(mkdocs_config)
        file_of = adapter.page_files(mkdocs_config)
        inputs = adapter.project_inputs(
            options, mkdocs_config, files, configured, serving=serving(), file_of=file_of
        )
        cache = Cache.load(configured.diagrams.cache_file)
        with pipeline.collector_paused():
            project = pipeline.run(inputs, cache, prerender=configured.diagrams.prerender)
        sources = {path: page.source for path, page in project.pages.items()}
        # Links between pages are written to the page's source file (RDS.md#fr-1), as in
        # Markdown: Zensical resolves every relative link of the HTML from the source's folder,
        # so one already made relative to the page's URL would gain a "../" too many.
        self.renderer = PageRenderer(
            project.markers,
            {path: path for path in project.urls},
            sources,
            project.late,
            project.added,
        )
        self._bodies = {page.path: _body(page.text) for page in inputs.pages}
        self._titles = {
            path: page_title(scan(source), {}, path)
            for path, source in sources.items()
            if "{{" in self._bodies.get(path, "")
        }
        self._files = {page.path: page.file for page in inputs.pages}
        self._findings = [*project.findings, *_unwatched(config, mkdocs_config, configured)]
        self._report = None
        if options.report:
            site = Path(mkdocs_config.site_dir)
            self._report = (site / options.report, requirement_rows(project.trace))
        _print_findings(self._findings)
        self._write_report()

    def _fails(self, findings: Sequence[Finding]) -> bool:
        if serving():
            return False
        failing = Severity.WARNING if strict(self._config) else Severity.ERROR
        return any(finding.severity >= failing for finding in findings)

    def _fail(self, findings: Sequence[Finding]) -> None:
        """Fail the build once Zensical has written every page: an exception would stop the
        page it is raised in, and print a traceback after our lines."""
        self._failed = True
        if not self._registered:
            self._registered = True
            atexit.register(_exit_failed, self)

    def failure(self) -> str:
        findings = self._findings
        errors = sum(finding.severity >= Severity.ERROR for finding in findings)
        warnings = sum(finding.severity == Severity.WARNING for finding in findings)
        counted = f"{errors} error(s)" + (
            f" and {warnings} warning(s) (--strict)" if strict(self._config) and warnings else ""
        )
        return f"archcrew: {counted} in the documents, listed above; fix them to build the site"

    def failed_now(self) -> bool:
        """Whether the last build read still fails (``zensical serve`` never does)."""
        return self._failed and self._fails(self._findings)

    def _write_report(self) -> None:
        if self._report is None:
            return
        path, rows = self._report
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(with_findings(rows, self._findings), encoding="utf-8")

    # The extension's host ----------------------------------------------------------------

    def markdown(self, text: str) -> str:
        with self.lock:
            renderer, page = self.renderer, self._page
            if renderer is None or page is None:
                return text
            path = page.path
            file = self._files.get(path, path)
            plain = renderer.source(path)
            body = _body(plain) if plain is not None else None
            if body is not None and _same(text, self._bodies.get(path)):
                # Zensical read the page from disk as archcrew did: its filled and marked body
                # takes its place, as MkDocs renders the filled source archcrew hands it.
                renderer.begin(path, path, file, body, page.meta)
                return renderer.markdown(body)
            renderer.begin(path, path, file, text, page.meta)
            if body is not None:
                self._text_mismatch.add(path)
            return renderer.markdown(text)

    def html(self, html: str) -> str:
        with self.lock:
            renderer, page = self.renderer, self._page
            if renderer is None or page is None:
                return html
            done = renderer.html(html)
            if "archcrew-" in done:
                # No plugin adds archcrew's stylesheet to the site under Zensical, and a file
                # written into the site is gone at the next build that renders nothing.
                done = f"<style>{_stylesheet()}</style>\n{done}"
            renderer.fill_metadata(page.meta)
            found = renderer.take_findings()
            if page.path in self._text_mismatch:
                self._text_mismatch.discard(page.path)
                found.append(_changed_before(self._files.get(page.path, page.path)))
            if found:
                _print_findings(found)
                self._findings.extend(found)
                self._write_report()
                if self._fails(found):
                    self._fail(found)
            return done

    def anchor_of(self, number: int) -> str | None:
        renderer = self.renderer
        return renderer.anchor_of(number) if renderer is not None else None


HOST = ZensicalHost()
"""One for the process: Zensical makes a new extension for every page."""


class ZensicalExtension(Extension):
    """archcrew's extension with the page Zensical is rendering."""

    def extendMarkdown(self, md: Markdown) -> None:
        if context(md) is None:
            return  # MkDocs or plain Markdown: the plugin (or nothing) does the work
        ArchcrewExtension(host=HOST).extendMarkdown(md)
        # Just before archcrew's own step, after pymdownx.snippets has included its files.
        md.preprocessors.register(_Enter(md), "archcrew-zensical", PREPROCESSOR_PRIORITY + 0.5)


def makeExtension(**kwargs: Any) -> ZensicalExtension:
    """Python-Markdown loads the extension by module name and calls this."""
    return ZensicalExtension(**kwargs)


class _Enter(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        ctx = context(self.md)
        if ctx is not None:
            HOST.enter(ctx)
        return lines


def load(root: Path) -> tuple[MkDocsConfig, ArchcrewConfig]:
    """``mkdocs.yml`` read by MkDocs, as a build would read it; the plugin's options with it.
    Raises `ArchcrewError` when it cannot be read or does not configure archcrew."""
    config_file = os.path.relpath(_config_file(root))  # as messages name it
    return adapter.load_configuration(
        config_file,
        without_plugin="lists mkdocs_archcrew.zensical but not the archcrew plugin, whose "
        "options it reads",
    )


def _config_file(root: Path) -> Path:
    """The configuration Zensical reads: ``-f``/``--config-file``, else mkdocs.yml."""
    argv = sys.argv
    for index, argument in enumerate(argv):
        if argument in ("-f", "--config-file") and index + 1 < len(argv):
            return Path(argv[index + 1]).resolve()
        if argument.startswith("--config-file="):
            return Path(argument.partition("=")[2]).resolve()
    for name in CONFIG_FILES:
        if (root / name).is_file():
            return root / name
    raise ArchcrewError(
        f"no mkdocs.yml in {root}: archcrew reads its options from the archcrew plugin in "
        "mkdocs.yml (a zensical.toml is not read)"
    )


def serving() -> bool:
    """Whether Zensical is serving (never fail then: the server would stop)."""
    return len(sys.argv) > 1 and sys.argv[1] == "serve"


def strict(config: Any) -> bool:
    """``zensical build --strict``, or ``strict: true`` in the configuration."""
    flags = {"--strict", "-s"}
    in_config = isinstance(config, dict) and config.get("strict") is True
    return in_config or any(argument in flags for argument in sys.argv[2:])


def _print_findings(findings: Sequence[Finding]) -> None:
    """As MkDocs prints them (its logger is not set up under Zensical); errors as warnings
    under ``zensical serve``, where nothing fails."""
    for finding in sorted_findings(list(findings)):
        severity = finding.severity
        if serving() and severity == Severity.ERROR:
            severity = Severity.WARNING
        _print(f"{LEVEL_NAMES[severity]} -  archcrew: {finding}")


@functools.cache
def _stylesheet() -> str:
    css = resources.files(__package__ or __name__).joinpath("assets/archcrew.css").read_text()
    return " ".join(line.strip() for line in css.splitlines() if line.strip())


def _unwatched(
    config: dict[str, Any], mkdocs_config: MkDocsConfig, configured: adapter.Configured
) -> list[Finding]:
    """Zensical renders again only the pages whose own text changed: a page showing what
    other pages say (coverage notes, sections, values from data files) keeps old text unless
    the files it depends on are watched, which renders every page when one changes."""
    root = Path(config["root_dir"])
    watched = {(root / str(entry)).resolve() for entry in config.get("watch") or []}
    needed = [Path(mkdocs_config.docs_dir).resolve(), *configured.data_paths]
    if configured.review_path is not None and configured.review_path.exists():
        needed.append(configured.review_path)
    missing = [
        path
        for path in needed
        if not any(path == folder or path.is_relative_to(folder) for folder in watched)
    ]
    if not missing:
        return []
    names = ", ".join(_relative(path, root) for path in missing)
    return [
        Finding(
            Severity.WARNING,
            "zensical-unwatched",
            f"Zensical renders again only the pages that changed, so pages showing what other "
            f"pages and files say (coverage notes, sections, values) would keep old text; "
            f"list {names} under watch: in mkdocs.yml (watch: [{names}])",
            _relative(Path(mkdocs_config.config_file_path or root / "mkdocs.yml"), root),
            0,
        )
    ]


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _exit_failed(host: ZensicalHost) -> None:
    """At the end of ``zensical build``: exit with status 1 when archcrew found errors (or
    warnings, with ``--strict``). Zensical's own status is 0 then; nothing runs after it."""
    if not host.failed_now():
        return
    _print(f"ERROR    -  {host.failure()}")
    sys.stdout.flush()
    os._exit(1)


def _print(line: str) -> None:
    sys.stderr.write(line + "\n")
    sys.stderr.flush()


def _body(text: str) -> str:
    """A page's text without its front matter, as Zensical hands it to Markdown."""
    doc = scan(text)
    return text[doc.body_start :] if doc.front_matter is not None else text


def _same(text: str, body: str | None) -> bool:
    return body is not None and text.strip("\n") == body.strip("\n")


def _changed_before(file: str) -> Finding:
    return Finding(
        Severity.WARNING,
        "zensical-changed-text",
        "another Markdown extension changed this page before archcrew saw it (one whose step "
        "runs earlier, such as Zensical's macros), so its placeholders were filled but its "
        "requirement anchors, links and notes were not added; let archcrew fill the page's "
        "values instead of that extension",
        file,
        0,
    )
