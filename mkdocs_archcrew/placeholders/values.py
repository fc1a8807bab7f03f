"""Placeholder values: their sources, how a dotted name finds one, and how values read as text.

Values are plain data as YAML produces it (mappings, lists, strings, numbers, booleans, dates,
null). Nothing here calls a method or reads an attribute of a Python object: a dotted name walks
mapping keys and list indexes only, which is what keeps documents data rather than code.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

MISSING: Any = object()
"""Returned by `lookup` when a name is not defined; compare with ``is``."""


@dataclass(frozen=True, slots=True)
class Layer:
    """One source of values, with the label used in messages ("data file vars.yml")."""

    label: str
    values: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class SectionRef:
    """A value defined as a section of a page: ``{section: "FRS.md#system-architecture"}``."""

    page: str
    anchor: str
    heading: bool = False
    """Insert the section's own heading too (``heading: true``); by default only its content."""

    def __str__(self) -> str:
        return f"{self.page}#{self.anchor}"


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


def lookup(values: Mapping[str, Any], name: str) -> Any:
    """The value at a dotted name (``project.version``, ``authors.0``), or `MISSING`."""
    current: Any = values
    for part in name.split("."):
        if isinstance(current, Mapping):
            if part in current:
                current = current[part]
            elif part.isdigit() and int(part) in current:
                current = current[int(part)]
            else:
                return MISSING
        elif isinstance(current, list) and part.isdigit() and int(part) < len(current):
            current = current[int(part)]
        else:
            return MISSING
    return current


def defined_names(values: Mapping[str, Any], prefix: str = "", depth: int = 3) -> list[str]:
    """Every dotted name reachable in `values`, for "did you mean" suggestions."""
    names: list[str] = []
    for key, value in values.items():
        name = f"{prefix}{key}"
        names.append(name)
        if depth > 1 and isinstance(value, Mapping) and as_section_ref(value) is None:
            names.extend(defined_names(value, f"{name}.", depth - 1))
    return names


def as_section_ref(value: object) -> SectionRef | None:
    """The section a value points at, when it is a ``{section: "page.md#anchor"}`` mapping."""
    if not isinstance(value, Mapping) or "section" not in value:
        return None
    if not set(value) <= {"section", "heading"} or not isinstance(value["section"], str):
        return None
    page, _, anchor = value["section"].partition("#")
    return SectionRef(page.strip().lstrip("/"), anchor.strip(), bool(value.get("heading", False)))


class NotText(Exception):
    """A value that has no sensible text form: a mapping, or an object that is not plain data."""

    def __init__(self, kind: str, keys: list[str] | None = None) -> None:
        super().__init__(kind)
        self.kind = kind
        self.keys = keys


def scalar_text(value: object) -> str:
    """The text a plain value reads as in a page. Raises `NotText` for anything else."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, list):
        return ", ".join(scalar_text(item) for item in value)
    if isinstance(value, Mapping):
        raise NotText("mapping", [str(key) for key in value])
    raise NotText(type(value).__name__)
