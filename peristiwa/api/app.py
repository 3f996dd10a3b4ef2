"""The REST API and the web UI over a store (FastAPI).

Reads are open; writes (``POST /api/documents``, the watches) need ``Authorization: Bearer <token>`` where the
token is the server's (``$PERISTIWA_TOKEN``), compared in constant time; without a token
configured, writes are off.  Every parameter is validated (4xx JSON ``{"detail": ...}``),
request bodies are capped, CORS is off unless origins are given, and the page is served with
a strict Content-Security-Policy (scripts and styles from this server only).
"""

from __future__ import annotations

import csv
import datetime as dt
import enum
import hmac
import io
import threading
from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

from fastapi import BackgroundTasks, Depends, FastAPI, HTTPException, Query
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response, StreamingResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field, field_validator
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from peristiwa import __version__
from peristiwa.settings import DEFAULT_SETTINGS, Settings
from peristiwa.store import (
    DEFAULT_RADIUS_KM,
    MAX_LIMIT,
    EventFilter,
    IncidentFilter,
    Store,
    StoreError,
    document_hash,
)
from peristiwa.store.query import resolve_near
from peristiwa.types import EVENT_TYPES, RELATION_TYPES, Document, DocumentError

DEFAULT_MAX_BODY = 8 * 1024 * 1024
MAX_OFFSET = 1_000_000
STATIC = Path(str(resources.files("peristiwa") / "web" / "static"))
_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
# Swagger UI served from the package (static/vendor), started by a script file: no CDN, no inline code.
_DOCS_HTML = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Peristiwa API</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/static/vendor/swagger-ui-dist/swagger-ui.css">
<script src="/static/vendor/swagger-ui-dist/swagger-ui-bundle.js" defer></script>
<script src="/static/docs.js" defer></script>
</head>
<body><div id="swagger-ui"></div></body>
</html>
"""
_CONTENT_ID = r"^[0-9a-f]{32}$"
_INCIDENT_ID = r"^inc[0-9a-f]{16}$"


class _AnyCase(str):
    """The str mixin of an enum that also takes its values in any case (``assault``, ``Assault``), as the CLI does."""

    __slots__ = ()

    @classmethod
    def _missing_(cls, value: object) -> Any:
        if isinstance(value, str):
            return getattr(cls, "__members__", {}).get(value.strip().upper())
        return None


EventType = enum.Enum("EventType", {t: t for t in EVENT_TYPES}, type=_AnyCase)  # type: ignore[misc]
RelationType = enum.Enum("RelationType", {r: r for r in RELATION_TYPES}, type=str)  # type: ignore[misc]


class DocumentIn(BaseModel):
    """One input document, as a line of the contract's input JSONL."""

    model_config = ConfigDict(extra="ignore")

    id: str = Field(min_length=1, max_length=1000, description="The caller's document id.")
    text: str = Field(min_length=1, description="The article body as published.")
    title: str | None = Field(default=None, max_length=10_000)
    published: str | None = Field(default=None, max_length=64, description="ISO 8601 date or datetime.")
    url: str | None = Field(default=None, max_length=10_000)
    source: str | None = Field(default=None, max_length=1000)
    lang: str | None = Field(default=None, max_length=16)

    @field_validator("published")
    @classmethod
    def _iso(cls, value: str | None) -> str | None:
        from peristiwa.ingest import iso_published

        if value is None:
            return None
        checked = iso_published(value)
        if checked is None:
            raise ValueError(
                "published must be an ISO 8601 date or datetime such as 2025-06-18 or 2025-06-18T16:22"
            )
        return checked

    @field_validator("text")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("text is empty")
        return value

    def document(self) -> Document:
        return Document(
            id=self.id,
            text=self.text,
            title=self.title,
            published=self.published,
            url=self.url,
            source=self.source,
            lang=self.lang,
        )


