"""The findings of cross-validation, word for word: every builder of `trace.gaps`, with its
code, severity and place, and `family` (the leading letters of an ID)."""

from __future__ import annotations

import pytest

from mkdocs_archcrew.findings import Finding, Place, Severity
from mkdocs_archcrew.trace import gaps
from mkdocs_archcrew.trace.requirements import Requirement, RequirementSyntax, Status


def requirement(
    requirement_id: str, line: int = 3, file: str = "docs/RDS.md", status: Status = "active"
) -> Requirement:
    return Requirement(requirement_id, "Login form", status, "RDS.md", file, line, "heading", 0, 0)


def test_pattern_unmatched() -> None:
    assert gaps.pattern_unmatched("frs", "specs/FRS-*.md", Place("mkdocs.yml", 14)) == Finding(
        Severity.ERROR,
        "trace-pattern-unmatched",
        "frs pattern 'specs/FRS-*.md' matches no page in docs_dir; patterns are relative to "
        "docs_dir (e.g. 'RDS.md' or 'specs/FRS-*.md'). Fix it or remove it.",
        "mkdocs.yml",
        14,
    )


def test_rds_and_frs() -> None:
    assert gaps.rds_and_frs("docs/RDS.md") == Finding(
        Severity.ERROR,
        "trace-rds-and-frs",
        "this page is selected as RDS and as FRS; a page either defines requirements or covers "
        "them. Narrow the rds or frs patterns.",
        "docs/RDS.md",
        1,
    )


def test_no_requirements_names_the_first_numbered_list_heading() -> None:
    assert gaps.no_requirements("docs/RDS.md", RequirementSyntax()) == Finding(
        Severity.WARNING,
        "trace-no-requirements",
        "this RDS page defines no requirements: no heading, list item or table row starts with "
        "an ID such as FR-1, and no numbered list stands under a 'Functional Requirements' "
        "heading. Write requirements in one of those forms.",
        "docs/RDS.md",
        1,
    )
    without = gaps.no_requirements("docs/RDS.md", RequirementSyntax(numbered_lists={}))
    assert without.message == (
        "this RDS page defines no requirements: no heading, list item or table row starts with "
        "an ID such as FR-1. Write requirements in one of those forms."
    )


def test_duplicates_at_every_place() -> None:
    defined = [
        requirement("FR-1", 3),
        requirement("FR-2", 4),
        requirement("FR-1", 9, "docs/RDS-2.md"),
        requirement("FR-1", 12),
    ]
    message = (
        "FR-1 is defined 3 times: docs/RDS.md:3, docs/RDS-2.md:9, docs/RDS.md:12. Give each "
        "requirement its own ID."
    )
    assert gaps.duplicates(defined) == [
        Finding(Severity.ERROR, "trace-duplicate-id", message, "docs/RDS.md", 3),
        Finding(Severity.ERROR, "trace-duplicate-id", message, "docs/RDS-2.md", 9),
        Finding(Severity.ERROR, "trace-duplicate-id", message, "docs/RDS.md", 12),
    ]
    assert gaps.duplicates(defined[:2]) == []


@pytest.mark.parametrize(
    ("on_unknown", "severity"), [("error", Severity.ERROR), ("warn", Severity.WARNING)]
)
def test_unknown_id(on_unknown: gaps.OnGap, severity: Severity) -> None:
    by_id = {"FR-1": requirement("FR-1"), "FR-20": requirement("FR-20")}
    found = gaps.unknown_id(
        Place("docs/FRS.md", 4), "FR-2", by_id, ["docs/A.md", "docs/B.md"], on_unknown
    )
    assert found == Finding(
        severity,
        "trace-unknown-id",
        "FR-2 is not a requirement of the RDS (did you mean FR-20?); requirements are defined "
        "in docs/A.md, docs/B.md. Fix the ID, or define FR-2 in the RDS.",
        "docs/FRS.md",
        4,
    )
    far = gaps.unknown_id(Place("docs/FRS.md", 4), "ZZZ-9", by_id, ["docs/A.md"], on_unknown)
    assert far.message == (
        "ZZZ-9 is not a requirement of the RDS; requirements are defined in docs/A.md. Fix the "
        "ID, or define ZZZ-9 in the RDS."
    )


