"""Peristiwa: read Indonesian news and write down what happened."""

from peristiwa.types import Document, Result

__version__ = "0.1.0"

__all__ = ["Document", "Result", "__version__", "extract"]


def extract(doc: Document, **options: object) -> Result:
    """Extract one document (see :func:`peristiwa.pipeline.extract`)."""
    from peristiwa.pipeline import extract as _extract

    return _extract(doc, **options)  # type: ignore[arg-type]
