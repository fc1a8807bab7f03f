"""Problems found in a docs project, each tied to a file and line."""

from __future__ import annotations

import enum
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from collections.abc import Sequence


class Severity(enum.IntEnum):
    """How a finding affects a build; ordered so that `max()` gives the worst."""

    INFO = 10
    WARNING = 20
    ERROR = 30


Code = Literal[
    "placeholder-unresolved",
    "placeholder-cycle",
    "placeholder-not-a-name",
    "placeholder-section",
    "placeholder-not-text",
    "front-matter-yaml",
    "front-matter-limit",
    "front-matter-duplicate-key",
    "front-matter-template",
    "trace-uncovered",
    "trace-unknown-id",
    "trace-duplicate-id",
    "trace-no-requirements",
    "trace-pattern-unmatched",
    "trace-rds-and-frs",
    "trace-template",
    "trace-added-text",
    "trace-word-only",
    "mermaid-syntax",
    "mermaid-toolchain",
    "mermaid-too-large",
    "page-unreadable",
    "check-unseen-pages",
    "page-rules",
    "trace-bidi-control",
    "review-file",
    "review-suspect",
    "review-unreviewed",
    "review-gone",
    "chain-stale",
    "chain-unreviewed",
    "chain-document",
    "zensical-changed-text",
    "zensical-config",
    "zensical-unwatched",
]
"""Every finding's stable short name, as reports and ``archcrew check`` show it; the docs'
findings catalogue has an example of each."""


@dataclass(frozen=True, slots=True)
class Place:
    """A file (relative to the folder holding ``mkdocs.yml``) and a 1-based line; 0: no line."""

    file: str
    line: int = 0

    def __str__(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem: what is wrong, where, and (in the message) how to fix it."""

    severity: Severity
    code: Code
    message: str
    file: str
    """Path relative to the project folder (the one holding ``mkdocs.yml``)."""
    line: int

    def __post_init__(self) -> None:
        # Every message, whatever made it: a name or ID with a character no one can see must
        # not read as the name it looks like.
        object.__setattr__(self, "message", visible(self.message))

    @classmethod
    def at(cls, place: Place, severity: Severity, code: Code, message: str) -> Finding:
        return cls(severity, code, message, place.file, place.line)

    @property
    def location(self) -> str:
        return str(Place(self.file, self.line))

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"

    @property
    def sort_key(self) -> tuple[str, int, str, str]:
        return (self.file, self.line, self.code, self.message)

    def as_dict(self) -> dict[str, str | int]:
        """The finding as JSON reports write it."""
        return {
            "code": self.code,
            "file": self.file,
            "line": self.line,
            "message": self.message,
            "severity": self.severity.name.lower(),
        }


def hidden(char: str) -> bool:
    """Whether a character cannot be seen, or looks like another: format characters (zero
    width, bidirectional controls), control characters, and spaces other than the space."""
    if char in "\n\t ":
        return False
    category = unicodedata.category(char)
    return category in {"Cf", "Cc", "Zs", "Zl", "Zp", "Co"}


def visible(text: str) -> str:
    """`text` with each character no one can see written as its escape (``\\u200b``), and a
    sentence saying what those characters are; `text` itself when it has none."""
    if text.isascii() and text.isprintable():
        return text
    found = {char for char in text if hidden(char)}
    if not found:
        return text
    shown = "".join(f"\\u{ord(char):04x}" if char in found else char for char in text)
    names = ", ".join(
        f"\\u{ord(char):04x} is {unicodedata.name(char, 'a control character').lower()}"
        for char in sorted(found)
    )
    return (
        f"{shown} ({names}: characters that show as nothing or as a plain space; delete them, "
        "or retype the text around them)"
    )


def sorted_findings(findings: Sequence[Finding]) -> list[Finding]:
    """Findings by file and line, each once."""
    return sorted(dict.fromkeys(findings), key=lambda finding: finding.sort_key)


class ArchcrewError(Exception):
    """A problem that stops the work at once: bad configuration or an unreadable data file.

    The message is meant for the user as it is: it names the file (and line, when there is one),
    says what is wrong and how to fix it.
    """


def listed(items: Sequence[str], limit: int = 5) -> str:
    """The first `limit` items joined by commas, and how many more there are."""
    shown = ", ".join(items[:limit])
    return f"{shown} and {len(items) - limit} more" if len(items) > limit else shown
