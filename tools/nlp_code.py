"""Registers the project's tokenizer for ``spacy train --code`` (tools/train_nlp.py uses it)."""

import peristiwa.nlp.tokenizer  # noqa: F401  (import registers peristiwa.id_tokenizer.v1)
