"""What a build does with its diagrams, as the options say: check them (when the toolchain is
there, or always), draw them, and say plainly what is missing."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, cast

from ..findings import Finding, Severity
from . import check, render, size
from .check import ParseResult
from .size import SizeLimit
from .toolchain import INSTALL_HINT, Toolchain, ToolchainError, version_of_bundle

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from ..findings import Code
    from .cache import Cache
    from .diagrams import Diagram
    from .options import DiagramOptions

TOOLCHAIN: Code = "mermaid-toolchain"


@dataclass(frozen=True)
class DiagramOutcome:
    """What the toolchain said of a project's diagrams, by diagram text."""

    parsed: Mapping[str, ParseResult] = field(default_factory=dict)
    svgs: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    version: str = ""
    findings: list[Finding] = field(default_factory=list)
    """Problems of the toolchain itself (not installed, failed)."""
    on_error: Level = "error"
    """What a diagram that does not parse is, unless it or its page says otherwise."""
    too_large: Mapping[str, int] = field(default_factory=dict)
    """The diagrams over Mermaid's size limit, by text: their length as Mermaid counts it."""
    size_limit: SizeLimit = field(default_factory=SizeLimit)


def examine_diagrams(
    diagrams: Sequence[Diagram], options: DiagramOptions, cache: Cache, *, prerender: bool
) -> DiagramOutcome:
    """Check (and, when asked, draw) the diagrams, as the options say. A diagram over Mermaid's
    size limit is neither parsed nor drawn: Mermaid would not draw it, and parsing a megabyte
    takes half a minute."""
    limit = options.size_limit
    if not diagrams:
        return DiagramOutcome(on_error=options.on_error, size_limit=limit)
    too_large: dict[str, int] = {}
    for diagram in diagrams:
        length = size.too_large(diagram.text, limit.characters)
        if length is not None:
            too_large[diagram.text] = length
    if too_large:
        diagrams = [diagram for diagram in diagrams if diagram.text not in too_large]
    if not options.validate:
        too_large = {}  # not checked, as asked: the browser will say it
    local = options.local_javascript
    toolchain = Toolchain.find(options.project_dir, local, options.browser)
    findings: list[Finding] = []
    parsed: dict[str, ParseResult] = {}
    svgs: dict[str, dict[str, str]] = {}

    def problem(severity: Severity, message: str) -> None:
        findings.append(Finding.at(options.place, severity, TOOLCHAIN, message))

    if options.validate:
        required = options.validate is True
        missing = None if toolchain.version else toolchain.cannot_parse()
        todo: list[str] = []
        if toolchain.version:
            parsed, todo = check.cached(diagrams, toolchain.version, cache)
            missing = toolchain.cannot_parse() if todo else None
        if missing:
            problem(
                Severity.ERROR if required else Severity.INFO,
                f"Mermaid diagrams are not checked: {missing}. To check them at build time: "
                f"{INSTALL_HINT}; or set mermaid.validate: false.",
            )
        elif todo:
            try:
                parsed.update(check.parse(todo, toolchain, cache))
            except ToolchainError as error:
                problem(Severity.ERROR if required else Severity.WARNING, str(error))
        bundle = version_of_bundle(local) if local else None
        if bundle and toolchain.version and bundle != toolchain.version:
            problem(
                Severity.WARNING,
                f"diagrams are checked with Mermaid {toolchain.version} (node_modules) but "
                f"the site loads Mermaid {bundle} ({options.javascript}); use the same "
                "version for both.",
            )
    if prerender:
        missing = toolchain.cannot_render()
        if missing:
            problem(Severity.ERROR, f"mermaid.prerender: svg cannot draw diagrams: {missing}.")
        else:
            drawable = [d for d in diagrams if parsed.get(d.text, ParseResult(True)).ok]
            try:
                svgs = render.render(
                    drawable, toolchain, cache, options.security_level, limit.characters
                )
            except ToolchainError as error:
                problem(Severity.ERROR, str(error))
    cache.save()
    return DiagramOutcome(
        parsed,
        svgs,
        toolchain.version or "",
        findings,
        options.on_error,
        too_large,
        limit,
    )


SYNTAX: Code = "mermaid-syntax"


