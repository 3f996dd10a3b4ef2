"""One settings object passed down through the pipeline."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Settings:
    """What a run may do; every field has a safe default.

    ``max_chars`` caps the text of one document and ``max_seconds`` the time spent on it (None
    or 0: no cap; checked between stages and inside their sentence loops): a longer or slower
    document is an error for that document (it names it), never a crash or a stall of the run.
    The readers cap each file, download and decompressed stream at ``4 * max_chars`` bytes.
    """

    max_chars: int = 2_000_000
    max_seconds: float | None = 60.0
    use_nlp: bool = True
    events: bool = True
    relations: bool = True
    learned: bool = True  # events read by the learned models; False: the cue lexicon and act filters alone
    parse: bool = True  # the dependency parse (the role model's candidates); False: faster, the rules' roles

    def label(self) -> str:
        """What the extractor left out, as stored with each result (" no-nlp", " rules-only", " no-parse")."""
        return ("" if self.use_nlp else " no-nlp") + ("" if self.learned else " rules-only") + (
            "" if self.parse or not self.use_nlp else " no-parse")


DEFAULT_SETTINGS = Settings()
