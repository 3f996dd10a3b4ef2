"""Indonesian word lists live in ``peristiwa/lang/id/``, each once; the stages import them.

A literal set, tuple, list or dict of strings anywhere else in the package, of which two or more
are Indonesian words, is a word list out of place. "Indonesian words" are the words of the
strings ``lang/id`` holds, less the English codes those tables also carry (modes, voices,
precisions, event types).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import get_args

from peristiwa.lang.id import event_cues as ec
from peristiwa.types import EVENT_TYPES, DatePrecision, PlacePrecision, Voice

PACKAGE = Path(__file__).resolve().parents[1] / "peristiwa"
LANG = PACKAGE / "lang"

# Codes, not words: the values the lexicon's rows map words to.
CODES = (
    {v for v in (*get_args(Voice), *get_args(DatePrecision), *get_args(PlacePrecision))}
    | {t.lower() for t in EVENT_TYPES}
    | {mode for rows in ec.MODE_WORDS.values() for _word, mode in rows}
    | set(ec.DEFAULT_MODES.values())
    | {"hour", "minute", "second", "id", "en", "ms", "target", "protesters", "rioters"}
)


def _listed(tree: ast.AST) -> Iterator[str]:
    """The strings inside collection literals (not docstrings or messages)."""
    for node in ast.walk(tree):
        if isinstance(node, (ast.Set, ast.List, ast.Tuple, ast.Dict)):
            items = [*node.keys, *node.values] if isinstance(node, ast.Dict) else node.elts
            yield from (e.value for e in items if isinstance(e, ast.Constant) and isinstance(e.value, str))


@cache
def indonesian_words() -> frozenset[str]:
    words: set[str] = set()
    for path in LANG.rglob("*.py"):
        for s in _listed(ast.parse(path.read_text(encoding="utf-8"))):
            words.update(w for w in s.split() if w.isalpha() and w.islower() and len(w) > 1)
    return frozenset(words - CODES)


def word_lists(path: Path, vocab: frozenset[str]) -> Iterator[tuple[int, list[str]]]:
    """Literal collections in ``path`` of which two or more items (and at least half) are Indonesian words."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, (ast.Set, ast.List, ast.Tuple)):
            items = list(node.elts)
        elif isinstance(node, ast.Dict):
            items = [k for k in node.keys if k is not None]
        else:
            continue
        strs = [e.value for e in items if isinstance(e, ast.Constant) and isinstance(e.value, str)]
        words = [s for s in strs if s.split() and all(w in vocab for w in s.split())]
        if len(words) >= 2 and 2 * len(words) >= len(items):
            yield node.lineno, strs


def test_the_vocabulary_is_indonesian() -> None:
    vocab = indonesian_words()
    assert {"dan", "yang", "oleh", "terhadap", "menewaskan", "polisi"} <= vocab
    assert not {"active", "passive", "day", "country", "firearms", "assault"} & vocab


def test_the_detector_finds_a_word_list() -> None:
    sample = PACKAGE.parent / "tests" / "data" / "word_list_sample.py"
    found = list(word_lists(sample, indonesian_words()))
    assert [strs for _line, strs in found] == [["oleh", "dari", "kepada"]]


def test_no_word_list_outside_lang() -> None:
    vocab = indonesian_words()
    found = [f"{path.relative_to(PACKAGE.parent)}:{line}: {strs[:6]}"
             for path in sorted(PACKAGE.rglob("*.py"))
             if LANG not in path.parents and "models" not in path.parts
             for line, strs in word_lists(path, vocab)]
    assert not found, "word lists outside peristiwa/lang/id:\n" + "\n".join(found)


def test_each_word_list_is_defined_once() -> None:
    """No two word lists of ``lang/id`` hold the same words (dicts map words to codes: they may share keys)."""
    import importlib
    import pkgutil

    import peristiwa.lang.id as lang_id

    owners: dict[frozenset[str], list[str]] = {}
    for info in pkgutil.iter_modules(lang_id.__path__):
        module = importlib.import_module(f"{lang_id.__name__}.{info.name}")
        for name, value in vars(module).items():
            if name.isupper() and isinstance(value, (frozenset, set, tuple, list)) and len(value) >= 2 \
                    and all(isinstance(v, str) for v in value):
                owners.setdefault(frozenset(value), []).append(f"{info.name}.{name}")
    twice = [names for names in owners.values() if len(names) > 1]
    assert not twice, f"the same words under two names: {twice}"
