"""The web UI in Debian's Chromium (headless, driven by Playwright) over a seeded store served by uvicorn.

Screenshots go to ``tmp/artifacts/ui`` (or ``$PERISTIWA_ARTIFACTS/ui``); the path is printed.
The browser is the system's (.ci/services.sh installs it); Playwright never downloads one.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import DEV_DOCS
from store_seed import REPO, incident_seeded, seeded

from peristiwa.api import create_app
from peristiwa.settings import Settings
from peristiwa.store import Store, document_hash

CHROMIUM = os.environ.get("PERISTIWA_TEST_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
ARTIFACTS = Path(os.environ.get("PERISTIWA_ARTIFACTS") or REPO / "tmp" / "artifacts") / "ui"

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason=f"no Chromium at {CHROMIUM} (`. .ci/services.sh` installs Debian's)"
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    s = Store.open(str(tmp_path_factory.mktemp("web") / "web.db"))
    for doc, result in seeded():
        s.add(doc, result)
    if DEV_DOCS.exists():  # the development articles, read from ../shared, never copied
        from peristiwa.ingest import read_inputs

        s.ingest(read_inputs([str(DEV_DOCS)]), settings=Settings(use_nlp=False))
    for doc, result in incident_seeded():
        s.add(doc, result)
    s.rebuild_incidents()
    yield s
    s.close()


@pytest.fixture(scope="module")
def base(store: Store, request: pytest.FixtureRequest) -> Iterator[str]:
    import uvicorn

    port = _free_port()
    app = create_app(store, token="ui-token", settings=Settings(use_nlp=False))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    yield f"http://127.0.0.1:{port}/"
    server.should_exit = True
    thread.join(timeout=10)
    capture = request.config.pluginmanager.getplugin("capturemanager")
    with capture.global_and_fixture_disabled():
        print(f"\nUI screenshots: {ARTIFACTS}")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    problems: list[str] = []
    pg.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    pg.on("console", lambda msg: problems.append(f"console: {msg.text}") if msg.type == "error" else None)

    def on_dialog(dialog: Any) -> None:
        problems.append(f"dialog: {dialog.message}")  # an alert() would mean article text ran as code
        dialog.dismiss()

    pg.on("dialog", on_dialog)
    yield pg
    context.close()
    assert problems == []


def goto(page: Any, url: str, view: str) -> None:
    page.goto(url)
    page.wait_for_selector(f"body[data-view='{view}']")


def rendered(page: Any) -> int:
    return int(page.get_attribute("body", "data-rendered") or 0)


def test_search_page_draws_timeline_map_graph_and_list(page: Any, base: str, store: Store) -> None:
    goto(page, base, "search")
    current = [ev for ev in store.iter_events() if not ev["historical"]]
    shown = current[:500]
    assert page.locator("#timeline circle.ev-dot").count() == len(shown)
    located = [ev for ev in shown if ev["location"] and ev["location"]["lat"] is not None]
    assert page.locator("#map circle.map-dot").count() == len(located)
    assert page.locator("#graph .g-node").count() > 3
    assert page.locator("#event-list tbody tr").count() == min(100, len(current))
    assert f"{len(current)} events match" in page.inner_text("main")
    assert "documents" in page.inner_text("#stats")
    page.screenshot(path=str(ARTIFACTS / "search.png"), full_page=True)


def test_israel_iran_strikes_on_the_timeline_and_the_map(page: Any, base: str) -> None:
    goto(page, base + "#/?actor=Israel&type=ASSAULT", "search")
    assert page.input_value("#f-actor") == "Israel" and page.input_value("#f-type") == "ASSAULT"
    dots = page.locator("#timeline circle.ev-dot")
    assert dots.count() >= 2
    titles = page.locator("#timeline circle.ev-dot title").all_text_contents()
    assert all(" ASSAULT" in t for t in titles) and any("Iran" in t for t in titles)
    # on the map (720 units = 360°), some strikes lie between Israel and Iran (longitude 34° to 54°)
    xs = [
        float(x)
        for x in page.locator("#map circle.map-dot").evaluate_all("ds => ds.map(d => d.getAttribute('cx'))")
    ]
    assert any((34 + 180) * 2 <= x <= (54 + 180) * 2 for x in xs)
    types = page.locator("#event-list tbody tr td:nth-child(2) .tag").all_text_contents()
    assert types and set(types) == {"ASSAULT"}
    page.screenshot(path=str(ARTIFACTS / "israel-iran.png"), full_page=False)


def test_the_search_form_filters(page: Any, base: str) -> None:
    goto(page, base, "search")
    before = rendered(page)
    page.fill("#f-actor", "TNI")
    page.click("#search button[type=submit]")
    deadline = time.monotonic() + 10
    while rendered(page) == before and time.monotonic() < deadline:
        page.wait_for_timeout(50)
    assert "actor=TNI" in page.url
    rows = page.locator("#event-list tbody tr")
    assert rows.count() >= 1
    assert all("TNI" in t or "Tentara" in t for t in rows.all_inner_texts())


def test_article_highlights_evidence_and_shows_markup_as_text(page: Any, base: str) -> None:
    doc, result = next((d, r) for d, r in seeded() if d.id == "fiksi-script")
    goto(page, base + f"#/doc/{document_hash(doc)}", "doc")
    article = page.locator("#article")
    assert article.text_content() == doc.text  # every character, emoji included, in order
    assert "<script>alert('xss')</script>" in article.inner_text()
    assert "<img src=x onerror=alert(1)>" in article.inner_text()
    assert page.locator("#article script, #article img, #article-title script").count() == 0
    assert "<script>alert('judul')</script>" in page.inner_text("#article-title")
    ev = result.events[0]
    page.click(f".ev-card[data-event='{ev.id}']")
    assert page.locator("#article .ev-sel").first.text_content() in ev.evidence.text
    assert "".join(page.locator("#article .ev-sel").all_text_contents()) == ev.evidence.text
    actor = ev.actors[0]
    assert actor.span is not None
    # offsets are code points; the emoji before the actor are two UTF-16 units each in the browser
    assert page.locator("#article .actor").first.text_content() == actor.span.text
    page.screenshot(path=str(ARTIFACTS / "article-markup.png"), full_page=False)


def test_article_of_the_strikes_marks_actor_target_and_trigger(page: Any, base: str) -> None:
    doc, result = next((d, r) for d, r in seeded() if d.id == "fiksi-teheran")
    ev = next(e for e in result.events if e.type == "ASSAULT" and e.mode == "aerial")
    goto(page, base + f"#/doc/{document_hash(doc)}?ev={ev.id}", "doc")
    assert page.locator(f".ev-card.selected[data-event='{ev.id}']").count() == 1
    assert "".join(page.locator("#article .ev-sel").all_text_contents()) == ev.evidence.text
    assert page.locator("#article .trigger").first.text_content() == ev.trigger.text
    assert [t for t in page.locator("#article .actor").all_text_contents()] == [
        p.span.text for p in ev.actors if p.span
    ]
    assert "".join(page.locator("#article .target").all_text_contents()) == "".join(
        p.span.text for p in ev.targets if p.span
    )
    page.screenshot(path=str(ARTIFACTS / "article-strikes.png"), full_page=False)


def test_actor_page_and_navigation(page: Any, base: str) -> None:
    goto(page, base + "#/actor/Q801", "actor")
    assert page.inner_text("#actor-name") == "Israel"
    rows = page.locator("table.events tbody tr")
    assert rows.count() >= 2
    assert page.locator("svg circle.ev-dot").count() >= 2
    page.screenshot(path=str(ARTIFACTS / "actor.png"), full_page=False)
    before = rendered(page)
    rows.first.locator("a", has_text="article").click()
    page.wait_for_selector("body[data-view='doc']")
    assert rendered(page) > before and page.locator("#article .ev-sel").count() >= 1


def test_clicking_a_dot_opens_its_article(page: Any, base: str) -> None:
    goto(page, base + "#/?type=PROTEST", "search")
    dot = page.locator("#timeline circle.ev-dot").first
    doc_id = dot.get_attribute("data-document")
    dot.click()
    page.wait_for_selector("body[data-view='doc']")
    assert doc_id and doc_id in page.url
    assert page.locator(".ev-card.selected").count() == 1


def test_incidents_page_lists_reports_outlets_figures_and_sources(page: Any, base: str, store: Store) -> None:
    from peristiwa.store import IncidentFilter

    goto(page, base + "#/incidents?min_reports=2&type=ASSAULT", "incidents")
    expected = store.incidents(IncidentFilter(types=("ASSAULT",), min_reports=2), limit=100)
    rows = page.locator("#incident-list tbody tr")
    assert rows.count() == len(expected) >= 1
    attack = page.locator("#incident-list tr", has_text="Lintas Nusantara")
    assert attack.locator(".n-reports").inner_text() == "2"
    assert attack.locator(".fatalities").inner_text() == "2 (2–3)"
    assert "Kabar Pagi; Lintas Nusantara" in attack.inner_text()
    links = attack.locator("a")
    assert links.count() == 2
    page.screenshot(path=str(ARTIFACTS / "incidents.png"), full_page=False)
    before = rendered(page)
    links.first.click()
    page.wait_for_selector("body[data-view='doc']")
    assert rendered(page) > before and page.locator(".ev-card.selected").count() == 1
    goto(page, base + "#/incidents", "incidents")
    assert page.locator("#incident-list tbody tr").count() == min(100, store.count_incidents())


def test_entity_names_with_markup_show_as_text(browser: Any, tmp_path: Path) -> None:
    import uvicorn

    from peristiwa import Document, extract
    from peristiwa.profiles import actor_key

    hostile = "Laskar <script>alert('nama')</script><img src=x onerror=alert(2)>"
    doc = Document(id="fiksi-nama", published="2025-07-02", source="Kabar Fiksi",
                   text="Polisi menangkap dua anggota Laskar Fiksi di Bekasi, Selasa (1/7/2025).")
    res = extract(doc, settings=Settings(use_nlp=False)).to_dict()
    assert res["entities"] and res["events"]
    for ent in res["entities"]:
        ent["name"] = hostile
    for ev in res["events"]:
        for part in (*ev["actors"], *ev["targets"]):
            part["name"] = hostile
    store = Store.open(str(tmp_path / "nama.db"))
    store.add(doc, res)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(store, settings=Settings(use_nlp=False)), host="127.0.0.1",
                                           port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started and thread.is_alive():
        time.sleep(0.05)
    context = browser.new_context()
    pg = context.new_page()
    problems: list[str] = []
    pg.on("dialog", lambda d: (problems.append(d.message), d.dismiss()))
    pg.on("pageerror", lambda exc: problems.append(str(exc)))
    try:
        base = f"http://127.0.0.1:{port}/"
        goto(pg, base + f"#/doc/{document_hash(doc)}", "doc")
        pg.wait_for_timeout(300)
        assert "<script>alert('nama')</script>" in pg.inner_text("body")
        key = actor_key(res["entities"][0])
        goto(pg, base + "#/actor/" + key.replace("|", "%7C"), "actor")
        pg.wait_for_function("document.querySelector('#actor-name').textContent.length > 0")
        assert pg.inner_text("#actor-name") == hostile
        goto(pg, base + "#/", "search")
        pg.wait_for_timeout(500)
        assert pg.locator("main script, main img, #actor-name *").count() == 0
        assert pg.evaluate("document.querySelectorAll('img[src=x], script:not([src])').length") == 0
    finally:
        context.close()
        server.should_exit = True
        thread.join(timeout=10)
        store.close()
    assert problems == []
