"""``{{ rdsToFrsValidation }}``: the traceability table, from a Jinja2 template run sandboxed."""

from __future__ import annotations

import posixpath
import traceback
from importlib import resources
from typing import TYPE_CHECKING, Any

from jinja2 import BaseLoader, Environment, StrictUndefined, TemplateError, TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment

from .coverage import NOT_MENTIONED
from .mentions import BY_ID, BY_TITLE, BY_WORD
from .requirements import in_id_order
from .wording import as_text

if TYPE_CHECKING:
    from jinja2 import Template

    from ..findings import Code
    from .coverage import Trace
    from .requirements import Requirement

DEFAULT_TABLE_TEMPLATE = "traceability.md.j2"
TEMPLATE_CODE: Code = "trace-template"

COVERED_STATE = {
    BY_ID: "covered by ID",
    BY_TITLE: "covered by title",
    BY_WORD: "covered only by one word",
}
"""A covered requirement's state, by the strength of its coverage."""


class TemplateFailure(Exception):
    """The traceability template cannot be compiled or rendered."""

    def __init__(self, file: str, line: int, detail: str) -> None:
        super().__init__(f"{file}:{line}: {detail}")
        self.file, self.line, self.detail = file, line, detail


def table_template(source: str | None, name: str) -> Template:
    """Compile the traceability table template (the bundled one when `source` is None).

    Templates run sandboxed: they can format the data they are given and nothing else.
    """
    if source is None:
        source = (
            resources.files(__package__ or __name__)
            .joinpath(f"templates/{DEFAULT_TABLE_TEMPLATE}")
            .read_text(encoding="utf-8")
        )
    env = SandboxedEnvironment(
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        loader=_NoFiles(),
    )
    env.filters["cell"] = _cell
    try:
        return env.from_string(source)
    except TemplateSyntaxError as error:
        raise TemplateFailure(
            name,
            error.lineno or 0,
            f"the traceability template is not valid Jinja2: {error.message}",
        ) from None


class _NoFiles(BaseLoader):
    """Templates are data: they read no file, so ``{% include %}``, ``{% import %}`` and
    ``{% extends %}`` fail with a message saying so."""

    def get_source(self, environment: Environment, template: str) -> tuple[str, str, None]:
        raise TemplateError(
            f"the template names another file ({template!r}), but traceability templates read "
            "no file: write the whole table in this one template"
        )


def _cell(value: object) -> str:
    """Text made safe for one Markdown table cell."""
    return str(value).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def traceability_table(trace: Trace, template: Template, name: str) -> str:
    """The table, with links relative to the top of docs_dir.

    Raises `TemplateFailure` (naming the template and line) when the template fails.
    """
    try:
        return template.render(**table_context(trace)).strip("\n")
    # Not only TemplateError: a template can fail in ways Jinja does not wrap (a filter given
    # the wrong type, a recursion too deep), and a build must say so, not print a traceback.
    except (TemplateError, TypeError, ValueError, ArithmeticError, RecursionError) as error:
        line = next(
            (
                frame.lineno
                for frame in reversed(traceback.extract_tb(error.__traceback__))
                if frame.filename == "<template>"
            ),
            0,
        )
        raise TemplateFailure(
            name, line or 0, f"the traceability template failed: {error}"
        ) from None


def table_context(trace: Trace) -> dict[str, Any]:
    """The variables a traceability template receives (documented in the configuration
    reference)."""
    rows = []
    checked = covered = suspect = 0
    by = dict.fromkeys(COVERED_STATE, 0)
    for requirement in in_id_order(trace.requirements):
        is_covered = trace.covered(requirement)
        enforced = trace.enforced(requirement)
        checked += enforced
        if enforced and is_covered:
            covered += 1
            by[trace.strength[requirement.id]] += 1
        rows.append(_row(trace, requirement, is_covered, enforced))
        suspect += rows[-1]["suspect"]
    percent = round(100 * covered / checked, 1) if checked else 100.0
    return {
        "requirements": rows,
        "summary": {
            "covered": covered,
            "total": checked,
            "percent": int(percent) if percent.is_integer() else percent,
            "not_checked": len(trace.requirements) - checked,
            "by_id": by[BY_ID],
            "by_title": by[BY_TITLE],
            "by_word": by[BY_WORD],
            "suspect": suspect,
        },
    }


def _row(
    trace: Trace, requirement: Requirement, is_covered: bool, enforced: bool
) -> dict[str, Any]:
    sections = [
        {
            "label": mention.section_label,
            "link": f"{mention.page}#{mention.section}" if mention.section else mention.page,
            "by": mention.by,
        }
        for mention in trace.covering_sections(requirement)
    ]
    strength = trace.strength.get(requirement.id)
    if is_covered:
        assert strength is not None  # covered: mentioned
        state = COVERED_STATE[strength]
        state = state if enforced else f"{requirement.status}, {state}"
    else:
        # Mentioned, but by a word that on_word_only: uncovered does not count.
        why = " (only one word)" if strength == BY_WORD else ""
        state = f"**not covered**{why}" if enforced else f"{requirement.status}, not covered{why}"
    review = trace.review.of(requirement.id)
    suspect = review is not None and review.suspect
    if suspect:
        state += ", **changed since reviewed**"
    return {
        "id": requirement.id,
        "title": requirement.title,
        "status": requirement.status,
        "covered": is_covered,
        "coverage": strength or NOT_MENTIONED,
        "checked": enforced,
        "state": state,
        "page": requirement.page,
        "file": requirement.file,
        "file_name": posixpath.basename(requirement.page),
        "line": requirement.line,
        "link": f"{requirement.page}#{requirement.anchor}",
        "sections": sections,
        "review": review.state if review is not None else None,
        "suspect": suspect,
        "changes": as_text(list(review.changes)) if review is not None else "",
    }
