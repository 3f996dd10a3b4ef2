"""The crisis desk of the web UI: watches, the alerts with their evidence, the watched dyad's series.

A store of synthetic incidents (written here, no news text): quiet weeks of strikes between two
fictional forces, one American and one Iranian, then a burst with a fatal strike; one watch on the
dyad USA:IRN and one on Iraq.  The alerts are raised by the project's own functions
(``peristiwa.corpus.alerts``); the browser, server and fixtures are those of ``test_web``.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator, Sequence
from typing import Any

import pytest
from synthetic_incidents import Ev, days, result_for
from test_web import ARTIFACTS, CHROMIUM, base, browser, goto, page, rendered, wait_until  # noqa: F401

from peristiwa.corpus import alerts as A
from peristiwa.corpus.trends import parse_dyad, trends
from peristiwa.store import Store, document_hash
from peristiwa.types import Document

pytestmark = pytest.mark.skipif(not __import__("pathlib").Path(CHROMIUM).exists(), reason=f"no Chromium at {CHROMIUM}")

US = ("Armada Sintetis", "USA")
IR = ("Garda Sintetis", "IRN")
QUIET = dt.date(2024, 1, 1)
BURST = dt.date(2024, 3, 4)  # after nine quiet weeks
_n = itertools.count()


def add_doc(store: Store, evs: Sequence[Ev]) -> str:
    """One synthetic document whose text is its events' sentences, so the article view can mark them."""
    n = next(_n)
    draft = Document(id=f"meja-{n}", text="-", published=max(ev.day for ev in evs).isoformat(), source="Kabar Meja")
    result = result_for(draft, evs)
    text = " ".join(ev["evidence"]["text"] for ev in result["events"])
    doc = Document(id=draft.id, text=text, title=f"Laporan sintetis {n}", published=draft.published,
                   source=draft.source)
    assert store.add(doc, result)
    return document_hash(doc)


def strike(day: dt.date, k: int, **kw: Any) -> Ev:
    a, b = (US, IR) if k % 2 == 0 else (IR, US)
    return Ev("ASSAULT", day, actor=a, target=b, words=f"{a[0]} menyerang pos {b[0]}", **kw)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    s = Store.open(str(tmp_path_factory.mktemp("desk") / "desk.db"))
    A.add_watch(s, A.make_watch("iran-as", dyads=["USA:IRN"], types=["ASSAULT", "THREATEN"],
                                rules=["jump:z>=3/28d", "first-fatal"]))
    A.add_watch(s, A.make_watch("wni-irak", countries=["IRQ"], words=["WNI"], rules=["first-fatal"]))
    for k, d in enumerate(days(QUIET, 21, step=3)):
        add_doc(s, [strike(d, k)])
    add_doc(s, [Ev("THREATEN", QUIET + dt.timedelta(days=10), actor=IR, target=US,
                   words="Garda Sintetis mengancam membalas Armada Sintetis")])
    for i, d in enumerate(days(BURST, 3)):
        add_doc(s, [strike(d, k, fatalities=4 if (i, k) == (1, 2) else None) for k in range(6)])
    add_doc(s, [Ev("ASSAULT", BURST, country="IRQ", fatalities=1, words="dua WNI terluka dalam serangan sintetis")])
    s.rebuild_incidents()
    A.raise_alerts(s, deliver_to_webhooks=False)
    yield s
    s.close()


DESK_CHART = """() => {
  const o = window.peristiwaViews.desk.getOption();
  const alerts = o.series.find((s) => s.name === 'alerts');
  return {periods: o.xAxis[0].data,
          series: o.series.filter((s) => s.type === 'bar').map((s) => ({name: s.name, color: s.color,
                  total: s.data.reduce((a, b) => a + b, 0)})),
          killed: o.series.find((s) => s.name === 'killed').data.reduce((a, b) => a + b, 0),
          pins: alerts.markPoint.data.map((p) => ({alert: p.alert, x: p.coord[0], y: p.coord[1]})),
          lines: alerts.markLine.data.map((l) => l.xAxis)};
}"""


