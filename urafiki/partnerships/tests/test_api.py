"""/api/partnerships through HTTP, as programs and browsers use it: what it answers, who may write, and
that every refused write (bad input or missing rights) left every row of the app as it was."""

import datetime
import json

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from config.api import api
from urafiki.accounts.services import api_token_create
from urafiki.partnerships.lifecycle import Stage
from urafiki.partnerships.models import Activity, Commitment, Document, Partnership, StageChange
from urafiki.partnerships.schemas import PartnershipDetailOut, PartnershipList
from urafiki.partnerships.services import (
    SignatoryInput,
    activity_record,
    commitment_add,
    document_add,
    partnership_change_stage,
)

from .test_permissions import person
from .test_services import kilifi_mou, place

pytestmark = pytest.mark.django_db
URL = "/api/partnerships"
TOMORROW = "tomorrow"  # replaced by the real date when the test runs


def snapshot() -> dict[str, list]:
    """Every row of every table of the partnerships app: partnerships, parties, stage changes, signatories,
    commitments, activities, documents, the many-to-many tables and all the audit-history tables."""
    return {
        model._meta.label: list(model.objects.order_by("pk").values_list())
        for model in apps.get_app_config("partnerships").get_models(include_auto_created=True)
    }


def client_of(user) -> Client:
    client = Client()
    if user.is_authenticated:
        client.force_login(user)
    return client


def send(client: Client, method: str, url: str, body=None, **headers):
    data = "" if body is None else json.dumps(_dates(body))
    return getattr(client, method)(url, data=data, content_type="application/json", headers=headers)


def _dates(body):
    """TOMORROW anywhere in a body becomes tomorrow's date."""
    if isinstance(body, dict):
        return {key: _dates(value) for key, value in body.items()}
    if isinstance(body, list):
        return [_dates(value) for value in body]
    if body == TOMORROW:
        return (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    return body


def assert_error(response, status: int, field: str | None, message: str):
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"detail", "errors"}
    if field is None:
        assert message in body["detail"]
    else:
        assert any(message in text for text in body["errors"][field]), body


def with_plan(**overrides) -> tuple[Partnership, Commitment, Activity]:
    """The Kilifi MOU with one commitment and one activity, for the writes that need them."""
    partnership = kilifi_mou(**overrides)
    commitment = commitment_add(partnership=partnership, description="Open a baobab processing plant",
                                place=place("KE-14"), due_on=datetime.date(2025, 12, 31))
    activity = activity_record(partnership=partnership, kind="delegation_visit", happened_on=datetime.date(2024, 5, 2),
                               title="Jiangxi delegation visits Kilifi")
    return partnership, commitment, activity


CREATE_BODY = {
    "places": ["KE-14", "CN-HN"], "kind": "cooperation", "stage": "letter_of_intent", "happened_on": "2025-03-10",
    "sectors": ["agriculture"], "products": ["avocado"], "source_url": "https://example.org/kilifi-hunan",
    "signatories": [{"name": "Gideon Mung’aro", "title": "Governor", "place": "KE-14"}],
}


def writes(partnership: Partnership, commitment: Commitment, activity: Activity) -> dict[str, tuple]:
    """Every write endpoint on an existing partnership: method, path, a valid body, the status of success."""
    base = f"{URL}/{partnership.pk}"
    return {
        "update": ("patch", base, {"title": "Kilifi–Jiangxi friendship", "is_public": True}, 200),
        "stage_change": ("post", f"{base}/stage-changes", {"to_stage": "active", "happened_on": "2024-06-01"}, 201),
        "commitment_add": ("post", f"{base}/commitments",
                           {"description": "Nurses' exchange", "place": "CN-JX", "due_on": "2026-03-01"}, 201),
        "commitment_status": ("patch", f"{base}/commitments/{commitment.pk}",
                              {"status": "done", "completed_on": "2025-11-02", "evidence": "Plant opened"}, 200),
        "activity_record": ("post", f"{base}/activities",
                            {"kind": "trade_fair", "happened_on": "2025-06-12", "title": "Kilifi at the Nanchang fair",
                             "places": ["KE-14", "CN-JX"], "value": "120000", "currency": "usd"}, 201),
        "activity_delete": ("delete", f"{base}/activities/{activity.pk}", None, 204),
        "delete": ("delete", base, None, 204),
    }


