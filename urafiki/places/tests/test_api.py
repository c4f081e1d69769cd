"""GET /api/places and GET /api/places/{id}: counts, search, errors and query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from urafiki.places.loaders import AFRICAN_COUNTRIES
from urafiki.places.models import Place, PlaceSearchKey

pytestmark = pytest.mark.django_db

def get(client, url, status=200, **headers):
    response = client.get(url, **headers)
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    return response.json()


@pytest.mark.parametrize(
    ("query", "count"),
    # China's 333 prefecture-level divisions and Taiwan's 20 cities and counties (docs/adr/0002)
    [("country=KE&admin_level=1", 47), ("country=CN&admin_level=1", 34), ("country=CN&admin_level=2", 353)],
)
def test_registry_counts(client, query, count):
    assert get(client, f"/api/places?{query}")["count"] == count


def test_every_african_country_has_its_subdivisions(client):
    for code in AFRICAN_COUNTRIES:
        body = get(client, f"/api/places?country={code}&admin_level=1&limit=1")
        assert body["count"] > 0, code
    total = sum(get(client, f"/api/places?country={c}&admin_level=1&limit=1")["count"] for c in AFRICAN_COUNTRIES)
    assert total == 763  # ISO 3166-2 first-level subdivisions of the 54 states (pycountry 26.2)


def test_kenyan_counties_carry_both_codes(client):
    body = get(client, "/api/places?q=Kilifi&country=KE&limit=1")
    kilifi = body["items"][0]
    assert (kilifi["code"], kilifi["iso_code"], kilifi["official_code"]) == ("KE-14", "KE-14", "003")
    mombasa = get(client, "/api/places?q=Mombasa&limit=1")["items"][0]
    assert (mombasa["iso_code"], mombasa["official_code"]) == ("KE-28", "001")
    nairobi = Place.objects.get(official_code="047", country_code="KE")
    assert nairobi.iso_code == "KE-30"


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("九江", "CN-360400"),
        ("jiujiang", "CN-360400"),
        ("Jiujiang City", "CN-360400"),
        ("Kilfi", "KE-14"),
        ("湖南", "CN-HN"),
        ("Mombasa", "KE-28"),
    ],
)
def test_search_puts_the_expected_place_first(client, query, code):
    body = get(client, "/api/places", data={"q": query})
    assert body["items"][0]["code"] == code
    if code == "CN-360400":
        assert body["items"][0]["parent"]["code"] == "CN-JX"


def test_list_item_shape(client):
    item = get(client, "/api/places?q=九江")["items"][0]
    assert item == {
        "id": item["id"],
        "code": "CN-360400",
        "name": "Jiujiang",
        "name_en": "Jiujiang",
        "name_zh": "九江市",
        "name_sw": "Jiujiang",
        "pinyin": "Jiǔjiāng",
        "admin_level": 2,
        "kind": "prefecture_level_city",
        "country_code": "CN",
        "iso_code": "",
        "official_code": "360400",
        "parent": {"id": item["parent"]["id"], "code": "CN-JX", "name_en": "Jiangxi"},
        "latitude": item["latitude"],
        "longitude": item["longitude"],
        "population": None,
        "url": "/places/CN-360400/",
    }


def test_list_items_are_the_documented_place_schema(client):
    """List items are written by hand for speed: they must say what the schema and the detail say."""
    from urafiki.places.api import PlaceOut

    for query in ("q=九江", "q=Kilfi", "country=KE&admin_level=1&limit=3", "q=Nai&limit=3"):
        body = get(client, f"/api/places?{query}")
        assert set(body) == {"count", "items"}
        for item in body["items"]:
            assert set(item) == set(PlaceOut.model_fields)
            detail = get(client, f"/api/places/{item['id']}")
            assert {field: detail[field] for field in item} == item


def test_name_follows_the_language(client):
    item = get(client, "/api/places?q=jiujiang", HTTP_ACCEPT_LANGUAGE="zh-CN")["items"][0]
    assert item["name"] == "九江市"


def test_filters_combine(client):
    jiangxi = Place.objects.get(code="CN-JX")
    body = get(client, f"/api/places?parent={jiangxi.pk}&kind=prefecture_level_city&limit=100")
    assert body["count"] == 11
    assert {i["parent"]["code"] for i in body["items"]} == {"CN-JX"}


def test_pagination(client):
    first_page = get(client, "/api/places?country=KE&admin_level=1&limit=10")
    second_page = get(client, "/api/places?country=KE&admin_level=1&limit=10&offset=10")
    assert first_page["count"] == second_page["count"] == 47
    assert len(first_page["items"]) == len(second_page["items"]) == 10
    assert not {i["id"] for i in first_page["items"]} & {i["id"] for i in second_page["items"]}


def test_country_code_is_case_insensitive(client):
    assert get(client, "/api/places?country=ke&admin_level=1")["count"] == 47


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("admin_level=x", "admin_level", "“x” is not a whole number."),
        ("admin_level=7", "admin_level", "Must be between 0 and 3."),
        ("country=ZZ", "country", "“ZZ” is not a known ISO 3166 alpha-2 country code."),
        ("kind=village", "kind", "“village” is not a kind of place."),
        ("parent=999999999", "parent", "There is no place with id 999999999."),
        ("limit=0", "limit", "Must be between 1 and 100."),
        ("limit=1000", "limit", "Must be between 1 and 100."),
        ("offset=-1", "offset", "Must be 0 or more."),
        ("q=" + "x" * 101, "q", "The search text is too long (100 characters at most)."),
    ],
)
def test_bad_parameters_get_400_with_a_message(client, query, field, message):
    body = get(client, f"/api/places?{query}", status=400)
    assert body["errors"][field][0].startswith(message)
    assert body["detail"].startswith(f"{field}: {message}")


def test_error_messages_follow_the_language(client):
    body = get(client, "/api/places?admin_level=x", status=400, HTTP_ACCEPT_LANGUAGE="sw")
    assert body["errors"]["admin_level"][0] != "“x” is not a whole number."
    assert "x" in body["errors"]["admin_level"][0]


def test_detail(client):
    kilifi = Place.objects.get(code="KE-14")
    body = get(client, f"/api/places/{kilifi.pk}")
    assert body["code"] == "KE-14"
    assert body["parent"]["code"] == "KE"
    facts = {f["fact"]: f for f in body["facts"]}
    assert facts["population"]["value"] == "1453787"
    assert facts["population"]["year"] == 2019
    assert "KNBS" in facts["population"]["source"]
    assert {"coconut", "cashew", "mango", "baobab"} <= {p["slug"] for p in body["products"]}
    assert {"tourism", "blue_economy", "agriculture"} <= {s["slug"] for s in body["sectors"]}
    assert all(p["source"] for p in body["products"] + body["sectors"] + body["facts"])
    assert "County Government of Kilifi" in {a["name"] for a in body["aliases"]}
    assert body["children_count"] == 0


@pytest.mark.parametrize(("path", "status"), [("/api/places/999999999", 404), ("/api/places/abc", 400)])
def test_unknown_or_malformed_ids(client, path, status):
    body = get(client, path, status=status)
    assert body["detail"]


def test_query_counts_are_pinned(client):
    kilifi = Place.objects.get(code="KE-14")
    # Warm the per-process caches: country codes (a minute) and the version of the search keys (10 s).
    get(client, "/api/places?q=Nakru&country=KE")
    with CaptureQueriesContext(connection) as list_queries:
        get(client, "/api/places?q=Kilifi&country=KE")
    # one statement that filters, ranks, counts and joins the parents
    assert len(list_queries) == 1, [q["sql"] for q in list_queries]
    with CaptureQueriesContext(connection) as fuzzy_queries:
        assert get(client, "/api/places?q=Kilfi")["items"][0]["parent"]["code"] == "KE"
    # close spellings come from memory: the same one statement
    assert len(fuzzy_queries) == 1, [q["sql"] for q in fuzzy_queries]
    with CaptureQueriesContext(connection) as detail_queries:
        get(client, f"/api/places/{kilifi.pk}")
    # place (with parent and children count), aliases, facts, products, sectors
    assert len(detail_queries) == 5, [q["sql"] for q in detail_queries]


def test_openapi_docs(client):
    response = client.get("/api/docs")
    assert response.status_code == 200
    assert b"swagger" in response.content.lower()
    assert b"cdn" not in response.content.lower()
    schema = client.get("/api/openapi.json").json()
    assert "/api/places" in schema["paths"]
    assert "/api/places/{place_id}" in schema["paths"]


def test_search_keys_are_derived_from_names():
    jiujiang = Place.objects.get(code="CN-360400")
    keys = set(PlaceSearchKey.objects.filter(place=jiujiang).values_list("key", flat=True))
    assert {"jiujiang", "九江", "九江市", "jiujiangcity"} <= keys
