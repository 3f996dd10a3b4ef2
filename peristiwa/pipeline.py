"""``extract()``: the one function that turns a document into a result, and ``pipe()`` for many.

The stages run in order, each adding its layer to an :class:`~peristiwa.analysis.Analysis`:
clean → sentences → times → numbers → places → NLP entities → actor linking → events →
relations.  Every stage reads the analysis view of the text (glued words re-spaced) and
reports spans of the original text.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from peristiwa.analysis import Analysis
from peristiwa.clean import TextView, find_boilerplate, find_dateline
from peristiwa.langid import detect_lang
from peristiwa.settings import DEFAULT_SETTINGS, Settings
from peristiwa.types import Document, DocumentError, Result

_NUL_RATIO = 0.01


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
    bad = sum(1 for c in doc.text[:100_000] if c == "\x00" or c == "\ufffd")
    if bad > max(10, _NUL_RATIO * min(len(doc.text), 100_000)):
        raise DocumentError(doc.id, "text looks binary or wrongly decoded (NUL or U+FFFD characters)")


# Components of the NLP model that no stage reads yet (the rule stages use the entities only).
UNUSED_COMPONENTS = frozenset({"tagger", "morphologizer", "trainable_lemmatizer", "lemmatizer", "parser", "senter"})


def unused_components(nlp: Any) -> list[str]:
    """The model's components whose output extraction does not read: skipped for speed."""
    return [name for name in nlp.pipe_names if name in UNUSED_COMPONENTS]


@lru_cache(maxsize=1)
def _name_test() -> Any:
    """A predicate for capitalised names (gazetteer and knowledge base), used to unglue words."""
    from peristiwa.kb import KnowledgeBase
    from peristiwa.places import Gazetteer

    gaz = Gazetteer.default()
    kb = KnowledgeBase.default()
    names: set[str] = set()
    names.update(gaz.names())
    for actor in kb:
        names.add(actor.name)
        names.update(actor.aliases)
    return frozenset(n for n in names if n[:1].isupper() and len(n) >= 3).__contains__


def analyse(doc: Document, *, settings: Settings = DEFAULT_SETTINGS, nlp: Any = None,
            spacy_doc: Any = None, view: TextView | None = None) -> Analysis:
    """Run every stage over ``doc`` and return the analysis (spans into ``doc.text``)."""
    from peristiwa import dates, numbers, sentences
    from peristiwa.places import Gazetteer

    check_document(doc, settings=settings)
    text = doc.text
    view = view if view is not None and view.text == text else TextView(text, is_name=_name_test())
    an = Analysis(doc=doc, view=view, boilerplate=find_boilerplate(text), dateline=find_dateline(text))
    skip = view.norm_ranges(an.noise)
    norm = view.norm

    an.sentences = [s for s in (view.remap(s) for s in sentences.split_sentences(norm))
                    if not _inside_noise(s, an)]
    an.times = [dataclasses.replace(t, span=view.remap(t.span))
                for t in dates.find_times(norm, published=doc.published_date(), skip=skip)]
    an.quantities = [dataclasses.replace(q, span=view.remap(q.span),
                                         noun=view.remap(q.noun) if q.noun else None)
                     for q in numbers.find_quantities(norm, skip=skip)]
    an.places = [dataclasses.replace(p, span=view.remap(p.span))
                 for p in Gazetteer.default().find(norm, skip=skip)]

    if settings.use_nlp:
        if spacy_doc is None:
            if nlp is None:
                from peristiwa.nlp.model import load_nlp

                nlp = load_nlp()
            with nlp.select_pipes(disable=unused_components(nlp)):
                spacy_doc = nlp(norm)
        an.spacy_doc = spacy_doc
    _run_actor_stages(an, settings=settings)
    return an


def _inside_noise(span: Any, an: Analysis) -> bool:
    return any(n.start <= span.start and span.end <= n.end for n in an.noise)


def _run_actor_stages(an: Analysis, *, settings: Settings) -> None:
    """Entities, links, events and relations, when those modules are present."""
    try:
        from peristiwa import actors
    except ImportError:  # the actor stage is built in its own issue
        return
    actors.annotate(an)
    if settings.events:
        from peristiwa import events

        events.annotate(an)
    if settings.relations:
        from peristiwa import relations

        relations.annotate(an)


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
            good.append((i, item, TextView(item.text, is_name=_name_test())))
        except DocumentError as err:
            out[i] = err
    parsed: list[Any] = [None] * len(good)
    if nlp is not None and good:
        parsed = list(nlp.pipe([view.norm for _, _, view in good], disable=unused_components(nlp)))
    for (i, doc, view), sdoc in zip(good, parsed, strict=True):
        try:
            out[i] = to_result(analyse(doc, settings=settings, nlp=nlp, spacy_doc=sdoc, view=view))
        except DocumentError as err:
            out[i] = err
        except (ValueError, KeyError, IndexError, TypeError, AttributeError, RecursionError,
                MemoryError, OverflowError, UnicodeError) as err:
            # a bug or a pathological input in one document must not stop the run
            out[i] = DocumentError(doc.id, f"internal error: {type(err).__name__}: {err}")
    for res in out:
        if res is not None:
            yield res
