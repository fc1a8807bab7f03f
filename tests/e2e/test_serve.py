"""`mkdocs serve` end to end: a real server, real file edits, live rebuilds."""

from __future__ import annotations

import pytest
from conftest import Site

from e2e.serving import Server

pytestmark = pytest.mark.e2e


def test_editing_a_data_file_rebuilds_with_the_new_value(site: Site) -> None:
    data = site.write("data/values.yml", "release: Orca\n")
    site.configure({"data_files": ["data/values.yml"]})
    site.page("index.md", "# Home\n\nRelease {{ release }}.\n")

    with Server(site.root / "mkdocs.yml") as server:
        assert "Release Orca." in server.get("")
        builds = server.rebuilds()
        data.write_text("release: Narwhal\n", encoding="utf-8")
        server.wait_for(lambda: "Release Narwhal." in server.get(""), what="the new value")
        assert server.rebuilds() > builds


def test_problems_are_reported_per_build_and_clear_when_fixed(site: Site) -> None:
    site.configure({"placeholders": {"release": "Orca"}})
    page = site.page("index.md", "# Home\n\nRelease {{ release }}.\n")

    with Server(site.root / "mkdocs.yml") as server:
        assert "archcrew" not in server.log
        page.write_text("# Home\n\nRelease {{ relase }}.\n", encoding="utf-8")
        server.wait_for(
            lambda: "docs/index.md:3: unresolved placeholder {{ relase }}" in server.log,
            what="the warning",
        )
        assert "(did you mean 'release'?)" in server.log
        assert "{{ relase }}" in server.get("")
        before_fix = len(server.lines)
        page.write_text("# Home\n\nRelease {{ release }} again.\n", encoding="utf-8")
        server.wait_for(lambda: "Release Orca again." in server.get(""), what="the fixed page")
        server.wait_for(
            lambda: "Reloading browsers" in "".join(server.lines[before_fix:]),
            what="the rebuild to finish",
        )
        assert "archcrew" not in "".join(server.lines[before_fix:])
        assert server.alive


def test_an_error_in_a_rebuild_keeps_the_server_running(site: Site) -> None:
    site.configure({"placeholders": {"release": "Orca"}})
    page = site.page("index.md", "# Home\n\nRelease {{ release }}.\n")

    with Server(site.root / "mkdocs.yml") as server:
        page.write_text("# Home\n\n{{ ''.__class__ }}\n", encoding="utf-8")
        server.wait_for(
            lambda: "docs/index.md:3: not a placeholder" in server.log, what="the error"
        )
        assert server.alive
        page.write_text("# Home\n\nRelease {{ release }}, fixed.\n", encoding="utf-8")
        server.wait_for(lambda: "Release Orca, fixed." in server.get(""), what="recovery")
