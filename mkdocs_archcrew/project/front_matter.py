"""Front matter as MkDocs gets it: placeholders filled, a ``template:`` that is not the
theme's kept aside, escapes undone."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..findings import Finding, Severity
from ..placeholders.front_matter import render
from ..placeholders.problems import NOT_TEXT
from ..placeholders.syntax import ESCAPE, unescape
from ..placeholders.values import MISSING, GeneratedText, SectionText

if TYPE_CHECKING:
    from ..findings import Code
    from ..markdown import Document
    from ..placeholders.problems import Problem
    from ..placeholders.resolver import PageContext, Resolver
    from .inputs import Settings
    from .read import ReadPage

DOCUMENT_TEMPLATE_KEY = "document_template"
"""Where a front-matter ``template:`` that is not a theme template is kept (see the docs)."""
TEMPLATE_CODE: Code = "front-matter-template"
EMPTY_FRONT_MATTER = "---\n{}\n---\n"
"""What a page whose front matter was dropped starts with when its body opens with ``---``:
MkDocs reads one block only, and this one is empty."""


def filled_front_matter(
    page: ReadPage, ctx: PageContext, resolver: Resolver, settings: Settings
) -> tuple[str, list[Finding]]:
    """The front matter block to hand MkDocs (the original when nothing in it needs filling),
    and the problems met filling it."""
    doc, front = page.doc, page.front
    if doc.front_matter is None:
        return "", []
    if front is None:
        # Invalid, or past a limit (reported): left in, MkDocs would print it as body text, or
        # read it itself (and a theme's `tojson` expand every alias). A body that opens with
        # `---` would be read as front matter in its place: an empty block goes first then.
        starts_like_front_matter = doc.text.startswith("---", doc.body_start)
        return (EMPTY_FRONT_MATTER if starts_like_front_matter else ""), []
    original = doc.text[: doc.body_start]
    if (
        not front.has_placeholders
        and not _moves_template(front.values, settings)
        and ESCAPE not in original
    ):
        return original, []
    findings: list[Finding] = []
    values: dict[Any, Any] = {}
    for key, raw in front.values.items():
        if not isinstance(key, str):
            values[key] = raw
            continue
        result = resolver.resolve(ctx, key)
        values[key] = raw if result.value is MISSING else result.value
        page_text = _page_text(result.value)
        if page_text is not None:
            # A section or the table is Markdown for a page's body: metadata is no place for
            # it (and YAML could not write it). The value stays as written.
            values[key] = raw
            findings.append(
                Finding(
                    Severity.ERROR,
                    NOT_TEXT,
                    f"cannot write {page_text} into front matter key '{key}': front matter is "
                    "metadata, and this value is page text. Use the placeholder in the page's "
                    "text instead.",
                    page.input.file,
                    front.key_lines[key],
                )
            )
        for problem in result.problems:
            line = _line_of_problem(doc, front.key_lines[key], problem)
            found = problem.reported(page.input.file, line, page.on_missing(settings))
            if found is not None:
                findings.append(found)
    template = values.get("template")
    if _moves_template(values, settings):
        if isinstance(template, str) and template.endswith(".html"):
            findings.append(
                Finding(
                    Severity.WARNING,
                    TEMPLATE_CODE,
                    f"front matter 'template: {template}' is not a template of the theme; it "
                    f"is kept as page metadata '{DOCUMENT_TEMPLATE_KEY}'. Put the file in the "
                    "theme's custom_dir to use it as a page template.",
                    page.input.file,
                    front.key_lines["template"],
                )
            )
        values = {
            (DOCUMENT_TEMPLATE_KEY if key == "template" else key): value
            for key, value in values.items()
        }
    return render(_unescaped(values)), findings


def _page_text(value: Any) -> str | None:
    """What page text `value` holds, if any (a section, the table), to name it in a message."""
    if isinstance(value, SectionText):
        return f"a section of {value.page}"
    if isinstance(value, GeneratedText):
        return "text archcrew writes for a page (such as the traceability table)"
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    return next((found for item in items if (found := _page_text(item)) is not None), None)


def _moves_template(values: dict[Any, Any], settings: Settings) -> bool:
    """Whether ``template:`` names no theme template, and so must not reach MkDocs as one."""
    template = values.get("template")
    return isinstance(template, str) and not settings.is_theme_template(template)


def _unescaped(value: Any) -> Any:
    if isinstance(value, str):
        return unescape(value)
    if isinstance(value, dict):
        return {key: _unescaped(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_unescaped(item) for item in value]
    return value


def _line_of_problem(doc: Document, key_line: int, problem: Problem) -> int:
    """The line of the placeholder a problem came from, searching from its key's line."""
    if doc.front_matter is None or not problem.occurrence:
        return key_line
    found = doc.text.find(problem.occurrence, doc.line_start(key_line), doc.front_matter.yaml_end)
    return doc.line_of(found) if found >= 0 else key_line
