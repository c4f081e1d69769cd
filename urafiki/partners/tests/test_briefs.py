"""Partner-seeking briefs through their services: who may post, answer and convert (the matrix of anonymous,
outsider, officer of the office, officer of the candidate and staff, where refusals change nothing and send
nothing), what input is refused with which message, the fit rules, expiry, and the owners' e-mail, sent once.

Meru County (KE-26) seeks an agriculture partner among China's provinces; Yunnan (CN-YN) fits, Guangdong
(CN-GD) does not share the sector. The sectors are set here, not taken from the reference data as loaded.
"""

import datetime
import itertools
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from urafiki.accounts.models import Membership
from urafiki.partners.emails import send_interest_notice
from urafiki.partners.models import BriefInterest, BriefStatus, PartnerBrief
from urafiki.partners.permissions import access_brief, briefs_visible_to, interests_visible_to
from urafiki.partners.selectors import brief_fit_reasons, briefs_fitting_place
from urafiki.partners.services import (
    brief_close,
    brief_create,
    brief_interest_convert,
    brief_interest_express,
)
from urafiki.partnerships.lifecycle import Stage
from urafiki.partnerships.models import Partnership
from urafiki.places.models import Place, PlaceSector
from urafiki.taxonomy.models import Product, Sector

pytestmark = pytest.mark.django_db
KINDS = ["anonymous", "outsider", "officer_of_office", "officer_of_candidate", "staff"]
OFFICE, CANDIDATE, NOT_FITTING = "KE-26", "CN-YN", "CN-GD"


def place(code: str) -> Place:
    return Place.objects.get(code=code)


def today() -> datetime.date:
    return timezone.localdate()


_numbers = itertools.count(1)


def person(kind: str, *, language: str = "en", email: str | None = None):
    if kind == "anonymous":
        return AnonymousUser()
    email = email or f"{kind}-{next(_numbers)}@example.org"
    user = get_user_model().objects.create_user(username=email, email=email, language=language)
    office = {"outsider": "KE-47", "officer_of_office": OFFICE, "officer_of_candidate": CANDIDATE}.get(kind)
    if kind == "staff":
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    elif office:
        Membership.objects.create(user=user, place=place(office), role=Membership.Role.OFFICER, is_verified=True)
    return user


@pytest.fixture(autouse=True)
def sectors():
    """Yunnan gives priority to agriculture, Guangdong does not (whatever the reference data says)."""
    agriculture = Sector.objects.get(slug="agriculture")
    PlaceSector.objects.get_or_create(place=place(CANDIDATE), sector=agriculture, defaults={"source": "test"})
    PlaceSector.objects.filter(place=place(NOT_FITTING), sector=agriculture).delete()
    return agriculture


def post_brief(by_user=None, **overrides) -> PartnerBrief:
    arguments = {
        "office": place(OFFICE),
        "by_user": by_user or person("officer_of_office"),
        "title": "Partner for avocado and tea processing",
        "objectives": "A province to invest in processing Meru's avocado and tea, and to train our cooperatives.",
        "target_country": "CN",
        "target_admin_level": 1,
        "expires_on": today() + datetime.timedelta(days=90),
        "sectors": Sector.objects.filter(slug="agriculture"),
        "products": Product.objects.filter(slug__in=["avocado", "tea"]),
    }
    return brief_create(**{**arguments, **overrides})


def brief_counts() -> tuple[int, int, int]:
    return PartnerBrief.objects.count(), BriefInterest.objects.count(), Partnership.objects.count()


# --- Posting ------------------------------------------------------------------------------------------------

def test_an_officer_posts_a_brief_for_the_office():
    officer = person("officer_of_office")
    brief = post_brief(officer)
    assert (brief.office.code, brief.posted_by, brief.status) == (OFFICE, officer, BriefStatus.OPEN)
    assert (brief.target_country, brief.target_admin_level, brief.target_kind) == ("CN", 1, "")
    assert sorted(brief.sectors.values_list("slug", flat=True)) == ["agriculture"]
    assert sorted(brief.products.values_list("slug", flat=True)) == ["avocado", "tea"]


@pytest.mark.parametrize("kind", KINDS)
def test_only_an_officer_of_the_office_or_staff_posts_for_it(kind):
    user = person(kind)
    if kind in {"officer_of_office", "staff"}:
        assert post_brief(user).office.code == OFFICE
        return
    before = brief_counts()
    with pytest.raises(PermissionDenied, match="Only a verified officer of Meru can do this for it."):
        post_brief(user)
    assert brief_counts() == before


