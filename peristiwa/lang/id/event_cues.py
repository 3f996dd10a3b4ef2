"""Indonesian event cues for the PLOVER types: roots, phrases, light verbs and mode words.

``ROOT_CUES`` rows are ``(root, type, mode, forms)``; ``forms`` letters pick the derived
forms (see ``morphology.derive``): ``a`` active ``meN-`` (with ``-kan``/``-i``), ``p`` passive
``di-``, ``n`` the ``-an`` noun, ``N`` the ``peN-…-an`` noun, ``t`` accidental ``ter-``,
``b`` the bare root (used in headlines and reported speech: "Iran klaim serang …").
``PHRASE_CUES`` rows are ``(phrase, type, mode, voice)`` with voice one of active, passive,
noun, intransitive (subject acts, no object), victim (subject is hurt: "tewas").
"""

ROOT_CUES: tuple[tuple[str, str, str | None, str], ...] = (
    # ASSAULT
    ("serang", "ASSAULT", None, "apnNb"),
    ("tembak", "ASSAULT", "firearms", "apnNtb"),
    ("bunuh", "ASSAULT", None, "apNt"),
    ("bom", "ASSAULT", "explosives", "apN"),
    ("gempur", "ASSAULT", None, "apn"),
    ("hantam", "ASSAULT", None, "ap"),
    ("bombardir", "ASSAULT", "aerial", "apN"),
    ("tusuk", "ASSAULT", "primitive", "apN"),
    ("culik", "ASSAULT", "abduct", "apN"),
    ("sandera", "ASSAULT", "abduct", "apN"),
    ("aniaya", "ASSAULT", "beat", "apN"),
    ("keroyok", "ASSAULT", "beat", "apN"),
    ("pukul", "ASSAULT", "beat", "ap"),
    ("tabrak", "ASSAULT", None, "ap"),
    ("bakar", "ASSAULT", "destroy", "apN"),
    ("hancur", "ASSAULT", "destroy", "a"),
    ("ledak", "ASSAULT", "explosives", "a"),
    ("bantai", "ASSAULT", "massacre", "apN"),
    ("eksekusi", "ASSAULT", "execute", "a"),
    ("rudal", "ASSAULT", "heavy-weapons", "p"),
    ("invasi", "ASSAULT", None, "a"),
    ("tewas", "ASSAULT", None, "a"),  # menewaskan
    ("luka", "ASSAULT", None, "a"),  # melukai
    ("lempar", "ASSAULT", "primitive", "a"),
    ("hujani", "ASSAULT", None, "ap"),
    # PROTEST
    ("demo", "PROTEST", "demo", "b"),
    ("protes", "PROTEST", "demo", "ab"),
    ("blokade", "PROTEST", "obstruct", "ap"),
    ("blokir", "PROTEST", "obstruct", "a"),
    # COERCE
    ("tangkap", "COERCE", "arrest", "apNt"),
    ("tahan", "COERCE", "arrest", "apN"),
    ("amankan", "COERCE", "arrest", "p"),
    ("ringkus", "COERCE", "arrest", "ap"),
    ("bekuk", "COERCE", "arrest", "ap"),
    ("deportasi", "COERCE", "deport", "apb"),
    ("sita", "COERCE", "seize", "apN"),
    ("geledah", "COERCE", "seize", "apN"),
    ("cegat", "COERCE", "seize", "apN"),
    ("larang", "COERCE", "ban", "apn"),
    ("bubar", "COERCE", "crowd-control", "N"),
    ("bubarkan", "COERCE", "crowd-control", "ap"),
    ("usir", "COERCE", "deport", "apN"),
    ("gusur", "COERCE", None, "apN"),
    ("sekat", "COERCE", "restrict", "N"),
    ("segel", "COERCE", "restrict", "apN"),
    ("blokir", "COERCE", "restrict", "p"),
    # THREATEN
    ("ancam", "THREATEN", None, "an"),
    ("peringat", "THREATEN", None, "an"),
    # ACCUSE
    ("tuduh", "ACCUSE", "allege", "apn"),
    ("tuding", "ACCUSE", "allege", "apn"),
    ("kecam", "ACCUSE", "disapprove", "apn"),
    ("kutuk", "ACCUSE", "disapprove", "apnb"),
    ("kritik", "ACCUSE", "disapprove", "apnb"),
    ("salahkan", "ACCUSE", "allege", "ap"),
    ("pertanyakan", "ACCUSE", "disapprove", "a"),
    ("soroti", "ACCUSE", "disapprove", "a"),
    ("tempatkan", "MOBILIZE", "troops", "ap"),
    ("selidik", "ACCUSE", "investigate", "apN"),
    ("sidik", "ACCUSE", "investigate", "aN"),
    ("dalami", "ACCUSE", "investigate", "ap"),
    ("adu", "ACCUSE", "allege", "N"),  # pengaduan
    ("gugat", "ACCUSE", "allege", "apn"),
    # REQUEST
    ("minta", "REQUEST", None, "ap"),
    ("desak", "REQUEST", None, "apn"),
    ("tuntut", "REQUEST", None, "apn"),
    ("seru", "REQUEST", None, "a"),
    ("imbau", "REQUEST", None, "apn"),
    ("mohon", "REQUEST", None, "a"),
    # REJECT
    ("tolak", "REJECT", None, "apN"),
    ("bantah", "REJECT", None, "apn"),
    ("tampik", "REJECT", None, "ap"),
    ("tentang", "REJECT", None, "a"),
    # SUPPORT
    ("dukung", "SUPPORT", None, "apn"),
    ("puji", "SUPPORT", None, "apn"),
    ("apresiasi", "SUPPORT", None, "ab"),
    # AGREE
    ("sepakat", "AGREE", None, "ab"),
    ("setuju", "AGREE", None, "ab"),
    # CONSULT
    ("kunjung", "CONSULT", "visit", "an"),
    ("runding", "CONSULT", None, "aN"),
    ("bicara", "CONSULT", None, "N"),
    ("mediasi", "CONSULT", "mediate", "b"),
    ("tengahi", "CONSULT", "mediate", "a"),
    # COOPERATE
    ("kerjasama", "COOPERATE", None, "b"),
    # AID
    ("evakuasi", "AID", None, "apb"),
    ("pulang", "AID", None, "N"),
    ("salur", "AID", None, "a"),
    # RETREAT
    ("bebas", "RETREAT", "release", "N"),
    ("bebaskan", "RETREAT", "release", "ap"),
    ("mundur", "RETREAT", "withdraw", "b"),
    # SANCTION
    ("vonis", "SANCTION", "convict", "apb"),
    ("jerat", "SANCTION", "convict", "p"),
    ("hukum", "SANCTION", "convict", "p"),
    ("sanksi", "SANCTION", None, "b"),
    ("embargo", "SANCTION", None, "b"),
    # MOBILIZE
    ("kerahkan", "MOBILIZE", "troops", "ap"),
    ("kerah", "MOBILIZE", "troops", "N"),
    ("siagakan", "MOBILIZE", None, "ap"),
    ("gerakkan", "MOBILIZE", None, "a"),
)

