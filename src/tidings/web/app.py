"""The web workspace: server-rendered pages, each with a JSON twin, over a tidings store.

Built on FastAPI (Starlette underneath) for its OpenAPI description of the JSON API and its
typed query parameters; pages are Jinja2 templates (autoescaped), charts are SVG rendered on
the server (see :mod:`tidings.web.charts`). Every page ``/P`` has a twin ``/P.json``, also
served for ``Accept: application/json``. The JSON API is described at ``/openapi.json``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hmac
import io
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from tidings import __version__
from tidings.errors import StoreError
from tidings.fusion.ledger import HAPPENING_STATUSES
from tidings.output import csv_safe, date_label
from tidings.records import STATUSES
from tidings.web import charts, queries
from tidings.web.reader import PageCache, ResponseCache, SharedReader

HERE = Path(__file__).resolve().parent
#: Content-Security-Policy: nothing inline, nothing from elsewhere.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
_PAIR = re.compile(r"^([A-Za-z]{3})-([A-Za-z]{3})$")
_ID = re.compile(r"^[a-z][0-9a-f]{16}$")
TOKEN_COOKIE = "tidings_token"


def _json_wanted(request: Request) -> bool:
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def _pair(pair: str) -> tuple[str, str]:
    m = _PAIR.match(pair)
    if not m:
        raise HTTPException(400, f"{pair!r} is not a country pair; write e.g. PRK-RUS")
    return m.group(1).upper(), m.group(2).upper()


def search_args(
    actor: str | None = Query(None, description="Country code, actor name or KB id"),
    dyad: str | None = Query(None, description="Country pair, e.g. PRK-RUS (either way)"),
    type: str | None = Query(None, description="PLOVER event type"),
    status: str | None = Query(None, description="Event status"),
    since: str | None = Query(None, description="YYYY-MM-DD"),
    until: str | None = Query(None, description="YYYY-MM-DD"),
    outlet: str | None = Query(None, description="Outlet name (substring)"),
    q: str | None = Query(None, description="Free text in the sentence or headline"),
    page: int = Query(1, ge=1),
    per_page: int = Query(50, ge=1, le=500),
) -> queries.Search:
    """The search parameters of every search route, checked (400 names the fix)."""
    for value, name in ((since, "since"), (until, "until")):
        if value:
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                raise HTTPException(
                    400, f"{name}={value!r} is not a date; write YYYY-MM-DD"
                ) from None
    if status and status.lower() not in STATUSES:
        raise HTTPException(400, f"status={status!r}; choose one of {', '.join(STATUSES)}")
    if dyad:
        _pair(dyad)
    return queries.Search(
        actor=actor or None,
        dyad=dyad or None,
        type=type or None,
        status=status or None,
        since=since or None,
        until=until or None,
        outlet=outlet or None,
        q=q or None,
        page=page,
        per_page=per_page,
    )


SearchParams = Annotated[queries.Search, Depends(search_args)]


def create_app(db: str, *, token: str | None = None, lock_timeout: float = 30.0) -> FastAPI:
    """The web application over the store at ``db``.

    Args:
        db: Database file (written by `tidings run`; may be written while served).
        token: When set, every request must carry it (``Authorization: Bearer``, the
            ``tidings_token`` cookie, or ``?token=`` once, which sets the cookie).
        lock_timeout: Seconds a request waits for a writer's batch.

    Example:
        >>> app = create_app("demo.duckdb")  # doctest: +SKIP
    """
    reader = SharedReader(db, lock_timeout=lock_timeout)
    cache = PageCache()
    responses = ResponseCache()

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        reader.close()

    app = FastAPI(
        lifespan=lifespan,
        title="tidings",
        version=__version__,
        description="Sourced, verifiable event data: events, happenings, claim ledgers.",
        docs_url=None,  # the interactive docs load scripts from a CDN
        redoc_url=None,
    )
    import threading

    threading.Thread(target=charts.warm_up, daemon=True, name="chart-warm-up").start()
    app.state.reader = reader
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals["date_label"] = date_label
    templates.env.globals["version"] = __version__
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    @app.middleware("http")
    async def guard(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        if token:
            given = request.query_params.get("token")
            if given is not None and hmac.compare_digest(given, token):
                rest = [(k, v) for k, v in request.query_params.multi_items() if k != "token"]
                url = request.url.path + (f"?{urlencode(rest)}" if rest else "")
                response: Response = RedirectResponse(url, status_code=303)
                response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict")
                return _secure(response)
            header = request.headers.get("authorization", "")
            offered = (
                header[7:]
                if header.lower().startswith("bearer ")
                else request.cookies.get(TOKEN_COOKIE, "")
            )
            if not hmac.compare_digest(offered.encode(), token.encode()):
                return _secure(
                    JSONResponse(
                        {
                            "error": "this server needs its token: open the address with "
                            "?token=TOKEN once, or send 'Authorization: Bearer TOKEN'"
                        },
                        status_code=401,
                    )
                )
        # between two writes the store does not change: a page is rendered once per version
        generation = reader.current() if request.method == "GET" else None
        key = (generation, str(request.url), _json_wanted(request))
        if generation is not None:
            hit = responses.get(key)
            if hit is not None:
                status, body, headers = hit
                return _secure(Response(body, status_code=status, headers=dict(headers)))
        try:
            response = await call_next(request)
        except StoreError as exc:
            return _secure(JSONResponse({"error": str(exc)}, status_code=503))
        if (
            generation is not None
            and response.status_code == 200
            and not request.url.path.startswith("/static/")
            and reader.current() == generation
        ):
            body = b"".join([chunk async for chunk in response.body_iterator])  # type: ignore[attr-defined]
            headers = [(k, v) for k, v in response.headers.items() if k.lower() != "content-length"]
            responses.put(key, response.status_code, body, headers)
            response = Response(body, status_code=response.status_code, headers=dict(headers))
        return _secure(response)

    def render_page(
        request: Request, template: str, data: dict[str, Any], **extra: Any
    ) -> Response:
        if _json_wanted(request):
            return JSONResponse(_plain(data))
        return templates.TemplateResponse(request, template, {"data": data, **extra})

    # -- overview ---------------------------------------------------------------------

    @app.get("/overview.json", tags=["pages"], summary="Counts, weekly series, top dyads")
    def overview_json() -> Any:
        with reader.store() as store:
            return cache.get(store, ("overview.json",), lambda: _plain(queries.overview(store)))

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return RedirectResponse("/static/favicon.svg", status_code=301)

    @app.get("/", include_in_schema=False)
    def home() -> Response:
        return RedirectResponse("/overview", status_code=307)

    @app.get("/overview", include_in_schema=False)
    def overview(request: Request) -> Response:
        with reader.store() as store:
            data = cache.get(store, ("overview",), lambda: queries.overview(store))
        return render_page(
            request,
            "overview.html",
            data,
            chart_happenings=charts.weekly_quads(data["weekly"], "happenings"),
            chart_events=charts.weekly_quads(data["weekly"], "events"),
        )

    # -- dyad -------------------------------------------------------------------------

    @app.get("/dyad/{pair}.json", tags=["pages"], summary="A country pair over time")
    def dyad_json(pair: str, directed: bool = False) -> Any:
        src, tgt = _pair(pair)
        with reader.store() as store:
            return cache.get(
                store,
                ("dyad.json", src, tgt, directed),
                lambda: _plain(queries.dyad(store, src, tgt, undirected=not directed)),
            )

    @app.get("/dyad/{pair}", include_in_schema=False)
    def dyad(request: Request, pair: str, directed: bool = False) -> Response:
        src, tgt = _pair(pair)
        with reader.store() as store:
            data = cache.get(
                store,
                ("dyad", src, tgt, directed),
                lambda: queries.dyad(store, src, tgt, undirected=not directed),
            )
        title = f"{src} {'→' if directed else '–'} {tgt}: cooperation and conflict per week"
        return render_page(
            request, "dyad.html", data, chart=charts.dyad_chart(data["points"], title)
        )

    # -- happening ----------------------------------------------------------------------

    def _happening(hid: str) -> dict[str, Any]:
        if not _ID.match(hid):
            raise HTTPException(404, "no such happening")
        with reader.store() as store:
            data = cache.get(store, ("happening", hid), lambda: queries.happening(store, hid))
        if data is None:
            raise HTTPException(404, f"no happening {hid}")
        return data

    @app.get("/happening/{hid}.json", tags=["pages"], summary="A happening and its claim ledger")
    def happening_json(hid: str) -> Any:
        return _plain(_happening(hid))

    @app.get("/happening/{hid}", include_in_schema=False)
    def happening(request: Request, hid: str) -> Response:
        return render_page(request, "happening.html", _happening(hid))

    # -- article ------------------------------------------------------------------------

    def _article(aid: str) -> dict[str, Any]:
        if not _ID.match(aid):
            raise HTTPException(404, "no such article")
        with reader.store() as store:
            data = queries.article(store, aid)
        if data is None:
            raise HTTPException(404, f"no article {aid}")
        return data

    @app.get("/article/{aid}.json", tags=["pages"], summary="An article with its highlights")
    def article_json(aid: str) -> Any:
        return _plain(_article(aid))

    @app.get("/article/{aid}", include_in_schema=False)
    def article(request: Request, aid: str) -> Response:
        return render_page(request, "article.html", _article(aid))

    # -- search -------------------------------------------------------------------------

    def _results(s: queries.Search) -> Any:
        with reader.store() as store:
            return cache.get(store, ("search", repr(s)), lambda: _plain(queries.search(store, s)))

    @app.get("/search.json", tags=["pages"], summary="Search and filter events")
    def search_json(s: SearchParams) -> Any:
        return _results(s)

    @app.get("/search", include_in_schema=False)
    def search(request: Request, s: SearchParams) -> Response:
        params = {k: v for k, v in request.query_params.items() if k != "page" and v}
        return render_page(
            request,
            "search.html",
            _results(s),
            params=params,
            query=urlencode(params),
            statuses=STATUSES,
            form=s,
        )

    def _download(s: queries.Search, fmt: str) -> Response:
        """Every event of the selection (not one page) as CSV or Parquet."""
        with reader.store() as store:
            table = queries.selection(store, s)
        if fmt == "csv":
            body, media = _csv(table), "text/csv; charset=utf-8"
        else:
            import pyarrow.parquet as pq

            out = io.BytesIO()
            pq.write_table(table, out)
            body, media = out.getvalue(), "application/vnd.apache.parquet"
        return Response(
            body,
            media_type=media,
            headers={"Content-Disposition": f'attachment; filename="tidings-events.{fmt}"'},
        )

    @app.get("/search.csv", tags=["downloads"], summary="The current selection as CSV")
    def search_csv(s: SearchParams) -> Response:
        return _download(s, "csv")

    @app.get("/search.parquet", tags=["downloads"], summary="The current selection as Parquet")
    def search_parquet(s: SearchParams) -> Response:
        return _download(s, "parquet")

    @app.get("/happenings.json", tags=["pages"], summary="Happenings, newest first")
    def happenings_json(
        dyad: str | None = None,
        status: str | None = None,
        contested: bool = False,
        limit: int = Query(50, ge=1, le=1000),
    ) -> Any:
        from tidings.output import happening_json as shape
        from tidings.store import HappeningFilter

        if status and status not in HAPPENING_STATUSES:
            raise HTTPException(
                400, f"status={status!r}; choose one of {', '.join(HAPPENING_STATUSES)}"
            )
        if dyad:
            _pair(dyad)
        with reader.store() as store:
            rows = store.happenings(
                HappeningFilter(
                    dyad=dyad, undirected=True, status=status, contested=contested, limit=limit
                )
            )
        return _plain([shape(h) for h in rows])

    return app


def _secure(response: Response) -> Response:
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Frame-Options"] = "DENY"
    return response


def _plain(data: Any) -> Any:
    """JSON-ready values (dates and decimals as text)."""
    if isinstance(data, dict):
        return {k: _plain(v) for k, v in data.items()}
    if isinstance(data, list | tuple):
        return [_plain(v) for v in data]
    if isinstance(data, dt.date | dt.datetime):
        return data.isoformat()
    if isinstance(data, int | float | str | bool) or data is None:
        return data
    return str(data)


def _csv(table: Any) -> bytes:
    """CSV of an Arrow table; text cells a spreadsheet would run as a formula get a leading
    apostrophe (the OWASP rule)."""
    import csv

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(table.column_names)
    for row in table.to_pylist():
        cells = []
        for value in row.values():
            if isinstance(value, list):
                value = ";".join(str(v) for v in value)
            cells.append("" if value is None else csv_safe(value))
        writer.writerow(cells)
    return out.getvalue().encode("utf-8")
