"""The entity-ruler layer: names the statistical NER never saw, added on top of it.

Sources: the hand-written names in ``peristiwa.lang.id.entity_names``, a filtered subset of the
MDEE DBpedia gazetteer shipped as ``peristiwa/data/ner_gazetteer.tsv`` (built by
``tools/train_nlp.py``), and at run time the caller's patterns (the actor knowledge base).

spaCy's EntityRuler takes ~10 s to compile 70k phrase patterns, so the ``peristiwa_ruler``
component here matches exact token sequences with a dictionary instead (case-sensitive, so
capitalised names do not fire on lower-case prose); it builds in well under a second.
Token patterns (lists of token dicts) still go to spaCy's EntityRuler.

``RULER_MODES`` are the placements the training script measures; the pipeline ships with the
one that scored best on the development splits (recorded in the model's meta.json).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any, cast

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from peristiwa.lang.id.entity_names import RULER_NAMES

GAZETTEER_FILE = Path(__file__).resolve().parents[1] / "data" / "ner_gazetteer.tsv"

# none: statistical NER only; names_*: hand-written names; all_*: plus the gazetteer;
# *_fill: after NER, adds entities only where NER found none;
# *_over: after NER, the ruler's spans replace overlapping NER spans.
RULER_MODES: tuple[str, ...] = ("none", "names_fill", "names_over", "all_fill", "names_over_gaz_fill")
RULER_NAME = "entity_ruler"
GAZETTEER_NAME = "gazetteer_ruler"
KB_RULER_NAME = "kb_ruler"
KB_TOKEN_RULER_NAME = "kb_token_ruler"


class NameRuler:
    """Mark exact token sequences from a name table as entities (longest match first)."""

    def __init__(self, nlp: Language, name: str, *, overwrite: bool) -> None:
        self.nlp = nlp
        self.name = name
        self.overwrite = overwrite
        self.table: dict[tuple[str, ...], tuple[str, str]] = {}
        self.first: dict[str, int] = {}  # first token → longest name starting with it

    def add_patterns(self, patterns: Iterable[dict[str, Any]]) -> None:
        """Add ``{"label", "pattern": str, "id"?}`` patterns (tokenized with the pipeline's tokenizer)."""
        for pat in patterns:
            text = pat["pattern"]
            if not isinstance(text, str) or not text.strip():
                raise ValueError(f"{self.name}: pattern must be a non-empty string, got {text!r}")
            self._add(tuple(t.text for t in self.nlp.make_doc(text)), pat["label"], str(pat.get("id", "")))

    def add_tokens(self, rows: Iterable[tuple[str, tuple[str, ...]]]) -> None:
        """Add already tokenized names: ``(label, tokens)``."""
        for label, toks in rows:
            self._add(toks, label, "")

    def _add(self, toks: tuple[str, ...], label: str, ent_id: str) -> None:
        if toks:
            self.table[toks] = (label, ent_id)
            self.first[toks[0]] = max(self.first.get(toks[0], 0), len(toks))

    def __len__(self) -> int:
        return len(self.table)

    def matches(self, doc: Doc) -> list[Span]:
        """Return the non-overlapping matches, longest first."""
        texts = [t.text for t in doc]
        found = []
        for i, text in enumerate(texts):
            longest = self.first.get(text)
            if longest is None:
                continue
            for n in range(min(longest, len(texts) - i), 0, -1):
                hit = self.table.get(tuple(texts[i : i + n]))
                if hit is not None:
                    found.append(Span(doc, i, i + n, label=hit[0], span_id=hit[1]))
                    break
        return filter_spans(found)

    def __call__(self, doc: Doc) -> Doc:
        spans = self.matches(doc)
        if not spans:
            return doc
        taken = [False] * len(doc)
        keep_ents = []
        if self.overwrite:
            for sp in spans:
                for k in range(sp.start, sp.end):
                    taken[k] = True
            keep_ents = [e for e in doc.ents if not any(taken[e.start : e.end])]
            new = spans
        else:
            for e in doc.ents:
                for k in range(e.start, e.end):
                    taken[k] = True
            keep_ents = list(doc.ents)
            new = [sp for sp in spans if not any(taken[sp.start : sp.end])]
        doc.ents = sorted([*keep_ents, *new], key=lambda s: s.start)
        return doc

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "cfg.json").write_text(json.dumps({"overwrite": self.overwrite}))
        rows = ("\t".join([label, ent_id, *toks]) for toks, (label, ent_id) in self.table.items())
        (path / "names.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> NameRuler:
        path = Path(path)
        self.overwrite = json.loads((path / "cfg.json").read_text())["overwrite"]
        for line in (path / "names.tsv").read_text(encoding="utf-8").splitlines():
            label, ent_id, *toks = line.split("\t")
            self._add(tuple(toks), label, ent_id)
        return self


@Language.factory("peristiwa_ruler", default_config={"overwrite": False})
def make_name_ruler(nlp: Language, name: str, overwrite: bool) -> NameRuler:
    """Build an empty ``NameRuler`` (spaCy factory)."""
    return NameRuler(nlp, name, overwrite=overwrite)


def name_patterns() -> list[dict[str, Any]]:
    """Return patterns for the hand-written names."""
    return [{"label": label, "pattern": name} for label, names in RULER_NAMES.items() for name in names]


@lru_cache(maxsize=1)
def gazetteer_rows() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Return the filtered gazetteer as ``(label, tokens)`` rows (tokens as the tokenizer splits)."""
    if not GAZETTEER_FILE.exists():
        return ()
    rows = []
    for line in GAZETTEER_FILE.read_text(encoding="utf-8").splitlines():
        label, _, toks = line.partition("\t")
        if toks:
            rows.append((label, tuple(toks.split(" "))))
    return tuple(rows)


def _add(nlp: Language, name: str, *, overwrite: bool, last: bool = False) -> NameRuler:
    if name in nlp.pipe_names:
        nlp.remove_pipe(name)
    where: dict[str, Any] = {"last": True} if last or "ner" not in nlp.pipe_names else {"after": "ner"}
    if not last and RULER_NAME in nlp.pipe_names:
        where = {"after": RULER_NAME}
    comp = nlp.add_pipe("peristiwa_ruler", name=name, config={"overwrite": overwrite}, **where)
    return cast(NameRuler, comp)


def add_ruler(nlp: Language, *, mode: str) -> Language:
    """Add the name ruler (and gazetteer) to ``nlp`` in place according to ``mode``; return it.

    Previous rulers of the same names are replaced, so trials can run on one pipeline.
    """
    if mode not in RULER_MODES:
        raise ValueError(f"unknown ruler mode {mode!r}; use one of {RULER_MODES}")
    for name in (RULER_NAME, GAZETTEER_NAME):
        if name in nlp.pipe_names:
            nlp.remove_pipe(name)
    if mode == "none":
        return nlp
    names = _add(nlp, RULER_NAME, overwrite=mode.startswith("names_over"))
    names.add_patterns(name_patterns())
    if mode == "all_fill":
        names.add_tokens(r for r in gazetteer_rows() if r[1] not in names.table)
    elif mode == "names_over_gaz_fill":
        gaz = _add(nlp, GAZETTEER_NAME, overwrite=False)
        gaz.add_tokens(r for r in gazetteer_rows() if r[1] not in names.table)
    return nlp


def add_kb_patterns(nlp: Language, patterns: Iterable[dict[str, Any]]) -> Language:
    """Add caller patterns (actor-KB aliases) as last rulers whose spans win over earlier ones."""
    pats = list(patterns)
    phrases = [p for p in pats if isinstance(p.get("pattern"), str)]
    tokens = [p for p in pats if not isinstance(p.get("pattern"), str)]
    if phrases:
        _add(nlp, KB_RULER_NAME, overwrite=True, last=True).add_patterns(phrases)
    if tokens:
        if KB_TOKEN_RULER_NAME in nlp.pipe_names:
            nlp.remove_pipe(KB_TOKEN_RULER_NAME)
        ruler = nlp.add_pipe(
            "entity_ruler", name=KB_TOKEN_RULER_NAME, last=True, config={"overwrite_ents": True}
        )
        ruler.add_patterns(tokens)  # type: ignore[attr-defined]
    return nlp
