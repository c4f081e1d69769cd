"""Loads national trade flows from data/trade/trade_flows*.csv, idempotently.

Every row is checked before anything is written (country codes, flow, HS code or TOTAL, year, value, source,
no duplicate key); a bad row raises TradeDataError naming its file and line, and nothing is loaded. The table
holds only what the files hold: a row removed from the files is deleted from the database.
"""

import re
from decimal import Decimal
from pathlib import Path

import pycountry
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from urafiki.core.loading import LoadReport, read_csv

from .models import HS_CODE_PATTERN, HS_TOTAL, WORLD, TradeFlow

COLUMNS = ("reporter", "partner", "flow", "hs_code", "year", "value_usd", "source")
FIRST_YEAR = 1988  # the Harmonized System came into force on 1 January 1988
HS_CODE = re.compile(HS_CODE_PATTERN)
VALUE = re.compile(r"^[0-9]+$")  # whole US dollars, no separators


class TradeDataError(ValueError):
    """The trade files are wrong; `errors` holds one message per problem, each naming its file and line."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


def _country_codes() -> set[str]:
    return {country.alpha_2 for country in pycountry.countries} | {WORLD}


def _checked_rows(paths: list[Path]) -> dict[tuple, dict]:
    """Every row of the files keyed by (reporter, partner, flow, hs_code, year), after checking all of them."""
    countries = _country_codes()
    flows = set(TradeFlow.Flow.values)
    this_year = timezone.localdate().year
    errors: list[str] = []
    rows: dict[tuple, dict] = {}
    seen: dict[tuple, str] = {}
    for path in paths:
        for index, row in enumerate(read_csv(path)):
            where = f"{path.name}, line {index + 2}"  # line 1 is the header
            missing = [column for column in COLUMNS if column not in row]
            if missing:
                errors.append(f"{where}: missing column(s) {', '.join(missing)}.")
                continue
            for column in ("reporter", "partner"):
                if row[column] not in countries:
                    errors.append(f"{where}: {column} {row[column]!r} is not an ISO 3166-1 alpha-2 code or {WORLD}.")
            if row["flow"] not in flows:
                errors.append(f"{where}: flow {row['flow']!r} is neither 'export' nor 'import'.")
            if not HS_CODE.match(row["hs_code"]):
                errors.append(f"{where}: HS code {row['hs_code']!r} is not 2, 4 or 6 digits nor {HS_TOTAL}.")
            year = int(row["year"]) if row["year"].isdigit() else None
            if year is None or not FIRST_YEAR <= year <= this_year:
                errors.append(f"{where}: year {row['year']!r} is not a year between {FIRST_YEAR} and {this_year}.")
            value = Decimal(row["value_usd"]) if VALUE.match(row["value_usd"]) else None
            if value is None:
                errors.append(
                    f"{where}: value {row['value_usd']!r} is not a whole, non-negative number of US dollars; "
                    "leave the row out when the value is unknown."
                )
            if not row["source"]:
                errors.append(f"{where}: the source is empty; every row needs the public source it comes from.")
            key = (row["reporter"], row["partner"], row["flow"], row["hs_code"], year)
            if key in seen:
                errors.append(f"{where}: the same flow, code and year as {seen[key]}.")
            seen.setdefault(key, where)
            rows[key] = {"value_usd": value, "source": row["source"]}
    if errors:
        raise TradeDataError(errors)
    return rows


@transaction.atomic
def trade_load(*, data_dir: Path | None = None) -> LoadReport:
    """(Re)load data/trade/trade_flows*.csv; a second run changes nothing."""
    data_dir = data_dir or settings.DATA_DIR
    paths = sorted((data_dir / "trade").glob("trade_flows*.csv"))
    wanted = _checked_rows(paths)
    report = LoadReport()
    existing = {
        (flow.reporter, flow.partner, flow.flow, flow.hs_code, flow.year): flow for flow in TradeFlow.objects.all()
    }
    created, updated = [], []
    for key, values in wanted.items():
        flow = existing.pop(key, None)
        if flow is None:
            reporter, partner, direction, hs_code, year = key
            created.append(TradeFlow(reporter=reporter, partner=partner, flow=direction, hs_code=hs_code,
                                     year=year, **values))
        elif flow.value_usd != values["value_usd"] or flow.source != values["source"]:
            flow.value_usd, flow.source = values["value_usd"], values["source"]
            updated.append(flow)
        else:
            report["tradeflow unchanged"] += 1
    # Rows are checked above with the same rules as the model's constraints, so bulk writes are safe.
    TradeFlow.objects.bulk_create(created, batch_size=500)
    TradeFlow.objects.bulk_update(updated, ["value_usd", "source"], batch_size=500)
    if existing:
        TradeFlow.objects.filter(pk__in=[flow.pk for flow in existing.values()]).delete()
    for name, count in (("created", len(created)), ("updated", len(updated)), ("deleted", len(existing))):
        if count:
            report[f"tradeflow {name}"] += count
    return report
