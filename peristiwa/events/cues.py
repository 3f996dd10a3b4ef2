"""Event cue lexicon: every surface form of every cue, and a longest-match finder over tokens."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from peristiwa.lang.id import event_cues as ec
from peristiwa.lang.id.morphology import derive
from peristiwa.text.tokens import Tok
from peristiwa.types import EventType, Voice, event_type
from peristiwa.types import voice as as_voice

# peN-…-an nouns name the act done to someone ("penangkapan X": X is arrested); -an nouns
# name the act of someone ("serangan X": X attacks).
_FORM_VOICE: dict[str, Voice] = {"a": "active", "p": "passive", "n": "noun", "N": "patient_noun", "t": "passive",
                                 "b": "bare"}


@dataclass(frozen=True, slots=True)
class Cue:
    """What a trigger form means: its type, mode and voice (how its roles are found)."""

    type: EventType
    mode: str | None
    voice: Voice
    qualifiers: tuple[str, ...] = ()
    window: int = 0


@dataclass(frozen=True, slots=True)
class CueHit:
    first: int  # index of the first token
    last: int  # index of the last token (inclusive)
    cue: Cue
    light: str | None = None  # "active"/"passive" when a light verb carries a nominal cue


@lru_cache(maxsize=1)
def cue_table() -> tuple[dict[tuple[str, ...], Cue], dict[str, int]]:
    """Every cue form (lower-case word tuple), and for each word that begins one the most words such a
    form has."""
    table: dict[tuple[str, ...], Cue] = {}
    for root, etype, mode, forms in ec.ROOT_CUES:
        derived = derive(root)
        for letter in forms:
            voice = _FORM_VOICE[letter]
            if letter == "n":
                words = {root + "an"}
            elif letter == "N":
                words = {w for w in derived["noun"] if w.startswith("pe")}
            elif letter == "t":
                words = derived["accidental"]
            elif letter == "b":
                words = derived["bare"] - {root + "i"} if root.endswith("i") else derived["bare"]
            else:
                words = derived[voice]
            for w in words:
                table.setdefault((w,), Cue(event_type(etype), mode, voice))
    for phrase, etype, mode, how in ec.PHRASE_CUES:
        table[tuple(phrase.split())] = Cue(event_type(etype), mode, as_voice(how))
    for form, etype, mode, how, quals, window in ec.QUALIFIED_CUES:
        table[tuple(form.split())] = Cue(event_type(etype), mode, as_voice(how), quals, window)
    for key, cue in list(table.items()):
        if len(key) == 1 and cue.voice in {"noun", "patient_noun"} and not cue.qualifiers:
            # "mengulangi seruannya agar …", "melanjutkan serangannya": the -nya possessive keeps the noun's act
            table.setdefault((key[0] + ec.POSSESSIVE_SUFFIX,), cue)
    for form in ec.NOT_CUE_FORMS:
        table.pop(tuple(form.split()), None)
    longest: dict[str, int] = {}
    for key in table:
        longest[key[0]] = max(longest.get(key[0], 0), len(key))
    return table, longest


def find_cues(toks: Sequence[Tok]) -> list[CueHit]:
    """Longest-match cue hits in a token list, left to right; light verbs absorb nominal cues."""
    table, longest_from = cue_table()
    light_active = set(ec.LIGHT_VERBS_ACTIVE)
    light_passive = set(ec.LIGHT_VERBS_PASSIVE)
    hits: list[CueHit] = []
    i = 0
    lows = [t.low for t in toks]
    while i < len(toks):
        most = longest_from.get(lows[i])
        if most is None:  # no cue form begins with this word
            i += 1
            continue
        match = None
        for n in range(min(most, len(toks) - i), 0, -1):
            cue = table.get(tuple(lows[i:i + n]))
            if cue is not None:
                match = (n, cue)
                break
        if match is None:
            i += 1
            continue
        n, cue = match
        if cue.qualifiers and not any(w in cue.qualifiers for w in lows[i + n:i + n + cue.window]):
            i += 1
            continue
        light = None
        if cue.voice in {"noun", "patient_noun"}:
            # "melancarkan (rentetan) serangan": the light verb up to two words before
            for back in (1, 2):
                j = i - back
                if j < 0:
                    break
                if lows[j] in light_active:
                    light = "active"
                    break
                if lows[j] in light_passive:
                    light = "passive"
                    break
                if not toks[j].is_word:
                    break
        hits.append(CueHit(i, i + n - 1, cue, light))
        i += n
    return hits
