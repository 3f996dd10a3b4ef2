"""Hostile and broken documents: nothing crashes the run, every failure names its document,
good documents in the same run still come out, and every span indexes the original text."""

from __future__ import annotations

import contextlib
import gzip
import json
import time
import zlib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any, Literal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from local_http import no_proxy, serving
from test_pipeline import check_offsets

from peristiwa import limits
from peristiwa.ingest import read_inputs
from peristiwa.ingest.feeds import feed_documents
from peristiwa.ingest.html import html_to_document
from peristiwa.ingest.jsonl import parse_line, read_jsonl_stream
from peristiwa.ingest.text import text_document
from peristiwa.pipeline import extract, pipe
from peristiwa.settings import Settings
from peristiwa.types import Document, DocumentError, Result

FAST = Settings(use_nlp=False)
# Fictional articles (real places, invented events).
GOOD = ("Polisi menangkap dua orang terduga pencuri sepeda motor di Bekasi, Senin (2/6/2025). "
        "Sekelompok orang bersenjata menyerang pos polisi di Kecamatan Oba, Maluku Utara, dan menewaskan "
        "tiga anggota polisi.")
SENTENCE = "Ratusan buruh berunjuk rasa di depan kantor Gubernur Jawa Timur di Surabaya, Selasa (3/6/2025). "
HTML = ("<html><head><title>Bentrok di Surabaya</title><style>p {{color: red}} .Polisi {{}}</style>"
        "<script>var teks = 'Tentara menembak 500 orang di Jakarta';</script></head><body>"
        "<iframe src='https://iklan.example'>Iklan: Tentara menyerang Jakarta</iframe>"
        "<article><p>{body}</p></article><noscript>Aktifkan JavaScript</noscript></body></html>")
SCRIPT_WORDS = ("var teks", "Tentara menembak 500", "Iklan:", "color: red", "Aktifkan JavaScript")


def run(*inputs: str | Path, max_bytes: int = 2_000_000,
        setting: Settings = FAST) -> list[Result | DocumentError]:
    """Read and extract everything, as ``peristiwa extract`` does; check every result's offsets."""
    docs = list(read_inputs([str(i) for i in inputs], max_bytes=max_bytes))
    texts = {d.id: d.text for d in docs if isinstance(d, Document)}
    out = list(pipe(docs, settings=setting))
    for item in out:
        assert isinstance(item, Result | DocumentError)
        if isinstance(item, Result):
            check_offsets(texts[item.doc_id], item)
    return out


def named(out: list[Result | DocumentError]) -> dict[str, Any]:
    """Results and errors by document id (typed loosely: each assertion reads what the item should be)."""
    return {item.doc_id: item for item in out}


