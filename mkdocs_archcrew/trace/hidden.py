"""Bidirectional control characters in RDS and FRS pages: they make text display in another
order than the one tools read it in ("Trojan Source"), so a requirement can read differently
from what the trace sees."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..findings import Finding, Severity

if TYPE_CHECKING:
    from ..findings import Code
    from ..markdown import Document

BIDI_CONTROL: Code = "trace-bidi-control"
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def bidi_controls(doc: Document, file: str) -> list[Finding]:
    """A warning for each line of the page holding bidirectional control characters."""
    lines: dict[int, str] = {}
    for match in _BIDI.finditer(doc.text):
        lines.setdefault(doc.line_of(match.start()), match[0])
    return [
        Finding(
            Severity.WARNING,
            BIDI_CONTROL,
            f"this line holds the bidirectional control character {char}, which makes text "
            "show in another order than the one archcrew and other tools read it in; a "
            "requirement can then read differently from what the trace sees. Delete it (write "
            "right-to-left text without control characters).",
            file,
            line,
        )
        for line, char in lines.items()
    ]
