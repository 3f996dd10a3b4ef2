"""The document contract's data types (see the project README and ``shared/contract``).

Every stage passes these frozen dataclasses, never loose dicts.  ``Document`` owns the
text; everything else that points into it is a ``Span`` whose ``start``/``end`` are
Python ``str`` indices with ``doc.text[start:end] == span.text``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, cast, get_args

EventType = Literal[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]
EVENT_TYPES: tuple[EventType, ...] = get_args(EventType)
ENTITY_TYPES: tuple[str, ...] = ("PER", "ORG", "GPE", "LOC", "NORP", "FAC", "EVT")
RELATION_TYPES: tuple[str, ...] = (
    "member_of", "leader_of", "part_of", "founded_by", "supported_by", "allied_with", "opposed_to",
)

# How exactly a date is known (finest first).
DatePrecision = Literal["time", "day", "week", "month", "season", "year", "range", "decade", "publication"]
# What a gazetteer record is; a region ("Timur Tengah", "Laut Merah") says less than a country.
PlacePrecision = Literal["site", "village", "district", "city", "admin2", "admin1", "country", "region"]
# The one ranking of place precisions, lower is more specific; a village is as exact as a site.
PLACE_PRECISION_RANK: dict[str, int] = {"site": 0, "village": 0, "district": 1, "city": 2, "admin2": 3, "admin1": 4,
                                        "country": 5, "region": 6}
# How a cue word's roles are found: a verb's voice, a noun, a noun naming the victim, an intransitive…
Voice = Literal["active", "passive", "noun", "patient_noun", "intransitive", "victim", "bare"]


def _checked(value: str, allowed: tuple[str, ...], what: str) -> str:
    if value not in allowed:
        raise ValueError(f"unknown {what} {value!r}")
    return value


def event_type(value: str) -> EventType:
    """``value`` as an event type; a ValueError names anything else."""
    return cast(EventType, _checked(value, EVENT_TYPES, "event type"))


def place_precision(value: str) -> PlacePrecision:
    """``value`` as a place precision; a ValueError names anything else."""
    return cast(PlacePrecision, _checked(value, _PLACE_PRECISIONS, "place precision"))


def voice(value: str) -> Voice:
    """``value`` as a cue's voice; a ValueError names anything else."""
    return cast(Voice, _checked(value, _VOICES, "voice"))


_PLACE_PRECISIONS: tuple[str, ...] = get_args(PlacePrecision)
_VOICES: tuple[str, ...] = get_args(Voice)


def parse_day(value: Any) -> dt.date | None:
    """The date of an ISO date or datetime string (its first ten characters), or None."""
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


class DocumentError(Exception):
    """A document could not be read or processed; the message names the document."""

    def __init__(self, doc_id: str, message: str) -> None:
        super().__init__(f"{doc_id}: {message}")
        self.doc_id = doc_id
        self.reason = message


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the document's text: ``text == doc.text[start:end]``."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        """Build the span ``text[start:end]``."""
        return cls(start, end, text[start:end])

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Span:
        return cls(int(data["start"]), int(data["end"]), str(data["text"]))

    def overlaps(self, other: Span | tuple[int, int]) -> bool:
        s, e = (other.start, other.end) if isinstance(other, Span) else other
        return self.start < e and s < self.end


@dataclass(frozen=True, slots=True)
class Document:
    """One input article, as in the contract's input JSONL."""

    id: str
    text: str
    title: str | None = None
    published: str | None = None
    url: str | None = None
    source: str | None = None
    lang: str | None = None

    def published_date(self) -> dt.date | None:
        """Return the publication day, or None when unknown or unparsable."""
        return parse_day(self.published)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "text": self.text}
        for key in ("title", "published", "url", "source", "lang"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        return out


@dataclass(frozen=True, slots=True)
class TimeExpr:
    """A date expression in the text resolved to an inclusive interval."""

    span: Span
    start: dt.date
    end: dt.date
    precision: DatePrecision
    relative: bool = False  # resolved against the publication date or an earlier date

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.span.text, "start": self.start.isoformat(), "end": self.end.isoformat(),
                "precision": self.precision, "span": self.span.to_dict(), "relative": self.relative}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> TimeExpr:
        return cls(Span.from_dict(data["span"]), dt.date.fromisoformat(data["start"]),
                   dt.date.fromisoformat(data["end"]), data["precision"], bool(data.get("relative", False)))


