"""A MkDocs project read into what the core needs: value sources, diagram options, settings and
pages. Shared by the plugin (during a build) and the command line (without one), so both see
the same pages and values.
"""

from __future__ import annotations

import functools
import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from jinja2 import TemplateNotFound
from markdown.extensions.toc import slugify as markdown_slugify
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException
from mkdocs.structure.files import InclusionLevel

from .config import option_places
from .findings import ArchcrewError, Finding, Place, Severity
from .includes import includer
from .markdown import Dialect
from .markdown.headings import Slugify, default_slugify
from .mermaid.options import DiagramOptions, is_url
from .mermaid.size import DEFAULT_MAX_TEXT_SIZE, SizeLimit
from .mermaid.toolchain import bundle_problem
from .placeholders.built_ins import build_date, site_values
from .placeholders.data_files import decoded, load_data_file
from .placeholders.values import Layer
from .project.inputs import OnMissing, PageInput, ProjectInputs, Settings
from .review.record import DEFAULT_REVIEW_FILE, ReviewFile, parse, unreadable_review
from .trace.coverage import TraceSettings
from .trace.requirements import RequirementSyntax
from .trace.table import DEFAULT_TABLE_TEMPLATE

if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Mapping

    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files

    from .config import ArchcrewConfig
    from .review.suspects import OnSuspect
    from .trace.gaps import OnGap, OnWordOnly

CACHE_FILE = "mermaid.json"


def load_configuration(
    config_file: str, *, without_plugin: str = ""
) -> tuple[MkDocsConfig, ArchcrewConfig]:
    """The configuration read by MkDocs' own loader, as a build reads it, and the archcrew
    plugin's options in it; MkDocs' build chatter kept out of our output. Raises
    `ArchcrewError` when it cannot be read, or does not enable the plugin (`without_plugin`
    says what needs it)."""
    if not os.path.isfile(config_file):
        raise ArchcrewError(f"{config_file}: no such file; pass the MkDocs configuration with -f")
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    try:
        config = load_config(config_file)
    except MkDocsException as error:  # MkDocs has logged each problem of the file already
        raise ArchcrewError(f"{config_file}: {error.format_message()}") from None
    plugin = config.plugins.get("archcrew")
    if plugin is None:
        needs = without_plugin or "does not enable the archcrew plugin"
        raise ArchcrewError(
            f"{config_file} {needs}; add it under 'plugins:' (plugins:\n  - archcrew)"
        )
    options: ArchcrewConfig = plugin.config
    if not options.enabled:
        raise ArchcrewError(f"{config_file}: the archcrew plugin is disabled (enabled: false)")
    return config, options


def project_dir(config: MkDocsConfig) -> Path:
    """The folder holding ``mkdocs.yml``: paths in options and in messages are relative to it."""
    return Path(config.config_file_path or "mkdocs.yml").resolve().parent


class ConfigFile:
    """``mkdocs.yml`` as written, to point messages at the line that sets an option."""

    def __init__(self, config: MkDocsConfig) -> None:
        self.path = Path(config.config_file_path or "mkdocs.yml")
        self.text = self.path.read_text(encoding="utf-8") if self.path.is_file() else ""

    def place(self, needle: str) -> Place:
        """The first line mentioning `needle` (the file alone when none does)."""
        for number, line in enumerate(self.text.splitlines(), start=1):
            if needle in line:
                return Place(self.path.name, number)
        return Place(self.path.name)


@dataclass(frozen=True)
class Configured:
    """What the options say before any page is read: value sources and diagram options."""

    layers: list[Layer]
    """The site-wide value sources, highest precedence first."""
    data_paths: list[Path]
    """The data files the layers were read from (watched under `mkdocs serve`)."""
    builtins: dict[str, Any]
    diagrams: DiagramOptions
    review_path: Path | None = None
    """The review file (`review.record`), read at each build; None: changes are not tracked."""
    review_name: str = ""
    """Its path for messages, relative to the project folder."""


def configure(options: ArchcrewConfig, config: MkDocsConfig) -> Configured:
    """Read the data files and check the options. Raises `ArchcrewError` naming the file and
    line of a bad data file or option."""
    config_file = ConfigFile(config)
    layers: list[Layer] = []
    paths: list[Path] = []
    for entry in options.data_files:
        path = (project_dir(config) / entry).resolve()
        layers.append(
            Layer(f"data file {entry}", load_data_file(path, entry, config_file.place(entry)))
        )
        paths.append(path)
    layers.reverse()  # a later file overrides an earlier one
    layers.append(Layer("plugin option 'placeholders'", options.placeholders))
    layers.append(Layer("extra", dict(config.extra)))
    builtins = {"date": build_date(), "site": site_values(config)}
    places = option_places(config.config_file_path)
    _check_report(options.report, config, places["report"])
    review_path = _review_path(options, config, places["review_file"])
    return Configured(
        layers,
        paths,
        builtins,
        _diagram_options(options, config, config_file, places),
        review_path,
        options.review_file,
    )


