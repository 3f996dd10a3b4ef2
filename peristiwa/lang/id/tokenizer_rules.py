"""Indonesian word lists that shape tokenization: clitics split the way UD Indonesian does.

The UD treebanks (CSUI, GSD, PUD) split the enclitic ``-nya`` off nouns and verbs
(``menyetujuinya`` → ``menyetujui`` + ``nya``) but keep lexicalised adverbs whole
(``sebelumnya``, ``biasanya``); ``-lah``/``-kah``/``-pun``/``-ku``/``-mu`` are split only
in a closed set of words.  These lists come from counting split vs. unsplit forms in the
treebanks' training files, plus words that only look like they end in a clitic.
"""

# Words ending in "nya" that stay one token (lexicalised, or "nya" is part of the root).
NYA_WHOLE_WORDS: tuple[str, ...] = (
    "akhirnya", "awalnya", "berikutnya", "biasanya", "bertanya", "bertanya-tanya", "ditanya",
    "tertanya", "menanya", "diantaranya", "di antaranya", "dua-duanya", "dulunya", "kelihatannya",
    "kesemuanya", "khususnya", "lainnya", "makanya", "rupanya", "sayangnya", "sebaliknya",
    "sebelumnya", "sebenarnya", "sedikitnya", "seharusnya", "sekembalinya", "selanjutnya",
    "semestinya", "sepenuhnya", "sepertinya", "sesungguhnya", "setidaknya", "tampaknya",
    "tentunya", "umumnya", "untungnya", "seyogyanya", "sesampainya", "seandainya", "seadanya",
    "utamanya", "misalnya", "contohnya", "selebihnya", "selengkapnya", "semuanya", "keduanya",
    "ketiganya", "kesemuanya", "seluruhnya", "terutamanya", "agaknya", "nampaknya",
    # "nya" belongs to the root or to a name
    "Chechnya", "Chechnyan", "Ronya", "Sunya", "Dunya",
)

# Closed set of words whose particle or pronoun clitic UD splits off: (word, stem, clitic).
CLITIC_SPLITS: tuple[tuple[str, str, str], ...] = (
    ("apakah", "apa", "kah"), ("siapakah", "siapa", "kah"), ("bagaimanakah", "bagaimana", "kah"),
    ("mengapakah", "mengapa", "kah"), ("kapankah", "kapan", "kah"), ("berapakah", "berapa", "kah"),
    ("manakah", "mana", "kah"), ("dimanakah", "dimana", "kah"), ("bukankah", "bukan", "kah"),
    ("tidakkah", "tidak", "kah"), ("adakah", "ada", "kah"), ("inikah", "ini", "kah"),
    ("itukah", "itu", "kah"), ("haruskah", "harus", "kah"), ("bisakah", "bisa", "kah"),
    ("dapatkah", "dapat", "kah"), ("perlukah", "perlu", "kah"), ("sanggupkah", "sanggup", "kah"),
    ("jugakah", "juga", "kah"), ("benarkah", "benar", "kah"), ("mungkinkah", "mungkin", "kah"),
    ("inilah", "ini", "lah"), ("itulah", "itu", "lah"), ("demikianlah", "demikian", "lah"),
    ("bukanlah", "bukan", "lah"), ("tidaklah", "tidak", "lah"), ("sinilah", "sini", "lah"),
    ("situlah", "situ", "lah"), ("sekaranglah", "sekarang", "lah"), ("dialah", "dia", "lah"),
    ("merekalah", "mereka", "lah"), ("kamilah", "kami", "lah"), ("kitalah", "kita", "lah"),
    ("disinilah", "disini", "lah"), ("disitulah", "disitu", "lah"), ("disanalah", "disana", "lah"),
    ("apapun", "apa", "pun"), ("siapapun", "siapa", "pun"), ("ataupun", "atau", "pun"),
    ("manapun", "mana", "pun"), ("kapanpun", "kapan", "pun"), ("dimanapun", "dimana", "pun"),
    ("sekalipun", "sekali", "pun"), ("bagaimanapun", "bagaimana", "pun"),
    ("kepadaku", "kepada", "ku"), ("kepadamu", "kepada", "mu"), ("padaku", "pada", "ku"),
    ("padamu", "pada", "mu"), ("olehku", "oleh", "ku"), ("olehmu", "oleh", "mu"),
    ("denganku", "dengan", "ku"), ("denganmu", "dengan", "mu"), ("untukku", "untuk", "ku"),
    ("untukmu", "untuk", "mu"), ("bagiku", "bagi", "ku"), ("bagimu", "bagi", "mu"),
    ("milikku", "milik", "ku"), ("milikmu", "milik", "mu"),
)

# Arabic articles and Indonesian prefixes after which a hyphen never separates two words
# (al-Muhandis, Al-Quds, pro-Israel, non-Muslim, se-Indonesia, di-PHK).
HYPHEN_BOUND_PREFIXES: tuple[str, ...] = (
    "al", "el", "as", "ad", "ar", "an", "at", "az", "asy", "ash", "ud", "ul", "bin", "ibn", "abu",
    "pro", "anti", "non", "pasca", "pra", "eks", "ex", "di", "ke", "se", "ber", "ter", "me",
    "mem", "men", "meng", "peng", "pen", "pem", "per", "neo", "pan", "trans", "multi", "semi",
)

# Abbreviations written with a full stop that is part of the token, not a sentence end.
ABBREVIATIONS_WITH_PERIOD: tuple[str, ...] = (
    "PT.", "Tbk.", "CV.", "Jl.", "Jln.", "No.", "Kec.", "Kab.", "Kel.", "Prov.", "Dr.", "dr.",
    "Drs.", "Dra.", "Ir.", "Prof.", "H.", "Hj.", "KH.", "Sdr.", "Bpk.", "Ny.", "St.", "Tn.",
    "S.H.", "M.H.", "S.E.", "M.M.", "S.Sos.", "S.Pd.", "M.Si.", "S.T.", "S.Kom.", "Lc.",
    "Kol.", "Letkol.", "Mayjen.", "Brigjen.", "Irjen.", "Kombes.", "AKBP.", "Kapt.", "Serka.",
    "a.n.", "dll.", "dsb.", "dst.", "tsb.", "yth.", "Yth.", "u.p.", "s.d.", "s/d",
)
