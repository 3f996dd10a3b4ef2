"""The actor knowledge base: who the actors are, what they are called, whom they belong to."""

from peristiwa.kb.base import (
    ACTOR_TYPES,
    ENV_VAR,
    SECTORS,
    Actor,
    Affiliation,
    KBError,
    KnowledgeBase,
    normalize,
)

__all__ = [
    "ACTOR_TYPES", "ENV_VAR", "SECTORS", "Actor", "Affiliation", "KBError", "KnowledgeBase", "normalize",
]
