"""One registry, shared by the in-process and the worker tests, in which each reminder rule has a case that
applies and cases that must not: the users, offices and partnerships, and the e-mails expected on TODAY."""

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model

from urafiki.accounts.models import Membership
from urafiki.partnerships.lifecycle import Stage
from urafiki.partnerships.models import Commitment, Partnership
from urafiki.partnerships.services import (
    commitment_add,
    commitment_set_status,
    partnership_change_stage,
    partnership_create,
)
from urafiki.partnerships.tests.test_services import kilifi_mou, place

# The Kilifi MOU of the partnership tests is signed on 2024-04-18 and nothing happens after: on TODAY it has
# been quiet for more than a year (a dormant candidate since 2025-04-18).
TODAY = datetime.date(2025, 6, 2)
QUIET_SINCE = datetime.date(2025, 4, 18)


def user(username: str, *, language: str = "en", email: bool = True, active: bool = True):
    return get_user_model().objects.create_user(
        username=username, email=f"{username}@example.org" if email else "", language=language, is_active=active
    )


def office(person, code: str, *, role: str = Membership.Role.OFFICER, verified: bool = True) -> None:
    Membership.objects.create(user=person, place=place(code), role=role, is_verified=verified)


@dataclass
class Scenario:
    quiet: Partnership  # the dormant candidate
    lively: Partnership  # recently active, holds the commitments
    coming_due: Commitment  # due in 3 days, owned by otieno
    overdue: Commitment  # 2 days late, owned by amina

    def expected(self) -> list[tuple[str, str, int]]:
        """(recipient, kind, partnership id) of every e-mail due on TODAY, sorted."""
        return sorted([
            ("otieno@example.org", "commitment_due_soon", self.lively.pk),
            ("amina@example.org", "commitment_overdue", self.lively.pk),
            ("amina@example.org", "partnership_turning_dormant", self.quiet.pk),
            ("li@example.org", "partnership_turning_dormant", self.quiet.pk),
            ("otieno@example.org", "partnership_turning_dormant", self.quiet.pk),
        ])


def build() -> Scenario:
    amina = user("amina", language="sw")  # officer of Kilifi (KE-14), reads Kiswahili
    li = user("li", language="zh-hans")  # officer of Jiujiang (CN-360400), reads Chinese
    otieno = user("otieno")  # officer of two parties (Kilifi and Jiangxi): one e-mail, not two
    office(amina, "KE-14")
    office(li, "CN-360400")
    office(otieno, "KE-14")
    office(otieno, "CN-JX")
    # Told nothing: no address, account closed, claim not verified, member not officer, another county's officer.
    no_address = user("no_address", email=False)
    office(no_address, "KE-14")
    office(user("closed", active=False), "KE-14")
    office(user("unverified"), "KE-14", verified=False)
    office(user("member"), "KE-14", role=Membership.Role.MEMBER)
    office(user("outsider"), "KE-26")

    quiet = kilifi_mou()
    paused = kilifi_mou(title="Recorded as dormant")  # quiet too, but already dormant: nobody is told
    partnership_change_stage(partnership=paused, to_stage=Stage.DORMANT, happened_on=datetime.date(2024, 5, 1))
    lively = partnership_create(
        places=[place("KE-14"), place("CN-360400")], kind="cooperation", stage=Stage.ACTIVE,
        happened_on=TODAY - datetime.timedelta(days=30), title="Kilifi – Jiujiang tourism & culture",
    )

    def commitment(description: str, days: int, owner=otieno):
        return commitment_add(partnership=lively, description=description, owner=owner,
                              due_on=TODAY + datetime.timedelta(days=days))

    coming_due = commitment("Send the list of tour operators for the <Jiujiang> fair", 3)
    overdue = commitment("Open the Kilifi desk at the Jiujiang trade office", -2, owner=amina)
    commitment("Due tomorrow, but its owner has no address", 1, owner=no_address)
    commitment("Due today, nobody owns it", 0, owner=None)
    commitment("Due in three weeks: not yet", 21)
    done = commitment("Done already", 2)
    commitment_set_status(commitment=done, status=Commitment.Status.DONE, completed_on=datetime.date(2025, 5, 30))
    cancelled = commitment("Cancelled", -1)
    commitment_set_status(commitment=cancelled, status=Commitment.Status.CANCELLED)
    return Scenario(quiet=quiet, lively=lively, coming_due=coming_due, overdue=overdue)


def expected_report(sent: bool) -> dict[str, dict[str, int]]:
    """The report of a run on TODAY: the first sends everything, a second sends nothing."""
    counts = {"commitment_due_soon": 1, "commitment_overdue": 1, "partnership_turning_dormant": 3}
    return {"sent": counts if sent else {}, "skipped": {} if sent else counts, "failed": {}}
