"""``{{ rdsToFrsValidation }}``: the variables a traceability template receives
(`table_context`), the `cell` filter, and templates that fail to compile or to render
(`TemplateFailure` with the template's line), run in a sandbox."""

from __future__ import annotations

import textwrap

import pytest

from mkdocs_archcrew.markdown import scan
from mkdocs_archcrew.markdown.headings import default_slugify
from mkdocs_archcrew.trace.coverage import Trace, TraceSettings, trace_project
from mkdocs_archcrew.trace.table import (
    TemplateFailure,
    table_context,
    table_template,
    traceability_table,
)

RDS = textwrap.dedent("""\
    # RDS

    ### FR-1: Login | form \\ back

    ### FR-2: Audit log (draft)

    ### FR-3: Export

    ### FR-10: Ten

    ### FR-4: Old (deprecated)
""")
FRS = "FR-10 above any heading. FR-4 too.\n\n# FRS\n\n## Auth\n\nFR-1 and FR-10.\n"


def trace(rds: str = RDS, frs: str = FRS) -> Trace:
    pages = {"RDS.md": rds, "specs/FRS.md": frs}
    docs = {path: scan(text) for path, text in pages.items()}
    return trace_project(docs, {p: f"docs/{p}" for p in pages}, TraceSettings(), default_slugify)


def test_table_context() -> None:
    context = table_context(trace())
    assert context["summary"] == {
        "covered": 2,
        "total": 3,
        "percent": 66.7,
        "not_checked": 2,
        "by_id": 2,
        "by_title": 0,
        "by_word": 0,
        "suspect": 0,
    }
    rows = context["requirements"]
    assert [(row["id"], row["state"], row["covered"], row["checked"]) for row in rows] == [
        ("FR-1", "covered by ID", True, True),
        ("FR-2", "draft, not covered", False, False),
        ("FR-3", "**not covered**", False, True),
        ("FR-4", "deprecated, covered by ID", True, False),
        ("FR-10", "covered by ID", True, True),  # natural ID order
    ]
    assert rows[0] == {
        "id": "FR-1",
        "title": "Login | form \\ back",
        "status": "active",
        "covered": True,
        "coverage": "id",
        "checked": True,
        "state": "covered by ID",
        "page": "RDS.md",
        "file": "docs/RDS.md",
        "file_name": "RDS.md",
        "line": 3,
        "link": "RDS.md#fr-1",
        "sections": [{"label": "FRS › Auth", "link": "specs/FRS.md#auth", "by": "id"}],
        "review": None,  # changes not tracked
        "suspect": False,
        "changes": "",
    }
    # Above the first heading, a section is the page itself.
    assert rows[4]["sections"] == [
        {"label": "FRS", "link": "specs/FRS.md", "by": "id"},
        {"label": "FRS › Auth", "link": "specs/FRS.md#auth", "by": "id"},
    ]


@pytest.mark.parametrize(
    ("frs", "summary"),
    [
        ("FR-1 FR-3 FR-10", {"covered": 3, "total": 3, "percent": 100, "not_checked": 2}),
        ("nothing", {"covered": 0, "total": 3, "percent": 0, "not_checked": 2}),
        ("FR-3", {"covered": 1, "total": 3, "percent": 33.3, "not_checked": 2}),
    ],
)
def test_percent_is_a_whole_number_when_it_is_one(frs: str, summary: dict[str, object]) -> None:
    result = table_context(trace(frs=frs))["summary"]
    assert {key: result[key] for key in summary} == summary
    assert type(result["percent"]) is type(summary["percent"])


def test_no_requirements_is_full_coverage() -> None:
    assert table_context(trace(rds="# RDS\n", frs="")) == {
        "requirements": [],
        "summary": {
            "covered": 0,
            "total": 0,
            "percent": 100,
            "not_checked": 0,
            "by_id": 0,
            "by_title": 0,
            "by_word": 0,
            "suspect": 0,
        },
    }


def test_bundled_template() -> None:
    table = traceability_table(trace(), table_template(None, "bundled"), "bundled")
    lines = table.split("\n")
    assert lines[:3] == [
        "| ID | Requirement | Defined in | Covered by | Status |",
        "|----|-------------|------------|------------|--------|",
        "| [FR-1](RDS.md#fr-1) | Login \\| form \\\\ back | [RDS.md:3](RDS.md#fr-1) | "
        "[FRS › Auth](specs/FRS.md#auth) | covered by ID |",
    ]
    assert (
        lines[4]
        == "| [FR-3](RDS.md#fr-3) | Export | [RDS.md:7](RDS.md#fr-3) | — | **not covered** |"
    )
    assert lines[-1] == (
        "**Coverage**: 2 of 3 requirements covered by the FRS (66.7%); 2 draft or deprecated "
        "not counted."
    )
    empty = traceability_table(trace(rds="# RDS\n"), table_template(None, "b"), "b")
    assert empty == "*No requirements found: no RDS page defines any yet.*"


def test_cell_filter_in_a_template_of_ones_own() -> None:
    source = "{% for r in requirements %}[{{ r.title | cell }}]{% endfor %}{{ 'a\nb' | cell }}\n"
    table = traceability_table(trace(), table_template(source, "mine.j2"), "mine.j2")
    assert table == "[Login \\| form \\\\ back][Audit log][Export][Old][Ten]a b"


