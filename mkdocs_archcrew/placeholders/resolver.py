"""Filling placeholders: each looked up in its sources, expanded, checked, and written as text.

Every placeholder is resolved on its own: a bad one yields a problem at its line and stays as
written, the rest of the page is still filled. Values may hold placeholders themselves; they
are expanded in the context of the page being filled, and a cycle is reported, not followed.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any, NamedTuple

from ..markdown import DEFAULT_DIALECT, Dialect, Document, RegionKind
from ..markdown.edits import Edit, apply, splice
from ..markdown.headings import Slugify, heading_ids
from . import problems
from .problems import CYCLE, UNRESOLVED, Problem, ProblemAt
from .sections import find_section, rebase_links, shift_headings
from .suggestions import Suggestions
from .syntax import NotAName, Occurrence, occurrences, parse_name
from .values import (
    MISSING,
    GeneratedText,
    Layer,
    NotText,
    SectionRef,
    SectionText,
    as_section_ref,
    defined_names,
    lookup,
    scalar_text,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

_CONTAINER_PREFIX = re.compile(r"[ \t>]*(?:(?:[*+-]|\d{1,9}[.)])[ \t]+)?")


@dataclass(frozen=True, slots=True)
class Resolved:
    value: Any
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class PageContext:
    """A page as the resolver sees it: its text and its value sources, highest precedence first."""

    path: str
    doc: Document
    layers: Sequence[Layer]

    def level_at(self, offset: int) -> int:
        """Level of the nearest heading above `offset`; 0 above the first heading."""
        index = self.doc.heading_index_at(offset)
        return self.doc.headings[index].level if index >= 0 else 0


@dataclass(frozen=True, slots=True)
class FilledSpan:
    """A span of a page with its placeholders filled."""

    text: str
    problems: list[ProblemAt]
    replaced: list[Edit]
    """Each placeholder replaced, at its offsets in the page as written, with its text."""


class _Visit(NamedTuple):
    """A value or section being expanded, and the name it goes by in a cycle's message."""

    entry: Hashable
    name: str


