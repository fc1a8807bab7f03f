"""What a build does with its diagrams, as the options say: check them (when the toolchain is
there, or always), draw them, and say plainly what is missing."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..findings import Finding, Severity
from . import check, render
from .check import ParseResult
from .toolchain import INSTALL_HINT, Toolchain, ToolchainError, version_of_bundle

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

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


def examine_diagrams(
    diagrams: Sequence[Diagram], options: DiagramOptions, cache: Cache, *, prerender: bool
) -> DiagramOutcome:
    """Check (and, when asked, draw) the diagrams, as the options say."""
    if not diagrams:
        return DiagramOutcome()
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
                svgs = render.render(drawable, toolchain, cache, options.security_level)
            except ToolchainError as error:
                problem(Severity.ERROR, str(error))
    cache.save()
    return DiagramOutcome(parsed, svgs, toolchain.version or "", findings)


SYNTAX: Code = "mermaid-syntax"


def syntax_findings(diagrams: Sequence[Diagram], outcome: DiagramOutcome) -> list[Finding]:
    """A finding for each diagram Mermaid's parser refused, at the line it names."""
    findings = []
    for diagram in diagrams:
        result = outcome.parsed.get(diagram.text)
        if result is None or result.ok:
            continue
        findings.append(
            Finding(
                Severity.ERROR,
                SYNTAX,
                f"Mermaid diagram does not parse (Mermaid {outcome.version})"
                f"{_quoted(diagram.text, result.line)}: {result.message}. Fix the diagram.",
                diagram.file,
                diagram.line + result.line if diagram.line else 0,
            )
        )
    return findings


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
