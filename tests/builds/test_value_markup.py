"""A placeholder's value is page source: written into the page as Markdown, exactly as if it had
been typed where the placeholder stands, raw HTML included (docs, Placeholders: "Markdown and
HTML in values"). Values come from the repository, as pages do; archcrew neither escapes nor
sanitises them, so a page built with a value and a page with the same text typed in are the
same page."""

from __future__ import annotations

import re

import pytest
from conftest import Site

VALUES = {
    "bold": "**Tidewater** gauges",
    "link": "[the status page](https://status.example.org/)",
    "abbr": '<abbr title="Kestrel Bay Harbour Authority">KBHA</abbr>',
    "lines": "first line<br>second line",
    "entity": "Tide &amp; surge",
    "script": "<script>window.owned = 'value'</script>",
    "handler": '<span onmouseover="window.owned = 1">hover</span>',
}


def article(page_html: str) -> str:
    """The page's rendered Markdown: what the theme wraps around it left out."""
    found = re.search(
        r'<div class="col-md-9" role="main">(.*?)</div>\s*</div>', page_html, re.DOTALL
    )
    assert found, "the article is missing from the page"
    return found[1].strip()


@pytest.mark.parametrize("name", list(VALUES))
def test_a_value_is_written_as_if_typed_in_the_page(site: Site, name: str) -> None:
    site.configure({"placeholders": VALUES})
    site.page("filled.md", f"# Page\n\nThe value: {{{{ {name} }}}} and after.\n")
    site.page("typed.md", f"# Page\n\nThe value: {VALUES[name]} and after.\n")

    run = site.build("--strict")

    assert run.returncode == 0, run.output
    filled, typed = article(site.html("filled.md")), article(site.html("typed.md"))
    assert filled == typed
    assert "{{" not in filled


def test_markdown_and_html_in_values_reach_readers_as_markup(site: Site) -> None:
    site.configure({"placeholders": VALUES})
    site.page("index.md", "# Home\n\n" + "\n\n".join(f"{{{{ {name} }}}}" for name in VALUES))

    run = site.build("--strict")

    assert run.returncode == 0, run.output
    page = article(site.html("index.md"))
    assert "<strong>Tidewater</strong> gauges" in page
    assert '<a href="https://status.example.org/">the status page</a>' in page
    assert '<abbr title="Kestrel Bay Harbour Authority">KBHA</abbr>' in page
    assert "first line<br>second line" in page
    assert "Tide &amp; surge" in page
    # Raw HTML of any kind goes in as it would from the page itself: values are trusted.
    assert "<script>window.owned = 'value'</script>" in page
    assert '<span onmouseover="window.owned = 1">hover</span>' in page
