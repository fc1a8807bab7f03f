"""Mermaid's parser messages, made one line."""

from __future__ import annotations

from mkdocs_archcrew.mermaid import check


def test_jison_messages_are_made_one_line() -> None:
    message = "Parse error on line 2:\n...ceDiagram  A->>B hi\n----------------------^\nExpecting 'TXT', got 'NEWLINE'"
    # The text Mermaid quotes runs the diagram's lines together: the finding quotes the line.
    assert check._brief(message) == "Expecting 'TXT', got 'NEWLINE'"
    assert check._brief("Lexer error on line 3,\ncolumn 8") == "Lexer error on line 3, column 8"
