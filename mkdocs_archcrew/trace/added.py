"""Requirement IDs in text that reaches an RDS or FRS page only while it is rendered, after the
project was traced: said, so that such text is never passed over in silence."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import gaps
from .mentions import IdFinder

if TYPE_CHECKING:
    from ..findings import Finding
    from .coverage import Trace


class AddedText:
    """Finds the requirement IDs that text added to a traced page names, where the trace would
    say otherwise had it seen them: IDs no RDS defines (a new requirement, or an unknown one)
    and requirements no FRS covers."""

    def __init__(self, trace: Trace) -> None:
        self.traced = frozenset(trace.rds_pages) | frozenset(trace.frs_pages)
        self.finder = IdFinder(trace.settings.syntax)
        # One string, not a set: it lives through the whole build and is looked at only when
        # another plugin adds text to a traced page.
        covered = (r.id.upper() for r in trace.requirements if trace.covered(r))
        self.settled = "\n" + "\n".join(covered) + "\n"

    def finding(self, path: str, file: str, line: int, text: str) -> Finding | None:
        """The warning for `text`, added at `line` of the page at `path`, if it names IDs."""
        if path not in self.traced:
            return None
        ids = dict.fromkeys(match[0].upper() for match in self.finder.ids_in(text))
        unsettled = [found for found in ids if f"\n{found}\n" not in self.settled]
        return gaps.added_text(file, line, unsettled) if unsettled else None
