"""The Architect Crew document chain: which document is generated from which, read from the
documents' own front matter, and which documents are stale (a source changed after the
document was last regenerated from it).

The templates write the chain in each document's front matter::

    generatedBy: architect-crew
    sourceTemplate: templates/python/CLAUDE.python.md
    generationTriggers:            # what it is regenerated from
      - RDS.md changes
    chainedGeneration:             # what is regenerated from it, and from what
      - AGENTS.md (from CLAUDE.md architecture)
      - FRS.md (from AGENTS.md implementation)

Every ``*.md`` name in those values that is a page of the site is a document; other words
("Python architectural requirements", ``architect-crew``) are free text. A site that writes
none of these keys gives the chain in the plugin's ``chain`` option instead.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from ..findings import Finding, Place, Severity, listed
from ..publish.annotations import relative_url
from ..trace.diagram import mermaid_text as _label
from ..trace.wording import fingerprint, wording
from .record import Snapshot

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from ..findings import Code
    from ..markdown import Document
    from .record import ReviewFile

STALE_CODE: Code = "chain-stale"
UNREVIEWED_CODE: Code = "chain-unreviewed"
DOCUMENT_CODE: Code = "chain-document"

TRIGGERS = "generationTriggers"
CHAINED = "chainedGeneration"
GENERATED_BY = "generatedBy"
SOURCE_TEMPLATE = "sourceTemplate"
KEYS = (TRIGGERS, CHAINED, GENERATED_BY, SOURCE_TEMPLATE)

_MD_NAME = re.compile(r"[\w./-]*\w\.md\b", re.UNICODE)
_FROM = re.compile(r"\bfrom\b", re.IGNORECASE)

Kind = Literal["source", "template"]


@dataclass(frozen=True, slots=True)
class ChainPage:
    """What the chain needs of a page."""

    path: str
    file: str
    doc: Document
    front: Mapping[str, Any]
    key_lines: Mapping[str, int]
    requirements: Mapping[str, str] | None = None
    """The fingerprint of each requirement it defines, by ID; None for a page defining none."""


@dataclass(frozen=True, slots=True)
class Edge:
    """`target` is generated from `source`; `place` is where that is written."""

    source: str
    target: str
    kind: Kind
    place: Place


@dataclass(frozen=True, slots=True)
class Staleness:
    """How one source of a document changed since the document was last reviewed."""

    source: str
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    parts: str = "sections"
    """What the lists name: ``requirements`` or ``sections``."""

    def said(self) -> str:
        lists = [
            f"{what}: {listed(list(names), 8)}"
            for what, names in (
                ("reworded", self.changed),
                ("added", self.added),
                ("removed", self.removed),
            )
            if names
        ]
        return "; ".join(lists) if lists else "outside them: only its other text changed"


@dataclass(frozen=True)
class Chain:
    """The documents, how each is generated from others, and which are stale."""

    documents: tuple[str, ...] = ()
    """Paths in docs_dir, in the site's page order."""
    edges: tuple[Edge, ...] = ()
    external: Mapping[str, str] = field(default_factory=dict)
    """Templates named by ``sourceTemplate`` that are not pages: by name, the document using
    each (drawn, not checked)."""
    stale: Mapping[str, tuple[Staleness, ...]] = field(default_factory=dict)
    findings: tuple[Finding, ...] = ()
    snapshots: Mapping[str, Mapping[str, Snapshot]] = field(default_factory=dict)
    """Each document's sources as they stand now: what ``archcrew review --document``
    records."""

    def sources(self, document: str) -> list[str]:
        return [edge.source for edge in self.edges if edge.target == document]


NO_CHAIN = Chain()


def read_chain(
    pages: Sequence[ChainPage],
    configured: Mapping[str, Sequence[str]] | None,
    configured_at: Place,
    record: ReviewFile | None,
) -> Chain:
    """The chain of `pages`: from the ``chain`` option when it is given (`configured`: each
    document's sources), else from the documents' front matter; and, against `record`, which
    documents are stale."""
    by_path = {page.path: page for page in pages}
    findings: list[Finding] = []
    external: dict[str, str] = {}
    if configured is not None:
        edges = _configured(configured, by_path, configured_at, findings)
    else:
        edges = []
        for page in pages:
            edges.extend(_front_matter(page, by_path, external, findings))
    unique: dict[tuple[str, str], Edge] = {}
    for edge in edges:
        if edge.source != edge.target:
            unique.setdefault((edge.source, edge.target), edge)
    chained = {name for edge in unique.values() for name in (edge.source, edge.target)}
    chained.update(external.values())
    documents = _in_chain_order([page.path for page in pages if page.path in chained], unique)
    chain = Chain(documents, tuple(unique.values()), external)
    snapshots = {
        document: {source: snapshot(by_path[source]) for source in chain.sources(document)}
        for document in documents
        if chain.sources(document)
    }
    stale, found = _staleness(chain, snapshots, by_path, record)
    return Chain(
        documents,
        chain.edges,
        external,
        stale,
        (*findings, *found),
        snapshots,
    )