def test_desk_lists_watches_alerts_with_evidence_and_charts_the_dyad(page: Any, base: str, store: Store) -> None:  # noqa: F811
    mine = A.list_alerts(store, watch="iran-as")
    assert sorted((a["rule"], a["day"]) for a in mine) == [
        ("first-fatal", (BURST + dt.timedelta(days=1)).isoformat()), ("jump:z>=3/28d", BURST.isoformat())]
    goto(page, base, "search")
    page.click("#nav-desk")
    page.wait_for_selector("body[data-view='desk']")
    assert page.url.endswith("#/desk")
    # the watches: name, what each watches, its rules, its alerts
    row = page.locator("#desk-watches tr[data-watch='iran-as']")
    assert "dyad USA:IRN" in row.inner_text() and "types ASSAULT, THREATEN" in row.inner_text()
    assert row.locator(".rule").all_text_contents() == ["jump:z>=3/28d", "first-fatal"]
    assert row.locator(".n-alerts").inner_text() == "2"
    assert "in IRQ" in page.inner_text("#desk-watches tr[data-watch='wni-irak']")
    # the first watch's alerts: rule, figures, incidents and their evidence sentences
    cards = page.locator("#desk-alerts .alert-card")
    assert cards.count() == 2
    for alert in mine:
        card = page.locator(f"#desk-alerts .alert-card[data-alert='{alert['id']}']")
        assert card.locator(".rule").inner_text() == alert["rule"]
        assert card.locator(".alert-incidents > li").count() == len(alert["incidents"])
        quotes = card.locator(".evidence .quote").all_text_contents()
        assert quotes == [e["text"] for inc in alert["incidents"] for e in inc["evidence"]]
        assert all(q for q in quotes)
    jump = next(a for a in mine if a["rule"].startswith("jump"))
    figures = page.locator(f".alert-card[data-alert='{jump['id']}'] .figures").inner_text()
    assert "z" in figures and str(jump["figures"]["count"]) in figures
    # the dyad's series: incidents per day by type (both directions), fatalities, the alerts pinned
    wait_until(page, "window.peristiwaViews.desk !== undefined")
    chart = page.evaluate(DESK_CHART)
    rows = trends(store, dyads=[parse_dyad("USA:IRN")], types=["ASSAULT", "THREATEN"], by="day")
    per_type = {t: sum(r["incidents"] for r in rows if r["type"] == t) for t in ("ASSAULT", "THREATEN")}
    assert {s["name"]: s["total"] for s in chart["series"]} == per_type == {"ASSAULT": 21 + 18, "THREATEN": 1}
    assert {s["name"]: s["color"] for s in chart["series"]} == {"ASSAULT": "#bb0022", "THREATEN": "#ee0000"}
    assert chart["killed"] == 4
    assert sorted((p["alert"], p["x"]) for p in chart["pins"]) == sorted((a["id"], a["day"]) for a in mine)
    burst = chart["periods"].index(BURST.isoformat())
    assert {p["y"] for p in chart["pins"]} == {6}  # on top of the burst's bars
    assert sorted(chart["lines"]) == sorted(a["day"] for a in mine) and burst > 0
    # the tooltip of a day (built as DOM, as the CSP wants): its counts by type and its alert
    box = page.locator("#desk-chart .desk-chart").bounding_box()
    x, y = page.evaluate("window.peristiwaViews.desk.convertToPixel({xAxisIndex: 0, yAxisIndex: 0},"
                         f" ['{BURST.isoformat()}', 2])")
    page.mouse.move(box["x"] + x, box["y"] + y)
    tip = page.locator("#desk-chart .ev-summary")
    tip.wait_for()
    assert "ASSAULT 6" in tip.inner_text() and "alert jump:z>=3/28d" in tip.inner_text()
    page.screenshot(path=str(ARTIFACTS / "desk.png"), full_page=True)
    page.locator("#desk-chart").screenshot(path=str(ARTIFACTS / "desk-chart.png"))
    # by week: the periods are Mondays, and each alert sits on its week
    before = rendered(page)
    page.click("#desk-chart .desk-by-week")
    wait_until(page, f"Number(document.body.dataset.rendered) > {before} && window.peristiwaViews.desk"
                     " && window.peristiwaViews.desk.getOption().xAxis[0].data.length < 30")
    weekly = page.evaluate(DESK_CHART)
    assert all(dt.date.fromisoformat(p).weekday() == 0 for p in weekly["periods"])
    assert {p["x"] for p in weekly["pins"]} == {BURST.isoformat()}
    assert next(s["total"] for s in weekly["series"] if s["name"] == "ASSAULT") == 39
    page.screenshot(path=str(ARTIFACTS / "desk-week.png"), full_page=False)
    # an evidence sentence opens its article, scrolled to the event
    fatal = next(a for a in mine if a["rule"] == "first-fatal")
    ev = fatal["incidents"][0]["evidence"][0]
    assert ev["event_id"] and ev["document"]
    page.locator(f".alert-card[data-alert='{fatal['id']}'] a.open-article").first.click()
    page.wait_for_selector("body[data-view='doc']")
    assert ev["document"] in page.url and ev["event_id"] in page.url
    assert page.locator(f".ev-card.selected[data-event='{ev['event_id']}']").count() == 1
    assert "".join(page.locator("#article .ev-sel").all_text_contents()) == ev["text"]


