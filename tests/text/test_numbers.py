"""Tests for peristiwa.text.numbers: counts, vague amounts, hedges, ranges, and what is not a count."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from conftest import DEV_GOLD, load_jsonl

from peristiwa.text.numbers import find_quantities, parse_number
from peristiwa.types import Quantity, Toll


def _q(text: str) -> list[tuple[str, int, int, str | None, bool]]:
    return [(q.span.text, q.min, q.max, q.noun.text if q.noun else None, q.approximate)
            for q in find_quantities(text)]


def _check_offsets(text: str, quantities: list[Quantity]) -> None:
    for q in quantities:
        assert text[q.span.start:q.span.end] == q.span.text
        if q.noun is not None:
            assert text[q.noun.start:q.noun.end] == q.noun.text
            assert q.noun.start >= q.span.end
        assert 0 <= q.min <= q.max


@pytest.mark.parametrize(("words", "expected"), [
    ("dua puluh lima", (25, 25)),
    ("puluhan", (20, 99)),
    ("belasan", (11, 19)),
    ("ratusan", (100, 999)),
    ("ribuan", (1000, 9999)),
    ("jutaan", (1_000_000, 9_999_999)),
    ("puluhan ribu", (10_000, 99_999)),
    ("ratusan ribu", (100_000, 999_999)),
    ("belasan ribu", (11_000, 19_999)),
    ("seorang", (1, 1)),
    ("satu", (1, 1)),
    ("sembilan", (9, 9)),
    ("sepuluh", (10, 10)),
    ("sebelas", (11, 11)),
    ("dua belas", (12, 12)),
    ("sembilan belas", (19, 19)),
    ("seratus", (100, 100)),
    ("seratus dua puluh tiga", (123, 123)),
    ("tiga ratus sebelas", (311, 311)),
    ("seribu", (1000, 1000)),
    ("seribu dua ratus", (1200, 1200)),
    ("sepuluh ribu", (10_000, 10_000)),
    ("dua juta lima ratus ribu", (2_500_000, 2_500_000)),
    ("sejuta", (1_000_000, 1_000_000)),
    ("setengah juta", (500_000, 500_000)),
    ("Dua  Puluh", (20, 20)),
    ("25", (25, 25)),
    ("1.200", (1200, 1200)),
    ("1,5 juta", (1_500_000, 1_500_000)),
    ("3 ribu", (3000, 3000)),
    ("2 juta", (2_000_000, 2_000_000)),
    ("1.5 juta", (1_500_000, 1_500_000)),
])
def test_parse_number(words: str, expected: tuple[int, int]) -> None:
    assert parse_number(words) == expected


@pytest.mark.parametrize("words", [
    "", "belas", "puluh", "ribu", "juta", "dua tiga", "ribu dua", "seribu sejuta", "seorang dua",
    "setengah", "18.36", "2,5", "1.2.3", "12 orang", "kedua", "puluhan ratusan",
])
def test_parse_number_rejects(words: str) -> None:
    assert parse_number(words) is None


@pytest.mark.parametrize(("text", "expected"), [
    # digits, thousands separators, scales
    ("Sebanyak 25 orang tewas.", [("25", 25, 25, "orang", False)]),
    ("Serangan itu melukai 1.200 warga sipil.", [("1.200", 1200, 1200, "warga sipil", False)]),
    ("Sekitar 1,5 juta pengungsi terdampak.",
     [("Sekitar 1,5 juta", 1_500_000, 1_500_000, "pengungsi", True)]),
    ("Pemerintah mengerahkan 3 ribu personel.", [("3 ribu", 3000, 3000, "personel", False)]),
    ("Aksi itu diikuti 2 juta orang.", [("2 juta", 2_000_000, 2_000_000, "orang", False)]),
    # number words
    ("Serangan menewaskan seorang tentara AS.", [("seorang", 1, 1, "tentara AS", False)]),
    ("Ledakan menewaskan dua puluh lima anggota milisi di kota itu.",
     [("dua puluh lima", 25, 25, "anggota milisi", False)]),
    ("Sebelas orang ditangkap.", [("Sebelas", 11, 11, "orang", False)]),
    ("Polisi menahan dua belas pemuda.", [("dua belas", 12, 12, "pemuda", False)]),
    ("Ada seratus rumah terbakar dan seribu warga mengungsi.",
     [("seratus", 100, 100, "rumah", False), ("seribu", 1000, 1000, "warga", False)]),
    ("Dua orang tewas dan tiga warga terluka.",
     [("Dua", 2, 2, "orang", False), ("tiga", 3, 3, "warga", False)]),
    # vague amounts
    ("Serangan melukai puluhan warga Palestina.", [("puluhan", 20, 99, "warga Palestina", True)]),
    ("Belasan aktivis ditahan.", [("Belasan", 11, 19, "aktivis", True)]),
    ("Ratusan rumah rusak dan ribuan orang mengungsi.",
     [("Ratusan", 100, 999, "rumah", True), ("ribuan", 1000, 9999, "orang", True)]),
    ("Puluhan ribu orang berdemo.", [("Puluhan ribu", 10_000, 99_999, "orang", True)]),
    ("Ratusan ribu warga mengungsi.", [("Ratusan ribu", 100_000, 999_999, "warga", True)]),
    ("Jutaan pengungsi kelaparan.", [("Jutaan", 1_000_000, 9_999_999, "pengungsi", True)]),
    ("Serangan menewaskan enam orang dan melukai puluhan lainnya.",
     [("enam", 6, 6, "orang", False), ("puluhan", 20, 99, None, True)]),
    # hedges
    ("Korban tewas sekitar 50 orang.", [("sekitar 50", 50, 50, "orang", True)]),
    ("Kelompok itu berjumlah kurang lebih 40 orang.", [("kurang lebih 40", 40, 40, "orang", True)]),
    ("Serangan menewaskan hampir 100 warga.", [("hampir 100", 90, 100, "warga", True)]),
    ("Perang menewaskan hampir 54.700 warga.", [("hampir 54.700", 54_000, 54_700, "warga", True)]),
    ("Lebih dari 30 rumah hangus.", [("Lebih dari 30", 31, 59, "rumah", True)]),
    ("Korban luka lebih dari 18.000 orang.", [("lebih dari 18.000", 18_001, 35_999, "orang", True)]),
    ("Setidaknya 10 orang tewas.", [("Setidaknya 10", 10, 10, "orang", True)]),
    ("Sedikitnya 44 warga tewas.", [("Sedikitnya 44", 44, 44, "warga", True)]),
    ("Gaza -Sedikitnya 44 warga tewas.", [("Sedikitnya 44", 44, 44, "warga", True)]),
    ("Minimal 10 kendaraan dibakar.", [("Minimal 10", 10, 10, "kendaraan", True)]),
    ("Ia ditahan kurang dari dua pekan.", [("kurang dari dua", 1, 1, "pekan", True)]),
    ("Sekitar tujuh anggota KKB melarikan diri.", [("Sekitar tujuh", 7, 7, "anggota KKB", True)]),
    # ranges
    ("Sebanyak 10-15 orang terluka.", [("10-15", 10, 15, "orang", False)]),
    ("Sebanyak 10 hingga 15 orang terluka.", [("10 hingga 15", 10, 15, "orang", False)]),
    ("Kerugian 1-2 juta unit.", [("1-2 juta", 1_000_000, 2_000_000, "unit", False)]),
    ("Dua atau tiga orang hilang.", [("Dua atau tiga", 2, 3, "orang", False)]),
    ("Ada dua-tiga orang di sana.", [("dua-tiga", 2, 3, "orang", False)]),
    ("Jumlahnya antara 8.000 dan 10.000 orang.", [("antara 8.000 dan 10.000", 8000, 10_000, "orang", False)]),
    ("Diperkirakan antara 8.000 dan 10.000 orang hadir.",
     [("Diperkirakan antara 8.000 dan 10.000", 8000, 10_000, "orang", True)]),
    ("Terdakwa diancam 15 hingga 20 tahun penjara.", [("15 hingga 20", 15, 20, "tahun", False)]),
    # nouns and classifiers
    ("Polisi menangkap 3 orang KKB.", [("3", 3, 3, "orang KKB", False)]),
    ("Sebanyak 20 orang Palestina tewas.", [("20", 20, 20, "orang Palestina", False)]),
    ("Tiga orang warga terluka.", [("Tiga", 3, 3, "warga", False)]),
    ("Polisi menyita 2 unit mobil dan 4 ekor sapi.",
     [("2", 2, 2, "mobil", False), ("4", 4, 4, "sapi", False)]),
    ("Petugas menyita 2 pucuk senjata api.", [("2", 2, 2, "senjata api", False)]),
    ("Serangan menewaskan 44 wargaPalestinatewas di sana.", [("44", 44, 44, "warga", False)]),
    ("Sebanyak 22 orang yang tewas dimakamkan.", [("22", 22, 22, "orang", False)]),
    ("Sebanyak 46 orang lainnya terluka.", [("46", 46, 46, "orang", False)]),
    ("Kemudian 3 orang tewas.", [("3", 3, 3, "orang", False)]),
    ("Tim mengerahkan 34 personel gabungan TNI ke lokasi.",
     [("34", 34, 34, "personel gabungan TNI", False)]),
    ("Ledakan menewaskan 5 dan melukai 10.", [("5", 5, 5, None, False), ("10", 10, 10, None, False)]),
    ("Ada 2000 orang di lapangan.", [("2000", 2000, 2000, "orang", False)]),
])
def test_find_quantities(text: str, expected: list[tuple[str, int, int, str | None, bool]]) -> None:
    assert _q(text) == expected
    _check_offsets(text, find_quantities(text))


@pytest.mark.parametrize("text", [
    # years
    "Kejadian itu terjadi pada 2019.",
    "Kedutaan diserang pada 1983 silam.",
    "Perang pecah pada Oktober 2023 lalu.",
    "Periode 2019-2020 berlalu.",
    # dates
    "Serangan terjadi pada 27 Desember.",
    "Pada Jumat (18/6/2025), pasukan bergerak.",
    "Insiden terjadi pada Rabu (18/6) pagi.",
    "Bentrokan terjadi pada 21-22 Maret lalu.",
    "Kapal berangkat pada 1 Jun. lalu.",
    # clock times
    "Ledakan terdengar pukul 10:15.",
    "Kontak tembak terjadi pukul 07.35 WIT.",
    "Massa tiba sekitar 18.36 WIB.",
    "Mereka berangkat pukul 7 pagi.",
    # percentages
    "Harga naik 50 persen.",
    "Harga naik 50%.",
    "Harga naik 50 % tahun ini.",
    # money
    "Proyek senilai Rp1,2 triliun itu mangkrak.",
    "Ia membayar Rp 500 ribu.",
    "Kerugian mencapai US$150 juta.",
    "Ia membayar 500 ribu rupiah.",
    "Bantuan senilai 20 juta dolar dikirim.",
    "Pemerintah mengucurkan miliaran dolar.",
    # ordinals
    "Ini serangan ke-2 bulan ini.",
    "Ini serangan kedua bulan ini.",
    "Kedua belah pihak sepakat.",
    # parts of names and labels
    "Densus 88 menangkap terduga teroris.",
    "Drone Hermes 900 jatuh di Isfahan.",
    "Pesawat F-35 dikerahkan.",
    "Pelaku membawa senapan AK-47.",
    "Tonton di 20detik sekarang.",
    "Pelaku dijerat Pasal 28 ayat 2.",
    "Status dinaikkan menjadi siaga 1.",
    "Aturan itu tertuang dalam Nomor 110 Tahun 2021.",
    "Rudal itu melaju dengan kecepatan Mach 5.",
    "Ia dirawat di lantai dua.",
    # ages, phones, leading zeros, non-integers, idioms
    "Pelaku berinisial MNA (13) ditangkap.",
    "Hubungi hotline +61 450 475 094 segera.",
    "Kode wilayah 021 berlaku.",
    "Jaraknya 2,5 kilometer dari sini.",
    "Mereka saling membantu satu sama lain.",
    "Tidak seorang pun terluka.",
    "Ini satu-satunya jalan.",
    "Lima, ibu kota Peru, diguncang gempa.",
    "Warga berkumpul di kota Lima pada malam itu.",
    "Ibadah diundur setengah jam.",
    "Belas kasihan tidak ada.",
    "Beberapa orang terluka.",
])
def test_not_a_count(text: str) -> None:
    assert _q(text) == []


def test_list_items_are_not_counts() -> None:
    assert _q('"Satu, hentikan kekerasan. Dua, bebaskan tahanan."') == []
    assert _q("Tuntutan:\n1. Bebaskan tahanan.") == []


def test_counts_next_to_excluded_numbers() -> None:
    text = "Pada 27 Desember 2019, sedikitnya 12 orang tewas dan 50 persen rumah rusak."
    assert _q(text) == [("sedikitnya 12", 12, 12, "orang", True)]


def test_skip_drops_counts_and_nouns() -> None:
    text = "Sebanyak 25 orang tewas dan 3 warga hilang."
    first = text.index("25")
    assert [q.span.text for q in find_quantities(text, skip=[(first, first + 2)])] == ["3"]
    noun = text.index("warga")
    (q25, q3) = find_quantities(text, skip=[(noun, noun + 5)])
    assert q25.noun is not None and q3.noun is None


def test_a_stated_toll_keeps_its_count_and_words() -> None:
    (exact,) = find_quantities("Sebanyak 25 orang tewas.")
    (vague,) = find_quantities("Puluhan orang terluka.")
    assert Toll.of(exact).value() == 25
    assert Toll.of(vague).value() == {"min": 20, "max": 99, "text": "Puluhan"}
    assert Toll.of(vague).span == vague.span
    assert Toll.from_value(Toll.of(vague).value()) == Toll(20, 99, "Puluhan")


def test_dev_docs_offsets(dev_docs: list[dict[str, Any]]) -> None:
    found = 0
    for doc in dev_docs:
        text = doc["text"]
        quantities = find_quantities(text)
        _check_offsets(text, quantities)
        starts = [q.span.start for q in quantities]
        assert starts == sorted(starts)
        assert all(a.span.end <= b.span.start for a, b in itertools.pairwise(quantities))
        found += len(quantities)
    assert found > 100  # speed: benchmarks/text_stages.py


def test_dev_gold_numbers_are_found(dev_docs: list[dict[str, Any]]) -> None:
    """Every casualty number in the dev gold is a count we find (its range inside the gold's)."""
    if not DEV_GOLD.exists():
        pytest.skip("../shared/data/dev is not present")
    texts = {doc["id"]: doc["text"] for doc in dev_docs}
    found = {doc_id: find_quantities(text) for doc_id, text in texts.items()}
    total = hits = 0
    for gold in load_jsonl(DEV_GOLD):
        if gold.get("kind") != "event" or gold["doc_id"] not in texts:
            continue
        for key in ("fatalities", "injuries"):
            value = gold.get(key)
            if not value:
                continue
            lo, hi = (value, value) if isinstance(value, int) else value
            total += 1
            hits += any(lo <= q.min <= q.max <= hi for q in found[gold["doc_id"]])
    assert total > 0
    assert hits / total >= 0.95, f"{hits}/{total}"

