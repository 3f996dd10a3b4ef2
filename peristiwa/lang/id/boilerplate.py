"""Lines of Indonesian news pages that are not the article (related links, video teasers, ads).

Each pattern is matched against one whole line (stripped); see ``peristiwa.text.clean``.
"""

# A line that is entirely page furniture.
NOISE_LINE_PATTERNS: tuple[str, ...] = (
    r"scroll to continue with content",
    r"advertisement",
    r"iklan",
    r"\[gambas:[^\]]*\]",
    r"\[video\.\d+\]",
    r"\[(?:foto|video|audio|infografis)[^\]]*\]",
    r"(?:simak|lihat|saksikan|tonton)(?: juga)? video\b.*",
    r"saksikan (?:live|juga)\b.*",
    r"simak (?:berita |selengkapnya|lengkapnya|juga)\b.*",
    r"(?:baca|simak|lihat) (?:berita |artikel )?selengkapnya.*",
    r"selengkapnya(?: di ?sini)?\.?",
    r"di ?sini\.?",
    r"halaman (?:selanjutnya|berikutnya)\.?",
    r"next page",
    r"artikel ini (?:telah |sudah )?(?:tayang|terbit|dimuat)\b.*",
    r"-{3,}|_{3,}|={3,}|\*{3,}",
    r"\(\s*[a-z]{2,5}\s*/\s*[a-z]{2,5}\s*\)",  # editor initials, e.g. (rdp/idh)
    r"(?:penulis|editor|reporter|sumber|foto|tag|tags|topik)\s*:.*",
    r"baca kisah\b.*",
    r"copyright\b.*|©.*",
    r"dapatkan (?:update|berita)\b.*",
    r"(?:ikuti|follow) (?:kami|berita)\b.*",
    r"download (?:aplikasi|apps?)\b.*",
    r"pilihan redaksi\b.*|terpopuler\b.*|berita terkait\b.*",
)

# Starts of a furniture line that make it an advertisement ("Advertisement", "Iklan").
AD_LINE_PREFIXES: tuple[str, ...] = ("advert", "iklan")

# "Baca juga" and its spellings; the rest of the line (if any) is a related headline.
RELATED_PREFIX: str = r"(?:baca|lihat|simak)\s*(?:juga|pula)\b\s*[:.\-–—]?"

# Editor-initials line after which a tag list (short lowercase lines) follows to the end.
FOOTER_START: str = r"\(\s*[a-z]{2,5}\s*/\s*[a-z]{2,5}\s*\)"

# Dateline at the start of a paragraph: "BEIRUT, KOMPAS.com - ", "Liputan6.com, Jakarta - ".
OUTLET_NAMES: tuple[str, ...] = (
    "KOMPAS.com", "Kompas.com", "Liputan6.com", "detikcom", "detikNews", "detikSulsel", "Tempo.co",
    "TEMPO.CO", "CNN Indonesia", "CNNIndonesia.com", "Antara", "ANTARA", "Tribunnews.com", "VIVA.co.id",
    "Republika.co.id", "Okezone", "Sindonews.com", "Suara.com", "Merdeka.com", "JPNN.com", "Jawapos.com",
    "Kumparan", "IDN Times", "Bisnis.com", "Katadata", "Gatra.com", "Inilah.com", "Beritasatu.com",
)

# Words that are often glued to the next word by lost spaces in scraped text ("diIsrael",
# "dilansirAFP", "AFPdanReuters").  Used to re-insert a space in the analysis view only.
GLUE_FUNCTION_WORDS: tuple[str, ...] = (
    "di", "ke", "dari", "dan", "yang", "oleh", "untuk", "pada", "dengan", "atau", "serta", "dalam",
    "terhadap", "tentang", "kepada", "sebagai",
)

# A capitalised name glued to the next word ("Israelmelancarkan", "Palestinatewas") is split
# only when the rest starts like an Indonesian verb or is a common word, so that ordinary
# words that begin with a name ("Jawaban") stay whole.
GLUE_VERB_PREFIXES: tuple[str, ...] = ("me", "ber", "di", "ter", "ke", "se", "pe", "mem", "men", "meng")
GLUE_COMMON_WORDS: tuple[str, ...] = (
    "tewas", "telah", "akan", "sudah", "masih", "juga", "tidak", "bukan", "sebagai", "itu", "ini",
    "selatan", "utara", "barat", "timur", "tengah", "pada", "saat", "sejak", "hingga", "usai",
    "kembali", "sendiri", "mengatakan", "bilang", "kata", "ujar", "pun", "lagi",
)
