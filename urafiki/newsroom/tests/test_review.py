"""Reviewing drafts: accepting creates the partnership or brings the existing one up to date, with the
article as a source and never a duplicate; who may accept or reject (denied: nothing changed); the
review pages with the sentences behind each field highlighted."""

import datetime
import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.loader import render_to_string
from django.utils import timezone

from urafiki.newsroom import services
from urafiki.newsroom.models import DraftAgreement, NewsArticle, PartnershipSource
from urafiki.newsroom.selectors import article_segments, partnership_sources
from urafiki.partnerships.models import Partnership, Signatory, StageChange
from urafiki.partnerships.tests.test_permissions import person
from urafiki.places.models import Place

from .test_ingest import KBC, agreement, article_of, kilifi_mou_article, seed_text, snapshot

pytestmark = pytest.mark.django_db


def codes(partnership: Partnership) -> list[str]:
    return sorted(partnership.parties.values_list("place__code", flat=True))


def staff():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(username="staff").first() or person("staff")


# ------------------------------------------------------------------------------------------ accepting


def test_accepting_the_seed_mou_records_the_partnership_with_its_source():
    article = services.article_ingest(article=services.article_read(text=seed_text(), url=KBC), by_user=None)
    mou = article.drafts.get(position=0)
    officer = person("officer")  # a verified officer of Kilifi
    mou = services.draft_accept(draft=mou, by_user=officer)
    partnership = Partnership.objects.get()
    assert (mou.status, mou.outcome, mou.partnership, mou.reviewed_by) == ("accepted", "created", partnership, officer)
    assert codes(partnership) == ["CN-360400", "CN-JX", "KE-14"]
    assert (partnership.kind, partnership.stage, partnership.stage_since) == ("cooperation", "mou_signed", None)
    change = partnership.stage_changes.get()
    assert change.source_url == KBC and change.recorded_by == officer
    assert {(s.name, s.party.place.code) for s in change.signatories.select_related("party__place")} == {
        ("Gideon Mung’aro", "KE-14"), ("Ren Zhufeng", "CN-JX"), ("Xiong Jinxi", "CN-360400")}
    assert {"baobab", "mango", "coconut"} <= set(partnership.products.values_list("slug", flat=True))
    assert [s.article for s in partnership_sources(partnership)] == [article]
    assert mou.reviewed_payload["type"] == "mou"


def test_three_outlets_reporting_the_same_mou_make_one_partnership_with_three_sources():
    reviewer = staff()
    outcomes = []
    for outlet in ("kbc", "xinhua", "the-star"):
        draft = kilifi_mou_article(outlet).drafts.get()
        outcomes.append(services.draft_accept(draft=draft, by_user=reviewer).outcome)
    partnership = Partnership.objects.get()
    assert outcomes == ["created", "source_added", "source_added"]
    assert partnership.stage == "mou_signed" and StageChange.objects.count() == 1
    assert [s.article.url for s in partnership_sources(partnership)] == [
        "https://kbc.example.org/kilifi-mou", "https://xinhua.example.org/kilifi-mou",
        "https://the-star.example.org/kilifi-mou"]
    assert set(DraftAgreement.objects.values_list("partnership", flat=True)) == {partnership.pk}


