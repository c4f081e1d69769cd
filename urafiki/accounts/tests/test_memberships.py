"""Memberships in government offices: the services' rules, then the "My offices" page through the test client.

The reference data (Kilifi County KE-14, Kenya KE, the two Taizhou prefectures …) is loaded once per session
by the root conftest.py.
"""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import translation

from urafiki.accounts.memberships import (
    access_membership,
    membership_leave,
    membership_request,
    membership_verify,
    memberships_of_user,
)
from urafiki.accounts.models import Membership
from urafiki.places.models import Place

pytestmark = pytest.mark.django_db

OFFICES_URL = "/account/offices/"


def user_create(email: str = "wanjiru@kilifi.example", **fields):
    User = get_user_model()
    return User.objects.create_user(username=email.split("@")[0], email=email, password="Mnazi-2024-long", **fields)


def place(code: str) -> Place:
    return Place.objects.get(code=code)


@pytest.fixture
def wanjiru():
    return user_create()


@pytest.fixture
def signed_in(client, wanjiru):
    client.force_login(wanjiru)
    return client


def leave_url(membership: Membership) -> str:
    return f"{OFFICES_URL}{membership.pk}/leave/"


# --- services -------------------------------------------------------------------------------------------


def test_a_request_creates_an_unverified_membership(wanjiru):
    membership = membership_request(user=wanjiru, place=place("KE-14"), role="officer")
    membership.refresh_from_db()
    assert (membership.user, membership.place.code, membership.role, membership.is_verified) == (
        wanjiru, "KE-14", "officer", False
    )


def test_a_country_is_not_an_office(wanjiru):
    with pytest.raises(ValidationError) as raised:
        membership_request(user=wanjiru, place=place("KE"), role="member")
    assert raised.value.message_dict == {
        "place": ["Kenya is a country, not a government office: choose a county, a province or a city."]
    }
    assert not Membership.objects.exists()


def test_asking_twice_is_refused_and_says_why(wanjiru):
    membership_request(user=wanjiru, place=place("KE-14"), role="officer")
    with pytest.raises(ValidationError) as raised:
        membership_request(user=wanjiru, place=place("KE-14"), role="member")
    assert raised.value.message_dict == {
        "place": ["You have already asked to join Kilifi as officer; Urafiki staff have not verified it yet."]
    }
    assert list(Membership.objects.values_list("role", flat=True)) == ["officer"]


def test_a_verified_member_is_told_so(wanjiru):
    Membership.objects.create(user=wanjiru, place=place("KE-14"), role="member", is_verified=True)
    with pytest.raises(ValidationError) as raised:
        membership_request(user=wanjiru, place=place("KE-14"), role="officer")
    assert raised.value.message_dict == {"place": ["You are already a verified member of Kilifi."]}
    assert Membership.objects.get().role == "member"


def test_an_unknown_role_is_refused(wanjiru):
    with pytest.raises(ValidationError) as raised:
        membership_request(user=wanjiru, place=place("KE-14"), role="governor")
    assert raised.value.message_dict == {"role": ["Choose officer or member."]}
    assert not Membership.objects.exists()


def test_the_same_office_for_two_people_is_two_requests(wanjiru):
    other = user_create("juma@kilifi.example")
    membership_request(user=wanjiru, place=place("KE-14"), role="officer")
    membership_request(user=other, place=place("KE-14"), role="officer")
    assert Membership.objects.filter(place__code="KE-14").count() == 2


def test_only_the_holder_can_leave_a_membership(wanjiru):
    other = user_create("juma@kilifi.example")
    membership = membership_request(user=wanjiru, place=place("KE-14"), role="officer")
    with pytest.raises(PermissionDenied):
        membership_leave(user=other, membership=membership)
    with pytest.raises(Http404):  # the same answer as for an id that does not exist
        access_membership(other, membership.pk)
    with pytest.raises(Http404):
        access_membership(wanjiru, "abc")
    assert Membership.objects.filter(pk=membership.pk).exists()

    membership_leave(user=wanjiru, membership=access_membership(wanjiru, membership.pk))
    assert not Membership.objects.exists()


