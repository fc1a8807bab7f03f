"""Reading a MkDocs project into what the core needs: value sources, pages and settings.

Shared by the plugin (during a build) and the command line (without one), so both see the
same pages and values.
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast

from jinja2 import TemplateNotFound
from markdown.extensions.toc import slugify as markdown_slugify

from . import mermaid
from .findings import ArchcrewError, Finding, Severity
from .project import OnMissing, PageInput, Project, Settings
from .report import DEFAULT_TABLE_TEMPLATE
from .requirements import RequirementSyntax
from .sections import Slugify, default_slugify
from .source import Dialect
from .trace import OnGap, TraceSettings
from .values import Layer, build_date, line_mentioning, load_data_file, site_values

if TYPE_CHECKING:
    from collections.abc import Callable

    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files

    from .config import ArchcrewConfig


def project_dir(config: MkDocsConfig) -> Path:
    """The folder holding ``mkdocs.yml``: paths in options and in messages are relative to it."""
    return Path(config.config_file_path or "mkdocs.yml").resolve().parent


def value_layers(options: ArchcrewConfig, config: MkDocsConfig) -> tuple[list[Layer], list[Path]]:
    """The site-wide value sources, highest precedence first, and the data files they read.

    Raises `ArchcrewError` naming the file and line of a bad data file.
    """
    config_file = Path(config.config_file_path or "mkdocs.yml")
    config_text = config_file.read_text(encoding="utf-8") if config_file.is_file() else ""
    layers: list[Layer] = []
    paths: list[Path] = []
    for entry in options.data_files:
        path = (project_dir(config) / entry).resolve()
        line = line_mentioning(config_text, entry)
        listed_at = f"{config_file.name}:{line}" if line else config_file.name
        layers.append(Layer(f"data file {entry}", load_data_file(path, entry, listed_at)))
        paths.append(path)
    layers.reverse()  # a later file overrides an earlier one
    layers.append(Layer("plugin option 'placeholders'", options.placeholders))
    layers.append(Layer("extra", dict(config.extra)))
    return layers, paths


def builtin_values(config: MkDocsConfig) -> dict[str, Any]:
    """Built-ins shared by every page (``date``, ``site.*``); ``page.*`` are added per page."""
    return {"date": build_date(), "site": site_values(config)}


def page_inputs(
    files: Files, config: MkDocsConfig, *, serving: bool
) -> tuple[list[PageInput], list[Finding]]:
    """Every Markdown page MkDocs will build, read from disk (or memory, for generated ones)."""
    shown_path = shown_paths(config)
    pages: list[PageInput] = []
    findings: list[Finding] = []
    for file in files.documentation_pages():
        if not _built(file, serving=serving):
            continue
        shown = shown_path(file)
        try:
            text = file.content_string
        except (OSError, ValueError) as error:
            findings.append(
                Finding(
                    Severity.ERROR,
                    "page-unreadable",
                    f"cannot read the page ({error}); MkDocs cannot build it either. "
                    "Save it as UTF-8 text.",
                    shown,
                    0,
                )
            )
            continue
        pages.append(PageInput(file.src_uri, shown, file.url, text))
    return pages, findings


def settings(options: ArchcrewConfig, config: MkDocsConfig, *, serving: bool) -> Settings:
    """The core's settings from the plugin options. Raises `ArchcrewError` for bad options."""
    config_file = Path(config.config_file_path or "mkdocs.yml")
    config_text = config_file.read_text(encoding="utf-8") if config_file.is_file() else ""

    def place(needle: str) -> str:
        line = line_mentioning(config_text, needle)
        return f"{config_file.name}:{line}" if line else config_file.name

    try:
        syntax = RequirementSyntax(options.id_pattern, _numbered_lists(options, place))
    except re.error as error:
        raise ArchcrewError(
            f"{place('id_pattern')}: id_pattern is not a valid regular expression ({error})"
        ) from None
    patterns = [*(options.rds or []), *(options.frs or [])]
    trace = TraceSettings(
        rds=tuple(options.rds) if options.rds is not None else None,
        frs=tuple(options.frs) if options.frs is not None else None,
        syntax=syntax,
        on_uncovered=cast("OnGap", options.on_uncovered),
        on_unknown=cast("OnGap", options.on_unknown),
        ignore_statuses=frozenset(options.ignore_statuses),
        pattern_places={pattern: place(pattern) for pattern in patterns},
    )
    template_name, template_source = DEFAULT_TABLE_TEMPLATE, None
    if options.traceability_template:
        template_name = options.traceability_template
        path = project_dir(config) / template_name
        try:
            template_source = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise ArchcrewError(
                f"{place(template_name)}: traceability_template '{template_name}' cannot be read "
                f"({error}); the path is relative to mkdocs.yml."
            ) from None
    return Settings(
        on_missing=cast("OnMissing", options.on_missing),
        slugify=toc_slugify(config),
        is_theme_template=theme_template_check(config.theme.get_env()),
        dialect=Dialect.from_extensions(list(config.markdown_extensions)),
        trace=trace,
        link_mentions=options.link_mentions,
        coverage_notes=options.coverage_notes,
        banners=options.banners == "always" or (options.banners == "auto" and serving),
        table_template=template_source,
        table_template_name=template_name,
    )


