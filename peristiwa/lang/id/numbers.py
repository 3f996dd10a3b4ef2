"""Indonesian number words, vague amounts, approximation cues and the words around counts.

Plain data for :mod:`peristiwa.text.numbers`; the code there builds its regexes from these
constants. Keys are lower case unless a constant says otherwise.
"""

from __future__ import annotations

# Units: satu..sembilan.
UNITS: dict[str, int] = {
    "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7, "delapan": 8,
    "sembilan": 9,
}
# Words that are a whole 1..999 group on their own ("se-" = one).
FIXED: dict[str, int] = {"sepuluh": 10, "sebelas": 11, "seratus": 100}
TEENS_SUFFIX = "belas"  # dua belas = 12
TENS_SUFFIX = "puluh"  # dua puluh = 20
HUNDREDS_SUFFIX = "ratus"  # tiga ratus = 300
# Scale words after a 1..999 group (tiga ribu, 1,5 juta), and their "se-" forms (seribu = 1000).
SCALES: dict[str, int] = {
    "ribu": 1_000, "juta": 1_000_000, "miliar": 1_000_000_000, "milyar": 1_000_000_000,
    "triliun": 1_000_000_000_000,
}
ONE_SCALES: dict[str, int] = {
    "seribu": 1_000, "sejuta": 1_000_000, "semiliar": 1_000_000_000, "semilyar": 1_000_000_000,
    "setriliun": 1_000_000_000_000,
}
# "seorang" counts one person; it never takes a scale.
ONE_PERSON = "seorang"
# "setengah juta" = 500 000; only read before a scale word.
HALF = "setengah"

# Vague amounts alone, as the gold guidelines read them: (min, max).
VAGUE: dict[str, tuple[int, int]] = {
    "belasan": (11, 19),
    "puluhan": (20, 99),
    "ratusan": (100, 999),
    "ribuan": (1_000, 9_999),
    "jutaan": (1_000_000, 9_999_999),
    "miliaran": (1_000_000_000, 9_999_999_999),
    "milyaran": (1_000_000_000, 9_999_999_999),
}
# Vague amounts before a scale word, as multipliers of the scale: "puluhan ribu" = 10..99 x 1000
# (so 10 000-99 999: with a scale the lower tens are not excluded as "belasan" would cover them).
VAGUE_SCALED: dict[str, tuple[int, int]] = {
    "belasan": (11, 19),
    "puluhan": (10, 99),
    "ratusan": (100, 999),
    "ribuan": (1_000, 9_999),
}

# Cues before a number (lower case, single spaces), by how they change it.
APPROXIMATE: tuple[str, ...] = (
    "sekitar", "sekira", "kira-kira", "kurang lebih", "lebih kurang", "kisaran", "diperkirakan",
)
AT_LEAST: tuple[str, ...] = (
    "setidaknya", "sedikitnya", "minimal", "paling sedikit", "sekurang-kurangnya",
    "sekurangnya", "tidak kurang dari",
)
MORE_THAN: tuple[str, ...] = ("lebih dari", "di atas", "melebihi")
ALMOST: tuple[str, ...] = ("hampir", "nyaris", "mendekati")
LESS_THAN: tuple[str, ...] = ("kurang dari", "di bawah")

# Words joining the two ends of a range ("10 hingga 15", "dua atau tiga"); a dash also does.
RANGE_JOINERS: tuple[str, ...] = ("hingga", "sampai", "sampai dengan", "s.d.", "s.d", "s/d", "atau")
# "antara 10 dan 15".
RANGE_BETWEEN = ("antara", "dan")

# Counting classifiers between a number and its noun ("tiga orang warga", "dua unit mobil").
CLASSIFIERS: tuple[str, ...] = (
    "orang", "buah", "unit", "ekor", "pucuk", "bilah", "butir", "lembar", "batang", "helai", "biji",
)

