"""What the core needs to know of a docs project: its pages, value sources and settings."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from ..findings import Place
from ..markdown import DEFAULT_DIALECT, Dialect
from ..markdown.headings import Slugify, default_slugify
from ..trace.coverage import TraceSettings
from ..trace.table import DEFAULT_TABLE_TEMPLATE
from .rules import DEFAULT_TEMPLATES

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from ..findings import Finding
    from ..mermaid.options import DiagramOptions
    from ..placeholders.values import Layer
    from ..review.record import ReviewFile
    from ..review.suspects import OnSuspect

OnMissing = Literal["warn", "error", "keep"]
"""What an unresolved placeholder does: a warning, an error, or nothing (kept as written)."""


@dataclass(frozen=True, slots=True)
class PageInput:
    """A page as read from disk."""

    path: str
    """Path inside docs_dir, with ``/`` separators (``CLAUDE.md``, ``specs/FRS.md``)."""
    file: str
    """Path used in messages: relative to the project folder (``docs/CLAUDE.md``)."""
    url: str
    text: str


def _no_theme_templates(name: str) -> bool:
    return False


@dataclass(frozen=True)
class Settings:
    """How to fill: the plugin options and the bits of MkDocs configuration the core needs."""

    on_missing: OnMissing = "warn"
    slugify: Slugify = default_slugify
    is_theme_template: Callable[[str], bool] = _no_theme_templates
    dialect: Dialect = DEFAULT_DIALECT
    trace: TraceSettings = field(default_factory=TraceSettings)
    link_mentions: bool = True
    """Turn ID mentions in FRS prose into links to the requirement in the RDS."""
    coverage_notes: bool = True
    """Show under each requirement in the RDS where it is covered."""
    banners: bool = False
    """Put a banner listing a page's problems at the top of the page."""
    table_template: str | None = None
    """Source of the traceability table template; None for the bundled one."""
    table_template_name: str = DEFAULT_TABLE_TEMPLATE
    templates: tuple[str, ...] = DEFAULT_TEMPLATES
    """Glob patterns of the pages that are templates (`rules`), relative to docs_dir."""
    templates_place: Place = field(default_factory=lambda: Place("mkdocs.yml"))
    """Where the ``templates`` option is written, for messages."""
    on_suspect: OnSuspect = "warn"
    """What a requirement changed since its review is: a warning, an error, or not tracked."""
    chain: Mapping[str, tuple[str, ...]] | None = None
    """The document chain as the ``chain`` option gives it (each document's sources); None:
    read from the documents' front matter."""
    chain_place: Place = field(default_factory=lambda: Place("mkdocs.yml"))


@dataclass(frozen=True)
class ProjectInputs:
    """Everything a run of the pipeline reads: gathered by the MkDocs plugin during a build, or
    by ``archcrew check`` from ``mkdocs.yml``."""

    pages: list[PageInput]
    layers: list[Layer]
    """The site-wide value sources, highest precedence first (data files, the
    ``placeholders`` option, ``extra``)."""
    builtins: Mapping[str, Any]
    """Built-ins shared by every page (``date``, ``site.*``); ``page.*`` come per page."""
    settings: Settings
    diagrams: DiagramOptions
    findings: list[Finding] = field(default_factory=list)
    """Problems met while gathering the inputs (a page that cannot be read)."""
    review: Callable[[], ReviewFile | None] | None = None
    """Reads the review file, when the project is read: what it records is needed only
    then, and 5,000 requirements' worth of it is not kept through the build. None: no review
    file is configured."""
    keep_words: bool = False
    """Keep every requirement's words in the trace (`Review.wordings`), as `archcrew review`
    records them; a build needs only their fingerprints."""
