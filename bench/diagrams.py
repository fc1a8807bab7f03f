"""Diagram benchmark: what checking and drawing Mermaid diagrams costs, cold and warm.

    python bench/diagrams.py [--diagrams 100] [--project example_site] [--mmdc PATH]
                             [--mmdc-sample 5]

Measures, in one run and on the same deterministic diagrams:
- cold batch validation (one Node process for all diagrams) and warm (all cached);
- cold pre-rendering (one Chromium page for all diagrams, light and dark) and warm;
- when mermaid-cli is installed (``mmdc`` on the PATH, or --mmdc), one ``mmdc`` run per diagram
  on a sample, the way a per-diagram tool works.
Targets: cold validation at least 10x faster per diagram than one mmdc run per diagram; a warm
rebuild of unchanged diagrams under 5% of cold. The last lines print the ratios.
"""

from __future__ import annotations

import argparse
import functools
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from mkdocs_archcrew.mermaid import check, render  # noqa: E402
from mkdocs_archcrew.mermaid.cache import Cache  # noqa: E402
from mkdocs_archcrew.mermaid.diagrams import Diagram  # noqa: E402
from mkdocs_archcrew.mermaid.toolchain import INSTALL_HINT, Toolchain  # noqa: E402

if TYPE_CHECKING:
    from collections.abc import Callable


def diagrams(count: int) -> list[Diagram]:
    """`count` different diagrams: layer flowcharts with subgraphs, sequences, states, classes."""
    texts = []
    for index in range(count):
        kind = index % 4
        if kind == 0:
            layers = "\n".join(
                f'    subgraph L{index}_{layer}["Layer {layer}"]\n'
                + "\n".join(
                    f"        N{index}_{layer}_{node}[Component {layer}.{node}]"
                    for node in range(3)
                )
                + "\n    end"
                for layer in range(4)
            )
            edges = "\n".join(
                f"    N{index}_{layer}_0 --> N{index}_{layer + 1}_1" for layer in range(3)
            )
            texts.append(f"graph TB\n{layers}\n{edges}")
        elif kind == 1:
            steps = "\n".join(
                f"    Client{index}->>Api{index}: request {step}\n"
                f"    Api{index}-->>Client{index}: reply {step}"
                for step in range(6)
            )
            texts.append(
                f"sequenceDiagram\n    participant Client{index}\n"
                f"    participant Api{index}\n{steps}"
            )
        elif kind == 2:
            texts.append(
                "stateDiagram-v2\n"
                f"    [*] --> Idle{index}\n    Idle{index} --> Busy{index}: job\n"
                f"    Busy{index} --> Idle{index}: done\n    Busy{index} --> [*]"
            )
        else:
            texts.append(
                "classDiagram\n"
                f"    class Station{index} {{\n        +str id\n        +float level()\n    }}\n"
                f"    class Reading{index}\n    Station{index} --> Reading{index}"
            )
    return [Diagram("bench.md", "docs/bench.md", 1, 0, 0, text) for text in texts]


T = TypeVar("T")


def timed(action: Callable[[], T]) -> tuple[float, T]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def mmdc_per_diagram(mmdc: str, sample: list[Diagram], browser: str) -> float:
    """Seconds per diagram when each diagram is one mmdc run (Puppeteer on Debian's Chromium)."""
    with tempfile.TemporaryDirectory() as folder:
        config = Path(folder) / "puppeteer.json"
        config.write_text(json.dumps({"executablePath": browser, "args": render.CHROMIUM_FLAGS}))
        total = 0.0
        for index, diagram in enumerate(sample):
            source = Path(folder) / f"d{index}.mmd"
            source.write_text(diagram.text)
            command = [mmdc, "-p", str(config), "-i", str(source)]
            command += ["-o", str(source.with_suffix(".svg"))]
            run = functools.partial(
                subprocess.run, command, capture_output=True, text=True, check=False
            )
            elapsed, completed = timed(run)
            if completed.returncode != 0:
                raise SystemExit(f"mmdc failed: {completed.stderr.strip()[-500:]}")
            total += elapsed
        return total / len(sample)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--diagrams", type=int, default=100)
    parser.add_argument(
        "--project",
        type=Path,
        default=REPO / "example_site",
        help="folder whose node_modules hold mermaid and jsdom",
    )
    parser.add_argument(
        "--mmdc", default=shutil.which("mmdc"), help="mermaid-cli's mmdc, if installed"
    )
    parser.add_argument("--mmdc-sample", type=int, default=5, help="diagrams to time mmdc on")
    args = parser.parse_args()

    toolchain = Toolchain.find(args.project.resolve(), None, None)
    missing = toolchain.cannot_parse()
    if missing:
        raise SystemExit(f"cannot benchmark: {missing} ({INSTALL_HINT})")
    assert toolchain.version is not None
    batch = diagrams(args.diagrams)
    texts = [diagram.text for diagram in batch]
    print(f"{len(batch)} diagrams, Mermaid {toolchain.version}, Node {toolchain.node}")

    with tempfile.TemporaryDirectory() as folder:
        cache = Cache.load(Path(folder) / "mermaid.json")
        cold, results = timed(lambda: check.parse(texts, toolchain, cache))
        assert all(result.ok for result in results.values()), "benchmark diagrams must parse"
        cache.save()
        warm_cache = Cache.load(Path(folder) / "mermaid.json")  # as a second build sees it
        version = toolchain.version
        warm, (known, todo) = timed(lambda: check.cached(batch, version, warm_cache))
        assert not todo
        assert len(known) == len(batch)

        render_missing = toolchain.cannot_render()
        if render_missing:
            print(f"pre-rendering not measured: {render_missing}")
            cold_svg = warm_svg = None
        else:
            cold_svg, _ = timed(lambda: render.render(batch, toolchain, cache, "strict"))
            cache.save()
            warm_svg, _ = timed(
                lambda: render.render(
                    batch, toolchain, Cache.load(Path(folder) / "mermaid.json"), "strict"
                )
            )

    per = 1000 / len(batch)
    print(f"validation, cold: {cold:8.3f} s  = {cold * per:7.1f} ms per diagram (one Node process)")
    print(f"validation, warm: {warm:8.3f} s  = {warm * per:7.3f} ms per diagram (cache)")
    if cold_svg is not None and warm_svg is not None:
        print(
            f"pre-render, cold: {cold_svg:8.3f} s  = {cold_svg * per:7.1f} ms per diagram "
            "(one Chromium page, 2 themes)"
        )
        print(
            f"pre-render, warm: {warm_svg:8.3f} s  = {warm_svg * per:7.3f} ms per diagram (cache)"
        )
    if args.mmdc and toolchain.browser:
        sample = batch[: args.mmdc_sample]
        seconds = mmdc_per_diagram(args.mmdc, sample, toolchain.browser)
        print(
            f"mmdc, one run per diagram: {seconds * 1000:7.1f} ms per diagram ({len(sample)} timed)"
        )
        print(
            "mmdc_per_diagram/validation_per_diagram="
            f"{seconds / (cold / len(batch)):.1f} (target >= 10)"
        )
    else:
        print("mmdc not installed: no per-diagram comparison (npm install @mermaid-js/mermaid-cli)")
    ratio = (warm + (warm_svg or 0)) / (cold + (cold_svg or 0))
    print(f"warm_over_cold={ratio:.4f} (target < 0.05)")


if __name__ == "__main__":
    main()