def _review_path(options: ArchcrewConfig, config: MkDocsConfig, place: Place) -> Path | None:
    """Where the review file is: inside the project folder, as every file the plugin reads;
    None when change tracking is off (``review_file: ''`` or ``on_suspect: off``)."""
    if not options.review_file or options.on_suspect == "off":
        return None
    base = project_dir(config)
    path = (base / options.review_file).resolve()
    if not path.is_relative_to(base) or path == base:
        raise ArchcrewError(
            f"{place}: review_file '{options.review_file}' is not a file inside the project "
            f"folder ({base}): it would be {path}. Write a path relative to mkdocs.yml, such "
            f"as {DEFAULT_REVIEW_FILE}, or review_file: '' to track no changes."
        )
    return path


def review_file(configured: Configured) -> ReviewFile | None:
    """What the review file records, read now (it changes under `mkdocs serve` when
    `archcrew review` runs); a file that is not there yet records nothing."""
    path, name = configured.review_path, configured.review_name
    if path is None:
        return None
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return ReviewFile(name)
    except OSError as error:
        return ReviewFile(name, True, findings=(unreadable_review(name, str(error)),))
    try:
        text = decoded(raw, name, "review file")
    except ArchcrewError as error:
        return ReviewFile(name, True, findings=(unreadable_review(name, str(error)),))
    return parse(text, name)


def _check_report(report: str, config: MkDocsConfig, place: Place) -> None:
    """The report goes into site_dir and nowhere else: a path that leaves it (``../x.json``,
    an absolute path, a link out of it) would let a build write over any file the user can
    write. Raises `ArchcrewError` naming the option's line."""
    if not report:
        return
    site = Path(config.site_dir).resolve()
    target = (site / report).resolve()
    if target != site and target.is_relative_to(site):
        return
    raise ArchcrewError(
        f"{place}: report '{report}' is not a file inside site_dir ({site}): it would be "
        f"written to {target}. Write a path relative to site_dir that stays in it, such as "
        "archcrew-report.json or reports/archcrew.json, or report: '' for no report."
    )


def project_inputs(
    options: ArchcrewConfig,
    config: MkDocsConfig,
    files: Files,
    configured: Configured,
    *,
    serving: bool,
    file_of: Callable[[File], str] | None = None,
    also: Callable[[File], bool] | None = None,
) -> ProjectInputs:
    """Everything the pipeline reads, once MkDocs knows the site's pages; `file_of` names a
    page in messages (`page_files`, made when the configuration was loaded); `also` tells the
    pages a plugin builds itself, which MkDocs leaves out (`blog.is_post`)."""
    pages, unreadable = _pages(
        built_pages(files, serving, also), files, config, file_of or page_files(config)
    )
    return ProjectInputs(
        pages,
        configured.layers,
        configured.builtins,
        _settings(options, config, serving=serving),
        configured.diagrams,
        unreadable,
        functools.partial(review_file, configured) if configured.review_path else None,
    )


def built_pages(
    files: Files, serving: bool, also: Callable[[File], bool] | None = None
) -> list[File]:
    """The Markdown pages the build makes: those MkDocs builds (drafts only under `mkdocs
    serve`, excluded pages never), and those `also` tells (a blog's posts)."""
    included: Any = InclusionLevel.is_in_serve if serving else InclusionLevel.is_included
    return [
        file
        for file in files
        if file.is_documentation_page() and (included(file.inclusion) or (also and also(file)))
    ]


def declare_linked_anchors(files: Files, given: Mapping[str, Collection[str]]) -> None:
    """Tell MkDocs of the ids annotations gave pages (`given`, by URL) that its pages link to:
    it checks links to anchors against the ids it saw in each page's Markdown, and those came
    in after. Only those linked: the anchors of 5,000 requirements added to MkDocs' sets would
    hold half a megabyte until the build ends, for no link."""
    for file in files.documentation_pages():
        links = file.page.links_to_anchors if file.page is not None else None
        for target, anchors in (links or {}).items():
            page = target.page
            ids = given.get(page.url) if page is not None else None
            if page is not None and ids and page.present_anchor_ids is not None:
                page.present_anchor_ids.update(anchor for anchor in anchors if anchor in ids)


