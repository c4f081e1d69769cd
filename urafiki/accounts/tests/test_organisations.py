"""Organisations and memberships in them: the services' rules, the "My organisations" page, the admin
actions, and the rule that an organisation gives no right on partnerships.

The reference data (Kenya KE, Kilifi County KE-14, Jiangxi CN-JX …) is loaded once per session by the root
conftest.py.
"""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from urafiki.accounts.memberships import (
    access_organisation_membership,
    membership_leave,
    membership_verify,
    organisation_membership_request,
    organisation_propose,
    organisation_verify,
)
from urafiki.accounts.models import Membership, Organisation, OrganisationMembership
from urafiki.partnerships.permissions import (
    access_partnership,
    can_edit_partnership,
    is_party_member,
    may_record_partnerships,
    partnerships_visible_to,
)
from urafiki.partnerships.tests.test_services import kilifi_mou
from urafiki.places.models import Place

pytestmark = pytest.mark.django_db

PAGE = "/account/organisations/"
JOIN = PAGE + "join/"
PROPOSE = PAGE + "propose/"


def user_create(username: str = "wanjiru", **fields):
    return get_user_model().objects.create_user(
        username=username, email=f"{username}@example.org", password="Mnazi-2024-long", **fields
    )


def chamber(**fields) -> Organisation:
    values = {"name": "Kenya National Chamber of Commerce and Industry", "kind": "chamber", "country": "KE",
              "is_verified": True}
    return Organisation.objects.create(**(values | fields))


@pytest.fixture
def wanjiru():
    return user_create()


@pytest.fixture
def staff():
    return user_create("moderator", is_staff=True)


@pytest.fixture
def signed_in(client, wanjiru):
    client.force_login(wanjiru)
    return client


def state() -> list[tuple]:
    """Every organisation and organisation membership, to show that a refusal changed nothing."""
    return [
        *Organisation.objects.order_by("pk").values_list("name", "country", "is_verified", "verified_by"),
        *OrganisationMembership.objects.order_by("pk").values_list("user", "organisation", "role", "is_verified"),
    ]


# --- proposing an organisation --------------------------------------------------------------------------


def test_a_proposal_creates_an_unverified_organisation_and_asks_to_join_it(wanjiru):
    organisation = organisation_propose(
        by_user=wanjiru, name="  Kilifi   Coconut Growers  ", kind="association", country="ke",
        place=Place.objects.get(code="KE-14"), website="kilifi-coconut.example.org", description=" Farmers. ",
        role="officer",
    )
    organisation.refresh_from_db()
    assert (organisation.name, organisation.kind, organisation.country, organisation.place.code,
            organisation.website, organisation.description, organisation.is_verified, organisation.proposed_by) == (
        "Kilifi Coconut Growers", "association", "KE", "KE-14", "https://kilifi-coconut.example.org", "Farmers.",
        False, wanjiru,
    )
    assert list(OrganisationMembership.objects.values_list("user", "organisation", "role", "is_verified")) == [
        (wanjiru.pk, organisation.pk, "officer", False)
    ]


def test_a_name_in_chinese_is_kept_as_written(wanjiru):
    organisation = organisation_propose(by_user=wanjiru, name="中国国际贸易促进委员会江西省分会", kind="chamber",
                                        country="CN", place=Place.objects.get(code="CN-JX"))
    assert Organisation.objects.get(pk=organisation.pk).name == "中国国际贸易促进委员会江西省分会"
    assert not OrganisationMembership.objects.exists()  # no role: the proposer did not ask to join


def test_the_same_name_in_the_same_country_is_refused_whatever_its_case(wanjiru):
    chamber()
    before = state()
    with pytest.raises(ValidationError) as raised:
        organisation_propose(by_user=wanjiru, name="kenya national chamber of commerce and INDUSTRY",
                             kind="chamber", country="KE", role="member")
    assert raised.value.message_dict == {
        "name": ["“kenya national chamber of commerce and INDUSTRY” is already registered in Kenya: "
                 "ask to join it instead."]
    }
    assert state() == before