PHRASE_CUES: tuple[tuple[str, str, str | None, str], ...] = (
    ("unjuk rasa", "PROTEST", "demo", "noun"),
    ("berunjuk rasa", "PROTEST", "demo", "intransitive"),
    ("demonstrasi", "PROTEST", "demo", "noun"),
    ("berdemo", "PROTEST", "demo", "intransitive"),
    ("berdemonstrasi", "PROTEST", "demo", "intransitive"),
    ("aksi massa", "PROTEST", "demo", "noun"),
    ("aksi protes", "PROTEST", "demo", "noun"),
    ("aksi demo", "PROTEST", "demo", "noun"),
    ("turun ke jalan", "PROTEST", "demo", "intransitive"),
    ("mogok kerja", "PROTEST", "strike", "noun"),
    ("aksi mogok", "PROTEST", "strike", "noun"),
    ("mogok makan", "PROTEST", "hunger", "noun"),
    ("kerusuhan", "PROTEST", "riot", "noun"),
    ("ricuh", "PROTEST", "riot", "intransitive"),
    ("blokade jalan", "PROTEST", "obstruct", "noun"),
    ("memblokade jalan", "PROTEST", "obstruct", "intransitive"),
    ("tawuran", "ASSAULT", "primitive", "noun"),
    ("bentrok", "ASSAULT", None, "intransitive"),
    ("bentrokan", "ASSAULT", None, "noun"),
    ("baku tembak", "ASSAULT", "firearms", "noun"),
    ("kontak tembak", "ASSAULT", "firearms", "noun"),
    ("melepaskan tembakan", "ASSAULT", "firearms", "active"),
    ("tembak jatuh", "ASSAULT", "heavy-weapons", "active"),
    ("serangan udara", "ASSAULT", "aerial", "noun"),
    ("serangan rudal", "ASSAULT", "heavy-weapons", "noun"),
    ("serangan drone", "ASSAULT", "drone", "noun"),
    ("serangan balasan", "ASSAULT", None, "noun"),
    ("saling serang", "ASSAULT", None, "intransitive"),
    ("ditembak mati", "ASSAULT", "firearms", "passive"),
    ("bom bunuh diri", "ASSAULT", "explosives", "noun"),
    ("pemboman", "ASSAULT", "aerial", "noun"),
    ("menembakkan", "ASSAULT", "heavy-weapons", "active"),
    ("meluncurkan rudal", "ASSAULT", "heavy-weapons", "active"),
    ("menumpas", "ASSAULT", None, "active"),
    ("jam malam", "COERCE", "curfew", "noun"),
    ("keadaan darurat", "COERCE", "restrict", "noun"),
    ("darurat militer", "COERCE", "restrict", "noun"),
    ("akan membalas", "THREATEN", "violence", "intransitive"),
    ("bersumpah", "THREATEN", None, "intransitive"),
    ("menyerukan", "REQUEST", None, "active"),
    ("seruan", "REQUEST", None, "noun"),
    ("tuntutan", "REQUEST", None, "noun"),
    ("mengajukan pengaduan", "ACCUSE", "allege", "active"),
    ("tidak bisa ditoleransi", "ACCUSE", "disapprove", "intransitive"),
    ("tidak dapat ditoleransi", "ACCUSE", "disapprove", "intransitive"),
    ("tidak boleh ditoleransi", "ACCUSE", "disapprove", "intransitive"),
    ("tidak dapat dibenarkan", "ACCUSE", "disapprove", "intransitive"),
    ("tidak bisa dibenarkan", "ACCUSE", "disapprove", "intransitive"),
    ("kejahatan terhadap kemanusiaan", "ACCUSE", "disapprove", "noun"),
    ("kejahatan perang", "ACCUSE", "disapprove", "noun"),
    ("tindakan teroris", "ACCUSE", "disapprove", "noun"),
    ("aksi biadab", "ACCUSE", "disapprove", "noun"),
    ("melaporkan ke polisi", "ACCUSE", "allege", "active"),
    ("bekerja sama", "COOPERATE", None, "intransitive"),
    ("bekerjasama", "COOPERATE", None, "intransitive"),
    ("kerja sama", "COOPERATE", None, "noun"),
    ("bertemu", "CONSULT", "meet", "intransitive"),
    ("menemui", "CONSULT", "meet", "active"),  # not "menemukan": to find
    ("pertemuan", "CONSULT", "meet", "noun"),
    ("kunjungan", "CONSULT", "visit", "noun"),
    ("berkunjung", "CONSULT", "visit", "intransitive"),
    ("pembicaraan", "CONSULT", None, "noun"),
    ("perundingan", "CONSULT", None, "noun"),
    ("negosiasi", "CONSULT", None, "noun"),
    ("berunding", "CONSULT", None, "intransitive"),
    ("bertelepon", "CONSULT", "phone", "intransitive"),
    ("berkoordinasi", "CONSULT", None, "intransitive"),
    ("menjalin komunikasi", "CONSULT", None, "active"),
    ("kesepakatan", "AGREE", None, "noun"),
    ("mencapai kesepakatan", "AGREE", None, "active"),
    ("menandatangani", "AGREE", None, "active"),
    ("gencatan senjata berlaku", "RETREAT", "ceasefire", "noun"),
    ("mengumumkan gencatan senjata", "RETREAT", "ceasefire", "active"),
    ("menarik pasukan", "RETREAT", "withdraw", "active"),
    ("penarikan pasukan", "RETREAT", "withdraw", "noun"),
    ("ditarik", "RETREAT", "withdraw", "passive"),
    ("mengundurkan diri", "RETREAT", "resign", "intransitive"),
    ("membubarkan diri", "RETREAT", None, "intransitive"),
    ("bantuan kemanusiaan", "AID", None, "noun"),
    ("mengirim bantuan", "AID", None, "active"),
    ("mengirimkan bantuan", "AID", None, "active"),
    ("menyalurkan bantuan", "AID", None, "active"),
    ("memulangkan", "AID", None, "active"),
    ("menjatuhkan sanksi", "SANCTION", None, "active"),
    ("menjatuhkan vonis", "SANCTION", "convict", "active"),
    ("memutus hubungan", "SANCTION", "discontinue", "active"),
    ("menutup kedutaan", "SANCTION", "withdraw", "active"),
    ("mengusir diplomat", "SANCTION", "expel", "active"),
    ("dikerahkan", "MOBILIZE", "troops", "passive"),
    ("siaga 1", "MOBILIZE", None, "noun"),
    ("operasi militer", "ASSAULT", None, "noun"),
    ("pengamanan", "MOBILIZE", "police", "noun"),
    ("pengawalan", "MOBILIZE", "police", "noun"),
    ("mengirim pasukan", "MOBILIZE", "troops", "active"),
    ("mengirimkan pasukan", "MOBILIZE", "troops", "active"),
    ("menyiapkan pesawat", "MOBILIZE", None, "active"),
    ("menyiapkan pasukan", "MOBILIZE", "troops", "active"),
    ("menempatkan pasukan", "MOBILIZE", "troops", "active"),
    ("tewas", "ASSAULT", None, "victim"),
    ("terbunuh", "ASSAULT", None, "victim"),
    ("gugur", "ASSAULT", None, "victim"),
)

