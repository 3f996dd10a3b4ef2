"""Date expressions are found and resolved to the right inclusive intervals (find_times)."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest

from peristiwa.lang.id import time_words as tw
from peristiwa.text import dates
from peristiwa.text.dates import find_times

D = dt.date
PUB = D(2025, 6, 18)  # a Wednesday; that week runs Monday 16 to Sunday 22 June

Expected = tuple[str, dt.date, dt.date, str]


def _found(text: str, published: dt.date | None = PUB) -> list[Expected]:
    return [(t.span.text, t.start, t.end, t.precision) for t in find_times(text, published=published)]


# (sentence, expected expressions).  Each sentence is fictional; published = PUB.
ABSOLUTE: list[tuple[str, list[Expected]]] = [
    ("Roket menghantam pangkalan itu pada 27 Desember 2019 malam.",
     [("27 Desember 2019", D(2019, 12, 27), D(2019, 12, 27), "day")]),
    ("Serangan balasan terjadi 3 Januari 2020 di dekat bandara.",
     [("3 Januari 2020", D(2020, 1, 3), D(2020, 1, 3), "day")]),
    ("Kapal itu tiba pada 1 Juni dengan muatan beras.",
     [("1 Juni", D(2025, 6, 1), D(2025, 6, 1), "day")]),
    ("Harga beras naik sejak Juni 2025.",
     [("Juni 2025", D(2025, 6, 1), D(2025, 6, 30), "month")]),
    ("Kesepakatan itu diteken Desember lalu di Doha.",
     [("Desember lalu", D(2024, 12, 1), D(2024, 12, 31), "month")]),
    ("Rapat digelar 3 Des 2019 dan 5 Jan. 2020.",
     [("3 Des 2019", D(2019, 12, 3), D(2019, 12, 3), "day"),
      ("5 Jan. 2020", D(2020, 1, 5), D(2020, 1, 5), "day")]),
    ("Ejaan lama: 3 Pebruari 2020, 4 Nopember 2019, 17 Agustus 1945, 9 Agt 2021, 1 Sept. 2021.",
     [("3 Pebruari 2020", D(2020, 2, 3), D(2020, 2, 3), "day"),
      ("4 Nopember 2019", D(2019, 11, 4), D(2019, 11, 4), "day"),
      ("17 Agustus 1945", D(1945, 8, 17), D(1945, 8, 17), "day"),
      ("9 Agt 2021", D(2021, 8, 9), D(2021, 8, 9), "day"),
      ("1 Sept. 2021", D(2021, 9, 1), D(2021, 9, 1), "day")]),
    ("Bentrokan berlangsung 12-13 Juni 2025 di perbatasan.",
     [("12-13 Juni 2025", D(2025, 6, 12), D(2025, 6, 13), "range")]),
    ("Pameran dibuka 12 hingga 14 Juni di Medan.",
     [("12 hingga 14 Juni", D(2025, 6, 12), D(2025, 6, 14), "range")]),
    ("Gencatan senjata berlaku 30 Mei hingga 2 Juni 2025.",
     [("30 Mei hingga 2 Juni 2025", D(2025, 5, 30), D(2025, 6, 2), "range")]),
    ("Operasi berlangsung Januari-Maret 2025 dan Juni 2024 hingga Maret 2025.",
     [("Januari-Maret 2025", D(2025, 1, 1), D(2025, 3, 31), "range"),
      ("Juni 2024 hingga Maret 2025", D(2024, 6, 1), D(2025, 3, 31), "range")]),
    ("Polisi menangkap pelaku pada Rabu (18/6/2025) di Depok.",
     [("Rabu (18/6/2025)", PUB, PUB, "day")]),
    ("Tersangka diperiksa Selasa (17/6) di Polda.",
     [("Selasa (17/6)", D(2025, 6, 17), D(2025, 6, 17), "day")]),
    ("Banjir melanda Bekasi (18/6) sejak subuh.",
     [("18/6", PUB, PUB, "day")]),
    ("Surat bertanggal 18/06/2025 dan arsip 2025-06-18 itu disita.",
     [("18/06/2025", PUB, PUB, "day"), ("2025-06-18", PUB, PUB, "day")]),
    ("Jakarta, Senin, 6 Januari 2020 10:15 WIB - Gempa mengguncang.",
     [("Senin, 6 Januari 2020 10:15 WIB", D(2020, 1, 6), D(2020, 1, 6), "time")]),
    ("Sidang dimulai Jumat (20/6) pukul 09.00 WIB.",
     [("Jumat (20/6) pukul 09.00 WIB", D(2025, 6, 20), D(2025, 6, 20), "time")]),
    ("Pesta rakyat digelar 17 Agustus mendatang.",
     [("17 Agustus mendatang", D(2025, 8, 17), D(2025, 8, 17), "day")]),
    ("Blokade berlangsung sejak 7 Oktober.",
     [("7 Oktober", D(2024, 10, 7), D(2024, 10, 7), "day")]),
    ("Kontrak itu diteken pada Mei dan berakhir Agustus mendatang.",
     [("Mei", D(2025, 5, 1), D(2025, 5, 31), "month"),
      ("Agustus mendatang", D(2025, 8, 1), D(2025, 8, 31), "month")]),
    ("Juru bicara menyebut June 20, 2025 sebagai tenggat.",
     [("June 20, 2025", D(2025, 6, 20), D(2025, 6, 20), "day")]),
    ("Rudal itu ditembakkan pada April dan Oktober 2024.",  # the listed months share the year
     [("April", D(2024, 4, 1), D(2024, 4, 30), "month"),
      ("Oktober 2024", D(2024, 10, 1), D(2024, 10, 31), "month")]),
    ("Pesawat berangkat Jumat (20/6) pukul 07.00 waktu setempat.",
     [("Jumat (20/6) pukul 07.00 waktu setempat", D(2025, 6, 20), D(2025, 6, 20), "time")]),
    ("Gempa terjadi pada 12 Juni 2025 pukul 10.00 WIB.",
     [("12 Juni 2025 pukul 10.00 WIB", D(2025, 6, 12), D(2025, 6, 12), "time")]),
]

PARTS_AND_YEARS: list[tuple[str, list[Expected]]] = [
    ("Hujan turun sejak awal Juni.", [("awal Juni", D(2025, 6, 1), D(2025, 6, 10), "range")]),
    ("Panen raya pada pertengahan Juni 2024.",
     [("pertengahan Juni 2024", D(2024, 6, 11), D(2024, 6, 20), "range")]),
    ("Tenggatnya akhir Juni.", [("akhir Juni", D(2025, 6, 21), D(2025, 6, 30), "range")]),
    ("Laporan keluar akhir Februari 2024.",
     [("akhir Februari 2024", D(2024, 2, 21), D(2024, 2, 29), "range")]),
    ("Pabrik itu dibangun pada 1983.", [("1983", D(1983, 1, 1), D(1983, 12, 31), "year")]),
    ("Ia lahir tahun 1983 di Solo.", [("tahun 1983", D(1983, 1, 1), D(1983, 12, 31), "year")]),
    ("Perang Iran-Irak (1980-1988) menewaskan ratusan ribu orang.",
     [("1980-1988", D(1980, 1, 1), D(1988, 12, 31), "range")]),
    ("Perang 1980–1988 itu panjang.", [("1980–1988", D(1980, 1, 1), D(1988, 12, 31), "range")]),
    ("Kelompok itu berdiri pada tahun 1990-an.",
     [("tahun 1990-an", D(1990, 1, 1), D(1999, 12, 31), "decade")]),
    ("Proyek rampung akhir 2024.", [("akhir 2024", D(2024, 9, 1), D(2024, 12, 31), "range")]),
    ("Badai besar datang pada musim dingin 2024.",
     [("musim dingin 2024", D(2024, 12, 1), D(2025, 2, 28), "season")]),
    ("Lagu era 80-an populer lagi, seperti awal 2000-an.",
     [("era 80-an", D(1980, 1, 1), D(1989, 12, 31), "decade"),
      ("awal 2000-an", D(2000, 1, 1), D(2003, 12, 31), "range")]),
    ("Sensus periode 2019-2024 selesai.", [("2019-2024", D(2019, 1, 1), D(2024, 12, 31), "range")]),
]

RELATIVE: list[tuple[str, list[Expected]]] = [
    ("Kemarin hujan, hari ini cerah, besok dan lusa berawan.",
     [("Kemarin", D(2025, 6, 17), D(2025, 6, 17), "day"), ("hari ini", PUB, PUB, "day"),
      ("besok", D(2025, 6, 19), D(2025, 6, 19), "day"), ("lusa", D(2025, 6, 20), D(2025, 6, 20), "day")]),
    ("Kemarin lusa polisi datang.", [("Kemarin lusa", D(2025, 6, 16), D(2025, 6, 16), "day")]),
    ("Ledakan terdengar tadi malam.", [("tadi malam", D(2025, 6, 17), D(2025, 6, 17), "day")]),
    ("Gudang itu terbakar semalam.", [("semalam", D(2025, 6, 17), D(2025, 6, 17), "day")]),
    ("Warga berjaga Selasa malam.", [("Selasa malam", D(2025, 6, 17), D(2025, 6, 17), "day")]),
    ("Ia tiba dua hari lalu.", [("dua hari lalu", D(2025, 6, 16), D(2025, 6, 16), "day")]),
    ("Ia tiba 2 hari yang lalu.", [("2 hari yang lalu", D(2025, 6, 16), D(2025, 6, 16), "day")]),
    ("Kapal karam tiga minggu lalu.",
     [("tiga minggu lalu", D(2025, 5, 26), D(2025, 6, 1), "week")]),
    ("Demo pecah pekan lalu.", [("pekan lalu", D(2025, 6, 9), D(2025, 6, 15), "week")]),
    ("Vaksinasi digelar pekan ini.", [("pekan ini", D(2025, 6, 16), D(2025, 6, 22), "week")]),
    ("Harga naik bulan lalu.", [("bulan lalu", D(2025, 5, 1), D(2025, 5, 31), "month")]),
    ("Pemilu digelar tahun lalu.", [("tahun lalu", D(2024, 1, 1), D(2024, 12, 31), "year")]),
    ("Bentrok terjadi akhir pekan lalu.",
     [("akhir pekan lalu", D(2025, 6, 14), D(2025, 6, 15), "range")]),
    ("Senin, Selasa, Rabu, Kamis, Jumat, Sabtu, Minggu, Ahad.",
     [(name, day, day, "day") for name, day in [
         ("Senin", D(2025, 6, 16)), ("Selasa", D(2025, 6, 17)), ("Rabu", PUB),
         ("Kamis", D(2025, 6, 12)), ("Jumat", D(2025, 6, 13)), ("Sabtu", D(2025, 6, 14)),
         ("Minggu", D(2025, 6, 15)), ("Ahad", D(2025, 6, 15))]]),
    ("Rapat digelar Senin lalu dan dilanjutkan Senin depan.",
     [("Senin lalu", D(2025, 6, 16), D(2025, 6, 16), "day"),
      ("Senin depan", D(2025, 6, 23), D(2025, 6, 23), "day")]),
    ("Ia ditangkap Jumat pekan lalu dan disidang Senin pekan depan.",
     [("Jumat pekan lalu", D(2025, 6, 13), D(2025, 6, 13), "day"),
      ("Senin pekan depan", D(2025, 6, 23), D(2025, 6, 23), "day")]),
    ("Minggu lalu, pasukan tiba. Mereka pergi pada Minggu lalu juga.",
     [("Minggu lalu", D(2025, 6, 9), D(2025, 6, 15), "week"),
      ("Minggu lalu", D(2025, 6, 15), D(2025, 6, 15), "day")]),
    ("Sebelas hari lalu, dua belas hari lalu, dua puluh hari lalu, dua puluh satu hari lalu.",
     [("Sebelas hari lalu", D(2025, 6, 7), D(2025, 6, 7), "day"),
      ("dua belas hari lalu", D(2025, 6, 6), D(2025, 6, 6), "day"),
      ("dua puluh hari lalu", D(2025, 5, 29), D(2025, 5, 29), "day"),
      ("dua puluh satu hari lalu", D(2025, 5, 28), D(2025, 5, 28), "day")]),
    ("Seminggu lalu, sebulan lalu, setahun lalu.",
     [("Seminggu lalu", D(2025, 6, 9), D(2025, 6, 15), "week"),
      ("sebulan lalu", D(2025, 5, 1), D(2025, 5, 31), "month"),
      ("setahun lalu", D(2024, 1, 1), D(2024, 12, 31), "year")]),
    ("Korban bertambah dalam dua pekan terakhir.",
     [("dua pekan terakhir", D(2025, 6, 4), PUB, "range")]),
    ("Gempa susulan terjadi beberapa hari lalu.",
     [("beberapa hari lalu", D(2025, 6, 11), D(2025, 6, 16), "range")]),
    ("Target dicapai awal tahun ini.", [("awal tahun ini", D(2025, 1, 1), D(2025, 4, 30), "range")]),
    ("Hasilnya diumumkan Juni tahun lalu.",
     [("Juni tahun lalu", D(2024, 6, 1), D(2024, 6, 30), "month")]),
]

ANAPHORIC: list[tuple[str, list[Expected]]] = [
    ("Pada 27 Desember 2019, roket menghantam pangkalan. Dalam hitungan hari, AS membalas.",
     [("27 Desember 2019", D(2019, 12, 27), D(2019, 12, 27), "day"),
      ("Dalam hitungan hari", D(2019, 12, 27), D(2020, 1, 3), "range")]),
    ("Kota itu jatuh pada 3 Januari 2020. Beberapa hari kemudian, bantuan datang.",
     [("3 Januari 2020", D(2020, 1, 3), D(2020, 1, 3), "day"),
      ("Beberapa hari kemudian", D(2020, 1, 5), D(2020, 1, 10), "range")]),
    ("Kota itu jatuh pada 3 Januari 2020. Sehari kemudian pasukan mundur.",
     [("3 Januari 2020", D(2020, 1, 3), D(2020, 1, 3), "day"),
      ("Sehari kemudian", D(2020, 1, 4), D(2020, 1, 4), "day")]),
    ("Kota itu jatuh pada 3 Januari 2020. Dua hari kemudian pasukan mundur; keesokan harinya sepi.",
     [("3 Januari 2020", D(2020, 1, 3), D(2020, 1, 3), "day"),
      ("Dua hari kemudian", D(2020, 1, 5), D(2020, 1, 5), "day"),
      ("keesokan harinya", D(2020, 1, 6), D(2020, 1, 6), "day")]),
    ("Kota itu jatuh pada 3 Januari 2020; sehari sebelumnya listrik padam.",
     [("3 Januari 2020", D(2020, 1, 3), D(2020, 1, 3), "day"),
      ("sehari sebelumnya", D(2020, 1, 2), D(2020, 1, 2), "day")]),
    # Vague spans do not anchor what follows: "sehari kemudian" counts from 3 Januari.
    ("Pada 3 Januari 2020 kota jatuh. Dalam hitungan hari bantuan tiba, sehari kemudian sepi.",
     [("3 Januari 2020", D(2020, 1, 3), D(2020, 1, 3), "day"),
      ("Dalam hitungan hari", D(2020, 1, 3), D(2020, 1, 10), "range"),
      ("sehari kemudian", D(2020, 1, 4), D(2020, 1, 4), "day")]),
    # No earlier date: fall back to the publication date.
    ("Keesokan harinya, warga kembali.", [("Keesokan harinya", D(2025, 6, 19), D(2025, 6, 19), "day")]),
]

NOT_DATES: list[str] = [
    "Sebanyak 1.200 orang mengungsi.",
    "Pemerintah mengerahkan 2000 tentara ke perbatasan.",
    "Jumlah pengungsi bisa mencapai hingga 2000 orang.",
    "Aturan itu tertuang dalam Undang-Undang Nomor 12 Tahun 2011.",
    "Mereka meminta dalam tempo 7 hari ini bisa bertemu menteri.",
    "Pasar itu buka setiap Senin dan setiap akhir pekan.",
    "Mereka berunding selama dua hari di Doha.",
    "Jan dan April datang ke rumah Juni.",
    "Ia menginap semalam di rumah saudaranya.",
    "Skor akhir pertandingan 2-1 dan 3/4 penonton pulang.",
    "Harga cabai naik selama beberapa bulan ini.",
    "Persiapan Pemilu 2024 dan Piala Dunia 2026 dibahas.",
    "Tanggal 31 Juni 2025 dan Senin (30/2) tidak ada.",
    "Pesawat mendarat pukul 10.00 WIB dan lepas landas dalam waktu dekat.",
]


@pytest.mark.parametrize(("text", "expected"), ABSOLUTE + PARTS_AND_YEARS + RELATIVE + ANAPHORIC)
def test_expressions_resolve_to_intervals(text: str, expected: list[Expected]) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize("text", NOT_DATES)
def test_counts_and_non_dates_are_not_dates(text: str) -> None:
    assert _found(text) == []


def test_year_of_day_month_is_the_nearest_to_publication() -> None:
    assert _found("Serangan terjadi 28 Desember.", D(2020, 1, 5)) == [
        ("28 Desember", D(2019, 12, 28), D(2019, 12, 28), "day")]
    assert _found("Serangan terjadi Selasa (31/12).", D(2020, 1, 2)) == [
        ("Selasa (31/12)", D(2019, 12, 31), D(2019, 12, 31), "day")]
    assert _found("Kesepakatan itu dicapai Desember lalu.", D(2020, 1, 5)) == [
        ("Desember lalu", D(2019, 12, 1), D(2019, 12, 31), "month")]


def test_relative_flag_marks_what_leaned_on_another_date() -> None:
    text = "Pada 27 Desember 2019 roket jatuh. Dua hari kemudian, Senin (30/12) ada balasan kemarin."
    flags = {t.span.text: t.relative for t in find_times(text, published=D(2020, 1, 2))}
    assert flags == {"27 Desember 2019": False, "Dua hari kemudian": True, "Senin (30/12)": True,
                     "kemarin": True}


def test_without_publication_date_relative_expressions_are_dropped() -> None:
    text = "Kemarin, Senin, dua hari lalu, pekan lalu dan 27 Desember 2019 disebut; 1 Juni juga."
    assert _found(text, None) == [
        ("27 Desember 2019", D(2019, 12, 27), D(2019, 12, 27), "day"),
        # A missing year comes from the earlier date in the text (nearest, the past preferred).
        ("1 Juni", D(2019, 6, 1), D(2019, 6, 1), "day"),
    ]
    assert _found("Sidang ditunda ke 1 Juni.", None) == []
    assert _found("Dalam hitungan hari, pasukan tiba.", None) == []


def test_skip_spans_are_ignored_and_do_not_anchor_anaphora() -> None:
    text = ("Baca juga: Gudang Terbakar Senin (16/6/2025)\n"
            "Pada 10 Juni 2025 pabrik tutup. Sehari kemudian sepi.")
    noise = (0, text.index("\n"))
    found = find_times(text, published=PUB, skip=[noise])
    assert [(t.span.text, t.start) for t in found] == [
        ("10 Juni 2025", D(2025, 6, 10)), ("Sehari kemudian", D(2025, 6, 11))]
    assert all(t.span.start >= noise[1] for t in found)


def test_publication_datetime_is_accepted() -> None:
    assert _found("Kemarin sore hujan.", dt.datetime(2025, 6, 18, 21, 30)) == [
        ("Kemarin sore", D(2025, 6, 17), D(2025, 6, 17), "day")]


def test_month_table_agrees_with_dateparser() -> None:
    import dateparser

    known = 0
    for name, month in {**tw.MONTHS, **tw.MONTH_ABBREVIATIONS}.items():
        parsed = dateparser.parse(f"5 {name} 2021", languages=["id"], settings={"STRICT_PARSING": True})
        if parsed is not None:
            known += 1
            assert parsed.month == month, name
    assert known >= 25  # dateparser knows most of them; the rest are our own spelling variants


def _check_doc(doc: dict[str, Any]) -> None:
    text, pub = doc["text"], dt.date.fromisoformat(doc["published"][:10]) if doc.get("published") else None
    found = find_times(text, published=pub)
    for t in found:
        assert text[t.span.start:t.span.end] == t.span.text
        assert t.start <= t.end
        assert t.precision in {"time", "day", "week", "month", "year", "range", "decade", "season"}
    starts = [t.span.start for t in found]
    assert starts == sorted(starts)
    assert all(a.span.end <= b.span.start for a, b in itertools.pairwise(found))


def test_every_dev_document_gives_exact_spans(dev_docs: list[dict[str, Any]]) -> None:
    for doc in dev_docs:
        _check_doc(doc)


def test_anchor_windows_find_what_a_whole_text_scan_finds(dev_docs: list[dict[str, Any]]) -> None:
    texts = [doc["text"] for doc in dev_docs] + [t for t, _ in ABSOLUTE + PARTS_AND_YEARS + RELATIVE]
    for text in texts:
        fast = sorted((c.start, c.end, c.rank) for c in dates._candidates(text, ()))
        whole = sorted((c.start, c.end, c.rank) for c in dates._candidates(text, (), whole=True))
        assert fast == whole


def test_an_undated_article_resolves_against_the_latest_full_date_it_writes() -> None:
    from peristiwa.pipeline import extract
    from peristiwa.settings import Settings
    from peristiwa.text.dates import find_times_undated, reference_date
    from peristiwa.types import Document

    text = "Polisi menggelar rapat pada Jumat (22/7/2022). Kemarin, polisi menangkap dua pemuda di Bekasi."
    times = find_times_undated(text, published=None)
    assert reference_date(times) == dt.date(2022, 7, 22)
    assert [(t.span.text, t.start) for t in times] == [("Jumat (22/7/2022)", dt.date(2022, 7, 22)),
                                                        ("Kemarin", dt.date(2022, 7, 21))]
    assert reference_date(find_times_undated("Kemarin polisi menangkap dua pemuda.", published=None)) is None
    res = extract(Document(id="u", text=text), settings=Settings(use_nlp=False)).to_dict()
    arrest = next(e for e in res["events"] if e["trigger"]["text"] == "menangkap")
    assert arrest["date"]["start"] == "2022-07-21"
    # an act with no date of its own stands on that day, as it would on a publication date
    meeting = extract(Document(id="u", text="Polisi menangkap dua pemuda di Bekasi. Ada rapat pada Jumat (22/7/2022)."),
                      settings=Settings(use_nlp=False)).to_dict()["events"][0]
    assert (meeting["date"]["start"], meeting["date"]["precision"]) == ("2022-07-22", "publication")
