"""The block pass of the scanner, through `scan`: indented code under list items against lazy
continuation lines, pipe tables, setext headings against rules, raw HTML blocks, and fences in
blockquotes, for Material's extensions (superfences) and for MkDocs' defaults (fenced_code).

Every expectation here is what Python-Markdown itself renders for the same text."""

from __future__ import annotations

import pytest

from mkdocs_archcrew.markdown import Dialect, Document, scan

MKDOCS_DEFAULT = Dialect.from_extensions(["toc", "tables", "fenced_code"])
NO_TABLES = Dialect.from_extensions(["toc", "fenced_code"])


def regions(doc: Document) -> list[tuple[str, str]]:
    return [(region.kind.value, doc.text[region.start : region.end]) for region in doc.regions]


def headings(doc: Document) -> list[tuple[int, str, int, bool]]:
    return [(h.level, h.text, h.line, h.setext) for h in doc.headings]


# Indented code in lists -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # After a blank line, four columns past the item's content column is code...
        ("- item\n\n        code {{ a }}\n", "        code {{ a }}\n"),
        ("1. item\n\n        code\n\nafter\n", "        code\n"),
        # ...tabs counting to the next multiple of four...
        ("- item\n\n\t\tcode\n", "\t\tcode\n"),
        # ...and a nested item's content column is one level deeper.
        ("- a\n    - b\n\n            code\n", "            code\n"),
        # Once a paragraph at the first column has ended the list, four columns are enough.
        ("- item\n\npara\n\n    code\n", "    code\n"),
    ],
)
def test_indented_code_under_list_items(text: str, code: str) -> None:
    doc = scan(text)
    assert [piece for kind, piece in regions(doc) if kind == "indented code"] == [code]


@pytest.mark.parametrize(
    "text",
    [
        "- item\n        lazy {{ a }}\n",  # no blank line: the item's paragraph goes on
        "- a\n    - b\n\n        para {{ a }}\n",  # the nested item's own paragraph
        "1. item\n    - nested\n            deeper\n",
    ],
)
def test_lazy_and_continuation_lines_in_lists_are_prose(text: str) -> None:
    assert regions(scan(text)) == [("prose", text)]


def test_indented_code_ends_at_the_first_line_indented_less() -> None:
    text = "para\n\n    code\n\n    more code\n  back to prose\n"
    assert regions(scan(text)) == [
        ("prose", "para\n\n"),
        ("indented code", "    code\n\n    more code\n"),
        ("prose", "  back to prose\n"),
    ]


# Tables -----------------------------------------------------------------------------------


def test_every_line_of_a_table_is_a_row() -> None:
    # In a table, `# c | d` is a cell and an indented row is no code block.
    text = "a | b\n--|--\n# c | d\n    e | f\n"
    doc = scan(text)
    assert regions(doc) == [("prose", text)]
    assert headings(doc) == []


def test_without_the_tables_extension_the_same_lines_are_blocks() -> None:
    text = "a | b\n--|--\n# c | d\n    e | f\n"
    doc = scan(text, dialect=NO_TABLES)
    assert regions(doc) == [("prose", "a | b\n--|--\n# c | d\n"), ("indented code", "    e | f\n")]
    assert headings(doc) == [(1, "c | d", 3, False)]


def test_a_table_needs_a_separator_with_as_many_cells_as_the_header() -> None:
    doc = scan("a | b | c\n--- | ---\n# H | x\n")
    assert headings(doc) == [(1, "H | x", 3, False)]


def test_a_table_ends_at_a_blank_line() -> None:
    text = "a | b\n--|--\n\n    code\n"
    assert regions(scan(text)) == [("prose", "a | b\n--|--\n\n"), ("indented code", "    code\n")]


def test_a_header_of_one_cell_without_a_leading_pipe_is_no_table() -> None:
    # Python-Markdown reads `a |` over `---` as a setext heading.
    assert headings(scan("a |\n---\n")) == [(2, "a |", 1, True)]


@pytest.mark.xfail(
    strict=True,
    reason="scanner bug: a one-column table needs a pipe on every row (Python-Markdown's "
    "TableProcessor), so a heading glued under it is a heading; the scanner takes it as a row",
)
def test_a_heading_glued_under_a_one_column_table_is_a_heading() -> None:
    # Python-Markdown: <table>...</table><h3 id="fr-1-x">FR-1: x</h3>
    assert headings(scan("| a |\n|---|\n### FR-1: x\n")) == [(3, "FR-1: x", 3, False)]


# Setext headings and rules ----------------------------------------------------------------


def test_setext_headings_and_rules() -> None:
    doc = scan("Text\n---\n\n- - -\n\n***\n\nPara\n***\n\nTwo\nlines\n---\n")
    # `***` under a paragraph and `---` under two lines are rules; only `Text` is a heading.
    assert headings(doc) == [(2, "Text", 1, True)]


