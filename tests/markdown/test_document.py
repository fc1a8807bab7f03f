"""What `scan` hands back, as a `Document`: lines by offset and offsets by line
(`line_of`, `line_start`, `line_text`), the region and heading at an offset
(`region_index_at`, `heading_index_at`), and where the body starts (`body_start`)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mkdocs_archcrew.markdown import RegionKind, scan

PAGE = "---\ntitle: x\n---\n# A\n\nText `c` more\n\n## B\n"


def test_lines_of_offsets() -> None:
    doc = scan("ab\ncd\n\nef")
    # A newline belongs to the line it ends; the end of the text to the last line.
    assert [doc.line_of(offset) for offset in (0, 2, 3, 5, 6, 7, 9)] == [1, 1, 2, 2, 3, 4, 4]
    assert [doc.line_start(line) for line in (1, 2, 3, 4)] == [0, 3, 6, 7]
    assert [doc.line_text(line) for line in (1, 2, 3, 4)] == ["ab", "cd", "", "ef"]


def test_a_final_newline_opens_an_empty_last_line() -> None:
    doc = scan("ab\n")
    assert doc.line_of(3) == 2
    assert doc.line_start(2) == 3
    assert doc.line_text(2) == ""


@given(st.text(alphabet="ab \n", max_size=40))
def test_line_of_line_start_and_line_text_agree(text: str) -> None:
    doc = scan(text, front_matter=False)
    lines = text.split("\n")
    for offset in range(len(text) + 1):
        line = doc.line_of(offset)
        assert line == text.count("\n", 0, offset) + 1
        assert doc.line_start(line) <= offset
        assert doc.line_text(line) == lines[line - 1]


def test_region_at_an_offset() -> None:
    doc = scan(PAGE)
    assert [(r.kind, r.start, r.end) for r in doc.regions] == [
        (RegionKind.PROSE, 17, 27),
        (RegionKind.CODE_SPAN, 27, 30),
        (RegionKind.PROSE, 30, 42),
    ]
    # Inside the front matter (before the first region) is region 0; a region holds its start.
    offsets = (0, 17, 26, 27, 29, 30, len(PAGE))
    assert [doc.region_index_at(offset) for offset in offsets] == [0, 0, 0, 1, 1, 2, 2]


def test_heading_at_an_offset() -> None:
    doc = scan(PAGE)
    assert [(h.text, h.start) for h in doc.headings] == [("A", 17), ("B", 37)]
    offsets = (0, 16, 17, 36, 37, len(PAGE))
    assert [doc.heading_index_at(offset) for offset in offsets] == [-1, -1, 0, 0, 1, 1]
    assert scan("no heading\n").heading_index_at(5) == -1


def test_body_start() -> None:
    assert scan(PAGE).body_start == len("---\ntitle: x\n---\n")
    assert scan("# A\n").body_start == 0
    # Read as a piece of a page, the same text has no front matter: its `---` is a rule.
    assert scan(PAGE, front_matter=False).body_start == 0
    # A block MkDocs would not read as front matter (no newline after `---`) is body.
    assert scan("---\ntitle: x\n---").body_start == 0
