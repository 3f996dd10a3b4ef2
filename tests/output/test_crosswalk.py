"""The crosswalk tables (CAMEO, ACLED event types, actor categories, regions) and display text."""

from __future__ import annotations

from pathlib import Path

import pytest

from peristiwa.lang.id.generic_actors import GENERIC_ACTORS
from peristiwa.output import crosswalk as cw
from peristiwa.store.records import StoredParty
from peristiwa.text.clean import display_text
from peristiwa.types import EVENT_TYPES

REPO = Path(__file__).resolve().parents[2]

# The modes the annotation guidelines list per type (../shared/eval/GUIDELINES.md) and the
# extractor's mode words use.
MODES = {
    "ASSAULT": ("aerial", "drone", "heavy-weapons", "firearms", "explosives", "primitive", "assassinate",
                "abduct", "beat", "destroy", "crowd-control", "massacre", "execute"),
    "PROTEST": ("demo", "riot", "strike", "hunger", "boycott", "obstruct"),
    "COERCE": ("arrest", "deport", "seize", "ban", "curfew", "restrict", "censor", "crowd-control"),
    "THREATEN": ("violence", "relations", "restrict"),
    "ACCUSE": ("allege", "disapprove", "investigate"),
    "REQUEST": ("change", "assist", "yield", "meet"),
    "SANCTION": ("convict", "expel", "withdraw", "discontinue"),
    "MOBILIZE": ("troops", "weapons", "police", "militia"),
    "RETREAT": ("withdraw", "release", "ceasefire", "resign"),
    "CONSULT": ("visit", "phone", "multilateral", "mediate", "meet"),
}
QUADS = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), 1),
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT"), 2),
    **dict.fromkeys(("REQUEST", "ACCUSE", "REJECT", "SANCTION", "THREATEN"), 3),
    **dict.fromkeys(("PROTEST", "MOBILIZE", "COERCE", "ASSAULT"), 4),
}


@pytest.mark.parametrize("type_", EVENT_TYPES)
def test_every_plover_type_has_a_cameo_row_of_its_own(type_: str) -> None:
    row = cw.cameo(type_)
    assert row is not None and row.mode is None
    assert 1 <= int(row.root) <= 20 and len(row.root) == 2
    assert -10.0 <= row.goldstein <= 10.0
    assert row.quad_class == QUADS[type_]  # the PLOVER manual's quad table


def test_every_listed_mode_is_mapped_consistently() -> None:
    for (type_, mode), row in cw.cameo_table().items():
        assert type_ in EVENT_TYPES, type_
        assert row.quad_class == QUADS[type_], (type_, mode)
        assert row.code.isdigit() and 3 <= len(row.code) <= 4
    for type_, modes in MODES.items():
        for mode in modes:
            found = cw.cameo(type_, mode)
            assert found is not None and found.type == type_, (type_, mode)


@pytest.mark.parametrize(
    ("type_", "mode", "root", "goldstein"),
    [
        ("ASSAULT", "aerial", "19", -10.0),
        ("ASSAULT", None, "18", -9.0),
        ("ASSAULT", "unknown-mode", "18", -9.0),
        ("PROTEST", "demo", "14", -6.5),
        ("COERCE", "arrest", "17", -5.0),
        ("RETREAT", "ceasefire", "08", 9.0),
        ("CONCEDE", None, "08", 5.0),
        ("ACCUSE", "investigate", "09", -2.0),
        ("REQUEST", "change", "10", -5.0),
        ("AGREE", None, "03", 4.0),
    ],
)
def test_cameo_values(type_: str, mode: str | None, root: str, goldstein: float) -> None:
    assert cw.cameo_fields(type_, mode) | {} == {
        "cameo_root": root, "goldstein": goldstein, "quad_class": QUADS[type_]
    }


def test_unknown_type_has_no_cameo() -> None:
    assert cw.cameo_fields("DANCE") == {"cameo_root": None, "goldstein": None, "quad_class": None}


@pytest.mark.parametrize(
    ("type_", "mode", "crowd", "armed", "expected"),
    [
        ("ASSAULT", "aerial", False, True, ("Political violence", "Explosions/Remote violence", "Air/drone strike")),
        ("ASSAULT", None, True, False, ("Political violence", "Riots", "Mob violence")),
        ("ASSAULT", "firearms", False, True, ("Political violence", "Battles", "Armed clash")),
        ("ASSAULT", "firearms", False, False, ("Political violence", "Violence against civilians", "Attack")),
        ("ASSAULT", "crowd-control", False, False,
         ("Political violence; Demonstrations", "Protests", "Excessive force against protesters")),
        ("PROTEST", "riot", False, False, ("Demonstrations", "Riots", "Violent demonstration")),
        ("PROTEST", "demo", False, False, ("Demonstrations", "Protests", "Peaceful protest")),
        ("THREATEN", "violence", False, False, ("Strategic developments", "Strategic developments", "Other")),
    ],
)
def test_acled_types(type_: str, mode: str | None, crowd: bool, armed: bool, expected: tuple[str, ...]) -> None:
    rule = cw.acled_type(type_, mode, crowd_actor=crowd, armed_target=armed)
    assert (rule.disorder_type, rule.event_type, rule.sub_event_type) == expected


def test_every_plover_type_gets_an_acled_type() -> None:
    for type_ in EVENT_TYPES:
        assert cw.acled_type(type_, None).event_type


