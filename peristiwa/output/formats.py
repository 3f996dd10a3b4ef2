"""Write results as JSONL (the contract), JSON, CSV (one row per event) or a readable table."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import IO, Any

from peristiwa.output.crosswalk import cameo_fields
from peristiwa.text.clean import display_text
from peristiwa.text.names import known_name
from peristiwa.types import Result

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


def _count_cols(value: Any) -> tuple[str, Any, Any]:
    if value is None:
        return "", "", ""
    if isinstance(value, dict):
        return value.get("text", ""), value["min"], value["max"]
    return str(value), value, value


def event_rows(result: dict[str, Any]) -> Iterable[dict[str, Any]]:
    """Yield one flat row per event of a contract result (as a dict)."""
    for ev in result.get("events", []):
        loc = ev.get("location") or {}
        date = ev.get("date") or {}
        f_text, f_min, f_max = _count_cols(ev.get("fatalities"))
        i_text, i_min, i_max = _count_cols(ev.get("injuries"))
        yield {
            "doc_id": result["doc_id"], "event_id": ev["id"], "type": ev["type"], "mode": ev.get("mode") or "",
            "actors": "; ".join(p["name"] for p in ev.get("actors", [])),
            "actor_countries": "; ".join(p.get("country") or "" for p in ev.get("actors", [])),
            "targets": "; ".join(p["name"] for p in ev.get("targets", [])),
            "target_countries": "; ".join(p.get("country") or "" for p in ev.get("targets", [])),
            "date_start": date.get("start", ""), "date_end": date.get("end", ""),
            "date_precision": date.get("precision", ""),
            "location": loc.get("name", ""), "country": loc.get("country") or "", "admin1": loc.get("admin1") or "",
            "latitude": loc.get("lat", ""), "longitude": loc.get("lon", ""), "geo_precision": loc.get("precision", ""),
            "fatalities": f_text, "fatalities_min": f_min, "fatalities_max": f_max,
            "injuries": i_text, "injuries_min": i_min, "injuries_max": i_max,
            "historical": ev.get("historical", False), "confidence": ev.get("confidence", ""),
            "trigger": ev["trigger"]["text"], "evidence": shown_text(ev["evidence"]["text"]),
            "evidence_start": ev["evidence"]["start"], "evidence_end": ev["evidence"]["end"],
            **cameo_fields(ev["type"], ev.get("mode")),
        }


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
        data = result.to_dict()
        if self.fmt == "jsonl":
            self.out.write(json.dumps(data, ensure_ascii=False) + "\n")
        elif self.fmt == "json":
            self._json_items.append(data)
        elif self.fmt == "csv":
            if self._csv is None:
                self._csv = csv.DictWriter(self.out, fieldnames=list(CSV_COLUMNS))
                self._csv.writeheader()
            for row in event_rows(data):
                self._csv.writerow(row)
        else:
            self.out.write(render_table(data))

    def close(self) -> None:
        if self.fmt == "json":
            json.dump(self._json_items, self.out, ensure_ascii=False, indent=2)
            self.out.write("\n")
        self.out.flush()


def _clip(s: str, n: int) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def render_table(data: dict[str, Any]) -> str:
    """A readable summary of one result for a person at a terminal."""
    lines = [f"── {data['doc_id']}" + (f": {_clip(data['title'], 70)}" if data.get("title") else "")]
    lines.append(f"   published {data.get('published') or '?'} · {len(data['events'])} events · "
                 f"{len(data['entities'])} entities · {len(data['relations'])} relations · "
                 f"{len(data.get('times', []))} dates · {len(data.get('places', []))} places · "
                 f"{len(data.get('noise', []))} boilerplate spans")
    for row in event_rows(data):
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
    if not data["events"]:
        for t in data.get("times", [])[:5]:
            lines.append(f"   date   {t['text']!r} → {t['start']}..{t['end']} ({t['precision']})")
        for p in data.get("places", [])[:5]:
            lines.append(f"   place  {p['span']['text']!r} → {p['name']}, {p.get('country')}")
        for q in data.get("quantities", [])[:5]:
            noun = f" {q['noun']['text']}" if q.get("noun") else ""
            lines.append(f"   number {q['span']['text']!r}{noun} → {q['min']}..{q['max']}")
    return "\n".join(lines) + "\n\n"
