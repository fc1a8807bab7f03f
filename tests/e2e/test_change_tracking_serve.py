"""Change tracking under a real `mkdocs serve`, read in a real Chromium (issue 14).

A reader has the RDS, FRS and CLAUDE.md pages open while someone rewords a requirement: live
reload brings the word diff under the requirement, a mark after each FRS link to it and the
stale banner on the document generated from the RDS. `archcrew review`, run while the server
keeps running, takes them away again at the next rebuild: the review file is watched.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from conftest import child_env
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from e2e.browser import Visit, chromium
from e2e.serving import Server

if TYPE_CHECKING:
    from collections.abc import Callable

    from conftest import Site
    from playwright.sync_api import Page

pytestmark = pytest.mark.e2e

TIMEOUT = 60.0
"""Seconds to wait for a rebuild and the reload it causes (a busy two-core machine)."""

CONFIG = """\
site_name: Ferry Booking
theme:
  name: material
  font: false
plugins:
  - search
  - archcrew
nav:
  - Requirements: RDS.md
  - Specification: FRS.md
  - Architecture: CLAUDE.md
"""

DECK = "A sailing accepts at most 40 cars on its vehicle deck."
DECK_REWORDED = "A sailing accepts at most 52 cars on its vehicle deck."

RDS = f"""\
# Ferry Booking Requirements

## Functional Requirements

1. **Seat booking**: A passenger books a seat on a sailing from the web page.
2. **Vehicle deck limit**: {DECK}
3. **Refunds**: A passenger cancels a booking up to one day before the sailing.
"""

FRS = """\
# Ferry Booking Specification

## Booking flow

FR-1 and FR-3 are handled by the booking service.

## Deck capacity

The deck counter enforces FR-2 for every sailing.
"""

CLAUDE = """\
---
generatedBy: architect-crew
generationTriggers:
  - RDS.md changes
---

# Architecture guide

The booking service is a small Python application with one database.
"""

RELOAD_MARK = "__archcrewBeforeReload"


def archcrew(site: Site, *args: str) -> str:
    """`archcrew` run as a user runs it, in its own process; returns what it printed."""
    script = Path(sys.executable).parent / "archcrew"
    command = [str(script)] if script.is_file() else [sys.executable, "-m", "mkdocs_archcrew.cli"]
    completed = subprocess.run(
        [*command, *args, "-f", str(site.root / "mkdocs.yml")],
        capture_output=True,
        text=True,
        env=child_env(),
        cwd=site.root,
        timeout=180,
        check=False,
    )
    output = completed.stdout + completed.stderr
    assert completed.returncode == 0, output
    return output


def before_reload(*pages: Page) -> None:
    """Mark each page's window: a reload (a new document) loses the mark."""
    for page in pages:
        page.evaluate(f"() => {{ window.{RELOAD_MARK} = true; }}")


def reloaded(page: Page) -> bool:
    try:
        return bool(
            page.evaluate(
                f"() => window.{RELOAD_MARK} === undefined && document.readyState === 'complete'"
            )
        )
    except PlaywrightError:  # the old document went away while being asked
        return False