# Cues that count only with a qualifying word close after them: (form, type, mode, voice,
# qualifiers, window in words).  "dihadapi … secara brutal" is repression; "dihadapi" alone is not.
QUALIFIED_CUES: tuple[tuple[str, str, str | None, str, tuple[str, ...], int], ...] = (
    ("dihadapi", "COERCE", "crowd-control", "passive", ("brutal", "represif", "kekerasan", "keras"), 8),
    # "menetapkan tiga orang sebagai tersangka", "ditetapkan tersangka": naming a suspect is an allegation
    ("menetapkan", "ACCUSE", "allege", "active", ("tersangka", "terdakwa"), 8),
    ("menetapkannya", "ACCUSE", "allege", "active", ("tersangka", "terdakwa"), 3),
    ("ditetapkan", "ACCUSE", "allege", "passive", ("tersangka", "terdakwa"), 3),
    ("menghadapi", "COERCE", "crowd-control", "active", ("brutal", "represif", "kekerasan"), 8),
    ("ditindak", "COERCE", None, "passive", ("tegas", "keras", "represif"), 3),
    ("mendapatkan", "REQUEST", None, "passive", ("tekanan", "desakan"), 1),
    ("menyebut", "ACCUSE", "allege", "active", ("sebagai",), 8),
    ("mendorong", "REQUEST", None, "active", ("agar", "supaya", "untuk"), 6),
    ("berharap", "REQUEST", None, "active", ("agar", "supaya", "segera"), 5),
    ("memerintahkan", "MOBILIZE", None, "active", ("militer", "pasukan", "tentara", "polisi", "aparat",
                                                   "industri", "personel", "prajurit"), 3),
    ("mendapat", "REQUEST", None, "passive", ("tekanan", "desakan"), 1),
    # "melakukan aksi dengan membawa beberapa tuntutan": an action with demands is a protest (not "aksi militer")
    ("aksi", "PROTEST", "demo", "noun", ("tuntutan", "spanduk", "poster", "orasi", "unjuk"), 6),
    # "Polisi mengamankan sembilan pelaku": police "securing" people is an arrest (not "mengamankan lokasi")
    ("mengamankan", "COERCE", "arrest", "active", ("pelaku", "tersangka", "terduga", "orang", "pria",
                                                  "wanita", "remaja", "pemuda", "warga", "demonstran",
                                                  "pendemo", "provokator", "mahasiswa", "buruh", "anggota"), 3),
)

