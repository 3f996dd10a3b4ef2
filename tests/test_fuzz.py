"""A bounded run of the atheris fuzz target over the readers and extract() (skipped without atheris)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "tools" / "fuzz_extract.py"
# Seconds of fuzzing in CI; a longer run: `python tools/fuzz_extract.py --help` (the module docstring).
SECONDS = int(os.environ.get("PERISTIWA_FUZZ_SECONDS", "15"))


def test_fuzz_readers_and_extract_for_a_bounded_time(tmp_path: Path, record_property: Any) -> None:
    pytest.importorskip("atheris")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    cmd = [sys.executable, str(TARGET), str(corpus), str(ROOT / "tools" / "fuzz_seeds"),
           f"-dict={ROOT / 'tools' / 'fuzz_extract.dict'}", f"-max_total_time={SECONDS}", "-timeout=60",
           "-max_len=4096", "-rss_limit_mb=3000", "-print_final_stats=1", f"-artifact_prefix={tmp_path}/"]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=SECONDS + 120, cwd=tmp_path, check=False)
    tried = re.search(r"stat::number_of_executed_units:\s*(\d+)", proc.stderr)
    crash = re.search(r"^(?:=== Uncaught Python exception: ===|==\d+== ERROR).*", proc.stderr, re.MULTILINE)
    assert proc.returncode == 0 and tried, proc.stderr[-4000:] if crash is None else proc.stderr[crash.start():][:4000]
    record_property("fuzz_inputs", int(tried.group(1)))
    sys.stderr.write(f"\nfuzz: {tried.group(1)} inputs tried in {SECONDS} s, 0 crashes\n")
    assert int(tried.group(1)) > 100
