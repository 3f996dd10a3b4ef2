"""Participant phrases from the dependency parse: full noun phrases and the predicate's arguments.

The chunker finds participants by their names and group nouns and often keeps only the head
("kapal" of "kapal induk USS Nimitz", "perempuan" of "seorang perempuan"). The shipped parser
gives each noun its dependents: a phrase is its head with the modifiers that belong to it
(names, compounds, adjectives, numerals, determiners, possessors, bare noun modifiers), never
a relative clause, a conjunct or a prepositional phrase. The parser's subjects, objects and
obliques that no participant covers ("istri", "mess", "awak kapal") become candidates too, and
each candidate's dependency relation to the predicate is a feature of the role model.

The parse is read once per document into plain lists (``Parse``): the role model asks about it
for every candidate of every predicate, and spaCy's token objects are slow to make that often.
Without a parse (no NLP model, or a text parsed in pieces) every function here gives nothing and
the role candidates are the chunker's alone.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
from spacy.attrs import DEP, HEAD, IDX, LENGTH, TAG

from peristiwa.doc_index import DocIndex, SentenceInfo
from peristiwa.events.cues import CueHit
from peristiwa.lang.id import participants as lx
from peristiwa.lang.id.grammar import DEMONSTRATIVES
from peristiwa.lang.id.phrases import (
    ARGUMENT_RELATIONS,
    GOVERNED_RELATIONS,
    HEAD_NOUN_TAGS,
    NOUN_TAGS,
    OUTSIDE_PHRASE_TAGS,
    PHRASE_RELATIONS,
)
from peristiwa.text.chunks import Part


@dataclass
class Parse:
    """A document's dependency parse as lists indexed by token: offsets into the view, words, tags,
    relations, heads and children."""

    starts: list[int]
    ends: list[int]
    words: list[str]
    tags: list[str]
    deps: list[str]
    heads: list[int]
    children: list[list[int]]
    _depth: dict[int, int] = field(default_factory=dict)
    # what the role candidates of a sentence ask again for each of its predicates
    widened: dict[tuple[int, int, int], tuple[int, int, int, int] | None] = field(default_factory=dict)
    found: dict[tuple[int, tuple[tuple[int, int], ...]], list[Part]] = field(default_factory=dict)
    resolved: dict[int, list[Part]] = field(default_factory=dict)

    @classmethod
    def of(cls, sdoc: Any) -> Parse:
        # spaCy gives unsigned integers: heads are signed offsets, tags and relations string hashes
        arr = [(*pos, *hashes) for pos, hashes in zip(sdoc.to_array([IDX, LENGTH, HEAD]).astype(np.int64).tolist(),
                                                    sdoc.to_array([TAG, DEP]).tolist(), strict=True)]
        strings = sdoc.vocab.strings
        names: dict[int, str] = {}

        def name(h: int) -> str:
            if h not in names:
                names[h] = strings[h]
            return names[h]

        text = sdoc.text
        starts = [row[0] for row in arr]
        ends = [row[0] + row[1] for row in arr]
        heads = [i + row[2] for i, row in enumerate(arr)]
        children: list[list[int]] = [[] for _ in arr]
        for i, h in enumerate(heads):
            if h != i:
                children[h].append(i)
        return cls(starts, ends, [text[a:b] for a, b in zip(starts, ends, strict=True)],
                   [name(row[3]) for row in arr], [name(row[4]) for row in arr], heads, children)

    def inside(self, start: int, end: int) -> tuple[int, int] | None:
        """The first and last token wholly inside [start, end), if any."""
        a, b = bisect_left(self.starts, start), bisect_right(self.ends, end) - 1
        return (a, b) if a <= b else None

    def touching(self, start: int, end: int) -> tuple[int, int] | None:
        """The first and last token that overlap [start, end), if any."""
        a, b = bisect_right(self.ends, start), bisect_left(self.starts, end) - 1
        return (a, b) if a <= b else None

    def depth(self, i: int) -> int:
        if i not in self._depth:
            d, k = 0, i
            while self.heads[k] != k and d <= len(self.heads):
                k, d = self.heads[k], d + 1
            self._depth[i] = d
        return self._depth[i]

    def root(self, start: int, end: int) -> int | None:
        """The token of [start, end) highest in the tree (the first of equals), as spaCy's ``Span.root``."""
        span = self.touching(start, end)
        if span is None:
            return None
        return min(range(span[0], span[1] + 1), key=self.depth)

    def is_root(self, i: int) -> bool:
        return self.heads[i] == i


