"""One `mkdocs serve`-style rebuild, timed: build, edit a page, build again in the same process.

    python bench/rebuild.py mkdocs.yml docs/FRS-001.md

As under `mkdocs serve`, the configuration is loaded again for the rebuild and plugins that
define `on_startup` (archcrew does) are kept, with their caches. Prints the rebuild's wall
seconds, then ``<plugin> <seconds>``: the CPU time each plugin spent in its events and Markdown
processors during the rebuild (see bench/hooks.py).
"""

from __future__ import annotations

import logging
import sys
import tempfile
import time
from pathlib import Path

from hooks import instrument
from mkdocs.commands.build import build
from mkdocs.config import load_config

SERVE_URL = "http://127.0.0.1:8000/"


def main() -> None:
    config_file, page = sys.argv[1], Path(sys.argv[2])
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    original = page.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as site:
        config = load_config(config_file, site_dir=site)
        config.plugins.on_startup(command="serve", dirty=False)
        build(config, serve_url=SERVE_URL)
        try:
            page.write_text(
                original + "\nOne more line, as an author would add.\n", encoding="utf-8"
            )
            config = load_config(config_file, site_dir=site)
            spent = instrument(config)
            started = time.perf_counter()
            build(config, serve_url=SERVE_URL)
            elapsed = time.perf_counter() - started
        finally:
            page.write_text(original, encoding="utf-8")
    print(f"{elapsed:.4f}")
    for owner, seconds in sorted(spent.items()):
        print(f"{owner} {seconds:.4f}")


if __name__ == "__main__":
    main()