# The possessive suffix a noun cue may carry ("serangannya").
POSSESSIVE_SUFFIX = "nya"

# Verbs right after a protest noun that say what the protest is against: part of the protest.
PROTEST_CONTENT_VERBS: frozenset[str] = frozenset({
    "menolak", "menentang", "menuntut", "memprotes", "mengecam", "mengutuk", "mendesak", "meminta",
    "mendukung", "menyerukan",
})

PROTEST_CONTENT_TYPES: frozenset[str] = frozenset({"REJECT", "ACCUSE", "REQUEST", "SUPPORT"})

# Verbs that carry a nominal event: "melancarkan serangan", "melakukan penangkapan".
LIGHT_VERBS_ACTIVE: tuple[str, ...] = (
    "melancarkan", "melakukan", "meluncurkan", "menggelar", "mengadakan", "menjalankan",
    "melayangkan", "memberikan", "menjatuhkan", "melanjutkan", "memulai", "mengintensifkan",
    "meningkatkan", "membawa", "menyampaikan", "mengeluarkan", "menyuarakan", "mengulangi", "melontarkan",
    "mengajukan", "menyerukan", "mencapai", "menandatangani", "mengumumkan", "memberi", "memulai",
    "menghadiri",
)

# Nouns of saying and meeting ("tuntutan", "kecaman", "pertemuan") name an act only when a light
# verb carries them, "dalam" frames them, or a party follows them; alone they are topics
# ("membacakan tuntutan", "Kecaman dari berbagai pihak").
NOUN_FRAMES_BEFORE: frozenset[str] = frozenset({"dalam", "saat", "ketika", "usai", "setelah", "sebelum"})
NOUN_PARTY_AFTER: frozenset[str] = frozenset({"dengan", "terhadap", "kepada", "antara", "atas", "agar", "supaya"})

# Words before an attack noun that make it a topic, not an act: "ancaman serangan", "sirene
# serangan udara", "menangkis serangan".
TOPIC_MARKERS: frozenset[str] = frozenset({
    "ancaman", "sirene", "risiko", "potensi", "kemungkinan", "target", "sasaran", "pertahanan", "sistem",
    "tujuan", "dampak", "rencana", "isu", "soal", "terkait", "tentang", "mengenai", "wacana", "skenario",
    "selama", "terdampak", "khas", "korban", "pascaserangan", "pelaku", "dugaan", "percobaan", "tuduhan",
    "kasus", "tindak", "pasal", "terhadap", "lokasi", "distribusi", "pembagian", "jeda",
})

# A generic noun that may stand between a topic marker and the act noun ("selama aksi unjuk rasa").
ACT_NOUN_PREFIX: frozenset[str] = frozenset({"aksi", "gelombang", "rangkaian", "serangkaian"})

# Topic words that still introduce a real act when the act is material: "terkait penusukan massal".
ABOUT_WORDS: frozenset[str] = frozenset({"terkait", "tentang", "mengenai", "soal", "atas"})

