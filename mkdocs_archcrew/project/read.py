"""A docs project read once: every page scanned, its front matter parsed, the requirements
traced and the diagrams collected. Nothing is filled yet (`fill`)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..findings import sorted_findings
from ..markdown import scan
from ..mermaid.diagrams import Diagram, collect
from ..placeholders import front_matter
from ..placeholders.built_ins import page_title
from ..placeholders.resolver import PageContext, Resolver
from ..placeholders.values import Layer
from ..review.chain import NO_CHAIN, Chain, ChainPage, chain_diagram, read_chain
from ..review.suspects import review_requirements
from ..trace.coverage import trace_project
from ..trace.diagram import trace_diagram
from ..trace.reviews import NOT_TRACKED
from ..trace.wording import fingerprint, wording
from .rules import KEY, SITE, PageRules, page_rules

if TYPE_CHECKING:
    from collections.abc import Iterable

    from ..findings import Finding
    from ..markdown import Document
    from ..placeholders.front_matter import ParsedFrontMatter
    from ..review.record import ReviewFile
    from ..trace.coverage import Trace
    from ..trace.requirements import Requirement
    from ..trace.reviews import Review
    from .inputs import OnMissing, PageInput, Settings

TRACE_DIAGRAM = "{{ traceDiagram }}"
"""Where a problem of the generated traceability diagram is reported."""
CHAIN_DIAGRAM = "{{ documentChain }}"
GENERATED = ("rdsToFrsValidation", "traceDiagram", "documentChain")
"""The built-ins the plugin computes, made only when something uses them."""


@dataclass(frozen=True)
class ReadPage:
    """A page scanned, with its front matter parsed."""

    input: PageInput
    doc: Document
    front: ParsedFrontMatter | None
    """None when the page has none, or when it is not valid YAML (`problem` says why)."""
    problem: Finding | None
    values: Mapping[str, Any]
    """The page's own built-ins: ``page.title``, ``page.path``, ``page.url``."""
    rules: PageRules = SITE
    """What the page says of itself, over the site's options."""
    rule_findings: tuple[Finding, ...] = ()
    """What is wrong in what it says."""

    @property
    def front_findings(self) -> tuple[Finding, ...]:
        """What is wrong in the front matter that still leaves it usable (keys given twice)."""
        return self.front.findings if self.front else ()

    def on_missing(self, settings: Settings) -> OnMissing:
        return self.rules.on_missing or settings.on_missing

    def context(self, layers: Iterable[Layer], builtins: Mapping[str, Any]) -> PageContext:
        """The page as the resolver sees it: its front matter above the site-wide `layers`,
        the built-ins (its own ``page.*`` with `builtins`) below."""
        return PageContext(
            self.input.path,
            self.doc,
            [
                Layer("front matter", self.front.values if self.front else {}),
                *layers,
                Layer("built-in", {**builtins, "page": self.values}),
            ],
        )


@dataclass(frozen=True)
class Project:
    """Every page of a docs project read once, and what reading them found."""

    pages: Mapping[str, ReadPage]
    """By path in docs_dir, in the order MkDocs lists them."""
    layers: tuple[Layer, ...]
    builtins: Mapping[str, Any]
    settings: Settings
    trace: Trace
    page_diagrams: tuple[Diagram, ...]
    trace_diagram: Diagram | None
    """``{{ traceDiagram }}``, when anything uses it."""
    uses_table: bool
    """Whether anything uses ``{{ rdsToFrsValidation }}``."""
    heading_texts: Mapping[str, list[str]] = field(default_factory=dict)
    """The headings' texts as published, for the pages whose headings hold placeholders."""
    chain: Chain = NO_CHAIN
    chain_diagrams: Mapping[str, Diagram] = field(default_factory=dict)
    """``{{ documentChain }}`` for each page that uses it (its links relative to that page),
    and under "" for one used elsewhere (through a value), without links."""

    @property
    def diagrams(self) -> list[Diagram]:
        """Every Mermaid diagram to check or draw, the generated ones included when used."""
        generated = [self.trace_diagram] if self.trace_diagram is not None else []
        return [*self.page_diagrams, *generated, *self.chain_diagrams.values()]