def test_desk_other_watch_and_no_watches(page: Any, base: str, store: Store) -> None:  # noqa: F811
    goto(page, base + "#/desk?watch=wni-irak", "desk")
    cards = page.locator("#desk-alerts .alert-card")
    assert cards.count() == 1 and "WNI" in cards.first.locator(".quote").inner_text()
    assert page.locator("#desk-watches tr.selected").get_attribute("data-watch") == "wni-irak"
    wait_until(page, "window.peristiwaViews.desk !== undefined")
    chart = page.evaluate(DESK_CHART)
    assert [s["name"] for s in chart["series"]] == ["ASSAULT"] and len(chart["pins"]) == 1


def test_desk_adds_a_watch_with_the_token(page: Any, base: str, store: Store) -> None:  # noqa: F811
    goto(page, base + "#/desk", "desk")
    page.click("#desk-add summary")
    form = page.locator("#watch-form")
    form.locator("input[name='name']").fill("zz-baru")
    form.locator("input[name='dyads']").fill("USA>IRN")
    form.locator("input[name='types']").fill("ASSAULT")
    form.locator("input[name='rules']").fill("count:3/7d, first-fatal")
    form.locator("input[name='token']").fill("ui-token")
    page.screenshot(path=str(ARTIFACTS / "desk-add.png"), full_page=False)
    form.locator("button[type='submit']").click()
    wait_until(page, "document.querySelector(\"#desk-watches tr.selected[data-watch='zz-baru']\") !== null")
    added = A.get_watch(store, "zz-baru")
    assert added is not None and [str(d) for d in added.dyads] == ["USA>IRN"]
    assert [r.text for r in added.rules] == ["count:3/7d", "first-fatal"]
    row = page.locator("#desk-watches tr[data-watch='zz-baru']")
    assert row.locator(".rule").all_text_contents() == ["count:3/7d", "first-fatal"]
    assert row.locator(".n-alerts").inner_text() == "0"
    wait_until(page, "window.peristiwaViews.desk !== undefined")
    chart = page.evaluate(DESK_CHART)
    # one direction only: the strikes of the American force
    assert next(s["total"] for s in chart["series"] if s["name"] == "ASSAULT") == 11 + 9
    assert chart["pins"] == []
