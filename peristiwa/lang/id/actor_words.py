"""Indonesian words that say what kind of actor a name or phrase is.

``TITLES`` map titles, offices and ranks written before (or instead of) a person's name to
the sector they imply (see ``peristiwa.kb.SECTORS``); a titled mention is a PER.
``GROUP_SECTORS`` map the head nouns of group phrases (``milisi``, ``kelompok bersenjata``,
``partai``) to ``(type, sector)``.  ``COUNTRY_WORDS`` are the words that name a state when
they follow such a noun (``tentara Irak`` -> IRQ, ``tentara Zionis`` -> ISR); the KB's GPE
aliases apply in that position too.  Keys are written as news writes them; match them
case-insensitively except where a key is an all-caps abbreviation.
"""

from __future__ import annotations

TITLES: dict[str, str] = {
    # heads of state and government, ministers
    "Presiden": "GOV", "Wakil Presiden": "GOV", "Wapres": "GOV",
    "Perdana Menteri": "GOV", "PM": "GOV", "Wakil Perdana Menteri": "GOV", "Kanselir": "GOV",
    "Raja": "GOV", "Ratu": "GOV", "Sultan": "GOV", "Emir": "GOV", "Pangeran": "GOV",
    "Putra Mahkota": "GOV", "Pemimpin Tertinggi": "GOV", "Kepala Negara": "GOV",
    "Kepala Pemerintahan": "GOV",
    "Menteri": "GOV", "Wakil Menteri": "GOV", "Wamen": "GOV", "Menko": "GOV",
    "Menteri Luar Negeri": "GOV", "Menlu": "GOV", "Wamenlu": "GOV",
    "Menteri Pertahanan": "GOV", "Menhan": "GOV", "Menteri Dalam Negeri": "GOV", "Mendagri": "GOV",
    "Menteri Keuangan": "GOV", "Menkeu": "GOV", "Menteri Sekretaris Negara": "GOV", "Mensesneg": "GOV",
    "Menko Polkam": "GOV", "Menko Polhukam": "GOV", "Menteri Agama": "GOV", "Menag": "GOV",
    "Menteri Kesehatan": "GOV", "Menkes": "GOV", "Menteri Sosial": "GOV", "Mensos": "GOV",
    "Menteri Hukum": "GOV", "Menkum": "GOV", "Menteri HAM": "GOV", "Menkumham": "GOV",
    "Menteri Perhubungan": "GOV", "Menhub": "GOV", "Menteri Perdagangan": "GOV", "Mendag": "GOV",
    "Menteri Ketenagakerjaan": "GOV", "Menaker": "GOV", "Menteri ESDM": "GOV",
    "Sekretaris Negara": "GOV", "Mensesneg RI": "GOV",
    "Duta Besar": "GOV", "Dubes": "GOV", "Konsul Jenderal": "GOV", "Konjen": "GOV", "Diplomat": "GOV",
    "Utusan Khusus": "GOV",
    # local government
    "Gubernur": "GOV", "Wakil Gubernur": "GOV", "Wagub": "GOV", "Bupati": "GOV", "Wakil Bupati": "GOV",
    "Wali Kota": "GOV", "Walikota": "GOV", "Wakil Wali Kota": "GOV", "Camat": "GOV", "Lurah": "GOV",
    "Kepala Desa": "GOV", "Kades": "GOV", "Kepala Kampung": "GOV", "Sekda": "GOV",
    "Sekretaris Daerah": "GOV", "Kepala Dinas": "GOV", "Kadis": "GOV",
    # agency heads
    "Kepala BIN": "SPY", "Kepala BNPT": "GOV", "Kepala BNPB": "GOV", "Kepala Basarnas": "GOV",
    "Kepala BNN": "GOV", "Kepala BPBD": "GOV", "Direktur Mossad": "SPY", "Direktur CIA": "SPY",
    # legislature
    "Ketua DPR": "LEG", "Wakil Ketua DPR": "LEG", "Ketua MPR": "LEG", "Ketua DPRD": "LEG",
    "Anggota DPR": "LEG", "Anggota DPRD": "LEG", "Anggota Parlemen": "LEG", "Anggota Komisi": "LEG",
    "Legislator": "LEG", "Senator": "LEG", "Anggota Kongres": "LEG", "Ketua Parlemen": "LEG",
    "Ketua Komisi": "LEG",
    # parties
    "Ketua Umum": "POL", "Ketum": "POL", "Sekretaris Jenderal": "POL", "Sekjen": "POL",
    "Ketua Harian": "POL", "Politikus": "POL", "Politisi": "POL", "Kader": "POL",
    # police: titles and ranks (Polri ranks from Jenderal Polisi down to Bhayangkara)
    "Kapolri": "COP", "Wakapolri": "COP", "Kapolda": "COP", "Wakapolda": "COP", "Kapolres": "COP",
    "Kapolresta": "COP", "Kapolrestabes": "COP", "Wakapolres": "COP", "Kapolsek": "COP",
    "Kabareskrim": "COP", "Kadiv Humas": "COP", "Kabid Humas": "COP", "Kasat Reskrim": "COP",
    "Kasatreskrim": "COP", "Dirreskrimum": "COP", "Dirreskrimsus": "COP", "Kakorbrimob": "COP",
    "Dansat Brimob": "COP", "Kaops": "COP", "Kapolsubsektor": "COP",
    "Jenderal Polisi": "COP", "Komjen": "COP", "Komjen Pol": "COP", "Irjen": "COP", "Irjen Pol": "COP",
    "Brigjen Pol": "COP", "Brigjen Polisi": "COP", "Kombes": "COP", "Kombes Pol": "COP", "AKBP": "COP",
    "Kompol": "COP", "AKP": "COP", "Iptu": "COP", "Ipda": "COP", "Aiptu": "COP", "Aipda": "COP",
    "Bripka": "COP", "Brigpol": "COP", "Briptu": "COP", "Bripda": "COP", "Abripda": "COP",
    "Bharada": "COP", "Bharatu": "COP", "Bharaka": "COP", "Polwan": "COP",
    # armed forces: titles and ranks (TNI AD/AL/AU)
    "Panglima": "MIL", "Panglima TNI": "MIL", "Pangdam": "MIL", "Pangkostrad": "MIL",
    "Pangkoarmada": "MIL", "Pangkoopsud": "MIL", "Danjen Kopassus": "MIL", "Dankormar": "MIL",
    "KSAD": "MIL", "KSAL": "MIL", "KSAU": "MIL", "Kasad": "MIL", "Kasal": "MIL", "Kasau": "MIL",
    "Kepala Staf": "MIL", "Danrem": "MIL", "Dandim": "MIL", "Danramil": "MIL", "Danyon": "MIL",
    "Danki": "MIL", "Dansatgas": "MIL", "Komandan": "MIL", "Kapuspen TNI": "MIL", "Kapuspen": "MIL",
    "Kadispenad": "MIL", "Jenderal": "MIL", "Jenderal TNI": "MIL", "Letjen": "MIL", "Letnan Jenderal": "MIL",
    "Mayjen": "MIL", "Mayor Jenderal": "MIL", "Brigjen": "MIL", "Brigadir Jenderal": "MIL",
    "Brigjen TNI": "MIL", "Kolonel": "MIL", "Letkol": "MIL", "Letnan Kolonel": "MIL", "Mayor": "MIL",
    "Kapten": "MIL", "Lettu": "MIL", "Letda": "MIL", "Letnan": "MIL", "Peltu": "MIL", "Pelda": "MIL",
    "Serma": "MIL", "Serka": "MIL", "Sertu": "MIL", "Serda": "MIL", "Sersan": "MIL", "Kopka": "MIL",
    "Koptu": "MIL", "Kopda": "MIL", "Kopral": "MIL", "Praka": "MIL", "Pratu": "MIL", "Prada": "MIL",
    "Laksamana": "MIL", "Laksdya": "MIL", "Laksda": "MIL", "Laksma": "MIL",
    "Marsekal": "MIL", "Marsdya": "MIL", "Marsda": "MIL", "Marsma": "MIL", "Marsekal Lapangan": "MIL",
    "Jenderal Senior": "MIL",
    # intelligence
    "Kepala Intelijen": "SPY",
    # judiciary and prosecutors
    "Hakim": "JUD", "Ketua Majelis Hakim": "JUD", "Hakim Konstitusi": "JUD", "Hakim Agung": "JUD",
    "Ketua MK": "JUD", "Ketua MA": "JUD", "Jaksa": "JUD", "Jaksa Agung": "JUD",
    "Jaksa Penuntut Umum": "JUD", "JPU": "JUD", "Kajati": "JUD", "Kajari": "JUD", "Ketua KPK": "JUD",
    "Penyidik": "JUD",
    # international organisations
    "Sekjen PBB": "IGO", "Sekretaris Jenderal PBB": "IGO", "Utusan Khusus PBB": "IGO",
    "Pelapor Khusus PBB": "IGO", "Komisaris Tinggi PBB": "IGO", "Sekjen NATO": "IGO",
    "Dirjen IAEA": "IGO", "Dirjen WHO": "IGO",
    # religion
    "Ayatollah": "REL", "Ayatullah": "REL", "Ayatolah": "REL", "Hujjatul Islam": "REL",
    "Syekh": "REL", "Syeikh": "REL", "Sheikh": "REL", "Imam Besar": "REL", "Ulama": "REL", "Mufti": "REL",
    "Kiai": "REL", "Kyai": "REL", "KH": "REL", "Habib": "REL", "Ustaz": "REL", "Ustad": "REL",
    "Ustadz": "REL", "Buya": "REL", "Paus": "REL", "Kardinal": "REL", "Uskup": "REL",
    "Uskup Agung": "REL", "Pendeta": "REL", "Pastor": "REL", "Romo": "REL", "Biksu": "REL",
    "Rabi": "REL",
    # media, education, business, civil society
    "Wartawan": "MED", "Jurnalis": "MED", "Reporter": "MED", "Pemimpin Redaksi": "MED",
    "Rektor": "EDU", "Dekan": "EDU", "Dosen": "EDU", "Guru Besar": "EDU", "Profesor": "EDU",
    "Prof": "EDU", "Peneliti": "EDU",
    "CEO": "BUS", "Direktur Utama": "BUS", "Dirut": "BUS", "Presiden Direktur": "BUS",
    "Pengusaha": "BUS", "Komisaris Utama": "BUS",
    "Aktivis": "CVL", "Koordinator Aksi": "CVL", "Koordinator Lapangan": "CVL", "Korlap": "CVL",
    "Ketua RT": "CVL", "Ketua RW": "CVL", "Tokoh Adat": "CVL", "Tokoh Masyarakat": "CVL",
    "Kepala Suku": "CVL",
    # non-state armed groups
    "Pemimpin Milisi": "REB", "Komandan Milisi": "REB", "Pimpinan KKB": "REB", "Panglima KKB": "REB",
    "Panglima TPNPB": "REB", "Juru bicara TPNPB": "REB", "Pemimpin Hamas": "REB",
    "Pemimpin Hizbullah": "REB",
}

