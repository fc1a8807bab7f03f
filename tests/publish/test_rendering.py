"""`PageRenderer`, the host of the Markdown extension: each page's source handed to MkDocs
without markers; the marked Markdown put back when the Markdown is as MkDocs made it of that
source; what other plugins added filled (the rest kept as marked); pages archcrew never handed
filled whole; the HTML given its annotations, and the ids they add recorded for the page."""

from __future__ import annotations

from mkdocs_archcrew.findings import Finding, Severity
from mkdocs_archcrew.publish.annotations import Anchor, Block, Link, Note
from mkdocs_archcrew.publish.markers import Markers
from mkdocs_archcrew.publish.rendering import HostSlot, PageRenderer

URLS = {"RDS.md": "RDS/", "FRS.md": "FRS/"}


class Filler:
    """Fills `{{ x }}` with X, and records what it was asked to fill."""

    def __init__(self) -> None:
        self.asked: list[tuple[str, int]] = []

    def fill(
        self, path: str, url: str, file: str, text: str, first_line: int = 1
    ) -> tuple[str, list[Finding]]:
        self.asked.append((text, first_line))
        found = [Finding(Severity.WARNING, "placeholder-unresolved", "y", file, first_line)]
        return text.replace("{{ x }}", "X"), found if "{{ y }}" in text else []


class Watch:
    def finding(self, path: str, file: str, line: int, text: str) -> Finding | None:
        if "FR-" not in text:
            return None
        return Finding(Severity.WARNING, "trace-added-text", "ids", file, line)


def renderer(sources: dict[str, str]) -> tuple[PageRenderer, Markers, Filler]:
    markers = Markers()
    filler = Filler()
    return PageRenderer(markers, URLS, sources, filler, Watch()), markers, filler


def test_the_source_goes_to_mkdocs_plain_and_comes_back_marked() -> None:
    markers = Markers()
    link = markers.marker(Link("FR-1", "RDS.md", "fr-1"))
    note = markers.marker(Note((), "active", enforced=True))
    marked = f"---\ntitle: T\n---\n# Spec\n\n{link} is done.{note}\n"
    pages = PageRenderer(markers, URLS, {"FRS.md": marked}, Filler(), Watch())

    plain = pages.source("FRS.md")
    assert plain == "---\ntitle: T\n---\n# Spec\n\nFR-1 is done.\n"
    assert pages.source("FRS.md") is None  # handed once
    body = "# Spec\n\nFR-1 is done.\n"  # what MkDocs makes of it: no front matter
    pages.begin("FRS.md", "FRS/", "docs/FRS.md", body, {})

    assert pages.markdown(body) == f"# Spec\n\n{link} is done.{note}\n"
    html = pages.html(f"<p>{link} is done.{note}</p>")
    assert html.startswith(
        '<p><a class="archcrew-link" href="../RDS/#fr-1">FR-1</a> is done.<small class='
    )
    assert pages.take_findings() == []


def test_line_ends_made_newlines_by_mkdocs_still_match() -> None:
    markers = Markers()
    anchor = markers.marker(Anchor("fr-1"))
    pages = PageRenderer(markers, URLS, {"RDS.md": f"# R\r\n\r\n{anchor}A\r\n"}, Filler(), Watch())
    pages.source("RDS.md")
    pages.begin("RDS.md", "RDS/", "docs/RDS.md", "# R\n\nA\n", {})
    assert pages.markdown("# R\n\nA\n") == f"# R\n\n{anchor}A\n"


def test_text_other_plugins_add_is_filled_and_the_rest_kept_as_marked() -> None:
    pages, markers, filler = renderer({})
    link = markers.marker(Link("FR-1", "RDS.md", "fr-1"))
    note = markers.marker(Note((), "active", enforced=True))
    pages._sources["FRS.md"] = f"# Spec\n\n{link} is done.{note}\n\nEnd {{{{ x }}}}.\n".encode()
    plain = pages.source("FRS.md")
    assert plain is not None
    pages.begin("FRS.md", "FRS/", "docs/FRS.md", plain, {})

    changed = plain.replace("\n\nEnd", "\n\nAdded {{ x }} and {{ y }}.\nFR-7 too.\n\nEnd")
    result = pages.markdown(changed)

    # Kept lines keep their markers (the note at the line's end too); the page's own text,
    # filled before it was handed, is not filled again; added lines are, at their lines.
    assert result == (
        f"# Spec\n\n{link} is done.{note}\n\nAdded X and {{{{ y }}}}.\nFR-7 too.\n\nEnd {{{{ x }}}}.\n"
    )
    assert filler.asked == [("Added {{ x }} and {{ y }}.\nFR-7 too.\n", 5)]
    assert [(f.code, f.line) for f in pages.take_findings()] == [
        ("placeholder-unresolved", 5),
        ("trace-added-text", 5),
    ]