class Resolver:
    """Resolves the placeholders of a set of pages; one instance per fill of a project."""

    def __init__(
        self,
        pages: Mapping[str, PageContext],
        slugify: Slugify,
        *,
        report_unresolved: bool = True,
        dialect: Dialect = DEFAULT_DIALECT,
        edits: Callable[[str], list[Edit]] | None = None,
        heading_texts: Mapping[str, Sequence[str]] | None = None,
        suggestions: Suggestions | None = None,
    ) -> None:
        self.dialect = dialect
        self.heading_texts = heading_texts or {}
        """The headings' texts as published, for pages whose headings hold placeholders: a
        section is found by the anchor readers see on the site."""
        self.edits = edits or (lambda page: [])
        """Changes each page gets besides its placeholders (links, drawn diagrams); a section
        taken from a page gets them too, so it reads as it does on its page."""
        self.pages = pages
        self.slugify = slugify
        self.report_unresolved = report_unresolved
        self.suggestions = suggestions or Suggestions()
        """"Did you mean", on a budget: share one among the resolvers of a build."""
        self._memo: dict[tuple[str, str, int], Resolved] = {}
        self._sections: dict[tuple[str, str, bool], Resolved] = {}
        self._ids: dict[str, list[str]] = {}
        self._visiting: list[_Visit] = []
        """What is being expanded right now, outermost first: a cycle comes back to one."""

    # Looking values up -------------------------------------------------------------------

    def resolve(self, ctx: PageContext, name: str, floor: int = 0) -> Resolved:
        """The value of `name` for `ctx`, searching its layers from index `floor` on."""
        key = (ctx.path, name, floor)
        if key in self._memo:
            return self._memo[key]
        for index in range(floor, len(ctx.layers)):
            raw = lookup(ctx.layers[index].values, name)
            if raw is not MISSING:
                break
        else:
            found = (self._unresolved(ctx, name),) if self.report_unresolved else ()
            return Resolved(MISSING, found)
        cycle = self._enter(("value", ctx.path, index, name), name)
        if cycle is not None:
            return Resolved(MISSING, (cycle,))
        try:
            result = self._materialize(ctx, raw, index, name)
        finally:
            self._visiting.pop()
        if not any(problem.code == CYCLE for problem in result.problems):
            self._memo[key] = result
        return result

    def _enter(self, entry: Hashable, name: str) -> Problem | None:
        """Start expanding `entry`; the cycle it closes if it is being expanded already.
        Every entry that returns None must be followed by ``self._visiting.pop()``."""
        for position, visit in enumerate(self._visiting):
            if visit.entry == entry:
                return self._cycle(position, name)
        self._visiting.append(_Visit(entry, name))
        return None

    def _cycle(self, start: int, name: str) -> Problem:
        """The cycle from the expansion at `start` back to `name`."""
        return problems.cycle([*(visit.name for visit in self._visiting[start:]), name])

    def _materialize(self, ctx: PageContext, raw: Any, layer: int, path: str) -> Resolved:
        section = as_section_ref(raw)
        if section is not None:
            return self._section(ctx, section)
        if isinstance(raw, str):
            return self._expand(ctx, raw, layer, path)
        if isinstance(raw, Mapping):
            items = {
                key: self._materialize(ctx, item, layer, f"{path}.{key}")
                for key, item in raw.items()
            }
            return Resolved(
                {key: item.value for key, item in items.items()},
                tuple(problem for item in items.values() for problem in item.problems),
            )
        if isinstance(raw, list):
            elements = [
                self._materialize(ctx, item, layer, f"{path}.{i}") for i, item in enumerate(raw)
            ]
            return Resolved(
                [item.value for item in elements],
                tuple(problem for item in elements for problem in item.problems),
            )
        return Resolved(raw)

    def _expand(self, ctx: PageContext, text: str, layer: int, owner: str) -> Resolved:
        """Fill the placeholders inside a value; a value that is one placeholder keeps its type."""
        found = list(occurrences(text))
        if not found:
            return Resolved(text)
        if len(found) == 1 and found[0].start == 0 and found[0].end == len(text):
            result = self._reference(ctx, found[0], layer, owner)
            in_value = tuple(problem.at(found[0]) for problem in result.problems)
            return Resolved(text if result.value is MISSING else result.value, in_value)
        edits: list[Edit] = []
        found_problems: list[Problem] = []
        for occurrence in found:
            result = self._reference(ctx, occurrence, layer, owner)
            found_problems.extend(problem.at(occurrence) for problem in result.problems)
            replacement = self._text_of(result, occurrence, found_problems)
            if replacement is not None:
                edits.append(Edit(occurrence.start, occurrence.end, replacement))
        return Resolved(splice(text, edits), tuple(found_problems))

    def _reference(
        self, ctx: PageContext, occurrence: Occurrence, layer: int, owner: str
    ) -> Resolved:
        try:
            name = parse_name(occurrence.inner)
        except NotAName as error:
            return Resolved(MISSING, (problems.not_a_name(occurrence, str(error)),))
        if name != owner:
            return self.resolve(ctx, name)
        # A value naming itself means the same name one source further down (`version:
        # "{{ version }}"` in front matter takes the site's version); with none there, a cycle.
        result = self.resolve(ctx, name, layer + 1)
        if result.value is MISSING and all(p.code == UNRESOLVED for p in result.problems):
            return Resolved(MISSING, (self._cycle(len(self._visiting) - 1, name),))
        return result

    def _text_of(
        self, result: Resolved, occurrence: Occurrence, found: list[Problem]
    ) -> str | None:
        """The value as text; None (and a problem in `found`) when it has no text form."""
        if result.value is MISSING:
            return None
        if isinstance(result.value, (SectionText, GeneratedText)):
            return result.value.text
        try:
            return scalar_text(result.value)
        except NotText as error:
            found.append(problems.not_text(occurrence, error))
            return None

    # Sections ----------------------------------------------------------------------------

    def _section(self, ctx: PageContext, ref: SectionRef) -> Resolved:
        target = self.pages.get(ref.page) or self.pages.get(_join(ctx.path, ref.page))
        if target is None:
            pages = self.suggestions.names(self.pages, partial(list, self.pages))
            close = self.suggestions.closest(ref.page, [pages])
            return Resolved(MISSING, (problems.no_such_page(ref, close),))
        ids = self._heading_ids(target)
        section = find_section(target.doc, ref.anchor, ids)
        texts = self.heading_texts.get(target.path)
        if section is None and texts is not None:
            # The anchor as written in the page, before its heading was filled, works too.
            section = find_section(target.doc, ref.anchor, heading_ids(target.doc, self.slugify))
        if section is None:
            anchors = self.suggestions.names(ids, partial(list, ids))
            close = self.suggestions.closest(ref.anchor, [anchors])
            return Resolved(MISSING, (problems.no_such_anchor(ref, target.path, close),))
        key = (target.path, ref.anchor, ref.heading)
        if key in self._sections:
            return self._sections[key]
        cycle = self._enter(("section", target.path, ref.anchor), str(ref))
        if cycle is not None:
            return Resolved(MISSING, (cycle,))
        try:
            start = section.heading.start if ref.heading else section.content_start
            filled = self.fill_span(target, start, section.end)
            inside = [
                edit
                for edit in self.edits(target.path)
                if start <= edit.start and edit.end <= section.end
            ]
            text = apply(filled.text, start, filled.replaced, inside)
        finally:
            self._visiting.pop()
        # The section's own placeholders are reported where they stand, in its page; only a
        # cycle through this inclusion belongs to the page that includes it.
        cycles = tuple(found.problem for found in filled.problems if found.problem.code == CYCLE)
        result = Resolved(
            SectionText(text.strip("\n"), target.path, section.heading.level, ref.heading), cycles
        )
        if not cycles:
            self._sections[key] = result
        return result

    def _heading_ids(self, ctx: PageContext) -> list[str]:
        if ctx.path not in self._ids:
            texts = self.heading_texts.get(ctx.path)
            self._ids[ctx.path] = heading_ids(ctx.doc, self.slugify, texts)
        return self._ids[ctx.path]

    # Filling page text -------------------------------------------------------------------

    def fill_span(self, ctx: PageContext, start: int, end: int) -> FilledSpan:
        """The text of `ctx.doc` from `start` to `end`, placeholders in prose filled."""
        doc = ctx.doc
        edits: list[Edit] = []
        found: list[ProblemAt] = []
        for region in doc.regions[doc.region_index_at(start) :]:
            if region.start >= end:
                break
            if region.kind is RegionKind.PROSE:
                low, high = max(region.start, start), min(region.end, end)
                if low < high:
                    self._fill_prose(ctx, low, high, edits, found)
        return FilledSpan(splice(doc.text, edits, start, end), found, edits)

    def _fill_prose(
        self, ctx: PageContext, start: int, end: int, edits: list[Edit], found: list[ProblemAt]
    ) -> None:
        for occurrence in occurrences(ctx.doc.text, start, end):
            result = self._reference(ctx, occurrence, -1, "")
            met = list(result.problems)
            replacement = self._body_text(ctx, result, occurrence, met)
            found.extend(ProblemAt(occurrence.start, problem.at(occurrence)) for problem in met)
            if replacement is not None:
                edits.append(Edit(occurrence.start, occurrence.end, replacement))

    def _body_text(
        self, ctx: PageContext, result: Resolved, occurrence: Occurrence, found: list[Problem]
    ) -> str | None:
        value = result.value
        if isinstance(value, SectionText):
            level = ctx.level_at(occurrence.start)
            delta = level + (1 if value.with_heading else 0) - value.level
            shifted = shift_headings(value.text, delta, self.dialect)
            text = rebase_links(shifted, value.page, ctx.path, self.dialect)
        elif isinstance(value, GeneratedText):
            text = rebase_links(value.text, "index.md", ctx.path, self.dialect)
        else:
            text_or_none = self._text_of(result, occurrence, found)
            if text_or_none is None:
                return None
            text = text_or_none
        line = ctx.doc.line_of(occurrence.start)
        if line in ctx.doc.table_lines:
            return in_cell(text)
        if "\n" not in text:
            return text
        line_start = ctx.doc.line_start(line)
        prefix = ctx.doc.text[line_start : occurrence.start]
        if not _CONTAINER_PREFIX.fullmatch(prefix):
            return text
        # Later lines of a multi-line value go under the first, inside the same list item or quote.
        indent = re.sub(r"[^\t>]", " ", prefix)
        first, *rest = text.split("\n")
        return "\n".join(
            [first] + [indent + line if line.strip() else indent.rstrip() for line in rest]
        )

    # Problems ----------------------------------------------------------------------------

    def _unresolved(self, ctx: PageContext, name: str) -> Problem:
        # The names of a site-wide source are listed once a build, not once a page.
        sources = [
            self.suggestions.names(layer.values, partial(defined_names, layer.values))
            for layer in ctx.layers
        ]
        return problems.unresolved(name, self.suggestions.closest(name, sources))


def _join(page: str, relative: str) -> str:
    """`relative` read from the folder of `page`; outside docs_dir it names no page."""
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page), relative))
    return "" if joined.startswith("../") or joined == ".." else joined


_UNESCAPED_PIPE = re.compile(r"(?<!\\)((?:\\\\)*)\|")


def in_cell(text: str) -> str:
    """A value written into a table cell: on one line, its pipes escaped, so the row keeps its
    cells (Python-Markdown splits a row at every pipe not escaped, in code spans too)."""
    one_line = " ".join(line.strip() for line in text.split("\n") if line.strip())
    return _UNESCAPED_PIPE.sub(lambda match: f"{match[1]}\\|", one_line)
