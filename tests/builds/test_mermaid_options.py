"""The ``mermaid:`` options are checked when mkdocs.yml is read, as MkDocs checks the plugin's
top-level ones: a wrong value or an unknown key (a typo would silently drop what it asks for)
stops `mkdocs build`, with or without --strict, and `archcrew check`, naming the line of
mkdocs.yml, what is wrong and what to write instead."""

from __future__ import annotations

import pytest
from conftest import Site, node_modules

PREFIX = "ERROR   -  Config value 'plugins': Plugin 'archcrew' option 'mermaid': "
OPTIONS = "javascript, validate, on_error, prerender, security_level, browser, cache_dir"


def written(site: Site, mermaid: str) -> None:
    """mkdocs.yml with the ``mermaid:`` option as given (from line 5 on), so lines are known."""
    site.write(
        "mkdocs.yml",
        f"site_name: Test Site\nplugins:\n  - archcrew:\n      on_missing: warn\n      {mermaid}\n",
    )
    site.page("index.md", "# Home\n")


def failed(site: Site, *args: str) -> str:
    """The output of a build that must stop on its configuration, as MkDocs stops for any."""
    run = site.build(*args)
    assert run.returncode == 1, run.output
    assert "Aborted with a configuration error!" in run.output
    assert "Traceback" not in run.output
    assert not (site.root / "site").exists()
    return run.output


@pytest.mark.parametrize("strict", [("--strict",), ()], ids=["strict", "not-strict"])
@pytest.mark.parametrize(
    ("mermaid", "message"),
    [
        (
            "mermaid: {prerender: png}",
            "mkdocs.yml:5: mermaid.prerender is 'png', which is not one of: false, svg. "
            "Write one of these, or remove the line for the default (false).",
        ),
        (
            "mermaid:\n        validate: maybe",
            "mkdocs.yml:6: mermaid.validate is 'maybe', which is not one of: auto, true, false. "
            "Write one of these, or remove the line for the default (auto).",
        ),
        (
            "mermaid:\n        prerendr: svg",
            "mkdocs.yml:6: mermaid.prerendr is not an option (did you mean prerender?); "
            f"the options are: {OPTIONS}. Fix the name, or remove the line.",
        ),
        (
            "mermaid:\n        validate: false\n        security_level: none",
            "mkdocs.yml:7: mermaid.security_level is 'none', which is not one of: strict, "
            "antiscript, loose, sandbox. Write one of these, or remove the line for the "
            "default (strict).",
        ),
    ],
    ids=["prerender", "validate", "unknown-key", "security_level"],
)
def test_a_wrong_value_or_unknown_key_stops_the_build(
    site: Site, mermaid: str, message: str, strict: tuple[str, ...]
) -> None:
    written(site, mermaid)

    output = failed(site, *strict)

    assert f"{PREFIX}{message}\n" in output


def test_every_problem_is_reported_at_once_on_its_line(site: Site) -> None:
    written(
        site,
        "mermaid:\n"
        '        validate: "true"\n'  # text, not the boolean it looks like
        "        prerender: 0\n"  # MkDocs' own check would take 0 for false
        "        cache_dir: 42\n"
        "        Browser: chromium\n"
        "        colours: dark",
    )

    output = failed(site)

    assert (
        f"{PREFIX}5 problems:\n"
        "  mkdocs.yml:6: mermaid.validate is 'true', which is not one of: auto, true, false. "
        "Write one of these without quotes, or remove the line for the default (auto).\n"
        "  mkdocs.yml:7: mermaid.prerender is 0, which is not one of: false, svg. "
        "Write one of these, or remove the line for the default (false).\n"
        "  mkdocs.yml:8: mermaid.cache_dir is 42, which is not text; it takes a folder "
        "relative to mkdocs.yml. Write it in quotes, or remove the line for the default "
        "(.cache/archcrew).\n"
        "  mkdocs.yml:9: mermaid.Browser is not an option (did you mean browser?); "
        f"the options are: {OPTIONS}. Fix the name, or remove the line.\n"
        "  mkdocs.yml:10: mermaid.colours is not an option; "
        f"the options are: {OPTIONS}. Fix the name, or remove the line.\n"
    ) in output


def test_mermaid_must_hold_options(site: Site) -> None:
    written(site, "mermaid: svg")

    output = failed(site)

    assert (
        f"{PREFIX}mkdocs.yml:5: mermaid is 'svg', but it holds options, written under it "
        f"(mermaid: {{prerender: svg}}); the options are: {OPTIONS}.\n"
    ) in output


def test_a_disabled_plugin_is_checked_too(site: Site) -> None:
    # As MkDocs checks the plugin's top-level options: `enabled: !ENV ...` must not hide a typo.
    written(site, "enabled: false\n      mermaid:\n        javascript: null\n        broswer: x")

    output = failed(site)

    assert (
        f"{PREFIX}mkdocs.yml:8: mermaid.broswer is not an option (did you mean browser?); "
        f"the options are: {OPTIONS}. Fix the name, or remove the line.\n"
    ) in output


