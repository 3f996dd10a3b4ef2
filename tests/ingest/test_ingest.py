"""Tests for peristiwa.ingest: every reader, every per-document error, directories, stdin, URLs."""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import sys
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from local_http import no_proxy, serving

from peristiwa.ingest import decode_bytes, html_fragment_to_text, iso_published, looks_binary, read_inputs
from peristiwa.ingest.checks import lang_code
from peristiwa.types import Document, DocumentError

SHARED = Path(__file__).resolve().parents[3] / "shared"

# Fictional Indonesian news, written for these tests.
PARAS = [
    "Banjir setinggi satu meter merendam tiga desa di Kabupaten Sukamaju pada Kamis pagi setelah "
    "hujan deras mengguyur wilayah itu sejak Rabu malam.",
    "Kepala Badan Penanggulangan Bencana Daerah Sukamaju, Budi Santoso, mengatakan sedikitnya 120 "
    "keluarga terpaksa mengungsi ke balai desa dan masjid terdekat.",
    "\u201cPetugas gabungan masih mengevakuasi warga lanjut usia dan anak-anak dengan perahu karet,\u201d "
    "kata Budi kepada wartawan di posko pengungsian.",
    "Menurut warga, Sungai Cibening meluap karena tanggul di hulu jebol akibat derasnya arus air "
    "yang membawa batang pohon.",
]
NOISE = ["Menu Politik", "IKLAN: Diskon besar", "TERKAIT: Jembatan Gantung", "POPULER: Artis",
         "FOOTER: Hak cipta", "Pedoman Media Siber", "JANGAN_TAMPIL_SKRIP", "console.log"]
PAGE = """<!DOCTYPE html>
<html lang="id-ID">
<head>
<meta charset="utf-8">
<title>Banjir Rendam Tiga Desa di Kabupaten Sukamaju - Kabar Nusantara</title>
<meta property="og:site_name" content="Kabar Nusantara">
<meta property="og:title" content="Banjir Rendam Tiga Desa di Kabupaten Sukamaju">
<meta property="article:published_time" content="2025-03-14T08:30:00+07:00">
<link rel="canonical" href="https://kabar.example/berita/banjir-sukamaju">
<script>var iklan = "JANGAN_TAMPIL_SKRIP"; window.dataLayer = [];</script>
<style>.iklan {{ color: red }}</style>
</head>
<body>
<header><nav><ul><li><a href="/">Beranda</a></li><li><a href="/politik">Menu Politik</a></li>
<li><a href="/olahraga">Menu Olahraga</a></li></ul></nav></header>
<div class="ads"><p>IKLAN: Diskon besar sepatu lari hanya hari ini!</p></div>
<main><article>
<h1>Banjir Rendam Tiga Desa di Kabupaten Sukamaju</h1>
<p>{}</p>
<p>{}</p>
<p>{}</p>
<p>{}</p>
</article>
<div class="related-articles"><h3>Berita Terkait</h3><ul>
<li><a href="/a">TERKAIT: Jembatan Gantung Putus di Desa Sebelah</a></li>
<li><a href="/b">TERKAIT: Harga Cabai Naik Menjelang Lebaran</a></li></ul></div>
</main>
<aside class="sidebar"><h3>Terpopuler</h3><ul><li><a href="/c">POPULER: Artis Ibu Kota Menikah</a></li>
</ul></aside>
<footer><p>FOOTER: Hak cipta 2025 Kabar Nusantara. Semua hak dilindungi.</p>
<p><a href="/redaksi">Redaksi</a> | <a href="/pedoman">Pedoman Media Siber</a></p></footer>
<script>console.log("JANGAN_TAMPIL_SKRIP2")</script>
</body></html>
""".format(*PARAS)

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Kabar Nusantara - Terkini</title><link>https://kabar.example/</link>
<language>id</language>
<item><title>Banjir di Sukamaju</title><link>https://kabar.example/a</link><guid>kabar-123</guid>
<pubDate>Fri, 14 Mar 2025 06:30:00 +0700</pubDate>
<description>&lt;p&gt;Banjir merendam &lt;b&gt;tiga&lt;/b&gt; desa.&lt;/p&gt;
&lt;script&gt;alert("x")&lt;/script&gt;
&lt;p&gt;Warga mengungsi ke balai desa.&lt;/p&gt;</description></item>
<item><title>Tanpa isi</title><link>https://kabar.example/b</link><description>   </description></item>
<item><title>Tanpa guid</title><link>https://kabar.example/c</link>
<description>Polisi menangkap dua tersangka pencurian sepeda motor.</description></item>
</channel></rss>
"""
ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Kabar</title>
<entry><id>tag:kabar.example,2025:1</id><title>Unjuk rasa mahasiswa</title>
<link href="https://kabar.example/d"/><updated>2025-03-15T10:00:00+07:00</updated>
<published>2025-03-15T09:00:00+07:00</published>
<summary>ringkas</summary>
<content type="html">&lt;p&gt;Ribuan mahasiswa berunjuk rasa di depan gedung DPRD.&lt;/p&gt;
&lt;p&gt;Mereka menuntut pembatalan kenaikan tarif.&lt;/p&gt;</content></entry></feed>
"""


