"""Events: who did what to whom in each sentence, with when, where and how many.

The steps, one module each:

- ``cues`` and ``act_filters``: the cue lexicon's forms and a longest-match finder; which hits state
  an act (negation, mood, speech content, topics, headings);
- ``candidates``: the cue lexicon's hits in a sentence and the act filters' verdict on each;
- ``features`` and ``word_classes``: what a token says about being an act's predicate (its word,
  affixes, context, word class, and the rules' view of it: rules as features, not gates);
- ``triggers``: the learned trigger model that scores every token and groups the predicates it finds;
- ``annotate`` (``find``): roles (the rules' in ``roles``, ``phrases`` over the parse), mode, date
  and toll (``arguments``) for each predicate, then merging the mentions of one act and filling
  what a sentence left out from the rest of the article (``drafts``);
- ``role_model``, ``merge_model``, ``place_model``, ``date_model`` and ``mode_model``: learned roles,
  "same act" merging, the act's place among those the article names, its date among those it
  writes, and its PLOVER mode, each used when its model ships;
- ``linear``: the models' file format and prediction (numpy only), and where stages find them;
- ``training``: gold annotations aligned to tokens, role candidates and mention pairs, for
  ``tools/train_events.py`` (trained on ``../shared/data/train`` only).
"""

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

from peristiwa.events.annotate import find
from peristiwa.events.date_model import use_date_model
from peristiwa.events.merge_model import use_merge_model
from peristiwa.events.mode_model import use_mode_model
from peristiwa.events.place_model import use_place_model
from peristiwa.events.role_model import use_role_model
from peristiwa.events.toll_model import use_toll_model
from peristiwa.events.triggers import use_model


@contextmanager
def rules_alone() -> Iterator[None]:
    """Run the event stage with no learned model in any slot (the rules alone), e.g. in tests."""
    with ExitStack() as stack:
        for use in (use_model, use_role_model, use_merge_model, use_place_model, use_date_model, use_mode_model,
                    use_toll_model):
            stack.enter_context(use(None))
        yield


__all__ = ["find", "rules_alone"]
