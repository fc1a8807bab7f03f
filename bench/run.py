"""What the plugin costs on a large docs project, measured against plain MkDocs in the same run.

    python bench/run.py --pages 500 --requirements 5000 [--runs 5] [--growth-to 1000:10000]
                        [--against ../archcrew-before]

Builds one deterministic corpus (`bench/corpus.py`) three ways, in rounds that alternate them
so that machine noise falls on all alike: plain Material (`mkdocs build`, plugin absent), with
archcrew, and with mkdocs-macros filling the same placeholders. Prints medians and min–max of
wall time, CPU time and peak memory, then ratios measured in this run:

- the build with the plugin over the plain build: the median of each round's ratio, so that a
  slow moment of the machine, which slows both builds of a round, cancels out;
- `archcrew check` alone over the plain build;
- the plugin's share of a rebuild after editing one FRS page, as `mkdocs serve` does it (same
  process, plugins kept, caches warm): the plugin's own time over the plain rebuild;
- the time each plugin spends in its own events and Markdown processors (CPU, in-process, see
  bench/hooks.py), over the plain build: the steadiest view of what archcrew and mkdocs-macros
  each add;
- with --growth-to, how the plugin's own time grows to the bigger corpus;
- with --against, a checkout of another version of archcrew (a git worktree of an earlier
  commit) built in the same rounds: this version over that one, the regression check.

Each paired ratio is printed with the range of its rounds: a target met by the median of a
range that straddles it is not met beyond noise.

The last line is ``overhead_ratio=<median build time ratio, plugin / plain>``. Mermaid
diagrams are checked from a warm cache (the first, unmeasured build fills it) when
``example_site/node_modules`` holds mermaid and jsdom; otherwise validation is off.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import corpus  # noqa: E402

NODE_MODULES = BENCH.parent / "example_site" / "node_modules"
EDITED_PAGE = "docs/FRS-001.md"
RESTARTED = ("plain", "archcrew")
"""The variants timed in a serve-style rebuild."""
PYCACHE = Path(tempfile.gettempdir()) / "archcrew-bench-pycache"


@dataclass
class Samples:
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    memory: list[float] = field(default_factory=list)
    """Peak resident memory, MB."""

    def add(self, result: tuple[float, float, float, str]) -> None:
        wall, cpu, memory, _ = result
        self.wall.append(wall)
        self.cpu.append(cpu)
        self.memory.append(memory)


def run(
    command: list[str], cwd: Path, *, imports: Path | None = None
) -> tuple[float, float, float, str]:
    """Wall seconds, CPU seconds (user + system), peak resident MB and output of a command,
    importing packages from `imports` first when given."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPYCACHEPREFIX=str(PYCACHE))
    if imports is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(imports), env.get("PYTHONPATH")]))
    # Every package imports from bytecode, as an installed one does (pip compiles it): without
    # this, a machine that sets PYTHONDONTWRITEBYTECODE would compile an editable checkout on
    # each build and charge it to the plugin.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryFile(mode="w+") as output:
        started = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=cwd, env=env, stdout=output, stderr=subprocess.STDOUT
        )
        _, status, usage = os.wait4(process.pid, 0)  # the rusage of this process alone
        wall = time.perf_counter() - started
        output.seek(0)
        text = output.read()
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"failed: {' '.join(command)}\n{text[-3000:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, text


AGAINST = "against"
"""The variant built with archcrew imported from the checkout given to --against."""


def build(root: Path, variant: str, against: Path | None = None) -> tuple[float, float, float, str]:
    site = str(root / f"site-{variant}")
    config = _config(variant)
    return run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", config, "-d", site],
        root,
        imports=against if variant == AGAINST else None,
    )


def _config(variant: str) -> str:
    return "mkdocs-archcrew.yml" if variant == AGAINST else f"mkdocs-{variant}.yml"


def checkout(path: Path) -> Path:
    """The folder holding the `mkdocs_archcrew` package of another checkout, checked to be the
    one a build there imports (not this one, nor an installed one)."""
    folder = path.resolve()
    package = folder / "mkdocs_archcrew" / "__init__.py"
    if not package.is_file():
        raise SystemExit(f"--against {path}: no mkdocs_archcrew/__init__.py there")
    with tempfile.TemporaryDirectory() as elsewhere:  # as the corpus is: no package in it
        found = run(
            [sys.executable, "-c", "import mkdocs_archcrew; print(mkdocs_archcrew.__file__)"],
            Path(elsewhere),
            imports=folder,
        )[3].strip()
    if Path(found).resolve() != package:
        raise SystemExit(f"--against {path}: a build there would import {found}")
    return folder


