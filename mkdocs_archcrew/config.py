"""The ``archcrew`` plugin's options, as written under ``plugins:`` in ``mkdocs.yml``."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from .trace.requirements import DEFAULT_ID_PATTERN, DEFAULT_NUMBERED_LISTS

# `validate` would shadow Config.validate(), so this sub-schema uses MkDocs' tuple form and is
# read by key; `adapter` gives it types (`DiagramOptions`).
MERMAID_OPTIONS = (
    # Mermaid for the site: a URL, or a local file relative to mkdocs.yml (such as
    # node_modules/mermaid/dist/mermaid.min.js), copied into the site so no page asks a CDN.
    ("javascript", c.Optional(c.Type(str))),
    # Check every diagram with Mermaid's parser: when Node.js, mermaid and jsdom are there
    # (auto), always (true: their absence is an error), or never.
    ("validate", c.Choice(("auto", True, False), default="auto")),
    # "svg" draws each diagram at build time as inline SVG (shown without JavaScript).
    ("prerender", c.Choice((False, "svg"), default=False)),
    # Mermaid's securityLevel in the browser and when pre-rendering.
    ("security_level", c.Choice(("strict", "antiscript", "loose", "sandbox"), default="strict")),
    # The Chromium to pre-render with; default: chromium (Debian's) found on the PATH.
    ("browser", c.Optional(c.Type(str))),
    # Where results are kept between builds, relative to mkdocs.yml.
    ("cache_dir", c.Type(str, default=".cache/archcrew")),
)


class ArchcrewConfig(base.Config):  # type: ignore[no-untyped-call]  # mkdocs is untyped here
    enabled = c.Type(bool, default=True)
    """Turn the plugin off without removing its configuration (e.g. ``!ENV [ARCHCREW, true]``)."""

    # Placeholders
    data_files = c.ListOfItems(c.Type(str), default=[])
    """YAML files of placeholder values, relative to ``mkdocs.yml``; later files win."""
    placeholders = c.Type(dict, default={})
    """Placeholder values written in ``mkdocs.yml``; a value may be ``{section: "FRS.md#id"}``."""
    on_missing = c.Choice(("warn", "error", "keep"), default="warn")
    """An unresolved placeholder is a warning (``warn``), fails the build (``error``) or is kept
    as written without a message (``keep``)."""

    # Traceability
    rds = c.Optional(c.ListOfItems(c.Type(str)))
    """Glob patterns of the RDS pages, relative to docs_dir; unset: file names starting with RDS."""
    frs = c.Optional(c.ListOfItems(c.Type(str)))
    """Glob patterns of the FRS pages, relative to docs_dir; unset: file names starting with FRS."""
    id_pattern = c.Type(str, default=DEFAULT_ID_PATTERN)
    """Regular expression of a requirement ID (default: ``FR-1``, ``NFR-007``, ``REQ-AUTH-3.1``)."""
    numbered_lists = c.Type(dict, default=dict(DEFAULT_NUMBERED_LISTS))
    """Headings whose numbered lists define requirements, and the ID prefix each gives."""
    ignore_statuses = c.ListOfItems(
        c.Choice(("draft", "deprecated")), default=["draft", "deprecated"]
    )
    """Requirements with these statuses are listed, but their coverage is not enforced."""
    on_uncovered = c.Choice(("error", "warn"), default="error")
    """An uncovered requirement fails the build (``error``) or is a warning (``warn``)."""
    on_unknown = c.Choice(("error", "warn"), default="error")
    """An FRS mention of an ID no RDS defines fails the build or is a warning."""
    link_mentions = c.Type(bool, default=True)
    """Turn requirement IDs written in FRS prose into links to the requirement."""
    coverage_notes = c.Type(bool, default=True)
    """Show under each requirement in the RDS where the FRS covers it."""
    banners = c.Choice(("auto", "always", "never"), default="auto")
    """Show each page's problems in a banner at its top: under ``mkdocs serve`` only (``auto``),
    in every build, or never."""
    traceability_template = c.Optional(c.Type(str))
    """A Jinja2 template (relative to ``mkdocs.yml``) for ``{{ rdsToFrsValidation }}``."""
    mermaid = c.SubConfig(*MERMAID_OPTIONS)
    """Mermaid diagrams: how the site loads Mermaid, build-time checks, pre-rendering."""
    report = c.Type(str, default="archcrew-report.json")
    """File written into site_dir with every requirement, its coverage and every finding; an
    empty string writes none."""
