"""Why a placeholder could not be filled: every message builder of `problems` (exact words,
did-you-mean hints as given), `Problem.at` and `Problem.message`, and the severity of each problem as a
finding (`Problem.finding`)."""

from __future__ import annotations

import pytest

from mkdocs_archcrew.findings import Finding, Severity
from mkdocs_archcrew.placeholders import problems
from mkdocs_archcrew.placeholders.syntax import Occurrence
from mkdocs_archcrew.placeholders.values import NotText, SectionRef

AT = Occurrence("{{ m }}", " m ", 3, 10)


def test_unresolved_with_and_without_a_hint() -> None:
    assert problems.unresolved("versoin", "version").at(AT).message == (
        "unresolved placeholder {{ m }}: no value named 'versoin' (did you mean 'version'?). "
        "Define it in front matter, a data file, the 'placeholders' option or 'extra:', or "
        "write \\{{ versoin }} for literal braces."
    )
    assert problems.unresolved("zzz", None).detail == (
        "no value named 'zzz'. Define it in front matter, a data file, the 'placeholders' "
        "option or 'extra:', or write \\{{ zzz }} for literal braces."
    )
    assert problems.unresolved("x", None).code == "placeholder-unresolved"


def test_cycle() -> None:
    problem = problems.cycle(["a", "b", "c", "a"])
    assert problem.code == "placeholder-cycle"
    assert problem.at(AT).message == (
        "placeholder cycle at {{ m }}: a → b → c → a: each of these values needs the next, so "
        "none can be filled. Break the cycle by giving one of them a plain value."
    )


def test_not_a_name() -> None:
    problem = problems.not_a_name(AT, "calls are not allowed")
    assert (problem.code, problem.message) == (
        "placeholder-not-a-name",
        "not a placeholder {{ m }}: calls are not allowed",
    )


def test_not_text_names_at_most_six_keys_and_suggests_the_first() -> None:
    problem = problems.not_text(AT, NotText("mapping", ["a", "b", "c", "d", "e", "f", "g"]))
    assert (problem.code, problem.message) == (
        "placeholder-not-text",
        "cannot write {{ m }}: its value is a mapping (keys: a, b, c, d, e, f), which has no "
        "text form; name one of its keys, e.g. {{ m.a }}.",
    )


def test_not_text_of_an_object() -> None:
    assert problems.not_text(AT, NotText("set")).message == (
        "cannot write {{ m }}: its value is a set, which has no text form."
    )


def test_not_text_of_a_kind_starting_with_a_vowel() -> None:
    assert "its value is an object," in problems.not_text(AT, NotText("object")).message


def test_no_such_page() -> None:
    problem = problems.no_such_page(SectionRef("FSR.md", "x"), "FRS.md")
    assert (problem.code, problem.at(AT).message) == (
        "placeholder-section",
        "cannot fill {{ m }}: section 'FSR.md#x' names page 'FSR.md', which is not in the docs "
        "(did you mean 'FRS.md'?). Pages are named by their path in docs_dir, e.g. 'FRS.md' or "
        "'specs/FRS.md'.",
    )
    assert "did you mean" not in problems.no_such_page(SectionRef("zz.md", "x"), None).detail


def test_no_such_anchor() -> None:
    problem = problems.no_such_anchor(SectionRef("specs/FRS.md", "sytem"), "specs/FRS.md", "system")
    assert (problem.code, problem.at(AT).message) == (
        "placeholder-section",
        "cannot fill {{ m }}: section 'specs/FRS.md#sytem': page 'specs/FRS.md' has no heading "
        "with anchor 'sytem' (did you mean 'specs/FRS.md#system'?). Anchors are heading ids, "
        "e.g. '## System Architecture' is 'system-architecture'.",
    )
    other = problems.no_such_anchor(SectionRef("FRS.md", "q"), "FRS.md", None)
    assert "did you mean" not in other.detail


def test_at_keeps_everything_but_the_occurrence() -> None:
    problem = problems.cycle(["a", "a"])
    placed = problem.at(AT)
    assert (placed.code, placed.summary, placed.detail) == (
        problem.code,
        problem.summary,
        problem.detail,
    )
    assert (problem.occurrence, placed.occurrence) == ("", "{{ m }}")


def test_an_unresolved_name_is_a_warning_unless_asked_otherwise() -> None:
    problem = problems.unresolved("x", None).at(AT)
    assert problem.reported("docs/a.md", 7, "warn") == Finding(
        Severity.WARNING, "placeholder-unresolved", problem.message, "docs/a.md", 7
    )
    error = problem.reported("docs/a.md", 7, "error")
    assert error is not None
    assert error.severity is Severity.ERROR
    assert problem.reported("docs/a.md", 7, "keep") is None


def test_braces_that_hold_no_name_are_kept_without_a_word_by_a_page_that_keeps_them() -> None:
    problem = problems.not_a_name(AT, "why")
    assert problem.reported("docs/a.md", 7, "keep") is None
    for on_missing in ("warn", "error"):
        finding = problem.reported("docs/a.md", 7, on_missing)
        assert finding is not None
        assert finding.severity is Severity.ERROR


@pytest.mark.parametrize(
    "problem",
    [
        problems.cycle(["a", "a"]),
        problems.not_a_name(AT, "why"),
        problems.not_text(AT, NotText("set")),
        problems.no_such_page(SectionRef("x.md", "y"), []),
        problems.no_such_anchor(SectionRef("x.md", "y"), "x.md", []),
    ],
)
@pytest.mark.parametrize("on_missing", ["warn", "error"])
def test_every_other_problem_is_an_error(problem: problems.Problem, on_missing: str) -> None:
    finding = problem.reported("docs/a.md", 2, on_missing)
    assert finding is not None
    assert (finding.severity, finding.code, finding.line) == (Severity.ERROR, problem.code, 2)
