"""Read the shared UD and NER sets, map NER labels, de-duplicate, and score NER per dataset.

Used by ``tools/train_nlp.py`` (training) and ``benchmarks/nlp.py`` (held-out figures).

NER label mapping to the project's scheme (PER, ORG, GPE, LOC, NORP, FAC, EVT):

* idner-news-2k: PER→PER, ORG→ORG, LOC→place (below).
* NERP:          PPL→PER, IND→ORG, PLC→place, EVT→EVT, FNB (food & beverage)→O (not an entity
                 for event extraction).
* NERGrit:       PERSON→PER, ORGANISATION→ORG, PLACE→place.
* luthfi-gold:   Person→PER, Organisation→ORG, Place→place.

"place" becomes FAC when its first word is a facility head (``Bandara``, ``Jalan``, ``Masjid``,
``Istana``…), LOC when its first word is a geographic head (``Gunung``, ``Sungai``, ``Laut``,
``Pulau``…) or the whole span is a region (``Asia``, ``Timur Tengah``, ``Tepi Barat``…), else GPE
(countries, provinces, cities, regencies, villages: most place names in news).  No set marks
NORP; the entity ruler supplies it.

Scoring on a dataset maps the model's labels back into that dataset's scheme (GPE/LOC/FAC → its
place label; EVT only where the set annotates events; NORP is ignored, since no set marks it)
and compares exact character spans.
"""

from __future__ import annotations

import random
import re
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.vocab import Vocab

from peristiwa.lang.id.entity_names import FAC_HEAD_WORDS, LOC_HEAD_WORDS, LOC_NAMES

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"

