"""Partner ranking (partners/ranking.py): the four factors, their sentences, unknown kept unknown, the trade
measures computed by hand on tiny data, and the ranking cache."""

import math
from unittest import mock

import numpy as np
import pytest
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.utils import translation

from urafiki.core.caching import content_changed
from urafiki.partners import measures
from urafiki.partners import ranking as ranking_module
from urafiki.partners.measures import (
    TradeData,
    chapter_vector,
    complementarity_for,
    rca_for,
    revealed_comparative_advantage,
    shares,
    trade_complementarity,
)
from urafiki.partners.profiles import profiles_clear
from urafiki.partners.ranking import (
    DEFAULT_WEIGHTS,
    FACTORS,
    Target,
    parse_weights,
    partner_fit,
    partner_suggestions,
)
from urafiki.partnerships.tests.test_services import kilifi_mou
from urafiki.places.models import Place, PlaceFact, PlaceProduct, PlaceSector
from urafiki.taxonomy.models import Product, Sector
from urafiki.trade.models import TradeFlow

pytestmark = pytest.mark.django_db
PROVINCES = Target(country="CN", admin_level=1)
SOURCE = "test data"


def place(code: str) -> Place:
    return Place.objects.get(code=code)


def demands(code: str, *slugs: str) -> None:
    for slug in slugs:
        PlaceProduct.objects.get_or_create(place=place(code), product=Product.objects.get(slug=slug),
                                           role="demands", defaults={"source": SOURCE})


def factor(candidate, name):
    return next(f for f in candidate.factors if f.name == name)


def find(ranking, code):
    return next(c for c in [*ranking.candidates, *ranking.partnered] if c.place.code == code)


def new_place(code: str, parent: str, *, name: str, population=None, coastal=None, products=(), demanded=(),
              sectors=()) -> Place:
    parent_place = place(parent)
    created = Place.objects.create(code=code, country_code=parent_place.country_code, admin_level=1,
                                   kind="county" if parent == "KE" else "province", parent=parent_place,
                                   name_en=name)
    if population is not None:
        PlaceFact.objects.create(place=created, fact="population", value=str(population), year=2020, source=SOURCE)
    if coastal is not None:
        PlaceFact.objects.create(place=created, fact="coastal", value="yes" if coastal else "no", source=SOURCE)
    for slug in products:
        PlaceProduct.objects.create(place=created, product=Product.objects.get(slug=slug), source=SOURCE)
    for slug in demanded:
        PlaceProduct.objects.create(place=created, product=Product.objects.get(slug=slug), role="demands",
                                    source=SOURCE)
    for slug in sectors:
        PlaceSector.objects.create(place=created, sector=Sector.objects.get(slug=slug), source=SOURCE)
    return created


def tiny_trade() -> None:
    """Kenya exports 30 in HS 08, 10 in HS 25, 60 in HS 85; the world 10, 500 and 490; China imports 20 in
    HS 08, 60 in HS 85 and 20 in HS 27; Kenya exports 5 to China in HS 08 and nothing else (2023)."""
    TradeFlow.objects.all().delete()
    rows = [
        ("KE", "WLD", "export", "08", 30), ("KE", "WLD", "export", "25", 10), ("KE", "WLD", "export", "85", 60),
        ("WLD", "WLD", "export", "08", 10), ("WLD", "WLD", "export", "25", 500), ("WLD", "WLD", "export", "85", 490),
        ("CN", "WLD", "import", "08", 20), ("CN", "WLD", "import", "85", 60), ("CN", "WLD", "import", "27", 20),
        ("KE", "CN", "export", "08", 5),
    ]
    TradeFlow.objects.bulk_create(
        TradeFlow(reporter=r, partner=p, flow=f, hs_code=hs, year=2023, value_usd=v, source=SOURCE)
        for r, p, f, hs, v in rows
    )