def test_an_mou_after_a_letter_of_intent_advances_the_partnership():
    reviewer = staff()
    letter_text = "Meru County signed a letter of intent with Hunan Province on Monday."
    letter = article_of(letter_text, [agreement(letter_text, "letter_of_intent",
                                                [("Meru County", "KE-26"), ("Hunan Province", "CN-HN")],
                                                date_signed=datetime.date(2024, 3, 4), sectors=["trade"])],
                        url="https://example.org/meru-hunan-letter")
    services.draft_accept(draft=letter.drafts.get(), by_user=reviewer)
    mou_text = "Meru County and Hunan Province signed a memorandum of understanding; Governor Kawira Mwangaza signed."
    mou = article_of(mou_text, [agreement(mou_text, "mou", [("Meru County", "KE-26"), ("Hunan Province", "CN-HN")],
                                          date_signed=datetime.date(2025, 1, 20), sectors=["agriculture"],
                                          people=[("Kawira Mwangaza", "Governor", "Meru County")])],
                     url="https://example.org/meru-hunan-mou")
    draft = services.draft_accept(draft=mou.drafts.get(), by_user=reviewer)
    partnership = Partnership.objects.get()
    assert draft.outcome == "advanced" and draft.partnership == partnership
    assert (partnership.stage, partnership.stage_since, partnership.started_on) == (
        "mou_signed", datetime.date(2025, 1, 20), datetime.date(2024, 3, 4))
    assert list(partnership.stage_changes.values_list("from_stage", "to_stage", "source_url")) == [
        ("", "letter_of_intent", "https://example.org/meru-hunan-letter"),
        ("letter_of_intent", "mou_signed", "https://example.org/meru-hunan-mou")]
    assert list(Signatory.objects.values_list("name", "party__place__code")) == [("Kawira Mwangaza", "KE-26")]
    assert set(partnership.sectors.values_list("slug", flat=True)) == {"trade", "agriculture"}
    assert partnership.news_sources.count() == 2


def test_a_letter_of_intent_reported_after_the_mou_leaves_the_stage():
    reviewer = staff()
    services.draft_accept(draft=kilifi_mou_article().drafts.get(), by_user=reviewer)
    text = "Kilifi County, Jiangxi Province and Jiujiang City had signed a letter of intent."
    late = article_of(text, [agreement(text, "letter_of_intent", [("Kilifi County", "KE-14"),
                                                                   ("Jiangxi Province", "CN-JX"),
                                                                   ("Jiujiang City", "CN-360400")])])
    draft = services.draft_accept(draft=late.drafts.get(), by_user=reviewer)
    assert draft.outcome == "source_added"
    assert Partnership.objects.get().stage == "mou_signed" and StageChange.objects.count() == 1


def test_a_sister_city_agreement_is_a_formal_friendship():
    text = "Kilifi County and Jiujiang City signed a sister-city agreement."
    article = article_of(text, [agreement(text, "sister_city", [("Kilifi County", "KE-14"),
                                                                 ("Jiujiang City", "CN-360400")])])
    draft = services.draft_accept(draft=article.drafts.get(), by_user=staff())
    assert (draft.partnership.kind, draft.partnership.stage) == ("sister_relationship", "formal_agreement")


def two_of_the_three_parties() -> DraftAgreement:
    """Another outlet's report of the Kilifi MOU that names Kilifi and Jiangxi only."""
    text = "Kilifi County and Jiangxi Province signed an MOU; Governor Gideon Mung’aro signed for Kilifi."
    article = article_of(text, [agreement(text, "mou", [("Kilifi County", "KE-14"), ("Jiangxi Province", "CN-JX")],
                                          sectors=["trade"])], url="https://nation.example.org/kilifi-jiangxi")
    return article.drafts.get()


def accepted_letter_of_intent(reviewer, county: tuple[str, str], province: tuple[str, str]) -> Partnership:
    """The partnership a reviewer records by accepting "<county> signed a letter of intent with <province>"."""
    text = f"{county[0]} signed a letter of intent with {province[0]}."
    article = article_of(text, [agreement(text, "letter_of_intent", [county, province])])
    return services.draft_accept(draft=article.drafts.get(), by_user=reviewer).partnership


