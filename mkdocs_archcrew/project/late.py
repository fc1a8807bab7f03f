"""Filling text that reaches a page only when it is rendered: a snippet or an include pulled in
by another plugin, a blog post its plugin reads itself, a page another plugin adds after the
project was read. Such text gets the values the page's own text gets."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..findings import Finding
from ..markdown import scan
from ..placeholders.built_ins import page_title
from ..placeholders.resolver import PageContext, Resolver
from ..placeholders.suggestions import Suggestions
from ..placeholders.syntax import unescape
from ..placeholders.values import Layer

if TYPE_CHECKING:
    from collections.abc import Mapping

    from .inputs import OnMissing, Settings

ADDED = "in text another plugin added to the page, at that line of the page as rendered"
METADATA = "in page metadata another plugin added, such as Material's .meta.yml"


@dataclass(frozen=True)
class PageValues:
    """The values a page of the project brings: its front matter's, and its ``page.*``."""

    front: Mapping[str, Any]
    page: Mapping[str, Any]
    on_missing: OnMissing | None = None
    """The page's own ``on_missing``, if it gives one."""


@dataclass(frozen=True)
class LateFiller:
    """Fills text met at render time with the project's values (`fill`)."""

    layers: tuple[Layer, ...]
    """The site-wide value sources, highest precedence first."""
    builtins: Mapping[str, Any]
    """Every page's built-ins, those the plugin computes included (the traceability table)."""
    pages: Mapping[str, PageValues]
    settings: Settings
    suggestions: Suggestions = field(default_factory=Suggestions)
    """The build's "did you mean" budget, the fill's own."""

    def fill(
        self, path: str, url: str, file: str, text: str, first_line: int = 1
    ) -> tuple[str, list[Finding]]:
        """`text` of the page at `path` (`file` in messages) with its placeholders filled, and
        the problems met, at lines counted from `first_line` (0: a metadata value, no line)."""
        settings = self.settings
        doc = scan(text, front_matter=False, dialect=settings.dialect)
        known = self.pages.get(path)
        front = known.front if known else {}
        on_missing = (known.on_missing if known else None) or settings.on_missing
        values = known.page if known else {"title": page_title(doc, {}, path), "path": path}
        layers = [
            Layer("front matter", front),
            *self.layers,
            Layer("built-in", {**self.builtins, "page": {**values, "url": url}}),
        ]
        ctx = PageContext(path, doc, layers)
        resolver = Resolver(
            {path: ctx},
            settings.slugify,
            report_unresolved=on_missing != "keep",
            dialect=settings.dialect,
            suggestions=self.suggestions,
        )
        filled = resolver.fill_span(ctx, 0, len(text))
        where = ADDED if first_line else METADATA
        findings = [
            finding
            for at in filled.problems
            if (
                finding := at.problem.reported(
                    file, first_line - 1 + doc.line_of(at.offset) if first_line else 0, on_missing
                )
            )
        ]
        if not first_line:
            return unescape(filled.text), [_said(finding, where) for finding in findings]
        return filled.text, [_said(finding, where) for finding in findings]


def _said(finding: Finding, where: str) -> Finding:
    """The finding, saying where its text was: not in the page's file as written."""
    message = finding.message
    stop = message.find(": ")
    # Messages start with what went wrong ("cannot fill {{ x }}: ..."); the place comes first.
    shown = f"{message[:stop]} ({where}){message[stop:]}" if stop > 0 else f"{message} ({where})"
    return Finding(finding.severity, finding.code, shown, finding.file, finding.line)