# --- the trade measures, by hand --------------------------------------------------------------------------------
def test_balassa_rca_by_hand():
    country = chapter_vector({"08": 30, "25": 10, "85": 60})
    world = chapter_vector({"08": 10, "25": 500, "85": 490})
    rca = revealed_comparative_advantage(shares(country), shares(world), ~np.isnan(country) & ~np.isnan(world))
    # (30/100) / (10/1000) = 30; (10/100) / (500/1000) = 0.2; (60/100) / (490/1000) = 1.2245
    assert rca[8] == pytest.approx(30.0)
    assert rca[25] == pytest.approx(0.2)
    assert rca[85] == pytest.approx(0.6 / 0.49)
    assert np.isnan(rca[27])  # neither reports it: unknown, not 0


def test_rca_against_the_published_totals():
    """Kenya's flowers (0603) of its total exports, against the world's chapter 06 of the world's total."""
    data = TradeData.from_rows([
        ("KE", "WLD", "export", "0603", 2022, 600, "cbk"), ("KE", "WLD", "export", "TOTAL", 2022, 6000, "knbs"),
        ("WLD", "WLD", "export", "06", 2022, 10, "w"), ("WLD", "WLD", "export", "TOTAL", 2022, 1000, "w"),
    ])
    rca = rca_for(data, "KE")
    assert rca.year == 2022 and rca.values[6] == pytest.approx((600 / 6000) / (10 / 1000))
    assert np.isnan(rca.values[9])  # tea: not given, unknown
    assert rca.source == "cbk ; knbs ; w"


def test_michaely_tc_by_hand():
    exports = chapter_vector({"08": 30, "25": 10, "85": 60})
    imports = chapter_vector({"08": 20, "85": 60, "27": 20})
    # 1 − ½(|.2 − .3| + |0 − .1| + |.6 − .6| + |.2 − 0|) = 1 − ½ · 0.4 = 0.8
    assert trade_complementarity(shares(exports), shares(imports)) == pytest.approx(0.8)
    assert trade_complementarity(shares(exports), shares(exports)) == pytest.approx(1.0)
    assert trade_complementarity(shares(chapter_vector({"08": 1})), shares(chapter_vector({"85": 1}))) == 0.0


def test_tc_counts_the_unreported_remainder_as_one_group():
    data = TradeData.from_rows([
        ("KE", "WLD", "export", "08", 2023, 30, "k"), ("KE", "WLD", "export", "85", 2023, 65, "k"),
        ("KE", "WLD", "export", "TOTAL", 2023, 100, "k"),
        ("CN", "WLD", "import", "08", 2023, 20, "c"), ("CN", "WLD", "import", "85", 2023, 72, "c"),
        ("CN", "WLD", "import", "TOTAL", 2023, 100, "c"),
    ])
    # remainders .05 and .08: 1 − ½(|.2 − .3| + |.72 − .65| + |.08 − .05|) = 1 − ½ · 0.2 = 0.9
    assert complementarity_for(data, "KE", "CN").value == pytest.approx(0.9)
    partial = TradeData.from_rows([
        ("KE", "WLD", "export", "08", 2023, 30, "k"), ("KE", "WLD", "export", "TOTAL", 2023, 100, "k"),
        ("CN", "WLD", "import", "08", 2023, 20, "c"), ("CN", "WLD", "import", "TOTAL", 2023, 100, "c"),
    ])
    assert complementarity_for(partial, "KE", "CN") is None  # 70 % of Kenya's exports not given by chapter


def test_a_chapter_is_its_own_row_or_the_sum_of_its_headings():
    vector = chapter_vector({"0801": 3, "0804": 4, "85": 10, "8501": 99, "090111": 2})
    assert vector[8] == 7 and vector[85] == 10 and vector[9] == 2
    assert np.isnan(vector[27])


def test_a_partial_basket_gives_no_rca_and_no_tc():
    """China's ten largest import chapters against Kenya's flowers: shares of so little would be made up."""
    data = TradeData.from_rows([
        *(("CN", "WLD", "import", f"{chapter:02d}", 2021, 10, "top ten") for chapter in range(1, 11)),
        ("KE", "WLD", "export", "0603", 2021, 823, "flowers"), ("WLD", "WLD", "export", "06", 2021, 100, "w"),
    ])
    assert complementarity_for(data, "KE", "CN") is None and rca_for(data, "KE") is None