def test_an_outlet_naming_two_of_the_three_parties_adds_a_source_to_the_same_mou():
    reviewer = staff()
    mou = services.draft_accept(draft=kilifi_mou_article().drafts.get(), by_user=reviewer).partnership
    draft = two_of_the_three_parties()
    [match] = services.draft_matches(draft, user=reviewer)
    assert (match.partnership, match.relation, [p.code for p in match.others]) == (mou, "more_parties", ["CN-360400"])
    draft = services.draft_accept(draft=draft, by_user=reviewer)
    assert (draft.outcome, draft.partnership) == ("source_added", mou)
    assert Partnership.objects.count() == 1 and codes(mou) == ["CN-360400", "CN-JX", "KE-14"]
    assert mou.news_sources.count() == 2 and "trade" in set(mou.sectors.values_list("slug", flat=True))


def test_the_reviewer_may_record_a_new_partnership_instead():
    reviewer = staff()
    services.draft_accept(draft=kilifi_mou_article().drafts.get(), by_user=reviewer)
    draft = services.draft_accept(draft=two_of_the_three_parties(), by_user=reviewer, edits={"partnership": None})
    assert draft.outcome == "created" and codes(draft.partnership) == ["CN-JX", "KE-14"]
    assert Partnership.objects.count() == 2


def test_a_second_partnership_between_the_same_parties_is_refused():
    reviewer = staff()
    mou = services.draft_accept(draft=kilifi_mou_article().drafts.get(), by_user=reviewer).partnership
    draft = kilifi_mou_article("xinhua").drafts.get()
    before = snapshot()
    with pytest.raises(ValidationError) as refusal:
        services.draft_accept(draft=draft, by_user=reviewer, edits={"partnership": None})
    assert refusal.value.message_dict == {"partnership": [
        f"“{mou.title}” is already recorded between exactly these parties: add the agreement to it."]}
    assert snapshot() == before


def test_a_party_is_added_to_a_partnership_with_fewer_parties_only_when_chosen():
    reviewer = staff()
    letter = services.draft_accept(draft=two_of_the_three_parties(), by_user=reviewer).partnership
    draft = kilifi_mou_article().drafts.get()
    [match] = services.draft_matches(draft, user=reviewer)
    assert (match.relation, [p.code for p in match.others], match.is_default) == (
        "fewer_parties", ["CN-360400"], False)
    draft = services.draft_accept(draft=draft, by_user=reviewer, edits={"partnership": letter.pk})
    assert (draft.outcome, draft.partnership) == ("source_added", letter)
    assert codes(letter) == ["CN-360400", "CN-JX", "KE-14"] and Partnership.objects.count() == 1


def test_a_party_is_added_before_it_signs():
    reviewer = staff()
    partnership = accepted_letter_of_intent(reviewer, ("Kilifi County", "KE-14"), ("Jiangxi Province", "CN-JX"))
    mou = kilifi_mou_article().drafts.get()
    people = [{"name": "Xiong Jinxi", "role": "Mayor", "party": "CN-360400"}]
    draft = services.draft_accept(draft=mou, by_user=reviewer, edits={"partnership": partnership.pk, "people": people})
    assert draft.outcome == "advanced" and codes(partnership) == ["CN-360400", "CN-JX", "KE-14"]
    assert list(Signatory.objects.values_list("name", "party__place__code")) == [("Xiong Jinxi", "CN-360400")]


def test_a_partnership_between_other_places_is_not_offered_nor_taken():
    reviewer = staff()
    meru = accepted_letter_of_intent(reviewer, ("Meru County", "KE-26"), ("Hunan Province", "CN-HN"))
    draft = kilifi_mou_article().drafts.get()
    assert services.draft_matches(draft, user=reviewer) == []
    before = snapshot()
    with pytest.raises(ValidationError) as refusal:
        services.draft_accept(draft=draft, by_user=reviewer, edits={"partnership": meru.pk})
    assert refusal.value.message_dict == {"partnership": [
        f"Partnership {meru.pk} does not share these parties: choose one of those offered, or a new partnership."]}
    assert snapshot() == before
    assert services.draft_accept(draft=draft, by_user=reviewer).outcome == "created"


