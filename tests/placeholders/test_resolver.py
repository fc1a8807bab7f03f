"""The resolver through the core (no MkDocs): precedence, self-reference, cycles, sections, problems and their lines."""

from __future__ import annotations

import datetime as dt
from typing import Any

from mkdocs_archcrew import FilledProject, PageInput, Settings, fill_project, read_project
from mkdocs_archcrew.findings import Severity
from mkdocs_archcrew.placeholders.suggestions import BUDGET
from mkdocs_archcrew.placeholders.values import Layer


def fill(
    pages: dict[str, str],
    values: dict[str, Any] | None = None,
    *,
    on_missing: str = "warn",
    builtins: dict[str, Any] | None = None,
) -> FilledProject:
    inputs = [
        PageInput(path, f"docs/{path}", path.removesuffix(".md") + "/", text)
        for path, text in pages.items()
    ]
    return fill_project(
        read_project(
            inputs,
            [Layer("placeholders", values or {})],
            builtins or {"date": "2026-01-02"},
            Settings(on_missing=on_missing),  # type: ignore[arg-type]
        )
    )


def body(result: FilledProject, page: str = "index.md") -> str:
    return result.pages[page].source


def test_self_reference_reads_the_next_source_down() -> None:
    result = fill(
        {"index.md": "---\nversion: '{{ version }}-rc'\n---\nv={{ version }}\n"}, {"version": "2.0"}
    )
    assert "v=2.0-rc" in body(result)
    assert "version: 2.0-rc" in body(result)
    assert result.findings == []


def test_front_matter_value_that_is_one_placeholder_keeps_its_type() -> None:
    result = fill(
        {"index.md": "---\ntags: {{ labels }}\ncount: {{ n }}\n---\nx\n"},
        {"labels": ["a", "b"], "n": 4},
    )
    assert body(result).startswith("---\ntags:\n- a\n- b\ncount: 4\n---\n")


def test_front_matter_without_placeholders_is_passed_through_untouched() -> None:
    text = "---\n# a comment\ntitle:   Spaced\n---\nBody\n"
    assert body(fill({"index.md": text})) == text


def test_cycle_through_three_values() -> None:
    result = fill({"index.md": "{{ a }}"}, {"a": "{{ b }}", "b": "{{ c }}", "c": "{{ a }}"})
    (finding,) = result.findings
    assert finding.severity is Severity.ERROR
    assert "a → b → c → a" in finding.message
    assert body(result) == "{{ a }}"


def test_a_cycle_through_sections_is_found() -> None:
    result = fill(
        {"A.md": "# A\n\n## One\n\n{{ two }}\n", "B.md": "# B\n\n## Two\n\n{{ one }}\n"},
        {"one": {"section": "A.md#one"}, "two": {"section": "B.md#two"}},
    )
    assert any(f.code == "placeholder-cycle" for f in result.findings)


def test_unresolved_in_a_value_is_reported_at_the_page_placeholder() -> None:
    result = fill({"index.md": "line\n{{ outer }}\n"}, {"outer": "x {{ inner }}"})
    (finding,) = result.findings
    assert finding.location == "docs/index.md:2"
    assert finding.message.startswith("unresolved placeholder {{ outer }}: no value named 'inner'")
    assert body(result) == "line\nx {{ inner }}\n"


def test_case_insensitive_suggestion() -> None:
    (finding,) = fill({"index.md": "{{ ClaudeVersion }}"}, {"claudeVersion": 1}).findings
    assert "(did you mean 'claudeVersion'?)" in finding.message


def test_did_you_mean_is_bounded_per_build_among_many_names_and_misspellings() -> None:
    # Each misspelling compared with every one of 100,000 names costs a build seconds; here
    # 2,000 of them, on 100 pages, draw on one budget for the build.
    values = {f"name_{i}": i for i in range(100_000)}
    pages = {
        f"p{page}.md": "".join(f"{{{{ nmae_{page * 20 + k} }}}}\n\n" for k in range(20))
        for page in range(100)
    }
    result = fill(pages, values)
    assert len(result.findings) == 2_000
    assert "(did you mean 'name_0'?)" in result.findings[0].message
    assert result.late.suggestions.spent <= BUDGET
    # The text another plugin adds later draws on the same budget.
    late = result.late.fill("p0.md", "p0/", "docs/p0.md", "{{ nmae_1 }}")[1]
    assert "(did you mean 'name_1'?)" in late[0].message


def test_on_missing_modes() -> None:
    assert fill({"index.md": "{{ x }}"}, on_missing="error").findings[0].severity is Severity.ERROR
    assert fill({"index.md": "{{ x }}"}, on_missing="warn").findings[0].severity is Severity.WARNING
    assert fill({"index.md": "{{ x }}"}, on_missing="keep").findings == []


def test_front_matter_problem_lines() -> None:
    text = "---\ntitle: x\nversion: {{ nope }}\nlist:\n  - a\n  - {{ also }}\n---\nbody\n"
    lines = [f.line for f in fill({"index.md": text}).findings]
    assert lines == [3, 6]


def test_escape_in_front_matter_becomes_literal_braces_in_metadata() -> None:
    result = fill({"index.md": "---\nnote: 'use \\{{ x }}'\n---\nbody\n"})
    assert "note: use {{ x }}" in body(result)


def test_page_title_from_heading_and_cycle_in_title() -> None:
    result = fill({"a.md": "# Title *here*\n\n{{ page.title }}\n", "b.md": "# {{ page.title }}\n"})
    assert body(result, "a.md").endswith("Title here\n")
    assert [f.code for f in result.findings] == ["placeholder-cycle"]


def test_multiline_value_indented_under_a_blockquote() -> None:
    result = fill({"index.md": "> {{ v }}\n"}, {"v": "one\n\ntwo"})
    assert body(result) == "> one\n>\n> two\n"


def test_multiline_value_mid_sentence_is_not_indented() -> None:
    result = fill({"index.md": "Text {{ v }}\n"}, {"v": "one\ntwo"})
    assert body(result) == "Text one\ntwo\n"


def test_value_types_as_text() -> None:
    result = fill(
        {"index.md": "{{ s }}|{{ i }}|{{ f }}|{{ t }}|{{ n }}|{{ d }}|{{ l }}|{{ m.k }}|{{ l.1 }}"},
        {
            "s": "x",
            "i": 3,
            "f": 1.5,
            "t": True,
            "n": None,
            "d": dt.date(2024, 5, 6),
            "l": ["a", 2],
            "m": {"k": "v"},
        },
    )
    assert body(result) == "x|3|1.5|true||2024-05-06|a, 2|v|2"
    assert result.findings == []
