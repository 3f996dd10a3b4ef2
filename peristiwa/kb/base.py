"""The actor knowledge base: shipped JSONL records, user extensions, alias lookup.

Each line of a KB file is one actor (see ``docs/KB.md``).  The shipped files live in
``peristiwa/data/kb/``; users add their own through ``$PERISTIWA_KB`` (paths separated by
``os.pathsep``; a directory means every ``*.jsonl`` in it).  A later record with an id that
is already known updates that actor key by key: scalar fields are replaced, list fields
(``aliases``, ``titles``, ``affiliations``, ...) are extended, unless it says
``"replace": true``.
"""

from __future__ import annotations

import functools
import json
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from peristiwa.kb.aliases import name_key
from peristiwa.types import RELATION_TYPES

ACTOR_TYPES: tuple[str, ...] = ("PER", "ORG", "GPE", "NORP")

SECTORS: dict[str, str] = {
    "GOV": "government: heads of state and government, ministers, ministries, agencies, local government",
    "MIL": "armed forces of a state, their branches, units and officers",
    "COP": "police and gendarmerie",
    "SPY": "intelligence services",
    "JUD": "courts, judges, prosecutors, anti-corruption and other law-enforcing commissions",
    "LEG": "legislatures and their members",
    "POL": "political parties, politicians outside government, opposition movements",
    "REB": "non-state armed groups: rebels, militias, insurgents, separatists, terrorist groups",
    "CVL": "civilians: residents, crowds, protesters, workers and their unions",
    "IGO": "intergovernmental organisations and their bodies",
    "NGO": "non-governmental and humanitarian organisations",
    "MED": "media: outlets, journalists",
    "BUS": "business: companies, executives",
    "REL": "religious bodies and clerics",
    "EDU": "education: universities, schools, students, academics",
}

ENV_VAR = "PERISTIWA_KB"
SHIPPED_DIR = Path(__file__).resolve().parent.parent / "data" / "kb"
# Load order of the shipped files; it decides ties between equally good candidates.
SHIPPED_ORDER: tuple[str, ...] = (
    "states", "indonesia", "governments", "igos", "parties", "armed_groups", "leaders",
)

_LIST_FIELDS = ("aliases", "exact_aliases", "titles", "prefixes", "affiliations")
_KNOWN_FIELDS = frozenset(
    {"id", "name", "type", "country", "sector", "qid", "note", "replace", *_LIST_FIELDS}
)
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_ISO3_RE = re.compile(r"^[A-Z]{3}$")
_QID_RE = re.compile(r"^Q[1-9][0-9]*$")
_CAPITAL_START = r"^[A-Z0-9]"


class KBError(ValueError):
    """A knowledge-base file is malformed; the message names the file, line and fix."""


@dataclass(frozen=True, slots=True)
class Affiliation:
    """A known relation of an actor to another actor (``object`` is an actor id)."""

    relation: str
    object: str
    former: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"relation": self.relation, "object": self.object, "former": self.former}


@dataclass(frozen=True, slots=True)
class Actor:
    """One KB record.

    ``exact_aliases`` match only in exactly that spelling (for names that are common words
    in lower case, such as ``Amal``); ``prefixes`` name families of units written as the
    prefix plus a capitalised place (``Polda`` + ``Metro Jaya``).  ``kind`` is the stem of
    the file that defined the actor (``states``, ``leaders``, ...).
    """

    id: str
    name: str
    type: str
    country: str | None
    sector: str | None
    qid: str | None
    aliases: tuple[str, ...] = ()
    affiliations: tuple[Affiliation, ...] = ()
    titles: tuple[str, ...] = ()
    exact_aliases: tuple[str, ...] = ()
    prefixes: tuple[str, ...] = ()
    kind: str = ""

    def names(self) -> tuple[str, ...]:
        """Return the canonical name and every alias, without repeats."""
        return tuple(dict.fromkeys((self.name, *self.aliases, *self.exact_aliases)))

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "name": self.name, "type": self.type, "country": self.country,
            "sector": self.sector, "qid": self.qid, "aliases": list(self.aliases),
            "exact_aliases": list(self.exact_aliases), "titles": list(self.titles),
            "prefixes": list(self.prefixes),
            "affiliations": [a.to_dict() for a in self.affiliations], "kind": self.kind,
        }


