"""The shapes of /api/partnerships: what it accepts and what it answers (documented at /api/docs).

Places are given by code (KE-14, CN-360400) or id; sectors and products by their code (the vocabulary's
slug: tourism, baobab). Dates are ISO 8601 (2024-04-18); a date that is not known is null, never guessed.
Input schemas check types only; the rules (two places at least, no date in the future, allowed stage
moves …) are the services', which answer 400 keyed by field.
"""

import datetime
from decimal import Decimal

from ninja import Field, Schema

PlaceRef = str | int  # a place code (KE-14) or id


class ErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]]


class PartyOut(Schema):
    id: int = Field(description="id of the place")
    code: str
    name: str = Field(description="in the language of the request (Accept-Language), English when missing")
    country: str = Field(description="ISO 3166-1 alpha-2")


class PartnershipOut(Schema):
    id: int
    title: str
    kind: str
    stage: str
    stage_since: datetime.date | None
    signed_on: datetime.date | None = Field(description="date of the latest signing")
    is_public: bool
    health: str = Field(description="healthy, at_risk, dormant_candidate, dormant, ended or unknown")
    parties: list[PartyOut]
    sectors: list[str]
    url: str = Field(description="path of the partnership's page")


class PartnershipList(Schema):
    count: int
    items: list[PartnershipOut]


class SignatoryOut(Schema):
    name: str
    title: str
    place: str = Field(description="code of the party the signatory signed for")


class StageChangeOut(Schema):
    id: int
    from_stage: str = Field(description="empty for the first record")
    to_stage: str
    happened_on: datetime.date | None
    renewal: bool
    signatories: list[SignatoryOut]
    source_url: str
    source_text: str
    note: str
    recorded_at: datetime.datetime


class CommitmentOut(Schema):
    id: int
    description: str
    place: str | None = Field(description="code of the party that committed, if one did")
    due_on: datetime.date | None
    status: str
    completed_on: datetime.date | None
    evidence: str


class ActivityOut(Schema):
    id: int
    kind: str
    happened_on: datetime.date
    title: str
    description: str
    places: list[str]
    people: str
    value: str | None = Field(description="a decimal number, as text to keep its precision")
    currency: str
    source: str


class HealthOut(Schema):
    status: str
    label: str
    reasons: list[str]


class PartnershipDetailOut(PartnershipOut):
    health: HealthOut  # type: ignore[assignment]  # the list gives the status only
    summary: str
    private_notes: str | None = Field(description="null unless you belong to a party's office or are staff")
    products: list[str]
    stage_changes: list[StageChangeOut]
    commitments: list[CommitmentOut]
    activities: list[ActivityOut]
    can_edit: bool


class SignatoryIn(Schema):
    name: str
    title: str = ""
    place: PlaceRef = Field(description="the party the signatory signs for: code or id")


class PartnershipCreateIn(Schema):
    places: list[PlaceRef] = Field(description="two or more local governments: codes or ids")
    kind: str = Field(description="sister_relationship, cooperation or other")
    stage: str = "exploring"
    happened_on: datetime.date | None = Field(description="date of that stage; null when the source does not say")
    title: str = ""
    summary: str = ""
    private_notes: str = ""
    is_public: bool = True
    sectors: list[str] = []
    products: list[str] = []
    signatories: list[SignatoryIn] = []
    source_url: str = ""
    source_text: str = ""
    note: str = ""


class PartnershipUpdateIn(Schema):
    """Only the fields sent are changed; places, sectors and products replace the current lists."""

    title: str | None = None
    kind: str | None = None
    summary: str | None = None
    private_notes: str | None = None
    is_public: bool | None = None
    places: list[PlaceRef] | None = None
    sectors: list[str] | None = None
    products: list[str] | None = None


class StageChangeIn(Schema):
    to_stage: str
    happened_on: datetime.date | None = Field(description="null when the source does not say")
    renewal: bool = False
    signatories: list[SignatoryIn] = []
    source_url: str = ""
    source_text: str = ""
    note: str = ""


class CommitmentIn(Schema):
    description: str
    place: PlaceRef | None = Field(None, description="the party that commits: code or id")
    due_on: datetime.date | None = None


class CommitmentStatusIn(Schema):
    status: str = Field(description="open, in_progress, done or cancelled")
    completed_on: datetime.date | None = Field(None, description="needed when done")
    evidence: str = ""


class ActivityIn(Schema):
    kind: str
    happened_on: datetime.date
    title: str
    description: str = ""
    places: list[PlaceRef] = []
    people: str = ""
    value: Decimal | None = None
    currency: str = Field("", description="ISO 4217 code, needed with a value")
    source: str = ""
