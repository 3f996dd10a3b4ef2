"""Indonesian verb and noun derivation: the forms a root takes in news text.

``derive("serang")`` gives ``menyerang``, ``menyerangkan``?, ``diserang``, ``serangan``,
``penyerangan`` … grouped by voice, so cue lexicons can list roots instead of every form.
"""

from __future__ import annotations

from functools import lru_cache

VOWELS = "aeiou"


def me_prefix(root: str) -> str:
    """Return the active ``meN-`` form of ``root`` (``tembak`` → ``menembak``)."""
    if len(root) <= 3 or root.count("a") + root.count("e") + root.count("i") + root.count("o") \
            + root.count("u") == 1:
        return "menge" + root  # monosyllables: bom → mengebom, cat → mengecat
    first = root[0]
    if root.startswith("per"):
        return "mem" + root  # per- stems keep their p: peringatkan → memperingatkan
    if root.startswith(("ng", "ny")) or first in "lmnrwy":
        return "me" + root
    if first in VOWELS or first in "gh":
        return "meng" + root
    if first == "k":
        # loanword clusters keep the k: klaim → mengklaim, kritik → mengkritik
        return "meng" + (root if root[1] not in VOWELS else root[1:])
    if first in "bfv":
        return "mem" + root
    if first == "p":
        return "mem" + (root if root[1] not in VOWELS else root[1:])
    if first in "dcjz":
        return "men" + root
    if first == "t":
        return "men" + (root if root[1] not in VOWELS else root[1:])
    if first == "s":
        return ("meny" + root[1:]) if root[1] in VOWELS and not root.startswith("sy") else "men" + root
    return "me" + root


def pe_prefix(root: str) -> str:
    """Return the ``peN-`` nominal stem (``serang`` → ``penyerang``)."""
    return "pe" + me_prefix(root)[2:]


def derive(root: str, *, suffixes: tuple[str, ...] = ("", "kan", "i")) -> dict[str, set[str]]:
    """Return the forms of ``root`` by role: active, passive, noun, agent, accidental (``ter-``)."""
    active = {me_prefix(root) + s for s in suffixes}
    passive = {"di" + root + s for s in suffixes}
    noun = {root + "an", pe_prefix(root) + "an"}
    return {
        "active": active,
        "passive": passive,
        "noun": noun,
        "agent": {pe_prefix(root)},
        "accidental": {"ter" + root},
        "bare": {root + s for s in suffixes},
    }


# Affixes peeled off, longest first, to give a word's rough stem as a feature ("penangkapan" →
# "angkap", "ditangkap" → "tangkap"): a coarse key that groups the voices of one root.
STEM_PREFIXES: tuple[str, ...] = (
    "memper", "diper", "menge", "penge", "meny", "peny", "meng", "peng", "mem", "men", "pem", "pen",
    "ber", "ter", "per", "me", "pe", "di", "ke",
)
STEM_PARTICLES: tuple[str, ...] = ("nya", "lah", "pun")
STEM_SUFFIXES: tuple[str, ...] = ("kan", "an", "i")

# "me-" and its nasal forms: a long lower-case word starting so governs the chunk after it ("menolak Iran").
ME_PREFIXES: tuple[str, ...] = ("me", "mem", "men", "meng")
# The nasal "meN-" forms: a long word with one before a noun act takes it as object ("memantau serangan").
NASAL_ME_PREFIXES: tuple[str, ...] = ("mem", "men", "meng", "meny")
# Active or passive verb prefixes: such a word between a participant and its trigger is a role-model feature.
ACTIVE_PASSIVE_PREFIXES: tuple[str, ...] = ("me", "di")
# "pe-"/"per-" with "-an" make a noun of what is done ("penyerangan"): the voice of an unknown predicate.
PE_PREFIXES: tuple[str, ...] = ("pe", "per")


@lru_cache(maxsize=65536)
def rough_stem(word: str) -> str:
    """Peel a particle, a suffix and a prefix off ``word``, each only while four letters or more are left."""
    w = word
    for group in (STEM_PARTICLES, STEM_SUFFIXES):
        for suf in group:
            if w.endswith(suf) and len(w) - len(suf) >= 4:
                w = w[: -len(suf)]
                break
    for pre in STEM_PREFIXES:
        if w.startswith(pre) and len(w) - len(pre) >= 4:
            return w[len(pre):]
    return w
