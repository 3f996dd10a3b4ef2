"""Tests for peristiwa.text.sentences: abbreviations, numbers, quotes, lines and scraped line breaks."""

from __future__ import annotations

import re
from typing import Any

import pytest

from peristiwa.lang.id.abbreviations import ABBREVIATIONS, SENTENCE_FINAL_ABBREVIATIONS
from peristiwa.text.sentences import split_sentences
from peristiwa.types import Span


def _texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def _check_invariants(text: str, spans: list[Span]) -> None:
    """Spans are exact, stripped, ordered, disjoint, and cover every non-space character."""
    covered = [False] * len(text)
    last_end = 0
    for span in spans:
        assert text[span.start:span.end] == span.text
        assert span.text and span.text == span.text.strip()
        assert span.start >= last_end
        last_end = span.end
        for i in range(span.start, span.end):
            covered[i] = True
    assert all(covered[i] or ch.isspace() for i, ch in enumerate(text))


_NON_FINAL = {v for a in set(ABBREVIATIONS) - set(SENTENCE_FINAL_ABBREVIATIONS) for v in (a, a.upper())}


def _ends_after_abbreviation(sentence: str) -> bool:
    return sentence.split()[-1].lstrip("\"'“‘([") in _NON_FINAL


@pytest.mark.parametrize(("text", "expected"), [
    # abbreviations
    ("Kantornya di Jl. Merdeka No. 12, Kec. Sukajadi, Kab. Bandung. Polisi datang.",
     ["Kantornya di Jl. Merdeka No. 12, Kec. Sukajadi, Kab. Bandung.", "Polisi datang."]),
    ("Korban dirawat dr. Siti dan Dr. Andi. Kondisinya membaik.",
     ["Korban dirawat dr. Siti dan Dr. Andi.", "Kondisinya membaik."]),
    ("Rombongan H. Ahmad dan Hj. Aminah tiba. Mereka disambut.",
     ["Rombongan H. Ahmad dan Hj. Aminah tiba.", "Mereka disambut."]),
    ("Kapolres Kol. Budi dan Brigjen. Rudi hadir. Acara dimulai.",
     ["Kapolres Kol. Budi dan Brigjen. Rudi hadir.", "Acara dimulai."]),
    ("Prof. Ir. Bambang, S.H., M.Si. memberi kuliah. Mahasiswa mencatat.",
     ["Prof. Ir. Bambang, S.H., M.Si. memberi kuliah.", "Mahasiswa mencatat."]),
    ("Surat a.n. Menteri dikirim oleh PT Maju Tbk. Direksinya setuju.",
     ["Surat a.n. Menteri dikirim oleh PT Maju Tbk. Direksinya setuju."]),
    ("Ia tinggal di St. Petersburg. Ia pulang.", ["Ia tinggal di St. Petersburg.", "Ia pulang."]),
    ("Saksi A. Rahman dan B. J. Habibi datang. Sidang dibuka.",
     ["Saksi A. Rahman dan B. J. Habibi datang.", "Sidang dibuka."]),
    ("Ia menulis di media sosial X. Unggahan itu viral.",
     ["Ia menulis di media sosial X.", "Unggahan itu viral."]),
    ("Bantuan berupa beras, minyak, dll. dibagikan. Warga senang.",
     ["Bantuan berupa beras, minyak, dll. dibagikan.", "Warga senang."]),
    ("Polisi menyita parang, panah, dsb. Tersangka ditahan.",
     ["Polisi menyita parang, panah, dsb.", "Tersangka ditahan."]),
    ("Kantor di JL. Sudirman ditutup. Pegawai pulang.",
     ["Kantor di JL. Sudirman ditutup.", "Pegawai pulang."]),
    # numbers and dates
    ("Sebanyak 1.200 orang dan 3.5 ton bantuan tiba pukul 10.00. Semua lancar.",
     ["Sebanyak 1.200 orang dan 3.5 ton bantuan tiba pukul 10.00.", "Semua lancar."]),
    ("Serangan terjadi Rabu (18/6/2025). Tiga orang tewas.",
     ["Serangan terjadi Rabu (18/6/2025).", "Tiga orang tewas."]),
    ("Perang dimulai pada 2019. 20 orang tewas hari itu.",
     ["Perang dimulai pada 2019.", "20 orang tewas hari itu."]),
    # quotes
    ('"Kami siap menghadapi apa pun." Panglima lalu meninggalkan lokasi.',
     ['"Kami siap menghadapi apa pun."', "Panglima lalu meninggalkan lokasi."]),
    ('"Kami akan membalas," kata dia. "Tunggu saja."',
     ['"Kami akan membalas," kata dia.', '"Tunggu saja."']),
    ("“Apakah ini adil?” tanya warga. Tidak ada jawaban.",
     ["“Apakah ini adil?” tanya warga.", "Tidak ada jawaban."]),
    ('"Hentikan!" teriak massa. Polisi mundur.', ['"Hentikan!" teriak massa.', "Polisi mundur."]),
    ('Ia datang. "\nKami menolak," katanya.', ["Ia datang.", '"\nKami menolak," katanya.']),
    # other terminals
    ("Mengapa ia pergi? Tidak ada yang tahu! Semua diam.",
     ["Mengapa ia pergi?", "Tidak ada yang tahu!", "Semua diam."]),
    ("Ia menunggu... lalu pergi. Ia menunggu... Kemudian pulang.",
     ["Ia menunggu... lalu pergi.", "Ia menunggu...", "Kemudian pulang."]),
    ("Harga naik. (Foto: Antara) Warga mengeluh.", ["Harga naik.", "(Foto: Antara) Warga mengeluh."]),
    # lines
    ("Bentrokan di Perbatasan\nDua kelompok bentrok pada Senin. Polisi datang.\nSituasi kini aman.",
     ["Bentrokan di Perbatasan", "Dua kelompok bentrok pada Senin.", "Polisi datang.",
      "Situasi kini aman."]),
    ("Baca juga:\nPolisi Tangkap Pelaku Pembakaran\nPelaku ditangkap di rumahnya.",
     ["Baca juga:", "Polisi Tangkap Pelaku Pembakaran", "Pelaku ditangkap di rumahnya."]),
    ("Paragraf satu selesai.\n\nParagraf dua selesai.", ["Paragraf satu selesai.", "Paragraf dua selesai."]),
    ("Daftar tuntutan:\n1. Bebaskan tahanan.\n2. Tarik pasukan.",
     ["Daftar tuntutan:", "1. Bebaskan tahanan.", "2. Tarik pasukan."]),
    ("Ia berkata,\n\"Kami tidak takut.\"", ['Ia berkata,\n"Kami tidak takut."']),
    ("Ia berkata,\nSCROLL TO CONTINUE WITH CONTENT\nLalu ia pergi.",
     ["Ia berkata,", "SCROLL TO CONTINUE WITH CONTENT", "Lalu ia pergi."]),
    ("Sumber\n-------\nArtikel ini tayang di media lain.",
     ["Sumber", "-------", "Artikel ini tayang di media lain."]),
    # sentences scraped one word (or one link) per line
    ("Bandung\n-\nWarga\nmenolak rencana itu.", ["Bandung\n-\nWarga\nmenolak rencana itu."]),
    ("Pesawat terbang menuju ke\nSurabaya\n. Penumpang selamat.",
     ["Pesawat terbang menuju ke\nSurabaya\n.", "Penumpang selamat."]),
    ("Pernyataan itu dikutip dari\nAntara\n, Senin (2/6).",
     ["Pernyataan itu dikutip dari\nAntara\n, Senin (2/6)."]),
    ("Menurut juru bicara,\nBudi Santoso\n, pelaku kabur.",
     ["Menurut juru bicara,\nBudi Santoso\n, pelaku kabur."]),
    ('"Saya\nkaget\nsekali," ujarnya.', ['"Saya\nkaget\nsekali," ujarnya.']),
    ("Jakarta\n-\nGubernur\nJawa Barat\nAhmad Yani meresmikan jembatan itu.",
     ["Jakarta\n-\nGubernur\nJawa Barat\nAhmad Yani meresmikan jembatan itu."]),
    ("Polisi membekuk kelompok bersenjata\n(KKB) di hutan.",
     ["Polisi membekuk kelompok bersenjata\n(KKB) di hutan."]),
    ("Ia memulai penyelidikan \"\nmakar\n\" terhadap tokoh itu.",
     ["Ia memulai penyelidikan \"\nmakar\n\" terhadap tokoh itu."]),
    ("Jaksa memeriksa mantan presiden\nBudi Santoso karena diduga menghasut massa.",
     ["Jaksa memeriksa mantan presiden\nBudi Santoso karena diduga menghasut massa."]),
    ("Polisi menangkap dua orang yang diduga terlibat dengan\nKelompok Merah di Bekasi.",
     ["Polisi menangkap dua orang yang diduga terlibat dengan\nKelompok Merah di Bekasi."]),
    ("Tiga Warga Luka\nSebelumnya, tiga warga terluka.",
     ["Tiga Warga Luka", "Sebelumnya, tiga warga terluka."]),
])
def test_split_sentences(text: str, expected: list[str]) -> None:
    spans = split_sentences(text)
    assert [s.text for s in spans] == expected
    _check_invariants(text, spans)


