"""Which Markdown extensions a site enables, as far as they change what counts as code."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Dialect:
    """The Markdown extensions that change block structure, and so what counts as code."""

    titled_blocks: frozenset[str] = frozenset({"!!!", "???", "???+", "==="})
    """Openers of blocks with a title line and an indented body: ``!!!`` (admonition),
    ``???``/``???+`` (pymdownx.details), ``===`` (pymdownx.tabbed)."""
    nested_fences: bool = True
    """Fences may be indented, in lists and quotes (pymdownx.superfences); otherwise a fence
    starts at the first column (Python-Markdown's fenced_code)."""
    tables: bool = True
    """Pipe tables (the ``tables`` extension, on in MkDocs by default)."""

    @classmethod
    def from_extensions(cls, names: list[str]) -> Dialect:
        # Python-Markdown takes its own extensions by module path too.
        names = [name.removeprefix("markdown.extensions.") for name in names]
        titled = {
            "admonition": ("!!!",),
            "pymdownx.details": ("???", "???+"),
            "pymdownx.tabbed": ("===",),
        }
        return cls(
            frozenset(opener for name in names for opener in titled.get(name, ())),
            "pymdownx.superfences" in names,
            "tables" in names,
        )


DEFAULT_DIALECT = Dialect()
"""Material for MkDocs' usual set: admonitions, details, tabs and superfences."""
