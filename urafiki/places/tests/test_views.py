"""The pages of the registry, through the test client, in the three languages."""

import pytest
from django.utils import translation

from urafiki.places.models import Place

pytestmark = pytest.mark.django_db

LANGUAGES = [("en", "en"), ("zh-CN,zh;q=0.9", "zh-hans"), ("sw-KE,sw;q=0.9", "sw")]
PAGES = ["/", "/places/", "/places/?q=Kilifi", "/places/KE-14/", "/places/CN-360400/", "/places/KE/", "/map/"]


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize(("accept", "language"), LANGUAGES)
def test_pages_render_in_the_browsers_language(client, path, accept, language):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    with translation.override(language):
        places = translation.gettext("Places")
    assert f">{places}</a>" in html


def test_language_choice_is_remembered(client):
    response = client.post("/i18n/setlang/", {"language": "sw", "next": "/places/"})
    assert response.status_code == 302
    html = client.get("/places/", HTTP_ACCEPT_LANGUAGE="zh-CN").content.decode()
    assert '<html lang="sw">' in html


def test_search_page_lists_ranked_results(client):
    html = client.get("/places/", {"q": "九江"}).content.decode()
    assert html.index("/places/CN-360400/") < html.index("</ol>")
    assert "1 place found" in html


def test_search_page_shows_errors_without_crashing(client):
    response = client.get("/places/", {"country": "ZZ", "admin_level": "9", "page": "abc"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "“ZZ” is not a known ISO 3166 alpha-2 country code." in html
    assert "Must be between 0 and 3." in html


def test_search_page_errors_in_chinese(client):
    html = client.get("/places/", {"admin_level": "9"}, HTTP_ACCEPT_LANGUAGE="zh-CN").content.decode()
    with translation.override("zh-hans"):
        expected = translation.gettext("Must be between {low} and {high}.").format(low=0, high=3)
    assert expected in html


def test_place_page_shows_cited_profile(client):
    html = client.get("/places/KE-14/").content.decode()
    assert "<h1>Kilifi</h1>" in html
    assert "基利菲郡" in html
    assert "1,453,787" in html
    assert "KNBS 2019 KPHC" in html  # the source of the population
    for product in ("Coconut", "Cashew", "Mango", "Baobab"):
        assert product in html
    assert 'href="/places/KE/"' in html  # parent
    assert 'data-boundaries="/map/boundaries/KE-14.geojson"' in html


def test_place_page_lists_children(client):
    html = client.get("/places/CN-JX/").content.decode()
    assert 'href="/places/CN-360400/"' in html
    assert "11 divisions" in html


def test_unknown_place_is_a_404_page(client):
    response = client.get("/places/XX-NOPE/")
    assert response.status_code == 404


def test_boundaries_geojson(client):
    body = client.get("/map/boundaries/KE.geojson").json()
    codes = {f["properties"]["code"] for f in body["features"]}
    assert len(codes) == 48 and "KE-14" in codes and "KE" in codes
    countries = client.get("/map/boundaries/AFRICA-CHINA.geojson").json()
    assert {"KE", "CN", "ZA"} <= {f["properties"]["code"] for f in countries["features"]}
    assert client.get("/map/boundaries/NOPE.geojson").status_code == 404


def test_home_page_figures(client):
    html = client.get("/").content.decode()
    # 333 prefectures and Taiwan's 20 cities and counties (docs/adr/0002)
    assert Place.objects.filter(country_code="CN", admin_level=2).count() == 353
    assert "<strong>353</strong>" in html and "<strong>47</strong>" in html and "<strong>34</strong>" in html


def test_admin_is_for_staff(client, admin_user):
    assert client.get("/admin/places/place/").status_code == 302
    client.force_login(admin_user)
    assert client.get("/admin/places/place/?q=Kilifi").status_code == 200


def test_search_page_keeps_the_typed_text_when_a_filter_is_wrong(client):
    html = client.get("/places/", {"q": "Kilifi", "admin_level": "9"}).content.decode()
    assert 'value="Kilifi"' in html