def test_an_inherited_option_is_placed_in_the_file_that_writes_it(site: Site) -> None:
    site.write(
        "base.yml",
        "# shared by every site\nplugins:\n  - archcrew:\n      mermaid: {validate: maybe}\n",
    )
    site.write("mkdocs.yml", "INHERIT: base.yml\nsite_name: Test Site\n")
    site.page("index.md", "# Home\n")

    output = failed(site)

    assert (
        f"{PREFIX}base.yml:4: mermaid.validate is 'maybe', which is not one of: auto, true, "
        "false. Write one of these, or remove the line for the default (auto).\n"
    ) in output


def test_archcrew_check_stops_on_them_too(site: Site) -> None:
    written(site, "mermaid:\n        prerender: png")

    run = site.check()

    assert run.returncode == 2, run.output
    assert run.output == (
        "Config value 'plugins': Plugin 'archcrew' option 'mermaid': mkdocs.yml:6: "
        "mermaid.prerender is 'png', which is not one of: false, svg. Write one of these, "
        "or remove the line for the default (false).\n"
        "archcrew: mkdocs.yml: Aborted with a configuration error!\n"
    )


def test_right_values_build_and_reach_the_site(site: Site) -> None:
    written(
        site,
        "mermaid:\n"
        "        javascript: https://cdn.example.org/mermaid.min.js\n"
        "        validate: no\n"  # YAML's other spelling of false
        "        prerender: false\n"
        "        security_level: loose\n"
        "        browser:\n"  # no value: the default, as for the plugin's own options
        "        cache_dir: .cache/here",
    )

    run = site.build("--strict")

    assert run.returncode == 0, run.output
    shim = (site.root / "site/assets/archcrew/archcrew-diagrams.js").read_text(encoding="utf-8")
    assert 'var level = "loose";' in shim


def test_an_empty_mermaid_option_means_the_defaults(site: Site) -> None:
    written(site, "mermaid:\n        # javascript: node_modules/mermaid/dist/mermaid.min.js")

    run = site.build("--strict")

    assert run.returncode == 0, run.output


# What mermaid.javascript holds, not what it is called: each file below has a name that looks
# right, and only the first is Mermaid's browser bundle.
@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("dist/mermaid.min.js", None),
        (
            "notes",
            "mkdocs.yml:6: mermaid.javascript 'vendor/mermaid.min.js' is not Mermaid: its 41 "
            "bytes hold none of Mermaid's code. It must be Mermaid's browser bundle: "
            "node_modules/mermaid/dist/mermaid.min.js after `npm install mermaid` next to "
            "mkdocs.yml.",
        ),
        (
            "dist/mermaid.esm.min.mjs",
            "mkdocs.yml:6: mermaid.javascript 'vendor/mermaid.min.js' is an ES module, which "
            "does not define the global `mermaid` that Material and mkdocs-mermaid2 look for "
            "(they would fetch Mermaid from a CDN). It must be Mermaid's browser bundle",
        ),
    ],
    ids=["bundle", "text file", "ES module"],
)
def test_mermaid_javascript_must_be_a_mermaid_browser_bundle(
    site: Site, content: str, message: str | None
) -> None:
    written(site, "mermaid:\n        javascript: vendor/mermaid.min.js\n        validate: false")
    bundle = site.root / "vendor" / "mermaid.min.js"
    bundle.parent.mkdir()
    if content == "notes":
        bundle.write_text("Meeting notes: ship the diagrams Friday.\n", encoding="utf-8")
    else:
        bundle.write_bytes((node_modules() / "mermaid" / content).read_bytes())

    for run in (site.build("--strict"), site.check()):
        assert "Traceback" not in run.output, run.output
        if message is None:
            assert run.returncode == 0, run.output
        else:
            assert run.returncode in (1, 2), run.output
            assert f"archcrew: {message}" in run.output, run.output
    published = site.root / "site" / "assets" / "archcrew" / "mermaid.min.js"
    assert published.is_file() is (message is None)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("60000", None),
        (
            "lots",
            "mkdocs.yml:4: mkdocs-mermaid2's arguments.maxTextSize is 'lots', which is not a "
            "number of characters; write one (Mermaid's default is 50000), or remove it.",
        ),
    ],
)
def test_mermaid2_arguments_set_the_size_limit_the_site_is_held_to(
    site: Site, value: str, message: str | None
) -> None:
    site.write(
        "mkdocs.yml",
        "site_name: Test Site\n"
        "plugins:\n"
        f"  - mermaid2:\n      arguments: {{maxTextSize: {value}}}\n"
        "  - archcrew:\n"
        "      mermaid:\n"
        "        javascript: https://cdn.example.org/mermaid.min.js\n",
    )
    site.page("index.md", "# Home\n")

    run = site.build()

    assert "Traceback" not in run.output
    if message is None:
        assert run.returncode == 0, run.output
        shim = (site.root / "site/assets/archcrew/archcrew-diagrams.js").read_text()
        assert 'var maxTextSize = Number("60000");' in shim
    else:
        assert run.returncode == 1
        assert f"ERROR   -  archcrew: {message}" in run.output
