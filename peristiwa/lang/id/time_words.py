"""Indonesian words for dates and times: month and weekday names, number words, cue words.

Plain data for :mod:`peristiwa.text.dates`; the code there builds its regexes from these constants.
Keys are lower case unless a constant says otherwise.
"""

from __future__ import annotations

# Full month names, with the older spellings still seen in print (Pebruari, Nopember).
MONTHS: dict[str, int] = {
    "januari": 1, "februari": 2, "pebruari": 2, "febuari": 2, "maret": 3, "april": 4, "mei": 5,
    "juni": 6, "juli": 7, "agustus": 8, "september": 9, "oktober": 10,
    "november": 11, "nopember": 11, "desember": 12,
}

# Abbreviations; only accepted next to a day number or a year, and may take a trailing dot.
MONTH_ABBREVIATIONS: dict[str, int] = {
    "jan": 1, "feb": 2, "peb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "agu": 8, "agt": 8,
    "ags": 8, "agst": 8, "agust": 8, "sep": 9, "sept": 9, "okt": 10, "nov": 11, "nop": 11, "des": 12,
}

# Weekday names as written (capitalised); Monday is 0 as in datetime.date.weekday().
WEEKDAYS: dict[str, int] = {
    "Senin": 0, "Selasa": 1, "Rabu": 2, "Kamis": 3, "Jumat": 4, "Jum'at": 4, "Jum’at": 4,
    "Sabtu": 5, "Minggu": 6, "Ahad": 6,
}
# The weekday name that is also the common noun "week"; read as "week" at a sentence start
# when followed by a relative word ("Minggu lalu, ..." = last week).
WEEKDAY_ALSO_WEEK = "Minggu"

# Number words (satu, dua belas, dua puluh satu) are those of ``numbers``.
# "se-" glued to a unit means one of it: sehari, seminggu, sebulan, setahun.
NUMBER_ONE_PREFIX = "se"
# Vague counts: (low, high).
VAGUE_COUNTS: dict[str, tuple[int, int]] = {"beberapa": (2, 7)}

# Units of time in relative expressions ("dua hari lalu"); values are the code's unit names.
TIME_UNITS: dict[str, str] = {
    "hari": "day", "pekan": "week", "minggu": "week", "bulan": "month", "tahun": "year",
    "jam": "hour", "dekade": "decade", "dasawarsa": "decade",
}

# Words after a unit or a name that place it relative to the publication date.
PAST_WORDS: tuple[str, ...] = ("yang lalu", "yang silam", "lalu", "silam", "lampau", "kemarin")
PRESENT_WORDS: tuple[str, ...] = ("ini",)
FUTURE_WORDS: tuple[str, ...] = ("depan", "mendatang", "yang akan datang", "nanti")
# After a count only: "dua hari lagi" = in two days.
FUTURE_POINT_WORDS: tuple[str, ...] = ("lagi",)
# Range up to the publication date: "dalam dua pekan terakhir".
RECENT_WORDS: tuple[str, ...] = ("terakhir", "belakangan", "belakangan ini")
# Range from the publication date forward: "tiga bulan ke depan".
AHEAD_WORDS: tuple[str, ...] = ("ke depan",)
# Relative to the previous date in the text (anaphoric).
AFTER_WORDS: tuple[str, ...] = (
    "kemudian", "setelahnya", "sesudahnya", "berikutnya", "setelah itu", "sesudah itu",
)
BEFORE_WORDS: tuple[str, ...] = ("sebelumnya", "sebelum itu")

# Single words and phrases meaning a day relative to the publication date.
DEICTIC_DAYS: dict[str, int] = {
    "hari ini": 0, "kemarin lusa": -2, "kemarin": -1, "besok": 1, "lusa": 2,
    "tadi malam": -1, "malam tadi": -1, "semalam": -1,
    "tadi pagi": 0, "pagi tadi": 0, "tadi siang": 0, "siang tadi": 0, "tadi sore": 0,
    "sore tadi": 0, "dini hari tadi": 0, "pagi ini": 0, "siang ini": 0, "sore ini": 0,
    "malam ini": 0,
}
# Deictic words that may be followed by a part of the day ("kemarin sore", "besok pagi").
DEICTIC_TAKES_PART_OF_DAY: tuple[str, ...] = ("kemarin", "besok", "lusa")
# "semalam" is "last night" unless a word around it makes it a duration ("menginap semalam",
# "semalam suntuk" = one whole night).
SEMALAM = "semalam"
SEMALAM_DURATION_CUES: tuple[str, ...] = ("selama", "menginap", "bermalam", "hanya", "cuma")
SEMALAM_DURATION_AFTER: tuple[str, ...] = ("suntuk",)

# Phrases meaning a day relative to the previous date in the text.
ANAPHORIC_DAYS: dict[str, int] = {
    "keesokan harinya": 1, "keesokan hari": 1, "keesokan paginya": 1, "keesokan malamnya": 1,
    "keesokan siangnya": 1, "keesokan sorenya": 1, "esok harinya": 1, "hari berikutnya": 1,
    "pada hari yang sama": 0, "hari yang sama": 0, "hari sebelumnya": -1, "malam sebelumnya": -1,
    "malam harinya": 0, "sore harinya": 0, "siang harinya": 0, "lusanya": 2,
}
# "dalam hitungan hari": from the previous date to this many days after it.
COUNTING_PHRASE = ("dalam", "hitungan")
COUNTING_SPANS_DAYS: dict[str, int] = {"jam": 1, "hari": 7, "pekan": 31, "minggu": 31, "bulan": 365}

