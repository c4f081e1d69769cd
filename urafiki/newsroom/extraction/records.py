"""What the extractor gives: agreements with their parties, people and the sentences behind each field."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

AGREEMENT_TYPES = (
    "letter_of_intent", "mou", "sister_city", "friendship", "cooperation_agreement", "renewal", "other",
)


@dataclass(frozen=True)
class Span:
    """Character offsets into ``Extraction.text``: the sentence behind a field."""

    start: int
    end: int


@dataclass
class ExtractedParty:
    name: str  # as written in the article, e.g. "Kilifi County", "基苏木郡"
    country: str  # ISO alpha-2
    level: str  # county | province | city | prefecture | state | ...
    place: str | None  # registry place's canonical English name, None when unresolved
    place_id: int | None  # urafiki.places.models.Place pk, None when unresolved
    evidence: list[Span] = field(default_factory=list)

    def as_json(self) -> dict:
        return {"name": self.name, "country": self.country, "level": self.level, "place": self.place}


@dataclass
class ExtractedPerson:
    name: str
    role: str
    party: str
    evidence: list[Span] = field(default_factory=list)

    def as_json(self) -> dict:
        return {"name": self.name, "role": self.role, "party": self.party}


@dataclass
class ExtractedAgreement:
    type: str  # one of AGREEMENT_TYPES
    parties: list[ExtractedParty]
    date_signed: datetime.date | None
    sectors: list[str]  # taxonomy Sector.slug
    products: list[str]  # taxonomy Product.slug
    people: list[ExtractedPerson]
    evidence: dict[str, list[Span]] = field(default_factory=dict)  # type, date_signed, sectors, products

    def as_json(self) -> dict:
        """The agreement in the schema of the gold files, each party also with ``place``."""
        return {
            "type": self.type,
            "parties": [party.as_json() for party in self.parties],
            "date_signed": self.date_signed.isoformat() if self.date_signed else None,
            "sectors": list(self.sectors),
            "products": list(self.products),
            "people": [person.as_json() for person in self.people],
        }


@dataclass
class Extraction:
    text: str
    language: str  # "en" | "zh"
    published: datetime.date | None
    agreements: list[ExtractedAgreement]


class ExtractionError(ValueError):
    """The article cannot be read; the message is user-facing and translated."""
