"""Token features for the trigger model: the word, its affixes and context, and the rules' view of it.

Each token of a sentence gets a list of feature strings. The cue lexicon and the act filters
contribute features (``cue=ASSAULT``, ``real=0``, ``retype=THREATEN``) so that the model learns
how far to trust them; words, rough stems and context let it find predicates the lexicon lacks.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from peristiwa.doc_index import SentenceInfo
from peristiwa.events.act_filters import QUOTES, is_heading
from peristiwa.events.candidates import RuleHit
from peristiwa.events.word_classes import WordClasses
from peristiwa.lang.id import event_cues as ec
from peristiwa.lang.id.morphology import derive, rough_stem

_NEGATORS = frozenset(ec.NEGATORS)
_IRREALIS = frozenset(ec.IRREALIS)
_SPEECH = frozenset(ec.SPEECH_VERBS) | ec.REPORT_VERBS
_CONDITIONALS = frozenset(ec.CONDITIONALS)


@lru_cache(maxsize=1)
def lexicon_roots() -> dict[str, str]:
    """Every derived form of a lexicon root → the root (``diserang`` → ``serang``)."""
    out: dict[str, str] = {}
    for root, _etype, _mode, _forms in ec.ROOT_CUES:
        for forms in derive(root).values():
            for w in forms:
                out.setdefault(w, root)
    return out


def _word(toks: Sequence, k: int) -> str:
    if k < 0:
        return "<s>"
    if k >= len(toks):
        return "</s>"
    t = toks[k]
    return "<num>" if t.text[:1].isdigit() else t.low


@lru_cache(maxsize=1 << 14)
def _word_features(w: str) -> tuple[str, ...]:
    """The features of a word that depend on the word alone: itself, its rough stem, its affixes."""
    return ("w=" + w, "s=" + rough_stem(w), "p2=" + w[:2], "p3=" + w[:3], "x2=" + w[-2:], "x3=" + w[-3:])


def sentence_features(sent: SentenceInfo, rules: Sequence[RuleHit],
                      classes: WordClasses | None = None) -> list[list[str]]:
    """One list of feature strings per token of ``sent`` (punctuation gets an empty list)."""
    toks = sent.toks
    n = len(toks)
    roots = lexicon_roots()
    covering: list[tuple[RuleHit, int] | None] = [None] * n
    for r in rules:
        for k in range(r.hit.first, min(r.hit.last + 1, n)):
            if covering[k] is None:
                covering[k] = (r, k - r.hit.first)
    heading = is_heading(sent)
    speech = any(t.low in _SPEECH for t in toks)
    conditional = any(t.low in _CONDITIONALS for t in toks)
    lows = [_word(toks, k) for k in range(n)]
    stems = [rough_stem(w) for w in lows]
    wc = classes.of(lows) if classes is not None else [None] * n
    quoted, opened = [False] * n, False  # inside double quotes, counted from the sentence start
    for k, tk in enumerate(toks):
        quoted[k] = opened
        opened ^= tk.text in QUOTES
    # the words two before and after, padded: padded[i + 2] is token i
    padded = ["<s>", "<s>", *lows, "</s>", "</s>"]
    marked = [w in _NEGATORS or w in _IRREALIS for w in lows]  # a negator or a mood word
    sentence_wide = [x for x, on in (("heading", heading), ("speech", speech), ("cond", conditional)) if on]
    out: list[list[str]] = []
    for i, tok in enumerate(toks):
        if not tok.is_word:
            out.append([])
            continue
        w = lows[i]
        prev = padded[i + 1]
        nxt = padded[i + 3]
        f = ["bias", *_word_features(w),
             "w-1=" + prev, "w+1=" + nxt, "w-2=" + padded[i], "w+2=" + padded[i + 4],
             "s-1=" + (stems[i - 1] if i > 0 else "<s>"), "s+1=" + (stems[i + 1] if i + 1 < n else "</s>"),
             "b-=" + prev + "|" + w, "b+=" + w + "|" + nxt, "sb+=" + stems[i] + "|" + nxt]
        here = wc[i]
        if here is not None:
            f += ["c1=" + str(here[0]), "c2=" + str(here[1])]
            before = wc[i - 1] if i > 0 else None
            after = wc[i + 1] if i + 1 < n else None
            f += ["c1-1=" + (str(before[0]) if before else "<s>"), "c1+1=" + (str(after[0]) if after else "</s>")]
        root = roots.get(w)
        if root:
            f.append("r=" + root)
        if tok.is_cap and i > 0:
            f.append("cap")
        if i == 0:
            f.append("first")
        if any(marked[max(0, i - 3):i]):
            back = {lows[k] for k in range(max(0, i - 3), i)}
            if back & _NEGATORS:
                f.append("neg")
            irr = back & _IRREALIS
            for x in irr:
                f.append("irr=" + x)
        if prev == "yang":
            f.append("yang")
        if quoted[i]:
            f.append("quote")
        f += sentence_wide
        cov = covering[i]
        if cov is None:
            f.append("cue=none")
        else:
            r, pos = cov
            t = r.hit.cue.type
            real = "1" if r.real else "0"
            f += ["cue=" + t, "cuev=" + r.hit.cue.voice, "cuepos=" + ("B" if pos == 0 else "I"),
                  "real=" + real, "cue|real=" + t + "|" + real, "cue|w=" + t + "|" + w]
            if r.retype:
                f.append("retype=" + r.retype)
            if r.hit.light:
                f.append("light=" + r.hit.light)
            if r.hit.cue.mode:
                f.append("cuemode=" + r.hit.cue.mode)
        out.append(f)
    return out