# Head nouns of group phrases -> (entity type, sector).  Crowds and populations are NORP.
GROUP_SECTORS: dict[str, tuple[str, str]] = {
    "milisi": ("ORG", "REB"), "kelompok milisi": ("ORG", "REB"), "kelompok bersenjata": ("ORG", "REB"),
    "kelompok kriminal bersenjata": ("ORG", "REB"), "kelompok separatis": ("ORG", "REB"),
    "separatis": ("ORG", "REB"), "pemberontak": ("ORG", "REB"), "kelompok pemberontak": ("ORG", "REB"),
    "gerilyawan": ("ORG", "REB"), "kelompok teroris": ("ORG", "REB"), "teroris": ("ORG", "REB"),
    "jaringan teroris": ("ORG", "REB"), "militan": ("ORG", "REB"), "kelompok militan": ("ORG", "REB"),
    "pejuang": ("ORG", "REB"), "tentara bayaran": ("ORG", "REB"), "kelompok jihadis": ("ORG", "REB"),
    "sayap militer": ("ORG", "REB"),
    "partai": ("ORG", "POL"), "partai politik": ("ORG", "POL"), "parpol": ("ORG", "POL"),
    "koalisi": ("ORG", "POL"), "oposisi": ("ORG", "POL"), "fraksi": ("ORG", "LEG"),
    "parlemen": ("ORG", "LEG"), "kongres": ("ORG", "LEG"),
    "pasukan": ("ORG", "MIL"), "tentara": ("ORG", "MIL"), "militer": ("ORG", "MIL"),
    "angkatan bersenjata": ("ORG", "MIL"), "angkatan darat": ("ORG", "MIL"),
    "angkatan laut": ("ORG", "MIL"), "angkatan udara": ("ORG", "MIL"), "prajurit": ("ORG", "MIL"),
    "serdadu": ("ORG", "MIL"), "pasukan khusus": ("ORG", "MIL"),
    "pasukan keamanan": ("ORG", "MIL"), "aparat keamanan": ("ORG", "COP"), "junta": ("ORG", "MIL"),
    "junta militer": ("ORG", "MIL"), "marinir": ("ORG", "MIL"), "batalyon": ("ORG", "MIL"),
    "polisi": ("ORG", "COP"), "kepolisian": ("ORG", "COP"), "aparat kepolisian": ("ORG", "COP"),
    "petugas kepolisian": ("ORG", "COP"), "polisi militer": ("ORG", "MIL"), "aparat": ("ORG", "COP"),
    "intelijen": ("ORG", "SPY"), "badan intelijen": ("ORG", "SPY"), "dinas intelijen": ("ORG", "SPY"),
    "pemerintah": ("ORG", "GOV"), "pemerintahan": ("ORG", "GOV"), "otoritas": ("ORG", "GOV"),
    "pihak berwenang": ("ORG", "GOV"), "rezim": ("ORG", "GOV"), "kementerian": ("ORG", "GOV"),
    "kedutaan": ("ORG", "GOV"), "kedutaan besar": ("ORG", "GOV"), "kedubes": ("ORG", "GOV"),
    "pejabat": ("ORG", "GOV"), "diplomat": ("ORG", "GOV"),
    "pengadilan": ("ORG", "JUD"), "kejaksaan": ("ORG", "JUD"), "jaksa": ("ORG", "JUD"),
    "mahkamah": ("ORG", "JUD"),
    "mahasiswa": ("NORP", "EDU"), "pelajar": ("NORP", "EDU"), "siswa": ("NORP", "EDU"),
    "akademisi": ("NORP", "EDU"), "universitas": ("ORG", "EDU"), "kampus": ("ORG", "EDU"),
    "warga": ("NORP", "CVL"), "warga sipil": ("NORP", "CVL"), "penduduk": ("NORP", "CVL"),
    "rakyat": ("NORP", "CVL"), "masyarakat": ("NORP", "CVL"), "demonstran": ("NORP", "CVL"),
    "pengunjuk rasa": ("NORP", "CVL"), "pendemo": ("NORP", "CVL"), "massa": ("NORP", "CVL"),
    "massa aksi": ("NORP", "CVL"), "peserta aksi": ("NORP", "CVL"), "buruh": ("NORP", "CVL"),
    "pekerja": ("NORP", "CVL"), "serikat buruh": ("ORG", "CVL"), "serikat pekerja": ("ORG", "CVL"),
    "petani": ("NORP", "CVL"), "nelayan": ("NORP", "CVL"), "pengungsi": ("NORP", "CVL"),
    "aktivis": ("NORP", "CVL"), "relawan": ("NORP", "NGO"), "warga negara": ("NORP", "CVL"),
    "pemukim": ("NORP", "CVL"), "pengemudi ojek online": ("NORP", "CVL"), "ojol": ("NORP", "CVL"),
    "suporter": ("NORP", "CVL"),
    "lembaga swadaya masyarakat": ("ORG", "NGO"), "LSM": ("ORG", "NGO"),
    "organisasi kemanusiaan": ("ORG", "NGO"),
    "yayasan": ("ORG", "NGO"),
    "media": ("ORG", "MED"), "kantor berita": ("ORG", "MED"), "wartawan": ("NORP", "MED"),
    "jurnalis": ("NORP", "MED"),
    "perusahaan": ("ORG", "BUS"), "korporasi": ("ORG", "BUS"), "pengusaha": ("NORP", "BUS"),
    "ulama": ("NORP", "REL"), "ormas": ("ORG", "CVL"), "organisasi keagamaan": ("ORG", "REL"),
    "jemaah": ("NORP", "REL"), "santri": ("NORP", "REL"),
}

