"""Reads of the partner finder, shaped for its pages: the finder's target, the briefs that fit a place, an
office's briefs, and two places side by side."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from urafiki.partnerships.models import PartnershipParty
from urafiki.partnerships.selectors import place_partnerships
from urafiki.places.models import Place, PlaceFact, PlaceKind, PlaceProduct, PlaceSector

from .models import BriefStatus, PartnerBrief
from .permissions import briefs_visible_to
from .ranking import Target, parse_weights

# The other side, by default: an African place looks to China, a Chinese one to Kenya (the registry's
# best-documented African country).
DEFAULT_AFRICAN_COUNTRY = "KE"
LEVELS = (1, 2)


def default_target_country(place: Place) -> str:
    return DEFAULT_AFRICAN_COUNTRY if place.country_code == "CN" else "CN"


def country_exists(code: str) -> bool:
    return Place.objects.filter(admin_level=0, code=code).exists()


def ranking_query_parse(params, *, place: Place) -> tuple[Target | None, dict | None, dict[str, list[str]]]:
    """The target and the weights of a ranking from request parameters, and every message at once (the page
    and the API both show all that is wrong, not the first thing)."""
    errors: dict[str, list[str]] = {}
    target = weights = None
    try:
        target = target_parse(params, place=place)
    except ValidationError as error:
        errors.update(error.message_dict)
    try:
        weights = parse_weights(params)
    except ValidationError as error:
        errors.update(error.message_dict)
    return target, weights, errors


def target_parse(params, *, place: Place) -> Target:
    """The finder's target from request parameters (country, admin_level, kind), defaults for what is absent.

    Raises ValidationError keyed by parameter, with messages in the active language.
    """
    errors: dict[str, str] = {}
    country = (params.get("country") or "").strip().upper() or default_target_country(place)
    if len(country) != 2 or not country.isalpha() or not country_exists(country):
        errors["country"] = _("“{value}” is not a country of the registry.").format(value=country[:20])
    raw_level = (params.get("admin_level") or "").strip()
    level = 1
    if raw_level:
        if raw_level.isdigit() and int(raw_level) in LEVELS:
            level = int(raw_level)
        else:
            errors["admin_level"] = _("Choose level 1 (a county, a province) or 2 (a prefecture-level city).")
    kind = (params.get("kind") or "").strip()
    if kind and (kind not in PlaceKind.values or kind == PlaceKind.COUNTRY):
        errors["kind"] = _("“{value}” is not a kind of local government.").format(value=kind[:40])
    if errors:
        raise ValidationError(errors)
    return Target(country=country, admin_level=level, kind=kind or None)


@dataclass
class BriefFit:
    """A brief that fits a place, and why, in sentences of the active language."""

    brief: PartnerBrief
    reasons: list[str]
    shared_sectors: list = field(default_factory=list)


def _open_briefs(*, today: datetime.date) -> QuerySet:
    return PartnerBrief.objects.filter(status=BriefStatus.OPEN, expires_on__gte=today)


def brief_fit_reasons(*, brief: PartnerBrief, place: Place, place_sector_ids: set[int] | None = None,
                      brief_sectors: list | None = None) -> BriefFit | None:
    """Why `place` fits `brief`, or None when it does not.

    It fits when its country and level are the brief's target (and its kind, when the brief names one), it is
    not the brief's own office, and, when the brief names sectors, it shares at least one of them.
    """
    if brief.office_id == place.pk or place.country_code != brief.target_country:
        return None
    if place.admin_level != brief.target_admin_level or (brief.target_kind and brief.target_kind != place.kind):
        return None
    if place_sector_ids is None:
        place_sector_ids = set(PlaceSector.objects.filter(place=place).values_list("sector_id", flat=True))
    sectors = brief.sectors.all() if brief_sectors is None else brief_sectors
    reasons = [_("{office} seeks a partner like {place}: {kind} in {country}.").format(
        office=brief.office.name, place=place.name, kind=place.get_kind_display(), country=_country_name(place),
    )]
    shared = [sector for sector in sectors if sector.pk in place_sector_ids]
    if sectors:
        if not shared:
            return None
        reasons.append(_("Shared priority sectors: {sectors}.").format(
            sectors=", ".join(sorted(sector.name for sector in shared))
        ))
    else:
        reasons.append(_("The brief names no sector: any place of this kind may answer."))
    return BriefFit(brief=brief, reasons=reasons, shared_sectors=shared)


def _country_name(place: Place) -> str:
    country = place.parent
    while country is not None and country.admin_level > 0:
        country = country.parent
    return country.name if country is not None else place.country_code


def briefs_fitting_place(*, place: Place, today: datetime.date | None = None) -> list[BriefFit]:
    """The open, unexpired briefs of other offices that `place` fits, newest first, each with its reasons."""
    today = today or timezone.localdate()
    if place.is_country:
        return []
    candidates = (
        _open_briefs(today=today)
        .filter(target_country=place.country_code, target_admin_level=place.admin_level)
        .filter(Q(target_kind="") | Q(target_kind=place.kind))
        .exclude(office=place)
        .select_related("office__parent", "posted_by")
        .prefetch_related("sectors", "products")
        .order_by("-created_at", "-pk")[:50]
    )
    sector_ids = set(PlaceSector.objects.filter(place=place).values_list("sector_id", flat=True))
    place = Place.objects.select_related("parent__parent").get(pk=place.pk)  # the country's name
    fits = []
    for brief in candidates:
        fit = brief_fit_reasons(brief=brief, place=place, place_sector_ids=sector_ids,
                                brief_sectors=list(brief.sectors.all()))
        if fit is not None:
            fits.append(fit)
    return fits


def briefs_of_office(*, user, office: Place) -> QuerySet:
    """An office's briefs that the user may see (its own people also see the closed and expired ones)."""
    return (
        briefs_visible_to(user).filter(office=office)
        .select_related("posted_by")
        .prefetch_related("sectors")
        .annotate(interest_count=Count("interests"))
        .order_by("-created_at", "-pk")
    )


