"""Data files: errors naming file and line, plain data only."""

from __future__ import annotations

from pathlib import Path

import pytest

from mkdocs_archcrew.findings import ArchcrewError
from mkdocs_archcrew.placeholders.data_files import load_data_file


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
