"""`page_edits` on a real `trace_project` result: where the markers of anchors, coverage notes
and links go for heading, title, list, table and numbered requirements, with ``coverage_notes``
and ``link_mentions`` on and off."""

from __future__ import annotations

import textwrap

import pytest

from mkdocs_archcrew.markdown import Document, scan
from mkdocs_archcrew.markdown.edits import apply
from mkdocs_archcrew.markdown.headings import default_slugify
from mkdocs_archcrew.publish.annotations import Anchor, Link, Note
from mkdocs_archcrew.publish.markers import KEY, MARKER, MARKER_CLOSE, MARKER_OPEN, Markers
from mkdocs_archcrew.publish.page_edits import page_edits
from mkdocs_archcrew.trace.coverage import Trace, TraceSettings, trace_project

RDS = textwrap.dedent("""\
    # FR-5: Title requirement

    ### FR-1: Login form

    ### FR-6: Own id {#fr-6}

    - FR-2 Export — the export
      continues here.

    | ID | Title |
    |----|-------|
    | FR-3 | Table row |

    ## Non-Functional Requirements

    1. **Numbered**: one.
""")
FRS = "# FRS\n\n## Auth\n\nThe fr-1 login, FR-2, [FR-3](RDS.md#fr-3) and FR-1 again.\n"
AUTH = Link("FRS › Auth", "FRS.md", "auth")
UNCOVERED = Note((), "active", enforced=True)


@pytest.fixture(scope="module")
def traced() -> tuple[Trace, dict[str, Document]]:
    docs = {"RDS.md": scan(RDS), "FRS.md": scan(FRS)}
    trace = trace_project(docs, {p: f"docs/{p}" for p in docs}, TraceSettings(), default_slugify)
    # FR-5, FR-6 and NFR-1 are not covered: their notes say so.
    assert [(f.code, f.line) for f in trace.findings] == [
        ("trace-uncovered", 1),
        ("trace-uncovered", 5),
        ("trace-uncovered", 16),
    ]
    return trace, docs


def edited(
    traced: tuple[Trace, dict[str, Document]], page: str, *, notes: bool, links: bool
) -> tuple[str, Markers]:
    """The page with its edits made, each marker shown as <number>."""
    trace, docs = traced
    markers = Markers()
    edits = page_edits(
        trace, page, docs[page], markers, default_slugify, link_mentions=links, coverage_notes=notes
    )
    text = apply(docs[page].text, 0, [], edits)
    return MARKER.sub(lambda marker: f"<{marker[1]}>", text), markers


def test_rds_page_with_coverage_notes(traced: tuple[Trace, dict[str, Document]]) -> None:
    text, markers = edited(traced, "RDS.md", notes=True, links=True)
    assert text == textwrap.dedent("""\
        # FR-5: Title requirement

        <0>


        <1>


        ### <2><3>FR-1: Login form

        ### <1>FR-6: Own id {#fr-6}

        - <4> FR-2 Export — the export
          continues here. <3>

        | ID | Title |
        |----|-------|
        | <5> FR-3 | Table row  <3>|

        ## Non-Functional Requirements

        1. <6> **Numbered**: one. <1>
    """)
    # Equal notes share one marker: those of requirements covered by the same sections.
    assert markers.items == [
        # The page title's markers follow its line, in paragraphs of their own.
        Anchor("fr-5"),
        UNCOVERED,
        # A heading gets an anchor (its own id is fr-1-login-form) and a note.
        Anchor("fr-1"),
        Note((AUTH,), "active", enforced=True),
        # A heading whose id is the requirement's anchor already: a note only (<1>).
        # A list item or table row: its anchor where it starts, its note where its first
        # paragraph ends (<3>).
        Anchor("fr-2"),
        Anchor("fr-3"),
        # A numbered item's anchor shows its ID, which the item's text does not.
        Anchor("nfr-1", "NFR-1"),
    ]


def test_rds_page_without_coverage_notes(traced: tuple[Trace, dict[str, Document]]) -> None:
    text, markers = edited(traced, "RDS.md", notes=False, links=True)
    assert text == textwrap.dedent("""\
        # FR-5: Title requirement

        <0>


        ### <1>FR-1: Login form

        ### FR-6: Own id {#fr-6}

        - <2> FR-2 Export — the export
          continues here.

        | ID | Title |
        |----|-------|
        | <3> FR-3 | Table row |

        ## Non-Functional Requirements

        1. <4> **Numbered**: one.
    """)
    assert markers.items == [
        Anchor("fr-5"),
        Anchor("fr-1"),
        Anchor("fr-2"),
        Anchor("fr-3"),
        Anchor("nfr-1", "NFR-1"),
    ]


@pytest.mark.parametrize("notes", [True, False])
def test_frs_page_links_its_linkable_mentions(
    traced: tuple[Trace, dict[str, Document]], notes: bool
) -> None:
    text, markers = edited(traced, "FRS.md", notes=notes, links=True)
    # The link's text is the ID as written; an ID already in a link stays as it is.
    assert text == "# FRS\n\n## Auth\n\nThe <0> login, <1>, [FR-3](RDS.md#fr-3) and <2> again.\n"
    assert markers.items == [
        Link("fr-1", "RDS.md", "fr-1"),
        Link("FR-2", "RDS.md", "fr-2"),
        Link("FR-1", "RDS.md", "fr-1"),
    ]


def test_frs_page_without_links(traced: tuple[Trace, dict[str, Document]]) -> None:
    text, markers = edited(traced, "FRS.md", notes=True, links=False)
    assert text == FRS
    assert markers.items == []


def test_a_title_at_the_very_end_of_a_page() -> None:
    docs = {"RDS.md": scan("# FR-1: Only"), "FRS.md": scan("FR-1")}
    trace = trace_project(docs, {p: f"docs/{p}" for p in docs}, TraceSettings(), default_slugify)
    markers = Markers()
    edits = page_edits(
        trace,
        "RDS.md",
        docs["RDS.md"],
        markers,
        default_slugify,
        link_mentions=True,
        coverage_notes=False,
    )
    assert (
        apply(docs["RDS.md"].text, 0, [], edits)
        == f"# FR-1: Only\n\n{MARKER_OPEN}{KEY}0{MARKER_CLOSE}\n"
    )