def test_an_officer_is_offered_only_what_they_may_see_and_change():
    reviewer = staff()
    services.draft_accept(draft=two_of_the_three_parties(), by_user=reviewer)  # Kilifi–Jiangxi, public
    Partnership.objects.update(is_public=False)
    draft = kilifi_mou_article().drafts.get()
    officer_of_jiujiang = person("officer_of_chinese_party")
    assert services.draft_matches(draft, user=officer_of_jiujiang) == []
    assert [m.relation for m in services.draft_matches(draft, user=person("officer"))] == ["fewer_parties"]


def test_an_unresolved_place_must_be_picked_before_accepting():
    text = "Kilifi County signed an MOU with Xanadu Prefecture."
    article = article_of(text, [agreement(text, "mou", [("Kilifi County", "KE-14"), ("Xanadu Prefecture", None)])])
    draft = article.drafts.get()
    before = snapshot()
    with pytest.raises(ValidationError) as refusal:
        services.draft_accept(draft=draft, by_user=staff())
    assert refusal.value.message_dict == {"parties": [
        "The place of “Xanadu Prefecture” is not known: pick it among the parties before accepting."]}
    assert snapshot() == before
    draft = services.draft_accept(draft=draft, by_user=staff(), edits={"parties": ["KE-14", "CN-360400"]})
    assert codes(draft.partnership) == ["CN-360400", "KE-14"]


def test_edits_are_checked_and_named_by_the_draft_fields():
    draft = kilifi_mou_article().drafts.get()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    before = snapshot()
    with pytest.raises(ValidationError) as refusal:
        services.draft_accept(draft=draft, by_user=staff(), edits={"date_signed": tomorrow, "sectors": ["poetry"]})
    assert refusal.value.message_dict == {"sectors": ["“poetry” is not a sector of the shared vocabulary."]}
    with pytest.raises(ValidationError) as refusal:
        services.draft_accept(draft=draft, by_user=staff(), edits={"date_signed": tomorrow})
    assert refusal.value.message_dict == {"date_signed": [f"The date {tomorrow.isoformat()} is in the future."]}
    assert snapshot() == before


def test_a_draft_is_reviewed_once():
    draft = services.draft_reject(draft=kilifi_mou_article().drafts.get(), by_user=staff(), note="A duplicate")
    assert (draft.status, draft.review_note) == ("rejected", "A duplicate")
    with pytest.raises(ValidationError) as refusal:
        services.draft_accept(draft=draft, by_user=staff())
    assert refusal.value.message_dict == {"status": ["This draft has already been reviewed: it is rejected."]}
    assert Partnership.objects.count() == 0


# ------------------------------------------------------------------------------------------ who may

KINDS = ["anonymous", "outsider", "member", "unverified_officer", "officer", "officer_of_chinese_party", "staff"]
MAY_REVIEW = {"officer", "officer_of_chinese_party", "staff"}


@pytest.mark.parametrize("action", ["accept", "reject"])
@pytest.mark.parametrize("kind", KINDS)
def test_who_may_accept_or_reject(kind, action):
    draft = kilifi_mou_article().drafts.get()
    user = person(kind)
    before = snapshot()
    review = services.draft_accept if action == "accept" else services.draft_reject
    if kind in MAY_REVIEW:
        assert review(draft=draft, by_user=user).status == ("accepted" if action == "accept" else "rejected")
    else:
        with pytest.raises(PermissionDenied):
            review(draft=draft, by_user=user)
        assert snapshot() == before


def test_an_officer_cannot_hand_a_draft_over_to_other_offices():
    draft = kilifi_mou_article().drafts.get()
    before = snapshot()
    with pytest.raises(PermissionDenied):
        services.draft_accept(draft=draft, by_user=person("officer"), edits={"parties": ["CN-JX", "CN-360400"]})
    assert snapshot() == before


# ----------------------------------------------------------------------- an agreement the extractor missed

