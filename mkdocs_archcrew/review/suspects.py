"""Suspect requirements: those whose words changed since they were last reviewed against the
FRS. Coverage says an FRS section mentions FR-3; only a review says it still answers what FR-3
says now."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from ..findings import Finding, Severity, listed
from ..trace.requirements import in_id_order
from ..trace.reviews import NOT_TRACKED, REVIEWED, SUSPECT, UNREVIEWED, RequirementReview, Review
from ..trace.wording import Change, as_text, changes, fingerprint

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ..findings import Code
    from ..trace.coverage import Trace
    from ..trace.requirements import Requirement
    from .record import ReviewFile

OnSuspect = Literal["warn", "error", "off"]

SUSPECT_CODE: Code = "review-suspect"
UNREVIEWED_CODE: Code = "review-unreviewed"
GONE_CODE: Code = "review-gone"

SECTIONS_NAMED = 5
"""A message names at most this many covering sections, then says how many more."""
IDS_NAMED = 10
"""A message about many requirements names this many, then says how many more."""


def review_requirements(
    trace: Trace, wordings: Mapping[str, str], record: ReviewFile, on_suspect: OnSuspect
) -> Review:
    """Compare each requirement's words (`wordings`, by ID) with the review file's record."""
    if on_suspect == "off":
        return NOT_TRACKED
    if not record.exists:
        # Not taken up yet: nothing to compare, nothing to say, nothing to show; the words are
        # there for the first `archcrew review` to record.
        return Review({}, wordings, record.findings, tracking=False)
    by_id: dict[str, RequirementReview] = {}
    findings: list[Finding] = list(record.findings)
    unreviewed: dict[str, list[Requirement]] = {}
    for requirement in trace.requirements:
        if requirement.id in by_id:  # defined twice: the first counts, as for coverage
            continue
        words = wordings.get(requirement.id, "")
        now = fingerprint(words)
        reviewed = record.requirements.get(requirement.id)
        if reviewed is None:
            by_id[requirement.id] = RequirementReview(UNREVIEWED, now)
            unreviewed.setdefault(requirement.file, []).append(requirement)
        elif reviewed.fingerprint == now:
            # The record's string for both: thousands of states live through the fill.
            fingerprint_now = reviewed.fingerprint
            by_id[requirement.id] = RequirementReview(REVIEWED, fingerprint_now, fingerprint_now)
        else:
            runs = tuple(changes(reviewed.text, words))
            by_id[requirement.id] = RequirementReview(SUSPECT, now, reviewed.fingerprint, runs)
            findings.append(_suspect(trace, requirement, record, runs, on_suspect))
    if record.exists:
        findings.extend(_unreviewed(file, found, record) for file, found in unreviewed.items())
        gone = [key for key in record.requirements if key not in by_id]
        if gone:
            findings.append(_gone(record, gone))
    return Review(by_id, wordings, tuple(findings), tracking=True)


def _suspect(
    trace: Trace,
    requirement: Requirement,
    record: ReviewFile,
    runs: tuple[Change, ...],
    on_suspect: OnSuspect,
) -> Finding:
    reviewed = record.requirements[requirement.id]
    sections = [
        f'{m.file}:{m.line} ("{m.section_label}")' for m in trace.covering_sections(requirement)
    ]
    covered = (
        f"check that the FRS still answers it at {listed(sections, SECTIONS_NAMED)}"
        if sections
        else "no FRS section covers it yet; cover it"
    )
    return Finding(
        Severity.ERROR if on_suspect == "error" else Severity.WARNING,
        SUSPECT_CODE,
        f"{requirement.id} changed since it was reviewed against the FRS "
        f"({record.file}:{reviewed.line}): {as_text(list(runs))}; {covered}, then run "
        f"`archcrew review {requirement.id}`",
        requirement.file,
        requirement.line,
    )


def _unreviewed(file: str, found: list[Requirement], record: ReviewFile) -> Finding:
    ids = [requirement.id for requirement in in_id_order(found)]
    if len(ids) == 1:
        what, them, command = f"{ids[0]} is", "it", f"`archcrew review {ids[0]}`"
    else:
        what, them = f"{listed(ids, IDS_NAMED)} are", "them"
        command = "`archcrew review` with their IDs"
    return Finding(
        Severity.INFO,
        UNREVIEWED_CODE,
        f"{what} not in the review file ({record.file}) yet; once the FRS answers {them}, "
        f"run {command}",
        file,
        found[0].line,
    )


def _gone(record: ReviewFile, gone: list[str]) -> Finding:
    first = min(gone, key=lambda key: record.requirements[key].line)
    return Finding(
        Severity.INFO,
        GONE_CODE,
        f"the review file records {listed(gone, IDS_NAMED)}, which no RDS page defines any "
        f"more; `archcrew review` drops {'it' if len(gone) == 1 else 'them'}",
        record.file,
        record.requirements[first].line,
    )