def _numbered_lists(options: ArchcrewConfig, place: Callable[[str], str]) -> dict[str, str]:
    lists = options.numbered_lists
    for heading, prefix in lists.items():
        if not isinstance(heading, str) or not isinstance(prefix, str):
            raise ArchcrewError(
                f"{place('numbered_lists')}: numbered_lists maps heading text to an ID prefix "
                f'("Functional Requirements": FR); got {heading!r}: {prefix!r}'
            )
    return dict(lists)


def _built(file: File, *, serving: bool) -> bool:
    """Whether MkDocs builds this page: drafts only under `mkdocs serve`, excluded pages never."""
    inclusion: Any = file.inclusion  # InclusionLevel's methods are untyped in MkDocs 1.6
    return bool(inclusion.is_in_serve() if serving else inclusion.is_included())


def shown_paths(config: MkDocsConfig) -> Callable[[File], str]:
    """How messages name a page: its path from the folder of ``mkdocs.yml``."""
    base = project_dir(config)

    def shown(path: Path) -> str:
        try:
            return path.relative_to(base).as_posix()
        except ValueError:  # outside the project folder
            return path.as_posix()

    # docs_dir is resolved once: resolving each of thousands of pages costs system calls.
    docs_dir = str(Path(config.docs_dir)) + os.sep
    docs_shown = shown(Path(config.docs_dir).resolve())
    docs_prefix = "" if docs_shown == "." else docs_shown + "/"

    def page_path(file: File) -> str:
        if not file.abs_src_path:
            return file.src_uri
        if file.abs_src_path.startswith(docs_dir):
            return docs_prefix + file.src_uri
        return shown(Path(file.abs_src_path).resolve())  # a page another plugin brought in

    return page_path


def toc_slugify(config: MkDocsConfig) -> Slugify:
    """The heading-id function the site's ``toc`` extension uses, so section anchors agree."""
    toc = config.mdx_configs.get("toc", {})
    slugify = toc.get("slugify")
    separator = toc.get("separator", "-")
    if slugify is None and separator == "-":
        return default_slugify
    function = slugify or markdown_slugify
    return lambda text: str(function(text, separator))


def theme_template_check(env: Environment) -> Callable[[str], bool]:
    """A test for "is this name a template of the site's theme?" (front matter ``template:``)."""

    @functools.cache
    def is_theme_template(name: str) -> bool:
        try:
            env.get_template(name)
        except TemplateNotFound:
            return False
        except Exception:  # a theme template that fails to compile still is one
            return True
        return True

    return is_theme_template


@dataclass(frozen=True)
class MermaidOptions:
    """The ``mermaid:`` options, typed and with paths resolved."""

    javascript: str | None
    """A URL, or the absolute path of a local Mermaid bundle."""
    validate: bool | Literal["auto"]
    prerender: bool
    security_level: str
    browser: str | None
    cache_dir: Path
    project_dir: Path
    place: str
    """Where the options are written (``mkdocs.yml:23``), for messages."""

    @property
    def local_javascript(self) -> Path | None:
        if self.javascript is None or re.match(r"^[a-z]+://", self.javascript):
            return None
        return Path(self.javascript)