def read(*inputs: str | Path, **options: float) -> list[Document | DocumentError]:
    return list(read_inputs([str(i) for i in inputs], **options))  # type: ignore[arg-type]


def only(items: list[Document | DocumentError]) -> Document | DocumentError:
    assert len(items) == 1, items
    return items[0]


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


# ---------------------------------------------------------------- small helpers


@pytest.mark.parametrize(("value", "expected"), [
    ("2025-06-18", "2025-06-18"),
    ("2025-06-18T16:22", "2025-06-18T16:22"),
    (" 2025-06-18T16:22:05+07:00 ", "2025-06-18T16:22:05+07:00"),
    ("2025-06-18T09:22:05Z", "2025-06-18T09:22:05Z"),
    ("2025-02-30", None),
    ("20250618", None),  # basic format: Document.published_date could not read it
    ("18 Juni 2025", None),
    ("", None),
    (20250618, None),
    (None, None),
])
def test_iso_published(value: object, expected: str | None) -> None:
    assert iso_published(value) == expected


@pytest.mark.parametrize(("tag", "expected"), [
    ("id", "id"), ("id-ID", "id"), ("EN_us", "en"), ("", None), ("bahasa indonesia", None), (None, None),
])
def test_lang_code(tag: object, expected: str | None) -> None:
    assert lang_code(tag) == expected


@pytest.mark.parametrize(("data", "binary"), [
    (b"Warga mengungsi.\r\n\tTab dan baris baru.\n", False),
    ("Caf\u00e9".encode("utf-16"), False),  # BOM + NUL bytes: still text
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", True),
    (bytes(range(32)) * 10, True),
    (b"\x01\x02\x03\x04teks" * 10, True),  # no NUL, but control bytes are nearly half
    (b"\x1b[1mtebal\x1b[0m dan\x0cform feed", False),
    (b"", False),
])
def test_looks_binary(data: bytes, binary: bool) -> None:
    assert looks_binary(data) is binary


@pytest.mark.parametrize(("data", "text", "encoding"), [
    ("Polisi \u201cmenangkap\u201d 2 orang".encode(), "Polisi \u201cmenangkap\u201d 2 orang", "utf-8"),
    (b"\xef\xbb\xbfSatu", "Satu", "utf-8-sig"),
    ("Caf\u00e9 \u201cDua\u201d".encode("cp1252"), "Caf\u00e9 \u201cDua\u201d", "cp1252"),
    ("Tiga \u2013 empat".encode("utf-16"), "Tiga \u2013 empat", "utf-16"),
    ("Kaf\u00e9 \u201cDua\u201d".encode("cp1252"), "Kaf\u00e9 \u201cDua\u201d", "cp1252"),
])
def test_decode_bytes(data: bytes, text: str, encoding: str) -> None:
    assert decode_bytes(data) == (text, encoding)