class WatchIn(BaseModel):
    """A watch: what to follow and the rules that raise alerts (as ``peristiwa watch add``)."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=100)
    countries: list[str] = Field(default_factory=list, max_length=50, description="ISO3 of the place.")
    actors: list[str] = Field(default_factory=list, max_length=50,
                              description="ISO3 country, actor key, name or alias.")
    dyads: list[str] = Field(default_factory=list, max_length=50,
                             description="A:B (either direction) or A>B.")
    types: list[str] = Field(default_factory=list, max_length=30, description="PLOVER types.")
    near: str | None = Field(default=None, max_length=200, description="A place name, or 'lat,lon'.")
    km: float | None = Field(default=None, gt=0, le=20_000, description="Radius for near (default 100).")
    words: list[str] = Field(default_factory=list, max_length=50,
                             description="Words in an evidence sentence or a participant's name.")
    rules: list[str] = Field(default_factory=list, max_length=20,
                             description="count:N/7d, jump:z>=3/28d, first-fatal, threat-to-watched.")
    webhook: str | None = Field(default=None, max_length=2000, description="POST new alerts here as JSON.")


class ErrorOut(BaseModel):
    """An error: what went wrong and what to do."""

    detail: str


class ValidationErrorItem(BaseModel):
    """One invalid parameter or body field."""

    loc: list[str]
    msg: str
    type: str


class ValidationErrorOut(BaseModel):
    """Invalid parameters or body: the first problem in words, then every problem."""

    detail: str
    errors: list[ValidationErrorItem]


# Documented on every operation, so the schema says what the middleware and handlers can answer.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "A parameter is well-formed but unusable (e.g. since after until)."},
    401: {"model": ErrorOut, "description": "Missing or wrong bearer token."},
    403: {"model": ErrorOut, "description": "Writes are disabled on this server."},
    404: {"model": ErrorOut, "description": "Not found."},
    413: {"model": ErrorOut, "description": "Request body too large."},
    422: {"model": ValidationErrorOut, "description": "Invalid parameters or body."},
}


class BodyLimit:
    """Refuse request bodies over ``max_body`` bytes (413), whether announced or streamed."""

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            await _too_large(scope, receive, send, self.max_body)
            return
        seen = 0
        started = False

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    # FastAPI passes an HTTPException raised while reading the body through as is.
                    raise HTTPException(
                        status_code=413, detail=f"request body too large (limit {self.max_body} bytes)"
                    )
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, limited, tracking_send)
        except HTTPException as exc:
            if exc.status_code != 413 or started:
                raise
            await _too_large(scope, receive, send, self.max_body)


async def _too_large(scope: Scope, receive: Receive, send: Send, limit: int) -> None:
    response = JSONResponse({"detail": f"request body too large (limit {limit} bytes)"}, status_code=413)
    await response(scope, receive, send)


class SecurityHeaders:
    """Add a Content-Security-Policy and friends to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [
                    (b"content-security-policy", _CSP.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"x-frame-options", b"DENY"),
                ]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


def _validation_errors(exc: RequestValidationError) -> JSONResponse:
    errors = [
        {
            "loc": [str(p) for p in err.get("loc", ())],
            "msg": str(err.get("msg", "")),
            "type": str(err.get("type", "")),
        }
        for err in exc.errors()
    ]
    first = errors[0] if errors else {"loc": [], "msg": "invalid request"}
    where = ".".join(p for p in first["loc"] if p not in ("query", "body", "path"))
    return JSONResponse(
        {"detail": f"invalid {where or 'request'}: {first['msg']}", "errors": errors}, status_code=422
    )


