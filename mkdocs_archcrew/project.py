"""A docs project read once: every page scanned, every placeholder filled, every problem found.

This is the core entry point shared by the MkDocs plugin and the command line. It knows nothing
of MkDocs: it takes page texts and value sources and gives back page texts and findings.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from . import frontmatter, mermaid
from .annotations import (
    Annotations,
    Edit,
    apply,
    banner,
    block,
    insert_banner,
    page_edits,
)
from .findings import Finding, Severity
from .mermaid import DiagramOutcome
from .placeholders import ESCAPE, unescape
from .report import (
    DEFAULT_TABLE_TEMPLATE,
    TemplateFailure,
    table_template,
    trace_diagram,
    traceability_table,
)
from .resolver import UNRESOLVED, GeneratedText, Located, PageContext, Problem, Resolver
from .sections import Slugify, default_slugify, heading_plain_text
from .source import DEFAULT_DIALECT, Dialect, Document, scan
from .trace import Trace, TraceSettings, trace_project
from .values import MISSING, Layer, title_from_path

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

OnMissing = Literal["warn", "error", "keep"]

DIAGRAM_SYNTAX = "mermaid-syntax"
TRACE_DIAGRAM = "{{ traceDiagram }}"
"""Where a problem of the generated traceability diagram is reported."""

DOCUMENT_TEMPLATE_KEY = "document_template"
"""Where a front-matter ``template:`` that is not a theme template is kept (see README)."""


@dataclass(frozen=True, slots=True)
class PageInput:
    """A page as read from disk."""

    path: str
    """Path inside docs_dir, with ``/`` separators (``CLAUDE.md``, ``specs/FRS.md``)."""
    shown: str
    """Path used in messages: relative to the project folder (``docs/CLAUDE.md``)."""
    url: str
    text: str


@dataclass(frozen=True)
class Settings:
    """How to fill: the plugin options and the bits of MkDocs configuration the core needs."""

    on_missing: OnMissing = "warn"
    slugify: Slugify = default_slugify
    is_theme_template: Callable[[str], bool] = lambda name: False
    dialect: Dialect = DEFAULT_DIALECT
    trace: TraceSettings = field(default_factory=TraceSettings)
    link_mentions: bool = True
    """Turn ID mentions in FRS prose into links to the requirement in the RDS."""
    coverage_notes: bool = True
    """Show under each requirement in the RDS where it is covered."""
    banners: bool = False
    """Put a banner listing a page's problems at the top of the page."""
    table_template: str | None = None
    """Source of the traceability table template; None for the bundled one."""
    table_template_name: str = DEFAULT_TABLE_TEMPLATE


@dataclass
class FilledPage:
    """A page ready for MkDocs: its source with filled front matter and body."""

    source: str
    findings: list[Finding] = field(default_factory=list)


@dataclass
class FilledProject:
    pages: dict[str, FilledPage]
    findings: list[Finding]
    """Every finding of the project, sorted by file and line."""
    trace: Trace
    annotations: Annotations
    """What replaces the markers left in the pages, once they are HTML (`Annotations.render`)."""
    urls: dict[str, str]
    """Each page's URL, by path."""


def read_project(
    pages: Iterable[PageInput],
    layers: list[Layer],
    builtins: Mapping[str, Any],
    settings: Settings,
) -> Project:
    """Read every page once: scan it, extract requirements, check coverage.

    `layers` are the site-wide value sources, highest precedence first (data files, the
    ``placeholders`` option, ``extra``); each page's front matter goes above them and the
    built-ins (`builtins` plus ``page.*``) below. Then `Project.diagrams` lists the Mermaid
    diagrams to check, and `Project.fill` fills the pages.
    """
    return Project(list(pages), layers, builtins, settings)


def fill_project(
    pages: Iterable[PageInput],
    layers: list[Layer],
    builtins: Mapping[str, Any],
    settings: Settings,
) -> FilledProject:
    """Read and fill a project without checking its diagrams."""
    return read_project(pages, layers, builtins, settings).fill()


