"""The hostile-input catalogue: bad, hostile and edge-case inputs of our own, each a small
MkDocs project and what a build of it must do. `test_hostile.py` builds every case."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Case:
    id: str
    pages: dict[str, str]
    """Page path in docs/ → text."""
    options: dict[str, Any] = field(default_factory=dict)
    """The archcrew plugin's options."""
    returncode: int = 0
    said: tuple[str, ...] = ()
    """What the build's output must hold, each naming its file:line."""
    files: dict[str, str | bytes] = field(default_factory=dict)
    """Other files of the project (data files, templates), by path from mkdocs.yml."""
    strict: bool = False


HOME = "# Home\n\nHarbour lights blink at dusk.\n"
RDS = "# Requirements\n\n## FR-1: Lamp status\n\nEach lamp reports its state.\n"
FRS = "# Specification\n\nThe collector handles FR-1 every minute.\n"

CASES: tuple[Case, ...] = (
    # Configuration ----------------------------------------------------------------------------
    Case(
        "data-file-missing",
        {"index.md": HOME},
        {"data_files": ["data/none.yml"]},
        1,
        ("mkdocs.yml:",),
    ),
    Case(
        "data-file-not-a-mapping",
        {"index.md": HOME},
        {"data_files": ["data/list.yml"]},
        1,
        ("data/list.yml",),
        files={"data/list.yml": "- a\n- b\n"},
    ),
    Case(
        "data-file-bad-yaml",
        {"index.md": HOME},
        {"data_files": ["data/bad.yml"]},
        1,
        ("data/bad.yml:3: data file is not valid YAML",),
        files={"data/bad.yml": "a: 1\nb: [2\n"},
    ),
    Case(
        "data-file-python-tag",
        {"index.md": HOME},
        {"data_files": ["data/tag.yml"]},
        1,
        ("data/tag.yml:1",),
        files={"data/tag.yml": "a: !!python/object/apply:os.system ['echo owned']\n"},
    ),
    Case(
        "data-file-outside-project",
        {"index.md": HOME},
        {"data_files": ["../../../../etc/hostname"]},
        1,
        ("mkdocs.yml:",),
    ),
    Case("on-missing-bad", {"index.md": HOME}, {"on_missing": "maybe"}, 1, ("on_missing",)),
    Case(
        "placeholders-not-mapping",
        {"index.md": HOME},
        {"placeholders": [1, 2]},
        1,
        ("placeholders",),
    ),
    Case("rds-unmatched", {"index.md": HOME}, {"rds": ["specs/RDS*.md"]}, 1, ("mkdocs.yml:",)),
    Case("id-pattern-invalid", {"index.md": HOME}, {"id_pattern": "FR-(["}, 1, ("mkdocs.yml:",)),
    Case("templates-not-list", {"index.md": HOME}, {"templates": "x"}, 1, ("templates",)),
    Case(
        "template-missing",
        {"index.md": HOME},
        {"traceability_template": "none.j2"},
        1,
        ("mkdocs.yml:",),
    ),
    Case(
        "template-include",
        {"RDS.md": RDS, "FRS.md": FRS, "index.md": HOME + "\n{{ rdsToFrsValidation }}\n"},
        {"traceability_template": "t.j2"},
        1,
        ("t.j2:1: the traceability template failed: the template names another file",),
        files={"t.j2": "{% include '../../etc/passwd' %}\n"},
    ),
    Case(
        "template-python",
        {"RDS.md": RDS, "FRS.md": FRS, "index.md": HOME + "\n{{ rdsToFrsValidation }}\n"},
        {"traceability_template": "t.j2"},
        1,
        ("t.j2:1:", "unsafe"),
        files={"t.j2": "{{ ''.__class__.__mro__[1].__subclasses__() }}\n"},
    ),
    Case(
        "mermaid-unknown-key",
        {"index.md": HOME},
        {"mermaid": {"render": True}},
        1,
        ("mermaid.render",),
    ),
    Case(
        "mermaid-bad-level",
        {"index.md": HOME},
        {"mermaid": {"security_level": "none"}},
        1,
        ("mermaid.security_level",),
    ),
    # Front matter -----------------------------------------------------------------------------
    Case(
        "front-matter-unquoted-placeholder",
        {"index.md": "---\nversion: {{ release }}\n---\n" + HOME},
        {"placeholders": {"release": "2.1"}},
    ),
    Case(
        "front-matter-invalid-yaml",
        {"index.md": "---\ntitle: [Home\n---\n" + HOME},
        {},
        0,
        ("docs/index.md:3: front matter is not valid YAML",),
    ),
    Case("front-matter-a-list", {"index.md": "---\n- a\n- b\n---\n" + HOME}),
    Case(
        "front-matter-template-key",
        {"index.md": "---\ntemplate: claude.md\n---\n" + HOME},
        {},
    ),
    Case(
        "front-matter-page-text",
        {"FRS.md": "# F\n\n## A\n\nText.\n", "index.md": "---\nsummary: {{ s }}\n---\n" + HOME},
        {"placeholders": {"s": {"section": "FRS.md#a"}}},
        1,
        ("docs/index.md:2: cannot write a section of FRS.md into front matter key 'summary'",),
    ),
    Case(
        "front-matter-rules-wrong",
        {"index.md": "---\narchcrew: {role: boss}\n---\n" + HOME},
        {},
        0,
        ("docs/index.md:2: front matter 'archcrew.role: 'boss''",),
    ),
    Case("bom", {"index.md": "\ufeff---\ntitle: Home\n---\n" + HOME}),
    Case(
        "crlf",
        {"index.md": HOME.replace("\n", "\r\n") + "Made by {{ team }}.\r\n"},
        {"placeholders": {"team": "us"}},
    ),
    Case("nul-byte", {"index.md": HOME + "A \0 in the text.\n"}),
    # Placeholders -----------------------------------------------------------------------------
    Case(
        "unresolved",
        {"index.md": HOME + "By {{ teem }}.\n"},
        {"placeholders": {"team": "us"}},
        0,
        ("docs/index.md:4: unresolved placeholder {{ teem }}", "did you mean 'team'"),
    ),
    Case(
        "expression",
        {"index.md": HOME + "Sum {{ 7 * 7 }}.\n"},
        {},
        1,
        ("docs/index.md:4: not a placeholder {{ 7 * 7 }}",),
    ),
    Case(
        "call",
        {"index.md": HOME + "Call {{ lipsum() }}.\n"},
        {},
        1,
        ("docs/index.md:4: not a placeholder {{ lipsum() }}",),
    ),
    Case(
        "filter",
        {"index.md": HOME + "Up {{ team | upper }}.\n"},
        {"placeholders": {"team": "us"}},
        1,
        ("docs/index.md:4: not a placeholder",),
    ),
    Case(
        "dunder",
        {"index.md": HOME + "Class {{ team.__class__ }}.\n"},
        {"placeholders": {"team": "us"}},
        1,
        ("docs/index.md:4:",),
    ),
    Case("jinja-block", {"index.md": HOME + "{% include 'x' %} stays.\n"}),
    Case(
        "cycle",
        {"index.md": HOME + "Loop {{ a }}.\n"},
        {"placeholders": {"a": "{{ b }}", "b": "{{ a }}"}},
        1,
        ("docs/index.md:4:", "cycle"),
    ),
    Case(
        "mapping",
        {"index.md": HOME + "Map {{ project }}.\n"},
        {"placeholders": {"project": {"name": "x"}}},
        1,
        ("docs/index.md:4: cannot write {{ project }}",),
    ),
    Case(
        "null", {"index.md": HOME + "Null [{{ nothing }}].\n"}, {"placeholders": {"nothing": None}}
    ),
    Case("escaped", {"index.md": HOME + "Write \\{{ name }} for a placeholder.\n"}),
    Case(
        "github-actions-in-code", {"index.md": HOME + "```yaml\nruns-on: ${{ runner.os }}\n```\n"}
    ),
    Case("inline-code", {"index.md": HOME + "Use `{{ name }}` in templates.\n"}),
    Case("html-comment", {"index.md": HOME + "<!-- {{ name }} -->\nVisible words.\n"}),
    Case("unterminated", {"index.md": HOME + "Open {{ brace and more words.\n"}),
    Case(
        "empty-braces",
        {"index.md": HOME + "Empty {{}} braces.\n"},
        {},
        1,
        ("docs/index.md:4: not a placeholder {{}}: the braces are empty",),
    ),
    Case(
        "nested-braces",
        {"index.md": HOME + "Nested {{ {{ team }} }} braces.\n"},
        {"placeholders": {"team": "us"}},
        1,
        ("docs/index.md:4:",),
    ),
    Case(
        "long-name",
        {"index.md": HOME + "Long {{ " + "a" * 2000 + " }} name.\n"},
        {},
        0,
        ("docs/index.md:4: unresolved placeholder",),
    ),
    Case(
        "unicode-name",
        {"index.md": HOME + "Name {{ équipe }}.\n"},
        {"placeholders": {"équipe": "nous"}},
    ),
    Case(
        "zero-width-name",
        {"index.md": HOME + "Name {{ te\u200bam }}.\n"},
        {"placeholders": {"team": "us"}},
        1,
        ("docs/index.md:4:", "\\u200b is zero width space"),
    ),
    Case(
        "value-with-markdown",
        {"index.md": HOME + "By {{ team }}.\n"},
        {"placeholders": {"team": "**the crew**"}},
    ),
    Case(
        "value-in-table",
        {"index.md": HOME + "\n| a | b |\n|---|---|\n| {{ v }} | end |\n"},
        {"placeholders": {"v": "x | y"}},
    ),
    # Sections ---------------------------------------------------------------------------------
    Case(
        "section-no-page",
        {"index.md": HOME + "{{ s }}\n"},
        {"placeholders": {"s": {"section": "NOPE.md#a"}}},
        1,
        ("docs/index.md:4:",),
    ),
    Case(
        "section-no-anchor",
        {"FRS.md": "# F\n\n## Alpha\n\nA.\n", "index.md": HOME + "{{ s }}\n"},
        {"placeholders": {"s": {"section": "FRS.md#alpah"}}},
        1,
        ("docs/index.md:4:", "alpha"),
    ),
    Case(
        "section-traversal",
        {"index.md": HOME + "{{ s }}\n"},
        {"placeholders": {"s": {"section": "../../../etc/passwd#root"}}},
        1,
        ("docs/index.md:4:",),
    ),
    Case(
        "section-self",
        {"index.md": "# Home\n\n## Loop\n\n{{ s }}\n"},
        {"placeholders": {"s": {"section": "index.md#loop"}}},
        1,
        ("docs/index.md:5:", "cycle"),
    ),
    Case(
        "section-with-heading",
        {"FRS.md": "# F\n\n## Alpha\n\nAlpha words.\n", "index.md": HOME + "{{ s }}\n"},
        {"placeholders": {"s": {"section": "FRS.md#alpha", "heading": True}}},
    ),
    # Requirements -----------------------------------------------------------------------------
    Case(
        "duplicate-ids",
        {"RDS.md": RDS + "\n## FR-1: Again\n\nTwice.\n", "FRS.md": FRS},
        {},
        1,
        ("docs/RDS.md:3: FR-1 is defined 2 times",),
    ),
    Case(
        "rds-without-requirements",
        {"RDS.md": "# Requirements\n\nNothing yet.\n", "index.md": HOME},
        {},
        0,
        ("docs/RDS.md:",),
    ),
    Case(
        "unknown-id",
        {"RDS.md": RDS, "FRS.md": FRS + "\nAlso FR-2.\n"},
        {},
        1,
        ("docs/FRS.md:5: FR-2 is not a requirement",),
    ),
    Case(
        "uncovered",
        {"RDS.md": RDS + "\n## FR-2: Fog horn\n\nSounds.\n", "FRS.md": FRS},
        {},
        1,
        ('docs/RDS.md:7: requirement FR-2 "Fog horn" is not covered',),
    ),
    Case(
        "draft-uncovered",
        {"RDS.md": RDS + "\n## FR-2: Fog horn (draft)\n\nSounds.\n", "FRS.md": FRS},
        {},
        0,
        ("docs/RDS.md:7:",),
    ),
    Case(
        "id-in-code-is-no-coverage",
        {"RDS.md": RDS, "FRS.md": "# Specification\n\n`FR-1` only in code, and prose.\n"},
        {},
        0,
    ),
    Case(
        "requirement-in-table",
        {"RDS.md": "# R\n\n| ID | Need |\n|---|---|\n| FR-1 | Lamp status |\n", "FRS.md": FRS},
    ),
    Case(
        "rds-and-frs-same-page",
        {"RDS-FRS.md": RDS},
        {"rds": ["RDS-FRS.md"], "frs": ["RDS-FRS.md"]},
        1,
        ("docs/RDS-FRS.md",),
    ),
    Case(
        "bidi-control",
        {"RDS.md": RDS + "\nThe lamp \u202eis dark\u202c.\n", "FRS.md": FRS},
        {},
        0,
        ("docs/RDS.md:7: this line holds the bidirectional control character",),
    ),
    Case(
        "private-use-marker-shape", {"RDS.md": RDS, "FRS.md": FRS + "\nIcon \ue0000\ue001 here.\n"}
    ),
    # Pages ------------------------------------------------------------------------------------
    Case(
        "not-utf8",
        {"index.md": HOME},
        {},
        1,
        ("docs/legacy.md",),
        files={"docs/legacy.md": b"# Legacy\n\n\xff\xfe caf\xe9\n"},
    ),
    Case("huge-line", {"index.md": HOME + "word " * 20000 + "\n"}),
)
