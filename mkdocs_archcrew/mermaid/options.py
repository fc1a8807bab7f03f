"""How a site wants its diagrams checked and drawn: the ``mermaid:`` options, typed."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from .size import SizeLimit

if TYPE_CHECKING:
    from ..findings import Place

Validate = Literal["auto", True, False]
VALIDATE: tuple[Validate, ...] = ("auto", True, False)
"""Check diagrams when the tools are there (``auto``), always (``true``), or never."""
PRERENDER: tuple[Literal[False, "svg"], ...] = (False, "svg")
ON_ERROR: tuple[Literal["error", "warn"], ...] = ("error", "warn")
SecurityLevel = Literal["strict", "antiscript", "loose", "sandbox"]
SECURITY_LEVELS: tuple[SecurityLevel, ...] = ("strict", "antiscript", "loose", "sandbox")
"""Mermaid's ``securityLevel`` values; checked when mkdocs.yml is read, as the level is written
into the site's JavaScript as given."""

_URL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
"""A URL with a scheme (any case, RFC 3986), or a protocol-relative one (``//cdn.example``)."""


def is_url(javascript: str) -> bool:
    return bool(_URL.match(javascript))


@dataclass(frozen=True)
class DiagramOptions:
    """The ``mermaid:`` options, with paths resolved."""

    javascript: str | None
    """A URL, or the absolute path of a local Mermaid bundle."""
    validate: Validate
    prerender: bool
    security_level: SecurityLevel
    browser: str | None
    cache_file: Path
    """Where diagram results are kept between builds."""
    project_dir: Path
    place: Place
    """Where the options are written (``mkdocs.yml:23``), for messages."""
    on_error: Literal["error", "warn"] = "error"
    """What a diagram that does not parse is, unless it or its page says otherwise."""
    size_limit: SizeLimit = field(default_factory=SizeLimit)
    """Mermaid's ``maxTextSize`` on the site: longer diagrams are not drawn."""

    @property
    def local_javascript(self) -> Path | None:
        if self.javascript is None or is_url(self.javascript):
            return None
        return Path(self.javascript)
