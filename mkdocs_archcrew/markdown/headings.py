"""Headings as readers and the ``toc`` extension see them: their plain text and their ids."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from .document import Document

Slugify = Callable[[str], str]
"""Heading text → heading id, as the site's ``toc`` extension makes it."""

_EMPHASIS = re.compile(r"(\*{1,3}|_{1,3})(?=\S)(.+?)(?<=\S)\1")
_CODE = re.compile(r"(`+)(.+?)\1")
_NOT_SLUG = re.compile(r"[^\w\s-]")
_DASHES_AND_SPACES = re.compile(r"[-\s]+")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|!?\[([^\]]*)\]\[[^\]]*\]")
_TAG = re.compile(r"<[^>]+>")


def default_slugify(text: str) -> str:
    """Python-Markdown's default heading id (``toc`` extension, ``-`` separator)."""
    value = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    value = _NOT_SLUG.sub("", value).strip().lower()
    return _DASHES_AND_SPACES.sub("-", value)


def heading_plain_text(text: str) -> str:
    """A heading's text as the reader sees it: no emphasis marks, code ticks, link targets, tags."""
    text = _LINK.sub(lambda match: match[1] if match[1] is not None else match[2], text)
    text = _CODE.sub(lambda match: match[2].strip(), text)
    text = _TAG.sub("", text)
    previous = None
    while previous != text:
        previous, text = text, _EMPHASIS.sub(lambda match: match[2], text)
    return text.strip()


def heading_ids(doc: Document, slugify: Slugify, texts: Sequence[str] | None = None) -> list[str]:
    """The id of each heading of `doc`, in order, made unique the way the ``toc`` extension does.
    `texts` are the headings' texts as published (placeholders filled), when not as written."""
    seen: set[str] = set()
    ids: list[str] = []
    for index, heading in enumerate(doc.headings):
        text = texts[index] if texts is not None else heading.text
        ident = heading.anchor or slugify(heading_plain_text(text))
        if ident in seen or not ident:
            base, count = ident, 1
            while f"{base}_{count}" in seen:
                count += 1
            ident = f"{base}_{count}"
        seen.add(ident)
        ids.append(ident)
    return ids
