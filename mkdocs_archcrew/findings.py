"""Problems found in a docs project, each tied to a file and line."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Severity(enum.IntEnum):
    """How a finding affects a build; ordered so that `max()` gives the worst."""

    INFO = 10
    WARNING = 20
    ERROR = 30


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem: what is wrong, where, and (in the message) how to fix it."""

    severity: Severity
    code: str
    """Stable short name, e.g. ``placeholder-unresolved``; used in reports and to filter."""
    message: str
    file: str
    """Path relative to the project folder (the one holding ``mkdocs.yml``)."""
    line: int

    @property
    def location(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file

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


class ArchcrewError(Exception):
    """A problem that stops the work at once: bad configuration or an unreadable data file.

    The message is meant for the user as it is: it names the file (and line, when there is one),
    says what is wrong and how to fix it.
    """
