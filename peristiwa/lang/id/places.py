"""Indonesian place vocabulary: country and city names as Indonesian news writes them, prefixes, cues.

``tools/build_gazetteer.py`` bakes the name lists (``COUNTRY_NAMES``, ``EXONYMS``, ...) into
``peristiwa/data/places/places.tsv``; ``peristiwa.places.gazetteer`` reads the matching lists
(``STOP_NAMES``, ``AMBIGUOUS_NAMES``, ``PLACE_PREFIXES``, ``LOCATIVE_CUES``) at run time, so
editing those needs no rebuild.  The locative words that place an act (``SITE_LOCATIVES``,
``LOCATIVE_FILLERS``, ``DIRECTION_WORDS``, ``PLACE_OPENERS``) are read by ``peristiwa.places.locate``,
``peristiwa.events.place_model`` and ``peristiwa.text.clauses``.
"""

# Indonesian names of countries by ISO3, beyond the CLDR names that babel gives.
COUNTRY_NAMES: dict[str, tuple[str, ...]] = {
    "USA": ("Amerika Serikat", "Amerika", "Paman Sam", "Negeri Paman Sam"),
    "IRQ": ("Irak", "Iraq"),
    "IRN": ("Iran", "Persia"),
    "PRK": ("Korea Utara", "Korut"),
    "KOR": ("Korea Selatan", "Korsel"),
    "SAU": ("Arab Saudi", "Saudi", "Saudi Arabia"),
    "RUS": ("Rusia", "Federasi Rusia"),
    "GBR": ("Inggris", "Inggris Raya", "Britania Raya", "Britania"),
    "NLD": ("Belanda",),
    "DEU": ("Jerman",),
    "FRA": ("Prancis", "Perancis"),
    "CHN": ("Tiongkok", "China", "Cina"),
    "PSE": ("Palestina", "Negara Palestina"),
    "SYR": ("Suriah", "Syria"),
    "YEM": ("Yaman",),
    "LBN": ("Libanon", "Lebanon"),
    "EGY": ("Mesir",),
    "JOR": ("Yordania",),
    "TUR": ("Turki", "Turkiye", "Türkiye"),
    "PHL": ("Filipina",),
    "NZL": ("Selandia Baru",),
    "KHM": ("Kamboja",),
    "THA": ("Thailand",),
    "MMR": ("Myanmar", "Burma"),
    "BEL": ("Belgia",),
    "CHE": ("Swiss",),
    "ARE": ("Uni Emirat Arab", "Emirat Arab"),
    "IDN": ("Indonesia", "Republik Indonesia", "Tanah Air", "NKRI"),
    "ISR": ("Israel",),
    "JPN": ("Jepang",),
    "IND": ("India",),
    "PAK": ("Pakistan",),
    "AFG": ("Afganistan", "Afghanistan"),
    "SGP": ("Singapura",),
    "MYS": ("Malaysia", "Negeri Jiran"),
    "TLS": ("Timor Leste", "Timor-Leste"),
    "PNG": ("Papua Nugini", "Papua New Guinea"),
    "AUS": ("Australia",),
    "UKR": ("Ukraina",),
    "BRA": ("Brasil", "Brazil"),
    "ESP": ("Spanyol",),
    "ITA": ("Italia",),
    "GRC": ("Yunani",),
    "NOR": ("Norwegia",),
    "SWE": ("Swedia",),
    "FIN": ("Finlandia",),
    "DNK": ("Denmark",),
    "POL": ("Polandia",),
    "CZE": ("Ceko", "Republik Ceko"),
    "HUN": ("Hongaria",),
    "AUT": ("Austria",),
    "PRT": ("Portugal",),
    "IRL": ("Irlandia",),
    "CAN": ("Kanada",),
    "MEX": ("Meksiko",),
    "ARG": ("Argentina",),
    "COL": ("Kolombia",),
    "VEN": ("Venezuela",),
    "CUB": ("Kuba",),
    "BOL": ("Bolivia",),
    "ZAF": ("Afrika Selatan",),
    "NGA": ("Nigeria",),
    "MAR": ("Maroko",),
    "DZA": ("Aljazair",),
    "TUN": ("Tunisia",),
    "LBY": ("Libya",),
    "SDN": ("Sudan",),
    "SSD": ("Sudan Selatan",),
    "ETH": ("Etiopia", "Ethiopia"),
    "SOM": ("Somalia",),
    "KEN": ("Kenya",),
    "COD": ("Republik Demokratik Kongo", "RD Kongo"),
    "QAT": ("Qatar",),
    "KWT": ("Kuwait",),
    "BHR": ("Bahrain",),
    "OMN": ("Oman",),
    "VNM": ("Vietnam",),
    "LAO": ("Laos",),
    "BRN": ("Brunei", "Brunei Darussalam"),
    "BGD": ("Bangladesh",),
    "LKA": ("Sri Lanka",),
    "NPL": ("Nepal",),
    "TWN": ("Taiwan",),
    "HKG": ("Hong Kong", "Hongkong"),
    "VAT": ("Vatikan", "Takhta Suci"),
    "GEO": ("Georgia",),
    "ARM": ("Armenia",),
    "AZE": ("Azerbaijan",),
    "KAZ": ("Kazakhstan",),
    "UZB": ("Uzbekistan",),
    "BLR": ("Belarus",),
    "SRB": ("Serbia",),
    "HRV": ("Kroasia",),
    "BIH": ("Bosnia", "Bosnia dan Herzegovina", "Bosnia-Herzegovina"),
    "ROU": ("Rumania", "Romania"),
    "BGR": ("Bulgaria",),
    "MDA": ("Moldova",),
    "EST": ("Estonia",),
    "LVA": ("Latvia",),
    "LTU": ("Lituania", "Lithuania"),
    "CYP": ("Siprus",),
    "ISL": ("Islandia",),
    "LUX": ("Luksemburg",),
    "SVK": ("Slowakia",),
    "SVN": ("Slovenia",),
}