def _in_chain_order(documents: list[str], edges: Mapping[tuple[str, str], Edge]) -> tuple[str, ...]:
    """The documents sources first (RDS, CLAUDE, AGENTS, FRS), else in page order; those in a
    cycle after the rest."""
    waiting = dict.fromkeys(documents, 0)
    for source, target in edges:
        if source != target:
            waiting[target] += 1
    ordered: list[str] = []
    ready = [document for document in documents if not waiting[document]]
    while ready:
        document = ready.pop(0)
        ordered.append(document)
        for source, target in edges:
            if source == document and source != target:
                waiting[target] -= 1
                if not waiting[target]:
                    ready.append(target)
    ordered.extend(document for document in documents if document not in ordered)
    return tuple(ordered)


def _configured(
    configured: Mapping[str, Sequence[str]],
    by_path: Mapping[str, ChainPage],
    place: Place,
    findings: list[Finding],
) -> list[Edge]:
    edges: list[Edge] = []
    for document, sources in configured.items():
        names = [document, *sources]
        missing = [name for name in names if name not in by_path]
        if missing:
            findings.append(
                Finding.at(
                    place,
                    Severity.ERROR,
                    DOCUMENT_CODE,
                    f"chain names {listed(missing)}, which {'is' if len(missing) == 1 else 'are'}"
                    " no page of the site; write paths relative to docs_dir (CLAUDE.md: "
                    "[RDS.md])",
                )
            )
        edges.extend(
            Edge(source, document, "source", place)
            for source in sources
            if source in by_path and document in by_path
        )
    return edges


def _front_matter(
    page: ChainPage,
    by_path: Mapping[str, ChainPage],
    external: dict[str, str],
    findings: list[Finding],
) -> list[Edge]:
    """The edges one page's front matter writes."""
    edges: list[Edge] = []

    def resolve(name: str, key: str) -> str | None:
        found = _page_named(name, page.path, by_path)
        if found is None:
            findings.append(
                Finding(
                    Severity.INFO,
                    DOCUMENT_CODE,
                    f"{key} names {name}, which is no page of the site, so the chain leaves it "
                    "out; write its path in docs_dir (RDS.md, specs/FRS.md) to chain it",
                    page.file,
                    page.key_lines.get(key, 1),
                )
            )
        return found

    def place(key: str) -> Place:
        return Place(page.file, page.key_lines.get(key, 1))

    for key in (TRIGGERS, GENERATED_BY):
        for item in _items(page.front.get(key)):
            for name in _MD_NAME.findall(item):
                source = resolve(name, key)
                if source is not None:
                    edges.append(Edge(source, page.path, "source", place(key)))
    for item in _items(page.front.get(CHAINED)):
        parts = _FROM.split(item, maxsplit=1)
        head, tail = parts[0], parts[1] if len(parts) > 1 else ""
        targets = [found for name in _MD_NAME.findall(head) if (found := resolve(name, CHAINED))]
        sources = [found for name in _MD_NAME.findall(tail) if (found := resolve(name, CHAINED))]
        for target in targets:
            for source in sources or [page.path]:
                edges.append(Edge(source, target, "source", place(CHAINED)))
    template = page.front.get(SOURCE_TEMPLATE)
    if isinstance(template, str) and template.strip():
        found = _page_named(template.strip(), page.path, by_path)
        if found is not None:
            edges.append(Edge(found, page.path, "template", place(SOURCE_TEMPLATE)))
        else:
            external[template.strip()] = page.path
    return edges


