"""Time each plugin spends in its MkDocs events and its Markdown processors, in-process.

    python bench/hooks.py mkdocs.yml [--runs 3]

Builds the site `--runs` times in one process and prints ``<plugin> <seconds>`` per plugin
(the least CPU time of the runs), then ``build <seconds>`` for the whole build. Event calls
are timed around MkDocs' own dispatch. A plugin that does part of its work inside
Python-Markdown (archcrew writes each page's annotations there) is charged for that too: the
processors its package defines are timed around their ``run``. A plugin's time is everything
it does in either, counted once when one calls the other, and nothing else. CPU time of one
process is much steadier than the wall time of two builds, so this shows differences of a few
milliseconds that build-to-build noise would hide. The first run also pays for imports and
cold caches; taking the least leaves them out.
"""

from __future__ import annotations

import argparse
import logging
import tempfile
import time
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from markdown.blockprocessors import BlockProcessor
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from mkdocs.commands.build import build
from mkdocs.config import load_config

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from mkdocs.config.defaults import MkDocsConfig


class _Clock:
    """CPU seconds by plugin name for the build being timed. Processor classes are timed once
    per process, so their time goes to whichever build is current."""

    def __init__(self) -> None:
        self.spent: defaultdict[str, float] = defaultdict(float)
        self.running: set[str] = set()

    def timing(self, method: Callable[..., Any], owner: str) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            if owner in self.running:  # an event that converts Markdown: counted once
                return method(*args, **kwargs)
            self.running.add(owner)
            started = time.process_time()
            try:
                return method(*args, **kwargs)
            finally:
                self.spent[owner] += time.process_time() - started
                self.running.discard(owner)

        return timed


_CLOCK = _Clock()
_PROCESSORS = (Preprocessor, Treeprocessor, Postprocessor, BlockProcessor)
_HOSTS = frozenset({"mkdocs", "material"})
"""Packages whose processors are the build's own work (MkDocs' links and titles, the theme's),
not that of the plugins they also ship, such as search."""


def instrument(config: MkDocsConfig) -> defaultdict[str, float]:
    """Time every plugin event of `config`, and the Markdown processors of each plugin's
    package, from now on: CPU seconds by plugin name."""
    spent: defaultdict[str, float] = defaultdict(float)
    _CLOCK.spent = spent
    plugins = config.plugins
    for methods in plugins.events.values():
        for position, method in enumerate(methods):
            owner = plugins._event_origins.get(method, "?")
            methods[position] = _CLOCK.timing(method, owner)
            plugins._event_origins[methods[position]] = owner
    by_package = {
        _package(type(plugin)): name
        for name, plugin in plugins.items()
        if _package(type(plugin)) not in _HOSTS
    }
    for processor in _subclasses(_PROCESSORS):
        plugin_name = by_package.get(_package(processor))
        if plugin_name is not None and "run" in vars(processor) and processor not in _TIMED:
            setattr(processor, "run", _CLOCK.timing(vars(processor)["run"], plugin_name))  # noqa: B010
            _TIMED.add(processor)
    return spent


_TIMED: set[type] = set()


def _package(cls: type) -> str:
    return cls.__module__.partition(".")[0]


def _subclasses(bases: tuple[type, ...]) -> Iterator[type]:
    seen: set[type] = set()
    pending: list[type] = []
    for base in bases:
        pending.extend(base.__subclasses__())
    while pending:
        cls = pending.pop()
        if cls not in seen:
            seen.add(cls)
            pending.extend(cls.__subclasses__())
            yield cls


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