# Abbreviations matched only exactly as written (upper case): "tentara AS" but never "as".
COUNTRY_ABBREVIATIONS: dict[str, str] = {
    "AS": "USA", "RI": "IDN", "UEA": "ARE", "RRC": "CHN", "RRT": "CHN", "UK": "GBR",
    "USA": "USA", "PNG": "PNG", "DPRK": "PRK", "KSA": "SAU",
}

# Indonesian provinces: canonical name -> other names (abbreviations as Indonesian news uses them).
PROVINCE_NAMES: dict[str, tuple[str, ...]] = {
    "Aceh": ("Nanggroe Aceh Darussalam", "NAD", "Serambi Mekkah"),
    "Sumatera Utara": ("Sumut", "Sumatra Utara"),
    "Sumatera Barat": ("Sumbar", "Sumatra Barat"),
    "Riau": (),
    "Jambi": (),
    "Sumatera Selatan": ("Sumsel", "Sumatra Selatan"),
    "Bengkulu": (),
    "Lampung": (),
    "Kepulauan Bangka Belitung": ("Bangka Belitung", "Babel"),
    "Kepulauan Riau": ("Kepri",),
    "DKI Jakarta": ("Daerah Khusus Ibukota Jakarta", "Daerah Khusus Ibu Kota Jakarta", "DKJ",
                    "Daerah Khusus Jakarta"),
    "Jawa Barat": ("Jabar",),
    "Jawa Tengah": ("Jateng",),
    "DI Yogyakarta": ("Daerah Istimewa Yogyakarta", "DIY"),
    "Jawa Timur": ("Jatim",),
    "Banten": (),
    "Bali": (),
    "Nusa Tenggara Barat": ("NTB",),
    "Nusa Tenggara Timur": ("NTT",),
    "Kalimantan Barat": ("Kalbar",),
    "Kalimantan Tengah": ("Kalteng",),
    "Kalimantan Selatan": ("Kalsel",),
    "Kalimantan Timur": ("Kaltim",),
    "Kalimantan Utara": ("Kaltara",),
    "Sulawesi Utara": ("Sulut",),
    "Sulawesi Tengah": ("Sulteng",),
    "Sulawesi Selatan": ("Sulsel",),
    "Sulawesi Tenggara": ("Sultra",),
    "Gorontalo": (),
    "Sulawesi Barat": ("Sulbar",),
    "Maluku": (),
    "Maluku Utara": ("Malut",),
    "Papua": (),
    "Papua Barat": ("Pabar",),
    "Papua Selatan": (),
    "Papua Tengah": (),
    "Papua Pegunungan": (),
    "Papua Barat Daya": (),
}

