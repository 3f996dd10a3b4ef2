"""The gazetteer resolves Indonesian news forms of places and finds them in text with exact offsets."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest

from peristiwa.places.gazetteer import Gazetteer
from peristiwa.types import Place

DATA = Path(__file__).resolve().parents[2] / "peristiwa" / "data" / "places"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.default()


def _found(gaz: Gazetteer, text: str) -> list[tuple[str, str, str | None, str]]:
    return [(m.span.text, m.place.name, m.place.country, m.place.precision) for m in gaz.find(text)]


# name -> (ISO3, admin1 or None to skip the check, precision or None to skip)
LOOKUPS: list[tuple[str, str | None, str | None, str | None]] = [
    ("Amerika Serikat", "USA", None, "country"), ("AS", "USA", None, "country"),
    ("Amerika", "USA", None, "country"), ("Irak", "IRQ", None, "country"), ("Iran", "IRN", None, "country"),
    ("Korut", "PRK", None, "country"), ("Korea Utara", "PRK", None, "country"),
    ("Korsel", "KOR", None, "country"), ("Arab Saudi", "SAU", None, "country"),
    ("Saudi", "SAU", None, "country"), ("Rusia", "RUS", None, "country"), ("Inggris", "GBR", None, "country"),
    ("Belanda", "NLD", None, "country"), ("Jerman", "DEU", None, "country"),
    ("Prancis", "FRA", None, "country"), ("Perancis", "FRA", None, "country"),
    ("Tiongkok", "CHN", None, "country"), ("China", "CHN", None, "country"), ("Cina", "CHN", None, "country"),
    ("Palestina", "PSE", None, "country"), ("Suriah", "SYR", None, "country"),
    ("Yaman", "YEM", None, "country"),
    ("Libanon", "LBN", None, "country"), ("Lebanon", "LBN", None, "country"),
    ("Mesir", "EGY", None, "country"),
    ("Yordania", "JOR", None, "country"), ("Turki", "TUR", None, "country"),
    ("Filipina", "PHL", None, "country"), ("Selandia Baru", "NZL", None, "country"),
    ("Kamboja", "KHM", None, "country"), ("Thailand", "THA", None, "country"),
    ("Myanmar", "MMR", None, "country"), ("Belgia", "BEL", None, "country"),
    ("Swiss", "CHE", None, "country"),
    ("UEA", "ARE", None, "country"), ("RI", "IDN", None, "country"), ("Timor Leste", "TLS", None, "country"),
    ("Papua Nugini", "PNG", None, "country"), ("Korea Selatan", "KOR", None, "country"),
    # foreign cities, regions and sites
    ("Yerusalem", "ISR", None, "city"), ("Teheran", "IRN", "Tehran", "city"), ("Moskow", "RUS", None, "city"),
    ("Den Haag", "NLD", None, "city"), ("Beijing", "CHN", None, "city"), ("Tel Aviv", "ISR", None, "city"),
    ("Gaza", "PSE", "Gaza Strip", "city"), ("Kota Gaza", "PSE", None, "city"),
    ("Jalur Gaza", "PSE", "Gaza Strip", "admin1"), ("Tepi Barat", "PSE", "West Bank", "admin1"),
    ("Dataran Tinggi Golan", "SYR", None, "region"), ("Kirkuk", "IRQ", "Kirkuk", "city"),
    ("Baghdad", "IRQ", None, "city"), ("Isfahan", "IRN", None, "city"), ("Natanz", "IRN", None, "city"),
    ("Fordow", "IRN", None, "site"), ("Arak", "IRN", None, "city"), ("Haifa", "ISR", None, "city"),
    ("Beirut", "LBN", None, "city"), ("Sanaa", "YEM", None, "city"), ("Khan Younis", "PSE", None, "city"),
    ("Jenewa", "CHE", None, "city"), ("Washington", "USA", "District of Columbia", "city"),
    ("Laut Merah", None, None, "region"), ("Timur Tengah", None, None, "region"),
    ("Gedung Putih", "USA", None, "site"),
    # Indonesia: provinces, regencies, districts, towns
    ("Papua Tengah", "IDN", "Papua Tengah", "admin1"),
    ("Papua Pegunungan", "IDN", "Papua Pegunungan", "admin1"),
    ("Papua Selatan", "IDN", "Papua Selatan", "admin1"),
    ("Papua Barat Daya", "IDN", "Papua Barat Daya", "admin1"),
    ("Sulsel", "IDN", "Sulawesi Selatan", "admin1"), ("DKI Jakarta", "IDN", "DKI Jakarta", "admin1"),
    ("Intan Jaya", "IDN", "Papua Tengah", "admin2"), ("Nduga", "IDN", "Papua Pegunungan", "admin2"),
    ("Puncak", "IDN", "Papua Tengah", "admin2"), ("Puncak Jaya", "IDN", "Papua Tengah", "admin2"),
    ("Yahukimo", "IDN", "Papua Pegunungan", "admin2"), ("Jayawijaya", "IDN", "Papua Pegunungan", "admin2"),
    ("Mimika", "IDN", "Papua Tengah", "admin2"), ("Bintang", "IDN", "Papua Pegunungan", "admin2"),
    ("Ilaga", "IDN", "Papua Tengah", None), ("Sinak", "IDN", "Papua Tengah", "district"),
    ("Beoga", "IDN", "Papua Tengah", None), ("Mulia", "IDN", "Papua Tengah", "city"),
    ("Sugapa", "IDN", "Papua Tengah", None), ("Dekai", "IDN", "Papua Pegunungan", None),
    ("Wamena", "IDN", "Papua Pegunungan", "city"), ("Timika", "IDN", "Papua Tengah", "city"),
    ("Kenyam", "IDN", "Papua Pegunungan", None), ("Oksibil", "IDN", "Papua Pegunungan", None),
    ("Jakpus", "IDN", "DKI Jakarta", "city"), ("Jakarta Pusat", "IDN", "DKI Jakarta", "city"),
    ("Jaksel", "IDN", "DKI Jakarta", "city"), ("Jaktim", "IDN", "DKI Jakarta", "city"),
    ("Jakarta", "IDN", "DKI Jakarta", "city"), ("Makassar", "IDN", "Sulawesi Selatan", "city"),
    ("Tallo", "IDN", "Sulawesi Selatan", "district"), ("Cilegon", "IDN", "Banten", "city"),
    ("Pekanbaru", "IDN", "Riau", "city"), ("Kwitang", "IDN", "DKI Jakarta", "village"),
    ("Solo", "IDN", "Jawa Tengah", "city"), ("Batu", "IDN", "Jawa Timur", "city"),
    ("Bekasi", "IDN", "Jawa Barat", "city"),
    # prefixes choose the kind of place
    ("Kabupaten Puncak", "IDN", "Papua Tengah", "admin2"),
    ("Kab. Nduga", "IDN", "Papua Pegunungan", "admin2"),
    ("Kota Mulia", "IDN", "Papua Tengah", "city"), ("Kecamatan Tallo", "IDN", "Sulawesi Selatan", "district"),
    ("Distrik Sinak", "IDN", "Papua Tengah", "district"), ("Kabupaten Bekasi", "IDN", "Jawa Barat", "admin2"),
    ("Provinsi Papua Tengah", "IDN", "Papua Tengah", "admin1"), ("Prov. Riau", "IDN", "Riau", "admin1"),
]


@pytest.mark.parametrize(("name", "iso3", "admin1", "precision"), LOOKUPS)
def test_lookup_resolves_news_forms(gaz: Gazetteer, name: str, iso3: str | None, admin1: str | None,
                                    precision: str | None) -> None:
    place = gaz.lookup(name)
    assert place is not None, name
    assert place.country == iso3
    if admin1 is not None:
        assert place.admin1 == admin1
    if precision is not None:
        assert place.precision == precision
    if place.precision != "region" or place.country is not None:
        assert place.lat is not None and place.lon is not None


def test_lookup_edge_cases(gaz: Gazetteer) -> None:
    assert gaz.lookup("as") is None  # abbreviations match their exact case only
    assert gaz.lookup("As") is None
    assert gaz.lookup("Tidak Ada Tempat Seperti Ini") is None
    assert gaz.lookup("gaza") == gaz.lookup("Gaza")  # other names ignore case
    assert gaz.lookup("Gaza", country="MOZ") is not None  # a Mozambican province is also Gaza
    assert gaz.lookup("Gaza", country="MOZ") != gaz.lookup("Gaza")
    assert gaz.lookup("Bekasi") != gaz.lookup("Kabupaten Bekasi")  # the city, not the regency


@pytest.mark.parametrize(("name", "iso3"), [
    ("Teheran", "IRN"), ("Washington", "USA"), ("Moskow", "RUS"), ("Kyiv", "UKR"), ("Phnom Penh", "KHM"),
    ("Canberra", "AUS"), ("Sydney", None), ("Bandung", None), ("Houston", None), ("Iran", None), ("xyz", None),
])
def test_capital_of(gaz: Gazetteer, name: str, iso3: str | None) -> None:
    assert gaz.capital_of(name) == iso3


def test_country_by_iso3(gaz: Gazetteer) -> None:
    idn = gaz.country("IDN")
    assert idn == Place("Indonesia", "IDN", None, idn.lat, idn.lon, "country") if idn else False
    assert idn is not None and -7 < (idn.lat or 0) < -6  # Jakarta's coordinates
    assert gaz.country("usa") == gaz.lookup("Amerika Serikat")
    assert gaz.country("XXX") is None
    assert sum(1 for iso3 in ("PSE", "ISR", "IRN", "PRK", "TWN", "XKX") if gaz.country(iso3)) == 6


FINDS: list[tuple[str, list[tuple[str, str, str | None, str]]]] = [
    ("Tentara AS menembak di Teheran, Iran.",
     [("AS", "United States", "USA", "country"), ("Teheran", "Tehran", "IRN", "city"),
      ("Iran", "Iran", "IRN", "country")]),
    ("Pasukan Israel menyerang Jalur Gaza dan Tepi Barat.",
     [("Israel", "Israel", "ISR", "country"), ("Jalur Gaza", "Gaza Strip", "PSE", "admin1"),
      ("Tepi Barat", "West Bank", "PSE", "admin1")]),
    ("Perang Israel-Iran mengguncang Timur Tengah.",
     [("Israel", "Israel", "ISR", "country"), ("Iran", "Iran", "IRN", "country"),
      ("Timur Tengah", "Middle East", None, "region")]),
    ("Kapal tanker melintas di Laut Merah dekat Sanaa.",
     [("Laut Merah", "Red Sea", None, "region"), ("Sanaa", "Sanaa", "YEM", "city")]),
    ("KKB menembak warga di Distrik Sinak, Kabupaten Puncak, Papua Tengah.",
     [("Distrik Sinak", "Sinak", "IDN", "district"), ("Kabupaten Puncak", "Puncak", "IDN", "admin2"),
      ("Papua Tengah", "Papua Tengah", "IDN", "admin1")]),
    ("Aparat berjaga di Kota Mulia, ibu kota Kabupaten Puncak Jaya.",
     [("Kota Mulia", "Mulia", "IDN", "city"), ("Kabupaten Puncak Jaya", "Puncak Jaya", "IDN", "admin2")]),
    ("Massa bergerak dari Kwitang ke Jakpus dan Jaksel.",
     [("Kwitang", "Kwitang", "IDN", "village"), ("Jakpus", "Jakarta Pusat", "IDN", "city"),
      ("Jaksel", "Jakarta Selatan", "IDN", "city")]),
    ("Kab. Nduga dan Kabupaten Intan Jaya berbatasan.",
     [("Kab. Nduga", "Nduga", "IDN", "admin2"), ("Kabupaten Intan Jaya", "Intan Jaya", "IDN", "admin2")]),
    ("JAKARTA, KOMPAS.com - Presiden RI terbang ke Den Haag.",
     [("JAKARTA", "Jakarta", "IDN", "city"), ("RI", "Indonesia", "IDN", "country"),
      ("Den Haag", "The Hague", "NLD", "city")]),
    # a lower-case prefix only hints at the kind of place and stays out of the span
    ("Serangan udara menghantam kota Gaza.", [("Gaza", "Gaza", "PSE", "city")]),
]


@pytest.mark.parametrize(("text", "expected"), FINDS)
def test_find_marks_places(gaz: Gazetteer, text: str,
                           expected: list[tuple[str, str, str | None, str]]) -> None:
    assert _found(gaz, text) == expected


# Ambiguous names: (text, the mention texts expected, in order).
AMBIGUOUS: list[tuple[str, list[str]]] = [
    ("Batu besar menimpa rumah warga.", []),  # sentence-initial ordinary word
    ("Warga Batu menggelar aksi damai.", ["Batu"]),
    ("Wali Kota Batu meresmikan pasar.", ["Kota Batu"]),
    ("Bima Arya hadir di Bogor kemarin.", ["Bogor"]),  # a person's name
    ("Rombongan itu tiba di Bima kemarin.", ["Bima"]),
    ("Mulia hati orang itu.", []),
    ("Ia menginap di Hotel Mulia semalam.", []),  # part of a longer name
    ("Puncak acara berlangsung meriah.", []),
    ("Kontak tembak terjadi di Puncak, Papua Tengah.", ["Puncak", "Papua Tengah"]),
    ("Ia memutar as roda. As roda itu patah.", []),
    ("kata Bintang kepada wartawan.", []),
    ("Pengungsi dari Bintang tiba di Oksibil.", ["Bintang", "Oksibil"]),
    ("Reaktor air berat di Arak dihantam.", ["Arak"]),
    ("Mereka minum arak bersama.", []),
    ("Selatan kota itu sepi. Tengah malam hujan.", []),
    ("Timur dan Barat bertemu.", []),
    ("Agam mengatakan hal itu kepada wartawan.", []),
    ("Dia berasal dari Agam, Sumatera Barat.", ["Agam", "Sumatera Barat"]),
    ("Raja itu pergi. Jaya menang.", []),
    ("Anda dan kami tinggal di sini.", []),  # stop words never name a place
    ("Gubernur Bank Indonesia hadir.", ["Indonesia"]),
    ("Sistem Iron Dome mencegat rudal berkecepatan Mach 5.", []),  # small foreign towns need a cue
]


@pytest.mark.parametrize(("text", "expected"), AMBIGUOUS)
def test_ambiguous_names(gaz: Gazetteer, text: str, expected: list[str]) -> None:
    assert [m.span.text for m in gaz.find(text)] == expected


def test_unknown_village_takes_the_regency_named_after_it(gaz: Gazetteer) -> None:
    text = "Warga Kampung Lembah Sunyi, Distrik Sinak, Kabupaten Puncak mengungsi."
    found = gaz.find(text)
    assert [m.span.text for m in found] == ["Kampung Lembah Sunyi", "Distrik Sinak", "Kabupaten Puncak"]
    village = found[0].place
    assert (village.name, village.country, village.admin1, village.precision) == (
        "Lembah Sunyi", "IDN", "Papua Tengah", "village")
    assert village.lat is not None
    alone = gaz.find("Warga Desa Sukamundur datang.")[0].place
    assert (alone.name, alone.country, alone.admin1, alone.lat, alone.precision) == (
        "Sukamundur", "IDN", None, None, "village")
    # a known district name followed by more of the village's name is the village
    assert [m.place.name for m in gaz.find("Di Desa Tallo Lama, Kecamatan Tallo.")] == ["Tallo Lama", "Tallo"]


def test_skip_ranges_and_offsets(gaz: Gazetteer) -> None:
    text = "Bank Indonesia di Jakarta dan Gubernur Papua Tengah."
    bank = (0, len("Bank Indonesia"))
    assert [m.span.text for m in gaz.find(text, skip=[bank])] == ["Jakarta", "Papua Tengah"]
    assert [m.span.text for m in gaz.find(text, skip=[(0, 3), (30, 31), (2, 60)])] == []
    for m in gaz.find(text):
        assert text[m.span.start:m.span.end] == m.span.text


def test_names_for_ungluing(gaz: Gazetteer) -> None:
    names = gaz.names()
    assert {"Israel", "Iran", "Teheran", "Palestina", "Amerika Serikat", "Kursk"} <= names
    assert not {"AS", "Batu", "Bima", "Tallo", "Kami", "Selatan"} & names


def test_data_is_compact_and_well_formed() -> None:
    path = DATA / "places.tsv"
    assert path.stat().st_size < 5_000_000
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t") == ["name", "precision", "country", "admin1", "lat", "lon", "weight",
                                    "coord_source", "names"]
    kinds: dict[str, int] = {}
    for line in lines[1:]:
        cols = line.split("\t")
        assert len(cols) == 9, line
        assert cols[1] in ("country", "admin1", "admin2", "city", "district", "village", "site", "region")
        kinds[cols[1]] = kinds.get(cols[1], 0) + 1
    assert kinds["country"] >= 240
    assert kinds["admin2"] == 416  # kabupaten (Kepmendagri 2025); the 98 kota are cities
    assert kinds["district"] >= 7000
    provinces = [x for x in lines if "\tadmin1\tIDN\t" in x]
    assert len(provinces) == 38
    assert (DATA / "SOURCES.md").exists()


def test_every_indonesian_regency_is_placed(gaz: Gazetteer) -> None:
    lines = (DATA / "places.tsv").read_text(encoding="utf-8").splitlines()[1:]
    regencies = [x.split("\t") for x in lines if "\tIDN\t" in x and x.split("\t")[1] in ("admin2", "city")
                 and x.split("\t")[7] in ("", "geonames_seat", "approx")]
    assert len(regencies) >= 514
    for cols in regencies:
        lat, lon = float(cols[4]), float(cols[5])
        assert -11.5 < lat < 6.5 and 94.5 < lon < 141.5, cols[0]


def test_find_over_dev_docs(gaz: Gazetteer, dev_docs: list[dict[str, Any]]) -> None:
    total = 0
    for doc in dev_docs:
        text = doc["text"]
        found = gaz.find(text)
        total += len(found)
        ends = [m.span.start for m in found]
        assert ends == sorted(ends)
        for a, b in itertools.pairwise(found):
            assert a.span.end <= b.span.start
        for m in found:
            assert text[m.span.start:m.span.end] == m.span.text
    assert total > 10 * len(dev_docs)  # speed: benchmarks/text_stages.py
