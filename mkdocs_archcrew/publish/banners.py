"""A banner at the top of a page listing its problems (under `mkdocs serve`, by default)."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from ..findings import Severity

if TYPE_CHECKING:
    from ..findings import Finding


def banner(findings: list[Finding]) -> str:
    """An HTML block listing a page's problems; empty when it has none worth showing."""
    shown = [finding for finding in findings if finding.severity >= Severity.WARNING]
    if not shown:
        return ""
    count = f"{len(shown)} problem{'s' if len(shown) > 1 else ''}"
    items = "\n".join(
        f"<li>{'line ' + str(f.line) + ': ' if f.line else ''}{html.escape(f.message)}</li>"
        for f in shown
    )
    return (
        '<div class="admonition failure archcrew-problems">\n'
        f'<p class="admonition-title">archcrew: {count} on this page</p>\n'
        f"<ul>\n{items}\n</ul>\n</div>\n"
    )


def insert_banner(body: str, block: str) -> str:
    """Put a banner at the top of a page body, after a leading level-1 heading (MkDocs takes
    the page title from an ``h1`` only when it comes first)."""
    if not block:
        return body
    stripped = body.lstrip("\n")
    skipped = len(body) - len(stripped)
    first_line, newline, rest = stripped.partition("\n")
    if first_line.startswith("# ") or first_line == "#":
        return f"{body[:skipped]}{first_line}{newline}\n{block}\n{rest}"
    return f"{body[:skipped]}{block}\n{stripped}"
