"""Finding requirement titles in text: one pass over its words through a trie of all titles."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from .requirements import Requirement

WORD = re.compile(r"\w+")
_ASCII_NON_WORD = str.maketrans(
    {chr(code): " " for code in range(128) if not (chr(code).isalnum() or chr(code) == "_")}
)


class _Node:
    __slots__ = ("children", "ids")

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}
        self.ids: list[str] = []


class TitleTrie:
    """Requirement titles as word sequences, for one linear pass over a page's words."""

    def __init__(self, requirements: Iterable[Requirement]) -> None:
        self.root = _Node()
        for requirement in requirements:
            node = self.root
            for word in lower_words(requirement.title):  # as `matches` reads pages
                node = node.children.setdefault(word, _Node())
            if node is not self.root and requirement.id not in node.ids:
                node.ids.append(requirement.id)

    def matches(self, text: str) -> Iterator[tuple[int, int, list[str], bool]]:
        """(start, end, requirement ids, one word) for every title found in `text`, whole words
        only; `one word` tells a title of a single word, which text may hold in passing."""
        words = lower_words(text)
        spans: list[tuple[int, int]] | None = None  # worked out only if a title is found
        first_words = self.root.children
        for first, word in enumerate(words):
            node = first_words.get(word)
            last = first
            while node is not None:
                if node.ids:
                    if spans is None:
                        spans = [match.span() for match in WORD.finditer(text)]
                    yield spans[first][0], spans[last][1], node.ids, last == first
                last += 1
                node = node.children.get(words[last]) if last < len(words) else None


def lower_words(text: str) -> list[str]:
    """The words of `text` as `WORD` finds them, each in lower case. ASCII text (most pages)
    is split by `str` methods, several times faster than the regular expression. Other text is
    lowered word by word: lowering it whole could split a word (``"İ".lower()`` ends in a
    combining mark, not a word character) and put the words out of step with their spans."""
    if text.isascii():
        return text.lower().translate(_ASCII_NON_WORD).split()
    return [word.lower() for word in WORD.findall(text)]
