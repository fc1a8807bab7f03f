"""`trace_project` on scanned pages: which FRS pages cover which requirement (`covered_by`),
which ID mentions become links (`id_mentions`), the covering sections of a requirement
(`Trace.covering_sections`) and the findings, sorted, at the severity the settings ask for."""

from __future__ import annotations

import textwrap

from mkdocs_archcrew.findings import Place, Severity
from mkdocs_archcrew.markdown import scan
from mkdocs_archcrew.markdown.headings import default_slugify
from mkdocs_archcrew.trace.coverage import Trace, TraceSettings, trace_project
from mkdocs_archcrew.trace.requirements import Requirement

RDS = textwrap.dedent("""\
    # RDS

    ### FR-1: Login form

    ### FR-2: Audit log (draft)

    ### FR-3: Export
""")
FRS_A = textwrap.dedent("""\
    FR-1 above the first heading.

    # FRS

    ## Auth

    Covers FR-1, see [FR-1](RDS.md#fr-1).

    ## Auth again

    FR-1 once more, and `FR-3`.
""")
FRS_B = "# Second\n\nfr-1 and FR-9, fr-9, UTF-8 and NFR-2.\n"


def trace(pages: dict[str, str], **settings: object) -> Trace:
    docs = {path: scan(text) for path, text in pages.items()}
    files = {path: f"docs/{path}" for path in pages}
    return trace_project(docs, files, TraceSettings(**settings), default_slugify)  # type: ignore[arg-type]


PAGES = {"RDS.md": RDS, "specs/FRS-a.md": FRS_A, "FRS-b.md": FRS_B, "index.md": "FR-3 here\n"}


def test_covered_by_lists_mentions_in_page_order() -> None:
    result = trace(PAGES)
    assert result.frs_pages == ["specs/FRS-a.md", "FRS-b.md"]  # index.md is no FRS page
    assert {
        rid: [(m.page, m.line, m.section) for m in ms] for rid, ms in result.covered_by.items()
    } == {
        "FR-1": [
            ("specs/FRS-a.md", 1, ""),
            ("specs/FRS-a.md", 7, "auth"),
            ("specs/FRS-a.md", 7, "auth"),  # the link's text
            ("specs/FRS-a.md", 7, "auth"),  # the link's target
            ("specs/FRS-a.md", 11, "auth-again"),
            ("FRS-b.md", 3, "second"),
        ],
        "FR-3": [("specs/FRS-a.md", 11, "auth-again")],
    }
    assert [r.id for r in result.requirements if result.covered(r)] == ["FR-1", "FR-3"]
    assert result.by_page == {"RDS.md": result.requirements}


def test_a_title_mention_before_an_id_mention_keeps_page_order() -> None:
    result = trace({"RDS.md": RDS, "FRS.md": "# FRS\n\n## A\n\nThe login form.\n\n## B\n\nFR-1.\n"})
    assert [m.section for m in result.covered_by["FR-1"]] == ["a", "b"]


def test_only_linkable_id_mentions_become_links() -> None:
    result = trace(PAGES)
    assert {
        page: [(mention.line, requirement.id) for mention, requirement in links]
        for page, links in result.id_mentions.items()
    } == {
        # Not the link, nor the code span.
        "specs/FRS-a.md": [(1, "FR-1"), (7, "FR-1"), (11, "FR-1")],
        "FRS-b.md": [(3, "FR-1")],
    }


def sections(result: Trace, requirement: Requirement) -> list[tuple[str, str, str]]:
    return [(m.page, m.section, m.section_label) for m in result.covering_sections(requirement)]


def test_covering_sections_once_each_with_their_labels() -> None:
    result = trace(PAGES)
    fr1, fr2, fr3 = result.requirements
    assert sections(result, fr1) == [
        ("specs/FRS-a.md", "", "FRS-a"),  # above the first heading: the page
        ("specs/FRS-a.md", "auth", "FRS-a › Auth"),
        ("specs/FRS-a.md", "auth-again", "FRS-a › Auth again"),
        ("FRS-b.md", "second", "FRS-b › Second"),
    ]
    assert sections(result, fr2) == []
    assert sections(result, fr3) == [("specs/FRS-a.md", "auth-again", "FRS-a › Auth again")]


