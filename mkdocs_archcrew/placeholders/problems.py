"""Why a placeholder could not be filled, in words that say how to fix it."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, NamedTuple

from ..findings import Finding, Severity

if TYPE_CHECKING:
    from ..findings import Code
    from .syntax import Occurrence
    from .values import NotText, SectionRef

UNRESOLVED: Code = "placeholder-unresolved"
CYCLE: Code = "placeholder-cycle"
NOT_A_NAME: Code = "placeholder-not-a-name"
SECTION: Code = "placeholder-section"
NOT_TEXT: Code = "placeholder-not-text"
KEPT = frozenset({UNRESOLVED, NOT_A_NAME})
"""Problems of braces that a page with ``on_missing: keep`` keeps as written, without a word."""


@dataclass(frozen=True, slots=True)
class Problem:
    """Why a placeholder could not be filled; `code` is the finding code it becomes."""

    code: Code
    summary: str
    """What went wrong, in a few words ("unresolved placeholder")."""
    detail: str
    """Why, and how to fix it."""
    occurrence: str = ""
    """The placeholder as written where the problem surfaced in the page (outermost one)."""

    def at(self, occurrence: Occurrence) -> Problem:
        return replace(self, occurrence=occurrence.raw)

    @property
    def message(self) -> str:
        return f"{self.summary} {self.occurrence}: {self.detail}"

    def reported(self, file: str, line: int, on_missing: str) -> Finding | None:
        """The problem as a finding under the page's ``on_missing``: an error, but for an
        unresolved name (a warning unless ``error``). With ``keep`` the page's braces stay as
        written without a word, a name or not."""
        if self.code in KEPT and on_missing == "keep":
            return None
        warns = self.code == UNRESOLVED and on_missing != "error"
        severity = Severity.WARNING if warns else Severity.ERROR
        return Finding(severity, self.code, self.message, file, line)


class ProblemAt(NamedTuple):
    """A problem at an offset of the page being filled."""

    offset: int
    problem: Problem


def unresolved(name: str, close: str | None) -> Problem:
    """No source defines `name`; `close` is a defined name it may be a misspelling of."""
    hint = f" (did you mean '{close}'?)" if close else ""
    return Problem(
        UNRESOLVED,
        "unresolved placeholder",
        f"no value named '{name}'{hint}. Define it in front matter, a data file, the "
        f"'placeholders' option or 'extra:', or write \\{{{{ {name} }}}} for literal braces.",
    )


def cycle(names: list[str]) -> Problem:
    """Each of `names` needs the next; the last is the first again."""
    return Problem(
        CYCLE,
        "placeholder cycle at",
        f"{' → '.join(names)}: each of these values needs the next, so none can be filled. "
        "Break the cycle by giving one of them a plain value.",
    )


def not_a_name(occurrence: Occurrence, why: str) -> Problem:
    return Problem(NOT_A_NAME, "not a placeholder", why, occurrence.raw)


def not_text(occurrence: Occurrence, error: NotText) -> Problem:
    if error.keys is not None:
        keys = ", ".join(error.keys[:6])
        inner = occurrence.inner.strip()
        first = error.keys[0] if error.keys else "key"
        detail = (
            f"its value is a mapping (keys: {keys}), which has no text form; name one of its "
            f"keys, e.g. {{{{ {inner}.{first} }}}}."
        )
    else:
        article = "an" if error.kind[:1].lower() in "aeiou" else "a"
        detail = f"its value is {article} {error.kind}, which has no text form."
    return Problem(NOT_TEXT, "cannot write", detail, occurrence.raw)


def no_such_page(ref: SectionRef, close: str | None) -> Problem:
    hint = f" (did you mean '{close}'?)" if close else ""
    return Problem(
        SECTION,
        "cannot fill",
        f"section '{ref}' names page '{ref.page}', which is not in the docs{hint}. "
        "Pages are named by their path in docs_dir, e.g. 'FRS.md' or 'specs/FRS.md'.",
    )


def no_such_anchor(ref: SectionRef, page: str, close: str | None) -> Problem:
    hint = f" (did you mean '{page}#{close}'?)" if close else ""
    return Problem(
        SECTION,
        "cannot fill",
        f"section '{ref}': page '{page}' has no heading with anchor '{ref.anchor}'{hint}. "
        "Anchors are heading ids, e.g. '## System Architecture' is 'system-architecture'.",
    )
