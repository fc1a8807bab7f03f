"""The review file: each requirement's wording as last reviewed against the FRS, and each
document's sources as they stood when it was last regenerated.

Written by ``archcrew review``, never by a build; read by every build. YAML, sorted (IDs in
their natural order, FR-2 before FR-10), one line per fact, the same bytes for the same
reviews: a pull request shows a review as the lines it changed::

    # archcrew review file: ...
    requirements:
      FR-1:
        fingerprint: "3f1c0a9e5d7b2c48"
        text: "Gauges: the service reads every gauge every 5 minutes."
    documents:
      CLAUDE.md:
        RDS.md:
          fingerprint: "0b6e5f1d2c3a4b59"
          parts:
            FR-1: "3f1c0a9e5d7b2c48"
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import yaml

from ..findings import Finding, Severity
from ..placeholders.bounded_yaml import OverLimit, read_yaml
from ..trace.requirements import natural_order

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ..findings import Code

FILE_CODE: Code = "review-file"
DEFAULT_REVIEW_FILE = "archcrew-review.yml"

HEADER = (
    "# archcrew review file: each requirement's words as last reviewed against the FRS, and\n"
    "# each document's sources as they stood when it was last regenerated.\n"
    "# Written by `archcrew review` (see `archcrew review --help`); commit it with the docs.\n"
)
_FINGERPRINT = re.compile(r"[0-9a-f]{16}")
_PLAIN_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ._/()-]*")
_CONFLICT = re.compile(r"^(<<<<<<<|=======|>>>>>>>)", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Reviewed:
    """A requirement as last reviewed: the fingerprint of its wording, and that wording."""

    fingerprint: str
    text: str
    line: int = 0
    """Its line in the review file (0 for one not read from a file)."""


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A document's source as it stood when the document was last regenerated: a fingerprint
    of its whole wording, and one of each part (requirement, or section when it defines none)."""

    fingerprint: str
    parts: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ReviewFile:
    """What the review file records (nothing, when there is none)."""

    file: str
    """Its path for messages (relative to the project folder)."""
    exists: bool = False
    requirements: Mapping[str, Reviewed] = field(default_factory=dict)
    documents: Mapping[str, Mapping[str, Snapshot]] = field(default_factory=dict)
    """For each document (path in docs_dir), each of its sources' snapshots."""
    document_lines: Mapping[str, int] = field(default_factory=dict)
    findings: tuple[Finding, ...] = ()
    """What is wrong in the file: what a wrong entry records is not used."""


def parse(text: str, file: str) -> ReviewFile:
    """Read a review file's text; every problem is a finding naming its line, never an
    exception, and a wrong entry is left out (its requirement counts as not reviewed)."""
    conflict = _CONFLICT.search(text)
    if conflict:
        line = text.count("\n", 0, conflict.start()) + 1
        return _broken(
            file,
            line,
            "the review file holds a merge conflict; take one side whole (git checkout --ours "
            f"{file}), then run `archcrew review` with the IDs the other side reviewed",
        )
    lean = _lean(text, file)
    if lean is not None:
        return lean
    written = as_written(text)
    try:
        data = written.data if written else read_yaml(text, keys=False).data
    except OverLimit as error:
        return _broken(file, error.line + 1, f"{error.problem}; run `archcrew review` again")
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        what = error.problem or error.context or "invalid YAML"
        return _broken(
            file,
            mark.line + 1 if mark else 1,
            f"the review file is not valid YAML ({what}); run `archcrew review` to write it again",
        )
    except yaml.YAMLError as error:
        return _broken(file, 1, f"the review file is not valid YAML: {error}")
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return _broken(file, 1, "the review file must be a mapping with 'requirements:'")
    lines = written.lines if written else _KeyLines.of(text)
    findings: list[Finding] = []
    for key in data:
        if key not in ("requirements", "documents"):
            findings.append(
                _finding(
                    file,
                    lines.top(str(key)),
                    f"'{key}' is not part of a review file (it holds 'requirements' and "
                    "'documents'); remove it",
                    Severity.WARNING,
                )
            )
    requirements = _requirements(data.get("requirements"), file, lines, findings)
    documents, document_lines = _documents(data.get("documents"), file, lines, findings)
    return ReviewFile(file, True, requirements, documents, document_lines, tuple(findings))


