"""Rule candidates: the cue lexicon's hits in a sentence and what the act filters say of each.

These used to decide alone; now they are evidence for the learned trigger model (``features``),
which may keep a hit the filters dropped, drop one they kept, retype it, or find a predicate the
lexicon does not know.
"""

from __future__ import annotations

from dataclasses import dataclass

from peristiwa.doc_index import SentenceInfo
from peristiwa.events.act_filters import conditional_threats, is_real
from peristiwa.events.cues import CueHit, find_cues


@dataclass(frozen=True, slots=True)
class RuleHit:
    """A cue hit with the filters' verdict: ``real`` and an optional new type (a promised attack is a threat)."""

    hit: CueHit
    real: bool
    retype: str | None

    @property
    def type(self) -> str:
        return self.retype or self.hit.cue.type


def rule_hits(sent: SentenceInfo) -> list[RuleHit]:
    """Every cue hit of ``sent`` in text order, with the act filters' verdict on it."""
    hits = find_cues(sent.toks)
    hits = sorted(hits + conditional_threats(sent, hits), key=lambda h: h.first)
    accepted: list[CueHit] = []
    out: list[RuleHit] = []
    for hit in hits:
        real, retype = is_real(sent, hit, hits, accepted)
        if real:
            accepted.append(hit)
        out.append(RuleHit(hit, real, retype))
    return out