# ------------------------------------------------------------------------------------------ the matrix

KINDS = ["anonymous", "outsider", "member", "unverified_officer", "officer", "staff"]


def expected_status(endpoint: str, kind: str, *, is_public: bool, success: int) -> int:
    if kind == "anonymous":
        return 401  # no user: nothing else is looked at
    sees = is_public or kind in {"member", "officer", "staff"}  # unverified claims show nothing private
    if not sees:
        return 404  # the same answer as for a partnership that does not exist
    may = kind == "staff" if endpoint == "delete" else kind in {"officer", "staff"}
    return success if may else 403


@pytest.mark.parametrize("is_public", [True, False], ids=["public", "private"])
@pytest.mark.parametrize("endpoint", ["update", "stage_change", "commitment_add", "commitment_status",
                                      "activity_record", "activity_delete", "delete"])
@pytest.mark.parametrize("kind", KINDS)
def test_who_may_write_what(kind, endpoint, is_public):
    partnership, commitment, activity = with_plan(is_public=is_public)
    user = person(kind)
    method, url, body, success = writes(partnership, commitment, activity)[endpoint]
    status = expected_status(endpoint, kind, is_public=is_public, success=success)
    before = snapshot()

    response = send(client_of(user), method, url, body)

    assert response.status_code == status, response.content
    if status >= 400:
        assert set(response.json()) == {"detail", "errors"}
        assert snapshot() == before
    else:
        assert snapshot() != before


@pytest.mark.parametrize("kind", KINDS)
def test_who_may_record_a_partnership(kind):
    """A verified officer of one of the places' offices, or staff: the outsider is an officer, of KE-26."""
    user = person(kind)
    before = snapshot()
    response = send(client_of(user), "post", URL, CREATE_BODY)
    expected = {"anonymous": 401, "officer": 201, "staff": 201}.get(kind, 403)
    assert response.status_code == expected, response.content
    if expected == 201:
        assert Partnership.objects.filter(pk=response.json()["id"]).exists()
    else:
        assert snapshot() == before
    if kind == "outsider":
        assert_error(response, 403, None, "Keep your own office among the parties")
    if kind in {"member", "unverified_officer"}:
        assert_error(response, 403, None, "Only verified officers of a government office can record partnerships.")


def test_another_partys_partnership_cannot_be_edited():
    partnership = kilifi_mou()
    before = snapshot()
    response = send(client_of(person("outsider")), "patch", f"{URL}/{partnership.pk}", {"title": "Lamu–Jiangxi"})
    assert_error(response, 403, None, "Only the verified officers of a party's office can change this partnership.")
    assert snapshot() == before


# ---------------------------------------------------------------------------------------- bad input

@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"places": ["KE-14"]}, "places", "A partnership needs at least two different places."),
        ({"places": ["KE-14", "KE-14"]}, "places", "A partnership needs at least two different places."),
        ({"places": ["KE-14", "XX-99"]}, "places", "There is no place with the code or id “XX-99”."),
        ({"places": ["KE-14", 99999999]}, "places", "There is no place with the code or id “99999999”."),
        ({"places": ["KE-14", "KE"]}, "places", "Partnerships are between local governments, not countries."),
        ({"happened_on": TOMORROW}, "happened_on", "is in the future."),
        ({"happened_on": "18/04/2024"}, "happened_on", "Input should be a valid date"),
        ({"stage": "dormant"}, "stage", "A partnership cannot be recorded as “dormant” from the start."),
        ({"kind": "marriage"}, "kind", "“marriage” is not a kind of partnership."),
        ({"kind": None}, "kind", "Input should be a valid string"),
        ({"sectors": ["agriculture", "space"]}, "sectors", "“space” is not a sector of the shared vocabulary."),
        ({"products": ["unobtainium"]}, "products", "“unobtainium” is not a product of the shared vocabulary."),
        ({"signatories": [{"name": "Wang Wei", "title": "Vice Governor", "place": "CN-JX"}]}, "signatories",
         "Wang Wei signs for Jiangxi, which is not a party."),
        ({"signatories": [{"name": "Wang Wei", "place": "CN-XX"}]}, "signatories",
         "There is no place with the code or id “CN-XX”."),
        ({"signatories": [{"name": " ", "place": "CN-HN"}]}, "signatories", "Every signatory needs a name."),
        ({"source_url": "not a web address"}, "source_url", "Enter a valid URL."),
    ],
)
def test_bad_records_are_refused_and_change_nothing(change, field, message):
    before = snapshot()
    response = send(client_of(person("officer")), "post", URL, {**CREATE_BODY, **change})
    assert_error(response, 400, field, message)
    assert snapshot() == before


