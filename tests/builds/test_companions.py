"""Companion plugins that share ground with archcrew, in real builds: mkdocs-macros (the same
`{{ }}` delimiters) and Material's privacy plugin (which downloads Material's Mermaid fallback).
The recipes of docs/guides/companions.md hold, and a combination that breaks pages is a warning
at configuration time naming the plugin's line in mkdocs.yml."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLE_SITE, Site, code_blocks, node_modules

# A page with everything archcrew leaves as text on purpose, plus a heading id written with
# attr_list's `{#…}`, which Jinja's default comment delimiter would also swallow.
PAGE = """\
# Home {#start}

Name {{ name }}. Escaped \\{{ name }}.

```yaml
key: ${{ runner.os }}
```

```mermaid
graph LR
    Q{{Alert queue}} --> B
```
"""

WARNING_EVERY_PAGE = (
    "WARNING -  archcrew: mkdocs.yml:{line}: mkdocs-macros renders every page as Jinja with "
    "the braces archcrew fills (j2_variable_start_string unset, so '{{{{'). archcrew fills its "
    "placeholders first, so macros gets only the braces archcrew leaves as text on purpose, and "
    "breaks them: ${{{{ … }}}} in code and Mermaid hexagons A{{{{text}}}} turn the page into a "
    "Jinja error, an escaped \\{{{{ name }}}} loses its escape. Give macros delimiters of its "
    'own: add j2_variable_start_string: "{{@" and j2_variable_end_string: "@}}" to this entry '
    "(macros tags are then written {{@ name @}}), or add render_by_default: false if no page "
    "needs macros."
)

RECIPE = """\
  - macros:
      j2_variable_start_string: "{@"
      j2_variable_end_string: "@}"
      j2_block_start_string: "{@%"
      j2_block_end_string: "%@}"
      j2_comment_start_string: "{@#"
      j2_comment_end_string: "#@}"
"""

MERMAID_FENCE = """\
markdown_extensions:
  - attr_list
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format
"""


def macros_site(site: Site, plugins: str, extra: str = "") -> None:
    theme = "theme:\n  name: mkdocs\n"
    site.write(
        "mkdocs.yml", f"site_name: Test Site\n{theme}{MERMAID_FENCE}plugins:\n{plugins}{extra}"
    )
    site.page("index.md", PAGE)


ARCHCREW = """\
  - archcrew:
      placeholders:
        name: Tidewater
