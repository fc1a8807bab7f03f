"""Config-time checks of other plugins that share ground with archcrew.

mkdocs-macros reads pages with the same ``{{ }}`` delimiters; Material's privacy plugin downloads
the Mermaid that Material falls back on. Both are found by their class's module, not by the name
they are listed under, so a namespaced or renamed entry is found too; neither package is imported.
"""

from __future__ import annotations

import importlib
import logging
import re
from dataclasses import dataclass
from fnmatch import fnmatch
from typing import TYPE_CHECKING, Any

from .adapter import ConfigFile
from .findings import Place

if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Mapping

    from mkdocs.config.defaults import MkDocsConfig

    from .adapter import Configured

MACROS = "mkdocs_macros.plugin"
PRIVACY = "material.plugins.privacy.plugin"

PLACEHOLDER_START = "{{"

JINJA_STARTS = {
    "j2_variable_start_string": "{{",
    "j2_block_start_string": "{%",
    "j2_comment_start_string": "{#",
}
"""The macros options that open a Jinja tag, with Jinja's default for an empty option."""

OWN_DELIMITERS = {
    "j2_variable_start_string": "{@",
    "j2_variable_end_string": "@}",
    "j2_block_start_string": "{@%",
    "j2_block_end_string": "%@}",
    "j2_comment_start_string": "{@#",
    "j2_comment_end_string": "#@}",
}
"""Delimiters for macros that no archcrew page text contains (the guide's recipe)."""

MERMAID_FALLBACK = "unpkg.com/mermaid@11/dist/mermaid.min.js"
"""The Mermaid Material's bundle loads when a page has no global `mermaid`, as privacy names it
(no scheme)."""
MERMAID_FALLBACK_PATTERN = "unpkg.com/mermaid@*/dist/mermaid.min.js"
"""The same for any Mermaid version, so a Material release that moves to mermaid@12 is covered."""


@dataclass(frozen=True)
class Notice:
    """A message for the MkDocs log, at a `logging` level."""

    level: int
    message: str


def check(config: MkDocsConfig, configured: Configured) -> list[Notice]:
    """Look at the other plugins of the site: what would break pages is a warning naming the
    line of that plugin's entry in mkdocs.yml; a setting archcrew adjusts itself is reported at
    info level."""
    config_file = ConfigFile(config)
    notices: list[Notice] = _mermaid2_fences(config, config_file)
    for key, plugin in config.plugins.items():
        module = type(plugin).__module__
        if module == MACROS:
            notices.extend(_macros(plugin.config, _entry(config_file, key)))
        elif module == PRIVACY and configured.diagrams.local_javascript is not None:
            # Only a copy inside the site makes the fallback dead: a Mermaid URL that privacy
            # leaves alone (the site's own host, an excluded address) can fail to load in the
            # browser, and then Material's fallback is what readers get.
            notices.extend(_privacy(plugin.config, _entry(config_file, key), config_file))
    return notices


def _macros(options: Any, place: Place) -> list[Notice]:
    """mkdocs-macros renders pages in `on_page_markdown`, after archcrew handed MkDocs the
    filled source, whatever the order in `plugins:`. With `{{` shared, it gets only what archcrew
    left as text on purpose (code, Mermaid hexagons, escapes) and its own calls, which archcrew
    has already reported as placeholders it cannot fill."""
    shared = [
        name
        for name, default in JINJA_STARTS.items()
        if _overlaps(options.get(name) or default, PLACEHOLDER_START)
    ]
    if not shared:
        return []
    forced = bool((options.get("force_render_paths") or "").strip())
    if options.get("render_by_default", True):
        rendered = "every page"
        instead = "add render_by_default: false" + (
            " and remove force_render_paths" if forced else ""
        )
    elif forced:
        rendered = "the pages of force_render_paths"
        instead = "remove force_render_paths"
    else:
        # Only pages with `render_macros: true` are rendered: a choice made page by page,
        # which the guide covers.
        return []
    settings = ", ".join(_setting(options, name) for name in shared)
    fix = " and ".join(f'{name}: "{value}"' for name, value in _fix(shared))
    return [
        Notice(
            logging.WARNING,
            f"{place}: mkdocs-macros renders {rendered} as Jinja with the braces archcrew fills "
            f"({settings}). archcrew fills its placeholders first, so macros gets only the "
            "braces archcrew leaves as text on purpose, and breaks them: ${{ … }} in code and "
            "Mermaid hexagons A{{text}} turn the page into a Jinja error, an escaped "
            "\\{{ name }} loses its escape. Give macros delimiters of its own: add "
            f"{fix} to this entry (macros tags are then written {{@ name @}}), or {instead} "
            "if no page needs macros.",
        )
    ]