# Other names of Indonesian regencies and cities (canonical name as in the Kemendagri list, minus
# "Kabupaten"/"Kota"), and of districts written apart or together.
REGENCY_NAMES: dict[str, tuple[str, ...]] = {
    "Jakarta Pusat": ("Jakpus",),
    "Jakarta Selatan": ("Jaksel",),
    "Jakarta Timur": ("Jaktim",),
    "Jakarta Barat": ("Jakbar",),
    "Jakarta Utara": ("Jakut",),
    "Surakarta": ("Solo",),
    "Yogyakarta": ("Jogja", "Yogya", "Jogjakarta", "Djokdja"),
    "Makassar": ("Ujung Pandang",),
    "Pegunungan Bintang": ("Bintang",),
    "Pematangsiantar": ("Pematang Siantar", "Siantar"),
    "Padangsidimpuan": ("Padang Sidempuan", "Padangsidempuan"),
    "Bau Bau": ("Baubau", "Bau-Bau"),
    "Parepare": ("Pare-Pare", "Pare Pare"),
    "Tidore Kepulauan": ("Tidore",),
    "Kepulauan Seribu": (),
}
DISTRICT_NAMES: dict[str, tuple[str, ...]] = {
    "Kramat Jati": ("Kramatjati",),
    "Pal Merah": ("Palmerah",),
    "Pulo Gadung": ("Pulogadung",),
    "Mimika Baru": ("Timika",),
}