def test_the_same_name_in_another_country_is_another_organisation(wanjiru):
    chamber()
    organisation_propose(by_user=wanjiru, name="Kenya National Chamber of Commerce and Industry",
                         kind="chamber", country="UG")
    assert sorted(Organisation.objects.values_list("country", flat=True)) == ["KE", "UG"]


def test_the_database_refuses_a_duplicate_name_too():
    chamber()
    with pytest.raises(ValidationError) as raised:
        Organisation(name="KENYA NATIONAL CHAMBER OF COMMERCE AND INDUSTRY", kind="chamber",
                     country="KE").validate_constraints()
    assert raised.value.messages == ["An organisation with this name already exists in this country."]


def test_every_problem_of_a_proposal_is_told_at_once(wanjiru):
    with pytest.raises(ValidationError) as raised:
        organisation_propose(by_user=wanjiru, name="  ", kind="guild", country="XX", website="not a site",
                             role="chairman")
    assert raised.value.message_dict == {
        "name": ["Give the organisation its name."],
        "kind": ["Choose the kind of organisation."],
        "country": ["“XX” is not a country of the registry: choose one, such as KE or CN."],
        "website": ["“https://not a site” is not a web address: write it as https://www.example.org."],
        "role": ["Choose officer or member."],
    }
    assert state() == []


@pytest.mark.parametrize("country", ["KE-14", "", "Kenya"])
def test_a_country_is_a_two_letter_code_of_a_country(wanjiru, country):
    """KE-14 is a place of the registry, but not a country."""
    with pytest.raises(ValidationError) as raised:
        organisation_propose(by_user=wanjiru, name="Mombasa Traders", kind="association", country=country)
    assert list(raised.value.message_dict) == ["country"]
    assert state() == []


def test_a_seat_in_another_country_is_refused(wanjiru):
    with pytest.raises(ValidationError) as raised:
        organisation_propose(by_user=wanjiru, name="Mombasa Traders", kind="association", country="KE",
                             place=Place.objects.get(code="CN-JX"))
    assert raised.value.message_dict == {
        "place": ["Jiangxi is not in Kenya: choose a seat in the organisation's country."]
    }
    assert state() == []


def test_a_website_must_be_a_web_address(wanjiru):
    with pytest.raises(ValidationError) as raised:
        organisation_propose(by_user=wanjiru, name="Mombasa Traders", kind="association", country="KE",
                             website="ftp://files.example.org")
    assert raised.value.message_dict == {
        "website": ["“ftp://files.example.org” is not a web address: write it as https://www.example.org."]
    }
    assert state() == []


# --- joining, leaving, verifying ------------------------------------------------------------------------


def test_a_request_creates_an_unverified_organisation_membership(wanjiru):
    organisation = chamber()
    membership = organisation_membership_request(user=wanjiru, organisation=organisation, role="member")
    membership.refresh_from_db()
    assert (membership.user, membership.organisation, membership.role, membership.is_verified) == (
        wanjiru, organisation, "member", False
    )


def test_asking_twice_is_refused_and_says_why(wanjiru):
    organisation = chamber()
    organisation_membership_request(user=wanjiru, organisation=organisation, role="officer")
    before = state()
    with pytest.raises(ValidationError) as raised:
        organisation_membership_request(user=wanjiru, organisation=organisation, role="member")
    assert raised.value.message_dict == {"organisation": [
        "You have already asked to join Kenya National Chamber of Commerce and Industry as officer; "
        "Urafiki staff have not verified it yet."
    ]}
    assert state() == before


def test_a_verified_member_is_told_so(wanjiru):
    organisation = chamber()
    OrganisationMembership.objects.create(user=wanjiru, organisation=organisation, role="member", is_verified=True)
    with pytest.raises(ValidationError) as raised:
        organisation_membership_request(user=wanjiru, organisation=organisation, role="officer")
    assert raised.value.message_dict == {
        "organisation": ["You are already a verified member of Kenya National Chamber of Commerce and Industry."]
    }