# Causative verbs: "mendorong Iran untuk membalas" says Iran did retaliate.
CAUSATIVE_VERBS: frozenset[str] = frozenset({"mendorong", "memicu", "memaksa", "membuat", "memancing"})

# Things whose burning or breaking belongs to a protest, not an attack: "membakar ban bekas".
TRIVIAL_OBJECTS: frozenset[str] = frozenset({"ban", "spanduk", "sampah", "bendera", "foto", "poster", "kertas",
                                            "boneka", "keranda", "replika", "petasan", "flare", "kembang"})

# Forms a root derives that mean something else: "memperingati" is to commemorate, not to warn.
NOT_CUE_FORMS: frozenset[str] = frozenset({"memperingati", "diperingati"})

# Objects that make a verb of threat a state, not a threat: "mengancam jiwa", "mengancam keselamatan".
ABSTRACT_OBJECTS: frozenset[str] = frozenset({
    "jiwa", "keselamatan", "keamanan", "kesepakatan", "stabilitas", "perdamaian", "nyawa", "kesehatan",
    "perdagangan", "ekonomi", "demokrasi", "lingkungan", "masa", "keberlangsungan", "kedaulatan",
    "ikatan", "hubungan", "kepercayaan", "harapan", "reputasi", "persatuan", "karier", "karir",
})
LIGHT_VERBS_PASSIVE: tuple[str, ...] = (
    "dilancarkan", "dilakukan", "diluncurkan", "digelar", "diadakan", "dijalankan", "dijatuhkan",
    "dilayangkan",
)

# Words that make the act not (yet) real: negation and irrealis.
NEGATORS: tuple[str, ...] = ("tidak", "tak", "belum", "bukan", "jangan", "tanpa", "gagal", "batal")
IRREALIS: tuple[str, ...] = (
    "akan", "bakal", "hendak", "ingin", "berencana", "rencana", "siap", "mengancam", "jika", "bila",
    "apabila", "kalau", "seandainya", "berniat", "mau", "dapat", "bisa", "berpotensi", "diindikasikan",
    "kemungkinan", "mungkin", "harus", "perlu", "agar", "supaya", "untuk", "guna", "bersedia",
)
# Future auxiliaries: an attack an actor "akan" make is a threat, a deployment it "akan" make is the act.
FUTURE_MARKERS: frozenset[str] = frozenset({"akan", "bakal", "hendak"})
# Words before a future attack that make it only weighed, no threat ("mempertimbangkan kemungkinan …").
DELIBERATION_WORDS: frozenset[str] = frozenset({"apakah", "mempertimbangkan", "kemungkinan"})
# Words of purpose before a deployment or an evacuation: the plan is not yet the act ("untuk mengevakuasi").
PURPOSE_WORDS: frozenset[str] = frozenset({"untuk", "guna", "agar"})
# Words between an earlier demand, accusation or threat and an act that make the act its content.
CONTENT_SUBORDINATORS: frozenset[str] = frozenset({"agar", "supaya", "untuk", "bahwa", "terlibat", "dalam",
                                                  "guna"})
# Copulas after a noun of saying: what follows is what was said ("Tuntutan pertama ialah menghentikan …").
CONTENT_COPULAS: frozenset[str] = frozenset({"ialah", "adalah", "yakni", "yaitu", "berupa"})
# Adverbs between a verb and the act noun it takes as object ("mengecam keras serangan").
VERB_OBJECT_ADVERBS: frozenset[str] = frozenset({"terus", "juga", "kembali", "pun", "keras", "tegas",
                                                "sangat"})

# What is moved when the dead are "dievakuasi": bodies are recovered, nobody is aided.
NOT_AIDED: frozenset[str] = frozenset({"jenazah", "jenazahnya", "jasad", "jasadnya", "mayat", "mayatnya"})
# Words that mark a condition: "jika Hizbullah …, Israel akan …" is a threat.
CONDITIONALS: tuple[str, ...] = ("jika", "bila", "apabila", "kalau", "jikalau", "seandainya", "andai")
# "will" in a conditional sentence: "Jika …, kami akan menduduki …" promises the act as a threat.
CONDITIONAL_FUTURE_MARKERS: frozenset[str] = frozenset({"akan", "bakal"})

# Verbs that, promised under a condition ("jika …, kami akan …"), make a threat.
THREAT_VERBS: frozenset[str] = frozenset({
    "membalas", "merespons", "merespon", "bertindak", "menduduki", "menyerang", "menghancurkan", "membakar",
    "menindak", "menghukum", "melanjutkan", "memasuki", "menggempur", "menutup", "memblokade", "mengusir",
    "menangkap", "menembak", "memerangi", "menghabisi", "membunuh", "melawan", "dikenai", "dikenakan",
})