# The parties in one sentence, the signing in the next: the extractor finds no agreement here.
MISSED = ("Kilifi welcomes Jiujiang delegation\n"
          "Kilifi Governor Gideon Mung'aro on Monday hosted a delegation led by the Deputy Mayor of Jiujiang City, "
          "Xiong Jinxi. The two sides then signed a twinning agreement covering tourism and agriculture.")
MAY_ADD = {"outsider", "officer", "officer_of_chinese_party", "staff"}  # outsider: a verified officer elsewhere


def test_a_reviewer_adds_the_agreement_the_newsroom_missed_and_accepts_it():
    article = article_of(MISSED, [])
    officer = person("officer")  # of Kilifi
    draft = services.draft_add(article=article, by_user=officer)
    assert (draft.status, draft.position, draft.added_by, draft.payload["parties"]) == ("pending", 0, officer, [])
    assert str(draft.type_label) == "agreement added by a reviewer"
    draft = services.draft_accept(draft=draft, by_user=officer, edits={
        "type": "sister_city", "parties": ["KE-14", "CN-360400"], "sectors": ["tourism"],
        "people": [{"name": "Gideon Mung’aro", "role": "Governor", "party": "KE-14"}]})
    partnership = Partnership.objects.get()
    assert (draft.status, draft.outcome, draft.partnership) == ("accepted", "created", partnership)
    assert codes(partnership) == ["CN-360400", "KE-14"] and partnership.stage == "formal_agreement"
    assert [s.article for s in partnership_sources(partnership)] == [article]
    assert draft.payload["type"] is None and draft.reviewed_payload["type"] == "sister_city"
    assert draft.parties_label == "Kilifi – Jiujiang"


def test_an_added_draft_comes_after_the_extracted_ones():
    article = kilifi_mou_article()
    assert services.draft_add(article=article, by_user=staff()).position == 1


def test_an_added_draft_is_accepted_only_with_its_kind_and_parties():
    draft = services.draft_add(article=article_of(MISSED, []), by_user=staff())
    before = snapshot()
    with pytest.raises(ValidationError) as refusal:
        services.draft_accept(draft=draft, by_user=staff())
    assert refusal.value.message_dict["type"] == ["Choose the kind of agreement."]
    with pytest.raises(ValidationError) as refusal:
        services.draft_accept(draft=draft, by_user=staff(), edits={"type": "mou", "parties": ["KE-14"]})
    assert "parties" in refusal.value.message_dict
    assert snapshot() == before


@pytest.mark.parametrize("kind", KINDS)
def test_who_may_add_an_agreement(kind):
    article = article_of(MISSED, [])
    before = snapshot()
    if kind in MAY_ADD:
        assert services.draft_add(article=article, by_user=person(kind)).status == "pending"
    else:
        with pytest.raises(PermissionDenied):
            services.draft_add(article=article, by_user=person(kind))
        assert snapshot() == before


def test_the_officer_who_added_a_draft_reviews_it_for_their_own_office_only():
    outsider = person("outsider")  # a verified officer of Meru (KE-26)
    draft = services.draft_add(article=article_of(MISSED, []), by_user=outsider)
    before = snapshot()
    with pytest.raises(PermissionDenied):
        services.draft_accept(draft=draft, by_user=outsider, edits={"type": "mou", "parties": ["KE-14", "CN-360400"]})
    with pytest.raises(PermissionDenied):  # another officer cannot review a draft with no party of theirs
        services.draft_reject(draft=draft, by_user=person("officer"))
    assert snapshot() == before
    assert services.draft_reject(draft=draft, by_user=outsider, note="Not signed").status == "rejected"


