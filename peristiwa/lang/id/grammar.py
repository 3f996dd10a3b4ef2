"""Indonesian function words that shape clauses: conjunctions, clause breaks, prepositions, demonstratives.

Read by the clause and chunk code (``peristiwa.text.clauses``, ``peristiwa.text.chunks``) and by the
event stages that look at the words between a verb and its participants.
"""

# "dan"/"serta" join two participants or two clauses ("A dan B", "… serta menewaskan").
AND_WORDS: frozenset[str] = frozenset({"dan", "serta"})
# Words between the parts of one participant list ("A, B dan C").
LIST_SEPARATORS: frozenset[str] = frozenset({"dan", "serta", ","})
# The last word before a verb that makes it continue the previous verb's clause ("… dan menewaskan").
CLAUSE_CHAINERS: frozenset[str] = frozenset({"dan", "serta", "lalu", "kemudian", ","})

# Semicolons, colons and contrast words end a clause ("…; namun …").
CLAUSE_BREAKS: frozenset[str] = frozenset({";", ":", "namun", "tetapi", "sedangkan", "sementara", "padahal"})

# A chunk right after one of these is an oblique, never a verb's subject ("oleh polisi", "melalui Mesir").
OBLIQUE_MARKERS: frozenset[str] = frozenset({"oleh", "dengan", "terhadap", "kepada", "melalui", "antara",
                                             "termasuk", "seperti"})
# Words between a verb and a later chunk that make the chunk no participant of the verb.
OBJECT_BREAKERS: frozenset[str] = frozenset({",", "yang", "bahwa", "dan"})

# Words after a vague participant that introduce the named examples ("negara-negara … seperti Inggris").
EXAMPLE_MARKERS: frozenset[str] = frozenset({"seperti", "termasuk", "yakni", "yaitu", "antara lain"})

# Demonstratives after a noun: "serangan itu", "peristiwa tersebut" turn back to something told.
DEMONSTRATIVES: frozenset[str] = frozenset({"itu", "tersebut", "ini"})
# The distal ones only (not "ini"): "mantan presiden tersebut" stands for a person named before.
DISTAL_DEMONSTRATIVES: frozenset[str] = frozenset({"tersebut", "itu"})

# Function words whose presence between a participant and its trigger is a role-model feature, in
# this order (the trained model's features are named after them).
ROLE_FEATURE_WORDS: tuple[str, ...] = ("yang", ",", "oleh", "bahwa", "dan", "terhadap", "ke", "kepada",
                                       "dengan", "dari", "di", "untuk")
