"""Loads the shared vocabulary from data/taxonomy/*.csv."""

from pathlib import Path

from django.conf import settings
from django.db import transaction

from urafiki.core.loading import LoadReport, read_csv, upsert

from .models import Product, Sector
from .selectors import vocabulary_changed

LANGUAGES = ("en", "zh", "sw")


def _synonyms(row: dict[str, str]) -> dict[str, list[str]]:
    return {
        lang: [w.strip() for w in row.get(f"synonyms_{lang}", "").split("|") if w.strip()] for lang in LANGUAGES
    }


def _labels(row: dict[str, str]) -> dict:
    return {
        "name_en": row["name_en"],
        "name_zh": row["name_zh"],
        "name_sw": row["name_sw"],
        "synonyms": _synonyms(row),
        "source": row["source"],
    }


@transaction.atomic
def taxonomy_load(*, data_dir: Path | None = None) -> LoadReport:
    data_dir = data_dir or settings.DATA_DIR
    report = LoadReport()
    sectors = {}
    for row in read_csv(data_dir / "taxonomy" / "sectors.csv"):
        sectors[row["slug"]] = upsert(Sector, {"slug": row["slug"]}, _labels(row), report)
    for row in read_csv(data_dir / "taxonomy" / "products.csv"):
        sector = sectors.get(row["sector"]) if row.get("sector") else None
        if row.get("sector") and sector is None:
            raise ValueError(f"product {row['slug']}: unknown sector {row['sector']!r}")
        values = {**_labels(row), "hs_code": row["hs_code"], "sector": sector}
        upsert(Product, {"slug": row["slug"]}, values, report)
    transaction.on_commit(vocabulary_changed)
    return report
