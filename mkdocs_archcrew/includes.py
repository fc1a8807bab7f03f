"""Text other parts of the site put into a page before archcrew's per-page work sees it, made
part of the page when the project is read: the page is then filled, traced and annotated with
that text in place, exactly as if it had been written there.

Two kinds are known:

- Markdown preprocessors that run before archcrew's (``pymdownx.snippets``);
- mkdocs-include-markdown-plugin, whose ``on_page_markdown`` does nothing but include files
  (its ``{% include-markdown %}`` and ``{% include %}`` directives). Its event is run on each
  page as the project is read; it then finds nothing left to include when MkDocs runs it.

Other plugins that change a page's Markdown are left to their own events: what they add is
filled when the page renders (`publish.rendering`), and said when it names requirements.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import markdown
from markdown.preprocessors import Preprocessor
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import YAML_RE

from .publish.extension import PREPROCESSOR_PRIORITY

if TYPE_CHECKING:
    from collections.abc import Callable

    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files

INCLUDE_MARKDOWN = "mkdocs_include_markdown_plugin.plugin"
"""The module of mkdocs-include-markdown-plugin's plugin class."""


def includer(config: MkDocsConfig, files: Files) -> Callable[[File, str], str] | None:
    """What the site's includes make of a page's source (front matter kept as written); None
    when the site has none, as most sites."""
    plugins = [
        plugin
        for plugin in config.plugins.values()
        if type(plugin).__module__ == INCLUDE_MARKDOWN and _enabled(plugin)
    ]
    preprocessors = _preprocessors(config)
    if not plugins and not preprocessors:
        return None

    def included(file: File, text: str) -> str:
        # MkDocs hands plugins and Python-Markdown the page without its front matter.
        front = YAML_RE.match(text)
        head, body = (text[: front.end()], text[front.end() :]) if front else ("", text)
        try:
            for plugin in plugins:
                body = _on_page_markdown(plugin, file, body, config, files)
            lines = body.split("\n")
            for preprocessor in preprocessors:
                lines = preprocessor.run(lines)
        except Exception:
            # The page is read as written; rendering it raises the same error, through MkDocs,
            # with the include's own message.
            return text
        return head + "\n".join(lines)

    return included


def _enabled(plugin: Any) -> bool:
    return bool(getattr(plugin, "config", {}).get("enabled", True))


def _on_page_markdown(
    plugin: Any, file: File, body: str, config: MkDocsConfig, files: Files
) -> str:
    """The plugin's ``on_page_markdown`` on the page of `file`. It reads only the page's file;
    a page made for it is given back, so the page MkDocs makes later is the file's page."""
    before = file.page
    try:
        page = Page(None, file, config)
        result = plugin.on_page_markdown(body, page=page, config=config, files=files)
    finally:
        file.page = before
    return result if isinstance(result, str) else body


class _Probe(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        return lines


def _preprocessors(config: MkDocsConfig) -> list[Preprocessor]:
    """The site's Markdown preprocessors that run before archcrew's."""
    md = markdown.Markdown(
        extensions=config.markdown_extensions, extension_configs=config.mdx_configs
    )
    md.preprocessors.register(_Probe(md), "archcrew-probe", PREPROCESSOR_PRIORITY)
    stop = md.preprocessors.get_index_for_name("archcrew-probe")
    # The plugin adds archcrew's own extension to the site's; the command line does not.
    ours = (
        {md.preprocessors.get_index_for_name("archcrew")}
        if "archcrew" in md.preprocessors
        else set()
    )
    return [md.preprocessors[index] for index in range(stop) if index not in ours]
