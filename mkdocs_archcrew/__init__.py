"""mkdocs-archcrew: architecture documents kept as code, checked and filled at build time."""

__version__ = "0.1.0"