@pytest.mark.parametrize("text", ["", "   ", "\n\n", " \t\n "])
def test_blank_text_has_no_sentences(text: str) -> None:
    assert split_sentences(text) == []


def test_surrounding_whitespace_is_outside_spans() -> None:
    text = "  \n Kalimat satu.   Kalimat dua.  \r\n"
    spans = split_sentences(text)
    assert [s.text for s in spans] == ["Kalimat satu.", "Kalimat dua."]
    assert spans[0].start == 4
    _check_invariants(text, spans)


@pytest.mark.parametrize("abbreviation", sorted(set(ABBREVIATIONS) - set(SENTENCE_FINAL_ABBREVIATIONS)))
def test_no_cut_after_listed_abbreviation(abbreviation: str) -> None:
    text = f"Surat itu menyebut {abbreviation} Budi Santoso sebagai saksi. Sidang ditunda."
    first = f"Surat itu menyebut {abbreviation} Budi Santoso sebagai saksi."
    assert _texts(text) == [first, "Sidang ditunda."]


@pytest.mark.parametrize("abbreviation", SENTENCE_FINAL_ABBREVIATIONS)
def test_final_abbreviation_cuts_only_before_capital(abbreviation: str) -> None:
    assert len(_texts(f"Ada parang, panah, {abbreviation} yang disita.")) == 1
    assert len(_texts(f"Ada parang, panah, {abbreviation} Polisi menyita semuanya.")) == 2