# Verbs of saying that make a following irrealis act a threat by the speaker.
THREAT_SPEECH: tuple[str, ...] = (
    "menyatakan", "mengatakan", "bersumpah", "mengancam", "memperingatkan", "menegaskan", "berjanji",
    "mengisyaratkan", "menyebut", "mengumumkan",
)

# Verbs that open a reported clause: an act inside it has its own subject ("Otoritas Iran
# mengatakan 224 orang tewas": the dead are not the authority).
REPORT_VERBS: frozenset[str] = frozenset({
    "bahwa", "mengatakan", "menyatakan", "menyebut", "menyebutkan", "melaporkan", "mengklaim", "klaim",
    "menurut", "mengonfirmasi", "membenarkan", "mengungkapkan", "menjelaskan", "menegaskan", "mengumumkan",
    "kata", "ujar", "memperkirakan", "mencatat",
})

# Reporting verbs whose subject owns the act it confirms ("Militer Israel mengonfirmasi bahwa serangan …").
CONFIRM_VERBS: frozenset[str] = frozenset({"mengonfirmasi", "membenarkan", "mengklaim", "klaim", "mengumumkan",
                                          "mengakui"})

# Sentence-final attribution: "…," kata X.
SPEECH_VERBS: tuple[str, ...] = (
    "kata", "ujar", "ucap", "ungkap", "jelas", "tegas", "imbuh", "tambah", "sebut", "tutur",
    "terang", "papar", "lanjut", "katanya", "ujarnya", "ungkapnya", "jelasnya", "tegasnya",
    "imbuhnya", "tambahnya", "tuturnya", "terangnya", "paparnya", "lanjutnya", "sebutnya",
    "mengatakan", "menyatakan", "menegaskan", "menjelaskan", "mengungkapkan", "menuturkan",
    "menambahkan", "menyebutkan",
)

# Mode words for ASSAULT, checked in the trigger's clause (first match wins, in this order).
ASSAULT_MODE_WORDS: tuple[tuple[str, str], ...] = (
    ("pesawat nirawak", "drone"), ("nirawak", "drone"), ("drone", "drone"),
    ("serangan udara", "aerial"), ("jet tempur", "aerial"), ("pesawat tempur", "aerial"),
    ("pengeboman", "aerial"), ("pemboman", "aerial"), ("bombardir", "aerial"),
    ("rudal", "heavy-weapons"), ("roket", "heavy-weapons"), ("artileri", "heavy-weapons"),
    ("mortir", "heavy-weapons"), ("misil", "heavy-weapons"), ("tank", "heavy-weapons"),
    ("gas air mata", "crowd-control"), ("water cannon", "crowd-control"), ("tabung gas", "crowd-control"),
    ("peluru karet", "crowd-control"),
    ("molotov", "primitive"), ("bom", "explosives"), ("ledakan", "explosives"), ("peledak", "explosives"), ("granat", "explosives"),
    ("molotov", "primitive"), ("pisau", "primitive"), ("senjata tajam", "primitive"), ("sajam", "primitive"),
    ("parang", "primitive"), ("panah", "primitive"), ("celurit", "primitive"), ("golok", "primitive"),
    ("batu", "primitive"), ("tawuran", "primitive"), ("ditusuk", "primitive"), ("penusukan", "primitive"),
    ("menembak", "firearms"), ("ditembak", "firearms"), ("tembakan", "firearms"), ("penembakan", "firearms"),
    ("senjata api", "firearms"), ("senapan", "firearms"), ("pistol", "firearms"), ("baku tembak", "firearms"),
    ("kontak tembak", "firearms"), ("menembaki", "firearms"),
    ("menculik", "abduct"), ("diculik", "abduct"), ("disandera", "abduct"),
    ("dianiaya", "beat"), ("dipukul", "beat"), ("dikeroyok", "beat"),
    ("membakar", "destroy"), ("dibakar", "destroy"),
)

# Mode words for the other types, checked when the cue has no mode of its own.
MODE_WORDS: dict[str, tuple[tuple[str, str], ...]] = {
    "ASSAULT": ASSAULT_MODE_WORDS,
    "PROTEST": (("ricuh", "riot"), ("rusuh", "riot"), ("kerusuhan", "riot"), ("anarkis", "riot"),
                ("kebakaran", "riot"), ("membakar", "riot"), ("bentrok", "riot"), ("mogok", "strike"),
                ("blokade", "obstruct"), ("memblokir", "obstruct"), ("boikot", "boycott")),
    "REQUEST": (("bertemu", "meet"), ("pertemuan", "meet"), ("negosiasi", "meet"), ("dialog", "meet"),
                ("berunding", "meet"), ("perundingan", "meet"), ("menyerah", "yield"), ("penyerahan", "yield"),
                ("bantuan", "assist"), ("membantu", "assist")),
    "MOBILIZE": (("polisi", "police"), ("petugas", "police"), ("brimob", "police"), ("kepolisian", "police"),
                 ("personel", "troops"), ("tentara", "troops"), ("pasukan", "troops"), ("prajurit", "troops"),
                 ("jet", "weapons"), ("rudal", "weapons"), ("kapal", "weapons"), ("pesawat", "weapons"),
                 ("senjata", "weapons"), ("milisi", "militia")),
    "CONSULT": (("kunjungan", "visit"), ("berkunjung", "visit"), ("lawatan", "visit"), ("terbang ke", "visit"),
                ("telepon", "phone"), ("bertelepon", "phone"), ("mediasi", "mediate"), ("menengahi", "mediate")),
    "THREATEN": (("sanksi", "restrict"), ("embargo", "restrict"), ("memutus hubungan", "relations")),
}
# The mode a type takes when no word says otherwise (its most frequent one in Indonesian news).
DEFAULT_MODES: dict[str, str] = {"REQUEST": "change", "THREATEN": "violence"}