def _setting(options: Any, name: str) -> str:
    value = options.get(name)
    return f"{name}: {value!r}" if value else f"{name} unset, so {JINJA_STARTS[name]!r}"


def _overlaps(start: str, placeholder: str) -> bool:
    """Whether text holding `placeholder` can open a Jinja tag `start`: `{{` itself, `{`, or a
    longer string holding `{{`."""
    return placeholder in start or placeholder.startswith(start)


def _fix(shared: list[str]) -> list[tuple[str, str]]:
    """The recipe's pairs for the start strings that clash, each with its end string."""
    pairs: list[tuple[str, str]] = []
    for start in shared:
        end = start.replace("_start_", "_end_")
        pairs += [(start, OWN_DELIMITERS[start]), (end, OWN_DELIMITERS[end])]
    return pairs


def _privacy(options: Any, place: Place, config_file: ConfigFile) -> list[Notice]:
    """Privacy downloads Material's Mermaid fallback, found in Material's own bundle, whatever
    Mermaid the pages load. With archcrew's copy in the site the global `mermaid` always exists,
    so the fallback is never requested: leaving it out keeps the site private and lets an
    offline build pass."""
    if not options.get("enabled", True) or not options.get("assets", True):
        return []
    include: list[str] = list(options.get("assets_include") or [])
    exclude: list[str] = options.get("assets_exclude")
    # Privacy reads assets_include first: when it is set, only what it matches is downloaded
    # and assets_exclude is not consulted.
    if include:
        if not any(fnmatch(MERMAID_FALLBACK, pattern) for pattern in include):
            return []
        where = _after(config_file, place, "assets_include")
        return [
            Notice(
                logging.INFO,
                f"{where}: privacy's assets_include matches {MERMAID_FALLBACK}, Material's "
                "fallback copy of Mermaid, so privacy downloads it (and an offline build fails "
                "on it), although the pages load the site's own copy from mermaid.javascript "
                "and never request it. Narrow assets_include so that it leaves out "
                f"{MERMAID_FALLBACK_PATTERN}.",
            )
        ]
    if any(fnmatch(MERMAID_FALLBACK, pattern) for pattern in exclude):
        return []
    # The list privacy itself reads when it meets the URL in on_files: MkDocs made it from
    # mkdocs.yml for this build only, so nothing lasts beyond it.
    exclude.append(MERMAID_FALLBACK_PATTERN)
    return [
        Notice(
            logging.INFO,
            f"{place}: privacy: {MERMAID_FALLBACK_PATTERN} added to assets_exclude, as the pages "
            "load the site's own copy of Mermaid (mermaid.javascript) and never request "
            "Material's fallback from unpkg.com; add it to privacy's assets_exclude yourself to "
            "drop this line.",
        )
    ]


MERMAID2_FENCE = "mermaid2.fence"
"""The module of mkdocs-mermaid2's superfences formatters."""
ESCAPING_FENCES = {
    "fence_mermaid_custom": "fence_code_format",
    "fence_mermaid": "fence_div_format",
}
"""Each of mkdocs-mermaid2's formatters, and superfences' own that writes the same element
escaped."""


def _mermaid2_fences(config: MkDocsConfig, config_file: ConfigFile) -> list[Notice]:
    """mkdocs-mermaid2's formatters write a diagram's text into the page as it is, so HTML in a
    label (``<img src=x onerror=…>``, ``<script>``) is live in the reader's browser before
    Mermaid, and its security level, ever see it. Each is replaced by superfences' own
    formatter for the same element, which escapes the text: Mermaid reads the same diagram (it
    takes the element's text), mkdocs-mermaid2 finds its loader's name, and labels are text."""
    superfences = config.mdx_configs.get("pymdownx.superfences") or {}
    notices: list[Notice] = []
    for fence in superfences.get("custom_fences") or []:
        name = _mermaid2_formatter(fence.get("format") if isinstance(fence, dict) else None)
        if name is None:
            continue
        fence["format"] = _escaping_fence(name)
        safe = ESCAPING_FENCES[name]
        notices.append(
            Notice(
                logging.INFO,
                f"{config_file.place(f'mermaid2.{name}')}: mkdocs-mermaid2's {name} writes "
                "each diagram into the page as raw HTML, where a label such as "
                "<img src=x onerror=…> runs in the reader's browser before Mermaid sees it; "
                f"archcrew writes these diagrams escaped instead, as superfences' {safe} does "
                "(Mermaid reads the same text). Write format: "
                f"!!python/name:pymdownx.superfences.{safe} yourself to drop this line.",
            )
        )
    return notices


