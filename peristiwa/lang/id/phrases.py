"""Dependency relations and tags (UD labels, Indonesian GSD tags) that shape participant phrases.

Read by ``peristiwa.events.phrases``: a noun phrase is its head with the dependents below, and the
parser's arguments with these relations and tags are role candidates.
"""

# a dependent with one of these relations belongs to its head's noun phrase ("nmod" only without a preposition)
PHRASE_RELATIONS = frozenset({"flat", "flat:name", "flat:foreign", "compound", "amod", "det", "nummod",
                              "nmod:poss", "fixed", "clf", "nmod"})
# the relations of a predicate's arguments (and of their conjuncts and appositions)
ARGUMENT_RELATIONS = frozenset({"nsubj", "nsubj:pass", "obj", "iobj", "obl", "obl:agent", "nmod", "appos",
                                "conj"})
# the tags of a noun, a name, a pronoun or a foreign word heading an argument
NOUN_TAGS = frozenset({"NN", "NNP", "PRP", "FW"})
# words never inside a participant's phrase whatever the parse says: particles ("pun", "lah"), adverbs,
# prepositions, conjunctions, modals and punctuation
OUTSIDE_PHRASE_TAGS = frozenset({"RP", "RB", "IN", "CC", "MD", "WP", ",", ".", ":", "``", "''", "-LRB-", "-RRB-"})
# a name or noun hanging on the noun before it by one of these relations ("Bupati Wamena", "penyidik Polres
# Sukabumi"; "nmod" only without a preposition) may be a modifier of the participant that noun heads
GOVERNED_RELATIONS = frozenset({"flat", "flat:name", "compound", "nmod"})
# the tags of the noun such a modifier hangs on (a common noun or a name written as one: "Bupati")
HEAD_NOUN_TAGS = frozenset({"NN", "NNP"})
