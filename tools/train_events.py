"""Train the event models of ``peristiwa/events/`` on ../shared/data/train and ship them in the package.

    .venv/bin/python tools/train_events.py [--out peristiwa/data/events] [--log tmp/train_events.log]

Steps (seeded, deterministic; about 15 minutes on one core):

1. Every training article is analysed by the pipeline (cleaning, sentences, NLP model, actors)
   and its silver gold (``../shared/data/train/gold.jsonl``) aligned to tokens
   (``peristiwa.events.training``): trigger tokens of required events are positives of their
   types, optional events and other mentions are left out, every other word is "no act". What
   cannot be aligned is reported by reason. Word classes: k-means (100 and 800) over the NLP
   model's floret vectors of the training words.
2. Features (``peristiwa.events.features``) seen at least ``--min-count`` times make the vocabulary.
3. 5-fold cross-validation split by article (a seeded shuffle):
   - triggers: a multinomial logistic regression per fold; token figures (trigger P/R/F1, type
     accuracy on true triggers) and end-to-end event figures (the event stage run on the
     held-out articles and scored as ``../shared/eval/score.py`` scores), pooled over folds, for
     the rules alone and each pair of thresholds of the grid; the pair with the best pooled
     event F1 is kept;
   - head nouns (``peristiwa.events.phrase_heads``): the nouns that head gold participants, learned
     per fold from its training articles and in place in every held-out figure; they ship when
     the final figures with them beat those without;
   - roles (``peristiwa.events.role_model``): candidates of the gold predicates labelled by the
     gold's names, a none/actor/target classifier per fold, against the rules' roles; then the
     lower bar at which a target left empty takes the model's likeliest person or group (or none);
   - merging (``peristiwa.events.merge_model``): pairs of the mentions each fold's trigger model
     reads in its held-out articles, labelled by whether they fall on one gold event, a pair
     scorer per fold, against the rules' merging;
   - places and dates (``place_model``, ``date_model``): every place or date the article names,
     for the acts each fold's models read in its held-out articles, labelled by the gold's place
     or date, a scorer per fold, against the rules' pick;
   - modes (``mode_model``): the gold acts' predicates labelled by their gold mode.
   Each stage is judged with the stages chosen before it in place. A learned role, merge, place
   or date model ships only when pooled event F1 + strict F1 rises against the rules and neither
   falls by more than noise (0.005); the mode model (a mode is no part of strict F1) when the
   mode accuracy of matched events rises and neither F1 falls by more than noise. Thresholds:
   the best F1 + strict F1 (modes: the best mode accuracy).
4. The models are fitted on every training article and saved with their vocabularies,
   thresholds and all the figures above (``triggers.json``); dev and the seed are never read.
   Every model file records the library versions it was fitted with ("toolchain"); the shipped
   ones are pinned in ``tools/train-constraints.txt`` (other versions fit other weights).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import pickle
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.cluster import MiniBatchKMeans
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from peristiwa import events  # noqa: E402
from peristiwa.doc_index import DocIndex  # noqa: E402
from peristiwa.eval.folds import FOLDS, SPLIT_SEED, FoldModels, folds_by_article  # noqa: E402
from peristiwa.eval.scoring import score  # noqa: E402
from peristiwa.events.annotate import document_drafts, sentence_drafts  # noqa: E402
from peristiwa.events.date_model import DATE_CLASSES, DateModel, use_date_model  # noqa: E402
from peristiwa.events.linear import LinearModel, overrules  # noqa: E402
from peristiwa.events.merge_model import MERGE_CLASSES, MergeModel, use_merge_model  # noqa: E402
from peristiwa.events.mode_model import NO_MODE, ModeModel, use_mode_model  # noqa: E402
from peristiwa.events.phrase_heads import PhraseHeads, use_phrase_heads  # noqa: E402
from peristiwa.events.phrase_heads import learn as learn_heads  # noqa: E402
from peristiwa.events.place_model import PLACE_CLASSES, PlaceModel, use_place_model  # noqa: E402
from peristiwa.events.role_model import ROLE_CLASSES, ROLE_POLICIES, RoleModel, use_role_model  # noqa: E402
from peristiwa.events.toll_model import OUTCOMES, TollModel, use_toll_model  # noqa: E402
from peristiwa.events.training import (  # noqa: E402
    AlignReport,
    DateExample,
    ModeExample,
    PlaceExample,
    RoleExample,
    SentenceExample,
    TollExample,
    align,
    date_examples,
    merge_pairs,
    mode_examples,
    modes_of_type,
    place_examples,
    role_examples,
    toll_examples,
)
from peristiwa.events.triggers import NONE, TriggerModel, use_model  # noqa: E402
from peristiwa.events.word_classes import WordClasses, model_vectors  # noqa: E402
from peristiwa.pipeline import analyse, parse, to_result  # noqa: E402
from peristiwa.settings import Settings  # noqa: E402
from peristiwa.types import EVENT_TYPES, Document  # noqa: E402

SHARED = ROOT.parent / "shared" / "data" / "train"
CLASSES = (NONE, *EVENT_TYPES)
THRESHOLDS = (0.2, 0.3, 0.4, 0.5, 0.6)  # token figures
# (threshold for other tokens, threshold for cue hits the act filters keep) tried end to end
GRID = tuple((t, r) for t in (0.3, 0.4, 0.5) for r in (0.2, 0.3))
SEED = 13
# the libraries whose arithmetic the weights depend on, recorded in every model file
TOOLCHAIN = ("numpy", "scipy", "scikit-learn", "spacy", "thinc", "blis")
MODE_THRESHOLDS = (0.3, 0.5)
EMPTY_BARS = (0.2, 0.3)  # the lower bars tried for a target left empty
TOLL_THRESHOLDS = (0.5, 0.7)
log = logging.getLogger("train_events")


def load_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def analyse_all(docs: list[dict[str, Any]]) -> list[Any]:
    """The analyses of every article, events not yet run (the event stage is re-run per fold)."""
    from peristiwa.nlp.model import load_nlp
    from peristiwa.text.clean import TextView
    from peristiwa.text.names import known_name

    nlp = load_nlp()
    settings = Settings(events=False, relations=False, max_seconds=None)
    out = []
    for k in range(0, len(docs), 32):
        batch = [Document(id=d["id"], text=d["text"], title=d.get("title"), published=d.get("published"))
                 for d in docs[k:k + 32]]
        views = [TextView(d.text, is_name=known_name()) for d in batch]
        parsed = parse(nlp, [v.norm for v in views])
        for d, v, sdoc in zip(batch, views, parsed, strict=True):
            an = analyse(d, settings=settings, nlp=nlp, spacy_doc=sdoc, view=v)
            DocIndex.of(an)
            out.append(an)
        log.info("analysed %d/%d", len(out), len(docs))
    return out


def fit_word_classes(analyses: list[Any], sizes: tuple[int, int], min_count: int = 3) -> WordClasses | None:
    """k-means (two sizes) over the floret vectors of the words the training articles use."""
    vectors = model_vectors()
    if vectors is None:
        return None
    counts: Counter[str] = Counter()
    for an in analyses:
        for sent in DocIndex.of(an).sentences:
            counts.update(t.low for t in sent.toks if t.is_word and not t.text[:1].isdigit())
    words = sorted(w for w, n in counts.items() if n >= min_count)
    vec = np.asarray(vectors(words), dtype=np.float32)
    vec /= np.maximum(np.linalg.norm(vec, axis=1, keepdims=True), 1e-9)
    cents = [MiniBatchKMeans(n_clusters=k, random_state=SEED, n_init=3, batch_size=4096).fit(vec).cluster_centers_
             for k in sizes]
    log.info("word classes: %s over %d words", sizes, len(words))
    return WordClasses(cents[0], cents[1], vectors)


def design_matrix(rows: list[list[str]], vocab: dict[str, int]) -> Any:
    """A sparse binary matrix: one row per feature list, a 1 in each column of a known feature."""
    indptr, indices = [0], []
    for f in rows:
        indices.extend(sorted({vocab[x] for x in f if x in vocab}))
        indptr.append(len(indices))
    return sparse.csr_matrix((np.ones(len(indices), dtype=np.float32), indices, indptr),
                             shape=(len(rows), len(vocab)))


def train_linear(rows: list[list[str]], ys: list[int], classes: tuple[str, ...], vocab: dict[str, int], c: float,
                 *, weights: list[float] | None = None, max_iter: int = 500) -> LinearModel:
    """A multinomial (or, with two classes seen, binary) logistic regression as a ``LinearModel``."""
    clf = LogisticRegression(C=c, max_iter=max_iter, tol=1e-4, random_state=SEED)
    clf.fit(design_matrix(rows, vocab), np.array(ys),
            sample_weight=None if weights is None else np.array(weights, dtype=np.float64))
    w = np.zeros((len(vocab), len(classes)), dtype=np.float32)
    b = np.zeros(len(classes), dtype=np.float32)
    if len(clf.classes_) == 2:  # one coefficient row: the second class against the first
        w[:, clf.classes_[1]] = clf.coef_[0]
        b[clf.classes_[1]] = clf.intercept_[0]
    else:
        for j, k in enumerate(clf.classes_):
            w[:, k] = clf.coef_[j]
            b[k] = clf.intercept_[j]
    for k in set(range(len(classes))) - set(clf.classes_):
        b[k] = -30.0  # a class never seen in training is never predicted
    return LinearModel(classes, vocab, w, b)


def fit(examples: list[SentenceExample], vocab: dict[str, int], c: float) -> TriggerModel:
    """The trigger model over every labelled token; a token with two types gives two rows of half weight."""
    rows: list[list[str]] = []
    ys: list[int] = []
    ws: list[float] = []
    cls = {name: i for i, name in enumerate(CLASSES)}
    for ex in examples:
        for f, lab in zip(ex.feats, ex.labels, strict=True):
            if lab is None:
                continue
            for t, w in (lab.items() if lab else [(NONE, 1.0)]):
                rows.append(f)
                ys.append(cls[t])
                ws.append(w)
    return TriggerModel(train_linear(rows, ys, CLASSES, vocab, c, weights=ws, max_iter=300), threshold=0.5)


def fit_roles(examples: list[RoleExample], vocab: dict[str, int], c: float) -> RoleModel:
    """The role classifier (none / actor / target) over every candidate of every gold predicate."""
    rows = [f for ex in examples for f in ex.feats]
    ys = [y for ex in examples for y in ex.labels]
    return RoleModel(train_linear(rows, ys, ROLE_CLASSES, vocab, c))


# Fold-to-fold spread of event F1 is about 0.015: a change of less than this is noise.
NOISE = 0.005


def gain(figures: dict[str, Any]) -> float:
    """What every choice among CV runs is judged by: pooled event F1 + strict F1."""
    return float(figures["f1"] + figures["strict_f1"])


def _label(point: tuple[float, ...]) -> str:
    """A point of the threshold grid as the figures name it: "0.5/0.3"."""
    return f"{point[0]}/{point[1]}"


def no_worse(learned: dict[str, Any], rules: dict[str, Any], *, rise: bool = True) -> bool:
    """A learned stage ships when pooled CV event F1 + strict F1 rises against the rules (``rise``) and
    neither falls by more than noise (``NOISE``)."""
    return bool((gain(learned) > gain(rules) or not rise) and learned["f1"] >= rules["f1"] - NOISE and learned["strict_f1"] >= rules["strict_f1"] - NOISE)


def fit_places(examples: list[PlaceExample], vocab: dict[str, int], c: float) -> PlaceModel:
    return PlaceModel(_fit_candidates(examples, vocab, c, PLACE_CLASSES))


def fit_tolls(examples: list[TollExample], vocab: dict[str, int], c: float) -> TollModel:
    """The outcome classifier (none / killed / hurt) over the gold attacks whose sentence states no toll."""
    return TollModel(train_linear([ex.feats for ex in examples], [ex.outcome for ex in examples], OUTCOMES, vocab, c))


def toll_figures(model: TollModel, examples: list[TollExample], thresholds: tuple[float, ...]) -> dict[str, Any]:
    """Held-out gold attacks with no stated toll: how many were killed or hurt, and per threshold how many
    outcomes the model gives and how many of them are right."""
    out: dict[str, Any] = {"acts": len(examples), "killed_or_hurt": sum(ex.outcome > 0 for ex in examples)}
    prob = model.linear.predict([ex.feats for ex in examples]) if examples else np.zeros((0, len(OUTCOMES)))
    for t in thresholds:
        best = [int(row.argmax()) if row.max() >= t else 0 for row in prob]
        out[str(t)] = {"given": sum(b > 0 for b in best),
                       "right": sum(b > 0 and b == ex.outcome for b, ex in zip(best, examples, strict=True))}
    return out


def fit_dates(examples: list[DateExample], vocab: dict[str, int], c: float) -> DateModel:
    return DateModel(_fit_candidates(examples, vocab, c, DATE_CLASSES))


def _fit_candidates(examples: list[PlaceExample], vocab: dict[str, int], c: float,
                    classes: tuple[str, ...]) -> LinearModel:
    rows = [f for ex in examples for f in ex.feats]
    ys = [y for ex in examples for y in ex.labels]
    return train_linear(rows, ys, classes, vocab, c)


def cross_validate_chooser(by_doc: dict[str, list[PlaceExample]], ids: list[str], fold_of: dict[str, int], folds: int,
                           fit: Callable[[list[PlaceExample], dict[str, int], float], Any], c: float,
                           min_count: int) -> tuple[dict[str, int], list[Any], dict[str, int]]:
    """A place or date chooser per fold (threshold 0) and its held-out figures, summed over the folds."""
    vocab = vocabulary((f for v in by_doc.values() for ex in v for f in ex.feats), min_count)
    models = [fit([ex for d in ids if fold_of[d] != k for ex in by_doc[d]], vocab, c) for k in range(folds)]
    for m in models:
        m.threshold = 0.0
    parts = [place_figures(models[k], [ex for d in ids if fold_of[d] == k for ex in by_doc[d]])
             for k in range(folds)]
    return vocab, models, {key: sum(p[key] for p in parts) for key in parts[0]}


def place_figures(model: PlaceModel | DateModel, examples: list[PlaceExample]) -> dict[str, Any]:
    """Held-out acts whose place (or date) is right: the rules' pick, the model's best candidate, and any candidate."""
    n = rules = learned = reachable = 0
    for ex in examples:
        prob = model.linear.predict(ex.feats)[:, 1]
        best = int(prob.argmax())
        if ex.rule >= 0 and not overrules(prob, best, ex.rule, model.threshold):
            best = ex.rule
        n += 1
        rules += ex.rule >= 0 and ex.labels[ex.rule]
        learned += ex.labels[best]
        reachable += any(ex.labels)
    return {"acts": n, "rules": rules, "model": learned, "reachable": reachable}


def fit_modes(examples: list[ModeExample], vocab: dict[str, int], c: float, valid: dict[str, list[str]]) -> ModeModel:
    classes = (NO_MODE, *sorted({m for ms in valid.values() for m in ms}))
    linear = train_linear([ex.feats for ex in examples], [classes.index(ex.mode) for ex in examples], classes,
                          vocab, c)
    linear.meta["modes_of_type"] = valid
    return ModeModel(linear)


def mode_figures(model: ModeModel, examples: list[ModeExample], thresholds: tuple[float, ...]) -> dict[str, Any]:
    """Held-out gold acts with a mode: how many the rules' mode and the model's (at each threshold) get right."""
    scored = [ex for ex in examples if ex.mode != NO_MODE]
    out: dict[str, Any] = {"acts": len(scored), "rules": sum(ex.rule_mode == ex.mode for ex in scored)}
    index = {c: k for k, c in enumerate(model.linear.classes)}
    prob = model.linear.predict([ex.feats for ex in scored]) if scored else None
    for t in thresholds:
        right = 0
        for k, ex in enumerate(scored):
            modes = model.valid(ex.etype)
            if prob is None or not modes:
                right += ex.rule_mode == ex.mode
                continue
            best = max(modes, key=lambda m: prob[k, index[m]])
            right += (best if prob[k, index[best]] >= t else ex.rule_mode) == ex.mode
        out[str(t)] = right
    return out


def vocabulary(feature_lists: Any, min_count: int) -> dict[str, int]:
    """Features seen at least ``min_count`` times, numbered in sorted order."""
    counts: Counter[str] = Counter(x for f in feature_lists for x in f)
    return {f: i for i, f in enumerate(sorted(k for k, n in counts.items() if n >= min_count))}


def fit_merge(pairs: list[tuple[list[str], int]], vocab: dict[str, int], c: float) -> MergeModel:
    """The pair scorer: does the later mention tell the earlier act again?"""
    return MergeModel(train_linear([f for f, _y in pairs], [y for _f, y in pairs], MERGE_CLASSES, vocab, c))


def merge_figures(model: MergeModel, pairs: list[tuple[list[str], int]]) -> dict[str, Any]:
    """Pairwise "same act" precision and recall of the model at 0.5 and of the rules' verdict."""
    prob = model.linear.predict([f for f, _y in pairs])[:, 1] if pairs else np.zeros(0)
    out = {}
    for who, guess in (("model", [p >= 0.5 for p in prob]), ("rules", ["rule=1" in f for f, _y in pairs])):
        tp = sum(1 for g, (_f, y) in zip(guess, pairs, strict=True) if g and y)
        npred, ngold = sum(guess), sum(y for _f, y in pairs)
        p, r = tp / max(npred, 1), tp / max(ngold, 1)
        out[who] = {"p": round(p, 4), "r": round(r, 4), "f1": round(2 * p * r / max(p + r, 1e-9), 4)}
    return out


