"""Train the trigger model of ``peristiwa/events/`` on ../shared/data/train and ship it in the package.

    .venv/bin/python tools/train_events.py [--out peristiwa/data/events] [--log tmp/train_events.log]

Steps (seeded, deterministic; a few minutes on 2 cores):

1. Every training article is analysed by the pipeline (cleaning, sentences, NLP model, actors)
   and its silver gold (``../shared/data/train/gold.jsonl``) aligned to tokens
   (``peristiwa.events.training``): trigger tokens of required events are positives of their
   types, optional events and other mentions are left out, every other word is "no act". What
   cannot be aligned is reported by reason.
2. Features (``peristiwa.events.features``) seen in at least ``--min-count`` training
   articles' tokens make the vocabulary.
3. 5-fold cross-validation split by article (a seeded shuffle): for each fold a multinomial
   logistic regression is fitted on the other four; token figures (trigger P/R/F1, type
   accuracy on true triggers) and end-to-end event figures (the whole event stage run on the
   held-out articles and scored as ``../shared/eval/score.py`` scores) are pooled over folds,
   for the rules alone and for every threshold of the grid. The threshold with the best
   pooled event F1 is kept: chosen on training articles only.
4. The model is fitted on every training article and saved with its vocabulary, threshold
   and all the figures above (``triggers.json``); dev and the seed are never read.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import sys
import time
from collections import Counter
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
from peristiwa.evaluate import score  # noqa: E402
from peristiwa.events.linear import LinearModel  # noqa: E402
from peristiwa.events.role_model import ROLE_CLASSES, RoleModel, use_role_model  # noqa: E402
from peristiwa.events.training import AlignReport, RoleExample, SentenceExample, align, role_examples  # noqa: E402
from peristiwa.events.triggers import NONE, TriggerModel, use_model  # noqa: E402
from peristiwa.events.word_classes import WordClasses, model_vectors  # noqa: E402
from peristiwa.pipeline import analyse, parse, to_result  # noqa: E402
from peristiwa.settings import Settings  # noqa: E402
from peristiwa.types import EVENT_TYPES, Document  # noqa: E402

SHARED = ROOT.parent / "shared" / "data" / "train"
CLASSES = (NONE, *EVENT_TYPES)
THRESHOLDS = (0.2, 0.3, 0.4, 0.5, 0.6)  # token figures
# (threshold for other tokens, threshold for cue hits the act filters keep) tried end to end
GRID = tuple((t, r) for t in (0.3, 0.4, 0.5, 0.6) for r in (0.05, 0.1, 0.2, 0.3) if r <= t)
SEED = 13
log = logging.getLogger("train_events")


def load_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def analyse_all(docs: list[dict[str, Any]]) -> list[Any]:
    """The analyses of every article, events not yet run (the event stage is re-run per fold)."""
    from peristiwa.clean import TextView
    from peristiwa.nlp.model import load_nlp
    from peristiwa.pipeline import _name_test

    nlp = load_nlp()
    settings = Settings(events=False, relations=False, max_seconds=None)
    out = []
    for k in range(0, len(docs), 32):
        batch = [Document(id=d["id"], text=d["text"], title=d.get("title"), published=d.get("published"))
                 for d in docs[k:k + 32]]
        views = [TextView(d.text, is_name=_name_test()) for d in batch]
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


def to_matrix(examples: list[SentenceExample], vocab: dict[str, int]) -> tuple[Any, np.ndarray, np.ndarray]:
    """Rows for every labelled token; a token with two types gives two rows of half weight."""
    indptr, indices, ys, ws = [0], [], [], []
    cls = {c: i for i, c in enumerate(CLASSES)}
    for ex in examples:
        for f, lab in zip(ex.feats, ex.labels, strict=True):
            if lab is None:
                continue
            idx = sorted({vocab[x] for x in f if x in vocab})
            for t, w in (lab.items() if lab else [(NONE, 1.0)]):
                indices.extend(idx)
                indptr.append(len(indices))
                ys.append(cls[t])
                ws.append(w)
    x = sparse.csr_matrix((np.ones(len(indices), dtype=np.float32), indices, indptr),
                          shape=(len(indptr) - 1, len(vocab)))
    return x, np.array(ys), np.array(ws, dtype=np.float64)


def fit(examples: list[SentenceExample], vocab: dict[str, int], c: float) -> TriggerModel:
    x, y, w = to_matrix(examples, vocab)
    clf = LogisticRegression(C=c, max_iter=300, tol=1e-4, random_state=SEED)
    clf.fit(x, y, sample_weight=w)
    weights = np.zeros((len(vocab), len(CLASSES)), dtype=np.float32)
    bias = np.zeros(len(CLASSES), dtype=np.float32)
    for j, k in enumerate(clf.classes_):
        weights[:, k] = clf.coef_[j]
        bias[k] = clf.intercept_[j]
    for k in set(range(len(CLASSES))) - set(clf.classes_):
        bias[k] = -30.0  # a class never seen in training is never predicted
    return TriggerModel(LinearModel(CLASSES, vocab, weights, bias), threshold=0.5)


def fit_roles(examples: list[RoleExample], vocab: dict[str, int], c: float) -> RoleModel:
    """The role classifier (none / actor / target) over every candidate of every gold predicate."""
    indptr, indices, ys = [0], [], []
    for ex in examples:
        for f, y in zip(ex.feats, ex.labels, strict=True):
            indices.extend(sorted({vocab[x] for x in f if x in vocab}))
            indptr.append(len(indices))
            ys.append(y)
    x = sparse.csr_matrix((np.ones(len(indices), dtype=np.float32), indices, indptr),
                          shape=(len(indptr) - 1, len(vocab)))
    clf = LogisticRegression(C=c, max_iter=500, tol=1e-4, random_state=SEED)
    clf.fit(x, np.array(ys))
    weights = np.zeros((len(vocab), len(ROLE_CLASSES)), dtype=np.float32)
    bias = np.zeros(len(ROLE_CLASSES), dtype=np.float32)
    for j, k in enumerate(clf.classes_):
        weights[:, k] = clf.coef_[j] if len(clf.classes_) > 2 else 0.0
        bias[k] = clf.intercept_[j] if len(clf.classes_) > 2 else 0.0
    return RoleModel(LinearModel(ROLE_CLASSES, vocab, weights, bias))


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


def event_counts(analyses: list[Any], gold: list[dict[str, Any]], model: TriggerModel | None,
                 thresholds: tuple[float, float] | None, roles: RoleModel | None = None) -> dict[str, Any]:
    """Run the event stage on ``analyses`` with ``model`` at ``thresholds`` and score against ``gold``."""
    if model is not None and thresholds is not None:
        model.threshold, model.rule_threshold = thresholds
    preds = {}
    with use_model(model), use_role_model(roles):
        for an in analyses:
            events.annotate(an)
            preds[an.doc.id] = to_result(an).to_dict()
    docs = {an.doc.id: an.doc.text for an in analyses}
    ids = set(docs)
    return score(docs, [g for g in gold if g["doc_id"] in ids], preds).summary()


def write_cv_preds(path: Path, analyses: list[Any], fold_of: dict[str, int], models: list[TriggerModel],
                   thresholds: tuple[float, float], roles: list[RoleModel]) -> None:
    """Every training article's result from the models of the fold that held it out."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as f:
        for an in analyses:
            model = models[fold_of[an.doc.id]]
            model.threshold, model.rule_threshold = thresholds
            with use_model(model), use_role_model(roles[fold_of[an.doc.id]]):
                events.annotate(an)
            f.write(json.dumps(to_result(an).to_dict(), ensure_ascii=False) + "\n")


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
    for fld in ("date", "location", "fatalities"):
        accs = [p["arguments"][fld]["acc"] for p in parts if p["arguments"].get(fld, {}).get("acc") is not None]
        out[fld] = round(float(np.mean(accs)), 4) if accs else 0.0
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=str(ROOT / "peristiwa" / "data" / "events"))
    ap.add_argument("--train", default=str(SHARED))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--c", type=float, default=0.5, help="inverse regularisation strength")
    ap.add_argument("--limit", type=int, default=0, help="use the first N articles only (a quick trial)")
    ap.add_argument("--no-cv", action="store_true")
    ap.add_argument("--word-classes", default="100,800", help="k-means sizes (coarse,fine); 0 for none")
    ap.add_argument("--grid", default="", help="thresholds to try, e.g. 0.5/0.3,0.5/0.05 (default: the full grid)")
    ap.add_argument("--cv-preds", default=None, help="write the cross-validated results at the chosen thresholds here")
    ap.add_argument("--log", default=None)
    a = ap.parse_args()
    handlers: list[logging.Handler] = [logging.StreamHandler()]
    if a.log:
        Path(a.log).parent.mkdir(parents=True, exist_ok=True)
        handlers.append(logging.FileHandler(a.log, mode="w", encoding="utf-8"))
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", handlers=handlers)
    t0 = time.time()
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
    role_counts: Counter[str] = Counter(x for exs in role_ex.values() for ex in exs for f in ex.feats for x in f)
    role_vocab = {f: i for i, f in enumerate(sorted(k for k, n in role_counts.items() if n >= a.min_count))}
    n_role = sum(len(ex.labels) for exs in role_ex.values() for ex in exs)
    log.info("roles: %d predicates, %d candidates, %d features", sum(len(v) for v in role_ex.values()), n_role,
             len(role_vocab))
    counts: Counter[str] = Counter()
    for exs in examples.values():
        for ex in exs:
            for f in ex.feats:
                counts.update(f)
    vocab = {f: i for i, f in enumerate(sorted(k for k, n in counts.items() if n >= a.min_count))}
    log.info("vocabulary: %d features of %d (min count %d)", len(vocab), len(counts), a.min_count)
    ids = [an.doc.id for an in analyses]
    order = ids[:]
    random.Random(SEED).shuffle(order)
    fold_of = {d: k % a.folds for k, d in enumerate(order)}
    figures: dict[str, Any] = {"alignment": report.to_dict(), "articles": len(ids), "seed": SEED, "c": a.c,
                               "min_count": a.min_count, "vocabulary": len(vocab), "word_classes": sizes}
    if not a.no_cv:
        token_parts: list[dict[str, Any]] = []
        rules_parts: list[dict[str, Any]] = []
        learned_parts: dict[tuple[float, ...], list[dict[str, Any]]] = {g: [] for g in grid}
        fold_models = []
        fold_roles: list[RoleModel] = []
        role_parts: list[dict[str, Any]] = []
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
            rules_parts.append(event_counts(held, gold, None, None))
            for point in grid:
                learned_parts[point].append(event_counts(held, gold, model, (point[0], point[1]), role_model))
            log.info("fold %d: rules %s | learned %s", k, pooled([rules_parts[-1]]),
                     {f"{t}/{r}": pooled([learned_parts[(t, r)][-1]])["f1"] for t, r in grid})
        tok = {str(t): {m: round(float(np.mean([p[str(t)][m] for p in token_parts])), 4)
                        for m in ("p", "r", "f1", "type_acc")} for t in THRESHOLDS}
        learned = {f"{t}/{r}": pooled(v) for (t, r), v in learned_parts.items()}
        cv = {"rules": pooled(rules_parts), "learned": learned}
        best = max(grid, key=lambda point: learned[f"{point[0]}/{point[1]}"]["f1"])
        figures.update({"cv_tokens": tok, "cv_events": cv,
                        "thresholds_chosen_by": "pooled CV event F1 (other tokens / kept cue hits)"})
        log.info("CV tokens: %s", json.dumps(tok))
        log.info("CV events rules: %s", json.dumps(cv["rules"]))
        for t, r in grid:
            log.info("CV events learned @%.2f/%.2f: %s", t, r, json.dumps(learned[f"{t}/{r}"]))
        roles_cv = {key: {m: round(float(np.mean([p[key][m] for p in role_parts])), 4) for m in ("p", "r", "f1")}
                    for key in role_parts[0]}
        log.info("CV roles (candidates of gold predicates): %s", json.dumps(roles_cv))
        # at the chosen trigger thresholds: the rules' roles against the learned ones at a few role thresholds
        by_roles: dict[str, dict[str, Any]] = {}
        for label, rt in (("rules", None), ("0.35", 0.35), ("0.5", 0.5)):
            parts = []
            for k in range(a.folds):
                held = [an for an in analyses if fold_of[an.doc.id] == k]
                rm = fold_roles[k] if rt is not None else None
                if rm is not None and rt is not None:
                    rm.threshold = rt
                parts.append(event_counts(held, gold, fold_models[k], (best[0], best[1]), rm))
            by_roles[label] = pooled(parts)
            log.info("CV events, roles %s: %s", label, json.dumps(by_roles[label]))
        role_best = max((0.35, 0.5), key=lambda t: by_roles[str(t)]["strict_f1"])
        figures.update({"cv_roles": roles_cv, "cv_events_by_roles": by_roles,
                        "role_threshold_chosen_by": "pooled CV strict F1"})
        for rm in fold_roles:
            rm.threshold = role_best
        if a.cv_preds:
            write_cv_preds(Path(a.cv_preds), analyses, fold_of, fold_models, (best[0], best[1]), fold_roles)
    else:
        best, role_best = (0.5, 0.3), 0.5
    full = fit([ex for d in ids for ex in examples[d]], vocab, a.c).linear
    # drop features whose weights are all but zero: a smaller file, the same predictions to 1e-3
    keep = np.abs(full.weights).max(axis=1) >= 1e-3
    names = sorted(vocab, key=vocab.__getitem__)
    kept = [n for n, k in zip(names, keep, strict=True) if k]
    figures["features_shipped"] = len(kept)
    figures["seconds"] = round(time.time() - t0)
    meta = {"trained_on": "../shared/data/train (silver, 1,120 articles)", "figures": figures}
    linear = LinearModel(CLASSES, {n: i for i, n in enumerate(kept)}, full.weights[keep], full.bias, meta)
    model = TriggerModel(linear, best[0], best[1], word_classes)
    model.save(Path(a.out))
    final_roles = fit_roles([ex for d in ids for ex in role_ex[d]], role_vocab, a.c)
    final_roles.threshold = role_best
    final_roles.linear.meta.update(trained_on=meta["trained_on"], role_vocabulary=len(role_vocab))
    final_roles.save(Path(a.out))
    log.info("saved %s: thresholds %s, %d features, %.0f s", a.out, best, len(kept), time.time() - t0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
