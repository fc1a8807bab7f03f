"""Time each plugin spends in its MkDocs events, measured in-process.

    python bench/hooks.py mkdocs.yml [--runs 3]

Builds the site `--runs` times in one process and prints ``<plugin> <seconds>`` per plugin
(the least CPU time of the runs), then ``build <seconds>`` for the whole build. Event calls
are timed around MkDocs' own dispatch, so a plugin's time is everything it does in its events
and nothing else. CPU time of one process is much steadier than the wall time of two builds,
so this shows differences of a few milliseconds that build-to-build noise would hide. The
first run also pays for imports and cold caches; taking the least leaves them out.
"""

from __future__ import annotations

import argparse
import logging
import tempfile
import time
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from mkdocs.commands.build import build
from mkdocs.config import load_config

if TYPE_CHECKING:
    from collections.abc import Callable

    from mkdocs.config.defaults import MkDocsConfig


def instrument(config: MkDocsConfig) -> defaultdict[str, float]:
    """Time every plugin event of `config` from now on: CPU seconds by plugin name."""
    spent: defaultdict[str, float] = defaultdict(float)
    plugins = config.plugins
    for methods in plugins.events.values():
        for position, method in enumerate(methods):
            owner = plugins._event_origins.get(method, "?")
            methods[position] = _timing(method, owner, spent)
            plugins._event_origins[methods[position]] = owner
    return spent


def _timing(
    method: Callable[..., Any], owner: str, spent: defaultdict[str, float]
) -> Callable[..., Any]:
    def timed(*args: Any, **kwargs: Any) -> Any:
        started = time.process_time()
        try:
            return method(*args, **kwargs)
        finally:
            spent[owner] += time.process_time() - started

    return timed


def timed_build(config_file: str) -> dict[str, float]:
    """CPU seconds per plugin, and ``build`` for the whole build."""
    with tempfile.TemporaryDirectory() as site:
        config = load_config(config_file, site_dir=site)
        spent = instrument(config)
        started = time.process_time()
        build(config)
        spent["build"] = time.process_time() - started
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("config_file")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    runs = [timed_build(args.config_file) for _ in range(args.runs)]
    for owner in sorted(runs[0]):
        print(f"{owner} {min(run[owner] for run in runs):.4f}")


if __name__ == "__main__":
    main()
