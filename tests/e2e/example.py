"""The example site copied into a temporary folder, and built as a reader's machine would:
offline."""

from __future__ import annotations

from typing import TYPE_CHECKING

from conftest import Site, example_copy

if TYPE_CHECKING:
    pass

__all__ = ["OFFLINE", "build_ok", "example_copy"]


# Every HTTP(S) request of a build goes to a closed local port: a plugin that needs the internet
# at build time (mkdocs-mermaid2 checking its CDN) fails, as it would on an offline machine.
OFFLINE = dict.fromkeys(
    ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"), "http://127.0.0.1:9"
)


def build_ok(site: Site, *args: str) -> None:
    run = site.build("--strict", *args, **OFFLINE)
    assert run.returncode == 0, run.output
