"""The partnership pages: the list with its filters and exports, the detail with its timeline, health and
history, and the forms, whose refusals change nothing and say why in the user's language."""

import csv
import datetime
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone

from urafiki.partnerships.health import partnership_health
from urafiki.partnerships.models import Document, Partnership
from urafiki.partnerships.selectors import partnerships_with_health
from urafiki.partnerships.services import activity_record, commitment_add

from .test_permissions import person
from .test_services import counts, kilifi_mou, place

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000") + b"\x00" * 40


def create_form(**overrides) -> dict:
    data = {
        "place_1": "Kilifi", "place_2": "Jiangxi", "place_3": "九江", "place_4": "",
        "kind": "cooperation", "stage": "mou_signed", "happened_on": "", "title": "", "summary": "",
        "sectors": ["agriculture", "tourism", "blue_economy"], "products": ["coconut", "mango"],
        "source_url": "https://www.kbc.co.ke/kenyan-counties-benefiting-from-twinning-with-chinese-counterparts/",
        "source_text": "", "note": "", "is_public": "on", "private_notes": "",
        "signatories-TOTAL_FORMS": "3", "signatories-INITIAL_FORMS": "0",
        "signatories-0-name": "Gideon Mung’aro", "signatories-0-title": "Governor", "signatories-0-party": "KE-14",
        "signatories-1-name": "Ren Zhufeng", "signatories-1-title": "Executive Vice Governor",
        "signatories-1-party": "Jiangxi",
        "signatories-2-name": "Xiong Jinxi", "signatories-2-title": "Deputy Mayor", "signatories-2-party": "Jiujiang",
    }
    data.update(overrides)
    return data


def signed_in(client, kind: str):
    user = person(kind)
    client.force_login(user)
    return user


def test_an_officer_records_the_mou_with_its_signatories_and_sectors(client):
    officer = signed_in(client, "officer")
    response = client.post("/partnerships/new/", create_form())
    partnership = Partnership.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/partnerships/{partnership.pk}/"
    assert sorted(p.place.code for p in partnership.parties.all()) == ["CN-360400", "CN-JX", "KE-14"]
    assert partnership.stage_since is None  # the article gives no date: unknown, not today
    assert partnership.stage_changes.get().signatories.count() == 3
    page = client.get(response["Location"]).content.decode()
    assert "Gideon Mung’aro" in page and "Blue economy" in page and "No dated record yet" in page
    assert str(officer) in page  # the history says who recorded it


