"""Boilerplate marking and the analysis view keep offsets and find what is not the article."""

from __future__ import annotations

from typing import Any

import pytest

from peristiwa.text.clean import TextView, find_boilerplate, find_dateline

PAGE = (
    "Jakarta - Polisi menangkap dua orang di Bekasi pada Senin (2/6/2025).\n"
    "SCROLL TO CONTINUE WITH CONTENT\n"
    "Baca juga:\n"
    "Polisi Buru Pelaku Perampokan Toko Emas di Bekasi\n"
    "Kedua tersangka kini ditahan di Polres Metro Bekasi.\n"
    "Baca Juga: Warga Demo Tolak Tambang Pasir di Lumajang\n"
    "BACA JUGA\n"
    "Kapolres mengatakan penyidikan masih berjalan.\n"
    "ADVERTISEMENT\n"
    "Simak Video 'Detik-detik Penangkapan Pelaku':\n"
    "[Gambas:Video 20detik]\n"
    "Simak berita selengkapnya di halaman selanjutnya.\n"
    "[video.1]\n"
    "Baca selengkapnyadi sini.\n"
    "(rdp/idh)\n"
    "bekasi\n"
    "penangkapan\n"
    "Hoegeng Awards 2025\n"
    "Artikel ini telah tayang di CNN Indonesia.\n"
)


def _marked(text: str) -> list[str]:
    return [b.span.text for b in find_boilerplate(text)]


def test_every_kind_of_furniture_is_marked() -> None:
    marked = _marked(PAGE)
    for line in [
        "SCROLL TO CONTINUE WITH CONTENT", "Baca juga:", "Polisi Buru Pelaku Perampokan Toko Emas di Bekasi",
        "Baca Juga: Warga Demo Tolak Tambang Pasir di Lumajang", "BACA JUGA", "ADVERTISEMENT",
        "Simak Video 'Detik-detik Penangkapan Pelaku':", "[Gambas:Video 20detik]",
        "Simak berita selengkapnya di halaman selanjutnya.", "[video.1]", "Baca selengkapnyadi sini.",
        "(rdp/idh)", "bekasi", "penangkapan", "Hoegeng Awards 2025", "Artikel ini telah tayang di CNN Indonesia.",
    ]:
        assert line in marked, line


def test_article_sentences_are_not_marked() -> None:
    marked = " ".join(_marked(PAGE))
    for sentence in ["Polisi menangkap dua orang", "Kedua tersangka kini ditahan",
                     "Kapolres mengatakan penyidikan"]:
        assert sentence not in marked


def test_bare_baca_juga_keeps_the_paragraph_after_it() -> None:
    text = "Paragraf pertama.\nBaca Juga\nDi lokasi lain, serangan menewaskan enam orang dan melukai puluhan lainnya.\n"
    assert _marked(text) == ["Baca Juga"]


def test_offsets_are_exact() -> None:
    for b in find_boilerplate(PAGE):
        assert PAGE[b.span.start:b.span.end] == b.span.text


@pytest.mark.parametrize(("text", "expected"), [
    ("BEIRUT, KOMPAS.com - Israel menyerang.", "BEIRUT, KOMPAS.com -"),
    ("Liputan6.com, Teheran -Korps Garda Revolusi menyerang.", "Liputan6.com, Teheran -"),
    ("KOMPAS.com - Perang masih berkecamuk.", "KOMPAS.com -"),
    ("Perang masih berkecamuk di Gaza.", None),
])
def test_dateline(text: str, expected: str | None) -> None:
    span = find_dateline(text)
    assert (span.text if span else None) == expected


def test_view_unglues_words_and_maps_back() -> None:
    names = {"Israel", "Palestina", "Indonesia"}
    text = "Sebanyak 44 wargaPalestinatewas akibat seranganIsraeldi Gaza, dilansirAFPdanReuters."
    view = TextView(text, is_name=names.__contains__)
    assert "warga Palestina tewas" in view.norm
    assert "serangan Israel di Gaza" in view.norm
    assert "dilansir AFP dan Reuters" in view.norm
    start = view.norm.index("Israel")
    span = view.span(start, start + len("Israel"))
    assert span.text == "Israel" and text[span.start:span.end] == "Israel"
    whole = view.span(0, len(view.norm))
    assert whole.text == text


def test_view_leaves_names_and_ordinary_words_whole() -> None:
    view = TextView("Jawaban Abu Mahdi AlMuhandis kepada McDonald", is_name={"Jawa"}.__contains__)
    assert view.norm == "Jawaban Abu Mahdi AlMuhandis kepada McDonald"


def test_view_keeps_a_name_whose_ending_would_be_a_preposition_before_a_stop() -> None:
    names = {"Lepa", "Rama", "Israel"}
    view = TextView("di Desa Lepadi, bulan Ramadan. Serangan Israeldi Gaza", is_name=names.__contains__)
    assert view.norm == "di Desa Lepadi, bulan Ramadan. Serangan Israel di Gaza"


def test_view_joins_a_quote_scraped_one_word_per_line() -> None:
    text = '"Saya\nkejepit\ndi mobil," kata dia.\nParagraf baru.'
    view = TextView(text)
    assert view.norm.startswith('"Saya kejepit di mobil,"')
    assert "\nParagraf baru." in view.norm
    assert len(view.norm) == len(text)


def test_seed_baca_juga_lines_marked_and_nothing_else(seed_doc: dict[str, Any]) -> None:
    text = seed_doc["text"]
    marked = [b.span for b in find_boilerplate(text)]
    baca = [line for line in text.splitlines() if line.startswith("Baca Juga")]
    assert len(baca) == 2
    assert sorted(s.text for s in marked) == sorted(baca)


def test_dev_boilerplate_offsets_and_no_long_paragraphs(dev_docs: list[dict[str, Any]]) -> None:
    total = 0
    for d in dev_docs:
        for b in find_boilerplate(d["text"]):
            total += 1
            assert d["text"][b.span.start:b.span.end] == b.span.text
            # a marked line is furniture: never a long paragraph of the article
            assert len(b.span.text.split()) <= 25, (d["id"], b.span.text)
        view = TextView(d["text"])
        assert view.span(0, len(view.norm)).text == d["text"]
    assert total >= 100