def test_measures_take_the_latest_year_both_sides_report(tiny_baskets):
    data = TradeData.from_rows([
        ("KE", "WLD", "export", "08", 2022, 1, "a"), ("KE", "WLD", "export", "08", 2023, 3, "a"),
        ("KE", "WLD", "export", "85", 2023, 1, "a"), ("WLD", "WLD", "export", "08", 2022, 1, "w"),
        ("WLD", "WLD", "export", "85", 2022, 3, "w"), ("CN", "WLD", "import", "08", 2023, 1, "c"),
    ])
    rca = rca_for(data, "KE")
    assert rca.year == 2022 and rca.values[8] == pytest.approx((1 / 1) / (1 / 4))
    tc = complementarity_for(data, "KE", "CN")
    assert tc.year == 2023 and tc.value == pytest.approx(1 - 0.5 * (abs(1 - 0.75) + abs(0 - 0.25)))
    assert complementarity_for(data, "KE", "TZ") is None and rca_for(data, "TZ") is None


# --- the factors on a place built for the test, by hand ---------------------------------------------------------
@pytest.fixture
def tiny_baskets(monkeypatch):
    """The tiny trade data has 3 chapters: let 3 count as a whole basket for RCA and TC."""
    monkeypatch.setattr(measures, "MIN_CHAPTERS", 1)


def test_every_factor_and_the_score_computed_by_hand(tiny_baskets):
    tiny_trade()
    new_place("KE-T1", "KE", name="Pwani Test", population=1_000_000, coastal=True,
              products=["coconut", "salt"], sectors=["tourism", "agriculture"])
    new_place("CN-T1", "CN", name="Test Province", population=10_000_000, coastal=True,
              demanded=["coconut", "cashew"], sectors=["tourism", "health", "trade"])
    candidate = find(partner_suggestions(place("KE-T1"), target=PROVINCES, limit=100), "CN-T1")

    products = factor(candidate, "products")
    # supply: coconut 1 (RCA 30 ≥ 1) × ease 1 (Kenya exports to China in HS 08);
    #         salt ½ (RCA 0.2 < 1) × ease ¾ (the pair reports trade, none in HS 25) = 0.375
    # supply side = (1·1 + 0.375·0) / 2 = 0.5; demand side: coconut 1, cashew ½ (same chapter as coconut) → 0.75
    assert products.value == pytest.approx(math.sqrt(0.5 * 0.75))
    supply = {item["product"]: item for item in products.data["supply"]}
    assert supply["coconut"]["rca"] == pytest.approx(30.0) and supply["salt"]["rca"] == pytest.approx(0.2)
    assert (supply["salt"]["supply"], supply["salt"]["ease"]) == (0.5, 0.75)
    assert products.data["trade_complementarity"]["value"] == pytest.approx(0.8)
    assert products.explanation == (
        "Pwani Test produces Coconut and Salt; Test Province demands or processes Cashew nuts and Coconut "
        "(RCA of Kenya in HS 08: 30.00, 2023; trade complementarity Kenya→China: 0.80, 2023)."
    )
    assert factor(candidate, "sectors").value == pytest.approx(1 / math.sqrt(2 * 3))  # Ochiai: 1 shared of 2 and 3
    structure = factor(candidate, "structure")
    assert structure.value == pytest.approx((1.0 + 1 / (1 + 1)) / 2)  # both coastal; ten times the population
    assert structure.data["gdp"] is None and "not recorded: GDP, climate and agro-ecological zone" in (
        structure.explanation)
    assert factor(candidate, "ties").value == 0.0
    expected = (0.4 * math.sqrt(0.375) + 0.25 / math.sqrt(6) + 0.2 * 0.75 + 0.15 * 0) / 1.0
    assert candidate.score == pytest.approx(expected)
    assert candidate.coverage == pytest.approx(1.0)