def normalize(name: str) -> str:
    """Return the lookup key of a name: the project's one name key (``aliases.name_key``) without spaces.

    ``al-Muhandis``, ``Al Muhandis`` and ``AlMuhandis`` share the key ``almuhandis``.
    """
    return name_key(name).replace(" ", "")


def _exact_key(name: str) -> str:
    return " ".join(name.replace(".", "").split())


def is_short_caps(alias: str) -> bool:
    """Tell whether an alias is a short all-caps abbreviation (``AS``, ``RI``, ``A.S.``)."""
    bare = alias.replace(".", "").strip()
    return 0 < len(bare) <= 3 and " " not in bare and bare.isupper()


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _variants(alias: str) -> list[str]:
    """Return the spellings of an alias a phrase pattern should also cover."""
    out = [alias]
    for variant in (
        alias.replace("-", " "), alias.replace("-", ""), _strip_accents(alias),
        alias.replace("'", "").replace("’", ""), alias.replace("’", "'"),
    ):
        variant = " ".join(variant.split())
        if variant and variant not in out:
            out.append(variant)
    return out


@dataclass(slots=True)
class _Raw:
    record: dict[str, Any]
    where: str
    kind: str
    user: bool


class KnowledgeBase:
    """Actors by id and by every name they go by.

    Lookups are normalised (see :func:`normalize`) except for short all-caps aliases
    (``AS``, ``RI``, ``PBB``) and an actor's ``exact_aliases``, which match only as
    written.  Among several candidates the order is: canonical name written exactly,
    alias written exactly, actors from user files, actors of ``home_country``, load order.
    """

    def __init__(self, actors: Iterable[Actor], *, user_ids: Iterable[str] = (),
                 home_country: str = "IDN") -> None:
        self._actors: dict[str, Actor] = {}
        for actor in actors:
            self._actors[actor.id] = actor
        self._order = {aid: i for i, aid in enumerate(self._actors)}
        self._user = frozenset(user_ids)
        self._home = home_country
        self._norm: dict[str, list[str]] = {}
        self._exact: dict[str, list[str]] = {}
        self._prefixes: list[tuple[str, str]] = []
        for actor in self._actors.values():
            for alias in actor.names():
                if is_short_caps(alias) or alias in actor.exact_aliases:
                    _add(self._exact, _exact_key(alias), actor.id)
                else:
                    _add(self._norm, normalize(alias), actor.id)
            for prefix in actor.prefixes:
                self._prefixes.append((" ".join(prefix.split()).casefold() + " ", actor.id))

    # -- construction -------------------------------------------------------------------------

    @classmethod
    def default(cls) -> KnowledgeBase:
        """Return the shipped KB plus the user files named in ``$PERISTIWA_KB`` (cached)."""
        return _default_kb(os.environ.get(ENV_VAR, ""))

    @classmethod
    def from_files(cls, paths: Iterable[Path], *, home_country: str = "IDN") -> KnowledgeBase:
        """Load KB files in order; files outside the shipped folder count as user files."""
        raws: dict[str, _Raw] = {}
        for path in paths:
            path = Path(path)
            user = path.resolve().parent != SHIPPED_DIR
            for where, record in _read(path):
                _check_record(record, where)
                aid = record["id"]
                if aid in raws and not user:
                    raise KBError(
                        f"{where}: id {aid!r} is already defined at {raws[aid].where}; shipped ids must be "
                        "unique (update an actor from a user file instead)"
                    )
                if aid in raws and not record.get("replace"):
                    _merge(raws[aid].record, record)
                    raws[aid].where += f", {where}"
                    raws[aid].user = raws[aid].user or user
                else:
                    raws[aid] = _Raw(dict(record), where, path.stem, user)
        actors = [_build(raw) for raw in raws.values()]
        known = {actor.id for actor in actors}
        dangling = [
            f"{raws[actor.id].where}: {actor.id} -> {aff.object}"
            for actor in actors for aff in actor.affiliations if aff.object not in known
        ]
        if dangling:
            raise KBError(
                "affiliations point to unknown actor ids (add those actors or fix the ids): "
                + "; ".join(dangling)
            )
        return cls(actors, user_ids=[aid for aid, raw in raws.items() if raw.user],
                   home_country=home_country)

    # -- lookup -------------------------------------------------------------------------------

    def get(self, actor_id: str) -> Actor | None:
        """Return the actor with this id, or None."""
        return self._actors.get(actor_id)

    def match(self, name: str) -> Actor | None:
        """Return the best actor for a name, or None when no alias matches."""
        found = self.candidates(name)
        return found[0] if found else None

    def candidates(self, name: str) -> list[Actor]:
        """Return every actor a name may refer to, best first.

        When no alias matches, a name that starts with a unit prefix (``Polda Riau``) yields
        the generic actor of that prefix.
        """
        text = " ".join(name.split())
        if not text:
            return []
        ids = dict.fromkeys(
            [*self._exact.get(_exact_key(text), ()), *self._norm.get(normalize(text), ())]
        )
        if not ids:
            folded = text.casefold()
            ids = dict.fromkeys(aid for prefix, aid in self._prefixes
                                if folded.startswith(prefix) and len(folded) > len(prefix))
        actors = [self._actors[aid] for aid in ids]
        actors.sort(key=lambda actor: (
            actor.name != text,
            text not in actor.names(),
            actor.id not in self._user,
            actor.country != self._home,
            self._order[actor.id],
        ))
        return actors

    def ruler_patterns(self) -> list[dict[str, Any]]:
        """Return spaCy EntityRuler patterns for every alias (label = actor type, id = actor id).

        Plain aliases are phrase patterns (with hyphen, apostrophe and accent variants) meant
        for a ruler built with ``phrase_matcher_attr="LOWER"``; short all-caps and exact
        aliases are ``ORTH`` token patterns, so they stay case-sensitive; unit prefixes are
        token patterns followed by one or more capitalised tokens.
        """
        patterns: list[dict[str, Any]] = []
        for actor in self._actors.values():
            seen: set[str] = set()
            for alias in actor.names():
                if is_short_caps(alias) or alias in actor.exact_aliases:
                    if alias not in seen:
                        seen.add(alias)
                        tokens = [{"ORTH": tok} for tok in alias.split()]
                        patterns.append({"label": actor.type, "pattern": tokens, "id": actor.id})
                    continue
                for variant in _variants(alias):
                    key = variant.casefold()
                    if key not in seen:
                        seen.add(key)
                        patterns.append({"label": actor.type, "pattern": variant, "id": actor.id})
            for prefix in actor.prefixes:
                head: list[dict[str, Any]] = [{"LOWER": tok.casefold()} for tok in prefix.split()]
                tail = {"TEXT": {"REGEX": _CAPITAL_START}, "OP": "+"}
                patterns.append({"label": actor.type, "pattern": [*head, tail], "id": actor.id})
        return patterns

    def __iter__(self) -> Iterator[Actor]:
        return iter(self._actors.values())

    def __len__(self) -> int:
        return len(self._actors)

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self._actors


