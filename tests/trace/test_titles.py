"""Titles found word by word."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mkdocs_archcrew.trace.titles import WORD as _WORD
from mkdocs_archcrew.trace.titles import lower_words as _lower_words


@given(st.one_of(st.text(), st.text(st.characters(max_codepoint=127))))
def test_words_are_split_as_the_word_pattern_splits_them(text: str) -> None:
    # Titles are matched word by word, and a match is placed by the spans of \w+ in the text
    # as written: one lower-case word for each, whatever lowering does to the text.
    assert _lower_words(text) == [word.lower() for word in _WORD.findall(text)]
