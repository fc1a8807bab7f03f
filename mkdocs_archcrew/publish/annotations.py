"""What traceability adds to pages, as typed records, and the HTML each becomes.

Annotations are not Markdown: Markdown would spend more time on thousands of links and notes
than the plugin spends on everything else. Each waits behind a marker (`markers`) while its
page is rendered, and is written as HTML only when its page is: links name their target page
and fragment, made relative to the page the annotation lands in only then (a section of one
page may be shown in another).
"""

from __future__ import annotations

import functools
import html
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..findings import listed

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ..trace.mentions import Strength
    from ..trace.wording import Change


@dataclass(frozen=True, slots=True)
class Anchor:
    """An element giving its place an id (a requirement's anchor): empty, or the requirement's
    ID shown where the page does not show it (an item of a numbered list)."""

    id: str
    label: str = ""
    """The ID to show; "" where the text shows it (headings, list items, table rows)."""


@dataclass(frozen=True, slots=True)
class Link:
    """A link from `label` to `fragment` of `page` (a path in docs_dir)."""

    label: str
    page: str
    fragment: str
    changed: bool = False
    """The linked requirement changed since it was reviewed against the FRS (a suspect)."""


@dataclass(frozen=True, slots=True)
class Note:
    """Where a requirement is covered, shown by it in its RDS page."""

    sections: tuple[Link, ...]
    """Links to the FRS sections that cover it; none when it is not covered."""
    status: str
    enforced: bool
    """Whether its coverage is checked (a draft's is not)."""
    by: Strength = "id"
    """How the sections mention it: by its ID (``id``), by its title (``title``), or only by
    its title of one word (``word``)."""
    word: str = ""
    """That one word (its title), when it is all the sections mention."""
    counted: bool = True
    """False when the sections mention it but do not cover it: one word alone, with
    ``on_word_only: uncovered``."""
    changes: tuple[Change, ...] = ()
    """What changed in its words since it was reviewed against the FRS: none unless suspect."""
    coverage: bool = True
    """Whether to say where it is covered (``coverage_notes``), or only what changed."""


@dataclass(frozen=True, slots=True)
class Block:
    """HTML standing on its own in the page, such as a diagram drawn at build time."""

    html: str
    markdown: str = ""
    """The Markdown it stands for (a diagram's fenced source), shown to other plugins."""


Annotation = Anchor | Link | Note | Block

NOTES_LINKS = 5
"""A note links at most this many sections, then says how many more there are."""


def to_html(annotation: Annotation, here: str, urls: Mapping[str, str]) -> str:
    """The annotation as HTML in the page at URL `here` (`urls`: page path → URL)."""
    if isinstance(annotation, Anchor):
        ident = html.escape(annotation.id)
        if not annotation.label:
            return f'<a id="{ident}"></a>'
        # A link to itself, as a heading's permalink: the way to copy a requirement's address.
        # Left in the search index: searching "FR-3" finds the list that defines it.
        label = html.escape(annotation.label)
        return f'<a class="archcrew-id" id="{ident}" href="#{ident}">{label}</a>'
    if isinstance(annotation, Link):
        # A class, so that the ID never breaks at its hyphen (archcrew.css).
        if not annotation.changed:
            return _link_html(annotation, here, urls, ' class="archcrew-link"')
        link = _link_html(
            annotation,
            here,
            urls,
            ' class="archcrew-link archcrew-changed" title="changed since this was reviewed"',
        )
        return f"{link}{_CHANGED_MARK}"
    if isinstance(annotation, Note):
        changed = _changed_html(annotation.changes)
        if not annotation.coverage:
            return changed
        gap = annotation.enforced and (not annotation.sections or not annotation.counted)
        kind = "archcrew-coverage archcrew-uncovered" if gap else "archcrew-coverage"
        content = _note_text(annotation, here, urls)
        return f'<small class="{kind}" data-search-exclude>{content}</small>{changed}'
    return annotation.html