def role_figures(model: RoleModel, examples: list[RoleExample]) -> dict[str, Any]:
    """Candidate-level precision and recall of actors and targets, against the rules' own choice."""
    out: dict[str, Any] = {}
    counts = {(who, role): [0, 0, 0] for who in ("model", "rules") for role in (1, 2)}  # tp, pred, gold
    for ex in examples:
        prob = model.linear.predict(ex.feats)
        for f, y, row in zip(ex.feats, ex.labels, prob, strict=True):
            k = int(row.argmax())
            guess = {"model": k if row[k] >= model.threshold else 0,
                     "rules": 1 if "rule=actor" in f else 2 if "rule=target" in f else 0}
            for who, g in guess.items():
                for role in (1, 2):
                    c = counts[(who, role)]
                    c[0] += g == role and y == role
                    c[1] += g == role
                    c[2] += y == role
    for (who, role), (tp, npred, ngold) in counts.items():
        p, r = tp / max(npred, 1), tp / max(ngold, 1)
        out[f"{who}_{ROLE_CLASSES[role]}"] = {"p": round(p, 4), "r": round(r, 4),
                                              "f1": round(2 * p * r / max(p + r, 1e-9), 4)}
    return out


def token_figures(model: TriggerModel, examples: list[SentenceExample]) -> dict[str, Any]:
    """Trigger P/R/F1 per threshold and type accuracy on the true triggers the model finds."""
    out: dict[str, Any] = {}
    gold_pos, rows = 0, []
    for ex in examples:
        probs = model.predict(ex.feats)
        for k, lab in enumerate(ex.labels):
            if lab is None:
                continue
            gold_pos += bool(lab)
            rows.append((1.0 - float(probs[k, 0]), model.classes[1 + int(probs[k, 1:].argmax())], lab))
    for t in THRESHOLDS:
        tp = sum(1 for p, _, lab in rows if p >= t and lab)
        npred = sum(1 for p, _, _ in rows if p >= t)
        typed = sum(1 for p, ty, lab in rows if p >= t and lab and ty in lab)
        prec, rec = tp / max(npred, 1), tp / max(gold_pos, 1)
        out[str(t)] = {"p": round(prec, 4), "r": round(rec, 4),
                       "f1": round(2 * prec * rec / max(prec + rec, 1e-9), 4),
                       "type_acc": round(typed / max(tp, 1), 4)}
    return out


