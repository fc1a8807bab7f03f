"""`scan`: a page's text split into front matter, prose and code, with its headings.

The block pass (`blocks`) finds block-level code, comments, raw HTML and headings; the prose
between them is then read inline (`inline`) for code spans and inline HTML.
"""

from __future__ import annotations

import bisect
import re
from array import array

from .blocks import BlockScanner
from .dialect import DEFAULT_DIALECT, Dialect
from .document import Document, FrontMatter, Region, RegionKind
from .edits import Edit, splice
from .inline import inline_regions

# MkDocs' own front-matter pattern (mkdocs.utils.meta), so both agree on where the block ends.
_FRONT_MATTER = re.compile(r"-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
_NEWLINE = re.compile("\n")


def scan(text: str, *, front_matter: bool = True, dialect: Dialect = DEFAULT_DIALECT) -> Document:
    """Split a page's text (newlines already ``\\n``) into front matter, prose and code.

    Pass ``front_matter=False`` for a piece of a page, whose leading ``---`` is a rule.
    """
    line_starts = [0]
    line_starts.extend(match.end() for match in _NEWLINE.finditer(text))
    meta = _FRONT_MATTER.match(text) if front_matter else None
    front_matter_block = FrontMatter(0, meta.end(), meta.start(1), meta.end(1)) if meta else None
    blocks = BlockScanner(text, meta.end() if meta else 0, line_starts, dialect)
    blocks.run()
    # superfences leaves each fence inside its paragraph, as one opaque character: inline code
    # spans are found across it (and may swallow it). Every other block is a wall.
    inline_fences = dialect.nested_fences
    fences = [block for block in blocks.regions if inline_fences and block.kind is RegionKind.FENCE]
    walls = [
        block for block in blocks.regions if not (inline_fences and block.kind is RegionKind.FENCE)
    ]
    fence_starts = [fence.start for fence in fences]
    masked = _masked(text, fences)
    regions: list[Region] = []
    cursor = blocks.body_start
    for wall in [*walls, Region(RegionKind.PROSE, len(text), len(text))]:
        if wall.start > cursor:
            for region in inline_regions(masked, cursor, wall.start, blocks.breaks):
                if region.kind is RegionKind.PROSE:
                    regions.extend(_cut_out(region, fences, fence_starts))
                else:
                    regions.append(region)
        if wall.end > wall.start:
            regions.append(wall)
        cursor = wall.end
    headings = tuple(blocks.headings)
    return Document(
        text,
        front_matter_block,
        tuple(regions),
        headings,
        array("l", line_starts),
        frozenset(blocks.table_lines),
    )


def _masked(text: str, regions: list[Region]) -> str:
    """`text` with each region blanked out by NUL characters, offsets unchanged."""
    if not regions:
        return text
    return splice(text, (Edit(r.start, r.end, "\0" * (r.end - r.start)) for r in regions))


def _cut_out(prose: Region, fences: list[Region], fence_starts: list[int]) -> list[Region]:
    """A prose region with the fences inside it given back as regions of their own."""
    pieces: list[Region] = []
    cursor = prose.start
    first = bisect.bisect_left(fence_starts, prose.start)
    for fence in fences[first:]:
        if fence.start >= prose.end:
            break
        if fence.start > cursor:
            pieces.append(Region(RegionKind.PROSE, cursor, fence.start))
        pieces.append(fence)
        cursor = fence.end
    if cursor < prose.end:
        pieces.append(Region(RegionKind.PROSE, cursor, prose.end))
    return pieces
