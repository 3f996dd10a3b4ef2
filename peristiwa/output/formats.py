"""Write results as JSONL (the contract), JSON, CSV (one row per event) or a readable table."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import IO, Any

from peristiwa.output.crosswalk import cameo_fields
from peristiwa.text.clean import display_text
from peristiwa.text.names import known_name
from peristiwa.types import Event, Result, Toll

FORMATS: tuple[str, ...] = ("jsonl", "json", "table", "csv")

CSV_COLUMNS: tuple[str, ...] = (
    "doc_id", "event_id", "type", "mode", "actors", "actor_countries", "targets", "target_countries",
    "date_start", "date_end", "date_precision", "location", "country", "admin1", "latitude", "longitude",
    "geo_precision", "fatalities", "fatalities_min", "fatalities_max", "injuries", "injuries_min",
    "injuries_max", "historical", "confidence", "trigger", "evidence", "evidence_start", "evidence_end",
    "cameo_root", "goldstein", "quad_class",
)
# The CAMEO coding every exported event carries (``peristiwa.output.crosswalk``).
CAMEO_COLUMNS: tuple[str, ...] = ("cameo_root", "goldstein", "quad_class")


def shown_text(text: str) -> str:
    """Return evidence text as exports show it: glued words re-spaced, media placeholders removed.

    Offsets (``evidence_start``/``evidence_end``) still point into the original text.
    """
    return display_text(text, is_name=known_name())


def _toll_cols(toll: Toll | None) -> tuple[str, int | str, int | str]:
    """A toll's shown form (the count, or a range's words), min and max; blanks when none is stated."""
    if toll is None:
        return "", "", ""
    if toll.min != toll.max:
        return toll.text or "", toll.min, toll.max
    return str(toll.min), toll.min, toll.max


def event_row(doc_id: str, ev: Event) -> dict[str, Any]:
    """The flat row (``CSV_COLUMNS``) of one event; the confidence to three places, as the contract writes it."""
    place = ev.location.place if ev.location else None
    date = ev.date
    f_text, f_min, f_max = _toll_cols(ev.fatalities)
    i_text, i_min, i_max = _toll_cols(ev.injuries)
    return {
        "doc_id": doc_id, "event_id": ev.id, "type": ev.type, "mode": ev.mode or "",
        "actors": "; ".join(p.name for p in ev.actors),
        "actor_countries": "; ".join(p.country or "" for p in ev.actors),
        "targets": "; ".join(p.name for p in ev.targets),
        "target_countries": "; ".join(p.country or "" for p in ev.targets),
        "date_start": date.start.isoformat() if date else "", "date_end": date.end.isoformat() if date else "",
        "date_precision": date.precision if date else "",
        "location": place.name if place else "", "country": (place.country if place else None) or "",
        "admin1": (place.admin1 if place else None) or "",
        "latitude": place.lat if place else "", "longitude": place.lon if place else "",
        "geo_precision": place.precision if place else "",
        "fatalities": f_text, "fatalities_min": f_min, "fatalities_max": f_max,
        "injuries": i_text, "injuries_min": i_min, "injuries_max": i_max,
        "historical": ev.historical, "confidence": round(ev.confidence, 3),
        "trigger": ev.trigger.text, "evidence": shown_text(ev.evidence.text),
        "evidence_start": ev.evidence.start, "evidence_end": ev.evidence.end,
        **cameo_fields(ev.type, ev.mode),
    }


def event_rows(result: Result) -> Iterable[dict[str, Any]]:
    """Yield one flat row per event of a result."""
    for ev in result.events:
        yield event_row(result.doc_id, ev)


class Writer:
    """Streams results to ``out`` in one of :data:`FORMATS`."""

    def __init__(self, out: IO[str], fmt: str) -> None:
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        self.out = out
        self.fmt = fmt
        self._json_items: list[dict[str, Any]] = []
        self._csv: csv.DictWriter[str] | None = None

    def write(self, result: Result) -> None:
        if self.fmt == "jsonl":
            self.out.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
        elif self.fmt == "json":
            self._json_items.append(result.to_dict())
        elif self.fmt == "csv":
            if self._csv is None:
                self._csv = csv.DictWriter(self.out, fieldnames=list(CSV_COLUMNS))
                self._csv.writeheader()
            for row in event_rows(result):
                self._csv.writerow(row)
        else:
            self.out.write(render_table(result))

    def close(self) -> None:
        if self.fmt == "json":
            json.dump(self._json_items, self.out, ensure_ascii=False, indent=2)
            self.out.write("\n")
        self.out.flush()


def _clip(s: str, n: int) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def render_table(result: Result) -> str:
    """A readable summary of one result for a person at a terminal."""
    lines = [f"── {result.doc_id}" + (f": {_clip(result.title, 70)}" if result.title else "")]
    lines.append(f"   published {result.published or '?'} · {len(result.events)} events · "
                 f"{len(result.entities)} entities · {len(result.relations)} relations · "
                 f"{len(result.times)} dates · {len(result.places)} places · "
                 f"{len(result.noise)} boilerplate spans")
    for row in event_rows(result):
        when = row["date_start"] if row["date_start"] == row["date_end"] else \
            f"{row['date_start']}..{row['date_end']}" if row["date_start"] else "date ?"
        who = row["actors"] or "?"
        whom = row["targets"] or "-"
        where = row["location"] or "place ?"
        toll = ""
        if row["fatalities"] != "":
            toll += f" killed {row['fatalities']}"
        if row["injuries"] != "":
            toll += f" hurt {row['injuries']}"
        mode = f"/{row['mode']}" if row["mode"] else ""
        lines.append(f"   {row['type']}{mode:<16} {when:<22} {_clip(who, 28):<28} → {_clip(whom, 28):<28} "
                     f"@ {_clip(where, 20)}{toll}")
        lines.append(f"      “{_clip(row['evidence'], 110)}”")
    if not result.events:
        for t in result.times[:5]:
            lines.append(f"   date   {t.span.text!r} → {t.start.isoformat()}..{t.end.isoformat()} ({t.precision})")
        for p in result.places[:5]:
            lines.append(f"   place  {p.span.text!r} → {p.place.name}, {p.place.country}")
        for q in result.quantities[:5]:
            noun = f" {q.noun.text}" if q.noun else ""
            lines.append(f"   number {q.span.text!r}{noun} → {q.min}..{q.max}")
    return "\n".join(lines) + "\n\n"