def test_an_unknown_role_is_refused(wanjiru):
    organisation = chamber()
    with pytest.raises(ValidationError) as raised:
        organisation_membership_request(user=wanjiru, organisation=organisation, role="chairman")
    assert raised.value.message_dict == {"role": ["Choose officer or member."]}
    assert not OrganisationMembership.objects.exists()


def test_only_the_holder_leaves_a_membership(wanjiru):
    other = user_create("juma")
    membership = organisation_membership_request(user=wanjiru, organisation=chamber(), role="officer")
    with pytest.raises(PermissionDenied):
        membership_leave(user=other, membership=membership)
    with pytest.raises(Http404):  # the same answer as for an id that does not exist
        access_organisation_membership(other, membership.pk)
    with pytest.raises(Http404):
        access_organisation_membership(wanjiru, "abc")
    assert OrganisationMembership.objects.filter(pk=membership.pk).exists()

    membership_leave(user=wanjiru, membership=access_organisation_membership(wanjiru, membership.pk))
    assert not OrganisationMembership.objects.exists()


def test_an_office_membership_id_is_not_an_organisation_membership(wanjiru):
    office = Membership.objects.create(user=wanjiru, place=Place.objects.get(code="KE-14"))
    with pytest.raises(Http404):
        access_organisation_membership(wanjiru, office.pk)


def test_staff_verify_a_membership_once_and_the_person_is_told(
    staff, django_capture_on_commit_callbacks, mailoutbox
):
    person = user_create("amina", language="sw")
    membership = organisation_membership_request(user=person, organisation=chamber(), role="officer")
    with django_capture_on_commit_callbacks(execute=True):
        assert membership_verify(membership=membership, by_user=staff) is True
    membership.refresh_from_db()
    assert (membership.is_verified, membership.verified_by) == (True, staff) and membership.verified_at
    (email,) = mailoutbox
    assert email.to == ["amina@example.org"]
    assert "Kenya National Chamber of Commerce and Industry" in email.subject
    assert "Wafanyakazi wa Urafiki wamethibitisha" in email.body  # the person's language, Kiswahili
    assert "afisa" in email.body.lower()
    assert settings.SITE_URL.rstrip("/") + "/account/organisations/" in email.body
    assert "partnerships" not in email.body and "ushirikiano" not in email.body  # nothing about partnerships

    with django_capture_on_commit_callbacks(execute=True):
        assert membership_verify(membership=membership, by_user=staff) is False
    assert len(mailoutbox) == 1


def test_only_staff_verify_memberships_and_organisations(wanjiru, django_capture_on_commit_callbacks, mailoutbox):
    organisation = chamber(is_verified=False)
    membership = organisation_membership_request(user=wanjiru, organisation=organisation, role="officer")
    before = state()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(PermissionDenied):
        membership_verify(membership=membership, by_user=wanjiru)
    with pytest.raises(PermissionDenied, match="Only Urafiki staff verify organisations."):
        organisation_verify(organisation=organisation, by_user=wanjiru)
    assert state() == before and mailoutbox == []


def test_staff_verify_an_organisation_once(staff):
    organisation = chamber(is_verified=False)
    assert organisation_verify(organisation=organisation, by_user=staff) is True
    organisation.refresh_from_db()
    assert (organisation.is_verified, organisation.verified_by) == (True, staff) and organisation.verified_at
    first = organisation.verified_at
    assert organisation_verify(organisation=organisation, by_user=staff) is False
    organisation.refresh_from_db()
    assert organisation.verified_at == first


# --- no right on partnerships ---------------------------------------------------------------------------


def test_an_organisation_officer_gets_no_right_on_partnerships(wanjiru):
    """Parties of partnerships are places: a verified officer of an organisation seated in a party's county
    is, for partnerships, an outsider."""
    organisation = chamber(place=Place.objects.get(code="KE-14"))
    OrganisationMembership.objects.create(user=wanjiru, organisation=organisation, role="officer", is_verified=True)
    public, private = kilifi_mou(), kilifi_mou(is_public=False)

    assert not can_edit_partnership(wanjiru, public)
    assert not is_party_member(wanjiru, public)
    assert not may_record_partnerships(wanjiru)
    with pytest.raises(PermissionDenied):
        access_partnership(wanjiru, public.pk, action="edit")
    with pytest.raises(Http404):
        access_partnership(wanjiru, private.pk)
    assert list(partnerships_visible_to(wanjiru)) == [public]


