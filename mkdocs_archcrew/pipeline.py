"""The one pipeline the MkDocs plugin and ``archcrew check`` both run: read every page once,
check (and, if asked, draw) the diagrams, fill every page."""

from __future__ import annotations

import contextlib
import gc
from typing import TYPE_CHECKING

from .mermaid.examine import examine_diagrams
from .project.fill import fill_project
from .project.read import read_project

if TYPE_CHECKING:
    from collections.abc import Iterator

    from .mermaid.cache import Cache
    from .project.fill import FilledProject
    from .project.inputs import ProjectInputs


def run(inputs: ProjectInputs, cache: Cache, *, prerender: bool) -> FilledProject:
    """Read, check and fill a project. `cache` keeps diagram results between runs;
    `prerender` draws the diagrams as SVG (a build does, a check does not)."""
    with collector_paused():
        project = read_project(
            inputs.pages,
            inputs.layers,
            inputs.builtins,
            inputs.settings,
            review=inputs.review() if inputs.review is not None else None,
            keep_words=inputs.keep_words,
        )
        outcome = examine_diagrams(project.diagrams, inputs.diagrams, cache, prerender=prerender)
        return fill_project(project, outcome, inputs.findings)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Run the block without Python's cyclic garbage collection.

    Reading a project makes some 10^5 objects (regions, requirements, mentions) that live
    as long as the project does. The collector would walk them again and again to free
    nothing: on 5,000 requirements that was a seventh of the plugin's time. Reference counting
    still frees everything else as usual, and the collector resumes where it was. A caller
    that keeps working with the project after `run` (the plugin takes what the build needs
    from it) keeps the collector paused until the project is gone.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
