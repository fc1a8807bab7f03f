"""Filling placeholders: each looked up in its sources, expanded, checked, and written as text.

Every placeholder is resolved on its own: a bad one yields a problem at its line and stays as
written, the rest of the page is still filled. Values may hold placeholders themselves; they
are expanded in the context of the page being filled, and a cycle is reported, not followed.
"""

from __future__ import annotations

import bisect
import difflib
import posixpath
import re
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from .annotations import Edit, apply
from .placeholders import NotAName, Occurrence, occurrences, parse_name
from .sections import Slugify, find_section, heading_ids, rebase_links, shift_headings
from .source import DEFAULT_DIALECT, Dialect, Document, Kind
from .values import (
    MISSING,
    Layer,
    NotText,
    SectionRef,
    as_section_ref,
    defined_names,
    lookup,
    scalar_text,
)

_CONTAINER_PREFIX = re.compile(r"[ \t>]*(?:(?:[*+-]|\d{1,9}[.)])[ \t]+)?")


@dataclass(frozen=True, slots=True)
class Problem:
    """Why a placeholder could not be filled; `code` is the finding code it becomes."""

    code: str
    summary: str
    """What went wrong, in a few words ("unresolved placeholder")."""
    detail: str
    """Why, and how to fix it."""
    occurrence: str = ""
    """The placeholder as written where the problem surfaced in the page (outermost one)."""

    def at(self, occurrence: Occurrence) -> Problem:
        return replace(self, occurrence=occurrence.raw)

    @property
    def message(self) -> str:
        return f"{self.summary} {self.occurrence}: {self.detail}"


UNRESOLVED = "placeholder-unresolved"
CYCLE = "placeholder-cycle"
NOT_A_NAME = "placeholder-not-a-name"
SECTION = "placeholder-section"
NOT_TEXT = "placeholder-not-text"


@dataclass(frozen=True, slots=True)
class Resolved:
    value: Any
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True, slots=True)
class SectionText:
    """The filled text of a page section, with what is needed to fit it into another page."""

    text: str
    page: str
    level: int
    """Level the section's outermost heading has in its own page."""
    with_heading: bool


@dataclass(frozen=True, slots=True)
class GeneratedText:
    """Markdown the plugin writes itself (the traceability table), links relative to the top of
    docs_dir."""

    text: str


@dataclass
class PageContext:
    """A page as the resolver sees it: its text and its value sources, highest precedence first."""

    path: str
    doc: Document
    layers: list[Layer]
    heading_starts: list[int] = field(init=False)

    def __post_init__(self) -> None:
        self.heading_starts = [heading.start for heading in self.doc.headings]

    def level_at(self, offset: int) -> int:
        """Level of the nearest heading above `offset`; 0 above the first heading."""
        index = bisect.bisect_right(self.heading_starts, offset) - 1
        return self.doc.headings[index].level if index >= 0 else 0


Located = list[tuple[int, Problem]]


@dataclass
class _Output:
    """What filling a span produces: the text pieces, the problems, the replacements made."""

    pieces: list[str]
    located: Located
    replaced: list[tuple[int, int, int]] | None