def test_decode_bytes_declared_charset_first() -> None:
    data = "Kaf\u00e9".encode("iso-8859-2")
    assert decode_bytes(data, declared="iso-8859-2") == ("Kaf\u00e9", "iso-8859-2")
    assert decode_bytes(data, declared="no-such-charset") == ("Kaf\u00e9", "cp1252")


def test_decode_bytes_falls_back_to_detection() -> None:
    # 0x81, 0x8D, 0x8F are undefined in cp1252, so neither UTF-8 nor cp1252 decodes this.
    text, encoding = decode_bytes(b"\x81\x8d\x8f abc")
    assert encoding not in {"utf-8", "cp1252"}
    assert text.endswith(" abc") and len(text) == 7


def test_html_fragment_to_text_blocks_and_script() -> None:
    fragment = "<p>Satu <b>dua</b>&nbsp;tiga.</p><script>jahat()</script><ul><li>empat</li><li>lima</li></ul>"
    assert html_fragment_to_text(fragment) == "Satu dua tiga.\nempat\nlima"
    assert html_fragment_to_text("  ") == ""


# ---------------------------------------------------------------- .txt


def test_txt_reader_id_is_file_name_and_text_kept(tmp_path: Path) -> None:
    body = "\n\n".join(PARAS) + "\n"
    doc = only(read(write(tmp_path / "000_abc.txt", body)))
    assert isinstance(doc, Document)
    assert doc.id == "000_abc.txt"
    assert doc.text == body
    assert doc.title is None and doc.published is None


@pytest.mark.parametrize(("data", "text"), [
    (b"\xef\xbb\xbfBaris satu\r\nBaris dua\r\n", "Baris satu\nBaris dua\n"),  # BOM dropped, CRLF
    ("Kaf\u00e9 \u201cMerdeka\u201d ditutup.".encode("cp1252"), "Kaf\u00e9 \u201cMerdeka\u201d ditutup."),
    ("Desa \u2013 kota".encode("utf-16"), "Desa \u2013 kota"),
])
def test_txt_reader_encodings(tmp_path: Path, data: bytes, text: str) -> None:
    doc = only(read(write(tmp_path / "a.txt", data)))
    assert isinstance(doc, Document) and doc.text == text


@pytest.mark.parametrize(("data", "max_bytes", "message"), [
    (b"\x7fELF\x02\x01\x01\x00\x00\x00\x00binary", 1000, "binary file, not text"),
    (b" \n\t \r\n", 1000, "empty document"),
    (b"", 1000, "empty document"),
    (b"x" * 101, 100, "document too large (101 bytes > 100)"),
])
def test_txt_reader_errors(tmp_path: Path, data: bytes, max_bytes: int, message: str) -> None:
    err = only(read(write(tmp_path / "bad.txt", data), max_bytes=max_bytes))
    assert isinstance(err, DocumentError)
    assert err.doc_id == "bad.txt"
    assert err.reason.startswith(message)
    assert str(tmp_path / "bad.txt") in str(err)


# ---------------------------------------------------------------- .html


def test_html_reader_keeps_article_drops_noise(tmp_path: Path) -> None:
    doc = only(read(write(tmp_path / "berita.html", PAGE)))
    assert isinstance(doc, Document)
    for para in PARAS:
        assert para in doc.text
    for noise in NOISE:
        assert noise not in doc.text, noise
    assert doc.id == "berita.html"
    assert doc.title == "Banjir Rendam Tiga Desa di Kabupaten Sukamaju"
    assert not doc.text.startswith(doc.title)  # the headline is the title, not the body
    assert doc.published == "2025-03-14T08:30:00+07:00"
    assert doc.source == "Kabar Nusantara"
    assert doc.url == "https://kabar.example/berita/banjir-sukamaju"
    assert doc.lang == "id"


