"""A deterministic docs project of any size, for the benchmarks.

    python bench/corpus.py --pages 500 --requirements 5000 --out /tmp/corpus

One tenth of the pages are RDS pages, one tenth FRS pages, the rest architecture and agent pages.
Requirements are spread over the RDS pages in every style the plugin reads (numbered
"Functional Requirements" lists, headings, list items, table rows, a few drafts); the FRS pages
cover each one in prose, a table, a Mermaid diagram label or by title. Every page has prose,
code blocks and `placeholders` placeholders from `mkdocs.yml` and a data file; every fifth page
has a Mermaid diagram. Three configurations build the same pages: plain Material
(`mkdocs-plain.yml`), with archcrew (`mkdocs-archcrew.yml`), with mkdocs-macros
(`mkdocs-macros.yml`) filling the same placeholders. Code blocks hold no `{{`, so mkdocs-macros
renders every page (it would fail on `${{ ... }}`).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

WORDS = [
    "station",
    "gauge",
    "reading",
    "tide",
    "level",
    "sensor",
    "batch",
    "queue",
    "alert",
    "threshold",
    "flood",
    "harbour",
    "service",
    "request",
    "response",
    "cache",
    "index",
    "storage",
    "partition",
    "replica",
    "latency",
    "budget",
    "retry",
    "backoff",
    "schema",
    "contract",
    "module",
    "component",
    "adapter",
    "gateway",
    "worker",
    "pipeline",
    "validation",
    "calibration",
    "offset",
    "window",
    "interval",
    "owner",
    "operator",
    "dashboard",
    "metric",
    "trace",
    "log",
    "audit",
    "policy",
    "token",
    "session",
    "region",
    "network",
    "boundary",
    "layer",
    "domain",
    "event",
    "handler",
    "registry",
    "snapshot",
    "archive",
]
VALUES = {
    "project": {"name": "Tidewater", "version": "2.3.0", "owner": "Harbour Data Team"},
    "stack": {"language": "Python 3.12", "framework": "FastAPI", "database": "PostgreSQL 16"},
    "release": {"train": "2026.11", "channel": "stable"},
    "support": {"email": "support@example.org", "hours": "08:00-18:00"},
}
CONFIG_VALUES = {"claudeVersion": "2.3.0", "teamName": "Harbour Data Team", "region": "north-sea"}
PLACEHOLDER_NAMES = [
    "project.name",
    "project.version",
    "project.owner",
    "stack.language",
    "stack.framework",
    "stack.database",
    "release.train",
    "release.channel",
    "support.email",
    "support.hours",
    "claudeVersion",
    "teamName",
    "region",
]


@dataclass
class Requirement:
    id: str
    title: str
    style: str


class Writer:
    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)

    def words(self, count: int) -> str:
        return " ".join(self.random.choice(WORDS) for _ in range(count))

    def sentence(self) -> str:
        text = self.words(self.random.randint(8, 16))
        return text[0].upper() + text[1:] + "."

    def paragraph(self, placeholders: list[str]) -> str:
        sentences = [self.sentence() for _ in range(self.random.randint(3, 5))]
        for name in placeholders:
            index = self.random.randrange(len(sentences))
            sentences[index] = sentences[index][:-1] + f" for {{{{ {name} }}}}."
        return " ".join(sentences)

    def code(self) -> str:
        language = self.random.choice(["python", "yaml", "shell"])
        if language == "python":
            body = "\n".join(
                f"def {self.random.choice(WORDS)}_{n}(value: int) -> int:\n    return value * {n}"
                for n in range(self.random.randint(2, 5))
            )
        elif language == "yaml":
            body = "\n".join(f"{self.random.choice(WORDS)}_{n}: {n}" for n in range(6))
        else:
            body = "\n".join(f"run --{self.random.choice(WORDS)} {n}" for n in range(4))
        return f"```{language}\n{body}\n```"

    def diagram(self, labels: list[str]) -> str:
        lines = ["```mermaid", "graph TB"]
        names = labels or [self.words(2) for _ in range(4)]
        for index, label in enumerate(names):
            lines.append(f'    N{index}["{label}"]')
        for index in range(1, len(names)):
            lines.append(f"    N{index - 1} --> N{index}")
        lines.append("```")
        return "\n".join(lines)


def requirements(total: int, writer: Writer) -> list[Requirement]:
    found = []
    counters: dict[str, int] = {}
    styles = ["numbered", "heading", "list", "table"]
    for index in range(total):
        style = styles[index % 4]
        prefix = {"numbered": "FR", "heading": "SR", "list": "OPS", "table": "REQ-API"}[style]
        counters[prefix] = counters.get(prefix, 0) + 1
        title = f"{writer.words(2).capitalize()} {counters[prefix]}"
        found.append(Requirement(f"{prefix}-{counters[prefix]}", title, style))
    return found


def write(
    out: Path, pages: int, total: int, placeholders: int = 10, seed: int = 7
) -> dict[str, int]:
    """Write the corpus into `out` (replacing it); returns its counts."""
    writer = Writer(seed)
    if out.exists():
        shutil.rmtree(out)
    docs = out / "docs"
    docs.mkdir(parents=True)
    rds_count = max(1, pages // 10)
    frs_count = max(1, pages // 10)
    other_count = max(1, pages - rds_count - frs_count)
    reqs = requirements(total, writer)

    # The numbered style lives in the first RDS page, as in Architect Crew RDS documents.
    numbered = [r for r in reqs if r.style == "numbered"]
    explicit = [r for r in reqs if r.style != "numbered"]
    per_page = [explicit[i::rds_count] for i in range(rds_count)]

    def names() -> list[str]:
        return [writer.random.choice(PLACEHOLDER_NAMES) for _ in range(placeholders)]

    for page in range(rds_count):
        parts = [
            f"---\ntitle: Requirements {page + 1}\n---\n",
            f"# Requirements {page + 1}\n",
            writer.paragraph(names()),
        ]
        if page == 0 and numbered:
            parts.append("## Functional Requirements\n")
            parts.extend(
                f"{n}. **{r.title}**: {writer.sentence()}" for n, r in enumerate(numbered, 1)
            )
            parts.append("")
        by_style: dict[str, list[Requirement]] = {}
        for requirement in per_page[page]:
            by_style.setdefault(requirement.style, []).append(requirement)
        if by_style.get("heading"):
            parts.append("## Station requirements\n")
            for n, r in enumerate(by_style["heading"]):
                draft = " (draft)" if n % 50 == 49 else ""
                parts.append(f"### {r.id}: {r.title}{draft}\n\n{writer.sentence()}\n")
        if by_style.get("list"):
            parts.append("## Operations\n")
            parts.extend(f"- **{r.id}** {r.title} — {writer.sentence()}" for r in by_style["list"])
            parts.append("")
        if by_style.get("table"):
            parts.append("## Interfaces\n\n| ID | Requirement | Priority |\n|----|----|----|")
            parts.extend(f"| {r.id} | {r.title} | Must |" for r in by_style["table"])
            parts.append("")
        parts.append(writer.code())
        (docs / f"RDS-{page + 1:03}.md").write_text("\n".join(parts) + "\n", encoding="utf-8")

    # Every requirement is covered in one FRS page: by ID in prose, in a table, in a diagram
    # label, or by its title.
    coverage: list[list[Requirement]] = [reqs[i::frs_count] for i in range(frs_count)]
    for page in range(frs_count):
        parts = [f"# Specification {page + 1}\n", writer.paragraph(names())]
        covered = coverage[page]
        chunks = [covered[i : i + 20] for i in range(0, len(covered), 20)]
        for number, chunk in enumerate(chunks):
            parts.append(f"## Component {number + 1}\n")
            prose = [r for i, r in enumerate(chunk) if i % 20 < 12]
            table = [r for i, r in enumerate(chunk) if 12 <= i % 20 < 16]
            diagram = [r for i, r in enumerate(chunk) if 16 <= i % 20 < 19]
            titles = [r for i, r in enumerate(chunk) if i % 20 == 19]
            parts.append(" ".join(f"{writer.sentence()[:-1]} ({r.id})." for r in prose))
            if table:
                parts.append("\n| Requirement | Component |\n|---|---|")
                parts.extend(f"| {r.id} | {writer.words(2)} |" for r in table)
                parts.append("")
            if diagram:
                parts.append(writer.diagram([f"{writer.words(1)} {r.id}" for r in diagram]))
            parts.extend(f"The {r.title.lower()} is met by the {writer.words(2)}." for r in titles)
            parts.append(writer.code())
        (docs / f"FRS-{page + 1:03}.md").write_text("\n".join(parts) + "\n", encoding="utf-8")

    for page in range(other_count):
        kind = "architecture" if page % 2 == 0 else "agents"
        parts = [f"# {kind.capitalize()} {page + 1}\n"]
        for section in range(4):
            parts.append(f"## {writer.words(3).capitalize()} {section + 1}\n")
            parts.append(writer.paragraph(names()[: max(1, placeholders // 4)]))
            if section == 1:
                parts.append(writer.code())
            if section == 2 and page % 5 == 0:
                parts.append(writer.diagram([]))
        (docs / f"{kind}-{page + 1:04}.md").write_text("\n".join(parts) + "\n", encoding="utf-8")
    (docs / "index.md").write_text("# Corpus\n\nGenerated for the benchmarks.\n", encoding="utf-8")

    data = out / "data"
    data.mkdir()
    import yaml  # noqa: PLC0415 - only the generator needs it

    (data / "values.yml").write_text(yaml.safe_dump(VALUES), encoding="utf-8")
    extra = "".join(f"  {name}: {json.dumps(value)}\n" for name, value in CONFIG_VALUES.items())
    base = f"""site_name: Benchmark corpus