def shipped_paths() -> list[Path]:
    """Return the shipped KB files in load order."""
    files = {path.stem: path for path in SHIPPED_DIR.glob("*.jsonl")}
    ordered = [files.pop(stem) for stem in SHIPPED_ORDER if stem in files]
    return ordered + [files[stem] for stem in sorted(files)]


def user_paths(value: str) -> list[Path]:
    """Return the KB files named by a ``$PERISTIWA_KB`` value (directories expand to *.jsonl)."""
    out: list[Path] = []
    for part in value.split(os.pathsep):
        if not part.strip():
            continue
        path = Path(part.strip()).expanduser()
        if path.is_dir():
            out.extend(sorted(path.glob("*.jsonl")))
        elif path.is_file():
            out.append(path)
        else:
            raise KBError(f"{ENV_VAR} names {path}, which does not exist; fix the path or unset {ENV_VAR}")
    return out


@functools.lru_cache(maxsize=4)
def _default_kb(env_value: str) -> KnowledgeBase:
    return KnowledgeBase.from_files([*shipped_paths(), *user_paths(env_value)])


def _add(index: dict[str, list[str]], key: str, actor_id: str) -> None:
    if not key:
        return
    ids = index.setdefault(key, [])
    if actor_id not in ids:
        ids.append(actor_id)