# Verbs whose clause (the words after them) is the content of a speech act, not a new event.
CONTENT_TAKING_TYPES: tuple[str, ...] = ("REQUEST", "THREATEN", "ACCUSE", "REJECT", "SUPPORT", "AGREE")

# Casualty predicates: numbers attached to these count the dead or the hurt.
DEATH_WORDS: tuple[str, ...] = (
    "tewas", "meninggal", "meninggal dunia", "terbunuh", "gugur", "menewaskan", "membunuh", "ditembak mati",
    "jiwa melayang", "korban jiwa", "kematian", "tewasnya",
)
# Stems of predicates that say their victims died ("dibunuh", "menghabisi nyawa", "dibantai"), and the word
# after a predicate that says so ("menembak mati"): the implied-toll model's evidence of a death.
DEATH_PREDICATE_STEMS: tuple[str, ...] = ("bunuh", "tewas", "bantai", "eksekusi", "habis")
DEATH_AFTER_PREDICATE: tuple[str, ...] = ("mati",)
INJURY_WORDS: tuple[str, ...] = (
    "luka", "terluka", "luka-luka", "melukai", "cedera", "mencederai", "luka berat", "luka ringan",
    "korban luka", "dirawat di rumah sakit", "dilarikan ke rumah sakit",
)

# "Tidak ada korban jiwa": the text says nobody died.
NO_DEATHS: tuple[str, ...] = ("tidak ada korban jiwa", "tak ada korban jiwa", "tidak ada korban", "nihil korban",
                              "tidak menimbulkan korban jiwa", "tidak ada yang tewas")

# Verbs right before a count that make it the dead: "menewaskan 3 orang".
KILLING_VERBS: frozenset[str] = frozenset({"menewaskan", "membunuh", "menewaskannya"})
# Verbs right before a count that make it the hurt: "melukai 5 warga".
INJURING_VERBS: frozenset[str] = frozenset({"melukai", "mencederai"})
# A sentence with one of these may count named people as dead ("A dan B … tewas").
DIED_WORDS: frozenset[str] = frozenset({"tewas", "terbunuh", "meninggal", "gugur"})
# Words skipped between a count and its casualty predicate ("20 orang dilaporkan tewas").
TOLL_FILLERS: frozenset[str] = frozenset({
    "orang", "jiwa", "lainnya", "dilaporkan", "dikabarkan", "telah", "dinyatakan", "ditemukan", "mengalami",
    "menderita", "juga", "akhirnya", "di", "antaranya", "yang", "sudah",
})
# Verbs that may stand in a short description of the counted people before their casualty predicate
# ("seorang guru bernama Rosa Sogen dinyatakan meninggal").
TOLL_DESCRIPTION_VERBS: frozenset[str] = frozenset({"dinyatakan", "ditemukan", "mengalami", "menderita",
                                                   "dilaporkan", "dikabarkan", "bernama", "berinisial"})

# Words of a running toll over many acts: such a sentence is its own (background) report.
CUMULATIVE_WORDS: frozenset[str] = frozenset({"total", "sejak", "sejauh", "keseluruhan", "kumulatif",
                                              "sepanjang", "selama"})

# Acts with two sides: "kontak tembak antara A dan B".
RECIPROCAL_HEADS: frozenset[str] = frozenset({"kontak", "baku", "bentrok", "bentrokan", "tawuran", "perang"})

# Nouns that name an incident without saying what it was: "peristiwa itu", "insiden tersebut".
INCIDENT_NOUNS: frozenset[str] = frozenset({"peristiwa", "insiden", "kejadian", "aksi", "kontak", "bentrokan",
                                           "penyerangan", "serangan", "penembakan", "tragedi"})

# Words that turn back to an act already told: "serangan itu", "serangan tersebut".
ANAPHORIC_DETERMINERS: tuple[str, ...] = ("itu", "tersebut", "ini", "serupa", "tadi")
# Words between an act noun and such a determiner that still turn back: "serangan balasan itu".
ANAPHORIC_NOUN_MODIFIERS: frozenset[str] = frozenset({"terbaru", "balasan"})

