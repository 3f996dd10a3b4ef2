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
from peristiwa.ingest.to_store import ingest
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
LOCAL = "http://127.0.0.1:"
STATIC = REPO / "peristiwa" / "web" / "static"
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

        ingest(s, read_inputs([str(DEV_DOCS)]), settings=Settings(use_nlp=False))
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
    # everything comes from this server (vendored libraries, no CDN), and every request succeeds
    pg.on("request", lambda r: None if r.url.startswith((LOCAL, "data:")) else problems.append(f"external: {r.url}"))
    pg.on("requestfailed", lambda r: problems.append(f"failed: {r.url} {r.failure}"))
    pg.on("response", lambda r: problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
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


# What the libraries drew, read through their own APIs (window.peristiwaViews holds the instances).
TIMELINE_ITEMS = """() => {
  const chart = window.peristiwaViews.timeline;
  const out = [];
  for (const series of chart.getModel().getSeries()) {
    const raw = series.getRawData(), shown = series.getData(), drawn = new Map();
    for (let i = 0; i < shown.count(); i++) drawn.set(shown.getRawIndex(i), shown.getItemGraphicEl(i));
    for (let i = 0; i < raw.count(); i++) {
      const item = raw.getRawDataItem(i), g = drawn.get(i);
      out.push({type: series.name, id: item.ev.id, document: item.ev.document, range: item.value[4] === 1,
                shape: g ? g.type : null, width: g && g.type === 'rect' ? g.shape.width : null,
                x: g ? (g.type === 'rect' ? g.shape.x + 1 : g.shape.cx) : null,
                y: g ? (g.type === 'rect' ? g.shape.y + 2 : g.shape.cy) : null});
    }
  }
  return out;
}"""

MAP_STATE = """() => {
  const v = window.peristiwaViews, map = v.map, box = map.getContainer().getBoundingClientRect();
  const singles = Array.from(document.querySelectorAll('#map .ev-marker .ev-dot')).map((d) => {
    const b = d.getBoundingClientRect(), p = map.latLngToContainerPoint([+d.dataset.lat, +d.dataset.lon]);
    if (d.closest('.leaflet-marker-icon').style.opacity === '0') return null;  // a marker fading out of a cluster
    return {id: d.dataset.event, lat: +d.dataset.lat, lon: +d.dataset.lon,
            dx: b.left + b.width / 2 - box.left - p.x, dy: b.top + b.height / 2 - box.top - p.y,
            visible: b.left >= box.left && b.right <= box.right && b.top >= box.top + 60 && b.bottom <= box.bottom - 20};
  }).filter(Boolean);
  const clusters = Array.from(document.querySelectorAll('#map .marker-cluster')).map((c) => +c.textContent.trim());
  const inside = (b) => b.left >= box.left && b.right <= box.right && b.top >= box.top + 60 && b.bottom <= box.bottom - 20;
  const clusterAt = Array.from(document.querySelectorAll('#map .marker-cluster')).map((c) => c.getBoundingClientRect())
    .filter(inside).map((b) => [b.left + b.width / 2 + window.scrollX, b.top + b.height / 2 + window.scrollY]);
  const bounds = map.getBounds();
  return {zoom: map.getZoom(), singles, clusters, clusterAt,
          markers: v.markers.map((m) => ({id: m.ev.id, lat: m.getLatLng().lat, lon: m.getLatLng().lng,
                                         inView: bounds.contains(m.getLatLng())}))};
}"""

GRAPH_STATE = """() => {
  const cy = window.peristiwaViews.graph;
  const nodes = cy.nodes().filter((n) => n.visible());
  const edges = cy.edges().filter((e) => e.visible());
  return {
    total: cy.nodes().length,
    nodes: nodes.map((n) => ({id: n.id(), name: n.data('name'), degree: n.connectedEdges().filter((e) => e.visible()).length,
                              box: n.boundingBox({includeLabels: true, includeOverlays: false})})),
    edges: edges.map((e) => e.data('kind')),
  };
}"""


def wait_until(page: Any, js: str, timeout: float = 10.0) -> None:
    """Poll a JavaScript expression until it is true (wait_for_function would eval, which the CSP forbids)."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(js):
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {js}")
        page.wait_for_timeout(50)


def graph_settled(page: Any, ready: Any, timeout: float = 5.0) -> dict[str, Any]:
    """The graph's state once cytoscape has applied the last filter's styles (it may do so on the next frame
    under load); the state at the timeout otherwise, for the caller's assertions to report."""
    deadline = time.monotonic() + timeout
    state: dict[str, Any] = page.evaluate(GRAPH_STATE)
    while not ready(state) and time.monotonic() < deadline:
        page.wait_for_timeout(100)
        state = page.evaluate(GRAPH_STATE)
    return state


def overlap(a: dict[str, float], b: dict[str, float]) -> float:
    """Area shared by two boxes {x1, y1, x2, y2}."""
    w = min(a["x2"], b["x2"]) - max(a["x1"], b["x1"])
    h = min(a["y2"], b["y2"]) - max(a["y1"], b["y1"])
    return max(0.0, w) * max(0.0, h)


def test_search_page_draws_timeline_map_graph_and_list(page: Any, base: str, store: Store) -> None:
    goto(page, base, "search")
    current = [ev for ev in (e.to_dict() for e in store.iter_events()) if not ev["historical"]]
    shown = current[:500]
    items = page.evaluate(TIMELINE_ITEMS)
    assert sorted(i["id"] for i in items) == sorted(ev["id"] for ev in shown if (ev["date"] or ev["published"]))
    located = [ev for ev in shown if ev["location"] and ev["location"]["lat"] is not None]
    state = page.evaluate(MAP_STATE)
    # every located event has its marker at its place's coordinates; all are in view, singly or in a cluster
    assert {(m["id"], m["lat"], m["lon"]) for m in state["markers"]} == {
        (ev["id"], ev["location"]["lat"], ev["location"]["lon"]) for ev in located
    }
    assert all(m["inView"] for m in state["markers"])
    assert sum(state["clusters"]) + len(state["singles"]) == len(located)
    graph = page.evaluate(GRAPH_STATE)
    assert len(graph["nodes"]) > 3
    assert page.locator("#event-list tbody tr").count() == min(100, len(current))
    assert page.inner_text("#match-count") == str(len(current))
    assert f"{len(current)} events match" in page.inner_text("main")
    assert "documents" in page.inner_text("#stats")
    page.screenshot(path=str(ARTIFACTS / "search.png"), full_page=True)
    page.screenshot(path=str(ARTIFACTS / "search-top.png"), full_page=False)


def test_header_counts_agree_with_the_pages(page: Any, base: str, store: Store) -> None:
    from peristiwa.store import EventFilter

    goto(page, base, "search")
    wait_until(page, "document.querySelector('#stat-events') !== null")
    current = store.count_events(EventFilter(historical=False))
    header_events = int(page.inner_text("#stat-events").split()[0])
    assert header_events == int(page.inner_text("#match-count")) == current
    if store.count_events(EventFilter(historical=True)):
        assert f"+{store.count_events(EventFilter(historical=True))} historical" in page.inner_text("#stats")
    assert int(page.inner_text("#stat-documents").split()[0]) == store.stats()["documents"]
    page.click("#stat-incidents")
    page.wait_for_selector("body[data-view='incidents']")
    wait_until(page, "/^[0-9]+$/.test(document.querySelector('#incident-count').textContent)")
    header_incidents = int(page.inner_text("#stat-incidents").split()[0])
    assert header_incidents == int(page.inner_text("#incident-count")) == store.count_incidents()


def test_israel_iran_strikes_on_the_timeline_and_the_map(page: Any, base: str) -> None:
    goto(page, base + "#/?actor=Israel&type=ASSAULT", "search")
    assert page.input_value("#f-actor") == "Israel" and page.input_value("#f-type") == "ASSAULT"
    items = page.evaluate(TIMELINE_ITEMS)
    assert len(items) >= 2 and {i["type"] for i in items} == {"ASSAULT"}
    # some strikes lie between Israel and Iran (longitude 34° to 54°), drawn where their places are
    markers = page.evaluate(MAP_STATE)["markers"]
    assert any(34 <= m["lon"] <= 54 and 25 <= m["lat"] <= 40 for m in markers)
    types = page.locator("#event-list tbody tr td:nth-child(2) .tag").all_text_contents()
    assert types and set(types) == {"ASSAULT"}
    page.screenshot(path=str(ARTIFACTS / "israel-iran.png"), full_page=False)


def test_map_fit_events_zoom_and_precision_popup(page: Any, base: str, store: Store) -> None:
    goto(page, base + "#/?country=IDN", "search")
    page.locator("#map").scroll_into_view_if_needed()
    fitted = page.evaluate(MAP_STATE)
    assert fitted["markers"] and all(m["inView"] for m in fitted["markers"])
    assert fitted["zoom"] >= 3  # Indonesia, not the world
    page.click("#map .map-world")
    wait_until(page, f"window.peristiwaViews.map.getZoom() < {fitted['zoom']}")
    page.wait_for_timeout(400)  # the zoom animation ends
    world = page.evaluate(MAP_STATE)
    assert world["zoom"] <= 1.5
    page.click("#map .map-fit")
    wait_until(page, "window.peristiwaViews.map.getZoom() >= 3")
    page.wait_for_timeout(400)  # the zoom animation ends
    again = page.evaluate(MAP_STATE)
    assert abs(again["zoom"] - fitted["zoom"]) <= 0.5 and all(m["inView"] for m in again["markers"])
    # zoom in with the control: clusters split, and single markers sit exactly at their coordinates
    for _ in range(3):
        page.click("#map .leaflet-control-zoom-in")
        page.wait_for_timeout(350)
    zoomed = page.evaluate(MAP_STATE)
    assert zoomed["zoom"] > again["zoom"] and (zoomed["singles"] or zoomed["clusterAt"])
    assert all(abs(s["dx"]) < 1.5 and abs(s["dy"]) < 1.5 for s in zoomed["singles"])
    by_id = {ev["id"]: ev for ev in (e.to_dict() for e in store.iter_events())}
    for single in zoomed["singles"]:
        loc = by_id[single["id"]]["location"]
        assert (single["lat"], single["lon"]) == (loc["lat"], loc["lon"])
    # click clusters (they zoom in, or spread out at the last zoom) until a marker shows; its popup tells
    # the place and its precision
    for _ in range(8):
        if any(s["visible"] for s in zoomed["singles"]):
            break
        x, y = zoomed["clusterAt"][0]
        page.mouse.click(x - page.evaluate("window.scrollX"), y - page.evaluate("window.scrollY"))
        page.wait_for_timeout(600)
        zoomed = page.evaluate(MAP_STATE)
    first = next(s for s in zoomed["singles"] if s["visible"])
    page.click(f"#map .ev-dot[data-event='{first['id']}']")
    popup = page.locator("#map .leaflet-popup-content")
    popup.wait_for()
    loc = by_id[first["id"]]["location"]
    assert f"place precision: {loc['precision']}" in popup.inner_text()
    assert popup.locator("a.open-article").count() == 1
    page.locator("#map").screenshot(path=str(ARTIFACTS / "map-indonesia.png"))


def test_graph_labels_do_not_overlap_and_filters_work(page: Any, base: str) -> None:
    goto(page, base, "search")
    graph = page.evaluate(GRAPH_STATE)
    assert len(graph["nodes"]) > 3 and all(n["degree"] >= 1 for n in graph["nodes"])
    boxes = [n["box"] for n in graph["nodes"]]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert overlap(a, b) < 0.02 * min(a["w"] * a["h"], b["w"] * b["h"]), (a, b)
    page.locator("#graph").screenshot(path=str(ARTIFACTS / "graph.png"))
    # minimum degree: fewer actors, each with at least that many links
    page.fill("#g-degree", "2")
    wait_until(page, f"document.querySelector('#graph .graph-box').dataset.nodes !== '{len(graph['nodes'])}'")
    busy = graph_settled(page, lambda g: all(n["degree"] >= 2 for n in g["nodes"]))
    assert 0 < len(busy["nodes"]) < len(graph["nodes"]) and all(n["degree"] >= 2 for n in busy["nodes"])
    # minimum degree 0: every actor of the page's events, linked or not
    page.fill("#g-degree", "0")
    wait_until(page, f"document.querySelector('#graph .graph-box').dataset.nodes === '{graph['total']}'")
    # link type: only that type's links are drawn
    page.fill("#g-degree", "1")
    kinds = sorted(set(graph["edges"]))
    assert "ASSAULT" in kinds
    page.select_option("#g-type", "ASSAULT")
    wait_until(page, "document.querySelector('#graph .graph-box').dataset.kind === 'ASSAULT'")
    only = graph_settled(page, lambda g: bool(g["edges"]) and set(g["edges"]) == {"ASSAULT"} and all(n["degree"] >= 1 for n in g["nodes"]))
    assert only["edges"] and set(only["edges"]) == {"ASSAULT"}
    assert all(n["degree"] >= 1 for n in only["nodes"]), [n for n in only["nodes"] if n["degree"] < 1]
    page.locator("#graph").screenshot(path=str(ARTIFACTS / "graph-assault.png"))


def test_timeline_draws_ranges_as_bars_and_zooms(page: Any, base: str, store: Store) -> None:
    goto(page, base, "search")
    items = page.evaluate(TIMELINE_ITEMS)
    by_id = {ev["id"]: ev for ev in (e.to_dict() for e in store.iter_events())}
    ranges = {i["id"] for i in items if (by_id[i["id"]]["date"] or {}).get("end", "") > (by_id[i["id"]]["date"] or {}).get("start", "")}
    assert ranges  # the dev store has weeks, months and ranges
    assert {i["id"] for i in items if i["range"]} == ranges
    drawn = [i for i in items if i["shape"]]
    assert {i["shape"] for i in drawn if i["range"]} == {"rect"} and {i["shape"] for i in drawn if not i["range"]} == {"circle"}
    assert max(i["width"] for i in drawn if i["range"]) > 20  # a month is a bar, not a point
    page.locator("#timeline").screenshot(path=str(ARTIFACTS / "timeline.png"))
    # zoom: the x axis narrows to the chosen window and fewer events are drawn
    extent = "window.peristiwaViews.timeline.getModel().getComponent('xAxis', 0).axis.scale.getExtent()"
    before = page.evaluate(extent)
    page.evaluate("window.peristiwaViews.timeline.dispatchAction({type: 'dataZoom', start: 90, end: 100})")
    after = page.evaluate(extent)
    assert after[1] - after[0] < (before[1] - before[0]) / 2
    assert len([i for i in page.evaluate(TIMELINE_ITEMS) if i["shape"]]) < len(drawn)
    page.locator("#timeline").screenshot(path=str(ARTIFACTS / "timeline-zoomed.png"))


def test_palette_has_16_colour_blind_safe_type_colours() -> None:
    import json
    import re

    from peristiwa.types import EVENT_TYPES

    body = re.search(r"const TYPE_COLORS = \{(.*?)\};", (STATIC / "app.js").read_text(), re.S)
    assert body, "the palette lives in one place: TYPE_COLORS in app.js"
    palette = json.loads("{" + re.sub(r"(\w+):", r'"\1":', body.group(1)).rstrip().rstrip(",") + "}")
    assert set(palette) == set(EVENT_TYPES) and len(palette) == 16
    assert len({c.lower() for c in palette.values()}) == 16
    assert min(_cvd_distances(list(palette.values()))) >= 18


def _cvd_distances(colors: list[str]) -> list[float]:
    """CIELAB distances of every pair, in normal vision and simulated protan-, deuter- and tritanopia."""
    machado = [  # Machado, Oliveira & Fernandes 2009, severity 1, on linear RGB
        [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
        [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]],
        [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]],
    ]
    identity = [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]

    def lab(rgb: list[float]) -> tuple[float, float, float]:
        xyz = [sum(m * c for m, c in zip(row, rgb, strict=True)) / w for row, w in zip(
            [[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]], [0.95047, 1.0, 1.08883], strict=True)]
        f = [v ** (1 / 3) if v > 0.008856 else 7.787 * v + 16 / 116 for v in xyz]
        return 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])

    linear = [[(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4) for c in
               (int(h[i : i + 2], 16) / 255 for i in (1, 3, 5))] for h in colors]
    out = []
    for m in [identity, *machado]:
        seen = [lab([min(1.0, max(0.0, sum(a * b for a, b in zip(row, rgb, strict=True)))) for row in m]) for rgb in linear]
        out += [sum((p - q) ** 2 for p, q in zip(seen[i], seen[j], strict=True)) ** 0.5
                for i in range(len(seen)) for j in range(i + 1, len(seen))]
    return out


