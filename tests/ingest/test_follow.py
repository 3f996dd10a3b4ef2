"""``peristiwa ingest --follow``: feeds, feed files and folders polled; what is new ingested once.

Every feed is served by a local HTTP server on 127.0.0.1; the articles are sentences written
for these tests (fictional events, real place names).
"""

from __future__ import annotations

import json
import socket
import time
from collections import Counter
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any, ClassVar
from xml.sax.saxutils import escape

import pytest
from click.testing import CliRunner
from local_http import no_proxy, serving

from peristiwa.cli import main
from peristiwa.ingest import follow
from peristiwa.ingest.to_store import ingest
from peristiwa.store import Store

ARTICLES = {
    "a": "Polisi menangkap tiga orang pengedar narkoba di Medan, Senin (2/6/2025).",
    "b": "Ratusan buruh berunjuk rasa di depan kantor gubernur Jawa Barat di Bandung, Selasa (3/6/2025).",
    "c": "Massa membakar sebuah pos polisi di Makassar, Rabu (4/6/2025), setelah bentrokan dengan warga.",
    "d": "Kelompok bersenjata menembak dua petani di Kabupaten Puncak, Papua, Kamis (5/6/2025).",
    "e": "Warga memblokade jalan menuju tambang di Morowali, Jumat (6/6/2025), menuntut ganti rugi lahan.",
    "f": "Tentara menghancurkan markas kelompok bersenjata di Intan Jaya, Sabtu (7/6/2025).",
}
PAGE = ("<html><head><title>{title}</title>"
        '<meta property="article:published_time" content="2025-06-03T10:00:00+07:00"></head>'
        "<body><article><h1>{title}</h1><p>{text}</p></article></body></html>")


def run(*args: str) -> Any:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def stored_ids(db: str) -> Counter[str]:
    with Store.open(db) as store:
        return Counter(d["doc_id"] for d in store.documents(limit=500))


def rss(base: str, keys: str, *, link_only: str = "") -> bytes:
    """An RSS feed with one item per letter of ``keys``; those in ``link_only`` have only a link."""
    items = []
    for key in keys:
        body = "" if key in link_only else f"<description>{escape(ARTICLES[key])}</description>"
        items.append(f"<item><title>Berita {key}</title><link>{base}/artikel/{key}</link>"
                     f"<guid>kabar-{key}</guid><pubDate>Mon, 02 Jun 2025 08:00:00 +0700</pubDate>{body}</item>")
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Kabar Uji</title>'
            f"<language>id</language>{''.join(items)}</channel></rss>").encode()


class _Handler(BaseHTTPRequestHandler):
    script: ClassVar[list[tuple[int, str, bytes]]] = []  # the answers to /feed, one per request, the last repeated
    requests: ClassVar[Counter[str]] = Counter()

    def log_message(self, *args: Any) -> None:
        pass

    def _send(self, status: int, ctype: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        path = self.path
        n = self.requests[path]
        self.requests[path] += 1
        if path == "/feed":
            status, ctype, body = self.script[min(n, len(self.script) - 1)]
            self._send(status, ctype, body)
        elif path == "/slow-feed":
            time.sleep(1.0)
            self._send(200, "application/rss+xml", b"<rss version='2.0'><channel></channel></rss>")
        elif path.startswith("/artikel/") and path[-1] in "bcef":
            key = path[-1]
            self._send(200, "text/html; charset=utf-8",
                       PAGE.format(title=f"Berita {key}", text=ARTICLES[key]).encode())
        else:
            self._send(404, "text/plain", b"tidak ada")


@pytest.fixture
def server() -> Iterator[str]:
    _Handler.requests = Counter()
    with serving(_Handler) as url:
        yield url


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    no_proxy(monkeypatch)


def between_polls(monkeypatch: pytest.MonkeyPatch, steps: list[Callable[[], object]]) -> list[float]:
    """Replace the sleep between polls: run the next step instead; return the pauses asked for."""
    pauses: list[float] = []

    def fake_wait(seconds: float) -> None:
        pauses.append(seconds)
        if steps:
            steps.pop(0)()

    monkeypatch.setattr(follow, "wait", fake_wait)
    return pauses


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# ---------------------------------------------------------------------- durations


@pytest.mark.parametrize(("text", "seconds"), [
    ("30s", 30), ("15m", 900), ("1h", 3600), ("1h30m", 5400), ("2d", 172800), ("0", 0), ("0s", 0),
    ("90", 90), ("500ms", 0.5), ("1.5h", 5400), (" 15M ", 900), ("1h 30m", 5400),
])
def test_parse_duration(text: str, seconds: float) -> None:
    assert follow.parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "m", "abc", "15x", "-5m", "1h30", "15 minutes", "1m1", "s30"])
