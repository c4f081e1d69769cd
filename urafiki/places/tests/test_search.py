"""The name search through GET /api/places?q=, the way the pages and the news extraction use it."""

import pytest

from urafiki.places.models import Place, PlaceSearchKey
from urafiki.places.search import places_search

from .factories import PlaceFactory

pytestmark = pytest.mark.django_db


def first(query: str, **filters) -> Place:
    page = places_search(query=query, places=Place.objects.filter(**filters), limit=5)
    assert page.items, f"nothing found for {query!r}"
    return page.items[0]


@pytest.mark.parametrize(
    "query",
    ["九江", "九江市", "jiujiang", "Jiujiang", "Jiujiang City", "Jiujiang Municipal", "Jiǔjiāng", "jiu jiang", "JIUJIANG"],
)
def test_jiujiang_first(query):
    assert first(query).code == "CN-360400"


@pytest.mark.parametrize("query", ["Kilifi", "Kilfi", "Kilifi County", "County Government of Kilifi", "kaunti ya kilifi"])
def test_kilifi_first(query):
    assert first(query).code == "KE-14"


@pytest.mark.parametrize("query", ["湖南", "湖南省", "Hunan", "Hunan Province", "Húnán"])
def test_hunan_first(query):
    assert first(query).code == "CN-HN"


@pytest.mark.parametrize("query", ["Mombasa", "Mombasa County", "Mombasa City"])
def test_mombasa_county_first(query):
    assert first(query).code == "KE-28"


@pytest.mark.parametrize(("query", "code"), [("长沙", "CN-430100"), ("長沙", "CN-430100"), ("益阳", "CN-430900"), ("益陽", "CN-430900")])
def test_traditional_and_simplified_characters(query, code):
    assert first(query).code == code


def test_misspelling_ranks_the_closest_name_first():
    assert first("Nakru").code == "KE-31"  # Nakuru, one letter missing
    assert first("Jiangxii").code == "CN-JX"


def test_larger_unit_before_its_namesake():
    # Jilin is a province and a prefecture-level city in it: the province comes first.
    page = places_search(query="Jilin", places=Place.objects.all(), limit=5)
    assert [p.code for p in page.items[:2]] == ["CN-JL", "CN-220200"]


def test_exact_match_before_prefix_match():
    PlaceFactory(name_en="Kilifiville", admin_level=1, kind="county")
    page = places_search(query="Kilifi", places=Place.objects.all(), limit=5)
    assert [p.code for p in page.items][:2][0] == "KE-14"
    assert "Kilifiville" in [p.name_en for p in page.items]


def test_prefix_match_finds_partial_names():
    assert first("Jiuji").code == "CN-360400"


def test_filters_apply_to_the_search():
    page = places_search(query="Jilin", places=Place.objects.filter(admin_level=2), limit=5)
    assert [p.code for p in page.items] == ["CN-220200"]


def test_new_names_are_searchable_at_once():
    PlaceFactory(name_en="Zzyzxville", admin_level=2)
    assert first("Zzyzxville").name_en == "Zzyzxville"
    assert first("Zzyzxvile").name_en == "Zzyzxville"  # the fuzzy index noticed the new name


def test_nothing_found_is_an_empty_page():
    page = places_search(query="qqqqqqqq", places=Place.objects.all(), limit=5)
    assert page.count == 0 and page.items == []


def test_one_or_two_letters_match_whole_names_only():
    exact_ji = PlaceSearchKey.objects.filter(key="ji").values("place").distinct().count()
    assert places_search(query="Ji", places=Place.objects.all(), limit=5).count == exact_ji
    assert "CN-360400" in [p.code for p in places_search(query="Jiu", places=Place.objects.all(), limit=50).items]


def test_one_chinese_character_is_a_useful_prefix():
    codes = [p.code for p in places_search(query="湖", places=Place.objects.all(), limit=10).items]
    assert codes[:2] == ["CN-HB", "CN-HN"] or codes[:2] == ["CN-HN", "CN-HB"]