def test_vendored_libraries_are_listed_with_licences() -> None:
    import re

    vendor = STATIC / "vendor"
    readme = (vendor / "README.md").read_text()
    for folder in sorted(p for p in vendor.iterdir() if p.is_dir()):
        assert f"`{folder.name}/`" in readme, folder.name
        assert any(f.name.upper().startswith(("LICENSE", "MIT-LICENCE")) for f in folder.iterdir()), folder.name
    for page in ("index.html",):
        for ref in re.findall(r'(?:src|href)="/static/([^"]+)"', (STATIC / page).read_text()):
            assert (STATIC / ref).is_file(), ref


def test_api_docs_load_offline(page: Any, base: str) -> None:
    import httpx

    operations = sum(len(ops) for ops in httpx.get(base + "openapi.json").json()["paths"].values())
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(base + "docs")
    page.wait_for_selector(".swagger-ui .opblock")
    wait_until(page, f"document.querySelectorAll('.swagger-ui .opblock').length === {operations}")
    assert requests and all(u.startswith(base) or u.startswith("data:") for u in requests)
    page.screenshot(path=str(ARTIFACTS / "docs.png"), full_page=False)


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
    assert len([i for i in page.evaluate(TIMELINE_ITEMS) if i["shape"]]) >= 2
    page.screenshot(path=str(ARTIFACTS / "actor.png"), full_page=False)
    before = rendered(page)
    rows.first.locator("a", has_text="article").click()
    page.wait_for_selector("body[data-view='doc']")
    assert rendered(page) > before and page.locator("#article .ev-sel").count() >= 1