def parse_of(doc: DocIndex) -> Parse | None:
    """The dependency parse of the document's view (read once), or None when there is none."""
    if doc.parse_read:  # read once, and "none" remembered too (spaCy's check walks every token)
        return doc.parse
    sdoc = doc.an.spacy_doc
    has = getattr(sdoc, "has_annotation", None)
    doc.parse = Parse.of(sdoc) if has is not None and has("DEP") else None
    doc.parse_read = True
    return doc.parse


def _belongs(parse: Parse, child: int) -> bool:
    """A dependent that is part of its head's noun phrase (a noun modifier only without a preposition)."""
    tag = parse.tags[child]
    return parse.deps[child] in PHRASE_RELATIONS and tag not in OUTSIDE_PHRASE_TAGS and not tag.startswith("VB") \
        and not _prepositional(parse, child)


def _prepositional(parse: Parse, i: int) -> bool:
    """A noun modifier with a preposition ("penumpang asal China"): no part of the noun's own phrase."""
    return parse.deps[i].startswith("nmod") and any(parse.deps[c] == "case" for c in parse.children[i])


def extent(parse: Parse, head: int, lo: int, hi: int) -> tuple[int, int]:
    """The token range of ``head``'s noun phrase inside [lo, hi], contiguous around the head."""
    inside = {head}
    stack = [head]
    while stack:
        for child in parse.children[stack.pop()]:
            if lo <= child <= hi and child not in inside and _belongs(parse, child):
                inside.add(child)
                stack.append(child)
    a = b = head
    while a - 1 in inside:
        a -= 1
    while b + 1 in inside:
        b += 1
    # never begin or end on a mark ("-Militer Israel")
    while a < head and not parse.words[a][:1].isalnum():
        a += 1
    while b > head and not parse.words[b][-1:].isalnum():
        b -= 1
    return a, b


def _trim(norm: str, start: int, end: int, keep: int) -> int:
    """The end of ``norm[start:end]`` cut before an opening bracket left unclosed ("Hutan(PKH"), never
    before ``keep`` (the end of the part it grew from), and without trailing marks."""
    text = norm[start:end]
    cut = text.find("(")
    if cut >= 0 and ")" not in text[cut:] and start + cut >= keep:
        end = start + cut
    while end > keep and not norm[end - 1].isalnum():
        end -= 1
    return end


_NAME = r"[A-ZÀ-Þ](?:[\w'-]|\.(?=\w))*(?: +(?:[A-ZÀ-Þ](?:[\w'-]|\.(?=\w))*|bin|binti))*"
_AGE = r"(?: *\(\d{1,3}(?: *tahun)?\))?"
_NAMED = re.compile(r" +(?i:" + "|".join(sorted(lx.NAME_INTRODUCERS)) + r") +" + _NAME + _AGE
                    + r"(?:(?: *, *dan +| *, *| +dan +)" + _NAME + _AGE + r")*")
_ABBREVIATION = re.compile(r" *\([A-Z][A-Za-z0-9-]{1,12}\)")
_DEMONSTRATIVE = re.compile(r" +(?:" + "|".join(sorted(DEMONSTRATIVES)) + r")\b")
_OPENERS = re.compile(r"(?:\b(?i:" + "|".join(sorted(lx.PHRASE_OPENERS)) + r") +)+$")
_OPENERS_REACH = 60


def named_end(norm: str, end: int) -> int:
    """The end of a participant's phrase ending at ``end`` with the name or initials told right after it
    ("seorang remaja" → "seorang remaja berinisial AB (19)"; "dua tersangka berinisial AR dan MP");
    ``end`` when none follows."""
    m = _NAMED.match(norm, end)
    return m.end() if m else end


def name_end(norm: str, end: int) -> int:
    """The end of a participant's name with the name or initials told after it (``named_end``) and its
    abbreviation ("Komisi Pemberantasan Korupsi (KPK)")."""
    end = named_end(norm, end)
    m = _ABBREVIATION.match(norm, end)
    return m.end() if m else end