"""


def line_of(site: Site, text: str) -> int:
    lines = (site.root / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    return lines.index(text) + 1


def test_macros_with_its_defaults_is_a_warning_naming_its_entry(site: Site) -> None:
    macros_site(site, ARCHCREW + "  - macros\n")

    run = site.build("--strict")

    assert run.returncode == 1, run.output
    assert WARNING_EVERY_PAGE.format(line=line_of(site, "  - macros")) in run.output


def test_what_the_warning_says_breaks_does_break(site: Site) -> None:
    # Without --strict, one trap per page: the claims of the warning, on the installed macros.
    macros_site(site, ARCHCREW + "  - macros\n", "extra:\n  name: Tidewater\n")
    site.page("index.md", "# Home\n\n```yaml\nkey: ${{ runner.os }}\n```\n")
    site.page("diagram.md", "# Diagram\n\n```mermaid\ngraph LR\n    Q{{Alert queue}} --> B\n```\n")
    site.page("escape.md", "# Escape\n\nEscaped \\{{ name }}.\n")

    run = site.build()

    assert run.returncode == 0, run.output
    code, diagram = site.html("index.md"), site.html("diagram.md")
    assert "_UndefinedError_: 'runner' is undefined" in run.output
    assert '<h1 id="macro-rendering-error"><em>Macro Rendering Error</em></h1>' in code
    assert "**expected token 'end of print statement', got 'queue'**" in run.output
    assert '<h1 id="macro-syntax-error"><em>Macro Syntax Error</em></h1>' in diagram
    # `name` is a macros variable too (from extra:), so macros fills the escaped one.
    assert "<p>Escaped \\Tidewater.</p>" in site.html("escape.md")


def test_force_render_paths_with_shared_braces_is_a_warning(site: Site) -> None:
    plugins = "  - macros:\n      render_by_default: false\n      force_render_paths: index.md\n"
    macros_site(site, plugins + ARCHCREW)

    run = site.build("--strict")

    assert run.returncode == 1, run.output
    assert (
        f"WARNING -  archcrew: mkdocs.yml:{line_of(site, '  - macros:')}: mkdocs-macros renders "
        "the pages of force_render_paths as Jinja with the braces archcrew fills "
        "(j2_variable_start_string unset, so '{{')."
    ) in run.output
    assert "or remove force_render_paths if no page needs macros." in run.output


def test_a_macros_delimiter_holding_the_braces_is_named(site: Site) -> None:
    plugins = (
        '  - macros:\n      j2_variable_start_string: "{{@"\n      j2_variable_end_string: "@}}"\n'
    )
    macros_site(site, ARCHCREW + plugins)

    run = site.build("--strict")

    assert run.returncode == 1, run.output
    assert (
        f"mkdocs.yml:{line_of(site, '  - macros:')}: mkdocs-macros renders every page as Jinja "
        "with the braces archcrew fills (j2_variable_start_string: '{{@')."
    ) in run.output


@pytest.mark.parametrize("macros_first", [True, False], ids=["macros-first", "archcrew-first"])
def test_macros_with_its_own_delimiters_and_archcrew_both_work(
    site: Site, macros_first: bool
) -> None:
    plugins = RECIPE + ARCHCREW if macros_first else ARCHCREW + RECIPE
    macros_site(site, plugins)
    site.page(
        "macros.md",
        "# Macros\n\nSite {@ config.site_name @}; "
        "{@% for n in [1, 2] %@}[{@ n @}]{@% endfor %@}{@# a comment #@}.\n",
    )

    run = site.build("--strict")

    assert run.returncode == 0, run.output
    assert "WARNING" not in run.output
    page = site.html("index.md")
    assert '<h1 id="start">Home</h1>' in page
    assert "<p>Name Tidewater. Escaped {{ name }}.</p>" in page
    blocks = code_blocks(page)
    assert "key: ${{ runner.os }}\n" in blocks
    assert "graph LR\n    Q{{Alert queue}} --> B" in blocks
    assert "<p>Site Test Site; [1][2].</p>" in site.html("macros.md")


def test_macros_rendering_only_pages_that_ask_for_it(site: Site) -> None:
    macros_site(site, ARCHCREW + "  - macros:\n      render_by_default: false\n")
    # On a page that opts in, archcrew still fills {{ }} first: macros gets {% %} statements,
    # and archcrew's literal braces are wrapped in {% raw %}.
    site.page(
        "opted-in.md",
        """\
        ---
        render_macros: true
        ---
        # Opted in

        Name {{ name }}. {% if config.site_name == "Test Site" %}Our site.{% endif %}

        {% raw %}
        ```yaml
        key: ${{ runner.os }}
        ```
        {% endraw %}
        """,
    )

    run = site.build("--strict")

    assert run.returncode == 0, run.output
    assert "WARNING" not in run.output
    page = site.html("index.md")
    assert "<p>Name Tidewater. Escaped {{ name }}.</p>" in page
    assert "key: ${{ runner.os }}\n" in code_blocks(page)
    opted_in = site.html("opted-in.md")
    assert "<p>Name Tidewater. Our site.</p>" in opted_in
    assert "key: ${{ runner.os }}\n" in code_blocks(opted_in)


def example_copy(tmp_path: Path, plugins: str) -> Site:
    """The example site, its `plugins:` list replaced, node_modules linked rather than copied."""
    node_modules()
    root = tmp_path / "example_site"
    shutil.copytree(EXAMPLE_SITE, root, ignore=shutil.ignore_patterns("site", "node_modules"))
    os.symlink(EXAMPLE_SITE / "node_modules", root / "node_modules")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    archcrew = re.search(r"^  - archcrew:\n(?:(?: {4,}.*)?\n)*", text, re.MULTILINE)
    assert archcrew
    listed = plugins.replace("ARCHCREW\n", archcrew.group())
    config.write_text(re.sub(r"^plugins:\n(?:(?:  .*)?\n)*", listed, text, flags=re.MULTILINE))
    return Site(root)


def test_the_example_site_builds_with_the_macros_recipe(tmp_path: Path) -> None:
    example = example_copy(tmp_path, "plugins:\n  - search\nARCHCREW\n" + RECIPE + "\n")

    run = example.build("--strict")

    assert run.returncode == 0, run.output
    assert "WARNING" not in run.output
    blocks = "\n".join(code_blocks(example.html("CLAUDE.md")))
    assert "key: ${{ runner.os }}-py${{ matrix.python-version }}-" in blocks
    assert "Q{{Alert queue}}" in blocks
    text = " ".join(example.text("index.md").split())
    assert (
        "appears on this page as {{ project.name }}, while the unescaped form gives Tidewater."
        in text
    )


PRIVACY_INFO = (
    "INFO    -  archcrew: mkdocs.yml:{line}: privacy: unpkg.com/mermaid@*/dist/mermaid.min.js "
    "added to assets_exclude, as the pages load the site's own copy of Mermaid "
    "(mermaid.javascript) and never request Material's fallback from unpkg.com; add it to "
    "privacy's assets_exclude yourself to drop this line."
)


def privacy_site(site: Site, privacy: str) -> None:
    """A Material site with a diagram, its own Mermaid, and privacy's cache kept in the temp
    folder (privacy resolves it against the working directory)."""
    bundle = node_modules() / "mermaid" / "dist" / "mermaid.min.js"
    site.write(
        "mkdocs.yml",
        "site_name: Test Site\n"
        "theme:\n"
        "  name: material\n"
        "  font: false\n"
        f"{MERMAID_FENCE}"
        "plugins:\n"
        f"{privacy}"
        f"      cache_dir: {site.root / '.cache' / 'privacy'}\n"
        "  - archcrew:\n"
        "      mermaid:\n"
        f"        javascript: {bundle}\n"
        "        validate: false\n",
    )
    site.page("index.md", "# Home\n\n```mermaid\ngraph LR\n    A --> B\n```\n")


def test_privacy_builds_offline_with_the_sites_own_mermaid(site: Site) -> None:
    privacy_site(site, "  - privacy:\n")

    run = site.build("--strict")

    assert run.returncode == 0, run.output
    assert "WARNING" not in run.output
    assert PRIVACY_INFO.format(line=line_of(site, "  - privacy:")) in run.output
    assert "Downloading external file" not in run.output
    page = site.html("index.md")
    assert '<script src="assets/archcrew/mermaid.min.js"></script>' in page
    assert "unpkg.com" not in page  # privacy adds no script of its own (no site_url here)
    assert not (site.root / "site" / "assets" / "external").exists()
    assert (site.root / "site" / "assets" / "archcrew" / "mermaid.min.js").is_file()


def test_privacy_with_the_exclusion_written_is_left_alone(site: Site) -> None:
    privacy_site(site, "  - privacy:\n      assets_exclude:\n        - unpkg.com/mermaid@11/*\n")

    run = site.build("--strict")

    assert run.returncode == 0, run.output
    assert "WARNING" not in run.output
    assert "assets_exclude" not in run.output
    assert "Downloading external file" not in run.output


def test_privacy_told_to_fetch_the_fallback_is_named(site: Site) -> None:
    privacy_site(site, "  - privacy:\n      assets_include:\n        - unpkg.com/*\n")

    run = site.build()  # privacy then downloads unpkg's Mermaid: offline, its own warning

    assert run.returncode == 0, run.output
    assert (
        f"INFO    -  archcrew: mkdocs.yml:{line_of(site, '      assets_include:')}: privacy's "
        "assets_include matches unpkg.com/mermaid@11/dist/mermaid.min.js, Material's fallback "
        "copy of Mermaid, so privacy downloads it (and an offline build fails on it), although "
        "the pages load the site's own copy from mermaid.javascript and never request it. "
        "Narrow assets_include so that it leaves out unpkg.com/mermaid@*/dist/mermaid.min.js."
    ) in run.output


def blog_site(site: Site) -> None:
    site.configure(
        theme={"name": "material"},
        plugins=[{"blog": {}}, {"archcrew": {"placeholders": {"product": "Tidewater"}}}],
    )
    site.page("index.md", "# Home\n")
    site.page("blog/index.md", "# News\n")
    site.page(
        "blog/posts/gauges.md",
        # Unquoted, as Architect Crew templates write placeholders: not YAML until filled.
        "---\ndate: 2026-01-15\ndescription: {{ product }} gauges\ncategories:\n"
        "  - Hardware\n  - '{{ product }}'\n---\n\n"
        "# New gauges for {{ product }}\n\nTwelve gauges report to {{ product }}.\n\n"
        "Write \\{{ product }} for the name.\n",
    )
    site.page(
        "blog/posts/slugged.md",
        "---\ndate: 2026-01-16\nslug: more-gauges\n---\n\n# More gauges for {{ product }}\n",
    )


def test_blog_posts_are_read_filled_so_urls_and_categories_have_the_values(site: Site) -> None:
    blog_site(site)

    run = site.build("--strict")

    assert run.returncode == 0, run.output
    posts = site.root / "site" / "blog" / "2026" / "01"
    post = (posts / "15" / "new-gauges-for-tidewater" / "index.html").read_text("utf-8")
    assert '<h1 id="new-gauges-for-tidewater">New gauges for Tidewater</h1>' in post
    assert "Twelve gauges report to Tidewater." in post
    # An escape is undone once: the post is not filled a second time when it renders.
    assert "Write {{ product }} for the name." in post
    assert '<meta name="description" content="Tidewater gauges">' in post
    category = site.root / "site" / "blog" / "category" / "tidewater" / "index.html"
    assert "New gauges for Tidewater" in category.read_text("utf-8")
    slugged = (posts / "16" / "more-gauges" / "index.html").read_text("utf-8")
    assert "More gauges for Tidewater" in slugged
    # The posts' own files are theirs again once the blog has read them.
    assert list((site.root / "site").rglob("*product*")) == []


def test_a_post_whose_front_matter_is_broken_is_left_to_the_blog_s_error(site: Site) -> None:
    blog_site(site)
    site.page("blog/posts/broken.md", "---\ndate: [2026\n---\n\n# Broken\n")

    run = site.build()

    assert run.returncode == 1
    assert "docs/blog/posts/broken.md:3: front matter is not valid YAML" in run.output
    # The blog names the post's own file, not a copy of it.
    assert "Error reading metadata of post 'blog/posts/broken.md'" in run.output


def test_check_reads_blog_posts_as_the_build_does(site: Site) -> None:
    blog_site(site)
    site.page("blog/posts/typo.md", "---\ndate: 2026-01-17\n---\n\n# About {{ prodcut }}\n")

    run = site.build()
    check = site.check()

    unresolved = "unresolved placeholder {{ prodcut }}"
    assert f"WARNING -  archcrew: docs/blog/posts/typo.md:5: {unresolved}" in run.output
    assert f"docs/blog/posts/typo.md:5: warning: {unresolved}" in check.output


LATE_PAGE_HOOK = """\
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File