def _items(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    return []


def _page_named(name: str, here: str, by_path: Mapping[str, ChainPage]) -> str | None:
    """The page `name` means: a path in docs_dir, one relative to the page naming it, one
    under a ``docs/`` prefix, or the only page of that file name."""
    name = name.lstrip("./") if name.startswith("./") else name
    candidates = [
        name,
        posixpath.normpath(posixpath.join(posixpath.dirname(here), name)),
        name.split("/", 1)[1] if "/" in name else name,
    ]
    for candidate in candidates:
        if candidate in by_path:
            return candidate
    same = [path for path in by_path if posixpath.basename(path) == posixpath.basename(name)]
    return same[0] if len(same) == 1 else None


def snapshot(page: ChainPage) -> Snapshot:
    """A source as it stands: its whole wording's fingerprint, and each requirement's (or,
    for a page defining none, each section's)."""
    doc = page.doc
    body = doc.text[doc.body_start :]
    parts = dict(page.requirements) if page.requirements is not None else _sections(doc)
    return Snapshot(fingerprint(wording(body)), parts)


def _sections(doc: Document) -> dict[str, str]:
    """Each section's fingerprint, by its heading's text (``(top)`` for what comes before
    the first heading; a heading written twice is told by its rank: ``Notes (2)``)."""
    parts: dict[str, str] = {}
    bounds = [(heading.text.strip(), heading.start) for heading in doc.headings]
    starts = [("(top)", doc.body_start), *bounds]
    for index, (title, start) in enumerate(starts):
        end = starts[index + 1][1] if index + 1 < len(starts) else len(doc.text)
        text = wording(doc.text[start:end])
        if not text and title == "(top)":
            continue
        key, rank = title, 1
        while key in parts:
            rank += 1
            key = f"{title} ({rank})"
        parts[key] = fingerprint(text)
    return parts


def _staleness(
    chain: Chain,
    snapshots: Mapping[str, Mapping[str, Snapshot]],
    by_path: Mapping[str, ChainPage],
    record: ReviewFile | None,
) -> tuple[dict[str, tuple[Staleness, ...]], list[Finding]]:
    if record is None or not record.exists:
        return {}, []
    stale: dict[str, tuple[Staleness, ...]] = {}
    findings: list[Finding] = []
    unreviewed: list[str] = []
    for document, now in snapshots.items():
        recorded = record.documents.get(document)
        if recorded is None:
            unreviewed.append(document)
            continue
        changes = []
        for source, current in now.items():
            before = recorded.get(source)
            if before is None:
                changes.append(Staleness(source, parts="sources"))
            elif before.fingerprint != current.fingerprint:
                changes.append(_compared(source, before, current, by_path[source]))
        if changes:
            stale[document] = tuple(changes)
            findings.append(_stale(document, changes, chain, by_path, record))
    if unreviewed:
        first = by_path[unreviewed[0]]
        findings.append(
            Finding(
                Severity.INFO,
                UNREVIEWED_CODE,
                f"{listed(unreviewed)} {'is' if len(unreviewed) == 1 else 'are'} not recorded "
                f"as regenerated from {'its' if len(unreviewed) == 1 else 'their'} sources "
                "yet, so changes to the sources are not tracked; after regenerating, run "
                f"`archcrew review --document {unreviewed[0]}`",
                first.file,
                1,
            )
        )
    return stale, findings


def _compared(source: str, before: Snapshot, now: Snapshot, page: ChainPage) -> Staleness:
    added = tuple(key for key in now.parts if key not in before.parts)
    removed = tuple(key for key in before.parts if key not in now.parts)
    changed = tuple(
        key for key in now.parts if key in before.parts and before.parts[key] != now.parts[key]
    )
    kind = "requirements" if page.requirements is not None else "sections"
    return Staleness(source, added, removed, changed, kind)


def _stale(
    document: str,
    changes: Iterable[Staleness],
    chain: Chain,
    by_path: Mapping[str, ChainPage],
    record: ReviewFile,
) -> Finding:
    page = by_path[document]
    said = []
    for change in changes:
        if change.parts == "sources":
            said.append(f"{change.source} became one of its sources after that")
        else:
            said.append(f"{change.source} changed ({change.parts} {change.said()})")
    line = next(
        (
            edge.place.line
            for edge in chain.edges
            if edge.target == document and edge.place.file == page.file
        ),
        1,
    )
    recorded_at = record.document_lines.get(document, 0)
    return Finding(
        Severity.WARNING,
        STALE_CODE,
        f"{document} is stale: since it was last regenerated ({record.file}:{recorded_at}), "
        f"{'; '.join(said)}. Regenerate it from its sources (or check it still agrees), then "
        f"run `archcrew review --document {document}`",
        page.file,
        line,
    )


CHAIN_HEADER = ["flowchart LR"]


def chain_diagram(chain: Chain, urls: Mapping[str, str], here: str | None) -> str:
    """``{{ documentChain }}``: each document a node linking to its page (relative to the
    page at URL `here`; no links when None), each generation an arrow, stale documents
    highlighted and said stale, templates that are not pages drawn apart, dashed."""
    names = {document: f"d{index}" for index, document in enumerate(chain.documents)}
    lines = list(CHAIN_HEADER)
    if not chain.documents:
        lines.append('    none["No document chain: no page names its sources"]')
        return "\n".join(lines)
    for document, node in names.items():
        said = "<br>(stale)" if document in chain.stale else ""
        lines.append(f'    {node}["{_label(document)}{said}"]')
    templates = {name: f"t{index}" for index, name in enumerate(sorted(chain.external))}
    for name, node in templates.items():
        lines.append(f'    {node}[/"{_label(posixpath.basename(name))}"/]')
    for edge in chain.edges:
        arrow = "-. template .->" if edge.kind == "template" else "-->"
        lines.append(f"    {names[edge.source]} {arrow} {names[edge.target]}")
    for name, node in templates.items():
        lines.append(f"    {node} -. template .-> {names[chain.external[name]]}")
    if here is not None:
        for document, node in names.items():
            if document in urls:
                target = relative_url(urls[document], here)
                href = target.replace('"', "%22")
                lines.append(f'    click {node} href "{href}" "Open {_label(document)}"')
    lines.append("    classDef stale fill:#fff3e0,stroke:#e65100,color:#8a5300,stroke-width:2px")
    lines.append("    classDef template stroke-dasharray:4 3")
    stale = [names[document] for document in chain.documents if document in chain.stale]
    if stale:
        lines.append(f"    class {','.join(stale)} stale")
    if templates:
        lines.append(f"    class {','.join(templates.values())} template")
    return "\n".join(lines)