def test_html_reader_meta_charset_and_short_page(tmp_path: Path) -> None:
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
            "<title>Kafe</title></head><body><p>Kaf\u00e9 \u201cMerdeka\u201d ditutup polisi.</p>"
            "<footer>Hak cipta</footer></body></html>")
    doc = only(read(write(tmp_path / "pendek.htm", page.encode("cp1252"))))
    assert isinstance(doc, Document)
    assert doc.text == "Kaf\u00e9 \u201cMerdeka\u201d ditutup polisi."
    assert doc.title == "Kafe"
    assert doc.published is None and doc.lang is None


def test_html_reader_xml_declared_encoding(tmp_path: Path) -> None:
    page = ('<?xml version="1.0" encoding="iso-8859-2"?><html xmlns="http://www.w3.org/1999/xhtml" '
            'xml:lang="id"><head><title>X</title></head>'
            '<body><p>Kafe \u0141oda dibuka kembali.</p></body></html>')
    doc = only(read(write(tmp_path / "x.html", page.encode("iso-8859-2"))))
    assert isinstance(doc, Document)
    assert doc.text == "Kafe \u0141oda dibuka kembali." and doc.lang == "id"


@pytest.mark.parametrize(("data", "message"), [
    (b"<html><head><title>Kosong</title></head><body><p> </p><script>x()</script></body></html>",
     "empty document"),
    (b"\x00\x01\x02\x03GIF89a\x00\x00", "binary file, not text"),
    (b" \n ", "empty document"),
    (b"Hanya teks biasa tanpa tag.", "not an HTML page"),
])
def test_html_reader_errors(tmp_path: Path, data: bytes, message: str) -> None:
    err = only(read(write(tmp_path / "x.html", data)))
    assert isinstance(err, DocumentError) and err.doc_id == "x.html"
    assert err.reason.startswith(message)


# ---------------------------------------------------------------- .jsonl


def jsonl(*records: object) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


JSONL_CASES: list[tuple[str, str | None, str | None]] = [
    # (line, the error's expected message fragment or None, expected id)
    (json.dumps({"id": "a", "text": "Polisi menangkap dua orang."}), None, "a"),
    (json.dumps({"id": 7, "text": "Angka sebagai id."}), None, "7"),
    ('{"id": "b", "text": ', "malformed JSON", None),
    ("[1, 2]", "expected a JSON object", None),
    (json.dumps({"text": "tanpa id"}), "'id' is required", None),
    (json.dumps({"id": "", "text": "id kosong"}), "'id' is required", None),
    (json.dumps({"id": True, "text": "id boolean"}), "'id' is required", None),
    (json.dumps({"id": "c"}), "'text' is required", "c"),
    (json.dumps({"id": "d", "text": 12}), "'text' must be a string", "d"),
    (json.dumps({"id": "e", "text": "ok", "title": ["x"]}), "'title' must be a string or null", "e"),
    (json.dumps({"id": "f", "text": "ok", "lang": 1}), "'lang' must be a string or null", "f"),
    (json.dumps({"id": "g", "text": " \n "}), "empty document", "g"),
]


@pytest.mark.parametrize(("line", "message", "doc_id"), JSONL_CASES)
def test_jsonl_line_cases(tmp_path: Path, line: str, message: str | None, doc_id: str | None) -> None:
    path = write(tmp_path / "in.jsonl", jsonl({"id": "first", "text": "Baris pertama."}, line,
                                              {"id": "last", "text": "Baris terakhir."}))
    first, got, last = read(path)
    assert isinstance(first, Document) and first.id == "first"
    assert isinstance(last, Document) and last.id == "last"  # a bad line never stops the others
    if message is None:
        assert isinstance(got, Document) and got.id == doc_id
    else:
        assert isinstance(got, DocumentError)
        assert message in got.reason
        assert f"{path}:2" in str(got)
        assert got.doc_id == (doc_id or f"{path}:2")