@dataclass(frozen=True, slots=True)
class Quantity:
    """A count in the text (``25``, ``puluhan``, ``sekitar 50``), with the noun it counts."""

    span: Span
    min: int
    max: int
    noun: Span | None = None
    approximate: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"span": self.span.to_dict(), "min": self.min, "max": self.max,
                "noun": self.noun.to_dict() if self.noun else None, "approximate": self.approximate}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Quantity:
        noun = data.get("noun")
        return cls(Span.from_dict(data["span"]), int(data["min"]), int(data["max"]),
                   Span.from_dict(noun) if noun else None, bool(data.get("approximate", False)))


@dataclass(frozen=True, slots=True)
class Toll:
    """An act's dead or hurt: an exact count, or a range with the words that state it ("puluhan").

    ``span`` is the count in the text when a number states it; it is None when the toll is
    implied (the victims the sentence names) or read back from a contract result, which
    keeps a toll's words but not their offsets.
    """

    min: int
    max: int
    text: str | None = None
    span: Span | None = None

    @classmethod
    def of(cls, count: Quantity) -> Toll:
        """The toll a count in the text states."""
        return cls(count.min, count.max, count.span.text, count.span)

    def value(self) -> int | dict[str, Any]:
        """The contract's form: an int when exact, else ``{"min", "max", "text"}``."""
        if self.min == self.max:
            return self.min
        return {"min": self.min, "max": self.max, "text": self.text}

    @classmethod
    def from_value(cls, value: int | Mapping[str, Any]) -> Toll:
        """The inverse of :meth:`value`."""
        if isinstance(value, Mapping):  # a range without its words reads back with empty words, as before
            return cls(int(value["min"]), int(value["max"]), str(value.get("text") or ""))
        return cls(int(value), int(value))


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer record."""

    name: str
    country: str | None  # ISO3
    admin1: str | None
    lat: float | None
    lon: float | None
    precision: PlacePrecision

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "country": self.country, "admin1": self.admin1,
                "lat": self.lat, "lon": self.lon, "precision": self.precision}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Place:
        return cls(data["name"], data.get("country"), data.get("admin1"), data.get("lat"), data.get("lon"),
                   data["precision"])


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place name found in the text and the gazetteer record it resolves to."""

    span: Span
    place: Place

    def to_dict(self) -> dict[str, Any]:
        return {"span": self.span.to_dict(), **self.place.to_dict()}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PlaceMention:
        return cls(Span.from_dict(data["span"]), Place.from_dict(data))


@dataclass(frozen=True, slots=True)
class Entity:
    """One actor, place or other named thing, with every mention of it in the document."""

    id: str
    name: str
    type: str
    mentions: tuple[Span, ...]
    kb_id: str | None = None
    country: str | None = None
    sector: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "type": self.type, "kb_id": self.kb_id,
                "country": self.country, "sector": self.sector,
                "mentions": [m.to_dict() for m in self.mentions]}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Entity:
        return cls(data["id"], data["name"], data["type"], tuple(Span.from_dict(m) for m in data.get("mentions", ())),
                   data.get("kb_id"), data.get("country"), data.get("sector"))


@dataclass(frozen=True, slots=True)
class Participant:
    """An event's actor or target."""

    text: str
    name: str
    entity: str | None = None
    country: str | None = None
    span: Span | None = None
    inferred: bool = False

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"entity": self.entity, "text": self.text, "name": self.name,
                               "country": self.country}
        if self.span is not None:
            out["span"] = self.span.to_dict()
        if self.inferred:
            out["inferred"] = True
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Participant:
        span = data.get("span")
        return cls(data["text"], data["name"], data.get("entity"), data.get("country"),
                   Span.from_dict(span) if span else None, bool(data.get("inferred", False)))


@dataclass(frozen=True, slots=True)
class EventDate:
    text: str | None
    start: dt.date
    end: dt.date
    precision: DatePrecision

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start.isoformat(), "end": self.end.isoformat(),
                "precision": self.precision}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> EventDate:
        return cls(data.get("text"), dt.date.fromisoformat(data["start"]), dt.date.fromisoformat(data["end"]),
                   data["precision"])


