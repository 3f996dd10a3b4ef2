"""The map's background, made from data the package has: where the gazetteer's places are.

There is no coastline data offline, so land is drawn as the grid cells (``CELL_DEG`` degrees)
that hold at least one gazetteer place (world cities, Indonesian regencies and districts),
plus one point per country (its capital, else its centre).  Honest and coarse: empty
deserts and ice show as sea, and Indonesia, whose districts are all listed, looks dense.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources
from typing import Any

CELL_DEG = 2


@lru_cache(maxsize=1)
def world_grid() -> dict[str, Any]:
    """Return ``{"cell": deg, "cells": [[lat0, lon0], ...], "countries": [{iso3, name, lat, lon}]}``."""
    path = resources.files("peristiwa") / "data" / "places" / "places.tsv"
    cells: set[tuple[int, int]] = set()
    countries: list[dict[str, Any]] = []
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            try:
                lat, lon = float(row["lat"]), float(row["lon"])
            except (TypeError, ValueError):
                continue
            cells.add((int(lat // CELL_DEG) * CELL_DEG, int(lon // CELL_DEG) * CELL_DEG))
            if row["precision"] == "country" and row["country"]:
                countries.append({"iso3": row["country"], "name": row["name"], "lat": lat, "lon": lon})
    return {"cell": CELL_DEG, "cells": sorted([lat, lon] for lat, lon in cells), "countries": countries}
