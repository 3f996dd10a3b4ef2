"""A spaCy tokenizer for Indonesian news, registered as ``peristiwa.id_tokenizer.v1``.

It starts from spaCy's Indonesian rules and changes what news text needs:

* names joined by a hyphen after an Arabic article stay whole (``al-Muhandis``, ``Al-Quds``),
  as do ``pro-``/``anti-``/``non-`` compounds and reduplications (``anak-anak``), as in UD;
  two capitalised words joined by a hyphen are split (``Israel-Iran``) so each can be an entity;
* dates and fractions with slashes stay one token (``18/6/2025``), and so do ordinals
  (``ke-3``) and ``COVID-19``;
* ``Rp1,2`` splits into ``Rp`` + ``1,2`` (spaCy's currency prefix);
* the clitic ``-nya`` is split off (``serangannya`` → ``serangan`` + ``nya``) and a closed set
  of ``-kah``/``-lah``/``-pun``/``-ku``/``-mu`` words likewise, matching the UD treebanks.

The rules are plain regexes and special cases, so a saved pipeline serialises them; the
registered factory only has to exist (``import peristiwa.nlp``) when the pipeline loads.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import spacy
from spacy.lang.char_classes import (
    ALPHA,
    ALPHA_LOWER,
    ALPHA_UPPER,
    CONCAT_QUOTES,
    HYPHENS,
    LIST_ELLIPSES,
    LIST_ICONS,
)
from spacy.lang.id import Indonesian
from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

from peristiwa.lang.id.tokenizer_rules import (
    ABBREVIATIONS_WITH_PERIOD,
    CLITIC_SPLITS,
    HYPHEN_BOUND_PREFIXES,
    NYA_WHOLE_WORDS,
)

TOKENIZER_NAME = "peristiwa.id_tokenizer.v1"


def _variants(word: str) -> set[str]:
    return {word, word.lower(), word[:1].upper() + word[1:], word.upper(), word.title()}


def _hyphen_infix() -> str:
    # Python's re needs fixed-width lookbehinds: one negative lookbehind per bound prefix.  They
    # come after the hyphen is matched (and so include it), so that they run only at hyphens,
    # not at every letter: the same matches, several times faster.
    guards = "".join(
        f"(?<!^{re.escape(v)}-)(?<![^{ALPHA}]{re.escape(v)}-)"
        for p in HYPHEN_BOUND_PREFIXES
        for v in sorted({p, p.title()})  # "AS-Iran" (upper case) still splits
    )
    return rf"-(?<=[{ALPHA}]{{2}}-){guards}(?=[{ALPHA_UPPER}][{ALPHA_LOWER}])"


def _infixes() -> list[str]:
    hyphens_no_minus = "|".join(h for h in HYPHENS.split("|") if h not in ("-", "--", "---"))
    return [
        *LIST_ELLIPSES,
        *LIST_ICONS,
        r"(?<=[0-9])[+\*^](?=[0-9-])",
        rf"(?<=[{ALPHA_LOWER}{CONCAT_QUOTES}])\.(?=[{ALPHA_UPPER}{CONCAT_QUOTES}])",
        rf"(?<=[{ALPHA}]),(?=[{ALPHA}])",
        # en/em dashes and double hyphens separate words; a single "-" is handled below
        rf"(?<=[{ALPHA}0-9])(?:{hyphens_no_minus}|--+)(?=[{ALPHA}0-9])",
        rf"(?<=[{ALPHA}0-9])[:<>=](?=[{ALPHA}])",
        rf"(?<=[{ALPHA}0-9])-(?=-)",
        _hyphen_infix(),
        r"(?<=[0-9])%(?=[" + ALPHA + r"0-9/])",
        r'(?<=[0-9)][.,])"(?=[0-9])',
        rf'(?<=[{ALPHA})][.,\'])["—](?=[{ALPHA}])',
    ]


def _suffixes() -> list[str]:
    base = list(Indonesian.Defaults.suffixes or [])
    # the enclitic after a stem of at least three lowercase letters (hanya, punya, Kenya stay)
    return [*base, rf"(?<=[{ALPHA_LOWER}]{{3}})nya"]


# spaCy's Indonesian exceptions list ~8k hyphenated words that these rules keep whole anyway;
# skipping them halves the time to build the tokenizer (and so to load the pipeline).
_REDUNDANT = re.compile(r"[a-z]+(?:-[a-z]+)*|[A-Z]+(?:-[A-Z]+)*|[A-Z][a-z]+")
_CLITIC_END = re.compile(r"(?:nya|-[kKmM]u)$")


def _special_cases(base: dict[str, list[dict[int, str]]]) -> dict[str, list[dict[int, str]]]:
    rules = {
        k: v
        for k, v in base.items()
        if not (len(v) == 1 and v[0] == {ORTH: k} and _REDUNDANT.fullmatch(k) and not _CLITIC_END.search(k))
    }
    for word in NYA_WHOLE_WORDS:
        for v in _variants(word):
            rules[v] = [{ORTH: v}]
    for word, stem, _clitic in CLITIC_SPLITS:
        for v in _variants(word):
            rules[v] = [{ORTH: v[: len(stem)]}, {ORTH: v[len(stem):]}]
    for abbr in ABBREVIATIONS_WITH_PERIOD:
        rules[abbr] = [{ORTH: abbr}]
    return rules


def build_tokenizer(nlp: Language) -> Tokenizer:
    """Return the news tokenizer for ``nlp``'s vocab."""
    defaults = Indonesian.Defaults
    rules = _special_cases(dict(defaults.tokenizer_exceptions or {}))
    prefixes = list(defaults.prefixes or [])
    return Tokenizer(
        nlp.vocab,
        rules=rules,
        prefix_search=compile_prefix_regex(prefixes).search,
        suffix_search=compile_suffix_regex(_suffixes()).search,
        infix_finditer=compile_infix_regex(_infixes()).finditer,
        token_match=defaults.token_match,
        url_match=defaults.url_match,
    )


@spacy.registry.tokenizers(TOKENIZER_NAME)
def create_tokenizer() -> Callable[[Language], Tokenizer]:
    """Return the factory spaCy calls with the pipeline to build the tokenizer."""
    return build_tokenizer


def blank_nlp() -> Language:
    """Return a blank Indonesian pipeline that uses the news tokenizer."""
    return spacy.blank("id", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER_NAME}}})
