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


RDS = "# Requirements\n\n### SR-1: Station registry\n\n### SR-2: Heartbeat supervision\n"
FRS_COVERED = "# Specification\n\n## Stations\n\nSR-1 and SR-2 are handled here.\n"
FRS_GAP = "# Specification\n\n## Stations\n\nSR-1 is handled here.\n"
FRS_MOVED = "# Specification\n\n## Stations\n\nSR-2 is here.\n\n## Registry\n\nSR-1 is here.\n"
GAP = 'requirement SR-2 "Heartbeat supervision" is not covered'


def banner_on(page_html: str) -> bool:
    return "archcrew-problems" in page_html


@pytest.mark.parametrize("dirty", [False, True], ids=["serve", "serve --dirty"])
def test_coverage_gap_shows_as_warning_and_banner_then_clears(site: Site, dirty: bool) -> None:
    site.page("RDS.md", RDS)
    frs = site.page("FRS.md", FRS_COVERED)

    with Server(site.root / "mkdocs.yml", *(["--dirty"] if dirty else [])) as server:
        assert not banner_on(server.get("RDS/"))
        frs.write_text(FRS_GAP, encoding="utf-8")
        server.wait_for(lambda: GAP in server.log, what="the coverage warning")
        assert f"WARNING -  archcrew: docs/RDS.md:5: {GAP}" in server.log
        # RDS.md itself was not edited: it is rebuilt all the same, banner and note included.
        server.wait_for(lambda: banner_on(server.get("RDS/")), what="the banner on RDS.md")
        page = server.get("RDS/")
        assert "archcrew: 1 problem on this page" in page
        assert f"line 5: {GAP}" in page.replace("&quot;", '"')
        assert "<strong>not covered</strong> by the FRS" in page
        assert server.alive

        before_fix = len(server.lines)
        frs.write_text(FRS_COVERED, encoding="utf-8")
        server.wait_for(lambda: not banner_on(server.get("RDS/")), what="the banner to clear")
        assert "not covered" not in server.get("RDS/")
        assert GAP not in "".join(server.lines[before_fix:])


def test_serve_starts_and_shows_errors_that_would_fail_a_build(site: Site) -> None:
    site.page("index.md", "# Home\n")
    site.page("RDS.md", RDS)
    site.page("FRS.md", FRS_GAP + "\nSR-9 does not exist.\n")

    with Server(site.root / "mkdocs.yml") as server:
        assert f"WARNING -  archcrew: docs/RDS.md:5: {GAP}" in server.log
        assert "SR-9 is not a requirement of the RDS" in server.log
        assert "ERROR" not in server.log
        assert banner_on(server.get("RDS/"))
        assert banner_on(server.get("FRS/"))
        assert not banner_on(server.get(""))


def test_serve_dirty_rebuilds_pages_whose_coverage_notes_changed(site: Site) -> None:
    # Moving SR-1 to another FRS section changes the note on RDS.md and nothing else there.
    site.page("RDS.md", RDS)
    frs = site.page("FRS.md", FRS_COVERED)

    with Server(site.root / "mkdocs.yml", "--dirty") as server:
        assert "FRS › Registry" not in server.get("RDS/")
        frs.write_text(FRS_MOVED, encoding="utf-8")
        server.wait_for(lambda: "FRS › Registry" in server.get("RDS/"), what="the new note")
        assert server.alive
