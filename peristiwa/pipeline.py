"""``extract()``: the one function that turns a document into a result, and ``pipe()`` for many.

The stages run in order, each adding its layer to an :class:`~peristiwa.analysis.Analysis`:
clean → sentences → times → numbers → places → NLP entities → actor linking → events →
relations.  Every stage reads the analysis view of the text (glued words re-spaced) and
reports spans of the original text.
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from peristiwa import events, limits
from peristiwa.actors import mentions, relations
from peristiwa.analysis import Analysis
from peristiwa.doc_index import DocIndex
from peristiwa.places.gazetteer import Gazetteer
from peristiwa.settings import DEFAULT_SETTINGS, Settings
from peristiwa.text import dates, numbers, sentences
from peristiwa.text.clean import TextView, find_boilerplate, find_dateline
from peristiwa.text.langid import detect_lang
from peristiwa.text.names import known_name
from peristiwa.types import Document, DocumentError, Result, Span

_NUL_RATIO = 0.01
_SURROGATE = re.compile("[\ud800-\udfff]")


def check_document(doc: Document, *, settings: Settings = DEFAULT_SETTINGS) -> None:
    """Raise :class:`DocumentError` for a document no stage should read."""
    if not isinstance(doc.text, str):
        raise DocumentError(doc.id, "text is not a string")
    if not doc.text.strip():
        raise DocumentError(doc.id, "empty document (no text)")
    if len(doc.text) > settings.max_chars:
        raise DocumentError(
            doc.id, f"document too large ({len(doc.text):,} characters > cap {settings.max_chars:,}); "
            "raise --max-chars to read it")
    if (bad_char := _SURROGATE.search(doc.text)) is not None:
        raise DocumentError(doc.id, f"text is not valid Unicode (unpaired surrogate at character {bad_char.start()}); "
                            "decode it with errors='replace'")
    bad = sum(1 for c in doc.text[:100_000] if c == "\x00" or c == "\ufffd")
    if bad > max(10, _NUL_RATIO * min(len(doc.text), 100_000)):
        raise DocumentError(doc.id, "text looks binary or wrongly decoded (NUL or U+FFFD characters)")


# Components of the NLP model that no stage reads yet (the rule stages use the entities only).
# the tagger and parser run: the role candidates are the parse's noun phrases and arguments (the tagger
# costs nothing measurable, the parser about a third of the model's time; ``Settings.parse=False`` skips it)
UNUSED_COMPONENTS = frozenset({"morphologizer", "trainable_lemmatizer", "lemmatizer", "senter"})


def unused_components(nlp: Any, *, dependencies: bool = True) -> list[str]:
    """The model's components whose output extraction does not read (and the parser when ``dependencies``
    is False): skipped for speed."""
    unused = UNUSED_COMPONENTS if dependencies else UNUSED_COMPONENTS | {"parser"}
    return [name for name in nlp.pipe_names if name in unused]


# A bug or a pathological input in one document must not stop the run: these fail that document.
_INTERNAL_ERRORS = (ValueError, LookupError, TypeError, AttributeError, ArithmeticError, RecursionError,
                    MemoryError, AssertionError)
# A text longer than the model's ``max_length`` is parsed in pieces of at most this many characters.
PIECE_CHARS = 100_000


@dataclass(frozen=True, slots=True)
class PieceEntity:
    """An entity found in one piece of a long text, in the offsets of the whole text."""

    start_char: int
    end_char: int
    label_: str
    text: str


@dataclass(frozen=True, slots=True)
class PiecewiseParse:
    """The entities of a text too long for one pass of the model (what the stages read of a parse)."""

    ents: tuple[PieceEntity, ...]


def parse(nlp: Any, texts: list[str], *, dependencies: bool = True) -> list[Any]:
    """Run the model's used components over ``texts``; a text over ``nlp.max_length`` goes in pieces.

    spaCy refuses texts over ``max_length`` (1,000,000 characters) to bound its memory; a longer
    text, allowed by ``Settings.max_chars``, is cut at line breaks (else spaces) into pieces.
    """
    limit = nlp.max_length
    docs: list[Any] = list(nlp.pipe([t if len(t) <= limit else "" for t in texts],
                                    disable=unused_components(nlp, dependencies=dependencies)))
    for i, text in enumerate(texts):
        if len(text) > limit:
            docs[i] = _parse_pieces(nlp, text)  # no parse: the pieces keep only their entities
    return docs


def _parse_pieces(nlp: Any, text: str) -> PiecewiseParse:
    ents: list[PieceEntity] = []
    pos = 0
    while pos < len(text):
        end = min(len(text), pos + min(PIECE_CHARS, nlp.max_length))
        if end < len(text):
            cut = text.rfind("\n", pos + 1, end)
            cut = cut if cut > pos else text.rfind(" ", pos + 1, end)
            end = cut if cut > pos else end
        sdoc = next(iter(nlp.pipe([text[pos:end]], disable=unused_components(nlp, dependencies=False))))
        ents += [PieceEntity(pos + e.start_char, pos + e.end_char, e.label_, e.text) for e in sdoc.ents]
        limits.check("NLP model")
        pos = end
    return PiecewiseParse(tuple(ents))


def analyse(doc: Document, *, settings: Settings = DEFAULT_SETTINGS, nlp: Any = None,
            spacy_doc: Any = None, view: TextView | None = None) -> Analysis:
    """Run every stage over ``doc`` and return the analysis (spans into ``doc.text``).

    Raises :class:`DocumentError` for a document no stage should read, and
    :class:`~peristiwa.limits.DocumentTimeout` when it takes longer than ``settings.max_seconds``.
    """
    check_document(doc, settings=settings)
    with limits.time_limit(doc.id, settings.max_seconds):
        return _analyse(doc, settings=settings, nlp=nlp, spacy_doc=spacy_doc, view=view)


def _analyse(doc: Document, *, settings: Settings, nlp: Any, spacy_doc: Any, view: TextView | None) -> Analysis:

    text = doc.text
    view = view if view is not None and view.text == text else TextView(text, is_name=known_name())
    limits.check("cleaning")
    an = Analysis(doc=doc, view=view, boilerplate=find_boilerplate(text), dateline=find_dateline(text))
    skip = view.norm_ranges(an.noise)
    norm = view.norm
    limits.check("cleaning")

    inside_noise = _containment_test(an.noise)
    an.sentences = limits.TimedList((s for s in (view.remap(s) for s in sentences.split_sentences(norm))
                                     if not inside_noise(s)), stage="sentences")
    limits.check("sentences")
    an.times = [dataclasses.replace(t, span=view.remap(t.span))
                for t in dates.find_times_undated(norm, published=doc.published_date(), skip=skip)]
    limits.check("dates")
    an.quantities = [dataclasses.replace(q, span=view.remap(q.span),
                                         noun=view.remap(q.noun) if q.noun else None)
                     for q in numbers.find_quantities(norm, skip=skip)]
    limits.check("numbers")
    an.places = [dataclasses.replace(p, span=view.remap(p.span))
                 for p in Gazetteer.default().find(norm, skip=skip)]
    limits.check("places")

    if settings.use_nlp:
        if spacy_doc is None:
            if nlp is None:
                from peristiwa.nlp.model import load_nlp

                nlp = load_nlp()
            spacy_doc = parse(nlp, [norm], dependencies=settings.parse)[0]
        an.spacy_doc = spacy_doc
        limits.check("NLP model")
    _run_actor_stages(an, settings=settings)
    limits.check("relations")
    return an


def _containment_test(spans: list[Span]) -> Callable[[Span], bool]:
    """Return a test for "``span`` lies inside one of ``spans``", in log time (a page may have
    tens of thousands of noise lines)."""
    ordered = sorted(spans, key=lambda n: (n.start, n.end))
    starts = [n.start for n in ordered]
    reach = list(itertools.accumulate((n.end for n in ordered), max))  # the furthest end so far

    def inside(span: Span) -> bool:
        k = bisect.bisect_right(starts, span.start) - 1
        return k >= 0 and reach[k] >= span.end

    return inside


def _run_actor_stages(an: Analysis, *, settings: Settings) -> None:
    """Entities and links, then events and relations."""

    an.entities, an.links = mentions.find(an)
    limits.check("actors")
    if not (settings.events or settings.relations):
        return

    idx = DocIndex.of(an)  # built here so that the rule stages walk timed sentences
    idx.sentences = limits.TimedList(idx.sentences, stage="events")
    limits.check("sentence index")
    if settings.events:

        an.events = events.find(an, learned=settings.learned)
        limits.check("events")
    if settings.relations:

        idx.sentences.stage = "relations"
        an.entities, an.relations = relations.find(an)


def to_result(an: Analysis) -> Result:
    """Freeze an analysis into the contract's result."""
    doc = an.doc
    return Result(
        doc_id=doc.id,
        lang=doc.lang or detect_lang(doc.text),
        published=doc.published,
        entities=tuple(an.entities),
        events=tuple(an.events),
        relations=tuple(an.relations),
        title=doc.title,
        noise=tuple(an.noise),
        sentences=tuple(an.sentences),
        times=tuple(an.times),
        quantities=tuple(an.quantities),
        places=tuple(an.places),
        extra={"source": doc.source, "url": doc.url,
               "dateline": an.dateline.to_dict() if an.dateline else None},
    )