# Words right after a number that make it a percentage, money, or a clock time.
PERCENT_WORDS: tuple[str, ...] = ("persen", "prosen", "%")
CURRENCY_WORDS: tuple[str, ...] = (
    "rupiah", "dolar", "dollar", "euro", "yen", "yuan", "renminbi", "ringgit", "riyal", "rial",
    "real", "rubel", "rupee", "rupi", "pound", "poundsterling", "won", "shekel", "syikal", "lira",
    "peso", "dinar", "dirham", "franc", "baht", "dong",
)
TIME_ZONES: tuple[str, ...] = ("WIB", "WITA", "WIT", "GMT", "UTC")
# Tokens right before a number that make it money (compared without a trailing dot).
CURRENCY_MARKS: tuple[str, ...] = (
    "rp", "idr", "usd", "us$", "$", "sgd", "s$", "rm", "eur", "€", "£", "¥", "a$", "aud", "jpy",
)
# Words right before a number that make it a label, not a count ("Pasal 28", "pukul 7",
# "siaga 1", "Nomor 110"); compared in lower case without a trailing dot.
LABEL_WORDS: tuple[str, ...] = (
    "pasal", "ayat", "nomor", "nomer", "no", "nmr", "tahun", "thn", "siaga", "level", "tingkat",
    "lantai", "halaman", "hlm", "hal", "jilid", "bab", "pukul", "pkl", "jam", "tanggal", "tgl",
    "km", "rt", "rw", "blok", "gang", "kav", "kavling", "seri", "tipe", "kode", "zona", "sektor",
    "gerbang", "pintu", "grup", "kompi", "peleton", "batalyon", "yonif", "kodim", "korem",
    "kodam", "koramil", "brigif", "lanud", "lantamal", "densus", "sesi", "babak", "putaran",
    "episode", "edisi", "volume", "vol", "versi", "kelas", "ruang", "kamar", "loket", "jalur",
    "peringkat", "urutan", "angka", "skor",
)
# Number expressions that are idioms, not counts (matched at the number, lower case).
IDIOMS: tuple[str, ...] = (
    "satu sama lain", "satu per satu", "satu demi satu", "seorang pun", "satu pun",
    "satu-satunya", "dua-duanya", "seorang diri",
)
# A word after the number that makes it "not one" (tidak seorang pun = nobody).
NEGATING_NEXT: tuple[str, ...] = ("pun",)

# Capitalised words that may stand right before a number at a sentence start without the
# number being part of a name ("Sebanyak 15 orang", "Kemudian 3 orang"); lower case.
QUANTITY_CUES: tuple[str, ...] = (
    "sebanyak", "sejumlah", "total", "setidaknya", "sedikitnya", "sekitar", "sekira", "hampir",
    "nyaris", "lebih", "kurang", "minimal", "hanya", "cuma", "ada", "terdapat", "tercatat",
    "mencapai", "hingga", "sampai", "kemudian", "lalu", "dari", "dengan", "sementara", "namun",
    "tetapi", "bahkan", "termasuk", "yakni", "yaitu", "adapun", "sedangkan", "selain", "sejak",
    "selama", "setelah", "sebelum", "dalam", "pada", "untuk", "oleh", "para", "kini", "saat",
    "akibatnya", "di", "ke", "sebelumnya", "diperkirakan", "kisaran", "antara", "jumlah",
    "sekurangnya", "tinggal", "masih", "baru", "juga", "pun", "itu", "ini", "korban", "mereka",
)

