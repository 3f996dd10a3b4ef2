"""One settings object passed down through the pipeline."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Settings:
    """What a run may do; every field has a safe default.

    ``max_chars`` caps the text of one document: a longer one is an error for that document
    (it names it), never a crash or a stall of the run.
    """

    max_chars: int = 2_000_000
    use_nlp: bool = True
    events: bool = True
    relations: bool = True


DEFAULT_SETTINGS = Settings()
