"""Indonesian derivation and the cue lexicon built from it."""

from __future__ import annotations

import pytest

from peristiwa.events.cues import cue_table, find_cues
from peristiwa.lang.id.morphology import derive, me_prefix
from peristiwa.text.tokens import tokenize


@pytest.mark.parametrize(("root", "active"), [
    ("serang", "menyerang"), ("tembak", "menembak"), ("bunuh", "membunuh"), ("tangkap", "menangkap"),
    ("kirim", "mengirim"), ("pukul", "memukul"), ("bom", "mengebom"), ("bakar", "membakar"),
    ("usir", "mengusir"), ("klaim", "mengklaim"), ("kecam", "mengecam"), ("sita", "menyita"),
    ("lempar", "melempar"), ("peringat", "memperingat"), ("pertanyakan", "mempertanyakan"), ("desak", "mendesak"),
])
def test_me_prefix(root: str, active: str) -> None:
    assert me_prefix(root) == active


def test_derived_forms() -> None:
    forms = derive("serang")
    assert "diserang" in forms["passive"] and "penyerangan" in forms["noun"] and "serangan" in forms["noun"]
    assert "menyerangkan" in forms["active"] and "terserang" in forms["accidental"]


@pytest.mark.parametrize(("word", "etype", "voice"), [
    ("menyerang", "ASSAULT", "active"), ("diserang", "ASSAULT", "passive"), ("serangan", "ASSAULT", "noun"),
    ("penangkapan", "COERCE", "patient_noun"), ("mengutuk", "ACCUSE", "active"), ("memperingatkan", "THREATEN", "active"),
    ("mengevakuasi", "AID", "active"), ("demo", "PROTEST", "bare"), ("menewaskan", "ASSAULT", "active"),
    ("serangannya", "ASSAULT", "noun"), ("penangkapannya", "COERCE", "patient_noun"),
    ("seruannya", "REQUEST", "noun"),
])
def test_cue_table(word: str, etype: str, voice: str) -> None:
    cue = cue_table()[0][(word,)]
    assert (cue.type, cue.voice) == (etype, voice)


def test_words_that_are_not_cues() -> None:
    table = cue_table()[0]
    for word in ("tahanan", "bunuhan", "terancam", "perang", "dilaporkan", "tekanan"):
        assert (word,) not in table


def test_light_verb_carries_a_nominal_cue_and_qualified_cues_need_their_word() -> None:
    hits = find_cues(tokenize("Israel melancarkan rentetan serangan udara ke Iran."))
    assert [(h.cue.type, h.light) for h in hits] == [("ASSAULT", "active")]
    assert find_cues(tokenize("Warga dihadapi petugas dengan ramah.")) == []
    assert [h.cue.type for h in find_cues(tokenize("Massa dihadapi aparat secara brutal."))] == ["COERCE"]