def test_setext_is_tried_before_rules_and_list_items() -> None:
    assert headings(scan("---\n===\n", dialect=MKDOCS_DEFAULT)) == [(1, "---", 1, True)]
    assert headings(scan("- item\n---\n")) == [(2, "- item", 1, True)]


def test_an_underline_indented_four_columns_is_paragraph_text() -> None:
    assert headings(scan("Para\n    ===\n")) == []


@pytest.mark.xfail(
    strict=True,
    reason="scanner bug: Python-Markdown's setext underline must start at the first column "
    "(SetextHeaderProcessor: ^.*?\\n[=-]+); the scanner accepts up to three spaces, so "
    "'Para\\n  ===' is a paragraph and 'Para\\n ---' a paragraph and a rule, not headings",
)
@pytest.mark.parametrize("text", ["Para\n  ===\n", "Para\n ---\n"])
def test_an_indented_underline_makes_no_setext_heading(text: str) -> None:
    assert headings(scan(text)) == []


# Raw HTML blocks --------------------------------------------------------------------------


def test_raw_html_blocks_are_opaque_whatever_the_case() -> None:
    text = "<PRE>\n{{ x }}\n</Pre>\nafter\n"
    assert regions(scan(text)) == [("raw HTML", "<PRE>\n{{ x }}\n</Pre>\n"), ("prose", "after\n")]


def test_an_unclosed_raw_html_block_runs_to_the_end() -> None:
    text = "Intro\n\n<script>\nvar x = '{{ a }}'\n"
    assert regions(scan(text)) == [
        ("prose", "Intro\n\n"),
        ("raw HTML", "<script>\nvar x = '{{ a }}'\n"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "<prefix>\n{{ x }}\n",  # not <pre>
        "<div>\n{{ x }}\n</div>\n",  # Markdown inside a div is still read
        "text <pre>x</pre> y\n",  # not at the start of a block
    ],
)
def test_other_html_is_prose(text: str) -> None:
    assert regions(scan(text)) == [("prose", text)]


def test_raw_html_indented_as_code_in_a_list_is_code() -> None:
    text = "- item\n\n        <pre>\n        x\n        </pre>\n"
    assert regions(scan(text)) == [
        ("prose", "- item\n\n"),
        ("indented code", "        <pre>\n        x\n        </pre>\n"),
    ]


@pytest.mark.xfail(
    strict=True,
    reason="scanner bug: text after a raw HTML block's closing tag on the same line is a "
    "paragraph to Python-Markdown (<p>tail {{ a }}</p>) but part of the raw block to the "
    "scanner, so a placeholder there is never filled",
)
def test_text_after_a_closing_tag_on_its_line_is_prose() -> None:
    doc = scan("<pre>\nx\n</pre> tail {{ a }}\n")
    assert regions(doc)[0] == ("raw HTML", "<pre>\nx\n</pre>")
    assert "".join(piece for kind, piece in regions(doc) if kind == "prose") == " tail {{ a }}\n"


# Fences in quotes -------------------------------------------------------------------------


def test_superfences_reads_a_fence_inside_a_quote() -> None:
    text = "> ```\n> {{ a }}\n> ```\n\nafter\n"
    assert regions(scan(text)) == [
        ("fenced code", "> ```\n> {{ a }}\n> ```\n"),
        ("prose", "\nafter\n"),
    ]
    nested = "> > ```\n> > x\n> > ```\n"
    assert regions(scan(nested)) == [("fenced code", nested)]


def test_fenced_code_reads_no_fence_inside_a_quote_only_a_code_span() -> None:
    text = "> ```\n> {{ a }}\n> ```\n\nafter\n"
    assert regions(scan(text, dialect=MKDOCS_DEFAULT)) == [
        ("prose", "> "),
        ("code span", "```\n> {{ a }}\n> ```"),
        ("prose", "\n\nafter\n"),
    ]


def test_an_unquoted_line_abandons_a_superfences_fence_in_a_quote() -> None:
    # Python-Markdown: <blockquote><p><code>{{ a }}\n{{ b }}</code></p></blockquote>
    text = "> ```\n> {{ a }}\n{{ b }}\n> ```\n"
    assert regions(scan(text)) == [
        ("prose", "> "),
        ("code span", "```\n> {{ a }}\n{{ b }}\n> ```"),
        ("prose", "\n"),
    ]


def test_a_fence_at_the_first_column_splits_a_quote_for_fenced_code() -> None:
    text = "> quote {{ a }}\n```\ncode\n```\n"
    assert regions(scan(text, dialect=MKDOCS_DEFAULT)) == [
        ("prose", "> quote {{ a }}\n"),
        ("fenced code", "```\ncode\n```\n"),
    ]
