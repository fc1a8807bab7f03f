"""The example site copied into a temporary folder, and built as a reader's machine would:
offline."""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

from conftest import EXAMPLE_SITE, Site, node_modules

if TYPE_CHECKING:
    from pathlib import Path


def example_copy(tmp_path: Path, edit: dict[str, str] | None = None) -> Site:
    """The example site in a temporary folder, sharing the repository's node_modules."""
    root = tmp_path / "example_site"
    shutil.copytree(
        EXAMPLE_SITE, root, ignore=shutil.ignore_patterns("node_modules", "site", ".cache")
    )
    (root / "node_modules").symlink_to(node_modules(), target_is_directory=True)
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    for old, new in (edit or {}).items():
        assert old in text
        text = text.replace(old, new)
    config.write_text(text, encoding="utf-8")
    return Site(root)


# Every HTTP(S) request of a build goes to a closed local port: a plugin that needs the internet
# at build time (mkdocs-mermaid2 checking its CDN) fails, as it would on an offline machine.
OFFLINE = dict.fromkeys(
    ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"), "http://127.0.0.1:9"
)


def build_ok(site: Site, *args: str) -> None:
    run = site.build("--strict", *args, **OFFLINE)
    assert run.returncode == 0, run.output