# dataset label → project label ("PLACE" is split into GPE/LOC/FAC by place_label)
LABEL_MAPS: dict[str, dict[str, str | None]] = {
    "idner": {"PER": "PER", "ORG": "ORG", "LOC": "PLACE"},
    "nerp": {"PPL": "PER", "IND": "ORG", "PLC": "PLACE", "EVT": "EVT", "FNB": None},
    "nergrit": {"PERSON": "PER", "ORGANISATION": "ORG", "PLACE": "PLACE"},
    "luthfi": {"Person": "PER", "Organisation": "ORG", "Place": "PLACE"},
}
# project label → label as scored on each dataset (labels absent here are not scored)
SCORE_MAPS: dict[str, dict[str, str]] = {
    "idner": {"PER": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"},
    "nerp": {"PER": "PPL", "ORG": "IND", "GPE": "PLC", "LOC": "PLC", "FAC": "PLC", "EVT": "EVT"},
    "nergrit": {"PER": "PERSON", "ORG": "ORGANISATION", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE"},
}

_NO_SPACE_BEFORE = {".", ",", ";", ":", "!", "?", ")", "]", "}", "%", "'s"}
_NO_SPACE_AFTER = {"(", "[", "{"}


@dataclass
class Sent:
    """One gold sentence: tokens and entity spans as token offsets with the dataset's labels."""

    words: list[str]
    ents: list[tuple[int, int, str]] = field(default_factory=list)
    source: str = ""

    def spaces(self) -> list[bool]:
        out = []
        for i, w in enumerate(self.words):
            nxt = self.words[i + 1] if i + 1 < len(self.words) else None
            out.append(nxt is not None and nxt not in _NO_SPACE_BEFORE and w not in _NO_SPACE_AFTER)
        return out

    def text_and_offsets(self) -> tuple[str, list[tuple[int, int]]]:
        parts, offs, pos = [], [], 0
        for w, sp in zip(self.words, self.spaces(), strict=True):
            offs.append((pos, pos + len(w)))
            parts.append(w + (" " if sp else ""))
            pos += len(w) + (1 if sp else 0)
        return "".join(parts), offs


def dedup_key(words: Iterable[str]) -> str:
    """Return the lower-cased sentence with everything but letters and digits removed."""
    return re.sub(r"[^0-9a-z]", "", " ".join(words).lower())


# ---------------------------------------------------------------- NER readers


def _read_columns(path: Path, *, tag_col: int) -> Iterator[tuple[list[str], list[str]]]:
    words: list[str] = []
    tags: list[str] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip("\r\n")
        if not line.strip():
            if words:
                yield words, tags
            words, tags = [], []
            continue
        cols = line.split("\t") if "\t" in line else line.split(" ")
        words.append(cols[0])
        tags.append(cols[tag_col].strip())
    if words:
        yield words, tags


def _iob_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    spans: list[tuple[int, int, str]] = []
    start, label = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, lab = tag.partition("-")
        if prefix not in ("B", "I"):
            prefix, lab = ("O", "") if tag == "O" else ("I", tag)  # bare labels (luthfi)
        if start >= 0 and (prefix in ("B", "O") or lab != label):
            spans.append((start, i, label))
            start = -1
        if prefix in ("B", "I") and start < 0:
            start, label = i, lab
    return spans


def _split_long(words: list[str], tags: list[str]) -> Iterator[tuple[list[str], list[str]]]:
    # luthfi-gold has paragraphs, not sentences: cut after sentence-final full stops
    cur_w: list[str] = []
    cur_t: list[str] = []
    for w, t in zip(words, tags, strict=True):
        cur_w.append(w)
        cur_t.append(t)
        if w in (".", "!", "?") and len(cur_w) > 3:
            yield cur_w, cur_t
            cur_w, cur_t = [], []
    if cur_w:
        yield cur_w, cur_t


def read_ner(name: str, split: str, *, data: Path = DATA) -> list[Sent]:
    """Read one NER split with the dataset's own labels (``name`` is idner/nerp/nergrit/luthfi)."""
    files = {
        "idner": (data / "ner/idner-news-2k" / f"{split}.txt", 2),
        "nerp": (data / "ner/nerp" / f"{split}_preprocess.txt", 1),
        "nergrit": (data / "ner/nergrit" / f"{split}_preprocess.txt", 1),
        "luthfi": (data / "ner/luthfi-gold/goldstandard-0811.txt", 1),
    }
    path, col = files[name]
    out = []
    for words, tags in _read_columns(path, tag_col=col):
        pieces = _split_long(words, tags) if name == "luthfi" else [(words, tags)]
        for w, t in pieces:
            out.append(Sent(w, _iob_spans(t), source=name))
    return out


def place_label(words: list[str]) -> str:
    """Return GPE, LOC or FAC for a place span given its words."""
    low = [w.lower() for w in words]
    if low[0] in FAC_HEAD_WORDS or " ".join(low[:2]) in FAC_HEAD_WORDS:
        return "FAC"
    if " ".join(low) in LOC_NAMES or low[0] in LOC_HEAD_WORDS or " ".join(low[:2]) in LOC_HEAD_WORDS:
        return "LOC"
    return "GPE"


def to_project_labels(sent: Sent) -> Sent:
    """Return the sentence with its labels mapped to the project's scheme (dropping FNB)."""
    mapping = LABEL_MAPS[sent.source]
    ents = []
    for s, e, lab in sent.ents:
        new = mapping.get(lab)
        if new == "PLACE":
            new = place_label(sent.words[s:e])
        if new:
            ents.append((s, e, new))
    return Sent(sent.words, ents, sent.source)


def sent_to_doc(vocab: Vocab, sent: Sent) -> Doc:
    """Build a gold ``Doc`` (entities set, everything else unset) from a mapped sentence."""
    doc = Doc(vocab, words=sent.words, spaces=sent.spaces())
    doc.set_ents([Span(doc, s, e, label=lab) for s, e, lab in sent.ents], default="outside")
    return doc


# ---------------------------------------------------------------- UD reader


@dataclass
class UDSent:
    """One CoNLL-U sentence with multiword tokens expanded (UD's own tokenization)."""

    words: list[str]
    spaces: list[bool]
    lemmas: list[str]
    pos: list[str]
    tags: list[str]
    morphs: list[str]
    heads: list[int]
    deps: list[str]
    source: str


def read_ud(path: Path, *, keep_xpos: bool) -> list[UDSent]:
    """Read a CoNLL-U file; XPOS kept only when ``keep_xpos`` (the treebanks' XPOS sets differ)."""
    out = []
    for block in path.read_text(encoding="utf-8").strip().split("\n\n"):
        rows = [r.split("\t") for r in block.split("\n") if r and not r.startswith("#")]
        words: list[str] = []
        spaces: list[bool] = []
        lemmas: list[str] = []
        pos: list[str] = []
        tags: list[str] = []
        morphs: list[str] = []
        heads: list[int] = []
        deps: list[str] = []
        mwt_end, mwt_space = -1, True
        mwt_form = ""
        mwt_parts: list[str] = []
        for cols in rows:
            tid = cols[0]
            if "." in tid:
                continue
            if "-" in tid:
                b = int(tid.split("-")[1])
                mwt_end, mwt_space = b, "SpaceAfter=No" not in cols[9]
                mwt_form, mwt_parts = cols[1], []
                continue
            i = int(tid)
            word = cols[1]
            if i <= mwt_end:
                mwt_parts.append(word)
            words.append(word)
            if i < mwt_end:
                spaces.append(False)
            elif i == mwt_end:
                spaces.append(mwt_space)
                # "satu-satunya" = satu + nya: keep the surface, give the first part the rest
                if "".join(mwt_parts) != mwt_form and mwt_form.lower().endswith(mwt_parts[-1].lower()):
                    first = len(words) - len(mwt_parts)
                    words[first] = mwt_form[: len(mwt_form) - len(mwt_parts[-1])]
            else:
                spaces.append("SpaceAfter=No" not in cols[9])
            lemmas.append(cols[2] if cols[2] != "_" else word)
            pos.append(cols[3] if cols[3] != "_" else "")
            tags.append(cols[4] if keep_xpos and cols[4] != "_" else "")
            morphs.append(cols[5] if cols[5] != "_" else "")
            heads.append(int(cols[6]) - 1 if cols[6] not in ("0", "_") else i - 1)
            deps.append("ROOT" if cols[7] == "root" else cols[7])
        out.append(UDSent(words, spaces, lemmas, pos, tags, morphs, heads, deps, path.name))
    return out


def ud_docs(vocab: Vocab, sents: list[UDSent], *, per_doc: int) -> list[Doc]:
    """Join sentences ``per_doc`` at a time into gold docs (the parser learns sentence ends)."""
    docs = []
    for k in range(0, len(sents), per_doc):
        group = sents[k : k + per_doc]
        words: list[str] = []
        spaces: list[bool] = []
        lemmas: list[str] = []
        pos: list[str] = []
        tags: list[str] = []
        morphs: list[str] = []
        heads: list[int] = []
        deps: list[str] = []
        sent_starts: list[bool] = []
        for s in group:
            off = len(words)
            words += s.words
            sp = list(s.spaces)
            sp[-1] = True
            spaces += sp
            lemmas += s.lemmas
            pos += s.pos
            tags += s.tags
            morphs += s.morphs
            heads += [h + off for h in s.heads]
            deps += s.deps
            sent_starts += [True] + [False] * (len(s.words) - 1)
        has_tags = any(tags)
        doc = Doc(
            vocab,
            words=words,
            spaces=spaces,
            lemmas=lemmas,
            pos=pos,
            tags=tags if has_tags else None,
            morphs=morphs,
            heads=heads,
            deps=deps,
        )
        docs.append(doc)
    return docs


# ---------------------------------------------------------------- splits


@dataclass
class NERSplits:
    """Training, development and held-out NER sentences (dataset labels kept)."""

    train: dict[str, list[Sent]]
    dev: dict[str, list[Sent]]
    test: dict[str, list[Sent]]
    removed: dict[str, int]


class Deduper:
    """Tell whether a sentence repeats a protected (held-out or development) sentence.

    A sentence is a repeat when its lower-cased letters-and-digits form equals a protected one,
    or when half of a protected sentence's word 6-grams (or half of its own) occur in the other:
    NERP train holds idner test sentences re-cased, re-quoted and with dates re-written.
    """

    N = 6

    def __init__(self, protected: Iterable[list[str]] = ()) -> None:
        self.keys: set[str] = set()
        self.gram_owner: dict[tuple[str, ...], list[int]] = {}
        self.sizes: list[int] = []
        self.add(protected)

    @classmethod
    def _grams(cls, words: list[str]) -> set[tuple[str, ...]]:
        norm = [t for t in (re.sub(r"[^0-9a-z]", "", w.lower()) for w in words) if t]
        return {tuple(norm[i : i + cls.N]) for i in range(len(norm) - cls.N + 1)}

    def add(self, sents: Iterable[list[str]]) -> None:
        """Protect more sentences."""
        for words in sents:
            self.keys.add(dedup_key(words))
            grams = self._grams(words)
            if grams:
                idx = len(self.sizes)
                self.sizes.append(len(grams))
                for g in grams:
                    self.gram_owner.setdefault(g, []).append(idx)

    def is_dup(self, words: list[str]) -> bool:
        """Return True if ``words`` repeats a protected sentence."""
        if dedup_key(words) in self.keys:
            return True
        grams = self._grams(words)
        if not grams:
            return False
        shared: Counter[int] = Counter()
        n_in = 0
        for g in grams:
            owners = self.gram_owner.get(g)
            if owners:
                n_in += 1
                shared.update(owners)
        if n_in * 2 >= len(grams):
            return True
        return any(n * 2 >= self.sizes[idx] for idx, n in shared.items())


def held_out_sentences(*, data: Path = DATA) -> list[list[str]]:
    """Return the words of every split that is reported (never trained on)."""
    out = []
    for name, split in (("idner", "test"), ("nerp", "valid"), ("nergrit", "valid")):
        out += [s.words for s in read_ner(name, split, data=data)]
    for f in ("id_gsd-ud-test.conllu", "id_csui-ud-test.conllu"):
        out += [s.words for s in read_ud(data / "ud" / f, keep_xpos=False)]
    return out


def held_out_keys(*, data: Path = DATA) -> Deduper:
    """Return a ``Deduper`` protecting every reported split."""
    return Deduper(held_out_sentences(data=data))


def ner_splits(*, data: Path = DATA, seed: int = 0, dev_share: float = 0.1) -> NERSplits:
    """Split the NER sets: dev = idner dev + a seeded 10 % of NERP/NERGrit train; de-duplicated."""
    rng = random.Random(seed)
    test = {
        "idner": read_ner("idner", "test", data=data),
        "nerp": read_ner("nerp", "valid", data=data),
        "nergrit": read_ner("nergrit", "valid", data=data),
    }
    banned = held_out_keys(data=data)
    dev = {"idner": read_ner("idner", "dev", data=data)}
    train = {"idner": read_ner("idner", "train", data=data), "luthfi": read_ner("luthfi", "", data=data)}
    removed: Counter[str] = Counter()
    for name in ("nerp", "nergrit"):
        everything = read_ner(name, "train", data=data)
        sents = [s for s in everything if not banned.is_dup(s.words)]
        removed[name] += len(everything) - len(sents)
        rng.shuffle(sents)
        n_dev = int(len(sents) * dev_share)
        dev[name], train[name] = sents[:n_dev], sents[n_dev:]
    banned.add(s.words for sents in dev.values() for s in sents)
    for name, sents in train.items():
        kept = [s for s in sents if not banned.is_dup(s.words)]
        removed[name] += len(sents) - len(kept)
        train[name] = kept
    return NERSplits(train, dev, test, dict(removed))


# ---------------------------------------------------------------- NER scoring


def score_ner(nlp_pipe: Iterable[Doc], sents: list[Sent], dataset: str) -> dict[str, dict[str, float]]:
    """Score predicted docs (in ``sents`` order) against gold in ``dataset``'s own labels.

    Returns ``{"ALL": {p, r, f, n}, LABEL: {...}}``; spans match on exact characters.
    """
    gold_map = {k: v for k, v in LABEL_MAPS[dataset].items() if v is not None}
    score_map = SCORE_MAPS[dataset]
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for doc, sent in zip(nlp_pipe, sents, strict=True):
        _, offs = sent.text_and_offsets()
        gold = {
            (offs[s][0], offs[e - 1][1], lab) for s, e, lab in sent.ents if lab in gold_map
        }
        pred = set()
        for ent in doc.ents:
            lab = score_map.get(ent.label_)
            if lab is not None:
                pred.add((ent.start_char, ent.end_char, lab))
        for item in pred & gold:
            tp[item[2]] += 1
        for item in pred - gold:
            fp[item[2]] += 1
        for item in gold - pred:
            fn[item[2]] += 1
    out: dict[str, dict[str, float]] = {}
    labels = sorted(set(tp) | set(fp) | set(fn))
    for lab in [*labels, "ALL"]:
        t = sum(tp.values()) if lab == "ALL" else tp[lab]
        p_den = t + (sum(fp.values()) if lab == "ALL" else fp[lab])
        r_den = t + (sum(fn.values()) if lab == "ALL" else fn[lab])
        p = t / p_den if p_den else 0.0
        r = t / r_den if r_den else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        out[lab] = {"p": round(p, 4), "r": round(r, 4), "f": round(f, 4), "n": r_den}
    return out


# ---------------------------------------------------------------- held-out evaluation


def ner_test_scores(nlp: Language, *, data: Path = DATA) -> dict[str, dict[str, dict[str, float]]]:
    """Return NER P/R/F1 (overall and per label) on idner test, NERP valid and NERGrit valid."""
    out = {}
    for name, split in (("idner", "test"), ("nerp", "valid"), ("nergrit", "valid")):
        sents = read_ner(name, split, data=data)
        docs = nlp.pipe([s.text_and_offsets()[0] for s in sents], batch_size=256)
        out[name] = score_ner(docs, sents, name)
    return out


def ud_scores(nlp: Language, *, data: Path = DATA) -> dict[str, dict[str, float]]:
    """Return UPOS, LAS, UAS, lemma and morph accuracy on gsd-test and csui-test (raw text in)."""
    out = {}
    for name in ("id_gsd-ud-test.conllu", "id_csui-ud-test.conllu"):
        sents = read_ud(data / "ud" / name, keep_xpos=name.startswith("id_csui"))
        refs = ud_docs(nlp.vocab, sents, per_doc=1)
        examples = [Example(nlp.make_doc(ref.text), ref) for ref in refs]
        res = nlp.evaluate(examples, batch_size=256)
        key = name.split("-")[0].removeprefix("id_")
        out[key] = {
            k: round(float(res[k]), 4)
            for k in ("token_acc", "pos_acc", "morph_acc", "lemma_acc", "dep_uas", "dep_las", "tag_acc")
            if res.get(k) is not None and not (key == "gsd" and k == "tag_acc")
        }
    return out


def speed_texts(*, data: Path = DATA, per_doc: int = 20) -> list[str]:
    """Return article-sized texts (``per_doc`` held-out sentences each) for timing."""
    sents = [s.text_and_offsets()[0] for s in read_ner("idner", "test", data=data)]
    for name in ("id_gsd-ud-test.conllu", "id_csui-ud-test.conllu"):
        for s in read_ud(data / "ud" / name, keep_xpos=False):
            sents.append("".join(w + (" " if sp else "") for w, sp in zip(s.words, s.spaces, strict=True)))
    return [" ".join(sents[k : k + per_doc]) for k in range(0, len(sents), per_doc)]


def words_per_second(nlp: Language, texts: list[str], *, repeats: int = 2) -> float:
    """Return the best words/second of ``repeats`` passes of ``nlp.pipe`` over ``texts``."""
    n_words = sum(len(nlp.make_doc(t)) for t in texts)
    best = 0.0
    for _ in range(repeats):
        t0 = time.perf_counter()
        for _doc in nlp.pipe(texts, batch_size=64):
            pass
        best = max(best, n_words / (time.perf_counter() - t0))
    return round(best)


def all_scores(nlp: Language, *, data: Path = DATA) -> dict[str, object]:
    """Return every held-out figure: NER per dataset and label, UD, words/second."""
    return {
        "ner": ner_test_scores(nlp, data=data),
        "ud": ud_scores(nlp, data=data),
        "words_per_second_1_thread": words_per_second(nlp, speed_texts(data=data)),
    }