def _requirements(
    value: Any, file: str, lines: _KeyLines, findings: list[Finding]
) -> dict[str, Reviewed]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        findings.append(_finding(file, lines.top("requirements"), _NOT_A_MAPPING))
        return {}
    found: dict[str, Reviewed] = {}
    for key, entry in value.items():
        line = lines.entry(str(key))
        if (
            not isinstance(entry, dict)
            or not isinstance(entry.get("fingerprint"), str)
            or not _FINGERPRINT.fullmatch(entry["fingerprint"])
            or not isinstance(entry.get("text", ""), str)
        ):
            findings.append(
                _finding(
                    file,
                    line,
                    f"the review of {key} is not a 'fingerprint' of 16 hex digits with its "
                    f"'text'; run `archcrew review {key}` to write it again",
                )
            )
            continue
        found[str(key)] = Reviewed(entry["fingerprint"], entry.get("text", ""), line)
    return found


def _documents(
    value: Any, file: str, lines: _KeyLines, findings: list[Finding]
) -> tuple[dict[str, dict[str, Snapshot]], dict[str, int]]:
    if value is None:
        return {}, {}
    if not isinstance(value, dict):
        findings.append(_finding(file, lines.top("documents"), _NOT_A_MAPPING))
        return {}, {}
    documents: dict[str, dict[str, Snapshot]] = {}
    document_lines: dict[str, int] = {}
    for document, sources in value.items():
        line = lines.entry(str(document))
        snapshots = _snapshots(sources)
        if snapshots is None:
            findings.append(
                _finding(
                    file,
                    line,
                    f"the record of {document} is not its sources' fingerprints; run "
                    f"`archcrew review --document {document}` to write it again",
                )
            )
            continue
        documents[str(document)] = snapshots
        document_lines[str(document)] = line
    return documents, document_lines


def _snapshots(sources: Any) -> dict[str, Snapshot] | None:
    if not isinstance(sources, dict):
        return None
    snapshots = {}
    for source, entry in sources.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("fingerprint"), str):
            return None
        parts = entry.get("parts") or {}
        if not isinstance(parts, dict) or not all(isinstance(v, str) for v in parts.values()):
            return None
        snapshots[str(source)] = Snapshot(
            entry["fingerprint"], {str(k): v for k, v in parts.items()}
        )
    return snapshots


_NOT_A_MAPPING = "this must be a mapping (written by `archcrew review`); run it again"


_SECTION = re.compile(r"(?m)^requirements:\n")
_ENTRY = re.compile(
    r'  (?P<key>"[^"\\\n]*(?:\\.[^"\\\n]*)*"|[A-Za-z0-9][^:\n"#]*?):\n'
    r'    fingerprint: "(?P<fingerprint>[0-9a-f]{16})"\n'
    r'    text: (?P<text>"[^"\\\n]*(?:\\.[^"\\\n]*)*")\n'
)


def _lean(text: str, file: str) -> ReviewFile | None:
    """The review file read entry by entry with one pattern, when its requirements are laid
    out exactly as `dump` writes them (what `archcrew review` leaves); None otherwise.

    A build reads all of it: line by line into dictionaries first, 5,000 requirements took
    five megabytes more at once than they keep, which the build then kept as its peak."""
    section = _SECTION.search(text)
    if section is None or not _comments_only(text[: section.start()]):
        return None
    requirements: dict[str, Reviewed] = {}
    line = text.count("\n", 0, section.end()) + 1
    position = section.end()
    while (entry := _ENTRY.match(text, position)) is not None:
        key, words = _key_text(entry["key"]), _value_text(entry["text"])
        if key is None or words is None or key in requirements:
            return None
        requirements[key] = Reviewed(entry["fingerprint"], words, line)
        position, line = entry.end(), line + 3
    rest = text[position:]
    if rest.strip() and not rest.startswith("documents:"):
        return None
    documents = as_written(rest) if rest.strip() else _Written({}, _KeyLines())
    if documents is None or set(documents.data) - {"documents"}:
        return None
    findings: list[Finding] = []
    lines = documents.lines.shifted(line - 1)
    found, document_lines = _documents(documents.data.get("documents"), file, lines, findings)
    return ReviewFile(file, True, requirements, found, document_lines, tuple(findings))


