"""Fuzzing what archcrew reads as YAML: data files and front matter made of YAML's own pieces
(anchors, aliases, merge keys, tags, flow and block nesting, placeholders, bytes that are not
UTF-8). Whatever they hold, reading and filling end in values or in findings and
`ArchcrewError`s: never a traceback.

Derandomized and without an example database, so that CI runs the same examples each time."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from mkdocs_archcrew import PageInput, Settings, fill_project, read_project
from mkdocs_archcrew.findings import ArchcrewError, Place
from mkdocs_archcrew.placeholders.data_files import load_data_file
from mkdocs_archcrew.placeholders.values import Layer

FUZZ = settings(
    max_examples=150,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

PIECES = [
    "a", "b", "k1", "1", "-1", "0x1F", "1.5", "true", "null", "~", "2024-05-06", "é", "✓",
    ": ", ":", "\n", "\n  ", "\n    ", "  ", "- ", "-", "? ", ", ", ",",
    "[", "]", "{", "}", "'", '"', "#", "|", ">", "\\", "\t", "\x00", "\x85", "\ufeff",
    "&a ", "&b ", "*a", "*b", "<<: *a", "<<: ",
    "!!str ", "!!int ", "!!map ", "!!python/object:os.system ", "!local ",
    "{{ x }}", "{{x}}", "{{ a.b }}", "{{", "}}", "\\{{ y }}",
    "---\n", "...\n", "%YAML 1.1\n",
]  # fmt: skip
yaml_like = st.lists(st.sampled_from(PIECES), max_size=80).map("".join)


@st.composite
def repeated(draw: st.DrawFn) -> str:
    """Anchors of lists of aliases, `levels` deep (a billion laughs at 9), or lists nested
    `depth` deep: around the limits, from both sides."""
    if draw(st.booleans()):
        levels = draw(st.integers(1, 9))
        width = draw(st.integers(1, 9))
        lines = [f"a0: &a0 [{', '.join(['lol'] * width)}]"]
        lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * width)}]" for n in range(1, levels)]
        return "\n".join(lines) + "\n"
    depth = draw(st.integers(40, 60))
    return "deep: " + "[" * depth + "{{ x }}" + "]" * depth + "\n"


yaml_texts = st.one_of(yaml_like, repeated(), st.tuples(repeated(), yaml_like).map("".join))
PAGE_BODY = "# Page\n\n{{ x }} {{ a }} {{ a.b }} {{ b.0 }} {{ deep }} {{ a0 }}\n"


def fill(page: str, values: dict[Any, Any]) -> str:
    filled = fill_project(
        read_project(
            [PageInput("index.md", "docs/index.md", "", page)],
            [Layer("data file vars.yml", values)],
            {"date": "2026-01-02"},
            Settings(),
        )
    )
    return filled.pages["index.md"].source


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@FUZZ
@given(st.one_of(yaml_texts.map(str.encode), st.binary(max_size=200)))
def test_a_data_file_reads_as_values_or_an_error_naming_it(folder: Path, raw: bytes) -> None:
    path = folder / "vars.yml"
    path.write_bytes(raw)
    try:
        values = load_data_file(path, "vars.yml", Place("mkdocs.yml", 3))
    except ArchcrewError as error:
        message = str(error)
    else:
        assert isinstance(values, dict)
        fill(PAGE_BODY, values)
        return
    assert message.startswith(("vars.yml:", "mkdocs.yml:3:")), message


@FUZZ
@given(yaml_texts, yaml_texts)
def test_front_matter_fills_or_is_reported(front: str, body: str) -> None:
    page = f"---\n{front}\n---\n{body}\n{PAGE_BODY}"
    source = fill(page, {"x": "X", "a": {"b": 1}})
    # And what MkDocs reads of it is read without a traceback too.
    get_data(source)
