"""The sentences that explain each part of a partner's score, in the active language, with the data behind them.

Every sentence is a translatable string with named placeholders (STYLE.md habit 8): the figures and names are
filled in after translation, so a translator can move them. Names of places, products and sectors are given
in the active language (their name_zh / name_sw fields, English when there is none).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache

from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import trans_real

MAX_LISTED = 8
CONTEXT_SEPARATOR = "\x04"  # gettext's separator of a message's context (as django.utils.translation)

# A ranking writes some 400 strings; Django's gettext finds the active translation in an asgiref Local on
# every call (~5 µs each). Within `sentences()` the translation is looked up once and bound here.
_bound = threading.local()


@contextmanager
def sentences() -> Iterator[None]:
    """Write the sentences of one ranking in the active language, looked up once."""
    previous = getattr(_bound, "state", None)
    language = translation.get_language()
    _bound.state = (trans_real.translation(language), language) if language else None
    try:
        yield
    finally:
        _bound.state = previous


def _(message: str) -> str:
    state = getattr(_bound, "state", None)
    return state[0].gettext(message) if state else translation.gettext(message)


def ngettext(singular: str, plural: str, number: int) -> str:
    state = getattr(_bound, "state", None)
    return state[0].ngettext(singular, plural, number) if state else translation.ngettext(singular, plural, number)


def pgettext(context: str, message: str) -> str:
    state = getattr(_bound, "state", None)
    if not state:
        return translation.pgettext(context, message)
    result = state[0].gettext(context + CONTEXT_SEPARATOR + message)  # not an f-string: xgettext would take it
    return message if CONTEXT_SEPARATOR in result else result


def get_language() -> str | None:
    state = getattr(_bound, "state", None)
    return state[1] if state else translation.get_language()


def active_language() -> str:
    """'en', 'zh' or 'sw' (as core.text.active_language)."""
    code = (get_language() or "en").lower()
    return "zh" if code.startswith("zh") else "sw" if code.startswith("sw") else "en"


def join(items: Sequence[str]) -> str:
    """'a, b and c' (in Chinese 'a、b和c'), at most MAX_LISTED items and then 'and N more'."""
    items = list(items)
    if len(items) > MAX_LISTED:
        rest = len(items) - MAX_LISTED + 1
        items = items[: MAX_LISTED - 1] + [ngettext("%(count)s other", "%(count)s others", rest) % {"count": rest}]
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    separator = "、" if active_language() == "zh" else ", "
    return pgettext("list of names", "{items} and {last}").format(items=separator.join(items[:-1]), last=items[-1])


def figure(value: float, decimals: int = 2) -> str:
    return _formatted(round(float(value), decimals), decimals, False, get_language())


def _parts_separator() -> str:
    return "；" if active_language() == "zh" else "; "


def amount(value: float) -> str:
    """A large number, rounded to what a reader takes in: 1.45 million, 12.3 billion; in Chinese by 万 and 亿
    (145.4万, 3.21万亿), as Chinese counts, not 1.45百万."""
    if active_language() == "zh":
        if value >= 1e8:
            return f"{figure(value / 1e8, 2)}亿"
        if value >= 1e4:
            return f"{figure(value / 1e4, 1 if value < 1e6 else 0)}万"
        return _formatted(float(round(value)), 0, True, get_language())
    if value >= 1e9:
        return _("{number} billion").format(number=figure(value / 1e9, 1))
    if value >= 1e6:
        return _("{number} million").format(number=figure(value / 1e6, 2))
    return _formatted(float(round(value)), 0, True, get_language())


@lru_cache(maxsize=8192)
def _formatted(value: float, decimals: int, grouping: bool, language: str | None) -> str:
    # number_format costs ~30 µs (it reads the language's formats each time); a ranking writes the same
    # figures (an RCA, a population) for many candidates. The language is part of the key.
    return number_format(value, decimal_pos=decimals, force_grouping=grouping)


# --- products ------------------------------------------------------------------------------------------------
def products_no_supply(*, place: str) -> str:
    return _("The products of {place} are not recorded, so product complementarity is unknown.").format(place=place)


def products_no_demand(*, place: str, candidate: str, supply: list[str]) -> str:
    return _(
        "{place} produces {supply}; {candidate} has no recorded demand for products, so product "
        "complementarity is unknown."
    ).format(place=place, supply=join(supply), candidate=candidate)


def products_matched(*, place: str, candidate: str, supply: list[str], matched: list[str], figures: str) -> str:
    return _("{place} produces {supply}; {candidate} demands or processes {matched} ({figures}).").format(
        place=place, supply=join(supply), candidate=candidate, matched=join(matched), figures=figures
    )


def products_unmatched(*, place: str, candidate: str, supply: list[str], demanded: list[str], figures: str) -> str:
    return _(
        "{place} produces {supply}; {candidate} demands none of them but {demanded} ({figures})."
    ).format(place=place, supply=join(supply), candidate=candidate, demanded=join(demanded), figures=figures)


def rca_figure(*, country: str, chapter: str, value: float, year: int) -> str:
    return _("RCA of {country} in HS {chapter}: {value}, {year}").format(
        country=country, chapter=chapter, value=figure(value), year=year
    )


def rca_missing(*, country: str) -> str:
    return _("no complete trade data by HS chapter for the RCA of {country}").format(country=country)


def tc_figure(*, exporter: str, importer: str, value: float, year: int) -> str:
    return _("trade complementarity {exporter}→{importer}: {value}, {year}").format(
        exporter=exporter, importer=importer, value=figure(value), year=year
    )


def tc_missing(*, exporter: str, importer: str) -> str:
    return _("no complete trade data by HS chapter for the complementarity {exporter}→{importer}").format(
        exporter=exporter, importer=importer
    )


def bilateral_figure(*, exporter: str, importer: str, chapter: str, value: float, year: int) -> str:
    return _("exports {exporter}→{importer} in HS {chapter}: US${value}, {year}").format(
        exporter=exporter, importer=importer, chapter=chapter, value=amount(value), year=year
    )


def figures(parts: list[str]) -> str:
    return _parts_separator().join(parts)


# --- sectors -------------------------------------------------------------------------------------------------
def sectors_unknown(*, names: list[str]) -> str:
    return _("The priority sectors of {names} are not recorded, so sector alignment is unknown.").format(
        names=join(names)
    )


def sectors_unknown_for_candidate(*, place: str, candidate: str, place_sectors: list[str]) -> str:
    return _(
        "{place} lists {place_sectors}; the priority sectors of {candidate} are not recorded, so sector "
        "alignment is unknown."
    ).format(place=place, place_sectors=join(place_sectors), candidate=candidate)


def sectors_shared(*, place: str, candidate: str, shared: list[str], place_count: int, candidate_count: int) -> str:
    return ngettext(
        "{place} and {candidate} share {count} priority sector: {shared} ({place} lists {place_count}, "
        "{candidate} {candidate_count}).",
        "{place} and {candidate} share {count} priority sectors: {shared} ({place} lists {place_count}, "
        "{candidate} {candidate_count}).",
        len(shared),
    ).format(
        place=place, candidate=candidate, count=len(shared), shared=join(shared), place_count=place_count,
        candidate_count=candidate_count,
    )


def sectors_none_shared(*, place: str, candidate: str, place_sectors: list[str], candidate_sectors: list[str]) -> str:
    return _("{place} lists {place_sectors}, {candidate} lists {candidate_sectors}: no priority sector in common.").format(
        place=place, place_sectors=join(place_sectors), candidate=candidate, candidate_sectors=join(candidate_sectors)
    )


# --- structure -----------------------------------------------------------------------------------------------
def structure_sentence(*, place: str, candidate: str, parts: list[str], missing: list[str]) -> str:
    if not parts:
        return _("Structural fit of {place} and {candidate} is unknown: {missing} not recorded.").format(
            place=place, candidate=candidate, missing=join(missing)
        )
    if missing:
        return _("{place} and {candidate}: {parts}; not recorded: {missing}.").format(
            place=place, candidate=candidate, parts=_parts_separator().join(parts), missing=join(missing)
        )
    return _("{place} and {candidate}: {parts}.").format(
        place=place, candidate=candidate, parts=_parts_separator().join(parts))


def coastal_part(*, place: str, candidate: str, place_coastal: bool, candidate_coastal: bool) -> str:
    if place_coastal and candidate_coastal:
        return _("both on the coast (blue economy)")
    if not place_coastal and not candidate_coastal:
        return _("both inland")
    coastal, inland = (place, candidate) if place_coastal else (candidate, place)
    return _("{coastal} is on the coast, {inland} is inland").format(coastal=coastal, inland=inland)


def population_part(*, place_value: float, candidate_value: float) -> str:
    return _("population {place_value} against {candidate_value}").format(
        place_value=amount(place_value), candidate_value=amount(candidate_value)
    )


def gdp_part(*, place_value: float, candidate_value: float, currency: str) -> str:
    if currency == "cny":
        return _("GDP {place_value} yuan against {candidate_value} yuan").format(
            place_value=amount(place_value), candidate_value=amount(candidate_value)
        )
    return _("GDP US${place_value} against US${candidate_value}").format(
        place_value=amount(place_value), candidate_value=amount(candidate_value)
    )


def climate_part(*, place_value: str, candidate_value: str) -> str:
    return _("climate {place_value} against {candidate_value}").format(
        place_value=place_value, candidate_value=candidate_value
    )


def agro_zone_part(*, place_value: str, candidate_value: str) -> str:
    return _("agro-ecological zone {place_value} against {candidate_value}").format(
        place_value=place_value, candidate_value=candidate_value
    )


def structure_missing_label(name: str) -> str:
    labels = {
        "coastal": _("coastline"),
        "population": _("population"),
        "gdp": _("GDP"),
        "climate": _("climate"),
        "agro_zone": _("agro-ecological zone"),
    }
    return labels[name]


# --- ties ----------------------------------------------------------------------------------------------------
def ties_partnered(*, place: str, candidate: str, titles: list[str]) -> str:
    return _("{candidate} is already a partner of {place} ({titles}).").format(
        candidate=candidate, place=place, titles=join(titles)
    )


def ties_sentence(*, place: str, candidate: str, country: str, open_names: list[str], open_count: int,
                  bridges: list[str]) -> str:
    parts = []
    if open_count:
        parts.append(
            ngettext(
                "{candidate} has a partnership with {count} other place in {country} ({names})",
                "{candidate} has partnerships with {count} other places in {country} ({names})",
                open_count,
            ).format(candidate=candidate, count=open_count, country=country, names=join(open_names))
        )
    if bridges:
        parts.extend(bridges)
    if not parts:
        return _(
            "No recorded partnership links {candidate} with {country} or with the places around {place}."
        ).format(candidate=candidate, country=country, place=place)
    return _("{ties}.").format(ties=_parts_separator().join(parts))


def bridge_sibling(*, via: str, parent: str) -> str:
    return _("{via}, also in {parent}, is already its partner").format(via=via, parent=parent)


def bridge_parent(*, via: str, place: str) -> str:
    return _("{via}, of which {place} is part, is already its partner").format(via=via, place=place)


def bridge_candidate_parent(*, via: str, place: str) -> str:
    return _("{via}, of which it is part, is already a partner of {place}").format(via=via, place=place)


def counted_at_mean(mean: float) -> str:
    return _("The score counts it at the candidates' average ({value}), neither for nor against.").format(
        value=number_format(round(mean, 2), decimal_pos=2))


# --- the whole ranking ---------------------------------------------------------------------------------------
def coverage_note(*, place: str, missing: list[str], demand_count: int, total: int) -> str:
    parts = []
    if missing:
        parts.append(
            _("Not recorded for {place}: {missing}; a figure not recorded for a candidate counts at the average of the others.").format(
                place=place, missing=join(missing)
            )
        )
    parts.append(
        ngettext(
            "{count} of {total} candidate has a recorded demand for products.",
            "{count} of {total} candidates have a recorded demand for products.",
            total,
        ).format(count=demand_count, total=total)
    )
    return " ".join(parts)


def place_missing_label(name: str) -> str:
    labels = {
        "products": _("products"),
        "sectors": _("priority sectors"),
        "trade": _("national trade data"),
    }
    return labels[name] if name in labels else structure_missing_label(name)
