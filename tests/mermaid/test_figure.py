"""A drawn diagram as one HTML block."""

from __future__ import annotations

from mkdocs_archcrew.mermaid import figure


def test_figure_is_one_html_block_with_both_drawings() -> None:
    block = figure.figure({"default": "<svg>\n light\n</svg>", "dark": "<svg>dark</svg>"})
    assert block == (
        '<div class="archcrew-diagram"><div class="archcrew-diagram-light"><svg> light </svg></div>'
        '<div class="archcrew-diagram-dark"><svg>dark</svg></div></div>\n'
    )
