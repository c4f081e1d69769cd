"""Partnership rules through the services every interface will call: what is accepted, what is refused
with which message, and that a refusal changes nothing."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from urafiki.partnerships.lifecycle import ALLOWED_MOVES, Stage
from urafiki.partnerships.models import Activity, Commitment, Partnership, Signatory, StageChange
from urafiki.partnerships.services import (
    SignatoryInput,
    SourceInput,
    activity_record,
    commitment_add,
    commitment_set_status,
    partnership_change_stage,
    partnership_create,
)
from urafiki.places.models import Place
from urafiki.taxonomy.models import Product, Sector

pytestmark = pytest.mark.django_db
KBC = "https://www.kbc.co.ke/kenyan-counties-benefiting-from-twinning-with-chinese-counterparts/"


def place(code: str) -> Place:
    return Place.objects.get(code=code)


def kilifi_mou(**overrides) -> Partnership:
    """The MOU of the seed article: Kilifi County with Jiangxi Province and Jiujiang City.

    The article gives no signing date: 2024-04-18 is a date chosen for the tests, not a fact.
    """
    kilifi, jiangxi, jiujiang = place("KE-14"), place("CN-JX"), place("CN-360400")
    arguments = {
        "places": [kilifi, jiangxi, jiujiang],
        "kind": "cooperation",
        "stage": Stage.MOU_SIGNED,
        "happened_on": datetime.date(2024, 4, 18),
        "sectors": Sector.objects.filter(slug__in=["agriculture", "tourism", "culture", "blue_economy"]),
        "products": Product.objects.filter(slug__in=["baobab", "mango", "coconut"]),
        "signatories": [
            SignatoryInput("Gideon Mung’aro", "Governor of Kilifi County", kilifi),
            SignatoryInput("Ren Zhufeng", "Executive Vice Governor, People’s Government of Jiangxi Province", jiangxi),
            SignatoryInput("Xiong Jinxi", "Deputy Mayor of Jiujiang Municipal", jiujiang),
        ],
        "source": SourceInput(url=KBC),
    }
    return partnership_create(**{**arguments, **overrides})


def counts() -> tuple[int, ...]:
    return (Partnership.objects.count(), StageChange.objects.count(), Signatory.objects.count(),
            Commitment.objects.count(), Activity.objects.count())


def test_the_seed_mou_with_its_three_signatories():
    partnership = kilifi_mou()
    assert partnership.title == "Kilifi – Jiangxi – Jiujiang"
    assert (partnership.stage, partnership.stage_since, partnership.started_on) == (
        "mou_signed", datetime.date(2024, 4, 18), datetime.date(2024, 4, 18))
    assert sorted(p.place.code for p in partnership.parties.select_related("place")) == ["CN-360400", "CN-JX", "KE-14"]
    change = partnership.stage_changes.get()
    assert (change.from_stage, change.to_stage, change.source_url) == ("", "mou_signed", KBC)
    assert {(s.name, s.party.place.code) for s in change.signatories.select_related("party__place")} == {
        ("Gideon Mung’aro", "KE-14"), ("Ren Zhufeng", "CN-JX"), ("Xiong Jinxi", "CN-360400")}
    assert set(partnership.products.values_list("slug", flat=True)) == {"baobab", "mango", "coconut"}


def test_a_record_entered_after_the_fact_keeps_its_dates():
    partnership = kilifi_mou(stage=Stage.ACTIVE, happened_on=datetime.date(2008, 5, 1))
    assert partnership.started_on == datetime.date(2008, 5, 1)
    assert partnership.stage_changes.get().happened_on == datetime.date(2008, 5, 1)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"places": ["KE-14"]}, "places", "A partnership needs at least two different places."),
        ({"places": ["KE-14", "KE-14"]}, "places", "A partnership needs at least two different places."),
        ({"places": ["KE", "CN-JX"]}, "places", "Partnerships are between local governments, not countries."),
        ({"kind": "marriage"}, "kind", "“marriage” is not a kind of partnership."),
        ({"stage": "dormant"}, "stage", "A partnership cannot be recorded as “dormant” from the start."),
        ({"happened_on": "tomorrow"}, "happened_on", "is in the future."),
        ({"signatories": "outsider"}, "signatories", "Wang Wei signs for Hunan, which is not a party."),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(overrides, field, message):
    if "places" in overrides:
        overrides["places"] = [place(code) for code in overrides["places"]]
    if overrides.get("happened_on") == "tomorrow":
        overrides["happened_on"] = timezone.localdate() + datetime.timedelta(days=1)
    if overrides.get("signatories") == "outsider":
        overrides["signatories"] = [SignatoryInput("Wang Wei", "Vice Governor", place("CN-HN"))]
    before = counts()
    with pytest.raises(ValidationError) as error:
        kilifi_mou(**overrides)
    assert message in error.value.message_dict[field][0]
    assert counts() == before


def test_stages_move_as_the_lifecycle_allows():
    partnership = kilifi_mou(stage=Stage.LETTER_OF_INTENT, happened_on=datetime.date(2023, 3, 1))
    partnership_change_stage(partnership=partnership, to_stage=Stage.MOU_SIGNED, happened_on=datetime.date(2024, 4, 18))
    partnership_change_stage(partnership=partnership, to_stage=Stage.ACTIVE, happened_on=datetime.date(2024, 6, 1))
    partnership_change_stage(partnership=partnership, to_stage=Stage.DORMANT, happened_on=datetime.date(2025, 6, 1))
    partnership_change_stage(partnership=partnership, to_stage=Stage.ACTIVE, happened_on=datetime.date(2025, 9, 1))
    partnership_change_stage(partnership=partnership, to_stage=Stage.ENDED, happened_on=datetime.date(2026, 1, 5))
    partnership_change_stage(partnership=partnership, to_stage=Stage.ACTIVE, renewal=True,
                             happened_on=datetime.date(2026, 2, 1))
    partnership.refresh_from_db()
    assert (partnership.stage, partnership.stage_since) == ("active", datetime.date(2026, 2, 1))
    history = list(partnership.stage_changes.values_list("from_stage", "to_stage", "is_renewal"))
    assert history == [
        ("", "letter_of_intent", False), ("letter_of_intent", "mou_signed", False), ("mou_signed", "active", False),
        ("active", "dormant", False), ("dormant", "active", False), ("active", "ended", False),
        ("ended", "active", True),
    ]


def test_every_move_the_table_does_not_list_is_refused():
    partnership = kilifi_mou(stage=Stage.EXPLORING, happened_on=datetime.date(2020, 1, 1))
    for from_stage, allowed in ALLOWED_MOVES.items():
        for to_stage in set(Stage.values) - set(allowed):
            Partnership.objects.filter(pk=partnership.pk).update(stage=from_stage)
            with pytest.raises(ValidationError) as error:
                partnership_change_stage(partnership=partnership, to_stage=to_stage,
                                         happened_on=datetime.date(2021, 1, 1))
            assert "A partnership cannot move from" in error.value.message_dict["to_stage"][0]
    assert partnership.stage_changes.count() == 1


@pytest.mark.parametrize(
    ("to_stage", "happened_on", "renewal", "field", "message"),
    [
        ("ended", "2024-01-01", False, "happened_on", "The date 2024-01-01 is before the current stage began (2024-04-18)."),
        ("letter_of_intent", "2024-05-01", False, "to_stage",
         "A partnership cannot move from “memorandum of understanding signed” to “letter of intent signed”."),
        ("active", "2024-05-01", True, "to_stage", "Only an active, dormant or ended partnership can be renewed"),
        ("married", "2024-05-01", False, "to_stage", "“married” is not a stage."),
    ],
)
def test_a_move_that_makes_no_sense_is_refused_and_changes_nothing(to_stage, happened_on, renewal, field, message):
    partnership = kilifi_mou()
    before = counts()
    with pytest.raises(ValidationError) as error:
        partnership_change_stage(partnership=partnership, to_stage=to_stage, renewal=renewal,
                                 happened_on=datetime.date.fromisoformat(happened_on))
    assert error.value.message_dict[field][0].startswith(message)
    partnership.refresh_from_db()
    assert (partnership.stage, counts()) == ("mou_signed", before)


def test_commitments_and_activities():
    partnership = kilifi_mou()
    commitment = commitment_add(partnership=partnership, description="Baobab processing study",
                                place=place("KE-14"), due_on=datetime.date(2024, 12, 31))
    commitment_set_status(commitment=commitment, status="done", completed_on=datetime.date(2024, 11, 30),
                          evidence="Study report")
    commitment.refresh_from_db()
    assert (commitment.status, commitment.completed_on, commitment.party.place.code) == (
        "done", datetime.date(2024, 11, 30), "KE-14")
    activity = activity_record(partnership=partnership, kind="delegation_visit", happened_on=datetime.date(2024, 4, 18),
                               title="Jiangxi delegation in Kilifi", places=[place("KE-14")], value=Decimal("0"),
                               currency="usd")
    assert (activity.currency, list(activity.places.values_list("code", flat=True))) == ("USD", ["KE-14"])


@pytest.mark.parametrize(
    ("call", "field", "message"),
    [
        (lambda p: commitment_add(partnership=p, description="  "), "description", "Say what was committed."),
        (lambda p: commitment_add(partnership=p, description="x", place=place("CN-HN")), "place",
         "Hunan is not a party to this partnership."),
        (lambda p: activity_record(partnership=p, kind="party", happened_on=datetime.date(2024, 5, 1), title="x"),
         "kind", "“party” is not a kind of activity."),
        (lambda p: activity_record(partnership=p, kind="donation", happened_on=datetime.date(2024, 5, 1), title="x",
                                   value=Decimal("100")), "currency", "A value needs its currency."),
        (lambda p: activity_record(partnership=p, kind="donation", happened_on=datetime.date(2024, 5, 1), title="x",
                                   value=Decimal("100"), currency="XYZ"), "currency",
         "“XYZ” is not an ISO 4217 currency code."),
        (lambda p: activity_record(partnership=p, kind="donation", happened_on=datetime.date(2024, 5, 1), title="x",
                                   value=Decimal("-1"), currency="KES"), "value", "A value cannot be negative."),
    ],
)
def test_bad_plans_and_activities_are_refused_and_change_nothing(call, field, message):
    partnership = kilifi_mou()
    before = counts()
    with pytest.raises(ValidationError) as error:
        call(partnership)
    assert error.value.message_dict[field][0] == message
    assert counts() == before


def test_done_needs_its_date():
    commitment = commitment_add(partnership=kilifi_mou(), description="Youth exchange")
    with pytest.raises(ValidationError) as error:
        commitment_set_status(commitment=commitment, status="done")
    assert error.value.message_dict["completed_on"] == ["A commitment that is done needs the date it was completed."]
    commitment.refresh_from_db()
    assert commitment.status == "open"


def test_an_unknown_date_stays_unknown_and_a_later_dated_move_is_allowed():
    partnership = kilifi_mou(happened_on=None)
    assert (partnership.stage_since, partnership.started_on, partnership.signed_on) == (None, None, None)
    partnership_change_stage(partnership=partnership, to_stage=Stage.ACTIVE, happened_on=datetime.date(2025, 1, 6))
    partnership.refresh_from_db()
    assert (partnership.stage, partnership.stage_since, partnership.started_on) == (
        "active", datetime.date(2025, 1, 6), datetime.date(2025, 1, 6))
    assert partnership.signed_on is None  # the MOU's own date is still unknown


def test_update_keeps_the_parties_that_signed():
    from urafiki.partnerships.services import partnership_update

    partnership = kilifi_mou()
    with pytest.raises(ValidationError, match="Jiujiang cannot be removed"):
        partnership_update(partnership=partnership, places=[place("KE-14"), place("CN-JX")])
    assert partnership.parties.count() == 3
    partnership_update(partnership=partnership, places=[place("KE-14"), place("CN-JX"), place("CN-360400"),
                                                        place("CN-360100")], title="Kilifi with Jiangxi")
    partnership.refresh_from_db()
    assert partnership.title == "Kilifi with Jiangxi" and partnership.parties.count() == 4
    with pytest.raises(ValidationError, match="Give the partnership a title"):
        partnership_update(partnership=partnership, title="  ")


def test_the_history_names_the_author():
    from django.contrib.auth import get_user_model

    from urafiki.partnerships.services import partnership_update

    author = get_user_model().objects.create_user(username="amina", display_name="Amina")
    partnership = kilifi_mou(by_user=author)
    partnership_update(partnership=partnership, summary="Agriculture first", by_user=author)
    record = partnership.history.first()
    assert (record.history_user, record.summary) == (author, "Agriculture first")


def test_the_latest_activity_date_follows_the_activities():
    from urafiki.partnerships.services import activity_delete

    partnership = kilifi_mou()
    first = activity_record(partnership=partnership, kind="training", happened_on=datetime.date(2024, 5, 1), title="a")
    second = activity_record(partnership=partnership, kind="training", happened_on=datetime.date(2024, 9, 1), title="b")
    partnership.refresh_from_db()
    assert partnership.last_activity_on == datetime.date(2024, 9, 1)
    activity_delete(activity=second)
    partnership.refresh_from_db()
    assert partnership.last_activity_on == first.happened_on
