"""Relations between actors from the article's own statements: who is member, leader, part of whom.

Patterns, each on one sentence (page furniture skipped):

* role phrases — a member or leader noun and the group it names (``anggota parlemen Irak``,
  ``pimpinan partai Munazzam Badr``, ``(pemimpin Kataib Hizbullah)``) — held by the person
  before them (``X dan Y anggota …``, ``X adalah mantan anggota …``, ``X yang sekaligus
  anggota …``, ``X (Panglima …)``), after them (``Salah satu pemimpin Y adalah X``), or after
  a title with a country (``Pemimpin spiritual Iran, Ayatullah Ali Khamenei``);
* modifiers — ``Y bentukan Iran`` (founded_by), ``Y dukungan Iran`` (supported_by),
  ``Y yang dibentuk oleh Z``;
* appositions — ``X, Pasukan Khusus Y`` (part_of; the apposition also names X);
* ``X bergabung dengan Y`` (allied_with).

Groups named only by a description (``parlemen Irak``) become entities of their own.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Sequence

from peristiwa.analysis import Analysis
from peristiwa.doc_index import DocIndex, SentenceInfo
from peristiwa.kb.aliases import name_key
from peristiwa.lang.id import relation_cues as rc
from peristiwa.text.chunks import Part
from peristiwa.text.tokens import Tok
from peristiwa.types import Entity, Relation, Span

HOLDER_TYPES = frozenset({"PER", "ORG"})


class _Builder:
    def __init__(self, an: Analysis, idx: DocIndex) -> None:
        self.an = an
        self.idx = idx
        self.entities = {e.id: e for e in an.entities}
        self.new_keys: dict[str, str] = {}
        self.extra_mentions: dict[str, list[Span]] = {}
        self.rels: dict[tuple[str, str, str], Relation] = {}

    def entity_of(self, p: Part) -> str | None:
        """The entity a participant names; a described group ("parlemen Irak") becomes a new one."""
        if p.entity and (not p.head or p.etype in {"PER", "ORG"}):
            return p.entity
        if not p.head or p.etype != "GPE":
            return None  # a described group is one named with its country ("parlemen Irak")
        span = self.an.view.span(p.start, p.end)
        key = name_key(span.text)
        eid = self.new_keys.get(key)
        country = self.entities[p.entity].country if p.entity and p.entity in self.entities else p.country
        if eid is None:
            eid = "e" + hashlib.sha1(f"{self.an.doc.id}\x1fdesc:{key}".encode()).hexdigest()[:8]
            self.new_keys[key] = eid
            self.entities[eid] = Entity(id=eid, name=span.text, type="ORG", mentions=(span,), country=country)
        else:
            ent = self.entities[eid]
            if span not in ent.mentions:
                self.entities[eid] = dataclasses.replace(ent, mentions=(*ent.mentions, span))
        return eid

    def add(self, subj: str | None, rel: str, obj: str | None, sent: SentenceInfo, *, former: bool = False) -> None:
        if not subj or not obj or subj == obj:
            return
        key = (subj, rel, obj)
        if key in self.rels:
            return
        ev = self.an.view.span(sent.start, sent.end)
        self.rels[key] = Relation(subject=subj, relation=rel, object=obj, evidence=ev, former=former)

    def add_mention(self, eid: str, start: int, end: int) -> None:
        self.extra_mentions.setdefault(eid, []).append(self.an.view.span(start, end))

    def finish(self) -> tuple[list[Entity], list[Relation]]:
        """The entities (with those the relations named, and their new mentions) and the relations."""
        used = {k for key in self.rels for k in (key[0], key[2])}
        for eid in list(self.new_keys.values()):
            if eid not in used:
                del self.entities[eid]  # a described group no relation needed
        for eid, spans in self.extra_mentions.items():
            ent = self.entities.get(eid)
            if ent is None:
                continue
            mentions = tuple(sorted(set(ent.mentions) | set(spans), key=lambda s: (s.start, s.end)))
            self.entities[eid] = dataclasses.replace(ent, mentions=mentions)
        return sorted(self.entities.values(), key=lambda e: e.mentions[0].start), list(self.rels.values())


def _parts_in(sent: SentenceInfo) -> list[Part]:
    return [p for c in sent.chunks for p in c.parts]


def _holders_before(sent: SentenceInfo, i: int, b: _Builder) -> list[str]:
    """The persons or groups that hold the role phrase starting at token ``i``."""
    toks = sent.toks
    j = i - 1
    while j >= 0 and toks[j].low in rc.FORMER_MARKERS | rc.HOLDER_SKIP_WORDS:
        j -= 1
    if j >= 0 and toks[j].low in rc.COPULAS | {"yang"}:
        j -= 1
        while j >= 0 and toks[j].low in rc.COPULA_SKIP_WORDS:
            j -= 1
    if j >= 0 and toks[j].text == "(":
        # "X (pemimpin Y)": only the name right before the bracket holds the role
        holders = [p for p in _parts_in(sent) if p.last == j - 1 and p.etype in HOLDER_TYPES and not p.head]
        return [e for e in (b.entity_of(p) for p in holders) if e]
    # walk left over other role phrases and commas to the holder chunk; anything else between
    # (a verb, a preposition) means the role belongs to someone else
    if j >= 0 and toks[j].text == ",":
        j -= 1
    for c in reversed(sent.chunks):
        if c.first > j:
            continue
        if c.last != j:
            return []
        holders = [p for p in c.parts if p.etype in HOLDER_TYPES and not p.head]
        if holders:
            return [e for e in (b.entity_of(p) for p in holders) if e]
        if not (c.parts and c.parts[0].head) or c.first == 0:
            return []
        # a role phrase before this one ("anggota parlemen Irak, pimpinan …"): step over it
        j = c.first - 2 if toks[c.first - 1].low in rc.MEMBER_NOUNS | rc.LEADER_NOUNS else c.first - 1
        while j >= 0 and toks[j].low in rc.LEADER_TITLE_TAILS | {","}:
            j -= 1
        if j >= 0 and toks[j].low in rc.MEMBER_NOUNS | rc.LEADER_NOUNS:
            j -= 1
        if j >= 0 and toks[j].text == ",":
            j -= 1
    return []


def _part_at(b: _Builder, toks: Sequence[Tok], i: int) -> Part | None:
    if i >= len(toks):
        return None
    return b.idx.chunker._part(toks, i, b.idx.norm)


def _role_phrases(sent: SentenceInfo, b: _Builder) -> None:
    toks = sent.toks
    n = len(toks)
    for i, t in enumerate(toks):
        rel = "member_of" if t.low in rc.MEMBER_NOUNS else "leader_of" if t.low in rc.LEADER_NOUNS else None
        if rel is None:
            continue
        k = i + 1
        while k < n and toks[k].low in rc.LEADER_TITLE_TAILS:
            k += 1
        obj_part = _part_at(b, toks, k)
        if obj_part is None:
            continue
        former = i > 0 and toks[i - 1].low in rc.FORMER_MARKERS
        if t.low in rc.LED_BY_MARKERS and not obj_part.head and obj_part.entity and i > 0 \
                and toks[i - 1].text != ",":
            # "KKB pimpinan Jeki Murib": the group is led by the person
            group = next((p for p in _parts_in(sent) if p.last == i - 1), None)
            if group is not None:
                b.add(b.entity_of(obj_part), "leader_of", b.entity_of(group), sent)
            continue
        obj = b.entity_of(obj_part)
        if obj is None or (obj_part.etype == "PER" and not obj_part.head):
            continue  # a role names a group, never a person
        if obj_part.etype == "GPE" and not obj_part.head and rel == "leader_of" and t.low not in rc.STATE_LEADERS:
            continue  # "Kapolda Riau" leads the police of Riau, not Riau
        after = obj_part.last + 1
        # "Salah satu pemimpin Y adalah X"
        if after < n and toks[after].low in rc.COPULAS:
            subj_part = _part_at(b, toks, after + 1)
            if subj_part is not None and subj_part.etype in HOLDER_TYPES:
                b.add(b.entity_of(subj_part), rel, obj, sent, former=former)
                continue
        # "Pemimpin spiritual Iran, Ayatullah Ali Khamenei", "Presiden Turki Recep Tayyip Erdogan"
        if rel == "leader_of" and obj_part.etype == "GPE" and not obj_part.head:
            k2 = after + 1 if after < n and toks[after].text == "," else after
            holder = _part_at(b, toks, k2)
            if holder is not None and holder.etype == "PER":
                b.add(b.entity_of(holder), rel, obj, sent, former=former)
                continue
        for subj in _holders_before(sent, i, b):
            b.add(subj, rel, obj, sent, former=former)


def _modifiers(sent: SentenceInfo, b: _Builder) -> None:
    toks = sent.toks
    for i, t in enumerate(toks):
        low = t.low
        rel = "founded_by" if low in rc.FOUNDED_MARKERS else "supported_by" if low in rc.SUPPORT_MARKERS else None
        if rel is None:
            continue
        k = i + 1
        if k < len(toks) and toks[k].low == "oleh":
            k += 1
        obj_part = _part_at(b, toks, k)
        if obj_part is None:
            continue
        j = i - 1
        if j >= 0 and toks[j].low == "yang":
            j -= 1
        subj_part = next((p for p in reversed(_parts_in(sent)) if p.last == j), None)
        if subj_part is None:
            continue
        b.add(b.entity_of(subj_part), rel, b.entity_of(obj_part), sent)


def _part_ending_at(b: _Builder, toks: Sequence[Tok], j: int) -> Part | None:
    """The longest participant phrase that ends at token ``j``."""
    for start in range(max(0, j - 6), j + 1):
        p = _part_at(b, toks, start)
        if p is not None and p.last == j:
            return p
    return None


def _appositions(sent: SentenceInfo, b: _Builder) -> None:
    toks = sent.toks
    lows = [t.low for t in toks]
    for k, t in enumerate(toks):
        if t.text != "," or k == 0:
            continue
        noun = next((n for n in rc.PART_NOUNS if lows[k + 1:k + 1 + len(n.split())] == n.split()), None)
        if noun is None:
            continue
        width = len(noun.split())
        a = _part_ending_at(b, toks, k - 1)
        if a is None or a.etype not in {"ORG", None} or not a.entity:
            continue
        # the whole: the name right after the part noun ("Pasukan Khusus [Garda Revolusi]")
        whole = b.idx.chunker.mention_at(toks, k + 1 + width) if k + 1 + width < len(toks) else None
        if whole is None or whole[0].entity == a.entity:
            continue
        b.add(a.entity, "part_of", whole[0].entity, sent)
        b.add_mention(a.entity, toks[k + 1].start, toks[k + width].end)


def _allies(sent: SentenceInfo, b: _Builder) -> None:
    toks = sent.toks
    lows = [t.low for t in toks]
    for marker in rc.ALLY_MARKERS:
        words = marker.split()
        for i in range(len(toks) - len(words) + 1):
            if lows[i:i + len(words)] != words:
                continue
            obj_part = _part_at(b, toks, i + len(words))
            holders = [p for c in sent.chunks if c.last < i for p in c.parts
                       if p.etype in HOLDER_TYPES and not p.head]
            if obj_part is None or not holders:
                continue
            b.add(b.entity_of(holders[-1]), "allied_with", b.entity_of(obj_part), sent)


def find(an: Analysis) -> tuple[list[Entity], list[Relation]]:
    """Relations between the document's entities, and its entities with any a relation named."""
    idx = DocIndex.of(an)
    b = _Builder(an, idx)
    for sent in idx.sentences:
        if idx.in_noise(sent.start, sent.end):
            continue
        _role_phrases(sent, b)
        _modifiers(sent, b)
        _appositions(sent, b)
        _allies(sent, b)
    return b.finish()
