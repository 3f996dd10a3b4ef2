"""Nouns that head a participant's phrase, learned from the training articles' gold.

The chunker often takes as the participant a name that only modifies the noun before it, and
that noun is who acts or is acted on: "Bupati Wamena" (not the town), "Presiden Prabowo
Subianto", "penyidik Polres Sukabumi", "sopir truk". Which nouns head participants is read off
the training gold by ``tools/train_events.py``: the first word of every gold participant named
in two words or more, kept when at least ``MIN_EVENTS`` events name a participant so, in as
many as ``MIN_SHARE`` of the times the training articles write the word, and when the articles
write it in lower case at least once (a common noun: no person's name or abbreviation is kept).
Nouns of acts, matters and places ("serangan Israel", "kasus pembunuhan Brigadir Nurhadi",
"wilayah Iran") seldom or never begin one, so the attack, the case or the region is not taken
for the actor; "presiden", "penyidik" or "sopir" do. ``phrases.governing_phrase`` climbs the
parse from a participant to such a noun. (The share was chosen on 5-fold CV over the training
articles.)
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from peristiwa.events.linear import MODEL_DIR, ModelSlot

NAME = "heads"
MIN_EVENTS = 2  # a noun heads participants when the gold of this many events names one so,
MIN_SHARE = 0.1  # and that many events for each time the articles write it
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class PhraseHeads:
    """The nouns (lower case) that head participants' phrases, and how they were learned."""

    words: frozenset[str]
    meta: dict[str, Any] = field(default_factory=dict, compare=False)

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        body = {"words": sorted(self.words), **self.meta}
        (folder / f"{NAME}.json").write_text(json.dumps(body, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> PhraseHeads:
        body = json.loads((folder / f"{NAME}.json").read_text(encoding="utf-8"))
        return cls(frozenset(body.pop("words")), body)


def first_word(alias: str) -> str | None:
    """The first word of a participant's name in two words or more, lower case ("Bupati Wamena" → "bupati")."""
    words = alias.split()
    if len(words) < 2:
        return None
    w = words[0].strip(".,:;\"'()[]").lower()
    return w if w.isalpha() else None


def learn(golds: Iterable[dict[str, Any]], texts: Iterable[str], min_events: int = MIN_EVENTS,
          min_share: float = MIN_SHARE) -> PhraseHeads:
    """The nouns that begin a gold participant's name (of two words or more) in ``min_events`` events or more,
    and in ``min_share`` events or more for each time ``texts`` (the annotated articles) write them, which
    must write them in lower case at least once."""
    written: Counter[str] = Counter()
    lower: set[str] = set()
    for text in texts:
        found = _WORD.findall(text)
        written.update(w.lower() for w in found)
        lower.update(w for w in found if w.islower())
    counts: Counter[str] = Counter()
    events = 0
    for g in golds:
        if g.get("kind", "event") != "event":
            continue
        events += 1
        counts.update({w for role in ("actors", "targets") for aliases in g.get(role, []) for a in aliases
                       if (w := first_word(a)) is not None})
    words = frozenset(w for w, n in counts.items() if n >= min_events and n >= min_share * written[w] and w in lower)
    return PhraseHeads(words, {"min_events": min_events, "min_share": min_share, "events": events,
                               "learned_from": "the gold participants of ../shared/data/train"})


SLOT: ModelSlot[PhraseHeads] = ModelSlot(MODEL_DIR, NAME, PhraseHeads.load)
use_phrase_heads = SLOT.use
current_phrase_heads = SLOT.current
