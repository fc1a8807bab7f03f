"""Suspect requirements (`review.suspects.review_requirements`): each requirement's words now
against the review file's record, on real traces of scanned pages. Reviewed when the words are
the same, suspect when they changed (a warning, or an error, naming the word diff and the FRS
sections to check), unreviewed when the file does not record them."""

from __future__ import annotations

import textwrap

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from mkdocs_archcrew.findings import Finding, Severity
from mkdocs_archcrew.markdown import scan
from mkdocs_archcrew.markdown.headings import default_slugify
from mkdocs_archcrew.review.record import FILE_CODE, Reviewed, ReviewFile, dump, parse
from mkdocs_archcrew.review.suspects import (
    GONE_CODE,
    IDS_NAMED,
    SECTIONS_NAMED,
    SUSPECT_CODE,
    UNREVIEWED_CODE,
    OnSuspect,
    review_requirements,
)
from mkdocs_archcrew.trace.coverage import Trace, TraceSettings, trace_project
from mkdocs_archcrew.trace.reviews import NOT_TRACKED, REVIEWED, SUSPECT, UNREVIEWED, Review
from mkdocs_archcrew.trace.wording import Change, fingerprint, wording

FILE = "archcrew-review.yml"

RDS = textwrap.dedent("""\
    # RDS

    ## FR-1: Login form

    The form asks for a name and a password.

    ## FR-2: Audit log

    Every login is **logged** and kept for 30 days.

    ## FR-3: Export

    Reports export as CSV.
""")
FRS = textwrap.dedent("""\
    # FRS

    ## Auth

    The login form answers FR-1.

    ## Audit

    FR-2: logs are written to the audit store.

    ## Retention

    FR-2 logs are purged nightly.
""")
PAGES = {"RDS.md": RDS, "FRS.md": FRS}


def trace_of(pages: dict[str, str]) -> Trace:
    docs = {path: scan(text) for path, text in pages.items()}
    files = {path: f"docs/{path}" for path in pages}
    return trace_project(docs, files, TraceSettings(), default_slugify)


def wordings_of(trace: Trace, pages: dict[str, str]) -> dict[str, str]:
    """Each requirement's words, as the project reads them (`project.read._wordings`): from the
    start of its line to its end, the first definition of an ID defined twice."""
    docs = {path: scan(text) for path, text in pages.items()}
    found: dict[str, str] = {}
    for requirement in trace.requirements:
        if requirement.id in found:
            continue
        doc = docs[requirement.page]
        found[requirement.id] = wording(
            doc.text[doc.line_start(requirement.line) : requirement.end]
        )
    return found


def record_of(pages: dict[str, str], ids: list[str] | None = None) -> str:
    """The review file `archcrew review` would write for `pages` (for `ids`, or every one)."""
    wordings = wordings_of(trace_of(pages), pages)
    chosen = wordings if ids is None else {key: wordings[key] for key in ids}
    return dump({key: Reviewed(fingerprint(text), text) for key, text in chosen.items()}, {})


def review(
    pages: dict[str, str], record_text: str | None, on_suspect: OnSuspect = "warn"
) -> Review:
    trace = trace_of(pages)
    record = ReviewFile(FILE) if record_text is None else parse(record_text, FILE)
    return review_requirements(trace, wordings_of(trace, pages), record, on_suspect)


def states(result: Review) -> dict[str, str]:
    return {key: state.state for key, state in result.by_id.items()}


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), start=1) if needle in line)


def edited(old: str, new: str) -> dict[str, str]:
    assert old in RDS
    return {**PAGES, "RDS.md": RDS.replace(old, new)}


# ---------------------------------------------------------------------------------------------
# reviewed


