"""Mermaid's size limit: a diagram longer than ``maxTextSize`` is not drawn, the browser shows
"Maximum text size in diagram exceeded" in its place. Mermaid's parser has no such limit (a
megabyte parses, in half a minute), so the limit is checked here, in Python, before anything
is parsed.

Mermaid 11 (``mermaidAPI.render``) measures the text it is handed after taking out its front
matter, its directives and its comment lines, in JavaScript's units (UTF-16: a character
beyond U+FFFF counts two); ``maxTextSize`` is a secure key, which a diagram's own
configuration cannot change. `mermaid_length` follows that code, expression by expression, so
the build says too large exactly when the browser would.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DEFAULT_MAX_TEXT_SIZE = 50_000
"""Mermaid's default ``maxTextSize`` (``MAX_TEXTLENGTH`` and ``defaultConfig``), the same from
Mermaid 8 to 11."""

_SPACES = (
    "\t\v\f \u00a0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f\u3000\ufeff"
)
_LINE_ENDS = "\n\r\u2028\u2029"
_S = f"[{_SPACES}{_LINE_ENDS}]"
"""JavaScript's ``\\s``: Python's differs (it takes U+001C-U+001F and U+0085, not U+FEFF)."""
_W = "[A-Za-z0-9_]"
"""JavaScript's ``\\w``, ASCII only."""
_DOT = f"[^{_LINE_ENDS}]"
"""JavaScript's ``.`` without the ``s`` flag."""

_LINE_BREAK = re.compile(r"\r\n?")
"""``cleanupText``: line ends made ``\\n`` (its other change keeps the length)."""
_FRONT_MATTER = re.compile(
    rf"([{_SPACES}\u2028\u2029]*)-{{3}}{_S}*[\n\r](.*?)[\n\r]\1-{{3}}{_S}*[\n\r]+", re.DOTALL
)
"""``frontMatterRegex``, matched at the start only."""
_DIRECTIVE = re.compile(
    rf"%{{2}}\{{{_S}*(?:({_W}+){_S}*:|({_W}+)){_S}*"
    rf"(?:({_W}+)|((?:(?!\}}%{{2}}){_DOT}|\r?\n)*))?{_S}*(?:\}}%{{2}})?"
)
"""``directiveRegex`` (its ``i`` flag changes nothing: the expression names no letter)."""
_COMMENT = re.compile(rf"^{_S}*%%(?!\{{)[^\n]+\n?", re.MULTILINE)
"""``cleanupComments``, for a text whose only line end is ``\\n``."""
_COMMENT_ANY_LINE_END = re.compile(rf"(?<![^{_LINE_ENDS}]){_S}*%%(?!\{{)[^\n]+\n?")
"""The same, ``^`` with the ``m`` flag after any JavaScript line end (U+2028 and U+2029 too);
slower."""
_LEADING = _SPACES + _LINE_ENDS
"""What JavaScript's ``trimStart`` takes away."""


def utf16_length(text: str) -> int:
    """`text`'s ``length`` in JavaScript."""
    if text.isascii():
        return len(text)
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def mermaid_length(text: str) -> int:
    """The length Mermaid compares with ``maxTextSize`` for a diagram of text `text`."""
    text = _LINE_BREAK.sub("\n", text)
    front = _FRONT_MATTER.match(text)
    if front:
        text = text[front.end() :]
    # Most diagrams have no directive and no comment: a megabyte then takes a millisecond.
    if "%%{" in text:
        text = _DIRECTIVE.sub("", text)
    if "%%" in text:
        rare = "\u2028" in text or "\u2029" in text
        text = (_COMMENT_ANY_LINE_END if rare else _COMMENT).sub("", text)
    return utf16_length(text.lstrip(_LEADING))


def too_large(text: str, limit: int) -> int | None:
    """Mermaid's length of a diagram over `limit`, or None when Mermaid draws it. Milliseconds
    even for a megabyte: a text no longer than the limit is not looked into (Mermaid only ever
    takes away)."""
    if utf16_length(text) <= limit:
        return None
    length = mermaid_length(text)
    return length if length > limit else None


@dataclass(frozen=True)
class SizeLimit:
    """The ``maxTextSize`` a site's diagrams are held to, and where it is set."""

    characters: int = DEFAULT_MAX_TEXT_SIZE
    source: str = "Mermaid's default"
    """Where it comes from, as messages say it."""
    raise_it: str = ""
    """How the site can raise it, as messages say it; empty when it cannot."""
