"""Score results against gold with the definitions of the project's scorer (GUIDELINES.md).

Events match gold when the type is one of the gold's types and the predicted evidence (else
trigger) overlaps the gold anchor or one of its other mentions; pairs are taken greedily,
required gold and larger overlaps first.  Arguments are scored on matched required events;
an event is strictly right when every scored argument and both participant lists are right.
Relations match on relation name and subject/object aliases; entities are "unified" when one
output entity covers every occurrence of the gold names.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

ISO3_RE = re.compile(r"^[A-Z]{3}$")


def _iso3_codes() -> frozenset[str]:
    try:
        import pycountry

        return frozenset(c.alpha_3 for c in pycountry.countries) | {"XKX"}
    except ImportError:  # pycountry is a build extra; fall back to the shape of a code
        return frozenset()


ISO3 = _iso3_codes()


def _is_iso3(alias: str) -> bool:
    return alias in ISO3 if ISO3 else bool(ISO3_RE.match(alias))


def norm_tokens(s: str) -> tuple[str, ...]:
    s = unicodedata.normalize("NFKD", s or "")
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    return tuple(re.sub(r"[^0-9a-z]+", " ", s).split())


def _contains(hay: tuple[str, ...], needle: tuple[str, ...]) -> bool:
    n = len(needle)
    return n > 0 and any(hay[i:i + n] == needle for i in range(len(hay) - n + 1))


def alias_matches(alias: str, descr: list[str], country: str | None) -> bool:
    """True when a gold alias names the participant described by ``descr``."""
    if _is_iso3(alias):
        return country == alias
    a = norm_tokens(alias)
    return any(_contains(norm_tokens(d), a) for d in descr if d)


def _find_all(text: str, needle: str) -> list[tuple[int, int]]:
    out, i = [], text.find(needle)
    while i >= 0:
        out.append((i, i + len(needle)))
        i = text.find(needle, i + 1)
    return out


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _span_of(ev: dict[str, Any]) -> tuple[int, int] | None:
    for key in ("evidence", "trigger"):
        sp = ev.get(key)
        if isinstance(sp, dict) and isinstance(sp.get("start"), int) and isinstance(sp.get("end"), int):
            return sp["start"], sp["end"]
    return None


def number_ok(gold: Any, pred: Any) -> bool:
    if isinstance(pred, dict):
        lo, hi = pred.get("min"), pred.get("max")
    elif isinstance(pred, int | float) and not isinstance(pred, bool):
        lo = hi = pred
    else:
        lo = hi = None
    if gold is None:
        return lo is None or (lo == 0 and hi == 0)
    if lo is None or hi is None:
        return False
    glo, ghi = (gold, gold) if isinstance(gold, int) else gold
    return bool(glo <= lo <= hi <= ghi)


def date_ok(gold: list[str], pred: Any) -> bool:
    if not isinstance(pred, dict) or not pred.get("start") or not pred.get("end"):
        return False
    try:
        ps, pe = dt.date.fromisoformat(pred["start"][:10]), dt.date.fromisoformat(pred["end"][:10])
    except ValueError:
        return False
    gs, ge = dt.date.fromisoformat(gold[0]), dt.date.fromisoformat(gold[1])
    day = dt.timedelta(days=1)
    return gs - day <= ps <= pe <= ge + day


def location_ok(gold: list[str], pred: Any) -> bool:
    if not isinstance(pred, dict):
        return False
    descr = [d for d in (pred.get("text"), pred.get("name"), pred.get("admin1")) if d]
    return any(alias_matches(a, descr, pred.get("country")) for a in gold)


def _describe(p: dict[str, Any], entities: dict[str, Any]) -> tuple[list[str], str | None]:
    descr = [p.get("text"), p.get("name")]
    ent = entities.get(p.get("entity"))  # type: ignore[arg-type]
    if ent:
        descr.append(ent.get("name"))
        descr += [m.get("text") for m in ent.get("mentions", [])]
    return [d for d in descr if d], p.get("country") or (ent or {}).get("country")


def _prf(tp: int, npred: int, ngold: int) -> dict[str, Any]:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "tp": tp, "pred": npred, "gold": ngold}


@dataclass
class Scores:
    """Running counts; ``summary()`` gives the figures."""

    docs: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    strict: int = 0
    offsets_bad: int = 0
    offsets_all: int = 0
    args: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    parts: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0, 0]))
    rel_tp: int = 0
    rel_pred: int = 0
    rel_gold: int = 0
    ent_total: int = 0
    ent_found: int = 0
    ent_unified: int = 0
    ent_country: int = 0
    misses: list[str] = field(default_factory=list)
    false_kinds: Counter[str] = field(default_factory=Counter)  # why each false event is false
    missed_kinds: Counter[str] = field(default_factory=Counter)  # what the system did where it missed one
    by_type: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0]))  # tp, fp, fn

    def breakdown(self) -> dict[str, Any]:
        """The errors by kind and the events by PLOVER type: what ``--breakdown`` adds to the scorer's figures.

        A false event is ``another telling`` (it falls on a gold act of its type that another event
        already matched: a merging miss), ``second type`` (on a gold act of another type that another
        event matched), ``wrong type`` (on a gold act of another type that nothing matched) or
        ``no act`` (on no gold act). A missed act had ``nothing there`` (no event on its words),
        ``another type`` there, or ``its type taken`` by another gold act of that type. Per type,
        a true event counts for its predicted type, a missed one for its first gold type.
        """
        def prf(tp: int, fp: int, fn: int) -> dict[str, Any]:
            f = _prf(tp, tp + fp, tp + fn)
            return {"p": f["p"], "r": f["r"], "f1": f["f1"], "tp": tp, "fp": fp, "fn": fn}

        return {"false": dict(self.false_kinds.most_common()), "missed": dict(self.missed_kinds.most_common()),
                "by_type": {t: prf(*c) for t, c in sorted(self.by_type.items(), key=lambda kv: -sum(kv[1]))}}

    def summary(self) -> dict[str, Any]:
        def pr(c: list[int]) -> dict[str, float]:
            p = c[0] / c[1] if c[1] else 0.0
            r = c[2] / c[3] if c[3] else 0.0
            return {"p": round(p, 4), "r": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}

        n = self.ent_total
        return {
            "docs": self.docs,
            "events": _prf(self.tp, self.tp + self.fp, self.tp + self.fn),
            "events_strict": _prf(self.strict, self.tp + self.fp, self.tp + self.fn),
            "arguments": {k: {"acc": round(c / m, 4) if m else None, "n": m} for k, (c, m) in sorted(self.args.items())},
            "participants": {k: pr(c) for k, c in sorted(self.parts.items())},
            "relations": _prf(self.rel_tp, self.rel_pred, self.rel_gold),
            "entities": {"n": n, "found": round(self.ent_found / n, 4) if n else None,
                         "unified": round(self.ent_unified / n, 4) if n else None,
                         "country": round(self.ent_country / n, 4) if n else None},
            "offset_errors": self.offsets_bad, "offsets_checked": self.offsets_all,
        }


def _check_offsets(s: Scores, text: str, res: dict[str, Any], entities: dict[str, Any]) -> None:
    for e in entities.values():
        for m in e.get("mentions", []):
            s.offsets_all += 1
            s.offsets_bad += text[m.get("start", 0):m.get("end", 0)] != m.get("text")
    for ev in res.get("events", []):
        if not isinstance(ev, dict):
            continue
        for key in ("evidence", "trigger"):
            sp = ev.get(key)
            if isinstance(sp, dict) and "start" in sp:
                s.offsets_all += 1
                s.offsets_bad += text[sp.get("start", 0):sp.get("end", 0)] != sp.get("text")


def _score_events(s: Scores, doc_id: str, text: str, golds: list[dict[str, Any]], events: list[dict[str, Any]],
                  entities: dict[str, Any]) -> None:
    gspans = []
    for g in golds:
        spans = [sp for a in [g["anchor"], *g.get("also", [])] for sp in _find_all(text, a)]
        if not spans:
            raise ValueError(f"gold anchor not in the text of {doc_id}: {g['anchor']!r}")
        gspans.append(spans)
    cands = []
    for pi, ev in enumerate(events):
        ps = _span_of(ev)
        if ps is None:
            continue
        for gi, g in enumerate(golds):
            if ev.get("type") in g["types"]:
                ov = max(_overlap(ps, sp) for sp in gspans[gi])
                if ov > 0:
                    cands.append((g.get("required", True), ov, pi, gi))
    cands.sort(reverse=True)
    used_p: set[int] = set()
    used_g: set[int] = set()
    for _req, _ov, pi, gi in cands:
        if pi in used_p or gi in used_g:
            continue
        used_p.add(pi)
        used_g.add(gi)
        g, ev = golds[gi], events[pi]
        if not g.get("required", True):
            continue
        s.tp += 1
        s.by_type[str(ev.get("type"))][0] += 1
        all_ok = True
        for fld in ("actors", "targets"):
            if fld not in g:
                continue
            descrs = [_describe(p, entities) for p in ev.get(fld) or [] if isinstance(p, dict)]
            okp = sum(any(any(alias_matches(a, d, c) for a in grp) for grp in g[fld]) for d, c in descrs)
            found = sum(any(any(alias_matches(a, d, c) for a in grp) for d, c in descrs) for grp in g[fld])
            cnt = s.parts[fld]
            cnt[0] += okp
            cnt[1] += len(descrs)
            cnt[2] += found
            cnt[3] += len(g[fld])
            if not (found == len(g[fld]) and okp == len(descrs)):
                all_ok = False
                s.misses.append(f"ROLE {doc_id} {fld}: gold={[grp[0] for grp in g[fld]]} "
                                f"pred={[d[0] for d, _ in descrs]} | {g['anchor'][:70]}")
        checks: dict[str, bool | None] = {
            "date": date_ok(g["date"], ev.get("date")) if g.get("date") else None,
            "location": location_ok(g["location"], ev.get("location")) if g.get("location") else None,
            "fatalities": number_ok(g["fatalities"], ev.get("fatalities")) if "fatalities" in g else None,
            "injuries": number_ok(g["injuries"], ev.get("injuries")) if "injuries" in g else None,
            "mode": (ev.get("mode") == g["mode"]) if g.get("mode") else None,
        }
        for fld, ok in checks.items():
            if ok is None:
                continue
            s.args[fld][0] += ok
            s.args[fld][1] += 1
            if fld != "mode":
                all_ok &= ok
            if not ok:
                s.misses.append(f"ARG {doc_id} {fld}: gold={g.get(fld)!r} pred={ev.get(fld)!r} | {g['anchor'][:70]}")
        s.strict += all_ok
    pspans = [_span_of(ev) for ev in events]

    def on(gi: int, ps: tuple[int, int] | None) -> bool:
        return ps is not None and any(_overlap(ps, sp) > 0 for sp in gspans[gi])

    for pi, ev in enumerate(events):
        if pi not in used_p:
            s.fp += 1
            s.by_type[str(ev.get("type"))][1] += 1
            under = [gi for gi in range(len(golds)) if on(gi, pspans[pi])]
            kind = ("another telling" if any(ev.get("type") in golds[gi]["types"] for gi in under)
                    else "second type" if any(gi in used_g for gi in under)
                    else "wrong type" if under else "no act")
            s.false_kinds[kind] += 1
            sp = ev.get("evidence") or {}
            s.misses.append(f"FP  {doc_id} {ev.get('type')} [{kind}]: {str(sp.get('text', ''))[:100]!r}")
    for gi, g in enumerate(golds):
        if gi not in used_g and g.get("required", True):
            s.fn += 1
            s.by_type[g["types"][0]][2] += 1
            there = [ev.get("type") for pi, ev in enumerate(events) if on(gi, pspans[pi])]
            kind = ("its type taken" if any(t in g["types"] for t in there)
                    else "another type" if there else "nothing there")
            s.missed_kinds[kind] += 1
            s.misses.append(f"FN  {doc_id} {'/'.join(g['types'])} [{kind}]: {g['anchor'][:100]!r}")


def _score_relations(s: Scores, doc_id: str, grels: list[dict[str, Any]], res: dict[str, Any],
                     entities: dict[str, Any]) -> None:
    def names_of(eid: Any) -> tuple[list[str], str | None]:
        e = entities.get(eid) or {}
        return [d for d in [e.get("name")] + [m.get("text") for m in e.get("mentions", [])] if d], e.get("country")

    prels = [r for r in res.get("relations", []) if isinstance(r, dict)]
    matched: set[int] = set()
    tp = 0
    for g in grels:
        hit = None
        for pi, r in enumerate(prels):
            if r.get("relation") != g["relation"] or pi in matched:
                continue
            sd, sc = names_of(r.get("subject"))
            od, oc = names_of(r.get("object"))
            if any(alias_matches(a, sd, sc) for a in g["subject"]) and any(alias_matches(a, od, oc) for a in g["object"]):
                hit = pi
                break
        required = g.get("required", True)
        if hit is not None:
            matched.add(hit)
            tp += required
        elif required:
            s.misses.append(f"RFN {doc_id} {g['subject'][0]} {g['relation']} {g['object'][0]}")
        s.rel_gold += required
    s.rel_tp += tp
    s.rel_pred += len(prels) - max(0, len(matched) - tp)


def _score_entities(s: Scores, doc_id: str, text: str, gents: list[dict[str, Any]], entities: dict[str, Any]) -> None:
    for g in gents:
        occ = [sp for n in g["names"] for sp in _find_all(text, n)
               if not (sp[0] > 0 and text[sp[0] - 1].isalnum()) and not (sp[1] < len(text) and text[sp[1]].isalnum())]
        if not occ:
            continue
        s.ent_total += 1

        def covers(e: dict[str, Any], sp: tuple[int, int]) -> bool:
            return any(_overlap(sp, (m.get("start", -1), m.get("end", -1))) > 0 for m in e.get("mentions", []))

        covering = [e for e in entities.values() if any(covers(e, sp) for sp in occ)]
        s.ent_found += bool(covering)
        best = [e for e in covering if all(covers(e, sp) for sp in occ)]
        if best:
            s.ent_unified += 1
            s.ent_country += any(e.get("country") == g.get("country") for e in best)
        else:
            s.misses.append(f"ENT {doc_id} not unified: {g['names'][0]} ({len(covering)} entities cover it)")


def score(docs: dict[str, str], gold: list[dict[str, Any]], preds: dict[str, dict[str, Any]]) -> Scores:
    """Score ``preds`` (doc_id → result) against ``gold`` on ``docs`` (doc_id → text)."""
    by_doc: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for g in gold:
        by_doc[g["doc_id"]][g["kind"]].append(g)
    s = Scores()
    for doc_id, text in docs.items():
        s.docs += 1
        res = preds.get(doc_id, {})
        entities = {str(e.get("id")): e for e in res.get("entities", []) if isinstance(e, dict)}
        events = [e for e in res.get("events", []) if isinstance(e, dict)]
        _check_offsets(s, text, res, entities)
        _score_events(s, doc_id, text, by_doc[doc_id]["event"], events, entities)
        _score_relations(s, doc_id, by_doc[doc_id]["relation"], res, entities)
        _score_entities(s, doc_id, text, by_doc[doc_id]["entity"], entities)
    return s


NOT_SCORED = "not scored"
PARTICIPANTS = ("actors", "targets")
ARGUMENTS = ("date", "fatalities", "injuries", "location", "mode")


def format_summary(out: dict[str, Any], n_results: int) -> str:
    """The scorer's printed summary, line for line, except that a layer the gold lacks says "not scored".

    A gold file without events, relations, entities or some argument gives no figure for that layer
    (the JSON keeps the scorer's 0.0 or null); printing 0.000 or None would read as a result.
    """
    e, st = out["events"], out["events_strict"]
    lines = [f"documents {out['docs']}  results {n_results}  offset errors {out['offset_errors']}/{out['offsets_checked']}"]
    if e["gold"]:
        lines += [
            f"events         P {e['p']:.3f}  R {e['r']:.3f}  F1 {e['f1']:.3f}  (tp {e['tp']}, pred {e['pred']}, gold {e['gold']})",
            f"events strict  P {st['p']:.3f}  R {st['r']:.3f}  F1 {st['f1']:.3f}  (type and every scored argument right)",
        ]
    else:
        lines += [f"events         {NOT_SCORED}: the gold has no required events (pred {e['pred']})",
                  f"events strict  {NOT_SCORED}"]
    for k in sorted({*PARTICIPANTS, *out["participants"]}):
        v = out["participants"].get(k)
        lines.append(f"{k:<14} P {v['p']:.3f}  R {v['r']:.3f}" if v else
                     f"{k:<14} {NOT_SCORED}: no matched gold event lists {k}")
    for k in sorted({*ARGUMENTS, *out["arguments"]}):
        v = out["arguments"].get(k)
        lines.append(f"{k:<14} accuracy {v['acc']}  (n {v['n']})" if v and v["acc"] is not None else
                     f"{k:<14} {NOT_SCORED}: no matched gold event gives the {k}")
    r = out["relations"]
    if r["gold"]:
        lines.append(f"relations      P {r['p']:.3f}  R {r['r']:.3f}  F1 {r['f1']:.3f}")
    else:
        lines.append(f"relations      {NOT_SCORED}: the gold has no required relations (pred {r['pred']})")
    en = out["entities"]
    if en["n"]:
        lines.append(f"entities       found {en['found']}  unified {en['unified']}  country {en['country']}  (n {en['n']})")
    else:
        lines.append(f"entities       {NOT_SCORED}: the gold names no entity that occurs in these documents")
    return "\n".join(lines)


def format_breakdown(b: dict[str, Any]) -> str:
    """``Scores.breakdown()`` as printed lines: the false and missed events by kind, then a table by type."""
    def kinds(counts: dict[str, int]) -> str:
        return ", ".join(f"{k} {n}" for k, n in counts.items()) or "none"

    lines = [f"false events by kind: {kinds(b['false'])}", f"missed events by kind: {kinds(b['missed'])}",
             f"{'type':<10} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}"]
    for t, v in b["by_type"].items():
        lines.append(f"{t:<10} {v['p']:6.3f} {v['r']:6.3f} {v['f1']:6.3f} {v['tp']:5d} {v['fp']:5d} {v['fn']:5d}")
    return "\n".join(lines)
