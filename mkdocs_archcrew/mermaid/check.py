"""Diagrams checked with Mermaid's own parser: all of a build in one Node.js process
(``parse.mjs``, under jsdom), results cached."""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

from .cache import cache_key
from .toolchain import ToolchainError

if TYPE_CHECKING:
    from collections.abc import Iterable

    from .cache import Cache
    from .diagrams import Diagram
    from .toolchain import Toolchain


PARSED = "parse-2"
"""What parse results are keyed by in the cache, with the form of their message: results kept
in an older form are parsed again."""


@dataclass(frozen=True, slots=True)
class ParseResult:
    """What Mermaid's parser said of a diagram."""

    ok: bool
    line: int = 0
    """Line of the diagram (1 = the first line after the fence) where parsing failed."""
    message: str = ""


def cached(
    diagrams: Iterable[Diagram], version: str, cache: Cache
) -> tuple[dict[str, ParseResult], list[str]]:
    """What the cache knows of the diagrams (by text), and the texts it does not know."""
    results: dict[str, ParseResult] = {}
    todo: list[str] = []
    for diagram in diagrams:
        key = cache_key(PARSED, version, diagram.text)
        if key in cache.parsed:
            ok, line, message = cache.parsed[key]
            results[diagram.text] = ParseResult(bool(ok), int(line), str(message))
        elif diagram.text not in todo:
            todo.append(diagram.text)
    return results, todo


def parse(texts: list[str], toolchain: Toolchain, cache: Cache) -> dict[str, ParseResult]:
    """Parse diagrams in one Node process, and remember the results."""
    if toolchain.node is None or toolchain.version is None:
        raise ToolchainError("Node.js with mermaid is needed to check diagrams")
    script = resources.files(__package__ or __name__).joinpath("parse.mjs")
    with resources.as_file(script) as path:
        try:
            completed = subprocess.run(
                [toolchain.node, str(path), str(toolchain.project_dir)],
                input=json.dumps({"diagrams": texts}),
                capture_output=True,
                text=True,
                timeout=120 + 2 * len(texts),
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            raise ToolchainError(f"Node.js could not check the diagrams: {error}") from None
    try:
        output = json.loads(completed.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        detail = (completed.stderr or completed.stdout).strip().splitlines()[-1:] or ["no output"]
        raise ToolchainError(f"Node.js could not check the diagrams: {detail[0]}") from None
    if "error" in output:
        raise ToolchainError(str(output["error"]))
    results: dict[str, ParseResult] = {}
    for text, outcome in zip(texts, output["results"], strict=True):
        result = ParseResult(
            bool(outcome["ok"]),
            int(outcome.get("line", 0)),
            _brief(str(outcome.get("message", ""))),
        )
        results[text] = result
        cache.parsed[cache_key(PARSED, toolchain.version, text)] = [
            result.ok,
            result.line,
            result.message,
        ]
        cache.changed = True
    return results


def _brief(message: str) -> str:
    """Mermaid's message in one line: what it expected. The text it quotes is left out: the
    diagram's lines run together there (the finding quotes the line as written instead)."""
    lines = [line for line in message.splitlines() if line.strip()]
    if (
        len(lines) >= 4
        and lines[0].startswith("Parse error on line")
        and set(lines[2]) <= {"-", "^"}
    ):
        return lines[3]
    return " ".join(lines)
