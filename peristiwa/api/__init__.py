"""The REST API and web UI (FastAPI): ``create_app(store)``; ``peristiwa serve`` runs it."""

from peristiwa.api.app import DEFAULT_MAX_BODY, DocumentIn, create_app

__all__ = ["DEFAULT_MAX_BODY", "DocumentIn", "create_app"]