# Sentence openers that tell the outcome of the act just told.
CONSEQUENCE_OPENERS: frozenset[str] = frozenset({"akibatnya", "alhasil", "akibat"})

# Words for an act's sequence in time ("kemudian"): its date follows the last dated event.
SEQUENCE_WORDS: tuple[str, ...] = ("kemudian", "berikutnya", "lalu", "selanjutnya", "setelah itu", "sesudahnya")

# Prepositions that introduce the target of a nominal or intransitive act.
TARGET_PREPS: tuple[str, ...] = ("terhadap", "ke", "kepada", "atas", "pada", "menuju", "ke arah")
AGENT_PREPS: tuple[str, ...] = ("oleh", "dari")
# Words that introduce the other side of an intransitive act ("bentrok dengan X", "berdemo menentang X").
INTRANSITIVE_TARGET_WORDS: frozenset[str] = frozenset({"dengan", "terhadap", "menentang"})
# Words that introduce the other side of a two-sided noun act ("terlibat baku tembak dengan KKB").
CLASH_PARTNER_WORDS: frozenset[str] = frozenset({"dengan", "melawan"})
# Words that introduce who is asked in a request ("menyerukan agar Israel …").
REQUEST_TARGET_WORDS: frozenset[str] = frozenset({"agar", "supaya"})
# Words that introduce the other party of talks, agreement, support or rejection ("bertemu dengan X").
PARTY_PREPS: frozenset[str] = frozenset({"dengan", "kepada", "terhadap"})
# Words before "dalam" and a noun act: the clause's subject is its actor ("X … terlibat dalam penyerangan").
INVOLVEMENT_WORDS: frozenset[str] = frozenset({"terlibat", "berperan", "serta"})
# Words that join the second side after "antara A": "antara A dan B", "antara A dengan B".
BETWEEN_PAIR_JOINERS: frozenset[str] = frozenset({"dengan", "dan"})

# Verbs whose object is what is fired or thrown, not whom it hits ("menembakkan rudal ke Israel").
PROJECTILE_VERBS: frozenset[str] = frozenset({"menembakkan", "melemparkan", "melontarkan", "menjatuhkan",
                                             "meluncurkan"})

# "telah menewaskan sedikitnya 24 orang": a perfect toll verb with "at least" counts a toll so far.
PERFECT_MARKERS: frozenset[str] = frozenset({"telah", "sudah"})
TOLL_VERBS: frozenset[str] = frozenset({"menewaskan", "membunuh", "merenggut", "melukai"})
AT_LEAST_WORDS: frozenset[str] = frozenset({"sedikitnya", "setidaknya", "lebih", "hampir"})

# A toll counted over a stretch of time or many acts is no single act's toll (ACLED codes one
# act, one day, one place): "sejak Oktober 2023 …" (``time_words.SINCE_WORDS``), "hingga kini …",
# "jumlah korban …".
UNTIL_WORDS: frozenset[str] = frozenset({"hingga", "sampai"})
NOW_WORDS: frozenset[str] = frozenset({"kini", "sekarang", "saat", "hari", "sejauh"})
TALLY_PHRASES: tuple[str, ...] = (
    "sejauh ini", "secara keseluruhan", "secara kumulatif", "total korban", "total kematian",
    "jumlah korban", "jumlah kematian", "angka kematian", "jumlah total", "total angka",
)
# "serangkaian serangan": many acts; their toll is one act's toll only when the text gives the day.
SERIES_WORDS: frozenset[str] = frozenset({"serangkaian", "rentetan", "gelombang", "kampanye",
                                          "serangan-serangan", "berbagai"})

# Verbs of using a weapon: "X menggunakan rudal baru dalam serangan …" makes X the attacker.
INSTRUMENT_VERBS: frozenset[str] = frozenset({"menggunakan", "memakai", "mengerahkan", "menembakkan",
                                             "meluncurkan", "memanfaatkan"})

# Verbs that say what a thrown or fired thing hit: "melemparkan bom molotov hingga mengenai rumah warga".
HIT_VERBS: frozenset[str] = frozenset({"mengenai", "menghantam", "menimpa"})

# Words that name the outlet a statement was taken from ("dilansir Antara, Jumat (20/6)").
SOURCE_VERBS: frozenset[str] = frozenset({"dilansir", "melansir", "dikutip", "mengutip", "dilansirdari",
                                         "diberitakan", "kutip"})

# Nouns that make a bare verb a compound noun: "luka tembak" (gunshot wound), "bekas tusuk".
WOUND_WORDS: frozenset[str] = frozenset({"luka", "bekas"})

# "Peristiwa itu terjadi pada …": a sentence that dates an act told around it.
HAPPENED_WORDS: frozenset[str] = frozenset({"terjadi", "berlangsung", "pecah"})

# Words that make an attack a reply: its target is whoever attacked the one replying.
RETALIATION_WORDS: frozenset[str] = frozenset({"balasan", "membalas", "balas", "pembalasan"})
