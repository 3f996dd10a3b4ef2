"""Sentences, tokens, participant chunks, dates, places and numbers of one document, in view offsets."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

from peristiwa.analysis import Analysis
from peristiwa.text.chunks import Chunk, Chunker, MentionRef
from peristiwa.text.tokens import Tok, tokenize
from peristiwa.types import Entity, Place, TimeExpr

if TYPE_CHECKING:  # events.phrases reads this index
    from peristiwa.events.phrases import Parse


DateKey = tuple[dt.date, dt.date]
PlaceKey = tuple[str, str | None]  # a place's lower-cased name and country
# Every date (place) written outside page furniture, by interval (place), with where it is written
# ((start, sentence, date) / (start, end, sentence, place)), and the order of first mention.
DateTable = tuple[dict[DateKey, list[tuple[int, int, TimeExpr]]], dict[DateKey, int]]
PlaceTable = tuple[dict[PlaceKey, list[tuple[int, int, int, Place]]], dict[PlaceKey, int]]


@dataclass
class SentenceInfo:
    index: int
    start: int  # view offsets
    end: int
    toks: list[Tok]
    chunks: list[Chunk]


class DocIndex:
    """Per-document lookups in view coordinates, built once and shared by the rule stages."""

    def __init__(self, an: Analysis) -> None:
        self.an = an
        view = an.view
        self.norm = view.norm
        ment = an.links.mentions if an.links else []
        ent_of = an.links.mention_entity if an.links else {}
        refs = []
        for m in ment:
            eid = ent_of.get((m.span.start, m.span.end))
            if eid is None:
                continue
            is_place = m.place is not None and m.place.precision != "country"
            refs.append(MentionRef(view.to_norm(m.span.start), view.to_norm(m.span.end), eid, m.type,
                                   m.name, m.country, is_place))
        self.entities = {e.id: e for e in an.entities}
        self.entity_actor: dict[str, str] = an.links.entity_actor if an.links else {}  # entity id -> KB actor id
        self.chunker = Chunker(refs)
        self.times = sorted(((view.to_norm(t.span.start), view.to_norm(t.span.end), t) for t in an.times),
                            key=lambda x: x[0])
        self._time_starts = [ts for ts, _te, _t in self.times]
        self.quantities = [(view.to_norm(q.span.start), view.to_norm(q.span.end), q) for q in an.quantities]
        self.places = [(view.to_norm(p.span.start), view.to_norm(p.span.end), p) for p in an.places]
        self.noise = view.norm_ranges(an.noise)
        self.sentences: list[SentenceInfo] = []
        for k, s in enumerate(an.sentences):
            a, b = view.to_norm(s.start), view.to_norm(s.end)
            toks = tokenize(self.norm, a, b)
            self.sentences.append(SentenceInfo(k, a, b, toks, self.chunker.chunks(toks, self.norm)))
        self._sentence_starts = [s.start for s in self.sentences]
        # the tables the date and place models build once per document (events.date_model, events.place_model)
        self.date_table: DateTable | None = None
        self.place_table: PlaceTable | None = None
        self.parse: Parse | None = None  # the dependency parse in the stages' form (events.phrases.parse_of)
        self.parse_read = False  # parse_of has looked (a missing parse is remembered too)

    def sentence_at(self, offset: int) -> int:
        """The index of the sentence that holds view offset ``offset``, or -1."""
        k = bisect_right(self._sentence_starts, offset) - 1
        return k if k >= 0 and offset < self.sentences[k].end else -1

    @classmethod
    def of(cls, an: Analysis) -> DocIndex:
        """The index of ``an``, built on first use and kept on the analysis."""
        if an.index is None:
            an.index = cls(an)
        return an.index

    def times_in(self, sent: SentenceInfo) -> list[tuple[int, int, TimeExpr]]:
        """The date expressions that start inside ``sent`` (view offsets), in text order."""
        lo = bisect_left(self._time_starts, sent.start)
        hi = bisect_left(self._time_starts, sent.end)
        return self.times[lo:hi]

    def state_entity(self, iso3: str) -> Entity | None:
        """The article's entity for the state ``iso3`` (linked to its KB record), if it names it."""
        return next((e for e in self.entities.values()
                     if e.type == "GPE" and self.entity_actor.get(e.id) == iso3.lower()), None)

    def in_noise(self, a: int, b: int) -> bool:
        return any(s < b and a < e for s, e in self.noise)
