"""/api/extractions through HTTP: submit an article, read it back, accept or reject its drafts; the status
codes and the one error shape, and that every refused request stored nothing."""

import json

import pytest
from django.test import Client

from urafiki.accounts.services import api_token_create
from urafiki.newsroom.models import DraftAgreement, NewsArticle
from urafiki.partnerships.models import Partnership
from urafiki.partnerships.tests.test_permissions import person

from .test_ingest import FRENCH, KBC, article_of, kilifi_mou_article, seed_text, snapshot, unfetchable
from .test_review import MAY_ADD, MISSED

pytestmark = pytest.mark.django_db
URL = "/api/extractions"


def client_of(kind: str) -> Client:
    client = Client()
    user = person(kind)
    if user.is_authenticated:
        client.force_login(user)
    return client


def send(client: Client, url: str, body=None, **headers):
    return client.post(url, data="" if body is None else json.dumps(body), content_type="application/json",
                       headers=headers)


def assert_error(response, status: int, field: str | None, message: str = ""):
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"detail", "errors"} and body["detail"]
    if field is not None:
        assert field in body["errors"], body
        assert all(m in " ".join(body["errors"][field]) for m in [message])


def test_submitting_text_answers_201_with_the_drafts_and_again_200_with_the_same():
    client = client_of("outsider")
    response = send(client, URL, {"text": seed_text(), "url": KBC})
    assert response.status_code == 201, response.content
    body = response.json()
    article = NewsArticle.objects.get()
    assert (body["id"], body["url"], body["is_new"], body["review_url"]) == (
        article.pk, KBC, True, f"/newsroom/articles/{article.pk}/")
    assert [d["agreement"]["type"] for d in body["drafts"]] == ["mou", "letter_of_intent"]
    assert body["drafts"][0]["status"] == "pending" and body["drafts"][0]["agreement"]["evidence"]["type"]
    again = send(client, URL, {"text": seed_text()})
    assert again.status_code == 200 and again.json()["id"] == article.pk and again.json()["is_new"] is False
    assert DraftAgreement.objects.count() == 2
    read = client.get(f"{URL}/{article.pk}")
    assert read.status_code == 200 and len(read.json()["drafts"]) == 2


