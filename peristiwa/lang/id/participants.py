"""Words that head or shape an event participant's noun phrase in Indonesian news."""

# Common nouns that head a participant: a group or a kind of person able to act or be acted upon (the
# chunker's heads; ``actor_words.GROUP_SECTORS`` gives the sector of group phrases). One word each, the
# head of its phrase: "rumah sakit" is headed by "rumah". The last lines are people named by their work
# or their kin ("penyidik", "sopir truk", "suami korban"): the person nouns among the first words of the
# training gold's participants that no line above held.
GROUP_HEADS: frozenset[str] = frozenset("""
milisi milisi-milisi kelompok tentara pasukan militer polisi aparat personel petugas anggota
warga penduduk rakyat masyarakat demonstran pengunjuk pendemo massa mahasiswa buruh pekerja
aktivis relawan jurnalis wartawan pemerintah rezim otoritas pihak kementerian kedutaan kedubes
konsulat pangkalan markas kontraktor pejabat menteri presiden pemimpin panglima komandan
pemberontak teroris militan gerilyawan separatis simpatisan pendukung loyalis sekutu pengungsi
korban tahanan sandera pelaku tersangka remaja pemuda pelajar guru nakes dokter perawat pasien
anak-anak anak perempuan pria wanita laki-laki keluarga staf diplomat duta parlemen partai
organisasi lembaga badan dewan komisi satgas tim unit brigade batalion divisi kompi regu skuad
angkatan kapal pesawat drone jet warga-warga penumpang pemukim orang petani nelayan pedagang
jemaah umat ulama pastor santri atlet pemain suporter ormas serikat aliansi koalisi front gerakan
korps densus brimob kopassus tni polri idf kkb opm tpnpb negara negara-negara kota desa kampung
kepolisian instansi perusahaan pabrik sekolah rumah honai fasilitas instalasi reaktor situs
gedung kantor bandara stadion kamp tenda permukiman area target sasaran infrastruktur
pos konvoi kendaraan mobil truk bus kereta gereja masjid pura vihara kapal-kapal rumah-rumah pelabuhan
kargo peralatan amunisi barang dokumen
penyidik jaksa hakim agen terdakwa terpidana oknum komplotan kerumunan jajaran delegasi perwakilan
panitia peserta awak operator pengelola komunitas purnawirawan individu siswa murid pengemudi sopir
tukang tetangga ayah ibu suami istri kakek nenek paman orangtua
""".split())

# Participant heads that are places or things: a target, never an actor (one word each, as above).
THING_HEADS: frozenset[str] = frozenset("""
pangkalan markas kedutaan kedubes konsulat kapal pesawat drone jet gedung kantor bandara rumah
stadion kamp tenda permukiman area target sasaran infrastruktur fasilitas instalasi reaktor
situs honai sekolah pabrik kota desa kampung pos konvoi kendaraan mobil truk bus kereta gereja masjid
pura vihara kapal-kapal rumah-rumah pelabuhan kargo peralatan amunisi barang dokumen
""".split())

# Words that may open a participant phrase before its head.
DETERMINERS: frozenset[str] = frozenset("""
para sejumlah beberapa seluruh semua kedua ketiga sebagian banyak sekelompok segerombolan
puluhan ratusan ribuan belasan jutaan sekitar sedikitnya setidaknya lebih kurang hampir
seorang sebuah sebanyak satu dua tiga empat lima enam tujuh delapan sembilan sepuluh sebelas
""".split())

# Pronouns that stand for an actor named elsewhere.
PRONOUNS: frozenset[str] = frozenset("ia dia beliau mereka kami kita saya aku pihaknya negaranya".split())
# First-person pronouns: they stand for the speaker of the sentence ("kami akan membalas").
FIRST_PERSON_PRONOUNS: frozenset[str] = frozenset({"kami", "kita", "saya", "aku"})
# "Kapal bernama Madleen": a name after one of these names the thing or person before it.
NAMING_WORDS: frozenset[str] = frozenset({"bernama", "berjuluk"})
# "seorang remaja berinisial AB (19)", "dua tersangka berinisial AR dan MP": the name (or initials) told
# after one of these belongs to the participant's phrase.
NAME_INTRODUCERS: frozenset[str] = NAMING_WORDS | {"berinisial", "inisial", "alias"}
# Words that open a participant's phrase before its head: counts, determiners, and the "alleged"
# of crime news ("terduga teroris", "tersangka AB").
PHRASE_OPENERS: frozenset[str] = DETERMINERS | {"terduga", "tersangka", "diduga"}

# Words that end a participant phrase (verbs are recognised by shape).
PHRASE_BREAKERS: frozenset[str] = frozenset("""
yang di ke dari oleh dengan untuk pada terhadap atas dalam kepada bahwa karena agar supaya
sebagai adalah ialah merupakan juga pun telah sudah akan sedang masih tidak tak belum saat ketika
setelah sebelum sejak hingga sampai usai pasca dan atau serta tetapi namun melalui lewat tanpa
bagi tentang antara itu ini tersebut kembali langsung kemudian lalu sempat
""".split())

