"""Actors: find every mention of a person, group or state, link it, and group mentions into entities.

Mentions come from four places: the actor knowledge base (alias index), the gazetteer
(countries and cities), the NLP model's entities, and capitalised name sequences after a
title (``Presiden``, ``Kapolda Riau Irjen``) or before an organisation head word.  Mentions
are then grouped into one entity per actor: the same knowledge-base actor, the same place,
or a person named again by surname or with a title (``Jenderal Suleimani`` is ``Qassem
Suleimani``).  Names are found in the whole text, noise included, so that an entity lists
every place the text names it; events skip the noise on their own.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from peristiwa import limits
from peristiwa.analysis import Analysis
from peristiwa.kb import SECTORS, KnowledgeBase
from peristiwa.kb.aliases import AliasIndex, fold, name_key
from peristiwa.lang.id import actor_words as aw
from peristiwa.types import Entity, Place, Span

SPACY_LABELS = {"PER": "PER", "PERSON": "PER", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "NORP": "NORP",
                "FAC": "FAC", "EVT": "EVT", "EVENT": "EVT"}


@dataclass(frozen=True, slots=True)
class Mention:
    """One stretch of text that names an actor or place."""

    span: Span
    type: str
    source: str  # kb | place | ner | name
    name: str
    actor_id: str | None = None
    qid: str | None = None
    country: str | None = None
    sector: str | None = None
    place: Place | None = None
    title: str | None = None  # the title word(s) right before a person's name


@dataclass
class _Cluster:
    mentions: list[Mention] = field(default_factory=list)
    key: str = ""

    @property
    def best(self) -> Mention:
        kb = [m for m in self.mentions if m.actor_id]
        if kb:
            return kb[0]
        return max(self.mentions, key=lambda m: (m.type != "UNK", len(m.span.text)))


@lru_cache(maxsize=1)
def _kb_index() -> AliasIndex[Any]:

    entries: list[tuple[str, Any]] = []
    for actor in KnowledgeBase.default():
        for alias in actor.names():
            entries.append((alias, actor))
    return AliasIndex(entries)


_TITLE_RE = None


def _title_re() -> re.Pattern[str]:
    global _TITLE_RE
    if _TITLE_RE is None:
        titles = sorted(aw.PERSON_TITLES, key=len, reverse=True)
        _TITLE_RE = re.compile(r"\b(?:" + "|".join(re.escape(t) for t in titles) + r")\b\.?")
    return _TITLE_RE


_CAP_SEQ = re.compile(
    r"(?:(?:[A-Z][\w'’]*(?:-[A-Za-z][\w'’]*)*|(?:al|el|bin|binti|van|von|de|da|di)(?=[ -][A-Z]))[ -]?)+"
)


def _proper_sequences(text: str) -> list[tuple[int, int]]:
    out = []
    for m in _CAP_SEQ.finditer(text):
        s, e = m.start(), m.end()
        while e > s and text[e - 1] in " -":
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def _covered_by(spans: Iterable[Span]) -> Callable[[int], bool]:
    """Return a test for "offset ``i`` is inside one of ``spans``", in log time (a text may have
    tens of thousands of places)."""
    starts: list[int] = []
    ends: list[int] = []
    for span in sorted(spans, key=lambda sp: (sp.start, sp.end)):
        if starts and span.start <= ends[-1]:
            ends[-1] = max(ends[-1], span.end)
        else:
            starts.append(span.start)
            ends.append(span.end)

    def covered(i: int) -> bool:
        k = bisect.bisect_right(starts, i) - 1
        return k >= 0 and i < ends[k]

    return covered


def find_mentions(an: Analysis) -> list[Mention]:
    """Return every actor and place mention in the document (spans of the original text)."""
    view = an.view
    norm = view.norm
    out: list[Mention] = []
    taken: list[tuple[int, int]] = []

    index = _kb_index()
    kb_spans: dict[tuple[int, int], str] = {}
    for hit in index.find(norm):
        actor = hit.value
        span = view.span(hit.start, hit.end)
        out.append(Mention(span, actor.type, "kb", actor.name, actor_id=actor.id, qid=actor.qid,
                           country=actor.country, sector=actor.sector))
        taken.append((hit.start, hit.end))
        kb_spans[(span.start, span.end)] = actor.type
        # names inside a longer name ("Pasukan Khusus Garda Revolusi" holds "Garda Revolusi")
        inner_text = norm[hit.start:hit.end]
        first_word = inner_text.split()[0] if inner_text.split() else ""
        if " " in inner_text.strip():
            masked = " " * len(first_word) + inner_text[len(first_word):]
            for inner in index.find(masked):
                if inner.value.id == actor.id:
                    continue
                ispan = view.span(hit.start + inner.start, hit.start + inner.end)
                out.append(Mention(ispan, inner.value.type, "kb", inner.value.name, actor_id=inner.value.id,
                                   qid=inner.value.qid, country=inner.value.country, sector=inner.value.sector))

    for pm in an.places:
        if kb_spans.get((pm.span.start, pm.span.end), "GPE") != "GPE":
            continue  # "Al-Quds" the force, not Al-Quds the city
        out.append(Mention(pm.span, "GPE" if pm.place.precision in {"country", "admin1", "admin2", "city",
                                                                      "district"} else "LOC",
                           "place", pm.place.name, country=pm.place.country, place=pm.place))

    def overlaps_taken(s: int, e: int) -> bool:
        return any(a < e and s < b for a, b in taken)

    dateline = (view.to_norm(an.dateline.start), view.to_norm(an.dateline.end)) if an.dateline else None
    if an.spacy_doc is not None:
        for ent in an.spacy_doc.ents:
            if dateline and dateline[0] <= ent.start_char < dateline[1]:
                continue  # "BEIRUT, KOMPAS.com -": the outlet's name is no actor of the story
            label = SPACY_LABELS.get(ent.label_)
            if label not in {"PER", "ORG", "NORP"} or overlaps_taken(ent.start_char, ent.end_char):
                continue
            text = ent.text.strip(" ,.-")
            if len(text) < 2 or not text[:1].isupper():
                continue
            s = ent.start_char + ent.text.index(text)
            if label == "ORG" and _ends_in_titled_name(text):
                continue  # "Kaops Damai Cartenz Brigjen Faizal Ramadhani": a titled person, read below
            out.append(Mention(view.span(s, s + len(text)), label, "ner", text))
            taken.append((s, s + len(text)))

    # Titled names the model may miss: "Presiden Joseph Aoun", "Kapolda Riau Irjen Herry Heryawan".
    title_re = _title_re()
    in_place = _covered_by([pm.span for pm in an.places])
    for s, e in _proper_sequences(norm):
        limits.tick("actors")
        words = [(m.start() + s, m.end() + s) for m in re.finditer(r"\S+", norm[s:e])]
        # the name starts after the last title inside the sequence, past any place or known name
        inner_titles = [m for m in title_re.finditer(norm, s, e)]
        first = 0
        if inner_titles:
            last_end = inner_titles[-1].end()
            first = next((k for k, (ws, _we) in enumerate(words) if ws >= last_end), len(words))
        while first < len(words) and overlaps_taken(*words[first]):
            first += 1
        while first < len(words) and in_place(view.orig(words[first][0])):
            first += 1
        if first >= len(words):
            continue
        ns, ne = words[first][0], e
        if overlaps_taken(ns, ne):
            continue
        head = fold(norm[ns:ne].split()[0])
        titled = bool(inner_titles) or bool(re.search(r"(?:" + title_re.pattern + r")\s*$", norm[max(0, s - 40):s]))
        if head in aw.ORG_HEAD_WORDS and len(norm[ns:ne].split()) >= 2 and not inner_titles:
            out.append(Mention(view.span(ns, ne), "ORG", "name", norm[ns:ne]))
            taken.append((ns, ne))
        elif titled and len(norm[ns:ne]) >= 3 and head not in aw.ORG_HEAD_WORDS:
            out.append(Mention(view.span(ns, ne), "PER", "name", norm[ns:ne],
                               title=inner_titles[-1].group(0) if inner_titles else None))
            taken.append((ns, ne))
    out.sort(key=lambda m: (m.span.start, -m.span.end))
    return out


def _ends_in_titled_name(text: str) -> bool:
    """True when a span ends with a person's title and one to four capitalised words after it."""
    titles = list(_title_re().finditer(text))
    if not titles:
        return False
    tail = text[titles[-1].end():].split()
    return 1 <= len(tail) <= _NAME_WORDS and all(w[:1].isupper() for w in tail)


