"""``archcrew-report.json``: every requirement, where it is covered, and every finding."""

from __future__ import annotations

import itertools
import json
from typing import TYPE_CHECKING

from .coverage import NOT_MENTIONED
from .mentions import BY_ID
from .requirements import in_id_order

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ..findings import Finding
    from .coverage import Trace
    from .mentions import Mention, Strength
    from .reviews import RequirementReview


# A batch of rows at a time, compact, with the C encoder: few rows alive at once, and fast
# (indentation would take Python's slow encoder; `python -m json.tool` lays it out). One
# encoder for all rows: json.dumps would make a new one for each.
_encode = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode


def requirement_rows(trace: Trace) -> str:
    """The report's requirements, ready to be joined with the findings (`with_findings`): a
    build makes them once the project is traced, and lets the trace go. Keys and lists are
    sorted, so the same docs give the same bytes.

    Each says how it is covered (`coverage`: ``id``, ``title``, ``word`` for only a one-word
    title, or ``none``), whether that counts (`covered`), and how each place covers it; and,
    when changes are tracked, where it stands against its last review (`review`: ``reviewed``,
    ``suspect`` or ``unreviewed``), the fingerprint of its words now and as reviewed."""
    return ",".join(each_row_batch(trace))


ROWS_AT_ONCE = 250
"""Rows encoded together: one call of the encoder costs as much as a short row, and 250 rows
are some 70 kB."""


def each_row_batch(trace: Trace) -> Iterator[str]:
    """The rows `requirement_rows` joins, a few hundred at a time (joined by commas), for a
    build to write each batch as it is made: 5,000 rows held at once, then joined, raised a
    build's peak memory by a megabyte."""
    review = trace.review
    rows = (
        _reviewed(review.of(r.id))
        | {
            "coverage": trace.strength.get(r.id, NOT_MENTIONED),
            "covered": trace.covered(r),
            "covered_by": _places(trace.covered_by.get(r.id, [])),
            "file": r.file,
            "id": r.id,
            "line": r.line,
            "status": r.status,
            "title": r.title,
        }
        for r in in_id_order(trace.requirements)
    )
    while batch := list(itertools.islice(rows, ROWS_AT_ONCE)):
        yield _encode(batch)[1:-1]


def _reviewed(state: RequirementReview | None) -> dict[str, str | None]:
    if state is None:
        return {}
    return {
        "review": state.state,
        "fingerprint": state.fingerprint,
        "reviewed_fingerprint": state.reviewed,
    }


def _places(mentions: list[Mention]) -> list[dict[str, str | int]]:
    """Each place mentioning a requirement once, with its strongest mention there (an ID and
    the title on one line: by ID)."""
    places: dict[tuple[str, int], Strength] = {}
    for mention in mentions:
        if places.setdefault((mention.file, mention.line), mention.by) != mention.by:
            places[mention.file, mention.line] = BY_ID  # an ID and a title: no title is both
    return [{"by": by, "file": file, "line": line} for (file, line), by in sorted(places.items())]


def with_findings(requirements: str, findings: list[Finding]) -> str:
    """The report's text from its requirement rows and every finding."""
    head, tail = around_rows(findings)
    return f"{head}{requirements}{tail}"


def around_rows(findings: list[Finding]) -> tuple[str, str]:
    """The report's text before its requirement rows (every finding) and after them: a build
    writes the rows in between from where it kept them."""
    rows = ",".join(_encode(f.as_dict()) for f in sorted(findings, key=lambda f: f.sort_key))
    return f'{{"findings":[{rows}],"requirements":[', "]}\n"