@pytest.mark.parametrize("overrides, message", [
    ({"place_2": "", "place_3": ""}, "A partnership needs at least two different places."),
    ({"place_2": "Atlantis Province"}, "No place matches “Atlantis Province”"),
    ({"happened_on": (timezone.localdate() + datetime.timedelta(days=3)).isoformat()}, "is in the future"),
    ({"signatories-0-party": "Meru"}, "which is not a party"),
    ({"stage": "dormant"}, "Select a valid choice"),
])
def test_bad_input_is_refused_with_its_reason_and_changes_nothing(client, overrides, message):
    signed_in(client, "officer")
    before = counts()
    response = client.post("/partnerships/new/", create_form(**overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "Nothing was saved" in response.content.decode()
    assert counts() == before


def test_the_form_speaks_kiswahili(client):
    signed_in(client, "officer")
    response = client.post("/partnerships/new/", create_form(place_2="", place_3=""), HTTP_ACCEPT_LANGUAGE="sw")
    assert response.status_code == 400
    assert 'lang="sw"' in response.content.decode()


def test_an_officer_cannot_record_a_partnership_of_other_offices(client):
    signed_in(client, "officer")  # officer of Kilifi
    before = counts()
    response = client.post("/partnerships/new/", create_form(place_1="Meru", **{"signatories-0-party": "Meru"}))
    assert response.status_code == 400 and "Keep your own office among the parties" in response.content.decode()
    assert counts() == before


@pytest.mark.parametrize("kind, status", [
    ("anonymous", 302), ("outsider", 403), ("member", 403), ("unverified_officer", 403),
    ("officer", 302), ("officer_of_chinese_party", 302), ("staff", 302),
])
def test_who_may_edit_through_the_pages(client, kind, status):
    partnership = kilifi_mou()
    if kind != "anonymous":
        signed_in(client, kind)
    before = (counts(), partnership.title)
    response = client.post(f"/partnerships/{partnership.pk}/edit/", {
        "title": "Renamed", "kind": "cooperation", "place_1": "KE-14", "place_2": "CN-JX", "place_3": "CN-360400",
        "is_public": "on",
    })
    assert response.status_code == status
    partnership.refresh_from_db()
    if status == 302 and kind != "anonymous":
        assert partnership.title == "Renamed"
    else:
        assert (counts(), partnership.title) == before
        if kind == "anonymous":
            assert response["Location"].startswith("/accounts/login/")


def test_stage_moves_commitments_and_activities_through_the_pages(client):
    partnership = kilifi_mou()
    officer = signed_in(client, "officer")
    response = client.post(f"/partnerships/{partnership.pk}/stage/", {
        "to_stage": "exploring", "happened_on": "2024-05-01", "signatories-TOTAL_FORMS": "0",
        "signatories-INITIAL_FORMS": "0"})
    assert response.status_code == 400
    assert "cannot move from “memorandum of understanding signed” to “exploring”" in response.content.decode()
    response = client.post(f"/partnerships/{partnership.pk}/stage/", {
        "to_stage": "active", "happened_on": "2024-06-01", "signatories-TOTAL_FORMS": "0",
        "signatories-INITIAL_FORMS": "0"})
    assert response.status_code == 302
    response = client.post(f"/partnerships/{partnership.pk}/commitments/new/", {
        "description": "Youth exchange of 20 students", "party": place("KE-14").pk, "owner_email": officer.email,
        "due_on": "2024-12-31"})
    assert response.status_code == 302
    response = client.post(f"/partnerships/{partnership.pk}/activities/new/", {
        "kind": "delegation_visit", "happened_on": "2024-07-10", "title": "Jiangxi delegation visits Kilifi",
        "places": [place("KE-14").pk, place("CN-JX").pk], "value": "1500000", "currency": "kes"})
    assert response.status_code == 302
    page = client.get(f"/partnerships/{partnership.pk}/").content.decode()
    assert "Jiangxi delegation visits Kilifi" in page and "Youth exchange of 20 students" in page
    assert "1,500,000 KES" in page and "overdue" in page
    assert "at risk" in page or "dormant candidate" in page


def test_health_in_sql_agrees_with_health_in_python():
    """The list filters on a SQL translation of health.py; both must give the same status."""
    today = timezone.localdate()
    days = datetime.timedelta
    cases = [
        {"stage": "mou_signed", "happened_on": today - days(30)},
        {"stage": "mou_signed", "happened_on": today - days(400)},
        {"stage": "letter_of_intent", "happened_on": today - days(400)},
        {"stage": "exploring", "happened_on": today - days(10)},
        {"stage": "active", "happened_on": None},
        {"stage": "mou_signed", "happened_on": None},
    ]
    for i, case in enumerate(cases):
        partnership = kilifi_mou(title=f"case {i}", signatories=[], **case)
        if i == 1:
            activity_record(partnership=partnership, kind="training", happened_on=today - days(20), title="t")
        if i in (3, 5):
            commitment_add(partnership=partnership, description="late", due_on=today - days(1))
    listed = {p.pk: p.health_status for p in partnerships_with_health(Partnership.objects.all())}
    for partnership in Partnership.objects.all():
        overdue = partnership.commitments.filter(due_on__lt=today).count()
        expected = partnership_health(stage=partnership.stage, stage_since=partnership.stage_since,
                                      last_activity_on=partnership.last_activity_on,
                                      overdue_commitments=overdue, today=today).status
        assert listed[partnership.pk] == expected, partnership.title
    assert set(listed.values()) >= {"healthy", "dormant_candidate", "at_risk", "unknown"}


def test_list_filters_and_exports(client):
    kilifi = kilifi_mou()
    meru = kilifi_mou(places=[place("KE-26"), place("CN-HN")], stage="letter_of_intent", signatories=[],
                      kind="sister_relationship", happened_on=datetime.date(2023, 6, 1), title="Meru – Hunan")
    page = client.get("/partnerships/?place=Jiangxi").content.decode()
    assert kilifi.title in page and "Meru – Hunan" not in page
    page = client.get("/partnerships/?place=CN-JX").content.decode()  # Jiujiang is inside Jiangxi: still found
    assert kilifi.title in page
    assert "Meru – Hunan" in client.get("/partnerships/?year=2023").content.decode()
    assert kilifi.title not in client.get("/partnerships/?year=2023").content.decode()
    assert "Meru – Hunan" in client.get("/partnerships/?health=dormant_candidate").content.decode()
    assert kilifi.title not in client.get("/partnerships/?sector=health").content.decode()
    response = client.get("/partnerships/?stage=nonsense&year=3000")
    assert response.status_code == 400
    assert "“nonsense” is not a stage" in response.content.decode()

    response = client.get("/partnerships/export.csv?country=KE&sort=title")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert [row["title"] for row in rows] == [kilifi.title, meru.title]
    assert rows[0]["party_codes"] == "KE-14|CN-JX|CN-360400" and "九江" in rows[0]["parties_zh"]
    data = json.loads(b"".join(client.get("/partnerships/export.json?kind=sister_relationship").streaming_content))
    assert [item["id"] for item in data] == [meru.pk]
    assert client.get("/partnerships/export.xml").status_code == 404


def test_private_partnerships_and_notes_are_for_the_parties(client):
    partnership = kilifi_mou(is_public=False, private_notes="Budget still unconfirmed")
    assert client.get(f"/partnerships/{partnership.pk}/").status_code == 404
    assert partnership.title not in client.get("/partnerships/").content.decode()
    signed_in(client, "member")
    page = client.get(f"/partnerships/{partnership.pk}/").content.decode()
    assert "Budget still unconfirmed" in page


def test_a_place_page_lists_its_partnerships_with_their_health(client):
    partnership = kilifi_mou()
    page = client.get("/places/CN-360400/").content.decode()
    assert partnership.title in page and "health-" in page


def upload(client, partnership, name: str, content: bytes, content_type="application/pdf"):
    return client.post(f"/partnerships/{partnership.pk}/documents/new/", {
        "file": SimpleUploadedFile(name, content, content_type=content_type), "title": "Signed MOU",
        "kind": "signed_agreement"})


def test_documents_are_checked_by_content_and_served_to_the_parties_only(client, settings):
    partnership = kilifi_mou()
    signed_in(client, "officer")
    assert upload(client, partnership, "mou.pdf", PDF).status_code == 302
    document = Document.objects.get()
    assert document.content_type == "application/pdf" and document.file.name.endswith(".pdf")
    assert str(settings.PRIVATE_MEDIA_ROOT) in document.file.path  # outside the web root and static files
    response = client.get(f"/partnerships/{partnership.pk}/documents/{document.pk}/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF

    client.logout()
    assert client.get(f"/partnerships/{partnership.pk}/documents/{document.pk}/").status_code == 404
    signed_in(client, "outsider")
    assert client.get(f"/partnerships/{partnership.pk}/documents/{document.pk}/").status_code == 404


@pytest.mark.parametrize("name, content, message", [
    ("mou.pdf", b"MZ\x90\x00" + b"\x00" * 200, "Only PDF, JPEG, PNG, WebP and Word (DOCX) files"),
    ("photo.pdf", PNG, "its content is image/png"),
    ("empty.pdf", b"", "empty"),
])
def test_disguised_or_empty_uploads_are_refused(client, name, content, message):
    partnership = kilifi_mou()
    signed_in(client, "officer")
    response = upload(client, partnership, name, content)
    assert response.status_code == 400 and message in response.content.decode()
    assert Document.objects.count() == 0 and Document.history.count() == 0


@override_settings(DOCUMENT_MAX_BYTES=1024)
def test_an_oversize_upload_is_refused(client, settings):
    partnership = kilifi_mou()
    signed_in(client, "officer")
    response = upload(client, partnership, "big.pdf", PDF + b"0" * 2000)
    assert response.status_code == 400 and "the limit is 1.0" in response.content.decode()
    assert Document.objects.count() == 0


def test_outsiders_cannot_upload(client):
    partnership = kilifi_mou()
    signed_in(client, "outsider")
    assert upload(client, partnership, "mou.pdf", PDF).status_code == 403
    assert Document.objects.count() == 0


def _busy(partnership, rounds: int) -> None:
    """Activities with places, commitments with a party and an owner: what the detail page prefetches."""
    owner = partnership.stage_changes.first().recorded_by
    for i in range(rounds):
        activity_record(partnership=partnership, kind="training", happened_on=datetime.date(2024, 5, 1 + i),
                        title=f"training {i}", places=[place("KE-14"), place("CN-JX")])
        commitment_add(partnership=partnership, description=f"task {i}", place=place("KE-14"), owner=owner,
                       due_on=datetime.date(2025, 1, 1 + i))


def _queries(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("kind", ["anonymous", "officer"])
def test_the_list_and_detail_pages_make_a_fixed_number_of_queries(client, kind):
    """Pinned: the number of queries does not grow with the rows shown."""
    if kind != "anonymous":
        signed_in(client, kind)
    small, large = kilifi_mou(title="small"), kilifi_mou(title="large")
    _busy(small, 1)
    _busy(large, 4)
    for i in range(25):
        kilifi_mou(title=f"p{i}")
    list_queries = {"anonymous": 6, "officer": 10}[kind]  # + session, user, offices, officer offices
    detail_queries = {"anonymous": 25, "officer": 30}[kind]  # 25: + the news articles behind it
    observed = [_queries(client, "/partnerships/"), _queries(client, "/partnerships/?place=CN-JX&sort=health&page=2"),
                _queries(client, f"/partnerships/{small.pk}/"), _queries(client, f"/partnerships/{large.pk}/")]
    assert observed == [list_queries, list_queries + 1, detail_queries, detail_queries]