def full_phrase(norm: str, start: int, end: int) -> tuple[int, int]:
    """A chosen participant's whole phrase as written: with the counts and determiners before it ("dua",
    "para", "terduga"), and after it the name or initials it is told by and its abbreviation
    (``name_end``) and a demonstrative ("kementerian tersebut")."""
    end = name_end(norm, end)
    m = _DEMONSTRATIVE.match(norm, end)
    end = m.end() if m else end
    before = _OPENERS.search(norm, max(0, start - _OPENERS_REACH), start)
    if before is not None:  # \b in the pattern sees the character before the window too
        start = before.start()
    return start, end


def governing_phrase(doc: DocIndex, start: int, end: int, heads: frozenset[str]) -> tuple[int, int] | None:
    """The view offsets of the phrase headed by the noun that the participant at [start, end) modifies, when
    that noun is one of ``heads`` and comes before it ("Wamena" → "Bupati Wamena", "Prabowo Subianto" →
    "Presiden Prabowo Subianto"); None when the parse has no such noun."""
    parse = parse_of(doc)
    k = doc.sentence_at(start)
    if parse is None or k < 0 or end > doc.sentences[k].end:
        return None
    bounds = parse.inside(doc.sentences[k].start, doc.sentences[k].end)
    span = parse.touching(start, end)
    r = parse.root(start, end)
    if bounds is None or span is None or r is None:
        return None
    h = parse.heads[r]
    if not (bounds[0] <= h < span[0]) or parse.deps[r] not in GOVERNED_RELATIONS or _prepositional(parse, r) \
            or parse.tags[h] not in HEAD_NOUN_TAGS or parse.words[h].lower() not in heads:
        return None
    a, b = extent(parse, h, *bounds)
    if not (a <= span[0] and span[1] <= b):
        return None  # the noun's phrase does not reach the participant
    return parse.starts[a], _trim(doc.an.view.norm, parse.starts[a], max(end, parse.ends[b]), end)


def _tok_range(sent: SentenceInfo, start: int, end: int) -> tuple[int, int] | None:
    ks = [k for k, t in enumerate(sent.toks) if t.start < end and start < t.end]
    return (ks[0], ks[-1]) if ks else None


def widen(doc: DocIndex, sent: SentenceInfo, p: Part) -> Part:
    """``p`` stretched to the whole noun phrase its head heads (the same part when the parse adds nothing)."""
    parse = parse_of(doc)
    bounds = parse.inside(sent.start, sent.end) if parse is not None else None
    if parse is None or bounds is None or p.first < 0 or not (sent.start <= p.start < p.end <= sent.end):
        return p
    key = (sent.index, p.start, p.end)
    if key not in parse.widened:
        parse.widened[key] = _grown(doc, parse, sent, bounds, p)
    grown = parse.widened[key]
    if grown is None:
        return p
    first, last, start, end = grown
    return replace(p, first=first, last=last, start=start, end=end, text=doc.an.view.norm[start:end])


def _grown(doc: DocIndex, parse: Parse, sent: SentenceInfo, bounds: tuple[int, int],
           p: Part) -> tuple[int, int, int, int] | None:
    """The tokens and offsets of ``p``'s whole noun phrase, or None when the parse adds nothing."""
    head = parse.root(p.start, p.end)
    if head is None:
        return None
    a, b = extent(parse, head, *bounds)
    start, end = min(p.start, parse.starts[a]), max(p.end, parse.ends[b])
    end = _trim(doc.an.view.norm, start, end, p.end)
    if (start, end) == (p.start, p.end):
        return None
    toks = _tok_range(sent, start, end)
    return None if toks is None else (toks[0], toks[1], start, end)


def arguments(doc: DocIndex, sent: SentenceInfo, taken: Sequence[Part]) -> list[Part]:
    """The sentence's subjects, objects and obliques (noun phrases) that no part in ``taken`` and no date
    expression overlaps."""
    parse = parse_of(doc)
    bounds = parse.inside(sent.start, sent.end) if parse is not None else None
    if parse is None or bounds is None:
        return []
    lo, hi = bounds
    spans = [(p.start, p.end) for p in taken if p.first >= 0]
    key = (sent.index, tuple(spans))
    if key not in parse.found:
        parse.found[key] = _arguments(doc, parse, sent, lo, hi, spans)
    return list(parse.found[key])


