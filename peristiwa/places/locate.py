"""Where an act happened: the most specific place its sentence names after a locative word.

A sentence may name a site the gazetteer cannot know (``di depan Gedung Putih``, ``ke arah
Bandara Aminggaru Ilaga``, ``di Polda Metro Jaya``); such a phrase becomes the location, placed
by a gazetteer name inside it or by the article's main place.  A sentence that names no place
takes the place of the sentences just before it, then the article's dateline or first place.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from peristiwa.doc_index import DocIndex, SentenceInfo
from peristiwa.lang.id import entity_names as en
from peristiwa.lang.id import event_cues as ec
from peristiwa.lang.id import participants as lx
from peristiwa.lang.id import places as vocab
from peristiwa.places.gazetteer import Gazetteer
from peristiwa.text.chunks import Part
from peristiwa.text.tokens import Tok
from peristiwa.types import PLACE_PRECISION_RANK, Location, Place, PlaceMention


@lru_cache(maxsize=1)
def _site_heads() -> frozenset[str]:
    return frozenset(w for w in en.FAC_HEAD_WORDS | en.LOC_HEAD_WORDS | vocab.SEAT_HEAD_WORDS if " " not in w)


def _locative_start(toks: Sequence[Tok], k: int) -> bool:
    """True when token ``k`` follows a locative word, allowing a few filler words between."""
    j = k - 1
    steps = 0
    while j >= 0 and steps < 4:
        low = toks[j].low
        if low in vocab.SITE_LOCATIVES:
            return True
        if low not in vocab.LOCATIVE_FILLERS:
            return False
        j -= 1
        steps += 1
    return False


def _extend_direction(doc: DocIndex, toks: Sequence[Tok], k_end: int, end: int) -> int:
    """Include a direction word after a place ("Lebanon selatan")."""
    nxt = next((t for t in toks if t.start >= end), None)
    if nxt is not None and nxt.low in vocab.DIRECTION_WORDS and nxt.start - end <= 1:
        return nxt.end
    return end


def _gazetteer_candidates(doc: DocIndex, sent: SentenceInfo, parts: Sequence[Part]) -> list[tuple[int, int, int,
                                                                                                   PlaceMention]]:
    toks = sent.toks
    inside = [(p.start, p.end) for p in parts if p.first >= 0]
    out = []
    for ps, pe, pm in doc.places:
        if not (sent.start <= ps < sent.end):
            continue
        k = next((t.i for t in toks if t.start == ps), None)
        if k is None or not _locative_start(toks, k):
            continue
        if any(a <= ps and pe <= b for a, b in inside) \
                and not (k > 0 and toks[k - 1].low in vocab.SITE_LOCATIVES):
            continue
        out.append((PLACE_PRECISION_RANK[pm.place.precision], ps, pe, pm))
    return out


def _caps_run(toks: Sequence[Tok], j: int) -> int:
    """The end of the capitalised name starting at ``j``, across a bracketed short form inside it:
    "Pengadilan Negeri (PN) Bandung", "Rumah Sakit Umum Pusat (RSUP) Kariadi Semarang"."""
    while True:
        while j < len(toks) and toks[j].is_cap and toks[j].is_word and toks[j].low not in lx.PHRASE_BREAKERS:
            j += 1
        if (j + 3 < len(toks) and toks[j].text == "(" and toks[j + 1].is_word and toks[j + 2].text == ")"
                and toks[j + 3].is_cap and toks[j + 3].is_word and toks[j + 3].low not in lx.PHRASE_BREAKERS):
            j += 3
            continue
        return j


def _site_phrase(doc: DocIndex, sent: SentenceInfo) -> tuple[int, int] | None:
    """A facility or area phrase after a locative word: "di depan Gedung Putih", "di Jalan Palem"."""
    toks = sent.toks
    heads = _site_heads()
    for k, t in enumerate(toks):
        if t.low not in heads and not t.is_cap:
            continue
        if not _locative_start(toks, k) or (k > 0 and toks[k - 1].is_cap):
            continue
        j = k
        if t.low in heads and not t.is_cap:
            j += 1
            while j < len(toks) and toks[j].low in heads and not toks[j].is_cap:
                j += 1
        start_caps = j
        j = _caps_run(toks, j)
        if j == start_caps:
            continue
        first_low = toks[k].low
        if first_low not in heads and toks[k].is_cap and first_low not in heads:
            # a capitalised phrase with no head word is a site only if it starts with one ("Gedung Putih")
            continue
        return toks[k].start, toks[j - 1].end
    return None


def sentence_location(doc: DocIndex, sent: SentenceInfo, parts: Sequence[Part], *,
                      fallback: Place | None, said_after: int | None = None) -> Location | None:
    """The location named in ``sent`` for an act with participants ``parts``.

    With ``said_after`` (the view offset of the act's trigger), places after a verb of saying
    that follows the trigger are where it was said ("…," kata X kepada wartawan di Ternate), not
    where it happened, and are left out.
    """
    view = doc.an.view
    cands = _gazetteer_candidates(doc, sent, parts)
    site = _site_phrase(doc, sent)
    if said_after is not None:
        said = next((t.start for t in sent.toks if t.start > said_after and t.low in _SAYING), None)
        if said is not None:
            cands = [c for c in cands if c[1] < said]
            site = site if site is None or site[0] < said else None
    if site is not None:
        s, e = site
        # "Kedutaan AS di Baghdad", "Jalan Medan Merdeka Selatan, Jakarta Pusat": the place after the site places it
        after = [pe for ps, pe, _pm in doc.places if e < ps <= e + 4 and doc.norm[e:ps].strip() in {"di", ","}]
        if after:
            e = after[0]
        near = min(cands, key=lambda c: (c[0], c[1]))[3].place if cands else None
        return _site(doc, s, e, near or fallback, site[1])
    if not cands:
        return None
    _rank, s, e, pm = min(cands, key=lambda c: (c[0], c[1]))
    e = _extend_direction(doc, sent.toks, 0, e)
    return Location(view.span(s, e).text, pm.place)


def _site(doc: DocIndex, s: int, e: int, fallback: Place | None, name_end: int | None = None) -> Location:
    """The site written at view offsets ``s:e``, placed by the most precise gazetteer place named inside it
    ("Pengadilan Negeri Jakarta Selatan"), else by ``fallback``. A street is named after places elsewhere
    ("Jalan Medan Merdeka Selatan" is in Jakarta): a place inside its name (up to ``name_end``) does not
    place it, one written after it does."""
    street = doc.norm[s:e].split(maxsplit=1)[0].lower() in vocab.STREET_WORDS
    name_end = e if name_end is None else name_end
    inner = [(PLACE_PRECISION_RANK[pm.place.precision], ps, pm.place) for ps, pe, pm in doc.places
             if s <= ps and pe <= e and not (street and ps < name_end)]
    base = min(inner, key=lambda c: (c[0], c[1]))[2] if inner else fallback
    span = doc.an.view.span(s, e)
    place = Place(name=span.text, country=base.country if base else None, admin1=base.admin1 if base else None,
                  lat=base.lat if base else None, lon=base.lon if base else None, precision="site")
    return Location(span.text, place)


def seat_of(doc: DocIndex, p: Part) -> tuple[int, Location] | None:
    """The seat an acting institution is named after ("Penyidik Polda Metro Jaya", "Polsek Darussalam"),
    with its view offset: where acts of law enforcement are often placed."""
    if p.first < 0:
        return None
    si = doc.sentence_at(p.start)
    if si < 0:
        return None
    toks = doc.sentences[si].toks
    inside = [t.i for t in toks if p.start <= t.start < p.end]
    if not inside:
        return None
    # the seat word may open the name ("Polda Metro Jaya") or stand just before it ("Polda" + "Metro Jaya")
    k = next((i for i in range(max(0, inside[0] - 2), inside[-1] + 1)
              if toks[i].is_cap and toks[i].low in vocab.SEAT_HEAD_WORDS), None)
    if k is None:
        return None
    j = _caps_run(toks, k + 1)
    if j == k + 1:
        return None  # a seat word alone names no seat
    return toks[k].start, _site(doc, toks[k].start, toks[j - 1].end, None)


_SAYING = frozenset(ec.SPEECH_VERBS)


def paragraph_location(doc: DocIndex, sent: SentenceInfo, *, fallback: Place | None) -> Location | None:
    """The location of the nearest earlier sentence of the same paragraph that names one."""
    k = sent.index - 1
    while k >= 0 and sent.index - k <= 3:
        prev = doc.sentences[k]
        if "\n" in doc.norm[prev.end:doc.sentences[k + 1].start]:
            break
        loc = sentence_location(doc, prev, [], fallback=fallback)
        if loc is not None:
            return loc
        k -= 1
    return None


def main_place(doc: DocIndex) -> Place | None:
    """The article's home place: its dateline city, else the country it names most."""
    an = doc.an
    if an.dateline is not None:
        for pm in an.places:
            if an.dateline.start <= pm.span.start < an.dateline.end:
                return pm.place
    return dominant_country(doc)


def dominant_country(doc: DocIndex) -> Place | None:
    """The place the article names most often outside page furniture (the first on a tie)."""
    counts: dict[tuple[str, str | None], int] = {}
    first: dict[tuple[str, str | None], Place] = {}
    for ps, pe, pm in doc.places:
        if doc.in_noise(ps, pe) or pm.place.precision == "region":
            continue
        key = (pm.place.name, pm.place.country)
        counts[key] = counts.get(key, 0) + 1
        first.setdefault(key, pm.place)
    if not counts:
        return None
    best = max(counts, key=lambda k: counts[k])  # max keeps the first of equal counts
    return first[best]


def target_country(parts: Sequence[Part], doc: DocIndex) -> Location | None:
    """An attack on a country with no place named: the country attacked ("serangan ke Iran")."""

    for p in parts:
        if p.entity and p.etype == "GPE" and not p.head and not p.is_place and p.country:
            place = Gazetteer.default().country(p.country)
            if place is not None:
                return Location(doc.an.view.span(p.start, p.end).text, place)
    return None


def home_country(parts: Sequence[Part], doc: DocIndex) -> Location | None:
    """A deployment with no place named happens at home: the country of the state or person ordering it."""

    for p in parts:
        if p.entity and p.country and not p.is_place and p.etype in {"PER", "GPE", "ORG"}:
            place = Gazetteer.default().country(p.country)
            if place is not None:
                return Location(place.name, place)
    return None
