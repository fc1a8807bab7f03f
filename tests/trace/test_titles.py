"""Titles found word by word, each match telling a title of one word from a longer one."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mkdocs_archcrew.trace.requirements import Requirement
from mkdocs_archcrew.trace.titles import WORD as _WORD
from mkdocs_archcrew.trace.titles import TitleTrie
from mkdocs_archcrew.trace.titles import lower_words as _lower_words


def requirement(requirement_id: str, title: str) -> Requirement:
    return Requirement(requirement_id, title, "active", "RDS.md", "docs/RDS.md", 1, "heading", 0, 0)


@given(st.one_of(st.text(), st.text(st.characters(max_codepoint=127))))
def test_words_are_split_as_the_word_pattern_splits_them(text: str) -> None:
    # Titles are matched word by word, and a match is placed by the spans of \w+ in the text
    # as written: one lower-case word for each, whatever lowering does to the text.
    assert _lower_words(text) == [word.lower() for word in _WORD.findall(text)]


def test_a_match_says_whether_its_title_is_one_word() -> None:
    trie = TitleTrie(
        [requirement("NFR-1", "Performance"), requirement("FR-1", "Performance reports")]
    )
    text = "Performance Reports, and performance."
    # "Performance Reports" holds both titles: the longer and, in passing, the one-word title.
    assert [(text[low:high], ids, one_word) for low, high, ids, one_word in trie.matches(text)] == [
        ("Performance", ["NFR-1"], True),
        ("Performance Reports", ["FR-1"], False),
        ("performance", ["NFR-1"], True),
    ]
