""" "Did you mean" (`Suggestions`): a name in another case first; among few names, exactly
difflib's pick; among many, the neighbours that share a misspelling's beginning or end; and
the work of a build bounded by its budget, whatever the number of names and misspellings."""

from __future__ import annotations

import difflib

from hypothesis import given, settings
from hypothesis import strategies as st

from mkdocs_archcrew.placeholders.suggestions import BUDGET, LONGEST, NEIGHBOURS, Names, Suggestions

MANY = Names(f"name_{i}" for i in range(100_000))


def test_a_name_differing_only_in_case_is_suggested_first() -> None:
    # difflib alone would offer 'APP' (two letters in common); the same name in another case
    # is the likelier meaning.
    suggestions = Suggestions()
    assert suggestions.closest("API", [Names(["APP", "api"])]) == "api"
    assert suggestions.closest("API", [Names(["APP"])]) == "APP"
    assert suggestions.closest("zzz", [Names(["APP"])]) is None


def test_sources_are_searched_together() -> None:
    suggestions = Suggestions()
    sources = [Names(["title"]), Names(["project.version", "project.name"])]
    assert suggestions.closest("project.verison", sources) == "project.version"


names = st.lists(st.text("abcdeABC._", min_size=1, max_size=8), max_size=4 * NEIGHBOURS)


@settings(max_examples=300, derandomize=True, database=None, deadline=None)
@given(names, st.text("abcdeABC._", min_size=1, max_size=8))
def test_among_few_names_the_pick_is_difflibs(known: list[str], name: str) -> None:
    known = [word for word in known if word != name]
    folded = [word for word in sorted(set(known)) if word.casefold() == name.casefold()]
    expected = folded[0] if folded else next(iter(difflib.get_close_matches(name, known, 1)), None)
    assert Suggestions().closest(name, [Names(known)]) == expected


def test_among_many_names_a_misspelling_is_compared_with_its_neighbours_only() -> None:
    suggestions = Suggestions()
    assert suggestions.closest("nmae_2", [MANY]) == "name_2"  # the end kept
    assert suggestions.closest("name_4321x", [MANY]) == "name_4321"  # the beginning kept
    # Each comparison with the 64 neighbours costs at most the product of the lengths.
    assert suggestions.spent <= 2 * 4 * NEIGHBOURS * (11 * 11 + 22)
    spent = suggestions.spent
    assert suggestions.closest("nmae_2", [MANY]) == "name_2"
    assert suggestions.spent == spent  # asked again: remembered, not compared again


def test_the_work_of_a_build_is_bounded_whatever_the_misspellings() -> None:
    suggestions = Suggestions()
    found = [suggestions.closest(f"nmae_{i}", [MANY]) for i in range(5_000)]
    assert suggestions.spent <= BUDGET
    assert found[0] == "name_0"
    assert found[-1] is None  # the budget was spent long before
    # A name in another case costs nothing, and is still found.
    assert suggestions.closest("NAME_4999", [MANY]) == "name_4999"


def test_long_names_are_never_compared() -> None:
    suggestions = Suggestions()
    long = "x" * (LONGEST + 1)
    assert suggestions.closest(long + "y", [Names([long + "z"])]) is None
    assert suggestions.spent == 0