# Indonesian names of foreign cities, regions and sites: alias -> "English name|ISO2" of the
# GeoNames city or first-level division (or the key of an extra place in the build script).
EXONYMS: dict[str, str] = {
    "Yerusalem": "Jerusalem|IL", "Al-Quds": "Jerusalem|IL", "Al Quds": "Jerusalem|IL",
    "Yerusalem Timur": "East Jerusalem|PS",
    "Teheran": "Tehran|IR", "Moskow": "Moscow|RU", "Den Haag": "The Hague|NL",
    "Jenewa": "Geneva|CH", "Kairo": "Cairo|EG", "Damaskus": "Damascus|SY", "Bagdad": "Baghdad|IQ",
    "Baghdad": "Baghdad|IQ", "Beirut": "Beirut|LB", "Amman": "Amman|JO", "Riyadh": "Riyadh|SA",
    "Mekkah": "Mecca|SA", "Makkah": "Mecca|SA", "Mekah": "Mecca|SA", "Madinah": "Medina|SA",
    "Jeddah": "Jeddah|SA", "Doha": "Doha|QA", "Abu Dhabi": "Abu Dhabi|AE", "Dubai": "Dubai|AE",
    "Manama": "Manama|BH", "Muskat": "Muscat|OM", "Kuwait City": "Kuwait City|KW",
    "Sanaa": "Sanaa|YE", "Sana'a": "Sanaa|YE", "Aden": "Aden|YE", "Hodeidah": "Al Hudaydah|YE",
    "Hudaydah": "Al Hudaydah|YE",
    "Ankara": "Ankara|TR", "Istanbul": "Istanbul|TR", "Kiev": "Kyiv|UA", "Kyiv": "Kyiv|UA",
    "Odessa": "Odesa|UA", "Kharkov": "Kharkiv|UA",
    "Beijing": "Beijing|CN", "Peking": "Beijing|CN", "Tokio": "Tokyo|JP", "Seoul": "Seoul|KR",
    "Pyongyang": "Pyongyang|KP", "Singapura": "Singapore|SG", "Kuala Lumpur": "Kuala Lumpur|MY",
    "Roma": "Rome|IT", "Wina": "Vienna|AT", "Praha": "Prague|CZ", "Warsawa": "Warsaw|PL",
    "Kopenhagen": "Copenhagen|DK", "Lisabon": "Lisbon|PT", "Athena": "Athens|GR",
    "Brussel": "Brussels|BE", "Munchen": "Munich|DE", "München": "Munich|DE",
    "Napoli": "Naples|IT", "Venesia": "Venice|IT", "Milan": "Milan|IT", "Florensia": "Florence|IT",
    "Washington DC": "Washington|US", "Washington D.C.": "Washington|US",
    "Gaza": "Gaza|PS", "Kota Gaza": "Gaza|PS", "Khan Younis": "Khan Yunis|PS",
    "Khan Yunis": "Khan Yunis|PS", "Rafah": "Rafah|PS", "Deir al-Balah": "Dayr al Balah|PS",
    "Deir el-Balah": "Dayr al Balah|PS", "Nuseirat": "An Nusayrat|PS", "Jabalia": "Jabalya|PS",
    "Beit Lahia": "Bayt Lahya|PS", "Beit Hanoun": "Bayt Hanun|PS", "Jenin": "Janin|PS",
    "Nablus": "Nablus|PS", "Tulkarem": "Tulkarm|PS", "Tulkarm": "Tulkarm|PS",
    "Ramallah": "Ramallah|PS", "Hebron": "Hebron|PS", "Betlehem": "Bethlehem|PS",
    "Jalur Gaza": "Gaza Strip|PS", "Gaza Utara": "North Gaza", "Tepi Barat": "West Bank|PS",
    "Nabatiyeh": "Nabatiye et Tahta|LB", "Nabatieh": "Nabatiye et Tahta|LB",
    "Tirus": "Tyre|LB", "Sidon": "Sidon|LB", "Baalbek": "Baalbek|LB",
    "Aleppo": "Aleppo|SY", "Homs": "Homs|SY", "Idlib": "Idlib|SY",
    "Mosul": "Mosul|IQ", "Basra": "Basrah|IQ", "Basrah": "Basrah|IQ", "Erbil": "Erbil|IQ",
    "Kirkuk": "Kirkuk|IQ", "Najaf": "Najaf|IQ", "Karbala": "Karbala|IQ", "Fallujah": "Fallujah|IQ",
    "Isfahan": "Isfahan|IR", "Esfahan": "Isfahan|IR", "Natanz": "Natanz|IR", "Arak": "Arak|IR",
    "Tabriz": "Tabriz|IR", "Shiraz": "Shiraz|IR", "Mashhad": "Mashhad|IR", "Qom": "Qom|IR",
    "Bushehr": "Bushehr|IR", "Bandar Abbas": "Bandar Abbas|IR", "Kermanshah": "Kermanshah|IR",
    "Haifa": "Haifa|IL", "Tel Aviv": "Tel Aviv|IL", "Eilat": "Eilat|IL", "Beersheba": "Beersheba|IL",
    "Beersyeba": "Beersheba|IL", "Askelon": "Ashkelon|IL", "Ashkelon": "Ashkelon|IL",
    "Ashdod": "Ashdod|IL", "Dimona": "Dimona|IL",
    # places that are no city (extra places of the build script)
    "Timur Tengah": "Middle East", "Laut Merah": "Red Sea", "Dataran Tinggi Golan": "Golan Heights",
    "Golan": "Golan Heights", "Fordow": "Fordow", "Fordo": "Fordow", "Parchin": "Parchin",
    "Selat Hormuz": "Strait of Hormuz", "Teluk Persia": "Persian Gulf", "Teluk Aden": "Gulf of Aden",
    "Laut China Selatan": "South China Sea", "Laut Cina Selatan": "South China Sea",
    "Laut Tiongkok Selatan": "South China Sea", "Laut Natuna Utara": "South China Sea",
    "Laut Mediterania": "Mediterranean Sea", "Laut Tengah": "Mediterranean Sea",
    "Laut Hitam": "Black Sea", "Terusan Suez": "Suez Canal", "Semenanjung Sinai": "Sinai",
    "Sinai": "Sinai", "Krimea": "Crimea", "Donbas": "Donbas",
    "Semenanjung Korea": "Korean Peninsula", "Selat Taiwan": "Taiwan Strait",
    "Selat Malaka": "Strait of Malacca", "Asia Tenggara": "Southeast Asia", "Eropa": "Europe",
    "Afrika": "Africa", "Asia": "Asia", "Amerika Latin": "Latin America", "Tanah Papua": "New Guinea",
    "Gedung Putih": "White House", "Kremlin": "Kremlin", "Pentagon": "Pentagon",
    "Jawa": "Java", "Pulau Jawa": "Java", "Sumatera": "Sumatra", "Sumatra": "Sumatra",
    "Kalimantan": "Borneo", "Borneo": "Borneo", "Sulawesi": "Sulawesi", "Lombok": "Lombok",
    "Flores": "Flores", "Madura": "Madura", "Halmahera": "Halmahera", "Pulau Bali": "Bali Island",
    "Nusa Tenggara": "Lesser Sunda Islands", "Pegunungan Tengah": "Papua Highlands",
    "Monas": "Monas", "Patung Kuda": "Patung Kuda", "Bundaran HI": "Bundaran HI",
    "Senayan": "Senayan",
}

