"""Every page driven in a real browser (Debian's chromium through Playwright): navigation,
filters, charts with the right number of marks, evidence links landing on the highlighted
sentence, and hostile content that never runs."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from tests.web.conftest import LiveServer

CHROMIUM = os.environ.get("TIDINGS_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(),
        reason="no browser: install Debian's chromium (apt-get install chromium), as .ci/run does",
    ),
]
#: Screenshots go here when set (docs/screenshots is made this way).
SHOTS = os.environ.get("TIDINGS_SCREENSHOTS")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
            ],
        )
        yield b
        b.close()


@pytest.fixture()
def page(browser: Any, live: LiveServer) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    pg = context.new_page()
    dialogs: list[str] = []
    errors: list[str] = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    pg.dialogs, pg.errors = dialogs, errors  # type: ignore[attr-defined]
    yield pg
    assert dialogs == [], f"a dialog opened: {dialogs}"
    assert errors == [], f"errors in the page: {errors}"
    context.close()


def _shot(pg: Any, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        pg.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def _bars(pg: Any, section: str) -> int:
    return int(pg.locator(f"{section} svg g.mark-rect path").count())


def test_overview_chart_and_navigation(page: Any, live: LiveServer) -> None:
    data = httpx.get(f"{live.url}/overview.json").json()
    page.goto(f"{live.url}/")
    assert page.url.endswith("/overview")
    assert page.locator("header nav a.current").inner_text() == "Overview"  # the script ran
    weekly = [r for r in data["weekly"] if r["what"] == "happenings"]
    assert _bars(page, "#chart-happenings") == len(weekly)
    assert _bars(page, "#chart-events") == len([r for r in data["weekly"] if r["what"] == "events"])
    assert page.locator("ul.counts li").count() == len(data["counts"])
    _shot(page, "overview")
    page.locator("table.dyads a").first.click()
    page.wait_for_url("**/dyad/*")
    assert page.locator("h1").inner_text()


def test_dyad_chart_has_a_bar_per_point(page: Any, live: LiveServer) -> None:
    data = httpx.get(f"{live.url}/dyad/IND-BRA.json").json()
    page.goto(f"{live.url}/dyad/IND-BRA")
    assert _bars(page, "#chart-dyad") == len(data["points"]) > 0
    _shot(page, "dyad")
    page.locator("table.happenings a").first.click()
    page.wait_for_url("**/happening/*")
    assert page.locator("ol.timeline li").count() > 0


def test_happening_ledger_links_land_on_the_highlighted_sentence(
    page: Any, live: LiveServer
) -> None:
    rows = httpx.get(f"{live.url}/happenings.json", params={"dyad": "IND-BRA"}).json()
    visit = next(h for h in rows if h["type"] == "CONSULT")
    page.goto(f"{live.url}/happening/{visit['id']}")
    entries = page.locator("ol.timeline li")
    assert entries.count() == len(visit["history"])
    assert "fulfilled" in page.locator("dd.plan").inner_text()
    _shot(page, "happening")
    third = visit["history"][2]
    page.locator("a.evidence").nth(2).click()
    page.wait_for_url(f"**/article/{third['article_id']}#s{third['evidence']['start']}")
    target = page.locator(":target")
    assert target.get_attribute("class") == "sentence"
    assert third["evidence"]["sentence"][:40] in target.inner_text()
    background = target.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    assert page.locator("a.m-trigger").count() > 0
    _shot(page, "article")


def test_search_filters_paginate_and_download(page: Any, live: LiveServer) -> None:
    page.goto(f"{live.url}/search?per_page=3")
    total = int(page.locator("#total").inner_text().split()[0])
    assert page.locator("table.events tbody tr").count() == min(3, total)
    page.locator("a[rel=next]").click()
    page.wait_for_url("**page=2**")
    # a select applies itself (progressive enhancement)
    page.goto(f"{live.url}/search")
    with page.expect_navigation():
        page.locator("select[name=status]").select_option("denied")
    assert "status=denied" in page.url
    statuses = page.locator("table.events tbody td:nth-child(4)").all_inner_texts()
    assert statuses and set(statuses) == {"denied"}
    page.fill("form.filters input[name=q]", "drones")
    page.locator("form.filters button").click()
    page.wait_for_url("**q=drones**")
    _shot(page, "search")
    href = page.locator("a[href^='/search.csv']").get_attribute("href")
    csv = httpx.get(f"{live.url}{href}")
    assert csv.status_code == 200 and csv.text.count("\n") >= 2


def test_hostile_article_never_runs(page: Any, live: LiveServer) -> None:
    rows = httpx.get(f"{live.url}/search.json", params={"q": "Beijing"}).json()["rows"]
    page.goto(f"{live.url}/article/{rows[0]['article_id']}")
    assert "<script>alert(1)</script>" in page.locator("h1").inner_text()
    assert page.locator("a[href^='javascript']").count() == 0
    assert page.locator("img").count() == 0
    page.goto(f"{live.url}/search?q=Beijing")
    page.goto(f"{live.url}/overview")
    # the page fixture asserts that no dialog opened and no script error happened