class Project:
    """A docs project read once; `fill` turns it into the pages MkDocs builds."""

    def __init__(
        self,
        pages: list[PageInput],
        layers: list[Layer],
        builtins: Mapping[str, Any],
        settings: Settings,
    ) -> None:
        self.settings = settings
        self.inputs = {page.path: page for page in pages}
        self.front: dict[str, frontmatter.ParsedFrontMatter | None] = {}
        self.findings: dict[str, list[Finding]] = {}
        contexts: dict[str, PageContext] = {}
        for page in pages:
            doc = scan(page.text, dialect=settings.dialect)
            front, problem = frontmatter.parse(doc, page.shown)
            if front is None and problem is None and doc.front_matter is not None:
                # Not a mapping: MkDocs reads it as text, and so must we.
                doc = scan(page.text, front_matter=False, dialect=settings.dialect)
            self.front[page.path] = front
            self.findings[page.path] = [problem] if problem else []
            front_values = front.values if front else {}
            page_values = {
                "title": _raw_title(doc, front_values, page.path),
                "path": page.path,
                "url": page.url,
            }
            contexts[page.path] = PageContext(
                page.path,
                doc,
                [
                    Layer("front matter", front_values),
                    *layers,
                    Layer("built-in", {**builtins, "page": page_values}),
                ],
            )
        self.contexts = contexts
        self.trace = trace_project(
            {path: ctx.doc for path, ctx in contexts.items()},
            {path: page.shown for path, page in self.inputs.items()},
            settings.trace,
            settings.slugify,
        )
        self.global_findings: list[Finding] = []
        self._file_pages = {page.shown: page.path for page in pages}
        for finding in self.trace.findings:
            self._add(finding)
        self._page_diagrams = mermaid.collect(
            {path: ctx.doc for path, ctx in contexts.items()},
            {path: page.shown for path, page in self.inputs.items()},
        )
        # Made only when used, in a page or through another value: the table and diagram of
        # thousands of requirements are not free.
        values = [text for layer in layers for text in _strings(layer.values)]
        self._uses = {
            name: any(name in text for text in (*(page.text for page in pages), *values))
            for name in ("rdsToFrsValidation", "traceDiagram")
        }
        diagram_text = trace_diagram(self.trace) if self._uses["traceDiagram"] else ""
        self._trace_diagram = mermaid.Diagram("", TRACE_DIAGRAM, 0, 0, 0, diagram_text)
        self.annotations = Annotations()

    def _add(self, finding: Finding) -> None:
        page = self._file_pages.get(finding.file)
        (self.findings[page] if page else self.global_findings).append(finding)

    def diagrams(self) -> list[mermaid.Diagram]:
        """Every Mermaid diagram of the project, ``{{ traceDiagram }}`` included when used."""
        used = self._uses["traceDiagram"]
        return [*self._page_diagrams, *([self._trace_diagram] if used else [])]

    def fill(self, diagrams: DiagramOutcome | None = None) -> FilledProject:
        """Fill every page; `diagrams` brings what Mermaid said of the diagrams, if asked."""
        outcome = diagrams or DiagramOutcome()
        for finding in outcome.findings:
            self._add(finding)
        self._diagram_findings(outcome)
        generated: dict[str, Any] = {}
        if self._uses["rdsToFrsValidation"] or self.settings.table_template is not None:
            generated.update(self._table(render=self._uses["rdsToFrsValidation"]))
        if self._uses["traceDiagram"]:
            generated["traceDiagram"] = self._generated_diagram(outcome)
        for ctx in self.contexts.values():
            ctx.layers[-1] = Layer("built-in", {**ctx.layers[-1].values, **generated})
        figures: dict[str, list[Edit]] = {}
        for diagram in self._page_diagrams:
            svgs = outcome.svgs.get(diagram.text)
            if svgs:
                figure = self.annotations.marker(block(mermaid.figure(svgs)))
                figures.setdefault(diagram.page, []).append(
                    Edit(diagram.start, diagram.end, f"\n{diagram.indent}{figure}\n\n")
                )
        edits = _PageEdits(self.trace, self.contexts, self.annotations, self.settings, figures)
        self.resolver = Resolver(
            self.contexts,
            self.settings.slugify,
            report_unresolved=self.settings.on_missing != "keep",
            dialect=self.settings.dialect,
            edits=edits.get,
        )
        filled: dict[str, FilledPage] = {}
        every: list[Finding] = list(self.global_findings)
        for path, ctx in self.contexts.items():
            filled[path] = self._fill_page(path, ctx, edits.get(path))
            edits.done(path)
            every.extend(filled[path].findings)
        every.sort(key=lambda finding: finding.sort_key)
        urls = {path: page.url for path, page in self.inputs.items()}
        return FilledProject(filled, every, self.trace, self.annotations, urls)

    def _fill_page(self, path: str, ctx: PageContext, edits: list[Edit]) -> FilledPage:
        page = self.inputs[path]
        located: Located = []
        replaced: list[tuple[int, int, int]] = []
        start = ctx.doc.body_start
        body = self.resolver.fill_span(ctx, start, len(page.text), located, replaced)
        for offset, problem in located:
            self._report(path, ctx.doc.line_of(offset), problem)
        body = apply(body, start, replaced, edits)
        head = self._front_matter(ctx)
        findings = sorted(_unique(self.findings[path]), key=lambda finding: finding.sort_key)
        if self.settings.banners:
            body = insert_banner(body, banner(findings))
        return FilledPage(head + body, findings)

    def _diagram_findings(self, outcome: DiagramOutcome) -> None:
        for diagram in [*self._page_diagrams, self._trace_diagram]:
            result = outcome.parsed.get(diagram.text)
            if result is None or result.ok:
                continue
            self._add(
                Finding(
                    Severity.ERROR,
                    DIAGRAM_SYNTAX,
                    f"Mermaid diagram does not parse (Mermaid {outcome.version}): "
                    f"{result.message}. Fix the diagram.",
                    diagram.file,
                    diagram.line + result.line if diagram.line else 0,
                )
            )

    def _generated_diagram(self, outcome: DiagramOutcome) -> GeneratedText:
        svgs = outcome.svgs.get(self._trace_diagram.text)
        if svgs:
            return GeneratedText(self.annotations.marker(block(mermaid.figure(svgs))))
        return GeneratedText(f"```mermaid\n{self._trace_diagram.text}\n```")

    def _table(self, *, render: bool) -> dict[str, Any]:
        """The traceability table built-in; none (and a finding) when its template fails.

        A template of the project's own is compiled even when no page uses the table, so a
        mistake in it shows at once."""
        settings = self.settings
        try:
            template = table_template(settings.table_template, settings.table_template_name)
            if not render:
                return {}
            table = traceability_table(self.trace, template, settings.table_template_name)
        except TemplateFailure as failure:
            self.global_findings.append(
                Finding(
                    Severity.ERROR, "trace-template", failure.detail, failure.file, failure.line
                )
            )
            return {}
        return {"rdsToFrsValidation": GeneratedText(table)}

    def _report(self, path: str, line: int, problem: Problem) -> None:
        if problem.code == UNRESOLVED and self.settings.on_missing != "error":
            severity = Severity.WARNING
        else:
            severity = Severity.ERROR
        shown = self.inputs[path].shown
        self.findings[path].append(Finding(severity, problem.code, problem.message, shown, line))

    def _front_matter(self, ctx: PageContext) -> str:
        """The front matter block to hand MkDocs: the original when nothing in it needs filling."""
        doc, front = ctx.doc, self.front[ctx.path]
        if front is None or doc.front_matter is None:
            # None, or invalid YAML (reported): left in, MkDocs would print it as body text.
            return ""
        original = doc.text[: doc.body_start]
        template = front.values.get("template")
        moves_template = isinstance(template, str) and not self.settings.is_theme_template(template)
        if not front.has_placeholders and not moves_template and ESCAPE not in original:
            return original
        values: dict[Any, Any] = {}
        for key, raw in front.values.items():
            if not isinstance(key, str):
                values[key] = raw
                continue
            result = self.resolver.resolve(ctx, key)
            values[key] = raw if result.value is MISSING else result.value
            for problem in result.problems:
                line = _line_in_front_matter(doc, front.key_lines[key], problem)
                self._report(ctx.path, line, problem)
        template = values.get("template")
        if isinstance(template, str) and not self.settings.is_theme_template(template):
            if template.endswith(".html"):
                self.findings[ctx.path].append(
                    Finding(
                        Severity.WARNING,
                        "front-matter-template",
                        f"front matter 'template: {template}' is not a template of the theme; it "
                        f"is kept as page metadata '{DOCUMENT_TEMPLATE_KEY}'. Put the file in the "
                        "theme's custom_dir to use it as a page template.",
                        self.inputs[ctx.path].shown,
                        front.key_lines["template"],
                    )
                )
            values = {
                (DOCUMENT_TEMPLATE_KEY if key == "template" else key): value
                for key, value in values.items()
            }
        return frontmatter.render(_unescaped(values))