def syntax_findings(
    diagrams: Sequence[Diagram],
    outcome: DiagramOutcome,
    page_level: Callable[[Diagram], Level | None] = lambda diagram: None,
) -> list[Finding]:
    """A finding for each diagram Mermaid's parser refused, at the line it names: at the level
    the diagram asks for (a ``%% archcrew: skip`` or ``warn`` line), else its page
    (`page_level`), else the site (``mermaid.on_error``). A skipped diagram's error is still
    said, at info level, so that it is never lost."""
    findings = []
    for diagram in diagrams:
        level = own_level(diagram.text) or page_level(diagram) or outcome.on_error
        severity = {"error": Severity.ERROR, "warn": Severity.WARNING}.get(level, Severity.INFO)
        length = outcome.too_large.get(diagram.text)
        if length is not None:
            findings.append(_too_large(diagram, length, outcome, severity))
            continue
        result = outcome.parsed.get(diagram.text)
        if result is None or result.ok:
            continue
        line = source_line(diagram.text, result.line)
        fix = (
            "Fix the diagram."
            if level != "skip"
            else "Not checked: the diagram or its page says skip."
        )
        findings.append(
            Finding(
                severity,
                SYNTAX,
                f"Mermaid diagram does not parse (Mermaid {outcome.version})"
                f"{_quoted(diagram.text, line)}: {result.message}. {fix}",
                diagram.file,
                diagram.line + line if diagram.line else 0,
            )
        )
    return findings


TOO_LARGE: Code = "mermaid-too-large"


def _too_large(
    diagram: Diagram, length: int, outcome: DiagramOutcome, severity: Severity
) -> Finding:
    """A diagram Mermaid would not draw for its size, at its fence."""
    limit = outcome.size_limit
    if diagram.line:
        fix = "Split it into smaller diagrams"
    else:  # {{ traceDiagram }}, made from the requirements
        fix = (
            "The traceability diagram grows with the requirements: on a project this size, "
            "show the table ({{ rdsToFrsValidation }}) instead"
        )
    fix += f", or {limit.raise_it}." if limit.raise_it else "."
    if severity == Severity.INFO:
        fix += " Not checked: the diagram or its page says skip."
    return Finding(
        severity,
        TOO_LARGE,
        f"Mermaid diagram is {length:,} characters long as Mermaid counts them, over the "
        f"{limit.characters:,} it draws (maxTextSize: {limit.source}), so readers would see "
        f"'Maximum text size in diagram exceeded' in its place. {fix}",
        diagram.file,
        diagram.line,
    )


Level = Literal["error", "warn", "skip"]
"""What a diagram that does not parse is: an error, a warning, or said at info level only."""

_OWN_LEVEL = re.compile(r"^[ \t]*%%[ \t]*archcrew:[ \t]*(skip|warn|error)[ \t]*$", re.MULTILINE)


def own_level(text: str) -> Level | None:
    """What a diagram says of itself in a Mermaid comment line, ``%% archcrew: skip``."""
    found = _OWN_LEVEL.search(text) if "archcrew" in text else None
    return cast("Level", found[1]) if found else None


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n---[ \t]*(?:\n|\Z)", re.DOTALL)
_COMMENT = re.compile(r"[ \t]*%%(?!\{).")
"""A comment line, which Mermaid drops with its line end before parsing."""
_DIRECTIVE = re.compile(r"[ \t]*%%\{.*\}%%[ \t]*$")
"""A directive line (``%%{init: …}%%``), which Mermaid empties before parsing."""


def source_line(text: str, line: int) -> int:
    """The line of `text` (1: the first after the fence) that Mermaid's line `line` is.
    Mermaid parses the diagram without its front matter, its comment and directive lines and
    the blank lines these leave at its start, and counts lines in what is left."""
    front = _FRONT_MATTER.match(text)
    start = text.count("\n", 0, front.end()) if front else 0
    kept: list[int] = []
    for number, content in enumerate(text.split("\n")[start:], start + 1):
        if _COMMENT.match(content):
            continue
        if not kept and (not content.strip() or _DIRECTIVE.match(content)):
            continue
        kept.append(number)
    return kept[line - 1] if 1 <= line <= len(kept) else line


QUOTED_LENGTH = 120
"""How much of a diagram's line a message quotes."""


def _quoted(text: str, line: int) -> str:
    """The diagram's line `line` (1: the first after the fence), quoted as written."""
    lines = text.split("\n")
    if not 1 <= line <= len(lines):
        return ""
    shown = lines[line - 1].strip()
    if len(shown) > QUOTED_LENGTH:
        shown = shown[: QUOTED_LENGTH - 1] + "…"
    return f" at its line {line}, {shown!r}" if shown else f" at its line {line}"