@contextmanager
def stages_in_place(model: TriggerModel | None, roles: RoleModel | None = None, merger: MergeModel | None = None,
                    places: PlaceModel | None = None, modes: ModeModel | None = None, dates: DateModel | None = None,
                    tolls: TollModel | None = None, heads: PhraseHeads | None = None) -> Iterator[None]:
    """Run the event stage with these models in their slots (None: that stage without a model)."""
    with use_model(model), use_role_model(roles), use_merge_model(merger), use_place_model(places), \
            use_mode_model(modes), use_date_model(dates), use_toll_model(tolls), use_phrase_heads(heads):
        yield


def event_counts(analyses: list[Any], gold: list[dict[str, Any]], model: TriggerModel | None,
                 thresholds: tuple[float, float] | None, **stages: Any) -> dict[str, Any]:
    """Run the event stage on ``analyses`` with ``model`` at ``thresholds`` and the later ``stages`` (by
    ``stages_in_place``'s names) and score against ``gold``."""
    if model is not None and thresholds is not None:
        model.threshold, model.rule_threshold = thresholds
    preds = {}
    with stages_in_place(model, **stages):
        for an in analyses:
            an.events = events.find(an)
            preds[an.doc.id] = to_result(an).to_dict()
    docs = {an.doc.id: an.doc.text for an in analyses}
    ids = set(docs)
    return score(docs, [g for g in gold if g["doc_id"] in ids], preds).summary()


