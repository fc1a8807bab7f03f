"""Command line: ``archcrew check`` runs the plugin's checks on a MkDocs project, without a build;
``archcrew review`` records requirements as reviewed against the FRS (and documents as
regenerated from their sources); ``archcrew suspects`` lists the requirements changed since.

Exit status: 0 when clean, 1 when a finding is at error level (or any warning with
``--strict``; any suspect for ``suspects``), 2 for usage or configuration errors.

A local Mermaid bundle that is not there yet is a notice, as Node.js and the npm packages are
with ``mermaid.validate: auto``: the check needs none of them, so it runs in a bare Python
environment such as a pre-commit hook's.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mkdocs.structure.files import get_files

from . import __version__, adapter, blog, pipeline, reviewing
from .findings import ArchcrewError, Code, Finding, Severity, sorted_findings
from .mermaid.cache import Cache
from .mermaid.examine import TOOLCHAIN
from .mermaid.options import is_url
from .plugin import ArchcrewPlugin
from .review.suspects import SUSPECT_CODE
from .trace.mentions import BY_ID, BY_TITLE, BY_WORD
from .trace.report import requirement_rows, with_findings
from .trace.requirements import in_id_order

if TYPE_CHECKING:
    from collections.abc import Sequence

    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

    from .config import ArchcrewConfig
    from .review.chain import Chain
    from .trace.coverage import Trace

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Bad arguments or configuration; the message is shown as is."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        checked = _check(args.config_file)
        if args.command == "review":
            done = reviewing.review(
                checked.review, checked.trace, checked.chain, args.ids, args.document
            )
            sys.stdout.write(done)
            return EXIT_CLEAN
    except (UsageError, ArchcrewError) as error:
        print(f"archcrew: {error}", file=sys.stderr)
        return EXIT_USAGE
    findings, trace = checked.findings, checked.trace
    if args.command == "suspects":
        suspects = [f for f in findings if f.code == SUSPECT_CODE]
        sys.stdout.write(_github(suspects) if args.format == "github" else _text(suspects))
        return EXIT_FINDINGS if suspects else EXIT_CLEAN
    sys.stdout.write(_output(args.format, findings, trace, requirements=args.requirements))
    failing = Severity.WARNING if args.strict else Severity.ERROR
    return EXIT_FINDINGS if any(f.severity >= failing for f in findings) else EXIT_CLEAN


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="archcrew",
        description="Check Architect Crew documents in a MkDocs project without building it.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="command")
    check = commands.add_parser(
        "check",
        help="fill placeholders and report every problem, as `mkdocs build` would",
        description="Run the archcrew plugin's checks on a MkDocs project without building it. "
        "Exit status: 0 clean, 1 findings at error level (or any warning with --strict), "
        "2 usage or configuration error.",
    )
    _config_file_argument(check)
    check.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="text (default); json: the document the build writes as archcrew-report.json "
        "(requirements with their coverage, and findings); github (workflow annotations)",
    )
    check.add_argument(
        "--requirements",
        action="store_true",
        help="with --format text, list every requirement and the FRS sections covering it "
        "before the findings",
    )
    # --no-strict lets a pre-commit user undo the hook's --strict with `args:`, which pre-commit
    # appends after the hook's entry.
    check.add_argument(
        "--strict",
        action=argparse.BooleanOptionalAction,
        default=False,
        help="exit 1 on warnings too, like `mkdocs build --strict`; --no-strict undoes an "
        "earlier --strict",
    )
    review = commands.add_parser(
        "review",
        help="record requirements as reviewed against the FRS, documents as regenerated",
        description="Record in the review file (review_file, default archcrew-review.yml) the "
        "words of the requirements given (all, with no ID and no --document) as reviewed "
        "against the FRS, and the sources of each document given as they stand now. Builds "
        "then report a requirement whose words change as suspect, and a document whose "
        "sources change as stale, until they are reviewed again.",
    )
    _config_file_argument(review)
    review.add_argument("ids", nargs="*", metavar="ID", help="requirement IDs (FR-3 NFR-1)")
    review.add_argument(
        "--document",
        action="append",
        default=[],
        metavar="PAGE",
        help="a document of the chain, as a path in docs_dir (CLAUDE.md), regenerated from "
        "its sources as they stand now; may be given more than once",
    )
    suspects = commands.add_parser(
        "suspects",
        help="list the requirements changed since they were reviewed against the FRS",
        description="List each requirement whose words changed since its review, with what "
        "changed and the FRS sections to check. Exit status: 0 none, 1 some, 2 usage error.",
    )
    _config_file_argument(suspects)
    suspects.add_argument(
        "--format",
        choices=("text", "github"),
        default="text",
        help="text (default), or github: workflow annotations at the RDS lines",
    )
    return parser


def _config_file_argument(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "-f",
        "--config-file",
        default="mkdocs.yml",
        metavar="FILE",
        help="the MkDocs configuration file (default: mkdocs.yml)",
    )


@dataclass(frozen=True)
class Checked:
    """What a check of the project found, and the review file it was compared with."""

    findings: list[Finding]
    trace: Trace
    review: reviewing.Target
    chain: Chain


def _check(config_file: str) -> Checked:
    config, options = _load(config_file)
    notices = _without_missing_bundle(options, config)
    file_of = adapter.page_files(config)  # before other plugins move docs_dir
    try:
        configured = adapter.configure(options, config)
        files, not_run = _files(config)
        inputs = adapter.project_inputs(
            options,
            config,
            files,
            configured,
            serving=False,
            file_of=file_of,
            also=blog.is_post(config),
        )
    except ArchcrewError as error:
        raise UsageError(str(error)) from None
    inputs = dataclasses.replace(inputs, keep_words=True)  # for `archcrew review` to record
    cache = Cache.load(configured.diagrams.cache_file)
    project = pipeline.run(inputs, cache, prerender=False)
    return Checked(
        sorted_findings([*notices, *not_run, *project.findings]),
        project.trace,
        reviewing.Target(configured.review_path, adapter.review_file(configured)),
        project.chain,
    )


UNSEEN_PAGES: Code = "check-unseen-pages"
PLAIN_PLUGINS = frozenset({"archcrew", "search", "material/search"})
"""Plugins that add no page and move no folder."""


def _files(config: MkDocsConfig) -> tuple[Files, list[Finding]]:
    """The pages a build would have: those in docs_dir, with those the site's other plugins
    add or move in their file events (mkdocs-gen-files, the blog, mkdocs-monorepo-plugin),
    which run as in a build; archcrew's own reading of the pages waits for the check's.
    A site with no such plugin is read from docs_dir alone."""
    others = [name for name in config.plugins if name not in PLAIN_PLUGINS]
    if not others:
        return get_files(config), []
    ours = config.plugins["archcrew"]
    assert isinstance(ours, ArchcrewPlugin)
    ours.reads_pages = False
    try:
        plugins = config.plugins
        plugins.on_startup(command="build", dirty=False)
        config = plugins.on_config(config)
        plugins.on_pre_build(config=config)
        return plugins.on_files(get_files(config), config=config), []
    except Exception as error:  # another plugin's failure: the check still reads docs_dir
        message = (
            f"the file events of the plugins {', '.join(others)} failed ({error}), so pages "
            "they add were not checked; only the pages in docs_dir were. `mkdocs build` runs "
            "them and will say more."
        )
        unseen = Finding(Severity.WARNING, UNSEEN_PAGES, message, "mkdocs.yml", 0)
        return get_files(config), [unseen]
    finally:
        ours.reads_pages = True


def _without_missing_bundle(options: ArchcrewConfig, config: MkDocsConfig) -> list[Finding]:
    """Drop a ``mermaid.javascript`` file that is not there yet, and say so.

    A build copies the bundle into the site and stops without it; a check only compares its
    version with the Mermaid that parses the diagrams. A fresh clone has no ``node_modules``
    until `npm ci`, and must still have its documents checked.
    """
    javascript = options.mermaid["javascript"]
    if not javascript or is_url(javascript):
        return []
    path = (adapter.project_dir(config) / javascript).resolve()
    if path.is_file() or path.suffix == ".mjs":  # an ES module stays the usage error it is
        return []
    options.mermaid["javascript"] = ""
    place = adapter.ConfigFile(config).place(javascript)
    message = (
        f"mermaid.javascript '{javascript}' not found (looked for {path}): checking without "
        "it, but `mkdocs build` needs it; run `npm install mermaid` next to mkdocs.yml."
    )
    return [Finding.at(place, Severity.INFO, TOOLCHAIN, message)]


def _load(config_file: str) -> tuple[MkDocsConfig, ArchcrewConfig]:
    try:
        return adapter.load_configuration(config_file)
    except ArchcrewError as error:
        raise UsageError(str(error)) from None


def _text(findings: list[Finding]) -> str:
    lines = [f"{f.location}: {f.severity.name.lower()}: {f.message}\n" for f in findings]
    errors = sum(f.severity >= Severity.ERROR for f in findings)
    warnings = sum(f.severity == Severity.WARNING for f in findings)
    lines.append(f"archcrew: {errors} error(s), {warnings} warning(s)\n")
    return "".join(lines)


def _requirements(trace: Trace) -> str:
    """One line per requirement: where it is defined, how the FRS covers it (by ID, by title,
    or only by a one-word title) and the sections covering it."""
    lines = []
    covered = dict.fromkeys(COVERED_HOW, 0)
    for requirement in in_id_order(trace.requirements):
        strength = trace.strength.get(requirement.id)
        sections = "; ".join(
            # A section that mentions it more weakly than others do says so.
            f"{m.section_label} ({m.file}:{m.line}"
            f"{'' if m.by == strength else ', ' + COVERED_HOW[m.by]})"
            for m in trace.covering_sections(requirement)
        )
        word = f'the word "{requirement.title}"'
        if trace.covered(requirement):
            assert strength is not None  # covered: mentioned
            covered[strength] += 1
            how = f"only by {word}" if strength == BY_WORD else COVERED_HOW[strength]
            coverage = f"covered {how} in {sections}"
        elif strength == BY_WORD:  # a word that on_word_only: uncovered does not count
            coverage = f"not covered: only {word} in {sections}"
        elif trace.enforced(requirement):
            coverage = "not covered"
        else:
            coverage = f"not covered ({requirement.status}, not required)"
        title = f' "{requirement.title}"' if requirement.title else ""
        lines.append(
            f"{requirement.file}:{requirement.line}: {requirement.id}{title}: {coverage}\n"
        )
    kinds = ", ".join(f"{count} {COVERED_HOW[by]}" for by, count in covered.items())
    lines.append(
        f"archcrew: {sum(covered.values())} of {len(trace.requirements)} requirement(s) "
        f"covered ({kinds})\n"
    )
    return "".join(lines)


COVERED_HOW = {BY_ID: "by ID", BY_TITLE: "by title", BY_WORD: "only by one word"}
"""How a covered requirement is covered, as ``--requirements`` says it."""


def _github(findings: list[Finding]) -> str:
    """GitHub Actions workflow commands, so findings show on the pull request's lines."""
    kind = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
    lines = []
    for f in findings:
        message = _escape(f.message)
        file = _escape(f.file).replace(":", "%3A").replace(",", "%2C")
        place = f"file={file},line={f.line}" if f.line else f"file={file}"
        lines.append(f"::{kind[f.severity]} {place},title=archcrew {f.code}::{message}\n")
    return "".join(lines)


def _escape(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


FORMATS = ("text", "json", "github")


def _output(form: str, findings: list[Finding], trace: Trace, *, requirements: bool) -> str:
    if form == "json":
        return with_findings(requirement_rows(trace), findings)
    if form == "github":
        return _github(findings)
    return (_requirements(trace) if requirements else "") + _text(findings)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
