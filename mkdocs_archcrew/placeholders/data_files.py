"""YAML data files of placeholder values, read as plain data with errors naming file and line."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import yaml

from ..findings import ArchcrewError

if TYPE_CHECKING:
    from pathlib import Path

    from ..findings import Place

# libyaml's loader when PyYAML has it: the same safe subset, many times faster.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> Any:
    """YAML as plain data: mappings, lists, strings, numbers, dates, never Python objects."""
    return yaml.load(text, Loader=_LOADER)


def load_data_file(path: Path, as_written: str, listed_at: Place) -> dict[str, Any]:
    """Read one YAML data file; any problem is an `ArchcrewError` naming the file and line.

    `as_written` is the path as mkdocs.yml gives it; `listed_at` says where it is configured
    (``mkdocs.yml:12``), for the case where the file itself cannot be read.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ArchcrewError(
            f"{listed_at}: data file '{as_written}' not found (looked for {path}). "
            "Paths in data_files are relative to mkdocs.yml; fix the path or remove the entry."
        ) from None
    except (OSError, UnicodeDecodeError) as error:
        raise ArchcrewError(
            f"{listed_at}: data file '{as_written}' cannot be read: {error}"
        ) from None
    try:
        data = load_yaml(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        what = error.problem or error.context or "invalid YAML"
        raise ArchcrewError(
            f"{as_written}:{line}: data file is not valid YAML: {what}. "
            "Quote values that contain ':', '#', '{' or start with a special character."
        ) from None
    except yaml.YAMLError as error:
        raise ArchcrewError(f"{as_written}:1: data file is not valid YAML: {error}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ArchcrewError(
            f"{as_written}:1: a data file must be a mapping of names to values (name: value), "
            f"not a {_yaml_kind(data)}"
        )
    return data


def _yaml_kind(value: object) -> str:
    if isinstance(value, list):
        return "list"
    if isinstance(value, str):
        return "string"
    return type(value).__name__