_NAME_WORDS = 4


def _is_state(m: Mention) -> bool:

    actor = KnowledgeBase.default().get(m.actor_id or "")
    return actor is not None and actor.kind == "states"


def _person_words(name: str) -> list[str]:
    words = name_key(name).split()
    titles = aw.TITLE_WORDS_FOLDED
    while words and words[0] in titles:
        words = words[1:]
    return words


def cluster(mentions: Iterable[Mention]) -> list[_Cluster]:
    """Group mentions into entities (one per actor or place)."""
    clusters: list[_Cluster] = []
    by_key: dict[str, _Cluster] = {}
    persons: list[tuple[list[str], _Cluster]] = []

    def add(key: str, m: Mention) -> _Cluster:
        c = by_key.get(key)
        if c is None:
            c = _Cluster(key=key)
            by_key[key] = c
            clusters.append(c)
        c.mentions.append(m)
        return c

    for m in mentions:
        if m.actor_id:
            key = ("country:" + m.country) if m.type == "GPE" and m.country and m.sector in {None, "GOV"} \
                and _is_state(m) else "kb:" + m.actor_id
            c = add(key, m)
            if m.type == "PER":
                persons.append((_person_words(m.span.text), c))
            continue
        if m.source == "place" and m.place is not None:
            key = ("country:" + (m.place.country or "")) if m.place.precision == "country" \
                else "place:" + name_key(m.place.name) + ":" + (m.place.country or "")
            add(key, m)
            continue
        if m.type == "PER":
            words = _person_words(m.span.text)
            target = None
            for pwords, c in persons:
                if not words or not pwords:
                    continue
                if words == pwords or (len(words) < len(pwords) and pwords[-len(words):] == words) \
                        or (len(words) > len(pwords) and words[-len(pwords):] == pwords) \
                        or (len(words) == 1 and words[0] in pwords):
                    target = c
                    break
            if target is None:
                target = add("per:" + " ".join(words), m)
                persons.append((words, target))
            else:
                target.mentions.append(m)
            continue
        add(m.type.lower() + ":" + name_key(m.name), m)
    return clusters