def gzip_bomb(path: Path, *, prefix: bytes = b"", fill: bytes = b"\x20", size: int = 200_000_000) -> Path:
    """Write a small .gz file that inflates to ``size`` bytes (written in pieces: never in memory)."""
    with gzip.open(path, "wb", compresslevel=9) as f:
        f.write(prefix)
        piece = fill * 1_000_000
        for _ in range(size // len(piece)):
            f.write(piece)
    return path


# ---------------------------------------------------------------------- hand-made hostile files


def _files(tmp: Path) -> dict[str, tuple[Path, str]]:
    """Hostile files and the words their error must contain (an empty string: it is read)."""
    def put(name: str, data: bytes) -> Path:
        path = tmp / name
        path.write_bytes(data)
        return path

    million = "\n".join(f"baris {i}" for i in range(1_000_000)).encode()
    return {
        "binary": (put("gambar.txt", bytes(range(256)) * 40), "binary"),
        "nul": (put("nul.txt", b"Polisi \x00 menangkap\x00" * 50), "binary"),
        "utf16": (put("utf16.txt", GOOD.encode("utf-16")), ""),
        "latin1": (put("latin1.txt", "Kafé «Merdeka» dibakar massa di Medan.".encode("latin-1")), ""),
        "mixed": (put("campur.txt", GOOD.encode() + "Café ☕".encode("cp1252", "replace") + "Café ☕".encode()), ""),
        "controls": (put("kontrol.txt", b"Polisi\x01\x02\x03\x04\x05\x06 menangkap\x07\x08" * 200), "binary"),
        "huge": (put("besar.txt", b"kata " * 4_200_000), "too large"),
        "million_lines": (put("sejuta.txt", million), "too large"),
        # libxml2 drops what is past 256 levels: an error naming the file, not a crash or a stall
        "deep_html": (put("dalam.html", b"<div>" * 10_000 + GOOD.encode() + b"</div>" * 10_000), "empty"),
        "unclosed_html": (put("terbuka.html", b"<html><body><p>" + GOOD.encode() + b"<p><b><i><table><tr><td"), ""),
        "script_html": (put("skrip.html", HTML.format(body=GOOD).encode()), ""),
        "only_script_html": (put("hanya-skrip.html", HTML.format(body="").encode()), "empty"),
        "fragment_html": (put("potongan.html", b"<div><p>" + GOOD.encode() + b"</p></div>"), ""),
        "million_elements_html": (put("sejuta.html", b"<p>" * 1_000_000 + GOOD.encode()), ""),
        "garbage_html": (put("sampah.html", b"<<<>>>&&&;;<!-- <![CDATA[ </></>"), "not an HTML"),
        "bad_feed": (put("umpan.xml", b"<rss><channel><item><description>" * 500), "empty document (entry 1"),
        "empty": (put("kosong.txt", b""), "empty"),
        "bad_gz": (put("rusak.jsonl.gz", b"\x1f\x8b\x08\x00garbage"), "corrupt gzip"),
    }


def test_hostile_files_fail_alone_and_by_name(tmp_path: Path) -> None:
    files = _files(tmp_path)
    good = tmp_path / "baik.txt"
    good.write_text(GOOD, encoding="utf-8")
    # max_bytes below the 20 MB text and the 11 MB million-line file, as --max-chars 2,000,000 gives
    out = named(run(*(p for p, _ in files.values()), good, max_bytes=8_000_000))
    assert isinstance(out["baik.txt"], Result) and out["baik.txt"].events
    for kind, (path, message) in files.items():
        item = out.get(path.name) or out.get(str(path)) or out[f"{path}#1"]  # a feed entry: FILE#N
        if message:
            assert isinstance(item, DocumentError), kind
            assert message in item.reason, (kind, item.reason)
        else:
            assert isinstance(item, Result), (kind, item)
    for name in ("skrip.html", "terbuka.html", "potongan.html", "sejuta.html"):
        text = "\n".join(s["text"] for s in out[name].to_dict()["noise"]) + str(out[name].sentences)
        assert not any(word in text for word in SCRIPT_WORDS), name
        assert "Bekasi" in str(out[name].sentences), name


def test_million_line_document_within_the_caps_runs(tmp_path: Path) -> None:
    """A million short lines (7 MB) reads, and stops at the time cap instead of stalling."""
    path = tmp_path / "sejuta.txt"
    path.write_text("\n".join(f"b{i}" for i in range(1_000_000)), encoding="utf-8")
    started = time.monotonic()
    out = run(path, max_bytes=8_000_000, setting=Settings(use_nlp=False, max_chars=8_000_000, max_seconds=1.0))
    assert time.monotonic() - started < 30
    assert isinstance(out[0], limits.DocumentTimeout) and out[0].doc_id == "sejuta.txt"
    assert "took longer than 1 s" in out[0].reason


def test_jsonl_broken_lines_wrong_types_and_missing_text(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a", "text": GOOD}),
        '{"id": "b", "text": "Polisi menangkap',
        json.dumps({"id": "c", "text": 42}),
        json.dumps({"id": "d"}),
        json.dumps(["id", "text"]),
        json.dumps("teks"),
        "null",
        json.dumps({"id": {"x": 1}, "text": GOOD}),
        json.dumps({"id": "e", "text": GOOD, "title": ["x"]}),
        json.dumps({"id": "f", "text": GOOD, "published": 20250602, "lang": None}),
        "[" * 100_000,
        json.dumps({"id": "g", "text": "Polisi \ud800 menangkap dua orang di Bekasi."}),
        "\x00\x01\x02",
        json.dumps({"id": "h", "text": GOOD + " \u0000\u200b\u202e"}),
    ]
    path = tmp_path / "campur.jsonl"
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-8") + b"\xff\xfe{\n")
    out = named(run(path))
    where = f"{path}:"
    assert {k for k, v in out.items() if isinstance(v, Result)} == {"a", "f", "g", "h"}
    assert "malformed JSON" in out[where + "2"].reason
    assert "'text' must be a string" in out["c"].reason and "'text' is required" in out["d"].reason
    assert all("expected a JSON object" in out[where + str(n)].reason for n in (5, 6, 7))
    assert "'id' is required" in out[where + "8"].reason and "'title' must be" in out["e"].reason
    assert "nested too deeply" in out[where + "11"].reason
    assert "not UTF-8" in out[where + "15"].reason
    json.dumps([r.to_dict() for r in out.values() if isinstance(r, Result)]).encode("utf-8")


def test_regression_unpaired_surrogate_from_json_escape_is_written_as_utf8(tmp_path: Path) -> None:
    """Crash found by fuzzing: '\\ud800' in a JSONL text made the UTF-8 writer fail and stop the run."""
    from click.testing import CliRunner

    from peristiwa.cli import main

    src = tmp_path / "s.jsonl"
    src.write_text(json.dumps({"id": "s", "text": "Polisi \ud800 menangkap dua orang di Bekasi."}) + "\n"
                   + json.dumps({"id": "ok", "text": GOOD}) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    res = CliRunner().invoke(main, ["extract", str(src), "--no-nlp", "--format", "jsonl", "-o", str(out)])
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["doc_id"] for r in rows] == ["s", "ok"]
    with pytest.raises(DocumentError, match="unpaired surrogate"):
        extract(Document(id="api", text="Polisi \udc80 menangkap."), settings=FAST)


def test_regression_deeply_nested_json_line_is_an_error_of_that_line() -> None:
    """Crash found by review: json.loads raises RecursionError (not JSONDecodeError) on deep nesting."""
    err = parse_line("[" * 200_000, where="f.jsonl:3", max_bytes=1000)
    assert isinstance(err, DocumentError) and err.doc_id == "f.jsonl:3"


@pytest.mark.parametrize("published", ["0001-01-01", "9999-12-31", "9999-12-31T23:59+14:00"])
def test_regression_relative_dates_at_the_ends_of_the_calendar(published: str) -> None:
    """Crash found by fuzzing: 'kemarin' of 0001-01-01 or 'tahun depan' of 9999 overflowed datetime."""
    text = ("Polisi menyerang warga di Bekasi kemarin, dua orang tewas. Serangan itu terjadi tahun lalu, "
            "Senin depan, bulan depan, tahun depan dan 3 abad lalu.")
    res = extract(Document(id="x", text=text, published=published), settings=FAST)
    check_offsets(text, res)


@pytest.mark.parametrize("text", ["1" * 5000, "Sebanyak 1," + "5" * 5000 + " juta orang tewas", "Rp" + "9" * 4400])
def test_regression_a_number_of_thousands_of_digits_is_no_count(text: str) -> None:
    """Crash found by stress tests: int() refuses strings over 4,300 digits (ValueError in numbers)."""
    res = extract(Document(id="angka", text=text), settings=FAST)
    check_offsets(text, res)


# ---------------------------------------------------------------------- compressed bombs


def test_gzip_bomb_jsonl_stops_at_the_cap(tmp_path: Path) -> None:
    """200 MB of spaces in one line (200 KB compressed) stop at the line cap; a blank-line bomb too."""
    line_bomb = gzip_bomb(tmp_path / "bom.jsonl.gz", prefix=b'{"id": "x", "text": "')
    blank_bomb = gzip_bomb(tmp_path / "kosong.jsonl.gz", prefix=json.dumps({"id": "a", "text": GOOD}).encode()
                           + b"\n", fill=b"\n")
    assert line_bomb.stat().st_size < 500_000
    started = time.monotonic()
    out = run(line_bomb, blank_bomb, max_bytes=100_000)
    assert time.monotonic() - started < 10
    assert isinstance(out[0], DocumentError) and out[0].doc_id == f"{line_bomb}:1"
    assert "the rest of the compressed file is not read" in out[0].reason
    assert isinstance(out[1], Result) and out[1].doc_id == "a"
    assert isinstance(out[2], DocumentError) and "blank lines" in out[2].reason
    assert len(out) == 3


class _BombHandler(BaseHTTPRequestHandler):
    BOMB = zlib.compress(b" " * 50_000_000, 9)
    GZIP_BOMB = gzip.compress(b"<html><body><p>" + b"kata " * 10_000_000, 9)

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            body, encoding, ctype = {
                "/gzip": (self.GZIP_BOMB, "gzip", "text/html"),
                "/deflate": (self.BOMB, "deflate", "text/plain"),
                "/br": (b"xx", "br", "text/plain"),
                "/corrupt": (b"\x1f\x8b\x08\x00rusak", "gzip", "text/plain"),
                "/ok": (gzip.compress(GOOD.encode()), "gzip", "text/plain; charset=utf-8"),
            }[self.path]
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Encoding", encoding)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)


@pytest.fixture(scope="module")
def bomb_server() -> Iterator[str]:
    with serving(_BombHandler) as url:
        yield url


def test_compressed_http_answers_stop_inflating_at_the_cap(bomb_server: str,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    no_proxy(monkeypatch)
    urls = [f"{bomb_server}{p}" for p in ("/gzip", "/deflate", "/br", "/corrupt", "/ok")]
    out = named(run(*urls, max_bytes=100_000))
    assert "document too large" in out[urls[0]].reason and "download stopped" in out[urls[0]].reason
    assert "document too large" in out[urls[1]].reason
    assert "unsupported content encoding 'br'" in out[urls[2]].reason
    assert "corrupt compressed response" in out[urls[3]].reason
    assert isinstance(out[urls[4]], Result) and out[urls[4]].events


# ---------------------------------------------------------------------- the time cap


def test_time_cap_stops_a_slow_document_and_names_it() -> None:
    slow = Document(id="lambat", text=SENTENCE * 3000)
    started = time.monotonic()
    out = list(pipe([slow, Document(id="cepat", text=GOOD)], settings=Settings(use_nlp=False, max_seconds=0.5)))
    assert time.monotonic() - started < 10
    assert isinstance(out[0], limits.DocumentTimeout) and out[0].doc_id == "lambat"
    assert "--max-seconds" in out[0].reason
    assert isinstance(out[1], Result) and out[1].events
    with pytest.raises(limits.DocumentTimeout):
        extract(slow, settings=Settings(use_nlp=False, max_seconds=0.2))


def test_time_cap_flag_and_no_cap(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from peristiwa.cli import main

    src = tmp_path / "d.jsonl"
    src.write_text(json.dumps({"id": "lambat", "text": SENTENCE * 3000}) + "\n"
                   + json.dumps({"id": "cepat", "text": GOOD}) + "\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["extract", str(src), "--no-nlp", "--format", "jsonl", "--max-seconds", "0.3"])
    assert res.exit_code == 1
    assert "error: lambat: took longer than 0.3 s" in res.output
    assert '"doc_id": "cepat"' in res.output
    assert "--max-seconds" in CliRunner().invoke(main, ["extract", "--help"]).output
    with limits.time_limit("x", 0):  # 0 and None: no cap
        limits.check("any")


def test_regression_text_over_the_nlp_max_length_is_parsed_in_pieces() -> None:
    """Crash found by review: spaCy's E088 (a text over ``nlp.max_length``, 1,000,000 characters,
    allowed by ``max_chars``) escaped ``pipe()`` and stopped the whole run."""
    pytest.importorskip("spacy")
    from peristiwa.nlp.model import load_nlp

    nlp = load_nlp()
    text = ("Presiden Joko Widodo bertemu Menteri Luar Negeri Retno Marsudi di Jakarta. " * 40).strip()
    saved = nlp.max_length
    try:
        nlp.max_length = 700
        res = extract(Document(id="panjang", text=text), nlp=nlp)
        batch = list(pipe([Document(id="panjang", text=text), Document(id="pendek", text=GOOD)]))
    finally:
        nlp.max_length = saved
    check_offsets(text, res)
    assert res.entities
    assert [type(r).__name__ for r in batch] == ["Result", "Result"]
    assert isinstance(batch[0], Result) and batch[0].to_dict() == res.to_dict()


# ---------------------------------------------------------------------- properties


SURROGATES: tuple[Literal["Cs"]] = ("Cs",)
CONTROL = st.characters(min_codepoint=0, max_codepoint=0x1F) | st.sampled_from("\x7f\x85\u2028\u2029\ufeff\u200b\u202e")
ANY_TEXT = st.text(st.characters(exclude_categories=SURROGATES) | CONTROL, max_size=300)
WORDS = st.sampled_from(GOOD.split() + SENTENCE.split() + ["\n", "Baca juga:", "(", ")", "<p>", "\ufffd"])


@settings(max_examples=150, deadline=None)
@given(data=st.binary(max_size=3000), kind=st.sampled_from(["text", "html", "jsonl", "feed"]))
def test_readers_never_raise_on_random_bytes(data: bytes, kind: str) -> None:
    if kind == "text":
        items: list[Document | DocumentError] = [text_document(data, doc_id="t", max_bytes=10_000)]
    elif kind == "html":
        items = [html_to_document(data, doc_id="h", max_bytes=10_000)]
    elif kind == "jsonl":
        import io

        items = list(read_jsonl_stream(io.BytesIO(data), name="j", max_bytes=10_000))
    else:
        items = list(feed_documents(data, name="f", max_bytes=10_000))
    for item in pipe(items, settings=FAST):
        assert isinstance(item, Result | DocumentError)
        if isinstance(item, DocumentError):
            assert item.doc_id and "internal error" not in item.reason


@settings(max_examples=150, deadline=None)
@given(words=st.lists(WORDS | ANY_TEXT, min_size=1, max_size=40), published=st.none() | st.dates())
def test_random_unicode_and_controls_never_crash_and_offsets_hold(words: list[str], published: Any) -> None:
    text = " ".join(words)
    doc = Document(id="u", text=text, published=published.isoformat() if published else None)
    out = list(pipe([doc], settings=FAST))
    assert len(out) == 1
    if isinstance(out[0], DocumentError):
        assert out[0].doc_id == "u" and "internal error" not in out[0].reason
    else:
        check_offsets(text, out[0])
        json.dumps(out[0].to_dict(), ensure_ascii=False).encode("utf-8")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(record=st.dictionaries(st.sampled_from(["id", "text", "title", "published", "url", "lang", "x"]),
                              st.none() | st.booleans() | st.integers() | st.floats() | ANY_TEXT
                              | st.lists(st.integers(), max_size=3), max_size=7))
def test_jsonl_records_of_any_shape_give_a_document_or_a_named_error(record: dict[str, Any]) -> None:
    item = parse_line(json.dumps(record), where="f.jsonl:1", max_bytes=10_000)
    if isinstance(item, DocumentError):
        assert item.doc_id in {"f.jsonl:1", str(record.get("id"))}
        return
    for res in pipe([item], settings=FAST):
        if isinstance(res, Result):
            check_offsets(item.text, res)
        else:
            assert "internal error" not in res.reason