def test_the_extractor_is_scored_on_what_reviewers_did(capsys):
    """`urafiki score --reviewed`: an accepted draft is found, a rejected one extra, an added one missed."""
    import json

    from django.core.management import call_command

    reviewer = staff()
    services.draft_accept(draft=kilifi_mou_article("kbc").drafts.get(), by_user=reviewer, edits={
        "parties": ["KE-14", "CN-JX"]})  # the reviewer took Jiujiang out: one party extra
    services.draft_reject(draft=kilifi_mou_article("xinhua").drafts.get(), by_user=reviewer)  # nothing signed
    missed = services.draft_add(article=article_of(MISSED, []), by_user=reviewer)
    services.draft_accept(draft=missed, by_user=reviewer, edits={"type": "sister_city", "parties": ["KE-14", "CN-360400"]})
    kilifi_mou_article("the-star")  # waiting for review: not counted
    article_of("Nothing signed here.", [])  # no draft: nobody said the extractor was right
    call_command("score", "--reviewed", "--json")
    figures = json.loads(capsys.readouterr().out)
    assert figures["agreements"] == {"tp": 1, "fp": 1, "fn": 1, "precision": 0.5, "recall": 0.5, "f1": 0.5}
    assert (figures["parties"]["tp"], figures["parties"]["fp"], figures["parties"]["fn"]) == (2, 4, 2)
    assert figures["records_from_negative_articles"] == 1


def test_scoring_the_reviews_needs_finished_reviews():
    from django.core.management import CommandError, call_command

    kilifi_mou_article()
    with pytest.raises(CommandError, match="No article of the newsroom has all its drafts reviewed yet."):
        call_command("score", "--reviewed")
    with pytest.raises(CommandError, match="give no file with it"):
        call_command("score", "--reviewed", "data/newsroom/dev")


# -------------------------------------------------------------------------------------------- pages


def test_the_newsroom_needs_a_signed_in_user(client):
    assert client.get("/newsroom/").status_code == 302
    assert client.post("/newsroom/", {"text": seed_text()}).status_code == 302
    assert NewsArticle.objects.count() == 0


def test_pasting_the_seed_leads_to_its_review_page_with_the_evidence_highlighted(client):
    client.force_login(person("officer"))
    response = client.post("/newsroom/", {"text": seed_text(), "url": KBC})
    article = NewsArticle.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/newsroom/articles/{article.pk}/"
    mou = article.drafts.get(position=0)
    response = client.get(response["Location"])
    assert response.status_code == 302 and response["Location"] == f"/newsroom/drafts/{mou.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "The article was read: 2 agreements found." in page
    marks = re.findall(r'<mark data-field="([^"]+)">(.*?)</mark>', page, flags=re.S)
    assert any("type" in fields.split() and "Memorandum of Understanding" in text for fields, text in marks)
    assert 'data-evidence="type"' in page and 'data-evidence="party-0"' in page
    assert 'value="Kilifi (KE-14)"' in page and 'name="action" value="accept"' in page


def test_the_same_article_pasted_twice_says_so(client):
    client.force_login(person("outsider"))
    client.post("/newsroom/", {"text": seed_text()})
    response = client.post("/newsroom/", {"text": seed_text()}, follow=True)
    assert "This article had already been read: here are its drafts." in response.content.decode()
    assert NewsArticle.objects.count() == 1


def test_an_empty_paste_is_refused_on_the_page(client):
    client.force_login(person("outsider"))
    response = client.post("/newsroom/", {"text": "", "url": ""})
    assert response.status_code == 400
    assert "Paste the text of an article, upload a file or give a web address." in response.content.decode()
    assert NewsArticle.objects.count() == 0


