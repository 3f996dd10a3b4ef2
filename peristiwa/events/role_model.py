"""Learned roles: which participant phrases act and which are acted upon, for one predicate.

Candidates are every participant of the predicate's sentence (the chunker's noun phrases headed
by a name, a group noun or a pronoun, pronouns resolved), the people and groups of the sentences
just before and after that the sentence does not name itself (an act is often told in a sentence
that leaves its agent or its victim to its neighbour: "Polisi menangkap AB. AB kemudian ditahan"),
and whatever the rule stage (``roles``) chose from elsewhere (a speaker, an antecedent). A
multinomial logistic regression (none / actor / target, trained by ``tools/train_events.py`` on
``../shared/data/train``) scores each from the predicate's voice and type, the side and distance,
the clause, the words around it (``oleh``, ``terhadap``, ``ke``, ``dengan`` …), what it names, and
the rules' own choice; a candidate from a neighbouring sentence by which side it lies on, its
order there and which roles the rules filled inside the sentence.

Two policies: ``fill`` keeps the rules' picks and lets the model fill only the roles they leave
empty; ``overrule`` lets the model's best replace a rule pick it beats by a margin, never with a
phrase the parse makes an argument of another predicate of the sentence, and keeps the rule pick
when the model finds no one for the role. Beside a pick, a second participant comes only when the
parse coordinates it with the first ("A dan B"; at a lower bar, when the role is likelier for it
than the other), or, for a role the rules left empty, when the model is sure of it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, Self

from peristiwa.doc_index import DocIndex, SentenceInfo
from peristiwa.events.cues import CueHit
from peristiwa.events.linear import MODEL_DIR, ModelSlot, ThresholdModel, overrules
from peristiwa.events.phrases import arguments, conjuncts, parse_of, relation, widen
from peristiwa.events.roles import resolve_pronoun, resolve_thing
from peristiwa.lang.id import participants as lx
from peristiwa.lang.id.grammar import ROLE_FEATURE_WORDS
from peristiwa.lang.id.morphology import ACTIVE_PASSIVE_PREFIXES
from peristiwa.text.chunks import Part
from peristiwa.text.clauses import clause_bounds

ROLE_CLASSES = ("none", "actor", "target")
SURE = 0.75  # a second actor or target needs this much
CONJUNCT_BAR = 0.3  # a participant coordinated with a chosen one needs this much for its role
ROLE_POLICIES = ("fill", "overrule")
NEIGHBOURS = (-1, 1)  # sentences, relative to the predicate's, whose people and groups are candidates too


def _key(p: Part) -> tuple[int, int, str]:
    return p.start, p.end, p.name


def _resolved(doc: DocIndex, sent: SentenceInfo) -> list[Part]:
    """The sentence's participants, pronouns and things resolved (once per sentence when there is a parse)."""
    parse = parse_of(doc)
    if parse is not None and sent.index in parse.resolved:
        return parse.resolved[sent.index]
    parts = [resolve_thing(doc, sent, resolve_pronoun(doc, sent, p)) for chunk in sent.chunks for p in chunk.parts]
    if parse is not None:
        parse.resolved[sent.index] = parts
    return parts


def candidates(doc: DocIndex, sent: SentenceInfo, actors: Sequence[Part],
               targets: Sequence[Part]) -> list[tuple[Part, str]]:
    """Every participant of ``sent`` and of the rules' choice, each with what the rules made of it."""
    rule_role = {_key(p): "actor" for p in actors}
    rule_role.update({_key(p): "target" for p in targets if _key(p) not in rule_role})
    out: list[tuple[Part, str]] = []
    seen = set()
    for q in _resolved(doc, sent):
        k = _key(q)
        if k in seen:
            continue
        seen.add(k)
        out.append((q, rule_role.get(k, "none")))
    for p in [*actors, *targets]:
        if _key(p) not in seen:
            seen.add(_key(p))
            out.append((p, rule_role[_key(p)]))
    # the whole noun phrase of each, and the parse's arguments no participant covers
    out = [(widen(doc, sent, p), rule) for p, rule in out]
    out += [(p, "none") for p in arguments(doc, sent, [p for p, _ in out])]
    return out + _neighbours(doc, sent, out)


def _neighbours(doc: DocIndex, sent: SentenceInfo, taken: Sequence[tuple[Part, str]]) -> list[tuple[Part, str]]:
    """The people and groups of the sentences around ``sent`` (``NEIGHBOURS``) that no candidate already
    names: an act is often told in a sentence that leaves its agent or its victim to the one before or
    after it."""
    names = {p.name.lower() for p, _ in taken}
    keys = {_key(p) for p, _ in taken}
    out: list[tuple[Part, str]] = []
    for offset in NEIGHBOURS:
        k = sent.index + offset
        if not 0 <= k < len(doc.sentences):
            continue
        other = doc.sentences[k]
        if doc.in_noise(other.start, other.end):
            continue
        for q in _resolved(doc, other):
            if q.is_thing or q.is_place or q.generic or q.first < 0 or q.name.lower() in names or _key(q) in keys:
                continue
            names.add(q.name.lower())
            out.append((widen(doc, other, q), "none"))
    return out


