"""Reproducibility: the same input gives byte-identical output, run after run (separate processes
with different hash seeds) and with 1 or 2 batch workers (tests/batch/test_batch.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from itertools import islice
from pathlib import Path

from conftest import DEV_DOCS

from peristiwa.cli import sample_path

# Fictional articles (real places, invented events), with broken lines among them.
ARTICLES = (
    "Polisi menangkap dua orang terduga pencuri sepeda motor di Bekasi, Senin (2/6/2025). Keduanya kini "
    "ditahan di Polres Metro Bekasi.",
    "Ratusan buruh berunjuk rasa di depan kantor Gubernur Jawa Timur di Surabaya, Selasa (3/6/2025). Polisi "
    "membubarkan massa dengan gas air mata dan puluhan orang luka-luka.",
    "Sekelompok orang bersenjata menyerang pos polisi di Kecamatan Oba, Maluku Utara, Rabu (4/6/2025) dini "
    "hari. Serangan itu menewaskan tiga anggota polisi. Kapolda Maluku Utara mendesak pelaku menyerahkan diri.",
)


def _inputs(tmp: Path) -> list[str]:
    rows = [{"id": f"a{i}", "text": t, "published": "2025-06-05"} for i, t in enumerate(ARTICLES)]
    lines = [json.dumps(r, ensure_ascii=False) for r in rows] + ['{"id": "rusak", "text": ', '{"id": "x", "text": 1}']
    src = tmp / "berita.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    inputs = [str(src), str(sample_path())]
    if DEV_DOCS.exists():  # real articles when ../shared is there (read, never copied)
        dev = tmp / "dev.jsonl"
        with DEV_DOCS.open(encoding="utf-8") as f:
            dev.write_text("".join(islice(f, 15)), encoding="utf-8")
        inputs.append(str(dev))
    return inputs


def _extract(inputs: list[str], out: Path, *, seed: str) -> bytes:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    proc = subprocess.run([sys.executable, "-m", "peristiwa.cli", "extract", *inputs, "--format", "jsonl",
                           "-o", str(out), "--no-progress"], env=env, capture_output=True, text=True, check=False)
    assert proc.returncode == 1, proc.stderr  # the two broken lines
    assert proc.stderr.count("error: ") == 2, proc.stderr
    return out.read_bytes()


def test_same_input_gives_byte_identical_jsonl_across_runs(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path)
    first = _extract(inputs, tmp_path / "1.jsonl", seed="1")
    second = _extract(inputs, tmp_path / "2.jsonl", seed="4242")
    assert first == second
    assert first.count(b"\n") >= 4 and b'"events": [{' in first