def test_jsonl_optional_fields_and_published(tmp_path: Path) -> None:
    path = write(tmp_path / "in.jsonl", jsonl(
        {"id": "a", "text": "Teks.", "title": "Judul", "published": "2025-06-18T16:22",
         "url": "https://kabar.example/a", "source": "Kabar", "lang": "id"},
        {"id": "b", "text": "Teks.", "published": "18/06/2025"},
        {"id": "c", "text": "Teks.", "published": 2025},
        "",  # blank lines are skipped
        {"id": "d", "text": "Teks.", "published": None, "extra": {"ignored": True}},
    ))
    a, b, c, d = read(path)
    assert a == Document(id="a", text="Teks.", title="Judul", published="2025-06-18T16:22",
                         url="https://kabar.example/a", source="Kabar", lang="id")
    assert isinstance(b, Document) and b.published is None
    assert isinstance(c, Document) and c.published is None
    assert d == Document(id="d", text="Teks.")


def test_jsonl_bom_oversize_and_bad_utf8(tmp_path: Path) -> None:
    big = json.dumps({"id": "besar", "text": "kata " * 40})
    huge = "x" * 6000  # longer than the reading limit for max_bytes=100: skipped unread
    data = (b"\xef\xbb\xbf" + json.dumps({"id": "bom", "text": "Dengan BOM."}).encode() + b"\n"
            + big.encode() + b"\n" + huge.encode() + b"\n" + b'{"id": "latin", "text": "caf\xe9"}\n'
            + json.dumps({"id": "ok", "text": "Masih dibaca."}).encode() + b"\n")
    path = write(tmp_path / "in.jsonl", data)
    bom, too_big, runaway, latin, ok = read(path, max_bytes=100)
    assert isinstance(bom, Document) and bom.id == "bom"
    assert isinstance(too_big, DocumentError) and too_big.doc_id == "besar"
    assert too_big.reason.startswith("document too large (200 bytes > 100)")
    assert isinstance(runaway, DocumentError) and runaway.doc_id == f"{path}:3"
    assert runaway.reason == "document too large (6001 bytes > 100)"
    assert isinstance(latin, DocumentError) and latin.reason.startswith("not UTF-8")
    assert isinstance(ok, Document) and ok.text == "Masih dibaca."


def test_jsonl_gz_and_corrupt_gz(tmp_path: Path) -> None:
    body = jsonl({"id": "z1", "text": "Satu."}, {"id": "z2", "text": "Dua."}).encode()
    good = write(tmp_path / "a.jsonl.gz", gzip.compress(body))
    bad = write(tmp_path / "b.jsonl.gz", gzip.compress(body)[:-12])  # truncated stream
    docs = read(good)
    assert [d.id for d in docs if isinstance(d, Document)] == ["z1", "z2"]
    got = read(bad)
    assert isinstance(got[-1], DocumentError) and "corrupt gzip" in got[-1].reason
    assert all(isinstance(d, Document) for d in got[:-1])


# ---------------------------------------------------------------- feeds


def test_rss_feed(tmp_path: Path) -> None:
    first, empty, third = read(write(tmp_path / "kabar.rss", RSS))
    assert isinstance(first, Document)
    assert first.id == "kabar-123"
    assert first.text == "Banjir merendam tiga desa.\nWarga mengungsi ke balai desa."
    assert first.title == "Banjir di Sukamaju"
    assert first.published == "2025-03-14T06:30:00+07:00"  # the feed's own day, not UTC's
    assert first.url == "https://kabar.example/a"
    assert first.source == "Kabar Nusantara - Terkini"
    assert first.lang == "id"
    assert isinstance(empty, DocumentError) and empty.doc_id == "https://kabar.example/b"
    assert empty.reason.startswith("empty document") and "entry 2 of" in empty.reason
    assert isinstance(third, Document) and third.id == "https://kabar.example/c"
    assert third.text == "Polisi menangkap dua tersangka pencurian sepeda motor."


def test_atom_feed_prefers_content_over_summary(tmp_path: Path) -> None:
    doc = only(read(write(tmp_path / "kabar.atom", ATOM)))
    assert isinstance(doc, Document)
    assert doc.id == "tag:kabar.example,2025:1"
    assert doc.text == ("Ribuan mahasiswa berunjuk rasa di depan gedung DPRD.\n"
                        "Mereka menuntut pembatalan kenaikan tarif.")
    assert doc.published == "2025-03-15T09:00:00+07:00"
    assert doc.source == "Atom Kabar"