def test_my_memberships_are_read_in_one_query(wanjiru, django_assert_num_queries):
    for code in ("KE-14", "CN-JX", "CN-360400"):
        membership_request(user=wanjiru, place=place(code), role="member")
    with django_assert_num_queries(1):
        rows = [(m.place.code, m.place.parent.code) for m in memberships_of_user(user=wanjiru)]
    assert rows == [("CN-360400", "CN-JX"), ("CN-JX", "CN"), ("KE-14", "KE")]


# --- the page -------------------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_sign_in(client, wanjiru):
    response = client.get(OFFICES_URL)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/account/offices/"

    response = client.post(OFFICES_URL, {"place": "KE-14", "role": "officer"})
    assert response["Location"] == "/accounts/login/?next=/account/offices/"
    membership = Membership.objects.create(user=wanjiru, place=place("CN-JX"))
    response = client.post(leave_url(membership))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert list(Membership.objects.values_list("place__code", flat=True)) == ["CN-JX"]


def test_the_page_says_when_there_is_no_office_yet(signed_in):
    html = signed_in.get(OFFICES_URL).content.decode()
    assert "You have not asked to join an office yet." in html
    assert "Your e-mail address is not confirmed yet" in html


def test_request_an_office_by_name(signed_in, wanjiru):
    response = signed_in.post(OFFICES_URL, {"place": "Kilifi County", "role": "officer"})
    assert response.status_code == 302
    assert response["Location"] == OFFICES_URL
    membership = Membership.objects.get(user=wanjiru)
    assert (membership.place.code, membership.role, membership.is_verified) == ("KE-14", "officer", False)

    html = signed_in.get(OFFICES_URL).content.decode()
    assert "You asked to join Kilifi as officer. Urafiki staff will check that you work there." in html
    assert 'href="/places/KE-14/"' in html
    assert "Waiting for verification" in html
    assert "As officer, asked on" in html


def test_request_an_office_by_code(signed_in, wanjiru):
    signed_in.post(OFFICES_URL, {"place": " ke-14 ", "role": "member"})
    assert list(Membership.objects.filter(user=wanjiru).values_list("place__code", "role")) == [("KE-14", "member")]


