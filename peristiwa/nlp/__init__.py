"""Indonesian NLP: the shipped spaCy pipeline, its news tokenizer and the entity-ruler layer."""

from peristiwa.nlp.model import MODEL_DIR, ModelNotFoundError, load_nlp
from peristiwa.nlp.tokenizer import TOKENIZER_NAME, blank_nlp

__all__ = ["MODEL_DIR", "TOKENIZER_NAME", "ModelNotFoundError", "blank_nlp", "load_nlp"]
