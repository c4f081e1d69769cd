"""GET /api/places/{id}/partner-suggestions: the shape, the same order as the ranking function, weights that
reorder, partners shown apart, and every bad parameter refused in the API's one error shape."""

import pytest

from urafiki.partners.ranking import Target, partner_suggestions
from urafiki.partners.schemas import SuggestionsOut
from urafiki.partnerships.tests.test_services import kilifi_mou
from urafiki.places.models import Place, PlaceProduct
from urafiki.taxonomy.models import Product

pytestmark = pytest.mark.django_db


def place(code: str) -> Place:
    return Place.objects.get(code=code)


def url(code: str, query: str = "country=CN&admin_level=1") -> str:
    return f"/api/places/{place(code).pk}/partner-suggestions?{query}"


def demands(code: str, *slugs: str) -> None:
    for slug in slugs:
        PlaceProduct.objects.get_or_create(place=place(code), product=Product.objects.get(slug=slug),
                                           role="demands", defaults={"source": "test data"})


def codes(items) -> list[str]:
    return [item["place"]["code"] for item in items]


def test_the_answer_has_the_documented_shape(client):
    demands("CN-GD", "coconut", "cashew")
    response = client.get(url("KE-14", "country=CN&admin_level=1&limit=3"))
    assert response.status_code == 200
    body = response.json()
    SuggestionsOut.model_validate(body)  # the plain dicts are the documented schema
    assert body["place"] == {"id": place("KE-14").pk, "code": "KE-14", "name": "Kilifi", "country": "KE",
                             "admin_level": 1}
    assert body["target"] == {"country": "CN", "admin_level": 1, "kind": None}
    assert body["weights"] == {"products": 0.4, "sectors": 0.25, "structure": 0.2, "ties": 0.15}
    assert len(body["items"]) == 3
    item = body["items"][0]
    assert set(item) == {"place", "score", "coverage", "already_partnered", "factors"}
    assert [f["name"] for f in item["factors"]] == ["products", "sectors", "structure", "ties"]
    assert all(set(f) == {"name", "value", "weight", "explanation", "data"} for f in item["factors"])
    assert 0 <= item["score"] <= 1 and 0 < item["coverage"] <= 1


def test_the_api_gives_the_order_of_the_ranking_function(client):
    demands("CN-GD", "coconut", "cashew")
    query = "country=CN&admin_level=1&limit=34&w_products=1&w_sectors=2&w_structure=0.5&w_ties=0"
    body = client.get(url("KE-14", query)).json()
    ranking = partner_suggestions(place("KE-14"), target=Target("CN", 1), limit=34,
                                  weights={"products": 1, "sectors": 2, "structure": 0.5, "ties": 0})
    assert codes(body["items"]) == [c.place.code for c in ranking.candidates]
    assert [item["score"] for item in body["items"]] == [round(c.score, 6) for c in ranking.candidates]
    assert client.get(url("KE-14", query)).json() == body  # and the same again


def test_changing_the_weights_reorders(client):
    demands("CN-GD", "coconut", "cashew", "mango", "baobab")
    by_products = client.get(url("KE-14", "limit=34&w_products=1&w_sectors=0&w_structure=0&w_ties=0")).json()
    by_structure = client.get(url("KE-14", "limit=34&w_products=0&w_sectors=0&w_structure=1&w_ties=0")).json()
    assert codes(by_products["items"])[0] == "CN-GD"
    assert codes(by_products["items"]) != codes(by_structure["items"])
    values = [next(f["value"] for f in item["factors"] if f["name"] == "structure") or 0
              for item in by_structure["items"]]
    assert values == sorted(values, reverse=True)


def test_jiangxi_is_listed_as_partnered(client):
    kilifi_mou()
    body = client.get(url("KE-14", "country=CN&admin_level=1&limit=34")).json()
    assert codes(body["partnered"]) == ["CN-JX"] and "CN-JX" not in codes(body["items"])
    assert body["partnered"][0]["already_partnered"] is True
    included = client.get(url("KE-14", "country=CN&admin_level=1&limit=34&include_partnered=true")).json()
    assert "CN-JX" in codes(included["items"])