def test_a_missing_field_and_a_body_that_is_not_json_are_refused():
    client = client_of(person("officer"))
    body = {key: value for key, value in CREATE_BODY.items() if key != "kind"}
    assert_error(send(client, "post", URL, body), 400, "kind", "Field required")
    response = client.post(URL, data="{places: KE-14", content_type="application/json")
    assert_error(response, 400, None, "Cannot parse request body")
    assert not Partnership.objects.exists()


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"title": " "}, "title", "Give the partnership a title."),
        ({"title": None}, "title", "This field cannot be null."),
        ({"title": "x" * 201}, "title", "Ensure this value has at most 200 characters"),
        ({"kind": "marriage"}, "kind", "“marriage” is not a kind of partnership."),
        ({"places": ["KE-14"]}, "places", "A partnership needs at least two different places."),
        ({"places": ["KE-14", "CN-JX", "XX-1"]}, "places", "There is no place with the code or id “XX-1”."),
        ({"places": ["KE-14", "CN-JX"]}, "places",
         "Jiujiang cannot be removed: it has signed or holds commitments in this partnership."),
        ({"sectors": ["space"]}, "sectors", "“space” is not a sector of the shared vocabulary."),
        ({"is_public": "maybe"}, "is_public", "Input should be a valid boolean"),
    ],
)
def test_bad_edits_are_refused_and_change_nothing(change, field, message):
    # Signed by the three parties only when the test is about removing one that signed.
    partnership = kilifi_mou() if "cannot be removed" in message else kilifi_mou(signatories=[])
    before = snapshot()
    response = send(client_of(person("officer")), "patch", f"{URL}/{partnership.pk}", change)
    assert_error(response, 400, field, message)
    assert snapshot() == before


def test_an_empty_edit_writes_nothing():
    partnership = kilifi_mou()
    before = snapshot()
    response = send(client_of(person("officer")), "patch", f"{URL}/{partnership.pk}", {})
    assert response.status_code == 200
    assert response.json()["title"] == "Kilifi – Jiangxi – Jiujiang"
    assert snapshot() == before


def test_an_officer_cannot_hand_a_partnership_over_to_other_offices():
    partnership = kilifi_mou(signatories=[])
    before = snapshot()
    response = send(client_of(person("officer")), "patch", f"{URL}/{partnership.pk}",
                    {"places": ["CN-JX", "CN-360400"]})
    assert_error(response, 403, None, "Keep your own office among the parties")
    assert snapshot() == before
    # Staff may: a record made for the wrong office is corrected by moderation.
    response = send(client_of(person("staff")), "patch", f"{URL}/{partnership.pk}", {"places": ["CN-JX", "CN-360400"]})
    assert response.status_code == 200
    assert [party["code"] for party in response.json()["parties"]] == ["CN-JX", "CN-360400"]


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"to_stage": "letter_of_intent", "happened_on": "2024-05-01"}, "to_stage",
         "A partnership cannot move from “memorandum of understanding signed” to “letter of intent signed”."),
        ({"to_stage": "active", "happened_on": "2024-05-01", "renewal": True}, "to_stage",
         "Only an active, dormant or ended partnership can be renewed"),
        ({"to_stage": "married", "happened_on": "2024-05-01"}, "to_stage", "“married” is not a stage."),
        ({"to_stage": "active", "happened_on": TOMORROW}, "happened_on", "is in the future."),
        ({"to_stage": "active", "happened_on": "2024-01-01"}, "happened_on",
         "The date 2024-01-01 is before the current stage began (2024-04-18)."),
        ({"to_stage": "active"}, "happened_on", "Field required"),
        ({"to_stage": "formal_agreement", "happened_on": "2024-05-01",
          "signatories": [{"name": "Wang Wei", "place": "CN-HN"}]}, "signatories",
         "Wang Wei signs for Hunan, which is not a party."),
        ({"to_stage": "formal_agreement", "happened_on": "2024-05-01",
          "signatories": [{"name": "Wang Wei", "place": "nowhere"}]}, "signatories",
         "There is no place with the code or id “nowhere”."),
    ],
)
def test_stage_moves_that_make_no_sense_are_refused_and_change_nothing(body, field, message):
    partnership = kilifi_mou()
    before = snapshot()
    response = send(client_of(person("officer")), "post", f"{URL}/{partnership.pk}/stage-changes", body)
    assert_error(response, 400, field, message)
    assert snapshot() == before