def test_unknown_stays_none_and_counts_at_the_candidates_average():
    new_place("KE-T2", "KE", name="Known County", population=500_000, products=["mango"], sectors=["tourism"])
    new_place("CN-T2", "CN", name="Silent Province")  # no demand, no sector, no fact
    ranking = partner_suggestions(place("KE-T2"), target=PROVINCES, limit=100)
    candidate = find(ranking, "CN-T2")
    values = {f.name: f.value for f in candidate.factors}
    assert values == {"products": None, "sectors": None, "structure": None, "ties": 0.0}
    assert candidate.coverage == pytest.approx(DEFAULT_WEIGHTS["ties"])
    # Each unknown factor at the mean of the candidates that have it (those of the whole target, not only the
    # 100 shown): recomputed here from every candidate's values.
    everyone = partner_suggestions(place("KE-T2"), target=PROVINCES, limit=10_000, include_partnered=True)
    means = {}
    for name in DEFAULT_WEIGHTS:
        known = [factor(c, name).value for c in everyone.candidates if factor(c, name).value is not None]
        means[name] = sum(known) / len(known)
    expected = sum(DEFAULT_WEIGHTS[n] * (values[n] if values[n] is not None else means[n]) for n in DEFAULT_WEIGHTS)
    assert candidate.score == pytest.approx(expected)
    assert factor(candidate, "products").data["counted_at_mean"] == pytest.approx(means["products"], abs=1e-4)
    assert factor(candidate, "products").explanation == (
        "Known County produces Mango; Silent Province has no recorded demand for products, so product "
        "complementarity is unknown. The score counts it at the candidates' average ({:.2f}), neither for nor "
        "against.".format(means["products"])
    )
    assert factor(candidate, "sectors").explanation.startswith(
        "Known County lists Tourism; the priority sectors of Silent Province are not recorded, so sector "
        "alignment is unknown. The score counts it at the candidates' average ("
    )


def test_a_thinly_documented_candidate_does_not_outrank_a_documented_fit():
    """Ranked on its known factors alone, a candidate known only for its coast came first (Macao for Kilifi)."""
    new_place("KE-T4", "KE", name="Coast County", population=1_000_000, coastal=True, products=["mango"],
              sectors=["tourism", "agriculture"])
    new_place("CN-T4", "CN", name="Coast Only", population=1_000_000, coastal=True)
    new_place("CN-T5", "CN", name="Fitting Province", population=1_000_000, coastal=True, demanded=["mango"],
              sectors=["tourism", "agriculture"])
    codes = [c.place.code for c in partner_suggestions(place("KE-T4"), target=PROVINCES, limit=100).candidates]
    assert codes.index("CN-T5") < codes.index("CN-T4")


def test_a_place_with_an_empty_profile_gets_a_ranking_on_what_is_known():
    new_place("KE-T3", "KE", name="Empty County")
    ranking = partner_suggestions(place("KE-T3"), target=PROVINCES, limit=5)
    assert len(ranking.candidates) == 5
    for candidate in ranking.candidates:
        assert [f.value for f in candidate.factors][:3] == [None, None, None]
        assert candidate.coverage == pytest.approx(DEFAULT_WEIGHTS["ties"])
    assert ranking.coverage_note.startswith(
        "Not recorded for Empty County: products, priority sectors, coastline, population, GDP, climate"
    )
    assert "agro-ecological zone" in ranking.coverage_note and "counts at the average of the others" in (
        ranking.coverage_note)
    first = ranking.candidates[0]
    assert factor(first, "products").explanation == (
        "The products of Empty County are not recorded, so product complementarity is unknown."
    )