def _read(path: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield ``(where, record)`` for every record line; ``#`` lines and blank lines are skipped."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise KBError(f"{path}: cannot read the KB file ({exc}); it must be UTF-8 JSONL") from exc
    for lineno, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        where = f"{path}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise KBError(f"{where}: not valid JSON ({exc.msg}); write one JSON object per line") from exc
        if not isinstance(record, dict):
            raise KBError(f"{where}: a KB line must be a JSON object with at least id, name and type")
        yield where, record


def _check_record(record: dict[str, Any], where: str) -> None:
    """Raise KBError when a record (full or partial update) breaks the KB format."""
    unknown = set(record) - _KNOWN_FIELDS
    if unknown:
        raise KBError(f"{where}: unknown fields {sorted(unknown)}; allowed: {sorted(_KNOWN_FIELDS)}")
    aid = record.get("id")
    if not isinstance(aid, str) or not _ID_RE.match(aid):
        raise KBError(f"{where}: id {aid!r} must be a lower-case slug such as 'kataib-hizbullah'")
    checks: list[tuple[str, Any, str]] = [
        ("name", lambda v: isinstance(v, str) and v.strip(), "a non-empty string"),
        ("type", lambda v: v in ACTOR_TYPES, f"one of {ACTOR_TYPES}"),
        ("country", lambda v: v is None or (isinstance(v, str) and _ISO3_RE.match(v)),
         "an ISO 3166-1 alpha-3 code or null"),
        ("sector", lambda v: v is None or v in SECTORS, f"one of {tuple(SECTORS)} or null"),
        ("qid", lambda v: v is None or (isinstance(v, str) and _QID_RE.match(v)),
         "a Wikidata id such as 'Q794' or null"),
        ("replace", lambda v: isinstance(v, bool), "true or false"),
        ("note", lambda v: isinstance(v, str), "a string"),
    ]
    for name, ok, expected in checks:
        if name in record and not ok(record[name]):
            raise KBError(f"{where}: {name} {record[name]!r} must be {expected}")
    for name in ("aliases", "exact_aliases", "titles", "prefixes"):
        value = record.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise KBError(f"{where}: {name} must be a list of non-empty strings")
    affiliations = record.get("affiliations", [])
    if not isinstance(affiliations, list):
        raise KBError(f"{where}: affiliations must be a list of {{relation, object, former}} objects")
    for aff in affiliations:
        if (not isinstance(aff, dict) or aff.get("relation") not in RELATION_TYPES
                or not isinstance(aff.get("object"), str)
                or not isinstance(aff.get("former", False), bool)
                or set(aff) - {"relation", "object", "former"}):
            raise KBError(
                f"{where}: affiliation {aff!r} must be {{\"relation\": one of {RELATION_TYPES}, "
                "\"object\": an actor id, \"former\": true/false}"
            )


def _merge(base: dict[str, Any], update: dict[str, Any]) -> None:
    for key, value in update.items():
        if key in _LIST_FIELDS:
            merged = list(base.get(key, []))
            for item in value:
                if item not in merged:
                    merged.append(item)
            base[key] = merged
        else:
            base[key] = value


def _build(raw: _Raw) -> Actor:
    record = raw.record
    for name in ("name", "type"):
        if name not in record:
            raise KBError(
                f"{raw.where}: actor {record['id']!r} has no {name}; every actor needs id, name and type"
            )
    affiliations = tuple(dict.fromkeys(
        Affiliation(aff["relation"], aff["object"], bool(aff.get("former", False)))
        for aff in record.get("affiliations", [])
    ))
    return Actor(
        id=record["id"], name=record["name"].strip(), type=record["type"],
        country=record.get("country"), sector=record.get("sector"), qid=record.get("qid"),
        aliases=tuple(dict.fromkeys(a.strip() for a in record.get("aliases", []))),
        affiliations=affiliations,
        titles=tuple(dict.fromkeys(t.strip() for t in record.get("titles", []))),
        exact_aliases=tuple(dict.fromkeys(a.strip() for a in record.get("exact_aliases", []))),
        prefixes=tuple(dict.fromkeys(p.strip() for p in record.get("prefixes", []))),
        kind=raw.kind,
    )
