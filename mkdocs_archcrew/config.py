"""The ``archcrew`` plugin's options, as written under ``plugins:`` in ``mkdocs.yml``."""

from __future__ import annotations

import difflib
import os
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config import base
from mkdocs.config import config_options as c

from .findings import Place
from .mermaid.options import ON_ERROR, PRERENDER, SECURITY_LEVELS, VALIDATE
from .project.rules import DEFAULT_TEMPLATES
from .review.record import DEFAULT_REVIEW_FILE
from .trace.requirements import DEFAULT_ID_PATTERN, DEFAULT_NUMBERED_LISTS

# `validate` would shadow Config.validate(), so this sub-schema uses MkDocs' tuple form and is
# read by key; `adapter` gives it types (`DiagramOptions`).
MERMAID_OPTIONS: tuple[tuple[str, base.BaseConfigOption[Any]], ...] = (
    # Mermaid for the site: a URL, or a local file relative to mkdocs.yml (such as
    # node_modules/mermaid/dist/mermaid.min.js), copied into the site so no page asks a CDN.
    ("javascript", c.Optional(c.Type(str))),
    # Check every diagram with Mermaid's parser: when Node.js, mermaid and jsdom are there
    # (auto), always (true: their absence is an error), or never.
    ("validate", c.Choice(VALIDATE, default="auto")),
    # A diagram Mermaid's parser refuses fails the build (error) or is a warning (warn); a page
    # or a diagram can say otherwise (`archcrew: {diagrams: …}`, `%% archcrew: skip`).
    ("on_error", c.Choice(ON_ERROR, default="error")),
    # "svg" draws each diagram at build time as inline SVG (shown without JavaScript).
    ("prerender", c.Choice(PRERENDER, default=False)),
    # Mermaid's securityLevel in the browser and when pre-rendering.
    ("security_level", c.Choice(SECURITY_LEVELS, default="strict")),
    # The Chromium to pre-render with; default: chromium (Debian's) found on the PATH.
    ("browser", c.Optional(c.Type(str))),
    # Where results are kept between builds, relative to mkdocs.yml.
    ("cache_dir", c.Type(str, default=".cache/archcrew")),
)
_MERMAID_TEXT = {
    "javascript": "a URL, or a path relative to mkdocs.yml",
    "browser": "the path of a Chromium",
    "cache_dir": "a folder relative to mkdocs.yml",
}
"""What each text option holds, for messages."""


class MermaidOptions(base.BaseConfigOption[base.LegacyConfig]):
    """The ``mermaid:`` options, held to the plugin's own standard: MkDocs' untyped SubConfig
    checks no value, and even a checked one only warns of an unknown key, so a misspelt option
    would build a site without what it asks for. Every problem is an error naming its line."""

    def __init__(self) -> None:
        super().__init__()
        self.default = {}
        self._config_file_path = ""

    def pre_validation(self, config: base.Config, key_name: str) -> None:
        self._config_file_path = config.config_file_path

    def run_validation(self, value: object) -> base.LegacyConfig:
        if value is None:  # `mermaid:` with every option under it commented out
            value = {}
        problems = _mermaid_problems(value)
        if problems or not isinstance(value, dict):
            places = _mermaid_places(self._config_file_path)
            lines = [f"{places.get(key, places[''])}: {text}" for key, text in problems]
            # MkDocs puts its "Config value 'plugins': ..." before the first line only.
            if len(lines) > 1:
                lines = [f"{len(lines)} problems:", *(f"  {line}" for line in lines)]
            raise base.ValidationError("\n".join(lines))
        options = base.LegacyConfig(MERMAID_OPTIONS, config_file_path=self._config_file_path)
        options.load_dict(value)
        failed, _ = options.validate()
        if failed:  # the checks above leave MkDocs nothing to find; its words if it does
            key, error = failed[0]
            raise base.ValidationError(f"Sub-option '{key}': {error}")
        return options


_MERMAID_NAMES = ", ".join(name for name, _ in MERMAID_OPTIONS)


