"""mkdocs-archcrew: architecture documents kept as code, checked and filled at build time.

The MkDocs plugin (`ArchcrewPlugin`, plugin name ``archcrew``) and ``archcrew check`` are two
thin hosts of one pipeline, whose parts are importable without MkDocs:

- `run` reads a docs project (`ProjectInputs`), checks its diagrams and fills its pages;
- `read_project` and `fill_project` are the two halves of it, for tools of your own;
- `Finding` and `Severity` are what every problem is reported as, `Requirement` and `Trace`
  what cross-validation finds.

The sub-packages (``markdown``, ``placeholders``, ``trace``, ``mermaid``, ``publish``,
``project``) and the MkDocs edge (``plugin``, ``config``, ``adapter``, ``cli``) are internal:
their names may change between releases.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .findings import ArchcrewError, Finding, Severity
from .pipeline import run
from .placeholders.values import Layer
from .project.fill import FilledProject, fill_project
from .project.inputs import PageInput, ProjectInputs, Settings
from .project.read import Project, read_project
from .trace.coverage import Trace, TraceSettings
from .trace.requirements import Requirement

if TYPE_CHECKING:
    from .plugin import ArchcrewPlugin

__version__ = "0.1.0"

__all__ = [
    "ArchcrewError",
    "ArchcrewPlugin",
    "FilledProject",
    "Finding",
    "Layer",
    "PageInput",
    "Project",
    "ProjectInputs",
    "Requirement",
    "Settings",
    "Severity",
    "Trace",
    "TraceSettings",
    "__version__",
    "fill_project",
    "read_project",
    "run",
]


def __getattr__(name: str) -> Any:
    # The plugin imports MkDocs; the core does not, so it is loaded only when asked for.
    if name == "ArchcrewPlugin":
        from .plugin import ArchcrewPlugin  # noqa: PLC0415

        return ArchcrewPlugin
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