@pytest.mark.parametrize(("data", "message"), [
    ("<html><body><p>bukan feed</p></body></html>", "not an RSS or Atom feed"),
    ("<<<>>> bukan xml", "not an RSS or Atom feed"),
])
def test_feed_errors(tmp_path: Path, data: str, message: str) -> None:
    path = write(tmp_path / "x.xml", data)
    err = only(read(path))
    assert isinstance(err, DocumentError) and err.doc_id == str(path)
    assert err.reason.startswith(message)


# ---------------------------------------------------------------- directories, stdin, dispatch


def test_directory_recursive_sorted_known_only(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", "Dokumen B.")
    write(tmp_path / "a.txt", "Dokumen A.")
    write(tmp_path / "sub" / "c.jsonl", jsonl({"id": "c1", "text": "C satu."},
                                              {"id": "c2", "text": "C dua."}))
    write(tmp_path / "sub" / "d.html", PAGE)
    write(tmp_path / "sub" / "deeper" / "e.atom", ATOM)
    write(tmp_path / "gambar.png", b"\x89PNG\r\n\x1a\n")
    write(tmp_path / "catatan.md", "bukan masukan")
    write(tmp_path / ".tersembunyi.txt", "tersembunyi")
    write(tmp_path / ".git" / "x.txt", "tersembunyi")
    ids = [d.id for d in read(tmp_path) if isinstance(d, Document)]
    assert ids == ["a.txt", "b.txt", "c1", "c2", "d.html", "tag:kabar.example,2025:1"]


@pytest.mark.parametrize("binary", [False, True])
def test_stdin_jsonl(monkeypatch: pytest.MonkeyPatch, binary: bool) -> None:
    data = jsonl({"id": "s1", "text": "Dari stdin \u201csatu\u201d."}, "bukan json",
                 {"id": "s2", "text": "Dari stdin dua."})
    stdin = io.TextIOWrapper(io.BytesIO(data.encode()), encoding="ascii") if binary else io.StringIO(data)
    monkeypatch.setattr(sys, "stdin", stdin)
    s1, bad, s2 = read("-")
    assert isinstance(s1, Document) and s1.text == "Dari stdin \u201csatu\u201d."
    assert isinstance(bad, DocumentError) and bad.doc_id == "<stdin>:2"
    assert isinstance(s2, Document) and s2.id == "s2"


def test_bad_inputs_never_stop_the_others(tmp_path: Path) -> None:
    write(tmp_path / "catatan.md", "bukan masukan")
    got = read(tmp_path / "tidak-ada.txt", tmp_path / "catatan.md", write(tmp_path / "ok.txt", "Baik."))
    missing, unsupported, ok = got
    assert isinstance(missing, DocumentError) and missing.reason == "no such file or directory"
    assert isinstance(unsupported, DocumentError) and unsupported.reason.startswith("unsupported input")
    assert isinstance(ok, Document) and ok.id == "ok.txt"


# ---------------------------------------------------------------- URLs (127.0.0.1 only)


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # keep pytest output clean
        pass

    def _send(self, status: int, body: bytes, ctype: str, *, length: bool = True) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client gave up, as tested
            self._route()

    def _route(self) -> None:
        path = self.path
        if path == "/page":
            self._send(200, PAGE.encode(), "text/html; charset=utf-8")
        elif path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/page")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path.startswith("/loop"):
            self.send_response(302)
            self.send_header("Location", f"/loop{len(path)}")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/feed":
            self._send(200, RSS.encode(), "application/rss+xml")
        elif path == "/plain":
            self._send(200, "Kaf\u00e9 \u201cMerdeka\u201d buka.".encode("cp1252"),
                       "text/plain; charset=windows-1252")
        elif path == "/untyped":
            self._send(200, PAGE.encode(), "application/octet-stream")
        elif path == "/image":
            self._send(200, b"\x89PNG\r\n\x1a\n", "image/png")
        elif path == "/huge":  # no Content-Length: the cap must hold while streaming
            self._send(200, b"<html><body><p>" + b"kata " * 200_000 + b"</p></body></html>",
                       "text/html", length=False)
        elif path == "/huge-declared":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "50000000")
            self.end_headers()
        elif path == "/slow":
            time.sleep(1.0)
            self._send(200, PAGE.encode(), "text/html")
        elif path == "/trickle":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            for _ in range(20):
                self.wfile.write(b"sedikit demi sedikit\n")
                self.wfile.flush()
                time.sleep(0.1)
        else:
            self._send(404, b"tidak ada", "text/plain")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with serving(_Handler) as url:
        yield url


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    no_proxy(monkeypatch)