ZENSICAL = Path(sys.executable).parent / "zensical"


def zensical_build(root: Path, variant: str) -> tuple[float, float, float, str]:
    """``zensical build`` of the corpus, its page cache cleared: plain, or with archcrew's
    Markdown extension (`mkdocs_archcrew.zensical`)."""
    return run([str(ZENSICAL), "build", "--clean", "-f", f"mkdocs-zensical-{variant}.yml"], root)


def zensical_configs(root: Path) -> None:
    """The corpus's configurations for Zensical: the plain one, and the same with archcrew's
    extension (its options under the plugin, which Zensical does not run)."""
    plain = (root / "mkdocs-plain.yml").read_text(encoding="utf-8")
    (root / "mkdocs-zensical-plain.yml").write_text(plain, encoding="utf-8")
    ours = (root / "mkdocs-archcrew.yml").read_text(encoding="utf-8")
    ours = ours.replace(
        "markdown_extensions:\n", "markdown_extensions:\n  - mkdocs_archcrew.zensical\n", 1
    )
    # Every page rendered every build (--clean): nothing to watch, and nothing to warn of.
    ours += "watch:\n  - docs\n  - data\n"
    if (root / "archcrew-review.yml").exists():
        ours += "  - archcrew-review.yml\n"
    (root / "mkdocs-zensical-archcrew.yml").write_text(ours, encoding="utf-8")


def check(root: Path) -> tuple[float, float, float, str]:
    return run(
        [sys.executable, "-m", "mkdocs_archcrew.cli", "check", "-f", "mkdocs-archcrew.yml"], root
    )


def seconds_by_name(output: str) -> dict[str, float]:
    """``name seconds`` lines, as bench/hooks.py and bench/rebuild.py print them."""
    pairs = (line.rsplit(" ", 1) for line in output.strip().splitlines())
    return {name: float(value) for name, value in pairs}


def event_time(
    root: Path, variant: str, runs: int, against: Path | None = None
) -> dict[str, float]:
    """CPU seconds each plugin spends in its events and Markdown processors in a build (least
    of `runs` builds)."""
    command = [sys.executable, str(BENCH / "hooks.py"), _config(variant), "--runs", str(runs)]
    return seconds_by_name(run(command, root, imports=against if variant == AGAINST else None)[3])


def rebuild(root: Path, variant: str) -> tuple[float, float]:
    """Wall seconds of a serve-style rebuild after editing one FRS page, and the seconds
    archcrew spent in its events and Markdown processors during it (see bench/rebuild.py)."""
    command = [sys.executable, str(BENCH / "rebuild.py"), f"mkdocs-{variant}.yml", EDITED_PAGE]
    wall, _, rest = run(command, root)[3].strip().partition("\n")
    return float(wall), seconds_by_name(rest).get("archcrew", 0.0) if rest else 0.0


def make_corpus(
    root: Path, pages: int, requirements: int, placeholders: int, *, reviewed: bool = True
) -> dict[str, int]:
    counts = corpus.write(root, pages, requirements, placeholders)
    if (NODE_MODULES / "mermaid").is_dir() and (NODE_MODULES / "jsdom").is_dir():
        (root / "node_modules").symlink_to(NODE_MODULES, target_is_directory=True)
    else:
        config = root / "mkdocs-archcrew.yml"
        config.write_text(config.read_text() + "      mermaid:\n        validate: false\n")
    if reviewed:
        # A review file recording every requirement, as a project tracking changes has: each
        # build reads it and compares every requirement's words with it.
        run(
            [sys.executable, "-m", "mkdocs_archcrew.cli", "review", "-f", "mkdocs-archcrew.yml"],
            root,
        )
    return counts


def span(values: list[float], fmt: str) -> str:
    middle, low, high = (
        fmt.format(v) for v in (statistics.median(values), min(values), max(values))
    )
    return f"{middle} ({low}–{high})"