def _mermaid2_formatter(format: object) -> str | None:
    """The name of mkdocs-mermaid2's formatter `format` is (its function, or the partial
    ``fence_mermaid_custom`` made of it), found by module; None for any other."""
    function = getattr(format, "func", format)
    if getattr(function, "__module__", None) != MERMAID2_FENCE:
        return None
    keywords = getattr(format, "keywords", None) or {}
    return "fence_mermaid_custom" if keywords.get("custom") else "fence_mermaid"


def _escaping_fence(name: str) -> Callable[..., str]:
    """Superfences' formatter that writes the element of mkdocs-mermaid2's formatter `name`
    escaped, under that name: mkdocs-mermaid2 picks its loader by the formatter's name."""
    # There whenever its fences are; imported by name, as the package has no types.
    superfences = importlib.import_module("pymdownx.superfences")
    formatter: Callable[..., str] = getattr(superfences, ESCAPING_FENCES[name])

    def escaping(*args: Any, **kwargs: Any) -> str:
        return formatter(*args, **kwargs)

    escaping.__name__ = escaping.__qualname__ = name
    return escaping


def _entry(config_file: ConfigFile, key: str) -> Place:
    """The line of a plugin's entry under `plugins:`. `key` is MkDocs' name for the instance:
    ``macros``, ``material/privacy`` (written ``privacy`` too), ``macros #2`` for a second one."""
    name, _, instance = key.partition(" #")
    names = {name, name.rpartition("/")[2]}
    entry = re.compile(
        r"\s*(?:-\s+)?(['\"]?)(?:{})\1\s*(?::|#|$)".format("|".join(map(re.escape, names)))
    )
    lines = config_file.text.splitlines()
    start = next((n for n, line in enumerate(lines) if re.match(r"plugins\s*:", line)), 0)
    found = [n + 1 for n in range(start, len(lines)) if entry.match(lines[n])]
    index = int(instance) - 1 if instance.isdigit() else 0
    if index < len(found):
        return Place(config_file.path.name, found[index])
    return Place(config_file.path.name)  # written in an INHERIT parent, say


def _after(config_file: ConfigFile, place: Place, option: str) -> Place:
    """The first line setting `option` below a plugin's entry; the entry when there is none."""
    lines = config_file.text.splitlines()
    for number in range(place.line + 1, len(lines) + 1) if place.line else ():
        if re.match(rf"\s*{re.escape(option)}\s*:", lines[number - 1]):
            return Place(place.file, number)
    return place


PRINT_PAGE = b'<section class="print-page"'
"""How mkdocs-print-site-plugin's print page starts each page (in the file as written)."""
_PRINT_SECTION = re.compile(r'<section class="print-page" id="([^"]+)"')
_ID = re.compile(r'\bid="([^"]+)"')


def print_page_key(url: str) -> str:
    """The key mkdocs-print-site-plugin gives a page in its print page (``RDS/`` → ``rds``)."""
    key = url.lower().strip().rstrip("/").replace(".html", "").replace("/", "-").lstrip("-")
    return key or "index"


def print_page_anchors(html: str, given: Mapping[str, Collection[str]]) -> str | None:
    """A print page of mkdocs-print-site-plugin with the ids archcrew's annotations gave each
    page (`given`, by URL) made unique as the plugin makes headings' ids: it prefixes those of
    a few tags with the page's key, and every link to the page's anchors, but leaves the
    requirement anchors as they were, so links to them would lead nowhere. None when `html`
    is no print page, or nothing needed changing."""
    sections = list(_PRINT_SECTION.finditer(html))
    if not sections:
        return None
    ids = {print_page_key(url): set(anchors) for url, anchors in given.items() if anchors}
    pieces: list[str] = []
    cursor = 0
    for index, section in enumerate(sections):
        anchors = ids.get(section[1])
        end = sections[index + 1].start() if index + 1 < len(sections) else len(html)
        if not anchors:
            continue
        key = section[1]

        def keyed(match: re.Match[str], key: str = key, anchors: set[str] = anchors) -> str:
            return f'id="{key}-{match[1]}"' if match[1] in anchors else match[0]

        pieces.append(html[cursor : section.end()])
        pieces.append(_ID.sub(keyed, html[section.end() : end]))
        cursor = end
    if not pieces:
        return None
    pieces.append(html[cursor:])
    return "".join(pieces)
