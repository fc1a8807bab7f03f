"""The pre-commit hook as a user gets it: pre-commit clones this repository at HEAD, installs the
hook's environment from PyPI and runs it in a fresh Material site, with no node_modules.

Each hook environment is a pip install of some 20 seconds, so there are two runs that install:
`try-repo` (which always installs into a store of its own) and the README's snippet (whose
environment every later commit of the same test reuses).
"""

from __future__ import annotations

import importlib.metadata
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import REPO, Run, Site, child_env

HOOK = "archcrew-check"

# As the README's quick start has it: a Material site whose mkdocs.yml names pymdownx and a
# Mermaid bundle in node_modules, which a fresh clone does not have yet.
MKDOCS_YML = """
site_name: Tidewater
theme:
  name: material
markdown_extensions:
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format
plugins:
  - search
  - archcrew:
      placeholders:
        name: Tidewater
      mermaid:
        javascript: node_modules/mermaid/dist/mermaid.min.js
"""


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A clone of this repository at HEAD: committed work only, as a user's pre-commit sees it."""
    clone = tmp_path_factory.mktemp("hook") / "mkdocs-archcrew"
    _git(REPO, "clone", "--quiet", str(REPO), str(clone))
    return clone


@pytest.fixture(scope="module")
def pre_commit_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    # A store of the module's own: `pre-commit run` installs into it once, and the developer's
    # ~/.cache/pre-commit gets no clone of every HEAD tested.
    return child_env(PRE_COMMIT_HOME=str(tmp_path_factory.mktemp("pre-commit-home")))


def material_site(root: Path) -> Site:
    site = Site(root)
    site.root.mkdir()
    site.write("mkdocs.yml", MKDOCS_YML)
    site.page(
        "index.md", "# Home\n\nWelcome to {{ name }}.\n\n```mermaid\ngraph TD\n  A --> B\n```\n"
    )
    site.page("RDS.md", "# RDS\n\n### SR-1: Registry\n")
    site.page("FRS.md", "# FRS\n\nSR-1 is the registry.\n")
    _git(site.root, "init", "--quiet")
    return site


def pre_commit(site: Site, env: dict[str, str], *args: str) -> Run:
    _git(site.root, "add", "--all")  # --all-files means the files git knows
    completed = subprocess.run(
        [sys.executable, "-m", "pre_commit", *args, "--color", "never"],
        cwd=site.root,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    return Run(completed.returncode, completed.stdout + completed.stderr)


def hook_result(run: Run) -> tuple[str, list[str]]:
    """The hook's status (Passed, Failed) and what it printed."""
    found = re.search(
        r"^archcrew check\.+(\w+)\n- hook id: archcrew-check\n(?:- [a-z ]+: [^\n]*\n)*\n(.*?)\n*\Z",
        run.output,
        re.MULTILINE | re.DOTALL,
    )
    assert found, run.output
    return found[1], found[2].splitlines()


def readme_config(hook_repo: Path, **hook: object) -> str:
    """The README's .pre-commit-config.yaml snippet, pointed at `hook_repo` at its HEAD."""
    readme = (hook_repo / "README.md").read_text(encoding="utf-8")
    found = re.search(r"^## pre-commit hook\n.*?^```yaml\n(.*?)^```", readme, re.M | re.DOTALL)
    assert found, "README.md has no pre-commit hook section with a YAML snippet"
    head = _git(hook_repo, "rev-parse", "HEAD").strip()
    snippet = found[1].replace("<this repository>", str(hook_repo))
    config = yaml.safe_load(snippet.replace("<tag or commit>", head))
    config["repos"][0]["hooks"][0].update(hook)
    return yaml.safe_dump(config, sort_keys=False)


def no_bundle(site: Site) -> list[str]:
    """What the hook says of the Mermaid bundle a site without node_modules names."""
    bundle = site.root / "node_modules/mermaid/dist/mermaid.min.js"
    return [
        "mkdocs.yml:16: info: mermaid.javascript 'node_modules/mermaid/dist/mermaid.min.js' not "
        f"found (looked for {bundle}): checking without it, but `mkdocs build` needs it; run "
        "`npm install mermaid` next to mkdocs.yml.",
    ]


def test_try_repo_passes_a_fresh_material_site_and_says_diagrams_were_not_checked(
    hook_repo: Path, pre_commit_env: dict[str, str], tmp_path: Path
) -> None:
    site = material_site(tmp_path / "site")

    run = pre_commit(site, pre_commit_env, "try-repo", str(hook_repo), HOOK, "--all-files")

    assert run.returncode == 0, run.output
    assert hook_result(run) == (
        "Passed",
        [
            f"mkdocs.yml:15: info: Mermaid diagrams are not checked: the npm package mermaid is "
            f"not installed in {site.root} or above. To check them at build time: npm install "
            "mermaid jsdom (next to mkdocs.yml) with Node.js 18 or newer; or set "
            "mermaid.validate: false.",
            *no_bundle(site),
            "archcrew: 0 error(s), 0 warning(s)",
        ],
    )


def test_readme_snippet_stops_commits_on_warnings_and_errors(
    hook_repo: Path, pre_commit_env: dict[str, str], tmp_path: Path
) -> None:
    site = material_site(tmp_path / "site")
    site.write(".pre-commit-config.yaml", readme_config(hook_repo))
    site.page("index.md", "# Home\n\nWelcome to {{ nmae }}.\n")
    unresolved = (
        "docs/index.md:3: warning: unresolved placeholder {{ nmae }}: no value named 'nmae' (did "
        "you mean 'name'?). Define it in front matter, a data file, the 'placeholders' option or "
        "'extra:', or write \\{{ nmae }} for literal braces."
    )

    warning = pre_commit(site, pre_commit_env, "run", "--all-files")
    site.write(".pre-commit-config.yaml", readme_config(hook_repo, args=["--no-strict"]))
    relaxed = pre_commit(site, pre_commit_env, "run", "--all-files")
    site.write(".pre-commit-config.yaml", readme_config(hook_repo))
    site.page("index.md", "# Home\n\nWelcome to {{ name }}.\n")
    site.page("FRS.md", "# FRS\n\nNothing yet.\n")
    uncovered = pre_commit(site, pre_commit_env, "run", "--all-files")

    # Strict by default: a warning alone fails, as under `mkdocs build --strict`.
    assert warning.returncode == 1, warning.output
    assert hook_result(warning) == (
        "Failed",
        [unresolved, *no_bundle(site), "archcrew: 0 error(s), 1 warning(s)"],
    )
    assert relaxed.returncode == 0, relaxed.output
    assert hook_result(relaxed) == (
        "Passed",
        [unresolved, *no_bundle(site), "archcrew: 0 error(s), 1 warning(s)"],
    )
    assert uncovered.returncode == 1, uncovered.output
    assert hook_result(uncovered) == (
        "Failed",
        [
            'docs/RDS.md:3: error: requirement SR-1 "Registry" is not covered: no FRS page '
            "mentions its ID or its title (searched docs/FRS.md). Mention SR-1 in the FRS: in "
            "prose, a table or a diagram label.",
            *no_bundle(site),
            "archcrew: 1 error(s), 0 warning(s)",
        ],
    )


def test_hook_installs_the_material_extra() -> None:
    # The manifest spells the extra out (PyPI does not have this package to resolve it), so
    # this holds the two equal.
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    extra = [
        requirement.split(";")[0].replace(" ", "")
        for requirement in importlib.metadata.requires("mkdocs-archcrew") or []
        if requirement.endswith('extra == "material"')
    ]

    assert hook["additional_dependencies"] == extra


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=True
    ).stdout