# Modifiers that attach a second actor to a participant as its patron, not as a co-actor.
PATRON_MARKERS: frozenset[str] = frozenset({"dukungan", "bentukan", "binaan", "sokongan", "suruhan", "sekutu"})
# "KKB pimpinan Jeki Murib": the leader belongs inside the participant's name.
LEADER_MARKERS: frozenset[str] = frozenset({"pimpinan", "pimpinannya", "dipimpin"})

# Verbal prefixes: a word that starts with one of these (and is long enough) is a verb, not a name.
VERB_PREFIXES: tuple[str, ...] = ("me", "di", "ber", "ter", "mem", "men", "meng", "meny", "per")

# Adverbs and auxiliaries between a subject and its verb.
SKIPPABLE_BEFORE_VERB: frozenset[str] = frozenset("""
telah sudah juga kembali pun akan masih sedang tengah langsung kemudian lalu sempat diduga
dilaporkan disebut berhasil mulai terus lagi pernah baru segera bahkan justru secara kini
sendiri hanya jelas memang turut ikut dikabarkan diklaim dikatakan tampaknya
""".split())
# More words skipped going back from a verb to its subject ("Israel, yang sekaligus …, menyerang").
SUBJECT_GAP_WORDS: frozenset[str] = frozenset({"yang", ",", "dinyatakan", "ditemukan", "sekaligus"})

# Protest nouns stand for the protesters when they head a participant ("Ribuan demonstrasi menolak …").
PROTEST_HEADS: frozenset[str] = frozenset({"demonstrasi", "demo", "unjuk"})

# Administrative words before a place name: what follows is a place, not an actor.
PLACE_NOUNS: frozenset[str] = frozenset("""
distrik kecamatan kabupaten kota provinsi desa kampung kelurahan wilayah kawasan daerah negara bagian
""".split())

# Group heads too vague to tell two acts apart ("massa", "warga", "pihak").
VAGUE_HEADS: frozenset[str] = frozenset("massa warga pihak mahasiswa demonstran pengunjuk pendemo pelaku".split())

# Heads that, with "tersebut"/"itu", stand for a person named before ("mantan presiden tersebut").
TITLE_HEADS: frozenset[str] = frozenset("presiden menteri pemimpin panglima komandan pejabat".split())

# Words after a group head that belong to it ("kelompok bersenjata", "anak muda", "warga sipil").
HEAD_MODIFIERS: frozenset[str] = frozenset("""
militer sipil bersenjata kriminal gabungan keamanan udara darat laut khusus asing lokal setempat nuklir
lainnya muda tua remaja dewasa tak dikenal bersenjata tajam berat rasa padat penduduk semi permanen air
pengungsi
""".split())

# What a pronoun may stand for: "ia"/"dia" a person, "mereka" a group or a state.
PRONOUN_TYPES: dict[str, frozenset[str]] = {
    "ia": frozenset({"PER"}), "dia": frozenset({"PER"}), "beliau": frozenset({"PER"}), "saya": frozenset({"PER"}),
    "aku": frozenset({"PER"}), "mereka": frozenset({"ORG", "GPE", "NORP"}),
}

GENERIC_PEOPLE: frozenset[str] = frozenset({"orang", "jiwa", "lainnya", "korban"})
# The last one or two words of a participant that name nobody in particular ("tiga orang lainnya").
GENERIC_PEOPLE_ENDINGS: frozenset[str] = GENERIC_PEOPLE | {"orang", "orang lainnya"}

# "lebih dari 20 warga": "dari" after these is part of the count before the head.
COMPARATIVES: frozenset[str] = frozenset({"lebih", "kurang"})

# The noun for a state's government, naming the implied target of a protest ("pemerintah Indonesia").
GOVERNMENT_WORD = "pemerintah"

# Cities that Indonesian news writes for a state's government though they are not its capital
# ("pasukan Tel Aviv" is Israel's army); capitals themselves come from the gazetteer.
GOVERNMENT_SEATS: dict[str, str] = {"tel aviv": "ISR"}

# Group phrases that name the same body when an act is told again ("aparat kepolisian" = "polisi").
SAME_GROUP: dict[str, str] = {
    "aparat kepolisian": "polisi", "kepolisian": "polisi", "petugas kepolisian": "polisi",
    "pihak kepolisian": "polisi", "personel polisi": "polisi", "petugas polisi": "polisi",
    "aparat keamanan": "aparat", "militer": "tentara", "pasukan": "tentara",
}

# Nouns for the people of a group: "peserta aksi dari X", "massa dari X" — X is who acts.
MEMBER_NOUNS: frozenset[str] = frozenset("peserta aksi massa anggota perwakilan utusan rombongan".split())

# Words of saying before a pronoun that names the speaker ("kata mereka", "ujar dia").
SPEECH_WORDS: frozenset[str] = frozenset("kata ujar ucap tutur ungkap jelas tegas menurut".split())