def test_a_page_never_handed_is_filled_whole() -> None:
    pages, _, filler = renderer({})
    pages.begin("post.md", "blog/post/", "docs/blog/post.md", "# Post {{ x }}\n", {})
    assert pages.markdown("# Post {{ x }}\n") == "# Post X\n"
    assert filler.asked == [("# Post {{ x }}\n", 1)]


def test_a_drawn_diagram_another_plugin_changed_goes_as_it_was_written() -> None:
    pages, markers, _ = renderer({})
    drawn = markers.marker(Block("<svg/>", "```mermaid\ngraph TB\n    A\n```"))
    pages._sources["x.md"] = f"# X\n\n{drawn}\n\nEnd\n".encode()
    plain = pages.source("x.md")
    assert plain == "# X\n\n```mermaid\ngraph TB\n    A\n```\n\nEnd\n"
    pages.begin("x.md", "x/", "docs/x.md", plain, {})
    changed = plain.replace("    A\n", "    A --> B\n")
    assert pages.markdown(changed) == changed


def test_without_a_page_and_without_a_renderer_nothing_changes() -> None:
    pages, markers, _ = renderer({})
    anchor = markers.marker(Anchor("fr-1"))
    assert pages.markdown("text") == "text"
    assert pages.html(f"<p>{anchor}</p>") == '<p><a id="fr-1"></a></p>'
    slot = HostSlot()
    assert (slot.markdown("a"), slot.html("b"), slot.anchor_of(0)) == ("a", "b", None)
    slot.renderer = pages
    assert slot.anchor_of(0) == "fr-1"


def test_names_left_in_the_markdown_are_recorded() -> None:
    pages, _, _ = renderer({})
    pages.begin("a.md", "a/", "docs/a.md", "", {})
    pages.markdown("Write \\{{ name }}, `{{ code }}`, icon \ue0004\ue001.")
    assert pages.names_left() == {"name", "code"}


def test_metadata_other_plugins_add_is_filled_and_the_page_s_own_left() -> None:
    pages, _, filler = renderer({})
    own = "{{ y }} written \\{{ y }}, already filled"
    pages.begin("a.md", "a/", "docs/a.md", "", {"title": own})
    meta = {"title": own, "description": "About {{ x }}", "tags": ["{{ x }}", 2], "n": 3}
    pages.fill_metadata(meta)
    assert meta == {"title": own, "description": "About X", "tags": ["X", 2], "n": 3}
    assert [text for text, _ in filler.asked] == ["About {{ x }}", "{{ x }}"]
    assert filler.asked[0][1] == 0  # a metadata value: no line


def test_text_converted_after_the_page_s_own_is_other_text_of_the_page() -> None:
    # mkdocstrings converts docstrings while the page renders: such text is never merged with
    # the page's Markdown, however alike their lines.
    pages, markers, filler = renderer({})
    anchor = markers.marker(Anchor("fr-1"))
    pages._sources["FRS.md"] = f"# Spec\n\n{anchor}FR-1 is done.\n".encode()
    plain = pages.source("FRS.md")
    assert plain is not None
    pages.begin("FRS.md", "FRS/", "docs/FRS.md", plain, {})
    assert pages.markdown(plain) == f"# Spec\n\n{anchor}FR-1 is done.\n"

    assert pages.markdown("FR-1 is done.\n\nFR-2 by {{ x }}.\n") == "FR-1 is done.\n\nFR-2 by X.\n"
    assert filler.asked == [("FR-1 is done.\n\nFR-2 by {{ x }}.\n", 1)]
    assert [(f.code, f.line) for f in pages.take_findings()] == [("trace-added-text", 1)]


def test_text_converted_while_a_page_is_built_is_text_of_that_page() -> None:
    # Material's blog converts its posts' excerpts into a listing page from its template's
    # context: the braces they show are the listing's to show.
    pages, _, filler = renderer({})
    pages.begin("RDS.md", "RDS/", "docs/RDS.md", "# R\n", {})
    pages.markdown("# R\n")
    assert pages.names_left() == set()
    pages.building("blog/index.md", "blog/", "docs/blog/index.md")

    assert pages.markdown("Write {{ y }} for {{ x }}.\n") == "Write {{ y }} for X.\n"
    assert filler.asked[-1] == ("Write {{ y }} for {{ x }}.\n", 1)
    assert pages.names_left() == {"y"}
