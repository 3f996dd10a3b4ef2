"""Crosswalks from PLOVER events to other codings: CAMEO, and ACLED's event types, actors and regions.

The tables are data, in ``peristiwa/data/crosswalk/`` (each file's header says where its
values come from); this module reads them once and answers questions about one event or one
participant:

- :func:`cameo` - the CAMEO code, root, Goldstein score and QuadClass of a PLOVER type and mode;
- :func:`acled_type` - ACLED's disorder type, event type and sub-event type;
- :func:`classify` - a participant as ACLED names it ("warga" -> "Civilians (Indonesia)",
  "polisi" -> "Police Forces of Indonesia"), with its sector and ACLED inter code;
- :func:`acled_region` - a country's ISO numeric code and ACLED region.

``python -m peristiwa.output.crosswalk`` prints the tables as Markdown (what ``docs/EXPORTS.md`` shows).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from peristiwa.kb import normalize
from peristiwa.lang.id.generic_actors import GENERIC_ACTORS, SKIP_WORDS
from peristiwa.places.gazetteer import Gazetteer

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "crosswalk"

# ACLED inter codes of armed, organised actors: a target among them makes an attack a battle.
ARMED_INTERS = frozenset({1, 2, 3, 4, 8})
CROWDS = frozenset({"protesters", "rioters"})
QUAD_CLASSES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


def read_tsv(name: str) -> list[dict[str, str]]:
    """Return the rows of a crosswalk table (``#`` lines are comments; the first other line is the header)."""
    lines = [line for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    header = lines[0].split("\t")
    rows = []
    for n, line in enumerate(lines[1:], start=2):
        cells = line.split("\t")
        if len(cells) != len(header):
            raise ValueError(f"{name}: row {n} has {len(cells)} cells, the header {len(header)}")
        rows.append(dict(zip(header, cells, strict=True)))
    return rows


# ---------------------------------------------------------------------------- CAMEO


@dataclass(frozen=True, slots=True)
class Cameo:
    """The CAMEO coding of a PLOVER type (and mode): code, root (01-20), Goldstein score, QuadClass."""

    type: str
    mode: str | None
    code: str
    name: str
    goldstein: float
    quad_class: int
    plover_score: float

    @property
    def root(self) -> str:
        """The CAMEO root code (cue category), two digits: ``"18"``, ``"03"``."""
        return self.code[:2]

    def fields(self) -> dict[str, Any]:
        """The three values every exported event carries."""
        return {"cameo_root": self.root, "goldstein": self.goldstein, "quad_class": self.quad_class}


@lru_cache(maxsize=1)
def cameo_table() -> dict[tuple[str, str | None], Cameo]:
    """Return the CAMEO crosswalk, keyed by (PLOVER type, mode or None)."""
    out: dict[tuple[str, str | None], Cameo] = {}
    for row in read_tsv("cameo.tsv"):
        key = (row["type"], row["mode"] or None)
        if key in out:
            raise ValueError(f"cameo.tsv: {key} is listed twice")
        out[key] = Cameo(type=row["type"], mode=row["mode"] or None, code=row["cameo_code"],
                         name=row["cameo_name"], goldstein=float(row["goldstein"]),
                         quad_class=int(row["quad_class"]), plover_score=float(row["plover_score"]))
    return out


def cameo(type_: str, mode: str | None = None) -> Cameo | None:
    """Return the CAMEO coding of a PLOVER type and mode (the type's own when the mode is not listed)."""
    table = cameo_table()
    return table.get((type_, mode)) or table.get((type_, None))


NO_CAMEO: dict[str, Any] = {"cameo_root": None, "goldstein": None, "quad_class": None}


def cameo_fields(type_: str, mode: str | None = None) -> dict[str, Any]:
    """Return ``cameo_root``, ``goldstein`` and ``quad_class`` for an event (None each for an unknown type)."""
    found = cameo(type_, mode)
    return found.fields() if found else dict(NO_CAMEO)


# ---------------------------------------------------------------------------- ACLED event types


@dataclass(frozen=True, slots=True)
class AcledType:
    """One row of the PLOVER -> ACLED table."""

    type: str
    mode: str | None
    when: str | None
    disorder_type: str
    event_type: str
    sub_event_type: str


@lru_cache(maxsize=1)
def acled_rules() -> tuple[AcledType, ...]:
    """Return the PLOVER -> ACLED rows, in the order they are tried."""
    rules = tuple(AcledType(type=r["type"], mode=r["mode"] or None, when=r["when"] or None,
                            disorder_type=r["disorder_type"], event_type=r["event_type"],
                            sub_event_type=r["sub_event_type"]) for r in read_tsv("acled_types.tsv"))
    unknown = {r.when for r in rules} - {None, "crowd actor", "armed target"}
    if unknown:
        raise ValueError(f"acled_types.tsv: unknown conditions {sorted(str(u) for u in unknown)}")
    return rules


def acled_type(type_: str, mode: str | None, *, crowd_actor: bool = False, armed_target: bool = False) -> AcledType:
    """Return the first row of the PLOVER -> ACLED table that fits the event."""
    holds = {None: True, "crowd actor": crowd_actor, "armed target": armed_target}
    for rule in acled_rules():
        if rule.type in (type_, "*") and rule.mode in (None, mode) and holds[rule.when]:
            return rule
    raise ValueError("acled_types.tsv has no catch-all row")  # the table's last row is `*`


# ---------------------------------------------------------------------------- countries


@lru_cache(maxsize=512)
def country_name(iso3: str) -> str:
    """Return the English name of a country from the gazetteer (the code itself when unknown)."""

    place = Gazetteer.default().country(iso3)
    return place.name if place else iso3


@lru_cache(maxsize=1)
def _regions() -> dict[str, tuple[int | None, str]]:
    return {r["iso3"]: (int(r["iso"]) if r["iso"] else None, r["region"]) for r in read_tsv("acled_regions.tsv")}


def acled_region(iso3: str | None) -> tuple[int | None, str | None]:
    """Return ACLED's ``iso`` (ISO 3166-1 numeric) and ``region`` for an ISO3 code (None, None if unknown)."""
    if not iso3:
        return None, None
    found = _regions().get(iso3.upper())
    return found if found else (None, None)


# ---------------------------------------------------------------------------- actor categories


@dataclass(frozen=True, slots=True)
class Category:
    """A standard actor category: ACLED's name for it, its sector and ACLED inter code."""

    id: str
    acled_name: str
    sector: str
    inter: int
    parent: str | None

    def name(self, country: str | None) -> str:
        """ACLED's actor name for this category in a country (English name), or without one."""
        if country:
            return self.acled_name.replace("{country}", country)
        return re.sub(r"\s*(?:\(\{country\}\)|of \{country\})", "", self.acled_name).strip()


@lru_cache(maxsize=1)
def categories() -> dict[str, Category]:
    """Return the actor categories by id."""
    out = {r["category"]: Category(id=r["category"], acled_name=r["acled_name"], sector=r["sector"],
                                   inter=int(r["inter"]), parent=r["parent"] or None)
           for r in read_tsv("actor_categories.tsv")}
    bad = [c.id for c in out.values() if c.parent is not None and c.parent not in out]
    if bad:
        raise ValueError(f"actor_categories.tsv: unknown parent of {bad}")
    return out


@lru_cache(maxsize=1)
def sector_inters() -> dict[str, tuple[int, str | None]]:
    """Return, per sector code, ACLED's inter code and the state category that names the actor (or None)."""
    return {r["sector"]: (int(r["inter"]), r["category"] or None) for r in read_tsv("sector_inter.tsv")}


@lru_cache(maxsize=1)
def _phrases() -> tuple[dict[str, str], frozenset[str], int]:

    phrases = {" ".join(k.lower().split()): v for k, v in GENERIC_ACTORS.items()}
    unknown = set(phrases.values()) - set(categories())
    if unknown:
        raise ValueError(f"generic_actors.py: unknown categories {sorted(unknown)}")
    return phrases, SKIP_WORDS, max(len(k.split()) for k in phrases)


@lru_cache(maxsize=4096)
def generic_category(words: str | None) -> Category | None:
    """Return the category a participant's words name ("sejumlah warga" -> civilians), or None."""
    if not words:
        return None
    phrases, skip, longest = _phrases()
    tokens = re.sub(r"[^\w\s-]", " ", words.lower()).split()
    while tokens:
        for n in range(min(longest, len(tokens)), 0, -1):
            found = phrases.get(" ".join(tokens[:n]))
            if found:
                return categories()[found]
        if tokens[0] in skip or tokens[0].isdigit():
            tokens = tokens[1:]
            continue
        return None
    return None


@dataclass(frozen=True, slots=True)
class ActorCode:
    """A participant as ACLED names it: actor name, an associated actor, inter code, sector, category."""

    name: str
    assoc: str | None
    inter: int | None
    sector: str | None
    category: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "assoc": self.assoc, "inter": self.inter, "sector": self.sector,
                "category": self.category}


class Party(Protocol):
    """What :func:`classify` reads of a participant (``peristiwa.store.records.StoredParty``)."""

    @property
    def name(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def country(self) -> str | None: ...
    @property
    def key(self) -> str | None: ...
    @property
    def type(self) -> str | None: ...
    @property
    def sector(self) -> str | None: ...


def classify(part: Party, *, country: str | None = None, violent: bool = False) -> ActorCode:
    """Return how ACLED names a participant (its words, country, actor key, entity type and sector).

    Generic words ("warga", "orang tak dikenal", "polisi"; in the text as written, else in the
    name) give their category, named for the
    participant's country, else ``country`` (the event's); a group such as students is an
    associated actor of its main category (``Civilians (X)`` / ``Students (X)``).  A state
    named as such (``Israel``) is its military forces in a ``violent`` act, else its
    government.  A named actor of a state's forces or government (``TNI Angkatan Udara``,
    ``Donald Trump``) is named by its state category with its own name as the associated
    actor; other named actors keep their name, with the inter code of their sector.
    """
    name = part.name or part.text
    iso3 = part.country or country
    where = country_name(iso3) if iso3 else None
    found = generic_category(part.text) or generic_category(part.name)
    if found is not None:
        # a named organisation or person ("TNI Angkatan Udara") stays as the associated actor
        own = name if part.key and part.type in ("ORG", "PER") else None
        if found.parent is not None:
            main = categories()[found.parent]
            return ActorCode(main.name(where), own or found.name(where), main.inter, found.sector, found.id)
        return ActorCode(found.name(where), own, found.inter, found.sector, found.id)
    if part.type == "GPE" and iso3 and normalize(name) == normalize(country_name(iso3)):
        state = categories()["military" if violent else "government"]
        return ActorCode(state.name(where), None, state.inter, state.sector, state.id)
    sector = part.sector
    if sector in sector_inters():
        inter, state_id = sector_inters()[sector]
        if state_id is not None and iso3:
            state = categories()[state_id]
            return ActorCode(state.name(where), name or None, inter, sector, state.id)
        return ActorCode(name, None, inter, sector, None)
    return ActorCode(name, None, None, sector, None)


# ---------------------------------------------------------------------------- documentation


def markdown_table(name: str, columns: tuple[str, ...] | None = None) -> str:
    """Return a crosswalk table as a Markdown table (all columns, or ``columns``)."""
    rows = read_tsv(name)
    cols = list(columns or rows[0].keys())
    lines = ["| " + " | ".join(cols) + " |", "|" + "|".join("---" for _ in cols) + "|"]
    lines += ["| " + " | ".join(r[c] for c in cols) + " |" for r in rows]
    return "\n".join(lines) + "\n"


def markdown_tables() -> str:
    """Return the crosswalk tables as the Markdown that ``docs/EXPORTS.md`` shows between its markers."""
    parts = [
        "### PLOVER → ACLED event types (`acled_types.tsv`; the first row that fits wins)\n\n",
        markdown_table("acled_types.tsv"),
        "\n### PLOVER → CAMEO (`cameo.tsv`; an empty mode is the type's row for any other mode)\n\n",
        markdown_table("cameo.tsv"),
        "\n### Actor categories (`actor_categories.tsv`)\n\n",
        markdown_table("actor_categories.tsv"),
        "\n### Sectors of named actors (`sector_inter.tsv`)\n\n",
        markdown_table("sector_inter.tsv"),
    ]
    return "".join(parts)


if __name__ == "__main__":
    print(markdown_tables(), end="")