@pytest.mark.parametrize(
    ("target", "body", "status", "field", "message"),
    [
        ("commitments", {"description": " "}, 400, "description", "Say what was committed."),
        ("commitments", {"description": "Nurses", "place": "CN-HN"}, 400, "place",
         "Hunan is not a party to this partnership."),
        ("commitments", {"description": "Nurses", "place": "XX-1"}, 400, "place",
         "There is no place with the code or id “XX-1”."),
        ("commitment", {"status": "done"}, 400, "completed_on",
         "A commitment that is done needs the date it was completed."),
        ("commitment", {"status": "done", "completed_on": TOMORROW}, 400, "completed_on", "is in the future."),
        ("commitment", {"status": "finished"}, 400, "status", "“finished” is not a status."),
        ("other_commitment", {"status": "cancelled"}, 404, None, "There is no commitment with id"),
        ("activities", {"kind": "party", "happened_on": "2025-01-01", "title": "A"}, 400, "kind",
         "“party” is not a kind of activity."),
        ("activities", {"kind": "donation", "happened_on": TOMORROW, "title": "Masks"}, 400, "happened_on",
         "is in the future."),
        ("activities", {"kind": "donation", "happened_on": "2025-01-01", "title": " "}, 400, "title",
         "Give the activity a title."),
        ("activities", {"kind": "investment", "happened_on": "2025-01-01", "title": "Plant", "value": "-5",
                        "currency": "USD"}, 400, "value", "A value cannot be negative."),
        ("activities", {"kind": "investment", "happened_on": "2025-01-01", "title": "Plant", "value": "5"}, 400,
         "currency", "A value needs its currency."),
        ("activities", {"kind": "investment", "happened_on": "2025-01-01", "title": "Plant", "value": "5",
                        "currency": "XYZ"}, 400, "currency", "“XYZ” is not an ISO 4217 currency code."),
        ("activities", {"kind": "investment", "happened_on": "2025-01-01", "title": "Plant",
                        "places": ["KE-14", "XX-1"]}, 400, "places", "There is no place with the code or id “XX-1”."),
        ("other_activity", None, 404, None, "There is no activity with id"),
    ],
)
def test_bad_plans_and_activities_are_refused_and_change_nothing(target, body, status, field, message):
    partnership, commitment, activity = with_plan()
    _other, other_commitment, other_activity = with_plan(places=[place("KE-14"), place("CN-HN")], signatories=[])
    base = f"{URL}/{partnership.pk}"
    method, url = {
        "commitments": ("post", f"{base}/commitments"),
        "commitment": ("patch", f"{base}/commitments/{commitment.pk}"),
        "other_commitment": ("patch", f"{base}/commitments/{other_commitment.pk}"),
        "activities": ("post", f"{base}/activities"),
        "other_activity": ("delete", f"{base}/activities/{other_activity.pk}"),
    }[target]
    before = snapshot()
    response = send(client_of(person("officer")), method, url, body)
    assert_error(response, status, field, message)
    assert snapshot() == before


# ------------------------------------------------------------------------------------ what is written

def test_a_record_made_through_the_api_is_what_was_sent():
    officer = person("officer")
    response = send(client_of(officer), "post", URL, {**CREATE_BODY, "places": ["KE-14", str(place("CN-HN").pk)]})
    assert response.status_code == 201, response.content
    body = response.json()
    partnership = Partnership.objects.get(pk=body["id"])
    assert body["url"] == f"/partnerships/{partnership.pk}/"
    assert (body["title"], body["stage"], body["stage_since"], body["signed_on"]) == (
        "Kilifi – Hunan", "letter_of_intent", "2025-03-10", "2025-03-10")
    assert [party["code"] for party in body["parties"]] == ["KE-14", "CN-HN"]
    assert (body["sectors"], body["products"], body["can_edit"]) == (["agriculture"], ["avocado"], True)
    assert body["stage_changes"][0]["signatories"] == [{"name": "Gideon Mung’aro", "title": "Governor", "place": "KE-14"}]
    assert body["stage_changes"][0]["source_url"] == "https://example.org/kilifi-hunan"
    assert partnership.history.first().history_user == officer
    PartnershipDetailOut.model_validate(body)