theme:
  name: material
  font: false
markdown_extensions:
  - toc:
      permalink: true
  - tables
  - admonition
  - attr_list
  - pymdownx.highlight
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format
extra:
{extra}"""
    (out / "mkdocs-plain.yml").write_text(base + "plugins:\n  - search\n", encoding="utf-8")
    (out / "mkdocs-archcrew.yml").write_text(
        base + "plugins:\n  - search\n  - archcrew:\n      data_files: [data/values.yml]\n",
        encoding="utf-8",
    )
    (out / "mkdocs-macros.yml").write_text(
        base + "plugins:\n  - search\n  - macros:\n      include_yaml: [data/values.yml]\n",
        encoding="utf-8",
    )
    diagrams = sum(1 for page in range(other_count) if page % 5 == 0) + sum(
        1 for chunk in coverage for _ in range(0, len(chunk), 20)
    )
    return {
        "pages": rds_count + frs_count + other_count + 1,
        "rds": rds_count,
        "frs": frs_count,
        "requirements": total,
        "diagrams": diagrams,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description="Write the benchmark corpus.")
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--requirements", type=int, default=1000)
    parser.add_argument("--placeholders", type=int, default=10)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    print(write(args.out, args.pages, args.requirements, args.placeholders))


if __name__ == "__main__":
    main()
