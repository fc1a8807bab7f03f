"""YAML read within limits: what aliases repeat, and how deep values nest, measured from the
parser's events before any value is built.

An alias costs a few bytes and stands for everything its anchor holds, so nine lines of
anchors can stand for a billion values ("billion laughs"); PyYAML builds them shared, but
everything that walks the values afterwards (filling, writing front matter back, a theme's
``tojson``) sees each one. And libyaml accepts nesting up to 1,000 levels, deeper than Python's
recursion lets the code that walks values go. So the events are measured first, in one pass
that never expands an alias and never recurses: nothing is built past a limit, and a limit
passed is reported at the line that passes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    CollectionStartEvent,
    DocumentStartEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)

# libyaml's loader when PyYAML has it: the same safe subset, many times faster.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_DEPTH = 50
"""Levels of lists and mappings inside one another, aliases' included. Documents' data nests a
few levels; the code that walks values recurses once per level."""
MAX_ALIAS_NODES = 10_000
"""Values (scalars, lists, mappings) that aliases may repeat, in all, per file or front matter:
far above what reusing a block of settings needs, far below what costs a build a second."""
MAX_ALIAS_CHARS = 1_000_000
"""Characters of text that aliases may repeat, in all, per file or front matter."""

_MERGE = "tag:yaml.org,2002:merge"


class OverLimit(Exception):
    """The YAML passes a limit; `problem` says which, in words for the user."""

    def __init__(self, line: int, problem: str) -> None:
        super().__init__(f"line {line + 1}: {problem}")
        self.line = line
        """0-based line of the text where the limit is passed."""
        self.problem = problem


@dataclass(frozen=True, slots=True)
class DuplicateKey:
    """A mapping key written a second time: YAML keeps the value of the last one."""

    key: str
    first: int
    """0-based lines of the first and the second occurrence."""
    second: int


@dataclass(frozen=True, slots=True)
class ReadYaml:
    """The data of a YAML text, with what its events told."""

    data: Any
    key_lines: dict[str, int]
    """0-based line of each top-level key of a mapping, as written (the last, if repeated)."""
    duplicates: tuple[DuplicateKey, ...]


def read_yaml(text: str, *, keys: bool = True) -> ReadYaml:
    """Read `text` as plain data. Raises `OverLimit` naming the line that passes a limit, and
    `yaml.YAMLError` for what is not YAML. With `keys` false, the lines of keys and the keys
    given twice are not looked for (a data file of many names reads faster)."""
    measure = _Measure(keys=keys)
    try:
        loader = LOADER(text)
        try:
            while loader.check_event():
                measure.take(loader.get_event(), loader)
        finally:
            loader.dispose()
        data = yaml.load(text, Loader=LOADER)
    except yaml.reader.ReaderError as error:
        raise _marked(text, error) from None
    except ValueError as error:
        # Python refuses to make an int of more than 4,300 digits: not a value of ours.
        raise yaml.YAMLError(f"a value YAML cannot read as data ({error})") from None
    return ReadYaml(data, measure.key_lines, tuple(measure.duplicates))


def _marked(text: str, error: yaml.reader.ReaderError) -> yaml.MarkedYAMLError:
    """A character YAML does not allow, as an error with a line: the reader's own error gives
    only an offset (in UTF-8 bytes from libyaml, in characters from PyYAML's reader)."""
    if LOADER is yaml.SafeLoader:
        line = text.count("\n", 0, error.position)
    else:
        line = text.encode("utf-8", "surrogatepass").count(b"\n", 0, error.position)
    character = error.character
    shown = f"#x{character:04x}" if isinstance(character, int) else repr(character)
    mark = yaml.Mark("<text>", error.position, line, 0, None, 0)
    return yaml.MarkedYAMLError(
        problem=f"unacceptable character {shown}: {error.reason}", problem_mark=mark
    )


@dataclass(frozen=True, slots=True)
class _Anchored:
    """What an anchored value brings wherever an alias names it."""

    nodes: int
    chars: int
    height: int
    """Levels of lists and mappings it holds: 0 for a scalar."""


@dataclass(slots=True)
class _Open:
    """A list or mapping whose end event has not come yet."""

    anchor: str | None
    nodes_before: int
    chars_before: int
    is_mapping: bool
    deepest: int
    """Deepest level reached inside it so far, aliases' contents included."""
    next_is_key: bool = True
    keys: dict[str, tuple[int, ScalarEvent]] = field(default_factory=dict)
    """A mapping's keys as written: the line and event of each."""


class _Measure:
    """The running measure of one YAML stream's events. Scalars, by far the most events, take
    the shortest path: a data file of 100,000 names is 200,000 of them."""

    def __init__(self, *, keys: bool) -> None:
        self.keys = keys
        self.open: list[_Open] = []
        self.anchors: dict[str, _Anchored] = {}
        self.nodes = 0
        """Values so far, each alias counted as all it stands for."""
        self.chars = 0
        self.alias_nodes = 0
        """Of those, the values aliases repeat; likewise their characters."""
        self.alias_chars = 0
        self.key_lines: dict[str, int] = {}
        self.duplicates: list[DuplicateKey] = []

    def take(self, event: Event, loader: Any) -> None:
        kind = type(event)
        if kind is ScalarEvent:
            assert isinstance(event, ScalarEvent)
            if self.keys:
                self._in_mapping(event, loader)
            self.nodes += 1
            self.chars += len(event.value)
            if event.anchor is not None:
                self.anchors[event.anchor] = _Anchored(1, len(event.value), 0)
            return
        line = event.start_mark.line if event.start_mark else 0
        if kind is AliasEvent:
            if self.keys:
                self._in_mapping(None, loader)
            self._alias(str(getattr(event, "anchor", "")), line)
        elif kind is SequenceStartEvent or kind is MappingStartEvent:
            assert isinstance(event, CollectionStartEvent)
            if self.keys:
                self._in_mapping(None, loader)
            depth = len(self.open) + 1
            if depth > MAX_DEPTH:
                raise OverLimit(line, _too_deep())
            if self.open:
                self.open[-1].deepest = max(self.open[-1].deepest, depth)
            self.open.append(
                _Open(event.anchor, self.nodes, self.chars, kind is MappingStartEvent, depth)
            )
            self.nodes += 1
        elif kind is SequenceEndEvent or kind is MappingEndEvent:
            closed = self.open.pop()
            if self.open:
                self.open[-1].deepest = max(self.open[-1].deepest, closed.deepest)
            if closed.anchor is not None:
                self.anchors[closed.anchor] = _Anchored(
                    self.nodes - closed.nodes_before,
                    self.chars - closed.chars_before,
                    closed.deepest - len(self.open),
                )
        elif kind is DocumentStartEvent:
            self.anchors = {}  # anchors belong to their document

    def _alias(self, name: str, line: int) -> None:
        if any(item.anchor == name for item in self.open):
            raise OverLimit(
                line,
                f"alias '*{name}' is inside the value its anchor names, so it would repeat "
                "forever; point it at another anchor, or write the value out",
            )
        anchored = self.anchors.get(name)
        if anchored is None:
            return  # an undefined alias: the loader says so, at its line
        depth = len(self.open) + anchored.height
        if depth > MAX_DEPTH:
            raise OverLimit(line, _too_deep(f" once alias '*{name}' is written out"))
        if self.open:
            self.open[-1].deepest = max(self.open[-1].deepest, depth)
        self.nodes += anchored.nodes
        self.chars += anchored.chars
        self.alias_nodes += anchored.nodes
        self.alias_chars += anchored.chars
        if self.alias_nodes > MAX_ALIAS_NODES or self.alias_chars > MAX_ALIAS_CHARS:
            raise OverLimit(
                line,
                f"alias '*{name}' brings what aliases repeat to {self.alias_nodes:,} values "
                f"and {self.alias_chars:,} characters, past the limit of {MAX_ALIAS_NODES:,} "
                f"values or {MAX_ALIAS_CHARS:,} characters; anchors are for reusing a value a "
                "few times: write the values out, or reuse fewer",
            )

    def _in_mapping(self, scalar: ScalarEvent | None, loader: Any) -> None:
        """A node inside a mapping is a key and a value in turn: note where each scalar key
        is written, and whether it was written before."""
        if not self.open or not self.open[-1].is_mapping:
            return
        mapping = self.open[-1]
        is_key, mapping.next_is_key = mapping.next_is_key, not mapping.next_is_key
        if not is_key or scalar is None:
            return
        value = scalar.value
        line = scalar.start_mark.line if scalar.start_mark else 0
        if value == "<<" and _tag(scalar, loader) == _MERGE:
            return  # a merge key: what it merges is the mapping's, not a key of its own
        first = mapping.keys.get(value)
        # The same text is the same key unless one is a string and the other not ('1', 1):
        # resolved only then, as resolving every key would cost more than the rest.
        if first is not None and _tag(first[1], loader) == _tag(scalar, loader):
            self.duplicates.append(DuplicateKey(value, first[0], line))
        mapping.keys[value] = (line, scalar)
        if len(self.open) == 1:
            self.key_lines[value] = line


def _tag(scalar: ScalarEvent, loader: Any) -> str:
    """The type YAML gives a scalar: its explicit tag, or the one its text resolves to."""
    if scalar.tag is not None and scalar.tag != "!":
        return scalar.tag
    return str(loader.resolve(yaml.ScalarNode, scalar.value, scalar.implicit))


def _too_deep(how: str = "") -> str:
    return (
        f"values nest more than {MAX_DEPTH} levels deep{how} (lists and mappings inside one "
        "another); flatten the data"
    )
