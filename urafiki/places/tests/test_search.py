"""The name search through GET /api/places?q=, the way the pages and the news extraction use it."""

import pytest

from urafiki.places.models import Place, PlaceSearchKey
from urafiki.places.search import PlaceFilters, places_search

from .factories import PlaceFactory

pytestmark = pytest.mark.django_db


def search(query: str, limit: int = 5, **filters):
    return places_search(filters=PlaceFilters(q=query, limit=limit, **filters))


def first(query: str, **filters) -> Place:
    page = search(query, **filters)
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
    page = search("Jilin")
    assert [p.code for p in page.items[:2]] == ["CN-JL", "CN-220200"]


def test_exact_match_before_prefix_match():
    PlaceFactory(name_en="Kilifiville", admin_level=1, kind="county")
    page = search("Kilifi")
    assert [p.code for p in page.items][:2][0] == "KE-14"
    assert "Kilifiville" in [p.name_en for p in page.items]


def test_prefix_match_finds_partial_names():
    assert first("Jiuji").code == "CN-360400"


def test_filters_apply_to_the_search():
    page = search("Jilin", admin_level=2)
    assert [p.code for p in page.items] == ["CN-220200"]


def test_new_names_are_searchable_at_once():
    PlaceFactory(name_en="Zzyzxville", admin_level=2)
    assert first("Zzyzxville").name_en == "Zzyzxville"
    assert first("Zzyzxvile").name_en == "Zzyzxville"  # the fuzzy index noticed the new name


def test_nothing_found_is_an_empty_page():
    page = search("qqqqqqqq")
    assert page.count == 0 and page.items == []


def test_one_or_two_letters_match_whole_names_only():
    exact_ji = PlaceSearchKey.objects.filter(key="ji").values("place").distinct().count()
    assert search("Ji").count == exact_ji
    assert "CN-360400" in [p.code for p in search("Jiu", limit=50).items]


def test_one_chinese_character_is_a_useful_prefix():
    codes = [p.code for p in search("湖", limit=10).items]
    assert codes[:2] == ["CN-HB", "CN-HN"] or codes[:2] == ["CN-HN", "CN-HB"]


def test_filters_apply_to_close_spellings_too():
    assert first("Kilfi", country="KE").code == "KE-14"
    assert search("Kilfi", country="CN").count == 0


def test_a_page_past_the_end_still_counts():
    page = search("Jilin", offset=50)
    assert page.items == [] and page.count == search("Jilin").count


def test_parent_comes_with_each_result():
    place = first("九江")
    assert (place.parent.code, place.parent.name_zh) == ("CN-JX", "江西省")


def test_the_bigram_filter_never_hides_a_close_spelling():
    """The candidate filter is an optimisation: it must find every key a full comparison finds."""
    import random

    from rapidfuzz.distance import Levenshtein

    from urafiki.places.search import _max_edits, key_index

    key_index.invalidate()
    all_keys = key_index.all_keys()
    rng = random.Random(2026)
    letters = "abcdefghijklmnopqrstuvwxyz"
    for key in rng.sample([k for k, _ in all_keys if k.isascii() and len(k) >= 4], 150):
        typo = list(key)
        for _ in range(rng.randint(1, 2)):
            position = rng.randrange(len(typo))
            action = rng.choice(["insert", "delete", "replace"])
            if action == "insert":
                typo.insert(position, rng.choice(letters))
            elif action == "delete" and len(typo) > 4:
                del typo[position]
            else:
                typo[position] = rng.choice(letters)
        typo = "".join(typo)
        max_edits = _max_edits(typo)
        expected = {
            place_id
            for candidate, place_ids in all_keys
            if Levenshtein.distance(typo, candidate) <= max_edits
            for place_id in place_ids
        }
        found = {place_id for place_id, _ in key_index.closest(typo, max_edits=max_edits)}
        assert found == expected, typo


def test_a_very_common_prefix_is_matched_in_the_database(monkeypatch):
    from urafiki.places.search import key_index

    expected = search("Jia", limit=50)
    assert expected.count > 5  # Jiangxi, Jiangsu, Jiaxing, Jiamusi, Jiaozuo …
    monkeypatch.setattr(key_index, "MAX_LISTED_MATCHES", 0)
    assert key_index.matches(("jia",), ["jia"]) is None
    in_database = search("Jia", limit=50)
    assert in_database.count == expected.count
    assert [p.code for p in in_database.items] == [p.code for p in expected.items]


def test_counts_are_exact_with_and_without_the_window_count():
    # Few matches on the first page are counted in Python; more, or a later page, in SQL: same answers.
    everything = search("Jia", limit=100)
    assert everything.count == len(everything.items) > 5
    first_page = search("Jia", limit=3)
    assert first_page.count == everything.count and len(first_page.items) == 3
    second_page = search("Jia", limit=3, offset=3)
    assert second_page.count == everything.count
    assert [p.code for p in first_page.items + second_page.items] == [p.code for p in everything.items[:6]]
