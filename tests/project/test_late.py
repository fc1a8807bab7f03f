"""`LateFiller`: text met while a page renders gets the values the page's own text gets (its
front matter, the site's layers, its ``page.*``), problems at the page's rendered lines and
saying so; a page the project never read gets its own ``page.*``."""

from __future__ import annotations

from mkdocs_archcrew import Settings
from mkdocs_archcrew.placeholders.values import Layer
from mkdocs_archcrew.project.late import LateFiller, PageValues

FILLER = LateFiller(
    (Layer("placeholders", {"name": "Tidewater", "owner": "site"}),),
    {"date": "2026-01-02"},
    {"a.md": PageValues({"owner": "page"}, {"title": "A", "path": "a.md"})},
    Settings(),
)


def test_added_text_is_filled_like_the_page_s_own() -> None:
    text, findings = FILLER.fill(
        "a.md", "a/", "docs/a.md", "{{ name }} by {{ owner }} on {{ page.title }} at {{ page.url }}"
    )
    assert text == "Tidewater by page on A at a/"
    assert findings == []


def test_code_is_left_alone() -> None:
    text, _ = FILLER.fill("a.md", "a/", "docs/a.md", "```yaml\nos: ${{ runner.os }}\n```\n")
    assert text == "```yaml\nos: ${{ runner.os }}\n```\n"


def test_problems_are_at_the_rendered_line_and_say_so() -> None:
    text, findings = FILLER.fill("a.md", "a/", "docs/a.md", "ok\n{{ nmae }}\n", first_line=10)
    assert text == "ok\n{{ nmae }}\n"
    (finding,) = findings
    assert (finding.file, finding.line, finding.code) == ("docs/a.md", 11, "placeholder-unresolved")
    assert finding.message.startswith(
        "unresolved placeholder {{ nmae }} (in text another plugin added to the page, at that "
        "line of the page as rendered): "
    )


def test_a_page_never_read_has_its_own_page_values() -> None:
    text, _ = FILLER.fill(
        "new.md", "new/", "docs/new.md", "# New page\n\n{{ page.title }}, {{ owner }}"
    )
    assert text == "# New page\n\nNew page, site"


def test_a_metadata_value_has_no_line_and_plain_braces() -> None:
    text, findings = FILLER.fill("a.md", "a/", "docs/a.md", "{{ name }} \\{{ kept }} {{ nmae }}", 0)
    assert text == "Tidewater {{ kept }} {{ nmae }}"
    (finding,) = findings
    assert (finding.file, finding.line) == ("docs/a.md", 0)
    assert (
        "(in page metadata another plugin added, such as Material's .meta.yml)" in finding.message
    )