def _mermaid_problems(options: object) -> list[tuple[str, str]]:
    """Each unknown key and wrong value of the ``mermaid:`` options, by key ("" for the whole),
    in file order."""
    if not isinstance(options, dict):
        return [
            (
                "",
                f"mermaid is {_yaml(options)}, but it holds options, written under it "
                f"(mermaid: {{prerender: svg}}); the options are: {_MERMAID_NAMES}.",
            )
        ]
    schema = dict(MERMAID_OPTIONS)
    problems: list[tuple[str, str]] = []
    for key, value in options.items():
        option = schema.get(key)
        if option is None:
            close = difflib.get_close_matches(str(key).lower(), schema, n=1, cutoff=0.6)
            hint = f" (did you mean {close[0]}?)" if close else ""
            problems.append(
                (
                    str(key),
                    f"mermaid.{key} is not an option{hint}; the options are: "
                    f"{_MERMAID_NAMES}. Fix the name, or remove the line.",
                )
            )
        elif value is None:  # written without a value: the default, as for top-level options
            continue
        elif isinstance(option, c.Choice):
            # By type too: MkDocs' Choice takes 0 for false and 1 for true.
            if any(type(value) is type(choice) and value == choice for choice in option.choices):
                continue
            allowed = [_plain(choice) for choice in option.choices]
            # `validate: "true"` is text to YAML, not the boolean it looks like.
            booleans = {_plain(choice) for choice in option.choices if isinstance(choice, bool)}
            quoted = isinstance(value, str) and value.lower() in booleans
            problems.append(
                (
                    key,
                    f"mermaid.{key} is {_yaml(value)}, which is not one of: "
                    f"{', '.join(allowed)}. Write one of these"
                    f"{' without quotes' if quoted else ''}, or remove the line for the default "
                    f"({_plain(option.default)}).",
                )
            )
        elif not isinstance(value, str):
            default = f" for the default ({option.default})" if option.default else ""
            problems.append(
                (
                    key,
                    f"mermaid.{key} is {_yaml(value)}, which is not text; it takes "
                    f"{_MERMAID_TEXT[key]}. Write it in quotes, or remove the line{default}.",
                )
            )
    return problems


def _yaml(value: object) -> str:
    """A value as read from mkdocs.yml, written as YAML would (text quoted)."""
    if isinstance(value, bool) or value is None:
        return _plain(value)
    return repr(value)