@pytest.mark.parametrize("membership", [
    {"role": Membership.Role.OFFICER, "is_verified": False},
    {"role": Membership.Role.MEMBER, "is_verified": True},
])
def test_an_unverified_officer_or_a_member_cannot_post(membership):
    user = get_user_model().objects.create_user(username="someone", email="someone@example.org")
    Membership.objects.create(user=user, place=place(OFFICE), **membership)
    with pytest.raises(PermissionDenied):
        post_brief(user)
    assert PartnerBrief.objects.count() == 0


@pytest.mark.parametrize("overrides, field, message", [
    ({"expires_on": datetime.date(2020, 1, 31)}, "expires_on", "The expiry date 2020-01-31 is in the past."),
    ({"expires_on": None}, "expires_on", "Say until when the brief is open."),
    ({"objectives": "   "}, "objectives", "Say what your office seeks: the objectives cannot be empty."),
    ({"title": ""}, "title", "Give the brief a title."),
    ({"target_country": "ZZ"}, "target_country", "“ZZ” is not a country of the registry."),
    ({"target_country": ""}, "target_country", "Choose the country where you seek a partner."),
    ({"target_admin_level": 0}, "target_admin_level",
     "Choose level 1 (a county, a province) or 2 (a prefecture-level city)."),
    ({"target_kind": "country"}, "target_kind", "“country” is not a kind of local government."),
])
def test_bad_input_is_refused_with_its_reason_and_nothing_is_saved(overrides, field, message):
    officer = person("officer_of_office")
    with pytest.raises(ValidationError) as refusal:
        post_brief(officer, **overrides)
    assert refusal.value.message_dict[field] == [message]
    assert PartnerBrief.objects.count() == 0


def test_an_expiry_more_than_two_years_ahead_is_refused():
    with pytest.raises(ValidationError, match="A brief is open for two years at most"):
        post_brief(expires_on=today() + datetime.timedelta(days=800))
    assert PartnerBrief.objects.count() == 0


def test_a_country_cannot_post_a_brief():
    with pytest.raises(ValidationError, match="Kenya is a country, not a government office."):
        post_brief(person("staff"), office=place("KE"))


# --- Fit and expiry -----------------------------------------------------------------------------------------

def test_a_brief_fits_a_province_that_shares_a_sector_and_says_why():
    brief = post_brief()
    [fit] = briefs_fitting_place(place=place(CANDIDATE))
    assert fit.brief == brief
    assert fit.reasons == [
        "Meru seeks a partner like Yunnan: province in China.",
        "Shared priority sectors: Agriculture.",
    ]


@pytest.mark.parametrize("code, why", [
    (NOT_FITTING, "no shared sector"),
    ("CN-530800", "a prefecture-level city, the brief seeks level 1"),
    ("KE-14", "in Kenya, the brief seeks China"),
    (OFFICE, "the brief's own office"),
])
def test_a_brief_does_not_show_where_it_does_not_fit(code, why):
    post_brief()
    assert briefs_fitting_place(place=place(code)) == [], why


def test_a_brief_without_sectors_fits_every_place_of_its_target():
    post_brief(sectors=[])
    [fit] = briefs_fitting_place(place=place(NOT_FITTING))
    assert fit.reasons[1] == "The brief names no sector: any place of this kind may answer."


def test_a_brief_for_one_kind_of_place_fits_that_kind_only():
    brief = post_brief(sectors=[], target_kind="municipality")
    assert briefs_fitting_place(place=place(CANDIDATE)) == []  # a province
    assert brief_fit_reasons(brief=brief, place=place("CN-SH")) is not None  # Shanghai, a municipality


def test_the_reasons_are_in_the_readers_language():
    post_brief()
    with translation.override("zh-hans"):
        [fit] = briefs_fitting_place(place=place(CANDIDATE))
    assert "云南" in fit.reasons[0]


def test_an_expired_brief_stops_showing_but_its_office_still_sees_it():
    officer = person("officer_of_office")
    brief = post_brief(officer, expires_on=today())
    assert [fit.brief for fit in briefs_fitting_place(place=place(CANDIDATE))] == [brief]  # the last day
    PartnerBrief.objects.filter(pk=brief.pk).update(expires_on=today() - datetime.timedelta(days=1))
    assert briefs_fitting_place(place=place(CANDIDATE)) == []
    assert not briefs_visible_to(AnonymousUser()).exists()
    assert not briefs_visible_to(person("officer_of_candidate")).exists()
    assert access_brief(officer, brief.pk) == brief
    assert access_brief(person("staff"), brief.pk) == brief