@dataclass(frozen=True, slots=True)
class Location:
    text: str
    place: Place

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, **self.place.to_dict()}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Location:
        return cls(data["text"], Place.from_dict(data))


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    type: EventType
    trigger: Span
    evidence: Span
    mode: str | None = None
    actors: tuple[Participant, ...] = ()
    targets: tuple[Participant, ...] = ()
    date: EventDate | None = None
    location: Location | None = None
    fatalities: Toll | None = None
    injuries: Toll | None = None
    historical: bool = False
    confidence: float = 0.5

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "type": self.type, "mode": self.mode,
            "actors": [p.to_dict() for p in self.actors],
            "targets": [p.to_dict() for p in self.targets],
            "date": self.date.to_dict() if self.date else None,
            "location": self.location.to_dict() if self.location else None,
            "fatalities": self.fatalities.value() if self.fatalities else None,
            "injuries": self.injuries.value() if self.injuries else None,
            "trigger": self.trigger.to_dict(), "evidence": self.evidence.to_dict(),
            "historical": self.historical, "confidence": round(self.confidence, 3),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Event:
        def toll(key: str) -> Toll | None:
            value = data.get(key)
            return None if value is None else Toll.from_value(value)

        return cls(
            data["id"], data["type"], Span.from_dict(data["trigger"]), Span.from_dict(data["evidence"]),
            data.get("mode"), tuple(Participant.from_dict(p) for p in data.get("actors", ())),
            tuple(Participant.from_dict(p) for p in data.get("targets", ())),
            EventDate.from_dict(data["date"]) if data.get("date") else None,
            Location.from_dict(data["location"]) if data.get("location") else None,
            toll("fatalities"), toll("injuries"), bool(data.get("historical", False)),
            float(data.get("confidence", 0.5)),
        )


@dataclass(frozen=True, slots=True)
class Relation:
    subject: str
    relation: str
    object: str
    evidence: Span
    former: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"subject": self.subject, "relation": self.relation, "object": self.object,
                "evidence": self.evidence.to_dict(), "former": self.former}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Relation:
        return cls(data["subject"], data["relation"], data["object"], Span.from_dict(data["evidence"]),
                   bool(data.get("former", False)))


@dataclass(frozen=True, slots=True)
class Result:
    """The per-document result of the contract, plus the layers later stages attach to."""

    doc_id: str
    lang: str
    published: str | None
    entities: tuple[Entity, ...] = ()
    events: tuple[Event, ...] = ()
    relations: tuple[Relation, ...] = ()
    title: str | None = None
    noise: tuple[Span, ...] = ()
    sentences: tuple[Span, ...] = ()
    times: tuple[TimeExpr, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    places: tuple[PlaceMention, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "doc_id": self.doc_id, "lang": self.lang, "published": self.published,
            "entities": [e.to_dict() for e in self.entities],
            "events": [e.to_dict() for e in self.events],
            "relations": [r.to_dict() for r in self.relations],
            "title": self.title,
            "noise": [s.to_dict() for s in self.noise],
            "times": [t.to_dict() for t in self.times],
            "quantities": [q.to_dict() for q in self.quantities],
            "places": [p.to_dict() for p in self.places],
        }
        out.update(self.extra)
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Result:
        """The result a contract object describes (``to_dict``'s inverse; keys it does not know go to ``extra``).

        Sentences are not part of the contract, so they come back empty.
        """
        extra = {k: v for k, v in data.items() if k not in _RESULT_KEYS}
        return cls(
            doc_id=data["doc_id"], lang=data["lang"], published=data.get("published"),
            entities=tuple(Entity.from_dict(e) for e in data.get("entities", ())),
            events=tuple(Event.from_dict(e) for e in data.get("events", ())),
            relations=tuple(Relation.from_dict(r) for r in data.get("relations", ())),
            title=data.get("title"),
            noise=tuple(Span.from_dict(s) for s in data.get("noise", ())),
            times=tuple(TimeExpr.from_dict(t) for t in data.get("times", ())),
            quantities=tuple(Quantity.from_dict(q) for q in data.get("quantities", ())),
            places=tuple(PlaceMention.from_dict(p) for p in data.get("places", ())),
            extra=extra,
        )


_RESULT_KEYS = frozenset({"doc_id", "lang", "published", "entities", "events", "relations", "title", "noise",
                          "times", "quantities", "places"})