def _surname_mentions(an: Analysis, clusters: list[_Cluster], mentions: list[Mention]) -> None:
    """Add bare surnames ("Sutrisno") as mentions of the person named in full earlier."""
    view = an.view
    covered = [(m.span.start, m.span.end) for m in mentions]
    for c in clusters:
        best = c.best
        if best.type != "PER":
            continue
        full = [m for m in c.mentions if len(m.span.text.split()) >= 2]
        if not full:
            continue
        surname = full[0].span.text.split()[-1]
        if len(surname) < 4 or not surname[:1].isupper():
            continue
        first_at = min(m.span.start for m in full)
        for m in re.finditer(r"(?<![\w-])" + re.escape(surname) + r"(?![\w-])", view.norm):
            span = view.span(m.start(), m.end())
            if span.start < first_at or any(a < span.end and span.start < b for a, b in covered):
                continue
            c.mentions.append(Mention(span, "PER", "coref", best.name, actor_id=best.actor_id, qid=best.qid,
                                      country=best.country, sector=best.sector))
            covered.append((span.start, span.end))


_TITLES_FOLDED = {k.casefold(): v for k, v in aw.TITLES.items()}
_GROUPS_FOLDED = {k.casefold(): v for k, v in aw.GROUP_SECTORS.items()}