# --- Kilifi against China's provinces ---------------------------------------------------------------------------
def test_kilifi_candidates_are_explained_with_its_real_products_and_sectors():
    demands("CN-GD", "coconut", "cashew")
    ranking = partner_suggestions(place("KE-14"), target=PROVINCES, limit=5)
    assert len(ranking.candidates) == 5
    kilifi_sectors = [s.sector.name for s in PlaceSector.objects.filter(place__code="KE-14")]
    assert {"Tourism", "Blue economy"} <= set(kilifi_sectors)
    for candidate in ranking.candidates:
        products = factor(candidate, "products").explanation
        assert products.startswith("Kilifi produces ") and all(
            name in products for name in ("Coconut", "Cashew nuts", "Mango", "Baobab"))
        sectors = factor(candidate, "sectors").explanation
        assert any(name in sectors for name in kilifi_sectors), sectors
    guangdong = find(partner_suggestions(place("KE-14"), target=PROVINCES, limit=34), "CN-GD")
    explanation = factor(guangdong, "products").explanation
    demanded = explanation.split("Guangdong demands or processes ", 1)[1].split(" (", 1)[0]
    assert "Cashew nuts" in demanded and "Coconut" in demanded, explanation


def test_jiangxi_is_shown_as_already_partnered_and_left_out_by_default():
    kilifi_mou()
    ranking = partner_suggestions(place("KE-14"), target=PROVINCES, limit=34)
    assert [c.place.code for c in ranking.partnered] == ["CN-JX"]
    assert "CN-JX" not in [c.place.code for c in ranking.candidates]
    jiangxi = ranking.partnered[0]
    assert jiangxi.already_partnered and factor(jiangxi, "ties").value == 1.0
    assert factor(jiangxi, "ties").explanation == (
        "Jiangxi is already a partner of Kilifi (Kilifi – Jiangxi – Jiujiang)."
    )
    included = partner_suggestions(place("KE-14"), target=PROVINCES, limit=34, include_partnered=True)
    assert "CN-JX" in [c.place.code for c in included.candidates]
    assert "KE-14" not in [c.place.code for c in included.candidates]


def test_a_partner_of_jiangxi_is_bridged_to_jiujiangs_neighbours():
    """Jiujiang's neighbour Nanchang (same province): Kilifi is a partner of Jiangxi and Jiujiang, so for
    Nanchang looking at Kenya, Kilifi is reached through its neighbour Jiujiang and its parent Jiangxi."""
    kilifi_mou()
    counties = Target(country="KE", admin_level=1)
    nanchang = Place.objects.get(country_code="CN", admin_level=2, name_en="Nanchang")
    kilifi = find(partner_suggestions(nanchang, target=counties, limit=47), "KE-14")
    ties = factor(kilifi, "ties")
    # openness: 2 places of China (Jiangxi, Jiujiang) → 2/3; a bridge counts half: 1 − (1 − 2/3)(1 − ½)
    assert ties.value == pytest.approx(5 / 6) and set(ties.data["bridges"]) == {"CN-JX", "CN-360400"}
    assert "Jiangxi, of which Nanchang is part, is already its partner" in ties.explanation


def test_changing_the_weights_reorders_the_candidates():
    demands("CN-GD", "coconut", "cashew", "mango", "baobab")
    demands("CN-YN", "mango")
    by_products = partner_suggestions(place("KE-14"), target=PROVINCES, limit=34,
                                      weights={"products": 1, "sectors": 0, "structure": 0, "ties": 0})
    by_sectors = partner_suggestions(place("KE-14"), target=PROVINCES, limit=34,
                                     weights={"products": 0, "sectors": 1, "structure": 0, "ties": 0})
    assert by_products.candidates[0].place.code == "CN-GD"
    # An unknown sector alignment counts at the candidates' average (ranking.py).
    sector_values = [factor(c, "sectors").value if factor(c, "sectors").value is not None
                     else factor(c, "sectors").data["counted_at_mean"] for c in by_sectors.candidates]
    assert sector_values == sorted(sector_values, reverse=True) and sector_values[0] > 0
    assert [c.place.code for c in by_products.candidates] != [c.place.code for c in by_sectors.candidates]