def test_unknown_is_null_not_zero(client):
    body = client.get(url("KE-14", "country=CN&admin_level=1&limit=34")).json()
    no_demand = [item for item in body["items"]
                 if not PlaceProduct.objects.filter(place__code=item["place"]["code"], role="demands").exists()]
    assert no_demand
    for item in no_demand:
        products = next(f for f in item["factors"] if f["name"] == "products")
        assert products["value"] is None and "no recorded demand" in products["explanation"]


def test_an_empty_profile_gets_a_ranking_with_its_coverage_stated(client):
    kenya = place("KE")
    empty = Place.objects.create(code="KE-T9", country_code="KE", admin_level=1, kind="county", parent=kenya,
                                 name_en="Empty County")
    response = client.get(f"/api/places/{empty.pk}/partner-suggestions?country=CN&admin_level=2&limit=5")
    assert response.status_code == 200
    body = response.json()
    assert len(body["items"]) == 5 and all(item["coverage"] == 0.15 for item in body["items"])
    assert body["coverage_note"].startswith("Not recorded for Empty County: products, priority sectors")


def test_chinese_names_in_chinese(client):
    body = client.get(url("KE-14", "limit=1"), HTTP_ACCEPT_LANGUAGE="zh-hans").json()
    assert body["place"]["name"] == "基利菲郡"


@pytest.mark.parametrize(("query", "errors"), [
    ("country=XX", {"country": ["“XX” is not a country of the registry."]}),
    ("country=CN&admin_level=7",
     {"admin_level": ["Choose level 1 (a county, a province) or 2 (a prefecture-level city)."]}),
    ("admin_level=one", {"admin_level": ["Choose level 1 (a county, a province) or 2 (a prefecture-level city)."]}),
    ("kind=galaxy", {"kind": ["“galaxy” is not a kind of local government."]}),
    ("limit=0", {"limit": ["Enter a whole number from 1 to 100."]}),
    ("limit=101", {"limit": ["Enter a whole number from 1 to 100."]}),
    ("limit=ten", {"limit": ["Enter a whole number from 1 to 100."]}),
    ("w_products=lots", {"w_products": ["Enter a number."]}),
    ("w_ties=-1", {"w_ties": ["A weight cannot be negative."]}),
    ("w_products=0&w_sectors=0&w_structure=0&w_ties=0", {"weights": ["At least one weight must be above zero."]}),
    ("include_partnered=perhaps", {"include_partnered": ["Enter true or false."]}),
    ("country=XX&limit=0", {"country": ["“XX” is not a country of the registry."],
                            "limit": ["Enter a whole number from 1 to 100."]}),
])
def test_bad_parameters_are_refused_in_the_error_shape(client, query, errors):
    response = client.get(url("KE-14", query))
    assert response.status_code == 400
    body = response.json()
    assert body["errors"] == errors
    assert body["detail"] == " ".join(f"{field}: {' '.join(messages)}" for field, messages in errors.items())


def test_an_unknown_place_is_404(client):
    response = client.get("/api/places/987654321/partner-suggestions?country=CN&admin_level=1")
    assert response.status_code == 404
    assert response.json() == {"detail": "There is no place with the id 987654321.", "errors": {}}
    chinese = client.get("/api/places/987654321/partner-suggestions", headers={"Accept-Language": "zh-CN"})
    assert chinese.status_code == 404 and chinese.json()["detail"] == "没有编号为 987654321 的地方。"


def test_query_count_is_fixed(client, django_assert_max_num_queries):
    """Uncached (the suite's dummy cache): the place, the target's country, then the profiles' reads."""
    client.get(url("KE-14"))  # the session's first request pays for anything lazy
    with django_assert_max_num_queries(12):
        assert client.get(url("KE-14")).status_code == 200
