"""The last look at what a build wrote: a placeholder nobody filled, or one of archcrew's
markers, left in a written file means that text reached the site without passing through
archcrew (a value another plugin or the theme put in, such as ``.meta.yml`` or a blog
category), or that a marker escaped. Either is said, naming the page, never passed over."""

from __future__ import annotations

import re

from .markers import MARKER, MARKER_OPEN

MARKER_BYTES = MARKER_OPEN.encode()
"""What a marker starts with in a file written as UTF-8."""

PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}")
_NOT_PROSE = (
    ("<pre", "</pre"),
    ("<code", "</code"),
    ("<script", "</script"),
    ("<style", "</style"),
    ("<textarea", "</textarea"),
    ("<svg", "</svg"),
    ('<div class="mermaid"', "</div"),
    ("<!--", "-->"),
)
"""Code, scripts, diagrams and comments, where braces are the text's own: what opens each,
and what closes it, as Python-Markdown and themes write them (in lower case)."""


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
    left = (
        m for m in PLACEHOLDER.finditer(html) if m[1] not in seen and _in_prose(html, m.start())
    )
    return list(dict.fromkeys(m[1] for m in left))


def _in_prose(html: str, at: int) -> bool:
    """Whether `at` is outside every element of `_NOT_PROSE`: none of them nests in itself
    in a page, so the nearest opening before `at` tells (found backwards, without reading the
    page as a whole: most pages have braces only in their code)."""
    return all(
        html.rfind(opening, 0, at) <= html.rfind(closing, 0, at) for opening, closing in _NOT_PROSE
    )


def markers_in(text: str) -> int:
    """How many of archcrew's markers `text` holds: private-use characters of authors' own
    (icon fonts) never make one (`markers.KEY`)."""
    return len(MARKER.findall(text)) if MARKER_OPEN in text else 0
