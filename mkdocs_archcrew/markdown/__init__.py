"""The Markdown scanner: a page split into front matter, prose and code, with every line known.

Every feature reads pages through it: placeholders are filled in prose only, requirements are
found in prose, coverage is looked for in prose, code spans and Mermaid diagrams. The scanner
reads a page the way Python-Markdown (MkDocs' renderer) will for the site's extensions, and
the property tests hold it to Python-Markdown's own rendering.
"""

from .dialect import DEFAULT_DIALECT, Dialect
from .document import Document, FrontMatter, Heading, Region, RegionKind
from .scanner import scan

__all__ = [
    "DEFAULT_DIALECT",
    "Dialect",
    "Document",
    "FrontMatter",
    "Heading",
    "Region",
    "RegionKind",
    "scan",
]
