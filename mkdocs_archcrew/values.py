"""Where placeholder values come from: data files, the config, built-ins; and how they read as text.

Values are plain data as YAML produces it (mappings, lists, strings, numbers, booleans, dates,
null). Nothing here calls a method or reads an attribute of a Python object: a dotted name walks
mapping keys and list indexes only, which is what keeps documents data rather than code.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .findings import ArchcrewError

# libyaml's loader when PyYAML has it: the same safe subset, many times faster.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> Any:
    """YAML as plain data: mappings, lists, strings, numbers, dates, never Python objects."""
    return yaml.load(text, Loader=_LOADER)


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


def build_date(environ: Mapping[str, str] = os.environ) -> str:
    """Today's date in UTC, or the date of ``SOURCE_DATE_EPOCH`` for reproducible builds."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return dt.datetime.now(dt.timezone.utc).date().isoformat()
    try:
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date().isoformat()
    except (ValueError, OverflowError, OSError):
        raise ArchcrewError(
            f"SOURCE_DATE_EPOCH={epoch!r} is not a whole number of seconds since 1970-01-01 UTC; "
            "set it to such a number (e.g. `git log -1 --format=%ct`) or unset it"
        ) from None


def load_data_file(path: Path, shown: str, listed_at: str) -> dict[str, Any]:
    """Read one YAML data file; any problem is an `ArchcrewError` naming the file and line.

    `shown` is the path as the user wrote it; `listed_at` says where it is configured
    (``mkdocs.yml:12``), for the case where the file itself cannot be read.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ArchcrewError(
            f"{listed_at}: data file '{shown}' not found (looked for {path}). "
            "Paths in data_files are relative to mkdocs.yml; fix the path or remove the entry."
        ) from None
    except (OSError, UnicodeDecodeError) as error:
        raise ArchcrewError(f"{listed_at}: data file '{shown}' cannot be read: {error}") from None
    try:
        data = load_yaml(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        what = error.problem or error.context or "invalid YAML"
        raise ArchcrewError(
            f"{shown}:{line}: data file is not valid YAML: {what}. "
            "Quote values that contain ':', '#', '{' or start with a special character."
        ) from None
    except yaml.YAMLError as error:
        raise ArchcrewError(f"{shown}:1: data file is not valid YAML: {error}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ArchcrewError(
            f"{shown}:1: a data file must be a mapping of names to values (name: value), "
            f"not a {_yaml_kind(data)}"
        )
    return data


def _yaml_kind(value: object) -> str:
    if isinstance(value, list):
        return "list"
    if isinstance(value, str):
        return "string"
    return type(value).__name__


def line_mentioning(text: str, needle: str) -> int:
    """1-based line of the first line containing `needle`, or 0 — to point at config entries."""
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    return 0


def site_values(config: Mapping[str, Any]) -> dict[str, Any]:
    """The ``site.*`` built-ins from MkDocs settings: strings only, never config objects."""
    keys = {
        "name": "site_name",
        "url": "site_url",
        "description": "site_description",
        "author": "site_author",
        "repo_url": "repo_url",
        "copyright": "copyright",
    }
    return {short: config[key] for short, key in keys.items() if isinstance(config.get(key), str)}


def title_from_path(path: str) -> str:
    """A page title from its file name, as MkDocs makes one when a page has no heading."""
    stem = Path(path).stem
    if stem.lower() in {"index", "readme"}:
        parent = Path(path).parent.name
        stem = parent or "Home"
    words = re.sub(r"[-_]+", " ", stem).strip()
    return words[:1].upper() + words[1:]