# Names that are never a place on their own (direction and common words inside place names).
STOP_NAMES: frozenset[str] = frozenset({
    "tengah", "selatan", "utara", "timur", "barat", "pusat", "kota", "raya", "jaya", "baru", "besar",
    "kecil", "lama", "indah", "makmur", "sejahtera", "mandiri", "merdeka", "kampung", "desa",
    "pulau", "sungai", "gunung", "bukit", "tanjung", "teluk", "pasar", "daya", "laut", "darat",
    "hulu", "hilir", "ilir", "ulu", "dalam", "luar", "atas", "bawah", "satu", "dua", "tiga",
    "senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu", "mei", "juni", "juli",
    "agustus", "maret", "april", "the", "new", "saint", "san", "santa", "east", "west", "north",
    "south", "central", "city", "kabupaten", "provinsi", "kecamatan", "distrik", "kelurahan",
    "negara", "republik", "kerajaan", "persatuan", "federasi", "serikat", "islam", "muslim",
    "allah", "tuhan", "nabi", "presiden", "menteri", "polisi", "tentara", "rakyat", "bersatu",
    "harapan", "sentosa", "bahagia", "damai", "aman", "adil", "bangsa", "nasional",
})

# Place names that are also ordinary words: never matched sentence-initially, nor inside a longer
# capitalised name ("Hotel Mulia"), unless a place prefix ("Kota Batu") or a locative cue ("di Batu")
# comes first.  The build script flags more such names in the data: those the Indonesian corpora
# mostly write in lower case.
AMBIGUOUS_NAMES: frozenset[str] = frozenset({
    "batu", "solo", "raja", "mulia", "puncak", "arak", "bone", "buru", "seram", "palu", "malang",
    "batang", "serang", "banjar", "pati", "kudus", "malaka", "lima", "toba", "lingga", "ende",
    "gading", "tanah", "air", "harapan", "sinar", "mekar", "sari", "indah", "permai", "cahaya",
    "bayan", "aman", "sur", "normal", "union", "liberty", "independence", "unity", "eden",
    "temple", "delta", "alpha", "omega", "victory", "hope", "mentor", "concord", "providence",
    "metro", "balai", "rumah", "bank", "dome", "mach",
})

# Place names that are also personal names: taken only after a place prefix or a locative cue.
PERSON_LIKE_NAMES: frozenset[str] = frozenset({
    "agam", "bima", "bintang", "jordan", "chad", "victoria", "florence", "santiago", "hamilton",
    "lincoln", "jackson", "columbus", "kingston", "richmond", "charlotte", "aurora", "madison",
    "salem", "marion", "orlando", "troy", "said", "amar", "ali", "hasan", "hassan", "karim",
    "fatima", "amin", "nasir", "omar", "umar", "yusuf", "ibrahim", "ismail", "musa", "isa",
    "idris", "sultan", "maria", "santa maria", "medina",
})

