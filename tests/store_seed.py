"""Seed data for the store, API and UI tests: the bundled sample and short fictional articles.

The articles are written for these tests (fictional events, real places); none is copied from
news.  ``seeded_results`` extracts them once per test session without the NLP model.
"""

from __future__ import annotations

import json
import os
import uuid
from functools import lru_cache
from pathlib import Path

from peristiwa.cli import sample_path
from peristiwa.pipeline import extract
from peristiwa.settings import Settings
from peristiwa.types import Document, Result

PG_ENV = "PERISTIWA_TEST_PG_URL"

ARTICLES: tuple[dict[str, str], ...] = (
    {
        "id": "fiksi-puncak",
        "title": "KKB Serang Pos TNI di Puncak, Dua Prajurit Gugur",
        "published": "2025-05-13T08:00",
        "source": "Warta Fiksi",
        "url": "https://example.org/fiksi-puncak",
        "text": (
            "KKB Serang Pos TNI di Puncak, Dua Prajurit Gugur\n\n"
            "Timika - Kelompok Kriminal Bersenjata (KKB) menyerang pos TNI di Distrik Ilaga, Kabupaten "
            "Puncak, "
            "Papua Tengah, pada Senin (12/5/2025) pagi. Serangan itu menewaskan dua prajurit TNI dan melukai "
            "tiga warga.\n\n"
            "Keesokan harinya, aparat gabungan TNI-Polri menangkap dua orang yang diduga terlibat di "
            "Kabupaten "
            "Mimika.\n\n"
            "Panglima TNI mengecam serangan tersebut dan meminta warga tetap tenang."
        ),
    },
    {
        "id": "fiksi-bandung",
        "title": "Ribuan Mahasiswa Demo di Bandung Tolak Kenaikan Biaya Kuliah",
        "published": "2025-05-16",
        "source": "Warta Fiksi",
        "text": (
            "Ribuan Mahasiswa Demo di Bandung Tolak Kenaikan Biaya Kuliah\n\n"
            "Bandung - Ribuan mahasiswa menggelar unjuk rasa di depan Gedung Sate, Kota Bandung, Jawa Barat, "
            "Kamis (15/5/2025). Mereka menolak kenaikan biaya kuliah dan mendesak pemerintah daerah "
            "membatalkan "
            "kebijakan itu.\n\n"
            "Polisi menangkap lima demonstran setelah aksi itu ricuh pada sore hari."
        ),
    },
    {
        "id": "fiksi-teheran",
        "title": "Iran Luncurkan Rudal ke Tel Aviv, Israel Balas Serang Teheran",
        "published": "2025-06-14",
        "source": "Warta Fiksi",
        "text": (
            "Iran Luncurkan Rudal ke Tel Aviv, Israel Balas Serang Teheran\n\n"
            "Teheran - Iran meluncurkan puluhan rudal balistik ke Tel Aviv, Israel, pada Jumat (13/6/2025) "
            "malam. "
            "Serangan itu menewaskan tiga warga dan melukai 40 orang.\n\n"
            "Beberapa jam kemudian, Israel menyerang fasilitas militer di Teheran, Iran, dengan pesawat "
            "tempur. "
            "Media pemerintah Iran melaporkan 12 orang tewas dalam serangan udara itu.\n\n"
            "Sekretaris Jenderal PBB mendesak kedua negara menahan diri."
        ),
    },
    {
        "id": "fiksi-gaza",
        "title": "Israel Serang Khan Younis, Komandan Al-Qassam Tewas",
        "published": "2025-06-11",
        "source": "Warta Fiksi",
        "text": (
            "Israel Serang Khan Younis, Komandan Al-Qassam Tewas\n\n"
            "Gaza - Serangan udara Israel menewaskan Abu Karim Mansour, komandan Brigade Al-Qassam, di Khan "
            "Younis, Jalur Gaza, Selasa (10/6/2025). Brigade Al-Qassam adalah sayap militer Hamas.\n\n"
            "Hamas mengecam serangan itu dan mengancam akan membalas. Kelompok Houthi yang didukung Iran "
            "juga "
            "menembakkan rudal ke Israel pada hari yang sama."
        ),
    },
    {
        "id": "fiksi-script",
        "title": "Polisi Tangkap Tiga Peretas <script>alert('judul')</script> di Surabaya",
        "published": "2025-07-02",
        "source": "Warta <b>Fiksi</b>",
        "text": (
            "Polisi Tangkap Tiga Peretas di Surabaya \U0001f6a8\n\n"
            "Surabaya \U0001f4f0 - Polisi menangkap tiga peretas di Kota Surabaya, Jawa Timur, pada Selasa "
            "(1/7/2025). Para peretas menyisipkan kode <script>alert('xss')</script> dan <img src=x "
            "onerror=alert(1)> "
            "ke situs pemerintah daerah.\n\n"
            "Kapolda Jawa Timur mengatakan ketiganya kini ditahan di Surabaya."
        ),
    },
)

