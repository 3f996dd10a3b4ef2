"""Events: who did what to whom in each sentence, with when, where and how many.

The steps, one module each:

- ``features``: what a token says about being an act's predicate (its word, affixes, context,
  and what the cue lexicon and the act filters think of it: rules as features, not gates);
- ``triggers``: the learned trigger model (trained by ``tools/train_events.py`` on
  ``../shared/data/train``) that scores every token and groups the predicates it finds;
- ``annotate``: roles, date, place and toll for each predicate, then merging the mentions of
  one act and filling what a sentence left out from the rest of the article;
- ``training``: gold annotations aligned to tokens, for the training script.
"""

from peristiwa.events.annotate import annotate

__all__ = ["annotate"]
