"""A requirement's wording: its words with what does not change its meaning left out, the
fingerprint of those words, and what changed between two wordings, word by word.

Left out: whitespace and line wrapping, list markers and their numbers (Markdown renumbers a
list anyway), heading marks, a table row's outer borders, and emphasis marks at the edges of a
word (``**``, ``*``, ``_``, ``~~``, code backticks). Everything else counts: a changed, added
or removed word, number, unit or punctuation mark changes the fingerprint (``2*3`` is not
``23``, ``A | B`` is not ``A B``).
"""

from __future__ import annotations

import difflib
import hashlib
import re
from typing import NamedTuple

_QUOTES_AND_HEADING = re.compile(r"^[ \t>]*(?:#{1,6}(?=[ \t]|$))?")
_LIST_MARKER = re.compile(r"^[ \t]*(?:[*+-]|\d{1,9}[.)])(?=[ \t]|$)")
_RULE = re.compile(r"^[\s|:=*_~-]*$")
"""Setext underlines, table separator rows, thematic breaks: lines of marks only."""
_EDGE_MARKS = re.compile(r"^[*_~`]+|[*_~`]+(?=[^\w*_~`]*$)")
"""Emphasis at the start or the end of a word (before its punctuation): ``**bold**,``."""
_MARKS = frozenset("*_~`")
"""The characters of `_EDGE_MARKS`."""
_PIPE = re.compile(r"(?<!\\)\|")
_CLOSING_HASHES = re.compile(r"[ \t]+#+[ \t]*$")

FINGERPRINT_LENGTH = 16
"""Hex digits of SHA-256 kept: 64 bits, far past any chance of two wordings colliding in one
project, short enough to read in a review."""


def words(text: str) -> tuple[str, ...]:
    """The words of a requirement's Markdown, in order, marks left out."""
    found: list[str] = []
    # A list marker starts an item only where Markdown starts one: on the first line, after a
    # blank line, or after another item's line; elsewhere "3." is a number of a wrapped line.
    item_may_start = True
    for line in text.splitlines():
        if not line.strip():
            item_may_start = True
            continue
        if _RULE.match(line):
            continue
        bare = _QUOTES_AND_HEADING.sub("", line, count=1)
        marker = _LIST_MARKER.match(bare) if item_may_start else None
        if marker is not None:
            bare = bare[marker.end() :]
        item_may_start = marker is not None
        if "#" in bare:
            bare = _CLOSING_HASHES.sub("", bare)
        if "|" in bare:
            bare = _PIPE.sub(" | ", bare)
        line_words = bare.split()
        # A table row's outer borders; the pipes between its cells stay words.
        if line_words and line_words[0] == "|":
            line_words = line_words[1:]
        if line_words and line_words[-1] == "|":
            line_words = line_words[:-1]
        # Most lines have no emphasis: their words go as they are (5,000 requirements each
        # build).
        if _MARKS.isdisjoint(bare):
            found.extend(line_words)
            continue
        for word in line_words:
            bare_word = _EDGE_MARKS.sub("", word) if not _MARKS.isdisjoint(word) else word
            if bare_word:
                found.append(bare_word)
    return tuple(found)


def wording(text: str) -> str:
    """The words of `text`, joined by single spaces: what the review file keeps."""
    return " ".join(words(text))


def fingerprint(wording: str) -> str:
    """The fingerprint of a wording (`wording`)."""
    return hashlib.sha256(wording.encode("utf-8")).hexdigest()[:FINGERPRINT_LENGTH]


class Change(NamedTuple):
    """A run of a wording: words in both (`old == new`), or words removed and added."""

    old: str
    new: str

    @property
    def same(self) -> bool:
        return self.old == self.new


CONTEXT_WORDS = 4
"""Words kept on each side of a change; farther unchanged words are shown as "…"."""


def changes(old: str, new: str) -> list[Change]:
    """What changed from wording `old` to wording `new`, as runs of words in order; unchanged
    runs are cut to the few words next to a change."""
    before, after = old.split(), new.split()
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    runs: list[Change] = []
    opcodes = matcher.get_opcodes()
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag != "equal":
            runs.append(Change(" ".join(before[i1:i2]), " ".join(after[j1:j2])))
            continue
        same = before[i1:i2]
        first, last = index == 0, index == len(opcodes) - 1
        keep_start = [] if first else same[:CONTEXT_WORDS]
        keep_end = [] if last else same[-CONTEXT_WORDS:]
        if len(same) > len(keep_start) + len(keep_end):
            text = " ".join([*keep_start, "…", *keep_end])
        else:
            text = " ".join(same)
        runs.append(Change(text, text))
    return runs


def as_text(runs: list[Change]) -> str:
    """The changes written as git's word diff does: ``every [-5-]{+10+} minutes``."""
    parts = []
    for run in runs:
        if run.same:
            parts.append(run.old)
            continue
        removed = f"[-{run.old}-]" if run.old else ""
        added = f"{{+{run.new}+}}" if run.new else ""
        parts.append(removed + added)
    return " ".join(parts)
