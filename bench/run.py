"""What the plugin costs on a large docs project, measured against plain MkDocs in the same run.

    python bench/run.py --pages 500 --requirements 5000 [--runs 5] [--growth-to 1000:10000]

Builds one deterministic corpus (`bench/corpus.py`) three ways, alternating so that machine
noise falls on all alike: plain Material (`mkdocs build`, plugin absent), with archcrew, and with
mkdocs-macros filling the same placeholders. Prints medians and min–max of wall time, CPU time
and peak memory, then ratios measured in this run:

- the build with the plugin over the plain build (time, memory);
- `archcrew check` alone over the plain build;
- the plugin's share of a rebuild after editing one FRS page, as `mkdocs serve` does it (the
  same process, plugins kept, caches warm);
- mkdocs-macros over the plain build, for reference;
- with --growth-to, how the plugin's own time grows to the bigger corpus.

The last line is ``overhead_ratio=<median build time with the plugin / plain>``. Mermaid
diagrams are checked from a warm cache (the first, unmeasured build fills it) when
``example_site/node_modules`` holds mermaid and jsdom; otherwise validation is off.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))

import corpus  # noqa: E402

NODE_MODULES = REPO / "example_site" / "node_modules"
OWN_WORK = re.compile(r"own work (\d+) ms")
REBUILD = Path(__file__).resolve().parent / "rebuild.py"


@dataclass
class Samples:
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    memory: list[float] = field(default_factory=list)
    """Peak resident memory, MB."""


def run(command: list[str], cwd: Path) -> tuple[float, float, float, str]:
    """Wall seconds, CPU seconds (user + system) and peak resident MB of one command."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    with tempfile.TemporaryFile(mode="w+") as output:
        started = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=cwd, env=env, stdout=output, stderr=subprocess.STDOUT
        )
        _, status, usage = os.wait4(process.pid, 0)  # the rusage of this process alone
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        output.seek(0)
        text = output.read()
    if process.returncode:
        raise SystemExit(f"failed: {' '.join(command)}\n{text[-3000:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, text


def build(root: Path, variant: str, *extra: str) -> tuple[float, float, float, str]:
    site = root / f"site-{variant}"
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "-q",
        "-f",
        f"mkdocs-{variant}.yml",
        "-d",
        str(site),
        *extra,
    ]
    return run(command, root)


def measured(command_result: tuple[float, float, float, str], samples: Samples) -> None:
    wall, cpu, memory, _ = command_result
    samples.wall.append(wall)
    samples.cpu.append(cpu)
    samples.memory.append(memory)


def own_work(root: Path) -> float:
    """The plugin's own time in a build, in seconds, as it logs it (debug level)."""
    output = build(root, "archcrew", "-v")[3]
    found = OWN_WORK.search(output)
    assert found, "the plugin did not log its own work"
    return int(found[1]) / 1000


def rebuild(root: Path, variant: str, page: str) -> float:
    """Seconds of a serve-style rebuild after editing `page` (see bench/rebuild.py)."""
    output = run([sys.executable, str(REBUILD), f"mkdocs-{variant}.yml", page], root)[3]
    return float(output.strip().splitlines()[-1])


def make_corpus(root: Path, pages: int, requirements: int) -> dict[str, int]:
    counts = corpus.write(root, pages, requirements)
    if (NODE_MODULES / "mermaid").is_dir() and (NODE_MODULES / "jsdom").is_dir():
        (root / "node_modules").symlink_to(NODE_MODULES, target_is_directory=True)
    else:
        config = root / "mkdocs-archcrew.yml"
        config.write_text(config.read_text() + "      mermaid:\n        validate: false\n")
    return counts


