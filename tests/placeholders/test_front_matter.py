"""Front matter holding placeholders: `parse` (placeholders written unquoted parse, and come
back exactly as written; key lines; broken YAML as a warning at its line; a block that is not a
mapping is no front matter) and `render` (what MkDocs reads back is what was given)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from mkdocs_archcrew.findings import Finding, Severity
from mkdocs_archcrew.markdown import scan
from mkdocs_archcrew.placeholders.front_matter import ParsedFrontMatter, parse, render


def parsed(text: str) -> tuple[ParsedFrontMatter | None, Finding | None]:
    return parse(scan(text), "docs/a.md")


def test_unquoted_placeholders_parse_and_come_back_as_written() -> None:
    text = (
        "---\n"
        "version: {{claudeVersion}}\n"  # a flow mapping to YAML, were it not swapped out
        "title: A {{ x }} b\n"
        "list: [{{ a }}, 2]\n"
        "nested:\n"
        "  k: {{ y }}\n"
        "{{ key }}: v\n"
        "---\n"
        "body {{ not_front_matter }}\n"
    )
    front, problem = parsed(text)
    assert problem is None
    assert front == ParsedFrontMatter(
        {
            "version": "{{claudeVersion}}",
            "title": "A {{ x }} b",
            "list": ["{{ a }}", 2],
            "nested": {"k": "{{ y }}"},
            "{{ key }}": "v",
        },
        {"version": 2, "title": 3, "list": 4, "nested": 5, "{{ key }}": 7},
        has_placeholders=True,
    )


def test_a_value_that_is_one_placeholder_is_a_string_holding_it() -> None:
    front, _ = parsed("---\ntags: {{ labels }}\ncount: {{n}}\n---\n")
    assert front is not None
    assert front.values == {"tags": "{{ labels }}", "count": "{{n}}"}


def test_the_token_never_clashes_with_the_text() -> None:
    # The swapped-in tokens are made of letters the block does not hold.
    front, _ = parsed("---\na: zarchcrew0z {{ x }}\nb: zarchcrewq1z\n---\n")
    assert front is not None
    assert front.values == {"a": "zarchcrew0z {{ x }}", "b": "zarchcrewq1z"}


def test_plain_front_matter() -> None:
    front, problem = parsed("---\ntitle: T\nn: 3\nwhen: 2024-05-06\n---\n")
    assert problem is None
    assert front == ParsedFrontMatter(
        {"title": "T", "n": 3, "when": dt.date(2024, 5, 6)},
        {"title": 2, "n": 3, "when": 4},
        has_placeholders=False,
    )


def test_invalid_yaml_is_a_warning_at_its_line() -> None:
    assert parsed("---\na: 1\n  b: 2\n---\n# Page\n") == (
        None,
        Finding(
            Severity.WARNING,
            "front-matter-yaml",
            "front matter is not valid YAML (mapping values are not allowed in this context); "
            "the page is built without it. Fix the YAML, or quote values that contain ':', '#' "
            "or '{'.",
            "docs/a.md",
            3,
        ),
    )


def test_front_matter_past_a_limit_is_an_error_at_its_line() -> None:
    laughs = "".join(
        f"{name}: &{name} [{', '.join([f'*{before}'] * 9)}]\n"
        for before, name in zip("abcdefg", "bcdefgh", strict=True)
    )
    text = f"---\ntitle: {{{{ x }}}}\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n{laughs}---\n"
    front, problem = parsed(text)
    assert front is None
    assert problem is not None
    assert (problem.severity, problem.code, problem.line) == (
        Severity.ERROR,
        "front-matter-limit",
        7,
    )
    assert problem.message.startswith("front matter passes a limit: alias '*d' brings")
    assert problem.message.endswith("The page is built without it.")
    _, deep = parsed("---\na: 1\nb: " + "[" * 51 + "]" * 51 + "\n---\n")
    assert deep is not None
    assert (deep.code, deep.line) == ("front-matter-limit", 3)


def test_a_key_given_twice_is_a_warning_naming_both_lines() -> None:
    front, problem = parsed("---\ntitle: One\n{{ k }}: a\nlist: [1]\ntitle: Two\n{{ k }}: b\n---\n")
    assert problem is None
    assert front is not None
    assert front.values == {"title": "Two", "{{ k }}": "b", "list": [1]}
    assert front.key_lines == {"title": 5, "{{ k }}": 6, "list": 4}
    assert front.findings == (
        Finding(
            Severity.WARNING,
            "front-matter-duplicate-key",
            "front matter key 'title' is given twice, at lines 2 and 5; YAML keeps the last one "
            "only. Remove one of them, or rename it.",
            "docs/a.md",
            5,
        ),
        Finding(
            Severity.WARNING,
            "front-matter-duplicate-key",
            "front matter key '{{ k }}' is given twice, at lines 3 and 6; YAML keeps the last "
            "one only. Remove one of them, or rename it.",
            "docs/a.md",
            6,
        ),
    )


def test_the_token_is_found_in_one_pass_whatever_the_text_holds() -> None:
    # Growing the token a letter at a time, searching the text again each time, is quadratic
    # in a text that holds every length of it.
    hostile = " ".join("zarchcrew" + "q" * n for n in range(2000))
    front, _ = parsed(f"---\na: {hostile}\nb: {{{{ x }}}}\n---\n")
    assert front is not None
    assert front.values == {"a": hostile, "b": "{{ x }}"}


@pytest.mark.parametrize(
    "text",
    [
        "---\n- a\n- b\n---\n",  # a list
        "---\njust text\n---\n",  # a string
        "---\n# only a comment\n---\n",  # nothing
        "# No front matter\n",
    ],
)
def test_no_mapping_no_front_matter(text: str) -> None:
    assert parsed(text) == (None, None)


def test_the_line_of_a_quoted_key() -> None:
    front, _ = parsed('---\na: 1\n"quoted key": {{ x }}\n---\n')
    assert front is not None
    assert front.key_lines == {"a": 2, "quoted key": 3}


def test_render_round_trips_keeping_order_and_unicode() -> None:
    values: dict[str, Any] = {
        "zeta": "été ✓",
        "alpha": [1, {"k": None}],
        "when": dt.date(2024, 5, 6),
        "long": "word " * 40,
        "braces": "{{ literal }}",
    }
    text = render(values)
    assert text.startswith("---\nzeta: été ✓\nalpha:\n")
    assert text.endswith("---\n")
    assert yaml.safe_load(text.removeprefix("---\n").removesuffix("---\n")) == values
    assert list(yaml.safe_load(text[4:-4])) == ["zeta", "alpha", "when", "long", "braces"]
    # MkDocs finds the same block in the page, and nothing after it.
    doc = scan(text + "Body\n")
    assert doc.front_matter is not None
    assert doc.text[doc.body_start :] == "Body\n"


# Control characters left out: PyYAML itself writes a trailing U+0085 in a quoted scalar that it
# reads back as a space (its emitter's bug, not render's).
text = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=20)
scalars = st.one_of(
    text,
    st.integers(),
    st.booleans(),
    st.none(),
    st.dates(),
)
documents = st.dictionaries(
    text,
    st.one_of(scalars, st.lists(scalars, max_size=3)),
    max_size=5,
)


@given(documents)
def test_whatever_is_rendered_is_read_back(values: dict[str, Any]) -> None:
    text = render(values)
    doc = scan(text)
    assert doc.front_matter is not None
    assert yaml.safe_load(doc.front_matter.yaml(text)) == values
