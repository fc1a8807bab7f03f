"""Front matter with placeholders in it: read it as YAML, and write it back filled.

Architect Crew templates write ``version: {{claudeVersion}}`` unquoted, which YAML reads as a
flow mapping and rejects. Each placeholder is swapped for an inert token before parsing and
swapped back after, so the block parses exactly as the author meant it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import yaml

from ..findings import Finding, Severity
from ..markdown.edits import Edit, splice
from .data_files import load_yaml
from .syntax import occurrences

if TYPE_CHECKING:
    from ..findings import Code
    from ..markdown import Document

FRONT_MATTER_YAML: Code = "front-matter-yaml"


@dataclass(frozen=True, slots=True)
class ParsedFrontMatter:
    """A page's front matter: its values (placeholders kept as written) and where its keys are."""

    values: dict[str, Any]
    key_lines: dict[str, int]
    """Line in the page file of each top-level key, for messages."""
    has_placeholders: bool


def parse(doc: Document, file: str) -> tuple[ParsedFrontMatter | None, Finding | None]:
    """Parse `doc`'s front matter. ``(None, None)`` when it has none; a finding when it is broken.

    A block that parses to something other than a mapping is not front matter to MkDocs either
    (a page may open with a ``---`` rule): that also gives ``(None, None)``.
    """
    block = doc.front_matter
    if block is None:
        return None, None
    text = block.yaml(doc.text)
    first_line = doc.line_of(block.yaml_start)
    nonce = _nonce(text)
    found = list(occurrences(text))
    originals = [occurrence.raw for occurrence in found]
    tokens = [Edit(o.start, o.end, f"{nonce}{number}z") for number, o in enumerate(found)]
    try:
        data = load_yaml(splice(text, tokens))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = first_line + (mark.line if mark else 0)
        return None, Finding(
            Severity.WARNING,
            FRONT_MATTER_YAML,
            f"front matter is not valid YAML ({error.problem or error.context}); the page is "
            "built without it. Fix the YAML, or quote values that contain ':', '#' or '{'.",
            file,
            line,
        )
    except yaml.YAMLError as error:  # pragma: no cover - PyYAML raises marked errors for text
        return None, Finding(
            Severity.WARNING,
            FRONT_MATTER_YAML,
            f"front matter is not valid YAML: {error}",
            file,
            first_line,
        )
    if not isinstance(data, dict):
        return None, None
    pattern = re.compile(rf"{nonce}(\d+)z")

    def restore(value: Any) -> Any:
        if isinstance(value, str):
            return pattern.sub(lambda match: originals[int(match[1])], value)
        if isinstance(value, dict):
            return {restore(key): restore(item) for key, item in value.items()}
        if isinstance(value, list):
            return [restore(item) for item in value]
        return value

    values = restore(data) if originals else data
    key_lines = {str(key): first_line + _line_in_block(text, str(key)) for key in values}
    return ParsedFrontMatter(values, key_lines, bool(originals)), None


def _nonce(text: str) -> str:
    """A token prefix that does not occur in `text`, made of letters YAML reads as plain text."""
    nonce = "zarchcrew"
    while nonce in text:
        nonce += "q"
    return nonce


def render(values: dict[str, Any]) -> str:
    """A front matter block (delimiters included) that MkDocs reads back as `values`."""
    dumped = yaml.safe_dump(
        values, sort_keys=False, allow_unicode=True, default_flow_style=False, width=2**16
    )
    return f"---\n{dumped}---\n"


def _line_in_block(text: str, key: str) -> int:
    """The line of a top-level key in a YAML block (0 for its first line), written bare or
    quoted; 0 when it is not found."""
    spellings = "|".join(re.escape(form) for form in (key, f'"{key}"', f"'{key}'"))
    found = re.search(rf"^(?:{spellings})\s*:", text, re.MULTILINE)
    return text.count("\n", 0, found.start()) if found else 0