def _pages(
    built: list[File], files: Files, config: MkDocsConfig, file_of: Callable[[File], str]
) -> tuple[list[PageInput], list[Finding]]:
    """Every Markdown page the build makes, read from disk (or memory, for generated ones)."""
    included = includer(config, files)
    pages: list[PageInput] = []
    findings: list[Finding] = []
    for file in built:
        try:
            text = file.content_string
        except (OSError, ValueError) as error:
            findings.append(
                Finding(
                    Severity.ERROR,
                    "page-unreadable",
                    f"cannot read the page ({error}); MkDocs cannot build it either. "
                    "Save it as UTF-8 text.",
                    file_of(file),
                    0,
                )
            )
            continue
        if included is not None:
            text = included(file, text)
        pages.append(PageInput(file.src_uri, file_of(file), file.url, text))
    return pages, findings


def _settings(options: ArchcrewConfig, config: MkDocsConfig, *, serving: bool) -> Settings:
    """The core's settings from the plugin options. Raises `ArchcrewError` for bad options."""
    config_file = ConfigFile(config)
    try:
        syntax = RequirementSyntax(options.id_pattern, _numbered_lists(options, config_file))
    except re.error as error:
        raise ArchcrewError(
            f"{config_file.place('id_pattern')}: id_pattern is not a valid regular expression "
            f"({error})"
        ) from None
    patterns = [*(options.rds or []), *(options.frs or [])]
    trace = TraceSettings(
        rds=tuple(options.rds) if options.rds is not None else None,
        frs=tuple(options.frs) if options.frs is not None else None,
        syntax=syntax,
        on_uncovered=cast("OnGap", options.on_uncovered),
        on_unknown=cast("OnGap", options.on_unknown),
        on_word_only=cast("OnWordOnly", options.on_word_only),
        ignore_statuses=frozenset(options.ignore_statuses),
        pattern_places={pattern: config_file.place(pattern) for pattern in patterns},
    )
    template_name, template_source = DEFAULT_TABLE_TEMPLATE, None
    if options.traceability_template:
        template_name = options.traceability_template
        path = project_dir(config) / template_name
        try:
            template_source = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise ArchcrewError(
                f"{config_file.place(template_name)}: traceability_template '{template_name}' "
                f"cannot be read ({error}); the path is relative to mkdocs.yml."
            ) from None
    return Settings(
        on_missing=cast("OnMissing", options.on_missing),
        slugify=_toc_slugify(config),
        is_theme_template=_theme_template_check(config.theme.get_env()),
        dialect=Dialect.from_extensions(_extension_names(config)),
        trace=trace,
        link_mentions=options.link_mentions,
        coverage_notes=options.coverage_notes,
        banners=options.banners == "always" or (options.banners == "auto" and serving),
        table_template=template_source,
        table_template_name=template_name,
        templates=tuple(options.templates),
        templates_place=config_file.place("templates:"),
        on_suspect=cast("OnSuspect", options.on_suspect),
        chain=_chain(options, config_file),
        chain_place=config_file.place("chain:"),
    )


def _chain(options: ArchcrewConfig, config_file: ConfigFile) -> dict[str, tuple[str, ...]] | None:
    """The ``chain`` option as documents and their sources. Raises `ArchcrewError` naming its
    line for anything but a mapping of page paths to a list of page paths (or one path)."""
    chain = options.chain
    if chain is None:
        return None
    found: dict[str, tuple[str, ...]] = {}
    for document, sources in chain.items():
        listed = [sources] if isinstance(sources, str) else sources
        if not isinstance(document, str) or not (
            isinstance(listed, list) and all(isinstance(source, str) for source in listed)
        ):
            raise ArchcrewError(
                f"{config_file.place('chain:')}: chain maps each document to the documents it "
                f"is generated from, as paths in docs_dir (CLAUDE.md: [RDS.md]); got "
                f"{document!r}: {sources!r}"
            )
        found[document] = tuple(listed)
    return found


def _numbered_lists(options: ArchcrewConfig, config_file: ConfigFile) -> dict[str, str]:
    lists = options.numbered_lists
    for heading, prefix in lists.items():
        if not isinstance(heading, str) or not isinstance(prefix, str):
            raise ArchcrewError(
                f"{config_file.place('numbered_lists')}: numbered_lists maps heading text to an "
                f'ID prefix ("Functional Requirements": FR); got {heading!r}: {prefix!r}'
            )
    return dict(lists)


