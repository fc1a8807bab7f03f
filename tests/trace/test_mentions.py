"""Mentions of requirements in FRS pages: `IdFinder.ids_in` (its literal-first fast path finds
exactly what the ID pattern finds), `known_id`, `page_mentions` (IDs and titles, where a
mention may become a link, how each names its requirement, unknown ID-shaped words with their
lines) and `in_context` (a mention quoted with its neighbouring words)."""

from __future__ import annotations

import textwrap

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from mkdocs_archcrew.markdown import scan
from mkdocs_archcrew.markdown.headings import default_slugify, heading_ids
from mkdocs_archcrew.trace.mentions import (
    IdFinder,
    MentionLocator,
    UnknownId,
    in_context,
    known_id,
    page_mentions,
)
from mkdocs_archcrew.trace.requirements import Requirement, RequirementSyntax
from mkdocs_archcrew.trace.titles import TitleTrie


def requirement(requirement_id: str, title: str) -> Requirement:
    return Requirement(requirement_id, title, "active", "RDS.md", "docs/RDS.md", 1, "heading", 0, 0)


REQUIREMENTS = [
    requirement("FR-1", "Login form"),
    requirement("FR-2", "Audit log"),
    requirement("REQ-AUTH-3", "Session"),
]
BY_ID = {r.id: r for r in REQUIREMENTS}

# Text rich in what IDs are made of, and in what bounds them.
id_text = st.text(
    alphabet=st.sampled_from(
        [
            *"ABFRNQXZabfrqz0123456789",
            *"---_..  \n",
            *"éßİſKΩ٣²",  # İ, ſ and K (the Kelvin sign) match [A-Z] when case is ignored
        ]
    ),
    max_size=60,
)


@given(id_text)
@settings(max_examples=300, deadline=None)
@example("FR-1 x-FR-2 FR-1-based FR-1.2.B-3 A-1.2-3 _FR-4 FR-5_ é-FR-6 İ-7 ſR-8 --FR-9")
def test_the_fast_path_finds_what_the_pattern_finds(text: str) -> None:
    finder = IdFinder(RequirementSyntax())
    assert finder.dash_digit  # the default pattern takes the fast path
    fast = [(match.span(), match.group()) for match in finder.ids_in(text)]
    slow = [(match.span(), match.group()) for match in finder.pattern.finditer(text)]
    assert fast == slow


def test_ids_in_text() -> None:
    finder = IdFinder(RequirementSyntax())
    text = "FR-1, fr-2; NFR-007 REQ-AUTH-3.1 FR-1-based x-FR-1 FR-1a UTF-8 é-FR-1 FR-1é"
    assert [match.group() for match in finder.ids_in(text)] == [
        "FR-1",
        "fr-2",
        "NFR-007",
        "REQ-AUTH-3.1",
        "FR-1-based",
        "x-FR-1",
        "UTF-8",
    ]


def test_a_custom_pattern_is_searched_as_written() -> None:
    finder = IdFinder(RequirementSyntax(r"R\d+"))
    assert not finder.dash_digit
    assert [m.group() for m in finder.ids_in("R1, r22, xR3, R4-x, R5")] == ["R1", "r22", "R5"]


@pytest.mark.parametrize(
    ("word", "named"),
    [
        ("FR-1", "FR-1"),
        ("fr-1", "FR-1"),  # any case
        ("FR-1-based", "FR-1"),  # a word built on an ID still names it
        ("FR-1.2.3", "FR-1"),
        ("REQ-AUTH-3.1", "REQ-AUTH-3"),
        ("FR-10", None),  # another number, not a longer word
        ("FR-2x", None),
        ("REQ-AUTH-4", None),
        ("REQ-AUTH", None),  # never shortened to something without a dash
    ],
)
def test_known_id(word: str, named: str | None) -> None:
    assert known_id(word, BY_ID) == named


PAGE = textwrap.dedent("""\
    Before FR-1.

    # FRS FR-2

    See fr-1, [FR-1](RDS.md#fr-1), [FR-2][ref], [FR-1], <span title="FR-2">x</span>
    and https://example.org/FR-1/x and FR-1-based, FR-10 and UTF-8.

    The LOGIN  Form works; `FR-2` in code.

    ```mermaid
    graph LR
      A[FR-1] --> B[audit log]
    ```

    ```text
    FR-2 in a text fence
    ```
""")