def describe(name: str, samples: Samples) -> str:
    def span(values: list[float], fmt: str) -> str:
        middle, low, high = (
            fmt.format(v) for v in (statistics.median(values), min(values), max(values))
        )
        return f"{middle} ({low}–{high})"

    return (
        f"{name:24} {span(samples.wall, '{:.2f}'):>22} s  {span(samples.cpu, '{:.2f}'):>22} s"
        f"  {span(samples.memory, '{:.0f}'):>16} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--requirements", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--growth-to",
        metavar="PAGES:REQUIREMENTS",
        help="also measure the plugin's own time on this bigger corpus",
    )
    parser.add_argument(
        "--keep", type=Path, help="build in this folder (kept) instead of a temporary one"
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as temporary:
        root = (args.keep or Path(temporary)) / "corpus"
        counts = make_corpus(root, args.pages, args.requirements)
        print(
            f"corpus: {counts['pages']} pages ({counts['rds']} RDS, {counts['frs']} FRS), "
            f"{counts['requirements']} requirements, {counts['diagrams']} diagrams, "
            f"10 placeholders per page; {args.runs} runs, alternating"
        )
        for variant in ("plain", "archcrew", "macros"):
            build(root, variant)  # warm-up, unmeasured: file caches, the diagram cache
        plain, plugin, macros, check = Samples(), Samples(), Samples(), Samples()
        for _ in range(args.runs):
            measured(build(root, "plain"), plain)
            measured(build(root, "archcrew"), plugin)
            measured(build(root, "macros"), macros)
            measured(
                run(
                    [
                        sys.executable,
                        "-m",
                        "mkdocs_archcrew.cli",
                        "check",
                        "-f",
                        "mkdocs-archcrew.yml",
                    ],
                    root,
                ),
                check,
            )
        rebuilds: dict[str, list[float]] = {"plain": [], "archcrew": []}
        for _ in range(args.runs):
            for variant, seconds in rebuilds.items():
                seconds.append(rebuild(root, variant, "docs/FRS-001.md"))
        own = statistics.median(own_work(root) for _ in range(min(args.runs, 3)))

        growth = None
        if args.growth_to:
            pages, requirements = (int(part) for part in args.growth_to.split(":"))
            bigger = make_corpus(root.parent / "bigger", pages, requirements)
            build(root.parent / "bigger", "archcrew")
            own_big = statistics.median(
                own_work(root.parent / "bigger") for _ in range(min(args.runs, 3))
            )
            growth = (bigger, own_big)

    print(f"\n{'':24} {'wall time, median (min–max)':>24}  {'CPU time':>22}    {'peak memory':>16}")
    print(describe("plain mkdocs build", plain))
    print(describe("with archcrew", plugin))
    print(describe("with mkdocs-macros", macros))
    print(describe("archcrew check", check))
    plain_rebuild = statistics.median(rebuilds["plain"])
    plugin_rebuild = statistics.median(rebuilds["archcrew"])
    print(
        f"rebuild after editing one FRS page: plain {plain_rebuild:.2f} s, "
        f"with archcrew {plugin_rebuild:.2f} s"
    )
    print(f"plugin's own work in a build: {own * 1000:.0f} ms")

    median = statistics.median
    ratios = {
        "build_time_ratio": (median(plugin.wall) / median(plain.wall), "<= 1.05"),
        "build_cpu_ratio": (median(plugin.cpu) / median(plain.cpu), "(for reference)"),
        "peak_memory_ratio": (median(plugin.memory) / median(plain.memory), "<= 1.15"),
        "check_ratio": (median(check.wall) / median(plain.wall), "<= 0.10"),
        "rebuild_plugin_share": (plugin_rebuild / plain_rebuild - 1, "<= 0.10"),
        "macros_ratio": (
            median(macros.wall) / median(plain.wall),
            "reference: archcrew must be lower",
        ),
    }
    if growth is not None:
        bigger, own_big = growth
        ratios["own_time_growth"] = (
            own_big / own,
            f"<= 2.2 ({counts['pages']}→{bigger['pages']} pages)",
        )
    print()
    for name, (value, target) in ratios.items():
        print(f"{name}={value:.3f}  {target}")
    verdict = ratios["build_time_ratio"][0] < ratios["macros_ratio"][0]
    print(f"archcrew_below_macros={'yes' if verdict else 'no'}")
    print(f"overhead_ratio={ratios['build_time_ratio'][0]:.3f}")


if __name__ == "__main__":
    main()