def test_an_upload_of_the_wrong_kind_is_refused(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(person("outsider"))
    upload = SimpleUploadedFile("article.pdf", b"%PDF-1.4\n", content_type="application/pdf")
    response = client.post("/newsroom/", {"file": upload})
    assert response.status_code == 400
    assert "Upload a text (.txt) or web page (.html) file." in response.content.decode()
    assert NewsArticle.objects.count() == 0


def test_an_uploaded_seed_file_is_read(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(person("outsider"))
    upload = SimpleUploadedFile("kbc.txt", seed_text().encode("utf-8"), content_type="text/plain")
    response = client.post("/newsroom/", {"file": upload})
    assert response.status_code == 302
    assert NewsArticle.objects.get().drafts.count() == 2


def accept_form(page_client, draft, **overrides) -> dict:
    data = {"type": "mou", "place_1": "KE-14", "place_2": "CN-JX", "place_3": "CN-360400", "place_4": "",
            "date_signed": "", "sectors": ["agriculture", "tourism"], "products": ["baobab"],
            "people-TOTAL_FORMS": "1", "people-INITIAL_FORMS": "0",
            "people-0-name": "Gideon Mung’aro", "people-0-role": "Governor", "people-0-party": "Kilifi",
            "action": "accept"}
    data.update(overrides)
    return data


def test_an_officer_accepts_on_the_page_and_sees_the_partnership_and_its_source(client):
    draft = kilifi_mou_article().drafts.get()
    client.force_login(person("officer"))
    response = client.post(draft.get_absolute_url(), accept_form(client, draft))
    assert response.status_code == 302 and response["Location"] == draft.get_absolute_url()
    partnership = Partnership.objects.get()
    page = client.get(response["Location"]).content.decode()
    assert "Accepted: partnership created." in page
    assert f'href="/partnerships/{partnership.pk}/"' in page
    assert "https://kbc.example.org/kilifi-mou" in page  # the sources list
    assert codes(partnership) == ["CN-360400", "CN-JX", "KE-14"]


def test_the_page_offers_the_recorded_partnership_and_a_new_one(client):
    services.draft_accept(draft=kilifi_mou_article().drafts.get(), by_user=staff())
    mou = Partnership.objects.get()
    draft = two_of_the_three_parties()
    client.force_login(person("officer"))
    page = client.get(draft.get_absolute_url()).content.decode()
    assert f'value="{mou.pk}" required id="id_partnership_0" checked' in page
    assert f"“{mou.title}” (memorandum of understanding signed), also with Jiujiang</label>" in page
    assert 'value="new"' in page
    form = accept_form(client, draft, place_3="", people_0_party="Kilifi", partnership="new")
    response = client.post(draft.get_absolute_url(), form)
    assert response.status_code == 302 and Partnership.objects.count() == 2


def test_a_place_to_pick_is_said_beside_the_party_on_the_page(client):
    draft = kilifi_mou_article().drafts.get()
    client.force_login(person("officer"))
    response = client.post(draft.get_absolute_url(), accept_form(client, draft, place_3="Atlantis"))
    assert response.status_code == 400
    assert "No place matches “Atlantis”. Check the spelling or write its code, such as KE-14." in \
        response.content.decode()
    assert Partnership.objects.count() == 0 and draft.__class__.objects.get().status == "pending"


@pytest.mark.parametrize("kind", ["outsider", "member", "unverified_officer"])
def test_others_see_the_draft_but_cannot_review_it(client, kind):
    draft = kilifi_mou_article().drafts.get()
    client.force_login(person(kind))
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "Only staff or a verified officer of one of the parties’ offices can accept or reject this draft." in \
        page.replace("&#x27;", "’").replace("'", "’")
    before = snapshot()
    assert client.post(draft.get_absolute_url(), accept_form(client, draft)).status_code == 403
    assert client.post(f"/newsroom/drafts/{draft.pk}/reject/", {"note": ""}).status_code == 403
    assert snapshot() == before


def test_reject_on_the_page(client):
    draft = kilifi_mou_article().drafts.get()
    client.force_login(person("staff"))
    response = client.post(f"/newsroom/drafts/{draft.pk}/reject/", {"note": "Not an agreement"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.status, draft.review_note) == ("rejected", "Not an agreement")


def test_the_review_queue_lists_pending_drafts_in_a_fixed_number_of_queries(client, django_assert_num_queries):
    for outlet in ("kbc", "xinhua", "the-star"):
        kilifi_mou_article(outlet)
    client.force_login(person("outsider"))
    with django_assert_num_queries(4):  # session, user, drafts with their articles, the tally of reviews
        page = client.get("/newsroom/queue/").content.decode()
    assert page.count("/newsroom/drafts/") == 3


def test_the_review_queue_says_how_far_the_drafts_hold(client):
    reviewer = staff()
    services.draft_accept(draft=kilifi_mou_article("kbc").drafts.get(), by_user=reviewer)
    services.draft_reject(draft=kilifi_mou_article("xinhua").drafts.get(), by_user=reviewer)
    services.draft_add(article=article_of(MISSED, []), by_user=reviewer)  # pending: not counted yet
    client.force_login(reviewer)
    page = client.get("/newsroom/queue/").content.decode()
    figures = re.findall(r"<dt[^>]*>([^<]+)</dt><dd>(\d+)</dd>", page)
    assert figures == [("Agreements it proposed, reviewed", "2"), ("of which accepted", "1"),
                       ("of which rejected", "1"), ("Agreements it missed, added by reviewers", "0")]
    assert "parties to be chosen" in page  # the added draft, in the queue


def test_the_sources_template_lists_the_articles():
    reviewer = staff()
    for outlet in ("kbc", "xinhua"):
        services.draft_accept(draft=kilifi_mou_article(outlet).drafts.get(), by_user=reviewer)
    partnership = Partnership.objects.get()
    html = render_to_string("newsroom/_partnership_sources.html", {"sources": partnership_sources(partnership)})
    assert html.count("<li>") == 2 and "https://xinhua.example.org/kilifi-mou" in html
    assert PartnershipSource.objects.filter(partnership=partnership).count() == 2


def test_segments_cut_the_text_at_every_span():
    segments = article_segments("Kilifi signed an MOU.", {"type": [(7, 20)], "party-0": [(0, 6)], "x": [(14, 20)]})
    assert [(s.text, s.fields) for s in segments] == [
        ("Kilifi", ("party-0",)), (" ", ()), ("signed ", ("type",)), ("an MOU", ("type", "x")), (".", ())]


def test_anonymous_users_are_refused_by_the_services():
    draft = kilifi_mou_article().drafts.get()
    with pytest.raises(PermissionDenied):
        services.draft_accept(draft=draft, by_user=AnonymousUser())
    assert Place.objects.filter(code="KE-14").exists() and Partnership.objects.count() == 0


def test_adding_a_missed_agreement_on_the_page(client):
    article = article_of(MISSED, [])
    client.force_login(person("officer"))
    page = client.get(article.get_absolute_url()).content.decode()
    assert "No agreement found" in page and f'action="/newsroom/articles/{article.pk}/add/"' in page
    assert client.get(f"/newsroom/articles/{article.pk}/add/").status_code == 405
    response = client.post(f"/newsroom/articles/{article.pk}/add/")
    draft = article.drafts.get()
    assert response.status_code == 302 and response["Location"] == draft.get_absolute_url()
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "A draft was added to the article." in page and '<option value="" selected>Choose…</option>' in page
    response = client.post(draft.get_absolute_url(), accept_form(client, draft, type="", place_3=""))
    assert response.status_code == 400 and Partnership.objects.count() == 0
    response = client.post(draft.get_absolute_url(), accept_form(client, draft, type="sister_city", place_3=""))
    assert response.status_code == 302 and codes(Partnership.objects.get()) == ["CN-JX", "KE-14"]


@pytest.mark.parametrize("kind", ["member", "unverified_officer"])
def test_others_are_not_offered_to_add_an_agreement(client, kind):
    article = article_of(MISSED, [])
    client.force_login(person(kind))
    assert "/add/" not in client.get(article.get_absolute_url()).content.decode()
    assert client.post(f"/newsroom/articles/{article.pk}/add/").status_code == 403
    assert DraftAgreement.objects.count() == 0
