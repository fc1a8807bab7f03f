"""Heading ids as the toc extension makes them, and headings' plain text."""

from __future__ import annotations

from mkdocs_archcrew.markdown import scan
from mkdocs_archcrew.markdown.headings import default_slugify, heading_ids, heading_plain_text


def test_heading_ids_follow_the_toc_extension() -> None:
    doc = scan(
        "# 1. From RDS → FRS\n\n## Dup\n\n## Dup\n\n## **Bold** `code` [link](x.md)\n\n## Own {#own}\n"
    )
    assert heading_ids(doc, default_slugify) == [
        "1-from-rds-frs",
        "dup",
        "dup_1",
        "bold-code-link",
        "own",
    ]


def test_plain_text() -> None:
    assert heading_plain_text("__A__ *b* <em>c</em> `d`") == "A b c d"