# A place name right after one of these words (lower-cased) is taken even when ambiguous.
LOCATIVE_CUES: frozenset[str] = frozenset({
    "di", "ke", "dari", "menuju", "wilayah", "kawasan", "daerah", "sekitar", "dekat",
    "perbatasan", "pedalaman", "warga", "penduduk", "masyarakat", "asal", "hingga", "sampai",
    "kota", "kabupaten", "provinsi", "kecamatan", "distrik", "desa", "kampung", "kelurahan",
    "pulau", "tiba", "berangkat", "mengunjungi", "kunjungan", "bandara", "stasiun", "pelabuhan",
    "kamp", "ibukota",
})
# Words before the place an act happened at ("di Gaza", "menuju Rafah"); narrower than LOCATIVE_CUES,
# and without "dari": where people come from is not where it happened.
SITE_LOCATIVES: frozenset[str] = frozenset({"di", "ke", "dekat", "menuju"})
# Institutions named after the place they sit in: after a locative word ("diperiksa di Polda Metro
# Jaya", "melapor ke Polsek Darussalam", "sidang di Pengadilan Negeri Jakarta Selatan") the whole name
# is the site of the act, placed by the gazetteer name inside it.
SEAT_HEAD_WORDS: frozenset[str] = frozenset({
    "polda", "polres", "polresta", "polrestabes", "polsek", "polsekta", "mapolda", "mapolres",
    "mapolresta", "mapolrestabes", "mapolsek", "bareskrim", "propam", "satreskrim", "satresnarkoba",
    "ditreskrimum", "ditreskrimsus", "ditresnarkoba", "pengadilan", "pn", "mahkamah", "kejaksaan",
    "kejati", "kejari", "kejagung", "kodam", "korem", "kodim", "koramil", "makodam", "makorem",
    "makodim", "lantamal", "lanal", "polairud",
})
# Words that open a street's name; streets are named after places elsewhere ("Jalan Medan Merdeka").
STREET_WORDS: frozenset[str] = frozenset({"jalan", "jl", "jl.", "jln", "jln.", "gang", "gg", "gg.", "lorong"})
# Words that may stand between a SITE_LOCATIVES word and the place ("di wilayah selatan Lebanon").
LOCATIVE_FILLERS: frozenset[str] = frozenset({
    "depan", "dekat", "sekitar", "arah", "wilayah", "kawasan", "bagian", "lain", "sebelah", "selatan",
    "utara", "barat", "timur", "tengah", "dalam", "luar", "area", "lokasi", "halaman", "ibu", "kota", "atas",
    "sepanjang", "perairan", "langit", "pusat", "seluruh", "berbagai", "titik", "distrik", "kecamatan",
    "kabupaten", "provinsi", "desa", "kampung", "kelurahan", "negara",
})
# Compass words after a place name that belong to it ("Lebanon selatan", "Gaza barat daya").
DIRECTION_WORDS: frozenset[str] = frozenset({"selatan", "utara", "barat", "timur", "tengah", "barat daya",
                                             "tenggara", "timur laut", "barat laut"})
# A chunk right after one of these is a place, not a verb's subject ("dari Israel", "wilayah Lebanon");
# unlike SITE_LOCATIVES it takes "dari" and a few place nouns.
PLACE_OPENERS: frozenset[str] = frozenset({"di", "dekat", "ke", "dari", "wilayah", "kawasan", "kota",
                                          "menuju", "arah"})

# A doubtful name (an ordinary word, a personal name, a small town) right after one of these
# words, or right before one of PERSON_NEXT, is a person: "kata Umi", "Umi mengatakan".
PERSON_CUES: frozenset[str] = frozenset({
    "kata", "ujar", "tegas", "ucap", "tutur", "jelas", "imbuh", "ungkap", "sebut", "terang", "papar",
    "lanjut", "tambah", "menurut", "oleh", "bersama", "bapak", "ibu", "pak", "bu", "saudara",
    "disampaikan", "ditegaskan", "dijelaskan", "diungkapkan", "dikatakan", "sapaan", "akrab",
    "dipanggil", "bernama", "presiden", "menteri", "gubernur", "bupati", "wali", "kepala", "ketua",
    "panglima", "jenderal", "kapten", "komandan", "juru", "pemimpin", "tokoh", "warga bernama",
})
PERSON_NEXT: frozenset[str] = frozenset({
    "mengatakan", "menyebutkan", "menegaskan", "menjelaskan", "mengungkapkan", "menambahkan",
    "menyatakan", "berkata", "bilang", "menuturkan", "memaparkan", "menerangkan", "mengaku",
})

# Prefixes that name the kind of place: lower-cased prefix -> precisions to look for, in order.
# A capitalised prefix is part of the mention ("Kabupaten Nduga"); a lower-case one only hints.
PLACE_PREFIXES: dict[str, tuple[str, ...]] = {
    "kabupaten": ("admin2",), "kab": ("admin2",), "kab.": ("admin2",),
    "kota": ("city", "admin2"), "kotamadya": ("city",), "kota administrasi": ("city",),
    "provinsi": ("admin1",), "prov": ("admin1",), "prov.": ("admin1",), "propinsi": ("admin1",),
    "kecamatan": ("district", "city"), "kec": ("district",), "kec.": ("district",),
    "distrik": ("district", "city"),
    "kelurahan": ("village", "district"), "kel": ("village",), "kel.": ("village",),
    "desa": ("village", "district"), "kampung": ("village", "district"), "dusun": ("village",),
    "nagari": ("village",), "gampong": ("village",),
}
# Prefixes after which an unknown capitalised name is still a place of that precision.
OPEN_PREFIXES: dict[str, str] = {
    "desa": "village", "kampung": "village", "kelurahan": "village", "dusun": "village",
    "nagari": "village", "gampong": "village", "kecamatan": "district", "distrik": "district",
}
