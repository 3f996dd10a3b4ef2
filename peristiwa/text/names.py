"""Known names: a test for the capitalised names the gazetteer and the knowledge base hold.

The analysis view uses it to unglue words scraping ran together ("diBekasi"), and exports use
it to show evidence with those words re-spaced.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from peristiwa.kb import KnowledgeBase
from peristiwa.places.gazetteer import Gazetteer


@lru_cache(maxsize=1)
def known_name() -> Callable[[str], bool]:
    """A predicate for capitalised names of three letters or more (gazetteer and knowledge base), built once."""
    gaz = Gazetteer.default()
    kb = KnowledgeBase.default()
    names: set[str] = set()
    names.update(gaz.names())
    for actor in kb:
        names.add(actor.name)
        names.update(actor.aliases)
    return frozenset(n for n in names if n[:1].isupper() and len(n) >= 3).__contains__
