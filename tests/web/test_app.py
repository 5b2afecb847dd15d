"""Pages, their JSON twins, the OpenAPI description, downloads, the token and safety with
hostile content, through the ASGI app in process."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient

from tidings.web import create_app
from tidings.web.app import CSP


@pytest.fixture(scope="module")
def client(web_db: str) -> Iterator[TestClient]:
    with TestClient(create_app(web_db)) as c:
        yield c


def _visit(client: TestClient) -> dict[str, Any]:
    rows = client.get("/happenings.json", params={"dyad": "IND-BRA"}).json()
    return next(h for h in rows if h["type"] == "CONSULT")


PAGES = ["/overview", "/dyad/IND-BRA", "/search", "/search?dyad=IRN-VEN"]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_has_a_json_twin(client: TestClient, path: str) -> None:
    html = client.get(path)
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    base, _, query = path.partition("?")
    twin = client.get(base + ".json" + (f"?{query}" if query else ""))
    assert twin.status_code == 200 and twin.headers["content-type"] == "application/json"
    accept = client.get(path, headers={"Accept": "application/json"})
    assert accept.json() == twin.json()


def test_happening_and_article_pages_and_twins(client: TestClient) -> None:
    visit = _visit(client)
    page = client.get(f"/happening/{visit['id']}")
    assert page.status_code == 200
    data = client.get(f"/happening/{visit['id']}.json").json()
    assert data["plan"]["outcome"] == "fulfilled"
    assert [e["kind"] for e in data["history"]][:3] == ["report", "unconfirmed", "confirmation"]
    for entry in data["history"]:
        link = f"/article/{entry['article_id']}#s{entry['evidence']['start']}"
        assert link.replace("&", "&amp;") in page.text
    article = data["history"][0]["article_id"]
    text = client.get(f"/article/{article}")
    assert text.status_code == 200
    assert f'id="s{data["history"][0]["evidence"]["start"]}"' in text.text
    assert 'class="m-trigger"' in text.text and 'class="m-actor"' in text.text
    twin = client.get(f"/article/{article}.json").json()
    pieces = [p for para in twin["paragraphs"] for c in para for p in c["pieces"]]
    assert "".join(p["text"] for p in pieces).replace("\n", "") in twin_text(client, article)


def twin_text(client: TestClient, article: str) -> str:
    from tidings.store import Store

    db = client.app.state.reader.db  # type: ignore[attr-defined]
    with Store(db, read_only=True) as store:
        return str(
            store.rows("SELECT text FROM articles WHERE id = ?", [article])[0]["text"]
        ).replace("\n", "")


def test_dyad_counts_happened_apart_from_reported(client: TestClient) -> None:
    data = client.get("/dyad/IRN-VEN.json").json()
    series = {p["series"] for p in data["points"]}
    assert series == {"conflict, reported or alleged"} or series == {
        "cooperation, reported or alleged"
    }
    visit = client.get("/dyad/IND-BRA.json").json()
    happened = [p for p in visit["points"] if p["series"].endswith("happened")]
    assert happened and all(p["happenings"] for p in happened)
    # planned, cancelled or never observed ones are listed, not counted
    assert {h["status"] for h in client.get("/dyad/JPN-AUS.json").json()["uncounted"]} == {
        "cancelled"
    }


def test_search_filters_paginate_and_download(client: TestClient) -> None:
    first = client.get("/search.json", params={"per_page": 2}).json()
    assert first["total"] >= 4 and len(first["rows"]) == 2 and first["pages"] >= 2
    second = client.get("/search.json", params={"per_page": 2, "page": 2}).json()
    assert {r["id"] for r in first["rows"]}.isdisjoint(r["id"] for r in second["rows"])
    only = client.get("/search.json", params={"status": "denied"}).json()
    assert only["rows"] and all(r["status"] == "denied" for r in only["rows"])
    text = client.get("/search.json", params={"q": "drones"}).json()
    assert text["rows"] and all("drone" in r["sentence"].lower() for r in text["rows"])
    outlet = client.get("/search.json", params={"outlet": "coastline"}).json()
    assert outlet["rows"] and all(r["outlet"] == "Coastline Herald" for r in outlet["rows"])
    data = client.get("/search.csv", params={"q": "drones"})
    rows = list(csv.DictReader(io.StringIO(data.text)))
    assert len(rows) == text["total"]
    table = pq.read_table(io.BytesIO(client.get("/search.parquet", params={"q": "drones"}).content))
    assert table.num_rows == text["total"]


def test_bad_parameters_are_400_with_the_fix(client: TestClient) -> None:
    for path in ("/search.json?since=June", "/search.json?status=happened", "/dyad/RUSSIA.json"):
        response = client.get(path)
        assert response.status_code == 400, path
        assert "write" in response.text or "choose" in response.text
    assert client.get("/happening/h0000000000000000").status_code == 404
    assert client.get("/article/../../etc/passwd").status_code == 404


def test_openapi_describes_the_json_api(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    paths = set(spec["paths"])
    assert {
        "/overview.json",
        "/dyad/{pair}.json",
        "/happening/{hid}.json",
        "/article/{aid}.json",
        "/search.json",
        "/search.csv",
        "/search.parquet",
        "/happenings.json",
    } <= paths
    assert client.get("/docs").status_code == 404  # the interactive docs would load a CDN


def test_security_headers_on_every_response(client: TestClient) -> None:
    for path in ("/overview", "/overview.json", "/static/tidings.css", "/nope"):
        headers = client.get(path).headers
        assert headers["content-security-policy"] == CSP
        assert headers["x-content-type-options"] == "nosniff"
    assert "'unsafe-inline'" not in CSP and "script-src 'self'" in CSP


def test_hostile_article_is_shown_as_text(client: TestClient) -> None:
    found = client.get("/search.json", params={"q": "Beijing"}).json()["rows"]
    assert found, "the hostile article was coded"
    page = client.get(f"/article/{found[0]['article_id']}")
    assert "<script>alert" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    assert "<img src=x" not in page.text
    assert 'href="javascript:' not in page.text.lower()
    assert 'onmouseover="alert' not in page.text
    listing = client.get("/search", params={"q": "Beijing"})
    assert "<script>alert" not in listing.text


def test_csv_download_neutralises_formulas(client: TestClient) -> None:
    data = client.get("/search.csv", params={"q": "HYPERLINK"}).text
    rows = list(csv.DictReader(io.StringIO(data)))
    assert rows
    for row in rows:
        assert not row["sentence"].startswith("="), row["sentence"]


def test_token_is_required_when_set(web_db: str) -> None:
    with TestClient(create_app(web_db, token="s3cret-token")) as c:
        assert c.get("/overview.json").status_code == 401
        assert c.get("/overview.json", headers={"Authorization": "Bearer wrong"}).status_code == 401
        ok = c.get("/overview.json", headers={"Authorization": "Bearer s3cret-token"})
        assert ok.status_code == 200
        first = c.get("/overview?token=s3cret-token", follow_redirects=False)
        assert first.status_code == 303 and first.headers["location"] == "/overview"
        assert "tidings_token" in first.headers["set-cookie"]
        assert c.get("/overview").status_code == 200  # the cookie carries it now