def test_page_mentions() -> None:
    doc = scan(PAGE)
    locator = MentionLocator("FRS.md", "docs/FRS.md", doc, heading_ids(doc, default_slugify))
    finder = IdFinder(RequirementSyntax())
    hits, unknown = page_mentions(doc, locator, finder, BY_ID, TitleTrie(REQUIREMENTS))
    assert [
        (
            hit.requirement_id,
            hit.by_id,
            hit.mention.line,
            PAGE[hit.mention.start : hit.mention.end],
            hit.mention.section,
            hit.mention.linkable,
        )
        for hit in hits
    ] == [
        ("FR-1", True, 1, "FR-1", "", True),  # above the first heading
        ("FR-2", True, 3, "FR-2", "frs-fr-2", False),  # in a heading
        ("FR-1", True, 5, "fr-1", "frs-fr-2", True),  # in prose
        ("FR-1", True, 5, "FR-1", "frs-fr-2", False),  # a link's text...
        ("FR-1", True, 5, "fr-1", "frs-fr-2", False),  # ...and its target
        ("FR-2", True, 5, "FR-2", "frs-fr-2", False),  # a reference link
        ("FR-1", True, 5, "FR-1", "frs-fr-2", False),  # a shortcut reference
        ("FR-2", True, 5, "FR-2", "frs-fr-2", False),  # in a tag
        ("FR-1", True, 6, "FR-1", "frs-fr-2", False),  # in a bare URL
        ("FR-1", True, 6, "FR-1-based", "frs-fr-2", True),
        ("FR-1", False, 8, "LOGIN  Form", "frs-fr-2", False),  # its title, any case
        ("FR-2", True, 8, "FR-2", "frs-fr-2", False),  # in a code span
        ("FR-1", True, 12, "FR-1", "frs-fr-2", False),  # in a Mermaid diagram
        ("FR-2", False, 12, "audit log", "frs-fr-2", False),
    ]
    assert {hit.mention.section_label for hit in hits[1:]} == {"FRS › FRS FR-2"}
    # ID-shaped words naming no requirement, whatever their family (coverage filters them).
    assert unknown == [UnknownId(6, "FR-10"), UnknownId(6, "UTF-8")]


def test_each_mention_says_how_it_names_its_requirement() -> None:
    text = "# FRS\n\nFR-1 is the login form; its Session ends.\n\n| audit log |\n"
    doc = scan(text)
    locator = MentionLocator("FRS.md", "docs/FRS.md", doc, heading_ids(doc, default_slugify))
    finder = IdFinder(RequirementSyntax())
    hits, _ = page_mentions(doc, locator, finder, BY_ID, TitleTrie(REQUIREMENTS))
    assert [
        (hit.requirement_id, text[hit.mention.start : hit.mention.end], hit.mention.by)
        for hit in hits
    ] == [
        ("FR-1", "FR-1", "id"),
        ("FR-1", "login form", "title"),  # a title of two words
        ("REQ-AUTH-3", "Session", "word"),  # a title of one word
        ("FR-2", "audit log", "title"),
    ]
    assert [hit.by_id for hit in hits] == [True, False, False, False]


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("## Performance Reports\n", "Performance Reports"),  # a heading: no word before
        ("Users view the performance reports daily.\n", "the performance reports"),
        ("| Performance |\n", "Performance"),  # alone in its cell
        ("See the **Performance** page.\n", "Performance"),  # emphasis is no plain neighbour
        ("Load-performance/latency budgets\n", "Load-performance/latency"),
        ("Some text about\nperformance\nover lines.\n", "performance"),  # its own line only
    ],
)
def test_in_context_quotes_a_mention_with_a_word_on_each_side(text: str, quoted: str) -> None:
    start = text.lower().index("performance")
    doc = scan(text)
    locator = MentionLocator("FRS.md", "docs/FRS.md", doc, heading_ids(doc, default_slugify))
    mention = locator.mention(start, start + len("performance"), linkable=False, by="word")
    assert in_context(text, mention) == quoted
