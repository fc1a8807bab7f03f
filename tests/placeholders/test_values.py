"""Value lookups by dotted name, section references, and how values read as text."""

from __future__ import annotations

import datetime as dt

import pytest

from mkdocs_archcrew.placeholders.values import (
    MISSING,
    NotText,
    as_section_ref,
    lookup,
    scalar_text,
)


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


def test_plain_values_read_as_text_and_mappings_do_not() -> None:
    assert [
        scalar_text(value)
        for value in ["x", 3, 1.5, True, False, None, dt.date(2024, 5, 6), ["a", 2, [True]]]
    ] == ["x", "3", "1.5", "true", "false", "", "2024-05-06", "a, 2, true"]
    with pytest.raises(NotText) as mapping:
        scalar_text({"name": "T", "version": 1})
    assert (mapping.value.kind, mapping.value.keys) == ("mapping", ["name", "version"])
    with pytest.raises(NotText) as other:
        scalar_text(object())
    assert (other.value.kind, other.value.keys) == ("object", None)
