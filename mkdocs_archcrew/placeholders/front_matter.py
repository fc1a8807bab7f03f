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
from .bounded_yaml import OverLimit, read_yaml
from .syntax import occurrences

if TYPE_CHECKING:
    from ..findings import Code
    from ..markdown import Document

FRONT_MATTER_YAML: Code = "front-matter-yaml"
FRONT_MATTER_LIMIT: Code = "front-matter-limit"
DUPLICATE_KEY: Code = "front-matter-duplicate-key"
_NONCE_RUN = re.compile(r"zarchcrew(q*)")


@dataclass(frozen=True, slots=True)
class ParsedFrontMatter:
    """A page's front matter: its values (placeholders kept as written) and where its keys are."""

    values: dict[str, Any]
    key_lines: dict[str, int]
    """Line in the page file of each top-level key, for messages."""
    has_placeholders: bool
    findings: tuple[Finding, ...] = ()
    """What is wrong in it that still leaves it usable: keys given twice."""


def parse(doc: Document, file: str) -> tuple[ParsedFrontMatter | None, Finding | None]:
    """Parse `doc`'s front matter. ``(None, None)`` when it has none; a finding when it is broken
    or passes a limit of `bounded_yaml` (then the page is built without it).

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
    # One token per spelling: a key written twice is the same key with its placeholder too.
    numbers = {raw: number for number, raw in enumerate(dict.fromkeys(o.raw for o in found))}
    originals = list(numbers)
    tokens = [Edit(o.start, o.end, f"{nonce}{numbers[o.raw]}z") for o in found]
    try:
        read = read_yaml(splice(text, tokens))
    except OverLimit as error:
        return None, Finding(
            Severity.ERROR,
            FRONT_MATTER_LIMIT,
            f"front matter passes a limit: {error.problem}. The page is built without it.",
            file,
            first_line + error.line,
        )
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
    data = read.data
    if not isinstance(data, dict):
        return None, None
    pattern = re.compile(rf"{nonce}(\d+)z")

    def restored(text: str) -> str:
        return pattern.sub(lambda match: originals[int(match[1])], text)

    def restore(value: Any) -> Any:
        if isinstance(value, str):
            return restored(value)
        if isinstance(value, dict):
            return {restore(key): restore(item) for key, item in value.items()}
        if isinstance(value, list):
            return [restore(item) for item in value]
        return value

    values = restore(data) if originals else data
    lines = {restored(key): line for key, line in read.key_lines.items()}
    key_lines = {str(key): first_line + lines.get(str(key), 0) for key in values}
    duplicates = tuple(
        Finding(
            Severity.WARNING,
            DUPLICATE_KEY,
            f"front matter key '{restored(twice.key)}' is given twice, at lines "
            f"{first_line + twice.first} and {first_line + twice.second}; YAML keeps the "
            "last one only. Remove one of them, or rename it.",
            file,
            first_line + twice.second,
        )
        for twice in read.duplicates
    )
    return ParsedFrontMatter(values, key_lines, bool(originals), duplicates), None


def _nonce(text: str) -> str:
    """A token prefix that does not occur in `text`, made of letters YAML reads as plain text."""
    # One q more than the longest run the text holds: one pass, however many runs it has.
    longest = max((len(found[1]) for found in _NONCE_RUN.finditer(text)), default=-1)
    return "zarchcrew" + "q" * (longest + 1)


def render(values: dict[str, Any]) -> str:
    """A front matter block (delimiters included) that MkDocs reads back as `values`."""
    dumped = yaml.safe_dump(
        values, sort_keys=False, allow_unicode=True, default_flow_style=False, width=2**16
    )
    return f"---\n{dumped}---\n"
