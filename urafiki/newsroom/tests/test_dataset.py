"""The newsroom's annotated articles (data/newsroom): every text listed once in articles.csv, every gold file
in the seeds' schema, its places in the registry and its sectors and products in the shared vocabulary. A
check of form only: nothing here reads what the evaluation articles say."""

import csv
import json
from pathlib import Path

import pytest

from urafiki.places.models import Place
from urafiki.taxonomy.models import Product, Sector

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parents[3] / "data" / "newsroom"
TYPES = {"letter_of_intent", "mou", "sister_city", "friendship", "cooperation_agreement", "renewal", "other"}
LEVELS = {"county", "province", "city", "state", "region", "district"}


def rows() -> list[dict]:
    with (DATA / "articles.csv").open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_every_article_is_listed_once_with_its_gold_file():
    listed = [row["file"] for row in rows()]
    on_disk = sorted(str(path.relative_to(DATA)) for split in ("dev", "evaluation", "evaluation2")
                     for path in (DATA / split).glob("*.txt"))
    assert sorted(listed) == on_disk
    for row in rows():
        assert row["split"] == row["file"].split("/")[0] and row["language"] in {"en", "zh-Hans", "zh-Hant"}
        assert row["source_url"] and row["source"], row["file"]
        gold = json.loads((DATA / row["file"]).with_suffix(".gold.json").read_text(encoding="utf-8"))
        assert gold["source_url"] == row["source_url"], row["file"]
        assert row["kind"] == ("positive" if gold["agreements"] else "negative"), row["file"]


def check_agreements(agreements: list[dict], file: str) -> None:
    sectors = set(Sector.objects.values_list("slug", flat=True))
    products = set(Product.objects.values_list("slug", flat=True))
    for agreement in agreements:
        where = f"{file}: {[p['name'] for p in agreement['parties']]}"
        assert agreement["type"] in TYPES, where
        assert len(agreement["parties"]) >= 2, where
        for party in agreement["parties"]:
            assert party["level"] in LEVELS and len(party["country"]) == 2, where
            if party["place"] is not None:
                assert Place.objects.filter(country_code=party["country"], name_en=party["place"],
                                            admin_level__in=(1, 2)).exists(), (where, party["place"])
        assert set(agreement["sectors"]) <= sectors, where
        assert set(agreement["products"]) <= products, where
        names = {party["name"] for party in agreement["parties"]}
        assert all(person["party"] in names for person in agreement["people"]), where


def test_gold_agreements_use_the_registry_and_the_vocabulary():
    for row in rows():
        gold = json.loads((DATA / row["file"]).with_suffix(".gold.json").read_text(encoding="utf-8"))
        check_agreements(gold["agreements"], row["file"])


@pytest.mark.parametrize("sample", ["dev_a", "dev_b", "dev_c", "dev_d", "evaluation"])
def test_the_second_annotation_covers_listed_articles_in_the_same_schema(sample):
    """second_annotation/: the same articles annotated again, blind, to measure agreement between annotators."""
    split = {row["file"]: row["split"] for row in rows()}
    lines = (DATA / "second_annotation" / f"{sample}.jsonl").read_text(encoding="utf-8").splitlines()
    files = [json.loads(line)["file"] for line in lines]
    assert len(files) == len(set(files)) == 24
    assert {split[file] for file in files} == {"evaluation" if sample == "evaluation" else "dev"}
    for line in lines:
        record = json.loads(line)
        check_agreements(record["agreements"], record["file"])
