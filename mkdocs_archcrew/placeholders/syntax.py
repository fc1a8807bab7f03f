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

PATTERN = re.compile(r"\{\{(?P<inner>[^\n]*?)\}\}")
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
    """Every unescaped ``{{ ... }}`` of `text[start:end]`, on one line each."""
    stop = len(text) if end is None else end
    if text.find("{{", start, stop) < 0:
        return  # most text holds none: skip the regular expression
    for match in PATTERN.finditer(text, start, stop):
        if not is_escaped(text, match.start()):
            yield Occurrence(match.group(), match["inner"], match.start(), match.end())


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
