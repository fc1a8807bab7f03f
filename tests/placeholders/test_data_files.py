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


def test_a_byte_that_is_not_utf8_is_named_at_its_line_and_column(tmp_path: Path) -> None:
    latin1 = tmp_path / "vars.yml"
    latin1.write_bytes("a: 1\nb: Zoë\ncity: Café\n".encode()[:-3] + b"\xe9\n")
    with pytest.raises(
        ArchcrewError,
        match=r"^vars.yml:3: data file is not UTF-8: byte 0xe9 at column 10 is not UTF-8 text",
    ):
        load_data_file(latin1, "vars.yml", "mkdocs.yml:4")


def test_a_data_file_past_a_limit_names_its_line(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.yml"
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [
        f"{n}: &{n} [{', '.join([f'*{b}'] * 9)}]"
        for b, n in zip("abcdefgh", "bcdefghi", strict=True)
    ]
    bomb.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ArchcrewError, match=r"^bomb.yml:5: data file: alias '\*d' brings"):
        load_data_file(bomb, "bomb.yml", "mkdocs.yml:1")
    deep = tmp_path / "deep.yml"
    deep.write_text("title: x\ndeep: " + "{a: " * 990 + "1" + "}" * 990 + "\n", encoding="utf-8")
    with pytest.raises(ArchcrewError, match=r"^deep.yml:2: data file: values nest more than 50"):
        load_data_file(deep, "deep.yml", "mkdocs.yml:1")
