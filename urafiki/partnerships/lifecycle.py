"""The stages of a partnership and the moves allowed between them, as data (STYLE.md habit 6).

exploring → letter of intent → MOU signed → formal agreement (friendship / sister) → active ⇄ dormant → ended.
Stages may be skipped forwards (many counties sign an MOU without a letter of intent first). A renewal
brings an active, dormant or ended partnership (back) to active.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    EXPLORING = "exploring", _("exploring")
    LETTER_OF_INTENT = "letter_of_intent", _("letter of intent signed")
    MOU_SIGNED = "mou_signed", _("memorandum of understanding signed")
    FORMAL_AGREEMENT = "formal_agreement", _("formal agreement signed")
    ACTIVE = "active", _("active")
    DORMANT = "dormant", _("dormant")
    ENDED = "ended", _("ended")


ALLOWED_MOVES: dict[str, set[str]] = {
    Stage.EXPLORING: {Stage.LETTER_OF_INTENT, Stage.MOU_SIGNED, Stage.FORMAL_AGREEMENT, Stage.ENDED},
    Stage.LETTER_OF_INTENT: {Stage.MOU_SIGNED, Stage.FORMAL_AGREEMENT, Stage.ENDED},
    Stage.MOU_SIGNED: {Stage.FORMAL_AGREEMENT, Stage.ACTIVE, Stage.DORMANT, Stage.ENDED},
    Stage.FORMAL_AGREEMENT: {Stage.ACTIVE, Stage.DORMANT, Stage.ENDED},
    Stage.ACTIVE: {Stage.DORMANT, Stage.ENDED},
    Stage.DORMANT: {Stage.ACTIVE, Stage.ENDED},
    Stage.ENDED: set(),
}
# A renewal (of an agreement whose term ran out, or of a relationship that lapsed) leads to active.
RENEWABLE_FROM: set[str] = {Stage.ACTIVE, Stage.DORMANT, Stage.ENDED}
# Where a record may start: a partnership entered after the fact may already be active, never dormant or ended.
INITIAL_STAGES: set[str] = {
    Stage.EXPLORING, Stage.LETTER_OF_INTENT, Stage.MOU_SIGNED, Stage.FORMAL_AGREEMENT, Stage.ACTIVE,
}
# Stages in which the parties have signed something.
SIGNED_STAGES: set[str] = {Stage.LETTER_OF_INTENT, Stage.MOU_SIGNED, Stage.FORMAL_AGREEMENT}


def move_is_allowed(from_stage: str, to_stage: str, *, renewal: bool = False) -> bool:
    if renewal:
        return from_stage in RENEWABLE_FROM and to_stage == Stage.ACTIVE
    return to_stage in ALLOWED_MOVES.get(from_stage, set())
