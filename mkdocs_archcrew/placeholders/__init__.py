"""Placeholders: ``{{ name }}`` in page text and front matter, filled from value sources in a
documented order, with sections of other pages as values. Documents are data: a placeholder is
a name, never an expression, so nothing a page says runs code."""