def _comments_only(text: str) -> bool:
    return all(not line.strip() or line.startswith("#") for line in text.splitlines())


@dataclass(frozen=True, slots=True)
class _Written:
    data: dict[str, Any]
    lines: _KeyLines


def as_written(text: str) -> _Written | None:
    """The data of a review file in the exact layout `dump` writes, read line by line; None
    for anything else (an edited file), which the YAML parser then reads.

    A build reads the whole file: 5,000 requirements are 15,000 lines, which PyYAML turns into
    data in over a second, and this in a few hundredths."""
    data: dict[str, Any] = {}
    lines = _KeyLines()
    # The mapping open at each depth: the file, a section, an entry, a source, its parts.
    open_at: list[dict[str, Any]] = [data]
    for number, line in enumerate(text.splitlines(), start=1):
        if not line or line.startswith("#"):
            continue
        match = _LAYOUT.match(line)
        if match is None:
            return None
        depth = len(match["indent"]) // 2
        key, value = _key_text(match["key"]), match["value"] or ""
        if key is None or depth >= len(open_at) or key in open_at[depth]:
            return None
        del open_at[depth + 1 :]
        if depth < 2:
            lines.add(depth, key, number)
        if not value or value == "{}":
            open_at[depth][key] = {}
            if not value:
                open_at.append(open_at[depth][key])
            continue
        decoded = _value_text(value) if depth >= 2 else None
        if decoded is None:
            return None
        open_at[depth][key] = decoded
    return _Written(data, lines)


_LAYOUT = re.compile(
    r'^(?P<indent>(?:  ){0,4})(?P<key>"[^"\\]*(?:\\.[^"\\]*)*"|[^\s"#][^:]*?):(?: (?P<value>.*))?$'
)
_SAFE_ESCAPES = re.compile(r'\\(?:[^"\\bfnrtu]|u(?![0-9a-fA-F]{4})|u[dD][89a-fA-F])')
"""Escapes YAML and JSON read differently: a text holding one goes to the YAML parser."""


def _key_text(key: str) -> str | None:
    if key.startswith('"'):
        return _value_text(key)
    if key != key.strip():
        return None
    if _WORD_KEY.fullmatch(key) and key.lower() not in _YAML_WORDS:
        return key  # starts with a letter: only YAML's words for booleans and null are not text
    return key if _resolves_to_text(key) else None


_QUOTED = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_WORD_KEY = re.compile(r"[A-Za-z][\w.()/ -]*")
_YAML_WORDS = frozenset({"y", "n", "yes", "no", "true", "false", "on", "off", "null"})


def _value_text(value: str) -> str | None:
    """A double-quoted value, as `dump` writes it; None for any other (the YAML parser's)."""
    if not _QUOTED.fullmatch(value):
        return None
    if "\\" not in value:
        return value[1:-1]  # the pattern took it whole between its quotes: nothing to decode
    if _SAFE_ESCAPES.search(value):
        return None
    try:
        decoded = json.loads(value)
    except ValueError:
        return None
    return decoded if isinstance(decoded, str) else None