def test_a_duplicate_request_is_refused_with_the_message(signed_in, wanjiru):
    signed_in.post(OFFICES_URL, {"place": "Kilifi", "role": "officer"})
    response = signed_in.post(OFFICES_URL, {"place": "KE-14", "role": "member"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "You have already asked to join Kilifi as officer; Urafiki staff have not verified it yet." in html
    assert 'value="KE-14"' in html  # what was typed stays in the box
    assert Membership.objects.filter(user=wanjiru).count() == 1


def test_a_name_of_several_places_offers_a_choice(signed_in, wanjiru):
    response = signed_in.post(OFFICES_URL, {"place": "Taizhou", "role": "officer"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Several places match “Taizhou”. Which one is your office?" in html
    assert 'value="CN-321200"' in html and 'value="CN-331000"' in html
    assert '<input type="hidden" name="role" value="officer">' in html
    assert not Membership.objects.exists()

    signed_in.post(OFFICES_URL, {"place": "CN-331000", "role": "officer"})
    assert list(Membership.objects.filter(user=wanjiru).values_list("place__code", "role")) == [
        ("CN-331000", "officer")
    ]


def test_a_name_that_matches_nothing_says_so(signed_in):
    html = signed_in.post(OFFICES_URL, {"place": "Qwxzv", "role": "member"}).content.decode()
    assert (
        "No government office matches “Qwxzv”. Check the spelling, try the name in another language, "
        "or type the office&#x27;s code, such as KE-14."
    ) in html
    assert not Membership.objects.exists()


def test_a_country_is_refused_on_the_page(signed_in):
    html = signed_in.post(OFFICES_URL, {"place": "Kenya", "role": "member"}).content.decode()
    assert "Kenya is a country, not a government office: choose a county, a province or a city." in html
    assert not Membership.objects.exists()


def test_the_form_needs_a_place_and_a_role(signed_in):
    html = signed_in.post(OFFICES_URL, {"place": "", "role": "mayor"}).content.decode()
    assert "This field is required." in html
    assert "Select a valid choice. mayor is not one of the available choices." in html
    assert not Membership.objects.exists()


def test_form_errors_follow_the_readers_language(signed_in):
    """Django's own messages are translated already; Urafiki's arrive with the catalogues."""
    html = signed_in.post(OFFICES_URL, {"place": "", "role": "officer"}, HTTP_ACCEPT_LANGUAGE="zh-CN").content.decode()
    assert '<html lang="zh-hans">' in html
    required = "This field is required."  # Django's own catalogue translates it (a variable: not ours to extract)
    with translation.override("zh-hans"):
        assert translation.gettext(required) in html


def test_verified_offices_say_so(signed_in, wanjiru):
    Membership.objects.create(user=wanjiru, place=place("KE-14"), role="officer", is_verified=True)
    EmailAddress.objects.create(user=wanjiru, email=wanjiru.email, verified=True, primary=True)
    html = signed_in.get(OFFICES_URL).content.decode()
    assert "✓ Verified" in html
    assert "Waiting for verification" not in html
    assert "Your e-mail address is not confirmed yet" not in html


def test_leave_an_office(signed_in, wanjiru):
    membership = Membership.objects.create(user=wanjiru, place=place("KE-14"), role="officer")
    assert signed_in.get(leave_url(membership)).status_code == 405
    response = signed_in.post(leave_url(membership))
    assert response["Location"] == OFFICES_URL
    assert not Membership.objects.exists()
    assert "You have left Kilifi." in signed_in.get(OFFICES_URL).content.decode()


def test_nobody_leaves_someone_elses_office(signed_in):
    other = user_create("juma@kilifi.example")
    membership = Membership.objects.create(user=other, place=place("KE-14"), role="officer", is_verified=True)
    assert signed_in.post(leave_url(membership)).status_code == 404
    assert signed_in.post(f"{OFFICES_URL}999999/leave/").status_code == 404
    assert Membership.objects.filter(pk=membership.pk, is_verified=True).exists()


def test_the_page_reads_a_fixed_number_of_queries(signed_in, wanjiru):
    def queries_for_page() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert signed_in.get(OFFICES_URL).status_code == 200
        return len(captured)

    membership_request(user=wanjiru, place=place("KE-14"), role="officer")
    one = queries_for_page()
    for code in ("CN-JX", "CN-360400", "KE-30"):
        membership_request(user=wanjiru, place=place(code), role="member")
    assert queries_for_page() == one
    # session, user, the e-mail check, the memberships with their places and parents
    assert one == 4


# --- navigation and the sign-in pages, which wear the site's look -----------------------------------------


def test_the_header_offers_sign_in_and_sign_up_to_visitors(client):
    html = client.get("/places/KE-14/").content.decode()
    assert 'href="/accounts/login/?next=/places/KE-14/"' in html
    assert 'href="/accounts/signup/?next=/places/KE-14/"' in html
    assert 'href="/partnerships/"' in html
    assert "My offices" not in html


def test_the_header_of_a_signed_in_person(signed_in):
    html = signed_in.get("/").content.decode()
    assert ">wanjiru@kilifi.example</a>" in html
    assert f'href="{OFFICES_URL}">My offices</a>' in html
    assert 'href="/account/api-tokens/">API tokens</a>' in html
    assert '<form class="sign-out" action="/accounts/logout/" method="post"' in html
    assert "Sign in</a>" not in html


def test_signing_out_is_a_post(signed_in):
    response = signed_in.post("/accounts/logout/")
    assert response.status_code == 302
    assert signed_in.get(OFFICES_URL).status_code == 302


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/accounts/login/", "Sign in"),
        ("/accounts/signup/", "Create an account"),
        ("/accounts/password/reset/", "Reset your password"),
        ("/accounts/password/reset/done/", "Check your e-mail"),
        ("/accounts/password/reset/key/1-nonsense/", "This link no longer works"),
        ("/accounts/password/reset/key/done/", "Password changed"),
        ("/accounts/confirm-email/nonsense/", "Confirm your e-mail address"),
    ],
)
@pytest.mark.parametrize("language", ["en", "zh-hans", "sw"])
def test_the_entrance_pages_are_the_sites_own(client, path, heading, language):
    client.cookies["django_language"] = language
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert 'class="site-header"' in html
    with translation.override(language):
        assert f"<h1>{translation.gettext(heading)}</h1>" in html


def test_a_wrong_password_is_told_in_the_readers_language(client, wanjiru):
    response = client.post(
        "/accounts/login/", {"login": wanjiru.email, "password": "wrong-password"}, HTTP_ACCEPT_LANGUAGE="zh-CN"
    )
    html = response.content.decode()
    assert "您提供的电子邮件地址和/或密码不正确。" in html  # django-allauth's own Chinese catalogue
    assert '<div class="form-errors" role="alert">' in html


@pytest.mark.parametrize("path", ["/accounts/email/", "/accounts/logout/", "/accounts/password/change/"])
def test_the_account_pages_are_the_sites_own(signed_in, path):
    response = signed_in.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="site-header"' in html
    assert 'class="form"' in html


def test_the_email_page_acts_on_each_address(signed_in, wanjiru):
    """The page's forms send what allauth's view expects: the address and the action's button name."""
    EmailAddress.objects.create(user=wanjiru, email=wanjiru.email, verified=True, primary=True)
    EmailAddress.objects.create(user=wanjiru, email="w.kamau@kilifi.example", verified=True, primary=False)
    EmailAddress.objects.create(user=wanjiru, email="old@kilifi.example", verified=False, primary=False)
    html = signed_in.get("/accounts/email/").content.decode()
    assert html.count('name="action_primary"') == 1  # only the other confirmed address can become the main one
    assert html.count('name="action_send"') == 1  # only the unconfirmed one is sent again
    assert html.count('name="action_remove"') == 2  # the main address stays

    signed_in.post("/accounts/email/", {"email": "w.kamau@kilifi.example", "action_primary": ""})
    assert EmailAddress.objects.get(primary=True).email == "w.kamau@kilifi.example"
    signed_in.post("/accounts/email/", {"email": "old@kilifi.example", "action_remove": ""})
    assert not EmailAddress.objects.filter(email="old@kilifi.example").exists()


# ------------------------------------------------------------------------------------- verification


def _request(user, code="KE-14", role="officer"):
    return membership_request(user=user, place=Place.objects.get(code=code), role=role)


def test_staff_verify_a_membership_once_and_the_person_is_told(django_capture_on_commit_callbacks, mailoutbox):
    users = get_user_model().objects
    staff = users.create_user(username="moderator", email="mod@example.org", is_staff=True)
    person = users.create_user(username="amina", email="amina@example.org", language="sw")
    membership = _request(person)
    with django_capture_on_commit_callbacks(execute=True):
        assert membership_verify(membership=membership, by_user=staff) is True
    membership.refresh_from_db()
    assert (membership.is_verified, membership.verified_by) == (True, staff) and membership.verified_at
    (email,) = mailoutbox
    assert email.to == ["amina@example.org"] and "Kilifi" in email.subject
    assert "afisa" in email.body.lower()  # written in Kiswahili, the person's language
    with django_capture_on_commit_callbacks(execute=True):
        assert membership_verify(membership=membership, by_user=staff) is False
    assert len(mailoutbox) == 1


def test_only_staff_verify(django_capture_on_commit_callbacks, mailoutbox):
    users = get_user_model().objects
    person = users.create_user(username="amina", email="amina@example.org")
    membership = _request(person)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(PermissionDenied):
        membership_verify(membership=membership, by_user=person)
    membership.refresh_from_db()
    assert not membership.is_verified and membership.verified_by is None and mailoutbox == []


def test_the_admin_action_verifies_through_the_service(client, django_capture_on_commit_callbacks, mailoutbox):
    users = get_user_model().objects
    staff = users.create_superuser(username="moderator", email="mod@example.org", password="x")
    memberships = [_request(users.create_user(username=f"p{i}", email=f"p{i}@example.org")) for i in range(2)]
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/admin/accounts/membership/", {
            "action": "verify", "_selected_action": [m.pk for m in memberships]}, follow=True)
    assert "2 memberships verified." in response.content.decode()
    assert all(m.verified_by == staff for m in Membership.objects.all())
    assert len(mailoutbox) == 2