# Words naming a state after a head noun, besides the KB's GPE aliases: adjectival and
# figurative uses (``Zionis``), and the spellings news uses most, so this table works alone.
COUNTRY_WORDS: dict[str, str] = {
    "Indonesia": "IDN", "RI": "IDN", "Irak": "IRQ", "Iraq": "IRQ", "Iran": "IRN", "Israel": "ISR",
    "Zionis": "ISR", "Israil": "ISR", "AS": "USA", "Amerika": "USA", "Amerika Serikat": "USA",
    "Paman Sam": "USA", "Rusia": "RUS", "Ukraina": "UKR", "Tiongkok": "CHN", "China": "CHN", "Cina": "CHN",
    "Korut": "PRK", "Korea Utara": "PRK", "Korsel": "KOR", "Korea Selatan": "KOR", "Jepang": "JPN",
    "Palestina": "PSE", "Lebanon": "LBN", "Libanon": "LBN", "Suriah": "SYR", "Yaman": "YEM",
    "Turki": "TUR", "Mesir": "EGY", "Arab Saudi": "SAU", "Saudi": "SAU", "Qatar": "QAT",
    "Yordania": "JOR", "UEA": "ARE", "Kuwait": "KWT", "Bahrain": "BHR", "Oman": "OMN",
    "Inggris": "GBR", "Britania": "GBR", "Prancis": "FRA", "Perancis": "FRA", "Jerman": "DEU",
    "Belanda": "NLD", "Italia": "ITA", "Spanyol": "ESP", "Belgia": "BEL", "Polandia": "POL",
    "Myanmar": "MMR", "Thailand": "THA", "Kamboja": "KHM", "Filipina": "PHL", "Malaysia": "MYS",
    "Singapura": "SGP", "Vietnam": "VNM", "Timor Leste": "TLS", "Australia": "AUS",
    "Papua Nugini": "PNG", "India": "IND", "Pakistan": "PAK", "Afghanistan": "AFG",
    "Afganistan": "AFG", "Bangladesh": "BGD", "Sudan": "SDN", "Sudan Selatan": "SSD", "Libya": "LBY",
    "Somalia": "SOM", "Nigeria": "NGA", "Kanada": "CAN", "Meksiko": "MEX", "Brasil": "BRA",
    "Venezuela": "VEN", "Bolivia": "BOL", "Belarus": "BLR", "Georgia": "GEO", "Armenia": "ARM",
    "Azerbaijan": "AZE", "Taiwan": "TWN", "Selandia Baru": "NZL", "Afrika Selatan": "ZAF",
}