def test_findings_sorted_drafts_as_info_unknown_ids_of_known_families_only() -> None:
    result = trace(PAGES)
    assert [(f.severity, f.code, f.location) for f in result.findings] == [
        # FR-9 as written; fr-9 is not written as an ID, UTF-8 and NFR-2 are of no RDS family.
        (Severity.ERROR, "trace-unknown-id", "docs/FRS-b.md:3"),
        (Severity.INFO, "trace-uncovered", "docs/RDS.md:5"),
    ]
    assert result.findings[1].message == (
        'requirement FR-2 "Audit log" (draft) is not covered yet (searched '
        "docs/specs/FRS-a.md, docs/FRS-b.md); draft requirements are not checked."
    )
    assert not result.enforced(result.requirements[1])


def test_on_uncovered_and_on_unknown_warn() -> None:
    pages = {"RDS.md": RDS, "FRS.md": "FR-9\n"}
    strict = trace(pages)
    assert [(f.severity, f.code, f.line) for f in strict.findings] == [
        (Severity.ERROR, "trace-unknown-id", 1),
        (Severity.ERROR, "trace-uncovered", 3),
        (Severity.INFO, "trace-uncovered", 5),
        (Severity.ERROR, "trace-uncovered", 7),
    ]
    lenient = trace(pages, on_uncovered="warn", on_unknown="warn")
    assert [f.severity for f in lenient.findings] == [
        Severity.WARNING,
        Severity.WARNING,
        Severity.INFO,  # a draft stays information
        Severity.WARNING,
    ]
    # Nothing else changes.
    assert [(f.code, f.message) for f in lenient.findings] == [
        (f.code, f.message) for f in strict.findings
    ]


def test_ignored_statuses_are_configurable() -> None:
    result = trace({"RDS.md": RDS, "FRS.md": "FR-1 FR-3\n"}, ignore_statuses=frozenset())
    (finding,) = result.findings
    assert (finding.severity, finding.location) == (Severity.ERROR, "docs/RDS.md:5")


def test_patterns_a_page_in_both_and_an_empty_rds() -> None:
    result = trace(
        {"RDS.md": RDS, "RDS-empty.md": "# Nothing\n", "FRS.md": "FR-1 FR-3\n"},
        rds=("RDS*.md", "missing/*.md"),
        frs=("FRS.md", "RDS.md"),
        pattern_places={"missing/*.md": Place("mkdocs.yml", 12)},
    )
    assert result.frs_pages == ["FRS.md"]  # RDS.md is taken out of the FRS pages
    assert [(f.severity, f.code, f.location) for f in result.findings] == [
        (Severity.WARNING, "trace-no-requirements", "docs/RDS-empty.md:1"),
        (Severity.ERROR, "trace-rds-and-frs", "docs/RDS.md:1"),
        (Severity.INFO, "trace-uncovered", "docs/RDS.md:5"),
        (Severity.ERROR, "trace-pattern-unmatched", "mkdocs.yml:12"),
    ]


def test_duplicate_ids_are_reported_at_each_place_and_the_first_is_used() -> None:
    result = trace({"RDS.md": RDS + "\n### FR-1: Again\n", "FRS.md": "FR-1 FR-3\n"})
    duplicates = [f for f in result.findings if f.code == "trace-duplicate-id"]
    assert [f.location for f in duplicates] == ["docs/RDS.md:3", "docs/RDS.md:9"]
    _, linked = result.id_mentions["FRS.md"][0]
    assert (linked.id, linked.line) == ("FR-1", 3)


# Architect Crew titles are often one word; an FRS holds such words in passing.
ONE_WORD_RDS = textwrap.dedent("""\
    # RDS

    ## Non-Functional Requirements

    1. **Performance**: pages load in under a second.
    2. **Security**: only staff see the audit trail.
    3. **Station registry**: stations are listed.
    4. **Accessibility (draft)**: WCAG 2.1 AA.
""")
ONE_WORD_FRS = textwrap.dedent("""\
    # FRS

    ## Reports

    Users open the Performance Reports page; NFR-2 is met by roles,
    and the station registry lists every station.

    ## Security

    Security Vulnerabilities are triaged weekly. Accessibility results are kept.
""")


