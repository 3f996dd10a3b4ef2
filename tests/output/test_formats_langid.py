"""Output formats and language guessing."""

from __future__ import annotations

import csv
import io
import json

import pytest

from peristiwa.output.formats import CSV_COLUMNS, Writer, event_rows, render_table
from peristiwa.pipeline import extract
from peristiwa.settings import Settings
from peristiwa.text.langid import detect_lang
from peristiwa.types import Document, Event, Result, Span, Toll

TEXT = ("Polisi menangkap tiga tersangka di Bekasi pada Senin (16/6/2025). "
        "Sehari kemudian, puluhan warga menggelar unjuk rasa di depan kantor bupati.")


@pytest.fixture(scope="module")
def result() -> Result:
    return extract(Document(id="f1", text=TEXT, published="2025-06-18"), settings=Settings(use_nlp=False))


@pytest.mark.parametrize(("text", "lang"), [
    ("Polisi menangkap dua orang yang diduga terlibat dalam pencurian itu, kata dia.", "id"),
    ("The police arrested two men who were said to be involved in the theft, he said.", "en"),
    ("Kerajaan berkata beliau ialah pegawai yang ditahan semalam kerana kesalahan itu.", "ms"),
    ("1 2 3", "und"),
])
def test_detect_lang(text: str, lang: str) -> None:
    assert detect_lang(text) == lang


def test_csv_rows_are_flat_and_complete(result: Result) -> None:
    out = io.StringIO()
    w = Writer(out, "csv")
    w.write(result)
    w.close()
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [r["type"] for r in rows] == ["COERCE", "PROTEST"]
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert rows[0]["date_start"] == "2025-06-16" and rows[0]["location"] == "Bekasi"
    assert rows[1]["date_start"] == "2025-06-17"


def test_jsonl_is_one_contract_object_per_line(result: Result) -> None:
    out = io.StringIO()
    w = Writer(out, "jsonl")
    w.write(result)
    w.write(result)
    w.close()
    lines = out.getvalue().splitlines()
    assert len(lines) == 2 and json.loads(lines[0])["doc_id"] == "f1"


def test_table_is_readable(result: Result) -> None:
    table = render_table(result)
    assert "COERCE/arrest" in table and "Bekasi" in table and "f1" in table


def test_event_rows_handle_ranges() -> None:
    text = "puluhan tewas, 3 terluka"
    event = Event("e", "ASSAULT", Span.of(text, 8, 13), Span.of(text, 0, len(text)),
                  fatalities=Toll(20, 99, "puluhan", Span.of(text, 0, 7)), injuries=Toll(3, 3), confidence=0.51234)
    (row,) = event_rows(Result("d", "id", None, events=(event,)))
    assert (row["fatalities"], row["fatalities_min"], row["fatalities_max"]) == ("puluhan", 20, 99)
    assert (row["injuries"], row["injuries_min"], row["confidence"]) == ("3", 3, 0.512)


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown format"):
        Writer(io.StringIO(), "xml")