def wait_until(condition: Callable[[], bool], server: Server, *, what: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        if condition():
            return
        assert server.alive, f"mkdocs serve exited while waiting for {what}:\n{server.log}"
        time.sleep(0.25)
    raise AssertionError(f"timed out waiting for {what}; server log:\n{server.log}")


def wait_reloaded(server: Server, *visits: Visit, what: str) -> None:
    """Wait until live reload has loaded every page again."""
    for visit in visits:
        wait_until(lambda page=visit.page: reloaded(page), server, what=f"{what}: {visit.page.url}")


def test_rewording_marks_then_review_clears_in_the_browser(site: Site, tmp_path: Path) -> None:
    site.write("mkdocs.yml", CONFIG)
    rds = site.page("RDS.md", RDS)
    site.page("FRS.md", FRS)
    site.page("CLAUDE.md", CLAUDE)
    done = archcrew(site, "review")
    assert "reviewed 3 requirement(s)" in done
    assert "reviewed CLAUDE.md against RDS.md" in done
    assert (site.root / "archcrew-review.yml").is_file()

    timeout_ms = TIMEOUT * 1000
    with Server(site.root / "mkdocs.yml", "--livereload") as server, chromium() as browser:
        rds_visit = Visit(browser, server.url + "RDS/")
        frs_visit = Visit(browser, server.url + "FRS/")
        claude_visit = Visit(browser, server.url + "CLAUDE/")
        visits = (rds_visit, frs_visit, claude_visit)
        rds_page, frs_page, claude_page = (visit.page for visit in visits)

        # As reviewed: nothing marked, no banner anywhere.
        expect(rds_page.locator("#fr-2")).to_be_visible()
        assert rds_page.locator(".archcrew-changed").count() == 0
        assert frs_page.locator(".archcrew-changed, .archcrew-changed-mark").count() == 0
        expect(frs_page.locator("a.archcrew-link", has_text="FR-2")).to_be_visible()
        assert claude_page.locator(".archcrew-problems").count() == 0
        for page in (rds_page, frs_page, claude_page):
            # Live reload is on: MkDocs put its script in the page, and the page is visible,
            # which the script needs to poll.
            assert page.evaluate("() => document.visibilityState") == "visible"
            assert "livereload" in page.content()

        # Reword FR-2 in the RDS: a number changes.
        before_reload(*(visit.page for visit in visits))
        rds.write_text(RDS.replace(DECK, DECK_REWORDED), encoding="utf-8")
        wait_reloaded(server, *visits, what="live reload after rewording FR-2")

        # Under FR-2 in the RDS: what changed, word by word.
        changed = rds_page.locator("li:has(#fr-2) .archcrew-changed")
        expect(changed).to_be_visible(timeout=timeout_ms)
        expect(changed).to_contain_text("changed since reviewed")
        assert rds_page.locator(".archcrew-changed").count() == 1
        removed, added = changed.locator("del"), changed.locator("ins")
        expect(removed).to_be_visible()
        expect(added).to_be_visible()
        assert removed.inner_text() == "40"
        assert added.inner_text() == "52"
        # Struck through and underlined as the reader sees them, not only tagged.
        assert "line-through" in removed.evaluate("e => getComputedStyle(e).textDecorationLine")
        assert "underline" in added.evaluate("e => getComputedStyle(e).textDecorationLine")
        assert "52 cars" in rds_page.locator("li:has(#fr-2)").inner_text()
        # A block under FR-2's text, above FR-3.
        box = changed.bounding_box()
        own = rds_page.locator("#fr-2").bounding_box()
        next_one = rds_page.locator("#fr-3").bounding_box()
        assert box is not None
        assert own is not None
        assert next_one is not None
        assert box["width"] > 0
        assert box["height"] > 0
        assert own["y"] + own["height"] <= box["y"] + 1
        assert box["y"] + box["height"] <= next_one["y"] + 1
        shot = tmp_path / "rds-changed.png"
        rds_page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 0

        # The FRS link to FR-2 says it changed; the links to FR-1 and FR-3 do not.
        link = frs_page.locator("a.archcrew-changed")
        expect(link).to_have_text("FR-2", timeout=timeout_ms)
        expect(link).to_be_visible()
        mark = frs_page.locator(".archcrew-changed-mark")
        expect(mark).to_have_count(1)
        expect(mark).to_be_visible()
        assert mark.inner_text().strip() == "(changed since reviewed)"
        assert "enforces FR-2 (changed since reviewed) for every sailing" in " ".join(
            frs_page.locator("article").inner_text().split()
        )
        assert frs_page.locator("a.archcrew-link", has_text="FR-1").count() == 1
        assert frs_page.locator("a.archcrew-changed", has_text="FR-1").count() == 0

        # CLAUDE.md is generated from the RDS: stale now.
        banner = claude_page.locator(".archcrew-problems")
        expect(banner).to_be_visible(timeout=timeout_ms)
        expect(banner).to_contain_text("stale")
        expect(banner).to_contain_text("FR-2")
        assert server.alive

        # FR-2 reviewed while the server runs: its marks go at the next rebuild.
        before_reload(*(visit.page for visit in visits))
        done = archcrew(site, "review", "FR-2")
        assert "reviewed FR-2: " in done
        wait_reloaded(server, rds_visit, frs_visit, what="live reload after `archcrew review FR-2`")
        expect(rds_page.locator(".archcrew-changed")).to_have_count(0, timeout=timeout_ms)
        expect(frs_page.locator(".archcrew-changed, .archcrew-changed-mark")).to_have_count(
            0, timeout=timeout_ms
        )
        assert "(changed since reviewed)" not in frs_page.locator("article").inner_text()
        expect(rds_page.locator("li:has(#fr-2)")).to_contain_text("52 cars")
        # CLAUDE.md is not regenerated by reviewing a requirement: still stale.
        wait_reloaded(server, claude_visit, what="CLAUDE.md reloaded after `archcrew review FR-2`")
        expect(claude_page.locator(".archcrew-problems")).to_contain_text("stale")

        # CLAUDE.md reviewed against the RDS as it stands: the banner goes.
        before_reload(*(visit.page for visit in visits))
        done = archcrew(site, "review", "--document", "CLAUDE.md")
        assert "reviewed CLAUDE.md against RDS.md" in done
        wait_reloaded(server, claude_visit, what="live reload after `archcrew review --document`")
        expect(claude_page.locator(".archcrew-problems")).to_have_count(0, timeout=timeout_ms)
        expect(claude_page.locator("article")).to_contain_text("small Python application")
        assert "stale" not in claude_page.locator("article").inner_text()
        assert rds_page.locator(".archcrew-changed").count() == 0

        assert server.alive
        for visit in visits:
            assert visit.errors == []
            assert visit.external_requests() == []
            visit.close()


def test_first_review_while_serving_is_picked_up(site: Site) -> None:
    # A project that has never run `archcrew review`: change tracking is on by default.
    site.write("mkdocs.yml", CONFIG)
    rds = site.page("RDS.md", RDS)
    site.page("FRS.md", FRS)
    site.page("CLAUDE.md", CLAUDE)
    review_file = site.root / "archcrew-review.yml"
    assert not review_file.exists()

    timeout_ms = TIMEOUT * 1000
    with Server(site.root / "mkdocs.yml", "--livereload") as server, chromium() as browser:
        visit = Visit(browser, server.url + "RDS/")
        page = visit.page
        expect(page.locator("#fr-2")).to_be_visible()
        assert page.locator(".archcrew-changed").count() == 0

        # The first review, while the server runs: the new file is noticed and read.
        builds = server.rebuilds()
        before_reload(page)
        assert "reviewed 3 requirement(s)" in archcrew(site, "review")
        assert review_file.is_file()
        wait_until(lambda: server.rebuilds() > builds, server, what="a rebuild for the review file")
        wait_reloaded(server, visit, what="live reload after the first `archcrew review`")

        before_reload(page)
        rds.write_text(RDS.replace(DECK, DECK_REWORDED), encoding="utf-8")
        wait_reloaded(server, visit, what="live reload after rewording FR-2")
        changed = page.locator("li:has(#fr-2) .archcrew-changed")
        expect(changed).to_be_visible(timeout=timeout_ms)
        assert changed.locator("del").inner_text() == "40"
        assert changed.locator("ins").inner_text() == "52"

        # The file created after the server started is watched too.
        before_reload(page)
        archcrew(site, "review", "FR-2")
        wait_reloaded(server, visit, what="live reload after `archcrew review FR-2`")
        expect(page.locator(".archcrew-changed")).to_have_count(0, timeout=timeout_ms)
        assert server.alive
        assert visit.errors == []
        visit.close()
