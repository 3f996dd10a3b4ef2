"""Actor linking, within-document coreference and relations, on sentences written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from peristiwa.pipeline import extract
from peristiwa.settings import Settings
from peristiwa.types import Document

FAST = Settings(use_nlp=False)


def result(text: str) -> dict[str, Any]:
    return extract(Document(id="t", text=text, published="2025-06-18"), settings=FAST).to_dict()


def entity_with(res: dict[str, Any], surface: str) -> dict[str, Any]:
    found = [e for e in res["entities"] if any(m["text"] == surface for m in e["mentions"])]
    assert found, f"no entity mentions {surface!r}"
    return found[0]


def relations(res: dict[str, Any]) -> set[tuple[str, str, str]]:
    by_id = {e["id"]: e["name"] for e in res["entities"]}
    return {(by_id[r["subject"]], r["relation"], by_id[r["object"]]) for r in res["relations"]}


@pytest.mark.parametrize(("first", "second"), [
    ("Abu Mahdi al-Muhandis", "AlMuhandis"),
    ("Qassem Suleimani", "Jenderal Suleimani"),
    ("Amerika Serikat", "AS"),
])
def test_mentions_of_one_actor_are_one_entity(first: str, second: str) -> None:
    text = f"{first} disebut dalam laporan itu. Beberapa hari kemudian {second} kembali disebut."
    res = result(text)
    a = entity_with(res, first)
    names = [m["text"] for m in a["mentions"]]
    assert any(second.endswith(n) or n.endswith(second.split()[-1]) for n in names), names


def test_titled_person_unknown_to_the_kb_is_found_and_named_again_by_surname() -> None:
    text = ("Kapolda Maluku Utara Irjen Bambang Sutrisno mengatakan pelaku sudah ditangkap. "
            "Menurut Sutrisno, penyelidikan masih berjalan.")
    res = result(text)
    ent = entity_with(res, "Bambang Sutrisno")
    assert ent["type"] == "PER"
    assert {m["text"] for m in ent["mentions"]} >= {"Bambang Sutrisno", "Sutrisno"}


def test_country_entities_carry_iso3() -> None:
    res = result("Korut dan Korsel kembali saling mengecam, sementara Arab Saudi memilih diam.")
    assert entity_with(res, "Korut")["country"] == "PRK"
    assert entity_with(res, "Korsel")["country"] == "KOR"
    assert entity_with(res, "Arab Saudi")["country"] == "SAU"


def test_offsets_of_every_mention_are_exact() -> None:
    text = "Pasukan IDF menyerang kamp pengungsi diJalur Gaza, kata juru bicara Hamas kepada AFP."
    res = result(text)
    for e in res["entities"]:
        for m in e["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]


def test_role_phrases_copulas_and_brackets() -> None:
    res = result("Hassan Nasrallah (pemimpin Hizbullah) tewas pada 2024. "
                 "Yahya Sinwar adalah mantan anggota Hamas.")
    rels = relations(res)
    assert ("Hassan Nasrallah", "leader_of", "Hezbollah") in rels
    assert ("Yahya Sinwar", "member_of", "Hamas") in rels
    former = [r for r in res["relations"] if r["relation"] == "member_of"]
    assert former and former[0]["former"] is True


def test_patron_and_founder_modifiers() -> None:
    rels = relations(result("Serangan itu dilakukan kelompok Houthi dukungan Iran. "
                            "Organisasi Badr bentukan Iran ikut mengecam."))
    assert ("Houthi movement", "supported_by", "Iran") in rels or any(
        r[1] == "supported_by" and r[2] == "Iran" for r in rels)
    assert any(r[1] == "founded_by" and r[2] == "Iran" for r in rels)


def test_leader_of_a_country_from_a_title_apposition() -> None:
    rels = relations(result("Pemimpin tertinggi Iran, Ayatullah Ali Khamenei, berpidato di Teheran."))
    assert ("Ali Khamenei", "leader_of", "Iran") in rels


def test_group_described_in_the_text_becomes_an_entity() -> None:
    res = result("Ismail Haniyeh dan Yahya Sinwar anggota parlemen Palestina.")
    objs = {e["name"] for e in res["entities"] if e["id"] in {r["object"] for r in res["relations"]}}
    assert objs and all("parlemen" in o.lower() or "representatives" in o.lower() for o in objs)


def test_no_relation_from_a_plain_sentence() -> None:
    assert result("Polisi menangkap dua orang di Bekasi pada Senin (16/6/2025).")["relations"] == []


def test_unknown_actors_are_described_from_their_context() -> None:
    res = result("Jaksa Agung Bolivia Roger Mariaca memulai penyelidikan. "
                 "Serikat Pekerja Kimia Nusantara menggelar aksi di Cilegon.")
    roger = entity_with(res, "Roger Mariaca")
    assert (roger["type"], roger["country"], roger["sector"]) == ("PER", "BOL", "JUD")
    union = entity_with(res, "Serikat Pekerja Kimia Nusantara")
    assert (union["type"], union["sector"]) == ("ORG", "CVL")


@pytest.mark.parametrize(("text", "titled"), [
    ("Kaops Damai Cartenz Brigjen Faizal Ramadhani", True),
    ("Kapolda Riau Irjen Herry Heryawan", True),
    ("Kementerian Luar Negeri", False),
    ("Polda Metro Jaya", False),
])
def test_an_organisation_span_ending_in_a_titled_name_is_a_person(text: str, titled: bool) -> None:
    from peristiwa.actors.mentions import _ends_in_titled_name

    assert _ends_in_titled_name(text) is titled


def test_a_titled_officer_and_the_first_name_are_one_person() -> None:
    text = ('"Tiga warga meninggal dunia," ujar Kaops Damai Cartenz Brigjen Faizal Ramadhani kepada wartawan, '
            "Jumat (20/6/2025). Faizal menambahkan, pelaku masih diburu.")
    res = extract(Document(id="t", text=text, published="2025-06-20")).to_dict()
    person = entity_with(res, "Faizal")
    assert person["type"] == "PER" and person["name"] == "Faizal Ramadhani"
    assert sorted(m["text"] for m in person["mentions"]) == ["Faizal", "Faizal Ramadhani"]