def test_an_expired_or_closed_brief_takes_no_answer():
    candidate = person("officer_of_candidate")
    brief = post_brief(expires_on=today())
    PartnerBrief.objects.filter(pk=brief.pk).update(expires_on=today() - datetime.timedelta(days=1))
    brief.refresh_from_db()
    with pytest.raises(ValidationError) as refusal:
        brief_interest_express(brief=brief, from_place=place(CANDIDATE), by_user=candidate, message="Hello")
    assert refusal.value.message_dict == {"brief": ["This brief is closed or has expired: it no longer takes answers."]}
    assert BriefInterest.objects.count() == 0


def test_closing_a_brief_hides_it_and_only_its_owners_may():
    owner = person("officer_of_office")
    brief = post_brief(owner)
    with pytest.raises(PermissionDenied, match="Only the office that posted this brief can do this."):
        brief_close(brief=brief, by_user=person("officer_of_candidate"))
    assert PartnerBrief.objects.get().status == BriefStatus.OPEN
    brief_close(brief=brief, by_user=owner)
    assert PartnerBrief.objects.get().status == BriefStatus.CLOSED
    assert briefs_fitting_place(place=place(CANDIDATE)) == []


# --- Interest and its e-mail --------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", KINDS)
def test_only_an_officer_of_the_candidate_or_staff_answers_for_it(kind, django_capture_on_commit_callbacks):
    brief = post_brief()
    user = person(kind)
    with django_capture_on_commit_callbacks(execute=True):
        if kind in {"officer_of_candidate", "staff"}:
            interest = brief_interest_express(brief=brief, from_place=place(CANDIDATE), by_user=user,
                                              message="Yunnan processes tea; let us talk.")
            assert (interest.from_place.code, interest.from_user) == (CANDIDATE, user)
        else:
            with pytest.raises(PermissionDenied, match="Only a verified officer of Yunnan can do this for it."):
                brief_interest_express(brief=brief, from_place=place(CANDIDATE), by_user=user, message="Hi")
    if kind in {"officer_of_candidate", "staff"}:
        assert len(mail.outbox) == 1
    else:
        assert BriefInterest.objects.count() == 0
        assert mail.outbox == []


@pytest.mark.parametrize("message, field, text", [
    ("  ", "message", "Write a message to the office that posted the brief."),
])
def test_an_interest_needs_a_message(message, field, text):
    brief = post_brief()
    with pytest.raises(ValidationError) as refusal:
        brief_interest_express(brief=brief, from_place=place(CANDIDATE), by_user=person("officer_of_candidate"),
                               message=message)
    assert refusal.value.message_dict == {field: [text]}
    assert BriefInterest.objects.count() == 0


def test_a_place_that_does_not_fit_cannot_answer():
    user = person("staff")
    brief = post_brief()
    with pytest.raises(ValidationError) as refusal:
        brief_interest_express(brief=brief, from_place=place(NOT_FITTING), by_user=user, message="Hello")
    assert refusal.value.message_dict == {"from_place": ["Guangdong does not fit what this brief seeks."]}
    assert BriefInterest.objects.count() == 0


def test_the_owners_are_told_once_each_in_their_language(django_capture_on_commit_callbacks):
    poster = person("officer_of_office", language="sw", email="kendi@meru.example.org")
    colleague = get_user_model().objects.create_user(username="wanjiru", email="wanjiru@meru.example.org",
                                                     language="en")
    Membership.objects.create(user=colleague, place=place(OFFICE), role=Membership.Role.OFFICER, is_verified=True)
    unverified = get_user_model().objects.create_user(username="x", email="x@meru.example.org")
    Membership.objects.create(user=unverified, place=place(OFFICE), role=Membership.Role.OFFICER)
    member = get_user_model().objects.create_user(username="y", email="y@meru.example.org")
    Membership.objects.create(user=member, place=place(OFFICE), role=Membership.Role.MEMBER, is_verified=True)
    brief = post_brief(poster)
    candidate = person("officer_of_candidate", language="zh-hans")

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        interest = brief_interest_express(brief=brief, from_place=place(CANDIDATE), by_user=candidate,
                                          message="云南愿意合作加工茶叶和牛油果。")
        assert mail.outbox == []  # not before the commit
    assert len(callbacks) >= 1
    assert sorted(m.to[0] for m in mail.outbox) == ["kendi@meru.example.org", "wanjiru@meru.example.org"]
    by_address = {m.to[0]: m for m in mail.outbox}
    english = by_address["wanjiru@meru.example.org"]
    assert english.subject == "Yunnan is interested in your brief “Partner for avocado and tea processing”"
    assert "云南愿意合作加工茶叶和牛油果。" in english.body
    assert f"/briefs/{brief.pk}/" in english.body
    assert english.extra_headers["X-Urafiki-Notice"] == "brief_interest"
    kiswahili = by_address["kendi@meru.example.org"]
    with translation.override("sw"):
        hello = translation.gettext("Hello %(name)s,")
    assert hello != "Hello %(name)s," and kiswahili.body.startswith(hello.split("%(")[0])
    interest.refresh_from_db()
    assert interest.notified_at is not None

    # The task may run again (a retry, a second worker): nothing more is sent.
    assert send_interest_notice(interest.pk) == 0
    assert len(mail.outbox) == 2
    # The same answer again is refused, and sends nothing.
    with django_capture_on_commit_callbacks(execute=True), \
            pytest.raises(ValidationError, match="Yunnan has already expressed interest in this brief."):
        brief_interest_express(brief=brief, from_place=place(CANDIDATE), by_user=candidate, message="Again")
    assert len(mail.outbox) == 2 and BriefInterest.objects.count() == 1


