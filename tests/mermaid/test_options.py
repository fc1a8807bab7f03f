"""The typed ``mermaid:`` options: `is_url`, and `DiagramOptions.local_javascript` (the local
bundle, or none for a URL or no setting)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mkdocs_archcrew.findings import Place
from mkdocs_archcrew.mermaid.options import DiagramOptions, is_url


@pytest.mark.parametrize(
    ("javascript", "url"),
    [
        ("https://cdn.jsdelivr.net/npm/mermaid@11/dist/mermaid.min.js", True),
        ("http://example.org/mermaid.js", True),
        ("file:///opt/mermaid.min.js", True),
        ("node_modules/mermaid/dist/mermaid.min.js", False),
        ("/abs/path/mermaid.min.js", False),
        ("C:/mermaid/mermaid.min.js", False),  # a drive letter is no scheme
        ("https:/one-slash.js", False),
        ("see https://x.org/m.js", False),  # only at the start
    ],
)
def test_is_url(javascript: str, url: bool) -> None:
    assert is_url(javascript) is url


def test_an_upper_case_scheme_is_a_url() -> None:
    assert is_url("HTTPS://cdn.jsdelivr.net/npm/mermaid/dist/mermaid.min.js")


def options(javascript: str | None) -> DiagramOptions:
    return DiagramOptions(
        javascript,
        validate="auto",
        prerender=False,
        security_level="strict",
        browser=None,
        cache_file=Path("/tmp/cache.json"),
        project_dir=Path("/project"),
        place=Place("mkdocs.yml", 7),
    )


def test_local_javascript() -> None:
    assert options("/project/node_modules/mermaid/dist/mermaid.min.js").local_javascript == Path(
        "/project/node_modules/mermaid/dist/mermaid.min.js"
    )
    assert options("https://cdn.example.org/mermaid.min.js").local_javascript is None
    assert options(None).local_javascript is None
