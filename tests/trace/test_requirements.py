"""Requirements: titles and statuses as written, numbered-list headings, and ID order."""

from __future__ import annotations

import pytest

from mkdocs_archcrew.trace.requirements import (
    Requirement,
    RequirementSyntax,
    in_id_order,
    title_and_status,
)


@pytest.mark.parametrize(
    ("written", "title", "status"),
    [
        ("**Reading ingestion**", "Reading ingestion", "active"),
        ("Tide overlay (draft)", "Tide overlay", "draft"),
        ("`Old API` [Deprecated]", "Old API", "deprecated"),
        ("__*Nested emphasis*__ ( draft )", "Nested emphasis", "draft"),
        ("Drafting rules", "Drafting rules", "active"),  # the word alone is no status
    ],
)
def test_title_and_status(written: str, title: str, status: str) -> None:
    assert title_and_status(written) == (title, status)


def test_the_longest_numbered_list_heading_wins() -> None:
    syntax = RequirementSyntax()
    assert syntax.numbered_prefix("4. Non-Functional Requirements") == "NFR"
    assert syntax.numbered_prefix("3. functional  requirements (v2)") == "FR"
    assert syntax.numbered_prefix("Non functional requirements") == "NFR"  # dash or space
    assert syntax.numbered_prefix("Requirements") is None


def test_ids_lead_a_line_or_fill_a_cell_with_their_emphasis() -> None:
    syntax = RequirementSyntax()
    leading = syntax.leading_id("**NFR-007** Availability")
    assert leading is not None
    assert (leading["id"], leading["rest"]) == ("NFR-007", "Availability")
    assert syntax.leading_id("FR-1-based rules") is None  # the ID is a whole word or none
    assert syntax.cell_id(" `REQ-AUTH-3` ") == "REQ-AUTH-3"
    assert syntax.cell_id("REQ-AUTH-3 login") is None


def test_id_order_is_natural_then_by_place() -> None:
    def requirement(ident: str, line: int) -> Requirement:
        return Requirement(ident, "t", "active", "RDS.md", "docs/RDS.md", line, "list", 0, 0)

    written = [("FR-10", 1), ("FR-2", 2), ("FR-2.1", 3), ("FR-2", 0), ("NFR-1", 4)]
    ordered = in_id_order([requirement(ident, line) for ident, line in written])
    assert [(r.id, r.line) for r in ordered] == [
        ("FR-2", 0),
        ("FR-2", 2),
        ("FR-2.1", 3),
        ("FR-10", 1),
        ("NFR-1", 4),
    ]