def _describe(an: Analysis, c: _Cluster) -> tuple[str | None, str | None]:
    """Guess an unknown actor's country and sector from the words around its mentions.

    A title before a person ("Kapolda", "Presiden Turki") gives the sector, a country named
    in that title gives the country; an organisation's head word ("partai", "Kementerian")
    gives its sector.
    """

    text = an.text
    country = sector = None
    for m in c.mentions:
        before = text[max(0, m.span.start - 60):m.span.start]
        words = before.split()[-6:]
        if m.type == "PER":
            for n in range(min(4, len(words)), 0, -1):
                for k in range(len(words) - n + 1):
                    cand = " ".join(words[k:k + n]).casefold().strip(",.")
                    if sector is None and cand in _TITLES_FOLDED:
                        sector = _TITLES_FOLDED[cand]
            near = [pm for pm in an.places if pm.place.precision == "country"
                    and m.span.start - 40 <= pm.span.start < m.span.start
                    and not any(ch in text[pm.span.end:m.span.start] for ch in ".;!?\n")]
            if near and country is None:
                country = max(near, key=lambda pm: pm.span.start).place.country
        else:
            head = fold(m.span.text.split()[0]) if m.span.text.split() else ""
            prev = fold(words[-1]) if words else ""
            for key in (head, prev):
                if sector is None and key in aw.ORG_HEAD_SECTORS:
                    sector = aw.ORG_HEAD_SECTORS[key]
                if sector is None and key in _GROUPS_FOLDED:
                    sector = _GROUPS_FOLDED[key][1]
    if sector is not None and sector not in SECTORS:
        sector = None
    return country, sector


def _entity_id(doc_id: str, key: str) -> str:
    return "e" + hashlib.sha1(f"{doc_id}\x1f{key}".encode()).hexdigest()[:8]


@dataclass(frozen=True, slots=True)
class ActorLinks:
    """What the later stages read of the actor stage besides its entities."""

    mentions: list[Mention]
    mention_entity: dict[tuple[int, int], str]  # a mention's (start, end) -> its entity id
    entity_actor: dict[str, str]  # entity id -> KB actor id (the contract's kb_id is the QID)


def find(an: Analysis) -> tuple[list[Entity], ActorLinks]:
    """Find mentions and group them into entities: the entities, and how mentions link to them."""
    mentions = find_mentions(an)
    clusters = cluster(mentions)
    _surname_mentions(an, clusters, mentions)
    mentions = [m for c in clusters for m in c.mentions]
    entities = []
    mention_entity: dict[tuple[int, int], str] = {}
    entity_actor: dict[str, str] = {}  # entity id -> KB actor id (the contract's kb_id is the QID)
    for c in clusters:
        best = c.best
        country = best.country or next((m.country for m in c.mentions if m.country), None)
        sector = best.sector or next((m.sector for m in c.mentions if m.sector), None)
        if not best.actor_id and best.source != "place":
            g_country, g_sector = _describe(an, c)
            country = country or g_country
            sector = sector or g_sector
        eid = _entity_id(an.doc.id, c.key)
        if best.actor_id:
            entity_actor[eid] = best.actor_id
        spans = sorted({m.span for m in c.mentions}, key=lambda s: (s.start, s.end))
        for s in spans:
            mention_entity[(s.start, s.end)] = eid
        etype = best.type if best.type in {"PER", "ORG", "GPE", "LOC", "NORP", "FAC", "EVT"} else "ORG"
        entities.append(Entity(id=eid, name=best.name, type=etype, mentions=tuple(spans),
                               kb_id=best.qid, country=country, sector=sector))
    entities.sort(key=lambda e: e.mentions[0].start)
    return entities, ActorLinks(mentions, mention_entity, entity_actor)
