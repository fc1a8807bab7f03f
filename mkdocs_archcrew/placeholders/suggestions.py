""" "Did you mean": the known name closest to a misspelled one, with work bounded per build.

difflib compares a word with every candidate, each comparison costing up to the product of
the two lengths; with a data file of 100,000 names, each misspelling would cost seconds. Here a
misspelling is compared with a few names only: those that share the most of its beginning or
of its end (its neighbours in the names sorted forwards and backwards: a typo leaves one end
or the other intact). And all comparisons of a build draw on one budget; once it is spent,
only a name that differs in case alone is still suggested.
"""

from __future__ import annotations

import bisect
from difflib import SequenceMatcher
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

NEIGHBOURS = 16
"""Names compared on each side of a misspelling, in each order: 64 in all, per source."""
LONGEST = 100
"""Longer names are never compared (a comparison costs up to the product of the lengths)."""
BUDGET = 2_000_000
"""Comparison work per build, in characters read (a full comparison: the product of the two
lengths): about a second at worst, and enough for hundreds of misspellings among any number
of names."""
CUTOFF = 0.6
"""How alike two names must be (difflib's ratio) for one to be suggested for the other."""


class Names:
    """The names of one source, sorted to find a misspelling's neighbours."""

    def __init__(self, names: Iterable[str]) -> None:
        unique = set(names)
        self.forwards = sorted(unique)
        self.backwards = sorted(name[::-1] for name in unique)
        self.by_case: dict[str, str] = {}
        for name in self.forwards:
            self.by_case.setdefault(name.casefold(), name)
        self.memo: dict[str, tuple[float, str] | None] = {}

    def near(self, name: str) -> list[str]:
        """The names sharing most of `name`'s beginning, then of its end; all of them, when
        there are few."""
        if len(self.forwards) <= 4 * NEIGHBOURS:
            return self.forwards
        found = dict.fromkeys(_around(self.forwards, name))
        found.update(dict.fromkeys(word[::-1] for word in _around(self.backwards, name[::-1])))
        return list(found)


def _around(ordered: list[str], name: str) -> list[str]:
    at = bisect.bisect_left(ordered, name)
    return ordered[max(0, at - NEIGHBOURS) : at + NEIGHBOURS]


class Suggestions:
    """Close names for the misspellings of one build, sharing one budget."""

    def __init__(self, budget: int = BUDGET) -> None:
        self.budget = budget
        self.spent = 0
        """Pairs of characters compared so far (tests read it)."""
        self._names: dict[int, tuple[Any, Names]] = {}

    def names(self, source: Any, listed: Callable[[], Iterable[str]]) -> Names:
        """The sorted names of `source` (a mapping of values, a list of pages...), made once
        per build; `listed` lists them the first time."""
        key = id(source)
        if key not in self._names:
            # The source is kept with its names: its id is not reused while it is alive.
            self._names[key] = (source, Names(listed()))
        return self._names[key][1]

    def closest(self, name: str, sources: Sequence[Names]) -> str | None:
        """The name closest to `name` in any of `sources`, or None: one that differs in case
        alone first, else the likest among each source's neighbours of `name`."""
        folded = name.casefold()
        for names in sources:
            same = names.by_case.get(folded)
            if same is not None and same != name:
                return same
        best: tuple[float, str] | None = None
        for names in sources:
            if name not in names.memo:
                names.memo[name] = self._likest(name, names.near(name))
            found = names.memo[name]
            if found is not None and (best is None or found[0] > best[0]):
                best = found
        return best[1] if best else None

    def _likest(self, name: str, candidates: Sequence[str]) -> tuple[float, str] | None:
        """difflib's `get_close_matches(name, candidates, n=1)`, each step paid for at what it
        can cost: its cheap upper bounds first, the full comparison only when they pass."""
        if len(name) > LONGEST:
            return None
        matcher = SequenceMatcher()
        matcher.set_seq2(name)
        best: tuple[float, str] | None = None
        for candidate in candidates:
            if len(candidate) > LONGEST or candidate == name:
                continue
            if not self._afford(len(candidate) + len(name)):
                break
            matcher.set_seq1(candidate)
            if matcher.real_quick_ratio() < CUTOFF or matcher.quick_ratio() < CUTOFF:
                continue
            if not self._afford(len(candidate) * len(name)):
                break
            score = matcher.ratio()
            if score >= CUTOFF and (best is None or (score, candidate) > best):
                best = (score, candidate)
        return best

    def _afford(self, cost: int) -> bool:
        """Spend `cost` from the budget, if it holds that much."""
        if self.spent + cost > self.budget:
            return False
        self.spent += cost
        return True