# Two outlets report the same (fictional) attack: one incident with two reports, two figures.
INCIDENT_ARTICLES: tuple[dict[str, str], ...] = (
    {
        "id": "lintas-101",
        "title": "Pos Polisi di Sinak Diserang, Dua Polisi Tewas",
        "published": "2025-04-08T07:30",
        "source": "Lintas Nusantara",
        "url": "https://lintas.example/101",
        "text": (
            "Pos Polisi di Sinak Diserang, Dua Polisi Tewas\n\n"
            "Ilaga - Kelompok bersenjata menyerang pos polisi di Distrik Sinak, Kabupaten Puncak, Papua "
            "Tengah, pada Senin (7/4/2025) malam. Serangan itu menewaskan dua anggota polisi dan melukai "
            "seorang warga."
        ),
    },
    {
        "id": "kabar-pagi-55",
        "title": "Tiga Anggota Polri Gugur dalam Penyerangan di Puncak",
        "published": "2025-04-08T10:05",
        "source": "Kabar Pagi",
        "url": "https://kabarpagi.example/55",
        "text": (
            "Tiga Anggota Polri Gugur dalam Penyerangan di Puncak\n\n"
            "Jayapura - Tiga polisi gugur setelah pos mereka di Distrik Sinak, Kabupaten Puncak, diserang "
            "orang tak dikenal pada Senin (7/4/2025) sekitar pukul 21.00 WIT."
        ),
    },
)


def incident_documents() -> list[Document]:
    """The two reports of one attack, as documents."""
    return [
        Document(
            id=a["id"],
            text=a["text"],
            title=a["title"],
            published=a["published"],
            url=a["url"],
            source=a["source"],
        )
        for a in INCIDENT_ARTICLES
    ]


@lru_cache(maxsize=1)
def incident_seeded() -> tuple[tuple[Document, Result], ...]:
    """The two reports of one attack with their results (no NLP model; the rule stage's events, which
    do not move when the learned models are retrained)."""
    settings = Settings(use_nlp=False, learned=False)
    return tuple((doc, extract(doc, settings=settings)) for doc in incident_documents())


def documents() -> list[Document]:
    """The sample article and the fictional ones, as documents."""
    sample = json.loads(sample_path().read_text(encoding="utf-8").splitlines()[0])
    docs = [
        Document(
            id=sample["id"],
            text=sample["text"],
            title=sample.get("title"),
            published=sample.get("published"),
            url=sample.get("url"),
            source=sample.get("source"),
        )
    ]
    docs += [
        Document(
            id=a["id"],
            text=a["text"],
            title=a.get("title"),
            published=a.get("published"),
            url=a.get("url"),
            source=a.get("source"),
        )
        for a in ARTICLES
    ]
    return docs


@lru_cache(maxsize=1)
def seeded() -> tuple[tuple[Document, Result], ...]:
    """Every seed document with its result (extracted once per session, no NLP model)."""
    settings = Settings(use_nlp=False)
    return tuple((doc, extract(doc, settings=settings)) for doc in documents())


def pg_schema_url(base: str) -> tuple[str, str]:
    """Create a fresh schema on the test server; return the URL that uses it, and its name."""
    import sqlalchemy as sa

    from peristiwa.store.db import normalise_url

    schema = "t_" + uuid.uuid4().hex[:12]
    engine = sa.create_engine(normalise_url(base))
    with engine.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    engine.dispose()
    sep = "&" if "?" in base else "?"
    return f"{base}{sep}options=-csearch_path%3D{schema}", schema


def pg_drop_schema(base: str, schema: str) -> None:
    import sqlalchemy as sa

    from peristiwa.store.db import normalise_url

    engine = sa.create_engine(normalise_url(base))
    with engine.begin() as conn:
        conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
    engine.dispose()


def pg_base_url() -> str | None:
    return os.environ.get(PG_ENV) or None


REPO = Path(__file__).resolve().parents[1]