# Words that cannot be the head of the counted noun (function words, casualty verbs, "others").
NOT_NOUNS: tuple[str, ...] = (
    "yang", "di", "ke", "dari", "dan", "atau", "pada", "dalam", "untuk", "dengan", "oleh", "bagi",
    "kepada", "sejak", "hingga", "sampai", "sebelum", "setelah", "selama", "saat", "ketika",
    "tersebut", "itu", "ini", "lagi", "lainnya", "lain", "pun", "juga", "saja", "sudah", "telah",
    "akan", "masih", "belum", "tidak", "bukan", "adalah", "ialah", "merupakan", "menjadi", "jadi",
    "tewas", "luka", "luka-luka", "mati", "hilang", "selamat", "meninggal", "gugur", "wafat",
    "cedera", "kritis", "sekaligus", "sekitar", "lebih", "kurang", "hampir", "per", "x", "kali",
    "sebanyak", "sejumlah", "sebagai", "serta", "namun", "tetapi", "karena", "bahwa", "seperti",
    "antara", "atas", "bawah", "dia", "ia", "mereka", "kami", "kita", "saya", "kata", "ujar",
    "tersisa", "sisanya", "masing-masing", "pula", "lalu", "silam", "terakhir", "pertama",
    "sempat", "langsung", "segera", "kembali", "turut", "ikut", "harus", "bisa", "dapat", "mampu",
    "sedang", "tengah", "baru", "pernah", "hanya", "cuma", "semua", "seluruh", "para", "sama",
    "ada",
)
# Verb prefixes: a head word with one of these (and at least this long) is read as a verb
# ("ditembak", "terluka", "menewaskan") unless it is listed in NOUNS_WITH_VERB_PREFIX.
VERB_PREFIXES: tuple[str, ...] = ("me", "di", "ter", "ber")
VERB_PREFIX_MIN_LEN = 6
NOUNS_WITH_VERB_PREFIX: tuple[str, ...] = (
    "menteri", "mereka", "demonstran", "direktur", "diplomat", "distrik", "dinas", "dirjen",
    "direksi", "dirut", "dimensi", "diaspora", "digit", "dinasti", "tersangka", "terdakwa",
    "teroris", "terpidana", "terduga", "terowongan", "terminal", "teritori", "territorial",
    "bersenjata", "berita", "beras", "bendera", "meriam", "mesin", "menara", "meter", "merek",
    "mekanik", "medis", "media", "mediator", "mesjid", "metode", "menit", "meja", "mercon",
    "detik", "dekade", "derajat", "dewan", "demonstrasi", "depot", "berkas", "bersaudara",
    "berton-ton", "digital", "diktator", "dinamit",
)
# Lower-case words that extend the counted noun ("anggota milisi", "warga sipil").
NOUN_MODIFIERS: tuple[str, ...] = (
    "sipil", "militer", "milisi", "polisi", "tentara", "pasukan", "kelompok", "bersenjata",
    "keamanan", "gabungan", "medis", "kesehatan", "pengungsi", "asing", "negara", "kemanusiaan",
    "bantuan", "perempuan", "anak", "anak-anak", "laki-laki", "pria", "wanita", "lansia", "balita",
    "bayi", "dewasa", "remaja", "muda", "senior", "kriminal", "teroris", "separatis",
    "pemberontak", "perlawanan", "oposisi", "pemerintah", "demonstran", "pendemo", "jurnalis",
    "wartawan", "media", "partai", "organisasi", "ormas", "kepolisian", "intelijen", "angkatan",
    "udara", "laut", "darat", "tempur", "penjaga", "perdamaian", "relawan", "staf", "diplomatik",
    "diplomat", "kedutaan", "sekolah", "pelajar", "mahasiswa", "buruh", "pekerja", "petani",
    "nelayan", "aktivis", "senjata", "api", "tajam", "balistik", "jelajah", "kamikaze", "nirawak",
    "tanpa", "awak", "pengunjuk", "rasa", "unjuk", "rumah", "sakit", "ilmuwan", "nuklir",
    "garda", "revolusi", "pertahanan", "kapal", "perang", "pesawat", "helikopter", "jet",
    "tahanan", "sandera", "penumpang", "pengemudi", "ojek", "online", "daring", "honorer",
    "guru", "nakes", "tenaga", "kerja", "pengungsian",
)
# Nouns for people that may follow the classifier "orang" ("tiga orang warga"); any other
# word after "orang" is read as the predicate ("dua orang hadir").
PERSON_NOUNS: tuple[str, ...] = (
    "warga", "anggota", "personel", "prajurit", "tentara", "polisi", "petugas", "aparat",
    "pejabat", "guru", "siswa", "pelajar", "mahasiswa", "pekerja", "buruh", "petani", "nelayan",
    "anak", "anak-anak", "perempuan", "wanita", "pria", "lansia", "bayi", "balita", "korban",
    "pelaku", "tersangka", "terduga", "terdakwa", "demonstran", "pendemo", "pengunjuk", "aktivis",
    "jurnalis", "wartawan", "relawan", "pengungsi", "penumpang", "sandera", "tahanan",
    "narapidana", "militan", "pemberontak", "milisi", "teroris", "dokter", "perawat", "nakes",
    "pasien", "penduduk", "jemaah", "jamaah", "santri", "pendukung", "simpatisan", "pemain",
    "staf", "karyawan", "pegawai", "diplomat", "pendaki", "wisatawan", "turis", "pengemudi",
    "sopir", "remaja", "pemuda", "saksi", "pengawal", "penjaga", "pemimpin", "komandan",
)