def event_filter(
    actor: Annotated[str | None, Query(max_length=200, description="Actor key, name or alias.")] = None,
    type: Annotated[
        list[EventType] | None, Query(description="PLOVER type, in any case; repeat for several.")
    ] = None,
    country: Annotated[
        str | None, Query(pattern="^[A-Za-z]{3}$", description="ISO3 of the event's place.")
    ] = None,
    since: Annotated[dt.date | None, Query(description="First day, inclusive (YYYY-MM-DD).")] = None,
    until: Annotated[dt.date | None, Query(description="Last day, inclusive (YYYY-MM-DD).")] = None,
    near: Annotated[str | None, Query(max_length=200, description="A place name, or 'lat,lon'.")] = None,
    radius_km: Annotated[float, Query(gt=0, le=20_000)] = DEFAULT_RADIUS_KM,
    text: Annotated[
        str | None, Query(max_length=500, description="Words that must all occur in the article.")
    ] = None,
    historical: Annotated[
        bool | None, Query(description="true: background events only; false: current only.")
    ] = None,
    document: Annotated[
        str | None, Query(pattern=_CONTENT_ID, description="One document's store id.")
    ] = None,
) -> EventFilter:
    """Build the event filter from query parameters (shared by /events, /events/count, /graph)."""
    try:
        point = resolve_near(near)[:2] if near else None
    except StoreError as exc:  # an unknown place or an impossible 'lat,lon': the parameter is invalid
        raise RequestValidationError(
            [{"loc": ("query", "near"), "msg": str(exc), "type": "value_error"}]
        ) from exc
    try:
        return EventFilter(
            actor=actor or None,
            types=tuple(str(t.value) for t in type or ()),
            country=country.upper() if country else None,
            since=since,
            until=until,
            near=point,
            radius_km=radius_km,
            text=text or None,
            historical=historical,
            document=document,
        )
    except StoreError as exc:
        raise HTTPException(status_code=400, detail=str(exc)) from exc


def incident_filter(
    type: Annotated[
        list[EventType] | None, Query(description="PLOVER type, in any case; repeat for several.")
    ] = None,
    country: Annotated[
        str | None, Query(pattern="^[A-Za-z]{3}$", description="ISO3 of the incident's place.")
    ] = None,
    since: Annotated[dt.date | None, Query(description="First day, inclusive (YYYY-MM-DD).")] = None,
    until: Annotated[dt.date | None, Query(description="Last day, inclusive (YYYY-MM-DD).")] = None,
    min_reports: Annotated[
        int, Query(ge=1, le=10_000, description="Reported by at least this many documents.")
    ] = 1,
    document: Annotated[
        str | None, Query(pattern=_CONTENT_ID, description="A reporting document's store id.")
    ] = None,
) -> IncidentFilter:
    """Build the incident filter from query parameters."""
    try:
        return IncidentFilter(
            types=tuple(str(t.value) for t in type or ()),
            country=country.upper() if country else None,
            since=since,
            until=until,
            min_reports=min_reports,
            document=document,
        )
    except StoreError as exc:
        raise HTTPException(status_code=400, detail=str(exc)) from exc


_BEARER = HTTPBearer(auto_error=False)
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(_BEARER)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Page size, 1 to {MAX_LIMIT}.")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]


