"""The shapes of /api/extractions: what it accepts and what it answers (documented at /api/docs).

An agreement is in the schema of the gold files (../shared/seeds/*.gold.json): type, parties (name,
country, level, place, and here place_id), date_signed, sectors, products, people; evidence spans are
character offsets [start, end) into the article's text. Places in edits are given by code (KE-14) or id.
"""

import datetime

from ninja import Field, Schema


class ExtractionIn(Schema):
    text: str | None = Field(None, description="the article's text (title and body), English or Chinese")
    url: str | None = Field(None, description="alone: the page to fetch; with text: where the text was published")


class PersonEdit(Schema):
    name: str
    role: str = ""
    party: str | int = Field(description="the place this person signed for: code or id")


class DraftEditsIn(Schema):
    """The reviewer's corrections; a field left out keeps the extraction's value."""

    type: str | None = None
    parties: list[str | int] | None = Field(None, description="places, by code or id")
    date_signed: datetime.date | None = None
    sectors: list[str] | None = None
    products: list[str] | None = None
    people: list[PersonEdit] | None = None
    partnership: int | None = Field(None, description=(
        "the recorded partnership to add the agreement to (one sharing its parties), null for a new one; "
        "left out: the one between exactly these parties, or else one that has them all among more"))


class RejectIn(Schema):
    note: str = ""


class PartyOut(Schema):
    name: str
    country: str = ""
    level: str = ""
    place: str | None = None
    place_id: int | None = None
    evidence: list[list[int]] = []


class PersonOut(Schema):
    name: str
    role: str = ""
    party: str = ""
    evidence: list[list[int]] = []


class AgreementOut(Schema):
    type: str | None = Field(description="null in a draft a reviewer added, until accepted")
    parties: list[PartyOut]
    date_signed: datetime.date | None
    sectors: list[str]
    products: list[str]
    people: list[PersonOut]
    evidence: dict[str, list[list[int]]] = {}


class DraftOut(Schema):
    id: int
    article: int
    status: str = Field(description="pending, accepted or rejected")
    agreement: AgreementOut = Field(description="as extracted (empty in a draft a reviewer added)")
    added_by_reviewer: bool = Field(description="true for an agreement the extractor missed, added by a reviewer")
    reviewed: dict | None = Field(description="as accepted, after the reviewer's edits")
    outcome: str = Field(description="created, advanced or source_added once accepted")
    partnership: int | None
    partnership_url: str | None
    review_url: str


class ArticleOut(Schema):
    id: int
    url: str
    title: str
    language: str
    published: datetime.date | None
    created_at: datetime.datetime
    is_new: bool = Field(description="false when the same text had been read before: no new drafts")
    text: str
    drafts: list[DraftOut]
    review_url: str
