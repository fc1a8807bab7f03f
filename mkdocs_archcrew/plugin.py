"""The MkDocs plugin: wires MkDocs events to the core and reports findings the MkDocs way."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, Literal

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger

from . import loading
from .config import ArchcrewConfig
from .findings import ArchcrewError, Finding, Severity
from .project import FilledProject, fill_project

if TYPE_CHECKING:
    from pathlib import Path

    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

    from .values import Layer

log = get_plugin_logger("archcrew")

LOG_LEVEL = {
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
            self._layers, self._data_paths = loading.value_layers(self.config, config)
            self._builtins = loading.builtin_values(config)
        except ArchcrewError as error:
            raise PluginError(f"archcrew: {error}") from None
        return None

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        pages, unreadable = loading.page_inputs(files, config, serving=self._command == "serve")
        settings = loading.settings(self.config, config)
        self._project = fill_project(pages, self._layers, self._builtins, settings)
        findings = unreadable + self._project.findings
        report(findings)
        errors = [finding for finding in findings if finding.severity >= Severity.ERROR]
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


def report(findings: list[Finding]) -> None:
    """Log findings through MkDocs, so ``--strict`` counts the warnings."""
    for finding in findings:
        log.log(LOG_LEVEL[finding.severity], str(finding))
