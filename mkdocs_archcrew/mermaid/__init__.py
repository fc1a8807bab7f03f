"""Mermaid diagrams: found in pages, checked with Mermaid's own parser, optionally drawn as SVG.

All diagrams of a build go to one Node process (parsing, under jsdom) and, to pre-render, to one
Chromium page; results are cached by diagram text and Mermaid version, on disk and in memory,
so an unchanged diagram costs nothing on the next build or serve rebuild.
"""