def read_project(
    pages: Iterable[PageInput],
    layers: Iterable[Layer],
    builtins: Mapping[str, Any],
    settings: Settings,
    *,
    review: ReviewFile | None = None,
    keep_words: bool = False,
) -> Project:
    """Read every page once: scan it, parse its front matter, extract requirements, check
    coverage and what changed since the last review (`review`: the review file's record),
    collect diagrams. `keep_words` keeps each requirement's words in the trace, for
    ``archcrew review`` to record.

    `layers` are the site-wide value sources, highest precedence first (data files, the
    ``placeholders`` option, ``extra``); each page's front matter goes above them and the
    built-ins (`builtins` plus ``page.*``) below, when the project is filled.
    """
    layers = tuple(layers)
    read = {page.path: _read_page(page, settings) for page in pages}
    docs = {path: page.doc for path, page in read.items()}
    files = {path: page.input.file for path, page in read.items()}
    filler = _Filler(read, layers, builtins, settings)
    headings = _heading_texts(read, filler)
    roles = {path: page.rules.role for path, page in read.items() if page.rules.role}
    trace = trace_project(
        docs, files, settings.trace, settings.slugify, heading_texts=headings, roles=roles
    )
    reviewed = NOT_TRACKED
    if review is not None:
        wordings = _Wordings(trace, read, filler)
        reviewed = review_requirements(trace, wordings, review, settings.on_suspect)
    chain = read_chain(
        _chain_pages(read, trace, reviewed), settings.chain, settings.chain_place, review
    )
    if not keep_words:
        reviewed = dataclasses.replace(reviewed, wordings={})
    trace = dataclasses.replace(
        trace,
        review=reviewed,
        findings=sorted_findings([*trace.findings, *reviewed.findings, *chain.findings]),
    )
    # Made only when used, in a page or through another value: the table and diagram of
    # thousands of requirements are not free.
    in_values = list(_strings([layer.values for layer in layers]))
    texts = [*(page.input.text for page in read.values()), *in_values]
    uses = {name: any(name in text for text in texts) for name in GENERATED}
    diagram = None
    if uses["traceDiagram"]:
        diagram = Diagram("", TRACE_DIAGRAM, 0, 0, 0, trace_diagram(trace))
    chain_diagrams = _chain_diagrams(read, chain, in_values) if uses["documentChain"] else {}
    return Project(
        read,
        layers,
        builtins,
        settings,
        trace,
        tuple(collect(docs, files)),
        diagram,
        uses["rdsToFrsValidation"],
        headings,
        chain,
        chain_diagrams,
    )


def _chain_pages(read: Mapping[str, ReadPage], trace: Trace, reviewed: Review) -> list[ChainPage]:
    """The pages as the document chain sees them; templates name no chain of their own."""
    pages = []
    for path, page in read.items():
        front = page.front
        defined = trace.by_page.get(path)
        pages.append(
            ChainPage(
                path,
                page.input.file,
                page.doc,
                front.values if front and not page.rules.template else {},
                front.key_lines if front else {},
                {r.id: _fingerprint(reviewed, r.id) for r in defined} if defined else None,
            )
        )
    return pages


def _fingerprint(reviewed: Review, requirement_id: str) -> str:
    """A requirement's fingerprint: as its review state has it, else (changes not tracked
    yet) from its words."""
    state = reviewed.of(requirement_id)
    if state is not None:
        return state.fingerprint
    words = reviewed.wordings.get(requirement_id)
    return fingerprint(words) if words is not None else ""


def _chain_diagrams(
    read: Mapping[str, ReadPage], chain: Chain, in_values: list[str]
) -> dict[str, Diagram]:
    """``{{ documentChain }}`` for each page writing it, its node links relative to the page;
    and one without links for a use through a value (which page it lands in is not known)."""
    urls = {path: page.input.url for path, page in read.items()}
    diagrams = {
        path: Diagram("", CHAIN_DIAGRAM, 0, 0, 0, chain_diagram(chain, urls, page.input.url))
        for path, page in read.items()
        if "documentChain" in page.input.text
    }
    if any("documentChain" in text for text in in_values):
        diagrams[""] = Diagram("", CHAIN_DIAGRAM, 0, 0, 0, chain_diagram(chain, urls, None))
    return diagrams