def test_words_as_reviewed_are_reviewed() -> None:
    result = review(PAGES, record_of(PAGES))
    assert result.tracking
    assert states(result) == {"FR-1": REVIEWED, "FR-2": REVIEWED, "FR-3": REVIEWED}
    assert result.findings == ()
    wordings = wordings_of(trace_of(PAGES), PAGES)
    assert dict(result.wordings) == wordings
    assert wordings["FR-2"] == "FR-2: Audit log Every login is logged and kept for 30 days."
    for key, state in result.by_id.items():
        assert state.fingerprint == state.reviewed == fingerprint(wordings[key])
        assert state.changes == ()
        assert not state.suspect
        assert not result.suspect(key)
    assert result.of("FR-1") is result.by_id["FR-1"]
    assert result.of("FR-99") is None
    assert not result.suspect("FR-99")


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "Every login is **logged** and kept for 30 days.",
            "Every login is logged and\nkept   for 30 days.",
        ),
        (
            "Every login is **logged** and kept for 30 days.",
            "Every login is *logged* and kept for `30` days.",
        ),
        ("## FR-2: Audit log", "### FR-2: Audit log ###"),
        ("\n## FR-3: Export\n", "\n## FR-3: Export\n\n\n"),
    ],
)
def test_edits_that_keep_the_words_keep_it_reviewed(old: str, new: str) -> None:
    result = review(edited(old, new), record_of(PAGES))
    assert states(result) == {"FR-1": REVIEWED, "FR-2": REVIEWED, "FR-3": REVIEWED}
    assert result.findings == ()


def test_a_requirement_moved_to_another_line_stays_reviewed() -> None:
    moved = {**PAGES, "RDS.md": RDS.replace("# RDS\n", "# RDS\n\nAn introduction.\n\nMore.\n")}
    result = review(moved, record_of(PAGES))
    assert set(states(result).values()) == {REVIEWED}


# ---------------------------------------------------------------------------------------------
# suspect


def test_changed_words_make_it_suspect_with_a_warning() -> None:
    record_text = record_of(PAGES)
    pages = edited("kept for 30 days.", "kept for 90 days.")
    result = review(pages, record_text)
    assert states(result) == {"FR-1": REVIEWED, "FR-2": SUSPECT, "FR-3": REVIEWED}
    state = result.by_id["FR-2"]
    assert state.suspect
    assert result.suspect("FR-2")
    assert state.reviewed == fingerprint(
        "FR-2: Audit log Every login is logged and kept for 30 days."
    )
    assert state.fingerprint == fingerprint(
        "FR-2: Audit log Every login is logged and kept for 90 days."
    )
    assert state.changes == (
        Change("… logged and kept for", "… logged and kept for"),
        Change("30", "90"),
        Change("days.", "days."),
    )
    [finding] = result.findings
    review_line = line_of(record_text, "  FR-2:")
    frs_audit, frs_retention = line_of(FRS, "FR-2: logs"), line_of(FRS, "FR-2 logs")
    assert finding == Finding(
        Severity.WARNING,
        SUSPECT_CODE,
        f"FR-2 changed since it was reviewed against the FRS ({FILE}:{review_line}): "
        "… logged and kept for [-30-]{+90+} days.; check that the FRS still answers it at "
        f'docs/FRS.md:{frs_audit} ("FRS › Audit"), docs/FRS.md:{frs_retention} '
        '("FRS › Retention"), then run `archcrew review FR-2`',
        "docs/RDS.md",
        line_of(RDS, "## FR-2"),
    )


def test_on_suspect_error_makes_it_an_error() -> None:
    result = review(edited("kept for 30 days.", "kept for 90 days."), record_of(PAGES), "error")
    assert [(f.severity, f.code) for f in result.findings] == [(Severity.ERROR, SUSPECT_CODE)]
    assert states(result)["FR-2"] == SUSPECT


def test_on_suspect_off_tracks_nothing() -> None:
    pages = edited("kept for 30 days.", "kept for 90 days.")
    gone = dump({"FR-9": Reviewed("0123456789abcdef", "old")}, {})
    for record_text in (record_of(PAGES), None, "- broken\n", gone):
        result = review(pages, record_text, "off")
        assert result is NOT_TRACKED
        assert not result.tracking
        assert result.findings == ()
        assert result.by_id == {}
        assert not result.suspect("FR-2")


