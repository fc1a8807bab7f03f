"""A docs project read once: every page scanned, its front matter parsed, the requirements
traced and the diagrams collected. Nothing is filled yet (`fill`)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..markdown import scan
from ..mermaid.diagrams import Diagram, collect
from ..placeholders import front_matter
from ..placeholders.built_ins import page_title
from ..placeholders.resolver import PageContext, Resolver
from ..placeholders.values import Layer
from ..trace.coverage import trace_project
from ..trace.diagram import trace_diagram
from .rules import KEY, SITE, PageRules, page_rules

if TYPE_CHECKING:
    from collections.abc import Iterable

    from ..findings import Finding
    from ..markdown import Document
    from ..placeholders.front_matter import ParsedFrontMatter
    from ..trace.coverage import Trace
    from .inputs import OnMissing, PageInput, Settings

TRACE_DIAGRAM = "{{ traceDiagram }}"
"""Where a problem of the generated traceability diagram is reported."""
GENERATED = ("rdsToFrsValidation", "traceDiagram")
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

    @property
    def diagrams(self) -> list[Diagram]:
        """Every Mermaid diagram to check or draw, ``{{ traceDiagram }}`` included when used."""
        generated = [self.trace_diagram] if self.trace_diagram is not None else []
        return [*self.page_diagrams, *generated]


def read_project(
    pages: Iterable[PageInput],
    layers: Iterable[Layer],
    builtins: Mapping[str, Any],
    settings: Settings,
) -> Project:
    """Read every page once: scan it, parse its front matter, extract requirements, check
    coverage, collect diagrams.

    `layers` are the site-wide value sources, highest precedence first (data files, the
    ``placeholders`` option, ``extra``); each page's front matter goes above them and the
    built-ins (`builtins` plus ``page.*``) below, when the project is filled.
    """
    layers = tuple(layers)
    read = {page.path: _read_page(page, settings) for page in pages}
    docs = {path: page.doc for path, page in read.items()}
    files = {path: page.input.file for path, page in read.items()}
    headings = _heading_texts(read, layers, builtins, settings)
    roles = {path: page.rules.role for path, page in read.items() if page.rules.role}
    trace = trace_project(
        docs, files, settings.trace, settings.slugify, heading_texts=headings, roles=roles
    )
    # Made only when used, in a page or through another value: the table and diagram of
    # thousands of requirements are not free.
    texts = [
        *(page.input.text for page in read.values()),
        *_strings([layer.values for layer in layers]),
    ]
    uses = {name: any(name in text for text in texts) for name in GENERATED}
    diagram = None
    if uses["traceDiagram"]:
        diagram = Diagram("", TRACE_DIAGRAM, 0, 0, 0, trace_diagram(trace))
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
    )


def _heading_texts(
    read: Mapping[str, ReadPage],
    layers: tuple[Layer, ...],
    builtins: Mapping[str, Any],
    settings: Settings,
) -> dict[str, list[str]]:
    """The headings' texts as published, placeholders filled, for the pages whose headings
    hold any: coverage names and links the sections readers see. Problems in them are the
    fill's to report."""
    pages = [path for path, page in read.items() if any("{{" in h.text for h in page.doc.headings)]
    if not pages:
        return {}
    contexts = {path: page.context(layers, builtins) for path, page in read.items()}
    resolver = Resolver(
        contexts, settings.slugify, report_unresolved=False, dialect=settings.dialect
    )
    texts: dict[str, list[str]] = {}
    for path in pages:
        doc, ctx = read[path].doc, contexts[path]
        texts[path] = []
        for heading in doc.headings:
            start = doc.text.find(heading.text, heading.start, heading.end)
            filled = heading.text
            if "{{" in heading.text and start >= 0:
                filled = resolver.fill_span(ctx, start, start + len(heading.text)).text
            texts[path].append(filled)
    return texts


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
