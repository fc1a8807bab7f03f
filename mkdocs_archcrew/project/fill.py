"""Filling a project read once: every page's placeholders filled, its traceability marked,
every problem collected. A pure function of the project: it changes nothing in it, and filling
twice gives the same result."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..findings import Finding, Severity, sorted_findings
from ..markdown.edits import Edit, apply
from ..mermaid.examine import DiagramOutcome, syntax_findings
from ..mermaid.figure import figure
from ..placeholders.resolver import PageContext, Resolver
from ..placeholders.values import GeneratedText
from ..publish.annotations import Block
from ..publish.banners import banner, insert_banner
from ..publish.markers import Markers
from ..publish.page_edits import page_edits
from ..review.chain import NO_CHAIN, Chain
from ..trace.added import AddedText
from ..trace.table import TEMPLATE_CODE, TemplateFailure, table_template, traceability_table
from .front_matter import filled_front_matter
from .late import LateFiller, PageValues
from .rules import templates_found

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from ..mermaid.diagrams import Diagram
    from ..trace.coverage import Trace
    from .inputs import Settings
    from .read import Project, ReadPage
    from .rules import DiagramLevel


@dataclass(frozen=True)
class FilledPage:
    """A page ready for MkDocs: its source with filled front matter and body."""

    source: str
    findings: list[Finding]
    """The problems of this page, sorted by line."""


@dataclass(frozen=True)
class FilledProject:
    """Every page ready for MkDocs, and what traceability adds to them once they are HTML."""

    pages: dict[str, FilledPage]
    findings: list[Finding]
    """Every finding of the project, sorted by file and line."""
    trace: Trace
    markers: Markers
    """What replaces the markers left in the pages, once they are HTML (`Markers.insert`)."""
    urls: dict[str, str]
    """Each page's URL, by path."""
    late: LateFiller
    """Fills what reaches a page only when it is rendered."""
    added: AddedText
    """Says what such text names that the trace could not see."""
    chain: Chain = NO_CHAIN
    """The document chain, and the sources of each document as they stand."""


def fill_project(
    project: Project, diagrams: DiagramOutcome | None = None, findings: Iterable[Finding] = ()
) -> FilledProject:
    """Fill every page of `project`. `diagrams` brings what Mermaid said of its diagrams, if
    they were checked; `findings` are problems found before the project was read."""
    outcome = diagrams or DiagramOutcome()
    settings = project.settings
    markers = Markers()
    generated, template_findings = _generated_values(project, outcome, markers)
    builtins = {**project.builtins, **generated}
    chains = {
        path: _diagram_value(diagram.text, outcome, markers)
        for path, diagram in project.chain_diagrams.items()
    }
    if "" in chains:
        builtins["documentChain"] = chains[""]
    contexts = {
        path: page.context(
            project.layers,
            {**builtins, "documentChain": chains[path]} if path in chains else builtins,
        )
        for path, page in project.pages.items()
    }
    edits = _EditsByPage(project, markers, outcome)
    resolver = Resolver(
        contexts,
        settings.slugify,
        report_unresolved=any(
            page.on_missing(settings) != "keep" for page in project.pages.values()
        ),
        dialect=settings.dialect,
        edits=edits.get,
        heading_texts=project.heading_texts,
    )
    by_page, elsewhere = _by_page(
        project,
        [
            *findings,
            *(page.problem for page in project.pages.values() if page.problem is not None),
            *(found for page in project.pages.values() for found in page.front_findings),
            *(found for page in project.pages.values() for found in page.rule_findings),
            *_templates(project),
            *project.trace.findings,
            *outcome.findings,
            *syntax_findings(project.diagrams, outcome, _diagram_level(project)),
            *template_findings,
        ],
    )
    filled: dict[str, FilledPage] = {}
    for path, page in project.pages.items():
        filled[path] = _fill_page(
            page, contexts[path], resolver, settings, edits=edits.get(path), known=by_page[path]
        )
        edits.done(path)
    every = [*elsewhere, *(finding for page in filled.values() for finding in page.findings)]
    urls = {path: page.input.url for path, page in project.pages.items()}
    late = LateFiller(
        project.layers,
        builtins,
        {
            path: PageValues(
                page.front.values if page.front else {}, page.values, page.rules.on_missing
            )
            for path, page in project.pages.items()
        },
        settings,
        resolver.suggestions,
    )
    added = AddedText(project.trace)
    markers.settle()
    return FilledProject(
        filled, sorted_findings(every), project.trace, markers, urls, late, added, project.chain
    )