def _bucket(n: int) -> str:
    return str(n) if n <= 2 else "3-5" if n <= 5 else "6-10" if n <= 10 else "far"


def _voice(hit: CueHit) -> str:
    return "active" if hit.light == "active" else "passive" if hit.light == "passive" else hit.cue.voice


def candidate_features(doc: DocIndex, sent: SentenceInfo, hit: CueHit, etype: str,
                       cands: Sequence[tuple[Part, str]], others: Sequence[CueHit] = ()) -> list[list[str]]:
    """Feature strings for each candidate of one predicate."""
    toks = sent.toks
    voice = _voice(hit)
    lo, hi = clause_bounds(toks, hit.first)
    inside = [(p, r) for p, r in cands if 0 <= p.first <= p.last < len(toks) and toks[p.first].start == p.start]
    left = sorted((p.last for p, _ in inside if p.last < hit.first), reverse=True)
    right = sorted(p.first for p, _ in inside if p.first > hit.last)
    # which roles the rules filled inside the sentence, and the order of the people told in the sentences around
    inside_roles = {r for _p, r in inside}
    filled = "|".join(r for r in ("actor", "target") if r in inside_roles) or "-"
    told = sorted(p.start for p, _ in cands if p.end <= sent.start or p.start >= sent.end)
    out = []
    for p, rule in cands:
        et = p.etype or ("pron" if p.text.lower() in lx.PRONOUNS else "none")
        f = ["bias", "T=" + etype, "V=" + voice, "rule=" + rule, "rule|V=" + rule + "|" + voice,
             "rule|T=" + rule + "|" + etype, "et=" + et, "T|et=" + etype + "|" + et, "head=" + p.head]
        if p.is_thing:
            f.append("thing")
        if p.is_place:
            f.append("place")
        if p.generic:
            f.append("generic")
        if p.country:
            f.append("country")
        if (p, rule) not in inside:
            f += ["ext", "ext|rule=" + rule]
            if p.end <= sent.start or p.start >= sent.end:  # told in another sentence
                nb = "nb=" + ("prev" if p.end <= sent.start else "next")
                f += [nb, nb + "|" + rule, nb + "|T=" + etype, nb + "|V=" + voice, nb + "|et=" + et,
                      nb + "|L=" + str(bool(left)), nb + "|R=" + str(bool(right)),
                      nb + "|V|L|R=" + voice + "|" + str(bool(left)) + "|" + str(bool(right)),
                      nb + "|filled=" + filled, nb + "|filled|V=" + filled + "|" + voice,
                      nb + "|filled|T=" + filled + "|" + etype, nb + "|filled|et=" + filled + "|" + et]
                rank = sum(1 for x in told if (x < sent.start) == (p.start < sent.start) and x < p.start)
                f.append(nb + "|rank=" + str(min(rank, 2)))
            out.append(f)
            continue
        if p.last < hit.first:
            side, dist, rank = "L", hit.first - p.last - 1, left.index(p.last)
            between = toks[p.last + 1:hit.first]
        elif p.first > hit.last:
            side, dist, rank = "R", p.first - hit.last - 1, right.index(p.first)
            between = toks[hit.last + 1:p.first]
        else:
            side, dist, rank, between = "O", 0, 0, []
        d, rk = _bucket(dist), str(min(rank, 2))
        prev = toks[p.first - 1].low if p.first > 0 else "<s>"
        nxt = toks[p.last + 1].low if p.last + 1 < len(toks) else "</s>"
        f += ["side=" + side, "sV=" + side + "|" + voice, "sVT=" + side + "|" + voice + "|" + etype,
              "sd=" + side + "|" + d, "sVd=" + side + "|" + voice + "|" + d, "sr=" + side + "|" + rk,
              "sVr=" + side + "|" + voice + "|" + rk, "pw=" + prev, "pwV=" + prev + "|" + voice + "|" + side,
              "nw=" + nxt, "hw=" + toks[p.last].low, "sVe=" + side + "|" + voice + "|" + et]
        f.append("inclause" if lo <= p.first and p.last <= hi else "outclause")
        lows = {t.low for t in between}
        for w in ROLE_FEATURE_WORDS:
            if w in lows:
                f.append("btw=" + w)
                f.append("btwV=" + w + "|" + voice + "|" + side)
        if any(len(t.low) > 5 and t.low.startswith(ACTIVE_PASSIVE_PREFIXES) and not t.is_cap
               for t in between):
            f.append("btw_verb")
        f += relation(doc, sent, p, hit, others)
        out.append(f)
    return out


