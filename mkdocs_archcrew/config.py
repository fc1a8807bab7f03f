"""The ``archcrew`` plugin's options, as written under ``plugins:`` in ``mkdocs.yml``."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class ArchcrewConfig(base.Config):  # type: ignore[no-untyped-call]  # mkdocs is untyped here
    enabled = c.Type(bool, default=True)
    """Turn the plugin off without removing its configuration (e.g. ``!ENV [ARCHCREW, true]``)."""

    data_files = c.ListOfItems(c.Type(str), default=[])
    """YAML files of placeholder values, relative to ``mkdocs.yml``; later files win."""

    placeholders = c.Type(dict, default={})
    """Placeholder values written in ``mkdocs.yml``; a value may be ``{section: "FRS.md#id"}``."""

    on_missing = c.Choice(("warn", "error", "keep"), default="warn")
    """An unresolved placeholder is a warning (``warn``), fails the build (``error``) or is kept
    as written without a message (``keep``)."""