def create_app(
    store: Store | None = None,
    *,
    db: str | None = None,
    token: str | None = None,
    settings: Settings = DEFAULT_SETTINGS,
    max_body: int = DEFAULT_MAX_BODY,
    cors_origins: Sequence[str] = (),
) -> FastAPI:
    """Build the app over ``store`` (or the store at ``db``, opened now and closed at shutdown).

    ``token`` enables writes; ``settings`` is what ``POST /api/extract`` and ``/api/documents``
    extract with; ``cors_origins`` allows browser calls from those origins (none by default).
    """
    owned = store is None
    the_store = store if store is not None else Store.open(db)
    extract_lock = threading.Lock()  # one extraction at a time: the NLP model is shared
    alert_lock = threading.Lock()  # one alert evaluation at a time (it may rebuild the incidents)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        if owned:
            the_store.close()

    app = FastAPI(
        title="Peristiwa",
        version=__version__,
        lifespan=lifespan,
        responses=ERROR_RESPONSES,
        docs_url=None,
        redoc_url=None,
        description="Events, actors and relations extracted from Indonesian news, with the "
        "character offsets of the text that states them.",
    )
    app.state.store = the_store
    app.add_exception_handler(RequestValidationError, lambda _r, exc: _validation_errors(exc))
    app.add_exception_handler(StoreError, lambda _r, exc: JSONResponse({"detail": str(exc)}, status_code=400))
    app.add_middleware(BodyLimit, max_body=max_body)
    if cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(cors_origins),
            allow_methods=["GET", "POST", "PUT", "DELETE"],
            allow_headers=["Authorization", "Content-Type"],
        )
    app.add_middleware(SecurityHeaders)

    def require_token(creds: Credentials) -> None:
        if token is None:
            raise HTTPException(
                status_code=403, detail="writes are disabled: start the server with PERISTIWA_TOKEN set"
            )
        given = creds.credentials if creds is not None else ""
        if not hmac.compare_digest(given.encode("utf-8"), token.encode("utf-8")):
            raise HTTPException(
                status_code=401,
                detail="missing or wrong bearer token",
                headers={"WWW-Authenticate": "Bearer"},
            )

    def run_extract(doc: Document) -> Any:
        from peristiwa.pipeline import extract

        with extract_lock:
            try:
                return extract(doc, settings=settings)
            except DocumentError as exc:
                raise HTTPException(status_code=422, detail=str(exc)) from exc
            except RuntimeError as exc:  # the NLP model is missing (ModelNotFoundError)
                raise HTTPException(status_code=503, detail=f"extraction unavailable: {exc}") from exc

    @app.get("/api/health", tags=["meta"])
    def health() -> dict[str, Any]:
        """Tell that the server runs, and its version."""
        return {
            "status": "ok",
            "version": __version__,
            "database": the_store.dialect,
            "writes": token is not None,
        }

    @app.get("/api/stats", tags=["meta"])
    def stats() -> dict[str, Any]:
        """Count documents, events, actors and relations; the date range; events per type."""
        return the_store.stats()

    @app.get("/api/documents", tags=["documents"])
    def list_documents(
        limit: Limit = 50,
        offset: Offset = 0,
        doc_id: Annotated[str | None, Query(max_length=1000)] = None,
        text: Annotated[str | None, Query(max_length=500)] = None,
    ) -> dict[str, Any]:
        """List stored documents (without their text), newest publication first."""
        items = the_store.documents(limit=limit, offset=offset, doc_id=doc_id, text=text)
        return {"items": items, "limit": limit, "offset": offset}

    @app.get("/api/documents/{content_id}", tags=["documents"])
    def get_document(content_id: Annotated[str, PathParam(pattern=_CONTENT_ID)]) -> dict[str, Any]:
        """Return one document: fields, text, and the contract result (events with their spans)."""
        found = the_store.document(content_id)
        if found is None:
            raise HTTPException(status_code=404, detail=f"no document {content_id}")
        return found

    def alerts_after(content_id: str) -> None:
        """Raise the alerts a stored document brings (after the response; errors are logged)."""
        from peristiwa.corpus.alerts import log, raise_alerts

        with alert_lock:
            try:
                raise_alerts(the_store, [content_id])
            except Exception:  # a background task: log it, never lose the server
                log.exception("raising alerts for document %s failed", content_id)

    @app.post("/api/documents", tags=["documents"], status_code=201, dependencies=[Depends(require_token)])
    def post_document(doc: DocumentIn, background: BackgroundTasks, replace: bool = False) -> JSONResponse:
        """Extract a document and store it (bearer token); 200 instead of 201 when it was stored already."""
        document = doc.document()
        content_id = document_hash(document)
        if not replace and the_store.has(content_id):
            return JSONResponse({"id": content_id, "doc_id": doc.id, "stored": False}, status_code=200)
        result = run_extract(document)
        stored = the_store.add(
            document,
            result,
            replace=replace,
            extractor=f"peristiwa {__version__}{settings.label()}",
        )
        if stored:
            background.add_task(alerts_after, content_id)
        return JSONResponse(
            {"id": content_id, "doc_id": doc.id, "stored": stored, "events": len(result.events)},
            status_code=201 if stored else 200,
        )

    @app.post("/api/extract", tags=["extract"])
    def post_extract(doc: DocumentIn) -> dict[str, Any]:
        """Extract one document and return its contract result; nothing is stored."""
        return dict(run_extract(doc.document()).to_dict())

    @app.get("/api/events", tags=["events"])
    def list_events(
        flt: Annotated[EventFilter, Depends(event_filter)],
        limit: Limit = 50,
        offset: Offset = 0,
        cursor: Annotated[str | None, Query(max_length=200, pattern="^[A-Za-z0-9_-]+$")] = None,
    ) -> dict[str, Any]:
        """List events, newest first; page with offset, or with the previous page's next_cursor."""
        return the_store.events(flt, limit=limit, offset=offset, cursor=cursor).to_dict()

    @app.get("/api/events/count", tags=["events"])
    def count_events(
        flt: Annotated[EventFilter, Depends(event_filter)],
        at_most: Annotated[int | None, Query(ge=1, le=10_000_000, description="Stop counting here.")] = None,
    ) -> dict[str, Any]:
        """Count the events the filters keep (``capped`` when counting stopped at ``at_most``)."""
        n = the_store.count_events(flt, at_most=at_most)
        return {"count": n, "capped": at_most is not None and n >= at_most}

    @app.get(
        "/api/export/acled.csv",
        tags=["export"],
        response_class=StreamingResponse,
        responses={200: {"content": {"text/csv": {}}, "description": "ACLED's columns, one row per incident."}},
    )
    def export_acled(
        flt: Annotated[EventFilter, Depends(event_filter)],
        per_report: Annotated[
            bool, Query(description="One row per article's event instead of one per incident.")
        ] = False,
        acled_only: Annotated[bool, Query(description="ACLED's 31 columns only.")] = False,
    ) -> StreamingResponse:
        """Export the filtered events as ACLED CSV: one row per incident (its reports listed), or per report."""
        from peristiwa.store import export

        columns = export.ACLED_COLUMNS + (() if acled_only else export.ACLED_EXTRA_COLUMNS)

        def chunks() -> Iterator[str]:
            buf = io.StringIO()
            writer = csv.DictWriter(buf, fieldnames=list(columns), extrasaction="ignore")
            writer.writeheader()
            for n, row in enumerate(export.acled_rows(the_store, flt, per_report=per_report), start=1):
                writer.writerow({k: ("" if v is None else v) for k, v in row.items()})
                if n % 200 == 0:
                    yield buf.getvalue()
                    buf.seek(0)
                    buf.truncate()
            yield buf.getvalue()

        return StreamingResponse(
            chunks(),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="peristiwa-acled.csv"'},
        )

    @app.get("/api/incidents", tags=["incidents"])
    def list_incidents(
        flt: Annotated[IncidentFilter, Depends(incident_filter)],
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """List incidents (one act reported by one or more articles), newest first, with every source."""
        items = the_store.incidents(flt, limit=limit, offset=offset)
        return {"items": [inc.to_dict() for inc in items], "limit": limit, "offset": offset}

    @app.get("/api/incidents/count", tags=["incidents"])
    def count_incidents(flt: Annotated[IncidentFilter, Depends(incident_filter)]) -> dict[str, Any]:
        """Count the incidents the filters keep."""
        return {"count": the_store.count_incidents(flt)}

    @app.get("/api/incidents/{incident_id}", tags=["incidents"])
    def get_incident(incident_id: Annotated[str, PathParam(pattern=_INCIDENT_ID)]) -> dict[str, Any]:
        """Return one incident: its type, date, place, counts, figures and every source with its evidence."""
        found = the_store.incident(incident_id)
        if found is None:
            raise HTTPException(status_code=404, detail=f"no incident {incident_id}")
        return found.to_dict()

    @app.get(
        "/api/trends",
        tags=["trends"],
        responses={200: {"content": {"application/json": {}, "text/csv": {}},
                         "description": "The series rows (JSON, or CSV with format=csv)."}},
    )
    def get_trends(
        country: Annotated[list[str] | None, Query(max_length=20, description="ISO3 of the place; repeat.")] = None,
        actor: Annotated[list[str] | None, Query(max_length=20,
                                                 description="ISO3 country, actor key, name or alias; repeat.")] = None,
        dyad: Annotated[list[str] | None, Query(max_length=20, description="A:B (both ways) or A>B; repeat.")] = None,
        type: Annotated[
            list[EventType] | None, Query(description="PLOVER type, in any case; repeat for several.")
        ] = None,
        by: Annotated[str, Query(pattern="^(day|week)$")] = "day",
        split: Annotated[str, Query(pattern="^(type|quad|none)$")] = "type",
        since: Annotated[dt.date | None, Query(description="First day, inclusive.")] = None,
        until: Annotated[dt.date | None, Query(description="Last day, inclusive.")] = None,
        format: Annotated[str, Query(pattern="^(json|csv)$")] = "json",
    ) -> Any:
        """Count incidents per day or week: per country, actor or dyad; by type or QuadClass; fatalities, intensity."""
        from peristiwa.corpus.trends import TREND_COLUMNS, parse_dyad, trends, write_trends

        for value in [*(country or []), *(actor or []), *(dyad or [])]:
            if len(value) > 200:
                raise HTTPException(status_code=422, detail="a country, actor or dyad is at most 200 characters")
        rows = trends(the_store, countries=country or (), actors_=actor or (),
                      dyads=[parse_dyad(d) for d in dyad or ()], types=[str(t.value) for t in type or ()],
                      since=since, until=until, by=by, split=split)
        if format == "csv":
            buf = io.StringIO()
            write_trends(rows, "csv", buf)
            return Response(buf.getvalue(), media_type="text/csv; charset=utf-8",
                            headers={"Content-Disposition": 'attachment; filename="peristiwa-trends.csv"'})
        return {"by": by, "split": split, "columns": list(TREND_COLUMNS), "rows": rows}

    def make(body: WatchIn) -> Any:
        from peristiwa.corpus.alerts import make_watch

        try:
            return make_watch(body.name, countries=body.countries, actors=body.actors, dyads=body.dyads,
                              types=body.types, near=body.near, km=body.km, words=body.words, rules=body.rules,
                              webhook=body.webhook)
        except StoreError as exc:
            raise HTTPException(status_code=422, detail=str(exc)) from exc

    @app.get("/api/watches", tags=["alerts"])
    def list_watches_() -> dict[str, Any]:
        """List the watches."""
        from peristiwa.corpus.alerts import list_watches

        return {"items": [w.to_dict() for w in list_watches(the_store)]}

    @app.get("/api/watches/{name}", tags=["alerts"])
    def get_watch_(name: Annotated[str, PathParam(min_length=1, max_length=100)]) -> dict[str, Any]:
        """Return one watch."""
        from peristiwa.corpus.alerts import get_watch

        found = get_watch(the_store, name)
        if found is None:
            raise HTTPException(status_code=404, detail=f"no watch named {name[:100]!r}")
        return found.to_dict()

    @app.post("/api/watches", tags=["alerts"], status_code=201, dependencies=[Depends(require_token)])
    def post_watch(body: WatchIn) -> dict[str, Any]:
        """Add a watch (bearer token); 409 when one of that name exists."""
        from peristiwa.corpus.alerts import add_watch, get_watch

        found = make(body)
        if get_watch(the_store, found.name) is not None:
            raise HTTPException(status_code=409, detail=f"a watch named {found.name!r} exists: PUT replaces it")
        return dict(add_watch(the_store, found).to_dict())

    @app.put("/api/watches/{name}", tags=["alerts"], dependencies=[Depends(require_token)])
    def put_watch(name: Annotated[str, PathParam(min_length=1, max_length=100)], body: WatchIn) -> dict[str, Any]:
        """Add or replace the watch ``name`` (bearer token); the body's name must be the same."""
        from peristiwa.corpus.alerts import add_watch

        found = make(body)
        if found.name != " ".join(name.split()):
            raise HTTPException(status_code=422, detail="the body's name differs from the path's")
        return dict(add_watch(the_store, found, replace=True).to_dict())

    @app.delete("/api/watches/{name}", tags=["alerts"], dependencies=[Depends(require_token)])
    def delete_watch(name: Annotated[str, PathParam(min_length=1, max_length=100)]) -> dict[str, Any]:
        """Remove a watch and its alerts (bearer token)."""
        from peristiwa.corpus.alerts import remove_watch

        if not remove_watch(the_store, name):
            raise HTTPException(status_code=404, detail=f"no watch named {name[:100]!r}")
        return {"name": name, "removed": True}

    @app.get("/api/alerts", tags=["alerts"])
    def get_alerts(
        since: Annotated[dt.date | None, Query(description="Raised or dated on this day or later.")] = None,
        watch: Annotated[str | None, Query(max_length=100)] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """List alerts, newest first: rule, figures, incidents and their evidence sentences."""
        from peristiwa.corpus.alerts import list_alerts

        items = list_alerts(the_store, since=since, watch=watch, limit=limit, offset=offset)
        return {"items": items, "limit": limit, "offset": offset}

    @app.post("/api/alerts", tags=["alerts"], dependencies=[Depends(require_token)])
    def check_alerts(
        since: Annotated[dt.date | None, Query(description="Look at incidents from this day on.")] = None,
        watch: Annotated[str | None, Query(max_length=100)] = None,
    ) -> dict[str, Any]:
        """Evaluate the watches on the stored incidents now (bearer token); return the new alerts."""
        from peristiwa.corpus.alerts import get_watch, raise_alerts

        if watch is not None and get_watch(the_store, watch) is None:
            raise HTTPException(status_code=404, detail=f"no watch named {watch[:100]!r}")
        with alert_lock:
            new = raise_alerts(the_store, since=since, names=None if watch is None else [watch])
        return {"items": [{k: v for k, v in a.items() if k != "webhook"} for a in new]}

    @app.get(
        "/api/alerts.atom",
        tags=["alerts"],
        response_class=Response,
        responses={200: {"content": {"application/atom+xml": {}}, "description": "An Atom 1.0 feed."}},
    )
    def alerts_atom(
        watch: Annotated[str | None, Query(max_length=100)] = None,
        limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
    ) -> Response:
        """The newest alerts as an Atom feed: one entry each, with its evidence sentences."""
        from peristiwa.corpus.alerts import atom_feed, list_alerts

        items = list_alerts(the_store, watch=watch, limit=limit)
        return Response(atom_feed(items), media_type="application/atom+xml; charset=utf-8")

    @app.get("/api/actors", tags=["actors"])
    def list_actors(
        q: Annotated[str | None, Query(max_length=200, description="Part of a name or alias.")] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """List actors, most events first, or search them by name or alias."""
        return {
            "items": the_store.actors(name=q or None, limit=limit, offset=offset),
            "limit": limit,
            "offset": offset,
        }

    @app.get("/api/actors/{key:path}", tags=["actors"])
    def get_actor(key: Annotated[str, PathParam(min_length=1, max_length=600)]) -> dict[str, Any]:
        """Return an actor's profile: names, aliases, affiliations, mentions, events."""
        found = the_store.actor(key)
        if found is None:
            raise HTTPException(status_code=404, detail=f"no actor with key {key[:100]!r}")
        return found.to_dict()

    @app.get("/api/relations", tags=["actors"])
    def list_relations(
        actor: Annotated[str | None, Query(max_length=200)] = None,
        relation: RelationType | None = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """List relations between actors (member_of, leader_of, ...) with their evidence."""
        items = the_store.relations(
            actor=actor or None, relation=relation.value if relation else None, limit=limit, offset=offset
        )
        return {"items": items, "limit": limit, "offset": offset}

    @app.get("/api/graph", tags=["actors"])
    def graph(
        flt: Annotated[EventFilter, Depends(event_filter)],
        max_events: Annotated[int, Query(ge=1, le=5000)] = 2000,
        max_nodes: Annotated[int, Query(ge=1, le=200)] = 60,
    ) -> dict[str, Any]:
        """Return the actor graph of the filtered events: who attacks whom, and affiliations."""
        return the_store.graph(flt, max_events=max_events, max_nodes=max_nodes)

    @app.get("/api/world", tags=["meta"])
    def world() -> dict[str, Any]:
        """Return the map background: land cells and country points derived from the gazetteer."""
        from peristiwa.api.world import world_grid

        return world_grid()

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        """Swagger UI from the vendored copy (no CDN; its start-up script is a file, as the CSP wants)."""
        return HTMLResponse(_DOCS_HTML)

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app
