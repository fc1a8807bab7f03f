"""The guard on written pages: placeholders left in prose (not code, scripts, diagrams or
comments) that the page's Markdown did not have, and markers counted."""

from __future__ import annotations

from mkdocs_archcrew.publish.annotations import Anchor
from mkdocs_archcrew.publish.guard import markers_in, names_in, unfilled
from mkdocs_archcrew.publish.markers import Markers


def test_placeholders_left_in_prose_are_found_once_each_in_order() -> None:
    page = (
        "<title>{{ site }}</title><p>{{ b }} and {{a}} and {{ b }}</p>"
        '<meta name="description" content="{{ d }}">'
    )
    assert unfilled(page, set()) == ["site", "b", "a", "d"]
    assert unfilled(page, {"b", "site"}) == ["a", "d"]


def test_code_scripts_diagrams_and_comments_are_the_text_s_own() -> None:
    page = (
        "<pre><code>${{ runner.os }}</code></pre><p><code>{{ x }}</code></p>"
        "<script>var t = '{{ y }}';</script><style>/* {{ z }} */</style>"
        '<div class="mermaid">A{{Hex}}</div><svg><text>{{ s }}</text></svg><!-- {{ c }} -->'
        "<p>Q{{Alert queue}}</p>"
    )
    assert unfilled(page, set()) == []
    assert unfilled("<p>no braces</p>", set()) == []


def test_names_in_markdown() -> None:
    assert names_in("Write \\{{ name }} and `{{ code }}` and {{ kept }}") == {
        "name",
        "code",
        "kept",
    }
    assert names_in("nothing") == set()


def test_markers_are_counted_and_authors_private_use_characters_are_not() -> None:
    markers = Markers()
    ours = [markers.marker(Anchor("fr-1")), markers.marker(Anchor("fr-2"))]
    assert markers_in(f"a {ours[0]} b {ours[1]}") == 2
    assert markers_in("a \ue0001\ue001 b \ue00022\ue001") == 0
    assert markers_in("a \ue000 b") == 0
    assert markers_in("plain") == 0