def test_the_same_weights_give_the_same_order():
    first = partner_suggestions(place("KE-14"), target=PROVINCES, limit=34)
    second = partner_suggestions(place("KE-14"), target=PROVINCES, limit=34, weights=dict(DEFAULT_WEIGHTS))
    assert [c.place.code for c in first.candidates] == [c.place.code for c in second.candidates]
    scores = [(c.score, c.coverage) for c in first.candidates]
    assert scores == sorted(scores, reverse=True)


def test_explanations_follow_the_active_language_for_names():
    demands("CN-GD", "coconut")
    with translation.override("zh-hans"):
        guangdong = find(partner_suggestions(place("KE-14"), target=PROVINCES, limit=34), "CN-GD")
        assert "广东" in guangdong.place.name
    assert "基利菲" in factor(guangdong, "products").explanation and "椰子" in factor(guangdong, "products").explanation


def test_the_fit_of_one_pair_is_its_line_in_the_ranking():
    kilifi_mou()
    ranking = partner_suggestions(place("KE-14"), target=PROVINCES, limit=34, include_partnered=True)
    for code in ("CN-JX", "CN-GD"):
        in_ranking = find(ranking, code)
        fit = partner_fit(place("KE-14"), place(code))
        assert (fit.score, fit.coverage, fit.already_partnered) == (
            in_ranking.score, in_ranking.coverage, in_ranking.already_partnered)
        assert [f.explanation for f in fit.factors] == [f.explanation for f in in_ranking.factors]
    with pytest.raises(ValidationError) as refused:
        partner_fit(place("KE-14"), place("KE-14"))
    assert refused.value.message_dict == {"b": ["Choose two different places."]}


# --- weights ----------------------------------------------------------------------------------------------------
def test_weights_are_normalised_and_default_when_absent():
    assert parse_weights({}) == pytest.approx(DEFAULT_WEIGHTS)
    assert parse_weights({"w_products": "2", "w_sectors": "1", "w_structure": "1", "w_ties": "0"}) == (
        pytest.approx({"products": 0.5, "sectors": 0.25, "structure": 0.25, "ties": 0.0}))


@pytest.mark.parametrize(("raw", "errors"), [
    ({"w_products": "lots"}, {"w_products": ["Enter a number."]}),
    ({"w_ties": "nan"}, {"w_ties": ["Enter a number."]}),
    ({"w_sectors": "-0.5"}, {"w_sectors": ["A weight cannot be negative."]}),
    ({f"w_{name}": "0" for name in FACTORS}, {"weights": ["At least one weight must be above zero."]}),
])
def test_bad_weights_are_refused_by_factor(raw, errors):
    with pytest.raises(ValidationError) as refused:
        parse_weights(raw)
    assert refused.value.message_dict == errors


# --- caching ----------------------------------------------------------------------------------------------------
@pytest.fixture
def page_cache(settings):
    settings.CACHES = {**settings.CACHES, "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                                   "LOCATION": "partners-test"}}
    caches["pages"].clear()
    yield
    caches["pages"].clear()
    profiles_clear()


def test_a_ranking_is_kept_until_the_data_behind_it_changes(page_cache, django_capture_on_commit_callbacks):
    kilifi = place("KE-14")
    with mock.patch.object(ranking_module, "ranking_compute", wraps=ranking_module.ranking_compute) as compute:
        partner_suggestions(kilifi, target=PROVINCES)
        partner_suggestions(kilifi, target=PROVINCES)
        assert compute.call_count == 1
        partner_suggestions(kilifi, target=PROVINCES, weights={"products": 1, "sectors": 1, "structure": 1,
                                                                 "ties": 1})
        assert compute.call_count == 2  # other weights, another entry
        with django_capture_on_commit_callbacks(execute=True):
            content_changed()
        kilifi_after = partner_suggestions(kilifi, target=PROVINCES)
        assert compute.call_count == 3
    assert [c.place.code for c in kilifi_after.candidates]