def test_writes_on_the_plan_and_the_timeline():
    partnership, commitment, activity = with_plan()
    client = client_of(person("officer"))
    for endpoint, (method, url, body, success) in writes(partnership, commitment, activity).items():
        if endpoint == "delete":
            continue
        assert send(client, method, url, body).status_code == success, endpoint
    partnership.refresh_from_db()
    assert (partnership.title, partnership.stage, partnership.stage_since) == (
        "Kilifi–Jiangxi friendship", "active", datetime.date(2024, 6, 1))
    commitment.refresh_from_db()
    assert (commitment.status, commitment.completed_on, commitment.evidence) == (
        "done", datetime.date(2025, 11, 2), "Plant opened")
    assert not Activity.objects.filter(pk=activity.pk).exists()
    fair = partnership.activities.get()
    assert (fair.title, fair.value, fair.currency) == ("Kilifi at the Nanchang fair", 120000, "USD")
    assert sorted(fair.places.values_list("code", flat=True)) == ["CN-JX", "KE-14"]
    assert partnership.last_activity_on == datetime.date(2025, 6, 12)
    detail = client.get(f"{URL}/{partnership.pk}").json()
    assert [c["description"] for c in detail["commitments"]] == ["Open a baobab processing plant", "Nurses' exchange"]
    assert detail["commitments"][1]["place"] == "CN-JX"
    assert detail["activities"][0]["value"] == "120000.00"
    assert [(c["from_stage"], c["to_stage"]) for c in detail["stage_changes"]] == [
        ("", "mou_signed"), ("mou_signed", "active")]


def test_the_answers_of_writes():
    partnership, commitment, _activity = with_plan()
    client = client_of(person("officer"))
    change = send(client, "post", f"{URL}/{partnership.pk}/stage-changes", {
        "to_stage": "formal_agreement", "happened_on": "2024-09-09", "note": "Signed in Nanchang",
        "signatories": [{"name": "Gideon Mung’aro", "title": "Governor", "place": "KE-14"}],
    }).json()
    assert (change["from_stage"], change["to_stage"], change["happened_on"], change["renewal"], change["note"]) == (
        "mou_signed", "formal_agreement", "2024-09-09", False, "Signed in Nanchang")
    assert change["signatories"] == [{"name": "Gideon Mung’aro", "title": "Governor", "place": "KE-14"}]
    added = send(client, "post", f"{URL}/{partnership.pk}/commitments",
                 {"description": "Twin schools", "due_on": "2026-06-30"}).json()
    assert added == {"id": added["id"], "description": "Twin schools", "place": None, "due_on": "2026-06-30",
                     "status": "open", "completed_on": None, "evidence": ""}
    status = send(client, "patch", f"{URL}/{partnership.pk}/commitments/{commitment.pk}", {"status": "in_progress"})
    assert (status.json()["status"], status.json()["place"]) == ("in_progress", "KE-14")


def test_staff_delete_a_partnership_with_everything_recorded_with_it():
    partnership, _commitment, _activity = with_plan()
    response = send(client_of(person("staff")), "delete", f"{URL}/{partnership.pk}")
    assert response.status_code == 204
    assert response.content == b""
    assert not Partnership.objects.exists()
    assert not StageChange.objects.exists() and not Commitment.objects.exists() and not Activity.objects.exists()
    assert Partnership.history.filter(id=partnership.pk, history_type="-").exists()


def test_deleting_a_partnership_removes_its_stored_files_once_committed(django_capture_on_commit_callbacks):
    partnership = kilifi_mou()
    upload = SimpleUploadedFile("mou.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
                                content_type="application/pdf")
    document = document_add(partnership=partnership, upload=upload, title="Signed MOU", kind="signed_agreement")
    storage, name = document.file.storage, document.file.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client_of(person("staff")), "delete", f"{URL}/{partnership.pk}")
    assert response.status_code == 204
    assert not Document.objects.exists()
    assert not storage.exists(name)