def page_files(config: MkDocsConfig) -> Callable[[File], str]:
    """How messages name a page: its path from the folder of ``mkdocs.yml``.

    Call it before other plugins' ``on_config``: mkdocs-monorepo-plugin then moves docs_dir to
    a temporary folder it copies every docs folder into, and a page there is named as if in
    the docs folder the project names, so messages and the report stay the same across builds.
    """
    base = project_dir(config)
    # docs_dir is resolved once: resolving each of thousands of pages costs system calls.
    docs_relative = Path(config.docs_dir).resolve()
    try:
        shown = docs_relative.relative_to(base).as_posix()
    except ValueError:  # outside the project folder
        shown = docs_relative.as_posix()
    docs_prefix = "" if shown == "." else shown + "/"
    docs_dirs = {str(Path(config.docs_dir)) + os.sep}

    def file_of(file: File) -> str:
        path = file.abs_src_path
        if not path:
            return file.src_uri
        if not path.startswith(tuple(docs_dirs)):
            docs_dirs.add(str(Path(config.docs_dir)) + os.sep)  # moved by another plugin?
        if path.startswith(tuple(docs_dirs)):
            return docs_prefix + file.src_uri
        try:
            return Path(path).resolve().relative_to(base).as_posix()  # a page brought in
        except ValueError:
            # Made in a temporary folder by another plugin (mkdocs-gen-files): named as the
            # page it is in the docs folder.
            return docs_prefix + file.src_uri

    return file_of


def _extension_names(config: MkDocsConfig) -> list[str]:
    """The site's Markdown extensions by name. Plugins may list an extension object rather
    than its name (mkdocs-autorefs does): it goes by the module that defines it."""
    return [
        entry if isinstance(entry, str) else type(entry).__module__
        for entry in config.markdown_extensions
    ]


def _toc_slugify(config: MkDocsConfig) -> Slugify:
    """The heading-id function the site's ``toc`` extension uses, so section anchors agree."""
    toc = config.mdx_configs.get("toc", {})
    slugify = toc.get("slugify")
    separator = toc.get("separator", "-")
    if slugify is None and separator == "-":
        return default_slugify
    function = slugify or markdown_slugify
    return lambda text: str(function(text, separator))


def _theme_template_check(env: Environment) -> Callable[[str], bool]:
    """A test for "is this name a template of the site's theme?" (front matter ``template:``)."""

    @functools.cache
    def is_theme_template(name: str) -> bool:
        try:
            env.get_template(name)
        except TemplateNotFound:
            return False
        except Exception:  # a theme template that fails to compile still is one
            return True
        return True

    return is_theme_template


def _diagram_options(
    options: ArchcrewConfig,
    config: MkDocsConfig,
    config_file: ConfigFile,
    places: Mapping[str, Place],
) -> DiagramOptions:
    """Read and check the ``mermaid:`` options. Raises `ArchcrewError` naming the problem."""
    raw = options.mermaid
    base = project_dir(config)
    place = config_file.place("mermaid:")
    javascript = raw["javascript"]
    if javascript and not is_url(javascript):
        path = (base / javascript).resolve()
        at = places["mermaid.javascript"]
        if not path.is_file():
            raise ArchcrewError(
                f"{at}: mermaid.javascript '{javascript}' not found (looked for {path}); "
                "run `npm install mermaid` next to mkdocs.yml, or fix the path (relative to "
                "mkdocs.yml)."
            )
        problem = bundle_problem(path)
        if problem:
            raise ArchcrewError(
                f"{at}: mermaid.javascript '{javascript}' {problem}. It must be Mermaid's "
                "browser bundle: node_modules/mermaid/dist/mermaid.min.js after "
                "`npm install mermaid` next to mkdocs.yml."
            )
        javascript = str(path)
    return DiagramOptions(
        javascript or None,
        raw["validate"],
        raw["prerender"] == "svg",
        raw["security_level"],
        raw["browser"],
        base / raw["cache_dir"] / CACHE_FILE,
        base,
        place,
        raw["on_error"],
        _size_limit(config, config_file),
    )


MERMAID2 = "mermaid2.plugin"
"""mkdocs-mermaid2's plugin, found by its class's module (the package is not imported)."""


def _size_limit(config: MkDocsConfig, config_file: ConfigFile) -> SizeLimit:
    """The ``maxTextSize`` the site's diagrams are held to: mkdocs-mermaid2's, when its
    ``arguments`` set one (Mermaid's configuration in mkdocs.yml), else Mermaid's default. The
    site's shim gives it to Mermaid whichever script initializes it, so the browser agrees.
    Raises `ArchcrewError` for a value that is not a number of characters."""
    for plugin in config.plugins.values():
        if type(plugin).__module__ != MERMAID2:
            continue
        arguments = plugin.config.get("arguments") or {}
        raise_it = "raise maxTextSize in mkdocs-mermaid2's arguments"
        if "maxTextSize" not in arguments:
            return SizeLimit(raise_it=raise_it)
        value = arguments["maxTextSize"]
        place = config_file.place("maxTextSize")
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ArchcrewError(
                f"{place}: mkdocs-mermaid2's arguments.maxTextSize is {value!r}, which is not a "
                f"number of characters; write one (Mermaid's default is "
                f"{DEFAULT_MAX_TEXT_SIZE}), or remove it."
            )
        return SizeLimit(value, f"mkdocs-mermaid2's arguments, {place}", raise_it)
    return SizeLimit()
