"""What a page says of itself, overriding the site's options for it alone: its role (RDS, FRS,
neither, a template), how its placeholders are treated, whether its diagrams are checked.

A page says so in its front matter, under one key::

    archcrew:
      role: none          # rds, frs, none, or template
      on_missing: keep    # warn, error or keep, as the site option
      diagrams: warn      # error, warn or skip

A template (by the ``templates`` option's patterns, or ``role: template``) is a page of
placeholders meant to stay: neither RDS nor FRS, its placeholders kept, its diagrams not held
to Mermaid's parser.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, cast

from ..findings import Finding, Severity

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from ..findings import Code, Place
    from .inputs import OnMissing

KEY = "archcrew"
"""The front-matter key a page sets its own rules under."""

Role = Literal["rds", "frs", "none", "template"]
ROLES: tuple[Role, ...] = ("rds", "frs", "none", "template")
DiagramLevel = Literal["error", "warn", "skip"]
DIAGRAM_LEVELS: tuple[DiagramLevel, ...] = ("error", "warn", "skip")
ON_MISSING: tuple[OnMissing, ...] = ("warn", "error", "keep")

DEFAULT_TEMPLATES = ("*.template.md", "templates/*", "*/templates/*")
"""Pages that are templates unless the site says otherwise: a ``.template.md`` name, or a
``templates`` folder anywhere in docs_dir."""

RULES: Code = "page-rules"


@dataclass(frozen=True, slots=True)
class PageRules:
    """A page's own rules; None where the site's options apply."""

    role: Role | None = None
    on_missing: OnMissing | None = None
    diagrams: DiagramLevel | None = None

    @property
    def template(self) -> bool:
        return self.role == "template"


SITE = PageRules()
"""The rules of a page that says nothing of itself."""


def is_template(path: str, patterns: Iterable[str]) -> bool:
    return any(fnmatch.fnmatchcase(path, pattern.lstrip("/")) for pattern in patterns)


def page_rules(
    path: str,
    front: Mapping[str, Any],
    key_line: int,
    file: str,
    templates: Iterable[str],
) -> tuple[PageRules, list[Finding]]:
    """The rules of the page at `path` from its front matter's ``archcrew:`` (written at
    `key_line` of `file`), and what is wrong in them. A page the `templates` patterns name is
    a template unless its front matter gives it another role."""
    own = front.get(KEY)
    findings: list[Finding] = []

    def wrong(text: str) -> None:
        findings.append(Finding(Severity.WARNING, RULES, text, file, key_line))

    values: dict[str, Any] = {}
    if own is not None and not isinstance(own, dict):
        wrong(
            f"front matter '{KEY}:' is not a mapping, so the page follows the site's options; "
            f"write it as '{KEY}: {{role: none}}' (keys: role, on_missing, diagrams)"
        )
    elif own is not None:
        values = own
    chosen: dict[str, str] = {}
    for key, value in values.items():
        allowed = _ALLOWED.get(str(key))
        if allowed is None:
            wrong(
                f"front matter '{KEY}.{key}' is not a page rule; the rules are "
                f"{', '.join(_ALLOWED)}"
            )
        elif value not in allowed:
            shown = "true" if value is True else "false" if value is False else repr(value)
            wrong(
                f"front matter '{KEY}.{key}: {shown}' is not one of {', '.join(allowed)}; "
                f"the site's option applies"
            )
        else:
            chosen[str(key)] = str(value)
    role = chosen.get("role")
    if role is None and is_template(path, templates):
        role = "template"
    on_missing = chosen.get("on_missing") or ("keep" if role == "template" else None)
    diagrams = chosen.get("diagrams") or ("skip" if role == "template" else None)
    rules = PageRules(
        cast("Role | None", role),
        cast("OnMissing | None", on_missing),
        cast("DiagramLevel | None", diagrams),
    )
    return (SITE if rules == SITE else rules), findings


_ALLOWED: dict[str, tuple[str, ...]] = {
    "role": ROLES,
    "on_missing": ON_MISSING,
    "diagrams": DIAGRAM_LEVELS,
}


def templates_found(files: list[str], place: Place) -> Finding | None:
    """The INFO line saying which pages were taken for templates, if any."""
    if not files:
        return None
    shown = ", ".join(files[:3]) + (f" and {len(files) - 3} more" if len(files) > 3 else "")
    return Finding.at(
        place,
        Severity.INFO,
        RULES,
        f"{len(files)} template page(s) recognised ({shown}): neither RDS nor FRS, their "
        "placeholders kept, their diagrams not checked. Set 'templates: []' to treat them as "
        "documents, or give a page 'archcrew: {role: …}' in its front matter.",
    )
