"""Value sources: data files, lookups, built-ins."""

from __future__ import annotations

from pathlib import Path

import pytest

from mkdocs_archcrew.findings import ArchcrewError
from mkdocs_archcrew.placeholders.built_ins import build_date, title_from_path
from mkdocs_archcrew.placeholders.data_files import load_data_file
from mkdocs_archcrew.placeholders.values import MISSING, as_section_ref, lookup


def test_lookup() -> None:
    values = {"a": {"b": [10, {"c": "deep"}]}, 3: "int key"}
    assert lookup(values, "a.b.1.c") == "deep"
    assert lookup(values, "3") == "int key"
    assert lookup(values, "a.b.9") is MISSING
    assert lookup(values, "a.x") is MISSING
    assert lookup({"s": "text"}, "s.upper") is MISSING  # never an attribute


def test_section_refs() -> None:
    ref = as_section_ref({"section": "FRS.md#system", "heading": True})
    assert ref is not None
    assert (ref.page, ref.anchor, ref.heading) == ("FRS.md", "system", True)
    assert as_section_ref({"section": "x", "other": 1}) is None
    assert as_section_ref({"name": "x"}) is None


def test_build_date_honours_source_date_epoch() -> None:
    assert build_date({"SOURCE_DATE_EPOCH": "86400"}) == "1970-01-02"
    with pytest.raises(ArchcrewError, match="SOURCE_DATE_EPOCH='soon' is not a whole number"):
        build_date({"SOURCE_DATE_EPOCH": "soon"})


def test_data_file_errors(tmp_path: Path) -> None:
    with pytest.raises(ArchcrewError, match=r"mkdocs.yml:7: data file 'x.yml' not found"):
        load_data_file(tmp_path / "x.yml", "x.yml", "mkdocs.yml:7")
    bad = tmp_path / "bad.yml"
    bad.write_text("a: 1\nb: [\n", encoding="utf-8")
    with pytest.raises(ArchcrewError, match=r"bad.yml:3: data file is not valid YAML"):
        load_data_file(bad, "bad.yml", "mkdocs.yml:1")
    bad.write_text("just text\n", encoding="utf-8")
    with pytest.raises(ArchcrewError, match=r"bad.yml:1: .* not a string"):
        load_data_file(bad, "bad.yml", "mkdocs.yml:1")
    bad.write_text("", encoding="utf-8")
    assert load_data_file(bad, "bad.yml", "mkdocs.yml:1") == {}


def test_data_files_never_build_python_objects(tmp_path: Path) -> None:
    evil = tmp_path / "evil.yml"
    evil.write_text("x: !!python/object/apply:os.system ['echo hacked']\n", encoding="utf-8")
    with pytest.raises(ArchcrewError, match="not valid YAML"):
        load_data_file(evil, "evil.yml", "mkdocs.yml:1")


def test_title_from_path() -> None:
    assert title_from_path("guide/getting-started.md") == "Getting started"
    assert title_from_path("guide/index.md") == "Guide"
    assert title_from_path("index.md") == "Home"