# ---------------------------------------------------------------------------------------------- reads

def test_the_list_shows_what_each_reader_may_see():
    public = kilifi_mou()
    private = kilifi_mou(is_public=False, title="Confidential talks")
    anonymous = Client().get(URL).json()
    assert [item["id"] for item in anonymous["items"]] == [public.pk]
    assert anonymous["count"] == 1
    member = client_of(person("member")).get(URL).json()
    assert sorted(item["id"] for item in member["items"]) == sorted([public.pk, private.pk])
    PartnershipList.model_validate(member)
    assert member["items"][0]["parties"][0] == {"id": place("KE-14").pk, "code": "KE-14", "name": "Kilifi",
                                                "country": "KE"}


def test_the_list_filters():
    kilifi = kilifi_mou(title="Kilifi MOU")
    hunan = kilifi_mou(title="Hunan talks", places=[place("KE-30"), place("CN-HN")], signatories=[], stage=Stage.EXPLORING,
                       happened_on=datetime.date(2023, 2, 1), kind="sister_relationship",
                       sectors=[], products=[])
    client = Client()

    def ids(query: str) -> list[int]:
        response = client.get(f"{URL}?{query}")
        assert response.status_code == 200, response.content
        return [item["id"] for item in response.json()["items"]]

    assert ids("") == [kilifi.pk, hunan.pk]  # latest signing first, unsigned last
    assert ids("place=KE-14") == [kilifi.pk]
    assert ids(f"place={place('CN-JX').pk}") == [kilifi.pk]
    assert ids("place=CN") == [kilifi.pk, hunan.pk]  # a country's subdivisions included
    assert ids("country=CN&stage=exploring") == [hunan.pk]
    assert ids("sector=tourism") == [kilifi.pk]
    assert ids("year=2024") == [kilifi.pk]
    assert ids("year=2023") == []  # the year signed: exploring is not a signing
    assert ids("kind=sister_relationship") == [hunan.pk]
    assert ids("q=kilifi") == [kilifi.pk]
    assert ids("sort=title&limit=1&offset=1") == [kilifi.pk]
    assert client.get(f"{URL}?limit=1").json()["count"] == 2


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("stage=married", "stage", "“married” is not a stage."),
        ("sector=space", "sector", "“space” is not a sector of the shared vocabulary."),
        ("country=XX", "country", "“XX” is not a known ISO 3166 alpha-2 country code."),
        ("year=1800", "year", "Must be a whole number between 1949 and"),
        ("limit=1000", "limit", "Must be a whole number between 1 and 100."),
        ("sort=random", "sort", "“random” is not a sort order."),
    ],
)
def test_bad_filters_are_400_keyed_by_parameter(query, field, message):
    assert_error(Client().get(f"{URL}?{query}"), 400, field, message)


def test_the_detail_shows_private_notes_to_the_parties_only():
    partnership = kilifi_mou(private_notes="The governor prefers May.")
    for kind, notes, can_edit in [("anonymous", None, False), ("outsider", None, False),
                                  ("member", "The governor prefers May.", False),
                                  ("officer", "The governor prefers May.", True)]:
        body = client_of(person(kind)).get(f"{URL}/{partnership.pk}").json()
        assert (body["private_notes"], body["can_edit"]) == (notes, can_edit), kind
    assert body["health"]["status"] in {"healthy", "dormant_candidate"}
    assert body["health"]["reasons"]


def test_a_private_or_missing_partnership_is_the_same_404():
    private = kilifi_mou(is_public=False)
    for pk in (private.pk, 999999):
        assert_error(Client().get(f"{URL}/{pk}"), 404, None, f"There is no partnership with id {pk}.")


def test_the_api_documentation_describes_the_endpoints():
    schema = api.get_openapi_schema()
    paths = schema["paths"]
    assert set(paths["/api/partnerships"]) == {"get", "post"}
    assert set(paths["/api/partnerships/{partnership_id}"]) == {"get", "patch", "delete"}
    assert "/api/partnerships/{partnership_id}/commitments/{commitment_id}" in paths
    assert schema["components"]["securitySchemes"]["ApiAuth"]["scheme"] == "bearer"


