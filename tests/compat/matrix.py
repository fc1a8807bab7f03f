"""The compatibility matrix: each companion plugin or extension, the version tested, and how
archcrew fares with it today. This list is the only place a status is written:
`test_matrix.py` builds a site per entry and holds it to its status, and the table in
docs/reference/compatibility.md is made from it.

Regenerate the table after changing an entry, from the repository root:

    python -m tests.compat.matrix --write
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
PAGE = REPO / "docs" / "reference" / "compatibility.md"
START = "<!-- compat-matrix:start (made by python -m tests.compat.matrix --write) -->"
END = "<!-- compat-matrix:end -->"

WORKS = "works"
GAP = "known gap: "


@dataclass(frozen=True)
class Companion:
    id: str
    """The test's id."""
    name: str
    packages: tuple[str, ...]
    """What was installed to test it, each pinned exactly (`name==version`)."""
    config: str
    """YAML merged into the base site's mkdocs.yml. Its `plugins:` list is the whole plugin
    list, with `archcrew` where the plugin goes; `markdown_extensions:` are added."""
    status: str
    """`works`, or `known gap: ` and what goes wrong, in one line."""
    overlay: str = ""
    """The folder under overlays/ laid over the base site, when not named as the id."""

    @property
    def works(self) -> bool:
        return self.status == WORKS


MATERIAL = ("mkdocs-material==9.8.2",)
PYMDOWNX = ("pymdown-extensions==13.1.2",)