def test_url_page(server: str) -> None:
    doc = only(read(f"{server}/page"))
    assert isinstance(doc, Document)
    assert doc.id == f"{server}/page"
    assert doc.url == f"{server}/page"
    assert all(para in doc.text for para in PARAS)
    assert not any(noise in doc.text for noise in NOISE)
    assert doc.published == "2025-03-14T08:30:00+07:00"


def test_url_redirect_keeps_given_id(server: str) -> None:
    doc = only(read(f"{server}/redirect"))
    assert isinstance(doc, Document)
    assert doc.id == f"{server}/redirect"
    assert doc.url == f"{server}/page"


def test_url_feed_plain_and_untyped(server: str) -> None:
    feed = read(f"{server}/feed")
    assert [type(d).__name__ for d in feed] == ["Document", "DocumentError", "Document"]
    assert [d.id if isinstance(d, Document) else d.doc_id for d in feed] == [
        "kabar-123", "https://kabar.example/b", "https://kabar.example/c"]
    plain = only(read(f"{server}/plain"))
    assert isinstance(plain, Document) and plain.text == "Kaf\u00e9 \u201cMerdeka\u201d buka."
    untyped = only(read(f"{server}/untyped"))
    assert isinstance(untyped, Document) and PARAS[0] in untyped.text


@pytest.mark.parametrize(("path", "options", "message"), [
    ("/missing", {}, "HTTP 404 Not Found"),
    ("/loop", {}, "too many redirects (more than 5)"),
    ("/image", {}, "unsupported content type 'image/png'"),
    ("/huge", {"max_bytes": 100_000}, "document too large ("),
    ("/huge-declared", {"max_bytes": 100_000}, "document too large (50000000 bytes > 100000)"),
    ("/slow", {"timeout": 0.3}, "timed out after 0.3 s"),
    ("/trickle", {"timeout": 0.5}, "timed out after 0.5 s (download too slow)"),
])
def test_url_errors(server: str, path: str, options: dict[str, float], message: str) -> None:
    err = only(read(f"{server}{path}", **options))
    assert isinstance(err, DocumentError)
    assert err.doc_id == f"{server}{path}"
    assert err.reason.startswith(message), err.reason


def test_url_error_then_file_still_read(server: str, tmp_path: Path) -> None:
    err, doc = read(f"{server}/missing", write(tmp_path / "ok.txt", "Tetap dibaca."))
    assert isinstance(err, DocumentError) and isinstance(doc, Document)


# ---------------------------------------------------------------- shared seed data (read, never copied)


def test_seed_jsonl_and_txt() -> None:
    seed = SHARED / "data" / "seed"
    jsonl_path, txt_path = seed / "docs.jsonl", seed / "000_1e9fd6f585225507.txt"
    if not (jsonl_path.exists() and txt_path.exists()):
        pytest.skip("shared seed data absent")
    from_jsonl = only(read(jsonl_path))
    from_txt = only(read(txt_path))
    assert isinstance(from_jsonl, Document) and isinstance(from_txt, Document)
    assert from_jsonl.id == "seed"
    assert from_txt.id == "000_1e9fd6f585225507.txt"
    expected = json.loads(jsonl_path.read_text(encoding="utf-8").splitlines()[0])["text"]
    assert from_jsonl.text == expected
    assert from_txt.text == txt_path.read_text(encoding="utf-8")
