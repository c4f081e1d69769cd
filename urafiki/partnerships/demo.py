"""Demo content: real Kenya–China partnerships from public sources, so that a new user sees real records.

The rows live in data/partnerships/ (demo_partnerships.csv, demo_signatories.csv; see data/README.md), each
with the page it comes from. `manage.py load_demo_content` (run by `make run`) loads them through
services.partnership_create, the path every interface takes, so the same rules apply.

Idempotent without storing the CSV key anywhere: a row is skipped when a partnership of the same kind
between exactly the same places already exists (created by an earlier run, or entered by hand). Every row
is checked before anything is written, and the writes share one transaction: a bad row loads nothing, and
the error names the file and line.
"""

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone

from urafiki.core.loading import LoadReport, read_csv
from urafiki.places.models import Place
from urafiki.taxonomy.models import Product, Sector

from .lifecycle import INITIAL_STAGES
from .models import Partnership, PartnershipKind, PartnershipParty
from .services import SignatoryInput, SourceInput, partnership_create

PARTNERSHIPS_FILE = "demo_partnerships.csv"
SIGNATORIES_FILE = "demo_signatories.csv"
LIST_SEPARATOR = "|"  # inside a cell: parties, sectors, products
SOURCE_SEPARATOR = " ; "  # several sources in one cell, as in data/README.md
KEY_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TITLE_MAX_LENGTH = Partnership._meta.get_field("title").max_length
SOURCE_URL_MAX_LENGTH = 500  # StageChange.source_url


class DemoContentError(ValueError):
    """The demo files are wrong; `errors` holds one message per problem, each naming its file and line."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass
class DemoPartnership:
    """One checked row of demo_partnerships.csv, with its signatories from demo_signatories.csv."""

    where: str
    key: str
    title: str
    kind: str
    stage: str
    happened_on: datetime.date | None
    places: list[Place]
    sectors: list[Sector]
    products: list[Product]
    summary: str
    source_url: str
    source_title: str
    note: str
    signatories: list[SignatoryInput] = field(default_factory=list)
    signatory_sources: list[str] = field(default_factory=list)


def _where(path: Path, index: int) -> str:
    # Line 1 is the header; cells never hold line breaks (checked), so row i is on line i + 2.
    return f"{path.name}, line {index + 2}"


def _split(value: str, separator: str = LIST_SEPARATOR) -> list[str]:
    return [part.strip() for part in value.split(separator) if part.strip()]


def _check_cells(row: dict[str, str], where: str, errors: list[str]) -> None:
    if any("\n" in value or "\r" in value for value in row.values()):
        errors.append(f"{where}: a cell holds a line break; write each row on one line.")


def _check_sources(value: str, where: str, column: str, errors: list[str]) -> list[str]:
    urls = _split(value, ";")
    if not urls:
        errors.append(f"{where}: “{column}” is empty; every row needs the public page it comes from.")
    validate = URLValidator(schemes=["http", "https"])
    for url in urls:
        try:
            validate(url)
        except ValidationError:
            errors.append(f"{where}: “{url}” in “{column}” is not a web address.")
    return urls


def _parse_date(value: str, where: str, errors: list[str]) -> datetime.date | None:
    if not value:
        return None  # unknown stays unknown
    try:
        if not DATE_PATTERN.match(value):
            raise ValueError(value)
        date = datetime.date.fromisoformat(value)
    except ValueError:
        errors.append(f"{where}: date “{value}” is not an ISO date (YYYY-MM-DD); leave it empty when unknown.")
        return None
    if date > timezone.localdate():
        errors.append(f"{where}: date {value} is in the future.")
    return date


def _lookup(codes: list[str], known: dict, what: str, where: str, errors: list[str]) -> list:
    found = []
    for code in codes:
        if code in known:
            found.append(known[code])
        else:
            errors.append(f"{where}: unknown {what} “{code}”.")
    return found


def _parse_partnerships(path: Path, errors: list[str]) -> list[DemoPartnership]:
    rows = read_csv(path)
    all_codes = {code for row in rows for code in _split(row.get("parties", ""))}
    places = {place.code: place for place in Place.objects.filter(code__in=all_codes)}
    sectors = {sector.slug: sector for sector in Sector.objects.all()}
    products = {product.slug: product for product in Product.objects.all()}
    parsed: list[DemoPartnership] = []
    seen_keys: set[str] = set()
    for index, row in enumerate(rows):
        where = _where(path, index)
        _check_cells(row, where, errors)
        key = row.get("key", "")
        if not KEY_PATTERN.match(key):
            errors.append(f"{where}: key “{key}” is not a slug (lower-case letters, digits and hyphens).")
        elif key in seen_keys:
            errors.append(f"{where}: key “{key}” is used twice.")
        seen_keys.add(key)
        kind, stage, title = row.get("kind", ""), row.get("stage", ""), row.get("title", "")
        if kind not in PartnershipKind.values:
            errors.append(f"{where}: kind “{kind}” is not one of {', '.join(PartnershipKind.values)}.")
        if stage not in INITIAL_STAGES:
            errors.append(f"{where}: stage “{stage}” is not one of {', '.join(sorted(INITIAL_STAGES))}.")
        if len(title) > TITLE_MAX_LENGTH:
            errors.append(f"{where}: the title is longer than {TITLE_MAX_LENGTH} characters.")
        codes = _split(row.get("parties", ""))
        if len(set(codes)) != len(codes):
            errors.append(f"{where}: a place is listed twice in “parties”.")
        row_places = _lookup(codes, places, "place code", where, errors)
        if len(codes) < 2:
            errors.append(f"{where}: a partnership needs at least two places in “parties”.")
        for place in row_places:
            if place.admin_level == 0:
                errors.append(f"{where}: “{place.code}” is a country; partnerships are between local governments.")
        source_urls = _check_sources(row.get("source", ""), where, "source", errors)
        if len(source_urls) > 1:
            errors.append(f"{where}: give one page in “source”; name further pages in “note”.")
        elif source_urls and len(source_urls[0]) > SOURCE_URL_MAX_LENGTH:
            errors.append(f"{where}: the source address is longer than {SOURCE_URL_MAX_LENGTH} characters.")
        parsed.append(DemoPartnership(
            where=where, key=key, title=title, kind=kind, stage=stage,
            happened_on=_parse_date(row.get("date", ""), where, errors),
            places=row_places,
            sectors=_lookup(_split(row.get("sectors", "")), sectors, "sector", where, errors),
            products=_lookup(_split(row.get("products", "")), products, "product", where, errors),
            summary=row.get("summary", ""), source_url=source_urls[0] if source_urls else "",
            source_title=row.get("source_title", ""), note=row.get("note", ""),
        ))
    return parsed


def _parse_signatories(path: Path, partnerships: list[DemoPartnership], errors: list[str]) -> None:
    by_key = {partnership.key: partnership for partnership in partnerships}
    for index, row in enumerate(read_csv(path)):
        where = _where(path, index)
        _check_cells(row, where, errors)
        key, name, party = row.get("key", ""), row.get("name", ""), row.get("party", "")
        sources = _check_sources(row.get("source", ""), where, "source", errors)
        partnership = by_key.get(key)
        if partnership is None:
            errors.append(f"{where}: no partnership with key “{key}” in {PARTNERSHIPS_FILE}.")
            continue
        if not name:
            errors.append(f"{where}: the signatory has no name.")
        place = next((place for place in partnership.places if place.code == party), None)
        if place is None:
            errors.append(f"{where}: “{party}” is not a party to “{key}”.")
            continue
        partnership.signatories.append(SignatoryInput(name=name, title=row.get("title", ""), place=place))
        partnership.signatory_sources.extend(url for url in sources if url not in partnership.signatory_sources)


def _existing_kinds_and_parties(partnerships: list[DemoPartnership]) -> set[tuple[str, frozenset[int]]]:
    """(kind, set of place ids) of every partnership already recorded among the demo's places."""
    place_ids = {place.pk for partnership in partnerships for place in partnership.places}
    candidates = PartnershipParty.objects.filter(place_id__in=place_ids).values("partnership_id")
    parties: dict[int, set[int]] = defaultdict(set)
    kinds: dict[int, str] = {}
    for partnership_id, place_id, kind in PartnershipParty.objects.filter(
        partnership_id__in=candidates
    ).values_list("partnership_id", "place_id", "partnership__kind"):
        parties[partnership_id].add(place_id)
        kinds[partnership_id] = kind
    return {(kinds[pk], frozenset(place_ids)) for pk, place_ids in parties.items()}


