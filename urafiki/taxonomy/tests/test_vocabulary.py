import re
from pathlib import Path

import pytest
from django.conf import settings

from urafiki.taxonomy.models import Product, Sector
from urafiki.taxonomy.selectors import products_in_text, sectors_in_text

pytestmark = pytest.mark.django_db

HAN = re.compile(r"[\u4e00-\u9fff]")
SEED = Path(settings.BASE_DIR).parent / "shared" / "seeds" / "000_608129ebe1547182.txt"
SECTORS = (
    "agriculture tourism trade investment health education culture technology digital_economy blue_economy "
    "infrastructure energy manufacturing youth environment water transport governance security sports"
).split()


def test_the_twenty_sectors_in_three_languages():
    assert sorted(Sector.objects.values_list("slug", flat=True)) == sorted(SECTORS)
    for sector in Sector.objects.all():
        assert sector.name_en and sector.name_sw and HAN.search(sector.name_zh), sector.slug
        assert sector.name_sw.lower() != sector.name_en.lower() or sector.slug == "technology", sector.slug
        assert sector.source


def test_products_have_hs_codes_and_three_languages():
    products = Product.objects.all()
    assert products.count() >= 40
    for product in products:
        assert re.fullmatch(r"\d{2}(\d{2}){0,2}", product.hs_code), product.slug
        assert product.name_en and product.name_sw and HAN.search(product.name_zh), product.slug
        assert "HS" in product.source, product.slug
    expected = {
        "avocado": "080440", "tea": "0902", "coffee": "0901", "macadamia": "080262", "mango": "080450",
        "cut_flowers": "0603", "sesame": "120740",
    }
    for slug, hs_code in expected.items():
        assert Product.objects.get(slug=slug).hs_code == hs_code, slug


def test_kenyan_flagship_produce_and_chinese_exports_are_covered():
    slugs = set(Product.objects.values_list("slug", flat=True))
    kenyan = {"avocado", "tea", "coffee", "macadamia", "cashew", "mango", "coconut", "baobab", "cut_flowers",
              "sesame", "titanium_ore", "fish"}
    chinese = {"machinery", "electronics", "steel", "textiles", "vehicles"}
    assert kenyan <= slugs, kenyan - slugs
    assert chinese <= slugs, chinese - slugs


@pytest.mark.skipif(not SEED.exists(), reason="the seed articles live in ../shared")
def test_seed_article_sectors_and_products():
    """The sectors and products the gold file of seed 000 gives for the Kilifi agreement."""
    text = SEED.read_text(encoding="utf-8")
    kilifi = text[: text.index("Another county")]
    assert {"baobab", "mango", "coconut"} <= set(products_in_text(kilifi, language="en"))
    assert {"agriculture", "tourism", "culture", "blue_economy", "health", "youth", "technology"} <= set(
        sectors_in_text(kilifi, language="en")
    )


def test_matching_respects_language_and_word_boundaries():
    assert products_in_text("Exports of mangoes and Hass avocados rose.", language="en") == ["mango", "avocado"]
    assert products_in_text("肯尼亚牛油果和芒果出口到中国。", language="zh") == ["avocado", "mango"]
    assert products_in_text("Wakulima wa maembe na nazi.", language="sw") == ["mango", "coconut"]
    assert "coconut" not in products_in_text("The Nazi era", language="en")
    assert products_in_text("teacher", language="en") == []


def test_matching_sees_an_edited_vocabulary(admin_client):
    assert sectors_in_text("a kabaddi tournament", language="en") == []
    sports = Sector.objects.get(slug="sports")
    response = admin_client.post(
        f"/admin/taxonomy/sector/{sports.pk}/change/",
        {"slug": "sports", "name_en": "Sports", "name_zh": "体育", "name_sw": "michezo",
         "synonyms": '{"en": ["kabaddi"]}', "source": sports.source},
    )
    assert response.status_code == 302
    assert sectors_in_text("a kabaddi tournament", language="en") == ["sports"]


def test_english_labels_match_in_the_plural_too():
    assert sectors_in_text("renewable energies and new technologies", language="en") == ["energy", "technology"]


def test_words_news_use_for_fields_of_cooperation():
    # synonyms added after the blind batches dev 481–520 (medicine, science, environmental management, 公共政策)
    text = "cooperation in medicine, science, environmental management and industrial development"
    assert sectors_in_text(text, language="en") == ["health", "technology", "environment", "manufacturing"]
    assert sectors_in_text("在文化、旅游、公共政策等事项中分享经验", language="zh") == ["culture", "tourism", "governance"]


def test_industry_is_manufacturing_unless_another_field_owns_it():
    # round 10: "tourism, trade and industry", 食品加工; the tourism and cultural industries stay theirs
    assert sectors_in_text("promotion of tourism, trade and industry", language="en") == ["tourism", "trade", "manufacturing"]
    assert sectors_in_text("the tourism industry and the cultural industries", language="en") == ["tourism", "culture"]
    assert sectors_in_text("在文化旅游、食品加工等多个领域", language="zh") == ["culture", "tourism", "manufacturing"]


def test_a_bridge_of_friendship_and_innovation_alone_name_no_field():
    # round 11: Chinese news builds 友谊的桥梁 and 创新 cooperation models; building bridges and 科技创新 are fields
    assert sectors_in_text("架起两市友谊的桥梁，创新合作模式", language="zh") == []
    assert sectors_in_text("在桥梁建设、科技创新等领域合作", language="zh") == ["infrastructure", "technology"]
