"""YAML read within limits (`read_yaml`): aliases may repeat only so much, values nest only so
deep, each reported at the line that passes the limit; keys given twice and the lines of keys
come from the same pass; within the limits the data is what PyYAML's safe loader makes."""

from __future__ import annotations

import pytest
import yaml

from mkdocs_archcrew.placeholders.bounded_yaml import (
    MAX_ALIAS_CHARS,
    MAX_ALIAS_NODES,
    MAX_DEPTH,
    DuplicateKey,
    OverLimit,
    read_yaml,
)

# Nine anchors, each a list of nine aliases of the one before: 400 bytes standing for 9**9
# strings. PyYAML builds it shared, in no time; whatever walks it afterwards never ends.
BILLION_LAUGHS = "".join(
    [
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n',
        *(
            f"{name}: &{name} [{', '.join([f'*{before}'] * 9)}]\n"
            for before, name in zip("abcdefgh", "bcdefghi", strict=True)
        ),
    ]
)


def over_limit(text: str) -> OverLimit:
    with pytest.raises(OverLimit) as raised:
        read_yaml(text)
    return raised.value


def nested(levels: int, leaf: str = "1") -> str:
    """Mappings `levels` deep, one key a line: level n is on line n."""
    return "".join(f"{'  ' * level}k{level}:\n" for level in range(levels - 1)) + (
        f"{'  ' * (levels - 1)}k{levels - 1}: {leaf}\n"
    )


def test_billion_laughs_stops_at_the_alias_that_passes_the_limit() -> None:
    error = over_limit(BILLION_LAUGHS)
    # The aliases of lines b to d repeat 8,289 values; the first '*d' of line e (0-based 4)
    # brings 7,381 more.
    assert error.line == 4
    assert error.problem.startswith("alias '*d' brings what aliases repeat to 15,670 values")
    assert f"past the limit of {MAX_ALIAS_NODES:,} values or {MAX_ALIAS_CHARS:,}" in error.problem


def test_characters_repeated_by_aliases_are_limited_too() -> None:
    # Few values, but each a long text: a small file that writes out as megabytes.
    text = f"a: &a {'x' * 300_000}\nb: [*a, *a, *a]\nc: *a\n"
    error = over_limit(text)
    assert error.line == 2
    assert "1,200,000 characters" in error.problem


def test_reuse_within_the_limits_reads_as_pyyaml_reads_it() -> None:
    text = (
        "defaults: &defaults {owner: Ada, reviewers: [Bo, Cy]}\n"
        "service:\n"
        "  <<: *defaults\n"
        "  name: api\n"
        "again: *defaults\n"
        f"many: [{', '.join(['*defaults'] * 100)}]\n"
    )
    assert read_yaml(text).data == yaml.safe_load(text)


def test_an_alias_inside_its_own_anchor_is_refused() -> None:
    # PyYAML would build a list that holds itself: every walk of it recurses forever.
    error = over_limit("a: 1\nloop: &loop\n  - x\n  - *loop\n")
    assert error.line == 3
    assert "alias '*loop' is inside the value its anchor names" in error.problem


def test_nesting_is_limited_at_the_line_that_passes_it() -> None:
    assert read_yaml(nested(MAX_DEPTH)).data is not None
    error = over_limit(nested(MAX_DEPTH + 1))
    assert error.line == MAX_DEPTH  # the mapping at level 51 starts on line 51 (0-based 50)
    assert error.problem.startswith(f"values nest more than {MAX_DEPTH} levels deep")


def test_flow_nesting_that_libyaml_accepts_is_refused_long_before() -> None:
    # libyaml itself allows 1,000 levels: deeper than the code that walks values can recurse.
    error = over_limit("deep: " + "[" * 990 + "]" * 990 + "\n")
    assert error.line == 0


def test_nesting_through_an_alias_counts_what_the_alias_brings() -> None:
    half = MAX_DEPTH // 2 + 1
    inner = "[" * half + "]" * half
    text = f"a: &a {inner}\nb:\n  c: {'[' * half}*a{']' * half}\n"
    error = over_limit(text)
    assert error.line == 2
    assert "once alias '*a' is written out" in error.problem


def test_keys_given_twice_and_the_lines_of_keys() -> None:
    read = read_yaml(
        "title: One\n"
        "'count': 1\n"
        "nested:\n"
        "  a: 1\n"
        "  a: 2\n"
        "title: Two\n"
        "1: int\n"
        "'1': str\n"  # not the same key: 1 is a number
        "<<: {x: 1}\n"
        "<<: {y: 1}\n"  # merge keys are not keys of the mapping
    )
    assert read.data["title"] == "Two"
    assert read.duplicates == (DuplicateKey("a", 3, 4), DuplicateKey("title", 0, 5))
    assert read.key_lines == {"title": 5, "count": 1, "nested": 2, "1": 7}


def test_a_character_yaml_refuses_is_reported_at_its_line() -> None:
    with pytest.raises(yaml.MarkedYAMLError) as raised:
        read_yaml("a: é\nb: ok\nc: x\x00y\n")
    assert raised.value.problem_mark is not None
    assert raised.value.problem_mark.line == 2
    assert (
        raised.value.problem == "unacceptable character #x0000: control characters are not allowed"
    )