def test_parse_duration_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="not a duration"):
        follow.parse_duration(text)


def test_format_duration() -> None:
    assert [follow.format_duration(s) for s in (900, 3600, 5400, 0, 0.5, 86400)] == [
        "15m", "1h", "90m", "0s", "0.5s", "1d"]


def test_usage_errors(tmp_path: Path) -> None:
    db = str(tmp_path / "x.db")
    bad_every = run("ingest", "--follow", str(tmp_path), "--every", "5x", "--db", db)
    assert bad_every.exit_code == 2 and "not a duration: '5x'" in bad_every.stderr
    busy = run("ingest", "--follow", str(tmp_path), "--every", "0s", "--db", db)
    assert busy.exit_code == 2 and "at most once a second" in busy.stderr
    assert "go with --follow" in run("ingest", str(tmp_path), "--max-polls", "2", "--db", db).stderr
    assert "needs at least one INPUT" in run("ingest", "--follow", "--db", db).stderr
    assert "standard input" in run("ingest", "--follow", "-", "--db", db).stderr
    assert "no such file" in run("ingest", "--follow", str(tmp_path / "hilang"), "--db", db).stderr
    (tmp_path / "gambar.png").write_bytes(b"\x89PNG")
    assert "cannot be followed" in run("ingest", "--follow", str(tmp_path / "gambar.png"), "--db", db).stderr
    assert run("ingest", "--follow", str(tmp_path), "--max-polls", "0", "--db", db).exit_code == 2
    assert not Path(db).exists()  # nothing was opened


# ---------------------------------------------------------------------- folders