class _PageEdits:
    """Each page's edits, made when the page is filled (or a section of it is included) and
    kept only as long as they are needed: thousands of them would otherwise live at once."""

    def __init__(
        self,
        trace: Trace,
        contexts: dict[str, PageContext],
        annotations: Annotations,
        settings: Settings,
        figures: dict[str, list[Edit]],
    ) -> None:
        self.trace, self.contexts, self.annotations = trace, contexts, annotations
        self.settings, self.figures = settings, figures
        self.made: dict[str, list[Edit]] = {}

    def get(self, path: str) -> list[Edit]:
        if path not in self.made:
            self.made[path] = page_edits(
                self.trace,
                path,
                self.contexts[path].doc,
                self.annotations,
                self.settings.slugify,
                link_mentions=self.settings.link_mentions,
                coverage_notes=self.settings.coverage_notes,
            ) + self.figures.get(path, [])
        return self.made[path]

    def done(self, path: str) -> None:
        """The page is filled: its edits are needed again only for a section of it."""
        self.made.pop(path, None)


def _strings(value: Any) -> Iterator[str]:
    """Every string in a value, however deeply nested."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def _raw_title(doc: Document, front: Mapping[str, Any], path: str) -> str:
    """``page.title`` as written: front matter title, else the first level-1 heading, else the
    file name."""
    title = front.get("title")
    if isinstance(title, str):
        return title
    for heading in doc.headings:
        if heading.level == 1:
            return heading_plain_text(heading.text)
    return title_from_path(path)


def _unescaped(value: Any) -> Any:
    if isinstance(value, str):
        return unescape(value)
    if isinstance(value, dict):
        return {key: _unescaped(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_unescaped(item) for item in value]
    return value


def _line_in_front_matter(doc: Document, key_line: int, problem: Problem) -> int:
    """The line of the placeholder a problem came from, searching from its key's line."""
    if doc.front_matter is None or not problem.occurrence:
        return key_line
    found = doc.text.find(problem.occurrence, doc.line_start(key_line), doc.front_matter.yaml_end)
    return doc.line_of(found) if found >= 0 else key_line


def _unique(findings: list[Finding]) -> list[Finding]:
    return list(dict.fromkeys(findings))
