"""Built-in values: the build date and page titles from file names."""

from __future__ import annotations

import pytest

from mkdocs_archcrew.findings import ArchcrewError
from mkdocs_archcrew.placeholders.built_ins import build_date, title_from_path


def test_build_date_honours_source_date_epoch() -> None:
    assert build_date({"SOURCE_DATE_EPOCH": "86400"}) == "1970-01-02"
    with pytest.raises(ArchcrewError, match="SOURCE_DATE_EPOCH='soon' is not a whole number"):
        build_date({"SOURCE_DATE_EPOCH": "soon"})


def test_title_from_path() -> None:
    assert title_from_path("guide/getting-started.md") == "Getting started"
    assert title_from_path("guide/index.md") == "Guide"
    assert title_from_path("index.md") == "Home"
