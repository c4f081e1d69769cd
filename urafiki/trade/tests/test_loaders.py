"""The trade-flow loader: what it loads, that a reload changes nothing, and that a bad row loads nothing."""

import csv
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings

from urafiki.trade.loaders import TradeDataError, trade_load
from urafiki.trade.models import TradeFlow

pytestmark = pytest.mark.django_db

HEADER = ["reporter", "partner", "flow", "hs_code", "year", "value_usd", "source"]
GOOD = [
    ["KE", "CN", "export", "0902", "2023", "1000", "https://example.org/a"],
    ["KE", "CN", "export", "080440", "2023", "250", "https://example.org/a"],
    ["WLD", "WLD", "export", "09", "2023", "5000000", "https://example.org/b"],
]
WORLD_TOTAL = ["WLD", "WLD", "export", "TOTAL", "2023", "24900000000000", "https://example.org/c"]


def write(data_dir: Path, rows: list[list[str]]) -> Path:
    (data_dir / "trade").mkdir(parents=True, exist_ok=True)
    path = data_dir / "trade" / "trade_flows.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def shipped_rows() -> int:
    return sum(
        sum(1 for _ in csv.DictReader(path.open(encoding="utf-8")))
        for path in (settings.DATA_DIR / "trade").glob("trade_flows*.csv")
    )


def test_the_shipped_data_is_loaded_and_a_reload_changes_nothing():
    # The test database was loaded once by load_reference_data (conftest.py).
    report = trade_load()
    assert report.changed == 0, report.line()
    assert report["tradeflow unchanged"] == TradeFlow.objects.count() == shipped_rows()
    assert not TradeFlow.objects.filter(source="").exists()


def test_the_shipped_data_holds_the_series_partner_finding_needs():
    # What public sources gave so far (data/trade/README.md lists what is still missing).
    series = set(TradeFlow.objects.values_list("reporter", "partner", "flow").distinct())
    assert {("KE", "WLD", "export"), ("CN", "WLD", "import")} <= series
    flowers = TradeFlow.objects.get(reporter="KE", partner="WLD", flow="export", hs_code="0603", year=2022)
    assert flowers.value_usd == Decimal(425_000_000)
    china_2021 = TradeFlow.objects.filter(reporter="CN", partner="WLD", flow="import", year=2021)
    assert china_2021.exclude(hs_code="TOTAL").count() == 10  # the ten largest chapters, not all 97
    assert china_2021.get(hs_code="TOTAL").value_usd == Decimal(2_439_000_000_000)
    assert TradeFlow.objects.filter(reporter="WLD", partner="WLD", flow="export", hs_code="TOTAL").exists()


def test_loads_counts_and_values(tmp_path):
    write(tmp_path, GOOD)
    report = trade_load(data_dir=tmp_path)
    assert report["tradeflow created"] == 3
    assert report["tradeflow deleted"] == shipped_rows()  # the table holds what the files hold
    assert TradeFlow.objects.count() == 3
    tea = TradeFlow.objects.get(reporter="KE", partner="CN", flow="export", hs_code="0902", year=2023)
    assert tea.value_usd == Decimal(1000)
    assert trade_load(data_dir=tmp_path).changed == 0


def test_a_total_over_all_goods_loads_beside_the_codes(tmp_path):
    write(tmp_path, [*GOOD, WORLD_TOTAL])
    assert trade_load(data_dir=tmp_path)["tradeflow created"] == 4
    total = TradeFlow.objects.get(reporter="WLD", partner="WLD", flow="export", hs_code="TOTAL", year=2023)
    assert total.value_usd == Decimal(24_900_000_000_000)
    assert trade_load(data_dir=tmp_path).changed == 0


def test_the_database_refuses_a_code_that_is_neither_digits_nor_total():
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        TradeFlow.objects.create(reporter="KE", partner="WLD", flow="export", hs_code="ALL", year=2023,
                                 value_usd=1, source="s")


def test_a_corrected_value_is_updated_and_a_removed_row_deleted(tmp_path):
    write(tmp_path, GOOD)
    trade_load(data_dir=tmp_path)
    write(tmp_path, [[*GOOD[0][:5], "1200", GOOD[0][6]], GOOD[2]])
    report = trade_load(data_dir=tmp_path)
    assert (report["tradeflow updated"], report["tradeflow deleted"], report["tradeflow unchanged"]) == (1, 1, 1)
    assert TradeFlow.objects.get(hs_code="0902").value_usd == Decimal(1200)
    assert not TradeFlow.objects.filter(hs_code="080440").exists()


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (["KE", "CN", "export", "09021", "2023", "10", "s"], "trade_flows.csv, line 3: HS code '09021' is not 2, 4 or 6 digits nor TOTAL."),
        (["KE", "CN", "export", "HS09", "2023", "10", "s"], "trade_flows.csv, line 3: HS code 'HS09' is not 2, 4 or 6 digits nor TOTAL."),
        (["KE", "CN", "export", "total", "2023", "10", "s"],
         "trade_flows.csv, line 3: HS code 'total' is not 2, 4 or 6 digits nor TOTAL."),
        (["KE", "CN", "export", "0902", "2023", "-10", "s"],
         "trade_flows.csv, line 3: value '-10' is not a whole, non-negative number of US dollars; "
         "leave the row out when the value is unknown."),
        (["KE", "CN", "export", "0902", "2023", "", "s"],
         "trade_flows.csv, line 3: value '' is not a whole, non-negative number of US dollars; "
         "leave the row out when the value is unknown."),
        (["KEN", "CN", "export", "0902", "2023", "10", "s"],
         "trade_flows.csv, line 3: reporter 'KEN' is not an ISO 3166-1 alpha-2 code or WLD."),
        (["KE", "CN", "exports", "0902", "2023", "10", "s"],
         "trade_flows.csv, line 3: flow 'exports' is neither 'export' nor 'import'."),
        (["KE", "CN", "export", "0902", "23", "10", "s"],
         "trade_flows.csv, line 3: year '23' is not a year between 1988 and"),
        (["KE", "CN", "export", "0902", "2023", "10", ""],
         "trade_flows.csv, line 3: the source is empty; every row needs the public source it comes from."),
        (["KE", "CN", "export", "080440", "2023", "11", "s"],
         "trade_flows.csv, line 3: the same flow, code and year as trade_flows.csv, line 2."),
    ],
)
def test_a_bad_row_loads_nothing_and_names_its_line(tmp_path, bad, message):
    before = list(TradeFlow.objects.values_list("pk", "value_usd"))
    write(tmp_path, [GOOD[1], bad, GOOD[2]])
    with pytest.raises(TradeDataError) as raised:
        trade_load(data_dir=tmp_path)
    assert len(raised.value.errors) == 1
    assert raised.value.errors[0].startswith(message)
    assert list(TradeFlow.objects.values_list("pk", "value_usd")) == before


def test_a_bad_row_leaves_what_was_loaded_before(tmp_path):
    write(tmp_path, GOOD)
    trade_load(data_dir=tmp_path)
    write(tmp_path, [*GOOD, ["KE", "CN", "import", "85", "2023", "-1", "s"]])
    with pytest.raises(TradeDataError, match="line 5"):
        trade_load(data_dir=tmp_path)
    assert TradeFlow.objects.count() == 3


def test_the_load_command_reports_trade():
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("load_reference_data", stdout=out)
    assert f"trade: tradeflow unchanged: {shipped_rows()}" in out.getvalue()
