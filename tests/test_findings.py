"""Findings, the one form every problem takes: `Place`, `Finding` (`at`, `location`, `str`,
`as_dict`, `sort_key`), `Severity` order, `sorted_findings` (each once, by file and line) and
`listed`."""

from __future__ import annotations

import json

import pytest

from mkdocs_archcrew.findings import Finding, Place, Severity, listed, sorted_findings


def test_place() -> None:
    assert str(Place("docs/a.md", 12)) == "docs/a.md:12"
    assert str(Place("mkdocs.yml")) == "mkdocs.yml"  # line 0: the file as a whole


def test_finding_at_a_place() -> None:
    finding = Finding.at(Place("mkdocs.yml", 7), Severity.ERROR, "trace-pattern-unmatched", "m")
    assert finding == Finding(Severity.ERROR, "trace-pattern-unmatched", "m", "mkdocs.yml", 7)


def test_location_and_text() -> None:
    finding = Finding(Severity.WARNING, "placeholder-unresolved", "no value", "docs/a.md", 3)
    assert finding.location == "docs/a.md:3"
    assert str(finding) == "docs/a.md:3: no value"
    whole = Finding(Severity.INFO, "mermaid-toolchain", "no node", "mkdocs.yml", 0)
    assert str(whole) == "mkdocs.yml: no node"


def test_as_dict() -> None:
    finding = Finding(Severity.ERROR, "trace-uncovered", "not «covered»", "docs/RDS.md", 4)
    assert finding.as_dict() == {
        "code": "trace-uncovered",
        "file": "docs/RDS.md",
        "line": 4,
        "message": "not «covered»",
        "severity": "error",
    }
    assert json.loads(json.dumps(finding.as_dict())) == finding.as_dict()


def test_severities_are_ordered() -> None:
    assert Severity.INFO < Severity.WARNING < Severity.ERROR
    assert max([Severity.WARNING, Severity.ERROR, Severity.INFO]) is Severity.ERROR
    assert [s.name.lower() for s in Severity] == ["info", "warning", "error"]


def test_findings_are_frozen() -> None:
    finding = Finding(Severity.ERROR, "trace-uncovered", "m", "f", 1)
    with pytest.raises(AttributeError):
        finding.line = 2  # type: ignore[misc]


def test_sorted_findings_by_file_line_code_message_each_once() -> None:
    b2 = Finding(Severity.INFO, "trace-uncovered", "z", "docs/b.md", 2)
    a10 = Finding(Severity.ERROR, "placeholder-cycle", "m", "docs/a.md", 10)
    a9_y = Finding(Severity.ERROR, "trace-unknown-id", "y", "docs/a.md", 9)
    a9_x = Finding(Severity.ERROR, "trace-unknown-id", "x", "docs/a.md", 9)
    a9_code = Finding(Severity.WARNING, "placeholder-unresolved", "z", "docs/a.md", 9)
    config = Finding(Severity.ERROR, "trace-template", "t", "t.j2", 0)
    same_as_a10 = Finding(Severity.ERROR, "placeholder-cycle", "m", "docs/a.md", 10)
    assert sorted_findings([b2, a10, config, a9_y, same_as_a10, a9_x, a9_code]) == [
        a9_code,  # by code on the same line...
        a9_x,  # ...then by message
        a9_y,
        a10,  # line 10 after line 9: numbers, not text
        b2,
        config,
    ]
    # Findings that differ only in severity are both kept.
    louder = Finding(Severity.ERROR, "trace-uncovered", "z", "docs/b.md", 2)
    assert sorted_findings([louder, b2]) == [louder, b2]
    assert sorted_findings([]) == []


@pytest.mark.parametrize(
    ("items", "text"),
    [
        ([], ""),
        (["a"], "a"),
        (["a", "b", "c", "d", "e"], "a, b, c, d, e"),
        (["a", "b", "c", "d", "e", "f"], "a, b, c, d, e and 1 more"),
        ([str(n) for n in range(12)], "0, 1, 2, 3, 4 and 7 more"),
    ],
)
def test_listed(items: list[str], text: str) -> None:
    assert listed(items) == text


def test_listed_with_a_limit() -> None:
    assert listed(["a", "b", "c"], limit=2) == "a, b and 1 more"
    assert listed(["a", "b"], limit=2) == "a, b"


def test_characters_no_one_can_see_are_shown_escaped_and_named() -> None:
    finding = Finding(
        Severity.ERROR, "placeholder-not-a-name", "'frsCapture\u200bRequirements' is bad", "a", 1
    )
    assert finding.message == (
        "'frsCapture\\u200bRequirements' is bad (\\u200b is zero width space: characters that "
        "show as nothing or as a plain space; delete them, or retype the text around them)"
    )
    assert str(finding).startswith("a:1: 'frsCapture\\u200bRequirements'")
    # Letters of any language are letters.
    assert Finding(Severity.INFO, "page-rules", "Café Ünïcode 日本", "a", 1).message == (
        "Café Ünïcode 日本"
    )
    spaced = Finding(Severity.INFO, "page-rules", "A\u00a0B\u202e", "a", 1).message
    assert spaced.startswith(
        "A\\u00a0B\\u202e (\\u00a0 is no-break space, \\u202e is right-to-left"
    )