@event_priority(-100)
def on_files(files, config):
    # After the blog, as mkdocs-static-i18n chooses each language's pages.
    text = "# Specification of {{ product }}\\n\\nFR-1 is handled by the gateway.\\n"
    files.append(File.generated(config, "FRS.md", content=text))
    return files
"""


def test_pages_added_after_the_blog_read_its_posts_are_read_too(site: Site) -> None:
    blog_site(site)
    site.configure(
        theme={"name": "material"},
        plugins=[{"blog": {}}, {"archcrew": {"placeholders": {"product": "Tidewater"}}}],
        hooks=["hooks.py"],
    )
    site.write("hooks.py", LATE_PAGE_HOOK)
    site.page("RDS.md", "# Requirements\n\n## FR-1: Ingestion\n\nReadings come in.\n")

    run = site.build("--strict")

    # Read only before the blog's event, FR-1 would be uncovered.
    assert run.returncode == 0, run.output
    frs = (site.root / "site" / "FRS" / "index.html").read_text("utf-8")
    assert "Specification of Tidewater" in frs
    assert '<a class="archcrew-link" href="../RDS/#fr-1">FR-1</a> is handled' in frs
    posts = site.root / "site" / "blog" / "2026" / "01"
    post = (posts / "15" / "new-gauges-for-tidewater" / "index.html").read_text("utf-8")
    # Read a second time, the post is still the text the blog read: filled once.
    assert "Write {{ product }} for the name." in post
    assert "Twelve gauges report to Tidewater." in post