def test_the_history_names_the_token_user():
    partnership = kilifi_mou()
    officer = person("officer")
    _token, secret = api_token_create(user=officer, name="sync script")
    response = send(Client(), "patch", f"{URL}/{partnership.pk}", {"summary": "Baobab and mango value chains."},
                    Authorization=f"Bearer {secret}")
    assert response.status_code == 200, response.content
    record = partnership.history.first()
    assert (record.history_user, record.summary) == (officer, "Baobab and mango value chains.")


# -------------------------------------------------------------------------------------- query counts

def _many(count: int) -> Partnership:
    created = [kilifi_mou(title=f"Partnership {n}") for n in range(count)]
    return created[0]


def _busy(partnership: Partnership, rounds: int) -> None:
    """More rows under one partnership: stage changes, commitments with an owner, activities with places."""
    staff = person("staff")
    for n in range(rounds):
        commitment_add(partnership=partnership, description=f"Commitment {n}", place=place("CN-JX"), owner=staff)
        activity_record(partnership=partnership, kind="training", happened_on=datetime.date(2024, 6, 1 + n),
                        title=f"Training {n}", places=[place("KE-14"), place("CN-JX")])
    moves = [Stage.FORMAL_AGREEMENT, Stage.ACTIVE, Stage.DORMANT, Stage.ACTIVE][:rounds]
    for n, stage in enumerate(moves):
        partnership_change_stage(partnership=partnership, to_stage=stage, happened_on=datetime.date(2024, 7, 1 + n),
                                 signatories=[SignatoryInput("Gideon Mung’aro", "Governor", place("KE-14"))],
                                 by_user=staff)


# Anonymous: COUNT, the page, its parties (with places and parents), its sectors.
LIST_QUERIES_ANONYMOUS = 4
# Signed in: the session, its user, then the user's memberships (which private partnerships they see).
LIST_QUERIES_MEMBER = LIST_QUERIES_ANONYMOUS + 3
# The partnership; its parties (with places), sectors, products; stage changes, their signatories, the
# signatories' parties and places, who recorded them; commitments, their parties and places, their owners;
# activities and their places (the selector's prefetches); overdue commitments (health).
DETAIL_QUERIES_ANONYMOUS = 16
# Session, user, memberships (visibility and private notes), officer memberships (can_edit).
DETAIL_QUERIES_MEMBER = DETAIL_QUERIES_ANONYMOUS + 4


@pytest.mark.parametrize("rows", [5, 25])
def test_the_list_reads_a_fixed_number_of_queries(rows, django_assert_num_queries):
    _many(rows)
    anonymous, member = Client(), client_of(person("member"))
    with django_assert_num_queries(LIST_QUERIES_ANONYMOUS):
        response = anonymous.get(URL)
    assert len(response.json()["items"]) == min(rows, 20)
    with django_assert_num_queries(LIST_QUERIES_MEMBER):
        response = member.get(URL)
    assert len(response.json()["items"]) == min(rows, 20)


@pytest.mark.parametrize("rounds", [1, 4])
def test_the_detail_reads_a_fixed_number_of_queries(rounds, django_assert_num_queries):
    partnership = _many(5 * rounds)
    _busy(partnership, rounds)
    anonymous, member = Client(), client_of(person("member"))
    with django_assert_num_queries(DETAIL_QUERIES_ANONYMOUS):
        body = anonymous.get(f"{URL}/{partnership.pk}").json()
    assert len(body["activities"]) == rounds
    assert len(body["stage_changes"]) == rounds + 1
    with django_assert_num_queries(DETAIL_QUERIES_MEMBER):
        body = member.get(f"{URL}/{partnership.pk}").json()
    assert len(body["commitments"]) == rounds


def test_with_a_token_the_list_reads_a_fixed_number_of_queries(django_assert_num_queries):
    """With a token: one query finds the token and its user (last use already noted this minute)."""
    _many(25)
    member = person("member")
    _token, secret = api_token_create(user=member, name="reader")
    client = Client(headers={"Authorization": f"Bearer {secret}"})
    client.get(URL)  # notes the token's first use
    with django_assert_num_queries(LIST_QUERIES_ANONYMOUS + 2):
        response = client.get(URL)
    assert response.json()["count"] == 25

