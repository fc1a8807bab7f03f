"""A page's own rules from its front matter's `archcrew:`, and templates by their path."""

from __future__ import annotations

from mkdocs_archcrew.findings import Severity
from mkdocs_archcrew.project.rules import DEFAULT_TEMPLATES, SITE, PageRules, page_rules


def rules(path: str, front: dict[str, object]) -> tuple[PageRules, list[str]]:
    found, findings = page_rules(path, front, 3, f"docs/{path}", DEFAULT_TEMPLATES)
    assert all(f.severity is Severity.WARNING and f.line == 3 for f in findings)
    return found, [f.message for f in findings]


def test_a_page_that_says_nothing_follows_the_site() -> None:
    assert rules("AGENTS.md", {"title": "Agents"}) == (SITE, [])


def test_what_a_page_says_is_its_rule() -> None:
    said = {"archcrew": {"role": "frs", "on_missing": "keep", "diagrams": "warn"}}
    assert rules("design.md", said) == (PageRules("frs", "keep", "warn"), [])


def test_templates_by_path_keep_their_placeholders_and_skip_their_diagrams() -> None:
    template = PageRules("template", "keep", "skip")
    assert rules("FRS.template.md", {}) == (template, [])
    assert rules("templates/FRS.md", {}) == (template, [])
    assert rules("guides/templates/RDS.md", {}) == (template, [])
    assert rules("templating.md", {})[0] == SITE
    # What a template says of itself comes first.
    assert rules("templates/FRS.md", {"archcrew": {"diagrams": "error"}})[0] == PageRules(
        "template", "keep", "error"
    )
    assert rules("templates/FRS.md", {"archcrew": {"role": "frs"}})[0] == PageRules("frs")


def test_what_is_not_a_rule_is_said_and_the_site_s_option_applies() -> None:
    assert rules("a.md", {"archcrew": "none"}) == (
        SITE,
        [
            "front matter 'archcrew:' is not a mapping, so the page follows the site's options; "
            "write it as 'archcrew: {role: none}' (keys: role, on_missing, diagrams)"
        ],
    )
    assert rules("a.md", {"archcrew": {"role": "RDS", "skip": True, "diagrams": False}}) == (
        SITE,
        [
            "front matter 'archcrew.role: 'RDS'' is not one of rds, frs, none, template; the "
            "site's option applies",
            "front matter 'archcrew.skip' is not a page rule; the rules are role, on_missing, "
            "diagrams",
            "front matter 'archcrew.diagrams: false' is not one of error, warn, skip; the site's "
            "option applies",
        ],
    )