@pytest.mark.parametrize(
    ("old", "new", "diff"),
    [
        ("kept for 30 days.", "kept for 30 s.", "… and kept for 30 [-days.-]{+s.+}"),
        ("kept for 30 days.", "kept for 30 days", "… and kept for 30 [-days.-]{+days+}"),
        (
            "kept for 30 days.",
            "kept for 30 days at most.",
            "… and kept for 30 [-days.-]{+days at most.+}",
        ),
        (
            "Every login is **logged** and",
            "Every login is and",
            "… log Every login is [-logged-] and kept for 30 …",
        ),
        (
            "Every login",
            "Every failed login",
            "FR-2: Audit log Every {+failed+} login is logged and …",
        ),
        (
            "## FR-2: Audit log",
            "## FR-2: Audit trail",
            "FR-2: Audit [-log-]{+trail+} Every login is logged …",
        ),
    ],
)
def test_the_suspect_finding_shows_the_word_diff(old: str, new: str, diff: str) -> None:
    result = review(edited(old, new), record_of(PAGES))
    [finding] = result.findings
    assert finding.code == SUSPECT_CODE
    assert f"({FILE}:{line_of(record_of(PAGES), '  FR-2:')}): {diff}; check" in finding.message


def test_a_suspect_no_frs_section_covers() -> None:
    pages = {**PAGES, "RDS.md": RDS.replace("Reports export as CSV.", "Reports export as JSON.")}
    result = review(pages, record_of(PAGES))
    assert states(result)["FR-3"] == SUSPECT
    suspects = [f for f in result.findings if f.code == SUSPECT_CODE]
    assert len(suspects) == 1
    assert suspects[0].message.endswith(
        "Reports export as [-CSV.-]{+JSON.+}; no FRS section covers it yet; cover it, then run "
        "`archcrew review FR-3`"
    )
    assert (suspects[0].file, suspects[0].line) == ("docs/RDS.md", line_of(RDS, "## FR-3"))


def test_a_suspect_covered_in_many_sections_names_the_first_few() -> None:
    sections = "".join(f"## Part {n}\n\nFR-1 again.\n\n" for n in range(SECTIONS_NAMED + 3))
    pages = {
        "RDS.md": RDS.replace("name and a password", "name and a passkey"),
        "FRS.md": f"# FRS\n\n{sections}",
        "FRS-b.md": "# Other\n\nFR-1.\n",
    }
    result = review(pages, record_of(PAGES))
    [finding] = [f for f in result.findings if f.code == SUSPECT_CODE]
    assert '("FRS › Part 0")' in finding.message
    assert f'("FRS › Part {SECTIONS_NAMED - 1}")' in finding.message
    assert f'("FRS › Part {SECTIONS_NAMED}")' not in finding.message
    assert ") and 4 more, then run `archcrew review FR-1`" in finding.message
    assert 'docs/FRS.md:5 ("FRS › Part 0")' in finding.message


def test_several_suspects_each_have_a_finding() -> None:
    pages = {
        **PAGES,
        "RDS.md": RDS.replace("30 days", "60 days")
        .replace("as CSV", "as XML")
        .replace("a name", "an email"),
    }
    result = review(pages, record_of(PAGES))
    assert states(result) == {"FR-1": SUSPECT, "FR-2": SUSPECT, "FR-3": SUSPECT}
    assert [(f.code, f.line) for f in result.findings] == [
        (SUSPECT_CODE, line_of(RDS, "## FR-1")),
        (SUSPECT_CODE, line_of(RDS, "## FR-2")),
        (SUSPECT_CODE, line_of(RDS, "## FR-3")),
    ]


def test_a_suspect_whose_reviewed_text_is_missing_shows_every_word_as_added() -> None:
    # A review file written by hand with a fingerprint and no text.
    record_text = 'requirements:\n  FR-1:\n    fingerprint: "0123456789abcdef"\n'
    result = review({"RDS.md": "# FR-1: Short\n"}, record_text)
    [finding] = result.findings
    assert finding.code == SUSPECT_CODE
    assert f"({FILE}:2): {{+FR-1: Short+}}; " in finding.message


# ---------------------------------------------------------------------------------------------
# unreviewed, gone, no file


