import datetime

import pytest

from urafiki.partnerships.health import partnership_health
from urafiki.partnerships.services import activity_record, commitment_add

from .test_services import kilifi_mou

TODAY = datetime.date(2026, 11, 23)


def health(**kwargs):
    arguments = {"stage": "active", "stage_since": datetime.date(2026, 1, 1), "last_activity_on": None,
                 "overdue_commitments": 0, "today": TODAY}
    return partnership_health(**{**arguments, **kwargs})


def test_recent_activity_is_healthy():
    result = health(last_activity_on=datetime.date(2026, 10, 1))
    assert (result.status, result.reasons) == ("healthy", ["Last activity on 2026-10-01."])


def test_a_letter_of_intent_not_converted_in_a_year_is_a_dormant_candidate():
    result = health(stage="letter_of_intent", stage_since=datetime.date(2025, 6, 1),
                    last_activity_on=datetime.date(2026, 9, 1))
    assert result.status == "dormant_candidate"
    assert result.reasons == ["The letter of intent of 2025-06-01 has not become an agreement in 17 months."]


def test_a_year_without_activity_is_a_dormant_candidate():
    result = health(stage_since=datetime.date(2024, 4, 18), last_activity_on=datetime.date(2025, 5, 2),
                    overdue_commitments=2)
    assert result.status == "dormant_candidate"
    assert result.reasons == ["No activity recorded for 18 months (last on 2025-05-02).",
                              "2 commitments are overdue."]


def test_overdue_commitments_put_it_at_risk():
    result = health(last_activity_on=datetime.date(2026, 11, 1), overdue_commitments=1)
    assert (result.status, result.reasons) == ("at_risk", ["1 commitment is overdue."])


@pytest.mark.parametrize(("stage", "status"), [("dormant", "dormant"), ("ended", "ended")])
def test_recorded_end_states(stage, status):
    assert health(stage=stage).status == status


@pytest.mark.django_db
def test_health_from_the_stored_records():
    from urafiki.partnerships.selectors import partnership_health_of

    partnership = kilifi_mou()  # recorded with the tests' date, 2024-04-18
    assert partnership_health_of(partnership=partnership, today=TODAY).status == "dormant_candidate"
    activity_record(partnership=partnership, kind="training", happened_on=datetime.date(2026, 9, 1), title="Training")
    commitment_add(partnership=partnership, description="Trade fair stand", due_on=datetime.date(2026, 10, 1))
    result = partnership_health_of(partnership=partnership, today=TODAY)
    assert (result.status, result.reasons) == ("at_risk", ["1 commitment is overdue."])