def test_uncovered_lists_five_pages_and_how_many_more() -> None:
    searched = [f"docs/FRS-{index}.md" for index in range(7)]
    assert gaps.uncovered(
        requirement("FR-1"), searched, enforced=True, on_uncovered="error"
    ) == Finding(
        Severity.ERROR,
        "trace-uncovered",
        'requirement FR-1 "Login form" is not covered: no FRS page mentions its ID or its '
        "title (searched docs/FRS-0.md, docs/FRS-1.md, docs/FRS-2.md, docs/FRS-3.md, "
        "docs/FRS-4.md and 2 more). Mention FR-1 in the FRS: in prose, a table or a diagram "
        "label.",
        "docs/RDS.md",
        3,
    )
    five = gaps.uncovered(requirement("FR-1"), searched[:5], enforced=True, on_uncovered="warn")
    assert five.severity is Severity.WARNING
    assert (
        "(searched docs/FRS-0.md, docs/FRS-1.md, docs/FRS-2.md, docs/FRS-3.md, docs/FRS-4.md)"
        in five.message
    )


def test_uncovered_without_any_frs_page() -> None:
    found = gaps.uncovered(requirement("FR-1"), [], enforced=True, on_uncovered="error")
    assert found.message == (
        'requirement FR-1 "Login form" is not covered: no FRS page mentions its ID or its title '
        "(there is no FRS page: name one FRS*.md or set the frs option). Mention FR-1 in the "
        "FRS: in prose, a table or a diagram label."
    )


@pytest.mark.parametrize("on_uncovered", ["error", "warn"])
def test_uncovered_but_not_enforced_is_information(on_uncovered: gaps.OnGap) -> None:
    found = gaps.uncovered(
        requirement("FR-1", status="deprecated"),
        ["docs/FRS.md"],
        enforced=False,
        on_uncovered=on_uncovered,
    )
    assert found == Finding(
        Severity.INFO,
        "trace-uncovered",
        'requirement FR-1 "Login form" (deprecated) is not covered yet (searched docs/FRS.md); '
        "deprecated requirements are not checked.",
        "docs/RDS.md",
        3,
    )


PASSING = [f'docs/FRS.md:{n} "Login form{n}"' for n in (4, 8, 9)] + ["docs/FRS.md:12"]


@pytest.mark.parametrize(
    ("on_word_only", "severity"), [("info", Severity.INFO), ("warn", Severity.WARNING)]
)
def test_word_only_names_three_places_and_how_many_more(
    on_word_only: gaps.OnWordOnly, severity: Severity
) -> None:
    assert gaps.word_only(requirement("FR-1"), PASSING, on_word_only) == Finding(
        severity,
        "trace-word-only",
        'requirement FR-1 "Login form" is covered only by the word "Login form", which may '
        'stand in the FRS in passing: docs/FRS.md:4 "Login form4", docs/FRS.md:8 "Login form8", '
        'docs/FRS.md:9 "Login form9" and 1 more. Mention FR-1 where the FRS answers it '
        "(on_word_only: uncovered counts a one-word title as no coverage).",
        "docs/RDS.md",
        3,
    )


@pytest.mark.parametrize(
    ("on_uncovered", "severity"), [("error", Severity.ERROR), ("warn", Severity.WARNING)]
)
def test_uncovered_as_only_a_word_says_where_the_word_stands(
    on_uncovered: gaps.OnGap, severity: Severity
) -> None:
    found = gaps.uncovered(
        requirement("FR-1"),
        ["docs/FRS.md"],
        enforced=True,
        on_uncovered=on_uncovered,
        passing=PASSING[:1],
    )
    assert found == Finding(
        severity,
        "trace-uncovered",
        'requirement FR-1 "Login form" is not covered: the FRS mentions only the word "Login '
        'form", which may stand there in passing (docs/FRS.md:4 "Login form4"), and '
        "on_word_only: uncovered counts a one-word title as no coverage. Mention FR-1 where the "
        "FRS answers it: in prose, a table or a diagram label.",
        "docs/RDS.md",
        3,
    )
    draft = gaps.uncovered(
        requirement("FR-1", status="draft"),
        ["docs/FRS.md"],
        enforced=False,
        on_uncovered=on_uncovered,
        passing=PASSING[:1],
    )
    assert (draft.severity, draft.message) == (
        Severity.INFO,
        'requirement FR-1 "Login form" (draft) is not covered yet: the FRS mentions only the '
        'word "Login form" (docs/FRS.md:4 "Login form4"); draft requirements are not checked.',
    )


@pytest.mark.parametrize(
    ("requirement_id", "family"),
    [
        ("REQ-AUTH-3", "REQ"),
        ("fr-1", "FR"),
        ("NFR-007", "NFR"),
        ("FR-2.1", "FR"),
        ("A1-2", "A"),  # up to the first digit
        ("SEC.4", "SEC"),
    ],
)
def test_family(requirement_id: str, family: str) -> None:
    assert gaps.family(requirement_id) == family