def write_cv_preds(path: Path, analyses: list[Any], fold_of: dict[str, int], models: list[TriggerModel],
                   thresholds: tuple[float, float], stages: list[dict[str, Any]]) -> None:
    """Every training article's result from the models of the fold that held it out, every later stage
    (``stages``, per fold, by ``stages_in_place``'s names; a stage not named runs without a model) the fold's too."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as f:
        for an in analyses:
            k = fold_of[an.doc.id]
            model = models[k]
            model.threshold, model.rule_threshold = thresholds
            with stages_in_place(model, **stages[k]):
                an.events = events.find(an)
            f.write(json.dumps(to_result(an).to_dict(), ensure_ascii=False) + "\n")


def save_folds(path: Path, models: list[TriggerModel], thresholds: tuple[float, float],
               stages: list[dict[str, Any]], fold_of: dict[str, int]) -> None:
    """Each fold's trigger model and chosen later stages, as ``write_cv_preds`` runs them: a code change that
    retrains nothing can then be scored on the held-out articles in minutes (``tools/replay_cv.py``)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as f:
        pickle.dump(FoldModels(models, thresholds, stages, fold_of), f)


def pooled(parts: list[dict[str, Any]]) -> dict[str, Any]:
    """Event P/R/F1 and strict F1 pooled over the folds' counts, with the argument recalls."""
    tp = sum(p["events"]["tp"] for p in parts)
    npred = sum(p["events"]["pred"] for p in parts)
    ngold = sum(p["events"]["gold"] for p in parts)
    stp = sum(p["events_strict"]["tp"] for p in parts)

    def f1(a: int) -> float:
        pr, rc = a / max(npred, 1), a / max(ngold, 1)
        return round(2 * pr * rc / max(pr + rc, 1e-9), 4)

    out = {"p": round(tp / max(npred, 1), 4), "r": round(tp / max(ngold, 1), 4), "f1": f1(tp),
           "strict_f1": f1(stp), "tp": tp, "pred": npred, "gold": ngold}
    for fld in ("actors", "targets"):
        out[fld + "_r"] = round(float(np.mean([p["participants"].get(fld, {}).get("r", 0.0) for p in parts])), 4)
    for fld in ("date", "location", "fatalities", "injuries", "mode"):
        accs = [p["arguments"][fld]["acc"] for p in parts if p["arguments"].get(fld, {}).get("acc") is not None]
        out[fld] = round(float(np.mean(accs)), 4) if accs else 0.0
    return out


def fixed_hash_seed() -> None:
    """Run again under PYTHONHASHSEED=0 unless already: a feature row's order follows set iteration, which
    follows the hash seed; fixed, every run builds the same rows in the same order."""
    if os.environ.get("PYTHONHASHSEED") != "0":
        os.execve(sys.executable, [sys.executable, *sys.argv], {**os.environ, "PYTHONHASHSEED": "0"})


def toolchain() -> dict[str, str]:
    """The versions of the libraries whose arithmetic the weights depend on (pinned in
    ``tools/train-constraints.txt``; other versions fit other weights)."""
    return {name: metadata.version(name) for name in TOOLCHAIN}