def test_a_failed_e_mail_gives_its_claim_back_for_the_retry(django_capture_on_commit_callbacks):
    brief = post_brief()
    # huey (immediate in the tests) catches the error and schedules the retry.
    failing = mock.patch("django.core.mail.backends.locmem.EmailBackend.send_messages", side_effect=OSError("down"))
    with failing, django_capture_on_commit_callbacks(execute=True):
        brief_interest_express(brief=brief, from_place=place(CANDIDATE), by_user=person("officer_of_candidate"),
                               message="Hello")
    interest = BriefInterest.objects.get()
    assert interest.notified_at is None and mail.outbox == []
    assert send_interest_notice(interest.pk) == 1  # the retry
    assert len(mail.outbox) == 1


# --- From interest to partnership ---------------------------------------------------------------------------

def answered_brief(django_capture_on_commit_callbacks):
    owner = person("officer_of_office")
    brief = post_brief(owner)
    with django_capture_on_commit_callbacks(execute=True):
        interest = brief_interest_express(brief=brief, from_place=place(CANDIDATE),
                                          by_user=person("officer_of_candidate"), message="Let us explore.")
    return owner, brief, interest


@pytest.mark.parametrize("kind", KINDS)
def test_only_the_owners_turn_an_interest_into_a_partnership(kind, django_capture_on_commit_callbacks):
    owner, brief, interest = answered_brief(django_capture_on_commit_callbacks)
    user = owner if kind == "officer_of_office" else (
        BriefInterest.objects.get().from_user if kind == "officer_of_candidate" else person(kind))
    before = brief_counts()
    if kind in {"officer_of_office", "staff"}:
        partnership = brief_interest_convert(interest=interest, by_user=user)
        assert partnership.stage == Stage.EXPLORING and partnership.kind == "cooperation"
        assert sorted(p.place.code for p in partnership.parties.all()) == [CANDIDATE, OFFICE]
        assert partnership.stage_since == today()
        assert BriefInterest.objects.get().partnership == partnership
    else:
        with pytest.raises(PermissionDenied, match="Only the office that posted this brief can do this."):
            brief_interest_convert(interest=interest, by_user=user)
        assert brief_counts() == before
        assert BriefInterest.objects.get().partnership is None


def test_turning_an_interest_into_a_partnership_twice_creates_nothing_more(django_capture_on_commit_callbacks):
    owner, brief, interest = answered_brief(django_capture_on_commit_callbacks)
    first = brief_interest_convert(interest=interest, by_user=owner)
    assert brief_interest_convert(interest=interest, by_user=owner) == first
    assert Partnership.objects.count() == 1
    assert sorted(first.sectors.values_list("slug", flat=True)) == ["agriculture"]
    assert "Partner for avocado and tea processing" in first.stage_changes.get().note


def test_interests_are_read_by_the_owners_and_by_the_answering_office_only(django_capture_on_commit_callbacks):
    owner, brief, interest = answered_brief(django_capture_on_commit_callbacks)
    assert list(interests_visible_to(owner, brief)) == [interest]
    assert list(interests_visible_to(interest.from_user, brief)) == [interest]
    assert list(interests_visible_to(person("staff"), brief)) == [interest]
    assert list(interests_visible_to(person("outsider"), brief)) == []
    assert list(interests_visible_to(AnonymousUser(), brief)) == []