def _plain(value: object) -> str:
    """A value as written in mkdocs.yml (`false`, `svg`)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return "null" if value is None else str(value)


def _mermaid_places(config_file_path: str) -> dict[str, Place]:
    """Where the configuration writes ``mermaid:`` (key "") and each key under it."""
    places = option_places(config_file_path)
    return {"": places["mermaid"]} | {
        key.removeprefix("mermaid."): place
        for key, place in places.items()
        if key.startswith("mermaid.")
    }


def option_places(config_file_path: str) -> dict[str, Place]:
    """Where the configuration writes each of the plugin's options: by name (``report``), and
    ``mermaid.javascript`` for those under ``mermaid:``; in mkdocs.yml, or the file it
    INHERITs from for what it does not write itself. An option written nowhere that can be
    read again is placed at the file alone."""
    path = Path(config_file_path or "mkdocs.yml")
    project = path.parent
    whole = Place(path.name)
    written: dict[str, Place] = {}
    seen: set[Path] = set()
    while path.resolve() not in seen:
        seen.add(path.resolve())
        try:
            # Composed, not loaded: nodes know their lines, and tags such as !ENV need no
            # constructor.
            root = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            break
        name = Path(os.path.relpath(path, project)).as_posix()
        plugins = _value(root, "plugins")
        entries = plugins.value if isinstance(plugins, yaml.SequenceNode) else [plugins]
        for entry in entries:
            options = _value(entry, "archcrew")
            if not isinstance(options, yaml.MappingNode):
                continue
            for key, value in options.value:
                written.setdefault(str(key.value), Place(name, key.start_mark.line + 1))
                if key.value == "mermaid" and isinstance(value, yaml.MappingNode):
                    for sub_key, _ in value.value:
                        place = Place(name, sub_key.start_mark.line + 1)
                        written.setdefault(f"mermaid.{sub_key.value}", place)
            break
        parent = _value(root, "INHERIT")
        if not isinstance(parent, yaml.ScalarNode):
            break
        path = path.parent / str(parent.value)
    return defaultdict(lambda: whole, written)


def _item(node: yaml.Node | None, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    """The key and value nodes of `key` in a mapping node (the last, as YAML loads it)."""
    found = None
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                found = key_node, value_node
    return found


def _value(node: yaml.Node | None, key: str) -> yaml.Node | None:
    found = _item(node, key)
    return found[1] if found else None


class ArchcrewConfig(base.Config):  # type: ignore[no-untyped-call]  # mkdocs is untyped here
    enabled = c.Type(bool, default=True)
    """Turn the plugin off without removing its configuration (e.g. ``!ENV [ARCHCREW, true]``)."""

    # Placeholders
    data_files = c.ListOfItems(c.Type(str), default=[])
    """YAML files of placeholder values, relative to ``mkdocs.yml``; later files win."""
    placeholders = c.Type(dict, default={})
    """Placeholder values written in ``mkdocs.yml``; a value may be ``{section: "FRS.md#id"}``."""
    on_missing = c.Choice(("warn", "error", "keep"), default="warn")
    """An unresolved placeholder is a warning (``warn``), fails the build (``error``) or is kept
    as written without a message (``keep``). A page can say otherwise in its front matter
    (``archcrew: {on_missing: keep}``)."""
    templates = c.ListOfItems(c.Type(str), default=list(DEFAULT_TEMPLATES))
    """Glob patterns (relative to docs_dir) of the pages that are templates: neither RDS nor
    FRS, placeholders kept, diagrams not checked. ``[]``: no page is a template by its path."""

    # Traceability
    rds = c.Optional(c.ListOfItems(c.Type(str)))
    """Glob patterns of the RDS pages, relative to docs_dir; unset: file names starting with RDS."""
    frs = c.Optional(c.ListOfItems(c.Type(str)))
    """Glob patterns of the FRS pages, relative to docs_dir; unset: file names starting with FRS."""
    id_pattern = c.Type(str, default=DEFAULT_ID_PATTERN)
    """Regular expression of a requirement ID (default: ``FR-1``, ``NFR-007``, ``REQ-AUTH-3.1``)."""
    numbered_lists = c.Type(dict, default=dict(DEFAULT_NUMBERED_LISTS))
    """Headings whose numbered lists define requirements, and the ID prefix each gives."""
    ignore_statuses = c.ListOfItems(
        c.Choice(("draft", "deprecated")), default=["draft", "deprecated"]
    )
    """Requirements with these statuses are listed, but their coverage is not enforced."""
    on_uncovered = c.Choice(("error", "warn"), default="error")
    """An uncovered requirement fails the build (``error``) or is a warning (``warn``)."""
    on_unknown = c.Choice(("error", "warn"), default="error")
    """An FRS mention of an ID no RDS defines fails the build or is a warning."""
    on_word_only = c.Choice(("info", "warn", "uncovered"), default="info")
    """A requirement the FRS mentions only by its one-word title ("Performance" in "Performance
    Reports") is covered, and said at info level (``info``) or as a warning (``warn``); or it is
    not covered (``uncovered``), and ``on_uncovered`` decides."""
    review_file = c.Type(str, default=DEFAULT_REVIEW_FILE)
    """The review file, relative to ``mkdocs.yml``: each requirement's words as last reviewed
    against the FRS, and each document's sources as last regenerated from. Written by
    ``archcrew review``, read by every build; an empty string tracks no changes."""
    on_suspect = c.Choice(("warn", "error", "off"), default="warn")
    """A requirement whose words changed since its review is a warning (``warn``), fails the
    build (``error``), or is not tracked at all (``off``)."""
    chain = c.Optional(c.Type(dict))
    """The document chain, for sites whose documents do not write it in their front matter
    (``generationTriggers``, ``chainedGeneration``, ``sourceTemplate``): each document (a
    path in docs_dir) and the documents it is generated from (``CLAUDE.md: [RDS.md]``).
    Given, it replaces what the front matter says."""
    link_mentions = c.Type(bool, default=True)
    """Turn requirement IDs written in FRS prose into links to the requirement."""
    coverage_notes = c.Type(bool, default=True)
    """Show under each requirement in the RDS where the FRS covers it."""
    banners = c.Choice(("auto", "always", "never"), default="auto")
    """Show each page's problems in a banner at its top: under ``mkdocs serve`` only (``auto``),
    in every build, or never."""
    traceability_template = c.Optional(c.Type(str))
    """A Jinja2 template (relative to ``mkdocs.yml``) for ``{{ rdsToFrsValidation }}``."""
    mermaid = MermaidOptions()
    """Mermaid diagrams: how the site loads Mermaid, build-time checks, pre-rendering."""
    report = c.Type(str, default="archcrew-report.json")
    """File written into site_dir with every requirement, its coverage and every finding; an
    empty string writes none."""