# Nouns after which a country word names the state the group belongs to.
COUNTRY_HEADS: tuple[str, ...] = (
    "tentara", "militer", "pasukan", "angkatan bersenjata", "angkatan darat", "angkatan laut",
    "angkatan udara", "prajurit", "polisi", "kepolisian", "pemerintah", "pemerintahan", "otoritas",
    "rezim", "parlemen", "presiden", "perdana menteri", "menteri", "menlu", "menhan", "pejabat",
    "diplomat", "kedutaan", "kedutaan besar", "kedubes", "intelijen", "milisi", "warga", "rakyat",
    "penduduk", "warga negara", "pesawat", "jet tempur", "kapal perang", "drone", "rudal", "delegasi",
    "junta", "junta militer", "pangkalan militer", "pemberontak", "oposisi",
)

# The title strings as written before a name, longest first so a regex alternation prefers
# "Menteri Luar Negeri" over "Menteri".
PERSON_TITLES: tuple[str, ...] = tuple(sorted(TITLES, key=len, reverse=True))

# Every word of every title, case-folded: leading words of a person mention that are not
# part of the name ("Kapolda Riau Irjen Herry Heryawan" -> drop "kapolda", "irjen").
TITLE_WORDS_FOLDED: frozenset[str] = frozenset(
    word.casefold() for title in TITLES for word in title.split()
)