_CHANGED_MARK = (
    '<small class="archcrew-changed-mark" data-search-exclude> (changed since reviewed)</small>'
)
"""After an FRS link to a suspect requirement: words, not only a colour or an icon."""


def _changed_html(changes: tuple[Change, ...]) -> str:
    """What changed in a suspect requirement since its review, word by word: removed words
    struck through (``<del>``), added ones underlined (``<ins>``), as screen readers say them."""
    if not changes:
        return ""
    parts = []
    for change in changes:
        if change.same:
            parts.append(html.escape(change.old))
            continue
        if change.old:
            parts.append(f"<del>{html.escape(change.old)}</del>")
        if change.new:
            parts.append(f"<ins>{html.escape(change.new)}</ins>")
    return (
        '<small class="archcrew-changed" data-search-exclude>'
        f"{_WARNING_ICON}<strong>changed since reviewed</strong> against the FRS: "
        f"{' '.join(parts)}</small>"
    )


def _note_text(note: Note, here: str, urls: Mapping[str, str]) -> str:
    if note.sections:
        links = listed([_link_html(link, here, urls) for link in note.sections], NOTES_LINKS)
        return _strength_text(note, links)
    if note.enforced:
        # An icon and the words, not only a colour, tell a gap from a covered requirement.
        return f"{_WARNING_ICON}<strong>not covered</strong> by the FRS"
    return f"{note.status}, not covered yet"


def _strength_text(note: Note, links: str) -> str:
    """A note on a mentioned requirement: how strongly its sections cover it, in a few words."""
    word = f"the word “{html.escape(note.word)}”"
    if not note.counted:
        lead = (
            f"{_WARNING_ICON}<strong>not covered</strong>"
            if note.enforced
            else f"{note.status}, not covered yet"
        )
        return f"{lead}: only {word} in {links}"
    if note.by == "word":
        return f"covered only by {word} in {links}"
    if note.by == "title":
        return f"covered by its title in {links}"
    return f"covered by {links}"


_WARNING_ICON = (
    '<svg class="archcrew-icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">'
    '<path fill="currentColor" d="M12 2 1 21h22L12 2Zm1 16h-2v-2h2v2Zm0-4h-2V9h2v5Z"/></svg>'
)
"""A warning triangle drawn inline: no font or stylesheet needed (print pages, PDF exports),
in the note's colour (`currentColor`), and not read aloud: the words say it."""


def _link_html(link: Link, here: str, urls: Mapping[str, str], attributes: str = "") -> str:
    href = html.escape(_href(urls, link.page, link.fragment, here))
    return f'<a{attributes} href="{href}">{html.escape(link.label)}</a>'


def markdown_text(annotation: Annotation) -> str:
    """What stands for an annotation in the Markdown other plugins read: a link's text, a
    block's Markdown, nothing for anchors and notes."""
    if isinstance(annotation, Link):
        return annotation.label
    if isinstance(annotation, Block):
        return annotation.markdown
    return ""


def given_id(annotation: Annotation) -> str | None:
    """The id the annotation gives its place, if any: an anchor's."""
    return annotation.id if isinstance(annotation, Anchor) else None


def _href(urls: Mapping[str, str], page: str, fragment: str, here: str) -> str:
    url = urls.get(page, page)
    if fragment and url == here:
        return f"#{fragment}"  # as MkDocs writes it: right wherever the page is served from
    target = relative_url(url, here)
    return f"{target}#{fragment}" if fragment else target


@functools.lru_cache(maxsize=65536)
def relative_url(url: str, here: str) -> str:
    """`url` relative to the page at `here`, as MkDocs writes links between pages."""
    base = here.rpartition("/")[0] if "." in here.rpartition("/")[2] else here
    base_parts = [part for part in base.split("/") if part]
    parts = [part for part in url.split("/") if part]
    common = 0
    for mine, theirs in zip(base_parts, parts, strict=False):
        if mine != theirs:
            break
        common += 1
    relative = "/".join([".."] * (len(base_parts) - common) + parts[common:]) or "."
    return relative + "/" if url.endswith("/") and relative != "." else relative
