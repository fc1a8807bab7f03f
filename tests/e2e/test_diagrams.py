"""Mermaid end to end: real builds, the built site served on 127.0.0.1, read by Chromium."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from conftest import Site, node_modules

from e2e.browser import Visit, chromium, served
from e2e.example import OFFLINE, build_ok, example_copy

pytestmark = pytest.mark.e2e

MERMAID2_FENCE = "format: !!python/name:mermaid2.fence_mermaid_custom"
MATERIAL_FENCE = "format: !!python/name:pymdownx.superfences.fence_code_format"
MERMAID2 = {MATERIAL_FENCE: MERMAID2_FENCE, "  - archcrew:\n": "  - mermaid2\n  - archcrew:\n"}
"""The example site with mkdocs-mermaid2 and its fence for Material, as its README sets it up."""


def diagram_texts(visit: Visit) -> list[str]:
    """The text of every rendered diagram (inside open shadow roots too)."""
    return list(
        visit.page.evaluate(
            """() => [...document.querySelectorAll('.mermaid')].map(
                   host => (host.shadowRoot || host).querySelector('svg')?.textContent || '')"""
        )
    )


@pytest.mark.parametrize("setup", ["material", "mermaid2"])
def test_layer_and_sequence_diagrams_render_offline(tmp_path: Path, setup: str) -> None:
    site = example_copy(tmp_path, MERMAID2 if setup == "mermaid2" else None)
    build_ok(site)

    with served(site.root / "site") as url, chromium() as browser:
        visit = Visit(browser, url + "CLAUDE/")
        visit.wait_for_diagrams(6)
        texts = diagram_texts(visit)
        visit.screenshot(f"claude-{setup}")
        external = visit.external_requests()
        errors = visit.errors
        visit.close()

    # The layer graph, the sequence diagram, {{ traceDiagram }}, {{ documentChain }}, and two
    # diagrams of FRS sections.
    assert len(texts) == 6
    assert any("Interface Layer" in text and "Domain Layer" in text for text in texts), texts
    assert any("Gateway" in text and "Station" in text for text in texts), texts
    assert any("Requirements (RDS)" in text for text in texts)
    assert any("CLAUDE.md" in text and "AGENTS.md" in text for text in texts), texts
    assert external == []
    assert errors == []


def test_prerendered_diagrams_show_without_javascript_in_both_palettes(tmp_path: Path) -> None:
    site = example_copy(tmp_path, {"      mermaid:\n": "      mermaid:\n        prerender: svg\n"})
    build_ok(site)
    html = site.html("CLAUDE.md")
    assert html.count('class="archcrew-diagram"') == 6
    assert 'class="mermaid"' not in html

    with served(site.root / "site") as url, chromium() as browser:
        visit = Visit(browser, url + "CLAUDE/", javascript=False)
        light = visit.page.locator(".archcrew-diagram-light svg")
        dark = visit.page.locator(".archcrew-diagram-dark svg")
        assert light.count() == 6
        assert all(light.nth(i).is_visible() for i in range(6))
        assert not any(dark.nth(i).is_visible() for i in range(6))
        visit.screenshot("claude-prerendered-light")
        # Material's dark palette ("slate") shows the drawings made with Mermaid's dark theme.
        visit.page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
        assert all(dark.nth(i).is_visible() for i in range(5))
        assert not any(light.nth(i).is_visible() for i in range(5))
        visit.screenshot("claude-prerendered-dark")
        external = visit.external_requests()
        visit.close()
    assert external == []


XSS_PAGE = """\
# Hostile diagrams

```mermaid
graph TB
    A["<img src=x onerror=window.xss='img'>"] --> B["<script>window.xss='script'</script>"]
    B --> C[Click me]
    click C href "javascript:void(window.xss='click')"
```