class Resolver:
    """Resolves the placeholders of a set of pages; one instance per build."""

    def __init__(
        self,
        pages: Mapping[str, PageContext],
        slugify: Slugify,
        report_unresolved: bool = True,
        dialect: Dialect = DEFAULT_DIALECT,
        edits: Callable[[str], list[Edit]] | None = None,
    ) -> None:
        self.dialect = dialect
        self.edits = edits or (lambda page: [])
        """Changes each page gets besides its placeholders (links, drawn diagrams); a section
        taken from a page gets them too, so it reads as it does on its page."""
        self.pages = pages
        self.slugify = slugify
        self.report_unresolved = report_unresolved
        self._memo: dict[tuple[str, str, int], Resolved] = {}
        self._sections: dict[tuple[str, str, bool], Resolved] = {}
        self._ids: dict[str, list[str]] = {}
        self._names: dict[str, list[str]] = {}
        self._stack: list[Hashable] = []
        self._stack_names: list[str] = []

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
            return Resolved(
                MISSING, (self._unresolved(ctx, name),) if self.report_unresolved else ()
            )
        entry = ("value", ctx.path, index, name)
        if entry in self._stack:
            return Resolved(MISSING, (self._cycle(entry, name),))
        self._stack.append(entry)
        self._stack_names.append(name)
        try:
            result = self._materialize(ctx, raw, index, name)
        finally:
            self._stack.pop()
            self._stack_names.pop()
        if not any(problem.code == CYCLE for problem in result.problems):
            self._memo[key] = result
        return result

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
            problems = tuple(problem.at(found[0]) for problem in result.problems)
            return Resolved(text if result.value is MISSING else result.value, problems)
        pieces: list[str] = []
        problems_found: list[Problem] = []
        cursor = 0
        for occurrence in found:
            result = self._reference(ctx, occurrence, layer, owner)
            problems_found.extend(problem.at(occurrence) for problem in result.problems)
            replacement = self._text_of(result, occurrence, problems_found)
            pieces.append(text[cursor : occurrence.start])
            pieces.append(occurrence.raw if replacement is None else replacement)
            cursor = occurrence.end
        pieces.append(text[cursor:])
        return Resolved("".join(pieces), tuple(problems_found))

    def _reference(
        self, ctx: PageContext, occurrence: Occurrence, layer: int, owner: str
    ) -> Resolved:
        try:
            name = parse_name(occurrence.inner)
        except NotAName as error:
            return Resolved(
                MISSING, (Problem(NOT_A_NAME, "not a placeholder", str(error), occurrence.raw),)
            )
        if name != owner:
            return self.resolve(ctx, name)
        # A value naming itself means the same name one source further down (`version:
        # "{{ version }}"` in front matter takes the site's version); with none there, a cycle.
        result = self.resolve(ctx, name, layer + 1)
        if result.value is MISSING and all(p.code == UNRESOLVED for p in result.problems):
            return Resolved(MISSING, (self._cycle(None, name),))
        return result

    def _text_of(
        self, result: Resolved, occurrence: Occurrence, problems: list[Problem]
    ) -> str | None:
        if result.value is MISSING:
            return None
        if isinstance(result.value, (SectionText, GeneratedText)):
            return result.value.text
        try:
            return scalar_text(result.value)
        except NotText as error:
            problems.append(self._not_text(occurrence, error))
            return None

    # Sections ----------------------------------------------------------------------------

    def _section(self, ctx: PageContext, ref: SectionRef) -> Resolved:
        target = self.pages.get(ref.page)
        if target is None:
            target = self.pages.get(_join(ctx.path, ref.page))
        if target is None:
            close = difflib.get_close_matches(ref.page, list(self.pages), n=1, cutoff=0.6)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            return Resolved(
                MISSING,
                (
                    Problem(
                        SECTION,
                        "cannot fill",
                        f"section '{ref}' names page '{ref.page}', which is not in the docs{hint}. "
                        "Pages are named by their path in docs_dir, "
                        "e.g. 'FRS.md' or 'specs/FRS.md'.",
                    ),
                ),
            )
        ids = self._heading_ids(target)
        section = find_section(target.doc, ref.anchor, ids)
        if section is None:
            close = difflib.get_close_matches(ref.anchor, ids, n=1, cutoff=0.6)
            hint = f" (did you mean '{target.path}#{close[0]}'?)" if close else ""
            return Resolved(
                MISSING,
                (
                    Problem(
                        SECTION,
                        "cannot fill",
                        f"section '{ref}': page '{target.path}' has no heading with anchor "
                        f"'{ref.anchor}'{hint}. Anchors are heading ids, "
                        "e.g. '## System Architecture' "
                        "is 'system-architecture'.",
                    ),
                ),
            )
        key = (target.path, ref.anchor, ref.heading)
        if key in self._sections:
            return self._sections[key]
        entry = ("section", target.path, ref.anchor)
        if entry in self._stack:
            return Resolved(MISSING, (self._cycle(entry, str(ref)),))
        self._stack.append(entry)
        self._stack_names.append(str(ref))
        try:
            start = section.heading.start if ref.heading else section.content_start
            located: Located = []
            replaced: list[tuple[int, int, int]] = []
            text = self.fill_span(target, start, section.end, located, replaced)
            inside = [
                edit
                for edit in self.edits(target.path)
                if start <= edit.start and edit.end <= section.end
            ]
            text = apply(text, start, replaced, inside)
        finally:
            self._stack.pop()
            self._stack_names.pop()
        # The section's own placeholders are reported where they stand, in its page; only a
        # cycle through this inclusion belongs to the page that includes it.
        cycles = tuple(problem for _, problem in located if problem.code == CYCLE)
        result = Resolved(
            SectionText(text.strip("\n"), target.path, section.heading.level, ref.heading), cycles
        )
        if not cycles:
            self._sections[key] = result
        return result

    def _heading_ids(self, ctx: PageContext) -> list[str]:
        if ctx.path not in self._ids:
            self._ids[ctx.path] = heading_ids(ctx.doc, self.slugify)
        return self._ids[ctx.path]

    # Filling page text -------------------------------------------------------------------

    def fill_span(
        self,
        ctx: PageContext,
        start: int,
        end: int,
        located: Located,
        replaced: list[tuple[int, int, int]] | None = None,
    ) -> str:
        """The text of `ctx.doc` from `start` to `end`, placeholders in prose filled.

        Problems go to `located` with their offsets; each placeholder replaced is recorded in
        `replaced` as (start, end, new length).
        """
        doc = ctx.doc
        out = _Output([], located, replaced)
        index = max(0, bisect.bisect_right(doc.region_starts, start) - 1)
        for region in doc.regions[index:]:
            if region.start >= end:
                break
            low, high = max(region.start, start), min(region.end, end)
            if low >= high:
                continue
            if region.kind is Kind.PROSE:
                self._fill_prose(ctx, low, high, out)
            else:
                out.pieces.append(doc.text[low:high])
        return "".join(out.pieces)

    def _fill_prose(self, ctx: PageContext, start: int, end: int, out: _Output) -> None:
        text = ctx.doc.text
        cursor = start
        for occurrence in occurrences(text, start, end):
            result = self._reference(ctx, occurrence, -1, "")
            problems = list(result.problems)
            replacement = self._body_text(ctx, result, occurrence, problems)
            out.located.extend((occurrence.start, problem.at(occurrence)) for problem in problems)
            if replacement is None:
                continue
            out.pieces.append(text[cursor : occurrence.start])
            out.pieces.append(replacement)
            if out.replaced is not None:
                out.replaced.append((occurrence.start, occurrence.end, len(replacement)))
            cursor = occurrence.end
        out.pieces.append(text[cursor:end])

    def _body_text(
        self, ctx: PageContext, result: Resolved, occurrence: Occurrence, problems: list[Problem]
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
            text_or_none = self._text_of(result, occurrence, problems)
            if text_or_none is None:
                return None
            text = text_or_none
        if "\n" not in text:
            return text
        line_start = ctx.doc.line_start(ctx.doc.line_of(occurrence.start))
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
        candidates = self._candidates(ctx)
        close = [c for c in candidates if c.lower() == name.lower()] or difflib.get_close_matches(
            name, candidates, n=1, cutoff=0.6
        )
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        return Problem(
            UNRESOLVED,
            "unresolved placeholder",
            f"no value named '{name}'{hint}. Define it in front matter, a data file, the "
            f"'placeholders' option or 'extra:', or write \\{{{{ {name} }}}} for literal braces.",
        )

    def _candidates(self, ctx: PageContext) -> list[str]:
        if ctx.path not in self._names:
            names: list[str] = []
            for layer in ctx.layers:
                names.extend(defined_names(layer.values))
            self._names[ctx.path] = sorted(set(names))
        return self._names[ctx.path]

    def _cycle(self, entry: Hashable | None, name: str) -> Problem:
        """A cycle from `entry` on the stack back to `name`; `None` for a value naming itself."""
        start = self._stack.index(entry) if entry is not None else len(self._stack) - 1
        names = [*self._stack_names[start:], name]
        return Problem(
            CYCLE,
            "placeholder cycle at",
            f"{' → '.join(names)}: each of these values needs the next, so none can be filled. "
            "Break the cycle by giving one of them a plain value.",
        )

    def _not_text(self, occurrence: Occurrence, error: NotText) -> Problem:
        if error.keys is not None:
            keys = ", ".join(error.keys[:6])
            inner = occurrence.inner.strip()
            first = error.keys[0] if error.keys else "key"
            detail = (
                f"its value is a mapping (keys: {keys}), which has no text form; name one of its "
                f"keys, e.g. {{{{ {inner}.{first} }}}}."
            )
        else:
            detail = f"its value is a {error.kind}, which has no text form."
        return Problem(NOT_TEXT, "cannot write", detail, occurrence.raw)


def _join(page: str, relative: str) -> str:
    """`relative` read from the folder of `page`; outside docs_dir it names no page."""
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page), relative))
    return "" if joined.startswith("../") or joined == ".." else joined