# --- the page -------------------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_sign_in(client, wanjiru):
    organisation = chamber()
    membership = OrganisationMembership.objects.create(user=wanjiru, organisation=organisation)
    assert client.get(PAGE)["Location"] == f"/accounts/login/?next={PAGE}"
    for url in [JOIN, PROPOSE, f"{PAGE}{membership.pk}/leave/"]:
        response = client.post(url, {"join-name": "Kenya", "join-role": "member", "propose-name": "Kenya"})
        assert response.status_code == 302
        assert response["Location"] == f"/accounts/login/?next={url}"
    assert state() == [(organisation.name, "KE", True, None), (wanjiru.pk, organisation.pk, "member", False)]


def test_the_page_lists_ones_organisations_with_role_and_status(signed_in, wanjiru):
    html = signed_in.get(PAGE).content.decode()
    assert "You have not asked to join an organisation yet." in html
    assert 'href="/account/offices/">My offices</a>' in html

    OrganisationMembership.objects.create(
        user=wanjiru, organisation=chamber(place=Place.objects.get(code="KE-30")), role="officer", is_verified=True
    )
    OrganisationMembership.objects.create(
        user=wanjiru, organisation=chamber(name="Kilifi Coconut Growers", kind="association", is_verified=False),
    )
    html = signed_in.get(PAGE).content.decode()
    assert "Kenya National Chamber of Commerce and Industry" in html
    assert "Chamber of commerce · Kenya · Nairobi" in html
    assert "As officer, asked on" in html and "As member, asked on" in html
    assert html.count("✓ Verified") == 1
    assert html.count("Waiting for verification") == 1
    assert html.count("Organisation not verified yet") == 1


def test_the_page_reads_a_fixed_number_of_queries(signed_in, wanjiru, django_assert_num_queries):
    for number in range(3):
        OrganisationMembership.objects.create(user=wanjiru, organisation=chamber(name=f"Chamber {number}"))
    # session, user, the countries of the forms, the memberships with their organisations and seats
    with django_assert_num_queries(4):
        assert signed_in.get(PAGE).status_code == 200


def test_the_offices_page_leads_to_the_organisations(signed_in):
    assert f'href="{PAGE}">My organisations</a>' in signed_in.get("/account/offices/").content.decode()


def test_join_an_organisation_by_its_whole_name(signed_in, wanjiru):
    organisation = chamber()
    response = signed_in.post(JOIN, {"join-name": "kenya national chamber of commerce and industry",
                                     "join-country": "KE", "join-role": "officer"})
    assert response.status_code == 302 and response["Location"] == PAGE
    assert list(OrganisationMembership.objects.values_list("user", "organisation", "role", "is_verified")) == [
        (wanjiru.pk, organisation.pk, "officer", False)
    ]
    html = signed_in.get(PAGE).content.decode()
    assert ("You asked to join Kenya National Chamber of Commerce and Industry as officer. "
            "Urafiki staff will check that you work there.") in html


