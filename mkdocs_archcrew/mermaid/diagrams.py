"""Mermaid diagrams as pages hold them: fenced ``mermaid`` blocks, with their lines."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..markdown import RegionKind

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ..markdown import Document


@dataclass(frozen=True, slots=True)
class Diagram:
    """One Mermaid diagram: its text and where its fence opens."""

    page: str
    file: str
    line: int
    """Line of the opening fence in its page (0 for a generated diagram)."""
    start: int
    end: int
    """The fenced block's offsets in its page, fences included."""
    text: str
    indent: str = ""
    """Indentation of the fence (a diagram in a list item)."""


def collect(docs: Mapping[str, Document], files: Mapping[str, str]) -> list[Diagram]:
    """Every ``mermaid`` fenced block of every page, in page order."""
    diagrams = []
    for page, doc in docs.items():
        for region in doc.of_kind(RegionKind.FENCE):
            if region.language != "mermaid":
                continue
            block = doc.text[region.start : region.end]
            opening, _, rest = block.partition("\n")
            indent = opening[: len(opening) - len(opening.lstrip(" \t>"))]
            lines = rest.split("\n")
            while lines and not lines[-1].strip():
                lines.pop()
            body = [
                line[len(indent) :] if line.startswith(indent) else line.lstrip()
                for line in lines[:-1]
            ]
            diagrams.append(
                Diagram(
                    page,
                    files[page],
                    doc.line_of(region.start),
                    region.start,
                    region.end,
                    "\n".join(body),
                    indent,
                )
            )
    return diagrams
