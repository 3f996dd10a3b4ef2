"""The actor knowledge base: alias lookup, record well-formedness, user files, ruler patterns."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from peristiwa.kb import ACTOR_TYPES, ENV_VAR, SECTORS, KBError, KnowledgeBase, normalize
from peristiwa.kb.base import SHIPPED_DIR, _exact_key, is_short_caps, shipped_paths
from peristiwa.lang.id import actor_words as aw
from peristiwa.types import RELATION_TYPES

SHARED = Path(__file__).resolve().parents[3] / "shared"

# Aliases that deliberately name two actors of the same type (none today); the test below
# fails when a new collision appears so that it is either fixed or listed here on purpose.
INTENTIONALLY_AMBIGUOUS: frozenset[str] = frozenset()


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.from_files(shipped_paths())


# alias | actor id (one case a line; Indonesian and English forms, spelling variants)
_ALIAS_TABLE = """
# states, Indonesian and English, abbreviations
AS | usa
A.S. | usa
Amerika | usa
Amerika Serikat | usa
United States | usa
Korut | prk
Korea Utara | prk
Korsel | kor
RI | idn
Indonesia | idn
Tiongkok | chn
Cina | chn
UEA | are
Inggris | gbr
Britania Raya | gbr
Irak | irq
Iraq | irq
Iran | irn
Suriah | syr
Yaman | yem
Palestina | pse
Turki | tur
Türkiye | tur
Arab Saudi | sau
Jerman | deu
Prancis | fra
Perancis | fra
Belanda | nld
Myanmar | mmr
Burma | mmr
Timor Leste | tls
Pantai Gading | civ
Kosovo | xkx
# Indonesian state bodies
TNI | tni
TNI AD | tni-ad
TNI Angkatan Udara | tni-au
Kopassus | kopassus
Polri | polri
Brimob | brimob
Densus 88 | densus-88
Densus 88 Antiteror | densus-88
BIN | bin
BNPT | bnpt
Kemlu | kemlu
Kemenlu | kemlu
Kementerian Luar Negeri | kemlu
Kemenhan | kemhan
Kemendagri | kemendagri
DPR RI | dpr
DPRD | dprd
MPR | mpr
KPK | kpk
Kejaksaan Agung | kejagung
Mahkamah Konstitusi | mk
KBRI | kbri
Kedubes RI | kbri
# unit prefixes
Polda Riau | polda
Polda Metro Jaya | polda
Polres Puncak Jaya | polres
DPRD Kota Serang | dprd
KBRI Teheran | kbri
Kodam Jaya | kodam
# parties
Gerindra | gerindra
PDI-P | pdi-p
PDIP | pdi-p
PDI Perjuangan | pdi-p
Golkar | golkar
PKB | pkb
NasDem | nasdem
PKS | pks
PAN | partai-amanat-nasional
Partai Demokrat | demokrat
Demokrat | demokrat
PSI | psi
Perindo | perindo
Partai Republik | us-republican-party
Likud | likud
# Middle East armed groups, transliteration variants
Kataib Hizbullah | kataib-hizbullah
Kataib Hezbollah | kataib-hizbullah
Kata'ib Hezbollah | kataib-hizbullah
Kata’ib Hezbollah | kataib-hizbullah
Garda Revolusi | irgc
Garda Revolusi Iran | irgc
IRGC | irgc
Korps Garda Revolusi Islam | irgc
Korps Garda Revolusi Islam Iran | irgc
Pasukan Quds | quds-force
Al-Quds | quds-force
AL-Quds | quds-force
Quds Force | quds-force
Hizbullah | hezbollah
Hezbollah | hezbollah
Hamas | hamas
Houthi | houthis
Ansarullah | houthis
Munazzam Badr | badr-organization
Organisasi Badr | badr-organization
Badr | badr-organization
Hashd al-Shaabi | pmf
PMF | pmf
ISIS | isis
Daesh | isis
Al-Qaeda | al-qaeda
Al Qaida | al-qaeda
HTS | hts
SDF | sdf
PKK | pkk
IDF | idf
Mossad | mossad
Fatah | fatah
Otoritas Palestina | palestinian-authority
Jihad Islam Palestina | pij
Brigade Al-Quds | al-quds-brigades
# Papua, Myanmar, Ukraine/Russia, Sudan
KKB | tpnpb-opm
TPNPB | tpnpb-opm
OPM | tpnpb-opm
TPNPB-OPM | tpnpb-opm
Kelompok Kriminal Bersenjata | tpnpb-opm
Tatmadaw | tatmadaw
NUG | nug
PDF | pdf-myanmar
Arakan Army | arakan-army
KIA | kia
MNDAA | mndaa
TNLA | tnla
Angkatan Bersenjata Ukraina | ukraine-armed-forces
Grup Wagner | wagner-group
Resimen Azov | azov
SAF | sudanese-armed-forces
RSF | rsf
Pasukan Dukungan Cepat | rsf
# IGOs
PBB | un
Perserikatan Bangsa-Bangsa | un
Dewan Keamanan PBB | unsc
DK PBB | unsc
UNRWA | unrwa
WHO | who
ASEAN | asean
ICC | icc
Mahkamah Internasional | icj
NATO | nato
Uni Eropa | eu
OKI | oic
Liga Arab | arab-league
IAEA | iaea
Palang Merah | icrc
ICRC | icrc
# people, with spelling variants
Prabowo | prabowo-subianto
Prabowo Subianto | prabowo-subianto
Gibran | gibran-rakabuming-raka
Sugiono | sugiono
Donald Trump | donald-trump
Trump | donald-trump
Benjamin Netanyahu | benjamin-netanyahu
Ali Khamenei | ali-khamenei
Ayatullah Ali Khamenei | ali-khamenei
Khamenei | ali-khamenei
Pezeshkian | masoud-pezeshkian
Abbas Araghchi | abbas-araghchi
Vladimir Putin | vladimir-putin
Zelenskyy | volodymyr-zelensky
Xi Jinping | xi-jinping
Recep Tayyip Erdogan | recep-tayyip-erdogan
Erdoğan | recep-tayyip-erdogan
Kim Jong Un | kim-jong-un
Kim Jong-un | kim-jong-un
Qassem Soleimani | qassem-soleimani
Qasem Soleimani | qassem-soleimani
Qassem Suleimani | qassem-soleimani
Suleimani | qassem-soleimani
Abu Mahdi al-Muhandis | abu-mahdi-al-muhandis
Abu Mahdi Al-Muhandis | abu-mahdi-al-muhandis
Abu Mahdi AlMuhandis | abu-mahdi-al-muhandis
Al Muhandis | abu-mahdi-al-muhandis
AlMuhandis | abu-mahdi-al-muhandis
al-Muhandis | abu-mahdi-al-muhandis
Hadi al-Amiri | hadi-al-amiri
Al-Amiri | hadi-al-amiri
Hassan Nasrallah | hassan-nasrallah
Yahya Sinwar | yahya-sinwar
Ismail Haniyeh | ismail-haniyeh
Egianus Kogoya | egianus-kogoya
Min Aung Hlaing | min-aung-hlaing
Hemedti | mohamed-hamdan-dagalo
"""
ALIAS_CASES = [
    tuple(part.strip() for part in line.split("|"))
    for line in _ALIAS_TABLE.splitlines() if line.strip() and not line.startswith("#")
]


@pytest.mark.parametrize(("alias", "actor_id"), ALIAS_CASES)
def test_alias_matches_actor(kb: KnowledgeBase, alias: str, actor_id: str) -> None:
    actor = kb.match(alias)
    assert actor is not None, alias
    assert actor.id == actor_id


@pytest.mark.parametrize("name", [
    "as", "As", "ri", "pbb", "demokrat", "amal", "negara Islam", "Kirkuk", "Jenderal Suleimani", "", "   ",
    "Partai", "Polisi Riau",
])
def test_names_that_must_not_match(kb: KnowledgeBase, name: str) -> None:
    assert kb.match(name) is None, name


def test_normalisation_joins_spelling_variants() -> None:
    assert normalize("al-Muhandis") == normalize("Al Muhandis") == normalize("AlMuhandis") == "almuhandis"
    assert normalize("Erdoğan") == normalize("Erdogan")
    assert normalize("Kata'ib") == normalize("Kata’ib") == normalize("Kataib")


def test_short_caps_are_case_sensitive(kb: KnowledgeBase) -> None:
    assert is_short_caps("AS") and is_short_caps("A.S.") and is_short_caps("UEA")
    assert not is_short_caps("NATO") and not is_short_caps("Kemlu") and not is_short_caps("As")
    assert kb.match("U.S.A.") is not None and kb.match("U.S.A.").id == "usa"  # type: ignore[union-attr]
    assert kb.match("Nato") is not None  # four letters: normalised like any name


def test_candidates_rank_home_country_and_exact_names(tmp_path: Path) -> None:
    lines: list[dict[str, Any]] = [
        {"id": "x-party-a", "name": "Partai Contoh", "type": "ORG", "country": "MYS", "sector": "POL"},
        {"id": "x-party-b", "name": "Partai Contoh Indonesia", "type": "ORG", "country": "IDN",
         "sector": "POL", "aliases": ["Partai Contoh"]},
    ]
    kb = KnowledgeBase.from_files(_write(tmp_path / "a.jsonl", lines))
    assert [a.id for a in kb.candidates("Partai Contoh")] == ["x-party-a", "x-party-b"]  # canonical name wins
    assert [a.id for a in kb.candidates("partai contoh")] == ["x-party-b", "x-party-a"]  # then home country


# -- well-formedness ------------------------------------------------------------------------------------


def _shipped_records() -> list[tuple[str, dict]]:
    out = []
    for path in sorted(SHIPPED_DIR.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.append((path.stem, json.loads(line)))
    return out


def test_shipped_ids_are_unique_slugs() -> None:
    ids = [rec["id"] for _, rec in _shipped_records()]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    assert all(re.fullmatch(r"[a-z0-9][a-z0-9-]*", i) for i in ids)


def test_every_record_is_well_formed(kb: KnowledgeBase) -> None:
    states = {a.country for a in kb if a.kind == "states"}
    assert len(states) == 250  # ISO 3166-1 plus Kosovo
    for actor in kb:
        assert actor.type in ACTOR_TYPES, actor.id
        assert actor.sector is None or actor.sector in SECTORS, actor.id
        assert actor.country is None or actor.country in states, actor.id
        assert actor.qid is None or re.fullmatch(r"Q[1-9][0-9]*", actor.qid), actor.id
        assert actor.name.strip() == actor.name and actor.name, actor.id
        assert all(a.strip() == a and a for a in actor.names()), actor.id
        for aff in actor.affiliations:
            assert aff.relation in RELATION_TYPES, actor.id
            assert aff.object in kb and aff.object != actor.id, (actor.id, aff.object)
        if actor.type == "PER":
            assert actor.country and actor.sector and actor.affiliations, actor.id
        if actor.type == "GPE":
            assert actor.kind == "states" and actor.id == actor.country.lower()  # type: ignore[union-attr]


def test_qids_are_not_shared(kb: KnowledgeBase) -> None:
    by_qid = defaultdict(list)
    for actor in kb:
        if actor.qid:
            by_qid[actor.qid].append(actor.id)
    assert {q: ids for q, ids in by_qid.items() if len(ids) > 1} == {}
    assert kb.get("usa").qid == "Q30" and kb.get("idn").qid == "Q252"  # type: ignore[union-attr]


def test_no_alias_names_two_actors_of_the_same_type(kb: KnowledgeBase) -> None:
    index: dict[tuple[str, str], set[str]] = defaultdict(set)
    for actor in kb:
        for alias in actor.names():
            exact = is_short_caps(alias) or alias in actor.exact_aliases
            key = ("exact", _exact_key(alias)) if exact else ("norm", normalize(alias))
            index[key].add(actor.id)
    clashes = {}
    for (_, name), ids in index.items():
        types = [a.type for a in map(kb.get, ids) if a is not None]
        if len(types) != len(set(types)) and name not in INTENTIONALLY_AMBIGUOUS:
            clashes[name] = sorted(ids)
    assert clashes == {}


def test_seed_actors_have_the_gold_countries(kb: KnowledgeBase) -> None:
    gold = SHARED / "data" / "seed" / "gold.jsonl"
    if not gold.exists():
        pytest.skip("shared seed data not available")
    matched = 0
    for line in gold.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        if rec.get("kind") != "entity":
            continue
        hits = [kb.match(name) for name in rec["names"]]
        for name, actor in zip(rec["names"], hits, strict=True):
            if actor is not None:
                assert actor.country == rec["country"], (name, actor.id)
        matched += any(hits)
    assert matched >= 10


def test_known_affiliations_of_the_seed_actors(kb: KnowledgeBase) -> None:
    def rel(subject: str, relation: str, obj: str) -> bool:
        return any(a.relation == relation and a.object == obj for a in kb.get(subject).affiliations)  # type: ignore[union-attr]

    assert rel("quds-force", "part_of", "irgc")
    assert rel("kataib-hizbullah", "supported_by", "irn")
    assert rel("badr-organization", "founded_by", "irn")
    assert rel("hadi-al-amiri", "leader_of", "badr-organization")
    assert rel("ali-khamenei", "leader_of", "irn")
    soleimani = {(a.relation, a.object): a.former for a in kb.get("qassem-soleimani").affiliations}  # type: ignore[union-attr]
    assert soleimani[("leader_of", "quds-force")] is True


# -- user files ------------------------------------------------------------------------------------------


def _write(path: Path, records: list[dict[str, Any]]) -> list[Path]:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return [path]


def test_user_file_extends_the_default_kb(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    user = tmp_path / "mine.jsonl"
    _write(user, [
        {"id": "laskar-contoh", "name": "Laskar Contoh", "type": "ORG", "country": "IDN", "sector": "REB",
         "aliases": ["LC Nusantara"], "affiliations": [{"relation": "allied_with", "object": "tpnpb-opm"}]},
        {"id": "kataib-hizbullah", "aliases": ["Kataib Hizbollah Irak"]},
        {"id": "sugiono", "titles": ["Menlu RI ke-20"]},
    ])
    monkeypatch.setenv(ENV_VAR, str(user))
    kb = KnowledgeBase.default()
    assert kb.match("LC Nusantara").id == "laskar-contoh"  # type: ignore[union-attr]
    assert kb.get("laskar-contoh").kind == "mine"  # type: ignore[union-attr]
    assert kb.match("Kataib Hizbollah Irak").id == "kataib-hizbullah"  # type: ignore[union-attr]
    kh = kb.get("kataib-hizbullah")
    # extended, not replaced
    assert kh is not None and "Kataib Hezbollah" in kh.aliases and kh.country == "IRQ"
    assert kb.get("sugiono").titles[-1] == "Menlu RI ke-20"  # type: ignore[union-attr]

    monkeypatch.setenv(ENV_VAR, str(tmp_path))  # a directory means every *.jsonl in it
    assert KnowledgeBase.default().get("laskar-contoh") is not None
    monkeypatch.delenv(ENV_VAR)
    assert KnowledgeBase.default().get("laskar-contoh") is None


def test_user_record_can_replace_and_outrank(tmp_path: Path) -> None:
    user = _write(tmp_path / "u.jsonl", [
        {"id": "badr-organization", "replace": True, "name": "Badr Organization", "type": "ORG",
         "country": "IRQ", "sector": "POL", "aliases": ["Badr"]},
        {"id": "badr-club", "name": "Badr FC", "type": "ORG", "country": "IRQ", "sector": "BUS",
         "aliases": ["Badr"]},
    ])
    kb = KnowledgeBase.from_files([*shipped_paths(), *user])
    badr = kb.get("badr-organization")
    assert badr is not None and badr.sector == "POL" and "Munazzam Badr" not in badr.aliases
    assert [a.id for a in kb.candidates("Badr")][:2] == ["badr-organization", "badr-club"]


@pytest.mark.parametrize(("line", "message"), [
    ("not json", "not valid JSON"),
    ('{"id": "Bad Id", "name": "x", "type": "ORG"}', "lower-case slug"),
    ('{"id": "x", "name": "x", "type": "ORGANISATION"}', "type"),
    ('{"id": "x", "name": "x", "type": "ORG", "country": "Iraq"}', "alpha-3"),
    ('{"id": "x", "name": "x", "type": "ORG", "sector": "ARMY"}', "sector"),
    ('{"id": "x", "name": "x", "type": "ORG", "qid": "794"}', "Wikidata"),
    ('{"id": "x", "name": "x", "type": "ORG", "alias": ["y"]}', "unknown fields"),
    ('{"id": "x", "name": "x", "type": "ORG", "affiliations": [{"relation": "boss_of", "object": "irn"}]}',
     "affiliation"),
    ('{"id": "x", "name": "x", "type": "ORG",'
     ' "affiliations": [{"relation": "part_of", "object": "nowhere"}]}', "unknown actor ids"),
    ('{"id": "x", "aliases": ["y"]}', "has no name"),
])
def test_malformed_user_lines_name_the_file_and_fix(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text("# comment lines are fine\n" + line + "\n", encoding="utf-8")
    with pytest.raises(KBError, match=message) as err:
        KnowledgeBase.from_files([*shipped_paths(), path])
    assert "bad.jsonl" in str(err.value)


def test_missing_user_path_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "nope.jsonl"))
    with pytest.raises(KBError, match=ENV_VAR):
        KnowledgeBase.default()


def test_duplicate_shipped_id_is_an_error(tmp_path: Path) -> None:
    states = shipped_paths()[0]
    with pytest.raises(KBError, match="already defined"):
        KnowledgeBase.from_files([states, states])


# -- spaCy EntityRuler patterns ------------------------------------------------------------------------


def test_ruler_patterns_shape(kb: KnowledgeBase) -> None:
    patterns = kb.ruler_patterns()
    assert len(patterns) > len(kb)
    for pat in patterns:
        assert set(pat) == {"label", "pattern", "id"}
        assert pat["label"] in ACTOR_TYPES and pat["id"] in kb
        assert isinstance(pat["pattern"], str) or all(isinstance(tok, dict) for tok in pat["pattern"])
    by_id = defaultdict(list)
    for pat in patterns:
        by_id[pat["id"]].append(pat["pattern"])
    assert [{"ORTH": "AS"}] in by_id["usa"] and "as" not in by_id["usa"]
    assert {"Al Muhandis", "AlMuhandis", "Al-Muhandis"} <= set(by_id["abu-mahdi-al-muhandis"])
    assert "Kataib Hezbollah" in by_id["kataib-hizbullah"]
    assert [{"ORTH": "Demokrat"}] in by_id["demokrat"]
    polda = [p for p in by_id["polda"] if isinstance(p, list)]
    assert polda and polda[0][0] == {"LOWER": "polda"} and polda[0][-1]["OP"] == "+"


def test_ruler_patterns_tag_a_sentence(kb: KnowledgeBase) -> None:
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("id")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
    ruler.add_patterns(kb.ruler_patterns())
    doc = nlp("Menurut Kemenlu, milisi Kataib Hezbollah menyerang pangkalan AS dekat Kirkuk, "
              "kata Polda Riau.")
    got = {(ent.text, ent.label_, ent.ent_id_) for ent in doc.ents}
    assert ("Kemenlu", "ORG", "kemlu") in got
    assert ("Kataib Hezbollah", "ORG", "kataib-hizbullah") in got
    assert ("AS", "GPE", "usa") in got
    assert ("Polda Riau", "ORG", "polda") in got
    doc = nlp("Ia beramal, as usual, demi negara Islam yang damai dan aman.")
    assert not doc.ents


# -- Indonesian actor words ------------------------------------------------------------------------------


def test_actor_words_use_known_codes(kb: KnowledgeBase) -> None:
    assert set(aw.TITLES.values()) <= set(SECTORS)
    assert all(t in ACTOR_TYPES and s in SECTORS for t, s in aw.GROUP_SECTORS.values())
    for word, iso3 in aw.COUNTRY_WORDS.items():
        assert kb.get(iso3.lower()) is not None, word
        actor = kb.match(word)
        if actor is not None and actor.type == "GPE":
            assert actor.country == iso3, word
    assert aw.TITLES["Menlu"] == "GOV" and aw.TITLES["Kapolda"] == "COP" and aw.TITLES["Panglima"] == "MIL"
    assert aw.TITLES["Ayatullah"] == "REL" and aw.GROUP_SECTORS["milisi"] == ("ORG", "REB")
    assert aw.COUNTRY_WORDS["Irak"] == "IRQ" and aw.COUNTRY_WORDS["Zionis"] == "ISR"
    assert aw.PERSON_TITLES[0] == max(aw.TITLES, key=len) and "kapolda" in aw.TITLE_WORDS_FOLDED


def test_one_name_key_spaced_and_unspaced() -> None:
    """One normaliser: the alias index keeps words, the KB's lookup key drops the spaces."""
    from peristiwa.kb.aliases import name_key

    assert name_key("Abu Mahdi al-Muhandis") == "abu mahdi almuhandis"
    assert normalize("Abu Mahdi al-Muhandis") == "abumahdialmuhandis"
    assert normalize("al-Muhandis") == normalize("Al Muhandis") == normalize("AlMuhandis") == "almuhandis"
    assert name_key("Pérez O'Brien") == "perez obrien" and normalize("Pérez O'Brien") == "perezobrien"
    assert name_key("İstanbul_Kota") == "istanbul kota"
