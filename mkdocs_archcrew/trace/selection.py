"""Which pages are RDS pages and which FRS pages."""

from __future__ import annotations

import fnmatch
import posixpath
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable


def select_pages(
    paths: Iterable[str], patterns: tuple[str, ...] | None, prefix: str
) -> tuple[list[str], list[str]]:
    """The pages a list of glob patterns selects (by default: file names starting with
    `prefix`, any case), in the order of `paths`, and the patterns that select none."""
    paths = list(paths)
    if patterns is None:
        chosen = [p for p in paths if posixpath.basename(p).lower().startswith(prefix.lower())]
        return chosen, []
    chosen, unmatched = [], []
    for pattern in patterns:
        hits = [p for p in paths if fnmatch.fnmatchcase(p, pattern.lstrip("/"))]
        if not hits:
            unmatched.append(pattern)
        chosen.extend(hit for hit in hits if hit not in chosen)
    order = {path: index for index, path in enumerate(paths)}
    return sorted(chosen, key=order.__getitem__), unmatched
