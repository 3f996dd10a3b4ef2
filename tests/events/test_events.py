"""The rule stage of events on sentences written for these tests (fictional events, real places).

The cue lexicon, the act filters and the role rules run here alone (no learned model): they are
the candidate generator and the features of the learned models, and what extraction falls back
to when no model ships. The learned stages are tested in ``test_event_model.py``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from peristiwa.events import rules_alone
from peristiwa.pipeline import extract
from peristiwa.settings import Settings
from peristiwa.types import Document, Result

FAST = Settings(use_nlp=False)


@pytest.fixture(autouse=True)
def _rules_alone() -> Iterator[None]:
    with rules_alone():
        yield


def run(text: str, published: str | None = "2025-06-18") -> Result:
    return extract(Document(id="t", text=text, published=published), settings=FAST)


def events(text: str, published: str | None = "2025-06-18") -> list[dict[str, Any]]:
    return run(text, published).to_dict()["events"]


def names(parts: list[dict[str, Any]]) -> list[str]:
    return [p["text"] for p in parts]


def test_active_attack_with_dead_and_hurt() -> None:
    evs = events("Kelompok bersenjata menyerang pos polisi di Kabupaten Intan Jaya pada Senin (16/6/2025) "
                 "dan menewaskan dua anggota polisi serta melukai tiga warga.")
    assert len(evs) == 1
    ev = evs[0]
    assert ev["type"] == "ASSAULT"
    assert names(ev["actors"]) == ["Kelompok bersenjata"]
    assert "pos polisi" in names(ev["targets"])
    assert ev["date"]["start"] == ev["date"]["end"] == "2025-06-16"
    assert ev["location"]["name"] == "Intan Jaya"
    assert ev["fatalities"] == 2
    assert ev["injuries"] == 3


def test_passive_with_oleh_gives_actor_and_target() -> None:
    ev = events("Seorang warga ditembak oleh orang tak dikenal di Kota Ternate, Selasa (17/6/2025).")[0]
    assert ev["type"] == "ASSAULT" and ev["mode"] == "firearms"
    assert [p["name"] for p in ev["targets"]] == ["warga"]
    assert ev["targets"][0]["text"] == "Seorang warga"
    assert ev["date"]["start"] == "2025-06-17"
    assert ev["location"]["name"] == "Ternate"


def test_light_verb_with_nominal_attack_and_target_preposition() -> None:
    ev = events("Israel melancarkan serangan udara terhadap Iran pada Jumat (13/6/2025).")[0]
    assert ev["type"] == "ASSAULT" and ev["mode"] == "aerial"
    assert [p["country"] for p in ev["actors"]] == ["ISR"]
    assert [p["country"] for p in ev["targets"]] == ["IRN"]
    assert ev["date"]["start"] == "2025-06-13"


def test_arrest_and_coordinated_targets() -> None:
    ev = events("Polisi menangkap tiga tersangka di Bekasi pada Senin (16/6/2025).")[0]
    assert ev["type"] == "COERCE" and ev["mode"] == "arrest"
    assert names(ev["actors"]) == ["Polisi"]
    ev = events("Rudal itu melukai puluhan tentara Suriah dan Turki.")[0]
    assert ev["injuries"] == {"min": 20, "max": 99, "text": "puluhan"}
    assert [p["name"] for p in ev["targets"]] == ["tentara Suriah", "tentara Turki"]


def test_protest_with_what_it_opposes() -> None:
    evs = events("Ribuan demonstrasi menolak pengaruh Rusia digelar di Tbilisi pada Minggu (15/6/2025).")
    assert [e["type"] for e in evs] == ["PROTEST"]  # "menolak" is what the protest is about, not a rejection
    assert [p["country"] for p in evs[0]["targets"]] == ["RUS"]


def test_threat_from_a_promised_attack() -> None:
    ev = events("Presiden Venezuela menyatakan akan membalas serangan itu.")[0]
    assert ev["type"] == "THREATEN" and ev["mode"] == "violence"


def test_writers_prediction_and_negation_are_no_events() -> None:
    assert events("Pangkalan itu diindikasikan akan menjadi target serangan.") == []
    assert events("Polisi tidak menangkap siapa pun dalam aksi itu.") == []
    assert events("Situasi keamanan di kota itu mulai terancam.") == []


def test_content_of_a_demand_is_not_an_event() -> None:
    evs = events("Mahasiswa mendesak pemerintah membebaskan para aktivis yang ditahan.")
    assert [e["type"] for e in evs] == ["REQUEST"]


def test_patron_is_not_a_co_actor_or_an_act_of_support() -> None:
    evs = events("Pada 2 Mei 2024, roket yang dilancarkan oleh milisi Houthi dukungan Iran menghantam kapal "
                 "dagang di Laut Merah.")
    assert [e["type"] for e in evs] == ["ASSAULT"]
    assert evs[0]["actors"][0]["text"] == "milisi Houthi"
    assert evs[0]["mode"] == "heavy-weapons"


def test_baca_juga_lines_never_yield_events() -> None:
    text = ("Polisi menangkap dua orang di Bekasi pada Senin (16/6/2025).\n"
            "Baca juga: Israel Serang Gaza, 20 Warga Tewas\n")
    evs = events(text)
    assert len(evs) == 1 and evs[0]["type"] == "COERCE"


def test_one_act_told_twice_is_one_event() -> None:
    text = ("Kontak tembak antara polisi dan kelompok bersenjata terjadi di Distrik Sinak pada Senin (16/6/2025).\n"
            "Dalam kontak tembak itu, seorang anggota kelompok bersenjata tewas.\n"
            "Kontak tembak terjadi saat polisi melakukan patroli.")
    evs = [e for e in events(text) if e["type"] == "ASSAULT"]
    assert len(evs) == 1


def test_sequence_word_takes_the_last_date() -> None:
    text = ("Pada 27 Desember 2019, milisi menyerang pangkalan militer di Kirkuk.\n"
            "Berikutnya ribuan milisi melancarkan serangan ke Kedutaan AS di Baghdad.")
    evs = events(text, published=None)
    assert [e["date"]["start"] for e in evs] == ["2019-12-27", "2019-12-27"]
    assert evs[1]["location"]["text"].startswith("Kedutaan AS")


def test_publication_date_as_fallback_says_so() -> None:
    ev = events("Polisi menangkap dua pencuri di Bogor.")[0]
    assert ev["date"] == {"text": None, "start": "2025-06-18", "end": "2025-06-18", "precision": "publication"}


def test_historical_background_event() -> None:
    ev = events("Dia pernah terlibat dalam penyerangan kedutaan di Kuwait pada 1983.")[0]
    assert ev["historical"] is True
    assert ev["date"]["start"] == "1983-01-01"


@pytest.mark.parametrize("field", ["trigger", "evidence"])
def test_event_spans_index_the_original_text(field: str) -> None:
    text = "Sebanyak 44 wargaPalestinatewas akibat seranganIsraeldi Jalur Gaza, Jumat (20/6/2025)."
    res = run(text).to_dict()
    assert res["events"]
    for ev in res["events"]:
        sp = ev[field]
        assert text[sp["start"]:sp["end"]] == sp["text"]
        for p in ev["actors"] + ev["targets"]:
            if "span" in p:
                assert text[p["span"]["start"]:p["span"]["end"]] == p["span"]["text"] == p["text"]


@pytest.mark.parametrize(("text", "words"), [
    ("Sebanyak 44 wargaPalestinatewas akibat seranganIsraeldi Jalur Gaza, Jumat (20/6/2025).", "44"),
    ("Polisi menyerang markas kelompok itu di Kabupaten Intan Jaya, Senin (16/6/2025), dan tidak ada korban "
     "jiwa dalam serangan itu.", "tidak ada korban jiwa"),
])
def test_a_tolls_words_index_the_original_text(text: str, words: str) -> None:
    (toll,) = [ev.fatalities for ev in run(text).events if ev.fatalities is not None]
    assert toll.span is not None and toll.span.text == words
    assert text[toll.span.start:toll.span.end] == words


def test_seed_article_is_completely_right(seed_doc: dict[str, Any]) -> None:
    from conftest import SEED_GOLD, load_jsonl

    from peristiwa.eval.scoring import score

    res = extract(Document(id=seed_doc["id"], text=seed_doc["text"]), settings=FAST).to_dict()
    out = score({seed_doc["id"]: seed_doc["text"]}, load_jsonl(SEED_GOLD), {seed_doc["id"]: res}).summary()
    assert out["events_strict"]["f1"] == 1.0
    assert out["relations"]["f1"] == 1.0
    assert out["entities"]["unified"] == 1.0 and out["entities"]["country"] == 1.0
    baca = [i for i, line in enumerate(seed_doc["text"].splitlines()) if line.startswith("Baca Juga")]
    assert len(baca) == 2
    for ev in res["events"]:
        assert "Baca Juga" not in ev["evidence"]["text"]


def test_title_case_headline_is_no_event() -> None:
    text = ("Kelompok Bersenjata Serang Pos Polisi di Halmahera, Dua Polisi Tewas\n"
            "Sekelompok orang bersenjata menyerang pos polisi di Halmahera pada Senin (16/6/2025).")
    evs = events(text)
    assert len(evs) == 1
    assert evs[0]["evidence"]["text"].startswith("Sekelompok orang bersenjata")
    assert [p["name"] for p in evs[0]["actors"]] == ["orang bersenjata"]


def test_the_hurt_in_a_clash_are_its_targets() -> None:
    ev = events("Sekitar 30 petugas polisi terluka dalam bentrokan dengan pengunjuk rasa di La Paz.")[0]
    assert ev["type"] == "ASSAULT"
    assert [p["name"] for p in ev["actors"]] == ["pengunjuk rasa"]
    assert [p["name"] for p in ev["targets"]] == ["petugas polisi"]
    assert ev["injuries"] == 30


def test_condemnation_and_demand_by_one_speaker() -> None:
    evs = events("Menteri Luar Negeri Venezuela mengutuk keras serangan terbaru Kolombia dan menyerukan kepada PBB "
                 "untuk bertindak.")
    assert [e["type"] for e in evs] == ["ACCUSE", "REQUEST"]
    assert [p["country"] for p in evs[0]["targets"]] == ["COL"]


@pytest.mark.parametrize(("text", "target", "country"), [
    # the article names the state's leader: the protest is against them
    ("Ribuan buruh berunjuk rasa di depan Gedung Sate, Bandung, Kamis (19/6/2025). Sehari sebelumnya Presiden "
     "Prabowo Subianto meresmikan pabrik baru di Karawang.", "Prabowo Subianto", "IDN"),
    # no leader named: the government of the country the protest happens in, named as the article names it
    ("Ratusan mahasiswa menggelar demo di Washington, Amerika Serikat, Rabu (18/6/2025). Demonstran membawa "
     "spanduk dan bendera.", "pemerintah Amerika Serikat", "USA"),
])
def test_protest_with_no_stated_target_targets_the_government(text: str, target: str, country: str) -> None:
    ev = next(e for e in events(text) if e["type"] == "PROTEST")
    assert [(p["name"], p["country"], p.get("inferred")) for p in ev["targets"]] == [(target, country, True)]


def test_riot_and_protest_with_a_stated_target_get_no_government() -> None:
    riot = next(e for e in events("Kerusuhan pecah di Kota Sorong, Papua Barat Daya, Rabu (18/6/2025), "
                                  "setelah warga bentrok.") if e["type"] == "PROTEST")
    assert riot["mode"] == "riot" and riot["targets"] == []
    demo = next(e for e in events("Ratusan warga berunjuk rasa menolak PT Tambang Sejahtera di Kabupaten "
                                  "Luwu, Sulawesi Selatan, Rabu (18/6/2025).") if e["type"] == "PROTEST")
    assert all(not p.get("inferred") for p in demo["targets"])


def test_a_capital_that_acts_is_its_state_and_a_city_is_not() -> None:
    evs = events("Iran membantah tuduhan itu. Sebagai balasan, Teheran menyerang sejumlah pangkalan militer "
                 "di Irak pada Jumat (13/6/2025). Warga Sydney menggelar demo pada Sabtu (14/6/2025).")
    hit = next(e for e in evs if e["type"] == "ASSAULT")
    assert [(p["text"], p["name"], p["country"]) for p in hit["actors"]] == [("Teheran", "Iran", "IRN")]
    demo = next(e for e in evs if e["type"] == "PROTEST")
    assert [p["name"] for p in demo["actors"]] == ["Warga Sydney"]


def test_a_day_name_after_a_participant_is_not_part_of_it() -> None:
    ev = events("Iran meluncurkan gelombang serangan rudal ke Israel Sabtu dini hari.", "2025-06-15")[0]
    assert [p["text"] for p in ev["targets"]] == ["Israel"]
    assert ev["date"]["start"] == "2025-06-14"


@pytest.mark.parametrize(("text", "etype", "mode", "actors", "targets"), [
    ("Polisi mengamankan sembilan pelaku tawuran di Kebayoran Lama pada Senin (16/6/2025).",
     "COERCE", "arrest", ["Polisi"], ["sembilan pelaku"]),
    ("Menlu Sugiono menghadiri pertemuan tertutup Dewan Keamanan PBB pada Jumat (13/6/2025).",
     "CONSULT", "meet", ["Sugiono"], ["Dewan Keamanan PBB"]),
    ("Israel melanjutkan serangannya ke Rafah pada Selasa (17/6/2025).", "ASSAULT", None, ["Israel"], ["Rafah"]),
])
def test_arrest_idiom_attended_meeting_and_possessive_nouns(text: str, etype: str, mode: str | None,
                                                             actors: list[str], targets: list[str]) -> None:
    evs = events(text)
    assert [(e["type"], e["mode"]) for e in evs] == [(etype, mode)]
    assert names(evs[0]["actors"]) == actors and names(evs[0]["targets"]) == targets


def test_securing_a_place_is_not_an_arrest() -> None:
    assert events("Petugas mengamankan lokasi kejadian dan barang bukti pada Senin (16/6/2025).") == []


@pytest.mark.parametrize(("text", "types"), [
    # what is rejected or condemned is not an act of its own
    ("Menlu Jerman menolak keras segala bentuk pengusiran paksa terhadap warga Palestina pada Rabu (18/6/2025).",
     ["REJECT"]),
    # willing to be evacuated is not yet evacuated
    ("Sebanyak 115 WNI di Iran bersedia dievakuasi, kata Kemlu pada Rabu (18/6/2025).", []),
    # a body taken to hospital is recovered, not aided
    ("Seorang anggota KKB tewas tertembak dan kini jenazahnya dievakuasi ke RSUD Timika, Rabu (18/6/2025).",
     ["ASSAULT"]),
])
def test_content_of_a_rejection_willingness_and_bodies_are_not_acts(text: str, types: list[str]) -> None:
    assert [e["type"] for e in events(text)] == types


def test_one_clash_told_three_ways_is_one_event() -> None:
    evs = events("Aparat kepolisian terlibat baku tembak dengan kelompok kriminal bersenjata (KKB) di Kabupaten "
                 "Puncak, Papua Tengah. Kontak tembak antara polisi dan KKB terjadi di Distrik Ilaga pada Senin "
                 "(16/6/2025). Seorang anggota KKB tewas dalam kontak tembak itu.")
    assert [e["type"] for e in evs] == ["ASSAULT"]
    assert evs[0]["fatalities"] == 1 and evs[0]["date"]["start"] == "2025-06-16"
    # "kelompok kriminal bersenjata (KKB)" is the KKB entity, not a nameless group
    kkb = evs[0]["targets"][0]
    assert kkb["text"] == "kelompok kriminal bersenjata (KKB)" and kkb["entity"] is not None and kkb["country"] == "IDN"


def test_same_place_allows_a_regency_and_a_district_of_its_province_only() -> None:
    from peristiwa.events.drafts import same_place
    from peristiwa.places.gazetteer import Gazetteer
    from peristiwa.types import Location

    gaz = Gazetteer.default()

    def loc(name: str) -> Location:
        place = gaz.lookup(name)
        assert place is not None, name
        return Location(name, place)

    assert same_place(loc("Kabupaten Puncak"), loc("Distrik Ilaga"))
    assert not same_place(loc("Distrik Ilaga"), loc("Nabire"))  # two places of one province
    assert not same_place(loc("Kabupaten Puncak"), loc("Kota Bandung"))
    assert same_place(None, loc("Kota Bandung"))


@pytest.mark.parametrize(("text", "dead", "hurt"), [
    # the toll in the next sentence, through a name and co-nouns
    ("KKB menyerang sekolah di Distrik Anggruk, Kabupaten Yahukimo pada Jumat (13/6/2025). Akibatnya, seorang "
     "guru bernama Maria Sogen dinyatakan meninggal dunia dan 6 orang guru dan nakes lainnya mengalami luka-luka.",
     1, 6),
    # "lainnya" continues the toll just told
    ("Artileri menghantam desa di perbatasan pada Kamis (12/6/2025). Sebanyak 15 orang dilaporkan tewas. "
     "Sementara itu, 46 orang lainnya terluka.", 15, 46),
    # hospitalised people are hurt
    ("Seorang pria menusuk penumpang kereta di Kota Bandung pada Sabtu (14/6/2025). Sebanyak 11 orang dirawat "
     "di rumah sakit setelah insiden tersebut.", None, 11),
])
def test_tolls_told_after_the_attack(text: str, dead: int | None, hurt: int | None) -> None:
    evs = [e for e in events(text) if e["type"] == "ASSAULT"]
    assert len(evs) == 1
    assert (evs[0]["fatalities"], evs[0]["injuries"]) == (dead, hurt)


@pytest.mark.parametrize(("text", "types"), [
    ("Polisi menemukan dua kerangka manusia di lantai dua gedung itu pada Senin (16/6/2025).", []),
    ("Gubernur menemui perwakilan buruh di kantornya pada Senin (16/6/2025).", ["CONSULT"]),
    ("KBRI menyebar nomor telepon yang bisa dihubungi WNI selama aksi unjuk rasa berlangsung.", []),
    ("Presiden memuji Perdana Menteri Malaysia yang hendak mengirim bantuan ke Gaza.", ["SUPPORT"]),
    ("Warga tewas di dekat lokasi distribusi bantuan kemanusiaan di Rafah pada Senin (16/6/2025).", ["ASSAULT"]),
])
def test_finding_topics_and_described_plans_are_not_acts(text: str, types: list[str]) -> None:
    assert [e["type"] for e in events(text)] == types


@pytest.mark.parametrize(("text", "types"), [
    ("Ustad Yusuf menyampaikan pesan dalam memperingati Idul Adha di Kota Mulia.", []),
    ("Menlu memperingatkan Israel agar tidak menyerang Lebanon pada Senin (16/6/2025).", ["THREATEN"]),
    ("Houthi tetap memantau pergerakan kapal selama jeda serangan, kata peneliti itu.", []),
    ("Mereka menyebut migrasi massal telah menghancurkan ikatan yang menyatukan komunitas.", []),
])
def test_commemorating_pauses_and_abstract_damage_are_not_acts(text: str, types: list[str]) -> None:
    assert [e["type"] for e in events(text)] == types


def test_a_state_attacking_abroad_with_no_target_named_targets_that_country() -> None:
    evs = events("Iran mengecam keras Israel. Israel meluncurkan serangan udara terkoordinasi ke berbagai lokasi di "
                 "Iran pada Jumat (13/6/2025).")
    hit = next(e for e in evs if e["type"] == "ASSAULT")
    assert [(p["text"], p["country"], p.get("inferred")) for p in hit["targets"]] == [("Iran", "IRN", True)]
    # at home, no state is the target
    home = events("Polisi Indonesia menembak seorang pencuri di Kota Medan pada Jumat (13/6/2025).")[0]
    assert all(not p.get("inferred") for p in home["targets"])


def test_the_demands_of_a_protest_go_to_whom_it_protests() -> None:
    evs = events("Massa mahasiswa menggelar demo di Patung Kuda, Jakarta, Rabu (18/6/2025). Sebelumnya Presiden "
                 "Prabowo Subianto berpidato di Bogor. Dalam tuntutannya, mahasiswa meminta evaluasi program makan "
                 "gratis.")
    demand = next(e for e in evs if e["type"] == "REQUEST")
    assert [p["name"] for p in demand["targets"]] == ["Prabowo Subianto"]


@pytest.mark.parametrize(("text", "etype", "role", "expected"), [
    # what is fired is not the target
    ("Iran membalas dengan menembakkan drone dan rudal ke Israel pada Jumat (13/6/2025).", "ASSAULT", "targets",
     ["Israel"]),
    ("Pelaku melemparkan bom molotov ke rumah warga di Kota Makassar pada Kamis (12/6/2025).", "ASSAULT",
     "targets", ["rumah warga"]),
    ("Tentara menembak dua warga di Kabupaten Intan Jaya pada Kamis (12/6/2025).", "ASSAULT", "targets",
     ["dua warga"]),
    # the group protesters come from acts, a place does not
    ("Peserta aksi dari Aliansi Mahasiswa Bandung menggelar demo di depan Gedung Sate pada Senin (16/6/2025).",
     "PROTEST", "actors", ["Aliansi Mahasiswa Bandung"]),
    ("Warga dari Kecamatan Bua menggelar demo di depan kantor bupati pada Senin (16/6/2025).", "PROTEST",
     "actors", ["Warga"]),
])
def test_projectiles_and_groups_of_protesters(text: str, etype: str, role: str, expected: list[str]) -> None:
    ev = next(e for e in events(text) if e["type"] == etype)
    assert names(ev[role]) == expected


def test_a_running_toll_is_not_merged_into_the_first_strike() -> None:
    evs = events("Israel menyerang Iran pada Jumat (13/6/2025), yang mendorong Iran membalas dengan menembakkan rudal "
                 "ke Israel. Sementara serangan Iran ke Israel telah menewaskan sedikitnya 24 orang, kata otoritas.")
    by_iran = [e for e in evs if e["type"] == "ASSAULT" and [p["country"] for p in e["actors"]] == ["IRN"]]
    assert len(by_iran) == 2
    assert [e["fatalities"] for e in by_iran] == [None, 24]


def test_a_list_of_titled_officials_is_a_list_of_people() -> None:
    ev = events("Ketua aliansi meminta Gubernur Riau Abdul Wahid, Kapolda Riau Irjen Herry Heryawan, dan Bupati "
                "Pelalawan H Zukri untuk menyelesaikan sengketa lahan itu.")[0]
    assert ev["type"] == "REQUEST"
    assert names(ev["targets"]) == ["Abdul Wahid", "Herry Heryawan", "H Zukri"]


@pytest.mark.parametrize(("text", "actor"), [
    ("Suami korban menganiaya istrinya di Desa Sukamaju pada Senin (16/6/2025).", "Suami korban"),
    ("Sopir truk memblokir jalan di Pelabuhan Ketapang pada Senin (16/6/2025).", "Sopir truk"),
    ("Jaksa menahan kedua tersangka di Rutan Salemba pada Senin (16/6/2025).", "Jaksa"),
])
def test_people_named_by_their_kin_or_their_work_act(text: str, actor: str) -> None:
    assert names(events(text)[0]["actors"]) == [actor]


@pytest.mark.parametrize(("text", "actors", "targets"), [
    ("Militer Israel mengonfirmasi bahwa serangan udara yang dilancarkan terhadap reaktor nuklir itu berhasil.",
     ["Militer Israel"], ["reaktor nuklir itu"]),
    ("Israel yang mengklaim Iran berada di ambang mengembangkan senjata nuklir, melancarkan rentetan serangan "
     "udara sejak Jumat (13/6/2025).", ["Israel"], None),
    ("Iran dilaporkan menggunakan rudal balistik terbaru dalam serangan ke Israel pada Minggu (15/6/2025).",
     ["Iran"], ["Israel"]),
])
def test_attackers_behind_reports_relative_clauses_and_weapons(text: str, actors: list[str],
                                                                targets: list[str] | None) -> None:
    ev = next(e for e in events(text) if e["type"] == "ASSAULT")
    assert names(ev["actors"]) == actors
    if targets is not None:
        assert names(ev["targets"]) == targets


def test_a_title_with_a_demonstrative_is_the_person_named_with_that_title() -> None:
    text = ("Jaksa memeriksa mantan presiden Evo Morales pada Senin (16/6/2025). Timnya menyebut audio itu dibuat "
            "dengan Kecerdasan Buatan. Pemerintah mengajukan pengaduan terhadap mantan presiden tersebut.")
    evs = extract(Document(id="t", text=text, published="2025-06-18")).to_dict()["events"]
    accuse = next(e for e in evs if e["type"] == "ACCUSE")
    assert [(p["text"], p["name"]) for p in accuse["targets"]] == [("presiden tersebut", "Evo Morales")]


def test_what_a_thrown_thing_hit_is_the_target() -> None:
    ev = events("Pelaku melemparkan bom molotov hingga mengenai rumah warga di Kota Makassar pada Kamis (12/6/2025).")[0]
    assert names(ev["targets"]) == ["rumah warga"]


def test_two_means_on_two_targets_in_one_sentence_are_two_acts() -> None:
    evs = events("KKB menembak warga sipil dan membakar honai di Distrik Ilaga, Kabupaten Puncak, pada Rabu "
                 "(18/6/2025).")
    deeds = sorted((e["mode"], names(e["targets"])) for e in evs if e["type"] == "ASSAULT")
    assert deeds == [("destroy", ["honai"]), ("firearms", ["warga sipil"])]
    # a noun and a verb of one act stay one: "serangan udara … menghantam"
    one = events("Serangan udara Israel menghantam rumah warga di Kota Gaza pada Senin (9/6/2025).")
    assert [e["type"] for e in one] == ["ASSAULT"]


def test_a_thing_keeps_its_modifiers() -> None:
    ev = events("Serangan udara Israel menghantam area padat penduduk di Kota Gaza pada Senin (9/6/2025).")[0]
    assert names(ev["targets"]) == ["area padat penduduk"]


def test_those_held_together_with_the_subject_are_targets_too() -> None:
    ev = events("Aktivis Greta Thunberg sempat ditahan bersama belasan aktivis lainnya di pelabuhan Ashdod pada "
                "Senin (9/6/2025).")[0]
    assert ev["type"] == "COERCE"
    assert names(ev["targets"]) == ["Greta Thunberg", "belasan aktivis lainnya"]


def test_a_gunshot_wound_is_not_an_attack_by_the_wounded() -> None:
    evs = events("Sementara korban luka-luka yakni Amos (luka tembak di lengan kanan) dan Anis (luka tembak di kaki).")
    assert [e for e in evs if names(e["actors"]) in (["Amos"], ["Anis"])] == []


def test_the_day_a_statement_was_reported_is_not_the_day_of_the_attack() -> None:
    evs = events("Polisi menangkap tiga pelaku di Kota Timika, kata Kapolres kepada wartawan, dilansir Antara, Jumat "
                 "(20/6/2025).", "2025-06-21")
    assert evs[0]["type"] == "COERCE" and evs[0]["date"]["start"] != "2025-06-20"


def test_a_deployment_with_no_place_happens_in_the_orderers_country() -> None:
    evs = events("Israel kembali menyerang Gaza pada Senin (16/6/2025). Sementara itu Presiden Turki Recep Tayyip "
                 "Erdogan memerintahkan industri pertahanan meningkatkan produksi rudal.")
    mob = next(e for e in evs if e["type"] == "MOBILIZE")
    assert mob["location"]["country"] == "TUR"


def test_a_dated_statement_dates_the_speakers_undated_words_around_it() -> None:
    evs = events("Kanselir Friedrich Merz mengecam operasi militer Israel di Jalur Gaza. Dalam pernyataannya pada "
                 "Senin (26/5/2025), Merz mengatakan akan berbicara dengan Netanyahu. Ia juga menolak segala bentuk "
                 "pengusiran paksa terhadap warga Palestina.", "2025-05-29")
    dated = {e["type"]: e["date"]["start"] for e in evs}
    assert dated == {"ACCUSE": "2025-05-26", "REJECT": "2025-05-26"}


def test_a_strike_placed_only_in_the_attackers_country_happened_where_it_landed() -> None:
    ev = events("Iran membalas dengan menembakkan drone dan rudal ke Israel dari wilayah Iran pada Jumat (13/6/2025).")[0]
    assert ev["type"] == "ASSAULT" and ev["location"]["country"] == "ISR"


def test_no_deaths_goes_to_the_incident_not_to_the_response() -> None:
    evs = events("KKB melepaskan tembakan ke arah Bandara Aminggaru di Distrik Ilaga pada Rabu (18/6/2025). Aparat "
                 "yang merespons tembakan itu berhasil memukul mundur para pelaku. Peristiwa itu terjadi pada pagi "
                 "hari. Aparat melaporkan tidak ada korban jiwa dalam insiden tersebut.")
    first = next(e for e in evs if e["trigger"]["text"] == "melepaskan tembakan")
    assert first["fatalities"] == 0


def test_a_bare_thing_is_the_one_named_with_that_noun_before() -> None:
    text = ("Kapal bernama Madleen membawa bantuan ke Gaza. Kapal yang berangkat dari Italia pada 1 Juni lalu itu "
            "dicegat pasukan Israel di perairan internasional pada Senin (9/6/2025).")
    evs = extract(Document(id="t", text=text, published="2025-06-18")).to_dict()["events"]
    seized = next(e for e in evs if e["type"] == "COERCE")
    assert [(p["text"], p["name"]) for p in seized["targets"]] == [("Kapal", "kapal Madleen")]


def test_a_date_in_a_clause_about_something_else_is_not_the_acts_date() -> None:
    ev = events("Israel kembali menyerang Gaza di tengah gencatan senjata yang berlaku sejak 10 Oktober lalu.",
                "2025-10-22")[0]
    assert ev["type"] == "ASSAULT" and ev["date"]["start"] == "2025-10-22"


def test_a_sentence_that_dates_the_incident_dates_the_acts_around_it() -> None:
    evs = events("Polisi menyebut tawuran tersebut terjadi pada Minggu (20/7/2025) dini hari. Kelompok remaja itu "
                 "berkeliling sebelum menyerang sekelompok anak muda di Jalan Palem.", "2025-07-23")
    hit = next(e for e in evs if e["type"] == "ASSAULT")
    assert hit["date"]["start"] == "2025-07-20"


@pytest.mark.parametrize(("text", "etype", "target"), [
    # police action with no one named falls on those who just attacked
    ("Sembilan pelaku tawuran menyerang sekelompok anak muda di Jalan Palem, Jakarta, pada Minggu (20/7/2025). "
     "Polisi juga menyita senjata tajam yang digunakan, yaitu celurit dan golok.", "COERCE", "pelaku"),
    # condemning the attack told before targets its attackers, not whom the speaker asks
    ("Kelompok bersenjata menyerang pos polisi di Kecamatan Oba pada Senin (3/3/2025). Polisi menangkap empat "
     "orang di Desa Payahe. Gubernur mengecam serangan itu dan meminta warga tetap tenang.", "ACCUSE",
     "Kelompok bersenjata"),
])
def test_acts_pointing_at_the_last_attack_target_its_attackers(text: str, etype: str, target: str) -> None:
    ev = next(e for e in events(text) if e["type"] == etype)
    assert [(p["name"], p.get("inferred")) for p in ev["targets"]] == [(target, True)]


def test_a_possessive_pronoun_is_not_a_participant() -> None:
    evs = events('Polisi menembak dua pelaku di Kota Ternate pada Senin (3/3/2025). "Dua rekan kami gugur di tempat," '
                 "kata Kapolda Bambang Sutrisno kepada wartawan.")
    assert not [p for e in evs for p in e["actors"] + e["targets"] if p["text"] == "kami"]


def test_perpetrators_named_again_vaguely_are_the_same_attackers() -> None:
    evs = events("Kelompok bersenjata menyerang pos polisi di Distrik Ilaga, Kabupaten Puncak, pada Senin (16/6/2025). "
                 "Polisi mengatakan para pelaku menyerang pos polisi itu dari arah hutan di Distrik Ilaga.")
    assert [e["type"] for e in evs] == ["ASSAULT"]


def test_where_a_speaker_said_it_is_not_where_the_attack_happened() -> None:
    evs = events("Kelompok bersenjata menyerang pos polisi di Kecamatan Oba, Kota Tidore Kepulauan, pada Senin "
                 '(3/3/2025). "Dua rekan kami gugur di tempat," kata Kapolda kepada wartawan di Ternate, Selasa '
                 "(4/3/2025).")
    assert [(e["type"], e["location"]["name"], e["fatalities"]) for e in evs] == [("ASSAULT", "Oba", 2)]


def test_an_attack_that_prompts_a_reply_is_no_demand_and_the_reply_hits_the_attacker() -> None:
    evs = events("Israel meluncurkan serangan udara ke berbagai lokasi di Iran pada Jumat (13/6/2025). Serangan itu "
                 "kemudian mendorong Iran untuk melakukan serangan balasan.")
    assert [e["type"] for e in evs] == ["ASSAULT", "ASSAULT"]
    reply = evs[1]
    assert [p["country"] for p in reply["actors"]] == ["IRN"]
    assert [(p["country"], p.get("inferred")) for p in reply["targets"]] == [("ISR", True)]
    assert reply["location"]["country"] == "ISR"


@pytest.mark.parametrize(("text", "types"), [
    ("Kalangan buruh melakukan aksi dengan membawa beberapa tuntutan di Kota Bekasi pada Senin (16/6/2025).",
     ["PROTEST", "REQUEST"]),
    ("Israel melanjutkan aksi militer di Gaza pada Senin (16/6/2025).", []),
])
def test_an_action_with_demands_is_a_protest(text: str, types: list[str]) -> None:
    assert [e["type"] for e in events(text)] == types


@pytest.mark.parametrize("text", [
    "Sejak Oktober 2023, serangan pasukan itu telah menewaskan 5.000 warga di wilayah tersebut.",
    "Hingga kini, serangan kelompok bersenjata telah menewaskan 300 orang di provinsi itu.",
    "Sedikitnya 200 warga tewas akibat serangkaian serangan udara di kota itu.",
    "Jumlah korban tewas akibat serangan pasukan itu mencapai 900 orang.",
])
def test_a_running_toll_is_no_acts_toll(text: str) -> None:
    result = run(text).to_dict()
    assaults = [e for e in result["events"] if e["type"] == "ASSAULT"]
    assert assaults and all(e["fatalities"] is None for e in assaults)
    # the number stays among the document's quantities, where a reader can find it
    assert any(q["min"] >= 200 for q in result["quantities"])


@pytest.mark.parametrize(("text", "dead"), [
    ("Serangan udara menewaskan 12 warga di Rafah pada Senin (16/6/2025).", 12),
    ("Sedikitnya 44 warga tewas dalam serangkaian serangan udara di Rafah pada Senin (16/6/2025).", 44),
    ("Pasukan itu telah menewaskan sedikitnya 20 komandan dalam serangan udara pada Jumat (13/6/2025).", 20),
])
def test_one_acts_toll_stays(text: str, dead: int) -> None:
    assaults = [e for e in events(text) if e["type"] == "ASSAULT"]
    assert [e["fatalities"] for e in assaults][:1] == [dead]


def test_an_institution_named_after_its_seat_is_where_the_act_happened() -> None:
    ev = events("Polisi menahan AR di Polda Metro Jaya pada Senin (16/6/2025).")[0]
    assert ev["type"] == "COERCE"
    assert (ev["location"]["text"], ev["location"]["precision"]) == ("Polda Metro Jaya", "site")
    # a short form in brackets belongs to the name, and the city inside it places the site
    ev = events("Majelis hakim memvonis AR lima tahun penjara di Pengadilan Negeri (PN) Bandung pada Senin (16/6/2025).")[0]
    assert ev["location"]["text"] == "Pengadilan Negeri (PN) Bandung"
    assert (ev["location"]["precision"], ev["location"]["admin1"]) == ("site", "Jawa Barat")


def test_naming_a_suspect_is_an_allegation_and_setting_anything_else_is_not() -> None:
    def parsed(text: str) -> list[dict[str, Any]]:  # the names need the NLP model
        return extract(Document(id="t", text=text, published="2025-06-18")).to_dict()["events"]

    ev = parsed("Polisi menetapkan Budi Santoso sebagai tersangka pada Senin (16/6/2025).")[0]
    assert (ev["type"], ev["mode"]) == ("ACCUSE", "allege")
    assert names(ev["actors"]) == ["Polisi"] and names(ev["targets"]) == ["Budi Santoso"]
    ev = parsed("Budi Santoso ditetapkan tersangka oleh penyidik pada Senin (16/6/2025).")[0]
    assert (ev["type"], names(ev["targets"])) == ("ACCUSE", ["Budi Santoso"])
    assert events("Pemerintah menetapkan status darurat pada Senin (16/6/2025).") == []


def test_a_street_named_after_a_city_is_placed_by_where_it_is_not_by_that_city() -> None:
    ev = events("Ribuan mahasiswa berdemonstrasi di Jalan Medan Merdeka Selatan, Jakarta Pusat, pada Senin "
                "(16/6/2025).")[0]
    assert ev["type"] == "PROTEST" and ev["location"]["text"].startswith("Jalan Medan Merdeka Selatan")
    assert ev["location"]["admin1"] == "DKI Jakarta"  # not Medan, in North Sumatra