def test_a_token_works_as_well():
    user = person("outsider")
    _token, secret = api_token_create(user=user, name="newsroom script")
    response = Client().post(URL, data=json.dumps({"text": seed_text()}), content_type="application/json",
                             headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 201
    assert NewsArticle.objects.get().submitted_by == user


@pytest.mark.parametrize(("body", "field"), [
    ({"text": ""}, "text"),
    ({"text": "   \n"}, "text"),
    ({}, "text"),
    ({"text": FRENCH}, None),
    ({"text": 12}, "text"),
])
def test_bad_input_is_a_400_and_stores_nothing(body, field):
    client = client_of("outsider")
    before = snapshot()
    assert_error(send(client, URL, body), 400, field)
    assert snapshot() == before


def test_a_body_that_is_not_json_is_a_400():
    response = client_of("outsider").post(URL, data="text=hello", content_type="application/json")
    assert_error(response, 400, None)
    assert NewsArticle.objects.count() == 0


def test_an_unfetchable_address_is_a_400(monkeypatch):
    unfetchable(monkeypatch)
    before = snapshot()
    assert_error(send(client_of("outsider"), URL, {"url": "https://news.invalid/kilifi"}), 400, "url")
    assert snapshot() == before


def test_anonymous_requests_get_401():
    client = Client()
    assert_error(send(client, URL, {"text": seed_text()}), 401, None)
    article = kilifi_mou_article()
    assert_error(client.get(f"{URL}/{article.pk}"), 401, None)
    assert_error(send(client, f"{URL}/drafts/{article.drafts.get().pk}/accept"), 401, None)
    assert NewsArticle.objects.count() == 1 and Partnership.objects.count() == 0


def test_missing_ones_are_404():
    client = client_of("staff")
    assert_error(client.get(f"{URL}/999999"), 404, None, "")
    assert_error(send(client, f"{URL}/drafts/999999/accept"), 404, None)
    assert_error(send(client, f"{URL}/drafts/999999/reject"), 404, None)


KINDS = ["outsider", "member", "unverified_officer", "officer", "officer_of_chinese_party", "staff"]
MAY_REVIEW = {"officer", "officer_of_chinese_party", "staff"}


@pytest.mark.parametrize("action", ["accept", "reject"])
@pytest.mark.parametrize("kind", KINDS)
def test_accept_and_reject_matrix(kind, action):
    draft = kilifi_mou_article().drafts.get()
    client = client_of(kind)
    before = snapshot()
    response = send(client, f"{URL}/drafts/{draft.pk}/{action}")
    if kind in MAY_REVIEW:
        assert response.status_code == 200, response.content
        body = response.json()
        assert body["status"] == ("accepted" if action == "accept" else "rejected")
        if action == "accept":
            partnership = Partnership.objects.get()
            assert (body["outcome"], body["partnership"], body["partnership_url"]) == (
                "created", partnership.pk, f"/partnerships/{partnership.pk}/")
    else:
        assert_error(response, 403, None)
        assert snapshot() == before


def test_accept_with_edits_and_the_errors_keyed_by_field():
    draft = kilifi_mou_article().drafts.get()
    client = client_of("staff")
    before = snapshot()
    response = send(client, f"{URL}/drafts/{draft.pk}/accept", {"parties": ["KE-14", "XX-NOWHERE"],
                                                               "type": "treaty"})
    assert_error(response, 400, "type", "“treaty” is not a kind of agreement.")
    assert "parties" in response.json()["errors"]
    assert snapshot() == before
    response = send(client, f"{URL}/drafts/{draft.pk}/accept", {
        "type": "friendship", "parties": ["KE-14", "CN-360400"], "date_signed": "2024-04-18",
        "people": [{"name": "Gideon Mung’aro", "role": "Governor", "party": "KE-14"}], "sectors": ["tourism"]})
    assert response.status_code == 200, response.content
    partnership = Partnership.objects.get()
    assert (partnership.kind, partnership.stage, str(partnership.signed_on)) == (
        "sister_relationship", "formal_agreement", "2024-04-18")
    assert response.json()["reviewed"]["people"][0]["name"] == "Gideon Mung’aro"
    again = send(client, f"{URL}/drafts/{draft.pk}/accept")
    assert_error(again, 400, "status", "This draft has already been reviewed: it is accepted.")


def test_the_partnership_to_add_to_is_chosen_by_id_or_null_for_a_new_one():
    client = client_of("staff")
    first = send(client, f"{URL}/drafts/{kilifi_mou_article().drafts.get().pk}/accept").json()["partnership"]
    same = kilifi_mou_article("xinhua").drafts.get()
    before = snapshot()
    response = send(client, f"{URL}/drafts/{same.pk}/accept", {"partnership": None})
    assert_error(response, 400, "partnership", "is already recorded between exactly these parties")
    assert snapshot() == before
    response = send(client, f"{URL}/drafts/{same.pk}/accept", {"partnership": first})
    assert response.status_code == 200 and response.json()["outcome"] == "source_added"
    assert Partnership.objects.count() == 1


def test_a_session_write_needs_its_csrf_token():
    client = Client(enforce_csrf_checks=True)
    client.force_login(person("staff"))
    response = send(client, URL, {"text": seed_text()})
    assert_error(response, 403, None)
    assert NewsArticle.objects.count() == 0


def test_reading_an_article_takes_a_fixed_number_of_queries(django_assert_num_queries):
    article = kilifi_mou_article()
    for outlet in ("xinhua", "the-star"):
        DraftAgreement.objects.create(article=article, position=1, payload=kilifi_mou_article(outlet).drafts.get().payload)
    client = client_of("outsider")
    with django_assert_num_queries(4):  # session, user, article, its drafts
        response = client.get(f"{URL}/{article.pk}")
    assert len(response.json()["drafts"]) == 3


@pytest.mark.parametrize("kind", KINDS)
def test_adding_an_agreement_the_extractor_missed(kind):
    article = article_of(MISSED, [])
    client = client_of(kind)
    before = snapshot()
    response = send(client, f"{URL}/{article.pk}/drafts")
    if kind not in MAY_ADD:
        assert_error(response, 403, None)
        assert snapshot() == before
        return
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["status"], body["added_by_reviewer"], body["agreement"]["type"], body["agreement"]["parties"]) == (
        "pending", True, None, [])
    response = send(client, f"{URL}/drafts/{body['id']}/accept", {"type": "sister_city"})
    assert_error(response, 400, "parties")
    if kind == "staff":
        response = send(client, f"{URL}/drafts/{body['id']}/accept",
                        {"type": "sister_city", "parties": ["KE-14", "CN-360400"]})
        assert response.status_code == 200 and response.json()["outcome"] == "created"


def test_adding_to_a_missing_article_is_404_and_anonymous_401():
    assert_error(send(client_of("staff"), f"{URL}/999999/drafts"), 404, None)
    article = article_of(MISSED, [])
    assert_error(send(Client(), f"{URL}/{article.pk}/drafts"), 401, None)
    assert DraftAgreement.objects.count() == 0