def test_requirements_not_in_the_file_are_unreviewed_one_finding_per_rds_file() -> None:
    rds_b = "# More\n\n- NFR-2 Speed: fast.\n- NFR-10 Size: small.\n- NFR-1 Cost: low.\n"
    pages = {**PAGES, "RDS-b.md": rds_b}
    result = review(pages, record_of(PAGES, ["FR-2"]))
    assert states(result) == {
        "FR-1": UNREVIEWED,
        "FR-2": REVIEWED,
        "FR-3": UNREVIEWED,
        "NFR-2": UNREVIEWED,
        "NFR-10": UNREVIEWED,
        "NFR-1": UNREVIEWED,
    }
    for key in ("FR-1", "FR-3"):
        assert result.by_id[key].reviewed is None
        assert result.by_id[key].changes == ()
    unreviewed = [f for f in result.findings if f.code == UNREVIEWED_CODE]
    assert unreviewed == [
        Finding(
            Severity.INFO,
            UNREVIEWED_CODE,
            f"FR-1, FR-3 are not in the review file ({FILE}) yet; once the FRS answers them, "
            "run `archcrew review` with their IDs",
            "docs/RDS.md",
            line_of(RDS, "## FR-1"),
        ),
        Finding(
            Severity.INFO,
            UNREVIEWED_CODE,
            f"NFR-1, NFR-2, NFR-10 are not in the review file ({FILE}) yet; once the FRS "
            "answers them, run `archcrew review` with their IDs",
            "docs/RDS-b.md",
            3,  # the first in the page
        ),
    ]


def test_one_unreviewed_requirement_is_named_with_its_command() -> None:
    result = review(PAGES, record_of(PAGES, ["FR-1", "FR-2"]))
    [finding] = result.findings
    assert finding == Finding(
        Severity.INFO,
        UNREVIEWED_CODE,
        f"FR-3 is not in the review file ({FILE}) yet; once the FRS answers it, run "
        "`archcrew review FR-3`",
        "docs/RDS.md",
        line_of(RDS, "## FR-3"),
    )


def test_many_unreviewed_requirements_name_the_first_few() -> None:
    rds = "# RDS\n\n" + "".join(f"- FR-{n} Item {n}: text.\n" for n in range(1, IDS_NAMED + 6))
    result = review({"RDS.md": rds}, dump({}, {}))
    [finding] = result.findings
    named = ", ".join(f"FR-{n}" for n in range(1, IDS_NAMED + 1))
    assert finding.message.startswith(f"{named} and 5 more are not in the review file")
    assert (finding.severity, finding.line) == (Severity.INFO, 3)


def test_reviews_of_requirements_no_longer_defined_are_gone() -> None:
    wordings = wordings_of(trace_of(PAGES), PAGES)
    record_text = dump(
        {
            **{key: Reviewed(fingerprint(text), text) for key, text in wordings.items()},
            "FR-9": Reviewed("0123456789abcdef", "old"),
        },
        {},
    )
    result = review(PAGES, record_text)
    assert "FR-9" not in result.by_id
    assert result.findings == (
        Finding(
            Severity.INFO,
            GONE_CODE,
            "the review file records FR-9, which no RDS page defines any more; "
            "`archcrew review` drops it",
            FILE,
            line_of(record_text, "  FR-9:"),
        ),
    )


def test_several_gone_reviews_make_one_finding_at_the_first() -> None:
    record_text = dump(
        {key: Reviewed("0123456789abcdef", key) for key in ("OLD-2", "FR-1", "OLD-10", "A-1")}, {}
    )
    result = review({"RDS.md": "# FR-1: Login\n"}, record_text)
    gone = [f for f in result.findings if f.code == GONE_CODE]
    assert len(gone) == 1
    assert gone[0].severity == Severity.INFO
    assert gone[0].file == FILE
    assert gone[0].line == line_of(record_text, "  A-1:")  # the first in the file
    assert "records A-1, OLD-2, OLD-10, which no RDS page" in gone[0].message
    assert gone[0].message.endswith("`archcrew review` drops them")


