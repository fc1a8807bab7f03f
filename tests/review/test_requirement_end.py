"""Where a requirement's text ends (`Requirement.end`, set by `trace.extract`): the words a
review fingerprints. A heading's run to the next heading of its level or above, an item's
take in its continuation lines and sub-items, a row is its line; none runs into the next
requirement."""

from __future__ import annotations

import textwrap

from hypothesis import given, settings
from hypothesis import strategies as st

from mkdocs_archcrew.markdown import scan
from mkdocs_archcrew.trace.extract import extract
from mkdocs_archcrew.trace.requirements import RequirementSyntax


def texts(markdown: str, *, dedent: bool = True) -> dict[str, str]:
    """Each requirement's text, from the start of its line to its end, by ID."""
    source = textwrap.dedent(markdown).lstrip("\n") if dedent else markdown
    doc = scan(source)
    found = extract(doc, "RDS.md", "docs/RDS.md", RequirementSyntax())
    return {r.id: doc.text[doc.line_start(r.line) : r.end] for r in found}


def test_heading_ends_at_the_next_heading_of_its_level() -> None:
    assert texts("""
        # RDS

        ## FR-1: Login form

        The form asks for a name.

        ### Details

        And a password.

        ## FR-2: Audit log

        Every login is logged.

        ## Not a requirement

        Other text.
    """) == {
        "FR-1": "## FR-1: Login form\n\nThe form asks for a name.\n\n### Details\n\nAnd a password.\n\n",
        "FR-2": "## FR-2: Audit log\n\nEvery login is logged.\n\n",
    }


def test_heading_ends_at_a_higher_heading() -> None:
    assert texts("""
        ### FR-1: Deep

        deep text

        # Top

        not FR-1's
    """) == {"FR-1": "### FR-1: Deep\n\ndeep text\n\n"}


def test_heading_ends_at_the_next_requirement_even_a_deeper_one() -> None:
    assert texts("""
        # FR-1: Parent

        parent text

        ## FR-1.1: Child

        child text

        # FR-2: Next

        last
    """) == {
        "FR-1": "# FR-1: Parent\n\nparent text\n\n",
        "FR-1.1": "## FR-1.1: Child\n\nchild text\n\n",
        "FR-2": "# FR-2: Next\n\nlast\n",
    }


def test_heading_ends_at_a_list_requirement_in_its_section() -> None:
    assert texts("""
        ## FR-1: Section

        intro

        - FR-2 an item
        - plain item

        ## FR-3: Next
    """) == {
        "FR-1": "## FR-1: Section\n\nintro\n\n",
        "FR-2": "- FR-2 an item",
        "FR-3": "## FR-3: Next\n",
    }


def test_heading_runs_to_the_end_of_the_page() -> None:
    assert texts("# FR-1: Only\n\nall of it\n\nto the end\n") == {
        "FR-1": "# FR-1: Only\n\nall of it\n\nto the end\n"
    }
    assert texts("# FR-1: Only", dedent=False) == {"FR-1": "# FR-1: Only"}


def test_heading_keeps_code_and_tables_that_are_not_requirements() -> None:
    assert texts("""
        ### FR-1: T

        ```
        # not a heading
        ```

        | a | b |
        |---|---|
        | 1 | 2 |

        more

        ### FR-2: U
    """) == {
        "FR-1": "### FR-1: T\n\n```\n# not a heading\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nmore\n\n",
        "FR-2": "### FR-2: U\n",
    }


def test_heading_ends_where_a_table_of_requirements_starts() -> None:
    # The table's header row is not the heading's: changing a column name changes no
    # requirement's words.
    assert texts("""
        ## FR-1: T

        body

        | ID | Title |
        |----|-------|
        | note | not one |
        | FR-2 | Two |
        | FR-3 | Three |

        ## FR-4: Z
    """) == {
        "FR-1": "## FR-1: T\n\nbody\n\n",
        "FR-2": "| FR-2 | Two |",
        "FR-3": "| FR-3 | Three |",
        "FR-4": "## FR-4: Z\n",
    }


def test_setext_heading_requirement() -> None:
    assert texts("""
        FR-1: Setext title
        ------------------

        body

        Other
        -----

        text
    """) == {"FR-1": "FR-1: Setext title\n------------------\n\nbody\n\n"}


def test_list_item_includes_continuation_lines_and_sub_items() -> None:
    assert texts("""
        - FR-1 item
          continuation line
          - sub item
            sub continuation
            - sub sub item
          - second sub item
        - FR-2: next item

          indented paragraph of FR-2

        Not part of FR-2.
    """) == {
        "FR-1": (
            "- FR-1 item\n  continuation line\n  - sub item\n    sub continuation\n"
            "    - sub sub item\n  - second sub item"
        ),
        "FR-2": "- FR-2: next item\n\n  indented paragraph of FR-2",
    }