```mermaid
sequenceDiagram
    Alice->>Bob: <img src=x onerror=window.xss='sequence'>
```
"""


@pytest.mark.parametrize(
    ("setup", "prerender", "level", "runs"),
    [
        ("material", False, "strict", None),
        # mkdocs-mermaid2's fence wrote labels into the page as HTML: they ran before Mermaid.
        ("mermaid2", False, "strict", None),
        ("material", True, "strict", None),
        # `loose` lets a click run a javascript: link: the opt-out works, and the check can fail.
        ("material", False, "loose", "click"),
        ("mermaid2", False, "loose", "click"),
    ],
    ids=[
        "strict in the browser",
        "strict in the browser, mkdocs-mermaid2",
        "strict pre-rendered",
        "loose in the browser",
        "loose in the browser, mkdocs-mermaid2",
    ],
)
def test_diagrams_cannot_run_scripts_unless_the_site_opts_out(
    tmp_path: Path, setup: str, prerender: bool, level: str, runs: str | None
) -> None:
    options = (
        f"        prerender: {'svg' if prerender else 'false'}\n        security_level: {level}\n"
    )
    edit = {"      mermaid:\n": "      mermaid:\n" + options}
    site = example_copy(tmp_path, {**edit, **(MERMAID2 if setup == "mermaid2" else {})})
    site.page("hostile.md", XSS_PAGE)
    run = site.build(**OFFLINE)
    assert run.returncode == 0, run.output

    with served(site.root / "site") as url, chromium() as browser:
        visit = Visit(browser, url + "hostile/")
        # Nothing has run as the page loaded, before Mermaid or with it.
        visit.page.wait_for_timeout(500)
        loaded = visit.page.evaluate("window.xss || null")
        assert loaded is None, f"{loaded} ran as the page loaded"
        if not prerender:
            visit.wait_for_diagrams(2)
        labels = diagram_texts(visit)
        visit.page.get_by_text("Click me").first.click()
        visit.page.wait_for_timeout(500)
        executed = visit.page.evaluate("window.xss || null")
        kind = "prerendered" if prerender else "browser"
        visit.screenshot(f"hostile-{level}-{kind}-{setup}")
        visit.close()
    assert executed == runs
    if not prerender:
        # The labels are the diagram's text as written, shown, not taken for HTML.
        assert "Click me" in labels[0]
        assert "Bob" in labels[1]


@pytest.mark.parametrize(
    ("theme", "fence", "escaped_as"),
    [
        ("material", "fence_mermaid_custom", "fence_code_format"),
        ("mkdocs", "fence_mermaid", "fence_div_format"),
    ],
)
def test_mkdocs_mermaid2_fences_write_labels_as_text(
    tmp_path: Path, theme: str, fence: str, escaped_as: str
) -> None:
    site = Site(tmp_path / "project")
    site.root.mkdir()
    (site.root / "node_modules").symlink_to(node_modules(), target_is_directory=True)
    site.write(
        "mkdocs.yml",
        f"""\
        site_name: Hostile
        theme: {theme}
        markdown_extensions:
          - pymdownx.superfences:
              custom_fences:
                - name: mermaid
                  class: mermaid
                  format: !!python/name:mermaid2.{fence}
        plugins:
          - mermaid2
          - archcrew:
              mermaid:
                javascript: node_modules/mermaid/dist/mermaid.min.js
        """,
    )
    site.page("index.md", XSS_PAGE)

    run = site.build("--strict", **OFFLINE)

    assert run.returncode == 0, run.output
    assert (
        f"INFO    -  archcrew: mkdocs.yml:8: mkdocs-mermaid2's {fence} writes each diagram into "
        "the page as raw HTML, where a label such as <img src=x onerror=…> runs in the "
        "reader's browser before Mermaid sees it; archcrew writes these diagrams escaped "
        f"instead, as superfences' {escaped_as} does (Mermaid reads the same text). Write "
        f"format: !!python/name:pymdownx.superfences.{escaped_as} yourself to drop this line."
    ) in run.output
    assert "<img src=x" not in site.html("index.md")
    with served(site.root / "site") as url, chromium() as browser:
        visit = Visit(browser, url)
        visit.wait_for_diagrams(2)
        labels = diagram_texts(visit)
        executed = visit.page.evaluate("window.xss || null")
        visit.close()
    assert executed is None
    assert "Click me" in labels[0]
    assert "Bob" in labels[1]


def test_two_broken_diagrams_fail_the_build_naming_both(tmp_path: Path) -> None:
    site = Site(tmp_path / "project")
    site.root.mkdir()
    (site.root / "node_modules").symlink_to(node_modules(), target_is_directory=True)
    site.configure()
    site.page(
        "index.md",
        """\
        # Diagrams

        Fine:

        ```mermaid
        graph TB
            A --> B
        ```

        Broken flowchart:

        ```mermaid
        graph TB
            A[Start] --> B
            B -->
        ```

        Broken sequence:

        ```mermaid
        sequenceDiagram
            Alice->>Bob: hello
            Bob-->>Alice reply without colon
        ```
        """,
    )

    run = site.build()

    assert run.returncode == 1
    assert re.search(
        r"ERROR   -  archcrew: docs/index.md:15: Mermaid diagram does not parse \(Mermaid 11\.\d+\.\d+\) "
        r"at its line 3, 'B -->': Expecting .*got 'EOF'\. Fix the diagram\.\n",
        run.output,
    ), run.output
    assert re.search(
        r"ERROR   -  archcrew: docs/index.md:23: Mermaid diagram does not parse \(Mermaid 11\.\d+\.\d+\) "
        r"at its line 3, 'Bob-->>Alice reply without colon': Expecting 'TXT', got 'NEWLINE'\. "
        r"Fix the diagram\.\n",
        run.output,
    ), run.output
    assert "archcrew: 2 error(s) in the documents" in run.output


def test_unchanged_diagrams_need_no_toolchain_on_the_next_build(tmp_path: Path) -> None:
    site = example_copy(tmp_path)
    build_ok(site)
    cache = site.root / ".cache" / "archcrew" / "mermaid.json"
    assert cache.is_file()

    # Without Node.js on the PATH, a second build still has every diagram checked: from the cache.
    python_only = str(Path(os.sys.executable).parent)
    run = site.build("--strict", PATH=python_only)

    assert run.returncode == 0, run.output
    assert "Mermaid diagrams are not checked" not in run.output


def test_validate_auto_without_a_toolchain_says_what_to_install_once(site: Site) -> None:
    site.page("a.md", "# A\n\n```mermaid\ngraph TB\n    A --> B\n```\n")
    site.page("b.md", "# B\n\n```mermaid\ngraph TB\n    C --> D\n```\n")

    run = site.build("--strict")

    assert run.returncode == 0, run.output
    assert run.output.count("Mermaid diagrams are not checked") == 1
    assert re.search(
        r"INFO    -  archcrew: mkdocs.yml: Mermaid diagrams are not checked: the npm package "
        r"mermaid is not installed in .* or above\. To check them at build time: npm install "
        r"mermaid jsdom \(next to mkdocs.yml\) with Node.js 18 or newer; or set "
        r"mermaid.validate: false\.",
        run.output,
    ), run.output


def test_validate_true_without_a_toolchain_fails(site: Site) -> None:
    site.configure({"mermaid": {"validate": True}})
    site.page("a.md", "# A\n\n```mermaid\ngraph TB\n    A --> B\n```\n")

    run = site.build()

    assert run.returncode == 1
    assert re.search(
        r"ERROR   -  archcrew: mkdocs.yml:\d+: Mermaid diagrams are not checked", run.output
    )


@pytest.mark.parametrize(
    ("javascript", "message"),
    [
        (
            "node_modules/mermaid/dist/missing.min.js",
            "mermaid.javascript 'node_modules/mermaid/dist/missing.min.js' not found",
        ),
        (
            "node_modules/mermaid/dist/mermaid.esm.min.mjs",
            "is an ES module, which does not define the global `mermaid`",
        ),
    ],
)
def test_bad_mermaid_javascript(tmp_path: Path, javascript: str, message: str) -> None:
    site = example_copy(
        tmp_path,
        {"javascript: node_modules/mermaid/dist/mermaid.min.js": f"javascript: {javascript}"},
    )

    run = site.build()

    assert run.returncode == 1
    assert message in run.output
    assert "Traceback" not in run.output
