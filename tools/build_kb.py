"""Build the state (GPE) records of the actor knowledge base.

Writes ``peristiwa/data/kb/states.jsonl``: one record per ISO 3166-1 entry (pycountry)
plus Kosovo, named in English (pycountry) and Indonesian (babel's CLDR territory names),
with the hand aliases Indonesian news uses (``AS``, ``Korut``, ``Tiongkok``, ``UEA``...).
The other KB files (``indonesia.jsonl``, ``armed_groups.jsonl``...) are edited by hand;
this script only checks them (``--check``) after writing.

Wikidata QIDs: taken from the ISO3 -> Wikidata mapping of Our World in Data's country
table (owid-grapher ``CountriesRegions.ts``), each checked against a second public
mapping; ``NLD`` uses Q55 (Netherlands) rather than Q29999 (the Kingdom).

Usage: python tools/build_kb.py [--check]
Needs the ``build`` extra: pycountry, babel.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import pycountry
from babel import Locale

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "peristiwa" / "data" / "kb" / "states.jsonl"

QIDS: dict[str, str] = {
    "AFG": "Q889", "ALA": "Q5689", "ALB": "Q222", "DZA": "Q262", "ASM": "Q16641", "AND": "Q228",
    "AGO": "Q916", "AIA": "Q25228", "ATG": "Q781", "ARG": "Q414", "ARM": "Q399", "ABW": "Q21203",
    "AUS": "Q408", "AUT": "Q40", "AZE": "Q227", "BHS": "Q778", "BHR": "Q398", "BGD": "Q902",
    "BRB": "Q244", "BLR": "Q184", "BEL": "Q31", "BLZ": "Q242", "BEN": "Q962", "BMU": "Q23635",
    "BTN": "Q917", "BOL": "Q750", "BES": "Q27561", "BIH": "Q225", "BWA": "Q963", "BVT": "Q23408",
    "BRA": "Q155", "IOT": "Q43448", "VGB": "Q25305", "BRN": "Q921", "BGR": "Q219", "BFA": "Q965",
    "BDI": "Q967", "KHM": "Q424", "CMR": "Q1009", "CAN": "Q16", "CPV": "Q1011", "CYM": "Q5785",
    "CAF": "Q929", "TCD": "Q657", "CHL": "Q298", "CHN": "Q148", "CXR": "Q31063", "CCK": "Q36004",
    "COL": "Q739", "COM": "Q970", "COG": "Q971", "COK": "Q26988", "CRI": "Q800", "CIV": "Q1008",
    "HRV": "Q224", "CUB": "Q241", "CUW": "Q25279", "CYP": "Q229", "CZE": "Q213", "COD": "Q974",
    "DNK": "Q35", "DJI": "Q977", "DMA": "Q784", "DOM": "Q786", "ECU": "Q736", "EGY": "Q79",
    "SLV": "Q792", "GNQ": "Q983", "ERI": "Q986", "EST": "Q191", "SWZ": "Q1050", "ETH": "Q115",
    "FRO": "Q4628", "FLK": "Q9648", "FJI": "Q712", "FIN": "Q33", "FRA": "Q142", "GUF": "Q3769",
    "PYF": "Q30971", "ATF": "Q129003", "GAB": "Q1000", "GMB": "Q1005", "GEO": "Q230", "DEU": "Q183",
    "GHA": "Q117", "GIB": "Q1410", "GRC": "Q41", "GRL": "Q223", "GRD": "Q769", "GLP": "Q17012",
    "GUM": "Q16635", "GTM": "Q774", "GGY": "Q25230", "GIN": "Q1006", "GNB": "Q1007", "GUY": "Q734",
    "HTI": "Q790", "HMD": "Q131198", "HND": "Q783", "HKG": "Q8646", "HUN": "Q28", "ISL": "Q189",
    "IND": "Q668", "IDN": "Q252", "IRN": "Q794", "IRQ": "Q796", "IRL": "Q27", "IMN": "Q9676",
    "ISR": "Q801", "ITA": "Q38", "JAM": "Q766", "JPN": "Q17", "JEY": "Q785", "JOR": "Q810",
    "KAZ": "Q232", "KEN": "Q114", "KIR": "Q710", "KWT": "Q817", "KGZ": "Q813", "LAO": "Q819",
    "LVA": "Q211", "LBN": "Q822", "LSO": "Q1013", "LBR": "Q1014", "LBY": "Q1016", "LIE": "Q347",
    "LTU": "Q37", "LUX": "Q32", "MAC": "Q14773", "MDG": "Q1019", "MWI": "Q1020", "MYS": "Q833",
    "MDV": "Q826", "MLI": "Q912", "MLT": "Q233", "MHL": "Q709", "MTQ": "Q17054", "MRT": "Q1025",
    "MUS": "Q1027", "MYT": "Q17063", "MEX": "Q96", "FSM": "Q702", "MDA": "Q217", "MCO": "Q235",
    "MNG": "Q711", "MNE": "Q236", "MSR": "Q13353", "MAR": "Q1028", "MOZ": "Q1029", "MMR": "Q836",
    "NAM": "Q1030", "NRU": "Q697", "NPL": "Q837", "NLD": "Q55", "NCL": "Q33788", "NZL": "Q664",
    "NIC": "Q811", "NER": "Q1032", "NGA": "Q1033", "NIU": "Q34020", "NFK": "Q31057", "PRK": "Q423",
    "MKD": "Q221", "MNP": "Q16644", "NOR": "Q20", "OMN": "Q842", "PAK": "Q843", "PLW": "Q695",
    "PSE": "Q219060", "PAN": "Q804", "PNG": "Q691", "PRY": "Q733", "PER": "Q419", "PHL": "Q928",
    "PCN": "Q35672", "POL": "Q36", "PRT": "Q45", "PRI": "Q1183", "QAT": "Q846", "REU": "Q17070",
    "ROU": "Q218", "RUS": "Q159", "RWA": "Q1037", "BLM": "Q25362", "SHN": "Q192184", "KNA": "Q763",
    "LCA": "Q760", "MAF": "Q126125", "SPM": "Q34617", "VCT": "Q757", "WSM": "Q683", "SMR": "Q238",
    "STP": "Q1039", "SAU": "Q851", "SEN": "Q1041", "SRB": "Q403", "SYC": "Q1042", "SLE": "Q1044",
    "SGP": "Q334", "SXM": "Q26273", "SVK": "Q214", "SVN": "Q215", "SLB": "Q685", "SOM": "Q1045",
    "ZAF": "Q258", "SGS": "Q35086", "KOR": "Q884", "SSD": "Q958", "ESP": "Q29", "LKA": "Q854",
    "SDN": "Q1049", "SUR": "Q730", "SJM": "Q842829", "SWE": "Q34", "CHE": "Q39", "SYR": "Q858",
    "TWN": "Q865", "TJK": "Q863", "TZA": "Q924", "THA": "Q869", "TLS": "Q574", "TGO": "Q945",
    "TKL": "Q36823", "TON": "Q678", "TTO": "Q754", "TUN": "Q948", "TUR": "Q43", "TKM": "Q874",
    "TCA": "Q18221", "TUV": "Q672", "UGA": "Q1036", "UKR": "Q212", "ARE": "Q878", "GBR": "Q145",
    "USA": "Q30", "UMI": "Q16645", "VIR": "Q11703", "URY": "Q77", "UZB": "Q265", "VUT": "Q686",
    "VAT": "Q237", "VEN": "Q717", "VNM": "Q881", "WLF": "Q35555", "ESH": "Q6250", "YEM": "Q805",
    "ZMB": "Q953", "ZWE": "Q954", "XKX": "Q1246",
}

# pycountry names that are lists ("Iran, Islamic Republic of") or not the usual English name.
NAME_OVERRIDES: dict[str, str] = {
    "BOL": "Bolivia", "BRN": "Brunei", "COD": "Democratic Republic of the Congo",
    "COG": "Republic of the Congo", "CZE": "Czech Republic", "FLK": "Falkland Islands",
    "FSM": "Micronesia", "IRN": "Iran", "KOR": "South Korea", "LAO": "Laos", "MDA": "Moldova",
    "PRK": "North Korea", "PSE": "Palestine", "RUS": "Russia", "SYR": "Syria", "TUR": "Turkey",
    "TWN": "Taiwan", "TZA": "Tanzania", "VAT": "Vatican City", "VEN": "Venezuela",
    "VGB": "British Virgin Islands", "VIR": "United States Virgin Islands", "VNM": "Vietnam",
    "CPV": "Cape Verde", "CIV": "Ivory Coast", "SWZ": "Eswatini", "MKD": "North Macedonia",
    "TLS": "Timor-Leste", "MAF": "Saint Martin", "SXM": "Sint Maarten",
}

# What Indonesian (and English) news writes besides the CLDR/ISO names.
EXTRA_ALIASES: dict[str, list[str]] = {
    "USA": ["AS", "A.S.", "Amerika", "Amerika Serikat", "Negeri Paman Sam", "Paman Sam", "US", "U.S.",
            "USA", "U.S.A.", "America", "United States of America"],
    "GBR": ["Inggris", "Inggris Raya", "Britania Raya", "Britania", "UK", "U.K.", "Britain",
            "Great Britain"],
    "RUS": ["Rusia", "Federasi Rusia", "Russian Federation"],
    "CHN": ["Tiongkok", "China", "Cina", "RRT", "RRC", "Republik Rakyat Tiongkok", "Republik Rakyat China",
            "Republik Rakyat Cina", "Negeri Tirai Bambu", "PRC"],
    "PRK": ["Korut", "Korea Utara", "DPRK", "Republik Demokratik Rakyat Korea"],
    "KOR": ["Korsel", "Korea Selatan", "Republic of Korea", "Republik Korea", "ROK"],
    "IDN": ["RI", "Republik Indonesia", "NKRI", "Negara Kesatuan Republik Indonesia"],
    "ARE": ["UEA", "Uni Emirat Arab", "UAE", "Emirat Arab Bersatu"],
    "SAU": ["Arab Saudi", "Saudi", "Saudi Arabia", "Kerajaan Arab Saudi", "KSA"],
    "TUR": ["Turki", "Türkiye", "Turkiye", "Turkey"],
    "SYR": ["Suriah", "Syria", "Siria"],
    "JOR": ["Yordania", "Yordan", "Jordan"],
    "LBN": ["Lebanon", "Libanon"],
    "EGY": ["Mesir", "Egypt"],
    "YEM": ["Yaman", "Yemen"],
    "IRQ": ["Irak", "Iraq", "Republik Irak"],
    "IRN": ["Iran", "Republik Islam Iran", "Islamic Republic of Iran"],
    "ISR": ["Israel", "Negara Israel"],
    "PSE": ["Palestina", "Palestine", "Negara Palestina", "State of Palestine"],
    "QAT": ["Qatar", "Katar"],
    "AFG": ["Afghanistan", "Afganistan"],
    "MMR": ["Myanmar", "Burma"],
    "SGP": ["Singapura", "Singapore"],
    "PHL": ["Filipina", "Philippines"],
    "VNM": ["Vietnam", "Viet Nam"],
    "KHM": ["Kamboja", "Cambodia"],
    "BRN": ["Brunei", "Brunei Darussalam"],
    "TLS": ["Timor Leste", "Timor-Leste", "East Timor", "Republik Demokratik Timor Leste"],
    "PNG": ["Papua Nugini", "Papua New Guinea", "PNG"],
    "NZL": ["Selandia Baru", "New Zealand"],
    "JPN": ["Jepang", "Japan"],
    "DEU": ["Jerman", "Germany", "Republik Federal Jerman"],
    "FRA": ["Prancis", "Perancis", "France"],
    "NLD": ["Belanda", "Netherlands", "Negeri Belanda", "Holland"],
    "BEL": ["Belgia", "Belgium"],
    "ESP": ["Spanyol", "Spain"],
    "ITA": ["Italia", "Italy"],
    "CHE": ["Swiss", "Switzerland", "Swis"],
    "POL": ["Polandia", "Poland"],
    "UKR": ["Ukraina", "Ukraine"],
    "BLR": ["Belarus", "Belarusia"],
    "GRC": ["Yunani", "Greece"],
    "SWE": ["Swedia", "Sweden"],
    "NOR": ["Norwegia", "Norway"],
    "FIN": ["Finlandia", "Finland"],
    "IRL": ["Irlandia", "Ireland"],
    "HUN": ["Hongaria", "Hungaria", "Hungary"],
    "CZE": ["Ceko", "Republik Ceko", "Czechia", "Czech Republic"],
    "ROU": ["Rumania", "Romania"],
    "BIH": ["Bosnia", "Bosnia-Herzegovina", "Bosnia Herzegovina"],
    "KAZ": ["Kazakstan", "Kazakhstan"],
    "KGZ": ["Kirgistan", "Kirgizstan", "Kyrgyzstan"],
    "CAN": ["Kanada", "Canada"],
    "MEX": ["Meksiko", "Mexico"],
    "BRA": ["Brasil", "Brazil"],
    "CHL": ["Cile", "Chili", "Chile"],
    "COL": ["Kolombia", "Colombia"],
    "ECU": ["Ekuador", "Ecuador"],
    "CUB": ["Kuba", "Cuba"],
    "ZAF": ["Afrika Selatan", "Afsel", "South Africa"],
    "ETH": ["Etiopia", "Ethiopia"],
    "SSD": ["Sudan Selatan", "South Sudan"],
    "DZA": ["Aljazair", "Algeria"],
    "MAR": ["Maroko", "Morocco"],
    "COD": ["Republik Demokratik Kongo", "RD Kongo", "DR Kongo", "DR Congo", "DRC", "Kongo-Kinshasa",
            "Congo-Kinshasa"],
    "COG": ["Republik Kongo", "Kongo-Brazzaville", "Congo-Brazzaville"],
    "CIV": ["Pantai Gading", "Ivory Coast", "Côte d'Ivoire", "Cote d'Ivoire"],
    "VAT": ["Vatikan", "Vatican", "Takhta Suci", "Holy See", "Tahta Suci"],
    "HKG": ["Hong Kong", "Hongkong"],
    "MAC": ["Makau", "Macau", "Macao"],
    "TWN": ["Taiwan", "Republic of China"],
    "KWT": ["Kuwait"],
    "LBY": ["Libya", "Libia"],
    "GEO": ["Georgia"],
    "DNK": ["Denmark"],
    "AUS": ["Australia", "Negeri Kanguru"],
    "IND": ["India", "Republik India"],
    "PAK": ["Pakistan"],
    "THA": ["Thailand", "Muangthai"],
    "MYS": ["Malaysia"],
    "TZA": ["Tanzania"],
    "PER": ["Peru"],
    "ARM": ["Armenia"],
    "AZE": ["Azerbaijan"],
    "SRB": ["Serbia"],
    "HRV": ["Kroasia", "Croatia"],
    "SVK": ["Slowakia", "Slovakia"],
    "SVN": ["Slovenia"],
    "LTU": ["Lituania", "Lithuania"],
    "MNG": ["Mongolia"],
    "NGA": ["Nigeria"],
    "SOM": ["Somalia"],
    "SDN": ["Sudan"],
    "KEN": ["Kenya"],
    "CMR": ["Kamerun", "Cameroon"],
    "BHR": ["Bahrain", "Bahrein"],
    "OMN": ["Oman"],
    "TUN": ["Tunisia"],
    "NPL": ["Nepal"],
    "LKA": ["Sri Lanka"],
    "BGD": ["Bangladesh"],
    "CYP": ["Siprus", "Cyprus"],
    "MDV": ["Maladewa", "Maldives"],
}

# CLDR qualifies Hong Kong and Macau as "DAK Tiongkok" (SAR of China); news never does.
DROP_FROM_CLDR = (" DAK Tiongkok",)


def clean_cldr(name: str) -> list[str]:
    """Return the usable names in one CLDR Indonesian territory name."""
    for suffix in DROP_FROM_CLDR:
        name = name.replace(suffix, "")
    if name.endswith(")") and " (" in name:  # "Myanmar (Burma)" -> both
        head, _, rest = name.partition(" (")
        return [head, rest[:-1]]
    if " - " in name:  # "Kongo - Kinshasa"
        return [name.replace(" - ", "-")]
    return [name]


def english_name(country: object) -> str:
    """Return the usual short English name of a pycountry record."""
    alpha3 = country.alpha_3  # type: ignore[attr-defined]
    if alpha3 in NAME_OVERRIDES:
        return NAME_OVERRIDES[alpha3]
    return str(getattr(country, "common_name", None) or country.name)  # type: ignore[attr-defined]


def build() -> list[dict[str, object]]:
    """Return one GPE record per country, sorted by id."""
    id_names = Locale("id").territories
    records: list[dict[str, object]] = []
    entries: list[tuple[str, str, Any]] = [(c.alpha_3, c.alpha_2, c) for c in pycountry.countries]
    entries.append(("XKX", "XK", None))
    for alpha3, alpha2, country in entries:
        if country is None:
            name, english = "Kosovo", ["Kosovo"]
        else:
            name = english_name(country)
            english = [name, country.name]
            for attr in ("common_name", "official_name"):
                value = getattr(country, attr, None)
                if value:
                    english.append(value)
        indonesian = clean_cldr(id_names[alpha2]) if alpha2 in id_names else []
        aliases: list[str] = []
        for alias in [*indonesian, *english, *EXTRA_ALIASES.get(alpha3, [])]:
            alias = alias.strip().removeprefix("the ")
            if alias and "," not in alias and alias not in aliases and alias != name:
                aliases.append(alias)
        records.append({
            "id": alpha3.lower(), "name": name, "type": "GPE", "country": alpha3, "sector": None,
            "qid": QIDS.get(alpha3), "aliases": aliases, "affiliations": [],
        })
    records.sort(key=lambda r: str(r["id"]))
    return records


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="load the whole KB and print counts per kind")
    args = parser.parse_args()
    records = build()
    with OUT.open("w", encoding="utf-8") as fh:
        for record in records:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"wrote {len(records)} states to {OUT.relative_to(ROOT)}")
    if args.check:
        from collections import Counter

        from peristiwa.kb import KnowledgeBase

        kb = KnowledgeBase.from_files(sorted(OUT.parent.glob("*.jsonl")))
        for kind, n in sorted(Counter(actor.kind for actor in kb).items()):
            print(f"{kind:14} {n}")
        print(f"{'total':14} {len(kb)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
