"""What the store reads back: an event as stored, with the report it came from and its actors' keys.

:class:`StoredEvent` is the typed record every reader of the store works on (exports, the
CLI, the incidents' reports); :meth:`StoredEvent.to_dict` is the API's event object, the
contract event plus the CAMEO fields, each participant's actor ``key``, ``sector``, entity
``type`` and ACLED ``category``, and the document's ``doc_id``, ``document``, ``title``,
``published``, ``source``, ``url``, ``incident`` and ``ingested_at``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from peristiwa.output.crosswalk import ActorCode, cameo_fields, classify
from peristiwa.types import Event, EventDate, Location, Participant, Place, Span, Toll

# Modes that make an act violent whatever its type: a riot, police breaking up a crowd.
VIOLENT_MODES = ("riot", "crowd-control")


@dataclass(frozen=True, slots=True)
class StoredParty:
    """An event's actor or target as the store knows it: the participant and the actor it was linked to."""

    part: Participant
    key: str | None = None  # the actor's key in the store, when linked
    sector: str | None = None
    type: str | None = None  # the entity type (PER, ORG, GPE, ...)

    @property
    def name(self) -> str:
        return self.part.name

    @property
    def text(self) -> str:
        return self.part.text

    @property
    def country(self) -> str | None:
        return self.part.country

    def to_dict(self, category: ActorCode) -> dict[str, Any]:
        return {**self.part.to_dict(), "key": self.key, "sector": self.sector, "type": self.type,
                "category": category.to_dict()}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> StoredParty:
        """Read a participant of :meth:`StoredEvent.to_dict` (a name or a text is enough)."""
        span = data.get("span")
        text = str(data.get("text") or data.get("name") or "")
        part = Participant(text, str(data.get("name") or text), data.get("entity"), data.get("country"),
                           Span.from_dict(span) if span else None, bool(data.get("inferred", False)))
        return cls(part, data.get("key"), data.get("sector"), data.get("type"))


@dataclass(frozen=True, slots=True)
class Report:
    """The document a stored event was read in."""

    doc_id: str
    document: str  # the document's content hash (``documents.id``)
    title: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None
    ingested_at: str | None = None

    @property
    def outlet(self) -> str:
        """Who published it: the source's name, else the URL's host, else the document id."""
        if self.source:
            return " ".join(self.source.split())
        if self.url:
            return (urlsplit(self.url).hostname or "").removeprefix("www.") or self.url
        return self.doc_id


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """A stored event: the contract event, the report it came from and the incident it belongs to.

    ``actors`` and ``targets`` hold the event's participants (``event.actors`` and
    ``event.targets``, in order) with the actor each was linked to.
    """

    event: Event
    report: Report
    actors: tuple[StoredParty, ...] = ()
    targets: tuple[StoredParty, ...] = ()
    incident: str | None = None

    @classmethod
    def of(cls, event: Event, report: Report, actors: Sequence[StoredParty] = (),
           targets: Sequence[StoredParty] = (), incident: str | None = None) -> StoredEvent:
        """The stored event whose contract event carries these participants."""
        ev = Event(event.id, event.type, event.trigger, event.evidence, event.mode,
                   tuple(p.part for p in actors), tuple(p.part for p in targets), event.date, event.location,
                   event.fatalities, event.injuries, event.historical, event.confidence)
        return cls(ev, report, tuple(actors), tuple(targets), incident)

    @property
    def id(self) -> str:
        return self.event.id

    @property
    def type(self) -> str:
        return self.event.type

    @property
    def mode(self) -> str | None:
        return self.event.mode

    @property
    def country(self) -> str | None:
        """The ISO3 country of the event's place."""
        return self.event.location.place.country if self.event.location else None

    @property
    def violent(self) -> bool:
        """An attack, a riot or force against a crowd: a state named as a party is its forces."""
        return self.event.type == "ASSAULT" or self.event.mode in VIOLENT_MODES

    def side(self, role: str) -> tuple[StoredParty, ...]:
        """The participants of ``"actors"`` or ``"targets"``."""
        return self.actors if role == "actors" else self.targets

    def category(self, party: StoredParty) -> ActorCode:
        """How ACLED names ``party`` in this event ("warga" -> Civilians of the event's country)."""
        return classify(party, country=self.country, violent=self.violent)

    def to_dict(self) -> dict[str, Any]:
        """The API's event object (see the module's docstring)."""
        ev, doc = self.event, self.report
        return {
            "id": ev.id, "type": ev.type, "mode": ev.mode, **cameo_fields(ev.type, ev.mode),
            "actors": [p.to_dict(self.category(p)) for p in self.actors],
            "targets": [p.to_dict(self.category(p)) for p in self.targets],
            "date": ev.date.to_dict() if ev.date else None,
            "location": ev.location.to_dict() if ev.location else None,
            "fatalities": ev.fatalities.value() if ev.fatalities else None,
            "injuries": ev.injuries.value() if ev.injuries else None,
            "trigger": ev.trigger.to_dict(), "evidence": ev.evidence.to_dict(),
            "historical": ev.historical, "confidence": ev.confidence,
            "doc_id": doc.doc_id, "document": doc.document, "title": doc.title, "published": doc.published,
            "source": doc.source, "url": doc.url, "incident": self.incident, "ingested_at": doc.ingested_at,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> StoredEvent:
        """Read an event object of :meth:`to_dict` (the API's); absent optional keys take their defaults."""
        def toll(key: str) -> Toll | None:
            value = data.get(key)
            return None if value is None else Toll.from_value(value)

        def span(key: str) -> Span:
            got = data.get(key) or {}
            return Span(int(got.get("start", 0)), int(got.get("end", 0)), str(got.get("text", "")))

        date, loc = data.get("date"), data.get("location")
        event = Event(str(data["id"]), data["type"], span("trigger"), span("evidence"), data.get("mode"),
                      date=EventDate.from_dict(date) if date else None,
                      location=Location(loc.get("text"), Place.from_dict(loc)) if loc else None,
                      fatalities=toll("fatalities"), injuries=toll("injuries"),
                      historical=bool(data.get("historical", False)), confidence=float(data.get("confidence", 0.5)))
        report = Report(str(data.get("doc_id") or ""), str(data.get("document") or ""), data.get("title"),
                        data.get("published"), data.get("source"), data.get("url"), data.get("ingested_at"))
        return cls.of(event, report, [StoredParty.from_dict(p) for p in data.get("actors") or ()],
                      [StoredParty.from_dict(p) for p in data.get("targets") or ()], data.get("incident"))