def brief_detail_queryset() -> QuerySet:
    return PartnerBrief.objects.select_related("office__parent", "posted_by").prefetch_related("sectors", "products")


def places_fitting_brief(*, brief: PartnerBrief, offices: set[int]) -> list[Place]:
    """Among the given offices, those that fit the brief (for whom an officer may express interest)."""
    places = Place.objects.filter(pk__in=offices).select_related("parent__parent")
    brief_sectors = list(brief.sectors.all())
    return [place for place in places if brief_fit_reasons(brief=brief, place=place, brief_sectors=brief_sectors)]


# --- Comparison of two places -------------------------------------------------------------------------------

@dataclass
class FactRow:
    label: str
    fact: str
    a: PlaceFact | None
    b: PlaceFact | None


@dataclass
class SideBySide:
    a: Place
    b: Place
    facts: list[FactRow]
    products: dict[str, dict[str, list]]  # role -> {"a": [...], "b": [...]}
    sectors_a: list
    sectors_b: list
    shared_sector_ids: set[int]
    partnerships_a: list
    partnerships_b: list
    between: list  # partnerships that join a and b
    shared_partners: list[Place]
    matched_products: list = field(default_factory=list)  # (product, who produces, who demands)


def _profile_queryset() -> QuerySet:
    return Place.objects.select_related("parent__parent").prefetch_related(
        Prefetch("facts", queryset=PlaceFact.objects.order_by("fact", "-year")),
        Prefetch("products", queryset=PlaceProduct.objects.select_related("product")),
        Prefetch("sectors", queryset=PlaceSector.objects.select_related("sector")),
    )


def place_by_code(code: str) -> Place | None:
    code = (code or "").strip().upper()[:20]
    return _profile_queryset().filter(code=code).first() if code else None


def places_compare_parse(params) -> tuple[Place, Place]:
    """The two places to compare, from ?a=KE-14&b=CN-JX; ValidationError keyed by parameter."""
    errors: dict[str, str] = {}
    found = {}
    for key in ("a", "b"):
        code = (params.get(key) or "").strip()
        if not code:
            errors[key] = _("Choose a place (its code, such as KE-14 or CN-JX).")
            continue
        place = place_by_code(code)
        if place is None:
            errors[key] = _("There is no place with the code {code}.").format(code=code[:20])
        elif place.is_country:
            errors[key] = _("{country} is a country: compare counties, provinces or cities.").format(
                country=place.name)
        else:
            found[key] = place
    if not errors and found["a"].pk == found["b"].pk:
        errors["b"] = _("Choose two different places.")
    if errors:
        raise ValidationError(errors)
    return found["a"], found["b"]


def places_side_by_side(*, user, a: Place, b: Place) -> SideBySide:
    """Two places' profiles, products, sectors and ties, arranged for the comparison page."""

    def newest(place: Place) -> dict[str, PlaceFact]:
        facts: dict[str, PlaceFact] = {}
        for fact in place.facts.all():  # ordered by fact, newest year first
            facts.setdefault(fact.fact, fact)
        return facts

    facts_a, facts_b = newest(a), newest(b)
    rows = [FactRow(label=str(label), fact=value, a=facts_a.get(value), b=facts_b.get(value))
            for value, label in PlaceFact.Fact.choices if value in facts_a or value in facts_b]

    products: dict[str, dict[str, list]] = {}
    for role in PlaceProduct.Role.values:
        products[role] = {
            "a": sorted((p.product for p in a.products.all() if p.role == role), key=lambda x: x.name.lower()),
            "b": sorted((p.product for p in b.products.all() if p.role == role), key=lambda x: x.name.lower()),
        }
    matched = []
    for supplier, buyer in ((a, b), (b, a)):
        supplied = {p.product_id: p.product for p in supplier.products.all() if p.role == PlaceProduct.Role.PRODUCES}
        demanded = {p.product_id for p in buyer.products.all() if p.role == PlaceProduct.Role.DEMANDS}
        for product_id in sorted(supplied.keys() & demanded):
            matched.append((supplied[product_id], supplier, buyer))

    sectors_a = sorted((s.sector for s in a.sectors.all()), key=lambda x: x.name.lower())
    sectors_b = sorted((s.sector for s in b.sectors.all()), key=lambda x: x.name.lower())
    shared = {s.pk for s in sectors_a} & {s.pk for s in sectors_b}

    partnerships_a = list(place_partnerships(user=user, place=a)[:30])
    partnerships_b = list(place_partnerships(user=user, place=b)[:30])
    between_ids = {p.pk for p in partnerships_a} & {p.pk for p in partnerships_b}
    between = [p for p in partnerships_a if p.pk in between_ids]
    partners_a = _partner_ids(a, [p.pk for p in partnerships_a])
    partners_b = _partner_ids(b, [p.pk for p in partnerships_b])
    shared_partners = list(
        Place.objects.filter(pk__in=(partners_a & partners_b) - {a.pk, b.pk}).order_by("name_en")
    )
    return SideBySide(
        a=a, b=b, facts=rows, products=products, sectors_a=sectors_a, sectors_b=sectors_b,
        shared_sector_ids=shared, partnerships_a=partnerships_a, partnerships_b=partnerships_b, between=between,
        shared_partners=shared_partners, matched_products=matched,
    )


def _partner_ids(place: Place, partnership_ids: list[int]) -> set[int]:
    return set(
        PartnershipParty.objects.filter(partnership_id__in=partnership_ids)
        .exclude(place=place).values_list("place_id", flat=True)
    )