def test_a_name_of_several_organisations_offers_a_choice(signed_in, wanjiru):
    kenyan = chamber()
    ugandan = chamber(name="Uganda National Chamber of Commerce and Industry", country="UG")
    chamber(name="National Chamber of Commerce of China", country="CN")
    response = signed_in.post(JOIN, {"join-name": "national chamber", "join-country": "", "join-role": "member"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Several organisations match “national chamber”. Which one is yours?" in html
    assert f'value="{kenyan.pk}"' in html and f'value="{ugandan.pk}"' in html
    assert "Chamber of commerce · Uganda" in html
    assert not OrganisationMembership.objects.exists()

    # the country filter narrows the list to one, which is joined
    signed_in.post(JOIN, {"join-name": "national chamber", "join-country": "UG", "join-role": "member"})
    assert list(OrganisationMembership.objects.values_list("organisation", flat=True)) == [ugandan.pk]

    # a candidate picked from the list
    signed_in.post(JOIN, {"join-name": "national chamber", "join-organisation": kenyan.pk, "join-role": "member"})
    assert sorted(OrganisationMembership.objects.values_list("organisation", flat=True)) == sorted(
        [ugandan.pk, kenyan.pk]
    )


def test_a_name_that_matches_nothing_is_a_400_with_the_reason(signed_in):
    chamber()
    response = signed_in.post(JOIN, {"join-name": "Qwxzv", "join-country": "KE", "join-role": "member"})
    assert response.status_code == 400
    assert ("No organisation matches “Qwxzv”. Check the spelling, choose another country, or propose it below."
            in response.content.decode())
    assert not OrganisationMembership.objects.exists()


def test_joining_twice_is_a_400_with_the_reason(signed_in, wanjiru):
    organisation = chamber()
    OrganisationMembership.objects.create(user=wanjiru, organisation=organisation, role="officer")
    before = state()
    response = signed_in.post(JOIN, {"join-name": organisation.name, "join-role": "member"})
    assert response.status_code == 400
    assert ("You have already asked to join Kenya National Chamber of Commerce and Industry as officer; "
            "Urafiki staff have not verified it yet.") in response.content.decode()
    assert state() == before


def test_the_join_form_needs_a_name_and_a_role(signed_in):
    response = signed_in.post(JOIN, {"join-name": "", "join-country": "ZZ", "join-role": "mayor"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "This field is required." in html
    assert "Select a valid choice. ZZ is not one of the available choices." in html
    assert "Select a valid choice. mayor is not one of the available choices." in html


def test_propose_an_organisation(signed_in, wanjiru):
    response = signed_in.post(PROPOSE, {
        "propose-name": "Kilifi Coconut Growers", "propose-kind": "association", "propose-country": "KE",
        "propose-place": "Kilifi County (KE-14)", "propose-website": "www.kilifi-coconut.example.org",
        "propose-description": "Farmers of the coast.", "propose-role": "officer",
    })
    assert response.status_code == 302 and response["Location"] == PAGE
    organisation = Organisation.objects.get()
    assert (organisation.name, organisation.place.code, organisation.website, organisation.is_verified,
            organisation.proposed_by) == (
        "Kilifi Coconut Growers", "KE-14", "https://www.kilifi-coconut.example.org", False, wanjiru
    )
    assert list(OrganisationMembership.objects.values_list("user", "role", "is_verified")) == [
        (wanjiru.pk, "officer", False)
    ]
    html = signed_in.get(PAGE).content.decode()
    assert "You proposed Kilifi Coconut Growers and asked to join it as officer. Urafiki staff will check both." in html
    assert "Organisation not verified yet" in html


def test_a_duplicate_proposal_is_a_400_with_the_reason(signed_in):
    chamber()
    before = state()
    response = signed_in.post(PROPOSE, {
        "propose-name": "KENYA National Chamber of Commerce and Industry", "propose-kind": "chamber",
        "propose-country": "KE", "propose-role": "member",
    })
    assert response.status_code == 400
    assert ("“KENYA National Chamber of Commerce and Industry” is already registered in Kenya: ask to join it "
            "instead.") in response.content.decode()
    assert state() == before


def test_a_bad_proposal_shows_each_reason_by_its_field(signed_in):
    response = signed_in.post(PROPOSE, {
        "propose-name": "Mombasa Traders", "propose-kind": "association", "propose-country": "KE",
        "propose-place": "Jiangxi", "propose-website": "http://", "propose-role": "member",
    })
    assert response.status_code == 400
    html = response.content.decode()
    assert "Jiangxi is not in Kenya: choose a seat in the organisation&#x27;s country." in html
    assert "“https://http://” is not a web address" not in html
    assert "“http://” is not a web address: write it as https://www.example.org." in html
    assert state() == []


def test_an_unknown_seat_or_country_is_refused_on_the_page(signed_in):
    response = signed_in.post(PROPOSE, {
        "propose-name": "Mombasa Traders", "propose-kind": "association", "propose-country": "XX",
        "propose-place": "Qwxzv", "propose-role": "member",
    })
    assert response.status_code == 400
    html = response.content.decode()
    assert "Select a valid choice. XX is not one of the available choices." in html
    assert "No place matches “Qwxzv”. Check the spelling or write its code, such as KE-14." in html
    assert state() == []


def test_leave_an_organisation(signed_in, wanjiru):
    membership = OrganisationMembership.objects.create(user=wanjiru, organisation=chamber(), role="officer")
    url = f"{PAGE}{membership.pk}/leave/"
    assert signed_in.get(url).status_code == 405
    response = signed_in.post(url)
    assert response["Location"] == PAGE
    assert not OrganisationMembership.objects.exists()
    assert Organisation.objects.count() == 1  # leaving does not remove the organisation
    assert "You have left Kenya National Chamber of Commerce and Industry." in signed_in.get(PAGE).content.decode()


def test_nobody_leaves_someone_elses_organisation(signed_in):
    membership = OrganisationMembership.objects.create(user=user_create("juma"), organisation=chamber())
    assert signed_in.post(f"{PAGE}{membership.pk}/leave/").status_code == 404
    assert signed_in.post(f"{PAGE}999999/leave/").status_code == 404
    assert OrganisationMembership.objects.filter(pk=membership.pk).exists()


# --- the admin ------------------------------------------------------------------------------------------


@pytest.fixture
def admin_client(client):
    client.force_login(get_user_model().objects.create_superuser(username="admin", email="admin@example.org"))
    return client


def test_the_admin_verifies_organisations_through_the_service(admin_client):
    organisations = [chamber(is_verified=False), chamber(name="Kilifi Coconut Growers", is_verified=False)]
    chamber(name="Already verified")
    response = admin_client.post("/admin/accounts/organisation/", {
        "action": "verify", "_selected_action": [o.pk for o in Organisation.objects.all()]}, follow=True)
    assert "2 organisations verified." in response.content.decode()
    admin = get_user_model().objects.get(username="admin")
    for organisation in organisations:
        organisation.refresh_from_db()
        assert (organisation.is_verified, organisation.verified_by) == (True, admin) and organisation.verified_at
    assert Organisation.objects.get(name="Already verified").verified_by is None


def test_the_admin_verifies_organisation_memberships_through_the_service(
    admin_client, django_capture_on_commit_callbacks, mailoutbox
):
    organisation = chamber()
    memberships = [OrganisationMembership.objects.create(user=user_create(f"p{i}"), organisation=organisation)
                   for i in range(2)]
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post("/admin/accounts/organisationmembership/", {
            "action": "verify", "_selected_action": [m.pk for m in memberships]}, follow=True)
    assert "2 memberships verified." in response.content.decode()
    assert all(m.verified_by.username == "admin" for m in OrganisationMembership.objects.all())
    assert sorted(email.to[0] for email in mailoutbox) == ["p0@example.org", "p1@example.org"]


@pytest.mark.parametrize("query", ["?q=chamber", "?is_verified__exact=0&kind__exact=chamber", "?country__exact=KE"])
def test_the_admin_lists_search_and_filter_organisations(admin_client, query):
    chamber(is_verified=False)
    html = admin_client.get(f"/admin/accounts/organisation/{query}").content.decode()
    assert "Kenya National Chamber of Commerce and Industry" in html


def test_the_admin_lists_organisation_memberships(admin_client):
    OrganisationMembership.objects.create(user=user_create("amina"), organisation=chamber())
    response = admin_client.get("/admin/accounts/organisationmembership/?q=amina&organisation__is_verified__exact=1")
    assert response.status_code == 200
    assert "Kenya National Chamber of Commerce and Industry" in response.content.decode()
