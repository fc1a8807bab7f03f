"""Diagram results kept between builds: by diagram text and Mermaid version, in a JSON file."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path


def cache_key(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


@dataclass
class Cache:
    """Results by diagram text and Mermaid version: in memory, and in a JSON file between builds."""

    path: Path | None
    parsed: dict[str, list[Any]] = field(default_factory=dict)
    """`cache_key` → ``[ok, line, message]`` of a parse, as the JSON file keeps it."""
    svg: dict[str, dict[str, str]] = field(default_factory=dict)
    """`cache_key` → SVG by theme."""
    changed: bool = False

    @classmethod
    def load(cls, path: Path | None) -> Cache:
        cache = cls(path)
        if path is not None and path.is_file():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                cache.parsed, cache.svg = dict(data["parsed"]), dict(data["svg"])
            except (OSError, ValueError, KeyError, TypeError):
                pass  # a damaged cache is rebuilt, never trusted
        return cache

    def save(self) -> None:
        if self.path is None or not self.changed:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(json.dumps({"parsed": self.parsed, "svg": self.svg}), encoding="utf-8")
        temporary.replace(self.path)
        self.changed = False
