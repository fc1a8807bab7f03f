"""A diagram drawn at build time, as the HTML block that shows it."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping


def figure(svgs: Mapping[str, str]) -> str:
    """A pre-rendered diagram as an HTML block: the light and the dark drawing, one shown at a time
    by the palette (``archcrew.css``)."""
    light = _one_line(svgs.get("default", ""))
    dark = _one_line(svgs.get("dark", "")) or light
    return (
        '<div class="archcrew-diagram">'
        f'<div class="archcrew-diagram-light">{light}</div>'
        f'<div class="archcrew-diagram-dark">{dark}</div></div>\n'
    )


def _one_line(svg: str) -> str:
    # One line, so Markdown sees one raw HTML block (a blank line would end it).
    return re.sub(r"\s*\n\s*", " ", svg).strip()