def describe(name: str, samples: Samples) -> str:
    return (
        f"{name:24} {span(samples.wall, '{:.2f}'):>22} s  {span(samples.cpu, '{:.2f}'):>22} s"
        f"  {span(samples.memory, '{:.0f}'):>16} MB"
    )


def paired(plugin: list[float], plain: list[float]) -> list[float]:
    return [mine / theirs for mine, theirs in zip(plugin, plain, strict=True)]


def rounds(ratios: list[float]) -> str:
    """The range of a paired ratio over the rounds: the noise it is read against."""
    return f"(rounds {min(ratios):.3f}–{max(ratios):.3f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--requirements", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--placeholders", type=int, default=10, help="placeholders per page")
    parser.add_argument(
        "--growth-to",
        metavar="PAGES:REQUIREMENTS",
        help="also measure the plugin's own time on this bigger corpus",
    )
    parser.add_argument(
        "--keep", type=Path, help="build in this folder (kept) instead of a temporary one"
    )
    parser.add_argument(
        "--zensical",
        action="store_true",
        help="also build the corpus with Zensical, plain and with archcrew's extension",
    )
    parser.add_argument(
        "--no-review",
        action="store_true",
        help="no review file (change tracking then reads nothing); by default one records "
        "every requirement",
    )
    parser.add_argument(
        "--against",
        type=Path,
        metavar="CHECKOUT",
        help="also build with archcrew from this checkout of another version (for example "
        "`git worktree add ../archcrew-before <commit>`), in the same rounds, and print the "
        "ratios of this version to it",
    )
    args = parser.parse_args()
    against = checkout(args.against) if args.against else None
    median = statistics.median
    hook_runs = min(args.runs, 3)

    with tempfile.TemporaryDirectory() as temporary:
        root = (args.keep or Path(temporary)) / "corpus"
        counts = make_corpus(
            root, args.pages, args.requirements, args.placeholders, reviewed=not args.no_review
        )
        print(
            f"corpus: {counts['pages']} pages ({counts['rds']} RDS, {counts['frs']} FRS), "
            f"{counts['requirements']} requirements, {counts['diagrams']} diagrams, "
            f"{args.placeholders} placeholders per page; {args.runs} rounds; "
            f"{'no review file' if args.no_review else 'a review file of every requirement'}",
            flush=True,
        )
        plain, plugin, macros, checks = Samples(), Samples(), Samples(), Samples()
        samples = {"plain": plain, "archcrew": plugin, "macros": macros}
        if against is not None:
            samples[AGAINST] = Samples()
        for variant in samples:
            # warm-up, unmeasured: file and bytecode caches, diagrams
            build(root, variant, against)
        plain_rebuild: list[float] = []
        plugin_rebuild: list[float] = []
        share: list[float] = []
        for round_number in range(args.runs):
            # Every other round in the opposite order, so that a machine slowly speeding up or
            # slowing down does not favour whichever build comes first.
            order = list(samples) if round_number % 2 == 0 else list(reversed(samples))
            for variant in order:
                samples[variant].add(build(root, variant, against))
            checks.add(check(root))
            rebuilt = {variant: rebuild(root, variant) for variant in order if variant in RESTARTED}
            plain_seconds, _ = rebuilt["plain"]
            plugin_seconds, in_events = rebuilt["archcrew"]
            plain_rebuild.append(plain_seconds)
            plugin_rebuild.append(plugin_seconds)
            share.append(in_events / plain_seconds)
        own = event_time(root, "archcrew", hook_runs)
        macros_own = event_time(root, "macros", hook_runs)
        against_own = event_time(root, AGAINST, hook_runs, against) if against else None
        zensical: dict[str, Samples] = {}
        if args.zensical:
            zensical_configs(root)
            zensical = {"plain": Samples(), "archcrew": Samples()}
            for variant in zensical:
                zensical_build(root, variant)  # warm-up, unmeasured
            for round_number in range(args.runs):
                order = list(zensical) if round_number % 2 == 0 else list(reversed(zensical))
                for variant in order:
                    zensical[variant].add(zensical_build(root, variant))

        growth = None
        if args.growth_to:
            pages, requirements = (int(part) for part in args.growth_to.split(":"))
            bigger_root = root.parent / "bigger"
            bigger = make_corpus(bigger_root, pages, requirements, args.placeholders)
            build(bigger_root, "archcrew")  # fills the diagram cache
            growth = bigger, event_time(bigger_root, "archcrew", hook_runs)

    print(f"\n{'':24} {'wall time, median (min–max)':>24}  {'CPU time':>22}    {'peak memory':>16}")
    print(describe("plain mkdocs build", plain))
    print(describe("with archcrew", plugin))
    print(describe("with mkdocs-macros", macros))
    if against is not None:
        print(describe("with archcrew --against", samples[AGAINST]))
    print(describe("archcrew check", checks))
    for variant, samples_of in zensical.items():
        print(describe(f"zensical build, {variant}", samples_of))
    print(
        f"rebuild after editing one FRS page: plain {span(plain_rebuild, '{:.2f}')} s, "
        f"with archcrew {span(plugin_rebuild, '{:.2f}')} s"
    )
    print(
        f"CPU time in the plugin's own events and Markdown processors (least of {hook_runs} "
        f"builds): archcrew {own['archcrew'] * 1000:.0f} ms, "
        f"mkdocs-macros {macros_own['macros'] * 1000:.0f} ms"
        + (f", archcrew --against {against_own['archcrew'] * 1000:.0f} ms" if against_own else "")
    )

    build_ratios = paired(plugin.wall, plain.wall)
    build_ratio = median(build_ratios)
    macros_ratio = median(paired(macros.wall, plain.wall))
    ratios = {
        "build_time_ratio": (build_ratio, f"<= 1.05  {rounds(build_ratios)}"),
        "build_cpu_ratio": (median(paired(plugin.cpu, plain.cpu)), "(for reference)"),
        "peak_memory_ratio": (median(paired(plugin.memory, plain.memory)), "<= 1.15"),
        "check_ratio": (median(paired(checks.wall, plain.wall)), "<= 0.10"),
        "rebuild_plugin_share": (median(share), "<= 0.10"),
        "rebuild_time_ratio": (
            median(paired(plugin_rebuild, plain_rebuild)),
            "(for reference: wall time, noisier)",
        ),
        "own_time_ratio": (
            own["archcrew"] / median(plain.cpu),
            "archcrew's events and Markdown processors / plain",
        ),
        "macros_own_time_ratio": (
            macros_own["macros"] / median(plain.cpu),
            "mkdocs-macros' events / plain (reference)",
        ),
        "macros_ratio": (macros_ratio, "build time, mkdocs-macros / plain (reference)"),
    }
    if against is not None and against_own is not None:
        before = samples[AGAINST]
        against_ratios = paired(plugin.wall, before.wall)
        ratios["against_time_ratio"] = (
            median(against_ratios),
            f"build time, this archcrew / --against  {rounds(against_ratios)}",
        )
        ratios["against_cpu_ratio"] = (median(paired(plugin.cpu, before.cpu)), "(for reference)")
        ratios["against_memory_ratio"] = (
            median(paired(plugin.memory, before.memory)),
            "peak memory, this archcrew / --against",
        )
        ratios["against_own_time_ratio"] = (
            own["archcrew"] / against_own["archcrew"],
            "own time (events and processors), this archcrew / --against: the steadiest",
        )
    if zensical:
        ratios["zensical_time_ratio"] = (
            median(paired(zensical["archcrew"].wall, zensical["plain"].wall)),
            "(for reference: zensical build with archcrew's extension / plain zensical build)",
        )
        ratios["zensical_memory_ratio"] = (
            median(paired(zensical["archcrew"].memory, zensical["plain"].memory)),
            "(for reference)",
        )
    if growth is not None:
        bigger, own_big = growth
        ratios["own_time_growth"] = (
            own_big["archcrew"] / own["archcrew"],
            f"<= 2.2 ({counts['pages']}→{bigger['pages']} pages)",
        )
    print()
    for name, (value, target) in ratios.items():
        print(f"{name}={value:.3f}  {target}")
    below = own["archcrew"] < macros_own["macros"]
    print(f"archcrew_below_macros={'yes' if below else 'no'}  (own time)")
    print(f"overhead_ratio={build_ratio:.3f}")


if __name__ == "__main__":
    main()