@dataclass
class RoleModel(ThresholdModel):
    """The role classifier and the probability a candidate needs to take a role."""

    NAME: ClassVar[str] = "roles"
    policy: str = "overrule"  # one of ROLE_POLICIES
    # a target still empty takes the person or group the model finds likeliest for it when its probability
    # reaches this lower bar, even where the model finds it likelier to have no role (None: never)
    empty_bar: float | None = None

    def save(self, folder: Path) -> None:
        self.linear.meta.update(policy=self.policy, empty_bar=self.empty_bar)
        super().save(folder)

    @classmethod
    def load(cls, folder: Path) -> Self:
        model = super().load(folder)
        model.policy = str(model.linear.meta.get("policy", "overrule"))
        bar = model.linear.meta.get("empty_bar")
        model.empty_bar = None if bar is None else float(bar)
        if model.policy not in ROLE_POLICIES:
            raise ValueError(f"{folder}: unknown role policy {model.policy!r}")
        return model

    def choose(self, doc: DocIndex, sent: SentenceInfo, hit: CueHit, etype: str, actors: list[Part],
               targets: list[Part], others: Sequence[CueHit] = ()) -> tuple[list[Part], list[Part]]:
        """The actors and targets of one predicate, starting from the rules' choice (kept as they are when the
        document has no parse: the model was trained on the parse's candidates and relations)."""
        if parse_of(doc) is None:
            return actors, targets
        cands = candidates(doc, sent, actors, targets)
        if not cands:
            return actors, targets
        rules = {role: {k for k in range(len(cands)) if cands[k][1] == ROLE_CLASSES[role]} for role in (1, 2)}
        if self.policy == "fill" and rules[1] and rules[2]:  # nothing to fill: the rules' roles, as whole phrases
            return self._chosen(cands, rules)
        feats = candidate_features(doc, sent, hit, etype, cands, others)
        prob = self.linear.predict(feats)
        best = prob.argmax(axis=1)
        # a candidate the parse makes an argument of another predicate ("… dihadapi oleh X") plays its role there
        elsewhere = {k for k, f in enumerate(feats) if "arg_of_other_pred" in f}
        pairs = conjuncts(doc, [p for p, _ in cands])
        picked: dict[int, set[int]] = {1: set(), 2: set()}
        for role in (1, 2):
            ruled = rules[role]
            if ruled and self.policy == "fill":
                picked[role] = ruled  # the rules' choice stands (as whole phrases); the model fills empty roles
                continue
            ranked = sorted((k for k in range(len(cands)) if best[k] == role and prob[k, role] >= self.threshold
                             and not (ruled and k in elsewhere)), key=lambda k: -prob[k, role])
            if not ranked:
                picked[role] = set(ruled)  # the model has no better pick: the rules' stands
                continue
            # the rules' pick stands unless the model's best beats it by a margin (as for places and dates)
            top = {ranked[0]}
            if ruled and (ranked[0] in ruled or not overrules(prob[:, role], ranked[0],
                                                               max(ruled, key=lambda k: prob[k, role]),
                                                               self.threshold)):
                top = ruled  # the rules' whole choice stands
            # others only when the parse coordinates them with one kept ("A dan B"), or, where the rules found
            # none, when the model is sure
            extra = set() if ruled else {k for k in ranked[1:] if prob[k, role] >= max(self.threshold, SURE)}
            picked[role] = top | extra
            # coordination is evidence of its own: a conjunct takes the role at a lower bar when the role is
            # likelier for it than the other one ("A (…) dan B (…) tewas")
            other = 3 - role  # actor (1) ↔ target (2)
            picked[role] |= {j for i, j in pairs if i in picked[role] and not cands[j][0].generic  # a toll
                             and prob[j, role] >= min(self.threshold, CONJUNCT_BAR)
                             and prob[j, role] > prob[j, other]}
        for role, other in ((1, 2), (2, 1)):
            picked[role] -= {k for k in picked[role] & picked[other] if prob[k, other] > prob[k, role]}
        if self.empty_bar is not None and not picked[2]:
            # most acts are done to someone; a guess below the threshold names a person or a group, never a
            # thing, an act ("serangan itu") or a place
            free = [k for k in range(len(cands)) if k not in picked[1] and prob[k, 2] >= self.empty_bar
                    and not cands[k][0].is_thing and not cands[k][0].is_place]
            if free:
                picked[2] = {max(free, key=lambda k: prob[k, 2])}
        return self._chosen(cands, picked)

    @staticmethod
    def _chosen(cands: Sequence[tuple[Part, str]], picked: dict[int, set[int]]) -> tuple[list[Part], list[Part]]:
        """The actors (no place) and targets ``picked`` (role → candidate indices), in text order."""
        chosen = {role: [cands[k][0] for k in sorted(ks, key=lambda k: cands[k][0].start)]
                  for role, ks in picked.items()}
        return [p for p in chosen[1] if not p.is_place], chosen[2]


SLOT: ModelSlot[RoleModel] = ModelSlot(MODEL_DIR, "roles", RoleModel.load)  # none shipped: the rules' roles
use_role_model = SLOT.use
current_role_model = SLOT.current