class _KeyLines:
    """Lines of the keys of a review file (sections, and entries under them): found while
    reading it in its own layout, or in one pass over its text otherwise."""

    def __init__(self) -> None:
        self._top: dict[str, int] = {}
        self._entries: dict[str, int] = {}

    @classmethod
    def of(cls, text: str) -> _KeyLines:
        lines = cls()
        for number, line in enumerate(text.splitlines(), start=1):
            match = _KEY_LINE.match(line)
            if match is None:
                continue
            key = match["key"]
            if key.startswith('"'):
                try:
                    key = json.loads(key)
                except ValueError:
                    continue
            lines.add(1 if match["indent"] else 0, key, number)
        return lines

    def shifted(self, lines: int) -> _KeyLines:
        """The same keys, `lines` further down (for a part of a file read on its own)."""
        moved = _KeyLines()
        moved._top = {key: line + lines for key, line in self._top.items()}
        moved._entries = {key: line + lines for key, line in self._entries.items()}
        return moved

    def add(self, depth: int, key: str, line: int) -> None:
        (self._entries if depth else self._top).setdefault(key, line)

    def top(self, key: str) -> int:
        return self._top.get(key, 1)

    def entry(self, key: str) -> int:
        return self._entries.get(key, 1)


_KEY_LINE = re.compile(
    r'^(?P<indent>(?:  )?)(?P<key>"[^"\\]*(?:\\.[^"\\]*)*"|[^\s"#][^:]*?)\s*:(?:\s|$)'
)


def unreadable_review(file: str, problem: str) -> Finding:
    """A review file that cannot be read: nothing in it counts as reviewed."""
    return _finding(
        file,
        0,
        f"the review file cannot be read ({problem}); every requirement counts as not "
        "reviewed until `archcrew review` writes it again",
    )


def _broken(file: str, line: int, message: str) -> ReviewFile:
    return ReviewFile(file, True, findings=(_finding(file, line, message),))


def _finding(file: str, line: int, message: str, severity: Severity = Severity.ERROR) -> Finding:
    return Finding(severity, FILE_CODE, message, file, line)


def dump(
    requirements: Mapping[str, Reviewed], documents: Mapping[str, Mapping[str, Snapshot]]
) -> str:
    """The review file's text: sorted, one fact per line, the same bytes for the same record."""
    out = [HEADER, "requirements:"]
    if not requirements:
        out[-1] += " {}"
    for key in sorted(requirements, key=_order):
        reviewed = requirements[key]
        out.append(f"  {_key(key)}:")
        out.append(f'    fingerprint: "{reviewed.fingerprint}"')
        out.append(f"    text: {_quoted(reviewed.text)}")
    out.append("documents:" + ("" if documents else " {}"))
    for document in sorted(documents):
        out.append(f"  {_key(document)}:")
        for source, snapshot in sorted(documents[document].items()):
            out.append(f"    {_key(source)}:")
            out.append(f'      fingerprint: "{snapshot.fingerprint}"')
            if snapshot.parts:
                out.append("      parts:")
                for part in sorted(snapshot.parts, key=_order):
                    out.append(f'        {_key(part)}: "{snapshot.parts[part]}"')
    return "\n".join(out) + "\n"


def _order(key: str) -> tuple[list[str | int], str]:
    """IDs in their natural order (FR-2 before FR-10), and by text where that ties (FR-1 and
    FR-01): one order for any record."""
    return natural_order(key), key


def _key(key: str) -> str:
    """A key as YAML reads it back: plain when it is safe so, quoted otherwise."""
    plain = _PLAIN_KEY.fullmatch(key) and not key.endswith(" ") and ": " not in key
    return key if plain and _resolves_to_text(key) else _quoted(key)


def _resolves_to_text(key: str) -> bool:
    """Whether YAML reads `key` unquoted as text (not ``yes``, ``null``, ``1.5``)."""
    tag = _RESOLVER.resolve(yaml.ScalarNode, key, (True, False))  # type: ignore[no-untyped-call]
    return bool(tag == "tag:yaml.org,2002:str")


_RESOLVER = yaml.resolver.Resolver()


def _quoted(text: str) -> str:
    """Text as a double-quoted YAML scalar on one line: JSON's escapes, which YAML reads, and
    every character YAML would not take as printable escaped too."""
    quoted = json.dumps(text, ensure_ascii=False)
    return "".join(
        ch
        if ch.isprintable() or ch == " "
        else f"\\u{ord(ch):04x}"
        if ord(ch) < 0x10000
        else f"\\U{ord(ch):08x}"
        for ch in quoted
    )
