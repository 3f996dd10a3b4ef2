"""Events: who did what to whom in each sentence, with when, where and how many.

The steps, one module each:

- ``candidates``: the cue lexicon's hits in a sentence and the act filters' verdict on each;
- ``features`` and ``word_classes``: what a token says about being an act's predicate (its word,
  affixes, context, word class, and the rules' view of it: rules as features, not gates);
- ``triggers``: the learned trigger model that scores every token and groups the predicates it finds;
- ``annotate``: roles, date, place and toll for each predicate, then merging the mentions of
  one act and filling what a sentence left out from the rest of the article;
- ``role_model`` and ``merge_model``: learned roles and "same act" merging, used when a model ships;
- ``linear``: the models' file format and prediction (numpy only), and where stages find them;
- ``training``: gold annotations aligned to tokens, role candidates and mention pairs, for
  ``tools/train_events.py`` (trained on ``../shared/data/train`` only).
"""

from peristiwa.events.annotate import annotate

__all__ = ["annotate"]
