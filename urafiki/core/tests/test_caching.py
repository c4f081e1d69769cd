"""Cached reads (core/caching.py): anonymous pages and API answers come from the cache until something
changes, never cross from one class of reader to another, and keep working forms."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from urafiki.core.caching import CSRF_PLACEHOLDER, content_token
from urafiki.partnerships.services import activity_record
from urafiki.partnerships.tests.test_permissions import person
from urafiki.partnerships.tests.test_services import kilifi_mou, place

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    """The suite runs with a dummy "pages" cache; these tests turn on a real one, empty."""
    settings.CACHES = {**settings.CACHES, "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                                    "LOCATION": "caching-tests"}}
    from django.core.cache import caches

    caches["pages"].clear()


def test_a_second_anonymous_reader_gets_the_page_from_the_cache(django_assert_num_queries):
    partnership = kilifi_mou()
    first = Client().get(f"/partnerships/{partnership.pk}/")
    assert first.status_code == 200
    with django_assert_num_queries(1):  # the content version, nothing else
        second = Client().get(f"/partnerships/{partnership.pk}/")
    assert second.status_code == 200 and "Kilifi" in second.content.decode()


def test_a_change_is_shown_at_once(django_capture_on_commit_callbacks):
    partnership = kilifi_mou()
    url = f"/partnerships/{partnership.pk}/"
    before = content_token()
    assert "Baobab processing training" not in Client().get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        activity_record(partnership=partnership, kind="training", happened_on=datetime.date(2025, 3, 4),
                        title="Baobab processing training", places=[place("KE-14")])
    assert content_token() != before
    assert "Baobab processing training" in Client().get(url).content.decode()

    assert Client().get("/api/partnerships").json()["count"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        kilifi_mou(places=[place("KE-26"), place("CN-HN")], signatories=[], title="Meru – Hunan")
    assert Client().get("/api/partnerships").json()["count"] == 2


def test_one_transaction_changes_the_version_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        kilifi_mou()  # the partnership, its parties, sectors, products, stage change, signatories, history
    assert len(callbacks) <= 2  # one per atomic block (the service's, the stage change's), not one per row


def test_a_sign_in_changes_nothing_readers_see(django_capture_on_commit_callbacks):
    user = get_user_model().objects.create_user(username="reader", email="reader@example.org")
    with django_capture_on_commit_callbacks() as callbacks:
        user.save(update_fields=["last_login"])
    assert callbacks == []


def test_each_reader_of_a_cached_page_gets_a_working_csrf_token():
    partnership = kilifi_mou()
    url = f"/partnerships/{partnership.pk}/"
    Client().get(url)  # fills the cache
    reader = Client(enforce_csrf_checks=True)
    page = reader.get(url).content.decode()
    assert CSRF_PLACEHOLDER not in page
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    switched = reader.post("/i18n/setlang/", {"language": "sw", "csrfmiddlewaretoken": token, "next": url})
    assert switched.status_code == 302  # a token from another reader's page would be refused with 403


def test_signed_in_readers_never_get_or_leave_the_anonymous_page():
    partnership = kilifi_mou(is_public=False, private_notes="Budget line still to be agreed")
    url = f"/partnerships/{partnership.pk}/"
    member = Client()
    member.force_login(person("member"))
    assert "Budget line still to be agreed" in member.get(url).content.decode()
    assert Client().get(url).status_code == 404  # private: the member's page was not kept for the public
    assert "Budget line still to be agreed" in member.get(url).content.decode()


def test_the_list_api_caches_per_class_of_reader():
    kilifi_mou(is_public=False)
    member = Client()
    member.force_login(person("member"))
    assert Client().get("/api/partnerships").json()["count"] == 0
    assert member.get("/api/partnerships").json()["count"] == 1
    assert Client().get("/api/partnerships").json()["count"] == 0


def test_pages_in_each_language_are_kept_apart():
    partnership = kilifi_mou()
    url = f"/partnerships/{partnership.pk}/"
    english = Client(headers={"Accept-Language": "en"}).get(url).content.decode()
    swahili = Client(headers={"Accept-Language": "sw"}).get(url).content.decode()
    assert 'lang="en"' in english and 'lang="sw"' in swahili


def test_bad_filters_are_refused_and_not_kept(django_assert_num_queries):
    response = Client().get("/api/partnerships?year=soon")
    assert response.status_code == 400
    assert Client().get("/api/partnerships?year=soon").status_code == 400


def test_a_refused_page_is_not_kept_and_its_forms_work():
    reader = Client(enforce_csrf_checks=True)
    response = reader.get("/partnerships/?year=soon")
    assert response.status_code == 400
    page = response.content.decode()
    assert CSRF_PLACEHOLDER not in page
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    switched = reader.post("/i18n/setlang/", {"language": "sw", "csrfmiddlewaretoken": token, "next": "/"})
    assert switched.status_code == 302
