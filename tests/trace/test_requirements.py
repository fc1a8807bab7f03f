"""Requirements: anchors, statuses, ID order."""

from __future__ import annotations

from mkdocs_archcrew.trace.requirements import Requirement


def test_requirement_anchor() -> None:
    requirement = Requirement("REQ-API-3", "t", "active", "RDS.md", "docs/RDS.md", 1, "list", 0, 0)
    assert requirement.anchor == "req-api-3"
