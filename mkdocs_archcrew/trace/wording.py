"""A requirement's wording: its words with what does not change its meaning left out, the
fingerprint of those words, and what changed between two wordings, word by word.

Left out: whitespace and line wrapping, list markers and their numbers (Markdown renumbers a
list anyway), heading marks, table borders, and emphasis marks (``**``, ``*``, ``~~``, code
backticks, underscores at the edges of a word). Everything else counts: a changed, added or
removed word, number, unit or punctuation mark changes the fingerprint.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from typing import NamedTuple

_LINE_MARKS = re.compile(r"^[ \t>]*(?:#{1,6}(?=[ \t]|$)|[*+-](?=[ \t])|\d{1,9}[.)](?=[ \t]|$))?")
_RULE = re.compile(r"^[\s|:=*_~-]*$")
"""Setext underlines, table separator rows, thematic breaks: lines of marks only."""
_EMPHASIS = re.compile(r"\*+|~~|`+|(?<!\w)_+|_+(?!\w)")
_CELL_BORDER = re.compile(r"(?<!\\)\|")
_CLOSING_HASHES = re.compile(r"[ \t]+#+[ \t]*$")

FINGERPRINT_LENGTH = 16
"""Hex digits of SHA-256 kept: 64 bits, far past any chance of two wordings colliding in one
project, short enough to read in a review."""


def words(text: str) -> tuple[str, ...]:
    """The words of a requirement's Markdown, in order, marks left out."""
    found: list[str] = []
    for line in text.splitlines():
        if _RULE.match(line):
            continue
        bare = _CLOSING_HASHES.sub("", _LINE_MARKS.sub("", line, count=1))
        found.extend(_EMPHASIS.sub("", _CELL_BORDER.sub(" ", bare)).split())
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
