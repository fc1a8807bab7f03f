"""YAML data files of placeholder values, read as plain data with errors naming file and line."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import yaml

from ..findings import ArchcrewError
from .bounded_yaml import OverLimit, read_yaml

if TYPE_CHECKING:
    from pathlib import Path

    from ..findings import Place


def load_data_file(path: Path, as_written: str, listed_at: Place) -> dict[str, Any]:
    """Read one YAML data file; any problem is an `ArchcrewError` naming the file and line.

    `as_written` is the path as mkdocs.yml gives it; `listed_at` says where it is configured
    (``mkdocs.yml:12``), for the case where the file itself cannot be read.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ArchcrewError(
            f"{listed_at}: data file '{as_written}' not found (looked for {path}). "
            "Paths in data_files are relative to mkdocs.yml; fix the path or remove the entry."
        ) from None
    except OSError as error:
        raise ArchcrewError(
            f"{listed_at}: data file '{as_written}' cannot be read: {error}"
        ) from None
    text = decoded(raw, as_written)
    try:
        data = read_yaml(text, keys=False).data
    except OverLimit as error:
        raise ArchcrewError(f"{as_written}:{error.line + 1}: data file: {error.problem}.") from None
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


def decoded(raw: bytes, as_written: str, what: str = "data file") -> str:
    """The file's text; a byte that is not UTF-8 is an `ArchcrewError` at its own line and
    column (`what` names the kind of file)."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line_start = raw.rfind(b"\n", 0, error.start) + 1
        line = raw.count(b"\n", 0, error.start) + 1
        column = len(raw[line_start : error.start].decode("utf-8-sig")) + 1
        raise ArchcrewError(
            f"{as_written}:{line}: {what} is not UTF-8: byte 0x{raw[error.start]:02x} at "
            f"column {column} is not UTF-8 text ({error.reason}). Save the file as UTF-8."
        ) from None


def _yaml_kind(value: object) -> str:
    if isinstance(value, list):
        return "list"
    if isinstance(value, str):
        return "string"
    return type(value).__name__
