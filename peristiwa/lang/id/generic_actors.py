"""Indonesian words for participants that name no one in particular, and the category each means.

``GENERIC_ACTORS`` maps a phrase (lower case; multi-word phrases as written, "orang tak
dikenal") to a category of ``peristiwa/data/crosswalk/actor_categories.tsv``.  A participant
matches a phrase when its name or text, lower-cased, is the phrase or starts with it followed
by a space; failing that, the first word is dropped when it is one of ``SKIP_WORDS``
("sejumlah", "para", "anggota", a number) and the rest is tried ("warga Palestina" -> civilians; "polisi Israel" -> police).  The longest
phrase wins.  A crowd that turns violent (``massa`` in an attack) becomes rioters in the export,
whatever its word says.
"""

from __future__ import annotations

GENERIC_ACTORS: dict[str, str] = {
    # civilians and the people an attack hits
    "warga": "civilians", "warga sipil": "civilians", "warga negara": "civilians", "penduduk": "civilians",
    "penduduk sipil": "civilians", "rakyat": "civilians", "masyarakat": "civilians", "orang": "civilians",
    "korban": "civilians", "keluarga": "civilians", "penumpang": "civilians", "pejalan kaki": "civilians",
    "pengendara": "civilians", "pengemudi": "civilians", "umat": "civilians", "jemaah": "civilians",
    "jamaah": "civilians", "santri": "civilians", "pedagang": "civilians", "sopir": "civilians",
    "turis": "civilians", "wisatawan": "civilians", "pemukim": "civilians", "sandera": "civilians",
    "tokoh masyarakat": "civilians", "tokoh adat": "civilians", "kepala suku": "civilians",
    "orang tua": "civilians", "lansia": "civilians", "pemuda": "civilians", "anak muda": "civilians",
    "warga desa": "civilians", "warga kampung": "civilians",
    "perempuan": "women", "wanita": "women", "ibu-ibu": "women", "ibu rumah tangga": "women",
    "anak-anak": "children", "bocah": "children", "balita": "children", "bayi": "children",
    "pelajar": "students", "siswa": "students", "mahasiswa": "students", "murid": "students",
    "buruh": "labour", "pekerja": "labour", "karyawan": "labour", "serikat buruh": "labour",
    "serikat pekerja": "labour", "ojol": "labour", "pengemudi ojek online": "labour",
    "wartawan": "journalists", "jurnalis": "journalists", "awak media": "journalists", "pewarta": "journalists",
    "tenaga kesehatan": "health_workers", "nakes": "health_workers", "dokter": "health_workers",
    "perawat": "health_workers", "bidan": "health_workers", "petugas medis": "health_workers",
    "paramedis": "health_workers", "tim medis": "health_workers",
    "guru": "teachers", "pengajar": "teachers", "dosen": "teachers",
    "relawan": "aid_workers", "pekerja kemanusiaan": "aid_workers", "petugas kemanusiaan": "aid_workers",
    "pengungsi": "refugees", "pencari suaka": "refugees",
    "tahanan": "prisoners", "narapidana": "prisoners", "napi": "prisoners", "tawanan": "prisoners",
    "petani": "farmers", "nelayan": "fishers",
    # crowds
    "demonstran": "protesters", "pengunjuk rasa": "protesters", "pendemo": "protesters",
    "massa": "protesters", "massa aksi": "protesters", "peserta aksi": "protesters",
    "peserta demo": "protesters", "peserta unjuk rasa": "protesters", "pemrotes": "protesters",
    "aktivis": "protesters",
    "perusuh": "rioters", "massa perusuh": "rioters", "kelompok perusuh": "rioters",
    # unidentified and unnamed armed actors
    "pelaku": "unidentified_armed_group", "orang tak dikenal": "unidentified_armed_group",
    "orang tidak dikenal": "unidentified_armed_group", "otk": "unidentified_armed_group",
    "orang bersenjata": "unidentified_armed_group", "pria bersenjata": "unidentified_armed_group",
    "kelompok bersenjata": "unidentified_armed_group", "kelompok tak dikenal": "unidentified_armed_group",
    "penembak": "unidentified_armed_group", "penembak misterius": "unidentified_armed_group",
    "petrus": "unidentified_armed_group", "penyerang": "unidentified_armed_group",
    "kawanan": "unidentified_armed_group", "komplotan": "unidentified_armed_group",
    "gerombolan": "unidentified_armed_group", "begal": "unidentified_armed_group",
    "milisi": "unidentified_armed_group", "kelompok milisi": "unidentified_armed_group",
    "pembunuh": "unidentified_armed_group", "pengebom": "unidentified_armed_group",
    "pemberontak": "rebels", "kelompok pemberontak": "rebels", "separatis": "rebels",
    "kelompok separatis": "rebels", "gerilyawan": "rebels", "militan": "rebels", "kelompok militan": "rebels",
    "teroris": "rebels", "kelompok teroris": "rebels",
    # state forces and the state
    "polisi": "police", "kepolisian": "police", "aparat kepolisian": "police", "petugas kepolisian": "police",
    "anggota polisi": "police", "personel polisi": "police", "polri": "police", "brimob": "police",
    "polwan": "police", "polres": "police", "polda": "police", "polsek": "police", "densus": "police",
    "aparat": "police", "aparat keamanan": "police", "petugas": "police", "satpol pp": "police",
    "personel gabungan": "police", "aparat gabungan": "police", "tim gabungan": "police",
    "tentara": "military", "militer": "military", "pasukan": "military", "prajurit": "military",
    "serdadu": "military", "angkatan bersenjata": "military", "angkatan darat": "military",
    "angkatan laut": "military", "angkatan udara": "military", "marinir": "military", "tni": "military",
    "pasukan keamanan": "military", "pasukan khusus": "military", "militer dan polisi": "military",
    "jet tempur": "military", "pesawat tempur": "military", "kapal perang": "military",
    "junta": "military", "junta militer": "military",
    "pemerintah": "government", "pemerintahan": "government", "otoritas": "government",
    "pihak berwenang": "government", "rezim": "government", "kementerian": "government",
    "pejabat": "government", "pemerintah daerah": "government", "pemda": "government",
}

# Leading words that do not change who a participant is ("sejumlah warga", "para demonstran",
# "anggota polisi", "seorang pelaku").  Numbers written in digits are skipped too.
SKIP_WORDS: frozenset[str] = frozenset({
    "para", "sejumlah", "beberapa", "seorang", "sekelompok", "segerombolan", "ribuan", "ratusan",
    "puluhan", "belasan", "banyak", "sebagian", "seluruh", "semua", "sedikitnya", "setidaknya",
    "sekitar", "lebih", "dari", "kurang", "hampir", "sebanyak", "dua", "tiga", "empat", "lima", "enam",
    "tujuh", "delapan", "sembilan", "sepuluh", "satu", "anggota", "pihak", "kalangan", "sang", "kaum",
})
