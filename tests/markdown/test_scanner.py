"""The Markdown scanner: what is prose, what is code, where headings and front matter are."""

from __future__ import annotations

import textwrap

import pytest

from mkdocs_archcrew.markdown import Document, scan
from mkdocs_archcrew.markdown import RegionKind as Kind


def md(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def pieces(doc: Document, kind: Kind) -> list[str]:
    return [doc.text[r.start : r.end] for r in doc.regions if r.kind is kind]


def test_regions_cover_the_body_exactly_once() -> None:
    text = md("""
        ---
        a: 1
        ---
        # Title

        Some `code` and <!-- note --> prose.

        ```python
        x = 1
        ```
    """)
    doc = scan(text)
    assert doc.front_matter is not None
    assert doc.regions[0].start == doc.body_start
    for before, after in zip(doc.regions, doc.regions[1:], strict=False):
        assert before.end == after.start
    assert doc.regions[-1].end == len(text)


@pytest.mark.parametrize(
    ("fence", "info"),
    [
        ("```", "yaml"),
        ("~~~", "python"),
        ("````", "mermaid"),
        ("```", '{.python title="a.py"}'),
        ("~~~~~", ""),
    ],
)
def test_fenced_blocks_of_every_kind_are_code(fence: str, info: str) -> None:
    text = f"Before {{{{ a }}}}\n\n{fence}{info}\n{{{{ b }}}}\n{fence}\n\nAfter\n"
    doc = scan(text)
    (block,) = pieces(doc, Kind.FENCE)
    assert block == f"{fence}{info}\n{{{{ b }}}}\n{fence}\n"
    assert doc.regions[1].info == info


def test_fence_closes_only_on_the_same_fence() -> None:
    text = md("""
        ````markdown
        ```python
        inner
        ```
        still code
        ````
        prose
    """)
    (block,) = pieces(scan(text), Kind.FENCE)
    assert block.endswith("still code\n````\n")


def test_unclosed_fence_is_no_fence_as_in_python_markdown() -> None:
    text = "Intro\n\n```yaml\nkey: {{ x }}\n"
    assert pieces(scan(text), Kind.FENCE) == []


def test_fence_language() -> None:
    doc = scan("```{.mermaid}\ngraph TB\n```\n\n``` Mermaid extra\nx\n```\n")
    assert [r.language for r in doc.of_kind(Kind.FENCE)] == ["mermaid", "mermaid"]


def test_indented_fence_inside_a_list_item_is_code() -> None:
    text = md("""
        1. **Domain**
           ```python
           {{ entity }}.py
           ```
        2. Next {{ item }}
    """)
    doc = scan(text)
    assert pieces(doc, Kind.FENCE) == ["   ```python\n   {{ entity }}.py\n   ```\n"]
    assert "Next {{ item }}" in "".join(pieces(doc, Kind.PROSE))


def test_indented_code_after_a_blank_line() -> None:
    text = "Para\n\n    {{ code }}\n    more\n\nAfter {{ x }}\n"
    doc = scan(text)
    assert pieces(doc, Kind.INDENTED_CODE) == ["    {{ code }}\n    more\n"]


def test_indented_lazy_continuation_is_prose() -> None:
    doc = scan("Para line\n    {{ continued }}\n")
    assert pieces(doc, Kind.INDENTED_CODE) == []


def test_list_continuation_paragraph_is_prose_but_deeper_indent_is_code() -> None:
    text = md("""
        - item

            continuation {{ a }}

                code {{ b }}
    """)
    doc = scan(text)
    assert pieces(doc, Kind.INDENTED_CODE) == ["        code {{ b }}\n"]
    assert "continuation {{ a }}" in "".join(pieces(doc, Kind.PROSE))


def test_admonition_paragraphs_are_prose() -> None:
    text = md("""
        !!! note
            First {{ a }}

            Second {{ b }}
    """)
    doc = scan(text)
    assert pieces(doc, Kind.INDENTED_CODE) == []


def test_code_spans() -> None:
    doc = scan("a `one` b ``two ` three`` c \\`not` d `unclosed\n")
    assert pieces(doc, Kind.CODE_SPAN) == ["`one`", "``two ` three``", "` d `"]


def test_code_span_does_not_cross_a_blank_line() -> None:
    doc = scan("a `open\n\nclose` b\n")
    assert pieces(doc, Kind.CODE_SPAN) == []


def test_unmatched_backtick_runs_pair_like_python_markdown() -> None:
    # Python-Markdown 3.10+: failing an equal run, the longest shorter run closes the span.
    assert pieces(scan("x ```a` y\n"), Kind.CODE_SPAN) == ["```a`"]
    assert pieces(scan("``` x `y` z\n"), Kind.CODE_SPAN) == ["``` x `"]
    assert pieces(scan("`` a ```` b\n"), Kind.CODE_SPAN) == []


def test_html_comments_and_raw_code() -> None:
    text = md("""
        <!--
        {{ hidden }}
        -->
        Text <!-- {{ inline }} --> more <code>{{ raw }}</code>.

        <pre>
        {{ pre }}
        </pre>
    """)
    doc = scan(text)
    assert pieces(doc, Kind.HTML_COMMENT) == ["<!--\n{{ hidden }}\n-->", "<!-- {{ inline }} -->"]
    assert pieces(doc, Kind.RAW_HTML) == ["<code>{{ raw }}</code>", "<pre>\n{{ pre }}\n</pre>\n"]


def test_headings() -> None:
    text = md("""
        # Title

        ## Two ##
        ###No space
        Setext one
        ==========

        Setext two
        ----------

        ## Custom {#my-id .cls}

        ```
        # not a heading
        ```
    """)
    doc = scan(text)
    assert [(h.level, h.text, h.anchor, h.line) for h in doc.headings] == [
        (1, "Title", None, 1),
        (2, "Two", None, 3),
        (3, "No space", None, 4),
        (1, "Setext one", None, 5),
        (2, "Setext two", None, 8),
        (2, "Custom", "my-id", 11),
    ]


def test_front_matter_matches_mkdocs() -> None:
    doc = scan("---\ntitle: x\n---\nBody\n")
    assert doc.front_matter is not None
    assert doc.front_matter.yaml(doc.text) == "title: x\n"
    assert doc.body_start == len("---\ntitle: x\n---\n")
    # MkDocs needs a newline after the closing delimiter.
    assert scan("---\ntitle: x\n---").front_matter is None
    assert scan("Text\n---\na: 1\n---\n").front_matter is None
    assert scan("---\na: 1\n---\n", front_matter=False).front_matter is None


def test_line_numbers() -> None:
    doc = scan("a\nb\n\nc")
    assert [doc.line_of(i) for i in (0, 2, 4, 5)] == [1, 2, 3, 4]
    assert doc.line_start(4) == 5