def _note(partnership: DemoPartnership) -> str:
    # The signatories may be named in another page than the row's source: keep where, with the record.
    others = [url for url in partnership.signatory_sources if url != partnership.source_url]
    if not others:
        return partnership.note
    named_in = f"Signatories as named in: {SOURCE_SEPARATOR.join(others)}"
    return f"{partnership.note}\n{named_in}" if partnership.note else named_in


def partnerships_demo_read(*, data_dir: Path | None = None) -> list[DemoPartnership]:
    """Read and check both files; raise DemoContentError listing every problem."""
    directory = (data_dir or settings.DATA_DIR) / "partnerships"
    errors: list[str] = []
    partnerships = _parse_partnerships(directory / PARTNERSHIPS_FILE, errors)
    _parse_signatories(directory / SIGNATORIES_FILE, partnerships, errors)
    if errors:
        raise DemoContentError(errors)
    return partnerships


@transaction.atomic
def partnerships_demo_load(*, data_dir: Path | None = None) -> LoadReport:
    """Create the demo partnerships that are not there yet; a second run changes nothing."""
    partnerships = partnerships_demo_read(data_dir=data_dir)
    report = LoadReport()
    existing = _existing_kinds_and_parties(partnerships)
    for partnership in partnerships:
        signature = (partnership.kind, frozenset(place.pk for place in partnership.places))
        if signature in existing:
            report["partnership unchanged"] += 1
            continue
        try:
            partnership_create(
                places=partnership.places, kind=partnership.kind, stage=partnership.stage,
                happened_on=partnership.happened_on, title=partnership.title, summary=partnership.summary,
                sectors=partnership.sectors, products=partnership.products,
                signatories=partnership.signatories,
                source=SourceInput(url=partnership.source_url, text=partnership.source_title),
                note=_note(partnership), by_user=None,
            )
        except ValidationError as error:
            # The rows created so far roll back with the transaction: nothing is loaded.
            raise DemoContentError([f"{partnership.where}: {message}" for message in error.messages]) from error
        existing.add(signature)
        report["partnership created"] += 1
        if partnership.signatories:
            report["signatory created"] += len(partnership.signatories)
    return report