@pytest.mark.parametrize(
    ("part", "country", "violent", "expected"),
    [
        ({"name": "warga", "text": "sejumlah warga"}, "IDN", True, ("Civilians (Indonesia)", None, 7, "civilians")),
        ({"name": "warga Palestina", "country": "PSE", "type": "GPE"}, "ISR", True,
         ("Civilians (Palestine)", None, 7, "civilians")),
        ({"name": "pelaku", "text": "seluruh pelaku"}, "IDN", True,
         ("Unidentified Armed Group (Indonesia)", None, 3, "unidentified_armed_group")),
        ({"name": "orang", "text": "orang tak dikenal"}, "IDN", True,
         ("Unidentified Armed Group (Indonesia)", None, 3, "unidentified_armed_group")),
        ({"name": "massa"}, "IDN", False, ("Protesters (Indonesia)", None, 6, "protesters")),
        ({"name": "demonstran"}, None, False, ("Protesters", None, 6, "protesters")),
        ({"name": "polisi"}, "IDN", True, ("Police Forces of Indonesia", None, 1, "police")),
        ({"name": "anggota polisi"}, "IDN", True, ("Police Forces of Indonesia", None, 1, "police")),
        ({"name": "tentara"}, "MMR", True, ("Military Forces of Myanmar", None, 1, "military")),
        ({"name": "pasukan Israel", "country": "ISR", "type": "GPE"}, "PSE", True,
         ("Military Forces of Israel", None, 1, "military")),
        ({"name": "Israel", "country": "ISR", "type": "GPE"}, "PSE", True,
         ("Military Forces of Israel", None, 1, "military")),
        ({"name": "Israel", "country": "ISR", "type": "GPE"}, "PSE", False,
         ("Government of Israel", None, 1, "government")),
        ({"name": "guru"}, "IDN", True, ("Civilians (Indonesia)", "Teachers (Indonesia)", 7, "teachers")),
        ({"name": "mahasiswa"}, "IDN", False, ("Civilians (Indonesia)", "Students (Indonesia)", 7, "students")),
        ({"name": "TNI Angkatan Udara", "country": "IDN", "sector": "MIL", "type": "ORG", "key": "kb:tni-au"}, None, True,
         ("Military Forces of Indonesia", "TNI Angkatan Udara", 1, "military")),
        ({"name": "Satgas Contoh", "country": "IDN", "sector": "COP", "type": "ORG", "key": "n:x"}, None, True,
         ("Police Forces of Indonesia", "Satgas Contoh", 1, "police")),
        ({"name": "Hezbollah", "country": "LBN", "sector": "REB", "type": "ORG"}, "ISR", True,
         ("Hezbollah", None, 2, None)),
        ({"name": "Magic Seas", "type": "PER"}, None, True, ("Magic Seas", None, None, None)),
    ],
)
def test_classify(part: dict[str, str], country: str | None, violent: bool,
                  expected: tuple[str, str | None, int | None, str | None]) -> None:
    got = cw.classify(StoredParty.from_dict(part), country=country, violent=violent)
    assert (got.name, got.assoc, got.inter, got.category) == expected


def test_generic_words_are_phrases_of_known_categories() -> None:
    known = set(cw.categories())
    for phrase, category in GENERIC_ACTORS.items():
        assert phrase == " ".join(phrase.lower().split()), phrase
        assert category in known, (phrase, category)
        assert cw.generic_category(phrase) == cw.categories()[category], phrase
    # a multi-word phrase beats its first word; words that only start like one do not match
    assert getattr(cw.generic_category("orang tak dikenal"), "id", None) == "unidentified_armed_group"
    assert getattr(cw.generic_category("orang"), "id", None) == "civilians"
    assert cw.generic_category("wargawan") is None
    assert cw.generic_category("Presiden") is None


def test_regions_and_iso_numbers() -> None:
    assert cw.acled_region("IDN") == (360, "Southeast Asia")
    assert cw.acled_region("isr") == (376, "Middle East")
    assert cw.acled_region("MEX") == (484, "Central America")
    assert cw.acled_region(None) == (None, None)
    assert cw.acled_region("ZZZ") == (None, None)


def test_the_docs_show_the_tables_as_they_are() -> None:
    docs = (REPO / "docs" / "EXPORTS.md").read_text(encoding="utf-8")
    assert cw.markdown_tables() in docs, "run `python -m peristiwa.output.crosswalk` and paste it into docs/EXPORTS.md"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Sedikitnya 44 wargaSipiltewas diKota Contoh.", "Sedikitnya 44 warga Sipiltewas di Kota Contoh."),
        ("Serangan itu [img.2] melukai tiga orang. [video.1]", "Serangan itu melukai tiga orang."),
        ("Baris  satu\nbaris dua", "Baris satu baris dua"),
    ],
)
def test_display_text(text: str, shown: str) -> None:
    assert display_text(text) == shown


def test_display_text_splits_names_with_a_name_test_and_leaves_the_text_alone() -> None:
    text = "Pasukan menyerang kotaContohraya, kataJuru bicara [img.3]."
    names = {"Contohraya"}.__contains__
    assert display_text(text, is_name=names) == "Pasukan menyerang kota Contohraya, kata Juru bicara."
    assert text == "Pasukan menyerang kotaContohraya, kataJuru bicara [img.3]."
