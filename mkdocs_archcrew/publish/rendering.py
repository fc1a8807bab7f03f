"""Rendering a filled project's pages: the host of the Markdown extension (`extension`).

Each page's source goes to MkDocs without markers, so other plugins read plain Markdown. When
Python-Markdown starts on the page, the Markdown it is given is checked against what MkDocs
made of that source: where it is the same, the marked Markdown takes its place; what other
plugins put in (an include, a snippet, a whole page archcrew never read) is filled then. Once
the page is HTML, its annotations are written in.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from .guard import names_in

if TYPE_CHECKING:
    from collections.abc import Mapping, MutableMapping

    from ..findings import Finding
    from .markers import Markers


class Watch(Protocol):
    """Says what text added while rendering names that the trace could not see
    (`trace.added.AddedText`)."""

    def finding(self, path: str, file: str, line: int, text: str) -> Finding | None:
        """The finding for `text`, added at `line` of the page at `path`, if any."""


class Filler(Protocol):
    """Fills text met at render time (`project.late.LateFiller`)."""

    def fill(
        self, path: str, url: str, file: str, text: str, first_line: int = 1
    ) -> tuple[str, list[Finding]]:
        """`text` of the page at `path` filled, and the problems met, at lines counted from
        `first_line` (0: a metadata value, braces escaped as ``\\{{`` made plain)."""


@dataclass
class _Page:
    """The page being rendered."""

    path: str
    url: str
    file: str
    expected: str | None = None
    """The Markdown MkDocs made of the source archcrew handed it; None if it had none."""
    marked: str = ""
    """`expected`, marked."""
    ids: set[str] = field(default_factory=set)
    """The ids annotations gave it so far."""
    meta: dict[str, Any] = field(default_factory=dict)
    """The page's metadata as MkDocs read it from the source archcrew filled."""
    converted: bool = False
    """Whether Python-Markdown has begun on the page's own Markdown: any later conversion
    (a docstring mkdocstrings renders, a blog post's excerpt on a listing) is other text."""


class PageRenderer:
    """Hands each page's source to MkDocs, and takes part in rendering it (`extension.Host`)."""

    def __init__(
        self,
        markers: Markers,
        urls: Mapping[str, str],
        sources: dict[str, str],
        late: Filler,
        watch: Watch,
    ) -> None:
        self.markers, self.urls, self.late, self.watch = markers, urls, late, watch
        # Kept as UTF-8: every page waits here until MkDocs reads it, and as a string one
        # marker makes a page's whole text take two bytes a character.
        self._sources = {
            path: text.encode("utf-8", "surrogatepass") for path, text in sources.items()
        }
        """Each page's filled and marked source, until MkDocs reads it."""
        self._handed: dict[str, tuple[str, str]] = {}
        """Sources handed and not yet rendered, by path: as handed, and marked."""
        self._page: _Page | None = None
        self._given: dict[str, tuple[str, ...]] = {}
        """The ids annotations gave each page left so far, by its URL: a tuple takes a tenth of
        the memory of a set, and thousands of ids wait here until the build ends."""
        self.findings: list[Finding] = []
        """Problems of text filled while rendering, not yet taken (`take_findings`)."""
        self._names: set[str] = set()
        """The placeholder names the pages' Markdown still shows (`guard.names_in`)."""

    def source(self, path: str) -> str | None:
        """The source of the page at `path` for MkDocs to read; None if archcrew has none."""
        encoded = self._sources.pop(path, None)
        if encoded is None:
            return None
        marked = encoded.decode("utf-8", "surrogatepass")
        plain = self.markers.plain(marked)
        self._handed[path] = (plain, marked)
        return plain

    def begin(self, path: str, url: str, file: str, markdown: str, meta: Mapping[str, Any]) -> None:
        """The page at `path` is about to be rendered; `markdown` and `meta` are what MkDocs
        made of its source, before other plugins change them."""
        self._leave()
        page = _Page(path, url, file, meta=dict(meta))
        handed = self._handed.pop(path, None)
        if handed is not None:
            found = self._body(*handed, markdown)
            if found is not None:
                page.expected, page.marked = markdown, found
        self._page = page

    def _body(self, plain: str, marked: str, markdown: str) -> str | None:
        """The marked text of `markdown`, the body MkDocs took from source `plain`."""
        if not plain.endswith(markdown) and "\r" in plain:
            # Without YAML front matter MkDocs reads the page with its line ends made \n.
            plain, marked = _newlines(plain), _newlines(marked)
        if not plain.endswith(markdown):
            return None
        (start,) = self.markers.marked_offsets(marked, [len(plain) - len(markdown)])
        return marked[start:] if start is not None else None

    # The extension's host ---------------------------------------------------------------

    def markdown(self, text: str) -> str:
        page = self._page
        if page is None:
            return text
        own, page.converted = not page.converted, True
        if own and page.expected is not None and text == page.expected:
            done = page.marked
        else:
            if own and page.expected is not None:
                done, findings = self._merge(page, page.expected, text)
            else:
                done, findings = self.late.fill(page.path, page.url, page.file, text)
                if not own:
                    findings += self._watched(page, 1, text)
            self.findings.extend(findings)
        self._names.update(names_in(done))
        return done

    def _merge(self, page: _Page, expected: str, text: str) -> tuple[str, list[Finding]]:
        """`text`, which other plugins made from `expected`: what they kept, marked as archcrew
        marked it; what they added, filled."""
        old, new = expected.split("\n"), text.split("\n")
        starts = [0]
        for line in old:
            starts.append(starts[-1] + len(line) + 1)
        opcodes = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
        kept = [(i1, i2) for tag, i1, i2, _, _ in opcodes if tag == "equal"]
        lows = self.markers.marked_offsets(page.marked, [starts[i1] for i1, _ in kept])
        highs = self.markers.marked_offsets(
            page.marked, [starts[i2] - 1 for _, i2 in kept], after=True
        )
        spans = iter(zip(lows, highs, strict=True))
        pieces: list[str] = []
        findings: list[Finding] = []
        for tag, i1, i2, j1, j2 in opcodes:
            if tag == "equal":
                low, high = next(spans)
                # A run that starts or ends inside a drawn diagram's fence goes as it was.
                if low is None or high is None:
                    pieces.append("\n".join(old[i1:i2]))
                else:
                    pieces.append(page.marked[low:high])
            elif j2 > j1:
                chunk = "\n".join(new[j1:j2])
                filled, found = self.late.fill(page.path, page.url, page.file, chunk, j1 + 1)
                pieces.append(filled)
                findings.extend(found)
                findings += self._watched(page, j1 + 1, chunk)
        return "\n".join(pieces), findings

    def _watched(self, page: _Page, line: int, text: str) -> list[Finding]:
        untraced = self.watch.finding(page.path, page.file, line, text)
        return [untraced] if untraced is not None else []

    def building(self, path: str, url: str, file: str) -> None:
        """The page at `path` is being built from its HTML (its template, other plugins'
        work): what is converted then is other text of that page."""
        self._leave()
        self._page = _Page(path, url, file, converted=True)

    def html(self, html: str) -> str:
        page = self._page
        rendered = self.markers.render(html, page.url if page else "", self.urls)
        if page is not None:
            page.ids |= rendered.ids
        return rendered.html

    def anchor_of(self, number: int) -> str | None:
        ident = self.markers.anchor_id(number)
        if ident is not None and self._page is not None:
            self._page.ids.add(ident)
        return ident

    # ---------------------------------------------------------------------------------------

    def fill_metadata(self, meta: MutableMapping[str, Any]) -> None:
        """Fill the values other plugins added to the page's metadata (Material's .meta.yml
        files), in place; its own were filled with its source."""
        page = self._page
        if page is None:
            return
        for key, value in list(meta.items()):
            if key not in page.meta or page.meta[key] is not value:
                meta[key] = self._filled_value(page, value)

    def _filled_value(self, page: _Page, value: Any) -> Any:
        if isinstance(value, str):
            if "{{" not in value:
                return value
            filled, findings = self.late.fill(page.path, page.url, page.file, value, 0)
            self.findings.extend(findings)
            return filled
        if isinstance(value, list):
            return [self._filled_value(page, item) for item in value]
        if isinstance(value, dict):
            return {key: self._filled_value(page, item) for key, item in value.items()}
        return value

    def _leave(self) -> None:
        """Keep the ids annotations gave the page being rendered, which is done with."""
        page = self._page
        if page is not None and page.ids:
            kept = self._given.get(page.url, ())
            self._given[page.url] = tuple(page.ids.union(kept) if kept else page.ids)
            page.ids = set()

    def given(self) -> Mapping[str, tuple[str, ...]]:
        """The ids annotations gave each page, by its URL."""
        self._leave()
        return self._given

    def names_left(self) -> set[str]:
        """The placeholder names the pages' Markdown still shows, on purpose (escaped, kept):
        those of any page, as a page's title shows in every page's navigation."""
        return self._names

    def take_findings(self) -> list[Finding]:
        """The problems found since last asked."""
        findings, self.findings = self.findings, []
        return findings


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


class HostSlot:
    """The extension's host for as long as MkDocs runs: Python-Markdown is configured once,
    while each build brings its own `PageRenderer`."""

    def __init__(self) -> None:
        self.renderer: PageRenderer | None = None

    def markdown(self, text: str) -> str:
        return self.renderer.markdown(text) if self.renderer is not None else text

    def html(self, html: str) -> str:
        return self.renderer.html(html) if self.renderer is not None else html

    def anchor_of(self, number: int) -> str | None:
        return self.renderer.anchor_of(number) if self.renderer is not None else None