def test_dev_docs(dev_docs: list[dict[str, Any]]) -> None:
    """Over every dev document: the offset invariants, and no sentence ends at an abbreviation.

    Its speed is timed by ``benchmarks/text_stages.py``, not here."""
    total = 0
    for doc in dev_docs:
        text = doc["text"]
        spans = split_sentences(text)
        _check_invariants(text, spans)
        for span in spans:
            assert not _ends_after_abbreviation(span.text), (doc["id"], span.start)
        total += len(spans)
    assert total > 10 * len(dev_docs)


def test_dev_docs_lines_without_stop_split_unless_scraped(dev_docs: list[dict[str, Any]]) -> None:
    """A sentence never runs from a line ending in a full stop into the next line."""
    ending = re.compile(r"[.!?][\"'”’)]*\n")
    for doc in dev_docs:
        for span in split_sentences(doc["text"]):
            assert not ending.search(span.text), (doc["id"], span.start)


def test_two_word_titles_join_lines_but_their_last_word_alone_does_not() -> None:
    """"juru bicara" / "duta besar" at a line's end go on in the next line; "bicara", "besar" alone may end one."""
    assert _texts("Hal itu disampaikan juru bicara\nAhmad Yani kepada wartawan.") == [
        "Hal itu disampaikan juru bicara\nAhmad Yani kepada wartawan."]
    assert _texts("Ia bertemu duta besar\nJepang di Jakarta.") == ["Ia bertemu duta besar\nJepang di Jakarta."]
    assert _texts("Dia tidak mau bicara\nKemudian polisi datang.") == ["Dia tidak mau bicara", "Kemudian polisi datang."]
    assert _texts("Kerugiannya sangat besar\nPolisi menyelidiki.") == ["Kerugiannya sangat besar", "Polisi menyelidiki."]