def test_folder_files_appearing_between_polls_are_ingested_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inbox = tmp_path / "masuk"
    inbox.mkdir()
    (inbox / "a.txt").write_text(ARTICLES["a"], encoding="utf-8")
    db = str(tmp_path / "ikut.db")

    def add_b() -> None:
        (inbox / "b.txt").write_text(ARTICLES["b"], encoding="utf-8")
        (inbox / ".c.txt.tmp").write_text("setengah ditulis", encoding="utf-8")  # hidden: not read

    def add_cd() -> None:
        (inbox / "sub").mkdir()
        rows = [{"id": "c", "text": ARTICLES["c"]}, {"id": "d", "text": ARTICLES["d"]}]
        (inbox / "sub" / "cd.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        (inbox / "catatan.pdf").write_bytes(b"%PDF-1.4")  # not a known suffix: not read

    def append_e() -> None:  # a JSONL file that grows: read again, only the new line is new
        with (inbox / "sub" / "cd.jsonl").open("a", encoding="utf-8") as f:
            f.write(json.dumps({"id": "e", "text": ARTICLES["e"]}) + "\n")

    pauses = between_polls(monkeypatch, [add_b, add_cd, append_e])
    res = run("ingest", "--follow", str(inbox), "--every", "2s", "--max-polls", "5", "--db", db, "--no-nlp")
    assert res.exit_code == 0, res.output
    assert stored_ids(db) == Counter({"a.txt": 1, "b.txt": 1, "c": 1, "d": 1, "e": 1})
    lines = [line for line in res.stderr.splitlines() if line.startswith("poll ")]
    assert len(lines) == 5 and len(pauses) == 4 and all(0 <= p <= 2 for p in pauses)
    assert "1 documents stored" in lines[0] and "0 unchanged" in lines[0]
    assert "1 documents stored" in lines[1] and "1 unchanged" in lines[1]
    assert "2 documents stored" in lines[2] and "2 unchanged" in lines[2]
    # the grown file is read again: c and d are found stored, e is new; a.txt and b.txt are not read
    assert "1 documents stored" in lines[3] and "2 already stored" in lines[3] and "2 unchanged" in lines[3]
    assert "0 documents stored" in lines[4] and "0 already stored" in lines[4] and "3 unchanged" in lines[4]
    assert "done after 5 polls" in res.stderr and "5 documents stored" in res.stderr.splitlines()[-1]

    # A restart remembers: nothing is read again.
    again = run("ingest", "--follow", str(inbox), "--once", "--db", db, "--no-nlp")
    assert again.exit_code == 0, again.output
    assert "following 1 source once" in again.stderr
    assert "0 documents stored (0 events), 0 already stored, 0 failed, 3 unchanged" in again.stderr
    # A file written again with other content is read again.
    (inbox / "a.txt").write_text(ARTICLES["f"], encoding="utf-8")
    changed = run("ingest", "--follow", str(inbox), "--once", "--db", db, "--no-nlp")
    assert "1 documents stored" in changed.stderr and "2 unchanged" in changed.stderr
    assert sum(stored_ids(db).values()) == 6


def test_bad_item_is_retried_then_given_up_and_never_stops_the_others(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inbox = tmp_path / "masuk"
    inbox.mkdir()
    (inbox / "campur.jsonl").write_text(
        json.dumps({"id": "a", "text": ARTICLES["a"]}) + "\n{rusak\n" + json.dumps({"id": "b", "text": ARTICLES["b"]})
        + "\n", encoding="utf-8")
    (inbox / "kosong.txt").write_text("   \n", encoding="utf-8")
    (inbox / "c.txt").write_text(ARTICLES["c"], encoding="utf-8")
    db = str(tmp_path / "ikut.db")
    between_polls(monkeypatch, [])
    res = run("ingest", "--follow", str(inbox), "--every", "0s", "--max-polls", "4", "--db", db, "--no-nlp")
    assert res.exit_code == 1  # a bounded run tells of its errors
    assert stored_ids(db) == Counter({"a": 1, "b": 1, "c.txt": 1})
    err = res.stderr
    assert err.count("malformed JSON") == 3 and err.count("empty document") == 3  # MAX_TRIES, then no more
    assert f"{inbox / 'campur.jsonl'} failed (try 1 of 3)" in err
    assert f"giving up on {inbox / 'kosong.txt'} after 3 failed tries" in err
    polls = [line for line in err.splitlines() if line.startswith("poll ")]
    assert "3 documents stored" in polls[0] and "2 failed" in polls[0]
    assert "0 documents stored" in polls[1] and "2 already stored" in polls[1] and "1 unchanged" in polls[1]
    assert "0 failed, 3 unchanged" in polls[3]


def test_folder_that_goes_away_is_reported_and_retried(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inbox = tmp_path / "masuk"
    inbox.mkdir()
    (inbox / "a.txt").write_text(ARTICLES["a"], encoding="utf-8")
    moved = tmp_path / "pindah"
    between_polls(monkeypatch, [lambda: inbox.rename(moved), lambda: moved.rename(inbox),
                                lambda: (inbox / "b.txt").write_text(ARTICLES["b"], encoding="utf-8")])
    db = str(tmp_path / "ikut.db")
    res = run("ingest", "--follow", str(inbox), "--every", "0s", "--max-polls", "4", "--db", db, "--no-nlp")
    assert res.exit_code == 1
    assert f"error: {inbox}: the folder is gone; trying again at the next poll" in res.stderr
    assert len(stored_ids(db)) == 2


# ---------------------------------------------------------------------- feeds


def test_feed_server_new_items_errors_and_recovery(
        server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _Handler.script = [
        (200, "application/rss+xml", rss(server, "ab", link_only="b")),  # b: only a link, read from its page
        (200, "application/rss+xml", rss(server, "abcd", link_only="bd")),  # d's page is missing (404)
        (500, "text/plain", b"galat server"),
        (200, "application/rss+xml", b"<html><body>bukan umpan <b>rusak</p>"),  # typed as a feed, is not one
        (200, "text/html", b"\x00\x01 sampah \xff\xfe"),
        (200, "application/rss+xml", rss(server, "abcde", link_only="bde")),  # recovered, with one more item
    ]
    inbox = tmp_path / "masuk"
    inbox.mkdir()
    folder_steps: list[Callable[[], object]] = [lambda: (inbox / "f.txt").write_text(ARTICLES["f"], encoding="utf-8")]
    between_polls(monkeypatch, folder_steps)
    down = f"http://127.0.0.1:{closed_port()}/rss"
    db = str(tmp_path / "ikut.db")
    res = run("ingest", "--follow", f"{server}/feed", down, str(inbox), "--every", "0s", "--max-polls", "8",
              "--db", db, "--no-nlp")
    assert res.exit_code == 1, res.output
    err = res.stderr
    assert "following 3 sources every 0s, 8 polls" in err
    assert stored_ids(db) == Counter({"kabar-a": 1, "kabar-b": 1, "kabar-c": 1, "kabar-e": 1,
                                      "f.txt": 1})
    # every poll asked the feed again; each page was fetched once, the missing one MAX_TRIES times
    assert _Handler.requests["/feed"] == 8
    assert _Handler.requests["/artikel/b"] == 1 and _Handler.requests["/artikel/e"] == 1
    assert _Handler.requests["/artikel/d"] == 3 and "/artikel/a" not in _Handler.requests
    assert f"error: {server}/feed: feed could not be fetched: HTTP 500" in err
    assert err.count(f"error: {server}/feed: malformed feed: not an RSS or Atom feed") == 2
    assert err.count(f"error: {down}: feed could not be fetched") == 8  # down all along, tried at every poll
    assert "giving up on entry kabar-d of" in err
    polls = [line for line in err.splitlines() if line.startswith("poll ")]
    assert len(polls) == 8
    assert "2 documents stored" in polls[0] and "1 source could not be read" in polls[0]  # a, b's page
    # c and the folder's new file; d's page is missing
    assert "2 documents stored" in polls[1] and "1 failed, 2 unchanged; 1 source could" in polls[1]
    for broken in polls[2:5]:  # the feed is down or not a feed: the folder is still read
        assert "0 documents stored" in broken and "1 unchanged; 2 sources could not be read" in broken
    assert "1 documents stored" in polls[5] and "1 failed, 4 unchanged" in polls[5]  # e; d again
    assert "0 documents stored" in polls[6] and "1 failed, 5 unchanged" in polls[6]  # d, a third time
    assert "0 failed, 6 unchanged; 1 source could not be read" in polls[7]
    with Store.open(db) as store:
        b = store.documents(doc_id="kabar-b")[0]
    assert b["title"] == "Berita b" and b["url"] == f"{server}/artikel/b"

    # A restart: the feed is asked again, but no entry seen is fetched or read again.
    again = run("ingest", "--follow", f"{server}/feed", "--once", "--db", db, "--no-nlp")
    assert again.exit_code == 0, again.output
    assert "0 documents stored (0 events), 0 already stored, 0 failed, 5 unchanged" in again.stderr
    assert _Handler.requests["/feed"] == 9 and _Handler.requests["/artikel/b"] == 1
    assert _Handler.requests["/artikel/d"] == 3


def test_feed_file_and_same_items_through_plain_ingest(tmp_path: Path) -> None:
    feed = tmp_path / "kabar.xml"
    feed.write_bytes(rss("https://kabar.example", "ab"))
    db = str(tmp_path / "ikut.db")
    # a plain ingest of the feed first: following it finds the same documents stored already
    assert run("ingest", str(feed), "--db", db, "--no-nlp").exit_code == 0
    res = run("ingest", "--follow", str(feed), "--once", "--db", db, "--no-nlp")
    assert res.exit_code == 0, res.output
    assert "0 documents stored (0 events), 2 already stored, 0 failed, 0 unchanged" in res.stderr
    feed.write_bytes(rss("https://kabar.example", "abc"))
    more = run("ingest", "--follow", str(feed), "--once", "--db", db, "--no-nlp")
    assert "1 documents stored" in more.stderr and "2 unchanged" in more.stderr
    assert stored_ids(db) == Counter({"kabar-a": 1, "kabar-b": 1, "kabar-c": 1})
    # A feed file still being written: the entries before the cut are read, the last one waits.
    whole = rss("https://kabar.example", "abcde")
    feed.write_bytes(whole[:whole.index(b"Warga memblokade") + 20])
    cut = run("ingest", "--follow", str(feed), "--once", "--db", db, "--no-nlp")
    assert cut.exit_code == 0, cut.output
    assert "the feed is not well-formed XML" in cut.stderr and "its last entry is left for the next poll" in cut.stderr
    assert "1 documents stored" in cut.stderr and "3 unchanged" in cut.stderr  # d; e waits
    feed.write_bytes(whole)
    done = run("ingest", "--follow", str(feed), "--once", "--db", db, "--no-nlp")
    assert "1 documents stored" in done.stderr and "4 unchanged" in done.stderr
    assert stored_ids(db) == Counter({f"kabar-{k}": 1 for k in "abcde"})
    with Store.open(db) as store:
        e = store.document(store.documents(doc_id="kabar-e")[0]["id"])
    assert e is not None and e["text"] == ARTICLES["e"]  # whole, not the part before the cut
    feed.write_text("<html><body>bukan umpan</body></html>", encoding="utf-8")
    broken = run("ingest", "--follow", str(feed), "--once", "--db", db, "--no-nlp")
    assert broken.exit_code == 1
    assert f"error: {feed}: malformed feed: not an RSS or Atom feed" in broken.stderr


def test_feed_timeout_is_reported_and_others_go_on(server: str, tmp_path: Path) -> None:
    _Handler.script = [(200, "application/rss+xml", rss(server, "ac"))]
    lines: list[str] = []
    with Store.open(str(tmp_path / "ikut.db")) as store, follow.Follower(
            [f"{server}/slow-feed", f"{server}/feed"], store=store, log=lines.append, timeout=0.3,
            ingest=lambda items, notify: ingest(store, items, settings=_fast(), on_item=notify)) as follower:
        report = follower.poll()
    assert report.stored == 2 and report.sources_failed == 1
    assert lines == [f"error: {server}/slow-feed: feed could not be fetched: timed out after 0.3 s; "
                     "trying again at the next poll"]


# ---------------------------------------------------------------------- the loop


class _FakeFollower:
    def __init__(self, interrupt_at: int | None = None) -> None:
        self.polls = 0
        self.interrupt_at = interrupt_at
        self.current = follow.PollReport()

    def poll(self) -> follow.PollReport:
        self.polls += 1
        self.current = follow.PollReport(polls=1, stored=1)
        if self.polls == self.interrupt_at:
            raise KeyboardInterrupt
        return self.current


def test_run_paces_polls_and_stops_after_max_polls() -> None:
    now = [100.0]
    pauses: list[float] = []

    def clock() -> float:
        now[0] += 4.0  # every poll takes 4 s on this clock
        return now[0]

    fake = _FakeFollower()
    total = follow.run(fake, every=10, max_polls=3, sleep=pauses.append, clock=clock)  # type: ignore[arg-type]
    assert fake.polls == 3 and total.polls == 3 and total.stored == 3 and not total.interrupted
    assert pauses == [6.0, 6.0]  # from the start of one poll to the next, no pause after the last


def test_run_until_interrupted() -> None:
    fake = _FakeFollower(interrupt_at=4)
    total = follow.run(fake, every=0, sleep=lambda s: None)  # type: ignore[arg-type]
    assert total.interrupted and fake.polls == 4 and total.polls == 4 and total.stored == 4

    def ctrl_c(seconds: float) -> None:
        raise KeyboardInterrupt

    fake = _FakeFollower()
    total = follow.run(fake, every=60, sleep=ctrl_c)  # type: ignore[arg-type]
    assert total.interrupted and total.polls == 1


def test_ctrl_c_ends_the_cli_cleanly_with_a_summary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inbox = tmp_path / "masuk"
    inbox.mkdir()
    (inbox / "a.txt").write_text(ARTICLES["a"], encoding="utf-8")
    (inbox / "rusak.jsonl").write_text("{rusak\n", encoding="utf-8")

    def ctrl_c(seconds: float) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(follow, "wait", ctrl_c)
    res = run("ingest", "--follow", str(inbox), "--db", str(tmp_path / "ikut.db"), "--no-nlp")
    assert res.exit_code == 0, res.output  # Ctrl-C is how an open-ended run ends
    assert "following 1 source every 15m, until Ctrl-C" in res.stderr
    assert "interrupted after 1 poll in" in res.stderr and "1 documents stored" in res.stderr.splitlines()[-1]


def _fast() -> Any:
    from peristiwa.settings import Settings

    return Settings(use_nlp=False)


def test_extraction_failure_is_counted_against_its_own_item(tmp_path: Path) -> None:
    """An error the extraction makes (not the reader) is matched back to its file by the document id."""
    inbox = tmp_path / "masuk"
    inbox.mkdir()
    (inbox / "panjang.txt").write_text(" ".join([ARTICLES["d"]] * 5), encoding="utf-8")  # over --max-chars
    (inbox / "pendek.txt").write_text(ARTICLES["a"][:70], encoding="utf-8")
    db = str(tmp_path / "ikut.db")
    lines: list[str] = []
    from peristiwa.settings import Settings

    settings = Settings(use_nlp=False, max_chars=100)
    with Store.open(db) as store, follow.Follower(
            [str(inbox)], store=store, log=lines.append,
            ingest=lambda items, notify: ingest(store, items, settings=settings, on_item=notify)) as follower:
        first, second = follower.poll(), follower.poll()
    assert (first.stored, first.failed, first.unchanged) == (1, 1, 0)
    assert (second.stored, second.failed, second.unchanged) == (0, 1, 1)
    assert lines == [f"{inbox / 'panjang.txt'} failed (try 1 of 3); trying again at the next poll",
                     f"{inbox / 'panjang.txt'} failed (try 2 of 3); trying again at the next poll"]


def test_entries_without_id_are_remembered_by_content_and_relative_links_resolved(
        server: str, tmp_path: Path) -> None:
    def no_ids(keys: str) -> bytes:
        items = "".join(f"<item><title>Berita {k}</title><description>{escape(ARTICLES[k])}</description></item>"
                        for k in keys)
        return f"<rss version='2.0'><channel><title>Tanpa Id</title>{items}</channel></rss>".encode()

    feed = tmp_path / "tanpa-id.rss"
    feed.write_bytes(no_ids("ab"))
    relative = (b"<rss version='2.0'><channel><title>Relatif</title><item><title>Berita c</title>"
                b"<link>/artikel/c</link></item></channel></rss>")
    _Handler.script = [(200, "application/rss+xml", relative)]
    db = str(tmp_path / "ikut.db")
    lines: list[str] = []
    with Store.open(db) as store, follow.Follower(
            [str(feed), f"{server}/feed"], store=store, log=lines.append,
            ingest=lambda items, notify: ingest(store, items, settings=_fast(), on_item=notify)) as follower:
        first = follower.poll()
        feed.write_bytes(no_ids("eab"))  # a new entry on top: the others move down a place
        second = follower.poll()
    assert (first.stored, first.failed, second.stored, second.unchanged) == (3, 0, 1, 3), lines
    assert _Handler.requests["/artikel/c"] == 1
    ids = stored_ids(db)
    assert sum(ids.values()) == 4 and ids[f"{feed}#1"] == 2  # e is entry 1 now, as a was before
    assert "/artikel/c" in ids


def test_a_reader_that_raises_fails_its_item_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inbox = tmp_path / "masuk"
    inbox.mkdir()
    for key in "abc":
        (inbox / f"{key}.txt").write_text(ARTICLES[key], encoding="utf-8")
    real = follow.read_inputs

    def flaky(inputs: list[str], **kwargs: Any) -> Iterator[Any]:
        if inputs[0].endswith("b.txt"):
            raise UnicodeDecodeError("utf-8", b"\xff", 0, 1, "a reader bug")
        yield from real(inputs, **kwargs)

    monkeypatch.setattr(follow, "read_inputs", flaky)
    db = str(tmp_path / "ikut.db")
    res = run("ingest", "--follow", str(inbox), "--once", "--db", db, "--no-nlp")
    assert res.exit_code == 1
    assert f"error: {inbox / 'b.txt'}: could not be read (UnicodeDecodeError:" in res.stderr
    assert stored_ids(db) == Counter({"a.txt": 1, "c.txt": 1})
    monkeypatch.setattr(follow, "read_inputs", real)
    again = run("ingest", "--follow", str(inbox), "--once", "--db", db, "--no-nlp")
    assert "1 documents stored" in again.stderr and "2 unchanged" in again.stderr


def test_follow_raises_alerts_for_what_each_poll_stores(tmp_path: Path) -> None:
    db = str(tmp_path / "jaga.db")
    inbox = tmp_path / "masuk"
    inbox.mkdir()
    added = run("watch", "add", "papua", "--country", "IDN", "--types", "ASSAULT", "--rule", "first-fatal",
                "--db", db)
    assert added.exit_code == 0, added.output
    (inbox / "tembak.txt").write_text(
        "Kelompok bersenjata menyerang pos polisi di Kabupaten Intan Jaya, Papua Tengah, pada Senin (16/6/2025) "
        "dan menewaskan dua anggota polisi.", encoding="utf-8")
    res = run("ingest", "--follow", str(inbox), "--once", "--db", db, "--no-nlp")
    assert res.exit_code == 0, res.output
    assert "alert [papua] first-fatal" in res.stderr
    again = run("ingest", "--follow", str(inbox), "--once", "--db", db, "--no-nlp")
    assert "alert [" not in again.stderr  # nothing new stored, nothing raised again