def test_coverage_is_classified_by_the_strongest_mention() -> None:
    result = trace({"RDS.md": ONE_WORD_RDS, "FRS.md": ONE_WORD_FRS})
    assert result.strength == {"NFR-1": "word", "NFR-2": "id", "NFR-3": "title", "NFR-4": "word"}
    # By default each covers: the one-word cases are said, not failed.
    assert [r.id for r in result.requirements if result.covered(r)] == [
        "NFR-1",
        "NFR-2",
        "NFR-3",
        "NFR-4",
    ]
    nfr2 = result.requirements[1]
    # Its section by ID is shown at its ID, not at the title that comes first in the section.
    assert [(m.section, m.line, m.by) for m in result.covering_sections(nfr2)] == [
        ("reports", 5, "id"),
        ("security", 8, "word"),  # the heading
    ]


def test_coverage_only_by_a_one_word_title_is_information_naming_the_passing_words() -> None:
    result = trace({"RDS.md": ONE_WORD_RDS, "FRS.md": ONE_WORD_FRS})
    assert [(f.severity, f.code, f.location, f.message) for f in result.findings] == [
        (
            Severity.INFO,
            "trace-word-only",
            "docs/RDS.md:5",
            'requirement NFR-1 "Performance" is covered only by the word "Performance", which '
            'may stand in the FRS in passing: docs/FRS.md:5 "the Performance Reports". Mention '
            "NFR-1 where the FRS answers it (on_word_only: uncovered counts a one-word title as "
            "no coverage).",
        ),
        # The draft NFR-4 is not checked: nothing to say.
    ]
    warned = trace({"RDS.md": ONE_WORD_RDS, "FRS.md": ONE_WORD_FRS}, on_word_only="warn")
    assert [(f.severity, f.code) for f in warned.findings] == [
        (Severity.WARNING, "trace-word-only")
    ]
    assert warned.findings[0].message == result.findings[0].message


def test_on_word_only_uncovered_counts_one_word_as_no_coverage_and_says_why() -> None:
    pages = {"RDS.md": ONE_WORD_RDS, "FRS.md": ONE_WORD_FRS}
    result = trace(pages, on_word_only="uncovered")
    assert [r.id for r in result.requirements if result.covered(r)] == ["NFR-2", "NFR-3"]
    assert result.strength["NFR-1"] == "word"  # still mentioned, and said how
    assert [(f.severity, f.code, f.location, f.message) for f in result.findings] == [
        (
            Severity.ERROR,
            "trace-uncovered",
            "docs/RDS.md:5",
            'requirement NFR-1 "Performance" is not covered: the FRS mentions only the word '
            '"Performance", which may stand there in passing (docs/FRS.md:5 "the Performance '
            'Reports"), and on_word_only: uncovered counts a one-word title as no coverage. '
            "Mention NFR-1 where the FRS answers it: in prose, a table or a diagram label.",
        ),
        (
            Severity.INFO,
            "trace-uncovered",
            "docs/RDS.md:8",
            'requirement NFR-4 "Accessibility" (draft) is not covered yet: the FRS mentions only '
            'the word "Accessibility" (docs/FRS.md:10 "Accessibility results"); draft '
            "requirements are not checked.",
        ),
    ]
    warned = trace(pages, on_word_only="uncovered", on_uncovered="warn")
    assert [f.severity for f in warned.findings] == [Severity.WARNING, Severity.INFO]


def test_passing_words_are_quoted_three_places_at_most() -> None:
    frs = "# FRS\n\n" + "".join(f"Performance item {n}.\n\n" for n in range(5)) + "NFR-2 NFR-3\n"
    finding, _ = trace({"RDS.md": ONE_WORD_RDS, "FRS.md": frs}).findings
    assert (
        'docs/FRS.md:3 "Performance item", docs/FRS.md:5 "Performance item", docs/FRS.md:7 '
        '"Performance item" and 2 more. Mention NFR-1'
    ) in finding.message