def test_no_review_file_says_nothing() -> None:
    # Tracking starts with the first `archcrew review`; until then nothing is said of it.
    result = review(PAGES, None)
    assert not result.tracking
    assert states(result) == {}
    assert result.findings == ()
    assert set(result.wordings) == {"FR-1", "FR-2", "FR-3"}  # for the first review to record


def test_no_review_file_and_no_requirements_say_nothing() -> None:
    result = review({"FRS.md": FRS}, None)
    assert not result.tracking
    assert result.by_id == {}
    assert result.findings == ()


def test_an_empty_review_file_leaves_every_requirement_unreviewed() -> None:
    result = review(PAGES, "")
    assert set(states(result).values()) == {UNREVIEWED}
    assert [f.code for f in result.findings] == [UNREVIEWED_CODE]
    assert result.findings[0].file == "docs/RDS.md"


def test_the_review_file_s_own_problems_are_passed_on() -> None:
    record_text = record_of(PAGES).replace(
        f'fingerprint: "{fingerprint(wordings_of(trace_of(PAGES), PAGES)["FR-1"])}"',
        'fingerprint: "not hex"',
    )
    result = review(PAGES, record_text)
    assert states(result) == {"FR-1": UNREVIEWED, "FR-2": REVIEWED, "FR-3": REVIEWED}
    assert [(f.code, f.file) for f in result.findings] == [
        (FILE_CODE, FILE),
        (UNREVIEWED_CODE, "docs/RDS.md"),
    ]
    assert result.findings[0].line == line_of(record_text, "  FR-1:")


def test_a_broken_review_file_leaves_every_requirement_unreviewed() -> None:
    result = review(PAGES, "<<<<<<< HEAD\n")
    assert set(states(result).values()) == {UNREVIEWED}
    assert [f.code for f in result.findings] == [FILE_CODE, UNREVIEWED_CODE]


def test_an_id_defined_twice_is_judged_by_its_first_definition() -> None:
    pages = {**PAGES, "RDS-b.md": "# Again\n\n## FR-1: Login form, again\n\nOther words.\n"}
    result = review(pages, record_of(PAGES))
    assert states(result)["FR-1"] == REVIEWED
    assert [f for f in result.findings if f.code.startswith("review-")] == []


def test_a_requirement_without_wording_is_judged_by_empty_words() -> None:
    trace = trace_of(PAGES)
    record = parse(record_of(PAGES), FILE)
    result = review_requirements(trace, {}, record, "warn")
    assert states(result) == {"FR-1": SUSPECT, "FR-2": SUSPECT, "FR-3": SUSPECT}
    assert all(state.fingerprint == fingerprint("") for state in result.by_id.values())


# ---------------------------------------------------------------------------------------------
# Properties


replacement = st.text(st.characters(categories=["L", "N"]), min_size=1, max_size=8)


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(["30", "days.", "login", "logged", "kept", "Every"]), replacement)
def test_changing_one_word_is_suspect_exactly_when_the_word_differs(old: str, new: str) -> None:
    body = "Every login is **logged** and kept for 30 days."
    assume(new == old or new not in RDS.split())
    changed = " ".join(new if word.strip("*") == old else word for word in body.split())
    pages = {**PAGES, "RDS.md": RDS.replace(body, changed)}
    result = review(pages, record_of(PAGES))
    expected = REVIEWED if new == old else SUSPECT
    assert states(result) == {"FR-1": REVIEWED, "FR-2": expected, "FR-3": REVIEWED}
    if expected == SUSPECT:
        [finding] = result.findings
        assert f"[-{old}-]{{+{new}+}}" in finding.message
    else:
        assert result.findings == ()


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from([" ", "\n", "  ", "\n   "]), min_size=8, max_size=8))
def test_rewrapping_a_requirement_keeps_it_reviewed(separators: list[str]) -> None:
    body = "Every login is **logged** and kept for 30 days."
    parts = body.split()
    wrapped = "".join(w + s for w, s in zip(parts, [*separators, ""], strict=True))
    pages = {**PAGES, "RDS.md": RDS.replace(body, wrapped)}
    result = review(pages, record_of(PAGES))
    assert set(states(result).values()) == {REVIEWED}
    assert result.findings == ()
