"""Indonesian words that state who belongs to whom (see ``peristiwa.actors.relations``)."""

# "X anggota Y", "X adalah mantan anggota Y": X member_of Y.
MEMBER_NOUNS: frozenset[str] = frozenset({"anggota", "kader", "personel", "prajurit", "politikus", "politisi",
                                          "pejuang", "militan", "simpatisan", "loyalis"})
# "X pimpinan Y", "pemimpin Y adalah X", "X (Panglima Y)": X leader_of Y.
LEADER_NOUNS: frozenset[str] = frozenset({
    "pemimpin", "pimpinan", "ketua", "panglima", "komandan", "presiden", "kepala", "pendiri", "sekjen",
    "raja", "ratu", "emir", "perdana", "kanselir", "gubernur", "bupati", "walikota", "wali", "direktur",
    "dirut", "kapolda", "kapolres", "kapolri", "pangdam", "danramil", "dandim", "kasad", "kasal", "kasau",
})
# Leader nouns whose object may be a state or region itself ("Presiden Turki", "Gubernur Riau").
STATE_LEADERS: frozenset[str] = frozenset({"presiden", "perdana", "raja", "ratu", "emir", "pemimpin", "kanselir",
                                           "gubernur", "bupati", "walikota", "wali", "sultan", "pimpinan"})
# Words after a leader noun that belong to the title ("pemimpin spiritual", "perdana menteri").
LEADER_TITLE_TAILS: frozenset[str] = frozenset({"spiritual", "tertinggi", "tinggi", "menteri", "umum",
                                                "besar", "kota", "utama", "senior", "agung", "revolusi"})
# "X bentukan Y", "X yang dibentuk oleh Y": X founded_by Y.
FOUNDED_MARKERS: frozenset[str] = frozenset({"bentukan", "didirikan", "dibentuk", "besutan"})
# "X dukungan Y", "X yang didukung Y": X supported_by Y.
SUPPORT_MARKERS: frozenset[str] = frozenset({"dukungan", "sokongan", "binaan", "didukung", "disokong",
                                             "dibekingi", "proksi"})
# "X, Pasukan Khusus Y", "X, sayap militer Y": X part_of Y.
PART_NOUNS: tuple[str, ...] = ("pasukan khusus", "sayap militer", "sayap bersenjata", "unit", "cabang",
                               "divisi", "satuan", "brigade", "batalion", "faksi", "bagian dari")
# "X bergabung dengan Y", "sekutu Y": X allied_with Y.
ALLY_MARKERS: tuple[str, ...] = ("bergabung dengan", "bersekutu dengan", "sekutu", "berkoalisi dengan")
OPPOSE_MARKERS: tuple[str, ...] = ("musuh", "rival", "lawan")
FORMER_MARKERS: frozenset[str] = frozenset({"mantan", "eks", "bekas", "purnawirawan"})

# "X adalah anggota Y", "Salah satu pemimpin Y adalah X": the copula links a holder to a role.
COPULAS: frozenset[str] = frozenset({"adalah", "merupakan", "ialah", "yakni", "yaitu"})
# Words skipped going back from a role phrase to its holder ("X yang sekaligus anggota …", "salah satu").
HOLDER_SKIP_WORDS: frozenset[str] = frozenset({"sendiri", "juga", "pun", "sekaligus", "salah", "satu"})
# Words skipped going back from a copula or "yang" to the holder ("X itu sendiri adalah …").
COPULA_SKIP_WORDS: frozenset[str] = frozenset({"sendiri", "juga", "pun", "ini", "itu", "tersebut"})
# "KKB pimpinan Jeki Murib": the person named after these leads the group named before.
LED_BY_MARKERS: frozenset[str] = frozenset({"pimpinan", "dipimpin"})
