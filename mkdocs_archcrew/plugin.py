"""The MkDocs plugin: wires MkDocs events to the core and reports findings the MkDocs way."""

from __future__ import annotations

import functools
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast

from jinja2 import TemplateNotFound
from markdown.extensions.toc import slugify as markdown_slugify
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger

from .config import ArchcrewConfig
from .findings import ArchcrewError, Finding, Severity
from .project import FilledProject, OnMissing, PageInput, Settings, fill_project
from .sections import Slugify, default_slugify
from .values import Layer, build_date, line_mentioning, load_data_file, site_values

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page

log = get_plugin_logger("archcrew")

_LOG_LEVEL = {
    Severity.INFO: logging.INFO,
    Severity.WARNING: logging.WARNING,
    Severity.ERROR: logging.ERROR,
}


class ArchcrewPlugin(BasePlugin[ArchcrewConfig]):  # type: ignore[no-untyped-call]
    """Fills placeholders in pages and their front matter at build time."""

    def __init__(self) -> None:
        self._command: str = "build"
        self._data_paths: list[Path] = []
        self._layers: list[Layer] = []
        self._builtins: dict[str, Any] = {}
        self._project: FilledProject | None = None

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        # Defining on_startup keeps this object alive across `mkdocs serve` rebuilds; every
        # per-build field is therefore reset in on_config.
        self._command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self._project = None
        self._layers, self._data_paths, self._builtins = [], [], {}
        if not self.config.enabled:
            return None
        try:
            self._layers = self._load_layers(config)
            self._builtins = {"date": build_date(), "site": site_values(config)}
        except ArchcrewError as error:
            raise PluginError(f"archcrew: {error}") from None
        return None

    def _load_layers(self, config: MkDocsConfig) -> list[Layer]:
        config_file = Path(config.config_file_path or "mkdocs.yml")
        project_dir = config_file.parent
        config_text = config_file.read_text(encoding="utf-8") if config_file.is_file() else ""
        data_layers = []
        for entry in self.config.data_files:
            path = (project_dir / entry).resolve()
            line = line_mentioning(config_text, entry)
            listed_at = f"{config_file.name}:{line}" if line else config_file.name
            values = load_data_file(path, entry, listed_at)
            self._data_paths.append(path)
            data_layers.append(Layer(f"data file {entry}", values))
        data_layers.reverse()  # a later file overrides an earlier one
        return [
            *data_layers,
            Layer("plugin option 'placeholders'", self.config.placeholders),
            Layer("extra", dict(config.extra)),
        ]

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        project_dir = Path(config.config_file_path or "mkdocs.yml").parent
        pages = []
        for file in files.documentation_pages():
            if not _built(file, serving=self._command == "serve"):
                continue
            try:
                text = file.content_string
            except (OSError, ValueError) as error:
                log.warning(f"{file.src_uri}: cannot read the page ({error}); it is not filled")
                continue
            shown = (
                os.path.relpath(file.abs_src_path, project_dir)
                if file.abs_src_path
                else file.src_uri
            )
            pages.append(PageInput(file.src_uri, Path(shown).as_posix(), file.url, text))
        settings = Settings(
            on_missing=cast("OnMissing", self.config.on_missing),
            slugify=_toc_slugify(config),
            is_theme_template=_theme_template_check(config.theme.get_env()),
        )
        self._project = fill_project(pages, self._layers, self._builtins, settings)
        _report(self._project.findings)
        errors = self._project.errors
        if errors:
            raise PluginError(
                f"archcrew: {len(errors)} error(s) in the documents, listed above; "
                "fix them to build the site"
            )
        return None

    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        if self._project is None:
            return None
        filled = self._project.pages.get(page.file.src_uri)
        return filled.source if filled else None

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer | None:
        for path in self._data_paths:
            server.watch(str(path))
        return server


def _built(file: File, *, serving: bool) -> bool:
    """Whether MkDocs builds this page: drafts only under `mkdocs serve`, excluded pages never."""
    inclusion: Any = file.inclusion  # InclusionLevel's methods are untyped in MkDocs 1.6
    return bool(inclusion.is_in_serve() if serving else inclusion.is_included())


def _report(findings: list[Finding]) -> None:
    for finding in findings:
        log.log(_LOG_LEVEL[finding.severity], str(finding))


def _toc_slugify(config: MkDocsConfig) -> Slugify:
    """The heading-id function the site's ``toc`` extension uses, so section anchors agree."""
    toc = config.mdx_configs.get("toc", {})
    slugify = toc.get("slugify")
    separator = toc.get("separator", "-")
    if slugify is None and separator == "-":
        return default_slugify
    slugify = slugify or markdown_slugify
    return lambda text: str(slugify(text, separator))


def _theme_template_check(env: Environment) -> Any:
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
