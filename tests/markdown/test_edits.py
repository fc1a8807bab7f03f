"""Edits made at offsets of a page as written, placed on the filled page."""

from __future__ import annotations

from mkdocs_archcrew.markdown.edits import Edit, apply


def test_edits_follow_the_text_around_filled_placeholders() -> None:
    source = "ab {{ x }} cd FR-1 ef"
    filled = "ab LONG VALUE cd FR-1 ef"  # {{ x }} (7 chars, at 3) became 10 chars
    replaced = [Edit(3, 10, "LONG VALUE")]
    edits = [
        Edit(0, 0, "<a id='top'></a>"),  # before everything
        Edit(14, 18, "[FR-1](RDS.md#fr-1)"),  # after the placeholder: shifted by 3
        Edit(5, 6, "X"),  # inside the placeholder: dropped
        Edit(len(source), len(source), " END"),
    ]
    assert source[14:18] == "FR-1"
    assert (
        apply(filled, 0, replaced, edits)
        == "<a id='top'></a>ab LONG VALUE cd [FR-1](RDS.md#fr-1) ef END"
    )


def test_edits_on_a_body_that_starts_after_front_matter() -> None:
    assert apply("text", 10, [], [Edit(10, 10, ">")]) == ">text"
