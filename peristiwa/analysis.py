"""The working state of one document while the stages run (internal; the output is ``Result``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from peristiwa.text.clean import Boilerplate, TextView
from peristiwa.types import Document, Entity, Event, PlaceMention, Quantity, Relation, Span, TimeExpr

if TYPE_CHECKING:  # the stages' own types, which import this module
    from peristiwa.actors.mentions import ActorLinks
    from peristiwa.doc_index import DocIndex


@dataclass
class Analysis:
    """Everything the stages found so far; all spans index the original ``doc.text``."""

    doc: Document
    view: TextView
    boilerplate: list[Boilerplate] = field(default_factory=list)
    dateline: Span | None = None
    sentences: list[Span] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    spacy_doc: Any = None  # the spaCy Doc over ``view.norm`` when the NLP model ran
    links: ActorLinks | None = None  # the actor stage's mentions and their entities, for the later stages
    index: DocIndex | None = None  # the per-document lookups the rule stages share, built on first use

    @property
    def text(self) -> str:
        return self.doc.text

    @property
    def noise(self) -> list[Span]:
        return [b.span for b in self.boilerplate]

    def in_noise(self, span: Span | tuple[int, int]) -> bool:
        """True when ``span`` overlaps page furniture."""
        return any(n.overlaps(span) for n in self.noise)