class _Filler:
    """Fills spans of pages as they will be published, for what the trace names or compares
    (headings, requirements' words); made only when a span holds a placeholder. Problems in
    them are the fill's to report."""

    def __init__(
        self,
        read: Mapping[str, ReadPage],
        layers: tuple[Layer, ...],
        builtins: Mapping[str, Any],
        settings: Settings,
    ) -> None:
        self.read, self.layers, self.builtins, self.settings = read, layers, builtins, settings
        self._resolver: Resolver | None = None
        self._contexts: dict[str, PageContext] = {}

    def fill(self, path: str, start: int, end: int) -> str:
        if self._resolver is None:
            self._contexts = {
                page_path: page.context(self.layers, self.builtins)
                for page_path, page in self.read.items()
            }
            self._resolver = Resolver(
                self._contexts,
                self.settings.slugify,
                report_unresolved=False,
                dialect=self.settings.dialect,
            )
        return self._resolver.fill_span(self._contexts[path], start, end).text


def _heading_texts(read: Mapping[str, ReadPage], filler: _Filler) -> dict[str, list[str]]:
    """The headings' texts as published, placeholders filled, for the pages whose headings
    hold any: coverage names and links the sections readers see."""
    texts: dict[str, list[str]] = {}
    for path, page in read.items():
        doc = page.doc
        if not any("{{" in heading.text for heading in doc.headings):
            continue
        texts[path] = []
        for heading in doc.headings:
            start = doc.text.find(heading.text, heading.start, heading.end)
            filled = heading.text
            if "{{" in heading.text and start >= 0:
                filled = filler.fill(path, start, start + len(heading.text))
            texts[path].append(filled)
    return texts


class _Wordings(Mapping[str, str]):
    """Each requirement's words as readers see them (placeholders filled: a value that
    changes changes the requirement), by ID, the first definition of an ID defined twice:
    made when asked, never kept. A build looks at each once, for its fingerprint; 5,000
    requirements' words kept at once would cost a build its memory for nothing."""

    def __init__(self, trace: Trace, read: Mapping[str, ReadPage], filler: _Filler) -> None:
        self._read, self._filler = read, filler
        self._by_id: dict[str, Requirement] = {}
        for requirement in trace.requirements:
            self._by_id.setdefault(requirement.id, requirement)

    def __getitem__(self, requirement_id: str) -> str:
        requirement = self._by_id[requirement_id]
        doc = self._read[requirement.page].doc
        start = doc.line_start(requirement.line)
        text = doc.text[start : requirement.end]
        if "{{" in text:
            text = self._filler.fill(requirement.page, start, requirement.end)
        return wording(text)

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_id)

    def __len__(self) -> int:
        return len(self._by_id)


def _read_page(page: PageInput, settings: Settings) -> ReadPage:
    doc = scan(page.text, dialect=settings.dialect)
    front, problem = front_matter.parse(doc, page.file)
    if front is None and problem is None and doc.front_matter is not None:
        # Not a mapping: MkDocs reads it as text, and so must we.
        doc = scan(page.text, front_matter=False, dialect=settings.dialect)
    own = front.values if front else {}
    values = {
        "title": page_title(doc, own, page.path),
        "path": page.path,
        "url": page.url,
    }
    key_line = front.key_lines.get(KEY, 0) if front else 0
    rules, wrong = page_rules(page.path, own, key_line, page.file, settings.templates)
    return ReadPage(page, doc, front, problem, values, rules, tuple(wrong))


def _strings(value: Any) -> Iterator[str]:
    """Every string in a value, however deeply nested: walked with a stack of its own, each
    list or mapping once however many aliases share it."""
    pending = [value]
    seen: set[int] = set()
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, Mapping | list | tuple) and id(item) not in seen:
            seen.add(id(item))
            pending.extend(item.values() if isinstance(item, Mapping) else item)
