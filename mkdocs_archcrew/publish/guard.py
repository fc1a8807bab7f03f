"""The last look at what a build wrote: a placeholder nobody filled, or one of archcrew's
markers, left in a written file means that text reached the site without passing through
archcrew (a value another plugin or the theme put in, such as ``.meta.yml`` or a blog
category), or that a marker escaped. Either is said, naming the page, never passed over."""

from __future__ import annotations

import re

from .markers import MARKER, MARKER_OPEN

PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}")
_NOT_PROSE = re.compile(
    r"<(script|style|pre|code|textarea|svg)\b.*?</\1\s*>"
    r"|<div\b[^>]*\bclass=\"[^\"]*\bmermaid\b[^\"]*\"[^>]*>.*?</div\s*>"
    r"|<!--.*?-->",
    re.DOTALL | re.IGNORECASE,
)
"""Code, scripts and diagrams, where braces are the text's own."""


def names_in(markdown: str) -> set[str]:
    """The placeholder names a page's Markdown still shows once filled: written as literal
    braces (``\\{{ name }}``), kept as written, or in code. Text that passed through archcrew
    has them only on purpose, or with a finding already said."""
    return set(PLACEHOLDER.findall(markdown)) if "{{" in markdown else set()


def unfilled(html: str, seen: set[str]) -> list[str]:
    """The placeholders left in the prose of a written page that its Markdown did not have
    (`seen`), each once, in order: text that reached the page some other way."""
    if "{{" not in html:
        return []
    prose = _NOT_PROSE.sub("", html)
    return list(dict.fromkeys(n for n in PLACEHOLDER.findall(prose) if n not in seen))


def markers_in(text: str) -> int:
    """How many markers `text` holds; authors' own text may hold some (icon fonts use the
    private-use characters markers are made of), which are left as written."""
    return len(MARKER.findall(text)) if MARKER_OPEN in text else 0
