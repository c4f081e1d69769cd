"""The partner finder's pages through the client: "Find partners" (whole page and HTMX fragment), the
comparison, and the briefs' pages. Bad parameters give the form with its messages and status 400, never a 500;
refused writes change nothing."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from urafiki.partners.models import BriefInterest, PartnerBrief
from urafiki.partnerships.models import Partnership

from .test_briefs import CANDIDATE, NOT_FITTING, OFFICE, person, post_brief, sectors  # noqa: F401

pytestmark = pytest.mark.django_db


def signed_in(client, kind: str):
    user = person(kind)
    client.force_login(user)
    return user


def candidate_codes(html: str) -> list[str]:
    ranked = html.split('data-testid="candidates"', 1)[1].split("</ol>", 1)[0]
    return re.findall(r'class="candidate" data-code="([^"]+)"', ranked)


# --- Find partners ------------------------------------------------------------------------------------------

def test_the_place_page_links_to_find_partners(client):
    page = client.get("/places/KE-14/").content.decode()
    assert 'href="/places/KE-14/partners/"' in page and "Find partners" in page


def test_find_partners_ranks_chinese_provinces_for_kilifi_by_default(client):
    response = client.get("/places/KE-14/partners/")
    page = response.content.decode()
    assert response.status_code == 200
    assert '<option value="CN" selected>' in page  # the other side
    assert 'name="w_products"' in page and 'type="range"' in page
    assert 'hx-get="/places/KE-14/partners/"' in page and "vendor/htmx/htmx.min.js" in page
    assert '<button type="submit">Update the ranking</button>' in page  # works without JavaScript
    codes = candidate_codes(page)
    assert len(codes) == 10 and all(code.startswith("CN-") for code in codes)


def test_a_chinese_place_looks_to_kenya_by_default(client):
    page = client.get("/places/CN-YN/partners/").content.decode()
    assert '<option value="KE" selected>' in page
    assert all(code.startswith("KE-") for code in candidate_codes(page))


def test_the_page_and_the_api_give_the_same_order_for_the_same_weights(client):
    from urafiki.places.models import Place

    query = "country=CN&admin_level=1&w_products=10&w_sectors=80&w_structure=5&w_ties=5"
    page = client.get(f"/places/KE-14/partners/?{query}").content.decode()
    kilifi = Place.objects.get(code="KE-14")
    api = client.get(f"/api/places/{kilifi.pk}/partner-suggestions?{query}").json()
    assert candidate_codes(page) == [item["place"]["code"] for item in api["items"]]


def test_the_htmx_request_gets_the_ranking_fragment_only(client):
    response = client.get("/places/KE-14/partners/?w_products=40&w_sectors=100&w_structure=20&w_ties=15",
                          headers={"HX-Request": "true"})
    fragment = response.content.decode()
    assert response.status_code == 200
    assert fragment.lstrip().startswith('<section id="ranking"') and "<html" not in fragment
    assert "Sector alignment 57&nbsp;%" in fragment  # 100 / (40 + 100 + 20 + 15)
    assert "HX-Request" in response["Vary"]


@pytest.mark.parametrize("query, message", [
    ("country=ZZ", "“ZZ” is not a country of the registry."),
    ("admin_level=7", "Choose level 1 (a county, a province) or 2 (a prefecture-level city)."),
    ("kind=castle", "“castle” is not a kind of local government."),
    ("w_products=abc", "Enter a number."),
    ("w_ties=-1", "A weight cannot be negative."),
    ("w_products=0&w_sectors=0&w_structure=0&w_ties=0", "At least one weight must be above zero."),
    ("limit=500", "Must be between 1 and 50."),
])
def test_bad_parameters_give_the_form_with_the_reason_and_400(client, query, message):
    response = client.get(f"/places/KE-14/partners/?{query}")
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page and "The ranking cannot be computed" in page
    assert 'name="w_products"' in page  # the form is there to correct it
    fragment = client.get(f"/places/KE-14/partners/?{query}", headers={"HX-Request": "true"})
    assert fragment.status_code == 400 and message in fragment.content.decode()


def test_the_messages_are_in_the_users_language(client):
    page = client.get("/places/KE-14/partners/?w_ties=-1", headers={"Accept-Language": "zh-CN"}).content.decode()
    assert '<html lang="zh-hans">' in page


def test_a_country_or_a_missing_place_has_no_finder(client):
    assert client.get("/places/KE/partners/").status_code == 404
    assert client.get("/places/XX-99/partners/").status_code == 404


def test_a_fitting_brief_shows_on_the_candidates_page_with_why(client):
    brief = post_brief()
    page = client.get(f"/places/{CANDIDATE}/partners/").content.decode()
    assert f'data-brief="{brief.pk}"' in page and "Shared priority sectors: Agriculture." in page
    assert "Express interest" not in page  # anonymous: nothing to answer with
    signed_in(client, "officer_of_candidate")
    assert "Express interest" in client.get(f"/places/{CANDIDATE}/partners/").content.decode()
    assert f'data-brief="{brief.pk}"' not in client.get(f"/places/{NOT_FITTING}/partners/").content.decode()


def test_an_expired_brief_does_not_show(client):
    brief = post_brief()
    PartnerBrief.objects.filter(pk=brief.pk).update(expires_on=timezone.localdate() - datetime.timedelta(days=1))
    assert f'data-brief="{brief.pk}"' not in client.get(f"/places/{CANDIDATE}/partners/").content.decode()
    assert client.get(f"/briefs/{brief.pk}/").status_code == 404


# --- Comparison ---------------------------------------------------------------------------------------------

def test_two_places_side_by_side(client):
    response = client.get("/places/compare/?a=KE-14&b=CN-ZJ")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Kilifi and Zhejiang side by side" in page
    assert "Population" in page and "Priority sectors" in page and "Shared partners" in page
    assert 'class="shared"' in page  # Tourism, a priority of both, is highlighted
    assert 'data-factor="products"' in page and 'data-factor="ties"' in page


@pytest.mark.parametrize("query, message", [
    ("a=KE-14", "Choose a place (its code, such as KE-14 or CN-JX)."),
    ("a=KE-14&b=XX-99", "There is no place with the code XX-99."),
    ("a=KE-14&b=KE-14", "Choose two different places."),
    ("a=KE&b=CN-JX", "Kenya is a country: compare counties, provinces or cities."),
])
def test_a_bad_comparison_gives_the_form_with_the_reason_and_400(client, query, message):
    response = client.get(f"/places/compare/?{query}")
    assert response.status_code == 400 and message in response.content.decode()


# --- Briefs -------------------------------------------------------------------------------------------------

def brief_form(**overrides) -> dict:
    data = {
        "title": "Partner for avocado and tea processing",
        "objectives": "A province to invest in processing our avocado and tea.",
        "sectors": ["agriculture"], "products": ["avocado", "tea"], "target_country": "CN",
        "target_admin_level": "1", "target_kind": "",
        "expires_on": (timezone.localdate() + datetime.timedelta(days=60)).isoformat(),
    }
    data.update(overrides)
    return data


def test_an_officer_posts_a_brief_through_the_form(client):
    officer = signed_in(client, "officer_of_office")
    assert client.get(f"/places/{OFFICE}/briefs/new/").status_code == 200
    response = client.post(f"/places/{OFFICE}/briefs/new/", brief_form())
    brief = PartnerBrief.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/briefs/{brief.pk}/"
    assert (brief.posted_by, brief.office.code) == (officer, OFFICE)
    listing = client.get(f"/places/{OFFICE}/briefs/").content.decode()
    assert "Partner for avocado and tea processing" in listing


@pytest.mark.parametrize("overrides, message", [
    ({"expires_on": "2020-01-01"}, "The expiry date 2020-01-01 is in the past."),
    ({"objectives": ""}, "Say what your office seeks: the objectives cannot be empty."),
    ({"target_country": "ZZ"}, "“ZZ” is not a country of the registry."),
    ({"target_admin_level": "9"}, "Choose level 1 (a county, a province) or 2 (a prefecture-level city)."),
    ({"expires_on": "not a date"}, "Enter a valid date."),
    ({"sectors": ["no-such-sector"]}, "Select a valid choice."),
])
def test_a_bad_brief_is_refused_with_its_reason_and_nothing_is_saved(client, overrides, message):
    signed_in(client, "officer_of_office")
    response = client.post(f"/places/{OFFICE}/briefs/new/", brief_form(**overrides))
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page and "Nothing was saved" in page
    assert PartnerBrief.objects.count() == 0


@pytest.mark.parametrize("kind, status", [
    ("anonymous", 302), ("outsider", 403), ("officer_of_candidate", 403),
])
def test_only_the_offices_officers_reach_the_brief_form(client, kind, status):
    if kind != "anonymous":
        signed_in(client, kind)
    assert client.get(f"/places/{OFFICE}/briefs/new/").status_code == status
    assert client.post(f"/places/{OFFICE}/briefs/new/", brief_form()).status_code == status
    assert PartnerBrief.objects.count() == 0


def test_interest_then_partnership_through_the_pages(client, django_capture_on_commit_callbacks):
    owner = person("officer_of_office")
    brief = post_brief(owner)
    signed_in(client, "officer_of_candidate")
    assert client.get(f"/briefs/{brief.pk}/interest/").status_code == 200
    empty = client.post(f"/briefs/{brief.pk}/interest/", {"from_place": "", "message": ""})
    assert empty.status_code == 400 and BriefInterest.objects.count() == 0
    yunnan = BriefInterest._meta.get_field("from_place").related_model.objects.get(code=CANDIDATE)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/briefs/{brief.pk}/interest/", {"from_place": yunnan.pk,
                                                                   "message": "Let us explore tea processing."})
    assert response.status_code == 302 and response["Location"] == f"/briefs/{brief.pk}/"
    assert [m.to for m in mail.outbox] == [[owner.email]]
    interest = BriefInterest.objects.get()

    # Someone else's page shows neither the message nor the button.
    client.logout()
    page = client.get(f"/briefs/{brief.pk}/").content.decode()
    assert "Let us explore tea processing." not in page and "Start an exploring partnership" not in page
    assert client.post(f"/briefs/{brief.pk}/interests/{interest.pk}/partnership/").status_code == 302  # sign in
    signed_in(client, "outsider")
    assert client.post(f"/briefs/{brief.pk}/interests/{interest.pk}/partnership/").status_code == 403
    assert Partnership.objects.count() == 0

    client.force_login(owner)
    page = client.get(f"/briefs/{brief.pk}/").content.decode()
    assert "Let us explore tea processing." in page and "Start an exploring partnership" in page
    response = client.post(f"/briefs/{brief.pk}/interests/{interest.pk}/partnership/")
    partnership = Partnership.objects.get()
    assert response.status_code == 302 and response["Location"] == partnership.get_absolute_url()
    again = client.post(f"/briefs/{brief.pk}/interests/{interest.pk}/partnership/")
    assert again["Location"] == partnership.get_absolute_url() and Partnership.objects.count() == 1
    assert "Became the partnership" in client.get(f"/briefs/{brief.pk}/").content.decode()


@pytest.mark.parametrize("kind", ["outsider", "officer_of_office"])
def test_only_an_officer_of_a_fitting_place_reaches_the_interest_form(client, kind):
    brief = post_brief()
    signed_in(client, kind)
    assert client.get(f"/briefs/{brief.pk}/interest/").status_code == 403
    assert client.post(f"/briefs/{brief.pk}/interest/", {"message": "Hi"}).status_code == 403
    assert BriefInterest.objects.count() == 0


@pytest.mark.parametrize("path", ["/briefs/999999/", "/briefs/999999/interest/"])
def test_a_missing_brief_is_a_404(client, path):
    signed_in(client, "officer_of_candidate")
    assert client.get(path).status_code == 404


def test_closing_a_brief_through_its_page(client):
    owner = person("officer_of_office")
    brief = post_brief(owner)
    signed_in(client, "officer_of_candidate")
    assert client.post(f"/briefs/{brief.pk}/close/").status_code == 403
    client.force_login(owner)
    assert client.post(f"/briefs/{brief.pk}/close/").status_code == 302
    assert PartnerBrief.objects.get().status == "closed"


def test_a_bad_date_is_refused_in_the_users_language(client):
    signed_in(client, "officer_of_office")
    response = client.post(f"/places/{OFFICE}/briefs/new/", brief_form(expires_on="31/31/2026"),
                           headers={"Accept-Language": "zh-CN"})
    assert response.status_code == 400
    assert "输入一个有效的日期。" in response.content.decode()
    assert PartnerBrief.objects.count() == 0


def test_the_briefs_on_a_finder_page_cost_the_same_queries_however_many(client, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from urafiki.partners.selectors import briefs_fitting_place
    from urafiki.places.models import Place

    yunnan = Place.objects.get(code=CANDIDATE)
    post_brief()
    with CaptureQueriesContext(connection) as one:
        assert len(briefs_fitting_place(place=yunnan)) == 1
    for _ in range(4):
        post_brief()
    with django_assert_num_queries(len(one.captured_queries)):
        assert len(briefs_fitting_place(place=yunnan)) == 5
    with CaptureQueriesContext(connection) as listing:
        client.get(f"/places/{OFFICE}/briefs/")
    post_brief()
    with django_assert_num_queries(len(listing.captured_queries)):
        client.get(f"/places/{OFFICE}/briefs/")