COMPANIONS: tuple[Companion, ...] = (
    Companion(
        "material-search",
        "Material: search",
        MATERIAL,
        """
        plugins: [search, archcrew]
        """,
        WORKS,
    ),
    Companion(
        "material-tags",
        "Material: tags",
        MATERIAL,
        """
        plugins: [tags, archcrew]
        """,
        WORKS,
    ),
    Companion(
        "material-offline",
        "Material: offline",
        MATERIAL,
        """
        plugins: [search, offline, archcrew]
        """,
        WORKS,
    ),
    Companion(
        "material-meta",
        "Material: meta",
        MATERIAL,
        """
        plugins: [meta, archcrew]
        """,
        WORKS,
    ),
    Companion(
        "material-blog",
        "Material: blog",
        MATERIAL,
        """
        plugins: [blog, archcrew]
        """,
        WORKS,
    ),
    Companion(
        "material-privacy",
        "Material: privacy",
        MATERIAL,
        """
        plugins: [privacy, archcrew]
        """,
        WORKS,
    ),
    Companion(
        "awesome-nav",
        "mkdocs-awesome-nav",
        ("mkdocs-awesome-nav==3.3.0",),
        """
        plugins: [awesome-nav, archcrew]
        """,
        WORKS,
    ),
    Companion(
        "git-revision-date",
        "mkdocs-git-revision-date-localized-plugin",
        ("mkdocs-git-revision-date-localized-plugin==1.6.3",),
        """
        plugins:
          - git-revision-date-localized:
              type: iso_date
          - archcrew
        """,
        WORKS,
    ),
    Companion(
        "minify",
        "mkdocs-minify-plugin",
        ("mkdocs-minify-plugin==0.8.0",),
        """
        plugins:
          - archcrew
          - minify:
              minify_html: true
              minify_js: true
              minify_css: true
        """,
        WORKS,
    ),
    Companion(
        "redirects",
        "mkdocs-redirects",
        ("mkdocs-redirects==1.2.3",),
        """
        plugins:
          - archcrew
          - redirects:
              redirect_maps:
                requirements.md: RDS.md
                ingestion.md: RDS.md#fr-1
        """,
        WORKS,
    ),
    Companion(
        "glightbox",
        "mkdocs-glightbox",
        ("mkdocs-glightbox==0.5.3",),
        """
        plugins: [archcrew, glightbox]
        """,
        WORKS,
    ),
    Companion(
        "superfences",
        "pymdownx.superfences (Mermaid fence)",
        PYMDOWNX,
        """
        plugins: [archcrew]
        """,
        WORKS,
    ),
    Companion(
        "tabbed",
        "pymdownx.tabbed",
        PYMDOWNX,
        """
        plugins: [archcrew]
        markdown_extensions:
          - pymdownx.tabbed:
              alternate_style: true
        """,
        WORKS,
    ),
    Companion(
        "blocks",
        "pymdownx.blocks (admonition, details)",
        PYMDOWNX,
        """
        plugins: [archcrew]
        markdown_extensions:
          - pymdownx.blocks.admonition
          - pymdownx.blocks.details
        """,
        WORKS,
    ),
    Companion(
        "md-in-html",
        "md_in_html",
        ("Markdown==3.11.3",),
        """
        plugins: [archcrew]
        markdown_extensions: [md_in_html]
        """,
        WORKS,
    ),
    Companion(
        "abbr",
        "abbr",
        ("Markdown==3.11.3",),
        """
        plugins: [archcrew]
        markdown_extensions: [abbr]
        """,
        WORKS,
    ),
    Companion(
        "snippets",
        "pymdownx.snippets",
        PYMDOWNX,
        """
        plugins: [archcrew]
        markdown_extensions:
          - pymdownx.snippets:
              base_path: [includes]
              check_paths: true
        """,
        WORKS,
    ),
    Companion(
        "include-markdown",
        "mkdocs-include-markdown-plugin",
        ("mkdocs-include-markdown-plugin==7.3.0",),
        """
        plugins: [include-markdown, archcrew]
        """,
        WORKS,
    ),
    Companion(
        "print-site",
        "mkdocs-print-site-plugin",
        ("mkdocs-print-site-plugin==2.9",),
        """
        plugins: [archcrew, print-site]
        """,
        WORKS,
    ),
    Companion(
        "mkdocstrings",
        "mkdocstrings + mkdocs-autorefs",
        ("mkdocstrings==1.0.8", "mkdocstrings-python==2.0.11", "mkdocs-autorefs==1.4.5"),
        """
        plugins:
          - autorefs
          - mkdocstrings:
              handlers:
                python:
                  paths: [src]
          - archcrew
        """,
        WORKS,
    ),
    Companion(
        "static-i18n",
        "mkdocs-static-i18n",
        ("mkdocs-static-i18n==1.3.1",),
        """
        plugins:
          - i18n:
              docs_structure: suffix
              languages:
                - locale: en
                  name: English
                  default: true
                - locale: fr
                  name: Français
          - archcrew
        """,
        WORKS,
    ),
    Companion(
        "gen-files-after",
        "mkdocs-gen-files, after archcrew",
        ("mkdocs-gen-files==0.6.1",),
        """
        plugins:
          - archcrew
          - gen-files:
              scripts: [gen_pages.py]
        """,
        WORKS,
        overlay="gen-files",
    ),
    Companion(
        "gen-files-before",
        "mkdocs-gen-files, before archcrew",
        ("mkdocs-gen-files==0.6.1",),
        """
        plugins:
          - gen-files:
              scripts: [gen_pages.py]
          - archcrew
        """,
        WORKS,
        overlay="gen-files",
    ),
    Companion(
        "monorepo",
        "mkdocs-monorepo-plugin",
        ("mkdocs-monorepo-plugin==1.1.2",),
        """
        plugins: [monorepo, archcrew]
        nav:
          - Home: index.md
          - Requirements: RDS.md
          - Specification: FRS.md
          - Gauges: "!include sub/mkdocs.yml"
        """,
        WORKS,
    ),
    Companion(
        "macros",
        "mkdocs-macros-plugin (render_by_default: false)",
        ("mkdocs-macros-plugin==1.5.0",),
        """
        plugins:
          - macros:
              render_by_default: false
          - archcrew
        """,
        WORKS,
    ),
    Companion(
        "to-pdf",
        "mkdocs-to-pdf",
        ("mkdocs-to-pdf==0.12.1", "weasyprint==70.0"),
        """
        plugins:
          # A PDF runs no JavaScript: diagrams reach it only when archcrew draws them.
          - archcrew:
              mermaid:
                prerender: svg
          - to-pdf:
              debug_html: true
        """,
        WORKS,
    ),
    Companion(
        "with-pdf",
        "mkdocs-with-pdf",
        ("mkdocs-with-pdf==0.9.3", "weasyprint==70.0"),
        """
        plugins:
          # As for mkdocs-to-pdf, with its render_js (Chrome running the pages' scripts) off.
          - archcrew:
              mermaid:
                prerender: svg
          - with-pdf:
              debug_html: true
        """,
        WORKS,
    ),
)


def table(companions: tuple[Companion, ...] = COMPANIONS) -> str:
    """The Markdown table of the docs page."""
    rows = ["| Companion | Version tested | Status |", "|---|---|---|"]
    for companion in companions:
        versions = ", ".join(f"`{pin}`" for pin in companion.packages)
        status = "works" if companion.works else companion.status
        rows.append(f"| {companion.name} | {versions} | {status} |")
    return "\n".join(rows) + "\n"


def page_with_table(page: str) -> str:
    """`page` with the text between its markers replaced by the current table."""
    before, start, rest = page.partition(START)
    _, end, after = rest.partition(END)
    if not start or not end:
        raise ValueError(f"{PAGE.relative_to(REPO)} lacks the lines {START!r} and {END!r}")
    return f"{before}{START}\n{table()}{END}{after}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"rewrite the table in {PAGE.name}")
    args = parser.parse_args(argv)
    if args.write:
        PAGE.write_text(page_with_table(PAGE.read_text(encoding="utf-8")), encoding="utf-8")
    else:
        sys.stdout.write(table())
    return 0


if __name__ == "__main__":
    sys.exit(main())