def _by_page(
    project: Project, findings: list[Finding]
) -> tuple[dict[str, list[Finding]], list[Finding]]:
    """The findings of each page (by path), and those of no page (configuration, templates)."""
    path_of_file = {page.input.file: path for path, page in project.pages.items()}
    by_page: dict[str, list[Finding]] = {path: [] for path in project.pages}
    elsewhere: list[Finding] = []
    for finding in findings:
        path = path_of_file.get(finding.file)
        (by_page[path] if path is not None else elsewhere).append(finding)
    return by_page, elsewhere


def _fill_page(
    page: ReadPage,
    ctx: PageContext,
    resolver: Resolver,
    settings: Settings,
    *,
    edits: list[Edit],
    known: list[Finding],
) -> FilledPage:
    """The page's body filled and marked, its front matter filled, its problems listed
    (`known`: those found before) and, if asked, shown in a banner."""
    start = page.doc.body_start
    filled = resolver.fill_span(ctx, start, len(page.doc.text))
    body = apply(filled.text, start, filled.replaced, edits)
    on_missing = page.on_missing(settings)
    found = [
        finding
        for at in filled.problems
        if (
            finding := at.problem.reported(page.input.file, page.doc.line_of(at.offset), on_missing)
        )
    ]
    head, in_head = filled_front_matter(page, ctx, resolver, settings)
    findings = sorted_findings([*known, *found, *in_head])
    if settings.banners:
        body = insert_banner(body, banner(findings))
    return FilledPage(head + body, findings)


def _templates(project: Project) -> list[Finding]:
    """The INFO line saying which pages were taken for templates."""
    settings = project.settings
    found = templates_found(
        [page.input.file for page in project.pages.values() if page.rules.template],
        settings.templates_place,
    )
    return [found] if found is not None else []


def _diagram_level(project: Project) -> Callable[[Diagram], DiagramLevel | None]:
    """What a diagram's page says of its diagrams (None: the site's option)."""

    def level(diagram: Diagram) -> DiagramLevel | None:
        page = project.pages.get(diagram.page)
        return page.rules.diagrams if page is not None else None

    return level


def _generated_values(
    project: Project, outcome: DiagramOutcome, markers: Markers
) -> tuple[dict[str, GeneratedText], list[Finding]]:
    """The built-ins the plugin computes: the traceability table and diagram, when used.

    A table template of the project's own is compiled even when no page uses the table, so a
    mistake in it shows at once."""
    settings = project.settings
    generated: dict[str, GeneratedText] = {}
    findings: list[Finding] = []
    if project.uses_table or settings.table_template is not None:
        name = settings.table_template_name
        try:
            template = table_template(settings.table_template, name)
            if project.uses_table:
                table = traceability_table(project.trace, template, name)
                generated["rdsToFrsValidation"] = GeneratedText(table)
        except TemplateFailure as failure:
            findings.append(
                Finding(Severity.ERROR, TEMPLATE_CODE, failure.detail, failure.file, failure.line)
            )
    if project.trace_diagram is not None:
        generated["traceDiagram"] = _diagram_value(project.trace_diagram.text, outcome, markers)
    return generated, findings


def _diagram_value(text: str, outcome: DiagramOutcome, markers: Markers) -> GeneratedText:
    """A generated diagram as a value: its fence, or its drawing when drawn at build time."""
    svgs = outcome.svgs.get(text)
    fenced = f"```mermaid\n{text}\n```"
    return GeneratedText(markers.marker(Block(figure(svgs), fenced)) if svgs else fenced)


class _EditsByPage:
    """Each page's edits (traceability markers, diagrams drawn at build time), made when the
    page is filled or a section of it is included, and kept only as long as they are needed:
    thousands of them would otherwise live at once."""

    def __init__(self, project: Project, markers: Markers, outcome: DiagramOutcome) -> None:
        self.project, self.markers = project, markers
        self.figures: dict[str, list[Edit]] = {}
        for diagram in project.page_diagrams:
            svgs = outcome.svgs.get(diagram.text)
            if svgs:
                # The fence without the indent of its first line, which the edit brings.
                start = diagram.start + len(diagram.indent)
                source = project.pages[diagram.page].doc.text[start : diagram.end]
                drawn = markers.marker(Block(figure(svgs), source))
                self.figures.setdefault(diagram.page, []).append(
                    Edit(diagram.start, diagram.end, f"\n{diagram.indent}{drawn}\n\n")
                )
        self.made: dict[str, list[Edit]] = {}

    def get(self, path: str) -> list[Edit]:
        if path not in self.made:
            settings = self.project.settings
            self.made[path] = page_edits(
                self.project.trace,
                path,
                self.project.pages[path].doc,
                self.markers,
                settings.slugify,
                link_mentions=settings.link_mentions,
                coverage_notes=settings.coverage_notes,
            ) + self.figures.get(path, [])
        return self.made[path]

    def done(self, path: str) -> None:
        """The page is filled: its edits are needed again only for a section of it."""
        self.made.pop(path, None)