def extract(doc: Document, *, settings: Settings = DEFAULT_SETTINGS, nlp: Any = None) -> Result:
    """Extract one document: events, actors, relations, dates, numbers and places."""
    return to_result(analyse(doc, settings=settings, nlp=nlp))


def pipe(docs: Iterable[Document | DocumentError], *, settings: Settings = DEFAULT_SETTINGS,
         batch_size: int = 16) -> Iterator[Result | DocumentError]:
    """Extract many documents, parsing them in batches; a bad one yields its error and the rest go on."""
    nlp = None
    if settings.use_nlp:
        from peristiwa.nlp.model import load_nlp

        nlp = load_nlp()
    batch: list[Document | DocumentError] = []
    for item in docs:
        batch.append(item)
        if len(batch) >= batch_size:
            yield from _run_batch(batch, settings=settings, nlp=nlp)
            batch = []
    if batch:
        yield from _run_batch(batch, settings=settings, nlp=nlp)


def _run_batch(batch: list[Document | DocumentError], *, settings: Settings,
               nlp: Any) -> Iterator[Result | DocumentError]:
    good: list[tuple[int, Document, TextView]] = []
    out: list[Result | DocumentError | None] = [None] * len(batch)
    for i, item in enumerate(batch):
        if isinstance(item, DocumentError):
            out[i] = item
            continue
        try:
            check_document(item, settings=settings)
            good.append((i, item, TextView(item.text, is_name=known_name())))
        except DocumentError as err:
            out[i] = err
        except _INTERNAL_ERRORS as err:
            out[i] = _internal_error(item, err)
    parsed: list[Any] = [None] * len(good)
    if nlp is not None and good:
        parsed = _parse_batch(nlp, good, dependencies=settings.parse)
    for (i, doc, view), sdoc in zip(good, parsed, strict=True):
        if isinstance(sdoc, DocumentError):
            out[i] = sdoc
            continue
        try:
            out[i] = to_result(analyse(doc, settings=settings, nlp=nlp, spacy_doc=sdoc, view=view))
        except DocumentError as err:
            out[i] = err
        except _INTERNAL_ERRORS as err:
            out[i] = _internal_error(doc, err)
    for res in out:
        if res is not None:
            yield res


def _parse_batch(nlp: Any, good: list[tuple[int, Document, TextView]], *, dependencies: bool) -> list[Any]:
    """Parse the batch at once; when that fails, each document alone, so only the bad one fails."""
    try:
        return parse(nlp, [view.norm for _, _, view in good], dependencies=dependencies)
    except _INTERNAL_ERRORS:
        pass
    parsed: list[Any] = []
    for _, doc, view in good:
        try:
            parsed.append(parse(nlp, [view.norm], dependencies=dependencies)[0])
        except _INTERNAL_ERRORS as err:
            parsed.append(_internal_error(doc, err, where=" in the NLP model"))
    return parsed


def _internal_error(doc: Document, err: BaseException, *, where: str = "") -> DocumentError:
    """The error naming ``doc`` for an exception a stage should not have raised (a bug to fix)."""
    return DocumentError(doc.id, f"internal error{where}: {type(err).__name__}: {err}")
