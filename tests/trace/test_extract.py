"""Requirement extraction from RDS pages: both styles, titles, statuses, lines."""

from __future__ import annotations

import re
import textwrap

import pytest

from mkdocs_archcrew.markdown import scan
from mkdocs_archcrew.trace.extract import extract
from mkdocs_archcrew.trace.requirements import RequirementSyntax


def requirements(
    text: str, syntax: RequirementSyntax | None = None
) -> list[tuple[str, str, str, int, str]]:
    doc = scan(textwrap.dedent(text).lstrip("\n"))
    return [
        (r.id, r.title, r.status, r.line, r.style)
        for r in extract(doc, "RDS.md", "docs/RDS.md", syntax or RequirementSyntax())
    ]


def test_explicit_ids_in_headings_lists_and_tables() -> None:
    assert requirements("""
        # Requirements

        ### FR-1: Component library

        - **NFR-007** Availability — the service answers
          99.9% of requests.
        - `SEC-2`: Secrets at rest. Details follow.
        * OPS-3 Backups - nightly

        | ID | Title | Priority |
        |----|-------|----------|
        | REQ-AUTH-3 | Login | Must |
        | **REQ-AUTH-3.1** | Login audit *(draft)* | Could |
    """) == [
        ("FR-1", "Component library", "active", 3, "heading"),
        ("NFR-007", "Availability", "active", 5, "list"),
        ("SEC-2", "Secrets at rest", "active", 7, "list"),
        ("OPS-3", "Backups", "active", 8, "list"),
        ("REQ-AUTH-3", "Login", "active", 12, "table"),
        ("REQ-AUTH-3.1", "Login audit", "draft", 13, "table"),
    ]


def test_architect_crew_numbered_lists() -> None:
    assert requirements("""
        ## 3. Functional Requirements

        1. **Reading ingestion**: stations push readings.
        1. **Reading validation**: range checks.

        ### Details

        3. **Alerting** [deprecated]: replaced by pager.

        Some prose ends the list.

        1. **Second list**: numbering restarts, as the reader sees it.

        ## 4. Non-Functional Requirements

        1. **Latency**: p95 under 2 s.
        2. **FR-9** stays explicit: an explicit ID wins.

        ## 5. Glossary

        1. **Term**: not a requirement.
    """) == [
        ("FR-1", "Reading ingestion", "active", 3, "numbered"),
        ("FR-2", "Reading validation", "active", 4, "numbered"),
        ("FR-1", "Alerting", "deprecated", 8, "numbered"),
        ("FR-1", "Second list", "active", 12, "numbered"),
        ("NFR-1", "Latency", "active", 16, "numbered"),
        ("FR-9", "stays explicit", "active", 17, "list"),
    ]


def test_mentions_and_code_are_not_definitions() -> None:
    assert (
        requirements("""
        # RDS

        See FR-1 for details; FR-2 too.

        ```markdown
        ### FR-3: In a code block
        - FR-4 Also code
        ```

            - FR-5 indented code

        <!-- - FR-6 commented out -->

        | Not | a table |
        FR-7 | no separator row above |
    """)
        == []
    )


def test_custom_id_pattern_and_headings() -> None:
    syntax = RequirementSyntax(r"R\d+", {"Must haves": "MUST"})
    assert requirements(
        """
        ## Must haves

        1. **First**: one.

        - R12 Explicit
    """,
        syntax,
    ) == [("MUST-1", "First", "active", 3, "numbered"), ("R12", "Explicit", "active", 5, "list")]


def test_bad_id_pattern() -> None:
    with pytest.raises(re.error):
        RequirementSyntax("[unclosed")