def main() -> int:
    fixed_hash_seed()
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=str(ROOT / "peristiwa" / "data" / "events"))
    ap.add_argument("--train", default=str(SHARED))
    ap.add_argument("--folds", type=int, default=FOLDS)
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--c", type=float, default=0.5, help="inverse regularisation strength")
    ap.add_argument("--limit", type=int, default=0, help="use the first N articles only (a quick trial)")
    ap.add_argument("--no-cv", action="store_true")
    ap.add_argument("--word-classes", default="100,800", help="k-means sizes (coarse,fine); 0 for none")
    ap.add_argument("--grid", default="", help="thresholds to try, e.g. 0.5/0.3,0.5/0.05 (default: the full grid)")
    ap.add_argument("--cv-preds", default=None, help="write the cross-validated results at the chosen thresholds here")
    ap.add_argument("--save-folds", default=None,
                    help="pickle each fold's chosen models and the thresholds here, for tools/replay_cv.py")
    ap.add_argument("--ship-roles", action="store_true",
                    help="ship the role model even when cross-validation does not favour it")
    ap.add_argument("--no-roles", action="store_true",
                    help="never ship the role model (cross-validate it all the same); the later stages are "
                         "then judged with the rules' roles")
    ap.add_argument("--role-policy", choices=("auto", *ROLE_POLICIES), default="auto",
                    help="how the role model is used: chosen by CV ('auto'), or the one named")
    ap.add_argument("--log", default=None)
    a = ap.parse_args()
    handlers: list[logging.Handler] = [logging.StreamHandler()]
    if a.log:
        Path(a.log).parent.mkdir(parents=True, exist_ok=True)
        handlers.append(logging.FileHandler(a.log, mode="w", encoding="utf-8"))
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", handlers=handlers)
    t0 = time.time()
    versions = toolchain()
    log.info("toolchain: %s", json.dumps(versions))
    train = Path(a.train)
    docs = load_jsonl(train / "docs.jsonl")
    if a.limit:
        docs = docs[:a.limit]
    gold = [g for g in load_jsonl(train / "gold.jsonl") if g.get("kind", "event") == "event"]
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for g in gold:
        by_doc.setdefault(g["doc_id"], []).append(g)
    analyses = analyse_all(docs)
    sizes = tuple(int(x) for x in a.word_classes.split(","))
    word_classes = fit_word_classes(analyses, (sizes[0], sizes[1])) if sizes[0] else None
    grid = tuple(tuple(float(x) for x in g.split("/")) for g in a.grid.split(",")) if a.grid else GRID
    examples: dict[str, list[SentenceExample]] = {}
    report = AlignReport()
    for an in analyses:
        doc_examples, rep = align(DocIndex.of(an), by_doc.get(an.doc.id, []), word_classes)
        examples[an.doc.id] = doc_examples
        report.add(rep)
    log.info("alignment: %s", json.dumps(report.to_dict(), ensure_ascii=False))
    role_ex = {an.doc.id: role_examples(DocIndex.of(an), by_doc.get(an.doc.id, [])) for an in analyses}
    role_vocab = vocabulary((f for exs in role_ex.values() for ex in exs for f in ex.feats), a.min_count)
    n_role = sum(len(ex.labels) for exs in role_ex.values() for ex in exs)
    log.info("roles: %d predicates, %d candidates, %d features", sum(len(v) for v in role_ex.values()), n_role,
             len(role_vocab))
    reach = [sum(ex.reach[i] for exs in role_ex.values() for ex in exs) for i in range(4)]
    log.info("roles: gold actors with a candidate %d/%d, gold targets with a candidate %d/%d",
             reach[1], reach[0], reach[3], reach[2])
    valid = modes_of_type(gold)
    mode_ex = {an.doc.id: mode_examples(DocIndex.of(an), by_doc.get(an.doc.id, []), valid) for an in analyses}
    mode_vocab = vocabulary(([f for f in ex.feats] for exs in mode_ex.values() for ex in exs), a.min_count)
    log.info("modes: %d acts, %s", sum(len(v) for v in mode_ex.values()), json.dumps(valid))
    toll_ex = {an.doc.id: toll_examples(DocIndex.of(an), by_doc.get(an.doc.id, [])) for an in analyses}
    toll_vocab = vocabulary((ex.feats for exs in toll_ex.values() for ex in exs), a.min_count)
    log.info("tolls: %d gold attacks with no stated toll, %d killed or hurt", sum(len(v) for v in toll_ex.values()),
             sum(ex.outcome > 0 for v in toll_ex.values() for ex in v))
    vocab = vocabulary((f for exs in examples.values() for ex in exs for f in ex.feats), a.min_count)
    log.info("vocabulary: %d features (min count %d)", len(vocab), a.min_count)
    ids = [an.doc.id for an in analyses]
    fold_of = folds_by_article(ids, a.folds, SPLIT_SEED)
    text_of = {d["id"]: d["text"] for d in docs}
    pairs: dict[str, list[tuple[list[str], int]]] = {}
    place_ex: dict[str, list[PlaceExample]] = {}
    date_ex: dict[str, list[DateExample]] = {}
    figures: dict[str, Any] = {"alignment": report.to_dict(), "articles": len(ids), "seed": SEED, "c": a.c,
                               "min_count": a.min_count, "vocabulary": len(vocab), "word_classes": sizes}
    if not a.no_cv:
        token_parts: list[dict[str, Any]] = []
        rules_parts: list[dict[str, Any]] = []
        learned_parts: dict[tuple[float, ...], list[dict[str, Any]]] = {g: [] for g in grid}
        fold_models = []
        fold_roles: list[RoleModel] = []
        role_parts: list[dict[str, Any]] = []
        # the nouns that head participants, learned from the gold of each fold's training articles
        fold_heads = [learn_heads([g for g in gold if fold_of.get(g["doc_id"], k) != k],
                                  [t for d, t in text_of.items() if fold_of[d] != k]) for k in range(a.folds)]
        for k in range(a.folds):
            tr = [ex for d in ids if fold_of[d] != k for ex in examples[d]]
            te_ids = [d for d in ids if fold_of[d] == k]
            te = [ex for d in te_ids for ex in examples[d]]
            model = fit(tr, vocab, a.c)
            model.word_classes = word_classes
            fold_models.append(model)
            role_model = fit_roles([ex for d in ids if fold_of[d] != k for ex in role_ex[d]], role_vocab, a.c)
            fold_roles.append(role_model)
            role_parts.append(role_figures(role_model, [ex for d in te_ids for ex in role_ex[d]]))
            token_parts.append(token_figures(model, te))
            held = [an for an in analyses if fold_of[an.doc.id] == k]
            rules_parts.append(event_counts(held, gold, None, None, heads=fold_heads[k]))
            for point in grid:
                learned_parts[point].append(event_counts(held, gold, model, (point[0], point[1]), heads=fold_heads[k]))
            log.info("fold %d: rules %s | learned %s", k, pooled([rules_parts[-1]]),
                     {_label(point): pooled([learned_parts[point][-1]])["f1"] for point in grid})
        tok = {str(t): {m: round(float(np.mean([p[str(t)][m] for p in token_parts])), 4)
                        for m in ("p", "r", "f1", "type_acc")} for t in THRESHOLDS}
        learned = {_label(point): pooled(v) for point, v in learned_parts.items()}
        cv = {"rules": pooled(rules_parts), "learned": learned}
        best = max(grid, key=lambda point: learned[_label(point)]["f1"])
        figures.update({"cv_tokens": tok, "cv_events": cv,
                        "thresholds_chosen_by": "pooled CV event F1 (other tokens / kept cue hits)"})
        log.info("CV tokens: %s", json.dumps(tok))
        log.info("CV events rules: %s", json.dumps(cv["rules"]))
        for t, r in grid:
            log.info("CV events learned @%.2f/%.2f: %s", t, r, json.dumps(learned[_label((t, r))]))
        roles_cv = {key: {m: round(float(np.mean([p[key][m] for p in role_parts])), 4) for m in ("p", "r", "f1")}
                    for key in role_parts[0]}
        log.info("CV roles (candidates of gold predicates): %s", json.dumps(roles_cv))
        # at the chosen trigger thresholds: the rules' roles against the learned ones at a few role thresholds
        folds = [[an for an in analyses if fold_of[an.doc.id] == k] for k in range(a.folds)]

        def cv_events(point: tuple[float, ...], stages: list[dict[str, Any]]) -> dict[str, Any]:
            """Pooled CV events: each fold's trigger model at ``point`` with its later ``stages`` in place."""
            return pooled([event_counts(held, gold, fold_models[k], (point[0], point[1]), **stages[k])
                           for k, held in enumerate(folds)])

        def compare(what: str, models: list[Any], thresholds: tuple[float, ...], slot: str,
                    fixed: list[dict[str, Any]] | None = None) -> dict[str, Any]:
            """Pooled CV events with the rules (no model) and with each fold's model at each threshold,
            the stages already chosen (``fixed``, per fold) in place."""
            out: dict[str, dict[str, Any]] = {}
            for t in (None, *thresholds):
                for m in models:
                    if t is not None and m is not None:
                        m.threshold = t
                label = "rules" if t is None else str(t)
                out[label] = cv_events(best, [{**(fixed[k] if fixed else {}), slot: models[k] if t is not None else None}
                                              for k in range(a.folds)])
                log.info("CV events, %s %s: %s", what, label, json.dumps(out[label]))
            return out

        # two ways to use the role model: it may replace the rules' pick ("overrule", by a margin), or it only
        # fills the roles the rules leave empty ("fill"); both at two thresholds, chosen by CV
        by_roles: dict[str, Any] = {}
        for policy in ROLE_POLICIES:
            for rm in fold_roles:
                rm.policy = policy
            for label, figs in compare(f"roles ({policy})", fold_roles, (0.35, 0.5), "roles",
                                       [{"heads": h} for h in fold_heads]).items():
                by_roles[label if label == "rules" else f"{policy} {label}"] = figs

        def role_gain(key: str) -> float:
            return gain(by_roles[key])

        # the best of each policy; the model replaces the rules' picks only when that beats filling by more
        # than noise
        best_of = {policy: max((k for k in by_roles if k.startswith(policy + " ")), key=role_gain)
                   for policy in ROLE_POLICIES}
        role_choice = best_of["overrule"] if role_gain(best_of["overrule"]) > role_gain(best_of["fill"]) + NOISE \
            else best_of["fill"]
        if a.role_policy != "auto":
            role_choice = best_of[a.role_policy]
        role_policy, role_best = role_choice.split()[0], float(role_choice.split()[1])
        ship_roles = not a.no_roles and (a.ship_roles or no_worse(by_roles[role_choice], by_roles["rules"]))
        figures.update({"cv_roles": roles_cv, "role_candidates_reach": reach, "cv_events_by_roles": by_roles,
                        "role_model_shipped": ship_roles,
                        "role_policy": role_policy, "role_policy_asked": a.role_policy,
                        "role_threshold_chosen_by": "pooled CV event F1 + strict F1; 'overrule' only when it beats "
                                                    "'fill' by more than the noise"})
        for rm in fold_roles:
            rm.threshold, rm.policy = role_best, role_policy
        # the stages chosen so far, per fold (None where a stage does not ship): in place for the later stages
        chosen: dict[str, list[Any]] = {"heads": list(fold_heads),
                                        "roles": [rm if ship_roles else None for rm in fold_roles]}

        def in_place() -> list[dict[str, Any]]:
            return [{slot: models[k] for slot, models in chosen.items()} for k in range(a.folds)]

        # a target the rules and the model's own choice leave empty may take the person or group the model finds
        # likeliest for it at a lower bar; the bar (or none) chosen by CV as every stage is
        by_bar: dict[str, Any] = {}
        for bar in (None, *EMPTY_BARS):
            for rm in fold_roles:
                rm.empty_bar = bar
            by_bar[str(bar)] = cv_events(best, in_place())
            log.info("CV events, roles, empty-role bar %s: %s", bar, json.dumps(by_bar[str(bar)]))
        bar_best = max(EMPTY_BARS, key=lambda b: gain(by_bar[str(b)]))
        ship_bar = ship_roles and no_worse(by_bar[str(bar_best)], by_bar["None"])
        role_bar = bar_best if ship_bar else None
        for rm in fold_roles:
            rm.empty_bar = role_bar
        figures.update({"cv_events_by_empty_role_bar": by_bar, "empty_role_bar": role_bar})

        # merging: pairs of the drafts each fold's trigger model reads in its held-out articles
        for k in range(a.folds):
            fm = fold_models[k]
            fm.threshold, fm.rule_threshold = best[0], best[1]
            with use_model(fm), use_role_model(fold_roles[k] if ship_roles else None):
                for an in analyses:
                    if fold_of[an.doc.id] == k:
                        idx = DocIndex.of(an)
                        pairs[an.doc.id] = merge_pairs(idx, by_doc.get(an.doc.id, []), sentence_drafts(idx))
        merge_vocab = vocabulary((f for v in pairs.values() for f, _y in v), a.min_count)
        fold_merges: list[MergeModel | None] = []
        merge_parts = []
        for k in range(a.folds):
            mm = fit_merge([p for d in ids if fold_of[d] != k for p in pairs[d]], merge_vocab, a.c)
            fold_merges.append(mm)
            merge_parts.append(merge_figures(mm, [p for d in ids if fold_of[d] == k for p in pairs[d]]))
        merge_cv = {key: {m: round(float(np.mean([p[key][m] for p in merge_parts])), 4) for m in ("p", "r", "f1")}
                    for key in merge_parts[0]}
        log.info("CV merge pairs (%d pairs): %s", sum(len(v) for v in pairs.values()), json.dumps(merge_cv))
        by_merge = compare("merging", fold_merges, (0.3, 0.5, 0.7), "merger", in_place())
        merge_best = max((0.3, 0.5, 0.7), key=lambda t: gain(by_merge[str(t)]))
        ship_merge = no_worse(by_merge[str(merge_best)], by_merge["rules"])
        figures.update({"cv_merge_pairs": merge_cv, "cv_events_by_merging": by_merge,
                        "merge_threshold_chosen_by": "pooled CV event F1 + strict F1",
                        "shipped_when": f"pooled CV event F1 + strict F1 above the rules', neither lower by more than {NOISE}", "merge_model_shipped": ship_merge})
        for merger in fold_merges:
            if merger is not None:
                merger.threshold = merge_best
        chosen["merger"] = [mm if ship_merge else None for mm in fold_merges]
        # places: the acts each fold's models read in its held-out articles, the chosen stages in place
        for k in range(a.folds):
            fm = fold_models[k]
            fm.threshold, fm.rule_threshold = best[0], best[1]
            with use_model(fm), use_role_model(fold_roles[k] if ship_roles else None), \
                    use_merge_model(fold_merges[k] if ship_merge else None), use_place_model(None):
                for an in analyses:
                    if fold_of[an.doc.id] == k:
                        idx = DocIndex.of(an)
                        drafts = document_drafts(idx)
                        place_ex[an.doc.id] = place_examples(idx, by_doc.get(an.doc.id, []), drafts)
                        date_ex[an.doc.id] = date_examples(idx, by_doc.get(an.doc.id, []), drafts)
        place_vocab, fold_places, places_cv = cross_validate_chooser(place_ex, ids, fold_of, a.folds, fit_places, a.c,
                                                                     a.min_count)
        log.info("CV places (acts on a gold event with a place): %s", json.dumps(places_cv))
        by_places = compare("places", fold_places, (0.0, 0.5), "places", in_place())
        place_best = max((0.0, 0.5), key=lambda t: gain(by_places[str(t)]))
        ship_places = no_worse(by_places[str(place_best)], by_places["rules"])
        figures.update({"cv_places": places_cv, "cv_events_by_places": by_places, "place_model_shipped": ship_places,
                        "place_threshold_chosen_by": "pooled CV event F1 + strict F1"})
        # modes: the gold acts' predicates, the chosen stages in place for the end-to-end figures
        fold_modes = [fit_modes([ex for d in ids if fold_of[d] != k for ex in mode_ex[d]], mode_vocab, a.c, valid)
                      for k in range(a.folds)]
        mode_parts = [mode_figures(fold_modes[k], [ex for d in ids if fold_of[d] == k for ex in mode_ex[d]],
                                   MODE_THRESHOLDS) for k in range(a.folds)]
        modes_cv = {key: sum(p[key] for p in mode_parts) for key in mode_parts[0]}
        log.info("CV modes (gold acts with a mode, right): %s", json.dumps(modes_cv))
        for pm in fold_places:
            pm.threshold = place_best
        chosen["places"] = [pm if ship_places else None for pm in fold_places]
        by_modes = compare("modes", fold_modes, MODE_THRESHOLDS, "modes", in_place())
        # a mode is no part of strict F1: the mode model is judged on the mode accuracy of matched events
        mode_best = max(MODE_THRESHOLDS, key=lambda t: by_modes[str(t)]["mode"])
        ship_modes = by_modes[str(mode_best)]["mode"] > by_modes["rules"]["mode"] and no_worse(
            by_modes[str(mode_best)], by_modes["rules"], rise=False)
        figures.update({"cv_modes": modes_cv, "cv_events_by_modes": by_modes, "mode_model_shipped": ship_modes,
                        "mode_threshold_chosen_by": "pooled CV mode accuracy of matched events",
                        "mode_model_shipped_when": "CV mode accuracy rises; event F1 and strict F1 within noise"})
        # dates: the same held-out acts, every chosen stage in place
        date_vocab, fold_dates, dates_cv = cross_validate_chooser(date_ex, ids, fold_of, a.folds, fit_dates, a.c,
                                                                  a.min_count)
        log.info("CV dates (acts on a gold event with a date): %s", json.dumps(dates_cv))
        for mode_m in fold_modes:
            mode_m.threshold = mode_best
        chosen["modes"] = [mode_m if ship_modes else None for mode_m in fold_modes]
        by_dates = compare("dates", fold_dates, (0.0, 0.5), "dates", in_place())
        date_best = max((0.0, 0.5), key=lambda t: gain(by_dates[str(t)]))
        ship_dates = no_worse(by_dates[str(date_best)], by_dates["rules"])
        figures.update({"cv_dates": dates_cv, "cv_events_by_dates": by_dates, "date_model_shipped": ship_dates,
                        "date_threshold_chosen_by": "pooled CV event F1 + strict F1"})
        # implied tolls: the gold attacks that state no toll, every chosen stage in place for the end-to-end figures
        fold_tolls = [fit_tolls([ex for d in ids if fold_of[d] != k for ex in toll_ex[d]], toll_vocab, a.c)
                      for k in range(a.folds)]
        toll_parts = [toll_figures(fold_tolls[k], [ex for d in ids if fold_of[d] == k for ex in toll_ex[d]],
                                   TOLL_THRESHOLDS) for k in range(a.folds)]
        tolls_cv = {"acts": sum(p["acts"] for p in toll_parts),
                    "killed_or_hurt": sum(p["killed_or_hurt"] for p in toll_parts),
                    **{str(t): {key: sum(p[str(t)][key] for p in toll_parts) for key in ("given", "right")}
                       for t in TOLL_THRESHOLDS}}
        log.info("CV tolls (gold attacks with no stated toll): %s", json.dumps(tolls_cv))
        for date_m in fold_dates:
            date_m.threshold = date_best
        chosen["dates"] = [date_m if ship_dates else None for date_m in fold_dates]
        by_tolls = compare("tolls", fold_tolls, TOLL_THRESHOLDS, "tolls", in_place())
        toll_best = max(TOLL_THRESHOLDS, key=lambda t: gain(by_tolls[str(t)]))
        ship_tolls = no_worse(by_tolls[str(toll_best)], by_tolls["rules"])
        figures.update({"cv_tolls": tolls_cv, "cv_events_by_tolls": by_tolls, "toll_model_shipped": ship_tolls,
                        "toll_threshold_chosen_by": "pooled CV event F1 + strict F1"})
        for toll_m in fold_tolls:
            toll_m.threshold = toll_best
        chosen["tolls"] = [toll_m if ship_tolls else None for toll_m in fold_tolls]
        # the trigger thresholds again, every stage chosen above in place: first chosen by event F1 alone (the later
        # stages were fitted on the acts those thresholds give), they are chosen here as every later stage is, by
        # F1 + strict F1 (``no_worse`` against the first choice: the sum rises, neither falls by more than the noise)
        placed = in_place()
        by_final: dict[str, Any] = {}
        for point in grid:
            by_final[_label(point)] = cv_events(point, placed)
            log.info("CV events, every stage, triggers @%s: %s", _label(point), json.dumps(by_final[_label(point)]))
        first = best
        top = max(grid, key=lambda point: gain(by_final[_label(point)]))
        if no_worse(by_final[_label(top)], by_final[_label(first)]):
            best = top
        figures.update({"cv_events_by_final_thresholds": by_final, "thresholds_first": list(first),
                        "thresholds": list(best),
                        "final_thresholds_chosen_by": "pooled CV event F1 + strict F1 with every stage in place, "
                                                      "against the first choice as a stage against the rules"})
        # the participant phrases without the learned head nouns, every other stage in place: the heads ship
        # when they do better (as a learned stage against the rules)
        without = cv_events(best, [{**stage, "heads": None} for stage in placed])
        log.info("CV events, every stage, triggers @%s, no head nouns: %s", _label(best), json.dumps(without))
        ship_heads = no_worse(by_final[_label(best)], without)
        figures.update({"cv_events_without_heads": without, "heads_shipped": ship_heads})
        final_stages = [{**stage, "heads": stage["heads"] if ship_heads else None} for stage in placed]
        if a.cv_preds:
            write_cv_preds(Path(a.cv_preds), analyses, fold_of, fold_models, (best[0], best[1]), final_stages)
        if a.save_folds:
            save_folds(Path(a.save_folds), fold_models, (best[0], best[1]), final_stages, fold_of)
    else:
        best, role_best, merge_best, ship_merge, ship_roles = (0.4, 0.3), 0.35, 0.5, True, a.ship_roles
        role_policy = "fill" if a.role_policy == "auto" else a.role_policy
        ship_places, place_best = False, 0.0  # a place model needs the held-out acts of cross-validation
        ship_modes, mode_best = True, 0.5
        ship_dates, date_best = False, 0.0
        ship_tolls, toll_best = True, 0.5
        ship_heads = True
        role_bar = None
    full = fit([ex for d in ids for ex in examples[d]], vocab, a.c).linear
    # drop features whose weights are all but zero: a smaller file, the same predictions to 1e-3
    keep = np.abs(full.weights).max(axis=1) >= 1e-3
    names = sorted(vocab, key=vocab.__getitem__)
    kept = [n for n, k in zip(names, keep, strict=True) if k]
    figures["features_shipped"] = len(kept)
    figures["seconds"] = round(time.time() - t0)
    provenance = {"trained_on": "../shared/data/train (silver, 1,120 articles)", "toolchain": versions}
    meta = {**provenance, "figures": figures}
    linear = LinearModel(CLASSES, {n: i for i, n in enumerate(kept)}, full.weights[keep], full.bias, meta)
    model = TriggerModel(linear, best[0], best[1], word_classes)
    model.save(Path(a.out))
    for name, shipped in (("roles", ship_roles), ("merge", ship_merge), ("places", ship_places),
                          ("modes", ship_modes), ("dates", ship_dates), ("tolls", ship_tolls), ("heads", ship_heads)):
        if not shipped:  # a model an earlier run shipped must not outlive this run's verdict
            for ext in ("json", "npz"):
                (Path(a.out) / f"{name}.{ext}").unlink(missing_ok=True)
    if ship_heads:
        learn_heads(gold, [d["text"] for d in docs]).save(Path(a.out))
    if ship_roles:
        final_roles = fit_roles([ex for d in ids for ex in role_ex[d]], role_vocab, a.c)
        final_roles.threshold, final_roles.policy, final_roles.empty_bar = role_best, role_policy, role_bar
        final_roles.linear.meta.update(provenance, role_vocabulary=len(role_vocab))
        final_roles.save(Path(a.out))
    if ship_merge:
        if not pairs:  # no cross-validation: the final trigger model reads the drafts
            model_all = TriggerModel(linear, best[0], best[1], word_classes)
            with use_model(model_all), use_role_model(final_roles if ship_roles else None):
                for an in analyses:
                    idx = DocIndex.of(an)
                    pairs[an.doc.id] = merge_pairs(idx, by_doc.get(an.doc.id, []), sentence_drafts(idx))
            merge_vocab = vocabulary((f for v in pairs.values() for f, _y in v), a.min_count)
        final_merge = fit_merge([p for d in ids for p in pairs[d]], merge_vocab, a.c)
        final_merge.threshold = merge_best
        final_merge.linear.meta.update(provenance)
        final_merge.save(Path(a.out))
    if ship_places:
        final_places = fit_places([ex for d in ids for ex in place_ex[d]], place_vocab, a.c)
        final_places.threshold = place_best
        final_places.linear.meta.update(provenance)
        final_places.save(Path(a.out))
    if ship_modes:
        final_modes = fit_modes([ex for d in ids for ex in mode_ex[d]], mode_vocab, a.c, valid)
        final_modes.threshold = mode_best
        final_modes.linear.meta.update(provenance)
        final_modes.save(Path(a.out))
    if ship_dates:
        final_dates = fit_dates([ex for d in ids for ex in date_ex[d]], date_vocab, a.c)
        final_dates.threshold = date_best
        final_dates.linear.meta.update(provenance)
        final_dates.save(Path(a.out))
    if ship_tolls:
        final_tolls = fit_tolls([ex for d in ids for ex in toll_ex[d]], toll_vocab, a.c)
        final_tolls.threshold = toll_best
        final_tolls.linear.meta.update(provenance)
        final_tolls.save(Path(a.out))
    log.info("saved %s: thresholds %s, %d features, %.0f s", a.out, best, len(kept), time.time() - t0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
