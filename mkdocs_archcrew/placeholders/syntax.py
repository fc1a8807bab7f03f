"""Placeholder syntax: ``{{ name }}`` and ``{{ dotted.name }}``, escaped as ``\\{{ name }}``.

A placeholder holds a name and nothing else. Documents are data: there are no expressions,
filters or calls to evaluate, so nothing a page says can run code or reach Python internals.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from ..markdown.inline import is_escaped

if TYPE_CHECKING:
    from collections.abc import Iterator

_NAME = re.compile(r"[^\W\d][\w-]*(?:\.[\w-]+)*")
ESCAPE = "\\{{"


class Occurrence(NamedTuple):
    """One ``{{ ... }}`` in a text: its exact spelling and where it is."""

    raw: str
    inner: str
    start: int
    end: int


class NotAName(ValueError):
    """The braces hold something other than a name; the message says what and why."""


def occurrences(text: str, start: int = 0, end: int | None = None) -> Iterator[Occurrence]:
    """Every unescaped ``{{ ... }}`` of `text[start:end]`, on one line each: from each ``{{``,
    up to the first ``}}`` of its line.

    Linear in the text: a line's ``{{`` that finds no ``}}`` before the line ends is its last,
    since no later one on that line can find one either. (A regular expression tries again
    from each ``{{`` and reads to the end of the line each time.)
    """
    stop = len(text) if end is None else end
    opening = text.find("{{", start, stop)
    line_end = -1
    while opening >= 0:
        if opening > line_end:
            line_end = text.find("\n", opening, stop)
            if line_end < 0:
                line_end = stop
        closing = text.find("}}", opening + 2, line_end)
        if closing < 0:
            opening = text.find("{{", line_end, stop)
            continue
        after = closing + 2
        if not is_escaped(text, opening):
            yield Occurrence(text[opening:after], text[opening + 2 : closing], opening, after)
        opening = text.find("{{", after, stop)


def parse_name(inner: str) -> str:
    """The dotted name inside the braces, or `NotAName` explaining what is not allowed."""
    name = inner.strip()
    if not name:
        raise NotAName("the braces are empty; write a name between them, e.g. {{ project.name }}")
    if _NAME.fullmatch(name):
        if any(part.startswith("__") for part in name.split(".")):
            raise NotAName(
                f"'{name}' names a Python internal ('__...'); placeholders read data, "
                "never attributes of Python objects"
            )
        return name
    if "(" in name:
        why = "calls are not allowed"
    elif "|" in name:
        why = "filters are not supported"
    elif re.search(r"[\"'\[\]]", name):
        why = "literals, indexing and expressions are not evaluated"
    else:
        why = "only names are allowed"
    raise NotAName(
        f"'{name}' is not a placeholder name: {why}. A placeholder is a name such as "
        "{{ project.version }}; documents are data, so nothing in them is evaluated"
    )


def unescape(text: str) -> str:
    """Turn ``\\{{`` into ``{{`` where no Markdown renderer will do it (page metadata)."""
    return text.replace(ESCAPE, "{{")
