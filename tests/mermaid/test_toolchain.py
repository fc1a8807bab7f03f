"""What the machine offers for Mermaid, and what it lacks in words a user can act on."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import node_modules

from mkdocs_archcrew.mermaid import toolchain


def test_bundle_version() -> None:
    bundle = node_modules() / "mermaid" / "dist" / "mermaid.min.js"
    package = json.loads((bundle.parent.parent / "package.json").read_text(encoding="utf-8"))
    assert toolchain.version_of_bundle(bundle) == package["version"]


def test_toolchain_says_what_is_missing(tmp_path: Path) -> None:
    found = toolchain.Toolchain.find(tmp_path, None, "/nonexistent/chromium")
    assert (
        found.cannot_parse() == f"the npm package mermaid is not installed in {tmp_path} or above"
    )
    assert (
        found.cannot_render()
        == "no local Mermaid bundle (set mermaid.javascript, or npm install mermaid)"
    )