def mermaid_options(options: ArchcrewConfig, config: MkDocsConfig) -> MermaidOptions:
    """Read and check the ``mermaid:`` options. Raises `ArchcrewError` naming the problem."""
    raw = options.mermaid
    base = project_dir(config)
    config_file = Path(config.config_file_path or "mkdocs.yml")
    config_text = config_file.read_text(encoding="utf-8") if config_file.is_file() else ""
    line = line_mentioning(config_text, "mermaid:")
    place = f"{config_file.name}:{line}" if line else config_file.name
    javascript = raw["javascript"]
    if javascript and not re.match(r"^[a-z]+://", javascript):
        path = (base / javascript).resolve()
        if path.suffix == ".mjs":
            raise ArchcrewError(
                f"{place}: mermaid.javascript '{javascript}' is an ES module, which does not "
                "define the global `mermaid` that Material and mkdocs-mermaid2 look for (they "
                "would fetch Mermaid from a CDN). Use the browser bundle, e.g. "
                "node_modules/mermaid/dist/mermaid.min.js."
            )
        if not path.is_file():
            raise ArchcrewError(
                f"{place}: mermaid.javascript '{javascript}' not found (looked for {path}); "
                "run `npm install mermaid` next to mkdocs.yml, or fix the path (relative to "
                "mkdocs.yml)."
            )
        javascript = str(path)
    return MermaidOptions(
        javascript or None,
        raw["validate"],
        raw["prerender"] == "svg",
        raw["security_level"],
        raw["browser"],
        base / raw["cache_dir"],
        base,
        place,
    )


def examine_diagrams(
    project: Project, options: MermaidOptions, cache: mermaid.Cache, *, prerender: bool
) -> mermaid.DiagramOutcome:
    """Check (and, when asked, draw) every diagram of a project, as the options say."""
    diagrams = project.diagrams()
    if not diagrams:
        return mermaid.DiagramOutcome()
    local = options.local_javascript
    toolchain = mermaid.Toolchain.find(options.project_dir, local, options.browser)
    findings: list[Finding] = []
    parsed: dict[str, mermaid.Result] = {}
    svgs: dict[str, dict[str, str]] = {}

    def problem(severity: Severity, message: str) -> None:
        file, _, line = options.place.partition(":")
        findings.append(Finding(severity, "mermaid-toolchain", message, file, int(line or 0)))

    if options.validate:
        required = options.validate is True
        missing = None if toolchain.version else toolchain.cannot_parse()
        todo: list[str] = []
        if toolchain.version:
            parsed, todo = mermaid.cached(diagrams, toolchain.version, cache)
            missing = toolchain.cannot_parse() if todo else None
        if missing:
            problem(
                Severity.ERROR if required else Severity.INFO,
                f"Mermaid diagrams are not checked: {missing}. To check them at build time: "
                f"{mermaid.INSTALL_HINT}; or set mermaid.validate: false.",
            )
        elif todo:
            try:
                parsed.update(mermaid.parse(todo, toolchain, cache))
            except mermaid.ToolchainError as error:
                problem(Severity.ERROR if required else Severity.WARNING, str(error))
        bundle = mermaid.version_of_bundle(local) if local else None
        if bundle and toolchain.version and bundle != toolchain.version:
            problem(
                Severity.WARNING,
                f"diagrams are checked with Mermaid {toolchain.version} (node_modules) but "
                f"the site loads Mermaid {bundle} ({options.javascript}); use the same "
                "version for both.",
            )
    if prerender:
        missing = toolchain.cannot_render()
        if missing:
            problem(Severity.ERROR, f"mermaid.prerender: svg cannot draw diagrams: {missing}.")
        else:
            drawable = [d for d in diagrams if parsed.get(d.text, mermaid.Result(True)).ok]
            try:
                svgs = mermaid.render(drawable, toolchain, cache, options.security_level)
            except mermaid.ToolchainError as error:
                problem(Severity.ERROR, str(error))
    cache.save()
    return mermaid.DiagramOutcome(parsed, svgs, toolchain.version or "", findings)