def test_clicking_a_dot_opens_its_article(page: Any, base: str) -> None:
    goto(page, base + "#/?type=PROTEST", "search")
    dot = next(i for i in page.evaluate(TIMELINE_ITEMS) if i["shape"] == "circle")
    box = page.locator("#timeline .tl-chart").bounding_box()
    page.mouse.move(box["x"] + dot["x"], box["y"] + dot["y"])
    page.locator("#timeline .ev-summary").wait_for()  # the tooltip, built as DOM
    page.mouse.click(box["x"] + dot["x"], box["y"] + dot["y"])
    page.wait_for_selector("body[data-view='doc']")
    assert dot["document"] in page.url and dot["id"] in page.url
    assert page.locator(f".ev-card.selected[data-event='{dot['id']}']").count() == 1


def test_opening_an_article_from_an_event_scrolls_to_its_sentence(page: Any, base: str, store: Store) -> None:
    current = [ev for ev in (e.to_dict() for e in store.iter_events()) if not ev["historical"]]
    late = max(current, key=lambda ev: ev["evidence"]["start"])
    goto(page, base + f"#/doc/{late['document']}?ev={late['id']}", "doc")
    mark = page.locator("#article .ev-sel").first
    wait_until(page, "window.scrollY > 0")
    box = mark.bounding_box()
    height = page.evaluate("window.innerHeight")
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height
    assert page.locator("#article .ev-sel.flash").count() >= 1
    assert page.locator(f".ev-card.selected[data-event='{late['id']}']").count() == 1
    page.screenshot(path=str(ARTIFACTS / "article-scrolled.png"), full_page=False)


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
    # actor and target columns, as the incident has them
    inc = next(i for i in expected if "Lintas Nusantara" in i.outlets)
    assert attack.locator("td.actors .chip").all_text_contents() == [p.name for p in inc.actors]
    assert attack.locator("td.targets .chip").all_text_contents() == [p.name for p in inc.targets]
    assert inc.actors and page.locator("#incident-list th", has_text="Targets").count() == 1
    links = attack.locator("td:last-child a")
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
    from peristiwa.corpus.profiles import actor_key
    from peristiwa.types import Entity

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

    def on_dialog(dialog: Any) -> None:
        problems.append(dialog.message)
        dialog.dismiss()

    pg.on("dialog", on_dialog)
    pg.on("pageerror", lambda exc: problems.append(str(exc)))
    try:
        base = f"http://127.0.0.1:{port}/"
        goto(pg, base + f"#/doc/{document_hash(doc)}", "doc")
        pg.wait_for_timeout(300)
        assert "<script>alert('nama')</script>" in pg.inner_text("body")
        key = actor_key(Entity.from_dict(res["entities"][0]))
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