def test_a_syntax_error_names_the_template_and_line() -> None:
    with pytest.raises(TemplateFailure) as failure:
        table_template("line one\n{% for %}\n", "overrides/table.j2")
    assert (failure.value.file, failure.value.line, failure.value.detail) == (
        "overrides/table.j2",
        2,
        "the traceability template is not valid Jinja2: Expected an expression, got 'end of "
        "statement block'",
    )
    assert str(failure.value) == f"overrides/table.j2:2: {failure.value.detail}"


def test_an_undefined_name_fails_at_its_line() -> None:
    template = table_template(
        "one\n{% for r in requirements %}\n{{ r.nope }}\n{% endfor %}\n", "t.j2"
    )
    with pytest.raises(TemplateFailure) as failure:
        traceability_table(trace(), template, "t.j2")
    assert (failure.value.file, failure.value.line) == ("t.j2", 3)
    assert failure.value.detail.startswith("the traceability template failed: ")
    assert "'nope'" in failure.value.detail


@pytest.mark.parametrize(
    "source",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ requirements.__class__.__init__.__globals__ }}",
        "{% for r in requirements %}{{ r.items.__self__.__class__ }}{% endfor %}",
    ],
)
def test_the_sandbox_refuses_python_internals(source: str) -> None:
    with pytest.raises(TemplateFailure) as failure:
        traceability_table(trace(), table_template(source, "evil.j2"), "evil.j2")
    assert "is unsafe" in failure.value.detail
    assert failure.value.line == 1


@pytest.mark.parametrize(
    "source",
    [
        "{% include 'secrets.md' %}",
        "{% import 'macros.j2' as m %}",
        "{% extends '../../etc/passwd' %}",
    ],
)
def test_a_template_reads_no_other_file(source: str) -> None:
    with pytest.raises(TemplateFailure) as failure:
        traceability_table(trace(), table_template(f"one\n{source}\n", "t.j2"), "t.j2")
    assert failure.value.line == 2
    assert failure.value.detail.startswith("the traceability template failed: the template names")
    assert "traceability templates read no file" in failure.value.detail


@pytest.mark.parametrize(
    ("source", "said"),
    [
        ("{{ requirements + 1 }}", 'can only concatenate list (not "int") to list'),
        ("{{ 1 / 0 }}", "division by zero"),
        ("{{ summary.covered + 'a' }}", "unsupported operand type"),
    ],
)
def test_failures_jinja_does_not_wrap_are_said_too(source: str, said: str) -> None:
    with pytest.raises(TemplateFailure) as failure:
        traceability_table(trace(), table_template(source, "t.j2"), "t.j2")
    assert said in failure.value.detail


ONE_WORD_RDS = textwrap.dedent("""\
    # RDS

    ### NFR-1: Performance

    ### NFR-2: Station registry

    ### NFR-3: Security (draft)

    ### NFR-4: Uptime
""")
ONE_WORD_FRS = textwrap.dedent("""\
    # FRS

    ## Reports

    Performance Reports and Security Vulnerabilities.

    ## Registry

    The station registry, and NFR-4.
""")


def one_word_trace(**settings: object) -> Trace:
    pages = {"RDS.md": ONE_WORD_RDS, "FRS.md": ONE_WORD_FRS}
    docs = {path: scan(text) for path, text in pages.items()}
    files = {p: f"docs/{p}" for p in pages}
    return trace_project(docs, files, TraceSettings(**settings), default_slugify)  # type: ignore[arg-type]


def test_rows_and_summary_say_how_each_requirement_is_covered() -> None:
    context = table_context(one_word_trace())
    assert [
        (r["id"], r["coverage"], r["state"], r["covered"]) for r in context["requirements"]
    ] == [
        ("NFR-1", "word", "covered only by one word", True),
        ("NFR-2", "title", "covered by title", True),
        ("NFR-3", "word", "draft, covered only by one word", True),
        ("NFR-4", "id", "covered by ID", True),
    ]
    assert context["requirements"][0]["sections"] == [
        {"label": "FRS › Reports", "link": "FRS.md#reports", "by": "word"}
    ]
    assert context["summary"] == {
        "covered": 3,
        "total": 3,
        "percent": 100,
        "not_checked": 1,
        "by_id": 1,
        "by_title": 1,
        "by_word": 1,
        "suspect": 0,
    }
    table = traceability_table(one_word_trace(), table_template(None, "b"), "b")
    assert table.endswith(
        "**Coverage**: 3 of 3 requirements covered by the FRS (100%): 1 by ID, 1 by title, "
        "1 only by one word; 1 draft or deprecated not counted."
    )


def test_rows_when_one_word_does_not_count() -> None:
    context = table_context(one_word_trace(on_word_only="uncovered"))
    assert [
        (r["id"], r["coverage"], r["state"], r["covered"]) for r in context["requirements"]
    ] == [
        ("NFR-1", "word", "**not covered** (only one word)", False),
        ("NFR-2", "title", "covered by title", True),
        ("NFR-3", "word", "draft, not covered (only one word)", False),
        ("NFR-4", "id", "covered by ID", True),
    ]
    assert context["summary"]["covered"] == 2
    assert context["summary"]["by_word"] == 0
    # Sections are still listed: they are where the word stands.
    assert context["requirements"][0]["sections"][0]["label"] == "FRS › Reports"
