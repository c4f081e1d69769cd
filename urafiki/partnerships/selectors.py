"""Reads of partnerships, shaped for the pages, the exports and the API that show them.

The list filters and sorts by health in SQL (partnerships_with_health mirrors health.partnership_health,
and a test holds the two together); the detail page reads the reasons from the Python function.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import gettext as _

from urafiki.places.models import Place
from urafiki.places.selectors import place_from_text, place_not_found_message
from urafiki.taxonomy.models import Sector

from .health import DORMANT_AFTER_DAYS, UNCONVERTED_AFTER_DAYS, Health, HealthStatus, partnership_health
from .lifecycle import Stage
from .models import OPEN_STATUSES, Activity, Commitment, Partnership, PartnershipKind, PartnershipParty
from .permissions import partnerships_visible_to

MAX_LIMIT = 100
SORTS = {  # parameter -> ORDER BY; every order ends on pk so that pages never repeat or skip a row
    "-signed": [F("signed_on").desc(nulls_last=True), "-pk"],
    "signed": [F("signed_on").asc(nulls_last=True), "pk"],
    "-updated": ["-updated_at", "-pk"],
    "title": ["title", "pk"],
    "-activity": [F("last_activity_on").desc(nulls_last=True), "-pk"],
    "health": ["health_rank", "-pk"],
}


def partnership_health_of(
    *, partnership: Partnership, today: datetime.date | None = None, overdue_commitments: int | None = None,
) -> Health:
    """The health of one partnership, with its reasons, from its activities and commitments as stored now.

    overdue_commitments: when the caller has counted them already (partnership_results), not counted again.
    """
    today = today or timezone.localdate()
    overdue = overdue_commitments
    if overdue is None:
        overdue = partnership.commitments.filter(status__in=OPEN_STATUSES, due_on__lt=today).count()
    return partnership_health(
        stage=partnership.stage,
        stage_since=partnership.stage_since,
        last_activity_on=partnership.last_activity_on,
        overdue_commitments=overdue,
        today=today,
    )


def partnerships_with_health(queryset: QuerySet, *, today: datetime.date | None = None) -> QuerySet:
    """Annotate health_status, and alias health_rank (worst first), computed in SQL by health.py's rules.

    Column tests only (next_due_on < today stands for "an open commitment is overdue"), and the rank is
    written out rather than derived from health_status, which Django would inline once per branch.
    """
    today = today or timezone.localdate()
    quiet_since = today - datetime.timedelta(days=DORMANT_AFTER_DAYS)
    unconverted_since = today - datetime.timedelta(days=UNCONVERTED_AFTER_DAYS)
    nothing_dated = Q(stage_since__isnull=True, last_activity_on__isnull=True)
    quiet = ~nothing_dated & (Q(stage_since__isnull=True) | Q(stage_since__lte=quiet_since)) & (
        Q(last_activity_on__isnull=True) | Q(last_activity_on__lte=quiet_since)
    )
    unconverted = Q(stage__in=[Stage.LETTER_OF_INTENT, Stage.EXPLORING], stage_since__lte=unconverted_since)
    branches = [
        (Q(stage=Stage.ENDED), HealthStatus.ENDED),
        (Q(stage=Stage.DORMANT), HealthStatus.DORMANT),
        (quiet | unconverted, HealthStatus.DORMANT_CANDIDATE),
        (Q(next_due_on__lt=today), HealthStatus.AT_RISK),
        (nothing_dated, HealthStatus.UNKNOWN),
    ]
    status = Case(*(When(condition, then=Value(value)) for condition, value in branches),
                  default=Value(HealthStatus.HEALTHY), output_field=CharField())
    rank = Case(*(When(condition, then=Value(HEALTH_ORDER.index(value))) for condition, value in branches),
                default=Value(HEALTH_ORDER.index(HealthStatus.HEALTHY)), output_field=IntegerField())
    return queryset.annotate(health_status=status).alias(health_rank=rank)


# Worst first: the order an officer wants to look at them in.
HEALTH_ORDER = [HealthStatus.DORMANT_CANDIDATE, HealthStatus.AT_RISK, HealthStatus.UNKNOWN, HealthStatus.HEALTHY,
                HealthStatus.DORMANT, HealthStatus.ENDED]


@dataclass(frozen=True)
class PartnershipFilters:
    q: str = ""
    country: str = ""
    place: Place | None = None
    stage: str = ""
    kind: str = ""
    sector: Sector | None = None
    year: int | None = None
    health: str = ""
    sort: str = "-signed"
    limit: int = 20
    offset: int = 0


def partnership_filters_parse(params) -> PartnershipFilters:
    """Request parameters (strings) to PartnershipFilters, or ValidationError keyed by parameter.

    place: a place code (KE-14), id or name; sector: a sector slug (tourism); year: the year signed.
    """
    errors: dict[str, str] = {}

    def text(name: str) -> str:
        return (params.get(name) or "").strip()

    def integer(name: str, low: int, high: int, default: int | None) -> int | None:
        raw = text(name)
        if not raw:
            return default
        if not raw.isdigit() or not low <= int(raw) <= high:
            errors[name] = _("Must be a whole number between {low} and {high}.").format(low=low, high=high)
            return default
        return int(raw)

    q = text("q")
    if len(q) > 100:
        errors["q"] = _("The search text is too long (100 characters at most).")
    country = text("country").upper()
    if country and not Place.objects.filter(admin_level=0, country_code=country).exists():
        errors["country"] = _("“{value}” is not a known ISO 3166 alpha-2 country code.").format(value=country)
    place = None
    if raw_place := text("place"):
        place, candidates = place_from_text(raw_place)
        if place is None:
            errors["place"] = place_not_found_message(raw_place, candidates)
    stage = text("stage")
    if stage and stage not in Stage.values:
        errors["stage"] = _("“{value}” is not a stage. Choose one of: {choices}.").format(
            value=stage, choices=", ".join(Stage.values))
    kind = text("kind")
    if kind and kind not in PartnershipKind.values:
        errors["kind"] = _("“{value}” is not a kind of partnership. Choose one of: {choices}.").format(
            value=kind, choices=", ".join(PartnershipKind.values))
    sector = None
    if raw_sector := text("sector"):
        sector = Sector.objects.filter(slug=raw_sector).first()
        if sector is None:
            errors["sector"] = _("“{value}” is not a sector of the shared vocabulary.").format(value=raw_sector)
    health = text("health")
    if health and health not in HealthStatus.values:
        errors["health"] = _("“{value}” is not a health status. Choose one of: {choices}.").format(
            value=health, choices=", ".join(HealthStatus.values))
    sort = text("sort") or "-signed"
    if sort not in SORTS:
        errors["sort"] = _("“{value}” is not a sort order. Choose one of: {choices}.").format(
            value=sort, choices=", ".join(SORTS))
    year = integer("year", 1949, timezone.localdate().year, None)
    limit = integer("limit", 1, MAX_LIMIT, 20)
    offset = integer("offset", 0, 10_000_000, 0)
    if errors:
        raise ValidationError(errors)
    return PartnershipFilters(q=q, country=country, place=place, stage=stage, kind=kind, sector=sector,
                              year=year, health=health, sort=sort, limit=limit, offset=offset)


def _parties_prefetch() -> Prefetch:
    return Prefetch(
        "parties",
        queryset=PartnershipParty.objects.select_related("place", "place__parent").order_by("pk"),
    )


def partnerships_list(*, user, filters: PartnershipFilters, today: datetime.date | None = None) -> QuerySet:
    """The partnerships the user may see that match the filters, sorted, with health and parties.

    Unsliced: the caller pages it (limit/offset) or streams it (export).
    """
    queryset = partnerships_visible_to(user)
    parties = PartnershipParty.objects.filter(partnership=OuterRef("pk"))
    # Places first (a handful of rows), then their parties by index: not a join of every party with its
    # place and the place's parent.
    if filters.country:
        in_country = Place.objects.filter(country_code=filters.country).values("pk")
        queryset = queryset.filter(Exists(parties.filter(place_id__in=in_country)))
    if filters.place is not None:
        place = filters.place
        within = Place.objects.filter(Q(pk=place.pk) | Q(parent=place) | Q(parent__parent=place)).values("pk")
        queryset = queryset.filter(Exists(parties.filter(place_id__in=within)))
    if filters.q:
        queryset = queryset.filter(title__icontains=filters.q)
    if filters.stage:
        queryset = queryset.filter(stage=filters.stage)
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if filters.sector is not None:
        through = Partnership.sectors.through.objects.filter(partnership=OuterRef("pk"), sector=filters.sector)
        queryset = queryset.filter(Exists(through))
    if filters.year is not None:
        start = datetime.date(filters.year, 1, 1)
        queryset = queryset.filter(signed_on__gte=start, signed_on__lt=start.replace(year=filters.year + 1))
    queryset = partnerships_with_health(queryset, today=today)
    if filters.health:
        queryset = queryset.filter(health_status=filters.health)
    return queryset.order_by(*SORTS[filters.sort]).prefetch_related(
        # What a list row shows of its parties and sectors: no parent place, no JSON synonyms to decode.
        Prefetch("parties", queryset=PartnershipParty.objects.select_related("place").only(
            "partnership_id", "place_id", "place__code", "place__country_code", "place__admin_level",
            "place__name_en", "place__name_zh", "place__name_sw").order_by("pk")),
        Prefetch("sectors", queryset=Sector.objects.only("slug", "name_en", "name_zh", "name_sw")),
    )


def partnership_detail_queryset(*, user) -> QuerySet:
    return partnerships_visible_to(user).prefetch_related(
        _parties_prefetch(),
        "sectors",
        "products",
        "stage_changes__signatories__party__place",
        "stage_changes__recorded_by",
        "commitments__party__place",
        "commitments__owner",
        # The latest activities only: a busy partnership has thousands (results count them all).
        Prefetch("activities", queryset=Activity.objects.order_by("-happened_on", "-pk")
                 .prefetch_related("places")[:DETAIL_ACTIVITIES], to_attr="latest_activities"),
    )


DETAIL_ACTIVITIES = 50


@dataclass(frozen=True)
class Results:
    activities_per_year: list[tuple[int, int]]
    commitments_done: int
    commitments_open: int
    commitments_overdue: int
    value_by_currency: list[tuple[str, Decimal]]


def partnership_results(*, partnerships: QuerySet, today: datetime.date | None = None) -> Results:
    """What one or more partnerships delivered: activities per year, commitments, value recorded."""
    today = today or timezone.localdate()
    activities = Activity.objects.filter(partnership__in=partnerships)
    per_year = (
        activities.annotate(year=ExtractYear("happened_on")).values("year").annotate(n=Count("pk")).order_by("year")
    )
    values = (
        activities.exclude(value__isnull=True).values("currency").annotate(total=Sum("value")).order_by("currency")
    )
    commitments = Commitment.objects.filter(partnership__in=partnerships).aggregate(
        done=Count("pk", filter=Q(status=Commitment.Status.DONE)),
        open=Count("pk", filter=Q(status__in=OPEN_STATUSES)),
        overdue=Count("pk", filter=Q(status__in=OPEN_STATUSES, due_on__lt=today)),
    )
    return Results(
        activities_per_year=[(row["year"], row["n"]) for row in per_year],
        commitments_done=commitments["done"],
        commitments_open=commitments["open"],
        commitments_overdue=commitments["overdue"],
        value_by_currency=[(row["currency"], row["total"]) for row in values],
    )


def place_partnerships(*, user, place: Place) -> QuerySet:
    """A place's partnerships (its own and its subdivisions'), with health, for its page."""
    return partnerships_list(user=user, filters=PartnershipFilters(place=place, sort="health"))


@dataclass(frozen=True)
class TimelineEntry:
    happened_on: datetime.date | None
    kind: str  # "stage" or "activity"
    item: object


def partnership_timeline(*, partnership: Partnership) -> list[TimelineEntry]:
    """Stage changes and activities in the order they happened (prefetched by partnership_detail_queryset).

    A move whose date is unknown keeps its place after the move recorded before it.
    """
    entries: list[tuple[tuple, TimelineEntry]] = []
    anchor = datetime.date.min
    for change in partnership.stage_changes.all():  # in the order the moves were made
        anchor = change.happened_on or anchor
        entries.append(((anchor, 0, change.pk), TimelineEntry(change.happened_on, "stage", change)))
    for activity in partnership.latest_activities:
        entries.append(((activity.happened_on, 1, activity.pk), TimelineEntry(activity.happened_on, "activity",
                                                                              activity)))
    return [entry for _key, entry in sorted(entries, key=lambda pair: pair[0])]


def partnerships_export_rows(queryset):
    """One flat dict per partnership, for CSV and JSON: names in English and Chinese, codes, health."""
    for partnership in queryset.iterator(chunk_size=500):
        parties = list(partnership.parties.all())
        yield {
            "id": partnership.pk,
            "title": partnership.title,
            "kind": partnership.kind,
            "stage": partnership.stage,
            "stage_since": partnership.stage_since.isoformat() if partnership.stage_since else None,
            "signed_on": partnership.signed_on.isoformat() if partnership.signed_on else None,
            "health": partnership.health_status,
            "party_codes": "|".join(party.place.code for party in parties),
            "parties_en": "|".join(party.place.name_en for party in parties),
            "parties_zh": "|".join(party.place.name_zh for party in parties),
            "countries": "|".join(sorted({party.place.country_code for party in parties})),
            "sectors": "|".join(sector.slug for sector in partnership.sectors.all()),
            "last_activity_on": partnership.last_activity_on.isoformat() if partnership.last_activity_on else None,
            "url": partnership.get_absolute_url(),
        }
