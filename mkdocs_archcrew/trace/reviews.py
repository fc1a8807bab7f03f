"""Where each requirement stands against its last review against the FRS: the state the
trace carries (`Trace.review`) for its outputs and the page edits to show. `review.suspects`
computes it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ..findings import Finding
    from .wording import Change

State = Literal["reviewed", "suspect", "unreviewed"]
REVIEWED: State = "reviewed"
SUSPECT: State = "suspect"
UNREVIEWED: State = "unreviewed"


@dataclass(frozen=True, slots=True)
class RequirementReview:
    """Where a requirement stands against its last review."""

    state: State
    fingerprint: str
    """The fingerprint of its words now."""
    reviewed: str | None = None
    """The fingerprint of its words as last reviewed; None when never reviewed."""
    changes: tuple[Change, ...] = ()
    """What changed since, word by word (for a suspect one)."""

    @property
    def suspect(self) -> bool:
        return self.state == SUSPECT


@dataclass(frozen=True)
class Review:
    """Every requirement's review state, and what the build says of them. Empty (`tracking`
    false) when change tracking is off."""

    by_id: Mapping[str, RequirementReview] = field(default_factory=dict)
    wordings: Mapping[str, str] = field(default_factory=dict)
    """Each requirement's words now, as `archcrew review` records them."""
    findings: tuple[Finding, ...] = ()
    tracking: bool = False

    def of(self, requirement_id: str) -> RequirementReview | None:
        return self.by_id.get(requirement_id)

    def suspect(self, requirement_id: str) -> bool:
        state = self.by_id.get(requirement_id)
        return state is not None and state.suspect


NOT_TRACKED = Review()
