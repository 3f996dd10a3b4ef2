"""Abbreviations with a full stop that does not end a sentence, for the sentence splitter.

Plain data for :mod:`peristiwa.text.sentences`. Entries are matched exactly as written, and also
in their all-capitals form (``JL.``); list other spellings explicitly.
"""

from __future__ import annotations

# The full stop of these never ends a sentence (a name, a number or a word always follows).
ABBREVIATIONS: tuple[str, ...] = (
    # addresses and administrative units
    "Jl.", "jl.", "Jln.", "No.", "no.", "Kec.", "Kab.", "Kel.", "Ds.", "Prov.", "Kp.",
    "Gg.", "Kav.", "Rt.", "Rw.", "Telp.", "Tlp.", "Hp.", "Fax.", "Hlm.", "hlm.",
    "Vol.",
    # titles, honorifics, religious titles
    "Dr.", "dr.", "Drs.", "Dra.", "drg.", "Prof.", "Ir.", "H.", "Hj.", "KH.", "K.H.", "Ust.",
    "Ustz.", "Pdt.", "Rm.", "Sdr.", "Sdri.", "Bpk.", "Bp.", "Ny.", "Nn.", "Tn.", "Yth.",
    "yth.", "St.", "Mr.", "Mrs.", "Ms.", "Jr.", "Sr.", "Rev.",
    # academic degrees (they follow a name, usually inside a sentence)
    "S.H.", "M.H.", "S.E.", "M.E.", "M.M.", "S.Sos.", "M.Sos.", "S.Pd.", "M.Pd.", "S.Si.", "M.Si.",
    "S.T.", "M.T.", "S.Kom.", "M.Kom.", "S.Ag.", "M.Ag.", "S.Ked.", "S.Psi.", "S.IP.", "S.Hut.",
    "S.Kep.", "S.Farm.", "M.Sc.", "B.Sc.", "M.A.", "B.A.", "Ph.D.", "Lc.", "LL.M.",
    "Sp.A.", "Sp.B.", "Sp.PD.", "Sp.OG.", "M.Kes.",
    # military and police ranks written with a stop
    "Jend.", "Jen.", "Letjen.", "Mayjen.", "Brigjen.", "Kol.", "Letkol.", "Kapt.",
    "Lettu.", "Letda.", "Serma.", "Serka.", "Sertu.", "Serda.", "Kopda.", "Praka.", "Pratu.",
    "Komjen.", "Irjen.", "Kombes.", "Kompol.", "AKBP.", "AKP.", "Iptu.", "Ipda.", "Aiptu.",
    "Aipda.", "Bripka.", "Brigpol.", "Briptu.", "Bripda.", "Laksda.", "Laksma.", "Marsda.",
    "Marsma.", "Lt.", "Col.", "Maj.", "Capt.", "Sgt.", "Adm.", "Gov.", "Sen.", "Rep.",
    "Pres.",
    # company forms that come before more of the name or a sentence's verb
    "PT.", "Tbk.", "CV.",
    # in-sentence Latin and Indonesian short forms
    "a.n.", "u.p.", "s.d.", "d.a.", "u.b.", "a.l.", "spt.", "tsb.", "yg.", "dgn.", "utk.",
    "vs.", "Vs.", "cf.", "ca.", "e.g.", "i.e.", "approx.", "Sdn.",
)

# These mostly close a list and may end a sentence: the stop ends one when an upper-case word
# follows ("… senjata, amunisi, dll. Polisi …"), never before a lower-case one.
SENTENCE_FINAL_ABBREVIATIONS: tuple[str, ...] = (
    "dll.", "dsb.", "dst.", "dkk.", "etc.", "Inc.", "Ltd.", "Co.", "Corp.", "Bhd.",
)

# A single capital letter with a stop is an initial ("A. Rahman") unless the word before it
# shows it is a name of its own ("media sosial X.", "kelas A.", "Blok C.").
INITIAL_IS_NAME_AFTER: tuple[str, ...] = (
    "sosial", "platform", "akun", "aplikasi", "kelas", "golongan", "blok", "gedung", "tipe",
    "seri", "grup", "huruf", "ruang", "menara", "zona", "sektor", "lantai", "pintu", "gerbang",
    "tribun", "paviliun", "vitamin", "hepatitis", "generasi", "plan", "opsi", "skenario",
)


# Lower-case words a sentence cannot end on: a line that stops on one goes on in the next line,
# even when that line starts with a capital ("terhadap mantan presiden\nEvo Morales karena …").
CANNOT_END: frozenset[str] = frozenset("""
terhadap dengan di ke dari oleh untuk kepada dan atau serta yang bahwa antara para sang
presiden menteri gubernur bupati wali wakil mantan kepala ketua panglima komandan kapolda kapolri
jenderal pemimpin juru jubir duta dubes
""".split()) | frozenset({"juru bicara", "duta besar"})  # titles of two words; "bicara" or "besar" alone may end one
