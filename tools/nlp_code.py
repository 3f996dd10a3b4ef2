"""Registers the project's code for ``spacy train --code`` (tools/train_nlp.py uses it)."""

import peristiwa.nlp.name_features  # (registers peristiwa.NamesHashEmbed.v1)
import peristiwa.nlp.tokenizer  # noqa: F401  (registers peristiwa.id_tokenizer.v1)
