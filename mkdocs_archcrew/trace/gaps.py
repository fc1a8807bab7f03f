"""The findings of cross-validation: what is wrong with the requirements or their coverage, and
how to fix it."""

from __future__ import annotations

import difflib
import re
from typing import TYPE_CHECKING, Literal

from ..findings import Finding, Place, Severity, listed

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from ..findings import Code
    from .requirements import Requirement, RequirementSyntax

OnGap = Literal["error", "warn"]
"""What a gap does to a build: fail it, or warn (which ``--strict`` still counts)."""
OnWordOnly = Literal["info", "warn", "uncovered"]
"""What coverage only by a one-word title is: said at info level, a warning, or no coverage at
all (a gap, as ``on_uncovered`` says)."""

UNCOVERED: Code = "trace-uncovered"
UNKNOWN_ID: Code = "trace-unknown-id"
DUPLICATE_ID: Code = "trace-duplicate-id"
EMPTY_RDS: Code = "trace-no-requirements"
UNMATCHED_PATTERN: Code = "trace-pattern-unmatched"
RDS_AND_FRS: Code = "trace-rds-and-frs"
ADDED_TEXT: Code = "trace-added-text"
WORD_ONLY: Code = "trace-word-only"

PASSING_SHOWN = 3
"""A message quotes at most this many places of passing words, then says how many more."""

_FAMILY_END = re.compile(r"[-.\d]")


def _level(on_gap: OnGap) -> Severity:
    return Severity.ERROR if on_gap == "error" else Severity.WARNING


def family(requirement_id: str) -> str:
    """The leading letters of an ID (``REQ`` for ``REQ-AUTH-3``), case-insensitive."""
    return _FAMILY_END.split(requirement_id, maxsplit=1)[0].upper()


def pattern_unmatched(option: str, pattern: str, place: Place) -> Finding:
    return Finding.at(
        place,
        Severity.ERROR,
        UNMATCHED_PATTERN,
        f"{option} pattern '{pattern}' matches no page in docs_dir; patterns are relative "
        "to docs_dir (e.g. 'RDS.md' or 'specs/FRS-*.md'). Fix it or remove it.",
    )


def rds_and_frs(file: str) -> Finding:
    return Finding(
        Severity.ERROR,
        RDS_AND_FRS,
        "this page is selected as RDS and as FRS; a page either defines requirements or "
        "covers them. Narrow the rds or frs patterns.",
        file,
        1,
    )


def no_requirements(file: str, syntax: RequirementSyntax) -> Finding:
    heading = next(iter(syntax.numbered_lists), "")
    hint = f", and no numbered list stands under a '{heading}' heading" if heading else ""
    return Finding(
        Severity.WARNING,
        EMPTY_RDS,
        "this RDS page defines no requirements: no heading, list item or table row starts "
        f"with an ID such as FR-1{hint}. Write requirements in one of those forms.",
        file,
        1,
    )


def duplicates(requirements: Iterable[Requirement]) -> list[Finding]:
    """A finding at each place of each ID defined more than once."""
    places: dict[str, list[Requirement]] = {}
    for requirement in requirements:
        places.setdefault(requirement.id, []).append(requirement)
    findings: list[Finding] = []
    for requirement_id, defined in places.items():
        if len(defined) < 2:
            continue
        where = ", ".join(requirement.location for requirement in defined)
        findings.extend(
            Finding(
                Severity.ERROR,
                DUPLICATE_ID,
                f"{requirement_id} is defined {len(defined)} times: {where}. Give each "
                "requirement its own ID.",
                requirement.file,
                requirement.line,
            )
            for requirement in defined
        )
    return findings


def unknown_id(
    place: Place,
    word: str,
    by_id: Mapping[str, Requirement],
    rds_files: list[str],
    on_unknown: OnGap,
) -> Finding:
    close = difflib.get_close_matches(word, list(by_id), n=1, cutoff=0.6)
    hint = f" (did you mean {close[0]}?)" if close else ""
    return Finding.at(
        place,
        _level(on_unknown),
        UNKNOWN_ID,
        f"{word} is not a requirement of the RDS{hint}; requirements are defined in "
        f"{', '.join(rds_files)}. Fix the ID, or define {word} in the RDS.",
    )


def uncovered(
    requirement: Requirement,
    searched: list[str],
    *,
    enforced: bool,
    on_uncovered: OnGap,
    passing: list[str] | None = None,
) -> Finding:
    """`passing`: the places where the FRS mentions the requirement only by its one-word title,
    when ``on_word_only: uncovered`` does not count them."""
    what = f'requirement {requirement.id} "{requirement.title}"'
    if passing:
        return _only_a_word(
            requirement, what, passing, enforced=enforced, on_uncovered=on_uncovered
        )
    if not searched:
        pages = "there is no FRS page: name one FRS*.md or set the frs option"
    else:
        pages = f"searched {listed(searched)}"
    if not enforced:
        severity = Severity.INFO
        message = (
            f"{what} ({requirement.status}) is not covered yet ({pages}); "
            f"{requirement.status} requirements are not checked."
        )
    else:
        severity = _level(on_uncovered)
        message = (
            f"{what} is not covered: no FRS page mentions its ID or its title ({pages}). "
            f"Mention {requirement.id} in the FRS: in prose, a table or a diagram label."
        )
    return Finding(severity, UNCOVERED, message, requirement.file, requirement.line)


def _only_a_word(
    requirement: Requirement, what: str, passing: list[str], *, enforced: bool, on_uncovered: OnGap
) -> Finding:
    places = listed(passing, PASSING_SHOWN)
    only = f'the FRS mentions only the word "{requirement.title}"'
    if not enforced:
        severity = Severity.INFO
        message = (
            f"{what} ({requirement.status}) is not covered yet: {only} ({places}); "
            f"{requirement.status} requirements are not checked."
        )
    else:
        severity = _level(on_uncovered)
        message = (
            f"{what} is not covered: {only}, which may stand there in passing ({places}), and "
            "on_word_only: uncovered counts a one-word title as no coverage. Mention "
            f"{requirement.id} where the FRS answers it: in prose, a table or a diagram label."
        )
    return Finding(severity, UNCOVERED, message, requirement.file, requirement.line)


def word_only(requirement: Requirement, passing: list[str], on_word_only: OnWordOnly) -> Finding:
    """The requirement is covered, but only by its title of one word, which a page may hold in
    passing: "Performance" in "Performance Reports" answers nothing about performance."""
    severity = Severity.WARNING if on_word_only == "warn" else Severity.INFO
    return Finding(
        severity,
        WORD_ONLY,
        f'requirement {requirement.id} "{requirement.title}" is covered only by the word '
        f'"{requirement.title}", which may stand in the FRS in passing: '
        f"{listed(passing, PASSING_SHOWN)}. Mention {requirement.id} where the FRS answers it "
        "(on_word_only: uncovered counts a one-word title as no coverage).",
        requirement.file,
        requirement.line,
    )


def added_text(file: str, line: int, ids: list[str]) -> Finding:
    """Text another plugin put into an RDS or FRS page while rendering it names requirements:
    archcrew fills such text, but traced the page before it was there."""
    return Finding(
        Severity.WARNING,
        ADDED_TEXT,
        f"text another plugin added to this page while rendering it (in its on_page_markdown "
        f"event) names {listed(ids)}, undefined or uncovered as far as the RDS → FRS check can "
        "see: it reads the pages before they are rendered. Include the text with "
        "pymdownx.snippets or mkdocs-include-markdown-plugin (archcrew reads what they "
        "include), or write it in the page.",
        file,
        line,
    )
