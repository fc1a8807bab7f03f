"""Material's blog, which reads its posts from disk itself.

The blog reads each post in its ``on_files`` event (at priority -50), before pages are read
the usual way: it makes the post's URL from its title and its category pages from its
``categories:`` then, and later renders the text it read. For a post to be read filled, the
project is read before the blog's event, and each post's file is, for the blog's event only,
a copy holding the post as archcrew hands it to MkDocs (`HandedPosts`).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files

BLOG = "material.plugins.blog.plugin"
"""The module of Material's blog plugin class."""
PRIORITY = -50
"""The priority of the blog's ``on_files``, where it reads its posts."""


def post_folders(config: MkDocsConfig) -> list[str]:
    """The folders of the posts of each blog of the site, as prefixes of `File.src_uri`."""
    folders: list[str] = []
    for plugin in config.plugins.values():
        options: Any = getattr(plugin, "config", None)
        if type(plugin).__module__ != BLOG or not options.get("enabled", True):
            continue
        posts = options.post_dir.format(blog=options.blog_dir)
        folders.append(str(Path(posts)).replace("\\", "/").strip("/") + "/")
    return folders


def is_post(config: MkDocsConfig) -> Callable[[File], bool] | None:
    """Tells a blog post from other files; None for a site without a blog. Posts are left out
    of the pages once the blog has read them, and are pages of the project all the same."""
    folders = tuple(post_folders(config))
    if not folders:
        return None

    def post(file: File) -> bool:
        return file.src_uri.startswith(folders) and file.is_documentation_page()

    return post


class HandedPosts:
    """Posts handed to the blog filled: for the length of the blog's ``on_files``, each post's
    `File.abs_src_path` names a copy of it as archcrew hands it to MkDocs. Everything else
    (dates from git, edit links, the live-reload watcher) keeps the post's own file."""

    def __init__(self) -> None:
        self._moved: list[tuple[File, str | None]] = []
        self._folder: str | None = None
        self.handed: list[str] = []
        """The posts handed this build, by path."""

    def hand(self, files: Files, config: MkDocsConfig, source: Callable[[str], str | None]) -> None:
        """Point each post whose `source` differs from its file at a copy holding it."""
        self.handed = []
        post = is_post(config)
        if post is None:
            return
        for file in files:
            if not post(file) or file.abs_src_path is None:
                continue
            text = source(file.src_uri)
            if text is None:
                continue
            self.handed.append(file.src_uri)
            if text == file.content_string:
                continue  # nothing filled: the blog reads the post's own file
            if self._folder is None:
                self._folder = tempfile.mkdtemp(prefix="archcrew-posts-")
            copy = Path(self._folder, file.src_uri)
            copy.parent.mkdir(parents=True, exist_ok=True)
            copy.write_text(text, encoding="utf-8")
            self._moved.append((file, file.abs_src_path))
            file.abs_src_path = str(copy)

    def restore(self) -> None:
        """Give each post its own file back, and drop the copies: the blog has read them."""
        for file, path in self._moved:
            file.abs_src_path = path
        self._moved = []
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None
