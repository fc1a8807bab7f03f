"""Built-in values: ``date``, ``site.*`` and ``page.*``."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

from ..findings import ArchcrewError
from ..markdown.headings import heading_plain_text

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ..markdown import Document


def build_date(environ: Mapping[str, str] = os.environ) -> str:
    """Today's date in UTC, or the date of ``SOURCE_DATE_EPOCH`` for reproducible builds."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return dt.datetime.now(dt.timezone.utc).date().isoformat()
    try:
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date().isoformat()
    except (ValueError, OverflowError, OSError):
        raise ArchcrewError(
            f"SOURCE_DATE_EPOCH={epoch!r} is not a whole number of seconds since 1970-01-01 UTC; "
            "set it to such a number (e.g. `git log -1 --format=%ct`) or unset it"
        ) from None


def site_values(config: Mapping[str, Any]) -> dict[str, Any]:
    """The ``site.*`` built-ins from MkDocs settings: strings only, never config objects."""
    keys = {
        "name": "site_name",
        "url": "site_url",
        "description": "site_description",
        "author": "site_author",
        "repo_url": "repo_url",
        "copyright": "copyright",
    }
    return {short: config[key] for short, key in keys.items() if isinstance(config.get(key), str)}


def title_from_path(path: str) -> str:
    """A page title from its file name, as MkDocs makes one when a page has no heading."""
    stem = PurePosixPath(path).stem
    if stem.lower() in {"index", "readme"}:
        parent = PurePosixPath(path).parent.name
        stem = parent or "Home"
    words = re.sub(r"[-_]+", " ", stem).strip()
    return words[:1].upper() + words[1:]


def page_title(doc: Document, front: Mapping[str, Any], path: str) -> str:
    """``page.title`` as written: front matter title, else the first level-1 heading, else the
    file name."""
    title = front.get("title")
    if isinstance(title, str):
        return title
    for heading in doc.headings:
        if heading.level == 1:
            return heading_plain_text(heading.text)
    return title_from_path(path)