# Parts of the day (kept inside a date's span, they do not move the date).
PARTS_OF_DAY: tuple[str, ...] = ("dini hari", "pagi", "siang", "sore", "petang", "malam", "subuh")

# Parts of a period: the first, middle or last stretch of a month (days), year (months),
# week (weekday numbers, Monday = 0; "akhir pekan" is the weekend) or decade (years).
PERIOD_PARTS: dict[str, str] = {
    "awal": "early", "permulaan": "early", "pertengahan": "mid", "medio": "mid", "tengah": "mid",
    "akhir": "late", "penghujung": "late", "ujung": "late",
}
MONTH_PART_DAYS: dict[str, tuple[int, int]] = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
YEAR_PART_MONTHS: dict[str, tuple[int, int]] = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}
WEEK_PART_DAYS: dict[str, tuple[int, int]] = {"early": (0, 1), "mid": (2, 3), "late": (5, 6)}
DECADE_PART_YEARS: dict[str, tuple[int, int]] = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}
WEEKEND_PHRASE = "akhir pekan"

# Words that link the two ends of a range ("12 hingga 14 Juni", "2020 sampai 2022").
RANGE_WORDS: tuple[str, ...] = ("hingga", "sampai", "sampai dengan", "s.d.", "s.d", "s/d", "sd")

# Words before a bare month name that show it is a date ("pada Juni", "sejak Maret").
MONTH_CUES: tuple[str, ...] = (
    "pada", "bulan", "sejak", "semenjak", "hingga", "sampai", "selama", "sepanjang", "per",
    "mulai", "jelang", "menjelang", "sebelum", "setelah", "sesudah", "usai", "pasca", "awal",
    "pertengahan", "medio", "akhir", "penghujung", "dari", "antara", "tanggal",
)
# Words joining listed months that share the year given last ("April dan Oktober 2024").
COORDINATORS: tuple[str, ...] = ("dan", "serta", "atau")
# "Since": before a day or month without a year it puts it in the past ("sejak 7 Oktober"); a toll
# counted since a time is a running total, no single act's ("sejak Oktober 2023, … tewas").
SINCE_WORDS: frozenset[str] = frozenset({"sejak", "semenjak"})
# Framing words that may stand alone before a date at a sentence's start ("Pada", "Sebelumnya", "Sejak").
DATE_FRAME_WORDS: frozenset[str] = frozenset({
    "pada", "sebelumnya", "kemudian", "sejak", "hingga", "saat", "di", "hari", "dalam", "sementara", "itu",
    "lalu", "namun",
})
# Words before a bare four-digit number that show it is a year ("pada 1983", "sejak 2001").
YEAR_CUES: tuple[str, ...] = (
    "pada", "tahun", "sejak", "semenjak", "hingga", "sampai", "selama", "sepanjang", "periode",
    "era", "per", "mulai", "jelang", "menjelang", "sebelum", "setelah", "sesudah", "usai", "pasca",
    "medio", "awal", "pertengahan", "akhir", "penghujung", "dekade", "kurun",
)
YEAR_WORD = "tahun"
MONTH_WORD = "bulan"
DAY_OF_MONTH_WORD = "tanggal"
DAY_WORD = "hari"
# Words introducing a decade: "tahun 1990-an", "era 80-an".
DECADE_CUES: tuple[str, ...] = ("tahun", "era", "dekade", "dasawarsa", "periode", "akhir", "awal")
DECADE_SUFFIX = "an"  # 1990-an

# Nouns after a number that show it is a count, not a year ("2000 tentara").
COUNT_NOUNS: tuple[str, ...] = (
    "orang", "jiwa", "warga", "tentara", "prajurit", "personel", "pasukan", "anggota", "polisi",
    "korban", "unit", "buah", "ekor", "rumah", "bangunan", "keluarga", "anak", "pengungsi",
    "demonstran", "pengunjuk", "peserta", "militan", "pejuang", "tahanan", "sandera", "ton", "kg",
    "km", "kilometer", "meter", "hektare", "hektar", "liter", "truk", "kendaraan", "roket",
    "rudal", "drone", "peluru", "senjata", "dolar", "rupiah", "euro", "kali", "lebih", "hari",
    "jam", "menit", "detik", "bulan", "pekan", "minggu", "kasus", "titik", "lokasi", "desa",
    "sekolah", "paket", "karung", "porsi", "lembar", "suara", "kursi", "pasien", "mahasiswa",
    "siswa", "pekerja", "buruh", "petani", "nelayan", "jemaah", "penumpang", "kapal", "pesawat",
)

# Words before a weekday that make it habitual ("setiap Senin"), not a date.
HABITUAL_CUES: tuple[str, ...] = ("setiap", "tiap", "saban", "tiap-tiap", "sehari-hari")

# Clock times: words before the time and zone abbreviations after it.
CLOCK_WORDS: tuple[str, ...] = ("pukul", "pkl.", "pkl", "jam")
TIME_ZONES: tuple[str, ...] = ("WIB", "WITA", "WIT", "GMT", "UTC", "waktu setempat")

# Seasons (northern hemisphere, meteorological): first and last month.  Winter of year Y runs
# from December Y to February Y+1.
SEASONS: dict[str, tuple[int, int]] = {
    "musim semi": (3, 5), "musim panas": (6, 8), "musim gugur": (9, 11), "musim dingin": (12, 2),
}

# Languages dateparser is asked to read date candidates that use no Indonesian month name
# ("June 20, 2025" in a quoted English statement).
DATEPARSER_LANGUAGES: tuple[str, ...] = ("id", "en")
