"""The shapes of the partner-suggestions API (GET /api/places/{id}/partner-suggestions)."""

from ninja import Schema


class PlaceBrief(Schema):
    id: int
    code: str
    name: str
    country: str
    admin_level: int


class TargetOut(Schema):
    country: str
    admin_level: int
    kind: str | None


class FactorOut(Schema):
    name: str
    value: float | None  # None: unknown (missing data), never 0 for missing
    weight: float
    explanation: str
    data: dict


class CandidateOut(Schema):
    place: PlaceBrief
    score: float
    coverage: float
    already_partnered: bool
    factors: list[FactorOut]


class SuggestionsOut(Schema):
    place: PlaceBrief
    target: TargetOut
    weights: dict[str, float]
    coverage_note: str
    items: list[CandidateOut]
    partnered: list[CandidateOut]