def _arguments(doc: DocIndex, parse: Parse, sent: SentenceInfo, lo: int, hi: int,
               spans: list[tuple[int, int]]) -> list[Part]:
    spans = spans + [(s, e) for s, e, _t in doc.times_in(sent)]  # a date is no participant
    out = []
    for i in range(lo, hi + 1):
        if parse.deps[i] not in ARGUMENT_RELATIONS or parse.tags[i] not in NOUN_TAGS:
            continue
        a, b = extent(parse, i, lo, hi)
        start, end = parse.starts[a], parse.ends[b]
        end = _trim(doc.an.view.norm, start, end, parse.starts[i] + 1)
        if any(s < end and start < e for s, e in spans):
            continue
        toks = _tok_range(sent, start, end)
        if toks is None:
            continue
        text = doc.an.view.norm[start:end]
        head = parse.words[i].lower()
        group = head if head in lx.GROUP_HEADS else ""
        out.append(Part(toks[0], toks[1], text, text, start=start, end=end, head=group,
                        is_thing=not group and parse.tags[i] != "NNP"))
        spans.append((start, end))
    return out


def relation(doc: DocIndex, sent: SentenceInfo, p: Part, hit: CueHit, others: Sequence[CueHit] = ()) -> list[str]:
    """Features of how the parse links candidate ``p`` to the predicate ``hit``: the candidate's relation,
    the preposition it takes, whether its head hangs on the predicate, and whether it is an argument of
    another predicate of the sentence (``others``)."""
    parse = parse_of(doc)
    if parse is None or p.first < 0 or not (sent.start <= p.start < p.end <= sent.end):
        return []
    pred = parse.touching(sent.toks[hit.first].start, sent.toks[hit.last].end)
    h = parse.root(p.start, p.end)
    if pred is None or h is None:
        return []
    v = min(range(pred[0], pred[1] + 1), key=parse.depth)
    heads, deps = parse.heads, parse.deps
    case = next((parse.words[c].lower() for c in parse.children[h] if deps[c] == "case"), "-")
    dep = deps[h]
    out = ["dep=" + dep, "case=" + case]
    if heads[h] == v:
        out += ["dep_of_pred=" + dep, "dep_of_pred|case=" + dep + "|" + case]
    elif heads[v] == heads[h] and heads[h] != h:
        out += ["sibling=" + dep + "|" + deps[v]]  # both hang on a third word
    elif heads[v] == h:
        out.append("pred_modifies_cand=" + deps[v])  # a relative clause or a nominal on the candidate
    else:
        # the path of relations from the candidate up to the predicate, and how many verbs it passes
        labels, verbs, up = [dep], 0, heads[h]
        while not parse.is_root(up) and not (pred[0] <= up <= pred[1]) and len(labels) < 4:
            labels.append(deps[up])
            verbs += parse.tags[up].startswith("VB")
            up = heads[up]
        if pred[0] <= up <= pred[1]:
            out += ["pred_above", "path=" + "<".join(labels), "path_verbs=" + str(min(verbs, 2))]
        else:
            out.append("no_path")
    gov = heads[h]
    if gov != v and parse.tags[gov].startswith("VB") and not (pred[0] <= gov <= pred[1]):
        out += ["gov_other_verb", "gov_other_verb|" + dep]  # an argument of another verb
    for o in others:
        if o is hit or (o.first, o.last) == (hit.first, hit.last):
            continue
        other = parse.touching(sent.toks[o.first].start, sent.toks[o.last].end)
        if other is not None and other[0] <= gov <= other[1]:
            out += ["arg_of_other_pred", "arg_of_other_pred|" + dep + "|" + case]  # "… dihadapi oleh X"
            break
    return out


def conjuncts(doc: DocIndex, parts: Sequence[Part]) -> set[tuple[int, int]]:
    """Pairs (i, j) of ``parts`` whose heads the parse coordinates ("A dan B"): they share a role."""
    parse = parse_of(doc)
    if parse is None:
        return set()
    roots = {}
    for k, p in enumerate(parts):
        r = parse.root(p.start, p.end) if p.first >= 0 and p.end > p.start else None
        if r is not None:
            roots[r] = k
    out = set()
    for i, k in roots.items():
        head = parse.heads[i]
        if parse.deps[i] == "conj" and head in roots and roots[head] != k:
            out |= {(roots[head], k), (k, roots[head])}
    return out