def test_list_item_takes_lazy_continuation_lines() -> None:
    assert texts("- FR-1 item\nlazy continuation\n\nnext paragraph\n") == {
        "FR-1": "- FR-1 item\nlazy continuation"
    }


def test_list_item_keeps_its_indented_code_and_paragraphs() -> None:
    assert texts("""
        - FR-1 item

          para

          ```
          code
          ```

          tail
        - FR-2 x
    """) == {
        "FR-1": "- FR-1 item\n\n  para\n\n  ```\n  code\n  ```\n\n  tail",
        "FR-2": "- FR-2 x",
    }


def test_list_item_ends_at_whatever_starts_at_its_depth() -> None:
    for after in ("## Heading", "```\ncode\n```", "| a | b |", "- another item", "1. numbered"):
        assert texts(f"- FR-1 item\n{after}\n", dedent=False) == {"FR-1": "- FR-1 item"}, after
    assert texts("- FR-1 item\n\nparagraph\n", dedent=False) == {"FR-1": "- FR-1 item"}


def test_indented_list_items() -> None:
    assert texts("""
        Intro:

          - FR-1 indented item
          continuation at the same indent
          - FR-2 sibling
    """) == {
        "FR-1": "  - FR-1 indented item\n  continuation at the same indent",
        "FR-2": "  - FR-2 sibling",
    }


def test_numbered_requirements_end_like_list_items() -> None:
    assert texts("""
        ## Functional Requirements

        1. **Ingest**: stations push readings.
           More about ingest.
           - a detail
        2. **Validate**: range checks.

        ## Next
    """) == {
        "FR-1": "1. **Ingest**: stations push readings.\n   More about ingest.\n   - a detail",
        "FR-2": "2. **Validate**: range checks.",
    }


def test_table_row_is_its_line() -> None:
    assert texts("""
        | ID | Title | Priority |
        |----|-------|----------|
        | FR-1 | Login | Must |
        | FR-2 | Audit | Could |
        | not | a requirement | x |

        after
    """) == {"FR-1": "| FR-1 | Login | Must |", "FR-2": "| FR-2 | Audit | Could |"}
    assert texts("| ID | T |\n|---|---|\n| FR-1 | a |", dedent=False) == {"FR-1": "| FR-1 | a |"}


def test_windows_line_endings() -> None:
    found = texts("# FR-1: T\r\n\r\nbody\r\n\r\n# FR-2: U\r\n- FR-3 x\r\n  more\r\n", dedent=False)
    assert found["FR-1"] == "# FR-1: T\r\n\r\nbody\r\n\r\n"
    assert found["FR-2"].rstrip() == "# FR-2: U"
    assert found["FR-3"].rstrip("\r") == "- FR-3 x\r\n  more"


def test_front_matter_is_not_a_requirement_s_text() -> None:
    assert texts("---\ntitle: x\n---\n# FR-1: T\nbody\n", dedent=False) == {
        "FR-1": "# FR-1: T\nbody\n"
    }


def test_end_is_set_for_every_requirement() -> None:
    doc = scan("# FR-1: a\n\n- FR-2 b\n\n| ID | T |\n|--|--|\n| FR-3 | c |\n")
    for requirement in extract(doc, "RDS.md", "docs/RDS.md", RequirementSyntax()):
        assert requirement.end > doc.line_start(requirement.line)


block = st.sampled_from(
    [
        "# FR-{n}: Heading {n}",
        "## FR-{n}: Heading {n}",
        "### FR-{n}: Heading {n}",
        "## Plain heading",
        "- FR-{n} item {n}",
        "  - sub item",
        "  continuation",
        "1. numbered item",
        "Some prose text.",
        "",
        "| ID | Title |\n|----|-------|\n| FR-{n} | Row {n} |",
        "```\n# FR-999 in code\n```",
        "> quoted",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(block, max_size=15))
def test_requirements_texts_never_overlap_and_start_on_their_line(blocks: list[str]) -> None:
    markdown = "\n".join(b.format(n=i) for i, b in enumerate(blocks)) + "\n"
    doc = scan(markdown)
    found = extract(doc, "RDS.md", "docs/RDS.md", RequirementSyntax())
    previous_end = 0
    for requirement in found:
        start = doc.line_start(requirement.line)
        assert start >= previous_end
        assert start < requirement.end <= len(doc.text)
        text = doc.text[start : requirement.end]
        # A requirement's text holds its own line whole, and no other requirement's line.
        first_line = doc.text[start:].split("\n", 1)[0]
        assert text.startswith(first_line.rstrip("\r")) or first_line.startswith(text)
        previous_end = requirement.end