# Case-folded first words of organisation names: a capitalised sequence that starts with one
# of these names an organisation ("Badan Gizi Nasional", "Federasi Serikat Pekerja ...").
ORG_HEAD_WORDS: frozenset[str] = frozenset({
    "kementerian", "kemenko", "badan", "komisi", "dewan", "majelis", "lembaga", "direktorat", "dinas",
    "kantor", "sekretariat", "otoritas", "pemerintah", "pemprov", "pemkab", "pemkot", "kedutaan",
    "kedubes", "konsulat", "partai", "organisasi", "gerakan", "front", "aliansi", "koalisi", "federasi",
    "konfederasi", "serikat", "asosiasi", "persatuan", "perhimpunan", "ikatan", "himpunan", "forum",
    "yayasan", "universitas", "institut", "politeknik", "akademi", "sekolah", "pesantren", "pt", "cv",
    "bank", "perusahaan", "pengadilan", "mahkamah", "kejaksaan", "kepolisian", "polda", "polres",
    "polresta", "polsek", "kodam", "korem", "kodim", "komando", "korps", "satgas", "satuan", "brigade",
    "batalyon", "resimen", "divisi", "detasemen", "pasukan", "tentara", "angkatan", "milisi", "kelompok",
    "dprd", "bem", "liga", "uni", "perserikatan",
})

# Sector of an unknown organisation named by its head word ("partai …" -> POL, "Kementerian …" -> GOV).
ORG_HEAD_SECTORS: dict[str, str] = {
    "kementerian": "GOV", "kemenko": "GOV", "badan": "GOV", "pemerintah": "GOV", "pemprov": "GOV",
    "pemkab": "GOV", "pemkot": "GOV", "kedutaan": "GOV", "kedubes": "GOV", "konsulat": "GOV",
    "partai": "POL", "kepolisian": "COP", "polda": "COP", "polres": "COP", "polsek": "COP",
    "polresta": "COP", "kodam": "MIL", "korem": "MIL", "kodim": "MIL", "pengadilan": "JUD",
    "mahkamah": "JUD", "kejaksaan": "JUD", "universitas": "EDU", "institut": "EDU", "bem": "EDU",
    "pt": "BUS", "perusahaan": "BUS", "bank": "BUS", "serikat": "CVL", "federasi": "CVL",
    "yayasan": "NGO", "aliansi": "CVL", "gerakan": "CVL", "front": "CVL",
}
