"""Learned modes: how an act was done (PLOVER's mode: an air strike, an arrest, an allegation, a visit).

The rules take the mode from the cue word, else from mode words in the clause
(``lang/id/event_cues.MODE_WORDS``), else a default. A logistic regression (trained by
``tools/train_events.py`` on ``../shared/data/train``) reads the predicate's words and stems,
the words around it in its clause, the mode words present and the rules' own mode, each joined
with the act's type; its best mode among those the type takes replaces the rules' mode when it
reaches the threshold.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from peristiwa.doc_index import SentenceInfo
from peristiwa.events.linear import MODEL_DIR, ModelSlot, ThresholdModel
from peristiwa.lang.id import event_cues as ec
from peristiwa.lang.id.morphology import rough_stem
from peristiwa.text.clauses import clause_bounds

NO_MODE = "none"
WINDOW = 5


def mode_features(sent: SentenceInfo, first: int, last: int, etype: str, rule_mode: str | None) -> list[str]:
    """Feature strings of one predicate (tokens ``first``..``last`` of ``sent``) for its mode."""
    toks = sent.toks
    lo, hi = clause_bounds(toks, first)
    f = ["T=" + etype, f"rule={etype}|{rule_mode}"]
    for t in toks[first:last + 1]:
        f += [f"w={etype}|{t.low}", f"s={etype}|{rough_stem(t.low)}"]
    for j in range(max(lo, first - WINDOW), min(hi, last + WINDOW) + 1):
        if first <= j <= last or not toks[j].is_word:
            continue
        f += [f"c={etype}|{toks[j].low}", f"cs={etype}|{rough_stem(toks[j].low)}"]
    f.append(f"p1={etype}|{toks[first - 1].low if first > 0 else '<s>'}")
    f.append(f"n1={etype}|{toks[last + 1].low if last + 1 < len(toks) else '</s>'}")
    text = " " + " ".join(t.low for t in toks[lo:hi + 1])
    for word, mode in ec.MODE_WORDS.get(etype, ()):
        if " " + word in text:
            f.append(f"mw={etype}|{mode}")
    return f


@dataclass
class ModeModel(ThresholdModel):
    """The mode classifier, the modes each type takes, and the probability a mode needs to replace the rules'."""

    NAME: ClassVar[str] = "modes"

    def valid(self, etype: str) -> Sequence[str]:
        return self.linear.meta.get("modes_of_type", {}).get(etype, ())

    def choose(self, sent: SentenceInfo, first: int, last: int, etype: str, rule_mode: str | None) -> str | None:
        modes = self.valid(etype)
        if not modes:
            return rule_mode
        prob = self.linear.predict([mode_features(sent, first, last, etype, rule_mode)])[0]
        index = {c: k for k, c in enumerate(self.linear.classes)}
        best = max(modes, key=lambda m: prob[index[m]] if m in index else -1.0)
        if best in index and prob[index[best]] >= self.threshold:
            return best
        return rule_mode


SLOT: ModelSlot[ModeModel] = ModelSlot(MODEL_DIR, "modes", ModeModel.load)
use_mode_model = SLOT.use
current_mode_model = SLOT.current
